import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import { requestIdOf } from '../http/request-id';

/** Who asked, for the audit trail and responses: never the key itself. */
export interface CallerContext {
  readonly requestId: string;
  readonly caller: string;
}

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return { requestId: requestIdOf(request), caller: ApiKeyVerifier.callerOf(request) ?? 'anonymous' };
});
