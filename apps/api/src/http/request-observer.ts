import { Logger } from '@nestjs/common';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsService } from '@app/metrics';
import { REQUEST_ID_HEADER } from './request-id';

const logger = new Logger('HTTP');

/** Route templates only (never raw paths), so label values stay bounded. */
function routeTemplate(request: FastifyRequest): string {
  return request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
}

/**
 * Echoes the request id on every answer, then records one metric sample and one JSON log line
 * per finished request. The line carries no headers and no body, so keys and queries never
 * reach the request log.
 */
export function observeRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = routeTemplate(request);
    metrics.recordHttpRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    logger.log({
      msg: 'request',
      request_id: request.id,
      method: request.method,
      route,
      status: reply.statusCode,
      duration_ms: Math.round(reply.elapsedTime * 10) / 10,
    });
    done();
  });
}
