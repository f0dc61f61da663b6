import { API_KEY_HEADER } from '../auth/api-key.verifier';

/** Largest accepted JSON body; large enough that an over-long query is reported by validation. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;
/** Far deeper than any request of this API; deep enough input would overflow the validator's stack. */
export const MAX_JSON_DEPTH = 32;

/**
 * The messages the API itself answers with. Throw sites and the OpenAPI examples both read them
 * from here, so the documentation cannot drift from what clients receive.
 */
export const API_ERROR_MESSAGES = {
  API_KEY_MISSING: `Send your API key in the ${API_KEY_HEADER} header.`,
  API_KEY_INVALID: `The ${API_KEY_HEADER} header does not hold a valid API key.`,
  RATE_LIMITED: 'Rate limit exceeded (RATE_LIMIT); retry after the number of seconds in the Retry-After header.',
  INVALID_JSON: 'The request body is not valid JSON.',
  NOT_AN_OBJECT: 'The request body must be a JSON object.',
  TOO_DEEP: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`,
  UNREADABLE_BODY: 'The request body could not be read.',
  PAYLOAD_TOO_LARGE: `The request body exceeds ${JSON_BODY_LIMIT_BYTES / 1024 / 1024} MiB.`,
  COMPRESSED_BODY: 'The request body must be uncompressed UTF-8 JSON (no Content-Encoding).',
  NOT_UTF8: 'The request body must be UTF-8 JSON.',
  HEADERS_TOO_LARGE: 'The request headers are too large.',
  BAD_REQUEST: 'The request could not be parsed as HTTP.',
  EXECUTION_DISABLED:
    'Execution is disabled because API_AUTH_KEY is not set: set API_AUTH_KEY to require API keys, ' +
    'or set ALLOW_UNAUTHENTICATED_EXECUTION=true to let anyone run approved commands.',
  INTERNAL_ERROR: 'Something went wrong on our side; quote the request id when you report it.',
} as const;

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : '';
}

/** UNKNOWN_RESOURCE: a type the discovered cluster does not serve. */
export function unknownResourceMessage(written: string, suggestions: readonly string[]): string {
  return `the cluster serves no resource type "${written}"${didYouMean(suggestions)}`;
}

/** UNKNOWN_NAMESPACE: a namespace the discovered cluster does not have. */
export function unknownNamespaceMessage(namespace: string, suggestions: readonly string[]): string {
  return `the cluster has no namespace "${namespace}"${didYouMean(suggestions)}`;
}
