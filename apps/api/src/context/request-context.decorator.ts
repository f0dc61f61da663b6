import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { requestContextOf } from './request-context';

/** Injects the request's adapter-neutral context into a controller method. */
export const Context = createParamDecorator((_data: unknown, host: ExecutionContext) => requestContextOf(host));
