import { KubectlCommandGenerator } from './kubectl-command.generator';
import { LlmError, LlmErrorCode } from './llm.errors';

describe(KubectlCommandGenerator.name, () => {
  const base = { model: 'gpt-3.5-turbo', timeoutMs: 60_000 };

  it.each<[string, { apiKey?: string; baseUrl?: string }, boolean]>([
    ['an API key', { apiKey: 'sk-test' }, true],
    ['a base URL only', { baseUrl: 'http://localhost:11434/v1' }, true],
    ['both', { apiKey: 'sk-test', baseUrl: 'http://localhost:8000/v1' }, true],
    ['neither', {}, false],
    ['empty strings', { apiKey: '', baseUrl: '' }, false],
  ])('is configured with %s: %s', (_case, endpoint, configured) => {
    const sut = new KubectlCommandGenerator({ ...base, ...endpoint });
    expect(sut.configured).toBe(configured);
    expect(sut.model).toBe('gpt-3.5-turbo');
  });

  it('refuses to generate when not configured, naming both variables', async () => {
    const sut = new KubectlCommandGenerator(base);
    const failure = await sut.generate('list pods').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmError);
    expect(failure).toMatchObject({ code: LlmErrorCode.LLM_NOT_CONFIGURED });
    expect((failure as LlmError).message).toMatch(/OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an empty model', { model: ' ' }, /OPENAI_MODEL/],
    ['a zero timeout', { timeoutMs: 0 }, /LLM_TIMEOUT/],
    ['a fractional timeout', { timeoutMs: 1.5 }, /LLM_TIMEOUT/],
    ['negative retries', { maxRetries: -1 }, /maxRetries/],
    ['a zero token cap', { maxTokens: 0 }, /LLM_MAX_TOKENS/],
    ['a fractional token cap', { maxTokens: 1.5 }, /LLM_MAX_TOKENS/],
    ['a base URL that is not http(s)', { baseUrl: 'localhost:11434' }, /OPENAI_BASE_URL/],
  ])('rejects %s at construction', (_case, override, message) => {
    expect(() => new KubectlCommandGenerator({ ...base, apiKey: 'sk-test', ...override })).toThrow(message);
  });
});
