import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { AppConfig, InjectAppConfig } from '@app/config';
import { AuditEntry } from './audit-entry';

/**
 * Writes the audit trail as JSON lines (AUDIT_LOG=stdout|<file>|off). Writes are synchronous so
 * that no entry is lost when the process stops.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly destination: pino.DestinationStream & { flushSync?: () => void; end?: () => void } | null;
  private readonly logger: Logger | null;

  constructor(@InjectAppConfig() config: AppConfig) {
    const sink = config.audit;
    this.destination =
      sink.kind === 'off' ? null : pino.destination({ dest: sink.kind === 'file' ? sink.path : 1, sync: true, mkdir: true });
    this.logger = this.destination
      ? pino(
          {
            base: { log: 'audit' },
            timestamp: pino.stdTimeFunctions.isoTime,
            formatters: { level: () => ({}) },
          },
          this.destination,
        )
      : null;
  }

  record(entry: AuditEntry): void {
    this.logger?.info(entry);
  }

  onApplicationShutdown(): void {
    this.destination?.flushSync?.();
  }
}
