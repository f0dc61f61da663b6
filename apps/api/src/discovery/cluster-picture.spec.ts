import { buildPicture, parseApiResources, parseNamespaceNames } from './cluster-picture';

/** What kubectl 1.32 prints for `api-resources -o wide` (empty SHORTNAMES and CATEGORIES cells included). */
const API_RESOURCES = [
  'NAME          SHORTNAMES   APIVERSION       NAMESPACED   KIND         VERBS                                                        CATEGORIES',
  'namespaces    ns           v1               false        Namespace    create,delete,deletecollection,get,list,patch,update,watch   ',
  'pods          po           v1               true         Pod          create,delete,deletecollection,get,list,patch,update,watch   all',
  'secrets                    v1               true         Secret       create,delete,deletecollection,get,list,patch,update,watch   ',
  'deployments   deploy       apps/v1          true         Deployment   create,delete,deletecollection,get,list,patch,update,watch   all',
  'widgets       wdg,wd       example.com/v1   true         Widget       get,list                                                     ',
  '',
].join('\n');

describe('cluster picture', () => {
  it('reads api-resources -o wide by the header column positions, empty cells included', () => {
    const sut = parseApiResources(API_RESOURCES);

    expect(sut).toHaveLength(5);
    expect(sut[2]).toEqual({ name: 'secrets', shortNames: [], group: '', version: 'v1', namespaced: true, kind: 'Secret', verbs: expect.arrayContaining(['get', 'list']), categories: [] });
    expect(sut[3]).toMatchObject({ name: 'deployments', shortNames: ['deploy'], group: 'apps', version: 'v1', categories: ['all'] });
    expect(sut[4]).toEqual({ name: 'widgets', shortNames: ['wdg', 'wd'], group: 'example.com', version: 'v1', namespaced: true, kind: 'Widget', verbs: ['get', 'list'], categories: [] });
    expect(sut[0]).toMatchObject({ name: 'namespaces', namespaced: false });
  });

  it.each([[''], ['error: the server could not be reached\n']])('refuses output without the expected header: %j', (stdout) => {
    expect(() => parseApiResources(stdout)).toThrow();
  });

  it('reads namespace names from get namespaces -o name, sorted', () => {
    expect(parseNamespaceNames('namespace/x\nnamespace/default\n\nnamespace/kube-system\n')).toEqual(['default', 'kube-system', 'x']);
  });

  it('fingerprints the contents: equal pictures match, any change shows', () => {
    const resources = parseApiResources(API_RESOURCES);
    const sut = buildPicture(resources, ['default', 'x'], 'default', 1);

    expect(buildPicture(resources, ['x', 'default'], 'default', 2).fingerprint).toBe(sut.fingerprint);
    expect(buildPicture(resources, ['default', 'x', 'y'], 'default', 1).fingerprint).not.toBe(sut.fingerprint);
    expect(buildPicture(resources, ['default', 'x'], 'x', 1).fingerprint).not.toBe(sut.fingerprint);
    expect(buildPicture(resources.slice(1), ['default', 'x'], 'default', 1).fingerprint).not.toBe(sut.fingerprint);
  });
});
