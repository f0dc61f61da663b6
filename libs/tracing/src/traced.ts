import { Attributes, context, Link, ROOT_CONTEXT, Span, SpanContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTRIBUTES } from './span-names';

export type { Attributes, Span, SpanContext } from '@opentelemetry/api';

/** Every span of the service comes from this one tracer; without an SDK it is the API's no-op. */
const tracer = trace.getTracer('kubectl-agent');

export interface TracedOptions {
  readonly kind?: 'internal' | 'client';
  readonly attributes?: Attributes;
  /** Starts a trace of its own (background work such as discovery), whatever is active. */
  readonly root?: boolean;
  readonly links?: readonly SpanContext[];
}

const KINDS = { internal: SpanKind.INTERNAL, client: SpanKind.CLIENT } as const;

/**
 * Runs `work` inside a span that is active for everything it awaits, and ends the span when it
 * settles. A failure is recorded by its code only (`error.type`): messages may quote upstream
 * bodies or kubectl's stderr, which never go into telemetry.
 */
export function traced<T>(name: string, options: TracedOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.root ? ROOT_CONTEXT : context.active();
  const span = startSpan(name, options, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, errorType(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A span that is not made active: for a step whose end is not the end of a callback. */
export function startSpan(name: string, options: TracedOptions = {}, parent = context.active()): Span {
  return tracer.startSpan(
    name,
    {
      kind: KINDS[options.kind ?? 'internal'],
      attributes: options.attributes,
      root: options.root,
      links: options.links?.map((linked): Link => ({ context: linked })),
    },
    parent,
  );
}

/** Sets the span's status to error with a stable code as both `error.type` and the status message. */
export function markFailed(span: Span, code: string): void {
  span.setAttribute(ATTRIBUTES.ERROR_TYPE, code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}

/** The active span's context, when a trace is being recorded; for links between traces. */
export function activeSpanContext(): SpanContext | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** The active trace's id, for log lines; undefined when tracing is off. */
export function activeTraceId(): string | undefined {
  return activeSpanContext()?.traceId;
}

/** A domain error's stable `code` when it has one, else the error's class name: never its message. */
export function errorType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(code)) return code;
  return error instanceof Error ? error.constructor.name : 'unknown';
}
