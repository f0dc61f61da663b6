import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { Attributes, SPAN_NAMES, Span, traced } from '@app/tracing';
import type { GeneratedCommand } from './generated-command';
import type { KubectlChain } from './kubectl-chain';
import { InjectLlmOptions } from './llm.constants';
import { LlmError, LlmErrorCode } from './llm.errors';
import { timeoutError, toLlmError } from './llm-error.mapper';
import { DEFAULT_LLM_MAX_RETRIES, type LlmModuleOptions, validateLlmOptions } from './llm.options';
import { planRetry } from './llm-retry.policy';
import { llmSpanAttributes, recordFailure, recordGeneration, recordRetry } from './llm-span';
import { redactSecrets } from './secret.redactor';

/** Enough of a cause or a reply to diagnose it, without flooding the log. */
const MAX_LOGGED_CHARS = 2_000;

export interface GenerateOptions {
  /** What is known about the cluster, for the system message (see kubectlSystemMessage). */
  readonly context?: string;
}

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
  private readonly chains = new Map<boolean, Promise<KubectlChain>>();
  /** Ask for a JSON-schema reply until the endpoint shows it does not take response_format. */
  private structured = true;
  private readonly spanAttributes: Attributes;

  constructor(@InjectLlmOptions() private readonly options: LlmModuleOptions) {
    validateLlmOptions(options);
    this.model = options.model;
    this.timeoutMs = options.timeoutMs;
    this.maxRetries = options.maxRetries ?? DEFAULT_LLM_MAX_RETRIES;
    this.secrets = [options.apiKey];
    this.configured = Boolean(options.apiKey || options.baseUrl);
    this.spanAttributes = llmSpanAttributes(options);
  }

  /**
   * Loads LangChain and builds the chain ahead of the first request. LangChain takes a good part
   * of a second to load, so the service loads it after it starts listening rather than before.
   */
  async warmUp(): Promise<void> {
    if (this.configured) await this.loadChain(this.structured);
  }

  private loadChain(structured: boolean): Promise<KubectlChain> {
    let chain = this.chains.get(structured);
    if (!chain) {
      chain = import('./kubectl-chain')
        .then(({ createKubectlChain }) => createKubectlChain(this.options, { structured }))
        .catch((error: unknown) => {
          this.chains.delete(structured); // a failed load is tried again by the next caller
          throw error;
        });
      this.chains.set(structured, chain);
    }
    return chain;
  }

  /**
   * Servers that do not know `response_format` (or JSON schemas) answer 400 or 422: from then on
   * this generator asks for the plain two-line reply instead, which every model can give.
   */
  private dropsStructuredOutput(failure: LlmError): boolean {
    const refused = failure.code === LlmErrorCode.LLM_UPSTREAM_ERROR && (failure.upstreamStatus === 400 || failure.upstreamStatus === 422);
    if (!this.structured || !refused) return false;
    this.structured = false;
    this.logger.warn(`The LLM endpoint refused a JSON-schema reply (${failure.upstreamStatus}); asking for plain text from now on.`);
    return true;
  }

  /**
   * Asks the model for one command. The whole call, retries and backoff included, is bounded by
   * timeoutMs: the deadline signal aborts the HTTP request in flight, so a hung upstream is dropped.
   * Traced as one `llm.generate` span, retries included.
   * @throws LlmError with one of the LlmErrorCode values.
   */
  generate(query: string, options: GenerateOptions = {}): Promise<GeneratedCommand> {
    return traced(SPAN_NAMES.LLM_GENERATE, { kind: 'client', attributes: this.spanAttributes }, async (span) => {
      const generated = await this.attempt(query, options, span);
      recordGeneration(span, generated);
      return generated;
    });
  }

  private async attempt(query: string, options: GenerateOptions, span: Span): Promise<GeneratedCommand> {
    if (!this.configured) {
      throw new LlmError(
        LlmErrorCode.LLM_NOT_CONFIGURED,
        'No LLM endpoint is configured: set OPENAI_API_KEY (for OpenAI) or OPENAI_BASE_URL (for an OpenAI-compatible server such as Ollama or vLLM).',
      );
    }
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const startedAt = performance.now();
    for (let attempt = 1; ; attempt++) {
      const chain = await this.loadChain(this.structured);
      try {
        const reply = await chain.invoke({ query, context: options.context }, { signal: deadline });
        return { ...reply, model: this.model, attempts: attempt };
      } catch (error) {
        const failure = toLlmError(error, { timeoutMs: this.timeoutMs, deadline, secrets: this.secrets });
        if (!failure) throw error;
        if (this.dropsStructuredOutput(failure)) continue;
        const remainingMs = this.timeoutMs - (performance.now() - startedAt);
        const delayMs = planRetry(failure, attempt, { maxRetries: this.maxRetries, remainingMs });
        if (delayMs === null) {
          this.logFailure(failure, attempt);
          recordFailure(span, failure, attempt);
          throw failure;
        }
        this.logger.warn(`LLM attempt ${attempt} failed (${failure.code}): ${failure.message} Retrying in ${delayMs} ms.`);
        recordRetry(span, failure, attempt, delayMs);
        await this.pause(delayMs, deadline, failure).catch((timeout: LlmError) => {
          recordFailure(span, timeout, attempt);
          throw timeout;
        });
      }
    }
  }

  /** The cause and the unusable reply stay in the server log, secrets redacted; clients get the message. */
  private logFailure(failure: LlmError, attempts: number): void {
    const cause = failure.cause instanceof Error ? `${failure.cause.name}: ${failure.cause.message}` : failure.cause;
    this.logger.warn({
      msg: `LLM call failed after ${attempts} attempt(s) (${failure.code}): ${failure.message}`,
      code: failure.code,
      ...(cause === undefined ? {} : { cause: excerpt(String(cause), this.secrets) }),
      ...(failure.modelReply === undefined ? {} : { model_reply: excerpt(failure.modelReply, this.secrets) }),
    });
  }

  private async pause(delayMs: number, deadline: AbortSignal, lastFailure: LlmError): Promise<void> {
    try {
      await sleep(delayMs, undefined, { signal: deadline });
    } catch {
      throw timeoutError(lastFailure, this.timeoutMs);
    }
  }
}

/** Redacts a little more than is kept, so a secret cut at the edge is still caught whole. */
function excerpt(text: string, secrets: readonly (string | undefined)[]): string {
  return redactSecrets(text.slice(0, 2 * MAX_LOGGED_CHARS), secrets).slice(0, MAX_LOGGED_CHARS);
}
