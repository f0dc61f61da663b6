import fc from 'fast-check';
import { buildKubectlEnvironment, KUBECTL_ENV_NAMES } from './kubectl-environment';

describe('buildKubectlEnvironment', () => {
  it('passes the allowed variables through unchanged', () => {
    const base = {
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/app',
      KUBECONFIG: '/etc/kube/config',
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      POD_NAMESPACE: 'tools',
    };
    expect(buildKubectlEnvironment(base)).toEqual(base);
  });

  it.each(['KUBECTL_EXTERNAL_DIFF', 'KUBECTL_EDITOR', 'KUBE_EDITOR', 'EDITOR', 'OPENAI_API_KEY', 'API_AUTH_KEY', 'KUBECTL_COMMAND_HEADERS', 'LD_PRELOAD', 'HTTPS_PROXY'])(
    'drops %s',
    (name) => {
      expect(buildKubectlEnvironment({ PATH: '/usr/bin', [name]: 'x' })).toEqual({ PATH: '/usr/bin' });
    },
  );

  it('leaves out unset and empty variables', () => {
    expect(buildKubectlEnvironment({ PATH: '/usr/bin', HOME: '', KUBECONFIG: undefined })).toEqual({ PATH: '/usr/bin' });
  });

  it('never lets anything but the allowed names through', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.option(fc.string(), { nil: undefined })), (base) => {
        const env = buildKubectlEnvironment(base);
        for (const [name, value] of Object.entries(env)) {
          expect(KUBECTL_ENV_NAMES).toContain(name);
          expect(value).toBe(base[name]);
        }
      }),
    );
  });
});
