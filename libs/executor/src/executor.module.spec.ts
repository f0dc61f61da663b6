import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ExecutorModule } from './executor.module';
import { KubectlExecutor } from './kubectl-executor';

describe(ExecutorModule.name, () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation());
  afterEach(() => jest.restoreAllMocks());

  it('provides a ready KubectlExecutor with forRoot', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ExecutorModule.forRoot({ kubectlPath: process.execPath, baseEnv: {} })],
    }).compile();
    await moduleRef.init();

    const sut = moduleRef.get(KubectlExecutor);

    expect(sut.available).toBe(true);
    expect(sut.load).toEqual({ running: 0, queued: 0, concurrency: 4, queueLimit: 64 });
    await moduleRef.close();
  });

  it('takes its options from a factory with forRootAsync', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ExecutorModule.forRootAsync({
          useFactory: () => ({ kubectlPath: 'kubectl-nowhere', concurrency: 2, queueLimit: 0, baseEnv: { PATH: '' } }),
        }),
      ],
    }).compile();
    jest.spyOn(Logger.prototype, 'error').mockImplementation();
    await moduleRef.init();

    const sut = moduleRef.get(KubectlExecutor);

    expect(sut.available).toBe(false);
    expect(sut.load).toMatchObject({ concurrency: 2, queueLimit: 0 });
    await moduleRef.close();
  });
});
