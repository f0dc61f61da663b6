import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { keyDigest } from '@app/config';
import { CallerIdentity, RequestContext } from '../context/request-context';
import { CallerRegistry } from './caller-registry';

export const API_KEY_HEADER = 'X-API-Key';
const HEADER_NAME = API_KEY_HEADER.toLowerCase();
const BEARER = /^Bearer\s+(\S+)\s*$/i;
const ANONYMOUS = 'anonymous';
/** Far more than any deployment's callers: the memo only ever holds keys that were valid. */
const MAX_REMEMBERED_KEYS = 1_024;

/**
 * Says who a request comes from, once per request: the key in X-API-Key (or `Authorization:
 * Bearer`) looked up by its SHA-256 among the callers. The throttler, the guard, the audit trail
 * and the execution share all read the one identity it records on the request's context.
 */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit {
  private readonly logger = new Logger(ApiKeyVerifier.name);
  /**
   * Digests of keys that named a caller, so a caller's requests are not hashed again each time.
   * The registry is still asked on every request, so a revoked key is refused at once.
   */
  private readonly validKeyDigests = new Map<string, string>();

  constructor(private readonly callers: CallerRegistry) {}

  /** False when no key is configured: every request is then anonymous and let through. */
  get enabled(): boolean {
    return this.callers.enabled;
  }

  onModuleInit(): void {
    if (!this.enabled) {
      this.logger.warn('Neither API_AUTH_KEY nor API_KEYS_FILE is set: API authentication is disabled and execution is refused.');
    }
  }

  identify(context: RequestContext): CallerIdentity {
    return context.caller ?? context.identify(this.judge(context));
  }

  private judge(context: RequestContext): CallerIdentity {
    const address = `ip:${context.clientAddress}`;
    const key = presentedKey(context);
    if (key === undefined) return { id: ANONYMOUS, key: 'none', bucket: address, scope: null };
    const digest = this.validKeyDigests.get(key) ?? keyDigest(key);
    const scope = this.callers.callerOf(digest);
    if (scope) this.remember(key, digest);
    // Invalid keys share their address's bucket, so guessing keys cannot open fresh rate-limit budgets.
    return scope ? { id: scope.id, key: 'valid', bucket: `caller:${scope.id}`, scope } : { id: ANONYMOUS, key: 'invalid', bucket: address, scope: null };
  }

  private remember(key: string, digest: string): void {
    if (this.validKeyDigests.has(key)) return;
    if (this.validKeyDigests.size >= MAX_REMEMBERED_KEYS) this.validKeyDigests.clear();
    this.validKeyDigests.set(key, digest);
  }
}

function presentedKey(context: RequestContext): string | undefined {
  const header = context.headers[HEADER_NAME];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = context.headers.authorization;
  return typeof authorization === 'string' ? BEARER.exec(authorization)?.[1] : undefined;
}
