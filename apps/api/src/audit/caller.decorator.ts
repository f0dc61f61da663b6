import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import { callerBucketOf } from '../auth/rate-limit-tracker';
import { requestIdOf } from '../http/request-id';

/** Who asked, for the audit trail and responses: never the key itself. */
export interface CallerContext {
  readonly requestId: string;
  readonly caller: string;
  /** The rate-limit bucket (`key:<fingerprint>` or `ip:<address>`), which also shares execution slots fairly. */
  readonly bucket: string;
}

export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest>();
  return {
    requestId: requestIdOf(request),
    caller: ApiKeyVerifier.callerOf(request) ?? 'anonymous',
    bucket: callerBucketOf(request, ApiKeyVerifier.judgedKeyOf(request)),
  };
});
