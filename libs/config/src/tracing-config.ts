import { Environment, TracingConfig, TracingProtocol } from './app-config';
import { ConfigError } from './config.errors';
import { EnvReader } from './env-readers';

const PROTOCOLS: readonly TracingProtocol[] = ['http/protobuf', 'http/json'];
const DEFAULT_PROTOCOL: TracingProtocol = 'http/protobuf';
const SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'];
const RATIO_SAMPLERS = new Set(['traceidratio', 'parentbased_traceidratio']);
const OTEL_VARIABLE = /^OTEL_[A-Z0-9_]+$/;

/**
 * Tracing is on when an OTLP endpoint is set (and the SDK is not disabled). The service checks the
 * settings it depends on; the OpenTelemetry SDK reads the standard OTEL_* variables itself. Without
 * an endpoint, the exporter, protocol and sampler settings are not read at all: OTEL_* variables
 * set for other programs of the same environment (a grpc protocol, say) cannot stop this one.
 */
export function readTracingConfig(read: EnvReader, env: Environment): TracingConfig {
  const endpoint = read.url('OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']);
  const tracesEndpoint = read.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', ['http:', 'https:']);
  const disabled = read.boolean('OTEL_SDK_DISABLED', false);
  const recordQuery = read.boolean('OTEL_RECORD_QUERY', false);
  const serviceName = read.string('OTEL_SERVICE_NAME', 'kubectl-agent');
  const exported = Boolean(endpoint ?? tracesEndpoint) && !disabled;
  if (!exported) return { enabled: false, serviceName, protocol: DEFAULT_PROTOCOL, recordQuery, sdkEnvironment: {} };
  const exporter = parseExporter(read.string('OTEL_TRACES_EXPORTER', 'otlp'));
  readSampler(read);
  return {
    enabled: exporter === 'otlp',
    serviceName,
    protocol: parseProtocol(read),
    recordQuery,
    sdkEnvironment: otelVariables(env),
  };
}

function parseExporter(raw: string): 'otlp' | 'none' {
  const lower = raw.toLowerCase();
  if (lower !== 'otlp' && lower !== 'none') throw new ConfigError('OTEL_TRACES_EXPORTER', 'otlp or none', raw);
  return lower;
}

/** The traces-specific variable wins over the general one, as the OTLP exporter specification says. */
function parseProtocol(read: EnvReader): TracingProtocol {
  const variable = read.optional('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ? 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' : 'OTEL_EXPORTER_OTLP_PROTOCOL';
  const raw = read.string(variable, DEFAULT_PROTOCOL);
  const protocol = PROTOCOLS.find((known) => known === raw.toLowerCase());
  if (!protocol) throw new ConfigError(variable, 'http/protobuf or http/json (grpc is not supported)', raw);
  return protocol;
}

function readSampler(read: EnvReader): void {
  const sampler = read.string('OTEL_TRACES_SAMPLER', 'parentbased_always_on');
  if (!SAMPLERS.includes(sampler)) throw new ConfigError('OTEL_TRACES_SAMPLER', `one of ${SAMPLERS.join(', ')}`, sampler);
  const argument = read.optional('OTEL_TRACES_SAMPLER_ARG');
  if (argument === undefined || !RATIO_SAMPLERS.has(sampler)) return;
  const ratio = /^[0-9]+(\.[0-9]+)?$/.test(argument) ? Number(argument) : NaN;
  if (!(ratio >= 0 && ratio <= 1)) throw new ConfigError('OTEL_TRACES_SAMPLER_ARG', 'a ratio from 0 to 1', argument);
}

/** Every OTEL_* variable, .env included: the SDK reads only the process environment, so it is handed these. */
function otelVariables(env: Environment): Readonly<Record<string, string>> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (OTEL_VARIABLE.test(name) && value !== undefined) variables[name] = value;
  }
  return variables;
}
