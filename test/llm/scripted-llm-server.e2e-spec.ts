import { type ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const chatBody = (content: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ model: 'm', messages: [{ role: 'system', content: 'rules' }, { role: 'user', content }], ...extra });

describe('scripted LLM server (test support)', () => {
  let llm: ScriptedLlmServer;

  beforeEach(async () => {
    llm = await startScriptedLlmServer();
  });
  afterEach(async () => {
    await llm.close();
  });

  const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${llm.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('listens on loopback under /v1 and answers a chat.completion with usage', async () => {
    expect(llm.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const response = await post(chatBody('list pods'));
    const body = (await response.json()) as { object: string; choices: { message: { content: string } }[]; usage: { total_tokens: number } };
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.content).toBe('kubectl get pods');
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    expect(llm.calls[0]).toMatchObject({ path: '/v1/chat/completions', systemMessage: 'rules', userMessage: 'list pods', aborted: false });
  });

  it('plays enqueued behaviours first, in order, then the responder', async () => {
    llm.reply((call) => `echo ${call.userMessage}`);
    llm.enqueue('first', { kind: 'status', status: 503 });
    const contents: string[] = [];
    for (const query of ['a', 'b', 'c']) {
      const response = await post(chatBody(query));
      contents.push(response.ok ? ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content : String(response.status));
    }
    expect(contents).toEqual(['first', '503', 'echo c']);
    expect(llm.callCount).toBe(3);
  });

  it('sends Retry-After with a scripted 429', async () => {
    llm.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const response = await post(chatBody('x'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('rejects a wrong key like OpenAI, quoting it back', async () => {
    const guarded = await startScriptedLlmServer({ apiKey: 'sk-right' });
    try {
      const response = await fetch(`${guarded.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-wrong' },
        body: chatBody('x'),
      });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain('sk-wrong');
    } finally {
      await guarded.close();
    }
  });

  it('answers 404 for unknown routes, 400 for bad JSON, and lists a model', async () => {
    expect((await fetch(`${llm.baseUrl}/completions`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await post('{not json')).status).toBe(400);
    expect((await fetch(`${llm.baseUrl}/models`)).status).toBe(200);
  });

  it('streams SSE chunks with a usage chunk when asked to', async () => {
    llm.reply(() => 'kubectl get deployments -n prod');
    const response = await post(chatBody('deployments in prod', { stream: true, stream_options: { include_usage: true } }));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean).map((event) => event.replace(/^data: /, ''));
    expect(events.pop()).toBe('[DONE]');
    const chunks = events.map((event) => JSON.parse(event) as { choices: { delta: { content?: string } }[]; usage?: { total_tokens: number } });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('kubectl get deployments -n prod');
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('closes promptly even with hung and delayed requests open', async () => {
    llm.enqueue({ kind: 'hang' }, { kind: 'hang', afterHeaders: true }, { kind: 'reply', content: 'late', delayMs: 60_000 });
    const pending = [post(chatBody('a')), post(chatBody('b')), post(chatBody('c'))].map((request) =>
      request.then((response) => response.text()).catch(() => 'dropped'),
    );
    await llm.waitUntil((server) => server.callCount === 3);
    const startedAt = Date.now();
    await llm.close();
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(await Promise.all(pending)).toEqual(['dropped', 'dropped', 'dropped']);
  });

  it('forgets calls, queue and responder on reset()', async () => {
    llm.reply(() => 'kubectl get nodes');
    llm.enqueue({ kind: 'status', status: 500 });
    await post(chatBody('x'));
    llm.reset();
    expect(llm.callCount).toBe(0);
    const body = (await (await post(chatBody('y'))).json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0].message.content).toBe('kubectl get pods');
  });
});
