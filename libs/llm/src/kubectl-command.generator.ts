import { setTimeout as sleep } from 'node:timers/promises';
import type { Runnable } from '@langchain/core/runnables';
import { Injectable, Logger } from '@nestjs/common';
import type { GeneratedCommand } from './generated-command';
import { createKubectlChatModel } from './kubectl-chat.model';
import { KubectlCommandOutputParser, type KubectlReply } from './kubectl-command-output.parser';
import { createKubectlPrompt } from './kubectl-prompt';
import { InjectLlmOptions } from './llm.constants';
import { LlmError, LlmErrorCode } from './llm.errors';
import { timeoutError, toLlmError } from './llm-error.mapper';
import { DEFAULT_LLM_MAX_RETRIES, type LlmModuleOptions, validateLlmOptions } from './llm.options';
import { planRetry } from './llm-retry.policy';

/** Turns a plain-language request into exactly one kubectl command with a LangChain chain. */
@Injectable()
export class KubectlCommandGenerator {
  /** False when neither an API key nor a base URL is set; generate() then always fails. */
  readonly configured: boolean;
  readonly model: string;
  private readonly logger = new Logger(KubectlCommandGenerator.name);
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly secrets: readonly (string | undefined)[];
  private readonly chain: Runnable<{ query: string }, KubectlReply> | null;

  constructor(@InjectLlmOptions() options: LlmModuleOptions) {
    validateLlmOptions(options);
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.maxRetries = options.maxRetries ?? DEFAULT_LLM_MAX_RETRIES;
    this.secrets = [options.apiKey];
    this.configured = Boolean(options.apiKey || options.baseUrl);
    this.chain = this.configured
      ? createKubectlPrompt().pipe(createKubectlChatModel(options)).pipe(new KubectlCommandOutputParser())
      : null;
  }

  /**
   * Asks the model for one command. The whole call, retries and backoff included, is bounded by
   * timeoutMs: the deadline signal aborts the HTTP request in flight, so a hung upstream is dropped.
   * @throws LlmError with one of the LlmErrorCode values.
   */
  async generate(query: string): Promise<GeneratedCommand> {
    if (!this.chain) {
      throw new LlmError(
        LlmErrorCode.LLM_NOT_CONFIGURED,
        'No LLM endpoint is configured: set OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama or vLLM).',
      );
    }
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const startedAt = performance.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = await this.chain.invoke({ query }, { signal: deadline });
        return { ...reply, model: this.model, attempts: attempt };
      } catch (error) {
        const failure = toLlmError(error, { timeoutMs: this.timeoutMs, deadline, secrets: this.secrets });
        const remainingMs = this.timeoutMs - (performance.now() - startedAt);
        const delayMs = planRetry(failure, attempt, { maxRetries: this.maxRetries, remainingMs });
        if (delayMs === null) throw failure;
        this.logger.warn(`LLM attempt ${attempt} failed (${failure.code}): ${failure.message} Retrying in ${delayMs} ms.`);
        await this.pause(delayMs, deadline, failure);
      }
    }
  }

  private async pause(delayMs: number, deadline: AbortSignal, lastFailure: LlmError): Promise<void> {
    try {
      await sleep(delayMs, undefined, { signal: deadline });
    } catch {
      throw timeoutError(lastFailure, this.timeoutMs);
    }
  }
}
