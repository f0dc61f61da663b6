import { explanationOf, MAX_EXPLANATION_CHARS } from './command-explanation';

describe(explanationOf.name, () => {
  it.each([
    ['a JSON-schema reply', '{"command": "kubectl get pods -n prod", "explanation": "Lists the pods in prod."}', 'Lists the pods in prod.'],
    ['a plain two-line reply', 'kubectl get pods -n prod\nLists the pods in prod.', 'Lists the pods in prod.'],
    ['a labelled second line', 'kubectl get pods -n prod\n**Explanation:** Lists the pods in prod.', 'Lists the pods in prod.'],
    ['a fenced command with prose after it', '```bash\nkubectl get svc\n```\nShows the services of the current namespace.', 'Shows the services of the current namespace.'],
    ['a reasoning block before the answer', '<think>\nkubectl get nodes would do.\nok\n</think>\nkubectl get nodes\nLists the nodes.', 'Lists the nodes.'],
    ['CRLF line ends', 'kubectl get ns\r\nLists the namespaces.\r\n', 'Lists the namespaces.'],
  ])('reads %s', (_case, reply, explanation) => {
    expect(explanationOf(reply)).toBe(explanation);
  });

  it.each([
    ['a one-line reply', 'kubectl get pods -n prod'],
    ['a JSON reply without an explanation', '{"command": "kubectl get pods"}'],
    ['a reply without a command', 'I cannot help with that.'],
    ['an empty explanation', '{"command": "kubectl get pods", "explanation": "  "}'],
  ])('gives null for %s', (_case, reply) => {
    expect(explanationOf(reply)).toBeNull();
  });

  it('keeps one bounded line, without control characters or markdown', () => {
    const sut = explanationOf(`kubectl get pods\n**Lists** \`pods\`\u0007 ${'and more '.repeat(100)}`);
    expect(sut?.length).toBeLessThanOrEqual(MAX_EXPLANATION_CHARS);
    expect(sut).toMatch(/^Lists pods and more/);
    expect(sut).not.toMatch(/[\u0000-\u001f*`]/);
  });
});
