import { AppConfig, AuditSink, Environment, LogLevel } from './app-config';
import { ConfigError } from './config.errors';
import { EXECUTOR_DEFAULTS } from '@app/executor';
import { DEFAULT_LLM_MAX_TOKENS } from '@app/llm';
import { isDeniedResourceEntry } from '@app/safety';
import { createHash } from 'node:crypto';
import { API_KEYS_FILE, CallerEntry, RATE_LIMIT_FORM, readCallersFile } from './callers-file';
import { EnvReader } from './env-readers';
import { readTracingConfig } from './tracing-config';

const RATE_UNITS_MS: Record<string, number> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

// The original service took Python's level names; WARN and FATAL are accepted as aliases.
const LOG_LEVELS: Record<string, LogLevel> = {
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  warn: 'warn',
  error: 'error',
  critical: 'fatal',
  fatal: 'fatal',
};

const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Builds the typed configuration from an environment; throws ConfigError on the first bad value.
 * A setting a library owns takes that library's default, so each default is stated once.
 */
export function loadAppConfig(env: Environment): AppConfig {
  const read = new EnvReader(env);
  return {
    server: {
      host: read.string('HOST', '0.0.0.0'),
      port: read.integer('PORT', 8000, 1, 65_535),
    },
    logLevel: parseLogLevel(read.string('LOG_LEVEL', 'INFO')),
    auth: {
      apiKeys: read.list('API_AUTH_KEY'),
      ...readCallers(read.optional(API_KEYS_FILE)),
      allowUnauthenticatedExecution: read.boolean('ALLOW_UNAUTHENTICATED_EXECUTION', false),
    },
    llm: {
      apiKey: read.optional('OPENAI_API_KEY'),
      baseUrl: read.url('OPENAI_BASE_URL', ['http:', 'https:']),
      model: read.string('OPENAI_MODEL', 'gpt-3.5-turbo'),
      timeoutMs: read.seconds('LLM_TIMEOUT', 60, 3_600),
      maxTokens: read.integer('LLM_MAX_TOKENS', DEFAULT_LLM_MAX_TOKENS, 16, 65_536),
    },
    cache: {
      maxSize: read.integer('CACHE_MAXSIZE', 100, 0, 10_000_000),
      ttlMs: read.integer('CACHE_TTL', 300, 0, 31_536_000) * 1000,
    },
    rateLimit: parseRateLimit(read.string('RATE_LIMIT', '10/minute')),
    safety: {
      allowWrites: read.boolean('KUBECTL_ALLOW_WRITES', false),
      allowedNamespaces: parseNamespaces('KUBECTL_ALLOWED_NAMESPACES', read.list('KUBECTL_ALLOWED_NAMESPACES')),
      protectedNamespaces: parseNamespaces('KUBECTL_PROTECTED_NAMESPACES', read.list('KUBECTL_PROTECTED_NAMESPACES')),
      deniedResources: parseDeniedResources(read.list('KUBECTL_DENIED_RESOURCES')),
    },
    discovery: {
      ttlMs: read.integer('DISCOVERY_TTL', 300, 0, 86_400) * 1000,
      promptTokens: read.integer('DISCOVERY_PROMPT_TOKENS', 1_500, 100, 100_000),
    },
    execution: {
      kubectlPath: read.string('KUBECTL_PATH', EXECUTOR_DEFAULTS.kubectlPath),
      timeoutMs: read.seconds('EXECUTION_TIMEOUT', EXECUTOR_DEFAULTS.timeoutMs / 1000, 3_600),
      maxOutputBytes: read.integer('MAX_OUTPUT_BYTES', EXECUTOR_DEFAULTS.maxOutputBytes, 1_024, 1_073_741_824),
      concurrency: read.integer('EXECUTION_CONCURRENCY', EXECUTOR_DEFAULTS.concurrency, 1, 256),
      queueLimit: read.integer('EXECUTION_QUEUE_LIMIT', EXECUTOR_DEFAULTS.queueLimit, 0, 100_000),
      baseEnv: env,
    },
    mcp: {
      enabled: read.boolean('MCP_ENABLED', true),
      allowedOrigins: parseOrigins(read.list('MCP_ALLOWED_ORIGINS')),
    },
    tracing: readTracingConfig(read, env),
    redisUrl: read.url('REDIS_URL', ['redis:', 'rediss:']),
    audit: parseAuditSink(read.string('AUDIT_LOG', 'stdout')),
  };
}

function parseAuditSink(raw: string): AuditSink {
  const lower = raw.toLowerCase();
  if (lower === 'stdout') return { kind: 'stdout' };
  if (lower === 'off') return { kind: 'off' };
  if (/[\u0000-\u001f]/.test(raw)) throw new ConfigError('AUDIT_LOG', 'stdout, off or a file path', raw);
  return { kind: 'file', path: raw };
}

function parseLogLevel(raw: string): LogLevel {
  const level = LOG_LEVELS[raw.toLowerCase()];
  if (!level) throw new ConfigError('LOG_LEVEL', 'one of DEBUG, INFO, WARNING, ERROR, CRITICAL', raw);
  return level;
}

/** Accepts the original's `N/unit` form (slowapi style), e.g. `10/minute` or `5 per second`. */
export function parseRateLimit(raw: string, variable = 'RATE_LIMIT'): AppConfig['rateLimit'] {
  const match = RATE_LIMIT_FORM.exec(raw.trim());
  const limit = match ? Number(match[1]) : NaN;
  if (!match || !Number.isSafeInteger(limit) || limit < 1) {
    throw new ConfigError(variable, 'N/second, N/minute, N/hour or N/day with N at least 1', raw);
  }
  return { limit, ttlMs: RATE_UNITS_MS[match[2].toLowerCase()] };
}

function parseNamespaces(variable: string, names: string[]): readonly string[] | null {
  if (names.length === 0) return null;
  const bad = names.find((name) => !NAMESPACE_NAME.test(name));
  if (bad !== undefined) {
    throw new ConfigError(variable, 'comma-separated Kubernetes namespace names', bad);
  }
  return names;
}

function parseDeniedResources(entries: string[]): readonly string[] | null {
  if (entries.length === 0) return null;
  const lower = entries.map((entry) => entry.toLowerCase());
  const bad = lower.find((entry) => !isDeniedResourceEntry(entry));
  if (bad !== undefined) throw new ConfigError('KUBECTL_DENIED_RESOURCES', 'comma-separated resource names or name.group (* as wildcard)', bad);
  return lower;
}

/** Hex SHA-256 of an API key: how keys are compared and stored. */
export function keyDigest(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function readCallers(path: string | undefined): { keysFile: string | null; callers: readonly CallerEntry[] } {
  return path === undefined ? { keysFile: null, callers: [] } : { keysFile: path, callers: readCallersFile(path, keyDigest) };
}

/** Origins as browsers send them: scheme, host and port, nothing else. */
function parseOrigins(origins: string[]): readonly string[] {
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new ConfigError('MCP_ALLOWED_ORIGINS', 'comma-separated origins such as https://app.example.com (scheme, host and port only)', origin);
    }
  }
  return origins;
}
