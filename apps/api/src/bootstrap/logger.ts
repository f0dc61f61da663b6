import { ConsoleLogger, LogLevel as NestLogLevel } from '@nestjs/common';
import { LogLevel } from '@app/config';

const ENABLED_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
  fatal: ['fatal'],
};

/** One JSON object per line, at the level LOG_LEVEL asks for. */
export function createLogger(level: LogLevel): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: ENABLED_LEVELS[level] });
}
