import { join } from 'node:path';
import { LoopbackResponse, postJson } from '../../faults/support/loopback-client';
import { BENCH_API_KEY, BenchContext } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { PeakRssSampler, toMiB } from '../process-memory';
import { RSS_TARGET_MIB } from './cached-generation.measurement';

const PRINT_FOREVER = join(__dirname, '..', '..', 'support', 'fake-kubectl', 'print-forever');
/** EXECUTION_CONCURRENCY's default: every slot fills its buffer up to the cap at once. */
const PARALLEL = 4;
const ROUNDS = 3;
/** One key may hold only half of the slots, so two keys share the four. */
const KEYS = [BENCH_API_KEY, `${BENCH_API_KEY}-second`];

/**
 * (d, second half) Peak RSS of a service whose kubectl prints without end, so every run is cut
 * at MAX_OUTPUT_BYTES (its default, 1 MiB), four at a time.
 */
export async function measureCappedOutputMemory(context: BenchContext): Promise<Measured> {
  const service = await context.startService({ KUBECTL_PATH: PRINT_FOREVER, API_AUTH_KEY: KEYS.join(',') });
  const sampler = new PeakRssSampler(service.pid);
  const responses: LoopbackResponse[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    responses.push(
      ...(await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) => postJson(service.url, '/execute', { execute: 'kubectl get pods' }, KEYS[i % KEYS.length], 30_000)),
      )),
    );
  }
  const peak = sampler.stop();
  await service.stop();

  const capped = responses.filter((response) => (response.json as { execution_error?: { type?: string } }).execution_error?.type === 'truncated');
  if (capped.length !== responses.length) {
    throw new Error(`expected every run to be cut at the cap: ${responses.map((response) => response.text.slice(0, 200)).join('\n')}`);
  }
  return {
    figures: [
      figure('d.rss.capped', `service peak RSS, ${PARALLEL} outputs at a time cut at MAX_OUTPUT_BYTES`, toMiB(peak.peakBytes), 'MiB', { comparison: '<', value: RSS_TARGET_MIB }),
    ],
    details: {
      runs: responses.length,
      maxOutputBytes: 1_048_576,
      responseBytes: Math.max(...responses.map((response) => Buffer.byteLength(response.text))),
      rssMethod: peak.method,
    },
  };
}
