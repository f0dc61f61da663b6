import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiErrorResponse } from '../errors/api-error-response.decorator';

export const API_KEY_SECURITY = 'api-key';

/** Documents what the global API-key guard and throttler enforce on a route. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiSecurity(API_KEY_SECURITY),
    ApiErrorResponse(401, 'X-API-Key missing or invalid (API_KEY_MISSING, API_KEY_INVALID).', {
      error: 'API_KEY_INVALID',
      message: 'The X-API-Key header does not hold a valid API key.',
    }),
    ApiErrorResponse(429, 'RATE_LIMIT exceeded; the Retry-After header says when to retry.', {
      error: 'RATE_LIMITED',
      message: 'Rate limit exceeded (RATE_LIMIT); retry after the number of seconds in the Retry-After header.',
    }),
  );
