import * as fc from 'fast-check';
import { CommandPolicy } from './command-policy';

const FORBIDDEN: readonly (readonly [string, string])[] = [
  ['secret', '{"secretName":"db"}'],
  ['secretRef', '{"name":"db"}'],
  ['secretKeyRef', '{"name":"db","key":"k"}'],
  ['imagePullSecrets', '[{"name":"r"}]'],
  ['serviceAccountName', '"admin"'],
  ['serviceAccount', '"admin"'],
  ['automountServiceAccountToken', 'true'],
  ['externalIPs', '["1.2.3.4"]'],
  ['privileged', 'true'],
  ['allowPrivilegeEscalation', 'true'],
  ['hostPID', 'true'],
  ['hostIPC', 'true'],
  ['hostNetwork', 'true'],
  ['hostPath', '{"path":"/"}'],
  ['hostPort', '80'],
  ['runAsUser', '0'],
  ['runAsNonRoot', 'false'],
  ['procMount', '"Unmasked"'],
  ['sysctls', '[]'],
  ['seLinuxOptions', '{}'],
  ['ephemeralContainers', '[]'],
];

const WORD = fc.constantFrom('spec', 'template', 'containers', 'metadata', 'x', 'volumes', 'env', 'securityContext');

/** Each character literal, or as a JSON \u escape, in any case mix of hex digits. */
const escapedKey = (key: string) =>
  fc.array(fc.constantFrom('plain', 'u', 'U'), { minLength: key.length, maxLength: key.length }).map((modes) =>
    [...key]
      .map((char, at) => {
        const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
        return modes[at] === 'plain' ? char : `\\u${modes[at] === 'u' ? hex : hex.toUpperCase()}`;
      })
      .join(''),
  );

const wrap = (path: readonly string[], inner: string, listAt: number): string =>
  path.reduceRight((body, key, at) => `{"${key}":${at === listAt ? `[${body}]` : body}}`, inner);

describe(`${CommandPolicy.name} patch content, for any placement and spelling`, () => {
  const sut = new CommandPolicy({ allowWrites: true });

  it('refuses a forbidden field at any depth, behind any JSON escapes, in merge and strategic patches', () => {
    const field = fc.constantFrom(...FORBIDDEN).chain(([key, value]) => escapedKey(key).map((written) => [written, value] as const));
    fc.assert(
      fc.property(
        field,
        fc.array(WORD, { maxLength: 6 }),
        fc.integer({ min: -1, max: 5 }),
        fc.constantFrom('', '--type merge ', '--type=strategic '),
        fc.boolean(),
        ([written, value], path, listAt, type, first) => {
          const inner = first ? `{"${written}":${value},"name":"app"}` : `{"name":"app","${written}":${value}}`;
          const verdict = sut.evaluate(`kubectl patch deploy web ${type}-p '${wrap(path, inner, listAt)}'`);
          expect(verdict.decision).toBe('deny');
          expect(['PATCH_DENIED', 'PATCH_INVALID']).toContain(verdict.code);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('refuses a forbidden field as the path or inside the value of any JSON-patch operation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FORBIDDEN), fc.array(WORD, { maxLength: 5 }), fc.constantFrom('add', 'replace'), fc.boolean(), ([key, value], path, op, inPath) => {
        const pointer = `/${[...path, ...(inPath ? [key] : ['item'])].join('/')}`;
        const body = inPath ? value : `{"${key}":${value}}`;
        const verdict = sut.evaluate(`kubectl patch deploy web --type=json -p '[{"op":"${op}","path":"${pointer}","value":${body}}]'`);
        expect(verdict).toMatchObject({ decision: 'deny', code: 'PATCH_DENIED' });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws and never allows a body it cannot decode', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]":,ab \\u0!&*<>-?|'.split('')), maxLength: 80 }), (body) => {
        const verdict = sut.evaluate(`kubectl patch deploy web -p '${body.replace(/'/g, '')}'`);
        expect(verdict.message).not.toBe('the command could not be evaluated');
        if (verdict.decision !== 'deny') expect(JSON.stringify(verdict.argv)).not.toMatch(/secret|serviceAccount/i);
      }),
      { numRuns: 1000 },
    );
  });
});
