import { ConfigError } from './config.errors';
import { loadAppConfig, parseRateLimit } from './load-app-config';

describe(loadAppConfig.name, () => {
  it('applies the original service defaults to an empty environment', () => {
    const sut = loadAppConfig({});

    expect(sut.server).toEqual({ host: '0.0.0.0', port: 8000 });
    expect(sut.logLevel).toBe('info');
    expect(sut.llm).toEqual({ apiKey: undefined, baseUrl: undefined, model: 'gpt-3.5-turbo', timeoutMs: 60_000, maxTokens: 512 });
    expect(sut.cache).toEqual({ maxSize: 100, ttlMs: 300_000 });
    expect(sut.rateLimit).toEqual({ limit: 10, ttlMs: 60_000 });
    expect(sut.auth).toEqual({ apiKeys: [], keysFile: null, callers: [], allowUnauthenticatedExecution: false });
    expect(sut.execution).toMatchObject({ kubectlPath: 'kubectl', timeoutMs: 30_000, maxOutputBytes: 1_048_576, concurrency: 4 });
    expect(sut.safety).toEqual({ allowWrites: false, allowedNamespaces: null, protectedNamespaces: null, deniedResources: null });
    expect(sut.discovery).toEqual({ ttlMs: 300_000, promptTokens: 1_500 });
    expect(sut.redisUrl).toBeUndefined();
    expect(sut.audit).toEqual({ kind: 'stdout' });
  });

  it.each([
    ['PORT', '9000', (c: ReturnType<typeof loadAppConfig>) => c.server.port, 9000],
    ['HOST', '127.0.0.1', (c: ReturnType<typeof loadAppConfig>) => c.server.host, '127.0.0.1'],
    ['CACHE_TTL', '0', (c: ReturnType<typeof loadAppConfig>) => c.cache.ttlMs, 0],
    ['CACHE_MAXSIZE', '5', (c: ReturnType<typeof loadAppConfig>) => c.cache.maxSize, 5],
    ['LLM_TIMEOUT', '2.5', (c: ReturnType<typeof loadAppConfig>) => c.llm.timeoutMs, 2500],
    ['LLM_MAX_TOKENS', '2048', (c: ReturnType<typeof loadAppConfig>) => c.llm.maxTokens, 2048],
    ['EXECUTION_TIMEOUT', '10', (c: ReturnType<typeof loadAppConfig>) => c.execution.timeoutMs, 10_000],
    ['LOG_LEVEL', 'warning', (c: ReturnType<typeof loadAppConfig>) => c.logLevel, 'warn'],
    ['LOG_LEVEL', 'CRITICAL', (c: ReturnType<typeof loadAppConfig>) => c.logLevel, 'fatal'],
    ['LOG_LEVEL', 'Debug', (c: ReturnType<typeof loadAppConfig>) => c.logLevel, 'debug'],
    ['API_AUTH_KEY', ' old-key , new-key ', (c: ReturnType<typeof loadAppConfig>) => c.auth.apiKeys, ['old-key', 'new-key']],
    ['OPENAI_BASE_URL', 'http://localhost:11434/v1', (c: ReturnType<typeof loadAppConfig>) => c.llm.baseUrl, 'http://localhost:11434/v1'],
    ['KUBECTL_ALLOW_WRITES', 'TRUE', (c: ReturnType<typeof loadAppConfig>) => c.safety.allowWrites, true],
    ['KUBECTL_ALLOWED_NAMESPACES', 'dev, staging', (c: ReturnType<typeof loadAppConfig>) => c.safety.allowedNamespaces, ['dev', 'staging']],
    ['KUBECTL_PROTECTED_NAMESPACES', 'kube-system,prod', (c: ReturnType<typeof loadAppConfig>) => c.safety.protectedNamespaces, ['kube-system', 'prod']],
    ['KUBECTL_DENIED_RESOURCES', 'Secrets, *secret*,widgets.example.com', (c: ReturnType<typeof loadAppConfig>) => c.safety.deniedResources, ['secrets', '*secret*', 'widgets.example.com']],
    ['KUBECTL_DENIED_RESOURCES', '', (c: ReturnType<typeof loadAppConfig>) => c.safety.deniedResources, null],
    ['DISCOVERY_TTL', '0', (c: ReturnType<typeof loadAppConfig>) => c.discovery.ttlMs, 0],
    ['DISCOVERY_TTL', '', (c: ReturnType<typeof loadAppConfig>) => c.discovery.ttlMs, 300_000],
    ['DISCOVERY_PROMPT_TOKENS', '800', (c: ReturnType<typeof loadAppConfig>) => c.discovery.promptTokens, 800],
    ['PORT', '', (c: ReturnType<typeof loadAppConfig>) => c.server.port, 8000],
    ['AUDIT_LOG', 'OFF', (c: ReturnType<typeof loadAppConfig>) => c.audit, { kind: 'off' }],
    ['AUDIT_LOG', '/var/log/agent/audit.jsonl', (c: ReturnType<typeof loadAppConfig>) => c.audit, { kind: 'file', path: '/var/log/agent/audit.jsonl' }],
  ])('reads %s=%j', (name, value, pick, expected) => {
    expect(pick(loadAppConfig({ [name]: value }))).toEqual(expected);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['CACHE_TTL', '-1'],
    ['CACHE_MAXSIZE', 'lots'],
    ['LLM_TIMEOUT', '0'],
    ['LLM_TIMEOUT', '-5'],
    ['LLM_MAX_TOKENS', 'lots'],
    ['LLM_MAX_TOKENS', '0'],
    ['LLM_MAX_TOKENS', '8'],
    ['LLM_MAX_TOKENS', '1e6'],
    ['LLM_MAX_TOKENS', '100000'],
    ['EXECUTION_TIMEOUT', 'soon'],
    ['RATE_LIMIT', 'ten'],
    ['RATE_LIMIT', '10/fortnight'],
    ['RATE_LIMIT', '0/minute'],
    ['LOG_LEVEL', 'LOUD'],
    ['OPENAI_BASE_URL', 'localhost:11434'],
    ['OPENAI_BASE_URL', 'ftp://example.org/v1'],
    ['KUBECTL_ALLOW_WRITES', 'maybe'],
    ['KUBECTL_ALLOWED_NAMESPACES', 'Prod_Namespace'],
    ['KUBECTL_PROTECTED_NAMESPACES', 'kube-system,Kube_Public'],
    ['REDIS_URL', 'http://redis:6379'],
    ['EXECUTION_CONCURRENCY', '0'],
    ['DISCOVERY_TTL', 'often'],
    ['DISCOVERY_TTL', '-1'],
    ['DISCOVERY_PROMPT_TOKENS', '10'],
    ['KUBECTL_DENIED_RESOURCES', 'secrets,bad/name'],
  ])('rejects %s=%j with an error naming the variable', (name, value) => {
    const attempt = () => loadAppConfig({ [name]: value });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${name}=`));
    expect(attempt).toThrow(/expected /);
  });

  it('hands the environment to the executor, which filters what kubectl inherits', () => {
    const env = { PATH: '/usr/bin', KUBECONFIG: '/etc/kube/config' };

    expect(loadAppConfig(env).execution.baseEnv).toBe(env);
  });
});

describe(parseRateLimit.name, () => {
  it.each([
    ['10/minute', 10, 60_000],
    ['5/second', 5, 1_000],
    ['100/hour', 100, 3_600_000],
    ['1000/day', 1000, 86_400_000],
    ['20 per minute', 20, 60_000],
    ['3/Seconds', 3, 1_000],
  ])('reads %j', (raw, limit, ttlMs) => {
    expect(parseRateLimit(raw)).toMatchObject({ limit, ttlMs });
  });
});
