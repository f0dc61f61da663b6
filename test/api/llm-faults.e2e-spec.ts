import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { freePort } from '../support/ports';

const KEY = { 'X-API-Key': 'test-key' };

describe('LLM faults through the API', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  let query = 0;
  const ask = () => request(sut.url).post('/kubectl-command').set(KEY).send({ query: `fault case ${++query}` });

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ apiKey: 'sk-right-key' });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-right-key', LLM_TIMEOUT: '1.5' });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });
  beforeEach(() => llm.reset());

  it.each([
    ['an upstream 401', { kind: 'status', status: 401 }, 502, 'LLM_UPSTREAM_AUTH'],
    ['an upstream 403', { kind: 'status', status: 403 }, 502, 'LLM_UPSTREAM_AUTH'],
    ['a persistent 429', { kind: 'status', status: 429, retryAfterSeconds: 0 }, 502, 'LLM_UPSTREAM_RATE_LIMITED'],
    ['a persistent 500', { kind: 'status', status: 500 }, 502, 'LLM_UPSTREAM_ERROR'],
    ['a malformed body', { kind: 'malformed-json' }, 502, 'LLM_BAD_RESPONSE'],
    ['an empty choice list', { kind: 'empty-choices' }, 502, 'LLM_BAD_RESPONSE'],
    ['a hang', { kind: 'hang' }, 504, 'LLM_TIMEOUT'],
  ] as const)('maps %s to %i %s, then serves the next request', async (_case, behaviour, status, code) => {
    llm.reply(() => behaviour);

    const response = await ask().expect(status);

    expect(response.body).toMatchObject({ statusCode: status, error: code });
    expect(response.body.request_id).toEqual(expect.any(String));
    expect(JSON.stringify(response.body)).not.toContain('sk-right-key');

    llm.reply(() => 'kubectl get pods');
    await ask().expect(200);
  });

  it('retries a transient 503 and succeeds', async () => {
    llm.enqueue({ kind: 'status', status: 503 }, 'kubectl get nodes');

    const response = await ask().expect(200);

    expect(response.body.kubectl_command).toBe('kubectl get nodes');
    expect(llm.callCount).toBe(2);
  });

  it('answers 502 LLM_UNREACHABLE when nothing listens at OPENAI_BASE_URL', async () => {
    const app = await startApp({ OPENAI_BASE_URL: `http://127.0.0.1:${await freePort()}/v1`, OPENAI_API_KEY: 'sk-x' });
    try {
      const response = await request(app.url).post('/kubectl-command').set(KEY).send({ query: 'list pods' }).expect(502);
      expect(response.body.error).toBe('LLM_UNREACHABLE');
    } finally {
      await app.close();
    }
  });

  it('starts without an LLM configured and answers 503 naming the variables to set', async () => {
    const app = await startApp({ OPENAI_BASE_URL: undefined, OPENAI_API_KEY: undefined });
    try {
      await request(app.url).get('/health').expect(200, { status: 'healthy' });
      const response = await request(app.url).post('/kubectl-command').set(KEY).send({ query: 'list pods' }).expect(503);
      expect(response.body.error).toBe('LLM_NOT_CONFIGURED');
      expect(response.body.message).toMatch(/OPENAI_API_KEY/);
      expect(response.body.message).toMatch(/OPENAI_BASE_URL/);
    } finally {
      await app.close();
    }
  });
});
