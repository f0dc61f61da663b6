import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { once } from 'node:events';
import pino from 'pino';
import { AppConfig, InjectAppConfig } from '@app/config';
import { ExecutionOutcome } from '@app/executor';
import { Verdict } from '@app/safety';
import { RequestContext } from '../context/request-context';
import { LineDestination, stdoutLines } from '../logging/stdout';
import { AuditEndpoint, AuditEntry } from './audit-entry';

export type { AuditEndpoint } from './audit-entry';

/** What the audit trail needs to know of a judged command. */
export interface AuditedCommand {
  readonly endpoint: AuditEndpoint;
  readonly command: string;
  readonly verdict: Verdict;
  readonly query: string | null;
  readonly dryRun: boolean;
  readonly startedAt: Date;
  /** The code of a refusal raised after the policy allowed the command (UNKNOWN_RESOURCE, UNKNOWN_NAMESPACE). */
  readonly refusal?: string;
}

/**
 * Writes the audit trail as JSON lines (AUDIT_LOG=stdout|<file>|off). Lines are written
 * asynchronously but unbuffered (off the request's path), and flushed when the service stops.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly destination: LineDestination | null;
  /** Settles once the file is open: lines written before are held in memory until then. */
  private readonly opened: Promise<unknown>;

  constructor(@InjectAppConfig() config: AppConfig) {
    const sink = config.audit;
    if (sink.kind === 'off') this.destination = null;
    else if (sink.kind === 'stdout') this.destination = stdoutLines();
    else this.destination = pino.destination({ dest: sink.path, sync: false, minLength: 0, mkdir: true });
    // A file that cannot be opened is reported by the writer's own 'error'; shutdown must not wait on it.
    this.opened = this.destination && sink.kind === 'file' ? Promise.race([once(this.destination, 'ready'), once(this.destination, 'error')]).catch(() => undefined) : Promise.resolve();
  }

  /** One line per command judged: `outcome` is how the run ended, or null when it did not run. */
  record(command: AuditedCommand, context: RequestContext, outcome: ExecutionOutcome | null): void {
    if (!this.destination) return;
    const entry: AuditEntry = {
      request_id: context.requestId,
      caller: context.caller?.id ?? 'anonymous',
      endpoint: command.endpoint,
      query: command.query,
      command: command.command,
      decision: command.refusal ? 'deny' : command.verdict.decision,
      code: command.refusal ?? command.verdict.code,
      dry_run: command.dryRun,
      executed: outcome !== null,
      exit_code: outcome?.exitCode ?? null,
      outcome: outcome ? (outcome.error?.code ?? 'success') : null,
      duration_ms: Date.now() - command.startedAt.getTime(),
      ...(context.trace ? { trace_id: context.trace.traceId } : {}),
    };
    this.destination.write(`${JSON.stringify({ time: new Date().toISOString(), log: 'audit', ...entry })}\n`);
  }

  /** Writes out the lines still queued; a stop right after start-up first lets the file open. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.destination) return;
    await this.opened;
    this.destination.flushSync();
  }
}
