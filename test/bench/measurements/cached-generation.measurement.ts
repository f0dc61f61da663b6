import { join } from 'node:path';
import { postJson } from '../../faults/support/loopback-client';
import { BENCH_API_KEY, BenchContext } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { LoadResult, LoadSpec, runLoad } from '../load-runner';
import { PeakRssSampler, toMiB } from '../process-memory';
import { SpawnedServer, spawnServer } from '../spawned-server';
import { median } from './statistics';

const QUERY = 'list the pods in the default namespace';
/** Both sides run this long before the measured rounds, so V8 has optimised their hot paths. */
const WARM_UP_SECONDS = 5;
export const RSS_TARGET_MIB = 200;

type Side = 'service' | 'bare';

/**
 * (a) A cached POST /kubectl-command through the whole stack (API key, throttler, validation,
 * cache, metrics, audit) against a bare Express route answering the same JSON, both in their own
 * processes, same connections and duration, the order alternating by round. Also (d, first half):
 * the service's peak RSS under that load.
 */
export async function measureCachedGeneration(context: BenchContext, service: SpawnedServer): Promise<Measured> {
  const { options } = context;
  const answer = await cachedAnswer(service);
  const bare = await spawnServer(['-r', 'ts-node/register/transpile-only', join(__dirname, '..', 'bare-express.server.ts')], {
    PATH: process.env.PATH ?? '',
    BENCH_BODY: answer,
  });
  context.resources.add(`bare Express (pid ${bare.pid})`, () => bare.stop());
  await bare.waitUntilHealthy('/health', 30_000);

  const body = JSON.stringify({ query: QUERY });
  const load = (side: Side, durationSeconds: number): LoadSpec => ({
    url: `${side === 'service' ? service.url : bare.url}/kubectl-command`,
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY },
    body,
    connections: options.connections,
    durationSeconds,
  });

  await runLoad(load('service', WARM_UP_SECONDS));
  await runLoad(load('bare', WARM_UP_SECONDS));

  const rounds: Array<Record<Side, LoadResult>> = [];
  let peakRss = { peakBytes: 0, method: '' };
  for (let round = 0; round < options.rounds; round++) {
    const order: Side[] = round % 2 === 0 ? ['service', 'bare'] : ['bare', 'service'];
    const results = {} as Record<Side, LoadResult>;
    for (const side of order) {
      const sampler = side === 'service' ? new PeakRssSampler(service.pid) : undefined;
      results[side] = await runLoad(load(side, options.durationSeconds));
      const peak = sampler?.stop();
      if (peak && peak.peakBytes > peakRss.peakBytes) peakRss = peak;
    }
    rounds.push(results);
  }
  await bare.stop();

  const of = (side: Side, pick: (result: LoadResult) => number) => median(rounds.map((round) => pick(round[side])));
  const serviceRps = of('service', (r) => r.requestsPerSecond);
  const bareRps = of('bare', (r) => r.requestsPerSecond);
  // Each round measures both sides back to back, so its ratio is paired: a neighbour's load on this
  // shared machine that slows one round slows both of its sides.
  const ratio = median(rounds.map((round) => round.service.requestsPerSecond / round.bare.requestsPerSecond));
  const failures = rounds.reduce((sum, round) => sum + round.service.non2xx + round.service.errors + round.service.timeouts, 0);
  return {
    figures: [
      figure('a.service.rps', 'cached generation, full stack: requests/s (median of rounds)', serviceRps, 'req/s'),
      figure('a.service.p50', 'cached generation, full stack: p50 latency', of('service', (r) => r.p50Ms), 'ms'),
      figure('a.service.p99', 'cached generation, full stack: p99 latency', of('service', (r) => r.p99Ms), 'ms'),
      figure('a.bare.rps', 'bare Express, same JSON: requests/s (median of rounds)', bareRps, 'req/s'),
      figure('a.bare.p50', 'bare Express, same JSON: p50 latency', of('bare', (r) => r.p50Ms), 'ms'),
      figure('a.bare.p99', 'bare Express, same JSON: p99 latency', of('bare', (r) => r.p99Ms), 'ms'),
      figure('a.ratio', 'full stack / bare Express requests/s (median of round ratios)', Math.round(ratio * 100) / 100, 'x', { comparison: '>=', value: 0.6 }),
      figure('a.failures', 'full stack: non-2xx, errors and timeouts under load', failures, '', { comparison: '=', value: 0 }),
      figure('d.rss.load', 'service peak RSS during (a)', toMiB(peakRss.peakBytes), 'MiB', { comparison: '<', value: RSS_TARGET_MIB }),
    ],
    details: { query: QUERY, answerBytes: Buffer.byteLength(answer), rounds, rssMethod: peakRss.method },
  };
}

/** Asks twice so the second answer comes from the cache; that JSON is what the bare route returns. */
async function cachedAnswer(service: SpawnedServer): Promise<string> {
  await postJson(service.url, '/kubectl-command', { query: QUERY }, BENCH_API_KEY);
  const cached = await postJson(service.url, '/kubectl-command', { query: QUERY }, BENCH_API_KEY);
  if (cached.status !== 200 || (cached.json as { from_cache?: boolean }).from_cache !== true) {
    throw new Error(`expected a cached 200 for "${QUERY}", got ${cached.status}: ${cached.text.slice(0, 300)}`);
  }
  return cached.text;
}
