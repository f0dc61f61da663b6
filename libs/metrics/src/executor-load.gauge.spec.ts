import { Test, TestingModule } from '@nestjs/testing';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { MetricsModule } from './metrics.module';
import { MetricsService } from './metrics.service';

const IN_FLIGHT = 'kubectl_agent_kubectl_executions_in_flight';

async function inFlight(): Promise<Record<string, number>> {
  const metric = register.getSingleMetric(IN_FLIGHT);
  if (!metric) throw new Error(`${IN_FLIGHT} is not registered`);
  const { values } = await metric.get();
  return Object.fromEntries(values.map((sample) => [String(sample.labels.state), sample.value]));
}

describe(`${MetricsService.name} executor load gauge`, () => {
  let moduleRef: TestingModule;
  let sut: MetricsService;

  beforeEach(async () => {
    moduleRef = await Test.createTestingModule({ imports: [MetricsModule.forRoot({ controller: PrometheusController })] }).compile();
    sut = moduleRef.get(MetricsService);
  });
  afterEach(() => moduleRef.close());

  it('exports running and queued executions as 0 before the executor reports', async () => {
    expect(await inFlight()).toEqual({ running: 0, queued: 0 });
  });

  it("reads the executor's load afresh on every scrape", async () => {
    const load = { running: 2, queued: 10 };
    sut.observeExecutorLoad(() => load);
    expect(await inFlight()).toEqual({ running: 2, queued: 10 });

    load.running = 1;
    load.queued = 0;
    expect(await inFlight()).toEqual({ running: 1, queued: 0 });
  });

  it('stops reading a closed app', async () => {
    sut.observeExecutorLoad(() => ({ running: 3, queued: 4 }));
    await moduleRef.close();
    expect(await inFlight()).toEqual({ running: 0, queued: 0 });
  });
});
