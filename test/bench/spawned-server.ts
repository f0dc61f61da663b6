import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sendTo } from '../faults/support/loopback-client';
import { freePort } from '../support/ports';
import { BUILT_MAIN, SERVICE_NODE_FLAGS } from '../support/service-process';

export const REPO_ROOT = resolve(__dirname, '..', '..');

const STOP_GRACE_MS = 5_000;
const STDERR_TAIL_BYTES = 4_000;

/** A server running in its own process, on a loopback port. */
export interface SpawnedServer {
  readonly pid: number;
  readonly url: string;
  /** When the process was spawned (performance.now()). */
  readonly spawnedAt: number;
  /** The last few KB of its standard error, for error messages. */
  stderrTail(): string;
  /** Polls GET `path` until it answers 200; resolves with performance.now() at that moment. */
  waitUntilHealthy(path: string, withinMs: number, pollMs?: number): Promise<number>;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. */
  stop(): Promise<void>;
}

/**
 * Spawns `node <args>` with exactly `env` (plus PORT/HOST for the chosen loopback port). Unlike
 * test/support/service-process.ts it discards standard output: under load the service writes an
 * audit line per request, which the bench must neither hold in memory nor spend CPU reading.
 */
export async function spawnServer(args: readonly string[], env: Record<string, string>, cwd = REPO_ROOT): Promise<SpawnedServer> {
  const port = await freePort();
  const spawnedAt = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...args], {
    cwd,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    // The service writes its audit trail and logs to stdout; reading them would cost the bench CPU.
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
  });
  const exited = once(child, 'exit');
  if (child.pid === undefined) throw new Error(`could not spawn node ${args.join(' ')}`);
  const url = `http://127.0.0.1:${port}`;

  return {
    pid: child.pid,
    url,
    spawnedAt,
    stderrTail: () => stderr,
    async waitUntilHealthy(path, withinMs, pollMs = 10) {
      const deadline = performance.now() + withinMs;
      while (performance.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering: ${stderr}`);
        try {
          const response = await sendTo(url, { path, deadlineMs: 1_000 });
          if (response.status === 200) return performance.now();
        } catch {
          // not listening yet
        }
        await new Promise((done) => setTimeout(done, pollMs));
      }
      throw new Error(`no 200 from ${url}${path} within ${withinMs} ms: ${stderr}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Spawns the built service in an empty directory of its own (it would read a `.env` file from its
 * working directory); fails early with a hint when it has not been built.
 */
export async function spawnService(env: Record<string, string>): Promise<SpawnedServer> {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` first`);
  const cwd = await mkdtemp(join(tmpdir(), 'bench-service-'));
  const server = await spawnServer([...SERVICE_NODE_FLAGS, BUILT_MAIN], env, cwd);
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}
