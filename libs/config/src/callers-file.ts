import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { findImpersonationProblem, Impersonation } from '@app/executor';
import { ConfigError } from './config.errors';

export type CallerTier = 'read' | 'dry-run' | 'write';

/** One caller of API_KEYS_FILE, validated. The key itself is kept only as its SHA-256. */
export interface CallerEntry {
  readonly id: string;
  /** Lower-case hex SHA-256 of the caller's key. */
  readonly keySha256: string;
  /** True when the file held the plain key (`key:`), which deserves a warning. */
  readonly plainKey: boolean;
  readonly tier: CallerTier;
  readonly execute: boolean;
  /** Namespaces the caller may touch; null: any the service allows. */
  readonly namespaces: readonly string[] | null;
  /** `N/unit`, or null for the service's RATE_LIMIT. */
  readonly rateLimit: string | null;
  readonly impersonate: { readonly user: string; readonly groups: readonly string[] } | null;
}

export const API_KEYS_FILE = 'API_KEYS_FILE';

const FIELDS = new Set(['id', 'key_sha256', 'key', 'tier', 'execute', 'namespaces', 'rate_limit', 'impersonate']);
const IMPERSONATE_FIELDS = new Set(['user', 'groups']);
const ID = /^[a-z0-9-]{1,40}$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
const TIERS: readonly CallerTier[] = ['read', 'dry-run', 'write'];
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const RATE_LIMIT_FORM = /^([0-9]+)\s*(?:\/|per)\s*(second|minute|hour|day)s?$/i;

type Raw = Record<string, unknown>;

/** Reads and validates the callers file; any problem is a ConfigError naming the file and the entry. */
export function readCallersFile(path: string, digest: (key: string) => string): CallerEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw fileError(path, `a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parseCallers(text, path, digest);
}

export function parseCallers(text: string, path: string, digest: (key: string) => string): CallerEntry[] {
  let document: unknown;
  try {
    document = parse(text, { uniqueKeys: true, maxAliasCount: 0 });
  } catch (error) {
    throw fileError(path, `YAML or JSON (${firstLine(error)})`);
  }
  if (!isObject(document) || Object.keys(document).some((key) => key !== 'keys') || !Array.isArray(document.keys)) {
    throw fileError(path, 'a document with one field, `keys`, a list of callers');
  }
  const entries = document.keys.map((raw, index) => parseEntry(raw, index, path, digest));
  const seenIds = new Set<string>();
  const seenKeys = new Set<string>();
  entries.forEach((entry, index) => {
    if (seenIds.has(entry.id)) throw entryError(path, index, entry.id, `the id "${entry.id}" is used twice`);
    if (seenKeys.has(entry.keySha256)) throw entryError(path, index, entry.id, 'its key is listed twice');
    seenIds.add(entry.id);
    seenKeys.add(entry.keySha256);
  });
  return entries;
}

function parseEntry(raw: unknown, index: number, path: string, digest: (key: string) => string): CallerEntry {
  if (!isObject(raw)) throw entryError(path, index, undefined, 'an entry must be a mapping');
  const id = raw.id;
  const fail = (reason: string): never => {
    throw entryError(path, index, typeof id === 'string' ? id : undefined, reason);
  };
  const unknown = Object.keys(raw).find((key) => !FIELDS.has(key));
  if (unknown !== undefined) fail(`unknown field "${unknown}"`);
  if (typeof id !== 'string' || !ID.test(id)) fail('id must match [a-z0-9-]{1,40}');
  if ((raw.key === undefined) === (raw.key_sha256 === undefined)) fail('give exactly one of key_sha256 and key');
  if (raw.key_sha256 !== undefined && (typeof raw.key_sha256 !== 'string' || !SHA256.test(raw.key_sha256))) {
    fail('key_sha256 must be 64 hex digits');
  }
  if (raw.key !== undefined && (typeof raw.key !== 'string' || raw.key.trim() === '' || raw.key !== raw.key.trim())) {
    fail('key must be a non-empty string without surrounding spaces');
  }
  if (!TIERS.includes(raw.tier as CallerTier)) fail('tier must be read, dry-run or write');
  if (raw.execute !== undefined && typeof raw.execute !== 'boolean') fail('execute must be true or false');
  return {
    id: id as string,
    keySha256: raw.key_sha256 !== undefined ? (raw.key_sha256 as string).toLowerCase() : digest(raw.key as string),
    plainKey: raw.key !== undefined,
    tier: raw.tier as CallerTier,
    execute: raw.execute === true,
    namespaces: parseNamespaces(raw.namespaces, fail),
    rateLimit: parseRate(raw.rate_limit, fail),
    impersonate: parseImpersonate(raw.impersonate, fail),
  };
}

function parseNamespaces(value: unknown, fail: (reason: string) => never): readonly string[] | null {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length === 0) return fail('namespaces must be a non-empty list');
  const bad = value.find((name) => typeof name !== 'string' || !NAMESPACE.test(name));
  if (bad !== undefined) return fail(`namespace ${JSON.stringify(bad)} is not a valid namespace name`);
  return [...new Set(value as string[])];
}

function parseRate(value: unknown, fail: (reason: string) => never): string | null {
  if (value === undefined) return null;
  const match = typeof value === 'string' ? RATE_LIMIT_FORM.exec(value.trim()) : null;
  if (!match || !(Number(match[1]) >= 1) || !Number.isSafeInteger(Number(match[1]))) {
    return fail('rate_limit must be N/second, N/minute, N/hour or N/day with N at least 1');
  }
  return `${Number(match[1])}/${match[2].toLowerCase()}`;
}

function parseImpersonate(value: unknown, fail: (reason: string) => never): CallerEntry['impersonate'] {
  if (value === undefined) return null;
  if (!isObject(value)) return fail('impersonate must be a mapping with user and groups');
  const unknown = Object.keys(value).find((key) => !IMPERSONATE_FIELDS.has(key));
  if (unknown !== undefined) return fail(`unknown field "impersonate.${unknown}"`);
  const impersonation = { user: value.user, groups: value.groups ?? [] } as Impersonation;
  // The executor refuses the same names at run time; refusing them here keeps a bad file from starting.
  const problem = findImpersonationProblem(impersonation);
  if (problem !== null) return fail(problem);
  return { user: impersonation.user, groups: [...new Set(impersonation.groups)] };
}

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 120);
}

function fileError(path: string, expected: string): ConfigError {
  return new ConfigError(API_KEYS_FILE, expected, path);
}

function entryError(path: string, index: number, id: string | undefined, reason: string): ConfigError {
  return fileError(path, `valid callers: entry ${index + 1}${id ? ` (id "${id}")` : ''}: ${reason}`);
}
