/** Just enough protobuf to read the type and metadata of a typed `kubectl create` body. */
import { KubeObject } from './kube-json';

type ProtoField = [field: number, value: Buffer | number];

function protoFields(buf: Buffer): ProtoField[] {
  const fields: ProtoField[] = [];
  let i = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; i < buf.length; shift += 7) {
      const byte = buf[i++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    return value;
  };
  while (i < buf.length) {
    const tag = varint();
    const wire = tag & 7;
    if (wire === 0) fields.push([tag >>> 3, varint()]);
    else if (wire === 2) {
      const length = varint();
      fields.push([tag >>> 3, buf.subarray(i, (i += length))]);
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4;
    else break;
  }
  return fields;
}

const protoText = (fields: ProtoField[], n: number): string | undefined => {
  const value = fields.find(([f]) => f === n)?.[1];
  return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
};
const protoMessage = (fields: ProtoField[], n: number): ProtoField[] => {
  const value = fields.find(([f]) => f === n)?.[1];
  return Buffer.isBuffer(value) ? protoFields(value) : [];
};
const protoMap = (fields: ProtoField[], n: number): KubeObject =>
  Object.fromEntries(fields.filter(([f, v]) => f === n && Buffer.isBuffer(v)).map(([, v]) => {
    const entry = protoFields(v as Buffer);
    return [protoText(entry, 1) ?? '', protoText(entry, 2) ?? ''];
  }));

/**
 * Reads only what every object shares (type and the first ObjectMeta fields: name, generateName,
 * namespace, labels, annotations); the spec is dropped, which is enough to answer and record a create.
 */
export function decodeProtobufEnvelope(buf: Buffer): KubeObject {
  const unknown = protoFields(buf);
  const typeMeta = protoMessage(unknown, 1);
  const metadata = protoMessage(protoMessage(unknown, 2), 1);
  const texts = (fields: ProtoField[], names: string[]): KubeObject =>
    Object.fromEntries(names.flatMap((name, i) => (protoText(fields, i + 1) ? [[name, protoText(fields, i + 1) as string]] : [])));
  return {
    ...texts(typeMeta, ['apiVersion', 'kind']),
    metadata: { ...texts(metadata, ['name', 'generateName', 'namespace']), labels: protoMap(metadata, 11), annotations: protoMap(metadata, 12) },
  };
}
