import * as fc from 'fast-check';
import { errorShapeProblems } from '../faults/support/response-contract';
import { expectContractHolds, FUZZ_KEY, FuzzTarget, fuzzParameters, startFuzzTarget } from './support/fuzz-target';
import { DTO_LIKE_BODY } from './support/odd-input.arbitraries';

/** The other fuzz specs run with a huge RATE_LIMIT so 429s cannot mask anything; here 429s are the point. */
describe('fuzzing past the rate limit', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget({ RATE_LIMIT: '3/minute' });
  });
  afterAll(async () => {
    await target?.close();
  });

  it('answers every request over the limit with 429 in the error shape, with Retry-After', async () => {
    const key = fc.constantFrom(FUZZ_KEY, 'wrong-key', undefined);
    const route = fc.constantFrom('/kubectl-command', '/execute');
    const body = fc.oneof(DTO_LIKE_BODY, fc.constantFrom('{"query":"list pods"}', '{"execute":"kubectl get pods"}'));
    let limited = 0;

    await fc.assert(
      fc.asyncProperty(route, key, body, async (path, apiKey, payload) => {
        const headers = { 'content-type': 'application/json', ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) };
        const response = await expectContractHolds(target, { method: 'POST', path, headers, body: payload });
        if (response.status !== 429) return;
        limited++;
        expect(errorShapeProblems(response)).toEqual([]);
        expect(response.json).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED' });
        expect(Number(response.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }),
      fuzzParameters(40),
    );

    // Three requests per client and minute: nearly every case of the run is over the limit.
    expect(limited).toBeGreaterThan(20);
  }, 30_000);
});
