import { ConfigurableModuleBuilder } from '@nestjs/common';
import { SAFETY_OPTIONS } from './safety.constants';
import { SafetyOptions } from './safety.options';

export const { ConfigurableModuleClass: SafetyConfigurableModule, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<SafetyOptions>({ optionsInjectionToken: SAFETY_OPTIONS })
    .setClassMethodName('forRoot')
    .build();
