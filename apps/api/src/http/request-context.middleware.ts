import { Logger } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from '@app/metrics';
import { attachRequestContext, RequestContext, RequestTrace } from '../context/request-context';
import { HttpServerSpans, ServerRequest } from '../tracing/http-server-span';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

const logger = new Logger('HTTP');

/** Route templates only (never raw paths), so label values stay bounded. */
function routeTemplate(request: Request): string {
  const path: unknown = (request as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : 'unmatched';
}

/**
 * The first middleware: gives the request its adapter-neutral context and id (echoed as
 * X-Request-Id), and once it is answered records one metric sample and one JSON log line. The
 * line carries no headers and no body, so keys and queries never reach the request log. With
 * tracing on (`spans`), the request also gets its server span, and the line its `trace_id`.
 */
export function requestContextMiddleware(metrics: MetricsService, spans: HttpServerSpans | null = null): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const startedAt = performance.now();
    const context = new RequestContext(
      requestIdFor(request.headers['x-request-id']),
      request.socket.remoteAddress ?? 'unknown',
      request.headers,
      () => routeTemplate(request),
    );
    attachRequestContext(request, context);
    response.setHeader(REQUEST_ID_HEADER, context.requestId);
    const requestTrace = spans ? traceRequest(spans, request, response, context) : null;
    response.once('finish', () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const route = context.route;
      metrics.recordHttpRequest(request.method, route, response.statusCode, seconds, context.caller?.id ?? 'anonymous');
      logger.log({
        msg: 'request',
        request_id: context.requestId,
        method: request.method,
        route,
        status: response.statusCode,
        duration_ms: Math.round(seconds * 1e4) / 10,
        ...(requestTrace ? { trace_id: requestTrace.traceId } : {}),
      });
    });
    if (spans && requestTrace) spans.run(requestTrace, [request, response], next);
    else next();
  };
}

function traceRequest(spans: HttpServerSpans, request: Request, response: Response, context: RequestContext): RequestTrace {
  const served: ServerRequest = { method: request.method, headers: request.headers, path: request.path, secure: request.secure };
  const requestTrace = spans.start(served, context);
  context.enterTrace(requestTrace);
  response.once('close', () => spans.finish(requestTrace, context, served, response.statusCode, response.writableFinished));
  return requestTrace;
}
