import { ArgumentsHost } from '@nestjs/common';
import type { Context, Span } from '@opentelemetry/api';
import { IncomingHttpHeaders } from 'node:http';
import type { CallerScope } from '../auth/caller';

/** Who sent a request, as far as the service can tell: never the key itself. */
export interface CallerIdentity {
  /** The name in audit lines, logs and metrics: the caller's id (`default` for API_AUTH_KEY), or `anonymous`. */
  readonly id: string;
  /** What the request presented: no key, a valid key, or a key that matches none. */
  readonly key: 'none' | 'valid' | 'invalid';
  /** The bucket for rate limits and the execution share: the caller when the key is valid, else the client address. */
  readonly bucket: string;
  /** What the caller may do; null without a valid key. */
  readonly scope: CallerScope | null;
}

/** The request's place in a trace, when tracing is on. */
export interface RequestTrace {
  /** The request's server span. */
  readonly span: Span;
  /** The OpenTelemetry context in which that span is the active one. */
  readonly context: Context;
  /** For log and audit lines. */
  readonly traceId: string;
}

/**
 * What the application knows of one request, independent of the HTTP adapter. The HTTP layer
 * creates it when a request arrives; authentication fills in the caller once.
 */
export class RequestContext {
  private identified?: CallerIdentity;
  private traced: RequestTrace | null = null;

  constructor(
    readonly requestId: string,
    readonly clientAddress: string,
    readonly headers: IncomingHttpHeaders,
    private readonly resolveRoute: () => string,
  ) {}

  /** The matched route template (`/kubectl-command`), or `unmatched`: never the raw path. */
  get route(): string {
    return this.resolveRoute();
  }

  get caller(): CallerIdentity | undefined {
    return this.identified;
  }

  /** The request's trace; null when tracing is off. */
  get trace(): RequestTrace | null {
    return this.traced;
  }

  /** Set once, by the HTTP layer, when tracing is on. */
  enterTrace(requestTrace: RequestTrace): void {
    this.traced ??= requestTrace;
  }

  /** Records who is calling; the first identification of a request is the one that counts. */
  identify(caller: CallerIdentity): CallerIdentity {
    this.identified ??= caller;
    return this.identified;
  }
}

/** The property under which the HTTP layer attaches the context to the adapter's request object. */
export const REQUEST_CONTEXT = Symbol('kubectl-agent:request-context');

type WithContext = { [REQUEST_CONTEXT]?: RequestContext };

/** The request's context; a request that bypassed the HTTP layer gets a throwaway one. */
export function requestContextOf(host: ArgumentsHost): RequestContext {
  return contextOfRequest(host.switchToHttp().getRequest<object>());
}

export function contextOfRequest(request: object): RequestContext {
  const holder = request as WithContext;
  holder[REQUEST_CONTEXT] ??= new RequestContext('unknown', 'unknown', (request as { headers?: IncomingHttpHeaders }).headers ?? {}, () => 'unmatched');
  return holder[REQUEST_CONTEXT];
}

export function attachRequestContext(request: object, context: RequestContext): void {
  (request as WithContext)[REQUEST_CONTEXT] = context;
}
