import { ConfigError } from './config.errors';
import { loadAppConfig } from './load-app-config';

const tracingOf = (env: Record<string, string>) => loadAppConfig(env).tracing;

describe('tracing settings (OTEL_*)', () => {
  it('are off by default, with the service named kubectl-agent and protobuf over HTTP', () => {
    expect(tracingOf({})).toEqual({ enabled: false, serviceName: 'kubectl-agent', protocol: 'http/protobuf', recordQuery: false, sdkEnvironment: {} });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' }, false],
    [{ OTEL_SERVICE_NAME: 'agent' }, false],
  ])('turn on with an OTLP endpoint: %p -> %p', (env, enabled) => {
    expect(tracingOf(env).enabled).toBe(enabled);
  });

  it('take the traces-specific protocol over the general one', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' };
    expect(tracingOf({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }).protocol).toBe('http/json');
    expect(tracingOf({ ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' }).protocol).toBe(
      'http/protobuf',
    );
  });

  it('hand every OTEL_* variable to the SDK, and nothing else', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_BSP_SCHEDULE_DELAY: '100', OPENAI_API_KEY: 'sk-x', OTEL_RECORD_QUERY: 'true' };

    expect(tracingOf(env).sdkEnvironment).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_BSP_SCHEDULE_DELAY: '100', OTEL_RECORD_QUERY: 'true' });
    expect(tracingOf(env).recordQuery).toBe(true);
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'ftp://collector'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'thrift'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_EXPORTER', 'zipkin'],
    ['OTEL_SDK_DISABLED', 'perhaps'],
    ['OTEL_RECORD_QUERY', 'maybe'],
  ])('refuse %s=%s, naming the variable', (name, value) => {
    const attempt = () => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', [name]: value });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${name}=`));
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'thrift'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_EXPORTER', 'zipkin'],
  ])('leave %s=%s to other programs when no endpoint is set (tracing off)', (name, value) => {
    expect(tracingOf({ [name]: value })).toMatchObject({ enabled: false, sdkEnvironment: {} });
  });

  it.each([
    ['traceidratio', '0.25', true],
    ['parentbased_traceidratio', '1', true],
    ['traceidratio', '1.5', false],
    ['traceidratio', 'half', false],
    ['always_on', 'ignored', true],
  ])('check the sampler argument of %s=%s', (sampler, argument, valid) => {
    const attempt = () => tracingOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_SAMPLER: sampler, OTEL_TRACES_SAMPLER_ARG: argument });

    if (valid) expect(attempt).not.toThrow();
    else expect(attempt).toThrow(/^OTEL_TRACES_SAMPLER_ARG=/);
  });
});
