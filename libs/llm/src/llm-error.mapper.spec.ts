import { OpenAIClient, wrapOpenAIClientError } from '@langchain/openai';
import { toLlmError } from './llm-error.mapper';
import { LlmError, LlmErrorCode } from './llm.errors';

const API_KEY = 'sk-proj-Abc123DEF456ghi789JKL012mno345';

function upstream(status: number, message: string, headers: Record<string, string> = {}): Error {
  return OpenAIClient.APIError.generate(status, { error: { message } }, undefined, new Headers(headers));
}

function connectionFailure(code: string): Error {
  const socketError = Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code });
  return new OpenAIClient.APIConnectionError({ cause: new TypeError('fetch failed', { cause: socketError }) });
}

/** The mapping, for cases that must map to an LlmError. */
function mapped_(...args: Parameters<typeof toLlmError>): LlmError {
  const mapped = toLlmError(...args);
  if (!mapped) throw new Error('expected an LlmError, got null');
  return mapped;
}

describe(toLlmError.name, () => {
  it.each([
    ['a TypeError from our own code', new TypeError("Cannot read properties of undefined (reading 'message')")],
    ['a plain Error', new Error('unexpected state')],
  ])('leaves %s unmapped, to surface as a bug rather than an upstream fault', (_case, error) => {
    expect(toLlmError(error, context)).toBeNull();
  });

  const context = { timeoutMs: 800, secrets: [API_KEY] };

  it.each<[string, unknown, LlmErrorCode, RegExp]>([
    ['401 Unauthorized', upstream(401, `Incorrect API key provided: ${API_KEY}.`), LlmErrorCode.LLM_UPSTREAM_AUTH, /401 Unauthorized: check OPENAI_API_KEY/],
    ['401 as LangChain rewraps it', wrapOpenAIClientError(upstream(401, 'bad key')), LlmErrorCode.LLM_UPSTREAM_AUTH, /401 Unauthorized/],
    ['403 Forbidden', upstream(403, 'no access'), LlmErrorCode.LLM_UPSTREAM_AUTH, /403 Forbidden: check OPENAI_API_KEY/],
    ['429 Too Many Requests', upstream(429, 'Rate limit reached'), LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED, /429 Too Many Requests.*Rate limit reached/],
    ['429 as LangChain rewraps it', wrapOpenAIClientError(upstream(429, 'slow down')), LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED, /429/],
    ['500 Internal Server Error', upstream(500, 'boom'), LlmErrorCode.LLM_UPSTREAM_ERROR, /500 Internal Server Error\. Upstream said: "boom"/],
    ['502 Bad Gateway', upstream(502, 'bad gateway'), LlmErrorCode.LLM_UPSTREAM_ERROR, /502 Bad Gateway/],
    ['503 Service Unavailable', upstream(503, 'overloaded'), LlmErrorCode.LLM_UPSTREAM_ERROR, /503 Service Unavailable/],
    ['404 Not Found (unknown model)', upstream(404, 'model llama9 not found'), LlmErrorCode.LLM_UPSTREAM_ERROR, /404 Not Found: check OPENAI_BASE_URL and OPENAI_MODEL/],
    ['400 Bad Request', upstream(400, 'context too long'), LlmErrorCode.LLM_UPSTREAM_ERROR, /400 Bad Request\. Upstream said: "context too long"/],
    ['connection refused', connectionFailure('ECONNREFUSED'), LlmErrorCode.LLM_UNREACHABLE, /could not be reached \(connection refused\): check OPENAI_BASE_URL/],
    ['an unknown host', connectionFailure('ENOTFOUND'), LlmErrorCode.LLM_UNREACHABLE, /host name could not be resolved/],
    ['a connection reset', connectionFailure('ECONNRESET'), LlmErrorCode.LLM_UNREACHABLE, /connection was reset/],
    ['an expired certificate', connectionFailure('CERT_HAS_EXPIRED'), LlmErrorCode.LLM_UNREACHABLE, /TLS handshake failed/],
    ['a connection error without a code', new OpenAIClient.APIConnectionError({ message: 'Connection error.' }), LlmErrorCode.LLM_UNREACHABLE, /connection failed/],
    [
      'a body cut off mid-response',
      new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }),
      LlmErrorCode.LLM_UNREACHABLE,
      /closed mid-response/,
    ],
    ['the SDK timeout', new OpenAIClient.APIConnectionTimeoutError(), LlmErrorCode.LLM_TIMEOUT, /did not answer within 800 ms/],
    ['the SDK timeout as LangChain rewraps it', wrapOpenAIClientError(new OpenAIClient.APIConnectionTimeoutError()), LlmErrorCode.LLM_TIMEOUT, /800 ms/],
    ['an AbortSignal.timeout reason', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), LlmErrorCode.LLM_TIMEOUT, /LLM_TIMEOUT/],
    ['a malformed JSON body', new SyntaxError('Unexpected end of JSON input'), LlmErrorCode.LLM_BAD_RESPONSE, /malformed JSON/],
  ])('maps %s', (_case, error, code, message) => {
    const mapped = mapped_(error, context);
    expect(mapped).toBeInstanceOf(LlmError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(message);
    expect(mapped.cause).toBe(error);
  });

  it('never repeats the configured key or a key-shaped token, whatever the upstream said', () => {
    for (const status of [400, 401, 403, 404, 429, 500, 503]) {
      const mapped = mapped_(upstream(status, `Incorrect API key provided: ${API_KEY}, also sk-other0123456789`), context);
      expect(mapped.message).not.toContain(API_KEY);
      expect(mapped.message).not.toContain('sk-other');
    }
  });

  it('caps how much of an upstream message it quotes', () => {
    const mapped = mapped_(upstream(500, 'x '.repeat(5_000)), context);
    expect(mapped.message.length).toBeLessThan(300);
  });

  it('keeps the status and the Retry-After hint for the retry policy', () => {
    const mapped = mapped_(upstream(429, 'slow down', { 'retry-after': '3' }), context);
    expect(mapped.upstreamStatus).toBe(429);
    expect(mapped.retryAfterMs).toBe(3_000);
  });

  it('reports any failure after the deadline fired as a timeout', () => {
    const deadline = AbortSignal.abort(new DOMException('aborted', 'TimeoutError'));
    expect(mapped_(connectionFailure('ECONNRESET'), { ...context, deadline }).code).toBe(LlmErrorCode.LLM_TIMEOUT);
  });

  it('passes an LlmError through untouched', () => {
    const original = new LlmError(LlmErrorCode.LLM_OUTPUT_INVALID, 'no command');
    expect(mapped_(original, context)).toBe(original);
  });

  it('formats long timeouts in seconds', () => {
    expect(mapped_(new OpenAIClient.APIConnectionTimeoutError(), { timeoutMs: 60_000 }).message).toMatch(/within 60 s/);
  });
});
