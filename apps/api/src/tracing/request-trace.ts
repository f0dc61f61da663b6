import { context as otelContext } from '@opentelemetry/api';
import type { RequestContext } from '../context/request-context';

/**
 * Runs `work` with the request's server span as the active span, so the spans the services open
 * are its children whatever path (body parsing, guards, the MCP transport) led here.
 */
export function withinRequestTrace<T>(context: RequestContext, work: () => T): T {
  return context.trace ? otelContext.with(context.trace.context, work) : work();
}
