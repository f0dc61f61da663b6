import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { LogLevel } from '@app/config';
import { activeTraceId } from '@app/tracing';
import { stdoutLines } from './stdout';

type LogArgs = [message: unknown, ...optional: unknown[]];

export interface PinoLoggerOptions {
  /** Adds the active trace's `trace_id` to each line (tracing on). */
  readonly traceIds?: boolean;
}

/**
 * Nest's logger on pino: one JSON object per line on stdout (written asynchronously, see stdoutLines). Object messages are merged into
 * the line; string messages go to `msg`. Nest passes the context as the last string argument.
 */
export class PinoLoggerService implements LoggerService {
  private readonly pino: Logger;

  constructor(level: LogLevel, options: PinoLoggerOptions = {}) {
    this.pino = pino(
      {
        level,
        ...(options.traceIds ? { mixin: traceIdOf } : {}),
        base: { service: 'kubectl-agent' },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
      },
      stdoutLines(),
    );
  }

  log(...args: LogArgs): void {
    this.write('info', args);
  }

  error(...args: LogArgs): void {
    this.write('error', args, true);
  }

  warn(...args: LogArgs): void {
    this.write('warn', args);
  }

  debug(...args: LogArgs): void {
    this.write('debug', args);
  }

  verbose(...args: LogArgs): void {
    this.write('trace', args);
  }

  fatal(...args: LogArgs): void {
    this.write('fatal', args, true);
  }

  private write(level: pino.Level, [message, ...optional]: LogArgs, mayHaveStack = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = optional.length > 0 && typeof optional[optional.length - 1] === 'string' ? (optional.pop() as string) : undefined;
    const stack = mayHaveStack && typeof optional[0] === 'string' ? optional[0] : undefined;
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

/** A line that names its trace itself (the request line) keeps it; any other gets the active one. */
function traceIdOf(line: object): Record<string, string> {
  if ('trace_id' in line) return {};
  const traceId = activeTraceId();
  return traceId ? { trace_id: traceId } : {};
}
