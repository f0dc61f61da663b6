import { MetricsService } from '@app/metrics';
import { CommandPolicy, Verdict } from '@app/safety';
import { AuditLog } from '../audit/audit-log';
import { RequestContext } from '../context/request-context';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { CommandDeniedException } from '../errors/command-denied.exception';
import { CallerScopeGate } from './caller-scope.gate';
import { CommandExecutionService, ExecutionReport } from './command-execution.service';
import { CommandGenerationService, Generation } from './command-generation.service';
import { KubectlCommandService } from './kubectl-command.service';
import { AppConfig } from '@app/config';
import { ClusterTargetsGate } from '../discovery/cluster-targets.gate';
import { DiscoveryService } from '../discovery/discovery.service';
import { fixturePicture } from '../discovery/testing/cluster-picture.fixture';

const REPORT = {
  execution_result: { type: 'text', data: 'ok', raw: 'ok' },
  execution_error: null,
  outcome: { success: true, exitCode: 0, timedOut: false, truncated: false, error: null },
} as unknown as ExecutionReport;

describe(KubectlCommandService.name, () => {
  const policy = new CommandPolicy({ allowWrites: false });
  let generation: { generate: jest.Mock };
  let execution: { assertEnabled: jest.Mock; run: jest.Mock };
  let audit: { record: jest.Mock };
  let metrics: { recordVerdict: jest.Mock; recordExecution: jest.Mock };
  let sut: KubectlCommandService;
  const context = new RequestContext('req-1', '127.0.0.1', {}, () => '/kubectl-command');

  const proposing = (command: string, dryRun = false): Generation => ({
    command,
    explanation: null,
    model: 'm',
    verdict: policy.evaluate(command, { dryRun }),
    fromCache: false,
    coalesced: false,
  });

  beforeEach(() => {
    generation = { generate: jest.fn() };
    execution = { assertEnabled: jest.fn(), run: jest.fn().mockResolvedValue(REPORT) };
    audit = { record: jest.fn() };
    metrics = { recordVerdict: jest.fn(), recordExecution: jest.fn() };
    sut = new KubectlCommandService(
      generation as unknown as CommandGenerationService,
      policy,
      execution as unknown as CommandExecutionService,
      metrics as unknown as MetricsService,
      audit as unknown as AuditLog,
      new CallerScopeGate(policy),
      new ClusterTargetsGate(
        { safety: { allowedNamespaces: null } } as unknown as AppConfig,
        { picture: fixturePicture(), status: { state: 'ok' }, settled: async () => undefined } as unknown as DiscoveryService,
        policy,
      ),
      { tracing: { recordQuery: false } } as AppConfig,
    );
  });

  describe('against the discovered cluster', () => {
    it('refuses a generated command naming a resource type the cluster does not serve, with suggestions', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl get widgest'));

      const failure = await sut.fromQuery({ query: 'list widgets', execute: false }, context).catch((error: unknown) => error);

      expect(failure).toMatchObject({ code: ApiErrorCode.UNKNOWN_RESOURCE, extra: { suggestions: ['widgets.example.com'] } });
    });

    it('refuses a command sent to run in a namespace the cluster does not have, before running anything', async () => {
      const failure = await sut.execute({ execute: 'kubectl get pods -n team-c' }, context).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(ApiException);
      expect(failure).toMatchObject({ code: ApiErrorCode.UNKNOWN_NAMESPACE, extra: { suggestions: ['team-a', 'team-b'] } });
      expect(execution.run).not.toHaveBeenCalled();
    });

    it('audits a refusal of a type or namespace the cluster does not have, like any other refusal', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl get widgest -n team-a'));

      await sut.fromQuery({ query: 'list widgets', execute: false }, context).catch(() => undefined);
      await sut.execute({ execute: 'kubectl get pods -n team-c' }, context).catch(() => undefined);

      expect(audit.record).toHaveBeenCalledTimes(2);
      expect(audit.record).toHaveBeenNthCalledWith(
        1,
        expect.objectContaining({ endpoint: '/kubectl-command', query: 'list widgets', command: 'kubectl get widgest -n team-a', refusal: 'UNKNOWN_RESOURCE' }),
        context,
        null,
      );
      expect(audit.record).toHaveBeenNthCalledWith(
        2,
        expect.objectContaining({ endpoint: '/execute', query: null, command: 'kubectl get pods -n team-c', refusal: 'UNKNOWN_NAMESPACE' }),
        context,
        null,
      );
    });

    it('runs commands naming a CRD by its short name, kind or group', async () => {
      await sut.execute({ execute: 'kubectl get wdg,Widget,widgets.example.com,widgets.v1.example.com,all -n team-a' }, context);

      expect(execution.run).toHaveBeenCalledTimes(1);
    });

    it('refuses a denied custom resource named by a short name only discovery can resolve', async () => {
      const failure = await sut.execute({ execute: 'kubectl get ss -n team-a' }, context).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(CommandDeniedException);
      expect(failure).toMatchObject({ verdict: { code: 'RESOURCE_DENIED' } });
    });
  });

  describe('fromQuery', () => {
    it('answers a generated read without running it, with one verdict and one audit line', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl get pods'));

      const response = await sut.fromQuery({ query: 'list pods', execute: false }, context);

      expect(response).toMatchObject({ kubectl_command: 'kubectl get pods', safety: { decision: 'read', code: 'READ_ALLOWED' }, request_id: 'req-1' });
      expect(execution.run).not.toHaveBeenCalled();
      expect(metrics.recordVerdict).toHaveBeenCalledTimes(1);
      expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ endpoint: '/kubectl-command', query: 'list pods' }), context, null);
    });

    it('runs the very ApprovedCommand the generation carried, and audits the outcome', async () => {
      const proposal = proposing('kubectl get pods');
      generation.generate.mockResolvedValue(proposal);

      const response = await sut.fromQuery({ query: 'list pods', execute: true }, context);

      expect(execution.run).toHaveBeenCalledWith(proposal.verdict.approved, expect.objectContaining({ bucket: 'ip:127.0.0.1' }));
      expect(response.execution_result).toEqual(REPORT.execution_result);
      expect(audit.record).toHaveBeenCalledWith(expect.anything(), context, REPORT.outcome);
    });

    it('refuses a denied proposal as a generation denial (422), audited', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl get secrets'));

      const failure = await sut.fromQuery({ query: 'show secrets', execute: false }, context).catch((error: unknown) => error);

      expect(failure).toBeInstanceOf(CommandDeniedException);
      expect(failure).toMatchObject({ deniedAt: 'generation', verdict: { code: 'RESOURCE_DENIED' } });
      expect(audit.record).toHaveBeenCalledTimes(1);
    });

    it('shows a write while writes are off, but refuses to run it', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl scale deployment web --replicas=3'));

      const shown = await sut.fromQuery({ query: 'scale web to 3', execute: false }, context);
      const run = await sut.fromQuery({ query: 'scale web to 3', execute: true }, context).catch((error: unknown) => error);

      expect(shown.safety).toMatchObject({ decision: 'deny', code: 'WRITES_DISABLED' });
      expect(run).toMatchObject({ deniedAt: 'execution', verdict: { code: 'WRITES_DISABLED' } });
      expect(metrics.recordExecution).toHaveBeenCalledWith('denied', 'anonymous');
      expect(execution.run).not.toHaveBeenCalled();
    });

    it('spends no generation on a run request while execution is disabled', async () => {
      execution.assertEnabled.mockImplementation(() => {
        throw new ApiException(ApiErrorCode.EXECUTION_DISABLED, 'off');
      });

      await expect(sut.fromQuery({ query: 'list pods', execute: true }, context)).rejects.toMatchObject({ code: 'EXECUTION_DISABLED' });
      expect(generation.generate).not.toHaveBeenCalled();
    });

    it('passes the dry-run mode to the generation, which judges with it', async () => {
      generation.generate.mockResolvedValue(proposing('kubectl scale deployment web --replicas=3', true));

      const response = await sut.fromQuery({ query: 'scale web to 3', execute: true, dry_run: true }, context);

      expect(generation.generate).toHaveBeenCalledWith('scale web to 3', true, null);
      expect(execution.run.mock.calls[0][0].argv).toContain('--dry-run=server');
      expect(response.metadata.dry_run).toBe(true);
    });
  });

  describe('execute', () => {
    it('judges the command once and runs what the policy approved', async () => {
      const evaluate = jest.spyOn(policy, 'evaluate');

      await sut.execute({ execute: '  kubectl get pods -n default ' }, context);

      expect(evaluate).toHaveBeenCalledTimes(1);
      expect((execution.run.mock.calls[0][0] as { argv: string[] }).argv).toEqual(['get', 'pods', '-n', 'default']);
      evaluate.mockRestore();
    });

    it.each([
      ['a denied command', 'kubectl exec -it web -- sh', 'VERB_DENIED'],
      ['a malformed one', 'kubectl get pods; rm -rf /', 'SHELL_SYNTAX'],
    ])('refuses %s as an execution denial, audited and never run', async (_case, command, code) => {
      const failure = (await sut.execute({ execute: command }, context).catch((error: unknown) => error)) as CommandDeniedException;

      expect(failure).toBeInstanceOf(CommandDeniedException);
      expect(failure.deniedAt).toBe('execution');
      expect((failure.verdict as Verdict).decision).toBe('deny');
      expect(failure.verdict.code).toBe(code);
      expect(execution.run).not.toHaveBeenCalled();
      expect(audit.record).toHaveBeenCalledWith(expect.objectContaining({ endpoint: '/execute', command }), context, null);
    });
  });
});
