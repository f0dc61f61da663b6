import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { loadAppConfig } from '@app/config';
import { APP_DEFAULTS, APP_ENV_NAMES, LIVENESS_PATH } from './support/app-contract';
import { validateComposeFile } from './support/compose-schema.validator';
import { COMPOSE_PATH, DOCKER_DIR, DOCKERFILE_PATH, ENV_SAMPLE_PATH, REPO_ROOT } from './support/deploy-paths';
import { isYamlObject, YamlObject } from './support/manifest-files';

const compose: unknown = parse(readFileSync(COMPOSE_PATH, 'utf8'), { uniqueKeys: true });

function service(name: string): YamlObject {
  const services = isYamlObject(compose) ? compose.services : undefined;
  const found = isYamlObject(services) ? services[name] : undefined;
  if (!isYamlObject(found)) throw new Error(`no service ${name}`);
  return found;
}

function environmentOf(name: string): Record<string, string> {
  const environment = service(name).environment;
  if (!isYamlObject(environment)) throw new Error(`${name}: environment must be a mapping`);
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value)]));
}

function seconds(duration: unknown): number {
  const match = /^(\d+)s$/.exec(String(duration));
  if (!match) throw new Error(`expected a duration in seconds, got ${String(duration)}`);
  return Number(match[1]);
}

describe('docker/docker-compose.yml', () => {
  const agent = service('kubectl-agent');

  it('is valid against the Compose Specification schema', () => {
    expect(validateComposeFile(compose)).toEqual([]);
  });

  it('is checked by a schema that reports typos and wrong types', () => {
    const broken = structuredClone(compose) as { services: Record<string, YamlObject> };
    broken.services.redis.helthcheck = {};
    broken.services['kubectl-agent'].read_only = 'yes';

    expect(validateComposeFile(broken)).toEqual([
      expect.stringContaining('/services/kubectl-agent/read_only must be boolean'),
      expect.stringContaining('"additionalProperty":"helthcheck"'),
    ]);
  });

  it('runs the agent and Redis by default, Ollama only under the ollama profile and Jaeger only under tracing', () => {
    expect(Object.keys((compose as { services: object }).services).sort()).toEqual(['jaeger', 'kubectl-agent', 'ollama', 'redis']);
    expect(agent.profiles).toBeUndefined();
    expect(service('redis').profiles).toBeUndefined();
    expect(service('ollama').profiles).toEqual(['ollama']);
    expect(service('jaeger').profiles).toEqual(['tracing']);
  });

  it('publishes only the Jaeger UI, on loopback, and documents the endpoint the agent sends spans to', () => {
    const text = readFileSync(COMPOSE_PATH, 'utf8');
    const endpoint = /OTEL_EXPORTER_OTLP_ENDPOINT=(\S+)/.exec(text)?.[1] ?? '';

    expect(service('jaeger').ports).toEqual(['127.0.0.1:16686:16686']);
    expect(new URL(endpoint).hostname).toBe('jaeger');
    expect(new URL(endpoint).port).toBe('4318');
    expect(loadAppConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).tracing.enabled).toBe(true);
    expect(text).toContain('--profile tracing');
    expect(readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8')).toContain('http://localhost:16686');
  });

  it('builds the agent from docker/Dockerfile with the repository root as context', () => {
    const build = agent.build as YamlObject;

    expect(resolve(DOCKER_DIR, String(build.context))).toBe(REPO_ROOT);
    expect(resolve(DOCKER_DIR, String(build.context), String(build.dockerfile))).toBe(DOCKERFILE_PATH);
  });

  it('reads the .env file at the repository root, whose template only names variables the app knows', () => {
    const sampleNames = readFileSync(ENV_SAMPLE_PATH, 'utf8')
      .split(/\r?\n/)
      .map((line) => /^\s*#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);

    expect(resolve(DOCKER_DIR, String(agent.env_file))).toBe(resolve(REPO_ROOT, '.env'));
    expect(sampleNames.length).toBeGreaterThan(10);
    expect(sampleNames.filter((name) => !APP_ENV_NAMES.has(name))).toEqual([]);
  });

  it('sets only variables the app knows, with values its configuration accepts', () => {
    const environment = environmentOf('kubectl-agent');

    expect(Object.keys(environment).filter((name) => !APP_ENV_NAMES.has(name))).toEqual([]);
    expect(() => loadAppConfig(environment)).not.toThrow();
  });

  it('points REDIS_URL at the redis service and waits for Redis to be healthy', () => {
    expect(environmentOf('kubectl-agent').REDIS_URL).toBe('redis://redis:6379');
    expect(agent.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect((service('redis').healthcheck as YamlObject).test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(service('redis').command).toEqual(expect.arrayContaining(['--save', '', '--appendonly', 'no']));
  });

  it('publishes the app port on loopback only, and the app listens on that port', () => {
    const environment = environmentOf('kubectl-agent');

    expect(agent.ports).toEqual([`127.0.0.1:${APP_DEFAULTS.server.port}:${APP_DEFAULTS.server.port}`]);
    expect(Number(environment.PORT)).toBe(APP_DEFAULTS.server.port);
    expect(environment.HOST).toBe('0.0.0.0');
  });

  it('health-checks /health on the app port', () => {
    const test = (agent.healthcheck as YamlObject).test as string[];

    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toContain(`http://127.0.0.1:${APP_DEFAULTS.server.port}${LIVENESS_PATH}`);
  });

  it('mounts the kubeconfig read-only where KUBECONFIG points', () => {
    const volumes = agent.volumes as YamlObject[];

    expect(volumes).toEqual([
      {
        type: 'bind',
        source: '${KUBECONFIG_FILE:-~/.kube/config}',
        target: environmentOf('kubectl-agent').KUBECONFIG,
        read_only: true,
      },
    ]);
    expect(environmentOf('kubectl-agent').KUBECONFIG).toBe('/home/node/.kube/config');
  });

  it('runs the agent locked down: read-only root with a /tmp tmpfs, no capabilities, no privilege gain', () => {
    expect(agent.read_only).toBe(true);
    expect(agent.tmpfs).toEqual(['/tmp']);
    expect(agent.cap_drop).toEqual(['ALL']);
    expect(agent.security_opt).toEqual(['no-new-privileges:true']);
    expect(readFileSync(DOCKERFILE_PATH, 'utf8')).toMatch(/HOME=\/tmp\/home/);
  });

  it('gives in-flight requests the time the LLM and kubectl timeouts allow before stopping', () => {
    const worstCase = (APP_DEFAULTS.llm.timeoutMs + APP_DEFAULTS.execution.timeoutMs) / 1000;

    expect(seconds(agent.stop_grace_period)).toBeGreaterThan(worstCase);
  });

  it('keeps Ollama models in a named volume, documented with an `ollama pull` example', () => {
    expect(service('ollama').volumes).toEqual(['ollama-models:/root/.ollama']);
    expect(readFileSync(COMPOSE_PATH, 'utf8')).toContain('exec ollama ollama pull llama3.2');
  });
});
