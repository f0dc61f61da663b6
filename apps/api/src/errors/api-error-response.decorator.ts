import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto';

const EXAMPLE_REQUEST_ID = 'b3c1f2e0-6a43-4d8f-9f4b-0b3c55f2a1d7';

/** Documents one error status with the shared error schema and an example of that very status. */
export const ApiErrorResponse = (
  status: number,
  description: string,
  example: { readonly error: string; readonly message: string },
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ErrorResponseDto),
    ApiResponse({
      status,
      description,
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ErrorResponseDto) },
          example: { statusCode: status, error: example.error, message: example.message, request_id: EXAMPLE_REQUEST_ID },
        },
      },
    }),
  );
