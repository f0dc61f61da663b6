import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAppConfig } from './load-app-config';

describe('.env-sample', () => {
  it('lists every variable the configuration reads', () => {
    const read = new Set<string>();
    const recording = new Proxy({}, { get: (_target, name) => (typeof name === 'string' && read.add(name), undefined) });
    loadAppConfig(recording);

    const sample = readFileSync(join(__dirname, '..', '..', '..', '.env-sample'), 'utf8');
    const listed = new Set([...sample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

    expect([...read].filter((name) => !listed.has(name))).toEqual([]);
    expect(read.size).toBeGreaterThan(15);
  });
});
