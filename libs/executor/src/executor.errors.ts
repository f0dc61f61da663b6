/** Stable codes: the app maps them to HTTP statuses, so only add, never rename. */
export enum ExecutorErrorCode {
  KUBECTL_UNAVAILABLE = 'KUBECTL_UNAVAILABLE',
  EXECUTOR_BUSY = 'EXECUTOR_BUSY',
  NOT_APPROVED = 'NOT_APPROVED',
  /** The caller's `impersonate` user or groups cannot be sent (an operator's configuration error). */
  IMPERSONATION_INVALID = 'IMPERSONATION_INVALID',
}

/** Why the executor refused to run a command (a command that ran and failed is an outcome, not an error). */
export class ExecutorError extends Error {
  override readonly name = 'ExecutorError';

  constructor(
    readonly code: ExecutorErrorCode,
    message: string,
    /** Set with EXECUTOR_BUSY: a hint for the client's Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
