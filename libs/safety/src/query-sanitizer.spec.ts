import { normalizeQueryKey, QUERY_MAX_LENGTH, QUERY_MIN_LENGTH, sanitizeQuery } from './query-sanitizer';

describe(sanitizeQuery.name, () => {
  it.each([
    ['list pods', 'list pods'],
    ['  list   pods  ', 'list pods'],
    ['list\npods\tin\r\ndefault', 'list pods in default'],
    ['list\u0000pods\u007f', 'list pods'],
    ['list\u200bpods', 'list pods'],
    ['\u202elist pods\u202c', 'list pods'],
    ['\ufefflist pods', 'list pods'],
    ['list\u0085pods', 'list pods'],
    ['List Pods In Namespace "prod"', 'List Pods In Namespace "prod"'],
    ['pods in café namespace', 'pods in café namespace'],
    ['\n\t ', ''],
  ])('sanitizes %j to %j', (raw, expected) => {
    expect(sanitizeQuery(raw)).toBe(expected);
  });
});

describe(normalizeQueryKey.name, () => {
  it.each([
    ['List Pods', 'list pods'],
    ['  list   PODS ', 'list pods'],
    ['list\u200bpods', 'list pods'],
  ])('keys %j as %j', (sanitized, key) => {
    expect(normalizeQueryKey(sanitized)).toBe(key);
  });

  it('gives the same key to queries that differ only in case and spacing', () => {
    expect(normalizeQueryKey('Show me  the pods')).toBe(normalizeQueryKey('show me the PODS'));
  });
});

describe('query length limits', () => {
  it('are ordered and positive', () => {
    expect(QUERY_MIN_LENGTH).toBeGreaterThan(0);
    expect(QUERY_MAX_LENGTH).toBeGreaterThan(QUERY_MIN_LENGTH);
  });
});
