import { dirname } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

interface ErrorExample {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly suggestions?: readonly string[];
}

interface Apps {
  main: RunningApp;
  unconfigured: RunningApp;
  limited: RunningApp;
  /** Discovery on, against the loopback API server (which serves the CRD widgets.example.com). */
  cluster: RunningApp;
}

type Provoke = (apps: Apps & { llm: ScriptedLlmServer }) => Promise<request.Response>;

const KEY = { 'X-API-Key': 'test-key' };
const ask = (app: RunningApp, body: object, headers: Record<string, string> = KEY) =>
  request(app.url).post('/kubectl-command').set(headers).send(body);

/** How to make the service answer each documented error for real. */
const PROVOKE: Record<string, Provoke> = {
  '400 VALIDATION_FAILED': ({ main }) => ask(main, { query: 'ab' }),
  '401 API_KEY_INVALID': ({ main }) => ask(main, { query: 'list pods' }, { 'X-API-Key': 'nope' }),
  '403 WRITES_DISABLED': ({ main }) => request(main.url).post('/execute').set(KEY).send({ execute: 'kubectl scale deployment web --replicas=3' }),
  '413 PAYLOAD_TOO_LARGE': ({ main }) => ask(main, { query: 'x'.repeat(3 * 1024 * 1024) }),
  '422 LLM_OUTPUT_INVALID': ({ main, llm }) => {
    llm.enqueue('I am sorry, I only talk about the weather.');
    return ask(main, { query: 'tell me about the weather' });
  },
  '422 UNKNOWN_RESOURCE': ({ cluster }) => request(cluster.url).post('/execute').set(KEY).send({ execute: 'kubectl get widgest -n default' }),
  '422 UNKNOWN_NAMESPACE': ({ cluster }) => request(cluster.url).post('/execute').set(KEY).send({ execute: 'kubectl get pods -n kube-sytem' }),
  '429 RATE_LIMITED': async ({ limited }) => {
    await ask(limited, { query: 'list pods' });
    return ask(limited, { query: 'list pods' });
  },
  '502 LLM_UPSTREAM_AUTH': ({ main, llm }) => {
    llm.enqueue({ kind: 'status', status: 401 });
    return ask(main, { query: 'list the nodes please' });
  },
  '503 LLM_NOT_CONFIGURED': ({ unconfigured }) => ask(unconfigured, { query: 'list pods' }),
  '504 LLM_TIMEOUT': ({ main, llm }) => {
    llm.enqueue({ kind: 'hang' });
    return ask(main, { query: 'list the services please' });
  },
};

/** Waits for the first discovery read, so it does not compete with the LLM_TIMEOUT=1 app for the CPU. */
async function discovered(app: RunningApp): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await request(app.url).get('/health/ready')).body?.checks?.discovery?.state !== 'ok') {
    if (Date.now() > deadline) throw new Error('discovery did not read the loopback cluster');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('OpenAPI error examples', () => {
  let llm: ScriptedLlmServer;
  let kube: FakeKubeApiServer;
  let kubeconfig: string;
  let apps: Apps;
  let examples: Array<[string, ErrorExample]>;

  beforeAll(async () => {
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
    kube = await startFakeKubeApiServer();
    kubeconfig = await writeKubeconfig(kube.url);
    const llmEnv = { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test' };
    apps = {
      main: await startApp({ ...llmEnv, LLM_TIMEOUT: '1' }),
      unconfigured: await startApp({}),
      limited: await startApp({ ...llmEnv, RATE_LIMIT: '1/minute' }),
      cluster: await startApp({ ...llmEnv, KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), DISCOVERY_TTL: '300' }),
    };
    await discovered(apps.cluster);
    const doc = (await request(apps.main.url).get('/docs-json').expect(200)).body as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { example?: ErrorExample; examples?: Record<string, { value: ErrorExample }> }> }> }>
      >;
    };
    const found = new Map<string, ErrorExample>();
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const media = response.content?.['application/json'];
          const documented = [media?.example, ...Object.values(media?.examples ?? {}).map((named) => named.value)];
          for (const example of documented) {
            if (Number(status) >= 400 && example?.error) found.set(`${status} ${example.error}`, example);
          }
        }
      }
    }
    examples = [...found];
  });
  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
    await llm.close();
    await kube.close();
    await removeKubeconfig(kubeconfig);
  });

  it('provokes every documented error example', () => {
    expect(examples.map(([name]) => name).sort()).toEqual(Object.keys(PROVOKE).sort());
  });

  it.each(Object.keys(PROVOKE))('answers %s with exactly the documented message', async (name) => {
    const example = examples.find(([documented]) => documented === name)?.[1];
    const response = await PROVOKE[name]({ ...apps, llm });

    expect(example).toBeDefined();
    expect({ statusCode: response.status, error: response.body.error, message: response.body.message, suggestions: response.body.suggestions }).toEqual({
      statusCode: example?.statusCode,
      error: example?.error,
      message: example?.message,
      suggestions: example?.suggestions,
    });
  });
});
