import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { FastifyRequest } from 'fastify';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A client's id is echoed only when it is short printable ASCII, so it is safe in logs and headers.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Fastify's `genReqId`: the client's X-Request-Id when acceptable, else a fresh UUID. */
export function requestIdFor(raw: IncomingMessage): string {
  const offered = raw.headers['x-request-id'];
  return typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
}

export function requestIdOf(request: FastifyRequest): string {
  return request.id;
}
