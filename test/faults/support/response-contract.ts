import { resolve } from 'node:path';
import { LoopbackResponse } from './loopback-client';

/** 5xx answers the API documents; anything else from the server is a bug. */
const DOCUMENTED_5XX: Readonly<Record<number, RegExp>> = {
  502: /^LLM_/,
  503: /^(LLM_NOT_CONFIGURED|KUBECTL_UNAVAILABLE|EXECUTOR_BUSY|NOT_READY)$/,
  504: /^LLM_TIMEOUT$/,
};

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

/** What a stack trace or an internal path looks like in a response body. */
const INTERNAL_DETAILS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a stack frame', /^\s+at \S/m],
  ['a source position', /\.[cm]?[jt]s:\d+(:\d+)?/],
  ['node_modules', /node_modules/],
  ['the repository path', new RegExp(REPO_ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))],
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every way `response` departs from the error shape `{statusCode, error, message, request_id}` (empty when it conforms). */
export function errorShapeProblems(response: LoopbackResponse): string[] {
  const body = response.json;
  if (!isRecord(body)) return [`body is not a JSON object: ${JSON.stringify(response.text.slice(0, 120))}`];
  const problems: string[] = [];
  if (body.statusCode !== response.status) problems.push(`statusCode ${String(body.statusCode)} differs from HTTP ${response.status}`);
  if (typeof body.error !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(body.error)) problems.push(`error ${JSON.stringify(body.error)} is not a code`);
  if (typeof body.message !== 'string' || body.message === '') problems.push('message is missing');
  if (typeof body.request_id !== 'string' || body.request_id === '') problems.push('request_id is missing');
  else if (body.request_id !== response.headers['x-request-id']) problems.push('request_id differs from the X-Request-Id header');
  if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) problems.push('content-type is not JSON');
  return problems;
}

/**
 * Stack frames, source positions or server paths in the body. A pattern that already occurs in
 * what the client sent is skipped: echoing the client's own words back is not a leak.
 */
export function leakedInternals(response: LoopbackResponse, sent = ''): string[] {
  return INTERNAL_DETAILS.filter(([, pattern]) => pattern.test(response.text) && !pattern.test(sent)).map(([what]) => what);
}

/** A 5xx that the API does not document for this situation. */
export function isUndocumented5xx(response: LoopbackResponse): boolean {
  if (response.status < 500) return false;
  const code = isRecord(response.json) ? response.json.error : undefined;
  const documented = DOCUMENTED_5XX[response.status];
  return !documented || typeof code !== 'string' || !documented.test(code);
}

/** One line per contract breach, for readable failure messages (empty when the response is fine). */
export function contractBreaches(response: LoopbackResponse, sent = '', method = 'GET'): string[] {
  const breaches: string[] = [];
  if (isUndocumented5xx(response)) breaches.push(`undocumented ${response.status}: ${response.text.slice(0, 200)}`);
  breaches.push(...leakedInternals(response, sent).map((what) => `body shows ${what}`));
  if (response.status >= 400 && method !== 'HEAD') breaches.push(...errorShapeProblems(response).map((p) => `error shape: ${p}`));
  return breaches;
}
