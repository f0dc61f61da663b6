import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { ChatOpenAI } from '@langchain/openai';
import { LlmError, LlmErrorCode } from './llm.errors';
import { DEFAULT_LLM_MAX_TOKENS, type LlmModuleOptions, OPENAI_DEFAULT_BASE_URL, PLACEHOLDER_API_KEY } from './llm.options';

// OpenAI's reasoning models (o1, o3, gpt-5…) reject any temperature but the default.
const FIXED_TEMPERATURE_MODEL = /^(o\d|gpt-5(?!-chat))/;

/**
 * ChatOpenAI that reports an answer without choices (empty `choices`, a non-JSON body, an HTML page)
 * as LLM_BAD_RESPONSE; stock LangChain fails on it with a TypeError deep inside invoke().
 */
export class KubectlChatModel extends ChatOpenAI {
  static override lc_name(): string {
    return 'KubectlChatModel';
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const result = await super._generate(messages, options, runManager);
    if (result.generations.length === 0) {
      throw new LlmError(
        LlmErrorCode.LLM_BAD_RESPONSE,
        'The LLM endpoint answered without any choices: check that OPENAI_BASE_URL is an OpenAI-compatible API (usually ending in /v1).',
      );
    }
    return result;
  }
}

/**
 * Builds the chat model. Every setting is passed explicitly so ChatOpenAI never falls back to
 * OPENAI_* or LANGSMITH_* variables of its own: configuration is read in one place, by the app.
 * LangChain retries are off (maxRetries 0) because KubectlCommandGenerator retries within its deadline.
 */
export function createKubectlChatModel(options: LlmModuleOptions, requestFields?: Record<string, unknown>): KubectlChatModel {
  return new KubectlChatModel({
    model: options.model,
    apiKey: options.apiKey || PLACEHOLDER_API_KEY,
    temperature: FIXED_TEMPERATURE_MODEL.test(options.model) ? undefined : 0,
    timeout: options.timeoutMs,
    // A bounded reply is also a bounded parse; LangChain picks max_tokens or max_completion_tokens by model.
    maxTokens: options.maxTokens ?? DEFAULT_LLM_MAX_TOKENS,
    maxRetries: 0,
    streaming: false,
    configuration: {
      baseURL: options.baseUrl || OPENAI_DEFAULT_BASE_URL,
      ...(requestFields ? { fetch: addingToRequests(requestFields) } : {}),
    },
  });
}

/**
 * A fetch that adds `fields` to each JSON request body. Fields LangChain is given it also acts on
 * (a `response_format` with a JSON schema makes it parse the reply as JSON, failing on the many
 * models that answer in plain text anyway); added here, they reach the server and nothing else.
 */
function addingToRequests(fields: Record<string, unknown>): typeof fetch {
  return (input, init) => {
    if (typeof init?.body !== 'string') return fetch(input, init);
    let body: unknown;
    try {
      body = JSON.parse(init.body);
    } catch {
      return fetch(input, init);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fetch(input, init);
    return fetch(input, { ...init, body: JSON.stringify({ ...body, ...fields }) });
  };
}
