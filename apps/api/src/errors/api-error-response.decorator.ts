import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const EXAMPLE_REQUEST_ID = 'b3c1f2e0-6a43-4d8f-9f4b-0b3c55f2a1d7';

/** One documented error body: its code and message, and the suggestions of UNKNOWN_RESOURCE / UNKNOWN_NAMESPACE. */
export interface ErrorExample {
  readonly error: string;
  readonly message: string;
  readonly suggestions?: readonly string[];
}

function body(status: number, example: ErrorExample): Record<string, unknown> {
  const { error, message, suggestions } = example;
  return { statusCode: status, error, message, request_id: EXAMPLE_REQUEST_ID, ...(suggestions ? { suggestions } : {}) };
}

/**
 * Documents one error status with the shared error schema and an example of that very status;
 * with several examples, each is a named example (Swagger UI offers them in a list).
 */
export const ApiErrorResponse = (
  status: number,
  description: string,
  example: ErrorExample | readonly ErrorExample[],
): MethodDecorator & ClassDecorator => {
  const examples: readonly ErrorExample[] = 'error' in example ? [example] : example;
  const shown =
    examples.length === 1
      ? { example: body(status, examples[0]) }
      : { examples: Object.fromEntries(examples.map((one) => [one.error, { summary: one.error, value: body(status, one) }])) };
  return applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ApiResponse({
      status,
      description,
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) }, ...shown } },
    }),
  );
};
