import pino from 'pino';

export type LineDestination = ReturnType<typeof pino.destination>;

let stdout: LineDestination | undefined;

/**
 * The one writer of standard output, shared by the logs and the audit trail so their lines never
 * interleave. Writes are asynchronous and unbuffered: off the request's path, and lines that pile
 * up while a write is in flight go out together.
 */
export function stdoutLines(): LineDestination {
  stdout ??= pino.destination({ dest: 1, sync: false, minLength: 0 });
  return stdout;
}

/** Writes out whatever is still queued; the process calls it before it exits. */
export function flushStdout(): void {
  stdout?.flushSync();
}
