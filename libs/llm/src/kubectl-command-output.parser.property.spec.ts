import { AIMessage } from '@langchain/core/messages';
import * as fc from 'fast-check';
import { KubectlCommandOutputParser } from './kubectl-command-output.parser';
import { LlmError } from './llm.errors';

/** The whole service shares one event loop: no reply may hold it longer than this. */
const MAX_BLOCKING_MS = 50;
const MAX_REPLY_CHARS = 1_048_576;

const PIECES = [
  '`kubectl get pods`', '`kubectl get pods -n ', '`', '``', '```', '```bash\n', '~~~sh\n', '```\n', 'kubectl ', 'kubectl get pods -n dev',
  '\n', '\r\n', ' ', '\t', ': ', ': kubectl get ', '<think>', '</think>', '<thinking >', '\\\n', '\\', '$ ', '> ', 'PS C:\\> ',
  '- ', '1. ', '**', '__', '"', "'", '“', '.', '. A', '&& ', '| ', '; ', '$(', '#', '\u2028', '\u00a0', '\u200b', 'é', '🙂',
  'İ', '{"command": "kubectl get ns"}', '{', '}',
];

interface Reply {
  readonly text: string;
  readonly [fc.toStringMethod]: () => string;
}

/**
 * Reports a failing reply by its length and opening, not a megabyte of text. The text goes through
 * JSON as a real reply does, so it is one flat string rather than the rope `repeat` builds.
 */
const asReply = (built: string): Reply => {
  const text = JSON.parse(JSON.stringify(built)) as string;
  return { text, [fc.toStringMethod]: () => `${text.length} chars: ${JSON.stringify(text.slice(0, 120))}…` };
};

const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.nat().map(String));

/** A short pattern of adversarial pieces repeated up to 1 MiB: many snippets, backticks, long lines, unicode. */
const repeatedPattern = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: MAX_REPLY_CHARS }))
  .map(([pieces, length]) => {
    const pattern = pieces.join('') || '`';
    return asReply(pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length));
  });

/** Thousands of distinct commands, so that nothing can be de-duplicated away. */
const distinctSnippets = fc
  .tuple(fc.integer({ min: 1, max: 40_000 }), fc.constantFrom(' ', '\n', ', or ', '\n\n'), fc.constantFrom('`', '', '```\n'))
  .map(([count, separator, quote]) =>
    asReply(Array.from({ length: count }, (_, i) => `${quote}kubectl get pods pod-${i}${quote}`).join(separator).slice(0, MAX_REPLY_CHARS)),
  );

describe(`${KubectlCommandOutputParser.name} on adversarial replies`, () => {
  const sut = new KubectlCommandOutputParser();

  /** Runs the parser's synchronous work and returns how long it held the event loop. */
  async function blockingMsOf(reply: string): Promise<number> {
    const message = new AIMessage(reply);
    const startedAt = performance.now();
    const parsed = sut.parseResult([{ text: reply, message }]);
    const blockedMs = performance.now() - startedAt;
    // Every reply is answered: a command, or LLM_OUTPUT_INVALID; never another error.
    await parsed.catch((error: unknown) => {
      if (!(error instanceof LlmError)) throw error;
    });
    return blockedMs;
  }

  /** The best of three runs: a garbage collection of the test runner's heap can land in any one of them. */
  async function fastestBlockingMsOf(reply: string): Promise<number> {
    const runs = [await blockingMsOf(reply), await blockingMsOf(reply), await blockingMsOf(reply)];
    return Math.min(...runs);
  }

  beforeAll(async () => {
    await blockingMsOf('kubectl get pods'); // compiled before it is timed
  });

  it.each([
    ['repeated adversarial patterns', repeatedPattern],
    ['thousands of distinct snippets', distinctSnippets],
  ])(`holds the event loop under ${MAX_BLOCKING_MS} ms for replies up to 1 MiB made of %s`, async (_case, replies) => {
    await fc.assert(
      fc.asyncProperty(replies, async (reply) => {
        expect(await fastestBlockingMsOf(reply.text)).toBeLessThan(MAX_BLOCKING_MS);
      }),
      // Shrinking would re-time megabyte replies for minutes; the first failure says enough.
      { numRuns: 60, endOnFailure: true },
    );
  });
});
