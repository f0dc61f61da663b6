import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const DIR_PREFIX = 'kubeconfig-';

/**
 * Writes a kubeconfig for `serverUrl` (context `fake`, no credentials, namespace `default` unless
 * told otherwise) as `config` in a new temp directory, and returns the file's path. The directory
 * also makes a good HOME for kubectl (its discovery cache goes to `$HOME/.kube/cache`).
 */
export async function writeKubeconfig(serverUrl: string, namespace = 'default'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), DIR_PREFIX));
  const path = join(dir, 'config');
  const config = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: fake',
    '  cluster:',
    `    server: ${JSON.stringify(serverUrl)}`,
    'contexts:',
    '- name: fake',
    '  context:',
    '    cluster: fake',
    '    user: fake',
    `    namespace: ${JSON.stringify(namespace)}`,
    'current-context: fake',
    'users:',
    '- name: fake',
    '  user: {}',
    '',
  ].join('\n');
  await writeFile(path, config, { mode: 0o600 });
  return path;
}

/** Removes a kubeconfig written by `writeKubeconfig`, with its directory. */
export async function removeKubeconfig(path: string): Promise<void> {
  const dir = dirname(path);
  if (!basename(dir).startsWith(DIR_PREFIX)) throw new Error(`Not a kubeconfig written by writeKubeconfig: ${path}`);
  await rm(dir, { recursive: true, force: true });
}
