/** Longest piece of upstream text we ever quote back to a client. */
export const MAX_UPSTREAM_DETAIL_LENGTH = 160;

const REDACTED = '[redacted]';

// Upstream error bodies can quote the credential they rejected ("Incorrect API key provided: sk-ab***yz"),
// so anything shaped like a key or token is removed before text leaves the library.
const SECRET_PATTERNS: readonly RegExp[] = [
  /\b(?:sk|pk|rk|ak)-[A-Za-z0-9_\-*]{4,}/g,
  /\b(?:gsk|hf|xai|ghp|gho|glpat)_[A-Za-z0-9_\-*]{4,}/g,
  /[A-Za-z0-9_\-+=*]{32,}/g,
];
const BEARER_TOKEN = /\b(Bearer\s+)\S+/gi;
const SECRET_ASSIGNMENT =
  /\b(api[_-]?key|access[_-]?token|token|secret|password|authorization)(["']?\s*[:=]\s*["']?)(?!Bearer\b|\[redacted\])[^\s"',;}]+/gi;

/** Removes known secrets and anything that looks like a credential from `text`. */
export function redactSecrets(text: string, knownSecrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  result = result.replace(BEARER_TOKEN, `$1${REDACTED}`);
  result = result.replace(SECRET_ASSIGNMENT, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`);
  for (const pattern of SECRET_PATTERNS) result = result.replace(pattern, REDACTED);
  return result;
}

/** A short, single-line, secret-free excerpt of an upstream message, or undefined when nothing useful is left. */
export function summarizeUpstreamDetail(
  text: string | undefined,
  knownSecrets: readonly (string | undefined)[] = [],
): string | undefined {
  if (!text) return undefined;
  const singleLine = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  const redacted = redactSecrets(singleLine, knownSecrets);
  if (!redacted) return undefined;
  return redacted.length <= MAX_UPSTREAM_DETAIL_LENGTH
    ? redacted
    : `${redacted.slice(0, MAX_UPSTREAM_DETAIL_LENGTH - 1).trimEnd()}…`;
}
