import request from 'supertest';
import { exchangeRaw } from '../faults/support/loopback-client';
import { RunningApp, startApp } from '../support/app-harness';
import { writeKeysFile } from '../support/keys-file';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEY = { 'X-API-Key': 'test-key' };

describe('HTTP surface: auth, validation, errors, health, metrics, docs', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test', API_AUTH_KEY: 'test-key,rotated-key' });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });

  describe('authentication', () => {
    it.each([
      ['no key', {}, 'API_KEY_MISSING'],
      ['a wrong key', { 'X-API-Key': 'nope' }, 'API_KEY_INVALID'],
    ])('answers 401 to %s in the error shape', async (_case, headers, code) => {
      const response = await request(sut.url).post('/kubectl-command').set(headers).send({ query: 'list pods' }).expect(401);

      expect(response.body).toEqual({
        statusCode: 401,
        error: code,
        message: expect.stringContaining('X-API-Key'),
        request_id: response.headers['x-request-id'],
      });
      expect(llm.callCount).toBe(0);
    });

    it('accepts every key of a rotation list', async () => {
      await request(sut.url).post('/kubectl-command').set({ 'X-API-Key': 'rotated-key' }).send({ query: 'list pods' }).expect(200);
    });

    it('keeps /health, /metrics and /docs open', async () => {
      await request(sut.url).get('/health').expect(200, { status: 'healthy' });
      await request(sut.url).get('/metrics').expect(200);
      await request(sut.url).get('/docs-json').expect(200);
      await request(sut.url).get('/docs/').expect(200);
    });
  });

  describe('validation', () => {
    const longQuery = 'x'.repeat(1024 * 1024);
    it.each([
      ['a missing query', {}, /query/],
      ['a numeric query', { query: 123 }, /query must be a string/],
      ['a null query', { query: null }, /query/],
      ['an array query', { query: ['list pods'] }, /query must be a string/],
      ['a query too short once trimmed', { query: ' \n a \t ' }, /query must be 3 to 2000/],
      ['a query of control characters', { query: '\u0000\u0001\u0002\u0003' }, /query must be 3 to 2000/],
      ['a 1 MB query', { query: longQuery }, /query must be 3 to 2000/],
      ['a string execute flag', { query: 'list pods', execute: 'yes' }, /execute must be a boolean/],
    ])('answers 400 naming the field for %s', async (_case, body, message) => {
      const response = await request(sut.url).post('/kubectl-command').set(KEY).send(body).expect(400);

      expect(response.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
    });

    it.each([
      ['invalid JSON', '{"query": "list pods"', 'INVALID_JSON'],
      ['a JSON array', '["list pods"]', 'VALIDATION_FAILED'],
      ['a JSON string', '"list pods"', 'INVALID_JSON'],
    ])('answers 400 to %s', async (_case, raw, code) => {
      const response = await request(sut.url)
        .post('/kubectl-command')
        .set(KEY)
        .set('Content-Type', 'application/json')
        .send(raw)
        .expect(400);

      expect(response.body).toMatchObject({ statusCode: 400, error: code });
    });

    it('answers 400 to a body that is not JSON at all', async () => {
      const response = await request(sut.url).post('/kubectl-command').set(KEY).set('Content-Type', 'text/plain').send('list pods').expect(400);
      expect(response.body.error).toBe('VALIDATION_FAILED');
    });

    it.each([
      ['a gzip-compressed body', { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }],
      ['a body in another charset', { 'Content-Type': 'application/json; charset=latin1' }],
    ])('answers 415 to %s', async (_case, headers) => {
      const response = await request(sut.url).post('/kubectl-command').set(KEY).set(headers).send('{"query":"list pods"}').expect(415);
      expect(response.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', request_id: response.headers['x-request-id'] });
    });

    it.each(['utf-16', 'UTF-32', 'iso-8859-1'])('answers 415 NOT_UTF8-style to JSON declared as %s', async (charset) => {
      const response = await request(sut.url)
        .post('/kubectl-command')
        .set(KEY)
        .set('Content-Type', `application/json; charset=${charset}`)
        .send('{"query":"list pods"}')
        .expect(415);
      expect(response.body.message).toMatch(/UTF-8/);
    });

    it('reads a UTF-8 body that starts with a byte-order mark', async () => {
      await request(sut.url).post('/kubectl-command').set(KEY).set('Content-Type', 'application/json').send('\ufeff{"query":"list pods"}').expect(200);
    });

    it('takes an empty JSON body as an empty object, so validation names the missing field', async () => {
      const response = await request(sut.url).post('/kubectl-command').set(KEY).set('Content-Type', 'application/json').send('').expect(400);
      expect(response.body).toMatchObject({ error: 'VALIDATION_FAILED', message: expect.stringMatching(/query/) });
    });

    it('answers 413 to a chunked body that grows over the limit, after reading it to its end', async () => {
      const frame = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;
      const head =
        'POST /kubectl-command HTTP/1.1\r\nHost: x\r\nX-API-Key: test-key\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
      const half = frame('x'.repeat(512 * 1024));
      const reply = await exchangeRaw(sut.url, [head + frame('{"query":"'), half, half, half, half, half, '0\r\n\r\n'], 20, 10_000);

      expect(reply).toMatch(/^HTTP\/1\.1 413 /);
      expect(reply).toContain('"PAYLOAD_TOO_LARGE"');
    });

    it('stays up when a client drops the connection halfway through a body', async () => {
      await exchangeRaw(
        sut.url,
        ['POST /kubectl-command HTTP/1.1\r\nHost: x\r\nX-API-Key: test-key\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":'],
        0,
        300,
      );
      await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'list pods' }).expect(200);
    });

    it('accepts the JSON media type in any letter case and with an explicit UTF-8 charset', async () => {
      await request(sut.url).post('/kubectl-command').set(KEY).set('Content-Type', 'Application/JSON; charset="UTF-8"').send('{"query":"list pods"}').expect(200);
    });

    it('answers 413 to a body over the limit', async () => {
      const response = await request(sut.url)
        .post('/kubectl-command')
        .set(KEY)
        .send({ query: 'x'.repeat(3 * 1024 * 1024) })
        .expect(413);
      expect(response.body.error).toBe('PAYLOAD_TOO_LARGE');
    });

    it('sanitizes the query before the LLM sees it', async () => {
      llm.reset();
      await request(sut.url).post('/kubectl-command').set(KEY).send({ query: '  list\u0000 the\n\n  services  ' }).expect(200);
      expect(llm.calls[0].userMessage).toContain('list the services');
      expect(llm.calls[0].userMessage).not.toContain('\u0000');
    });
  });

  describe('errors and request ids', () => {
    it('answers unknown routes with 404 in the error shape', async () => {
      const response = await request(sut.url).get('/nope').expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND', request_id: expect.any(String) });
    });

    it.each(['/%zz', '/kubectl-command/%E0%A4%A'])('answers an undecodable path (%s) with 404 in the error shape', async (path) => {
      const response = await request(sut.url).get(path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND', request_id: response.headers['x-request-id'] });
    });

    it('routes regardless of letter case and a trailing slash', async () => {
      await request(sut.url).get('/Health/').expect(200);
      await request(sut.url).post('/KUBECTL-COMMAND/').set(KEY).send({ query: 'list pods' }).expect(200);
    });

    it('keeps idle connections open longer than the 60 s of common load balancers', () => {
      const server = sut.app.getHttpServer() as import('node:http').Server;
      expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    });

    it('answers oversized headers with 431 in the error shape', async () => {
      const response = await request(sut.url).get('/health').set('X-Padding', 'x'.repeat(20_000)).expect(431);
      expect(response.body).toMatchObject({ statusCode: 431, error: 'HEADERS_TOO_LARGE', request_id: response.headers['x-request-id'] });
    });

    it('echoes an acceptable X-Request-Id and replaces an unacceptable one', async () => {
      const echoed = await request(sut.url).get('/health').set('X-Request-Id', 'trace-123').expect(200);
      const replaced = await request(sut.url).get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);

      expect(echoed.headers['x-request-id']).toBe('trace-123');
      expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('metrics', () => {
    it('exposes HTTP, LLM and cache metrics by route template, never the raw query', async () => {
      await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'a very distinctive query' }).expect(200);
      await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'a very distinctive query' }).expect(200);

      const text = (await request(sut.url).get('/metrics').expect(200)).text;

      expect(text).toMatch(/kubectl_agent_http_requests_total\{method="POST",route="\/kubectl-command",status_code="200",caller="default"\} \d+/);
      expect(text).toMatch(/kubectl_agent_http_request_duration_seconds_bucket\{/);
      expect(text).toMatch(/kubectl_agent_llm_requests_total\{outcome="success"\} \d+/);
      expect(text).toMatch(/kubectl_agent_llm_request_duration_seconds_count\{outcome="success"\} \d+/);
      expect(text).toMatch(/kubectl_agent_cache_lookups_total\{result="hit"\} \d+/);
      expect(text).toMatch(/kubectl_agent_cache_lookups_total\{result="miss"\} \d+/);
      expect(text).toMatch(/process_cpu_seconds_total/);
      expect(text).not.toContain('distinctive');
    });
  });

  describe('OpenAPI', () => {
    it('declares the API-key scheme on the API routes only', async () => {
      const doc = (await request(sut.url).get('/docs-json').expect(200)).body;

      expect(doc.components.securitySchemes['api-key']).toEqual(
        expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      );
      expect(doc.paths['/kubectl-command'].post.security).toEqual([{ 'api-key': [] }]);
      expect(doc.paths['/execute'].post.security).toEqual([{ 'api-key': [] }]);
      expect(doc.paths['/health'].get.security).toBeUndefined();
      expect(Object.keys(doc.paths['/kubectl-command'].post.responses).sort()).toEqual(
        ['200', '400', '401', '403', '413', '422', '429', '502', '503', '504'].sort(),
      );
    });
  });
});

describe('rate limiting', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
    const keysFile = writeKeysFile([
      { id: 'team-a', key: 'key-a-0123456789abcdef', tier: 'read' },
      { id: 'team-b', key: 'key-b-0123456789abcdef', tier: 'read' },
      { id: 'team-c', key: 'key-c-0123456789abcdef', tier: 'read', rate_limit: '1/minute' },
    ]);
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, RATE_LIMIT: '3/minute', API_AUTH_KEY: '', API_KEYS_FILE: keysFile });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });

  it('answers 429 with Retry-After past RATE_LIMIT, per caller, and leaves /health alone', async () => {
    const ask = (key: string) => request(sut.url).post('/kubectl-command').set({ 'X-API-Key': key }).send({ query: 'list pods' });

    for (let i = 0; i < 3; i++) await ask('key-a-0123456789abcdef').expect(200);
    const limited = await ask('key-a-0123456789abcdef').expect(429);

    expect(limited.body).toMatchObject({ statusCode: 429, error: 'RATE_LIMITED' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await ask('key-b-0123456789abcdef').expect(200);
    for (let i = 0; i < 10; i++) await request(sut.url).get('/health').expect(200);
  });

  it("applies a caller's own rate_limit instead of RATE_LIMIT", async () => {
    await request(sut.url).post('/kubectl-command').set({ 'X-API-Key': 'key-c-0123456789abcdef' }).send({ query: 'list pods' }).expect(200);
    await request(sut.url).post('/kubectl-command').set({ 'X-API-Key': 'key-c-0123456789abcdef' }).send({ query: 'list pods' }).expect(429);
  });
});
