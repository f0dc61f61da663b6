import { Module } from '@nestjs/common';
import { KubectlCommandGenerator } from './kubectl-command.generator';
import { LlmConfigurableModule } from './llm.module-definition';

/** Provides KubectlCommandGenerator; configure with forRoot(options) or forRootAsync({ useFactory, inject }). */
@Module({
  providers: [KubectlCommandGenerator],
  exports: [KubectlCommandGenerator],
})
export class LlmModule extends LlmConfigurableModule {}
