import { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';
import { ApiKeyVerifier } from './api-key.verifier';

/**
 * Rate-limit bucket of a request: its API key when the key is valid, else its IP address.
 * Invalid keys fall back to the IP so that guessing keys cannot open fresh buckets.
 */
export function rateLimitTracker(verifier: ApiKeyVerifier): ThrottlerGetTrackerFunction {
  return (req) => {
    const request = req as FastifyRequest;
    const key = verifier.enabled ? verifier.keyOf(request) : undefined;
    return key?.valid ? `key:${key.fingerprint}` : `ip:${request.ip ?? 'unknown'}`;
  };
}
