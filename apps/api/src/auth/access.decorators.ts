import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { ApiErrorResponse } from '../errors/api-error-response.decorator';
import { API_ERROR_MESSAGES } from '../errors/error-messages';

export const API_KEY_SECURITY = 'api-key';
/** Route metadata read by ApiKeyGuard: whether the route needs a key. Routes without it need one. */
export const KEY_REQUIRED = 'kubectl-agent:key-required';

/** Needs a valid X-API-Key (when keys are configured) and counts against RATE_LIMIT: enforced and documented. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(KEY_REQUIRED, true),
    ApiSecurity(API_KEY_SECURITY),
    ApiErrorResponse(401, 'X-API-Key missing or invalid (API_KEY_MISSING, API_KEY_INVALID).', {
      error: 'API_KEY_INVALID',
      message: API_ERROR_MESSAGES.API_KEY_INVALID,
    }),
    ApiErrorResponse(429, 'RATE_LIMIT exceeded; the Retry-After header says when to retry.', {
      error: 'RATE_LIMITED',
      message: API_ERROR_MESSAGES.RATE_LIMITED,
    }),
  );

/** Open to everyone: no API key, no rate limit, no security requirement in the OpenAPI document. */
export const Public = (): MethodDecorator & ClassDecorator => applyDecorators(SetMetadata(KEY_REQUIRED, false), SkipThrottle());
