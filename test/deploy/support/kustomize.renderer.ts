import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseManifestText, YamlObject } from './manifest-files';

/** kustomize 4 introduced the `patches` and `components` handling these manifests rely on. */
const MINIMUM_KUSTOMIZE_MAJOR = 4;
const RENDER_TIMEOUT_MS = 20_000;

/** An environment that gives kubectl no cluster and no user configuration: rendering is offline. */
function isolatedEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: join(tmpdir(), 'kubectl-agent-kustomize-home'), KUBECONFIG: '/dev/null' };
}

/**
 * Why `kubectl kustomize` cannot be used here, or null when it can: the machine may have no kubectl,
 * or one whose built-in kustomize predates components (Debian's kubernetes-client 1.20).
 */
export function kustomizeUnavailableReason(): string | null {
  const result = spawnSync('kubectl', ['version', '--client', '-o', 'json'], {
    encoding: 'utf8',
    env: isolatedEnv(),
    timeout: RENDER_TIMEOUT_MS,
  });
  if (result.error || result.status !== 0) return 'kubectl is not installed';
  let version: string | undefined;
  try {
    version = (JSON.parse(result.stdout) as { kustomizeVersion?: string }).kustomizeVersion;
  } catch {
    version = undefined;
  }
  const major = Number(/^v(\d+)\./.exec(version ?? '')?.[1]);
  return major >= MINIMUM_KUSTOMIZE_MAJOR ? null : `kubectl's kustomize (${version ?? 'none'}) is older than v${MINIMUM_KUSTOMIZE_MAJOR}`;
}

/** Renders a kustomization directory with `kubectl kustomize`, offline. */
export function renderKustomization(dir: string): YamlObject[] {
  const result = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', env: isolatedEnv(), timeout: RENDER_TIMEOUT_MS });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${result.stderr}`);
  return parseManifestText(result.stdout, `kubectl kustomize ${dir}`);
}

/** Renders `base` with `component` enabled, through a throw-away overlay (kustomize wants relative paths). */
export function renderWithComponent(base: string, component: string): YamlObject[] {
  const overlay = mkdtempSync(join(tmpdir(), 'kubectl-agent-overlay-'));
  try {
    const kustomization = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      `  - ${relative(overlay, base)}`,
      'components:',
      `  - ${relative(overlay, component)}`,
      '',
    ].join('\n');
    writeFileSync(join(overlay, 'kustomization.yaml'), kustomization);
    return renderKustomization(overlay);
  } finally {
    rmSync(overlay, { recursive: true, force: true });
  }
}
