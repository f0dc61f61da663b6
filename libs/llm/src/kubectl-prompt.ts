import { SystemMessage } from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { KUBECTL_SYSTEM_PROMPT } from './kubectl-system-prompt';

/** Template variable that carries the user's request. */
export const QUERY_VARIABLE = 'query';

/**
 * System + human prompt. The system message is a fixed message, never templated, and the query is
 * only ever a variable value, so braces or instructions in a request cannot alter the rules.
 */
export function createKubectlPrompt(): ChatPromptTemplate<{ query: string }> {
  return ChatPromptTemplate.fromMessages<{ query: string }>([
    new SystemMessage(KUBECTL_SYSTEM_PROMPT),
    ['human', `{${QUERY_VARIABLE}}`],
  ]);
}
