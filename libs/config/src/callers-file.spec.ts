import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCallers, readCallersFile } from './callers-file';
import { ConfigError } from './config.errors';
import { keyDigest } from './load-app-config';

const HASH = keyDigest('chatbot-key-0123456789');
const parse = (text: string) => parseCallers(text, '/etc/keys.yaml', keyDigest);
const failure = (text: string): ConfigError => {
  try {
    parse(text);
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
};

describe(parseCallers.name, () => {
  it('reads every field of a YAML entry', () => {
    const [sut] = parse(`
keys:
  - id: chatbot
    key_sha256: "${HASH.toUpperCase()}"
    tier: read
    execute: true
    namespaces: [team-a, team-b]
    rate_limit: 30/minute
    impersonate:
      user: chatbot@example.com
      groups: [viewers]
`);
    expect(sut).toEqual({
      id: 'chatbot',
      keySha256: HASH,
      plainKey: false,
      tier: 'read',
      execute: true,
      namespaces: ['team-a', 'team-b'],
      rateLimit: '30/minute',
      impersonate: { user: 'chatbot@example.com', groups: ['viewers'] },
    });
  });

  it('reads JSON, hashes a plain key and defaults to generate-only', () => {
    const [sut] = parse(JSON.stringify({ keys: [{ id: 'oncall', key: 'chatbot-key-0123456789', tier: 'write' }] }));
    expect(sut).toMatchObject({ keySha256: HASH, plainKey: true, execute: false, namespaces: null, rateLimit: null, impersonate: null });
  });

  it.each([
    ['a key listed twice', `keys:\n  - {id: a, key: k1-0123456789abcdef, tier: read}\n  - {id: b, key: k1-0123456789abcdef, tier: read}`, /entry 2 \(id "b"\): its key is listed twice/],
    ['a duplicate id', `keys:\n  - {id: a, key: k1-0123456789abcdef, tier: read}\n  - {id: a, key: k2-0123456789abcdef, tier: read}`, /entry 2 \(id "a"\): the id "a" is used twice/],
    ['an unknown field', `keys:\n  - {id: a, key: k1, tier: read, admin: true}`, /entry 1 \(id "a"\): unknown field "admin"/],
    ['a bad tier', `keys:\n  - {id: a, key: k1, tier: root}`, /tier must be read, dry-run or write/],
    ['a bad rate', `keys:\n  - {id: a, key: k1, tier: read, rate_limit: fast}`, /rate_limit must be/],
    ['a bad namespace', `keys:\n  - {id: a, key: k1, tier: read, namespaces: [Team_A]}`, /namespace "Team_A"/],
    ['a bad id', `keys:\n  - {id: Chat Bot, key: k1, tier: read}`, /entry 1 \(id "Chat Bot"\): id must match/],
    ['both key forms', `keys:\n  - {id: a, key: k1, key_sha256: "${HASH}", tier: read}`, /exactly one of key_sha256 and key/],
    ['a short hash', `keys:\n  - {id: a, key_sha256: abc, tier: read}`, /64 hex digits/],
    ['a non-boolean execute', `keys:\n  - {id: a, key: k1, tier: read, execute: "yes"}`, /execute must be true or false/],
    ['an unknown impersonation field', `keys:\n  - {id: a, key: k1, tier: read, impersonate: {user: u, uid: 1}}`, /impersonate.uid/],
    ['a group with a comma', `keys:\n  - {id: a, key: k1, tier: read, impersonate: {user: u, groups: ["a,b"]}}`, /impersonate.groups/],
    ['no keys list', `callers: []`, /one field, `keys`/],
    ['a duplicate YAML key', `keys:\n  - {id: a, id: b, key: k1, tier: read}`, /YAML or JSON/],
    ['a YAML alias', `keys:\n  - &x {id: a, key: k1, tier: read}\n  - *x`, /YAML or JSON/],
    ['broken YAML', `keys: [`, /YAML or JSON/],
  ])('refuses %s with one line naming the file and the entry', (_case, text, message) => {
    const sut = failure(text);
    expect(sut).toBeInstanceOf(ConfigError);
    expect(sut.message).toMatch(/^API_KEYS_FILE="\/etc\/keys.yaml" is invalid/);
    expect(sut.message).toMatch(message);
    expect(sut.message).not.toContain('\n');
  });

  it('never puts a plain key in its message', () => {
    expect(failure(`keys:\n  - {id: a, key: super-secret-key-value, tier: boss}`).message).not.toContain('super-secret');
  });
});

describe(readCallersFile.name, () => {
  it('refuses a missing file', () => {
    expect(() => readCallersFile('/nonexistent/keys.yaml', keyDigest)).toThrow(/API_KEYS_FILE=.*a readable file \(ENOENT\)/);
  });

  it('reads a file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'keys-')), 'keys.yaml');
    writeFileSync(path, 'keys:\n  - {id: a, key: k1-0123456789abcdef, tier: read}\n');
    expect(readCallersFile(path, keyDigest)).toHaveLength(1);
  });
});
