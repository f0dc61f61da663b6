import { BENCH_API_KEY, BenchContext } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { PeakRssSampler, toMiB } from '../process-memory';
import { RSS_TARGET_MIB } from './cached-generation.measurement';

// autocannon has no type declarations; it is loaded untyped and given the narrow type below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => PromiseLike<MixedResult>;

interface MixedResult {
  requests: { total: number; average: number };
  statusCodeStats: Record<string, { count: number }>;
  errors: number;
  timeouts: number;
}

interface MixRequest {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  setupRequest?: (request: MixRequest) => MixRequest;
}

const JSON_KEYED = { 'content-type': 'application/json', 'x-api-key': BENCH_API_KEY };
let sequence = 0;

/** Each connection cycles through these: three new queries (never cached), then three kinds of bad request. */
const MIX: MixRequest[] = [
  ...Array.from({ length: 3 }, () => ({
    method: 'POST' as const,
    path: '/kubectl-command',
    headers: JSON_KEYED,
    setupRequest: (request: MixRequest) => ({ ...request, body: JSON.stringify({ query: `list the pods labelled run=${sequence++} in default` }) }),
  })),
  { method: 'POST', path: '/kubectl-command', headers: JSON_KEYED, body: '{"query": "list pods"' },
  { method: 'POST', path: '/kubectl-command', headers: { ...JSON_KEYED, 'x-api-key': 'wrong-key' }, body: '{"query":"list pods"}' },
  { method: 'POST', path: '/execute', headers: JSON_KEYED, body: JSON.stringify({ execute: 'kubectl get secrets -A -o yaml' }) },
];

/**
 * (f) Peak RSS of a fresh service over a long stretch of uncached generations (every query new, so
 * every one reaches the model and the cache keeps growing to CACHE_MAXSIZE), at full concurrency,
 * mixed with malformed JSON, wrong keys and denied commands.
 */
export async function measureUncachedMemory(context: BenchContext): Promise<Measured> {
  const service = await context.startService();
  const sampler = new PeakRssSampler(service.pid);
  const result = await autocannon({
    url: service.url,
    requests: MIX,
    connections: context.options.connections,
    duration: context.options.uncachedSeconds,
    timeout: 10,
  });
  const peak = sampler.stop();
  await service.stop();
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, stats]) => [status, stats.count]));
  return {
    figures: [
      figure('f.rss.uncached', `service peak RSS, ${context.options.uncachedSeconds} s of new queries mixed with bad requests`, toMiB(peak.peakBytes), 'MiB', {
        comparison: '<',
        value: RSS_TARGET_MIB,
      }),
      figure('f.rps', 'uncached mix: requests/s', Math.round(result.requests.average), 'req/s'),
      figure('f.failures', 'uncached mix: 5xx answers, errors and timeouts', fivexx(statuses) + result.errors + result.timeouts, '', { comparison: '=', value: 0 }),
    ],
    details: { requests: result.requests.total, statuses, rssMethod: peak.method },
  };
}

function fivexx(statuses: Record<string, number>): number {
  return Object.entries(statuses).reduce((sum, [status, count]) => sum + (status.startsWith('5') ? count : 0), 0);
}
