/**
 * The eval's fixture cluster: one recording fake API server per concurrent worker, each with its
 * own kubeconfig and executor, so the requests of a kubectl run are attributed to that run alone.
 */
import { dirname } from 'node:path';
import { EXECUTOR_DEFAULTS, ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { CommandPolicy } from '@app/safety';
import { buildPicture, parseApiResources, parseNamespaceNames } from '../../apps/api/src/discovery/cluster-picture';
import { isDeniedResource } from '../../apps/api/src/discovery/denied-resource';
import { renderPromptContext } from '../../apps/api/src/discovery/prompt-context';
import { ApprovedCommand } from '@app/safety';
import { ProcessRunner } from '../../libs/executor/src/process-runner';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { EVAL_EXTRA_TYPES, evalFixtureObjects } from './eval-fixture-cluster';
import { effectOf } from './request-equivalence';

export interface CommandEffect {
  /** Resource requests, normalized and sorted (see effectOf). */
  readonly requests: string[];
  readonly outcome: ExecutionOutcome;
}

/** A fake cluster, a kubeconfig pointing at it and an executor bound to that kubeconfig. */
export class EvalWorker {
  private constructor(
    private readonly server: FakeKubeApiServer,
    private readonly kubeconfig: string,
    private readonly executor: KubectlExecutor,
  ) {}

  static async start(kubectlPath: string, timeoutMs: number): Promise<EvalWorker> {
    const server = await startFakeKubeApiServer({ hangingNamespaces: [], extraTypes: EVAL_EXTRA_TYPES, extraObjects: evalFixtureObjects });
    const kubeconfig = await writeKubeconfig(server.url);
    const baseEnv = { PATH: process.env.PATH, HOME: dirname(kubeconfig), KUBECONFIG: kubeconfig };
    const executor = new KubectlExecutor({ kubectlPath, timeoutMs, concurrency: 1, queueLimit: EXECUTOR_DEFAULTS.queueLimit, baseEnv }, new ProcessRunner());
    await executor.onModuleInit();
    if (!executor.available) throw new Error(`kubectl not found (${kubectlPath}); set KUBECTL_PATH`);
    return new EvalWorker(server, kubeconfig, executor);
  }

  /** Runs one approved command and returns the requests it made; the seeded state is restored after a write. */
  async run(command: ApprovedCommand): Promise<CommandEffect> {
    const first = this.server.requests.length;
    const outcome = await this.executor.run(command);
    const made = this.server.requests.slice(first);
    if (made.some((request) => request.method !== 'GET')) this.server.reset();
    return { requests: effectOf(made), outcome };
  }

  /**
   * What the service would tell the model about this cluster: the same discovery queries and the
   * same prompt block (apps/api/src/discovery), read once from the fixture cluster.
   */
  async promptContext(policy: CommandPolicy, budgetTokens: number): Promise<string> {
    const [resources, namespaces, defaultNamespace] = await Promise.all([
      this.executor.queryCluster('apiResources'),
      this.executor.queryCluster('namespaces'),
      this.executor.queryCluster('defaultNamespace'),
    ]);
    if (!resources.success || !namespaces.success) throw new Error(`cluster discovery failed: ${resources.stderr || namespaces.stderr}`);
    this.server.reset();
    const picture = buildPicture(parseApiResources(resources.stdout), parseNamespaceNames(namespaces.stdout), defaultNamespace.stdout.trim() || 'default', Date.now());
    return renderPromptContext(picture, { namespaces: null, hides: (resource) => isDeniedResource(policy, resource), budgetTokens });
  }

  async stop(): Promise<void> {
    await this.executor.onModuleDestroy();
    await this.server.close();
    await removeKubeconfig(this.kubeconfig);
  }
}
