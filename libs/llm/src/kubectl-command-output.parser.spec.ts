import { AIMessage } from '@langchain/core/messages';
import { KubectlCommandOutputParser } from './kubectl-command-output.parser';
import { LlmErrorCode } from './llm.errors';

describe(KubectlCommandOutputParser.name, () => {
  const sut = new KubectlCommandOutputParser();

  it('extracts the command from the reply', async () => {
    const raw = '```bash\nkubectl get pods -n dev\n```';
    await expect(sut.invoke(new AIMessage(raw))).resolves.toEqual({ command: 'kubectl get pods -n dev', explanation: null, usage: null });
  });

  it.each<[string, AIMessage, { promptTokens: number; completionTokens: number; totalTokens: number } | null]>([
    [
      'usage_metadata',
      new AIMessage({ content: 'kubectl get pods', usage_metadata: { input_tokens: 120, output_tokens: 5, total_tokens: 125 } }),
      { promptTokens: 120, completionTokens: 5, totalTokens: 125 },
    ],
    [
      'response_metadata.tokenUsage',
      new AIMessage({ content: 'kubectl get pods', response_metadata: { tokenUsage: { promptTokens: 90, completionTokens: 4, totalTokens: 94 } } }),
      { promptTokens: 90, completionTokens: 4, totalTokens: 94 },
    ],
    [
      'a partial count, totalled',
      new AIMessage({ content: 'kubectl get pods', response_metadata: { tokenUsage: { promptTokens: 90, completionTokens: 4 } } }),
      { promptTokens: 90, completionTokens: 4, totalTokens: 94 },
    ],
    ['no usage at all', new AIMessage('kubectl get pods'), null],
  ])('reports token usage from %s', async (_case, message, usage) => {
    expect((await sut.invoke(message)).usage).toEqual(usage);
  });

  it('reads text out of content blocks', async () => {
    const message = new AIMessage({ content: [{ type: 'text', text: 'kubectl get nodes' }] });
    expect((await sut.invoke(message)).command).toBe('kubectl get nodes');
  });

  it('parses plain text too', async () => {
    await expect(sut.invoke('`kubectl get ns`')).resolves.toMatchObject({ command: 'kubectl get ns', usage: null });
  });

  it('rejects a generation list without choices as LLM_BAD_RESPONSE', async () => {
    await expect(sut.parseResult([])).rejects.toMatchObject({ code: LlmErrorCode.LLM_BAD_RESPONSE });
  });

  it('rejects a reply without a command as LLM_OUTPUT_INVALID', async () => {
    await expect(sut.invoke(new AIMessage('I cannot help with that.'))).rejects.toMatchObject({
      code: LlmErrorCode.LLM_OUTPUT_INVALID,
    });
  });
});
