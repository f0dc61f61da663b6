import { Logger } from '@nestjs/common';
import { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from '@app/metrics';
import { requestIdOf } from './request-id';

const logger = new Logger('HTTP');

/** Route templates only (never raw paths), so label values stay bounded. */
function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
}

/**
 * One metric sample and one JSON log line per finished request. The line carries no headers
 * and no body, so keys and queries never reach the request log.
 */
export function requestObserver(metrics: MetricsService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const startedAt = performance.now();
    response.once('finish', () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const route = routeTemplate(request);
      metrics.recordHttpRequest(request.method, route, response.statusCode, seconds);
      logger.log({
        msg: 'request',
        request_id: requestIdOf(request),
        method: request.method,
        route,
        status: response.statusCode,
        duration_ms: Math.round(seconds * 1e4) / 10,
      });
    });
    next();
  };
}
