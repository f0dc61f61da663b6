import { applyDecorators, SetMetadata } from '@nestjs/common';
import { SkipThrottle } from '@nestjs/throttler';

export const IS_PUBLIC_ROUTE = 'kubectl-agent:public-route';

/** Marks a route as open to everyone: no API key, no rate limit. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC_ROUTE, true), SkipThrottle());
