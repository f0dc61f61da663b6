import { postJson } from '../../faults/support/loopback-client';
import { BENCH_API_KEY, BenchContext, SLOW_MODEL_DELAY_MS, SLOW_MODEL_MARKER } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { SpawnedServer } from '../spawned-server';

const CONCURRENT_REQUESTS = 100;

/** (b) 100 simultaneous identical new queries (the model taking 300 ms): how many upstream calls. */
export async function measureCoalescing(context: BenchContext, service: SpawnedServer): Promise<Measured> {
  const query = `${SLOW_MODEL_MARKER} list every pod, coalescing run ${Date.now()}`;
  const before = context.llm.callCount;

  const responses = await Promise.all(
    Array.from({ length: CONCURRENT_REQUESTS }, () => postJson(service.url, '/kubectl-command', { query }, BENCH_API_KEY, 30_000)),
  );

  const upstreamCalls = context.llm.calls.slice(before).filter((call) => call.userMessage?.includes(SLOW_MODEL_MARKER)).length;
  const ok = responses.filter((response) => response.status === 200);
  const flags = ok.map((response) => response.json as { from_cache: boolean; metadata: { coalesced?: boolean } });
  return {
    figures: [
      figure('b.llm-calls', `upstream LLM calls for ${CONCURRENT_REQUESTS} simultaneous identical new queries`, upstreamCalls, 'calls', { comparison: '=', value: 1 }),
      figure('b.ok', 'of those requests answered 200', ok.length, 'requests', { comparison: '=', value: CONCURRENT_REQUESTS }),
    ],
    details: {
      modelDelayMs: SLOW_MODEL_DELAY_MS,
      coalesced: flags.filter((flag) => flag.metadata.coalesced).length,
      fromCache: flags.filter((flag) => flag.from_cache).length,
      statuses: responses.map((response) => response.status).filter((status) => status !== 200),
      slowestMs: Math.round(Math.max(...responses.map((response) => response.elapsedMs))),
    },
  };
}
