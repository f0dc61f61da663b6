import * as fc from 'fast-check';
import { OutgoingHttpHeader } from 'node:http';
import { LoopbackRequest } from '../faults/support/loopback-client';
import { expectContractHolds, FuzzTarget, fuzzParameters, startFuzzTarget } from './support/fuzz-target';
import { ODD_API_REQUEST, ODD_REQUEST } from './support/odd-request.arbitraries';

/** The ids the API promises to echo (ErrorResponseDto: "echoes X-Request-Id"), and the only kind it may send back. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const PROPERTY_TIMEOUT_MS = 60_000;

/** What the server sees of a header Node sent: list values joined, optional whitespace trimmed. */
function asReceived(value: OutgoingHttpHeader | undefined): string | undefined {
  if (value === undefined) return undefined;
  const joined = Array.isArray(value) ? value.join(', ') : String(value);
  return joined.replace(/^[ \t]+|[ \t]+$/g, '');
}

describe('fuzzing routes, methods and headers', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  it.each<[string, fc.Arbitrary<LoopbackRequest>, number]>([
    ['any route and method', ODD_REQUEST, 150],
    ['POST to the API routes', ODD_API_REQUEST, 100],
  ])('holds the contract for %s with odd API keys, request ids, content types and encodings', async (_case, requests, runs) => {
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        const response = await expectContractHolds(target, request);

        const returnedId = String(response.headers['x-request-id'] ?? '');
        expect(returnedId).toMatch(SAFE_REQUEST_ID);
        const sentId = asReceived(request.headers?.['x-request-id']);
        if (sentId !== undefined && SAFE_REQUEST_ID.test(sentId)) expect(returnedId).toBe(sentId);
      }),
      fuzzParameters(runs),
    );
  }, PROPERTY_TIMEOUT_MS);

  it('still answers a normal request after the fuzzing', async () => {
    const response = await target.send({ method: 'GET', path: '/health' });
    expect(response.status).toBe(200);
  });
});
