import { Environment } from '@app/config';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

interface ReadinessAnswer {
  readonly status: number;
  readonly body: { checks?: Record<string, { status?: string; message?: string }>; message?: string };
}

async function readiness(url: string): Promise<ReadinessAnswer> {
  const response = await request(url).get('/health/ready').expect('Content-Type', /json/);
  return { status: response.status, body: response.body };
}

/** Redis connects (and notices it is gone) in the background, so its effect is awaited, not assumed. */
async function readinessOnceItAnswers(url: string, status: number, timeoutMs = 10_000): Promise<ReadinessAnswer> {
  const deadline = Date.now() + timeoutMs;
  let answer = await readiness(url);
  while (answer.status !== status && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    answer = await readiness(url);
  }
  return answer;
}

function checksDown(answer: ReadinessAnswer): string[] {
  return Object.entries(answer.body.checks ?? {})
    .filter(([, check]) => check.status !== 'up')
    .map(([name]) => name)
    .sort();
}

// Each case boots an app (and some a Redis); the slow CI machine needs more than Jest's 5 s default.
jest.setTimeout(30_000);

describe('GET /health/ready', () => {
  let llm: ScriptedLlmServer;
  let redis: RedisServer | undefined;
  const running: RunningApp[] = [];
  const boot = async (env: Environment): Promise<RunningApp> => {
    const app = await startApp(env);
    running.push(app);
    return app;
  };

  beforeAll(async () => {
    llm = await startScriptedLlmServer();
  });
  afterEach(async () => {
    for (const app of running.splice(0)) await app.close();
    await redis?.stop();
    redis = undefined;
    // Readiness must never spend LLM tokens.
    expect(llm.callCount).toBe(0);
  });
  afterAll(async () => {
    await llm?.close();
  });

  it('answers 200 with details when kubectl is present and the LLM endpoint is configured', async () => {
    const sut = await boot({ OPENAI_BASE_URL: llm.baseUrl });

    const answer = await readiness(sut.url);

    expect(answer.status).toBe(200);
    expect(answer.body.checks).toEqual(expect.objectContaining({ kubectl: expect.objectContaining({ status: 'up' }), llm: expect.objectContaining({ status: 'up' }) }));
    expect(checksDown(answer)).toEqual([]);
  });

  it('counts an OpenAI key alone as configured, without calling OpenAI to check it', async () => {
    const sut = await boot({ OPENAI_API_KEY: 'sk-readiness-only' });

    const answer = await readiness(sut.url);

    expect(answer.status).toBe(200);
    expect(checksDown(answer)).toEqual([]);
  });

  it('answers 200 while REDIS_URL is reachable, then 503 naming redis once Redis stops', async () => {
    redis = await startRedisServer();
    const sut = await boot({ OPENAI_BASE_URL: llm.baseUrl, REDIS_URL: redis.url });

    const ready = await readinessOnceItAnswers(sut.url, 200);
    expect(ready.status).toBe(200);
    expect(ready.body.checks?.redis).toEqual(expect.objectContaining({ status: 'up' }));

    await redis.stop();
    const notReady = await readinessOnceItAnswers(sut.url, 503);

    expect(notReady.status).toBe(503);
    expect(checksDown(notReady)).toEqual(['redis']);
    expect(notReady.body.message).toMatch(/redis/i);
    await request(sut.url).get('/health').expect(200, { status: 'healthy' });
  });

  it('answers 503 naming redis when REDIS_URL points at a Redis that is not running', async () => {
    const stopped = await startRedisServer();
    await stopped.stop();
    const sut = await boot({ OPENAI_BASE_URL: llm.baseUrl, REDIS_URL: stopped.url });

    const answer = await readiness(sut.url);

    expect({ status: answer.status, down: checksDown(answer) }).toEqual({ status: 503, down: ['redis'] });
    await request(sut.url).get('/health').expect(200, { status: 'healthy' });
  });

  it.each([
    ['kubectl is missing (KUBECTL_PATH=/nonexistent)', { OPENAI_BASE_URL: 'LLM', KUBECTL_PATH: '/nonexistent' }, 'kubectl'],
    ['no LLM endpoint is configured (no OPENAI_API_KEY or OPENAI_BASE_URL)', {}, 'llm'],
  ])('answers 503 with details when %s', async (_case, env: Record<string, string>, failing) => {
    const sut = await boot(env.OPENAI_BASE_URL ? { ...env, OPENAI_BASE_URL: llm.baseUrl } : env);

    const answer = await readiness(sut.url);

    expect(answer.status).toBe(503);
    expect(checksDown(answer)).toEqual([failing]);
    expect(answer.body.checks?.[failing]?.message).toEqual(expect.any(String));
    expect(answer.body.message).toContain(failing);
    await request(sut.url).get('/health').expect(200, { status: 'healthy' });
  });
});
