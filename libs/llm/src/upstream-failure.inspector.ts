// Duck-typed readers for the errors the openai SDK, undici and LangChain throw. We avoid `instanceof`
// on SDK classes: the SDK is a transitive dependency and LangChain re-wraps some of its errors.

type Fields = Record<string, unknown>;

function fieldsOf(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null ? (value as Fields) : undefined;
}

/** The HTTP status the upstream answered with, if the error carries one. */
export function upstreamStatusOf(error: unknown): number | undefined {
  const fields = fieldsOf(error);
  if (!fields) return undefined;
  if (typeof fields.status === 'number') return fields.status;
  const response = fieldsOf(fields.response);
  return typeof response?.status === 'number' ? response.status : undefined;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = fieldsOf(fieldsOf(error)?.headers);
  if (!headers) return undefined;
  if (typeof headers.get === 'function') {
    const value: unknown = (headers.get as (key: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  const value = headers[name] ?? headers[name.toLowerCase()];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After (seconds or an HTTP date) in milliseconds, when the upstream sent one. */
export function retryAfterMsOf(error: unknown, now = Date.now()): number | undefined {
  const header = headerOf(error, 'retry-after')?.trim();
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The upstream's own error message (from its JSON body when it had one), unsanitized. */
export function upstreamMessageOf(error: unknown): string | undefined {
  const fields = fieldsOf(error);
  if (!fields) return undefined;
  const body = fieldsOf(fields.error);
  if (typeof body?.message === 'string') return body.message;
  if (typeof fields.message !== 'string') return undefined;
  // The SDK prefixes the status ("503 upstream overloaded"); the status is reported separately.
  return fields.message.replace(/^\d{3}\s*(status code \(no body\))?/, '').trim() || undefined;
}

/** Every `code` (ECONNREFUSED, UND_ERR_SOCKET...) along the error's cause chain. */
export function networkCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  const pending: unknown[] = [error];
  for (let depth = 0; pending.length > 0 && depth < 16; depth++) {
    const fields = fieldsOf(pending.shift());
    if (!fields) continue;
    if (typeof fields.code === 'string') codes.push(fields.code);
    if (fields.cause !== undefined) pending.push(fields.cause);
    if (Array.isArray(fields.errors)) pending.push(...(fields.errors as unknown[]));
  }
  return codes;
}

/** Every error name and message along the cause chain, lower-cased, for the few cases with no code. */
export function errorTextsOf(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const fields = fieldsOf(current);
    if (!fields) break;
    if (typeof fields.name === 'string') texts.push(fields.name.toLowerCase());
    if (typeof fields.message === 'string') texts.push(fields.message.toLowerCase());
    const constructorName = (current as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof constructorName === 'string') texts.push(constructorName.toLowerCase());
    current = fields.cause;
  }
  return texts;
}
