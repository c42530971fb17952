import { appendFileSync } from 'node:fs';
import { escapeData, githubAnnotations, githubSummary } from '../reports/renderGithub.ts';
import type { RunReport } from '../checks/index.ts';

/**
 * On GitHub Actions (GITHUB_ACTIONS=true): prints an `::error` annotation per failing required check (and
 * per run error), and appends the Markdown summary to the file GITHUB_STEP_SUMMARY names, if it does.
 * Elsewhere it does nothing. A summary that cannot be written is a warning, never a different verdict.
 */
export function githubOutput(report: RunReport, out: (text: string) => void, env: NodeJS.ProcessEnv = process.env): void {
  if (env.GITHUB_ACTIONS !== 'true') return;
  out(githubAnnotations(report));
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    appendFileSync(file, githubSummary(report), 'utf8');
  } catch (error) {
    out(`::warning title=conformance::${escapeData(`could not append the job summary to ${file}: ${(error as Error).message}`)}\n`);
  }
}
