/** Where a command came in: a REST route, or the MCP endpoint. */
export type AuditEndpoint = '/kubectl-command' | '/execute' | 'mcp';

/** One line of the audit trail: what was asked, what the policy said, what ran. */
export interface AuditEntry {
  readonly request_id: string;
  /** Who asked: a short hash of the caller's API key, or `anonymous`; never the key. */
  readonly caller: string;
  readonly endpoint: AuditEndpoint;
  /** The plain-language request; null for /execute. */
  readonly query: string | null;
  readonly command: string;
  readonly decision: string;
  readonly code: string;
  readonly dry_run: boolean;
  readonly executed: boolean;
  readonly exit_code: number | null;
  /** How the run ended when it ran: success, or an execution error code. */
  readonly outcome: string | null;
  readonly duration_ms: number;
  /** The request's trace, when tracing is on. */
  readonly trace_id?: string;
}
