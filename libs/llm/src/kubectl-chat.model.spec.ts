import { createKubectlChatModel } from './kubectl-chat.model';
import { OPENAI_DEFAULT_BASE_URL, PLACEHOLDER_API_KEY } from './llm.options';

describe(createKubectlChatModel.name, () => {
  const base = { model: 'gpt-3.5-turbo', timeoutMs: 60_000 };

  it('asks for deterministic answers under the configured timeout', () => {
    const sut = createKubectlChatModel({ ...base, apiKey: 'sk-test' });
    expect(sut.temperature).toBe(0);
    expect(sut.timeout).toBe(60_000);
    expect(sut.model).toBe('gpt-3.5-turbo');
    expect(sut.apiKey).toBe('sk-test');
  });

  it('talks to any OpenAI-compatible base URL', () => {
    const sut = createKubectlChatModel({ ...base, apiKey: 'sk-test', baseUrl: 'http://localhost:11434/v1' });
    expect(sut.clientConfig.baseURL).toBe('http://localhost:11434/v1');
  });

  it('sends a placeholder key to keyless servers such as Ollama', () => {
    const sut = createKubectlChatModel({ ...base, baseUrl: 'http://localhost:11434/v1' });
    expect(sut.apiKey).toBe(PLACEHOLDER_API_KEY);
  });

  it('ignores OPENAI_* variables: configuration comes from the options only', () => {
    const saved = { url: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
    process.env.OPENAI_BASE_URL = 'http://elsewhere.invalid/v1';
    process.env.OPENAI_API_KEY = 'sk-from-env';
    try {
      const sut = createKubectlChatModel({ ...base, baseUrl: undefined, apiKey: 'sk-test' });
      expect(sut.clientConfig.baseURL).toBe(OPENAI_DEFAULT_BASE_URL);
      expect(sut.apiKey).toBe('sk-test');
    } finally {
      for (const [name, value] of [['OPENAI_BASE_URL', saved.url], ['OPENAI_API_KEY', saved.key]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('caps the reply at 512 tokens unless told otherwise', () => {
    expect(createKubectlChatModel({ ...base, apiKey: 'sk-test' }).maxTokens).toBe(512);
    expect(createKubectlChatModel({ ...base, apiKey: 'sk-test', maxTokens: 2_048 }).maxTokens).toBe(2_048);
  });

  it.each<[string, string, string]>([
    ['llama3.1', 'max_tokens', 'max_completion_tokens'],
    ['gpt-4o', 'max_tokens', 'max_completion_tokens'],
    ['gpt-5-chat-latest', 'max_tokens', 'max_completion_tokens'],
    ['o3-mini', 'max_completion_tokens', 'max_tokens'],
    ['gpt-5-mini', 'max_completion_tokens', 'max_tokens'],
  ])('sends the cap for %s as %s only', (model, sent, absent) => {
    const params = createKubectlChatModel({ ...base, model, apiKey: 'sk-test', maxTokens: 300 }).invocationParams() as Record<string, unknown>;
    expect(params[sent]).toBe(300);
    expect(params[absent]).toBeUndefined();
  });

  it.each(['o1-mini', 'o3', 'gpt-5', 'gpt-5-mini'])('leaves the temperature to reasoning model %s', (model) => {
    expect(createKubectlChatModel({ ...base, model, apiKey: 'sk-test' }).temperature).toBeUndefined();
  });

  it.each(['gpt-4o', 'gpt-5-chat-latest', 'llama3.1', 'deepseek-chat'])('pins temperature 0 for %s', (model) => {
    expect(createKubectlChatModel({ ...base, model, apiKey: 'sk-test' }).temperature).toBe(0);
  });
});
