/** How to reach the LLM. Fed from OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, LLM_TIMEOUT and LLM_MAX_TOKENS. */
export interface LlmModuleOptions {
  /** Bearer key; optional for servers that need none (Ollama, a local vLLM). */
  apiKey?: string;
  /** Any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1; defaults to OpenAI. */
  baseUrl?: string;
  model: string;
  /** Budget for one generate() call, retries and backoff included. */
  timeoutMs: number;
  /** Extra attempts after a transient fault (429, 5xx, connection error); default 2. */
  maxRetries?: number;
  /**
   * Cap on the tokens of one reply, so that no reply is long; default 512. Sent as `max_tokens`,
   * which OpenAI-compatible servers (Ollama, vLLM) know, or as `max_completion_tokens` for OpenAI's
   * reasoning models (o1, o3, gpt-5…), which reject `max_tokens` and count their hidden reasoning in it.
   */
  maxTokens?: number;
}

export const DEFAULT_LLM_MAX_RETRIES = 2;
export const DEFAULT_LLM_MAX_TOKENS = 512;
export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Sent when only a base URL is configured: the SDK insists on a key, keyless servers ignore it. */
export const PLACEHOLDER_API_KEY = 'not-needed';

/** Checks options once, at construction, with messages that name the setting. */
export function validateLlmOptions(options: LlmModuleOptions): void {
  if (!options.model?.trim()) throw new Error('LLM option "model" (OPENAI_MODEL) must not be empty');
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs <= 0) {
    throw new Error(`LLM option "timeoutMs" (LLM_TIMEOUT) must be a positive whole number of ms, got ${options.timeoutMs}`);
  }
  const retries = options.maxRetries ?? DEFAULT_LLM_MAX_RETRIES;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    throw new Error(`LLM option "maxRetries" must be a whole number from 0 to 10, got ${retries}`);
  }
  const maxTokens = options.maxTokens ?? DEFAULT_LLM_MAX_TOKENS;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new Error(`LLM option "maxTokens" (LLM_MAX_TOKENS) must be a positive whole number, got ${maxTokens}`);
  }
  if (options.baseUrl && !/^https?:\/\/[^\s/]+/i.test(options.baseUrl)) {
    throw new Error('LLM option "baseUrl" (OPENAI_BASE_URL) must be an http(s) URL');
  }
}
