import type { RunReport } from '../src/model/report.ts';
import { coverageMatrix, type CoverageCell, type CoverageRow } from './_coverage.ts';
import { attr, count, text } from './_html.ts';

/**
 * The spec coverage section: one row per constraint of the spec with what must-accept and must-reject
 * cases did to it, a clear "not exercised" where nothing did, then what the families cover beyond the
 * spec's traits (JSON type, syntax).
 */
export function coverageSection(report: RunReport, spec: { constraints: string[] } | undefined): string {
  const rows = coverageMatrix(report, spec?.constraints ?? []);
  const specRows = rows.filter((r) => r.inSpec);
  const edged = specRows.filter(acceptApplies);
  const unrun = specRows.filter((r) => r.accept.cases === 0 && r.reject.cases === 0 && r.accept.notRun.length + r.reject.notRun.length > 0);
  const none = specRows.filter((r) => r.accept.cases === 0 && r.reject.cases === 0 && !unrun.includes(r));
  const intro = spec === undefined
    ? '<p class="warn">No list of the spec&#39;s constraints was given, so constraints that no case exercised cannot be shown; the rows are what the run&#39;s families cover.</p>'
    : [
      `<p>${count(specRows.length, 'constraint')} in the spec: <b>${specRows.filter((r) => r.reject.cases > 0).length} of ${specRows.length}</b> exercised by a must-reject case,`,
      ` <b>${edged.filter((r) => r.accept.cases > 0).length} of ${edged.length}</b> value constraints by a must-accept case at their edge`,
      unrun.length > 0 ? `; ${count(unrun.length, 'constraint')} only by families this run did not run (hover a cell for why)` : '',
      none.length > 0 ? `; <b class="warn">${count(none.length, 'constraint')} not exercised at all</b>.</p>` : '.</p>',
    ].join('');
  const legend = '<p class="muted">A must-reject case breaks exactly this constraint and expects 400 BadRequestException; a must-accept case sends a value at the edge of the constraint and expects its operation&#39;s success code. '
    + 'Every must-accept case sends the required members and valid JSON, so for <code>#required</code>, <code>#type</code> and <code>#syntax</code> only the reject column applies (n/a). '
    + 'List positions are shown as <code>*</code>. Hover a cell for the families behind it.</p>';
  const body = rows.map((r, i) => {
    const first = !r.inSpec && (i === 0 || rows[i - 1]!.inSpec);
    const divider = first ? '<tr class="group"><th colspan="3">Also exercised <span class="muted">JSON type and syntax: not constraint traits of the spec</span></th></tr>' : '';
    const accept = acceptApplies(r) || r.accept.cases > 0 ? cell(r.accept) : '<td class="muted" title="a must-accept case cannot exercise this">n/a</td>';
    return `${divider}<tr${r.inSpec ? '' : ' class="extra"'}><td><code>${text(r.constraint)}</code></td>${accept}${cell(r.reject)}</tr>`;
  });
  return [
    '<section id="coverage">',
    '<h2>Spec coverage <span class="muted">which constraints of the input this run exercised</span></h2>',
    intro,
    legend,
    '<table class="cov">',
    '<thead><tr><th>constraint (member pointer # trait)</th><th>must-accept cases</th><th>must-reject cases</th></tr></thead>',
    `<tbody>${body.join('\n')}</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

// --- internal ---

/** Length, pattern, range and enum have edges a valid value can sit on; presence, JSON type and syntax do not. */
function acceptApplies(row: CoverageRow): boolean {
  return row.inSpec && !row.constraint.endsWith('#required');
}

function cell(c: CoverageCell): string {
  if (c.cases === 0 && c.notRun.length > 0) return `<td class="warn" title="${attr(c.notRun.join(' | '))}">– not run</td>`;
  if (c.cases === 0) return '<td class="gap">✗ not exercised</td>';
  const tip = attr(c.titles.join(' | '));
  const counts = `${count(c.cases, 'case')} <span class="muted">in ${count(c.families, 'family', 'families')}</span>`;
  if (c.failed > 0) return `<td class="bad" title="${tip}">✗ ${counts}, ${count(c.failed, 'failed', 'failed')}</td>`;
  return `<td class="ok" title="${tip}">✓ ${counts}</td>`;
}
