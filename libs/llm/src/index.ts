export type { GeneratedCommand } from './generated-command';
export { KubectlCommandGenerator, type GenerateOptions } from './kubectl-command.generator';
export { KUBECTL_SYSTEM_PROMPT } from './kubectl-system-prompt';
export { LlmError, LlmErrorCode } from './llm.errors';
export { LlmModule } from './llm.module';
export { DEFAULT_LLM_MAX_TOKENS, type LlmModuleOptions } from './llm.options';
