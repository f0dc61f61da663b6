import { ExecutionContext } from '@nestjs/common';
import { Environment, loadAppConfig } from '@app/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachRequestContext, contextOfRequest, RequestContext } from '../context/request-context';
import { ApiKeyVerifier } from './api-key.verifier';
import { CallerRegistry } from './caller-registry';
import { rateLimitTracker } from './rate-limit-tracker';

/** The tracker reads only the request. */
const NO_CONTEXT = {} as ExecutionContext;

const requestFrom = (address: string, apiKey?: string): Record<string, unknown> => {
  const request = {};
  attachRequestContext(request, new RequestContext('req', address, apiKey === undefined ? {} : { 'x-api-key': apiKey }, () => '/execute'));
  return request;
};

const trackerFor = (env: Environment) => rateLimitTracker(new ApiKeyVerifier(new CallerRegistry(loadAppConfig(env))));

describe(rateLimitTracker.name, () => {
  it.each<[string, string | undefined, string | undefined, string]>([
    ['a valid key', 'key-a,key-b', 'key-b', 'caller:default'],
    ['a wrong key', 'key-a', 'guess', 'ip:10.0.0.7'],
    ['no key', 'key-a', undefined, 'ip:10.0.0.7'],
    ['any key while authentication is off', undefined, 'made-up', 'ip:10.0.0.7'],
  ])('puts a request with %s in its bucket, and records it as the caller', async (_case, keys, sent, bucket) => {
    const request = requestFrom('10.0.0.7', sent);

    expect(await trackerFor({ API_AUTH_KEY: keys })(request, NO_CONTEXT)).toBe(bucket);
    // What the execution share reads afterwards: the same identity, judged once.
    expect(contextOfRequest(request).caller?.bucket).toBe(bucket);
  });

  it('gives every caller its own bucket, and the keys of one caller one bucket', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys.yaml');
    writeFileSync(file, 'keys:\n  - {id: team-a, key: team-a-key-0123456789, tier: read}\n  - {id: team-b, key: team-b-key-0123456789, tier: read}\n');
    const sut = trackerFor({ API_AUTH_KEY: 'old-default-key-0123,new-default-key-0123', API_KEYS_FILE: file });
    const buckets = await Promise.all(
      ['team-a-key-0123456789', 'team-b-key-0123456789', 'old-default-key-0123', 'new-default-key-0123'].map((key) => sut(requestFrom('10.0.0.7', key), NO_CONTEXT)),
    );
    expect(buckets).toEqual(['caller:team-a', 'caller:team-b', 'caller:default', 'caller:default']);
  });
});
