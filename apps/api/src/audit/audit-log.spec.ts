import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '@app/config';
import { CommandPolicy } from '@app/safety';
import { RequestContext } from '../context/request-context';
import { AuditLog } from './audit-log';

describe(AuditLog.name, () => {
  const policy = new CommandPolicy({ allowWrites: false });
  const context = new RequestContext('req-audit', '127.0.0.1', {}, () => '/execute');
  let folder: string;
  let path: string;
  let sut: AuditLog;

  /** The lines written so far, once the asynchronous writer has written one. */
  async function lines(): Promise<Array<Record<string, unknown>>> {
    const deadline = Date.now() + 5_000;
    while (!(existsSync(path) && readFileSync(path, 'utf8').endsWith('\n')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'audit-'));
    path = join(folder, 'audit.log');
    sut = new AuditLog({ audit: { kind: 'file', path } } as unknown as AppConfig);
  });
  afterEach(async () => {
    await lines();
    await sut.onApplicationShutdown();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps a line recorded just before a stop that comes before its file is open', async () => {
    const early = new AuditLog({ audit: { kind: 'file', path: join(folder, 'early.log') } } as unknown as AppConfig);
    const command = 'kubectl get pods -n team-a';
    early.record({ endpoint: '/execute', command, verdict: policy.evaluate(command), query: null, dryRun: false, startedAt: new Date() }, context, null);

    await early.onApplicationShutdown();

    expect(readFileSync(join(folder, 'early.log'), 'utf8')).toContain('"request_id":"req-audit"');
  });

  it("writes the policy's decision and code for a judged command", async () => {
    const command = 'kubectl get pods -n team-a';
    sut.record({ endpoint: '/execute', command, verdict: policy.evaluate(command), query: null, dryRun: false, startedAt: new Date() }, context, null);

    expect(await lines()).toEqual([expect.objectContaining({ log: 'audit', request_id: 'req-audit', command, decision: 'read', code: 'READ_ALLOWED', executed: false })]);
  });

  it('writes a refusal raised after the policy allowed the command as a denial with its own code', async () => {
    const command = 'kubectl get widgest -n team-a';
    sut.record(
      { endpoint: '/kubectl-command', command, verdict: policy.evaluate(command), query: 'list widgets', dryRun: false, startedAt: new Date(), refusal: 'UNKNOWN_RESOURCE' },
      context,
      null,
    );

    expect(await lines()).toEqual([
      expect.objectContaining({ endpoint: '/kubectl-command', query: 'list widgets', command, decision: 'deny', code: 'UNKNOWN_RESOURCE', executed: false, outcome: null }),
    ]);
  });
});
