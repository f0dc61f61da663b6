import { ConfigurableModuleBuilder } from '@nestjs/common';
import { LLM_MODULE_OPTIONS } from './llm.constants';
import type { LlmModuleOptions } from './llm.options';

export const { ConfigurableModuleClass: LlmConfigurableModule } = new ConfigurableModuleBuilder<LlmModuleOptions>({
  moduleName: 'Llm',
  optionsInjectionToken: LLM_MODULE_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
