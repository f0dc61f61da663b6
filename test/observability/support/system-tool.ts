import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of a system tool the tests need (a path, or a name looked up on PATH). When it
 * is missing the test fails with a message naming the Debian package `.ci/run` must install, rather
 * than being skipped: a skipped check would let the CI machine drift silently.
 */
export function requireSystemTool(nameOrPath: string, debianPackage: string): string {
  const candidates = nameOrPath.includes('/')
    ? [nameOrPath]
    : (process.env.PATH ?? '').split(delimiter).filter((dir) => isAbsolute(dir)).map((dir) => join(dir, nameOrPath));
  const found = candidates.find(isExecutableFile);
  if (!found) {
    throw new Error(`${nameOrPath} is not installed: .ci/run must install the Debian package \`${debianPackage}\`.`);
  }
  return found;
}
