import type { RecordedRequest } from '../support/fake-kube-api-server';
import { effectOf, normalizeSelector } from './request-equivalence';

function request(method: string, path: string, query: Record<string, string> = {}): RecordedRequest {
  return { method, path, query, accept: '', bodyBytes: 0, at: 0, impersonation: {} };
}

describe(normalizeSelector.name, () => {
  it.each([
    ['b=2,a=1', 'a=1, b=2'],
    ['app==web', 'app=web'],
    ['app in (web,api),tier', 'tier,app in (api, web)'],
    ['involvedObject.uid=a96f6c6f-53a7-469d-9bb6-16dbac57a0a5', 'involvedObject.uid=00000000-1111-2222-3333-444444444444'],
  ])('treats %s and %s as the same selector', (a, b) => {
    expect(normalizeSelector(a)).toBe(normalizeSelector(b));
  });

  it.each([
    ['app=web', 'app=api'],
    ['app=web', 'app!=web'],
    ['tier', '!tier'],
  ])('tells %s from %s', (a, b) => {
    expect(normalizeSelector(a)).not.toBe(normalizeSelector(b));
  });
});

describe(effectOf.name, () => {
  it('ignores discovery, limit and continue, and counts a repeated request once', () => {
    const sut = effectOf([
      request('GET', '/api'), request('GET', '/apis'), request('GET', '/api/v1'), request('GET', '/apis/apps/v1'),
      request('GET', '/openapi/v3'), request('GET', '/version'),
      request('GET', '/api/v1/namespaces/prod/pods', { limit: '500', labelSelector: 'b=2,a=1' }),
      request('GET', '/api/v1/namespaces/prod/pods', { limit: '500', continue: 'NTAw', labelSelector: 'a=1,b=2' }),
    ]);
    expect(sut).toEqual(['GET /api/v1/namespaces/prod/pods labels=a=1,b=2']);
  });

  it('keeps the method, cluster-scoped paths and group resources', () => {
    expect(effectOf([request('PATCH', '/apis/apps/v1/namespaces/x/deployments/api/scale'), request('GET', '/api/v1/nodes'), request('GET', '/apis/cert-manager.io/v1/certificates')]))
      .toEqual(['GET /api/v1/nodes', 'GET /apis/cert-manager.io/v1/certificates', 'PATCH /apis/apps/v1/namespaces/x/deployments/api/scale']);
  });
});
