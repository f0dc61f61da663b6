import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { K8S_DIR } from './deploy-paths';

/** A parsed YAML object: the shape every manifest and compose file has before validation. */
export type YamlObject = { [key: string]: unknown };

/** One document of a manifest file under docker/k8s. */
export interface ManifestDocument {
  /** Path relative to docker/k8s, e.g. `writes/rbac-write.yaml`. */
  readonly file: string;
  readonly index: number;
  readonly body: YamlObject;
}

export const KUSTOMIZE_API_GROUP = 'kustomize.config.k8s.io';

/** Files an operator adapts and applies by hand (`*.example.yaml`): schema-checked, never part of a kustomization. */
export function isExampleFile(file: string): boolean {
  return file.endsWith('.example.yaml');
}

export function isYamlObject(value: unknown): value is YamlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses YAML the way the Kubernetes API machinery does (YAML 1.1, so `no` and `on` are booleans) and
 * fails on syntax errors, duplicate keys and documents that are not mappings.
 */
export function parseManifestText(text: string, source: string): YamlObject[] {
  const documents = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((document, index) => {
    if (document.errors.length > 0) {
      throw new Error(`${source} document ${index}: ${document.errors.map((error) => error.message).join('; ')}`);
    }
    const body: unknown = document.toJS();
    if (body === null || body === undefined) return [];
    if (!isYamlObject(body)) throw new Error(`${source} document ${index} is not a mapping`);
    return [body];
  });
}

/** Every document of every `.yaml` file under docker/k8s, in a stable order. */
export function loadManifestDocuments(root = K8S_DIR): ManifestDocument[] {
  return yamlFilesUnder(root).flatMap((path) => {
    const file = relative(root, path);
    return parseManifestText(readFileSync(path, 'utf8'), file).map((body, index) => ({ file, index, body }));
  });
}

export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}
