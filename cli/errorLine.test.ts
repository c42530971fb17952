import { describe, expect, it } from 'vitest';
import { ConformanceToolError, UsageError } from '../src/errors.ts';
import { errorLine, MAX_MESSAGE_CHARS } from './errorLine.ts';

describe('errorLine: the one line an error that ends the command prints', () => {
  it('a tool error prints its message; anything else says it was unexpected', () => {
    expect(errorLine(new UsageError('--runs must be a whole number'))).toBe('conformance: --runs must be a whole number\n');
    expect(errorLine(new TypeError('x is undefined'))).toBe('conformance: unexpected error: x is undefined\n');
    expect(errorLine('thrown string')).toBe('conformance: unexpected error: thrown string\n');
  });

  it(`a message that echoes too much is cut at ${MAX_MESSAGE_CHARS} characters, and stays one line`, () => {
    const line = errorLine(new ConformanceToolError('CONFORMANCE_TEST', `bad: ${'x\n'.repeat(1_000_000)}`));
    expect(line.length).toBeLessThan(MAX_MESSAGE_CHARS * 2 + 100);
    expect(line).toMatch(/^conformance: bad: (x\\n)+x?… \(2000005 characters\)\n$/);
    expect(errorLine(new Error('y'.repeat(5_000_000))).length).toBeLessThan(MAX_MESSAGE_CHARS + 100);
  });
});
