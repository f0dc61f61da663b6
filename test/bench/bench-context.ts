import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { BenchOptions } from './bench-options';
import { BenchResources } from './bench-resources';
import { SpawnedServer, spawnService } from './spawned-server';

export const BENCH_API_KEY = 'bench-key';
/** Queries containing this make the scripted model take a while, as a real one does. */
export const SLOW_MODEL_MARKER = '[slow model]';
export const SLOW_MODEL_DELAY_MS = 300;
export const DEFAULT_COMMAND = 'kubectl get pods -n default';

/** The outside world of the service (model, cluster) plus how to start the service against it. */
export interface BenchContext {
  readonly options: BenchOptions;
  readonly resources: BenchResources;
  readonly llm: ScriptedLlmServer;
  readonly cluster: FakeKubeApiServer;
  readonly kubeconfig: string;
  /** Absolute path of the kubectl both the service and the direct runs use. */
  readonly kubectl: string;
  /** The variables kubectl itself gets from the service (its child environment). */
  readonly kubectlEnv: Readonly<Record<string, string>>;
  /** The service's environment: the bench settings plus `extra`. */
  serviceEnv(extra?: Record<string, string>): Record<string, string>;
  /** Spawns the built service with `serviceEnv(extra)`, waits for /health, stops it at the end. */
  startService(extra?: Record<string, string>): Promise<SpawnedServer>;
}

function findKubectl(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter((entry) => isAbsolute(entry))) {
    const candidate = join(dir, 'kubectl');
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error('kubectl is not on PATH; the bench runs the real kubectl against a loopback API server');
}

export async function createBenchContext(options: BenchOptions, resources: BenchResources): Promise<BenchContext> {
  const kubectl = findKubectl();
  const llm = await startScriptedLlmServer({
    respond: (call) =>
      call.userMessage?.includes(SLOW_MODEL_MARKER)
        ? { kind: 'reply', content: DEFAULT_COMMAND, delayMs: SLOW_MODEL_DELAY_MS }
        : DEFAULT_COMMAND,
  });
  resources.add('scripted LLM server', () => llm.close());
  const cluster = await startFakeKubeApiServer({ hangingNamespaces: [] });
  resources.add('loopback Kubernetes API server', () => cluster.close());
  const kubeconfig = await writeKubeconfig(cluster.url);
  resources.add('kubeconfig', () => removeKubeconfig(kubeconfig));

  const kubectlEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dirname(kubeconfig), KUBECONFIG: kubeconfig };
  const baseEnv: Record<string, string> = {
    ...kubectlEnv,
    API_AUTH_KEY: BENCH_API_KEY,
    RATE_LIMIT: options.rateLimit,
    OPENAI_BASE_URL: llm.baseUrl,
    OPENAI_API_KEY: 'sk-bench',
    LLM_TIMEOUT: '10',
    CACHE_TTL: '3600',
    KUBECTL_PATH: kubectl,
    LOG_LEVEL: 'WARN',
  };

  return {
    options,
    resources,
    llm,
    cluster,
    kubeconfig,
    kubectl,
    kubectlEnv,
    serviceEnv: (extra = {}) => ({ ...baseEnv, ...extra }),
    async startService(extra = {}) {
      const service = await spawnService({ ...baseEnv, ...extra });
      resources.add(`service (pid ${service.pid})`, () => service.stop());
      await service.waitUntilHealthy('/health', 30_000);
      return service;
    },
  };
}
