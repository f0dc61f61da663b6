import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Resolves `name` the way a shell would, to an absolute path, or null when there is no executable
 * file. A name with a slash is taken as a path; otherwise the absolute entries of `searchPath` are
 * tried in order (relative entries such as `.` are skipped: they would depend on our cwd).
 */
export async function findExecutable(name: string, searchPath: string | undefined): Promise<string | null> {
  const candidates = name.includes('/')
    ? [resolve(name)]
    : (searchPath ?? '').split(delimiter).filter((dir) => isAbsolute(dir)).map((dir) => join(dir, name));
  for (const candidate of candidates) {
    if (await isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
