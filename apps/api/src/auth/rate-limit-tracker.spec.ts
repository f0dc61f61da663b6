import { ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { loadAppConfig } from '@app/config';
import { ApiKeyVerifier } from './api-key.verifier';
import { callerBucketOf, rateLimitTracker } from './rate-limit-tracker';

/** The tracker reads only the request. */
const NO_CONTEXT = {} as ExecutionContext;

const requestFrom = (ip: string, apiKey?: string): FastifyRequest =>
  ({ ip, headers: apiKey === undefined ? {} : { 'x-api-key': apiKey } }) as unknown as FastifyRequest;

describe(rateLimitTracker.name, () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['a valid key', 'key-a,key-b', 'key-b', `key:${ApiKeyVerifier.fingerprint('key-b')}`],
    ['a wrong key', 'key-a', 'guess', 'ip:10.0.0.7'],
    ['no key', 'key-a', undefined, 'ip:10.0.0.7'],
    ['any key while authentication is off', undefined, 'made-up', 'ip:10.0.0.7'],
  ])('puts a request with %s in its bucket, and the caller context agrees', async (_case, keys, sent, bucket) => {
    const request = requestFrom('10.0.0.7', sent);
    const sut = rateLimitTracker(new ApiKeyVerifier(loadAppConfig({ API_AUTH_KEY: keys })));

    expect(await sut(request, NO_CONTEXT)).toBe(bucket);
    // What the Caller decorator reads afterwards, from the key the tracker judged.
    expect(callerBucketOf(request, ApiKeyVerifier.judgedKeyOf(request))).toBe(bucket);
  });

  it('gives every valid key its own bucket', async () => {
    const sut = rateLimitTracker(new ApiKeyVerifier(loadAppConfig({ API_AUTH_KEY: 'key-a,key-b' })));
    const buckets = await Promise.all(['key-a', 'key-b'].map((key) => sut(requestFrom('10.0.0.7', key), NO_CONTEXT)));
    expect(new Set(buckets).size).toBe(2);
  });
});

describe(callerBucketOf.name, () => {
  it('counts a request nobody judged as keyless', () => {
    expect(callerBucketOf(requestFrom('10.0.0.8', 'key-a'), undefined)).toBe('ip:10.0.0.8');
  });
});
