import * as fc from 'fast-check';
import { expectContractHolds, FUZZ_KEY, FuzzTarget, fuzzParameters, startFuzzTarget } from './support/fuzz-target';
import { DTO_LIKE_BODY, KUBECTLISH_COMMAND, ODD_VALUE, oddString, RAW_BODY } from './support/odd-input.arbitraries';

/**
 * Bad input on the two API routes: no 5xx, no stack trace or server path, the error shape on
 * every error. The scripted LLM always answers normally, so a 502/503/504 can only be the app's.
 */
const API_ROUTES = ['/kubectl-command', '/execute'] as const;
const ROUTE = fc.constantFrom(...API_ROUTES);
const JSON_HEADERS = { 'content-type': 'application/json', 'x-api-key': FUZZ_KEY };
const PROPERTY_TIMEOUT_MS = 60_000;

describe('fuzzing the request bodies of POST /kubectl-command and POST /execute', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  const post = (path: string, body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) =>
    expectContractHolds(target, { method: 'POST', path, headers, body });

  it('holds the contract for arbitrary JSON documents', async () => {
    await fc.assert(
      fc.asyncProperty(ROUTE, ODD_VALUE, async (path, value) => {
        await post(path, JSON.stringify(value) ?? 'null');
      }),
      fuzzParameters(60),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('holds the contract for objects shaped like the request DTOs, with odd keys and values of every type', async () => {
    await fc.assert(
      fc.asyncProperty(ROUTE, DTO_LIKE_BODY, async (path, body) => {
        const response = await post(path, body);
        if (response.status === 400) expect((response.json as { error: string }).error).toMatch(/^[A-Z_]+$/);
      }),
      fuzzParameters(120),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('passes queries of unusual unicode to the model, or refuses them with 400', async () => {
    const query = fc.tuple(oddString(60), fc.constantFrom('list pods', 'show deployments in x', '')).map(([odd, words]) => `${odd} ${words} ${odd}`);
    await fc.assert(
      fc.asyncProperty(query, fc.boolean(), async (text, execute) => {
        const response = await post('/kubectl-command', JSON.stringify({ query: text, execute }));
        expect([200, 400]).toContain(response.status);
      }),
      fuzzParameters(40),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('holds the contract for command lines near what the policy accepts, sent to run', async () => {
    await fc.assert(
      fc.asyncProperty(KUBECTLISH_COMMAND, fc.boolean(), async (command, dryRun) => {
        const response = await post('/execute', JSON.stringify({ execute: command, dry_run: dryRun }));
        expect([200, 400, 403]).toContain(response.status);
      }),
      fuzzParameters(60),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('holds the contract for bodies that are not JSON, or not UTF-8, under any content type', async () => {
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/octet-stream');
    await fc.assert(
      fc.asyncProperty(ROUTE, RAW_BODY, contentType, async (path, body, type) => {
        await post(path, body, { 'content-type': type, 'x-api-key': FUZZ_KEY });
      }),
      fuzzParameters(60),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('still answers a normal request after the fuzzing', async () => {
    const response = await post('/kubectl-command', JSON.stringify({ query: 'list the pods' }));
    expect(response.status).toBe(200);
  });
});
