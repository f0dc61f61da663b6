export { ExecutorModule } from './executor.module';
export { EXECUTOR_DEFAULTS } from './executor.options';
export type { ExecutorModuleOptions } from './executor.options';
export { KubectlExecutor } from './kubectl-executor';
export { CLUSTER_QUERIES, type ClusterQuery } from './cluster-queries';
export { kubectlWaitBudgetMs } from './wait-budget';
export { ExecutorError, ExecutorErrorCode } from './executor.errors';
export type { ExecutionOutcome } from './execution-outcome';
/** `findImpersonationProblem` lets configuration refuse, at start-up, names `run` would refuse. */
export { findImpersonationProblem } from './impersonation';
export type { Impersonation } from './impersonation';
