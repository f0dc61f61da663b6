import { MAX_UPSTREAM_DETAIL_LENGTH, redactSecrets, summarizeUpstreamDetail } from './secret.redactor';

describe(redactSecrets.name, () => {
  it.each<[string, string, string]>([
    ['an OpenAI key', 'Incorrect API key provided: sk-proj-abcDEF123456.', 'Incorrect API key provided: [redacted].'],
    ['a masked OpenAI key', 'key sk-abc***************xyz rejected', 'key [redacted] rejected'],
    ['a bearer header', 'Authorization: Bearer abc.def.ghi', 'Authorization: Bearer [redacted]'],
    ['a key assignment', 'api_key=hunter2hunter2 is invalid', 'api_key=[redacted] is invalid'],
    ['a JSON token field', '{"token": "abc123"}', '{"token": "[redacted]"}'],
    ['a provider-prefixed key', 'gsk_live1234567 denied', '[redacted] denied'],
    ['a long opaque token', `id ${'A1b2'.repeat(10)} unknown`, 'id [redacted] unknown'],
    ['ordinary text', 'The model `llama3` does not exist', 'The model `llama3` does not exist'],
  ])('removes %s', (_case, input, expected) => {
    expect(redactSecrets(input)).toBe(expected);
  });

  it('removes a configured secret even when it looks harmless', () => {
    expect(redactSecrets('you sent ollama-local-pw', ['ollama-local-pw'])).toBe('you sent [redacted]');
  });
});

describe(summarizeUpstreamDetail.name, () => {
  it('flattens to one line and caps the length', () => {
    const summary = summarizeUpstreamDetail(`line one\nline two\t${'word '.repeat(200)}`);
    expect(summary).not.toMatch(/[\n\t]/);
    expect(summary?.length).toBeLessThanOrEqual(MAX_UPSTREAM_DETAIL_LENGTH);
    expect(summary?.endsWith('…')).toBe(true);
  });

  it('returns undefined when there is nothing to say', () => {
    expect(summarizeUpstreamDetail(undefined)).toBeUndefined();
    expect(summarizeUpstreamDetail(' \n ')).toBeUndefined();
  });
});
