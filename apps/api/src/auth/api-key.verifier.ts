import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig, InjectAppConfig } from '@app/config';

export const API_KEY_HEADER = 'X-API-Key';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
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

  /** Compares against every key, so timing reveals neither which key matched nor how much of it. */
  isValid(candidate: string): boolean {
    const candidateDigest = digest(candidate);
    let matched = false;
    for (const keyDigest of this.keyDigests) {
      matched = timingSafeEqual(candidateDigest, keyDigest) || matched;
    }
    return matched;
  }

  /** A short, non-reversible name for a caller's key, for logs and rate-limit buckets. */
  static fingerprint(key: string): string {
    return digest(key).toString('hex').slice(0, 12);
  }
}
