import { context as otelContext, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { EventEmitter } from 'node:events';
import { IncomingHttpHeaders } from 'node:http';
import { ATTRIBUTES } from '@app/tracing';
import type { RequestContext, RequestTrace } from '../context/request-context';

/** What the server span records of a request: no headers (keys, tokens) and no body (queries). */
export interface ServerRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** The path without the query string. */
  readonly path: string;
  readonly secure: boolean;
}

/**
 * The HTTP server span of each request, made here rather than by an instrumentation that patches
 * `http` and Express at load time: an incoming W3C `traceparent` is its parent, and it is named by
 * the route template (`POST /kubectl-command`) once routing has found one.
 */
export class HttpServerSpans {
  private readonly tracer = trace.getTracer('kubectl-agent');

  /** Opens the request's span; `run` then makes it the active span of the request's work. */
  start(request: ServerRequest, context: RequestContext): RequestTrace {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = this.tracer.startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          [ATTRIBUTES.HTTP_METHOD]: request.method,
          [ATTRIBUTES.URL_SCHEME]: request.secure ? 'https' : 'http',
          [ATTRIBUTES.CLIENT_ADDRESS]: context.clientAddress,
          [ATTRIBUTES.REQUEST_ID]: context.requestId,
        },
      },
      parent,
    );
    return { span, context: trace.setSpan(parent, span), traceId: span.spanContext().traceId };
  }

  /**
   * Calls `next` inside the request's trace. The request and response emitters are bound to it too:
   * their events (the body arriving, the answer finishing) are emitted from the socket's context.
   */
  run(requestTrace: RequestTrace, emitters: readonly EventEmitter[], next: () => void): void {
    for (const emitter of emitters) otelContext.bind(requestTrace.context, emitter);
    otelContext.with(requestTrace.context, next);
  }

  /** Names the span by its route template and ends it; a path that matched no route is not recorded. */
  finish(requestTrace: RequestTrace, context: RequestContext, request: ServerRequest, statusCode: number, completed: boolean): void {
    const { span } = requestTrace;
    const route = context.route;
    if (route !== 'unmatched') {
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ [ATTRIBUTES.HTTP_ROUTE]: route, [ATTRIBUTES.URL_PATH]: request.path });
    }
    span.setAttributes({ [ATTRIBUTES.HTTP_STATUS]: statusCode, [ATTRIBUTES.CALLER]: context.caller?.id ?? 'anonymous' });
    if (!completed) {
      span.setAttribute(ATTRIBUTES.ERROR_TYPE, 'ABORTED');
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'ABORTED' });
    } else if (statusCode >= 500) {
      span.setAttribute(ATTRIBUTES.ERROR_TYPE, String(statusCode));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }
}
