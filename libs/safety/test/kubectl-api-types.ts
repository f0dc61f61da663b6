/**
 * The API types compiled into a kubectl binary, read from the gzipped protobuf file descriptors
 * its generated code registers (`k8s.io/api/<group>/<version>/generated.proto`): for each Go
 * package, the message names. Only what the built-in table check needs: no protobuf library,
 * just the two fields of FileDescriptorProto and DescriptorProto it reads.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { constants, inflateRawSync } from 'node:zlib';

/** `k8s.io/api/apps/v1` -> message names (`Deployment`, `DeploymentList`, ...). */
export type ApiPackages = Map<string, Set<string>>;

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);
const GZIP_HEADER_BYTES = 10;
/** Larger than any descriptor of k8s.io/api (core/v1 inflates to about 300 KiB from far less). */
const MAX_COMPRESSED_BYTES = 512 * 1024;

function readVarint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let next = at;
  for (;;) {
    const byte = bytes[next++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, next];
    shift += 7;
  }
}

/** The length-delimited fields of one protobuf message, by field number (other wire types skipped). */
function lengthDelimited(bytes: Buffer): Array<[field: number, value: Buffer]> {
  const fields: Array<[number, Buffer]> = [];
  let at = 0;
  while (at < bytes.length) {
    const [key, afterKey] = readVarint(bytes, at);
    const wireType = key & 7;
    const field = Math.floor(key / 8);
    if (wireType === 0) [, at] = readVarint(bytes, afterKey);
    else if (wireType === 1) at = afterKey + 8;
    else if (wireType === 5) at = afterKey + 4;
    else if (wireType === 2) {
      const [length, start] = readVarint(bytes, afterKey);
      fields.push([field, bytes.subarray(start, start + length)]);
      at = start + length;
    } else throw new Error(`unexpected wire type ${wireType}`);
  }
  return fields;
}

/** FileDescriptorProto: 1 name, 4 message_type (DescriptorProto: 1 name). */
function readDescriptor(descriptor: Buffer): { file: string; messages: string[] } | undefined {
  try {
    const fields = lengthDelimited(descriptor);
    const file = fields.find(([field]) => field === 1)?.[1].toString('utf8');
    if (!file?.startsWith('k8s.io/') || !file.endsWith('/generated.proto')) return undefined;
    const messages = fields
      .filter(([field]) => field === 4)
      .map(([, message]) => lengthDelimited(message).find(([field]) => field === 1)?.[1].toString('utf8') ?? '');
    return { file, messages };
  } catch {
    return undefined;
  }
}

/** The binary `kubectl` on PATH runs (symbolic links followed). */
export function kubectlBinary(): string {
  return realpathSync(execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim());
}

/** Every k8s.io API package whose descriptor the binary carries, with its message names. */
export function readApiPackages(binary: string): ApiPackages {
  const bytes = readFileSync(binary);
  const packages: ApiPackages = new Map();
  for (let at = bytes.indexOf(GZIP_MAGIC); at >= 0; at = bytes.indexOf(GZIP_MAGIC, at + 1)) {
    let inflated: Buffer;
    try {
      const compressed = bytes.subarray(at + GZIP_HEADER_BYTES, at + GZIP_HEADER_BYTES + MAX_COMPRESSED_BYTES);
      inflated = inflateRawSync(compressed, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      continue;
    }
    const descriptor = readDescriptor(inflated);
    if (descriptor) packages.set(descriptor.file.replace(/\/generated\.proto$/, ''), new Set(descriptor.messages));
  }
  return packages;
}
