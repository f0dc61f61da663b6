import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEY = { 'X-API-Key': 'test-key' };

describe('explanations: one sentence from the model, in the same call', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  const ask = (query: string) => request(sut.url).post('/kubectl-command').set(KEY).send({ query }).expect(200);

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, CACHE_MAXSIZE: '0' });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
  });
  beforeEach(() => llm.reset());

  it('asks for a JSON-schema reply and reads the explanation from it', async () => {
    llm.enqueue(JSON.stringify({ command: 'kubectl get pods -n prod', explanation: 'Lists the pods in the prod namespace.' }));

    const response = await ask('show the pods in prod');

    expect(llm.calls[0].body?.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'kubectl_command' } });
    expect(response.body).toMatchObject({ kubectl_command: 'kubectl get pods -n prod', explanation: 'Lists the pods in the prod namespace.', risk: 'read' });
  });

  it('reads the second line of a model that ignores response_format', async () => {
    llm.enqueue('kubectl get svc -n web\nLists the services in the web namespace.');
    expect((await ask('services in web')).body).toMatchObject({ kubectl_command: 'kubectl get svc -n web', explanation: 'Lists the services in the web namespace.' });
  });

  it('answers null for a one-line reply', async () => {
    llm.enqueue('kubectl get nodes');
    expect((await ask('list the nodes')).body).toMatchObject({ kubectl_command: 'kubectl get nodes', explanation: null });
  });

  it('falls back to plain text, for good, when the endpoint refuses response_format', async () => {
    const app = await startApp({ OPENAI_BASE_URL: llm.baseUrl, CACHE_MAXSIZE: '0', LLM_TIMEOUT: '10' });
    try {
      llm.enqueue(
        { kind: 'status', status: 400, body: { error: { message: "Unknown parameter: 'response_format'", type: 'invalid_request_error' } } },
        'kubectl get deployments\nLists the deployments.',
        'kubectl get nodes\nLists the nodes.',
      );
      const first = await request(app.url).post('/kubectl-command').set(KEY).send({ query: 'list deployments' }).expect(200);
      const second = await request(app.url).post('/kubectl-command').set(KEY).send({ query: 'list the nodes' }).expect(200);

      expect(first.body).toMatchObject({ kubectl_command: 'kubectl get deployments', explanation: 'Lists the deployments.' });
      expect(second.body.explanation).toBe('Lists the nodes.');
      expect(llm.calls.map((call) => call.body?.response_format === undefined)).toEqual([false, true, true]);
    } finally {
      await app.close();
    }
  });

  it('gives /execute no explanation', async () => {
    const response = await request(sut.url).post('/execute').set(KEY).send({ execute: 'kubectl get pods' });
    expect(response.body.explanation ?? null).toBeNull();
  });
});
