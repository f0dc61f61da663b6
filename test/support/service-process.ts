import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './ports';

/** The built service, exactly as `npm start` runs it (`npm test` builds it first, in pretest). */
export const BUILT_MAIN = resolve(__dirname, '../../dist/apps/api/src/main.js');

/**
 * V8 flags the service runs with, as `npm start` and the container image (NODE_OPTIONS) give them:
 * a bounded old space, and young-generation semi-spaces of 8 MB instead of 16, keep peak memory
 * under 200 MB under load at no measurable cost in throughput (see the benchmark).
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'] as const;

/** Request ids of the start-up probes, so a test can tell its own requests from them in the log. */
export const STARTUP_PROBE_ID_PREFIX = 'startup-probe-';

const START_DEADLINE_MS = 20_000;
const STOP_DEADLINE_MS = 10_000;
const PROBE_TIMEOUT_MS = 2_000;

export interface SpawnedService {
  readonly child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

/** Spawns the built service with exactly `env` (plus PATH and HOME) in `cwd`, capturing its output; `nodeFlags` are added to Node's. */
export function spawnService(env: Record<string, string>, cwd: string, nodeFlags: readonly string[] = []): SpawnedService {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first (npm test runs it in pretest).`);
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeFlags, BUILT_MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

export interface ServiceProcess {
  readonly url: string;
  /** Resolves once /health answers 200; rejects (the process killed) if it exits or stays silent. */
  waitUntilLive(): Promise<void>;
  stdout(): string;
  stderr(): string;
  /** SIGTERM, then waits for the exit (SIGKILL past the deadline); resolves with the exit code. */
  stop(): Promise<number | null>;
}

async function waitUntilLive(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_DEADLINE_MS;
  for (let probe = 1; Date.now() < deadline; probe++) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} while starting:\n${output()}`);
    try {
      const response = await fetch(`${url}/health`, {
        headers: { 'X-Request-Id': `${STARTUP_PROBE_ID_PREFIX}${probe}` },
        signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the service did not answer /health within ${START_DEADLINE_MS} ms:\n${output()}`);
}

/**
 * Spawns the built service on a free loopback port with exactly `env` (plus PATH), in `cwd` (pick an
 * empty directory: the service reads a `.env` file from its working directory). Returns at once, so
 * that a test can always stop the process, even when waiting for it to come up times out.
 */
export async function launchServiceProcess(env: Record<string, string>, cwd: string, nodeFlags: readonly string[] = []): Promise<ServiceProcess> {
  const port = await freePort();
  const { child, exited, stdout, stderr } = spawnService({ HOST: '127.0.0.1', PORT: String(port), ...env }, cwd, nodeFlags);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    try {
      return await exited;
    } finally {
      clearTimeout(killer);
    }
  };
  return {
    url,
    stdout,
    stderr,
    stop,
    waitUntilLive: async () => {
      try {
        await waitUntilLive(url, child, () => `${stdout()}\n${stderr()}`);
      } catch (error) {
        child.kill('SIGKILL');
        await exited;
        throw error;
      }
    },
  };
}

/** Every non-blank line of a log stream, parsed; throws naming the first line that is not a JSON object. */
export function jsonLines(text: string, source: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new Error(`${source} has a line that is not JSON: ${line}`);
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error(`${source} has a line that is not a JSON object: ${line}`);
      }
      return parsed as Record<string, unknown>;
    });
}
