import { CommandPolicy } from '@app/safety';
import { riskOf } from './kubectl-command.response';

describe(riskOf.name, () => {
  const policy = new CommandPolicy({ allowWrites: true });

  it.each([
    ['a read', 'kubectl get pods -n default', false, 'read'],
    ['a client dry run, which only prints', 'kubectl scale deployment web -n default --replicas=2 --dry-run=client', false, 'read'],
    ['a server dry run', 'kubectl scale deployment web -n default --replicas=2', true, 'dry-run'],
    ['a write', 'kubectl scale deployment web -n default --replicas=2', false, 'write'],
    ['a denied command', 'kubectl get secrets -n default', false, 'denied'],
  ])('calls %s %s', (_case, command, dryRun, risk) => {
    expect(riskOf(policy.evaluate(command, { dryRun }))).toBe(risk);
  });
});
