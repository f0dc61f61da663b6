import { CommandPolicy } from './command-policy';

describe('the output format an approval carries', () => {
  const sut = new CommandPolicy({ allowWrites: true });

  it.each([
    ['kubectl get deploy -o json', 'get', 'json'],
    ['kubectl get deploy -ojson', 'get', 'json'],
    ['kubectl get deploy -o=json', 'get', 'json'],
    ['kubectl get deploy --output=json', 'get', 'json'],
    ['kubectl get deploy --output json', 'get', 'json'],
    ['kubectl get deploy -o yaml -o json', 'get', 'json'],
    ['kubectl get deploy -o JSON', 'get', 'json'],
    ['kubectl get pod web-0 -oyaml', 'get', 'yaml'],
    ['kubectl get pods', 'get', 'table'],
    ['kubectl get pods -o wide', 'get', 'table'],
    ['kubectl -n x get pods', 'get', 'table'],
    ['kubectl get pods -o custom-columns=NAME:.metadata.name', 'get', 'table'],
    ['kubectl top pods', 'top pod', 'table'],
    ['kubectl rollout history deploy/web', 'rollout history', 'table'],
    ['kubectl auth can-i --list', 'auth can-i', 'table'],
    ["kubectl get pods -o jsonpath='{.items[*].metadata.name}'", 'get', 'text'],
    ['kubectl get pods -o name', 'get', 'text'],
    ['kubectl get pods --no-headers', 'get', 'text'],
    ['kubectl describe pod web-0', 'describe', 'text'],
    ['kubectl logs web-0', 'logs', 'text'],
    ['kubectl version --client', 'version', 'text'],
    ['kubectl -n get describe x', 'describe', 'text'],
    ['kubectl scale deploy/web --replicas=2', 'scale', 'text'],
    ['kubectl create deployment web --image=nginx -o yaml', 'create deployment', 'yaml'],
  ])('%s is kubectl %s printing %s', (command, verb, format) => {
    expect(sut.evaluate(command).approved).toMatchObject({ verb, outputFormat: format });
  });
});
