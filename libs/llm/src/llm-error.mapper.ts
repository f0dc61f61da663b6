import { STATUS_CODES } from 'node:http';
import { LlmError, LlmErrorCode } from './llm.errors';
import { summarizeUpstreamDetail } from './secret.redactor';
import {
  errorTextsOf,
  networkCodesOf,
  retryAfterMsOf,
  upstreamMessageOf,
  upstreamStatusOf,
} from './upstream-failure.inspector';

/** What the mapper needs to know about the call that failed. */
export interface LlmFailureContext {
  readonly timeoutMs: number;
  /** The overall deadline of the call; once it fired, any failure is a timeout. */
  readonly deadline?: AbortSignal;
  /** Values that must never appear in a client-facing message (the configured API key). */
  readonly secrets?: readonly (string | undefined)[];
}

const NETWORK_FAULTS: ReadonlyArray<readonly [readonly string[], string]> = [
  [['ECONNREFUSED'], 'connection refused'],
  [['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'], 'host name could not be resolved'],
  [['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED'], 'connection was reset'],
  [['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'], 'connection attempt timed out'],
  [['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'], 'network unreachable'],
];
// LangChain renames SDK timeouts/aborts to TimeoutError/AbortError; the SDK's own class name covers the rest.
const TIMEOUT_NAMES: readonly string[] = ['timeouterror', 'aborterror', 'apiconnectiontimeouterror', 'apiuseraborterror'];
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_)/;

/**
 * Turns what was thrown while calling the LLM into an LlmError with a client-safe message, or
 * null when nothing points at the endpoint (no status, no network fault, no malformed body): that
 * is a bug on our side and must surface as one, not as an upstream fault.
 */
export function toLlmError(error: unknown, context: LlmFailureContext): LlmError | null {
  if (error instanceof LlmError) return error;
  if (context.deadline?.aborted || isTimeout(error)) return timeoutError(error, context.timeoutMs);
  const status = upstreamStatusOf(error);
  if (status !== undefined && status >= 400) return statusError(error, status, context);
  const unreachable = unreachableError(error);
  if (unreachable) return unreachable;
  if (error instanceof SyntaxError || hasErrorText(error, 'syntaxerror')) {
    return new LlmError(LlmErrorCode.LLM_BAD_RESPONSE, 'The LLM endpoint answered with malformed JSON.', {
      cause: error,
      upstreamStatus: status,
    });
  }
  return null;
}

export function timeoutError(cause: unknown, timeoutMs: number): LlmError {
  return new LlmError(
    LlmErrorCode.LLM_TIMEOUT,
    `The LLM endpoint did not answer within ${formatDuration(timeoutMs)}: try again later or raise LLM_TIMEOUT.`,
    { cause },
  );
}

function isTimeout(error: unknown): boolean {
  return errorTextsOf(error).some((text) => TIMEOUT_NAMES.includes(text));
}

function statusError(error: unknown, status: number, context: LlmFailureContext): LlmError {
  const answered = `The LLM endpoint answered ${status} ${STATUS_CODES[status] ?? 'Error'}`;
  const details = { cause: error, upstreamStatus: status, retryAfterMs: retryAfterMsOf(error) };
  // Auth failures never quote the upstream: their bodies are the likeliest to echo the rejected key.
  if (status === 401 || status === 403) {
    const hint = status === 401 ? 'check OPENAI_API_KEY' : 'check OPENAI_API_KEY and its access to OPENAI_MODEL';
    return new LlmError(LlmErrorCode.LLM_UPSTREAM_AUTH, `${answered}: ${hint}.`, details);
  }
  const detail = summarizeUpstreamDetail(upstreamMessageOf(error), context.secrets);
  const said = detail ? ` Upstream said: "${detail}"` : '';
  if (status === 429) {
    return new LlmError(
      LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED,
      `${answered}: its rate limit or quota is exhausted; try again later.${said}`,
      details,
    );
  }
  const hint = status === 404 ? ': check OPENAI_BASE_URL and OPENAI_MODEL.' : '.';
  return new LlmError(LlmErrorCode.LLM_UPSTREAM_ERROR, `${answered}${hint}${said}`, details);
}

function unreachableError(error: unknown): LlmError | undefined {
  const codes = networkCodesOf(error);
  const texts = errorTextsOf(error);
  // undici reports a body cut short as TypeError("terminated"), whatever the socket-level code.
  let reason = hasErrorText(error, 'terminated') ? 'connection was closed mid-response' : undefined;
  reason ??= NETWORK_FAULTS.find(([faultCodes]) => codes.some((code) => faultCodes.includes(code)))?.[1];
  if (!reason && codes.some((code) => TLS_CODE.test(code))) reason = 'TLS handshake failed';
  if (!reason && texts.some((text) => text === 'apiconnectionerror' || text === 'fetch failed')) {
    reason = 'connection failed';
  }
  if (!reason) return undefined;
  return new LlmError(
    LlmErrorCode.LLM_UNREACHABLE,
    `The LLM endpoint could not be reached (${reason}): check OPENAI_BASE_URL and that the server is up.`,
    { cause: error },
  );
}

/**
 * True when `word` is an error name or message along the cause chain. LangChain re-wraps errors from
 * another realm (e.g. undici's) as `new Error(String(error))`, so "TypeError: terminated" counts too.
 */
function hasErrorText(error: unknown, word: string): boolean {
  return errorTextsOf(error).some((text) => text === word || text.startsWith(`${word}:`) || text.endsWith(`: ${word}`));
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
