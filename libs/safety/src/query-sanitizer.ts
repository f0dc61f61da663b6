export const QUERY_MIN_LENGTH = 3;
export const QUERY_MAX_LENGTH = 2000;

// Control characters (C0, DEL, C1) plus the invisible format characters people paste by accident.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * Normalizes a natural-language request: control characters become spaces, runs of
 * whitespace collapse to one space, and the ends are trimmed.
 */
export function sanitizeQuery(raw: string): string {
  return raw.replace(CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/** The cache identity of a sanitized query: case- and whitespace-insensitive. */
export function normalizeQueryKey(sanitized: string): string {
  return sanitizeQuery(sanitized).toLowerCase();
}
