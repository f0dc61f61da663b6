import { ConfigError } from './config.errors';
import { Environment } from './app-config';

/** Reads typed values from an environment; blank values count as unset. */
export class EnvReader {
  constructor(private readonly env: Environment) {}

  string(name: string, fallback: string): string {
    return this.optional(name) ?? fallback;
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
    }
    return value;
  }

  /** A duration in (possibly fractional) seconds, returned in milliseconds. */
  seconds(name: string, fallbackSeconds: number, maxSeconds = 86_400): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallbackSeconds * 1000;
    const value = /^[0-9]+(\.[0-9]+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(value > 0) || value > maxSeconds) {
      throw new ConfigError(name, `a number of seconds greater than 0 and at most ${maxSeconds}`, raw);
    }
    return Math.round(value * 1000);
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    throw new ConfigError(name, 'true or false', raw);
  }

  list(name: string): string[] {
    return (this.optional(name) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(raw);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !protocols.includes(parsed.protocol)) {
      throw new ConfigError(name, `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`, raw);
    }
    return raw;
  }
}
