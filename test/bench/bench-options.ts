/** Command-line settings of `npm run bench -- [options]`. */
export interface BenchOptions {
  /** Where to write the JSON results (bench-results*.json are git-ignored). */
  readonly out?: string;
  /** Seconds of load per side and round in the cached-generation comparison. */
  readonly durationSeconds: number;
  readonly connections: number;
  /** Rounds of the comparison; the order of the two sides alternates from round to round. */
  readonly rounds: number;
  /** Timed runs of each side in the execution-overhead comparison. */
  readonly executionRuns: number;
  readonly coldStarts: number;
  /** Seconds of uncached generations (every query new) while peak RSS is sampled. */
  readonly uncachedSeconds: number;
  /** The bench gives up (and stops everything) after this long. */
  readonly watchdogSeconds: number;
  /** RATE_LIMIT of the service: high, so the throttler runs but never refuses. */
  readonly rateLimit: string;
}

export const DEFAULT_BENCH_OPTIONS: BenchOptions = {
  durationSeconds: 10,
  connections: 10,
  rounds: 5,
  executionRuns: 30,
  coldStarts: 5,
  uncachedSeconds: 60,
  watchdogSeconds: 900,
  rateLimit: '100000000/minute',
};

const USAGE = `usage: npm run bench -- [--out bench-results.json] [--duration 10] [--connections 10] [--rounds 5]
                          [--exec-runs 30] [--cold-starts 5] [--uncached-seconds 60] [--watchdog 900] [--rate-limit 100000000/minute]`;

const NUMERIC_FLAGS: Record<string, [keyof BenchOptions, number, number]> = {
  '--duration': ['durationSeconds', 1, 120],
  '--connections': ['connections', 1, 200],
  '--rounds': ['rounds', 1, 10],
  '--exec-runs': ['executionRuns', 5, 500],
  '--cold-starts': ['coldStarts', 1, 30],
  '--uncached-seconds': ['uncachedSeconds', 5, 600],
  '--watchdog': ['watchdogSeconds', 60, 7_200],
};

/** Parses `--flag value` and `--flag=value`; throws with the usage text on anything else. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const options: Record<string, unknown> = { ...DEFAULT_BENCH_OPTIONS };
  const words = argv.flatMap((word) => (word.startsWith('--') && word.includes('=') ? word.split(/=(.*)/s, 2) : [word]));
  for (let i = 0; i < words.length; i += 2) {
    const [flag, value] = [words[i], words[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    if (flag === '--out' || flag === '--rate-limit') {
      options[flag === '--out' ? 'out' : 'rateLimit'] = value;
      continue;
    }
    const numeric = NUMERIC_FLAGS[flag];
    if (!numeric) throw new Error(`unknown option ${flag}\n${USAGE}`);
    const [name, min, max] = numeric;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new Error(`${flag} must be a whole number from ${min} to ${max}\n${USAGE}`);
    options[name] = parsed;
  }
  return options as unknown as BenchOptions;
}
