import { writeFileSync } from 'node:fs';
import { parseDocument, stringify } from 'yaml';
import type { BaselineOutcome, CheckSummary, FailureFingerprint, KnownFailure, RunReport } from '../src/model/report.ts';
import { echoed, echoedPath, UsageError } from '../src/errors.ts';
import { readInputFile, yamlData } from '../src/spec/readInputFile.ts';
import { finish, type RunHeader } from '../reports/index.ts';

/**
 * A baseline: the failures a team knows of and accepts for now, one entry per fingerprint (what a failure
 * is, independent of seed and order: engine/fingerprint.ts). A run with `--baseline FILE` fails only on
 * failures the file does not list. The check, family and answer of each entry are there for the reader
 * (and to say "fixed" in words); only the fingerprint decides.
 */
export interface BaselineEntry extends Omit<KnownFailure, 'match'> {
  fingerprint: string;
  check?: string;
  operation?: string;
  family?: string;
  constraint?: string;
  answer?: string;
}

/** The top of a baseline file the tool writes. */
const HEADER = `# Known failures of this endpoint: \`npx conformance --baseline FILE\` fails only on failures not listed
# here. One entry per fingerprint (the same defect has the same fingerprint on every run, whatever the
# seed); reason and link are yours to fill in. \`--update-baseline\` rewrites the file from a run's failures
# and keeps the reasons and links of entries that still fail.
`;

/** Reads a baseline file; a missing file is an empty baseline only when it is about to be written. */
export function readBaseline(file: string, options: { mayBeMissing?: boolean } = {}): BaselineEntry[] {
  const label = `--baseline ${echoedPath(file)}`;
  const read = readInputFile(file);
  if ('problem' in read) {
    if (options.mayBeMissing && read.problem.startsWith('cannot be read: no such file')) return [];
    throw new UsageError(`${label}: ${read.problem}`);
  }
  const doc = parseDocument(read.text);
  if (doc.errors[0]) throw new UsageError(`${label}: not valid YAML: ${echoed(doc.errors[0].message.split('\n')[0]!.replace(/:\s*$/, ''))}`);
  const converted = yamlData(doc);
  if ('problem' in converted) throw new UsageError(`${label}: ${converted.problem}`);
  const data = converted.data as { known?: unknown } | null | undefined;
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data) || (data.known !== undefined && !Array.isArray(data.known))) {
    throw new UsageError(`${label}: expected a mapping with a list \`known:\` of entries, each with a fingerprint`);
  }
  return ((data.known ?? []) as unknown[]).map((entry, i) => {
    const e = entry as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.fingerprint !== 'string' || !/^[0-9a-f]{12}$/.test(e.fingerprint)) {
      throw new UsageError(`${label}: known[${i}] needs a fingerprint of 12 hex digits (as the reports show them)`);
    }
    const text = (key: string) => (typeof e[key] === 'string' ? { [key]: e[key] as string } : {});
    return { fingerprint: e.fingerprint, ...(e.flaky === true ? { flaky: true } : {}), ...text('check'), ...text('operation'), ...text('family'), ...text('constraint'), ...text('answer'), ...text('reason'), ...text('link') };
  });
}

/**
 * Marks the run's failures the baseline lists as known (so they no longer fail the run) and says which
 * entries no longer fail: those whose check judged cases of their family in this run without that
 * failure. An entry whose check or family did not run is neither (a `--suite` or `--family` run).
 */
export function applyBaseline(checks: CheckSummary[], suites: RunReport['suites'], entries: readonly BaselineEntry[], file: string): { checks: CheckSummary[]; outcome: BaselineOutcome } {
  const byFingerprint = new Map(entries.map((e) => [e.fingerprint, e]));
  const byAnswer = new Map(entries.filter((e) => e.check && e.operation && e.answer).map((e) => [answerKey(e.check!, e.operation!, e.answer!), e]));
  const failing = new Set<string>();
  const marked = checks.map((c) => {
    if (!c.fingerprints) return c;
    const fingerprints = c.fingerprints.map((f): FailureFingerprint => {
      const exact = byFingerprint.get(f.fingerprint);
      // A failure a random family met (another seed may meet it in another family or call) is also known
      // when the same check fails on the same operation with the same answer: the same defect.
      const alike = exact ?? (f.varies ? byAnswer.get(answerKey(f.check, f.operation, f.answer)) : undefined);
      if (!alike) return f;
      failing.add(alike.fingerprint);
      return { ...f, known: { match: exact ? 'fingerprint' : 'answer', ...(alike.flaky ? { flaky: true } : {}), ...(alike.reason ? { reason: alike.reason } : {}), ...(alike.link ? { link: alike.link } : {}) } };
    });
    return { ...c, fingerprints };
  });
  const ranFamilies = new Set(suites.flatMap((s) => (s.families ?? []).filter((f) => f.cases > 0).map((f) => f.id)));
  const judgedChecks = new Set(checks.filter((c) => c.cases > 0).map((c) => c.check));
  const fixed: BaselineOutcome['fixed'] = [];
  let notRun = 0;
  for (const entry of entries) {
    if (failing.has(entry.fingerprint)) continue;
    if (entry.check !== undefined && entry.family !== undefined && judgedChecks.has(entry.check) && ranFamilies.has(entry.family)) {
      fixed.push({ fingerprint: entry.fingerprint, check: entry.check, family: entry.family, ...(entry.reason ? { reason: entry.reason } : {}) });
    } else notRun++;
  }
  return { checks: marked, outcome: { file, fixed, notRun } };
}

/**
 * `--update-baseline`: the run's failures of required checks as the new baseline (advisory findings never
 * fail a run, so they need no entry). Entries that still fail keep their reason and link; entries the run
 * could not judge stay; fixed ones go.
 */
export function writeBaseline(file: string, checks: readonly CheckSummary[], previous: readonly BaselineEntry[], outcome: BaselineOutcome): BaselineEntry[] {
  const before = new Map(previous.map((e) => [e.fingerprint, e]));
  const fixed = new Set(outcome.fixed.map((f) => f.fingerprint));
  const entries = new Map<string, BaselineEntry>();
  for (const c of checks) {
    if (c.strength !== 'required') continue;
    for (const f of c.fingerprints ?? []) {
      const old = before.get(f.fingerprint);
      entries.set(f.fingerprint, {
        fingerprint: f.fingerprint,
        check: f.check,
        operation: f.operation,
        family: f.family,
        ...(f.constraint ? { constraint: f.constraint } : {}),
        answer: f.answer,
        // Flaky this run, or marked so by hand before: known as a failure that comes and goes.
        ...(f.flaky || old?.flaky ? { flaky: true } : {}),
        ...(old?.reason ? { reason: old.reason } : {}),
        ...(old?.link ? { link: old.link } : {}),
      });
    }
  }
  for (const e of previous) if (!entries.has(e.fingerprint) && !fixed.has(e.fingerprint)) entries.set(e.fingerprint, e);
  const known = [...entries.values()].sort((a, b) => `${a.check}\u0000${a.family}\u0000${a.fingerprint}`.localeCompare(`${b.check}\u0000${b.family}\u0000${b.fingerprint}`));
  try {
    writeFileSync(file, HEADER + stringify({ known }, { lineWidth: 0 }));
  } catch (error) {
    throw new UsageError(`--baseline ${echoedPath(file)}: cannot be written: ${(error as Error).message}`);
  }
  return known;
}

/**
 * A finished run judged against its baseline: known failures marked, the verdict recomputed (finish), the
 * outcome attached; with `update`, the file rewritten from the run first, so the run's own failures are
 * all known.
 */
export function judgeAgainstBaseline(report: RunReport, header: RunHeader, file: string, entries: readonly BaselineEntry[], update: boolean): RunReport {
  let { checks, outcome } = applyBaseline(report.checks, report.suites, entries, file);
  if (update) {
    const written = writeBaseline(file, report.checks, entries, outcome);
    ({ checks, outcome } = applyBaseline(report.checks, report.suites, written, file));
    outcome = { ...outcome, updated: true };
  }
  return { ...finish(header, report.suites, checks, report.errors, report.durationMs), baseline: outcome };
}

function answerKey(check: string, operation: string, answer: string): string {
  return [check, operation, answer].join('\u0000');
}
