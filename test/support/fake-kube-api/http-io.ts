/** Reading request bodies and writing answers, streamed when they are large. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { Json, KubeObject } from './kube-json';
import { decodeProtobufEnvelope } from './protobuf';

export function sendJson(res: ServerResponse, code: number, body: Json): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `{...head, [key]: [items]}` item by item, honouring back-pressure, so nothing big is built in memory. */
export async function streamDocument(res: ServerResponse, head: KubeObject, key: string, items: Iterable<Json>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  let chunk = JSON.stringify({ ...head, [key]: [] }).slice(0, -2);
  let separator = '';
  for (const item of items) {
    chunk += separator + JSON.stringify(item);
    separator = ',';
    if (chunk.length < 64 * 1024) continue;
    if (res.destroyed) return;
    if (!res.write(chunk)) await waitForDrain(res);
    chunk = '';
  }
  if (!res.destroyed) res.end(`${chunk}]}`);
}

export function* take<T>(items: Iterable<T>, skip: number, count: number): Generator<T> {
  if (count <= 0) return;
  let index = 0;
  for (const item of items) {
    if (index++ < skip) continue;
    yield item;
    if (index - skip >= count) return;
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON, YAML (server-side apply) or kubectl's protobuf envelope (typed `kubectl create`). */
export function parseBody(body: Buffer): Json | undefined {
  if (body.subarray(0, 4).toString('latin1') === 'k8s\0') return decodeProtobufEnvelope(body.subarray(4));
  try {
    return parseYaml(body.toString('utf8')) as Json;
  } catch {
    return undefined;
  }
}
