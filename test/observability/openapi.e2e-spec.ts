import SwaggerParser from '@apidevtools/swagger-parser';
import Ajv from 'ajv';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import {
  exampleOf,
  HTTP_METHODS,
  MediaTypeObject,
  OpenApiDocument,
  OperationObject,
  toJsonSchema,
} from './support/openapi-example';

/** Every status each operation can answer; the docs must list each one. */
const STATUSES_BY_OPERATION: Record<string, string[]> = {
  'POST /kubectl-command': ['200', '400', '401', '403', '413', '422', '429', '502', '503', '504'],
  'POST /execute': ['200', '400', '401', '403', '413', '429', '503'],
  'GET /health': ['200'],
  'GET /health/ready': ['200', '503'],
  'GET /whoami': ['200', '401', '429'],
};
const PROTECTED_OPERATIONS = ['POST /kubectl-command', 'POST /execute', 'GET /whoami'];
const DOCUMENTED_STATUSES = Object.entries(STATUSES_BY_OPERATION).flatMap(([operation, statuses]) =>
  statuses.map((status) => [operation, status] as const),
);

function operationsOf(doc: OpenApiDocument): Map<string, OperationObject> {
  const operations = new Map<string, OperationObject>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      if (item[method]) operations.set(`${method.toUpperCase()} ${path}`, item[method]);
    }
  }
  return operations;
}

// Booting the app and its loopback servers takes a few seconds on the slow CI machine; Jest's default is 5 s.
jest.setTimeout(30_000);

describe('the OpenAPI document at /docs-json', () => {
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  let doc: OpenApiDocument;
  let resolved: OpenApiDocument;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });

  beforeAll(async () => {
    llm = await startScriptedLlmServer();
    sut = await startApp({ OPENAI_BASE_URL: llm.baseUrl, API_AUTH_KEY: 'docs-key' });
    doc = (await request(sut.url).get('/docs-json').expect(200).expect('Content-Type', /json/)).body as OpenApiDocument;
    resolved = (await SwaggerParser.dereference(structuredClone(doc) as never)) as unknown as OpenApiDocument;
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
  });

  const mediaOf = (operation: string, status: string): MediaTypeObject | undefined =>
    operationsOf(resolved).get(operation)?.responses?.[status]?.content?.['application/json'];

  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('documents every operation of the API', () => {
    expect([...operationsOf(doc).keys()]).toEqual(expect.arrayContaining(Object.keys(STATUSES_BY_OPERATION)));
  });

  it('declares the API-key scheme: X-API-Key in a header', () => {
    expect(doc.components?.securitySchemes?.['api-key']).toEqual(expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }));
  });

  it('applies the API-key scheme to exactly the protected operations', () => {
    const secured = [...operationsOf(doc)]
      .filter(([, operation]) => (operation.security ?? doc.security ?? []).some((requirement) => Object.keys(requirement).length > 0))
      .map(([name]) => name);

    expect(secured.sort()).toEqual([...PROTECTED_OPERATIONS].sort());
    for (const name of PROTECTED_OPERATIONS) {
      expect(operationsOf(doc).get(name)?.security ?? doc.security).toEqual([{ 'api-key': [] }]);
    }
  });

  it.each(Object.entries(STATUSES_BY_OPERATION))('lists every status %s can answer', (operation, statuses) => {
    const documented = Object.keys(operationsOf(doc).get(operation)?.responses ?? {});

    expect(statuses.filter((status) => !documented.includes(status))).toEqual([]);
  });

  it.each(DOCUMENTED_STATUSES)('documents %s %s with a JSON schema and an example', (operation, status) => {
    const media = mediaOf(operation, status);

    expect(media?.schema).toEqual(expect.any(Object));
    expect(media && exampleOf(media)).not.toBeUndefined();
  });

  it.each(DOCUMENTED_STATUSES)('gives %s %s an example that fits its schema and status', (operation, status) => {
    const media = mediaOf(operation, status);
    const example = media && exampleOf(media);
    if (!media?.schema || example === undefined) throw new Error(`${operation} ${status} has no JSON schema or example`);

    const validate = ajv.compile(toJsonSchema(media.schema));
    expect(validate(example) ? [] : validate.errors).toEqual([]);
    if (Number(status) >= 400 && example !== null && typeof example === 'object' && 'statusCode' in example) {
      expect(example.statusCode).toBe(Number(status));
    }
  });

  it('gives every other documented response a schema and an example too', () => {
    const incomplete = [...operationsOf(resolved)].flatMap(([name, operation]) =>
      Object.entries(operation.responses ?? {})
        .filter(([, response]) => !Object.values(response.content ?? {}).some((media) => media.schema && exampleOf(media) !== undefined))
        .map(([status]) => `${name} ${status}`),
    );

    expect(incomplete).toEqual([]);
  });
});
