import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { API_KEY_HEADER, ApiKeyVerifier } from '../auth/api-key.verifier';
import { requestIdOf } from '../http/request-id';

/** Who asked, for the audit trail and responses: never the key itself. */
export interface CallerContext {
  readonly requestId: string;
  readonly caller: string;
}

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerContext => {
  const request = context.switchToHttp().getRequest<Request>();
  const key = request.header(API_KEY_HEADER);
  return { requestId: requestIdOf(request), caller: key ? ApiKeyVerifier.fingerprint(key) : 'anonymous' };
});
