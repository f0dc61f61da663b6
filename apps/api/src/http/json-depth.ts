import { NextFunction, Request, Response } from 'express';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { writeErrorResponse } from '../errors/write-error-response';

/** Far deeper than any request of this API; deep enough input would overflow the validator's stack. */
export const MAX_JSON_DEPTH = 32;

/** Depth of a parsed JSON value, measured without recursion (so any input is safe to measure). */
export function exceedsDepth(value: unknown, maxDepth: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Refuses bodies nested deeper than MAX_JSON_DEPTH before anything walks them recursively. */
export function jsonDepthGuard(request: Request, response: Response, next: NextFunction): void {
  if (!exceedsDepth(request.body, MAX_JSON_DEPTH)) return next();
  writeErrorResponse(
    new ApiException(400, ApiErrorCode.VALIDATION_FAILED, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`),
    request,
    response,
  );
}
