import { describe, expect, it } from 'vitest';
import { failingReport } from '../../reports/_fixtures.ts';
import type { FailureRecord } from '../../checks/index.ts';
import { findFailure, replayOptions } from './replay.ts';

const failure = (replay: string): FailureRecord => ({ ...failingReport().checks.find((c) => c.failures.length > 0)!.failures[0]!, replay });

describe('replayOptions: a replay line as the options of a run', () => {
  it('takes the target, limits and case of the line, the failure suite, and a report directory of its own', () => {
    const cli = replayOptions(
      failure("npx conformance --endpoint http://127.0.0.1:4566 --voice-connector-id vc1 --spec 'my spec.yaml' --strict --timeout 500 --seed -7 --family accept.random --path 3:0"),
      { suite: 'acceptance' },
      { reportDir: 'out/replay-x' },
    );
    expect(cli).toMatchObject({ endpoint: 'http://127.0.0.1:4566', voiceConnectorId: 'vc1', specFile: 'my spec.yaml', strict: true, timeoutMs: 500, seed: -7, family: 'accept.random', path: '3:0', suites: ['acceptance'], reportDir: 'out/replay-x' });
    expect(cli.shard).toBeUndefined();
  });

  it('an embedded run has no endpoint in its line: the replay starts the emulator; --endpoint replaces the target', () => {
    const line = 'npx conformance --seed 5 --family accept.random --path 1';
    expect(replayOptions(failure(line), { suite: 'acceptance' }, { reportDir: 'r' }).endpoint).toBeUndefined();
    const elsewhere = replayOptions(failure(`npx conformance --endpoint http://a:1 --voice-connector-id old ${line.slice(16)}`), { suite: 'auth' }, { reportDir: 'r', endpoint: 'http://b:2', voiceConnectorId: 'new' });
    expect(elsewhere).toMatchObject({ endpoint: 'http://b:2', voiceConnectorId: 'new', suites: ['auth'], seed: 5 });
  });

  it('refuses a line that does not name one case', () => {
    expect(() => replayOptions(failure('npx conformance --seed 5'), { suite: 'acceptance' }, { reportDir: 'r' })).toThrow(/does not name one case/);
  });
});

describe('findFailure', () => {
  const report = failingReport();
  it('finds a failure by id or by a unique prefix of at least 4 characters, with its check', () => {
    expect(findFailure(report, 'f-7c2e91a1', 'dir').failure.caseTitle).toMatch(/^Name /);
    expect(findFailure(report, 'f-03b', 'dir').check.check).toBe('error.shape');
  });

  it('says which ids exist when the id is unknown, and which match when it is ambiguous', () => {
    expect(() => findFailure(report, 'nope', 'dir')).toThrow(/no failure with id "nope" in dir\/report\.json; its failures are f-5590d1c4, f-7c2e91a0/);
    expect(() => findFailure(report, 'f-7c2e', 'dir')).toThrow(/ambiguous .*f-7c2e91a0, f-7c2e91a1/);
    expect(() => findFailure({ ...report, checks: [] }, 'x', 'dir')).toThrow(/has no failure to replay/);
    expect(() => findFailure(report, 'f-0', 'dir')).toThrow(/failure id "f-0" is too short: give the whole id or at least its first 4 characters/);
  });
});
