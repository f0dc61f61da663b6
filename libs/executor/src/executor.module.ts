import { Module } from '@nestjs/common';
import { ConfigurableExecutorModule } from './executor.module-definition';
import { KubectlExecutor } from './kubectl-executor';
import { ProcessRunner } from './process-runner';

/** Provides KubectlExecutor; configure with `ExecutorModule.forRoot(options)` or `forRootAsync`. */
@Module({
  providers: [ProcessRunner, KubectlExecutor],
  exports: [KubectlExecutor],
})
export class ExecutorModule extends ConfigurableExecutorModule {}
