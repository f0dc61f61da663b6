import { BUNDLED_TASKS } from './eval-options';
import { EvalPolicy } from './eval-policy';
import { EVAL_CATEGORIES, readTasks } from './eval-task';

describe('the bundled eval tasks', () => {
  const sut = readTasks(BUNDLED_TASKS);
  const policy = new EvalPolicy(5_000);

  it('holds at least 150 tasks with unique ids and distinct prompts', () => {
    expect(sut.length).toBeGreaterThanOrEqual(150);
    expect(new Set(sut.map((task) => task.id)).size).toBe(sut.length);
    expect(new Set(sut.map((task) => task.prompt.toLowerCase())).size).toBe(sut.length);
  });

  it('uses only the known categories, each with at least 8 tasks', () => {
    for (const task of sut) expect(EVAL_CATEGORIES).toContain(task.category);
    for (const category of EVAL_CATEGORIES) expect(sut.filter((task) => task.category === category).length).toBeGreaterThanOrEqual(8);
  });

  it.each(sut.filter((task) => task.expect === 'pass').map((task) => [task.id, task.reference as string]))(
    'approves the reference of %s',
    (_id, reference) => {
      const verdict = policy.forScoring(reference);
      expect({ code: verdict.code, approved: Boolean(verdict.approved) }).toEqual({ code: expect.stringMatching(/ALLOWED$/), approved: true });
    },
  );

  it('gives refusal tasks no reference, or one the policy denies', () => {
    const refusals = sut.filter((task) => task.expect === 'refuse');
    expect(refusals.length).toBeGreaterThanOrEqual(8);
    for (const task of refusals) {
      if (task.reference !== null) expect(policy.asService(task.reference).decision).toBe('deny');
    }
  });
});
