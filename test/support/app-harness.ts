import { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { AppConfig, Environment, loadAppConfig } from '@app/config';
import { createApp } from '../../apps/api/src/bootstrap/create-app';

export interface RunningApp {
  readonly app: NestExpressApplication;
  readonly config: AppConfig;
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** Settings every test app starts from; each test adds what it is about. */
export const TEST_ENV: Environment = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  API_AUTH_KEY: 'test-key',
  RATE_LIMIT: '1000/minute',
  LLM_TIMEOUT: '5',
  LOG_LEVEL: 'ERROR',
  AUDIT_LOG: 'off',
  // Cluster discovery spawns kubectl in the background; the suites about it turn it on.
  DISCOVERY_TTL: '0',
};

/** Boots the real application (same factory as main.ts) on a free loopback port. */
export async function startApp(env: Environment = {}): Promise<RunningApp> {
  const config = loadAppConfig({ ...TEST_ENV, ...env });
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    app,
    config,
    url: `http://127.0.0.1:${port}`,
    close: () => app.close(),
  };
}
