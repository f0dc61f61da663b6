import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postJson } from '../../faults/support/loopback-client';
import { BENCH_API_KEY, BenchContext } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { SpawnedServer } from '../spawned-server';
import { median, quantile, round1 } from './statistics';

const COMMAND = 'kubectl get pods';
const WARM_UP_RUNS = 3;

/**
 * (c) POST /execute of `kubectl get pods` against spawning the same kubectl directly with the same
 * argv (taken from the service's verdict), KUBECONFIG, HOME and PATH, in an empty directory as the
 * executor does. The two alternate run by run, so drifts in machine load hit both alike.
 */
export async function measureExecutionOverhead(context: BenchContext, service: SpawnedServer): Promise<Measured> {
  const argv = await approvedArgv(service);
  const cwd = await mkdtemp(join(tmpdir(), 'bench-kubectl-'));
  context.resources.add('kubectl working directory', () => rm(cwd, { recursive: true, force: true }));
  const direct = () => timeDirect(context, argv, cwd);
  const viaService = () => timeViaService(service);

  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await direct();
    await viaService();
  }
  const directMs: number[] = [];
  const serviceMs: number[] = [];
  for (let i = 0; i < context.options.executionRuns; i++) {
    if (i % 2 === 0) {
      directMs.push(await direct());
      serviceMs.push(await viaService());
    } else {
      serviceMs.push(await viaService());
      directMs.push(await direct());
    }
  }

  const ratio = median(serviceMs) / median(directMs);
  return {
    figures: [
      figure('c.service.median', `POST /execute "${COMMAND}": median of ${serviceMs.length} runs`, round1(median(serviceMs)), 'ms'),
      figure('c.direct.median', `kubectl ${argv.join(' ')} spawned directly: median of ${directMs.length} runs`, round1(median(directMs)), 'ms'),
      figure('c.ratio', 'execution through the service / direct kubectl', Math.round(ratio * 100) / 100, 'x', { comparison: '<=', value: 1.15 }),
    ],
    details: {
      argv,
      kubectl: context.kubectl,
      serviceMs: serviceMs.map(round1),
      directMs: directMs.map(round1),
      p90: { service: round1(quantile(serviceMs, 0.9)), direct: round1(quantile(directMs, 0.9)) },
    },
  };
}

async function approvedArgv(service: SpawnedServer): Promise<string[]> {
  const response = await postJson(service.url, '/execute', { execute: COMMAND }, BENCH_API_KEY);
  const body = response.json as { safety?: { argv?: string[] }; execution_error?: unknown };
  if (response.status !== 200 || body.execution_error !== null || !body.safety?.argv) {
    throw new Error(`POST /execute "${COMMAND}" did not run cleanly: ${response.status} ${response.text.slice(0, 300)}`);
  }
  return body.safety.argv;
}

async function timeViaService(service: SpawnedServer): Promise<number> {
  const response = await postJson(service.url, '/execute', { execute: COMMAND }, BENCH_API_KEY, 30_000);
  if (response.status !== 200 || (response.json as { execution_error: unknown }).execution_error !== null) {
    throw new Error(`POST /execute failed during the run: ${response.status} ${response.text.slice(0, 300)}`);
  }
  return response.elapsedMs;
}

function timeDirect(context: BenchContext, argv: readonly string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(context.kubectl, [...argv], { cwd, env: { ...context.kubectlEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(performance.now() - startedAt);
      else reject(new Error(`direct kubectl exited ${code}: ${Buffer.concat(output).toString('utf8').slice(0, 300)}`));
    });
  });
}
