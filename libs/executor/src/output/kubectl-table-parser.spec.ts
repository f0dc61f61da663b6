import { parseKubectlTables } from './kubectl-table-parser';

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('parseKubectlTables', () => {
  it('reads `get pods` into rows keyed by header, in column order', () => {
    const text = lines(
      'NAME                     READY   STATUS    RESTARTS      AGE',
      'nginx-7c5ddbdf54-2xkqz   1/1     Running   0             3h',
      'web-0                    0/1     Error     2 (5m ago)    3h',
    );
    expect(parseKubectlTables(text)).toEqual([
      {
        columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
        rows: [
          { NAME: 'nginx-7c5ddbdf54-2xkqz', READY: '1/1', STATUS: 'Running', RESTARTS: '0', AGE: '3h' },
          { NAME: 'web-0', READY: '0/1', STATUS: 'Error', RESTARTS: '2 (5m ago)', AGE: '3h' },
        ],
      },
    ]);
  });

  it('keeps values with spaces together, as in the events LAST SEEN column', () => {
    const text = lines(
      'LAST SEEN         TYPE      REASON    OBJECT                       MESSAGE',
      '3h (x2 over 5m)   Normal    Pulled    pod/nginx-7c5ddbdf54-2xkqz   Container image "nginx:1.27" already present on machine',
      '65s               Warning   BackOff   pod/web-0                    Back-off restarting failed container web in pod web-0_default',
    );
    const [table] = parseKubectlTables(text) ?? [];
    expect(table.columns).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    expect(table.rows[0]).toEqual({
      'LAST SEEN': '3h (x2 over 5m)',
      TYPE: 'Normal',
      REASON: 'Pulled',
      OBJECT: 'pod/nginx-7c5ddbdf54-2xkqz',
      MESSAGE: 'Container image "nginx:1.27" already present on machine',
    });
  });

  it('gives the last column the rest of the line, double spaces included', () => {
    const text = lines('TYPE     MESSAGE', 'Normal   Scaled up  replica set  to 3');
    expect(parseKubectlTables(text)?.[0].rows).toEqual([{ TYPE: 'Normal', MESSAGE: 'Scaled up  replica set  to 3' }]);
  });

  it('keeps empty cells in their column (events -o wide SUBOBJECT)', () => {
    const text = lines(
      'LAST SEEN         TYPE     REASON   OBJECT                       SUBOBJECT   SOURCE    MESSAGE         FIRST SEEN   COUNT   NAME',
      '5m (x2 over 3h)   Normal   Pulled   pod/nginx-7c5ddbdf54-2xkqz               kubelet   Image present   3h           2       nginx.17a1',
    );
    expect(parseKubectlTables(text)?.[0].rows[0]).toMatchObject({ SUBOBJECT: '', SOURCE: 'kubelet', 'FIRST SEEN': '3h', COUNT: '2', NAME: 'nginx.17a1' });
  });

  it('reads a row shorter than the header as empty trailing cells', () => {
    const text = lines('NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)', 'svc-a   ClusterIP   10.0.0.1');
    expect(parseKubectlTables(text)?.[0].rows[0]).toEqual({ NAME: 'svc-a', TYPE: 'ClusterIP', 'CLUSTER-IP': '10.0.0.1', 'EXTERNAL-IP': '', 'PORT(S)': '' });
  });

  it('accepts lowercase inside parentheses (`kubectl top`) and a leading empty cell (`config get-contexts`)', () => {
    const top = lines('NAME     CPU(cores)   MEMORY(bytes)', 'node-1   250m         1024Mi');
    expect(parseKubectlTables(top)?.[0].rows[0]).toEqual({ NAME: 'node-1', 'CPU(cores)': '250m', 'MEMORY(bytes)': '1024Mi' });
    const contexts = lines('CURRENT   NAME   CLUSTER', '*         prod   prod-cluster', '          dev    dev-cluster');
    expect(parseKubectlTables(contexts)?.[0].rows[1]).toEqual({ CURRENT: '', NAME: 'dev', CLUSTER: 'dev-cluster' });
  });

  it('returns one table per blank-line separated block (`get all`)', () => {
    const text = [
      'NAME                         READY   STATUS    RESTARTS   AGE',
      'pod/nginx-7c5ddbdf54-2xkqz   1/1     Running   0          3h',
      '',
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   30d',
      '',
    ].join('\n');
    const tables = parseKubectlTables(text);
    expect(tables?.map((t) => t.columns[1])).toEqual(['READY', 'TYPE']);
    expect(tables?.[1].rows[0]['PORT(S)']).toBe('443/TCP');
  });

  it('slices by characters, not UTF-16 units, after astral characters', () => {
    // Go's tabwriter pads by code points: the rocket counts as one character.
    const text = lines('NAME   LABEL   AGE', 'a      🚀x      3h', 'b      y       4h');
    expect(parseKubectlTables(text)?.[0].rows).toEqual([
      { NAME: 'a', LABEL: '🚀x', AGE: '3h' },
      { NAME: 'b', LABEL: 'y', AGE: '4h' },
    ]);
  });

  it('reads CRLF output', () => {
    expect(parseKubectlTables('NAME   AGE\r\npod-a   1m\r\n')?.[0].rows).toEqual([{ NAME: 'pod-a', AGE: '1m' }]);
  });

  it.each([
    ['--no-headers output', 'nginx-7c5ddbdf54-2xkqz   1/1   Running   0   3h\n'],
    ['-o name output', 'pod/nginx\npod/web-0\n'],
    ['a header with lowercase words', 'Name:   nginx\nNamespace:   default\n'],
    ['duplicate header cells', 'NAME   NAME\na      b\n'],
    ['an indented first line', '   NAME   AGE\n'],
    ['a later block without a header', 'NAME   AGE\na      1m\n\nsomething else\n'],
    ['blank output', '\n\n'],
  ])('returns null for %s', (_case, text) => {
    expect(parseKubectlTables(text)).toBeNull();
  });
});
