import { ExecutionContext } from '@nestjs/common';
import { loadAppConfig } from '@app/config';
import { attachRequestContext, contextOfRequest, RequestContext } from '../context/request-context';
import { ApiKeyVerifier } from './api-key.verifier';
import { rateLimitTracker } from './rate-limit-tracker';

/** The tracker reads only the request. */
const NO_CONTEXT = {} as ExecutionContext;

const requestFrom = (address: string, apiKey?: string): Record<string, unknown> => {
  const request = {};
  attachRequestContext(request, new RequestContext('req', address, apiKey === undefined ? {} : { 'x-api-key': apiKey }, () => '/execute'));
  return request;
};

describe(rateLimitTracker.name, () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['a valid key', 'key-a,key-b', 'key-b', `key:${ApiKeyVerifier.fingerprint('key-b')}`],
    ['a wrong key', 'key-a', 'guess', 'ip:10.0.0.7'],
    ['no key', 'key-a', undefined, 'ip:10.0.0.7'],
    ['any key while authentication is off', undefined, 'made-up', 'ip:10.0.0.7'],
  ])('puts a request with %s in its bucket, and records it as the caller', async (_case, keys, sent, bucket) => {
    const request = requestFrom('10.0.0.7', sent);
    const sut = rateLimitTracker(new ApiKeyVerifier(loadAppConfig({ API_AUTH_KEY: keys })));

    expect(await sut(request, NO_CONTEXT)).toBe(bucket);
    // What the execution share reads afterwards: the same identity, judged once.
    expect(contextOfRequest(request).caller?.bucket).toBe(bucket);
  });

  it('gives every valid key its own bucket', async () => {
    const sut = rateLimitTracker(new ApiKeyVerifier(loadAppConfig({ API_AUTH_KEY: 'key-a,key-b' })));
    const buckets = await Promise.all(['key-a', 'key-b'].map((key) => sut(requestFrom('10.0.0.7', key), NO_CONTEXT)));
    expect(new Set(buckets).size).toBe(2);
  });
});
