import type { TokenUsage } from './token-usage';

/** One kubectl command proposed by the LLM, not yet judged by the safety policy. */
export interface GeneratedCommand {
  /** The single command line extracted from the reply, trimmed. */
  command: string;
  /** One sentence from the model saying what the command does; null when the reply had none. */
  explanation: string | null;
  /** The configured model name. */
  model: string;
  usage: TokenUsage | null;
  /** How many calls to the endpoint it took (1 unless a transient fault was retried). */
  attempts?: number;
}
