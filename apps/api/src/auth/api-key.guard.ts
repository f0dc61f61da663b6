import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { API_KEY_HEADER, ApiKeyVerifier } from './api-key.verifier';
import { IS_PUBLIC_ROUTE } from './public.decorator';

/** Global guard: every route needs a valid X-API-Key unless it is @Public() or auth is disabled. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic || !this.verifier.enabled) return true;

    const key = this.verifier.keyOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (!key) {
      throw new ApiException(401, ApiErrorCode.API_KEY_MISSING, `Send your API key in the ${API_KEY_HEADER} header.`);
    }
    if (!key.valid) {
      throw new ApiException(401, ApiErrorCode.API_KEY_INVALID, `The ${API_KEY_HEADER} header does not hold a valid API key.`);
    }
    return true;
  }
}
