/** Command-line options of `npm run eval`. */
import { resolve } from 'node:path';

export const BUNDLED_TASKS = resolve(__dirname, 'tasks/bundled-tasks.yaml');

export type EvalCommand =
  | { readonly kind: 'run'; readonly tasks: string; readonly runs: number; readonly concurrency: number; readonly out: string | null; readonly filter: string | null }
  | { readonly kind: 'compare'; readonly a: string; readonly b: string }
  | { readonly kind: 'help' };

export const USAGE = 'usage: npm run eval -- [--tasks FILE] [--runs N] [--concurrency N] [--out FILE] [--filter CATEGORY] | --compare A.json B.json';

/** A bad command line; the message is one line. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positive(flag: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!raw || !Number.isInteger(value) || value < 1 || value > max) throw new UsageError(`${flag} needs a whole number from 1 to ${max}, got ${raw ?? 'nothing'}`);
  return value;
}

export function parseEvalArgs(argv: readonly string[]): EvalCommand {
  const words = [...argv];
  let tasks = BUNDLED_TASKS;
  let runs = 1;
  let concurrency = 2;
  let out: string | null = null;
  let filter: string | null = null;
  const value = (flag: string, inline: string | undefined): string => {
    const found = inline ?? words.shift();
    if (found === undefined || found === '') throw new UsageError(`${flag} needs a value`);
    return found;
  };
  while (words.length > 0) {
    const word = words.shift() as string;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--compare': {
        const a = value(flag, inline);
        const b = words.shift();
        if (!b || words.length > 0) throw new UsageError('--compare takes exactly two report files');
        return { kind: 'compare', a, b };
      }
      case '--tasks':
        tasks = resolve(value(flag, inline));
        break;
      case '--runs':
        runs = positive(flag, value(flag, inline), 100);
        break;
      case '--concurrency':
        concurrency = positive(flag, value(flag, inline), 32);
        break;
      case '--out':
        out = resolve(value(flag, inline));
        break;
      case '--filter':
        filter = value(flag, inline);
        break;
      default:
        throw new UsageError(`unknown argument ${JSON.stringify(word)}`);
    }
  }
  return { kind: 'run', tasks, runs, concurrency, out, filter };
}
