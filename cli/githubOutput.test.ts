import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failingReport, passingReport } from '../reports/_fixtures.ts';
import { githubAnnotations, githubSummary } from '../reports/renderGithub.ts';
import { githubOutput } from './githubOutput.ts';

const scratch = mkdtempSync(join(tmpdir(), 'conformance-github-output-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture(): { out: (t: string) => void; text: () => string } {
  let text = '';
  return { out: (t) => (text += t), text: () => text };
}

describe('githubOutput', () => {
  it('does nothing outside GitHub Actions, even with GITHUB_STEP_SUMMARY set', () => {
    const file = join(scratch, 'untouched.md');
    const io = capture();
    githubOutput(failingReport(), io.out, { GITHUB_ACTIONS: 'false', GITHUB_STEP_SUMMARY: file });
    githubOutput(failingReport(), io.out, { GITHUB_STEP_SUMMARY: file });
    expect(io.text()).toBe('');
    expect(() => readFileSync(file)).toThrow();
  });

  it('on GitHub Actions prints the annotations and appends the summary to GITHUB_STEP_SUMMARY', () => {
    const file = join(scratch, 'summary.md');
    writeFileSync(file, '# an earlier step\n');
    const io = capture();
    githubOutput(failingReport(), io.out, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: file });
    expect(io.text()).toBe(githubAnnotations(failingReport()));
    expect(readFileSync(file, 'utf8')).toBe(`# an earlier step\n${githubSummary(failingReport())}`);
  });

  it('prints the annotations without a summary file, and only warns when the summary cannot be written', () => {
    const io = capture();
    githubOutput(passingReport(), io.out, { GITHUB_ACTIONS: 'true' });
    expect(io.text()).toBe('');
    githubOutput(failingReport(), io.out, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(scratch, 'no-such-dir', 'summary.md') });
    expect(io.text()).toMatch(/^::error /);
    expect(io.text()).toMatch(/^::warning title=conformance::could not append the job summary to .*no-such-dir/m);
  });
});
