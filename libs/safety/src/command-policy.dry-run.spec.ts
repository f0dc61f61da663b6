import { WRITE_COMMANDS } from '../test/command-policy.cases';
import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

const NO_DRY_RUN = new Set(['rollout restart', 'rollout pause', 'rollout resume']);
const supportsDryRun = (command: string): boolean => ![...NO_DRY_RUN].some((verb) => command.includes(verb));

describe(`${CommandPolicy.name} dry runs`, () => {
  const sut = new CommandPolicy({ allowWrites: false });

  it.each(WRITE_COMMANDS.filter(supportsDryRun))('runs %s as a server-side dry run with writes disabled', (command) => {
    const verdict = sut.evaluate(command, { dryRun: true });
    expect(verdict).toMatchObject({ decision: 'write', code: VerdictCode.DRY_RUN_ALLOWED });
    const flagsEnd = verdict.argv.includes('--') ? verdict.argv.indexOf('--') : verdict.argv.length;
    // The last word kubectl reads as a flag: after `--`, words are the container's command.
    expect(verdict.argv[flagsEnd - 1]).toBe('--dry-run=server');
    expect(verdict.argv.filter((word) => word.startsWith('--dry-run'))).toEqual(['--dry-run=server']);
    expect(verdict.approved).toMatchObject({ tier: 'write', dryRun: true });
  });

  it.each(WRITE_COMMANDS.filter((command) => !supportsDryRun(command)))(
    'refuses a dry run of %s, which kubectl cannot dry-run',
    (command) => {
      expect(sut.evaluate(command, { dryRun: true })).toMatchObject({ decision: 'deny', code: VerdictCode.DRY_RUN_UNSUPPORTED });
    },
  );

  it.each([
    ['kubectl scale deploy/web --replicas=2 --dry-run=server', ['scale', 'deploy/web', '--replicas=2', '--namespace=default', '--dry-run=server']],
    ['kubectl scale deploy/web --dry-run=none --replicas=2', ['scale', 'deploy/web', '--replicas=2', '--namespace=default', '--dry-run=server']],
    ['kubectl scale --dry_run=server deploy/web -n prod --replicas=2', ['scale', 'deploy/web', '-n', 'prod', '--replicas=2', '--dry-run=server']],
  ])('replaces the dry-run of %s', (command, argv) => {
    expect(sut.evaluate(command, { dryRun: true }).argv).toEqual(argv);
  });

  it.each([
    [
      'kubectl create job my-job --image=busybox -- sh -c date',
      ['create', 'job', 'my-job', '--image=busybox', '--namespace=default', '--dry-run=server', '--', 'sh', '-c', 'date'],
    ],
    ['kubectl create deployment web --image=busybox -n x --', ['create', 'deployment', 'web', '--image=busybox', '-n', 'x', '--dry-run=server', '--']],
    [
      'kubectl create cj c --image=busybox --schedule="0 3 * * *" --dry-run=server -- echo --dry-run=none',
      ['create', 'cj', 'c', '--image=busybox', '--schedule=0 3 * * *', '--namespace=default', '--dry-run=server', '--', 'echo', '--dry-run=none'],
    ],
  ])('puts the dry run of %s before `--`, where kubectl reads it rather than the container', (command, argv) => {
    expect(sut.evaluate(command, { dryRun: true })).toMatchObject({ decision: 'write', code: VerdictCode.DRY_RUN_ALLOWED, argv });
  });

  it.each([
    'kubectl delete pod web -n prod --dry-run=server',
    'kubectl delete pod web --dry_run=server -n prod',
    'kubectl create ns dev --dry-run=server -o yaml',
    'kubectl delete pod web -n prod --dry-run=none --dry-run=server',
  ])('treats %s, which dry-runs itself, as an allowed dry run', (command) => {
    const verdict = sut.evaluate(command);
    expect(verdict).toMatchObject({ decision: 'write', code: VerdictCode.DRY_RUN_ALLOWED });
    expect(verdict.approved?.dryRun).toBe(true);
    expect(verdict.argv.join(' ')).toBe(command.replace(/^kubectl /, ''));
  });

  it.each([
    'kubectl delete pod web --dry-run=none',
    'kubectl delete pod web --dry-run=server --dry-run=none',
  ])('treats %s as a real write', (command) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code: VerdictCode.WRITES_DISABLED });
  });

  it.each(['kubectl delete pod web --dry-run', 'kubectl delete pod web --dry-run=true', 'kubectl delete pod web --dry-run server'])(
    'refuses the ambiguous %s',
    (command) => {
      expect(sut.evaluate(command).decision).toBe('deny');
    },
  );

  it('refuses --dry-run on verbs kubectl gives none', () => {
    expect(sut.evaluate('kubectl rollout restart deploy/web --dry-run=server')).toMatchObject({ code: VerdictCode.UNKNOWN_FLAG });
  });

  it('leaves reads alone', () => {
    const verdict = sut.evaluate('kubectl get pods', { dryRun: true });
    expect(verdict).toMatchObject({ decision: 'read', code: VerdictCode.READ_ALLOWED, argv: ['get', 'pods'] });
    expect(verdict.approved?.dryRun).toBe(false);
  });

  it.each(['kubectl delete pods --all', 'kubectl delete secret db', 'kubectl exec web -- sh'])(
    'still denies %s',
    (command) => {
      expect(sut.evaluate(command, { dryRun: true }).decision).toBe('deny');
    },
  );

  it('dry-runs even when writes are enabled', () => {
    const writable = new CommandPolicy({ allowWrites: true });
    expect(writable.evaluate('kubectl cordon node-1', { dryRun: true })).toMatchObject({
      code: VerdictCode.DRY_RUN_ALLOWED,
      argv: ['cordon', 'node-1', '--dry-run=server'],
    });
  });
});
