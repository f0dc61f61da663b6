/**
 * `npm run bench -- [--out bench-results.json]`: starts the built service (and a bare Express
 * baseline) in their own processes against a scripted LLM and a loopback Kubernetes API, measures
 * throughput, coalescing, execution overhead, memory and cold start, prints a table and writes
 * JSON. Loopback only; everything it starts is stopped at the end, on error and on Ctrl-C.
 */
import { createBenchContext } from './bench-context';
import { parseBenchOptions } from './bench-options';
import { BenchReport, describeMachine, Measured, renderReport, writeReport } from './bench-report';
import { BenchResources } from './bench-resources';
import { measureCachedGeneration } from './measurements/cached-generation.measurement';
import { measureCappedOutputMemory } from './measurements/capped-output.measurement';
import { measureCoalescing } from './measurements/coalescing.measurement';
import { measureColdStart } from './measurements/cold-start.measurement';
import { measureExecutionOverhead } from './measurements/execution-overhead.measurement';
import { measureUncachedMemory } from './measurements/uncached-generation.measurement';

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const resources = new BenchResources();
  resources.guard(options.watchdogSeconds * 1000);
  const machine = describeMachine();
  const date = new Date().toISOString();
  const results: Record<string, Measured> = {};
  try {
    const context = await createBenchContext(options, resources);
    progress(`(e) cold start, ${options.coldStarts} starts`);
    results.coldStart = await measureColdStart(context);

    // (c) and (b) come before the load of (a): the in-memory throttler keeps one entry per request
    // for the whole RATE_LIMIT window, and working through (a)'s entries would slow them down.
    const service = await context.startService();
    progress(`(c) execution overhead, ${options.executionRuns} runs per side`);
    results.executionOverhead = await measureExecutionOverhead(context, service);
    progress('(b) coalescing of 100 identical new queries');
    results.coalescing = await measureCoalescing(context, service);
    progress(`(a) cached generation vs bare Express: ${options.rounds} rounds x 2 sides x ${options.durationSeconds} s, ${options.connections} connections`);
    results.cachedGeneration = await measureCachedGeneration(context, service);
    await service.stop();

    progress('(d) memory with outputs cut at MAX_OUTPUT_BYTES');
    results.cappedOutput = await measureCappedOutputMemory(context);

    progress(`(f) memory over ${options.uncachedSeconds} s of uncached generations mixed with bad requests`);
    results.uncachedMemory = await measureUncachedMemory(context);
  } finally {
    await resources.disposeAll();
  }

  const order = ['cachedGeneration', 'coalescing', 'executionOverhead', 'cappedOutput', 'coldStart', 'uncachedMemory'];
  const report: BenchReport = {
    date,
    machine,
    settings: { ...options },
    figures: order.flatMap((name) => results[name]?.figures ?? []).sort((a, b) => a.id[0].localeCompare(b.id[0])),
    details: Object.fromEntries(order.map((name) => [name, results[name]?.details])),
  };
  process.stdout.write(`${renderReport(report)}\n`);
  if (options.out) {
    await writeReport(options.out, report);
    progress(`results written to ${options.out}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
