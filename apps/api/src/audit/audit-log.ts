import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pino from 'pino';
import { AppConfig, InjectAppConfig } from '@app/config';
import { AuditEntry } from './audit-entry';

type Destination = ReturnType<typeof pino.destination>;

/**
 * Writes the audit trail as JSON lines (AUDIT_LOG=stdout|<file>|off). Lines are written
 * asynchronously but unbuffered (off the request's path), and flushed when the service stops.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly destination: Destination | null;

  constructor(@InjectAppConfig() config: AppConfig) {
    const sink = config.audit;
    this.destination =
      sink.kind === 'off' ? null : pino.destination({ dest: sink.kind === 'file' ? sink.path : 1, sync: false, minLength: 0, mkdir: true });
  }

  record(entry: AuditEntry): void {
    this.destination?.write(`${JSON.stringify({ time: new Date().toISOString(), log: 'audit', ...entry })}\n`);
  }

  onApplicationShutdown(): void {
    this.destination?.flushSync();
  }
}
