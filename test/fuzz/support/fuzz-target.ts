import { dirname } from 'node:path';
import * as fc from 'fast-check';
import { Environment } from '@app/config';
import { RunningApp, startApp } from '../../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../../support/scripted-llm-server';
import { LoopbackRequest, LoopbackResponse, sendTo } from '../../faults/support/loopback-client';
import { contractBreaches } from '../../faults/support/response-contract';

export const FUZZ_KEY = 'fuzz-key';
/** A fuzz case that takes longer than this counts as a hung request. */
export const FUZZ_DEADLINE_MS = 10_000;

/** The real app, a healthy scripted LLM and a loopback cluster, so only the input can go wrong. */
export interface FuzzTarget {
  readonly app: RunningApp;
  readonly llm: ScriptedLlmServer;
  send(request: LoopbackRequest): Promise<LoopbackResponse>;
  close(): Promise<void>;
}

export async function startFuzzTarget(env: Environment = {}): Promise<FuzzTarget> {
  const cluster: FakeKubeApiServer = await startFakeKubeApiServer({ hangingNamespaces: [] });
  const llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
  const kubeconfig = await writeKubeconfig(cluster.url);
  const app = await startApp({
    KUBECONFIG: kubeconfig,
    HOME: dirname(kubeconfig),
    OPENAI_BASE_URL: llm.baseUrl,
    API_AUTH_KEY: FUZZ_KEY,
    RATE_LIMIT: '100000000/minute',
    EXECUTION_TIMEOUT: '3',
    ...env,
  });
  return {
    app,
    llm,
    send: (request) => sendTo(app.url, { deadlineMs: FUZZ_DEADLINE_MS, ...request }),
    close: async () => {
      await app.close();
      await llm.close();
      await cluster.close();
      await removeKubeconfig(kubeconfig);
    },
  };
}

/** Sends one fuzz case and fails with every contract breach of its answer. */
export async function expectContractHolds(target: FuzzTarget, request: LoopbackRequest): Promise<LoopbackResponse> {
  const response = await target.send(request);
  const sent = `${request.path} ${JSON.stringify(request.headers ?? {})} ${request.body?.toString() ?? ''}`;
  const breaches = contractBreaches(response, sent, request.method);
  if (breaches.length > 0) {
    throw new Error(`${request.method ?? 'GET'} ${request.path.slice(0, 100)} -> ${response.status}:\n  ${breaches.join('\n  ')}`);
  }
  return response;
}

/** fast-check settings shared by the fuzz specs; FUZZ_SEED replays a reported failure. */
export function fuzzParameters<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
  return { numRuns, ...(seed === undefined ? {} : { seed }) };
}
