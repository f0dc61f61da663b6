import { IncomingHttpHeaders, OutgoingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';

export interface LoopbackRequest {
  readonly method?: string;
  /** Sent as is (no normalisation), so odd paths reach the server unchanged. */
  readonly path: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  /** The request is abandoned and the promise rejects with RequestDeadlineError after this long. */
  readonly deadlineMs?: number;
}

export interface LoopbackResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  readonly elapsedMs: number;
}

/** A request that got no complete answer in time: the thing the fault suites exist to catch. */
export class RequestDeadlineError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly deadlineMs: number,
  ) {
    super(`${method} ${path.slice(0, 80)} got no complete answer within ${deadlineMs} ms`);
    this.name = 'RequestDeadlineError';
  }
}

export const DEFAULT_DEADLINE_MS = 20_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One HTTP request on a fresh connection to a loopback base URL, with a hard deadline. Raw on
 * purpose: unlike supertest it sends any path, header or body the test chose.
 */
export function sendTo(baseUrl: string, options: LoopbackRequest): Promise<LoopbackResponse> {
  const base = new URL(baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error(`loopback only: refusing ${baseUrl}`);
  const method = options.method ?? 'GET';
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const startedAt = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method, path: options.path, headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text), elapsedMs: performance.now() - startedAt });
        });
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new RequestDeadlineError(method, options.path, deadlineMs));
    }, deadlineMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}

/** Shorthand for a JSON POST with an API key. */
export function postJson(baseUrl: string, path: string, body: unknown, apiKey?: string, deadlineMs?: number): Promise<LoopbackResponse> {
  return sendTo(baseUrl, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }) },
    body: JSON.stringify(body),
    deadlineMs,
  });
}

/**
 * Writes `parts` as they are on a new loopback connection, `gapMs` apart, and collects every byte
 * the server sends until it closes the connection (or `deadlineMs` passes): for what HTTP clients
 * will not send.
 */
export function exchangeRaw(baseUrl: string, parts: readonly string[], gapMs = 100, deadlineMs = 3_000): Promise<string> {
  const base = new URL(baseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error(`loopback only: refusing ${baseUrl}`);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timers: NodeJS.Timeout[] = [setTimeout(() => socket.destroy(), deadlineMs)];
    const socket = connect(Number(base.port), base.hostname, () => {
      parts.forEach((part, i) => timers.push(setTimeout(() => socket.writable && socket.write(part), i * gapMs)));
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      timers.forEach(clearTimeout);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}
