import { Attributes, ATTRIBUTES, markFailed, Span } from '@app/tracing';
import type { GeneratedCommand } from './generated-command';
import { DEFAULT_LLM_MAX_TOKENS, type LlmModuleOptions, OPENAI_DEFAULT_BASE_URL } from './llm.options';
import { LlmError } from './llm.errors';

/**
 * The attributes an `llm.generate` span starts with, after the GenAI semantic conventions: the
 * operation, provider, model and reply cap, and the endpoint's host and port (never its key, path
 * or any user info in the URL). The prompt and the reply are not recorded.
 */
export function llmSpanAttributes(options: LlmModuleOptions): Attributes {
  return {
    [ATTRIBUTES.GEN_AI_OPERATION]: 'chat',
    [ATTRIBUTES.GEN_AI_PROVIDER]: 'openai',
    [ATTRIBUTES.GEN_AI_SYSTEM]: 'openai',
    [ATTRIBUTES.GEN_AI_REQUEST_MODEL]: options.model,
    [ATTRIBUTES.GEN_AI_REQUEST_MAX_TOKENS]: options.maxTokens ?? DEFAULT_LLM_MAX_TOKENS,
    ...serverAttributes(options.baseUrl ?? OPENAI_DEFAULT_BASE_URL),
  };
}

function serverAttributes(baseUrl: string): Attributes {
  let endpoint: URL;
  try {
    endpoint = new URL(baseUrl);
  } catch {
    return {};
  }
  const port = endpoint.port ? Number(endpoint.port) : endpoint.protocol === 'https:' ? 443 : 80;
  return { [ATTRIBUTES.SERVER_ADDRESS]: endpoint.hostname, [ATTRIBUTES.SERVER_PORT]: port };
}

/** Attempts and the tokens the provider reported, when it did. */
export function recordGeneration(span: Span, generated: GeneratedCommand): void {
  span.setAttribute(ATTRIBUTES.LLM_ATTEMPTS, generated.attempts ?? 1);
  if (!generated.usage) return;
  span.setAttributes({
    [ATTRIBUTES.GEN_AI_INPUT_TOKENS]: generated.usage.promptTokens,
    [ATTRIBUTES.GEN_AI_OUTPUT_TOKENS]: generated.usage.completionTokens,
  });
}

/** A failed call: its stable code only (the message may quote the upstream's body). */
export function recordFailure(span: Span, failure: LlmError, attempts: number): void {
  span.setAttribute(ATTRIBUTES.LLM_ATTEMPTS, attempts);
  markFailed(span, failure.code);
}

/** One event per retried attempt: which attempt, why (a code) and how long the pause. */
export function recordRetry(span: Span, failure: LlmError, attempt: number, delayMs: number): void {
  span.addEvent('llm.retry', { [ATTRIBUTES.LLM_ATTEMPTS]: attempt, [ATTRIBUTES.ERROR_TYPE]: failure.code, 'llm.retry_delay_ms': delayMs });
}
