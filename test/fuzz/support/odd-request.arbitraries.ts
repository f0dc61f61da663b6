import { gzipSync } from 'node:zlib';
import * as fc from 'fast-check';
import { OutgoingHttpHeaders } from 'node:http';
import { LoopbackRequest } from '../../faults/support/loopback-client';
import { FUZZ_KEY } from './fuzz-target';
import { oddString } from './odd-input.arbitraries';

/** Characters Node lets a client put in a header value: tab, visible ASCII, space and Latin-1. */
const HEADER_CHARACTER: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('\t', ' '),
  fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);

export const headerValue = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: HEADER_CHARACTER, maxLength });

/**
 * Large, but four of them stay below Node's 16 KB limit for all headers together; past it the
 * request never reaches the app (found-defects.e2e-spec.ts tests that case by name).
 */
const HUGE_HEADER: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 3_000 }), fc.constantFrom('k', 'é', FUZZ_KEY))
  .map(([count, unit]) => unit.repeat(count).slice(0, count));

const HEADER_VALUE: fc.Arbitrary<string | string[]> = fc.oneof(
  fc.constantFrom('', ' ', 'null', 'undefined', 'clé-ünïcødé', '\u00ff\u00fe', 'a, b', 'trace-123', 'Bearer x'),
  headerValue(64),
  HUGE_HEADER,
  fc.array(headerValue(16), { minLength: 2, maxLength: 3 }),
);

const API_KEY: fc.Arbitrary<string | string[] | undefined> = fc.oneof(
  fc.constantFrom(undefined, FUZZ_KEY, ` ${FUZZ_KEY}\t`, `${FUZZ_KEY},${FUZZ_KEY}`, FUZZ_KEY.toUpperCase(), `${FUZZ_KEY}\u00e9`),
  fc.constant<string[]>([FUZZ_KEY, FUZZ_KEY]),
  HEADER_VALUE,
);

const CONTENT_TYPE: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined, 'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16',
    'application/json; charset=latin1', 'application/json; charset=bogus', 'APPLICATION/JSON', 'application/vnd.api+json',
    'application/merge-patch+json', 'text/plain', 'text/html', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/octet-stream', '*/*', 'application/json;;', 'application/', ';', '',
    'json', 'application/json, text/plain',
  ),
  headerValue(40),
);

const ACCEPT: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(undefined, 'application/json', 'text/html', '*/*', '', 'application/xml', 'application/openmetrics-text; version=1.0.0'),
  headerValue(30),
);

const ENCODING = fc.constantFrom(undefined, 'identity', 'gzip', 'gzip (really)', 'deflate', 'br', 'compress', 'bogus', 'gzip, gzip');

export const METHOD = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND');

const KNOWN_PATHS = [
  '/kubectl-command', '/execute', '/health', '/health/ready', '/metrics', '/docs', '/docs/', '/docs-json', '/',
  '/KUBECTL-COMMAND', '/kubectl-command/', '//execute', '/execute/', '/health/', '/metrics/', '/execute/../health',
];
const PATH_SEGMENT: fc.Arbitrary<string> = fc.oneof(
  oddString(12).map((text) => encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?'))),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%AF', '..', '.', '', '%2e%2e', '%00', '%2F', 'kubectl-command', 'health', 'execute', '*'),
);
const QUERY_STRING: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?', '?x=1', '?query=list%20pods', '?%', '?a[b][c]=d', '?__proto__[x]=1', '?x=%zz', '?&&&', '?execute=true'),
  oddString(12).map((text) => `?q=${encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '?'))}`),
);

export const PATH: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KNOWN_PATHS) }, fc.array(PATH_SEGMENT, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`)),
    QUERY_STRING,
  )
  .map(([path, query]) => `${path}${query}`);

const BODY: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined, '', '{}', '{"query":"list the pods"}', '{"execute":"kubectl get pods -n default"}', 'query=list+pods', 'garbage', 'null',
);

/** A request with odd headers; the body is small, the headers are the point. */
export function oddRequest(methods: fc.Arbitrary<string>, paths: fc.Arbitrary<string>): fc.Arbitrary<LoopbackRequest> {
  return fc
    .record({
      method: methods,
      path: paths,
      apiKey: API_KEY,
      requestId: fc.option(HEADER_VALUE, { nil: undefined }),
      contentType: CONTENT_TYPE,
      accept: ACCEPT,
      encoding: ENCODING,
      userAgent: fc.option(fc.oneof(headerValue(64), HUGE_HEADER), { nil: undefined }),
      body: BODY,
    })
    .map(({ method, path, apiKey, requestId, contentType, accept, encoding, userAgent, body }) => {
      const gzip = encoding === 'gzip (really)';
      const headers: OutgoingHttpHeaders = {
        ...(apiKey === undefined ? {} : { 'x-api-key': apiKey }),
        ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
        ...(accept === undefined ? {} : { accept }),
        ...(encoding === undefined ? {} : { 'content-encoding': gzip ? 'gzip' : encoding }),
        ...(userAgent === undefined ? {} : { 'user-agent': userAgent }),
      };
      const payload = body === undefined || method === 'GET' || method === 'HEAD' ? undefined : gzip ? gzipSync(body) : Buffer.from(body);
      // Node's client frames no OPTIONS, DELETE or TRACE body by itself; an unframed body is a
      // transport fault of its own (found-defects.e2e-spec.ts), so every body here is framed.
      if (payload !== undefined) headers['content-length'] = String(payload.length);
      return { method, path, headers, body: payload };
    });
}

/** Any route (known, near-miss or unknown) with any method. */
export const ODD_REQUEST = oddRequest(METHOD, PATH);

/** The two API routes as documented (POST), where headers decide between 200, 400, 401 and 415. */
export const ODD_API_REQUEST = oddRequest(fc.constant('POST'), fc.constantFrom('/kubectl-command', '/execute'));
