import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from './read-environment';

describe(readEnvironment.name, () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'env-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a .env file beneath the process environment', () => {
    const file = join(dir, '.env');
    writeFileSync(file, '# settings\nPORT=9000\nOPENAI_MODEL="llama3"\n');

    const sut = readEnvironment({ PORT: '7000' }, file);

    expect(sut).toMatchObject({ PORT: '7000', OPENAI_MODEL: 'llama3' });
  });

  it('returns the process environment when there is no .env file', () => {
    expect(readEnvironment({ A: '1' }, join(dir, 'missing.env'))).toEqual({ A: '1' });
  });
});
