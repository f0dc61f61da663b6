/** JSON values as the fake API server stores and serves them, and small readers of dotted paths. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type KubeObject = { [key: string]: Json };

export const at = (o: Json | undefined, path: string): Json | undefined =>
  path.split('.').reduce<Json | undefined>(
    (v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined),
    o,
  );
export const str = (o: KubeObject, path: string, fallback = '<none>'): string => {
  const v = at(o, path);
  return v === undefined || v === null || v === '' ? fallback : String(v);
};
export const list = (o: KubeObject, path: string): KubeObject[] => {
  const v = at(o, path);
  return Array.isArray(v) ? (v as KubeObject[]) : [];
};

export function age(iso: Json | undefined, now: number): string {
  if (typeof iso !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 180 * 60) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}
