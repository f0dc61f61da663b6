/**
 * A scripted OpenAI-compatible server for tests: node http on 127.0.0.1, a random port.
 *
 *   const llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
 *   // point the app or ChatOpenAI at llm.baseUrl (it ends with /v1)
 *   llm.enqueue({ kind: 'status', status: 429, retryAfterSeconds: 0 }, 'kubectl get nodes');
 *   await llm.close();
 *
 * Options (all optional):
 * - respond(call): the default responder, used when nothing is enqueued. Returns the reply content
 *   (a string) or any LlmBehaviour. Default: always 'kubectl get pods'.
 * - apiKey: when set, a call without `Authorization: Bearer <apiKey>` gets 401 whose body quotes the
 *   rejected key, as OpenAI's does (so tests can prove the key is never echoed further).
 * - usage: token usage put in replies: 'auto' (default; word counts), fixed numbers, or null to omit it.
 *
 * Behaviours, for enqueue(...) (one call each, first in first out) or as respond()'s result:
 * - a string, or { kind: 'reply', content, usage?, delayMs? }: a chat.completion (SSE chunks when the
 *   request has stream: true, with a usage chunk when stream_options.include_usage is set);
 * - { kind: 'status', status, body?, headers?, retryAfterSeconds?, delayMs? }: an HTTP error with an OpenAI-style body;
 * - { kind: 'hang', afterHeaders? }: never answers (optionally after sending 200 headers); close() releases it;
 * - { kind: 'malformed-json' }: 200 application/json with a truncated JSON body;
 * - { kind: 'html' }: 200 text/html, as a wrong base URL often gives;
 * - { kind: 'empty-choices' }: a well-formed completion with `choices: []`;
 * - { kind: 'reset', when? }: destroys the socket 'before-headers', 'after-headers' or 'mid-body' (default).
 *
 * Routes: POST /v1/chat/completions, GET /v1/models; anything else is 404. Every request is recorded in
 * `calls` (path, headers, parsed body, system/user message, and `aborted` once the client gave up).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ScriptedUsage {
  promptTokens: number;
  completionTokens: number;
}

export type LlmBehaviour =
  | { kind: 'reply'; content: string; usage?: ScriptedUsage | null; delayMs?: number }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string>; retryAfterSeconds?: number; delayMs?: number }
  | { kind: 'hang'; afterHeaders?: boolean }
  | { kind: 'malformed-json' }
  | { kind: 'html' }
  | { kind: 'empty-choices' }
  | { kind: 'reset'; when?: 'before-headers' | 'after-headers' | 'mid-body' };

export interface ChatMessage {
  role: string;
  content: unknown;
}

export interface ChatRequestBody {
  model?: string;
  temperature?: number;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  messages?: ChatMessage[];
  [field: string]: unknown;
}

export interface RecordedLlmCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when the body was empty or not JSON. */
  body: ChatRequestBody | undefined;
  systemMessage?: string;
  /** Text of the last user message. */
  userMessage?: string;
  /** True once the client closed the connection before the response was complete (not by a scripted reset). */
  aborted: boolean;
}

export type LlmResponder = (call: RecordedLlmCall) => string | LlmBehaviour;

export interface ScriptedLlmServerOptions {
  respond?: LlmResponder;
  apiKey?: string;
  usage?: 'auto' | ScriptedUsage | null;
}

export interface ScriptedLlmServer {
  /** http://127.0.0.1:<port>/v1 */
  readonly baseUrl: string;
  readonly calls: readonly RecordedLlmCall[];
  readonly callCount: number;
  /** Replaces the default responder. */
  reply(responder: LlmResponder): void;
  /** Scripts the next calls, one behaviour each, ahead of the default responder. */
  enqueue(...behaviours: (string | LlmBehaviour)[]): void;
  /** Resolves once `predicate` holds (polled), rejects after timeoutMs. */
  waitUntil(predicate: (server: ScriptedLlmServer) => boolean, timeoutMs?: number): Promise<void>;
  /** Forgets recorded calls and the queue, and restores the responder given at start. */
  reset(): void;
  /** Stops the server, dropping every open connection, hung ones included. */
  close(): Promise<void>;
}

const DEFAULT_REPLY = 'kubectl get pods';
const MAX_BODY_BYTES = 1_000_000;

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join('');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function errorBody(status: number, call: RecordedLlmCall): unknown {
  const bearer = String(call.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
  const messages: Record<number, [string, string]> = {
    401: [`Incorrect API key provided: ${bearer}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key'],
    403: [`Project does not have access to model ${call.body?.model ?? ''} for key ${bearer}.`, 'model_not_found'],
    404: [`The model \`${call.body?.model ?? ''}\` does not exist or you do not have access to it.`, 'model_not_found'],
    429: ['Rate limit reached for requests. Please try again in 1s.', 'rate_limit_exceeded'],
  };
  const [message, code] = messages[status] ?? ['The server had an error while processing your request. Sorry about that!', 'server_error'];
  return { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', param: null, code } };
}

export async function startScriptedLlmServer(options: ScriptedLlmServerOptions = {}): Promise<ScriptedLlmServer> {
  const calls: RecordedLlmCall[] = [];
  const queue: LlmBehaviour[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const resetByServer = new WeakSet<RecordedLlmCall>();
  let responder: LlmResponder = options.respond ?? (() => DEFAULT_REPLY);
  let completionCount = 0;

  const later = (ms: number, action: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  };

  const usageFor = (call: RecordedLlmCall, content: string, override?: ScriptedUsage | null): Record<string, number> | undefined => {
    const configured = override === undefined ? options.usage ?? 'auto' : override;
    if (configured === null) return undefined;
    const usage =
      configured === 'auto'
        ? { promptTokens: (call.body?.messages ?? []).reduce((sum, m) => sum + words(textOf(m.content)), 0), completionTokens: words(content) }
        : configured;
    return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.promptTokens + usage.completionTokens };
  };

  const completion = (call: RecordedLlmCall, content: string, usage?: ScriptedUsage | null): Record<string, unknown> => ({
    id: `chatcmpl-scripted-${++completionCount}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: call.body?.model ?? 'scripted',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: usageFor(call, content, usage),
  });

  const streamReply = (res: ServerResponse, call: RecordedLlmCall, content: string, usage?: ScriptedUsage | null): void => {
    const base = { id: `chatcmpl-scripted-${++completionCount}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: call.body?.model ?? 'scripted' };
    const event = (payload: unknown): string => `data: ${JSON.stringify(payload)}\n\n`;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(event({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
    for (const piece of content.match(/[\s\S]{1,8}/g) ?? []) {
      res.write(event({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] }));
    }
    res.write(event({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
    const usageChunk = usageFor(call, content, usage);
    if (call.body?.stream_options?.include_usage && usageChunk) res.write(event({ ...base, choices: [], usage: usageChunk }));
    res.end('data: [DONE]\n\n');
  };

  const resetSocket = (res: ServerResponse, when: 'before-headers' | 'after-headers' | 'mid-body', call: RecordedLlmCall): void => {
    if (when !== 'before-headers') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      if (when === 'mid-body') res.write(JSON.stringify(completion(call, DEFAULT_REPLY)).slice(0, 40));
    }
    // Give the partial response a moment to reach the client before the connection dies.
    later(when === 'before-headers' ? 0 : 20, () => {
      resetByServer.add(call);
      res.socket?.destroy();
    });
  };

  const perform = (behaviour: LlmBehaviour, call: RecordedLlmCall, res: ServerResponse): void => {
    if ('delayMs' in behaviour && behaviour.delayMs) {
      later(behaviour.delayMs, () => res.destroyed || perform({ ...behaviour, delayMs: 0 }, call, res));
      return;
    }
    switch (behaviour.kind) {
      case 'reply':
        if (call.body?.stream) streamReply(res, call, behaviour.content, behaviour.usage);
        else sendJson(res, 200, completion(call, behaviour.content, behaviour.usage));
        return;
      case 'status': {
        const retryAfter: Record<string, string> =
          behaviour.retryAfterSeconds === undefined ? {} : { 'retry-after': String(behaviour.retryAfterSeconds) };
        sendJson(res, behaviour.status, behaviour.body ?? errorBody(behaviour.status, call), { ...retryAfter, ...behaviour.headers });
        return;
      }
      case 'hang':
        if (behaviour.afterHeaders) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.flushHeaders();
        }
        return;
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "object": "chat.completion", "choices": [{"index": 0, "mess');
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body><h1>Welcome</h1></body></html>');
        return;
      case 'empty-choices':
        sendJson(res, 200, { ...completion(call, ''), choices: [] });
        return;
      case 'reset':
        resetSocket(res, behaviour.when ?? 'mid-body', call);
        return;
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, rawBody: string): void => {
    let body: ChatRequestBody | undefined;
    try {
      body = rawBody ? (JSON.parse(rawBody) as ChatRequestBody) : undefined;
    } catch {
      body = undefined;
    }
    const messages = Array.isArray(body?.messages) ? body.messages : [];
    const lastUser = [...messages].reverse().find((m) => m.role === 'user');
    const call: RecordedLlmCall = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0],
      headers: req.headers,
      body,
      systemMessage: messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => textOf(m.content)).join('\n') || undefined,
      userMessage: lastUser ? textOf(lastUser.content) : undefined,
      aborted: false,
    };
    calls.push(call);
    res.on('close', () => {
      if (!res.writableFinished && !resetByServer.has(call)) call.aborted = true;
    });
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(res, 401, errorBody(401, call));
    } else if (call.method === 'GET' && call.path === '/v1/models') {
      sendJson(res, 200, { object: 'list', data: [{ id: 'scripted', object: 'model', created: 0, owned_by: 'scripted' }] });
    } else if (call.method !== 'POST' || call.path !== '/v1/chat/completions') {
      sendJson(res, 404, { error: { message: `Unknown route ${call.method} ${call.path}`, type: 'invalid_request_error', code: null } });
    } else if (!body) {
      sendJson(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', code: null } });
    } else {
      const next = queue.shift() ?? responder(call);
      perform(typeof next === 'string' ? { kind: 'reply', content: next } : next, call, res);
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.socket.destroy();
      else chunks.push(chunk);
    });
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const scripted: ScriptedLlmServer = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    get callCount() {
      return calls.length;
    },
    reply(next) {
      responder = next;
    },
    enqueue(...behaviours) {
      queue.push(...behaviours.map((b): LlmBehaviour => (typeof b === 'string' ? { kind: 'reply', content: b } : b)));
    },
    async waitUntil(predicate, timeoutMs = 5_000) {
      const giveUpAt = Date.now() + timeoutMs;
      while (!predicate(scripted)) {
        if (Date.now() > giveUpAt) throw new Error(`scripted LLM server: condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    reset() {
      calls.length = 0;
      queue.length = 0;
      responder = options.respond ?? (() => DEFAULT_REPLY);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
  return scripted;
}
