import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A client's id is echoed only when it is short printable ASCII, so it is safe in logs and headers.
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
const REQUEST_IDS = new WeakMap<Request, string>();

export function requestIdOf(request: Request): string {
  return REQUEST_IDS.get(request) ?? 'unknown';
}

/** Gives every request an id (the client's, if acceptable) and returns it as X-Request-Id. */
export function requestIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const offered = request.headers['x-request-id'];
  const id = typeof offered === 'string' && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  REQUEST_IDS.set(request, id);
  response.setHeader(REQUEST_ID_HEADER, id);
  next();
}
