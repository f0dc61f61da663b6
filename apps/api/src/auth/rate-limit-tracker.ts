import { ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { Request } from 'express';
import { API_KEY_HEADER, ApiKeyVerifier } from './api-key.verifier';

/**
 * Rate-limit bucket of a request: its API key when the key is valid, else its IP address.
 * Invalid keys fall back to the IP so that guessing keys cannot open fresh buckets.
 */
export function rateLimitTracker(verifier: ApiKeyVerifier): ThrottlerGetTrackerFunction {
  return (req) => {
    const request = req as Request;
    const key = request.header(API_KEY_HEADER);
    if (key && verifier.enabled && verifier.isValid(key)) return `key:${ApiKeyVerifier.fingerprint(key)}`;
    return `ip:${request.ip ?? 'unknown'}`;
  };
}
