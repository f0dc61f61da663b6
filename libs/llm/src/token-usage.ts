import type { BaseMessage } from '@langchain/core/messages';

/** Tokens the provider billed for one call, when it reported them. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

type Counts = Partial<Record<'prompt' | 'completion' | 'total', unknown>>;

function toUsage(counts: Counts): TokenUsage | null {
  const numeric = (value: unknown): number | undefined =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  const prompt = numeric(counts.prompt);
  const completion = numeric(counts.completion);
  const total = numeric(counts.total);
  if (prompt === undefined && completion === undefined && total === undefined) return null;
  return {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: total ?? (prompt ?? 0) + (completion ?? 0),
  };
}

/** Reads usage from a chat model's reply: `usage_metadata` first, then `response_metadata.tokenUsage`. */
export function tokenUsageOf(message: BaseMessage): TokenUsage | null {
  const metadata = (message as { usage_metadata?: Record<string, unknown> }).usage_metadata;
  const fromMetadata = metadata
    ? toUsage({ prompt: metadata.input_tokens, completion: metadata.output_tokens, total: metadata.total_tokens })
    : null;
  if (fromMetadata) return fromMetadata;
  const responseMetadata = message.response_metadata as Record<string, unknown> | undefined;
  const tokenUsage = responseMetadata?.tokenUsage;
  if (typeof tokenUsage !== 'object' || tokenUsage === null) return null;
  const fields = tokenUsage as Record<string, unknown>;
  return toUsage({ prompt: fields.promptTokens, completion: fields.completionTokens, total: fields.totalTokens });
}
