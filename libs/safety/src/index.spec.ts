import * as safety from './index';
import { ApprovedFields } from './approved-command';

describe('@app/safety', () => {
  it('exports only what other packages use', () => {
    expect(Object.keys(safety).sort()).toEqual([
      'ApprovedCommand',
      'CommandPolicy',
      'MALFORMED_CODES',
      'QUERY_MAX_LENGTH',
      'QUERY_MIN_LENGTH',
      'SafetyModule',
      'VERIFIED_KUBECTL_VERSION',
      'VerdictCode',
      'isBuiltinGroup',
      'isDeniedResourceEntry',
      'normalizeQueryKey',
      'sanitizeQuery',
    ]);
  });

  it('offers no way to issue an approval: ApprovedCommand has no issuing static', () => {
    expect(Object.getOwnPropertyNames(safety.ApprovedCommand).sort()).toEqual(['isGenuine', 'length', 'name', 'prototype']);
  });

  it('does not accept an instance built by calling the private constructor', () => {
    const Forge = safety.ApprovedCommand as unknown as new (fields: ApprovedFields) => safety.ApprovedCommand;
    const forged = new Forge({ argv: ['get', 'pods'], tier: 'read', dryRun: false, verb: 'get', outputFormat: 'table' });
    expect(safety.ApprovedCommand.isGenuine(forged)).toBe(false);
  });
});
