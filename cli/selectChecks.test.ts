import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.ts';
import { defaultOperation } from '../src/spec/index.ts';
import { selectChecks } from './selectChecks.ts';

describe('selectChecks: --exclude-check and --include-check', () => {
  const model = defaultOperation();

  it('takes per-call checks and the lifecycle\'s sequence invariants alike', () => {
    expect(selectChecks(model, ['status-code', 'read-after-create'], undefined)).toEqual({ exclude: ['status-code', 'read-after-create'] });
    expect(selectChecks(model, undefined, ['transport'])).toEqual({ include: ['transport'] });
    expect(selectChecks(model, [], [])).toBeUndefined();
  });

  it('an unknown id is a usage error that lists every check', () => {
    const attempt = () => selectChecks(model, ['status-cod'], undefined);
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow(/^--exclude-check "status-cod" is not a check; the checks are transport, status-code, .*, read-after-create, .*default-expiry$/);
    expect(() => selectChecks(model, undefined, ['nope'])).toThrow(/^--include-check "nope" is not a check/);
  });
});
