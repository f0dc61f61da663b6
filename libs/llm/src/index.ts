export type { GeneratedCommand } from './generated-command';
export { KubectlCommandGenerator } from './kubectl-command.generator';
export { extractKubectlCommand } from './kubectl-command.parser';
export { KUBECTL_SYSTEM_PROMPT } from './kubectl-system-prompt';
export { InjectLlmOptions, LLM_MODULE_OPTIONS } from './llm.constants';
export { LlmError, LlmErrorCode } from './llm.errors';
export { LlmModule } from './llm.module';
export { DEFAULT_LLM_MAX_RETRIES, type LlmModuleOptions } from './llm.options';
export type { TokenUsage } from './token-usage';
