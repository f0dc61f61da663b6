import { ConfigurableModuleBuilder, Inject } from '@nestjs/common';
import { ExecutorModuleOptions } from './executor.options';

export const EXECUTOR_OPTIONS = Symbol('EXECUTOR_OPTIONS');

export const { ConfigurableModuleClass: ConfigurableExecutorModule } = new ConfigurableModuleBuilder<ExecutorModuleOptions>({
  optionsInjectionToken: EXECUTOR_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

export const InjectExecutorOptions = (): ParameterDecorator => Inject(EXECUTOR_OPTIONS);
