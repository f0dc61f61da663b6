import type { CallerEntry } from './callers-file';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** Everything the service reads from its environment, typed and validated once at start-up. */
export interface AppConfig {
  readonly server: { readonly host: string; readonly port: number };
  readonly logLevel: LogLevel;
  readonly auth: {
    /** Accepted API keys (API_AUTH_KEY, comma-separated for rotation); empty disables authentication. */
    readonly apiKeys: readonly string[];
    /** API_KEYS_FILE: the callers file, re-read on SIGHUP and when it changes; null when unset. */
    readonly keysFile: string | null;
    /** The callers the file held at start-up (validated). */
    readonly callers: readonly CallerEntry[];
    readonly allowUnauthenticatedExecution: boolean;
  };
  readonly llm: {
    readonly apiKey?: string;
    readonly baseUrl?: string;
    readonly model: string;
    readonly timeoutMs: number;
    /** Cap on the tokens of one model reply (LLM_MAX_TOKENS). */
    readonly maxTokens: number;
  };
  readonly cache: { readonly maxSize: number; readonly ttlMs: number };
  readonly rateLimit: { readonly limit: number; readonly ttlMs: number };
  readonly safety: {
    readonly allowWrites: boolean;
    readonly allowedNamespaces: readonly string[] | null;
    /** Namespaces no write may touch unless allowed explicitly; null: the policy's default list. */
    readonly protectedNamespaces: readonly string[] | null;
    /** KUBECTL_DENIED_RESOURCES: resource names or name.group no command may name; null: the policy's default list. */
    readonly deniedResources: readonly string[] | null;
  };
  readonly discovery: {
    /** DISCOVERY_TTL: how often the cluster's resource types and namespaces are read again; 0 turns discovery off. */
    readonly ttlMs: number;
    /** DISCOVERY_PROMPT_TOKENS: budget of the cluster context in the system message (about 4 characters a token). */
    readonly promptTokens: number;
  };
  readonly execution: {
    readonly kubectlPath: string;
    readonly timeoutMs: number;
    readonly maxOutputBytes: number;
    readonly concurrency: number;
    readonly queueLimit: number;
    /** The service's environment; the executor passes on only the few variables kubectl needs. */
    readonly baseEnv: Readonly<Record<string, string | undefined>>;
  };
  readonly mcp: {
    /** MCP_ENABLED: serve the MCP endpoint at /mcp. */
    readonly enabled: boolean;
    /** MCP_ALLOWED_ORIGINS: browser origins allowed to call /mcp; requests from any other Origin get 403. */
    readonly allowedOrigins: readonly string[];
  };
  readonly tracing: TracingConfig;
  readonly redisUrl?: string;
  /** Where the audit trail goes: standard output, a file (appended), or nowhere. */
  readonly audit: AuditSink;
}

export type TracingProtocol = 'http/protobuf' | 'http/json';

/** OpenTelemetry tracing: off unless an OTLP endpoint is set. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set, and OTEL_SDK_DISABLED is not true. */
  readonly enabled: boolean;
  /** OTEL_SERVICE_NAME. */
  readonly serviceName: string;
  /** OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL. */
  readonly protocol: TracingProtocol;
  /** OTEL_RECORD_QUERY: put the query text on the request's span (off: queries never reach telemetry). */
  readonly recordQuery: boolean;
  /** The OTEL_* variables, `.env` included, for the SDK, which reads the rest of its settings itself. */
  readonly sdkEnvironment: Readonly<Record<string, string>>;
}

export type AuditSink = { readonly kind: 'stdout' } | { readonly kind: 'off' } | { readonly kind: 'file'; readonly path: string };

export type Environment = Readonly<Record<string, string | undefined>>;
