import { ExecutionContext } from '@nestjs/common';
import { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { contextOfRequest, requestContextOf } from '../context/request-context';
import { CallerScope } from './caller';
import { ApiKeyVerifier } from './api-key.verifier';

/** Rate-limit bucket of a request: its API key when the key is valid, else its client address. */
export function rateLimitTracker(verifier: ApiKeyVerifier): ThrottlerGetTrackerFunction {
  return (request: Record<string, unknown>) => verifier.identify(contextOfRequest(request)).bucket;
}

/** The request's caller's own rate limit, or undefined for RATE_LIMIT (no valid key). */
export function callerRateLimit(verifier: ApiKeyVerifier, context: ExecutionContext): CallerScope['rateLimit'] | undefined {
  return verifier.identify(requestContextOf(context)).scope?.rateLimit;
}
