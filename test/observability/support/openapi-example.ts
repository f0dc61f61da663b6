/** Just enough of OpenAPI 3.0 (after dereferencing: no `$ref` left) for the documentation checks. */
export interface SchemaObject {
  type?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  allOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
}

export interface MediaTypeObject {
  schema?: SchemaObject;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  security?: Record<string, string[]>[];
  responses?: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: string;
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, OperationObject>>;
  components?: { securitySchemes?: Record<string, Record<string, unknown>>; schemas?: Record<string, SchemaObject> };
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function fromObjectSchema(schema: SchemaObject): Record<string, unknown> | undefined {
  const required = new Set(schema.required ?? []);
  const example: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = exampleFromSchema(property);
    if (value !== undefined) example[name] = value;
    else if (required.has(name)) return undefined;
  }
  return example;
}

function fromAllOf(parts: SchemaObject[]): unknown {
  const examples = parts.map(exampleFromSchema);
  if (examples.some((example) => example === undefined)) return undefined;
  if (examples.length === 1) return examples[0];
  return examples.every(isPlainObject) ? Object.assign({}, ...examples) : undefined;
}

/**
 * The example a reader of the docs would see for a schema: its own `example`, else one composed
 * from its parts (properties, items, allOf) the way Swagger UI composes one. Undefined when a
 * required part has no example, enum or default to show: the reader would only see "string".
 */
export function exampleFromSchema(schema: SchemaObject): unknown {
  if (schema.example !== undefined) return schema.example;
  let example: unknown;
  if (schema.allOf) example = fromAllOf(schema.allOf);
  else if (schema.oneOf ?? schema.anyOf) example = (schema.oneOf ?? schema.anyOf ?? []).map(exampleFromSchema).find((e) => e !== undefined);
  else if (schema.enum && schema.enum.length > 0) example = schema.enum[0];
  else if (schema.default !== undefined) example = schema.default;
  else if (schema.properties) example = fromObjectSchema(schema);
  else if (schema.type === 'array' && schema.items) {
    const item = exampleFromSchema(schema.items);
    example = item === undefined ? undefined : [item];
  }
  if (example === undefined && schema.nullable) return null;
  return example;
}

/** The example of a media type: given on it (example / examples), or composed from its schema. */
export function exampleOf(media: MediaTypeObject): unknown {
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {}).find((entry) => entry.value !== undefined);
  if (named) return named.value;
  return media.schema ? exampleFromSchema(media.schema) : undefined;
}

/**
 * The JSON Schema an OpenAPI 3.0 schema means, read the way Swagger UI and most generators read
 * it: `nullable: true` admits null even next to `allOf` (the 3.0 text leaves that ambiguous).
 */
export function toJsonSchema(schema: SchemaObject): Record<string, unknown> {
  const { nullable, properties, items, allOf, oneOf, anyOf, ...rest } = schema;
  const converted: Record<string, unknown> = { ...rest };
  if (properties) converted.properties = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, toJsonSchema(s)]));
  if (items) converted.items = toJsonSchema(items);
  if (allOf) converted.allOf = allOf.map(toJsonSchema);
  if (oneOf) converted.oneOf = oneOf.map(toJsonSchema);
  if (anyOf) converted.anyOf = anyOf.map(toJsonSchema);
  return nullable ? { anyOf: [{ type: 'null' }, converted] } : converted;
}
