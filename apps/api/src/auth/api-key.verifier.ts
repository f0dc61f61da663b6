import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { FastifyRequest } from 'fastify';
import { AppConfig, InjectAppConfig } from '@app/config';

export const API_KEY_HEADER = 'X-API-Key';
const HEADER_NAME = API_KEY_HEADER.toLowerCase();

/** What the service knows of the key a request presented: never the key itself. */
export interface PresentedKey {
  readonly valid: boolean;
  /** A short, non-reversible name for the key, for logs and rate-limit buckets. */
  readonly fingerprint: string;
}

// The throttler, the guard and the audit trail all ask about the same request: digest once.
const PRESENTED = new WeakMap<FastifyRequest, PresentedKey | undefined>();

function headerOf(request: FastifyRequest): string | undefined {
  const header = request.headers[HEADER_NAME];
  return typeof header === 'string' && header !== '' ? header : undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function fingerprintOf(keyDigest: Buffer): string {
  return keyDigest.toString('hex', 0, 6);
}

/** Checks X-API-Key against API_AUTH_KEY (a comma-separated list allows rotation) in constant time. */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit {
  private readonly logger = new Logger(ApiKeyVerifier.name);
  private readonly keyDigests: readonly Buffer[];

  constructor(@InjectAppConfig() config: AppConfig) {
    this.keyDigests = config.auth.apiKeys.map(digest);
  }

  get enabled(): boolean {
    return this.keyDigests.length > 0;
  }

  onModuleInit(): void {
    if (!this.enabled) {
      this.logger.warn('API_AUTH_KEY is not set: API authentication is disabled and execution is refused.');
    }
  }

  /** The request's X-API-Key judged, or undefined when it sent none (or an empty one). */
  keyOf(request: FastifyRequest): PresentedKey | undefined {
    if (PRESENTED.has(request)) return PRESENTED.get(request);
    const header = headerOf(request);
    const judged = header === undefined ? undefined : this.judge(header);
    PRESENTED.set(request, judged);
    return judged;
  }

  /** Compares against every key, so timing reveals neither which key matched nor how much of it. */
  private judge(candidate: string): PresentedKey {
    const candidateDigest = digest(candidate);
    let matched = false;
    for (const keyDigest of this.keyDigests) {
      matched = timingSafeEqual(candidateDigest, keyDigest) || matched;
    }
    return { valid: matched, fingerprint: fingerprintOf(candidateDigest) };
  }

  /** The key the guards judged for this request; undefined when none was (no key, or auth is off). */
  static judgedKeyOf(request: FastifyRequest): PresentedKey | undefined {
    return PRESENTED.get(request);
  }

  static fingerprint(key: string): string {
    return fingerprintOf(digest(key));
  }

  /** The fingerprint of the request's key (judged already, or digested now), or undefined without one. */
  static callerOf(request: FastifyRequest): string | undefined {
    const judged = PRESENTED.get(request);
    if (judged) return judged.fingerprint;
    const header = headerOf(request);
    return header === undefined ? undefined : ApiKeyVerifier.fingerprint(header);
  }
}
