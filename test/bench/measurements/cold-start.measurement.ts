import { BenchContext } from '../bench-context';
import { figure, Measured } from '../bench-report';
import { spawnService } from '../spawned-server';
import { median, round1 } from './statistics';

/** (e) From spawning `node dist/apps/api/src/main.js` to its first 200 on /health, several times. */
export async function measureColdStart(context: BenchContext): Promise<Measured> {
  const startsMs: number[] = [];
  for (let i = 0; i < context.options.coldStarts; i++) {
    const service = await spawnService(context.serviceEnv());
    context.resources.add(`service (pid ${service.pid})`, () => service.stop());
    try {
      const healthyAt = await service.waitUntilHealthy('/health', 20_000, 5);
      startsMs.push(healthyAt - service.spawnedAt);
    } finally {
      await service.stop();
    }
  }
  return {
    figures: [
      figure('e.cold-start', `spawn to first 200 from /health: median of ${startsMs.length} starts`, round1(median(startsMs)), 'ms', { comparison: '<', value: 1_500 }),
    ],
    details: { startsMs: startsMs.map(round1) },
  };
}
