import { GenerationCache } from './generation-cache';

describe(GenerationCache.name, () => {
  describe('keyFor', () => {
    it.each([
      ['list pods', '  List   PODS '],
      ['list pods', 'list\tpods'],
      ['show deployments in prod', 'SHOW deployments IN prod'],
    ])('treats %j and %j as the same query', (a, b) => {
      expect(GenerationCache.keyFor(a, 'gpt-4o', false)).toBe(GenerationCache.keyFor(b, 'gpt-4o', false));
    });

    it.each([
      ['list pods', 'list pod'],
      ['list pods in prod', 'list pods in dev'],
    ])('keeps %j and %j apart', (a, b) => {
      expect(GenerationCache.keyFor(a, 'gpt-4o', false)).not.toBe(GenerationCache.keyFor(b, 'gpt-4o', false));
    });

    it('keeps models apart', () => {
      expect(GenerationCache.keyFor('list pods', 'gpt-4o', false)).not.toBe(GenerationCache.keyFor('list pods', 'llama3', false));
    });

    it('keeps answers given with different cluster contexts apart', () => {
      expect(GenerationCache.keyFor('list widgets', 'gpt-4o', false, 'aaaa')).not.toBe(GenerationCache.keyFor('list widgets', 'gpt-4o', false, 'bbbb'));
      expect(GenerationCache.keyFor('list widgets', 'gpt-4o', false, 'aaaa')).not.toBe(GenerationCache.keyFor('list widgets', 'gpt-4o', false));
    });

    it('keeps dry runs apart from real runs, whose verdicts differ', () => {
      expect(GenerationCache.keyFor('scale web to 3', 'gpt-4o', true)).not.toBe(GenerationCache.keyFor('scale web to 3', 'gpt-4o', false));
    });

    it('never puts the query itself in the key', () => {
      const sut = GenerationCache.keyFor('delete everything secret', 'gpt-4o', false);
      expect(sut).toMatch(/^kubectl-agent:generation:v3:[0-9a-f]{64}$/);
    });
  });
});
