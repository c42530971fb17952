import { describe, expect, it } from 'vitest';
import { excludedBecause, judgedFailures } from './checkSelection.ts';

describe('checkSelection: which checks a run judges', () => {
  it('judges every check without a selection', () => {
    expect(excludedBecause(undefined, 'status-code')).toBeUndefined();
    expect(excludedBecause({}, 'status-code')).toBeUndefined();
  });

  it('--exclude-check names what is not judged; --include-check names the only ones that are; exclusion wins', () => {
    expect(excludedBecause({ exclude: ['request-id'] }, 'request-id')).toBe('excluded by --exclude-check');
    expect(excludedBecause({ exclude: ['request-id'] }, 'status-code')).toBeUndefined();
    expect(excludedBecause({ include: ['status-code'] }, 'status-code')).toBeUndefined();
    expect(excludedBecause({ include: ['status-code'] }, 'transport')).toBe('not listed by --include-check');
    expect(excludedBecause({ include: ['status-code'], exclude: ['status-code'] }, 'status-code')).toBe('excluded by --exclude-check');
  });

  it('drops the failures of excluded checks only', () => {
    const failures = [{ check: 'status-code' }, { check: 'request-id' }];
    expect(judgedFailures({ exclude: ['request-id'] }, failures)).toEqual([{ check: 'status-code' }]);
    expect(judgedFailures(undefined, failures)).toEqual(failures);
  });
});
