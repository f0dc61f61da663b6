import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { writeKeysFile } from '../support/keys-file';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEY = { 'X-API-Key': 'test-key' };

describe('two replicas sharing one Redis', () => {
  let redis: RedisServer;
  let llm: ScriptedLlmServer;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n shop' });
    // Two callers with a budget each (the keys of API_AUTH_KEY would share the one of `default`).
    const keys = writeKeysFile([
      { id: 'main', key: 'test-key', tier: 'read' },
      { id: 'other', key: 'other-key', tier: 'read' },
    ]);
    const env = { OPENAI_BASE_URL: llm.baseUrl, REDIS_URL: redis.url, RATE_LIMIT: '5/minute', API_AUTH_KEY: '', API_KEYS_FILE: keys };
    a = await startApp(env);
    b = await startApp(env);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await llm?.close();
    await redis?.stop();
  });

  it('answers from the cache on B what A generated', async () => {
    const first = await request(a.url).post('/kubectl-command').set(KEY).send({ query: 'pods in the shop' }).expect(200);
    const second = await request(b.url).post('/kubectl-command').set(KEY).send({ query: 'Pods in the SHOP' }).expect(200);

    expect(first.body.from_cache).toBe(false);
    expect(second.body.from_cache).toBe(true);
    expect(second.body.kubectl_command).toBe('kubectl get pods -n shop');
    expect(llm.callCount).toBe(1);
  });

  it('shares one rate limit per client across both replicas', async () => {
    const other = { 'X-API-Key': 'other-key' };
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a]) {
      statuses.push((await request(app.url).post('/kubectl-command').set(other).send({ query: 'pods in the shop' })).status);
    }
    const limitedOnA = await request(a.url).post('/kubectl-command').set(other).send({ query: 'pods in the shop' });
    const limitedOnB = await request(b.url).post('/kubectl-command').set(other).send({ query: 'pods in the shop' });

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(limitedOnA.status).toBe(429);
    expect(limitedOnB.status).toBe(429);
    expect(Number(limitedOnB.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a replica whose Redis goes away', () => {
  let redis: RedisServer;
  let llm: ScriptedLlmServer;
  let sut: RunningApp;

  beforeAll(async () => {
    redis = await startRedisServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get nodes' });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, REDIS_URL: redis.url, RATE_LIMIT: '1000/minute' });
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
    await redis?.stop();
  });

  it('keeps answering with the cache bypassed, and counts the failures', async () => {
    await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'list the nodes' }).expect(200);
    await redis.stop();

    const started = Date.now();
    const responses = await Promise.all(
      [1, 2, 3].map(() => request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'list the nodes' })),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(responses.every((r) => r.body.from_cache === false)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    const metrics = (await request(sut.url).get('/metrics')).text;
    expect(metrics).toMatch(/kubectl_agent_cache_errors_total\{operation="get"\} [1-9]/);
  });
});
