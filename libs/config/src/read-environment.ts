import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { Environment } from './app-config';

/**
 * The process environment with an optional `.env` file underneath it: variables that are
 * already set win, as with docker compose and most dotenv loaders.
 */
export function readEnvironment(
  processEnv: Environment,
  envFile = resolve(process.cwd(), '.env'),
): Environment {
  if (!existsSync(envFile)) return processEnv;
  const fromFile = parseEnv(readFileSync(envFile, 'utf8')) as Record<string, string>;
  return { ...fromFile, ...processEnv };
}
