import { kubectlWaitBudgetMs } from './wait-budget';

describe(kubectlWaitBudgetMs.name, () => {
  it.each<[number, number]>([
    [30_000, 27_000],
    [300_000, 270_000],
    [4_000, 3_000],
    [2_000, 1_000],
    [1_000, 500],
    [500, 250],
    [1, 1],
  ])('leaves kubectl, under an execution timeout of %i ms, %i ms to wait', (timeoutMs, budgetMs) => {
    expect(kubectlWaitBudgetMs(timeoutMs)).toBe(budgetMs);
  });
});
