import { VERIFIED_KUBECTL_VERSION } from '@app/safety';

/** What the executor runs once at start-up to learn kubectl's version. */
export const VERSION_PROBE_ARGS: readonly string[] = ['version', '--client', '-o', 'json'];

/** `major.minor` from `kubectl version --client -o json` ("minor": "32+" on some builds). */
export function clientMinorVersion(stdout: string): string | undefined {
  try {
    const client = (JSON.parse(stdout) as { clientVersion?: { major?: unknown; minor?: unknown } }).clientVersion;
    const major = Number.parseInt(String(client?.major), 10);
    const minor = Number.parseInt(String(client?.minor), 10);
    return Number.isInteger(major) && Number.isInteger(minor) ? `${major}.${minor}` : undefined;
  } catch {
    return undefined;
  }
}

/** The start-up warning for a kubectl other than the one the policy's flag tables were verified against. */
export function versionWarning(stdout: string): string | undefined {
  const found = clientMinorVersion(stdout);
  if (found === VERIFIED_KUBECTL_VERSION) return undefined;
  const what = found === undefined ? "kubectl's version could not be read" : `kubectl ${found} was found`;
  return (
    `${what}, but the command policy's flag tables were verified against kubectl ${VERIFIED_KUBECTL_VERSION}: ` +
    'flags added since are refused, and flags whose meaning changed could be misjudged. Install kubectl ' +
    `${VERIFIED_KUBECTL_VERSION}.x.`
  );
}
