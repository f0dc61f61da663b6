import { ExecutorError, ExecutorErrorCode } from './executor.errors';
import { findImpersonationProblem, Impersonation, IMPERSONATION_NAME_MAX_LENGTH, impersonatedArgv } from './impersonation';

describe(impersonatedArgv.name, () => {
  const CREATE_JOB = Object.freeze(['create', 'job', 'x', '--image=busybox', '--', 'echo', 'hi']);

  it.each([undefined, null])('returns the approved argv itself without impersonation (%s)', (none) => {
    const argv = Object.freeze(['get', 'pods']);

    expect(impersonatedArgv(argv, none)).toBe(argv);
  });

  it('adds only --as for a user without groups', () => {
    expect(impersonatedArgv(['get', 'pods', '-n', 'x'], { user: 'chatbot@example.com', groups: [] })).toEqual([
      '--as=chatbot@example.com',
      'get',
      'pods',
      '-n',
      'x',
    ]);
  });

  it('adds one --as-group per group, in order, with names kept whole (spaces, colons, unicode)', () => {
    const sut = impersonatedArgv(['get', 'pods'], { user: 'José Pérez', groups: ['viewers', 'team a', 'oidc:ops'] });

    expect(sut).toEqual(['--as=José Pérez', '--as-group=viewers', '--as-group=team a', '--as-group=oidc:ops', 'get', 'pods']);
  });

  it('puts the flags before the `--` that hands the rest to a container, which keeps its words', () => {
    const sut = impersonatedArgv(CREATE_JOB, { user: 'chatbot@example.com', groups: ['viewers'] });

    expect(sut).toEqual(['--as=chatbot@example.com', '--as-group=viewers', 'create', 'job', 'x', '--image=busybox', '--', 'echo', 'hi']);
    expect(sut.indexOf('--as=chatbot@example.com')).toBeLessThan(sut.indexOf('--'));
    expect(sut.slice(sut.indexOf('--'))).toEqual(['--', 'echo', 'hi']);
  });

  it('puts the flags first, where no flag before them can take one for its value', () => {
    const sut = impersonatedArgv(['-n', 'x', 'get', 'pods'], { user: 'u', groups: ['g'] });

    expect(sut).toEqual(['--as=u', '--as-group=g', '-n', 'x', 'get', 'pods']);
  });

  it('returns a new array and leaves the approved words alone', () => {
    const argv = Object.freeze([...CREATE_JOB]);

    const sut = impersonatedArgv(argv, { user: 'u', groups: ['g'] });

    expect(sut).not.toBe(argv);
    expect(argv).toEqual(CREATE_JOB);
  });

  const long = 'a'.repeat(IMPERSONATION_NAME_MAX_LENGTH + 1);
  it.each<[string, Impersonation, RegExp]>([
    ['an empty user', { user: '', groups: [] }, /impersonate\.user must be a non-empty string/],
    ['a user that is not a string', { user: 42 as unknown as string, groups: [] }, /impersonate\.user must be a non-empty string/],
    ['groups that are not a list', { user: 'u', groups: 'viewers' as unknown as string[] }, /impersonate\.groups must be a list/],
    ['an empty group', { user: 'u', groups: ['viewers', ''] }, /impersonate\.groups\[1\] must be a non-empty string/],
    ['a group that is not a string', { user: 'u', groups: [null as unknown as string] }, /impersonate\.groups\[0\] must be a non-empty string/],
    ['a user too long', { user: long, groups: [] }, /impersonate\.user must be at most 253 characters/],
    ['a group too long', { user: 'u', groups: [long] }, /impersonate\.groups\[0\] must be at most 253 characters/],
    ['a newline in the user', { user: 'alice\nImpersonate-Group: system:masters', groups: [] }, /impersonate\.user must not hold control/],
    ['a carriage return in a group', { user: 'u', groups: ['a\rb'] }, /groups\[0\] must not hold control/],
    ['a NUL', { user: 'alice\u0000', groups: [] }, /must not hold control/],
    ['a tab', { user: 'u', groups: ['a\tb'] }, /must not hold control/],
    ['DEL', { user: 'alice\u007f', groups: [] }, /must not hold control/],
    ['a C1 control', { user: 'alice\u0085', groups: [] }, /must not hold control/],
    ['a zero-width space', { user: 'ad\u200bmin', groups: [] }, /must not hold control, invisible/],
    ['a bidi override', { user: 'u', groups: ['\u202eviewers'] }, /must not hold control, invisible/],
    ['a line separator', { user: 'a\u2028b', groups: [] }, /must not hold control, invisible or separator/],
    ['a lone surrogate', { user: 'a\ud800', groups: [] }, /must not hold control/],
    ['a leading space', { user: ' admin', groups: [] }, /impersonate\.user must not start or end with a space/],
    ['a trailing space in a group', { user: 'u', groups: ['viewers '] }, /groups\[0\] must not start or end with a space/],
    ['a comma in a group', { user: 'u', groups: ['viewers,system:masters'] }, /groups\[0\] must not hold a comma/],
  ])('refuses %s with IMPERSONATION_INVALID, naming the field but not echoing the value', (_case, impersonation, reason) => {
    let thrown: unknown;
    try {
      impersonatedArgv(['get', 'pods'], impersonation);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ExecutorError);
    expect(thrown).toMatchObject({ code: ExecutorErrorCode.IMPERSONATION_INVALID, message: expect.stringMatching(reason) });
    expect((thrown as Error).message).not.toContain('system:masters');
  });

  it('accepts names at the length bound', () => {
    const name = 'a'.repeat(IMPERSONATION_NAME_MAX_LENGTH);

    expect(findImpersonationProblem({ user: name, groups: [name] })).toBeNull();
  });
});
