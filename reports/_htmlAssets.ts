// The HTML report's only stylesheet and script, inlined into the page. Neither contains report data:
// the page's Content-Security-Policy allows exactly these two by hash, and nothing else.

/** Light by default, dark when the reader's system asks for it. System fonts only: the page loads nothing. */
export const STYLE = `
:root { color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5; }
@media (prefers-color-scheme: dark) { :root {
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --accent: #4493f8;
  --pass: #3fb950; --pass-bg: #122a1c; --fail: #f85149; --fail-bg: #2d1517; --warn: #d29922; --warn-bg: #2b2111; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 20px; margin: 0 0 12px; font-weight: 600; }
h1 .muted { font-weight: 400; font-size: 14px; }
h2 { font-size: 17px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 8px; font-weight: 600; }
p { margin: 6px 0; }
a { color: var(--accent); }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { margin: 0; padding: 8px 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
  white-space: pre-wrap; overflow-wrap: anywhere; max-height: 32em; overflow: auto; }
.muted { color: var(--muted); }
.pass { color: var(--pass); } .fail { color: var(--fail); } .warn { color: var(--warn); }
nav { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 12px 0 0; font-size: 13px; }
.verdict { display: flex; align-items: center; gap: 20px; padding: 14px 20px; border-radius: 8px; border: 1px solid; }
.verdict.v-pass { background: var(--pass-bg); border-color: var(--pass); }
.verdict.v-fail, .verdict.v-error { background: var(--fail-bg); border-color: var(--fail); }
.verdict .word { font-size: 30px; font-weight: 800; letter-spacing: .06em; }
.verdict.v-pass .word { color: var(--pass); } .verdict.v-fail .word, .verdict.v-error .word { color: var(--fail); }
.verdict .what { font-size: 16px; font-weight: 600; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 8px 24px; margin: 16px 0 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 12px; }
.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; }
.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.group th { color: var(--fg); font-size: 13px; padding-top: 14px; background: var(--bg); }
tr.group th .muted { font-weight: 400; }
tr.per-suite td { color: var(--muted); font-size: 12px; border-bottom-style: dotted; }
tr.per-suite td:first-child { padding-left: 32px; }
tr.failing td.failed { color: var(--fail); font-weight: 700; }
tr.finding td.failed { color: var(--warn); font-weight: 700; }
.title { display: block; color: var(--muted); font-size: 12px; }
#show-suites:not(:checked) ~ table tr.per-suite { display: none; }
.toggle-label { font-size: 13px; color: var(--muted); user-select: none; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; border: 1px solid var(--line); font-size: 11px; white-space: nowrap; }
.badge.opt-in, .badge.advisory { color: var(--warn); border-color: var(--warn); }
.mark { display: inline-block; width: 1.2em; text-align: center; font-weight: 700; }
.cov td.gap { color: var(--warn); background: var(--warn-bg); font-weight: 600; }
.cov td.bad { color: var(--fail); background: var(--fail-bg); font-weight: 600; }
.cov td.ok { color: var(--pass); }
.cov tr.extra td:first-child code { color: var(--muted); }
.check-head { margin: 22px 0 8px; font-size: 15px; overflow-wrap: anywhere; }
.verdict .what, .verdict p, h1, h2 { overflow-wrap: anywhere; }
.check-head code { font-size: 14px; font-weight: 700; }
details.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; margin: 8px 0; background: var(--bg); }
details.failure.advisory { border-left-color: var(--warn); }
details.failure.opt-in { border-left-color: var(--warn); }
details.failure > summary { cursor: pointer; padding: 8px 12px; list-style-position: outside; margin-left: 14px; }
details.failure > summary { overflow-wrap: anywhere; }
details.failure > summary .case { font-weight: 600; }
details.failure > summary .reason { display: block; color: var(--fail); overflow-wrap: anywhere; }
details.failure.advisory > summary .reason, details.failure.opt-in > summary .reason { color: var(--warn); }
details.failure > summary .tags { display: block; color: var(--muted); font-size: 12px; }
details.failure[open] > summary { border-bottom: 1px solid var(--line); }
ol.sequence { margin: 0; padding-left: 24px; }
ol.sequence > li { margin: 2px 0; }
ol.sequence details > summary { cursor: pointer; overflow-wrap: anywhere; }
ol.sequence details[open] { margin-bottom: 8px; }
.detail { padding: 10px 14px 14px; display: grid; grid-template-columns: 110px minmax(0, 1fr); gap: 10px 14px; }
.detail > .k { color: var(--muted); font-size: 12px; padding-top: 2px; }
.detail > .v { min-width: 0; overflow-wrap: anywhere; }
.pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 10px; }
.pair .label { font-size: 12px; color: var(--muted); }
.pair .label.exp { color: var(--pass); } .pair .label.act { color: var(--fail); }
.line { margin: 0 0 4px; }
.status { font-weight: 700; }
.cmd { margin: 0 0 10px; }
.cmd .head { display: flex; justify-content: space-between; align-items: center; font-size: 12px; color: var(--muted); margin-bottom: 2px; }
button { font: inherit; font-size: 12px; color: var(--fg); background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 1px 10px; cursor: pointer; }
button:hover { border-color: var(--accent); }
.buttons { display: flex; gap: 8px; margin: 4px 0 8px; }
.suites-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
figure { margin: 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 6px; }
figcaption { font-size: 13px; margin-bottom: 6px; }
.hist .bar { fill: var(--accent); } .hist .axis { stroke: var(--line); }
.hist text { fill: var(--muted); font: 10px system-ui, sans-serif; text-anchor: middle; }
.hist text.count { fill: var(--fg); }
.errors pre { border-color: var(--fail); margin-bottom: 6px; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
`;

/**
 * Copy buttons (the exact command travels as a JSON string in `data-copy`, so control characters survive),
 * expand/collapse-all buttons, and opening the failure a `#f-…` link points at. No data, no network.
 */
export const SCRIPT = `
(() => {
  const copyText = async (value) => {
    try { await navigator.clipboard.writeText(value); return true; } catch (_) { /* file:// or no permission */ }
    const area = document.createElement('textarea');
    area.value = value;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch (_) { copied = false; }
    area.remove();
    return copied;
  };
  document.addEventListener('click', async (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const copy = target ? target.closest('button[data-copy]') : null;
    if (copy) {
      let value = '';
      try { value = JSON.parse(copy.getAttribute('data-copy') || '""'); } catch (_) { value = ''; }
      const copied = await copyText(value);
      copy.textContent = copied ? 'Copied' : 'Select the text to copy';
      setTimeout(() => { copy.textContent = 'Copy'; }, 1600);
      return;
    }
    const toggle = target ? target.closest('button[data-details]') : null;
    if (toggle) {
      const open = toggle.getAttribute('data-details') === 'open';
      const scope = document.getElementById(toggle.getAttribute('data-scope') || '');
      for (const details of (scope || document).querySelectorAll('details')) details.open = open;
    }
  });
  const openFromHash = () => {
    let id = '';
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (_) { return; }
    const found = id ? document.getElementById(id) : null;
    if (found && found.tagName === 'DETAILS') { found.open = true; found.scrollIntoView(); }
  };
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
})();
`;
