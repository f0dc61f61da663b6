import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { requestContextOf } from '../context/request-context';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { API_ERROR_MESSAGES } from '../errors/error-messages';
import { KEY_REQUIRED } from './access.decorators';
import { ApiKeyVerifier } from './api-key.verifier';

/** Global guard: a route needs a valid X-API-Key unless it is @Public() or no key is configured. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<boolean | undefined>(KEY_REQUIRED, [context.getHandler(), context.getClass()]);
    if (required === false || !this.verifier.enabled) return true;
    const caller = this.verifier.identify(requestContextOf(context));
    if (caller.key === 'none') throw new ApiException(ApiErrorCode.API_KEY_MISSING, API_ERROR_MESSAGES.API_KEY_MISSING);
    if (caller.key === 'invalid') throw new ApiException(ApiErrorCode.API_KEY_INVALID, API_ERROR_MESSAGES.API_KEY_INVALID);
    return true;
  }
}
