import type { Runnable } from '@langchain/core/runnables';
import { createKubectlChatModel } from './kubectl-chat.model';
import { KubectlCommandOutputParser, type KubectlReply } from './kubectl-command-output.parser';
import { createKubectlPrompt, type KubectlPromptInput } from './kubectl-prompt';
import type { LlmModuleOptions } from './llm.options';

export type KubectlChain = Runnable<KubectlPromptInput, KubectlReply>;

/** prompt template -> ChatOpenAI -> output parser. The only module that loads LangChain at run time. */
export function createKubectlChain(options: LlmModuleOptions): KubectlChain {
  return createKubectlPrompt().pipe(createKubectlChatModel(options)).pipe(new KubectlCommandOutputParser());
}
