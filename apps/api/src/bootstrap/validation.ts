import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';

function messagesOf(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}),
    ...messagesOf(error.children ?? []),
  ]);
}

/** Validates bodies against their DTOs and answers 400 naming every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const messages = messagesOf(errors);
      const message = messages.length > 0 ? messages.join('; ') : 'The request body must be a JSON object.';
      return new ApiException(400, ApiErrorCode.VALIDATION_FAILED, message, messages);
    },
  });
}
