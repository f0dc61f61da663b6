/** Codes the API itself raises (libraries bring their own: LlmErrorCode, ExecutorErrorCode, VerdictCode). */
export enum ApiErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INVALID_JSON = 'INVALID_JSON',
  BAD_REQUEST = 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  HEADERS_TOO_LARGE = 'HEADERS_TOO_LARGE',
  API_KEY_MISSING = 'API_KEY_MISSING',
  API_KEY_INVALID = 'API_KEY_INVALID',
  RATE_LIMITED = 'RATE_LIMITED',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  EXECUTION_DISABLED = 'EXECUTION_DISABLED',
  /** The caller's scope forbids this (its tier, execution or namespaces). */
  SCOPE_DENIED = 'SCOPE_DENIED',
  /** A browser Origin the MCP endpoint does not allow (MCP_ALLOWED_ORIGINS). */
  ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED',
  /** A command names a resource type the cluster does not serve (discovery); the body carries `suggestions`. */
  UNKNOWN_RESOURCE = 'UNKNOWN_RESOURCE',
  /** A command names a namespace the cluster does not have (discovery); the body carries `suggestions`. */
  UNKNOWN_NAMESPACE = 'UNKNOWN_NAMESPACE',
  NOT_READY = 'NOT_READY',
  HTTP_ERROR = 'HTTP_ERROR',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

/** An error the API raises on purpose, with its stable code; error-mapping.ts picks the status. */
export class ApiException extends Error {
  override readonly name = 'ApiException';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: readonly string[],
    /** Fields the error body carries besides the shared ones (readiness checks, say). */
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
