import { Logger } from '@nestjs/common';
import { KubectlCommandGenerator } from './kubectl-command.generator';
import { LlmError, LlmErrorCode } from './llm.errors';

const invoke = jest.fn();
jest.mock('./kubectl-chain', () => ({ createKubectlChain: () => ({ invoke }) }));

describe(`${KubectlCommandGenerator.name} failures`, () => {
  const API_KEY = 'sk-live-abcdefghijklmnop';
  let warn: jest.SpyInstance;
  const sut = () => new KubectlCommandGenerator({ model: 'm', timeoutMs: 5_000, apiKey: API_KEY, maxRetries: 0 });

  beforeEach(() => {
    invoke.mockReset();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('lets an error that points at no upstream fault through as it is, to be answered as a bug', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'content')");
    invoke.mockRejectedValue(bug);

    await expect(sut().generate('list pods')).rejects.toBe(bug);
  });

  it('logs a failure at warn with its cause and the model reply, secrets redacted', async () => {
    const reply = `Sure! Use ${API_KEY} and then: kubectl get pods; kubectl get svc`;
    invoke.mockRejectedValue(new LlmError(LlmErrorCode.LLM_OUTPUT_INVALID, 'several commands', { modelReply: reply, cause: new Error(`token=${API_KEY}`) }));

    await expect(sut().generate('list pods')).rejects.toMatchObject({ code: LlmErrorCode.LLM_OUTPUT_INVALID });

    expect(warn).toHaveBeenCalledTimes(1);
    const [line] = warn.mock.calls[0] as [Record<string, string>];
    expect(line).toMatchObject({ code: 'LLM_OUTPUT_INVALID', model_reply: expect.stringContaining('kubectl get pods'), cause: expect.stringContaining('token=') });
    expect(JSON.stringify(line)).not.toContain(API_KEY);
  });
});
