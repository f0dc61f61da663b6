import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEY = { 'X-API-Key': 'test-key' };

describe('POST /kubectl-command (generation)', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get deployments -n default' });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test-123', OPENAI_MODEL: 'test-model' });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });
  beforeEach(() => llm.reset());

  it('answers the original contract with one command and a read verdict', async () => {
    const response = await request(sut.url)
      .post('/kubectl-command')
      .set(KEY)
      .send({ query: 'list all deployments in default namespace' })
      .expect(200);

    expect(response.body).toMatchObject({
      kubectl_command: 'kubectl get deployments -n default',
      execution_result: null,
      execution_error: null,
      from_cache: false,
      safety: { decision: 'read', code: 'READ_ALLOWED', argv: ['get', 'deployments', '-n', 'default'] },
      risk: 'read',
      metadata: { success: true, executed: false, model: 'test-model' },
    });
    expect(response.headers['x-request-id']).toBe(response.body.request_id);
    expect(llm.calls[0].userMessage).toContain('list all deployments in default namespace');
    expect(llm.calls[0].body?.temperature).toBe(0);
    expect(llm.calls[0].headers.authorization).toBe('Bearer sk-test-123');
  });

  it('answers a repeat from the cache, whatever its case and spacing', async () => {
    const first = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'show the nodes' }).expect(200);
    const second = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: '  SHOW   the\tnodes ' }).expect(200);

    expect(first.body.from_cache).toBe(false);
    expect(second.body.from_cache).toBe(true);
    expect(second.body.kubectl_command).toBe(first.body.kubectl_command);
    expect(llm.callCount).toBe(1);
  });

  it('makes exactly one LLM call for 50 simultaneous identical new queries', async () => {
    llm.enqueue({ kind: 'reply', content: 'kubectl get pods -n prod', delayMs: 400 });

    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'pods in prod that restarted today' }),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(new Set(responses.map((r) => r.body.kubectl_command))).toEqual(new Set(['kubectl get pods -n prod']));
    expect(llm.callCount).toBe(1);
  });

  it('shows a write with writes disabled instead of hiding it', async () => {
    llm.enqueue('kubectl scale deployment web --replicas=3 -n default');

    const response = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'scale web to 3' }).expect(200);

    expect(response.body.safety).toMatchObject({ decision: 'deny', code: 'WRITES_DISABLED' });
    expect(response.body.risk).toBe('denied');
    expect(response.body.execution_result).toBeNull();
  });

  it('answers 422 with the verdict when the model proposes a denied command, and does not cache it', async () => {
    llm.reply(() => 'kubectl get secrets -n kube-system -o yaml');

    const first = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'dump the secrets' }).expect(422);
    await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'dump the secrets' }).expect(422);

    expect(first.body).toMatchObject({ statusCode: 422, error: 'RESOURCE_DENIED', safety: { decision: 'deny' } });
    expect(first.body.message).toMatch(/secret/i);
    expect(llm.callCount).toBe(2);
  });

  it.each([
    ['prose without a command', 'I am not sure what you mean.'],
    ['two commands', 'kubectl get pods\nkubectl get nodes'],
  ])('answers 422 LLM_OUTPUT_INVALID for %s', async (_case, reply) => {
    llm.reply(() => reply);

    const response = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: `case ${_case}` }).expect(422);

    expect(response.body).toMatchObject({ statusCode: 422, error: 'LLM_OUTPUT_INVALID' });
  });

  it('extracts the command from a fenced, chatty reply', async () => {
    llm.enqueue('Sure! Here it is:\n```bash\n$ kubectl get svc -n web\n```\nThis lists the services.');

    const response = await request(sut.url).post('/kubectl-command').set(KEY).send({ query: 'services in web' }).expect(200);

    expect(response.body.kubectl_command).toBe('kubectl get svc -n web');
  });
});
