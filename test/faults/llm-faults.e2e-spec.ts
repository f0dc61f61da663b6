import { RunningApp, startApp } from '../support/app-harness';
import { LlmBehaviour, ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { postJson } from './support/loopback-client';
import { errorShapeProblems, leakedInternals } from './support/response-contract';

/**
 * Builds on test/api/llm-faults.e2e-spec.ts (status mapping): here every fault must be answered
 * within LLM_TIMEOUT plus slack, must not poison the cache or the in-flight map (the SAME query
 * works right after), and must not leave the upstream connection open.
 */
const KEY = 'test-key';
const LLM_TIMEOUT_MS = 1_000;
/** Generous: the machine is shared and noisy; a hang would take the whole 30 s test timeout. */
const ANSWER_BOUND_MS = LLM_TIMEOUT_MS + 2_500;
const NORMAL_REPLY = 'kubectl get deployments';

describe('LLM faults: bounded answers, then the next request works', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  let caseNumber = 0;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => NORMAL_REPLY });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-fault', LLM_TIMEOUT: String(LLM_TIMEOUT_MS / 1000) });
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
  });
  beforeEach(() => llm.reset());

  const ask = (query: string) => postJson(sut.url, '/kubectl-command', { query }, KEY, ANSWER_BOUND_MS + 5_000);

  it.each<[string, number, string, LlmBehaviour]>([
    ['slow beyond LLM_TIMEOUT', 504, 'LLM_TIMEOUT', { kind: 'reply', content: NORMAL_REPLY, delayMs: LLM_TIMEOUT_MS * 4 }],
    ['hanging before headers', 504, 'LLM_TIMEOUT', { kind: 'hang' }],
    ['hanging after the headers', 504, 'LLM_TIMEOUT', { kind: 'hang', afterHeaders: true }],
    ['answering 500 every time', 502, 'LLM_UPSTREAM_ERROR', { kind: 'status', status: 500 }],
    ['answering 429 without Retry-After', 502, 'LLM_UPSTREAM_RATE_LIMITED', { kind: 'status', status: 429 }],
    ['answering 429 with a Retry-After past the deadline', 502, 'LLM_UPSTREAM_RATE_LIMITED', { kind: 'status', status: 429, retryAfterSeconds: 3600 }],
    ['answering a truncated JSON body', 502, 'LLM_BAD_RESPONSE', { kind: 'malformed-json' }],
    ['answering an HTML page', 502, 'LLM_BAD_RESPONSE', { kind: 'html' }],
    ['answering an empty choice list', 502, 'LLM_BAD_RESPONSE', { kind: 'empty-choices' }],
    ['answering 2 MB of text', 422, 'LLM_OUTPUT_INVALID', { kind: 'reply', content: 'kubectl get pods '.repeat(120_000) }],
    ['resetting the connection mid-response', 502, 'LLM_UNREACHABLE', { kind: 'reset', when: 'mid-body' }],
    ['resetting the connection after the headers', 502, 'LLM_UNREACHABLE', { kind: 'reset', when: 'after-headers' }],
    ['resetting the connection before the headers', 502, 'LLM_UNREACHABLE', { kind: 'reset', when: 'before-headers' }],
  ])('answers an LLM %s with %i %s in bounded time', async (_case, status, code, behaviour) => {
    const query = `show the deployments, fault case ${++caseNumber}`;
    llm.reply(() => behaviour);

    const failed = await ask(query);

    expect({ status: failed.status, error: (failed.json as { error?: string }).error }).toEqual({ status, error: code });
    expect(errorShapeProblems(failed)).toEqual([]);
    expect(leakedInternals(failed)).toEqual([]);
    expect(failed.text).not.toContain('sk-fault');
    expect(failed.elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
    // The app gave up on every upstream call it made: none is left open.
    await llm.waitUntil((server) => server.calls.every((call) => call.aborted || !isHang(behaviour)), 3_000);

    llm.reply(() => NORMAL_REPLY);
    const next = await ask(query);

    expect(next.status).toBe(200);
    expect(next.json).toMatchObject({ kubectl_command: NORMAL_REPLY, from_cache: false });
    expect(next.elapsedMs).toBeLessThan(ANSWER_BOUND_MS);
  });

  it('fails every identical request waiting on one hung call, with one upstream call, then recovers', async () => {
    const query = 'list the deployments while the model hangs';
    llm.reply(() => ({ kind: 'hang' }));

    const failed = await Promise.all(Array.from({ length: 8 }, () => ask(query)));

    expect(failed.map((response) => response.status)).toEqual(Array(8).fill(504));
    expect(Math.max(...failed.map((response) => response.elapsedMs))).toBeLessThan(ANSWER_BOUND_MS);
    expect(llm.callCount).toBe(1);

    llm.reply(() => NORMAL_REPLY);
    const next = await Promise.all(Array.from({ length: 4 }, () => ask(query)));

    expect(next.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(llm.callCount).toBe(2);
  });

  it('keeps serving other queries while one query hangs upstream', async () => {
    llm.reply((call) => (call.userMessage?.includes('stuck') ? { kind: 'hang' } : NORMAL_REPLY));

    let stuckSettled = false;
    const stuck = ask('the stuck query').finally(() => (stuckSettled = true));
    await llm.waitUntil((server) => server.callCount === 1);
    const others = await Promise.all([ask('an unrelated query'), ask('another unrelated query')]);

    expect(others.map((response) => response.status)).toEqual([200, 200]);
    expect(stuckSettled).toBe(false);
    expect((await stuck).status).toBe(504);
  });
});

function isHang(behaviour: LlmBehaviour): boolean {
  return behaviour.kind === 'hang' || (behaviour.kind === 'reply' && (behaviour.delayMs ?? 0) > LLM_TIMEOUT_MS);
}
