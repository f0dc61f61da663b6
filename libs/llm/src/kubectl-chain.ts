import type { Runnable } from '@langchain/core/runnables';
import { createKubectlChatModel } from './kubectl-chat.model';
import { KubectlCommandOutputParser, type KubectlReply } from './kubectl-command-output.parser';
import { createKubectlPrompt, type KubectlPromptInput } from './kubectl-prompt';
import type { LlmModuleOptions } from './llm.options';

export type KubectlChain = Runnable<KubectlPromptInput, KubectlReply>;

/** The reply asked for where the endpoint takes a JSON schema (OpenAI, vLLM, recent Ollama). */
const KUBECTL_REPLY_FORMAT = {
  type: 'json_schema',
  json_schema: {
    name: 'kubectl_command',
    strict: true,
    schema: {
      type: 'object',
      properties: {
        command: { type: 'string', description: 'One kubectl command, starting with "kubectl".' },
        explanation: { type: 'string', description: 'One short sentence saying what the command does.' },
      },
      required: ['command', 'explanation'],
      additionalProperties: false,
    },
  },
} as const;

export interface KubectlChainOptions {
  /** Ask for a JSON-schema reply (`response_format`); the parser reads plain two-line replies either way. */
  readonly structured: boolean;
}

/** prompt template -> ChatOpenAI -> output parser. The only module that loads LangChain at run time. */
export function createKubectlChain(options: LlmModuleOptions, chain: KubectlChainOptions = { structured: false }): KubectlChain {
  // Added to the request below LangChain, which would otherwise insist on a JSON reply; our parser reads both.
  const model = createKubectlChatModel(options, chain.structured ? { response_format: KUBECTL_REPLY_FORMAT } : undefined);
  return createKubectlPrompt().pipe(model).pipe(new KubectlCommandOutputParser());
}
