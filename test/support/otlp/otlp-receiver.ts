import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeTraceRequest } from './otlp-protobuf';

/** An attribute value as OTLP/JSON writes it (`{ stringValue }`, `{ intValue }`...), made plain. */
export type PlainValue = string | number | boolean | null | PlainValue[];

/** One span as received, with its attributes made plain. */
export interface ReceivedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Record<string, PlainValue>;
  readonly status: { readonly code?: number; readonly message?: string };
  readonly events: readonly { readonly name: string; readonly attributes: Record<string, PlainValue> }[];
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
  readonly resource: Record<string, PlainValue>;
  /** The span exactly as it arrived, for checks that must see everything (no secrets anywhere). */
  readonly raw: unknown;
}

/** One POST the receiver got. */
export interface ReceivedExport {
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * An OTLP/HTTP receiver on loopback, as a collector would be: POST /v1/traces in JSON
 * (application/json) or protobuf (application/x-protobuf). JSON spans are parsed whole; protobuf
 * ones are read for their ids and names.
 */
export interface OtlpReceiver {
  /** The base URL to give as OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  readonly exports: ReceivedExport[];
  readonly spans: ReceivedSpan[];
  /** Resolves once `predicate` holds for the spans received (polling); rejects after `timeoutMs`. */
  waitFor(predicate: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<readonly ReceivedSpan[]>;
  protobufSpans(): ReturnType<typeof decodeTraceRequest>;
  reset(): void;
  close(): Promise<void>;
}

interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
interface JsonAnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: JsonAnyValue[] };
}

function plain(value: JsonAnyValue | undefined): PlainValue {
  if (!value) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  return null;
}

function attributesOf(list: JsonKeyValue[] | undefined): Record<string, PlainValue> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]));
}

/** OTLP/JSON ids are hex strings (the exporter's default); base64 is read too, to be safe. */
function id(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  return /^[0-9a-f]+$/i.test(value) ? value.toLowerCase() : Buffer.from(value, 'base64').toString('hex');
}

function readSpans(body: Buffer): ReceivedSpan[] {
  const request = JSON.parse(body.toString('utf8')) as { resourceSpans?: Record<string, unknown>[] };
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = attributesOf((resourceSpans.resource as { attributes?: JsonKeyValue[] } | undefined)?.attributes);
    return ((resourceSpans.scopeSpans as { spans?: Record<string, unknown>[] }[] | undefined) ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        traceId: id(span.traceId),
        spanId: id(span.spanId),
        parentSpanId: id(span.parentSpanId),
        name: String(span.name),
        kind: Number(span.kind),
        attributes: attributesOf(span.attributes as JsonKeyValue[] | undefined),
        status: (span.status as ReceivedSpan['status'] | undefined) ?? {},
        events: ((span.events as { name: string; attributes?: JsonKeyValue[] }[] | undefined) ?? []).map((event) => ({
          name: event.name,
          attributes: attributesOf(event.attributes),
        })),
        links: ((span.links as { traceId: string; spanId: string }[] | undefined) ?? []).map((link) => ({ traceId: id(link.traceId), spanId: id(link.spanId) })),
        resource,
        raw: span,
      })),
    );
  });
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const exports: ReceivedExport[] = [];
  const spans: ReceivedSpan[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const contentType = String(request.headers['content-type'] ?? '');
      exports.push({ path: request.url ?? '', contentType, body });
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      if (contentType.startsWith('application/json')) spans.push(...readSpans(body));
      response.writeHead(200, { 'Content-Type': contentType.startsWith('application/json') ? 'application/json' : 'application/x-protobuf' });
      response.end(contentType.startsWith('application/json') ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(spans)) {
        if (Date.now() > deadline) throw new Error(`spans not received within ${timeoutMs} ms; got: ${spans.map((span) => span.name).join(', ')}`);
        await new Promise((done) => setTimeout(done, 25));
      }
      return spans;
    },
    protobufSpans: () => exports.filter((received) => received.contentType.startsWith('application/x-protobuf')).flatMap((received) => decodeTraceRequest(received.body)),
    reset: () => {
      exports.length = 0;
      spans.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
