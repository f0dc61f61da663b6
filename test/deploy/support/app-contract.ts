import { AppConfig, Environment, loadAppConfig } from '@app/config';

/**
 * The environment variables the service reads (its public contract, kept from the original service),
 * plus the ones handed to the kubectl child. Deployment files may set only these.
 */
export const APP_ENV_NAMES: ReadonlySet<string> = new Set([
  'OPENAI_API_KEY',
  'OPENAI_MODEL',
  'OPENAI_BASE_URL',
  'API_AUTH_KEY',
  'API_KEYS_FILE',
  'MCP_ENABLED',
  'MCP_ALLOWED_ORIGINS',
  'CACHE_MAXSIZE',
  'CACHE_TTL',
  'LLM_TIMEOUT',
  'LLM_MAX_TOKENS',
  'EXECUTION_TIMEOUT',
  'RATE_LIMIT',
  'LOG_LEVEL',
  'PORT',
  'HOST',
  'KUBECTL_ALLOW_WRITES',
  'KUBECTL_ALLOWED_NAMESPACES',
  'KUBECTL_PROTECTED_NAMESPACES',
  'KUBECTL_DENIED_RESOURCES',
  'DISCOVERY_TTL',
  'DISCOVERY_PROMPT_TOKENS',
  'KUBECTL_PATH',
  'MAX_OUTPUT_BYTES',
  'EXECUTION_CONCURRENCY',
  'EXECUTION_QUEUE_LIMIT',
  'ALLOW_UNAUTHENTICATED_EXECUTION',
  'REDIS_URL',
  'AUDIT_LOG',
  'KUBECONFIG',
  // OpenTelemetry tracing (the ones the service checks; the SDK reads the other OTEL_* itself).
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_EXPORTER_OTLP_PROTOCOL',
  'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  'OTEL_SERVICE_NAME',
  'OTEL_TRACES_SAMPLER',
  'OTEL_TRACES_SAMPLER_ARG',
  'OTEL_TRACES_EXPORTER',
  'OTEL_SDK_DISABLED',
  'OTEL_RECORD_QUERY',
  // Inherited by kubectl (see the executor's child environment).
  'PATH',
  'HOME',
  'KUBERNETES_SERVICE_HOST',
  'KUBERNETES_SERVICE_PORT',
  'POD_NAMESPACE',
]);

/** Variables that hold credentials: they belong in a Secret, never in a ConfigMap or an image. */
export const SECRET_ENV_NAMES: ReadonlySet<string> = new Set(['OPENAI_API_KEY', 'API_AUTH_KEY']);

/** Names that look like credentials (KEY, TOKEN) but hold a count or a path: they may sit in a ConfigMap. */
export const CREDENTIAL_LOOKALIKES: ReadonlyMap<string, RegExp> = new Map([
  ['LLM_MAX_TOKENS', /^[0-9]+$/],
  ['DISCOVERY_PROMPT_TOKENS', /^[0-9]+$/],
  ['API_KEYS_FILE', /^(\/[A-Za-z0-9._-]+)*$/],
]);

/** Where the Deployment mounts the optional Secret kubectl-agent-callers, and the keys file in it. */
export const CALLERS_MOUNT_PATH = '/etc/kubectl-agent/callers';
export const CALLERS_FILE = `${CALLERS_MOUNT_PATH}/keys.yaml`;

export const LIVENESS_PATH = '/health';
export const READINESS_PATH = '/health/ready';

/** The configuration the app runs with when nothing is set: the defaults deployment files must agree with. */
export const APP_DEFAULTS: AppConfig = loadAppConfig({});

/** Every variable name loadAppConfig looks up, found by watching it read an empty environment. */
export function namesReadByConfig(): string[] {
  const names = new Set<string>();
  const spy: Environment = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') names.add(name);
        return undefined;
      },
    },
  );
  loadAppConfig(spy);
  return [...names];
}
