import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IService } from 'kubernetes-models/v1/Service';
import { loadAppConfig } from '@app/config';
import { APP_DEFAULTS, APP_ENV_NAMES, CALLERS_FILE, CALLERS_MOUNT_PATH, LIVENESS_PATH, namesReadByConfig, READINESS_PATH } from './support/app-contract';
import { DOCKER_DIR } from './support/deploy-paths';
import { ManifestIndex } from './support/manifest-index';

const index = ManifestIndex.load();
const agent = index.one<IDeployment>('Deployment', 'kubectl-agent');
const redis = index.one<IDeployment>('Deployment', 'kubectl-agent-redis');
const configData = index.one<{ data: Record<string, string> }>('ConfigMap', 'kubectl-agent-config').data;
const secretData = index.one<{ stringData: Record<string, string> }>('Secret', 'kubectl-agent-secrets').stringData;

function mainContainer(deployment: IDeployment): IContainer {
  const container = deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error(`${deployment.metadata?.name}: no container`);
  return container;
}

/** A probe or Service port may name a container port; this gives its number. */
function portNumber(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}

function matches(selector: Record<string, string> | undefined, deployment: IDeployment): boolean {
  const labels = deployment.spec?.template.metadata?.labels ?? {};
  return Object.entries(selector ?? {}).length > 0 && Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

describe('docker/k8s: agreement with the app', () => {
  const container = mainContainer(agent);

  it('knows every variable the configuration reads', () => {
    expect(namesReadByConfig().filter((name) => !APP_ENV_NAMES.has(name))).toEqual([]);
  });

  it('sets only variables the app knows: ConfigMap, Secret and container env', () => {
    const names = [...Object.keys(configData), ...Object.keys(secretData), ...(container.env ?? []).map((variable) => variable.name)];

    expect(names.filter((name) => !APP_ENV_NAMES.has(name))).toEqual([]);
  });

  it('loads the ConfigMap and the Secret into a valid configuration that keeps the documented defaults', () => {
    const config = loadAppConfig({ ...configData, ...secretData });

    expect(config.server).toEqual(APP_DEFAULTS.server);
    expect(config.cache).toEqual(APP_DEFAULTS.cache);
    expect(config.rateLimit).toEqual(APP_DEFAULTS.rateLimit);
    expect(config.safety).toEqual(APP_DEFAULTS.safety);
    expect(config.audit).toEqual(APP_DEFAULTS.audit);
    expect(config.llm).toEqual({ ...APP_DEFAULTS.llm, apiKey: secretData.OPENAI_API_KEY });
    expect({ ...config.execution, baseEnv: {} }).toEqual({ ...APP_DEFAULTS.execution, baseEnv: {} });
    expect({ ...config.tracing, sdkEnvironment: {} }).toEqual({ ...APP_DEFAULTS.tracing, sdkEnvironment: {} });
  });

  it('leaves API_KEYS_FILE empty (off) until the callers Secret exists, and documents the path in the mount', () => {
    const mounted = container.volumeMounts?.find((mount) => mount.mountPath === CALLERS_MOUNT_PATH);
    const readme = readFileSync(resolve(DOCKER_DIR, 'README.md'), 'utf8');

    expect(configData.API_KEYS_FILE).toBe('');
    expect(loadAppConfig({ ...configData, ...secretData }).auth.keysFile).toBeNull();
    expect(mounted).toBeDefined();
    expect(CALLERS_FILE.startsWith(`${mounted?.mountPath}/`)).toBe(true);
    expect(readme).toContain(`API_KEYS_FILE: ${CALLERS_FILE}`);
    expect(readme).toContain('kubectl -n kubectl-agent create secret generic kubectl-agent-callers --from-file=keys.yaml=');
  });

  it("listens on the app's default port, named http", () => {
    expect(container.ports).toEqual([{ name: 'http', containerPort: APP_DEFAULTS.server.port, protocol: 'TCP' }]);
    expect(Number(configData.PORT)).toBe(APP_DEFAULTS.server.port);
    expect(configData.HOST).toBe('0.0.0.0');
  });

  it.each([
    ['startupProbe', LIVENESS_PATH],
    ['livenessProbe', LIVENESS_PATH],
    ['readinessProbe', READINESS_PATH],
  ] as const)('points its %s at %s on the container port', (probe, path) => {
    const httpGet = container[probe]?.httpGet;

    expect(httpGet?.path).toBe(path);
    expect(portNumber(container, httpGet?.port)).toBe(APP_DEFAULTS.server.port);
  });

  it('takes its settings from the ConfigMap and Secret defined here', () => {
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'kubectl-agent-config' } },
      { secretRef: { name: 'kubectl-agent-secrets' } },
    ]);
  });

  it('exposes the container port through a ClusterIP Service on port 80', () => {
    const service = index.one<IService>('Service', 'kubectl-agent');
    const port = service.spec?.ports?.[0];

    expect(service.spec?.type).toBe('ClusterIP');
    expect(matches(service.spec?.selector, agent)).toBe(true);
    expect(matches(service.spec?.selector, redis)).toBe(false);
    expect(port?.port).toBe(80);
    expect(portNumber(container, port?.targetPort)).toBe(APP_DEFAULTS.server.port);
  });

  it('points REDIS_URL at the Redis Service, which reaches the Redis container', () => {
    const service = index.one<IService>('Service', 'kubectl-agent-redis');
    const url = new URL(configData.REDIS_URL);
    const port = service.spec?.ports?.[0];

    expect(url.hostname).toBe(service.metadata?.name);
    expect(Number(url.port)).toBe(port?.port);
    expect(matches(service.spec?.selector, redis)).toBe(true);
    expect(portNumber(mainContainer(redis), port?.targetPort)).toBe(6379);
  });

  it('runs two agent replicas, one of which a disruption budget keeps up', () => {
    const budget = index.one<IPodDisruptionBudget>('PodDisruptionBudget', 'kubectl-agent');

    expect(agent.spec?.replicas).toBe(2);
    expect(budget.spec?.minAvailable).toBe(1);
    expect(matches(budget.spec?.selector?.matchLabels, agent)).toBe(true);
    expect(agent.spec?.template.spec?.topologySpreadConstraints?.length).toBeGreaterThan(0);
  });

  it('gives in-flight requests the LLM and kubectl timeouts, plus the preStop pause, before killing a pod', () => {
    const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
    const pause = preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
    const worstCase = (APP_DEFAULTS.llm.timeoutMs + APP_DEFAULTS.execution.timeoutMs) / 1000;

    expect(agent.spec?.template.spec?.terminationGracePeriodSeconds).toBeGreaterThan(worstCase + pause);
  });

  it('uses the image name the kustomization sets', () => {
    const kustomization = index.kustomizeFiles().find((document) => document.file === 'kustomization.yaml')?.body;
    const images = kustomization?.images as { name: string; newTag: string }[];

    expect(container.image).toBe(`${images[0].name}:${images[0].newTag}`);
  });

  it('is documented: compose, the ollama profile, the Secret, apply -k and the writes component', () => {
    const readme = readFileSync(resolve(DOCKER_DIR, 'README.md'), 'utf8');

    for (const phrase of [
      'docker compose -f docker/docker-compose.yml up',
      '--profile ollama',
      'ollama pull llama3.2',
      'kubectl -n kubectl-agent create secret generic kubectl-agent-secrets',
      'kubectl apply -k docker/k8s',
      'components:',
      'KUBECONFIG',
    ]) {
      expect(readme).toContain(phrase);
    }
  });
});
