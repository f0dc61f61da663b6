import { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsService } from '@app/metrics';

/** Route templates only (never raw paths), so label values stay bounded. */
function routeTemplate(request: Request): string {
  const route = (request as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${request.baseUrl}${route.path}` : 'unmatched';
}

export function httpMetricsMiddleware(metrics: MetricsService): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const startedAt = performance.now();
    response.once('finish', () => {
      metrics.recordHttpRequest(request.method, routeTemplate(request), response.statusCode, (performance.now() - startedAt) / 1000);
    });
    next();
  };
}
