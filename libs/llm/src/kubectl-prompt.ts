import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { KUBECTL_SYSTEM_PROMPT } from './kubectl-system-prompt';

/** What one generation sends: the user's request and, optionally, what is known about the cluster. */
export interface KubectlPromptInput {
  readonly query: string;
  /** A block appended to the system message (the cluster's resource types and namespaces); never the request. */
  readonly context?: string;
}

/** The system message: the fixed rules, then the per-call cluster context when there is one. */
export function kubectlSystemMessage(context?: string): string {
  return context ? `${KUBECTL_SYSTEM_PROMPT}\n\n${context}` : KUBECTL_SYSTEM_PROMPT;
}

/**
 * System + human messages, built directly rather than from a template: neither the rules, nor the
 * context, nor the query is ever interpreted, so braces or instructions in a request alter nothing.
 * The request travels only in the human message.
 */
export function createKubectlPrompt(): RunnableLambda<KubectlPromptInput, BaseMessage[]> {
  return RunnableLambda.from((input: KubectlPromptInput): BaseMessage[] => [
    new SystemMessage(kubectlSystemMessage(input.context)),
    new HumanMessage(input.query),
  ]);
}
