import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { API_ERROR_MESSAGES } from '../errors/error-messages';

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
      const message = messages.length > 0 ? messages.join('; ') : API_ERROR_MESSAGES.NOT_AN_OBJECT;
      return new ApiException(ApiErrorCode.VALIDATION_FAILED, message, messages);
    },
  });
}
