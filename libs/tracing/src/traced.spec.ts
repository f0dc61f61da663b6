import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { useInMemoryTracing } from './testing/in-memory-tracing';
import { activeTraceId, errorType, startSpan, traced } from './traced';

class CodedError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

describe(traced.name, () => {
  const exporter = useInMemoryTracing();

  it('makes its span the parent of the spans opened in the work it awaits', async () => {
    await traced('outer', {}, async () => {
      await new Promise((done) => setTimeout(done, 1));
      await traced('inner', { kind: 'client' }, async () => undefined);
    });

    const [inner, outer] = exporter.getFinishedSpans();
    expect(inner.name).toBe('inner');
    expect(inner.kind).toBe(SpanKind.CLIENT);
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(inner.spanContext().traceId).toBe(outer.spanContext().traceId);
  });

  it('starts a trace of its own when asked, whatever span is active', async () => {
    await traced('request', {}, () => traced('background', { root: true }, async () => undefined));

    const [background, request] = exporter.getFinishedSpans();
    expect(background.parentSpanContext).toBeUndefined();
    expect(background.spanContext().traceId).not.toBe(request.spanContext().traceId);
  });

  it('records a failure by its code, never its message, and rethrows it', async () => {
    const failure = new CodedError('LLM_UPSTREAM_AUTH', 'upstream said: bad key sk-secret-123');

    await expect(traced('call', {}, async () => Promise.reject(failure))).rejects.toBe(failure);

    const [span] = exporter.getFinishedSpans();
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'LLM_UPSTREAM_AUTH' });
    expect(span.attributes['error.type']).toBe('LLM_UPSTREAM_AUTH');
    expect(JSON.stringify([span.attributes, span.events, span.status])).not.toContain('sk-secret');
  });

  it('gives the active trace id to log lines inside a span, and none outside', async () => {
    let inside: string | undefined;
    await traced('work', {}, async () => {
      inside = activeTraceId();
    });

    expect(inside).toBe(exporter.getFinishedSpans()[0].spanContext().traceId);
    expect(activeTraceId()).toBeUndefined();
  });

  it('opens a span that is not made active, for a step that ends mid-function', () => {
    const span = startSpan('step', { attributes: { 'cache.hit': true } });

    expect(trace.getActiveSpan()).toBeUndefined();
    span.end();
    expect(exporter.getFinishedSpans()[0].attributes).toEqual({ 'cache.hit': true });
  });
});

describe(errorType.name, () => {
  it.each([
    [new CodedError('EXECUTOR_BUSY', 'x'), 'EXECUTOR_BUSY'],
    [new TypeError('cannot read x of undefined'), 'TypeError'],
    [new CodedError('not a code: with words', 'x'), 'CodedError'],
    ['a thrown string', 'unknown'],
  ])('names %p as %p', (error, expected) => {
    expect(errorType(error)).toBe(expected);
  });
});
