import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, InjectAppConfig } from '@app/config';
import { CallerIdentity, RequestContext } from '../context/request-context';

export const API_KEY_HEADER = 'X-API-Key';
const HEADER_NAME = API_KEY_HEADER.toLowerCase();
const ANONYMOUS = 'anonymous';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A short, non-reversible name for a key, for logs, audit lines and rate-limit buckets. */
function fingerprintOf(keyDigest: Buffer): string {
  return keyDigest.toString('hex', 0, 6);
}

/**
 * Says who a request comes from, once per request: X-API-Key checked against API_AUTH_KEY (a
 * comma-separated list allows rotation) in constant time. The throttler, the guard and the audit
 * trail all read the one identity it records on the request's context.
 */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit {
  private readonly logger = new Logger(ApiKeyVerifier.name);
  private readonly keyDigests: readonly Buffer[];

  constructor(@InjectAppConfig() config: AppConfig) {
    this.keyDigests = config.auth.apiKeys.map(digest);
  }

  /** False when no key is configured: every request is then anonymous and let through. */
  get enabled(): boolean {
    return this.keyDigests.length > 0;
  }

  onModuleInit(): void {
    if (!this.enabled) {
      this.logger.warn('API_AUTH_KEY is not set: API authentication is disabled and execution is refused.');
    }
  }

  identify(context: RequestContext): CallerIdentity {
    return context.caller ?? context.identify(this.judge(context));
  }

  static fingerprint(key: string): string {
    return fingerprintOf(digest(key));
  }

  private judge(context: RequestContext): CallerIdentity {
    const header = context.headers[HEADER_NAME];
    const address = `ip:${context.clientAddress}`;
    if (typeof header !== 'string' || header === '') return { id: ANONYMOUS, key: 'none', bucket: address };
    const candidate = digest(header);
    const fingerprint = fingerprintOf(candidate);
    // Compares against every key, so timing reveals neither which key matched nor how much of it.
    let matched = false;
    for (const keyDigest of this.keyDigests) matched = timingSafeEqual(candidate, keyDigest) || matched;
    // Invalid keys share their address's bucket, so guessing keys cannot open fresh rate-limit budgets.
    return matched ? { id: fingerprint, key: 'valid', bucket: `key:${fingerprint}` } : { id: fingerprint, key: 'invalid', bucket: address };
  }
}
