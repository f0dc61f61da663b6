import { extractKubectlCommand, MAX_EXAMINED_REPLY_CHARS } from './kubectl-command.parser';
import { LlmError, LlmErrorCode } from './llm.errors';

function failureOf(raw: string): LlmError {
  try {
    extractKubectlCommand(raw);
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error(`expected no command to be extracted from ${JSON.stringify(raw)}`);
}

/** The command, or the code of the LlmError: anything else (a TypeError, a RangeError) fails the test. */
function answerTo(raw: string): string {
  try {
    return extractKubectlCommand(raw, Infinity);
  } catch (error) {
    if (error instanceof LlmError) return error.code;
    throw error;
  }
}

describe(extractKubectlCommand.name, () => {
  it.each<[string, string, string]>([
    ['a bare command', 'kubectl get pods', 'kubectl get pods'],
    ['surrounding whitespace and newlines', '\n\n  kubectl get nodes -o wide  \n', 'kubectl get nodes -o wide'],
    ['a fenced block with a bash tag', '```bash\nkubectl get deployments -n default\n```', 'kubectl get deployments -n default'],
    ['a fenced block without a tag', '```\nkubectl get svc -A\n```', 'kubectl get svc -A'],
    ['a fenced block tagged sh', '```sh\nkubectl describe pod web-0 -n prod\n```', 'kubectl describe pod web-0 -n prod'],
    ['a fenced block tagged shell', '```shell\nkubectl logs deploy/api -n shop --tail=100\n```', 'kubectl logs deploy/api -n shop --tail=100'],
    ['a console block with a $ prompt', '```console\n$ kubectl get ns\n```', 'kubectl get ns'],
    ['a leading $ prompt', '$ kubectl top pods -n monitoring', 'kubectl top pods -n monitoring'],
    ['a leading > prompt', '> kubectl get events -n dev', 'kubectl get events -n dev'],
    ['inline backticks', '`kubectl get pods -n kube-system`', 'kubectl get pods -n kube-system'],
    ['an intro sentence with a colon', 'Here is the command: kubectl get configmaps -n dev', 'kubectl get configmaps -n dev'],
    [
      'an intro line and a fenced block',
      'Sure! Here is the command you need:\n\n```bash\nkubectl get pods --all-namespaces\n```',
      'kubectl get pods --all-namespaces',
    ],
    [
      'a fenced block followed by an explanation',
      '```bash\nkubectl get pods -n dev -o wide\n```\n\nThis lists all pods in the dev namespace with their nodes.',
      'kubectl get pods -n dev -o wide',
    ],
    ['a trailing period after an inline command', 'Run `kubectl get nodes`.', 'kubectl get nodes'],
    ['a trailing period after a bare command', 'kubectl get pods -n dev.', 'kubectl get pods -n dev'],
    ['a sentence after the command on the same line', 'kubectl get pods -A. This lists all pods.', 'kubectl get pods -A'],
    ['a path argument that is a dot', 'kubectl diff -f .', 'kubectl diff -f .'],
    [
      'a DeepSeek-R1 reasoning block',
      '<think>\nThe user wants pods in namespace prod. I should use kubectl get pods -n prod.\n</think>\n\nkubectl get pods -n prod',
      'kubectl get pods -n prod',
    ],
    [
      'a reasoning block with only its closing tag',
      'Okay, they want services; kubectl get svc would do.\n</think>\nkubectl get svc -n web',
      'kubectl get svc -n web',
    ],
    ['Windows line endings', '```bash\r\nkubectl get pv\r\n```\r\n', 'kubectl get pv'],
    ['a command in bold', '**kubectl get ingress -n edge**', 'kubectl get ingress -n edge'],
    ['a quoted command', '"kubectl get cronjobs -n batch"', 'kubectl get cronjobs -n batch'],
    ['a bulleted command', '- kubectl get statefulsets -n data', 'kubectl get statefulsets -n data'],
    ['a backslash line continuation', 'kubectl get pods \\\n  -n dev \\\n  -o wide', 'kubectl get pods -n dev -o wide'],
    [
      'a jsonpath with dots inside quotes',
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
      "kubectl get pods -o jsonpath='{.items[*].metadata.name}'",
    ],
    [
      'the same command both inline and fenced',
      'Use `kubectl get pods -n dev`:\n```\nkubectl get pods -n dev\n```',
      'kubectl get pods -n dev',
    ],
    [
      'an inline mention that is a fragment of the command',
      '```\nkubectl logs web-0 -n dev\n```\nThe `kubectl logs` command prints the container logs.',
      'kubectl logs web-0 -n dev',
    ],
    ['a JSON answer', '{"command": "kubectl get nodes"}', 'kubectl get nodes'],
    ['a comment line in the block', '```bash\n# list the pods\nkubectl get pods\n```', 'kubectl get pods'],
    ['a pipe (left for the safety policy)', 'kubectl get pods | grep web', 'kubectl get pods | grep web'],
    ['a non-breaking space', 'kubectl\u00a0get pods', 'kubectl get pods'],
  ])('extracts the command from %s', (_case, raw, expected) => {
    expect(extractKubectlCommand(raw)).toBe(expected);
  });

  it.each<[string, string, 'no' | 'several' | 'empty']>([
    ['an empty reply', '', 'empty'],
    ['a whitespace-only reply', '  \n\t ', 'empty'],
    ['a refusal', "I'm sorry, but I can't help with that request.", 'no'],
    ['the UNSUPPORTED marker', 'UNSUPPORTED', 'no'],
    ['prose that only mentions kubectl', 'You could use kubectl to inspect the cluster, but I need more details.', 'no'],
    ['a reasoning block and nothing else', '<think>kubectl get pods might work</think>', 'no'],
    ['a reply cut off mid-reasoning', '<think>\nThey want pods, so kubectl get pods', 'no'],
    ['another program', 'helm list -A', 'no'],
    ['two lines each starting with kubectl', 'kubectl get pods\nkubectl get svc', 'several'],
    ['two commands chained with &&', 'kubectl get ns && kubectl get pods -A', 'several'],
    ['two commands chained with ;', 'kubectl get pods; kubectl delete pod web-0', 'several'],
    ['a command substitution running kubectl', 'kubectl logs $(kubectl get pods -o name | head -1)', 'several'],
    ['two alternatives offered inline', 'Use `kubectl get pods -A` or `kubectl get pods --all-namespaces -o wide`.', 'several'],
    ['two fenced blocks with different commands', '```\nkubectl get deploy\n```\nor\n```\nkubectl get rs\n```', 'several'],
  ])('rejects %s as LLM_OUTPUT_INVALID', (_case, raw, kind) => {
    const failure = failureOf(raw);
    expect(failure.code).toBe(LlmErrorCode.LLM_OUTPUT_INVALID);
    const expected = { no: /no kubectl command/, several: /several kubectl commands/, empty: /empty reply/ }[kind];
    expect(failure.message).toMatch(expected);
  });

  describe(`reading at most ${MAX_EXAMINED_REPLY_CHARS} characters`, () => {
    const filler = (length: number): string => `${'x'.repeat(length - 1)}\n`;

    it('finds a command in the first lines of a huge reply', () => {
      expect(extractKubectlCommand(`kubectl get pods -n dev\n${'blah '.repeat(200_000)}`)).toBe('kubectl get pods -n dev');
    });

    it('does not see a command past the limit, and says so', () => {
      const failure = failureOf(`${filler(MAX_EXAMINED_REPLY_CHARS)}kubectl get pods\n`);
      expect(failure.message).toMatch(/no kubectl command.*Only the first 16384 characters of the 16401-character reply were read/);
    });

    it('ignores a second command past the limit', () => {
      expect(extractKubectlCommand(`kubectl get pods\n${filler(MAX_EXAMINED_REPLY_CHARS)}kubectl delete ns prod\n`)).toBe('kubectl get pods');
    });

    it.each<[string, string]>([
      ['a line', 'kubectl get pods -l app=web'],
      ['a continued command', 'kubectl get pods \\\n  -l app=web'],
      ['a line ending in CRLF', 'kubectl get pods -l app=web\r\n'],
    ])('drops %s cut by the limit rather than read it short', (_case, command) => {
      const reply = `${filler(MAX_EXAMINED_REPLY_CHARS - 20)}${command}${' and more'.repeat(10)}`;
      expect(failureOf(reply).message).toMatch(/no kubectl command/);
    });

    it('reads a line that ends exactly at the limit', () => {
      const command = 'kubectl get pods';
      expect(extractKubectlCommand(`${filler(MAX_EXAMINED_REPLY_CHARS - command.length)}${command}\nmore`)).toBe(command);
    });

    it('answers a single giant line with no command', () => {
      expect(failureOf(`kubectl get pods ${'<think>'.repeat(40_000)}`).message).toMatch(/no kubectl command/);
    });

    it.each([
      ['12,000 distinct inline snippets', Array.from({ length: 12_000 }, (_, i) => `\`kubectl get pods p-${i}\``).join(' ')],
      ['a colon before kubectl, thousands of times, then a line separator', `${': kubectl get pods a '.repeat(20_000)}\u2028`],
      ['thousands of unclosed reasoning tags', '<think><thinking>'.repeat(20_000)],
      ['deeply nested fences', '```bash\n'.repeat(30_000)],
    ])('stays fast without the limit, on %s', (_case, reply) => {
      const startedAt = performance.now();
      const outcome = answerTo(reply);
      // Seconds to minutes before the scan was made linear; generous for a shared machine.
      expect(performance.now() - startedAt).toBeLessThan(1_000);
      expect(outcome).toEqual(expect.any(String));
    });
  });

  it('keeps the unusable reply for server logs, capped', () => {
    const reply = 'no idea '.repeat(1_000);
    const failure = failureOf(reply);
    expect(failure.modelReply).toBe(reply.slice(0, 2_000));
  });
});
