import type { BaseMessage } from '@langchain/core/messages';
import { BaseOutputParser } from '@langchain/core/output_parsers';
import type { ChatGeneration, Generation } from '@langchain/core/outputs';
import { explanationOf } from './command-explanation';
import { extractKubectlCommand } from './kubectl-command.parser';
import { LlmError, LlmErrorCode } from './llm.errors';
import { tokenUsageOf, type TokenUsage } from './token-usage';

/** What the chain produces: the command, the model's one-sentence explanation of it, and what the call cost. */
export interface KubectlReply {
  command: string;
  explanation: string | null;
  usage: TokenUsage | null;
}

/**
 * Last step of the chain. It parses the whole chat generation rather than the bare text so the
 * provider's token usage survives the parsing step.
 */
export class KubectlCommandOutputParser extends BaseOutputParser<KubectlReply> {
  lc_namespace = ['kubectl_agent', 'output_parsers'];

  static override lc_name(): string {
    return 'KubectlCommandOutputParser';
  }

  override async parseResult(generations: Generation[] | ChatGeneration[]): Promise<KubectlReply> {
    const [first] = generations;
    if (!first) {
      throw new LlmError(LlmErrorCode.LLM_BAD_RESPONSE, 'The LLM endpoint answered without any choices.');
    }
    const message: BaseMessage | undefined = 'message' in first ? first.message : undefined;
    const reply = message ? message.text : first.text;
    return { command: extractKubectlCommand(reply), explanation: explanationOf(reply), usage: message ? tokenUsageOf(message) : null };
  }

  async parse(text: string): Promise<KubectlReply> {
    return { command: extractKubectlCommand(text), explanation: explanationOf(text), usage: null };
  }

  getFormatInstructions(): string {
    return 'Reply with exactly one kubectl command on a single line and nothing else.';
  }

  override _type(): string {
    return 'kubectl_command';
  }
}
