/**
 * Just enough of the protobuf wire format to read the spans of an OTLP ExportTraceServiceRequest:
 * resource_spans(1) -> scope_spans(2) -> spans(2) -> trace_id(1), span_id(2), parent_span_id(4), name(5).
 * A test can then check what the http/protobuf exporter sent, not only that it sent something.
 */
export interface ProtobufSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
}

type Field = { readonly number: number; readonly bytes?: Uint8Array };

function readVarint(buffer: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  for (let at = offset; at < buffer.length; at++) {
    const byte = buffer[at];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, at + 1];
  }
  throw new Error('truncated varint');
}

/** The top-level fields of one message; only length-delimited ones keep their bytes. */
function fields(buffer: Uint8Array): Field[] {
  const found: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) offset = readVarint(buffer, afterKey)[1];
    else if (wireType === 1) offset = afterKey + 8;
    else if (wireType === 5) offset = afterKey + 4;
    else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterKey);
      found.push({ number, bytes: buffer.subarray(start, start + length) });
      offset = start + length;
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
  return found;
}

const children = (buffer: Uint8Array, number: number): Uint8Array[] =>
  fields(buffer).flatMap((field) => (field.number === number && field.bytes ? [field.bytes] : []));
const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString('hex');

export function decodeTraceRequest(body: Uint8Array): ProtobufSpan[] {
  return children(body, 1)
    .flatMap((resourceSpans) => children(resourceSpans, 2))
    .flatMap((scopeSpans) => children(scopeSpans, 2))
    .map((span) => {
      const byNumber = new Map(fields(span).map((field) => [field.number, field.bytes]));
      return {
        traceId: hex(byNumber.get(1)),
        spanId: hex(byNumber.get(2)),
        parentSpanId: hex(byNumber.get(4)),
        name: Buffer.from(byNumber.get(5) ?? []).toString('utf8'),
      };
    });
}
