import { GenerationCache } from './generation-cache';

describe(GenerationCache.name, () => {
  describe('keyFor', () => {
    it.each([
      ['list pods', '  List   PODS '],
      ['list pods', 'list\tpods'],
      ['show deployments in prod', 'SHOW deployments IN prod'],
    ])('treats %j and %j as the same query', (a, b) => {
      expect(GenerationCache.keyFor(a, 'gpt-4o')).toBe(GenerationCache.keyFor(b, 'gpt-4o'));
    });

    it.each([
      ['list pods', 'list pod'],
      ['list pods in prod', 'list pods in dev'],
    ])('keeps %j and %j apart', (a, b) => {
      expect(GenerationCache.keyFor(a, 'gpt-4o')).not.toBe(GenerationCache.keyFor(b, 'gpt-4o'));
    });

    it('keeps models apart', () => {
      expect(GenerationCache.keyFor('list pods', 'gpt-4o')).not.toBe(GenerationCache.keyFor('list pods', 'llama3'));
    });

    it('never puts the query itself in the key', () => {
      const sut = GenerationCache.keyFor('delete everything secret', 'gpt-4o');
      expect(sut).toMatch(/^kubectl-agent:generation:v1:[0-9a-f]{64}$/);
    });
  });
});
