import { buildPicture } from './cluster-picture';
import { CHARS_PER_TOKEN, renderPromptContext } from './prompt-context';
import { FIXTURE_RESOURCES, fixturePicture } from './testing/cluster-picture.fixture';

const hidesSecrets = (resource: { name: string }) => resource.name.includes('secret');

describe('prompt context', () => {
  it('names the default namespace, the namespaces and the resource types with their short names', () => {
    const sut = renderPromptContext(fixturePicture(), { namespaces: null, hides: hidesSecrets, budgetTokens: 1_500 });

    expect(sut).toContain('Default namespace: default');
    expect(sut).toContain('Namespaces (4): default, kube-system, team-a, team-b');
    expect(sut).toContain('pods (po)');
    expect(sut).toContain('deployments (deploy)');
    expect(sut).toContain('widgets.example.com (wdg)');
    expect(sut).not.toMatch(/secret/i);
  });

  it('shows a scoped caller only its namespaces', () => {
    const sut = renderPromptContext(fixturePicture(), { namespaces: new Set(['team-a', 'gone']), hides: hidesSecrets, budgetTokens: 1_500 });

    expect(sut).toContain('Namespaces (1): team-a');
    expect(sut).not.toContain('team-b');
    expect(sut).not.toContain('kube-system');
    expect(sut).not.toContain('Default namespace');
  });

  it('lists the first 100 namespaces and counts the rest', () => {
    const namespaces = Array.from({ length: 130 }, (_, index) => `ns-${String(index).padStart(3, '0')}`);
    const sut = renderPromptContext(buildPicture(FIXTURE_RESOURCES, namespaces, 'ns-000', 0), { namespaces: null, hides: hidesSecrets, budgetTokens: 100_000 });

    expect(sut).toContain('ns-099 and 30 more');
    expect(sut).not.toContain('ns-100');
  });

  it('stays within its token budget, saying how many resource types it left out', () => {
    const many = Array.from({ length: 500 }, (_, index) => ({ ...FIXTURE_RESOURCES[1], name: `things${index}`, group: 'example.com' }));
    const sut = renderPromptContext(buildPicture(many, ['default'], 'default', 0), { namespaces: null, hides: hidesSecrets, budgetTokens: 200 });

    expect(sut.length).toBeLessThanOrEqual(200 * CHARS_PER_TOKEN);
    expect(sut).toMatch(/and \d+ more \(kubectl api-resources lists them\)$/);
  });
});
