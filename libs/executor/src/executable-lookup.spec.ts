import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable } from './executable-lookup';

describe('findExecutable', () => {
  let root: string;
  const dir = (name: string): string => join(root, name);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'executable-lookup-'));
    for (const name of ['first', 'second', 'plain', 'nested']) await mkdir(dir(name));
    await writeFile(join(dir('plain'), 'kubectl'), 'not executable');
    await writeFile(join(dir('second'), 'kubectl'), '#!/bin/sh\n');
    await chmod(join(dir('second'), 'kubectl'), 0o755);
    await writeFile(join(dir('first'), 'kubectl'), '#!/bin/sh\n');
    await chmod(join(dir('first'), 'kubectl'), 0o755);
    await mkdir(join(dir('nested'), 'kubectl'));
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('takes the first executable file on the search path', async () => {
    await expect(findExecutable('kubectl', [dir('first'), dir('second')].join(':'))).resolves.toBe(join(dir('first'), 'kubectl'));
  });

  it('skips missing, non-executable, directory and relative entries', async () => {
    const searchPath = ['', '.', 'relative/bin', join(root, 'missing'), dir('plain'), dir('nested'), dir('second')].join(':');
    await expect(findExecutable('kubectl', searchPath)).resolves.toBe(join(dir('second'), 'kubectl'));
  });

  it('takes a name with a slash as a path', async () => {
    await expect(findExecutable(join(dir('second'), 'kubectl'), undefined)).resolves.toBe(join(dir('second'), 'kubectl'));
    await expect(findExecutable(join(dir('plain'), 'kubectl'), '/usr/bin')).resolves.toBeNull();
  });

  it('returns null when nothing matches or there is no search path', async () => {
    await expect(findExecutable('kubectl', dir('plain'))).resolves.toBeNull();
    await expect(findExecutable('kubectl', undefined)).resolves.toBeNull();
  });
});
