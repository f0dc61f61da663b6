import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pino from 'pino';
import { AppConfig, InjectAppConfig } from '@app/config';
import { LineDestination, stdoutLines } from '../logging/stdout';
import { AuditEntry } from './audit-entry';

/**
 * Writes the audit trail as JSON lines (AUDIT_LOG=stdout|<file>|off). Lines are written
 * asynchronously but unbuffered (off the request's path), and flushed when the service stops.
 */
@Injectable()
export class AuditLog implements OnApplicationShutdown {
  private readonly destination: LineDestination | null;

  constructor(@InjectAppConfig() config: AppConfig) {
    const sink = config.audit;
    if (sink.kind === 'off') this.destination = null;
    else if (sink.kind === 'stdout') this.destination = stdoutLines();
    else this.destination = pino.destination({ dest: sink.path, sync: false, minLength: 0, mkdir: true });
  }

  record(entry: AuditEntry): void {
    this.destination?.write(`${JSON.stringify({ time: new Date().toISOString(), log: 'audit', ...entry })}\n`);
  }

  onApplicationShutdown(): void {
    this.destination?.flushSync();
  }
}
