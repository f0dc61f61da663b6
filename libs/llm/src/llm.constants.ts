import { Inject } from '@nestjs/common';

/** Injection token of the LlmModuleOptions. */
export const LLM_MODULE_OPTIONS = Symbol('LLM_MODULE_OPTIONS');

/** Injects the LlmModuleOptions given to LlmModule.forRoot/forRootAsync. */
export const InjectLlmOptions = (): ParameterDecorator => Inject(LLM_MODULE_OPTIONS);
