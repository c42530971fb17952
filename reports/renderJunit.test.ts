import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '../src/model/report.ts';
import { baselineReport, erroredReport, failingReport, gatedReport, HOSTILE, KNOWN_PRINT, NEW_PRINT, passingReport } from './_fixtures.ts';
import { renderJunit } from './renderJunit.ts';

interface ParsedCase {
  classname: string;
  name: string;
  time: string;
  failure?: { message: string; type: string; text: string };
  error?: { message: string; type: string; text: string };
  skipped: boolean;
  /** The <skipped> element, when there is one: its message and text. */
  skip?: { message: string; text: string };
  systemOut?: string;
}
interface ParsedSuite {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
  properties: Record<string, string>;
  cases: ParsedCase[];
}

// A real XML parser (Python's expat, present locally and in CI) decides well-formedness: a regex or a
// hand-written checker would share the renderer's blind spots. It also hands back the tree to assert on.
const PARSE = `
import sys, json, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
def el(e):
    return None if e is None else {"message": e.get("message"), "type": e.get("type"), "text": e.text or ""}
suites = []
for s in root.findall("testsuite"):
    cases = []
    for c in s.findall("testcase"):
        out = c.find("system-out")
        cases.append({"classname": c.get("classname"), "name": c.get("name"), "time": c.get("time"),
                      "failure": el(c.find("failure")), "error": el(c.find("error")),
                      "skipped": c.find("skipped") is not None, "skip": el(c.find("skipped")),
                      "systemOut": None if out is None else out.text})
    props = {p.get("name"): p.get("value") for p in s.findall("properties/property")}
    suites.append({"name": s.get("name"), "tests": s.get("tests"), "failures": s.get("failures"),
                   "errors": s.get("errors"), "skipped": s.get("skipped"), "properties": props, "cases": cases})
print(json.dumps({"root": root.tag, "suites": suites}))
`;

function parse(xml: string): { root: string; suites: ParsedSuite[] } {
  const result = spawnSync('python3', ['-c', PARSE], { input: xml, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`not well-formed XML:\n${result.stderr}`);
  // Python's json turns None into null; drop those so optional fields read as absent.
  return JSON.parse(result.stdout, (_key, value: unknown) => (value === null ? undefined : value)) as { root: string; suites: ParsedSuite[] };
}

function allCases(parsed: { suites: ParsedSuite[] }): ParsedCase[] {
  return parsed.suites.filter((s) => s.name !== 'conformance.run').flatMap((s) => s.cases);
}

describe('renderJunit', () => {
  it('is well-formed XML with exactly one testcase per check summary', () => {
    for (const report of [passingReport(), failingReport(), erroredReport()]) {
      const parsed = parse(renderJunit(report));

      expect(parsed.root).toBe('testsuites');
      expect(allCases(parsed)).toHaveLength(report.checks.length);
      for (const suite of report.suites) {
        const rendered = parsed.suites.find((s) => s.name === suite.suite);
        expect(rendered?.cases).toHaveLength(report.checks.filter((c) => c.suite === suite.suite).length);
        expect(rendered?.tests).toBe(String(rendered?.cases.length));
      }
    }
  });

  it('names testcases conformance.<suite>.<concern> and "<check id>: <title>"', () => {
    const report = failingReport();
    const parsed = parse(renderJunit(report));

    expect(allCases(parsed).map((c) => [c.classname, c.name])).toEqual(
      report.suites.flatMap((s) => report.checks.filter((c) => c.suite === s.suite).map((c) => [`conformance.${c.suite}.${c.concern}`, `${c.check}: ${c.title}`])),
    );
  });

  it('fails exactly the failing required checks (opt-in ones fail only under --strict, when they are required), with reason, exchange, curl and replay', () => {
    // Arrange
    const report = failingReport();
    const expected = report.checks.filter((c) => c.failed > 0 && c.strength === 'required').map((c) => `${c.check}: ${c.title}`);

    // Act
    const cases = allCases(parse(renderJunit(report)));

    // Assert
    const failed = cases.filter((c) => c.failure !== undefined);
    expect(failed.map((c) => c.name).sort()).toEqual(expected.sort());
    const status = failed.find((c) => c.name.startsWith('status.reject-400:'));
    const example = report.checks.find((c) => c.check === 'status.reject-400')?.failures[0];
    expect(status?.failure?.type).toBe('status.reject-400');
    expect(status?.failure?.message).toBe('17 of 100 cases failed: expected 400 BadRequestException for a request that breaks Name#pattern, got 201');
    for (const piece of [example?.message, example?.caseTitle, example?.curl, example?.replay, `POST ${example?.request.url}`, 'response  201']) {
      expect(status?.failure?.text).toContain(piece);
    }
    expect(failed.find((c) => c.name.startsWith('transport.complete:'))?.failure?.text).toContain('transport timeout after 5.00s');
  });

  it('puts advisory findings in system-out, never in a failure', () => {
    const geo = allCases(parse(renderJunit(failingReport()))).find((c) => c.name.startsWith('invariant.geo-match:'));

    expect(geo?.failure).toBeUndefined();
    expect(geo?.systemOut).toContain('advisory: reported, never fails a run');
    expect(geo?.systemOut).toContain('proxy number +13125550150 is not in area code 206');
  });

  it('escapes hostile bodies: markup survives as text, illegal characters become visible', () => {
    const shape = allCases(parse(renderJunit(failingReport()))).find((c) => c.name.startsWith('error.shape:'));

    expect(shape?.failure?.text).toContain(`<&"'>]]>`);
    expect(shape?.failure?.text).toContain('\\u0000\\u0001');
    expect(shape?.failure?.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('stays well-formed when hostile text reaches names, properties and errors unfiltered', () => {
    const report: RunReport = {
      ...erroredReport(),
      endpoint: `http://h/${HOSTILE}`,
      checks: erroredReport().checks.map((c) => ({ ...c, title: `${c.title} ${HOSTILE} \ud800 \ufffe` })),
    };

    const parsed = parse(renderJunit(report));

    expect(parsed.suites[0]?.properties.endpoint).toContain(`<&"'>]]>`);
    expect(parsed.suites[0]?.cases[0]?.name).toContain('\\ud800 \\ufffe');
  });

  it('marks a check that applied to no case as skipped, and records seed, endpoint and runs', () => {
    const parsed = parse(renderJunit(passingReport()));
    const geo = allCases(parsed).find((c) => c.name.startsWith('invariant.geo-match:'));

    expect(geo?.skipped).toBe(true);
    expect(allCases(parsed).filter((c) => c.skipped)).toHaveLength(1);
    expect(allCases(parsed).some((c) => c.failure !== undefined)).toBe(false);
    expect(parsed.suites[0]?.properties).toMatchObject({ seed: '1234567', endpoint: 'http://127.0.0.1:43817', runs: '100' });
    expect(parsed.suites.find((s) => s.name === 'valid')?.skipped).toBe('1');
  });

  it('turns run errors into <error>s of a conformance.run testsuite', () => {
    const report = erroredReport();
    const parsed = parse(renderJunit(report));
    const run = parsed.suites.find((s) => s.name === 'conformance.run');

    expect(run?.errors).toBe(String(report.errors.length));
    expect(run?.cases.map((c) => c.error?.type)).toEqual(['conformance.run', 'conformance.run']);
    expect(run?.cases[1]?.error?.text).toBe('deadline of 600 s reached');
    expect(parse(renderJunit(passingReport())).suites.some((s) => s.name === 'conformance.run')).toBe(false);
  });

  it('gives times in seconds', () => {
    const xml = renderJunit(passingReport());

    expect(xml).toContain('time="4.210"');
    expect(xml).toMatch(/<testsuite name="valid" [^>]*time="1\.100"/);
  });

  it('reports an excluded check as a skipped testcase saying why, and the run\'s selection and early stop as properties', () => {
    const parsed = parse(renderJunit(gatedReport()));
    const excluded = allCases(parsed).find((c) => c.name.startsWith('error.shape:'))!;
    expect(excluded.skipped).toBe(true);
    expect(renderJunit(gatedReport())).toContain('<skipped message="excluded by --exclude-check"/>');
    const suite = parsed.suites.find((s) => s.name === 'invalid')!;
    expect(suite.skipped).toBe('1');
    expect(suite.properties).toMatchObject({ stoppedEarly: expect.stringMatching(/^the time budget was spent/), family: 'invalid.Name.*', familiesSelected: '2', familiesNotSelected: '2' });
    expect(renderJunit(gatedReport())).toMatch(/<system-out>Valid requests are accepted: [^<]*\nstopped early: the time budget was spent/);
  });

  it('reports a known failure as a skipped testcase with its fingerprint, and a new one as a failure with its own', () => {
    // Arrange
    const report = baselineReport();

    // Act
    const parsed = parse(renderJunit(report));

    // Assert
    const cases = allCases(parsed);
    const fresh = cases.find((c) => c.name.startsWith('status.reject-400:'))!;
    const known = cases.find((c) => c.name.startsWith('error.shape:'))!;
    expect(fresh.skipped).toBe(false);
    expect(fresh.failure?.text).toContain(`fingerprint ${NEW_PRINT}`);
    expect(known.failure).toBeUndefined();
    expect(known.skip?.message).toBe(`known failure (baseline): 1 of 100 cases failed; fingerprints ${KNOWN_PRINT} (emulator bug #12)`);
    expect(known.skip?.text).toMatch(/^known failure, listed in the baseline\. 100 cases: 99 passed, 1 failed, 0 skipped\n/);
    expect(known.skip?.text).toContain(`fingerprint ${KNOWN_PRINT}`);
    // CI counts the known failure as skipped, not failed.
    expect(parsed.suites.find((s) => s.name === 'invalid')).toMatchObject({ tests: '2', failures: '1', skipped: '1' });
    expect(renderJunit(report)).toMatch(/^<testsuites [^>]*tests="2" failures="1" errors="0" skipped="1"/m);
  });
});
