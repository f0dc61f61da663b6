import { formatKubectlOutput } from './output-formatter';

const PODS = 'NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          3h\n';
const JSON_LIST = '{"apiVersion":"v1","kind":"List","items":[{"kind":"Deployment","metadata":{"name":"api"}}]}';
const YAML_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n';

describe('formatKubectlOutput', () => {
  it.each([
    [['get', 'deploy', '-o', 'json']],
    [['get', 'deploy', '-ojson']],
    [['get', 'deploy', '-o=json']],
    [['get', 'deploy', '--output=json']],
    [['get', 'deploy', '--output', 'json']],
    [['get', 'deploy', '-o', 'yaml', '-o', 'json']],
  ])('parses JSON when argv %j asks for it', (argv) => {
    expect(formatKubectlOutput(argv, JSON_LIST)).toEqual({ type: 'json', data: JSON.parse(JSON_LIST), raw: JSON_LIST });
  });

  it.each([[['get', 'pod', 'web-0', '-o', 'yaml']], [['get', 'pod', 'web-0', '--output=yaml']], [['get', 'pod', 'web-0', '-oyaml']]])(
    'parses YAML when argv %j asks for it',
    (argv) => {
      expect(formatKubectlOutput(argv, YAML_POD)).toEqual({ type: 'yaml', data: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' } }, raw: YAML_POD });
    },
  );

  it.each([
    [['get', 'pods']],
    [['get', 'pods', '-o', 'wide']],
    [['-n', 'x', 'get', 'pods']],
    [['--context', 'prod', 'get', 'pods']],
    [['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name']],
    [['top', 'pods']],
  ])('reads a table for %j', (argv) => {
    expect(formatKubectlOutput(argv, PODS)).toMatchObject({ type: 'table', columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], raw: PODS });
  });

  it('returns several tables for `get all`', () => {
    const raw = `${PODS}\nNAME                 TYPE        CLUSTER-IP\nservice/kubernetes   ClusterIP   10.96.0.1\n`;
    const result = formatKubectlOutput(['get', 'all'], raw);
    expect(result).toMatchObject({ type: 'tables', raw });
    expect(result.type === 'tables' && result.tables.map((t) => t.rows.length)).toEqual([1, 1]);
  });

  it.each([
    ['invalid JSON', ['get', 'pods', '-o', 'json'], '{"items": ['],
    ['invalid YAML', ['get', 'pods', '-o', 'yaml'], 'key: [unclosed\n  - x: :'],
    ['YAML that is not a document', ['get', 'pods', '-o', 'yaml'], 'just words'],
    ['jsonpath output', ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'], 'web-0 nginx'],
    ['-o name output', ['get', 'pods', '-o', 'name'], 'pod/web-0\n'],
    ['--no-headers output', ['get', 'pods', '--no-headers'], 'web-0   1/1   Running   0   3h\n'],
    ['--no-headers output that starts in capitals', ['get', 'nodes', '--no-headers'], 'NODE-A   Ready   <none>   30d\n'],
    ['describe output', ['describe', 'pod', 'web-0'], 'Name:         web-0\nNamespace:    default\n'],
    ['logs that look like a table', ['logs', 'web-0'], 'LEVEL   MESSAGE\nINFO    started\n'],
    ['version output', ['version', '--client'], 'Client Version: v1.32.4\n'],
    ['empty output', ['get', 'pods'], ''],
    ['a flag value that looks like a verb', ['-n', 'get', 'describe', 'x'], PODS],
  ])('falls back to text for %s', (_case, argv, raw) => {
    expect(formatKubectlOutput(argv, raw)).toEqual({ type: 'text', data: raw, raw });
  });
});
