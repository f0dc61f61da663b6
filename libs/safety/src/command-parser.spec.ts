import { COMMAND_MAX_LENGTH, parseCommand } from './command-parser';
import { VerdictCode } from './verdict';

describe(parseCommand.name, () => {
  describe('reads words as a POSIX shell would', () => {
    it.each([
      ['kubectl get pods', ['get', 'pods']],
      ['  kubectl   get   pods  ', ['get', 'pods']],
      ['kubectl', []],
      ["kubectl get pods -l 'app=web'", ['get', 'pods', '-l', 'app=web']],
      ['kubectl get pods -l "app=web"', ['get', 'pods', '-l', 'app=web']],
      ["kubectl get pods -l 'env in (prod,qa)'", ['get', 'pods', '-l', 'env in (prod,qa)']],
      ["kubectl get pods -o jsonpath='{.items[*].metadata.name}'", ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}']],
      [`kubectl get pods -o jsonpath='{"\\n"}'`, ['get', 'pods', '-o', 'jsonpath={"\\n"}']],
      ['kubectl get pods -o "jsonpath={.a}{\\"x\\"}"', ['get', 'pods', '-o', 'jsonpath={.a}{"x"}']],
      ['kubectl get pods -l "a\\b"', ['get', 'pods', '-l', 'a\\b']],
      ['kubectl get pods -l "a\\\\b"', ['get', 'pods', '-l', 'a\\b']],
      ['kubectl --ser"ver"=x', ['--server=x']],
      ["kubectl '--token'=abc", ['--token=abc']],
      ["kubectl 'get' \"pods\"", ['get', 'pods']],
      ["kubectl k'ube'ctl", ['kubectl']],
      ["kubectl get pods ''", ['get', 'pods', '']],
      ['kubectl get pods ""', ['get', 'pods', '']],
      ['kubectl get my\\ pod', ['get', 'my pod']],
      ['kubectl get \\"x', ['get', '"x']],
      ["kubectl get \\'x", ['get', "'x"]],
      ['kubectl get \\*', ['get', '*']],
      ["kubectl get 'a\"b'", ['get', 'a"b']],
      [`kubectl get "a'b"`, ['get', "a'b"]],
      ['kubectl get pods --field-selector=status.phase!=Running', ['get', 'pods', '--field-selector=status.phase!=Running']],
      ['kubectl get pods -l "app!=web"', ['get', 'pods', '-l', 'app!=web']],
      ["kubectl get pods -l '!app'", ['get', 'pods', '-l', '!app']],
      ["kubectl get pods -l '#x ~y *z ?w [v] {u} ^t <s> (r)'", ['get', 'pods', '-l', '#x ~y *z ?w [v] {u} ^t <s> (r)']],
      ['kubectl get pods -- x', ['get', 'pods', '--', 'x']],
      ['kubectl get a%b+c@d:e,f/g.h=i_j', ['get', 'a%b+c@d:e,f/g.h=i_j']],
      // Inside single quotes nothing is special to a shell.
      ["kubectl get pods ';'", ['get', 'pods', ';']],
      ["kubectl get pods 'a|b&c$d`e'", ['get', 'pods', 'a|b&c$d`e']],
      ["kubectl get pods -o jsonpath='{$.metadata.name}'", ['get', 'pods', '-o', 'jsonpath={$.metadata.name}']],
      // Inside double quotes operators are data; $ and backquote are not (see below).
      ['kubectl get pods -l "a;b|c&d<e>(f)"', ['get', 'pods', '-l', 'a;b|c&d<e>(f)']],
      // Braces and brackets a shell passes through unchanged, in template words.
      ['kubectl get pods -o jsonpath={.items..metadata.name}', ['get', 'pods', '-o', 'jsonpath={.items..metadata.name}']],
      ['kubectl get pods -ojsonpath={.items[*].a}', ['get', 'pods', '-ojsonpath={.items[*].a}']],
      ['kubectl get pods --template={{.status.phase}}', ['get', 'pods', '--template={{.status.phase}}']],
      ['kubectl get pods --template {{.kind}}', ['get', 'pods', '--template', '{{.kind}}']],
      ['kubectl get pods -o custom-columns=N:.spec.containers[0].name', ['get', 'pods', '-o', 'custom-columns=N:.spec.containers[0].name']],
      ['kubectl get pods --sort-by=.status.x[0].y', ['get', 'pods', '--sort-by=.status.x[0].y']],
      ['kubectl get pods -o jsonpath={.a}{","}{.b}', ['get', 'pods', '-o', 'jsonpath={.a}{,}{.b}']],
      ['kubectl get pods -o JSONPATH={.a[1]}', ['get', 'pods', '-o', 'JSONPATH={.a[1]}']],
    ])('%j -> %j', (input, argv) => {
      expect(parseCommand(input)).toEqual({ ok: true, argv });
    });
  });

  describe('rejects what it cannot read safely', () => {
    it.each([
      ['', VerdictCode.EMPTY],
      ['    ', VerdictCode.EMPTY],
      [`kubectl ${'x'.repeat(COMMAND_MAX_LENGTH)}`, VerdictCode.TOO_LONG],
      ['kubectl get pods\n', VerdictCode.INVALID_CHARACTERS],
      ['kubectl get\u0085pods', VerdictCode.INVALID_CHARACTERS],
      ["kubectl get pods -l 'a\tb'", VerdictCode.INVALID_CHARACTERS],
      ['kubectl get pods -l "\u200d"', VerdictCode.INVALID_CHARACTERS],
      ['kubectl get pods\u061c', VerdictCode.INVALID_CHARACTERS],
      ['kubectl get ｐods', VerdictCode.INVALID_CHARACTERS],
      ['kubectl get pods ;', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods "$x"', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods "`id`"', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods "\\$x"', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods \\;', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods \\&', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods a&&b', VerdictCode.SHELL_SYNTAX],
      ["kubectl get pods 'a'|b", VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath={a,b}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath={.a,{b}}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath={0..9..2}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods --sort-by={.a,.b}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath={.items}*', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o custom-columns=A:.b?', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -l {.a}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods x[0]', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath={.a}!', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods -o jsonpath=~', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods "\\`id\\`"', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods \\$x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods \\|x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods >x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods <x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods (x)', VerdictCode.SHELL_SYNTAX],
      ['kubectl get po*', VerdictCode.SHELL_SYNTAX],
      ['kubectl get po?s', VerdictCode.SHELL_SYNTAX],
      ['kubectl get po[d]s', VerdictCode.SHELL_SYNTAX],
      ['kubectl get x]', VerdictCode.SHELL_SYNTAX],
      ['kubectl get {a,b}', VerdictCode.SHELL_SYNTAX],
      ['kubectl get ~', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods #x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get pods#x', VerdictCode.SHELL_SYNTAX],
      ['kubectl get !!', VerdictCode.SHELL_SYNTAX],
      ['kubectl get "!x"', VerdictCode.SHELL_SYNTAX],
      ['kubectl get ^x', VerdictCode.SHELL_SYNTAX],
      ["kubectl get 'x", VerdictCode.UNBALANCED_QUOTES],
      ['kubectl get "x', VerdictCode.UNBALANCED_QUOTES],
      ['kubectl get "x\\"', VerdictCode.UNBALANCED_QUOTES],
      ['kubectl get x\\', VerdictCode.UNBALANCED_QUOTES],
      ['sudo kubectl get pods', VerdictCode.NOT_KUBECTL],
      ['A=1 kubectl get pods', VerdictCode.NOT_KUBECTL],
      ['/usr/local/bin/kubectl get pods', VerdictCode.NOT_KUBECTL],
      ["'' kubectl get pods", VerdictCode.NOT_KUBECTL],
      ['KUBECTL get pods', VerdictCode.NOT_KUBECTL],
    ])('%j -> %s', (input, code) => {
      expect(parseCommand(input)).toMatchObject({ ok: false, code });
    });
  });

  it('accepts exactly the maximum length', () => {
    const text = `kubectl get ${'x'.repeat(COMMAND_MAX_LENGTH - 'kubectl get '.length)}`;
    expect(parseCommand(text).ok).toBe(true);
  });

  it.each([undefined, null, 42, {}, ['kubectl']])('treats the non-string %j as empty', (input) => {
    expect(parseCommand(input)).toMatchObject({ ok: false, code: VerdictCode.EMPTY });
  });

  it('names the offending character, escaped, and its offset', () => {
    expect(parseCommand('kubectl get pods\u200b')).toMatchObject({ message: expect.stringContaining('"\\u200b" at offset 16') });
    expect(parseCommand('kubectl get pods | x')).toMatchObject({ message: expect.stringContaining('"|" at offset 17') });
  });
});
