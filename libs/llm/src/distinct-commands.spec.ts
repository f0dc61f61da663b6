import { type Candidate, distinctCommands } from './distinct-commands';

const line = (command: string): Candidate => ({ command, inline: false });
const inline = (command: string): Candidate => ({ command, inline: true });

describe(distinctCommands.name, () => {
  it.each<[string, Candidate[], string[]]>([
    ['one command', [line('kubectl get pods')], ['kubectl get pods']],
    ['the same command twice', [line('kubectl get pods'), line('kubectl  get   pods')], ['kubectl get pods']],
    ['a command inline and on its own line', [inline('kubectl get pods'), line('kubectl get pods')], ['kubectl get pods']],
    ['an inline fragment of a command', [line('kubectl logs web-0'), inline('kubectl logs')], ['kubectl logs web-0']],
    ['an inline fragment mentioned first', [inline('kubectl logs'), line('kubectl logs web-0')], ['kubectl logs web-0']],
    ['a fragment that is not a whole-word prefix', [line('kubectl logs web-0'), inline('kubectl log')], ['kubectl logs web-0', 'kubectl log']],
    ['a shorter command on its own line', [line('kubectl logs'), line('kubectl logs web-0')], ['kubectl logs', 'kubectl logs web-0']],
    ['two inline alternatives', [inline('kubectl get pods -A'), inline('kubectl get pods -A -o wide')], ['kubectl get pods -A -o wide']],
    ['different commands', [line('kubectl get deploy'), line('kubectl get rs')], ['kubectl get deploy', 'kubectl get rs']],
    ['nothing', [], []],
  ])('keeps the right commands from %s', (_case, candidates, expected) => {
    expect(distinctCommands(candidates)).toEqual(expected);
  });

  it('is linear in the number of candidates', () => {
    const many = Array.from({ length: 50_000 }, (_, i) => inline(`kubectl get pods pod-${i}`));
    const startedAt = performance.now();
    expect(distinctCommands([...many, inline('kubectl get pods')])).toHaveLength(50_000);
    // Comparing every pair, as before, took minutes here; generous for a shared machine.
    expect(performance.now() - startedAt).toBeLessThan(2_000);
  });
});
