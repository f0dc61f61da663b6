import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** One caller of API_KEYS_FILE, in the file's own field names. */
export type KeysFileEntry = Record<string, unknown> & { id: string };

/** Writes an API_KEYS_FILE in a fresh temporary folder and returns its path; `rewrite` replaces it. */
export function writeKeysFile(entries: readonly KeysFileEntry[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kubectl-agent-keys-')), 'keys.yaml');
  rewriteKeysFile(path, entries);
  return path;
}

export function rewriteKeysFile(path: string, entries: readonly KeysFileEntry[] | string): void {
  writeFileSync(path, typeof entries === 'string' ? entries : stringify({ keys: entries }));
}
