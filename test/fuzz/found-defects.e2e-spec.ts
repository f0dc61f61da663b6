import { exchangeRaw } from '../faults/support/loopback-client';
import { errorShapeProblems } from '../faults/support/response-contract';
import { expectContractHolds, FUZZ_KEY, FuzzTarget, startFuzzTarget } from './support/fuzz-target';

/**
 * Defects the fuzzing found (both answered wrongly at commit 9331313), kept as regression tests.
 * The properties in the other fuzz specs stay below each trigger, so that a return of one of
 * these fails here, by name, rather than somewhere in a random property run.
 */
const JSON_HEADERS = { 'content-type': 'application/json', 'x-api-key': FUZZ_KEY };

function nestedArrays(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('defects found by fuzzing', () => {
  let target: FuzzTarget;

  beforeAll(async () => {
    target = await startFuzzTarget();
  });
  afterAll(async () => {
    await target?.close();
  });

  // A 40 KB body nested 20 000 deep parses fine, then used to overflow the stack in class-transformer
  // (TransformOperationExecutor.transform) or ValidationPipe.stripProtoKeys: 500 INTERNAL_ERROR.
  it.each([
    ['arrays in an unknown field', '/kubectl-command', `{"query":"list pods","extra":${nestedArrays(20_000)}}`],
    ['objects as the query', '/kubectl-command', `{"query":${nestedObjects(20_000)}}`],
    ['objects as the command', '/execute', `{"execute":${nestedObjects(20_000)}}`],
    ['a bare nested array', '/execute', nestedArrays(20_000)],
  ])('answers a deeply nested body (%s) with 400, not 500', async (_case, path, body) => {
    const response = await expectContractHolds(target, { method: 'POST', path, headers: JSON_HEADERS, body });

    expect(response.status).toBe(400);
  });

  // Node's HTTP parser rejects headers over 16 KB before the app sees the request; unhandled, it
  // answers a bare "431 Request Header Fields Too Large": no body, no request id, not the error shape.
  it('answers headers over 16 KB (a huge X-API-Key) in the error shape', async () => {
    const response = await target.send({
      method: 'POST',
      path: '/kubectl-command',
      headers: { ...JSON_HEADERS, 'x-api-key': 'k'.repeat(20_000) },
      body: '{"query":"list pods"}',
    });

    expect(response.status).toBe(431);
    expect(errorShapeProblems(response)).toEqual([]);
  });

  // Node's own HTTP client sends an OPTIONS, DELETE or TRACE body without Content-Length, so the
  // server reads the body as the start of a next request and fails to parse it. A request that was
  // already answered must not get a second response appended: the client then fails with "Parse
  // Error: Data after `Connection: close`" (or, on a kept-alive connection, pairs answers wrongly).
  it('answers a request followed by bytes that are not HTTP with one response, not two', async () => {
    const reply = await exchangeRaw(target.app.url, ['OPTIONS /?q= HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\nnull']);

    expect(reply.match(/HTTP\/1\.1 \d{3} /g)).toHaveLength(1);
  });

  it('lets a Node client that sends OPTIONS with a body read the answer', async () => {
    const response = await target.send({ method: 'OPTIONS', path: '/?q=', headers: { 'x-api-key': '' }, body: 'null' });

    expect([400, 404]).toContain(response.status);
    expect(errorShapeProblems(response)).toEqual([]);
  });
});
