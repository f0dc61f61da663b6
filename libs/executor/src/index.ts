export { ExecutorModule } from './executor.module';
export { EXECUTOR_DEFAULTS } from './executor.options';
export type { ExecutorModuleOptions } from './executor.options';
export { KubectlExecutor } from './kubectl-executor';
export { ExecutorError, ExecutorErrorCode } from './executor.errors';
export type { ExecutionOutcome, ExecutionErrorInfo, ExecutionErrorType, ExecutorLoad } from './execution-outcome';
export type { ExecutionResult, KubectlTable } from './output/execution-result';
export { formatKubectlOutput } from './output/output-formatter';
export { KUBECTL_ENV_NAMES } from './kubectl-environment';
