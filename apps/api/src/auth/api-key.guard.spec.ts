import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { loadAppConfig } from '@app/config';
import { ApiException } from '../errors/api-error-code';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyVerifier } from './api-key.verifier';
import { CallerRegistry } from './caller-registry';

function contextWith(headers: Record<string, string>): ExecutionContext {
  const request = { headers };
  return {
    getHandler: () => contextWith,
    getClass: () => ApiKeyGuard,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

function guardFor(apiAuthKey: string | undefined, isPublic = false): ApiKeyGuard {
  const reflector = { getAllAndOverride: () => (isPublic ? false : undefined) } as unknown as Reflector;
  return new ApiKeyGuard(reflector, new ApiKeyVerifier(new CallerRegistry(loadAppConfig({ API_AUTH_KEY: apiAuthKey }))));
}

describe(ApiKeyGuard.name, () => {
  it.each([
    ['the only key', 'secret', { 'x-api-key': 'secret' }],
    ['the old key during rotation', 'old,new', { 'x-api-key': 'old' }],
    ['the new key during rotation', 'old,new', { 'x-api-key': 'new' }],
    ['any request when authentication is disabled', undefined, {}],
  ])('lets through %s', (_case, keys, headers) => {
    expect(guardFor(keys).canActivate(contextWith(headers))).toBe(true);
  });

  it.each([
    ['no header', {}, 'API_KEY_MISSING'],
    ['an empty header', { 'x-api-key': '' }, 'API_KEY_MISSING'],
    ['a wrong key', { 'x-api-key': 'guess' }, 'API_KEY_INVALID'],
    ['a prefix of the key', { 'x-api-key': 'secr' }, 'API_KEY_INVALID'],
    ['the key with a suffix', { 'x-api-key': 'secret2' }, 'API_KEY_INVALID'],
    ['the key in another case', { 'x-api-key': 'SECRET' }, 'API_KEY_INVALID'],
    ['the whole comma-separated setting', { 'x-api-key': 'secret,other' }, 'API_KEY_INVALID'],
  ])('refuses %s', (_case, headers, code) => {
    const sut = guardFor('secret,other');
    let thrown: unknown;
    try {
      sut.canActivate(contextWith(headers));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiException);
    expect(thrown).toMatchObject({ code });
  });

  it('lets public routes through without a key', () => {
    expect(guardFor('secret', true).canActivate(contextWith({}))).toBe(true);
  });
});
