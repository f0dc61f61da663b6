import { applyDecorators } from '@nestjs/common';
import { ApiSecurity, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';

export const API_KEY_SECURITY = 'api-key';

/** Documents what the global API-key guard and throttler enforce on a route. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiSecurity(API_KEY_SECURITY),
    ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'X-API-Key missing or invalid (API_KEY_MISSING, API_KEY_INVALID).' }),
    ApiTooManyRequestsResponse({ type: ErrorResponseDto, description: 'RATE_LIMIT exceeded; see the Retry-After header.' }),
  );
