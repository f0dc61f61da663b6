import { ConfigurableModuleBuilder } from '@nestjs/common';
import { SAFETY_OPTIONS } from './safety.constants';
import { SafetyOptions } from './safety.options';

export const { ConfigurableModuleClass: SafetyConfigurableModule } = new ConfigurableModuleBuilder<SafetyOptions>({
  optionsInjectionToken: SAFETY_OPTIONS,
})
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: false }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
