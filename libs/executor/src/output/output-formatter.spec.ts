import { formatKubectlOutput } from './output-formatter';

const PODS = 'NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          3h\n';
const JSON_LIST = '{"apiVersion":"v1","kind":"List","items":[{"kind":"Deployment","metadata":{"name":"api"}}]}';
const YAML_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n';

describe('formatKubectlOutput', () => {
  it('parses JSON when the command prints JSON', () => {
    expect(formatKubectlOutput('json', JSON_LIST)).toEqual({ type: 'json', data: JSON.parse(JSON_LIST), raw: JSON_LIST });
  });

  it('parses YAML when the command prints YAML', () => {
    expect(formatKubectlOutput('yaml', YAML_POD)).toEqual({
      type: 'yaml',
      data: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0' } },
      raw: YAML_POD,
    });
  });

  it('reads a table keyed by column when the command prints one', () => {
    expect(formatKubectlOutput('table', PODS)).toMatchObject({ type: 'table', columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], raw: PODS });
  });

  it('returns several tables for `get all`', () => {
    const raw = `${PODS}\nNAME                 TYPE        CLUSTER-IP\nservice/kubernetes   ClusterIP   10.96.0.1\n`;
    const result = formatKubectlOutput('table', raw);
    expect(result).toMatchObject({ type: 'tables', raw });
    expect(result.type === 'tables' && result.tables.map((t) => t.rows.length)).toEqual([1, 1]);
  });

  it.each([
    ['invalid JSON', 'json', '{"items": ['],
    ['invalid YAML', 'yaml', 'key: [unclosed\n  - x: :'],
    ['YAML that is not a document', 'yaml', 'just words'],
    ['text output, even when it looks like a table', 'text', 'LEVEL   MESSAGE\nINFO    started\n'],
    ['a table that does not parse', 'table', 'web-0   1/1   Running   0   3h\n'],
    ['empty output', 'table', ''],
  ] as const)('falls back to text for %s', (_case, format, raw) => {
    expect(formatKubectlOutput(format, raw)).toEqual({ type: 'text', data: raw, raw });
  });
});
