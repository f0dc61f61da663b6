import { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { contextOfRequest } from '../context/request-context';
import { ApiKeyVerifier } from './api-key.verifier';

/** Rate-limit bucket of a request: its API key when the key is valid, else its client address. */
export function rateLimitTracker(verifier: ApiKeyVerifier): ThrottlerGetTrackerFunction {
  return (request: Record<string, unknown>) => verifier.identify(contextOfRequest(request)).bucket;
}
