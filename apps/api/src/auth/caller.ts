import { AppConfig, CallerEntry, CallerTier, parseRateLimit } from '@app/config';

/** What one caller may do, as the service enforces it: the file's entry capped by the service's settings. */
export interface CallerScope {
  readonly id: string;
  /** The most the caller may do; `write` only while KUBECTL_ALLOW_WRITES is on, else `dry-run`. */
  readonly tier: CallerTier;
  readonly execute: boolean;
  /** Namespaces the caller may touch (its own list intersected with KUBECTL_ALLOWED_NAMESPACES); null: any the service allows. */
  readonly namespaces: readonly string[] | null;
  readonly rateLimit: { readonly limit: number; readonly ttlMs: number; readonly text: string };
  readonly impersonate: { readonly user: string; readonly groups: readonly string[] } | null;
}

/** The caller API_AUTH_KEY's keys act as: the service-wide settings, execution allowed. */
export const DEFAULT_CALLER_ID = 'default';

const UNITS: ReadonlyArray<[number, string]> = [
  [86_400_000, 'day'],
  [3_600_000, 'hour'],
  [60_000, 'minute'],
  [1_000, 'second'],
];

export function scopeOfDefaultCaller(config: AppConfig): CallerScope {
  return {
    id: DEFAULT_CALLER_ID,
    tier: config.safety.allowWrites ? 'write' : 'dry-run',
    execute: true,
    namespaces: config.safety.allowedNamespaces,
    rateLimit: withText(config.rateLimit),
    impersonate: null,
  };
}

export function scopeOfEntry(entry: CallerEntry, config: AppConfig): CallerScope {
  return {
    id: entry.id,
    tier: entry.tier === 'write' && !config.safety.allowWrites ? 'dry-run' : entry.tier,
    execute: entry.execute,
    namespaces: intersect(entry.namespaces, config.safety.allowedNamespaces),
    rateLimit: withText(entry.rateLimit === null ? config.rateLimit : parseRateLimit(entry.rateLimit, 'API_KEYS_FILE rate_limit')),
    impersonate: entry.impersonate,
  };
}

function intersect(own: readonly string[] | null, service: readonly string[] | null): readonly string[] | null {
  if (own === null) return service;
  if (service === null) return own;
  return own.filter((name) => service.includes(name));
}

function withText(rate: AppConfig['rateLimit']): CallerScope['rateLimit'] {
  const unit = UNITS.find(([ms]) => ms === rate.ttlMs)?.[1] ?? `${rate.ttlMs} ms`;
  return { ...rate, text: `${rate.limit}/${unit}` };
}
