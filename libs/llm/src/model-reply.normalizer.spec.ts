import * as fc from 'fast-check';
import { continuesOnNextLine, stripReasoning, toLogicalLines } from './model-reply.normalizer';

/** The regular expressions stripReasoning replaced: right on every input, quadratic on some. */
function stripReasoningByRegex(text: string): string {
  return text
    .replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/^[\s\S]*<\/(?:think|thinking|reasoning)\s*>/i, '')
    .replace(/<(?:think|thinking|reasoning)>[\s\S]*$/i, '');
}

const TAG_SOUP = fc.string({
  unit: fc.constantFrom(
    '<think>', '</think>', '<THINK>', '</Think >', '<thinking>', '</thinking>', '<reasoning>', '</reasoning\n>',
    '<think >', '< think>', '<think', '</think', 'think>', 'kubectl get pods', ' ', '\n', 'x', '<', '>', '/',
  ),
  maxLength: 30,
});

describe(stripReasoning.name, () => {
  it.each<[string, string, string]>([
    ['a closed block', '<think>plan</think>kubectl get pods', 'kubectl get pods'],
    ['a block in capitals', '<THINK>plan</think>answer', 'answer'],
    ['a closing tag with spaces before >', '<reasoning>plan</reasoning  >answer', 'answer'],
    ['only a closing tag', 'half a thought</think>\nanswer', '\nanswer'],
    ['only an opening tag', 'answer<think>cut off', 'answer'],
    ['an opening tag with a space, which is no tag', '<think >answer', '<think >answer'],
    ['two blocks', '<think>a</think>b<thinking>c</thinking>d', 'bd'],
    ['a block of another name inside', '<think><reasoning>a</reasoning></think>b', 'b'],
    ['no tags at all', 'kubectl get nodes', 'kubectl get nodes'],
  ])('handles %s', (_case, input, expected) => {
    expect(stripReasoning(input)).toBe(expected);
  });

  it('removes exactly what the regular expressions it replaced removed', () => {
    fc.assert(fc.property(TAG_SOUP, (text) => stripReasoning(text) === stripReasoningByRegex(text)), { numRuns: 2_000 });
  });

  it('stays linear on thousands of unclosed tags', () => {
    const startedAt = performance.now();
    expect(stripReasoning(`${'<think><thinking></reasoning'.repeat(10_000)}kubectl`)).toBe('');
    // The replaced expressions took seconds here; generous for a shared machine.
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });
});

describe(continuesOnNextLine.name, () => {
  it.each<[string, boolean]>([
    ['kubectl get pods \\', true],
    ['kubectl get pods \\   ', true],
    ['kubectl get pods \\\\', false],
    ['kubectl get pods', false],
    ['', false],
  ])('%j continues: %s', (line, continues) => {
    expect(continuesOnNextLine(line)).toBe(continues);
  });
});

describe(toLogicalLines.name, () => {
  it('joins continued lines and unifies line endings', () => {
    expect(toLogicalLines('kubectl get pods \\\r\n  -n dev\rdone')).toEqual(['kubectl get pods -n dev', 'done']);
  });
});
