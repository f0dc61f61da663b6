import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { dirname } from 'node:path';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { writeKeysFile } from '../support/keys-file';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const RUNNER_KEY = 'mcp-runner-key-0123456789';
const CHATBOT_KEY = 'mcp-chatbot-key-0123456789';

describe('MCP endpoint (/mcp) through the SDK client', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let sut: RunningApp;
  const clients: Client[] = [];

  async function connect(headers: Record<string, string>): Promise<Client> {
    const client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${sut.url}/mcp`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }
  const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
    kubeconfig = await writeKubeconfig(cluster.url);
    const keysFile = writeKeysFile([
      { id: 'runner', key: RUNNER_KEY, tier: 'read', execute: true },
      { id: 'chatbot', key: CHATBOT_KEY, tier: 'read' },
    ]);
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      OPENAI_BASE_URL: llm.baseUrl,
      API_KEYS_FILE: keysFile,
      MCP_ALLOWED_ORIGINS: 'https://assistant.example.com',
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await sut.close();
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
  });
  beforeEach(() => cluster.reset());

  it('lists both tools, with schemas and annotations, to a caller that may run commands', async () => {
    const { tools } = await (await connect({ 'X-API-Key': RUNNER_KEY })).listTools();

    expect(tools.map((tool) => tool.name).sort()).toEqual(['generate_kubectl_command', 'run_kubectl_command']);
    const generate = tools.find((tool) => tool.name === 'generate_kubectl_command');
    expect(generate?.annotations?.readOnlyHint).toBe(true);
    expect(generate?.inputSchema.properties).toHaveProperty('query');
  });

  it('generates without running anything', async () => {
    const result = await call(await connect({ Authorization: `Bearer ${RUNNER_KEY}` }), 'generate_kubectl_command', { query: 'list the pods' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ command: 'kubectl get pods -n default', verdict: { decision: 'read', code: 'READ_ALLOWED' }, risk: 'read' });
    expect(cluster.requests).toHaveLength(0);
  });

  it('runs a read and returns the structured result', async () => {
    const result = await call(await connect({ 'X-API-Key': RUNNER_KEY }), 'run_kubectl_command', { command: 'kubectl get pods -n default' });

    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ execution_result: { type: 'table' }, execution_error: null, verdict: { decision: 'read' } });
    expect(cluster.requests.length).toBeGreaterThan(0);
  });

  it.each([
    ['a denied verb', 'kubectl exec -it web -- sh', 'VERB_DENIED'],
    ['a Secret read', 'kubectl get secrets -n default -o yaml', 'RESOURCE_DENIED'],
    ['--server injection in a name', 'kubectl get pods --server=https://attacker.example.com', 'FLAG_DENIED'],
    ['--server injection inside a name', 'kubectl get pods/--server=https://attacker.example.com -n default', 'INVALID_ARGUMENT'],
    ['a write by a read-tier caller', 'kubectl scale deployment web -n default --replicas=3', 'SCOPE_DENIED'],
  ])('refuses %s as a tool error with its code, running nothing', async (_case, command, code) => {
    const result = await call(await connect({ 'X-API-Key': RUNNER_KEY }), 'run_kubectl_command', { command });

    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: code });
    expect(cluster.requests).toHaveLength(0);
  });

  it('hides the run tool from a generate-only caller, and refuses it if called anyway', async () => {
    const client = await connect({ 'X-API-Key': CHATBOT_KEY });
    const { tools } = await client.listTools();
    const result = await call(client, 'run_kubectl_command', { command: 'kubectl get pods -n default' });

    expect(tools.map((tool) => tool.name)).toEqual(['generate_kubectl_command']);
    expect(result.isError).toBe(true);
    expect(cluster.requests).toHaveLength(0);
  });

  it('answers 401 without a key and 403 to an Origin not allowed', async () => {
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };
    const post = (headers: Record<string, string>) =>
      fetch(`${sut.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(initialize) });

    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-api-key': RUNNER_KEY, origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await post({ 'x-api-key': RUNNER_KEY, origin: 'https://assistant.example.com' })).status).toBe(200);
  });
});
