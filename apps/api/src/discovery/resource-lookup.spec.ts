import { lookUpResource, suggestResources } from './resource-lookup';
import { closest, editDistance } from './suggestions';
import { fixturePicture } from './testing/cluster-picture.fixture';

describe('resource lookup', () => {
  const picture = fixturePicture();

  it.each([
    ['pods'], ['po'], ['pod'], ['Pod'], ['PODS'], ['pods.v1'], ['deployments.apps'], ['deploy.v1.apps'], ['Deployment.apps'],
    ['widgets'], ['wdg'], ['widget'], ['Widget'], ['widgets.example.com'], ['wdg.example.com'], ['widgets.v1.example.com'],
  ])('finds %s', (written) => {
    expect(lookUpResource(picture, written)).not.toHaveLength(0);
  });

  it.each([['all']])('accepts the category %s', (written) => {
    expect(lookUpResource(picture, written)).toBe('category');
  });

  it.each([['gadgets'], ['widgets.example.org'], ['pods.apps'], ['deployments.v2.apps'], ['podz']])('finds nothing for %s', (written) => {
    expect(lookUpResource(picture, written)).toEqual([]);
  });

  it.each([
    ['widgest', ['widgets.example.com']],
    ['wigdets.example.com', ['widgets.example.com']],
    ['deploymnet', ['deployments']],
    ['servce', ['services']],
    ['zzzzzzzzzzzz', []],
  ])('suggests for %s: %j', (written, expected) => {
    expect(suggestResources(picture, written, (resource) => resource.name.includes('secret'))).toEqual(expected);
  });

  it('suggests at most three names, closest first', () => {
    expect(closest('teama', ['team-a', 'team-b', 'team-c', 'team-d', 'teama-x'].map((name) => [name, name] as const))).toEqual(['team-a', 'team-b', 'team-c']);
  });

  it.each([['', '', 0], ['pods', 'pods', 0], ['pods', 'pod', 1], ['widgest', 'widgets', 2], ['kitten', 'sitting', 3]])('measures %j to %j as %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });
});
