import { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { FastifyRequest } from 'fastify';
import { ApiKeyVerifier, PresentedKey } from './api-key.verifier';

/**
 * Bucket of a request for rate limits and execution slots: its API key when the key is valid, else
 * its IP address. Invalid keys fall back to the IP so that guessing keys cannot open fresh buckets.
 */
export function callerBucketOf(request: FastifyRequest, key: PresentedKey | undefined): string {
  return key?.valid ? `key:${key.fingerprint}` : `ip:${request.ip ?? 'unknown'}`;
}

export function rateLimitTracker(verifier: ApiKeyVerifier): ThrottlerGetTrackerFunction {
  return (req) => {
    const request = req as FastifyRequest;
    return callerBucketOf(request, verifier.enabled ? verifier.keyOf(request) : undefined);
  };
}
