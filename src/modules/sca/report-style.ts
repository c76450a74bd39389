/** The report's only stylesheet, inline so the file stands alone (mail it, archive it, print it). */
export const reportStyle = `
:root { color-scheme: light; --fg: #1d2430; --muted: #5b6677; --line: #d9dee7; --good: #1a7f4b; --fair: #b26a00; --poor: #b3261e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 32px 40px 64px; }
h1 { font-size: 28px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 8px; } h4 { font-size: 15px; margin: 0 0 4px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
.meta, .explain, .tags { color: var(--muted); }
.summary { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; margin-top: 16px; }
.summary .explain { flex: 1 1 320px; font-size: 13px; }
.ring { margin: 0; text-align: center; } .ring figcaption { color: var(--muted); font-size: 12px; }
.ring .track { fill: none; stroke: var(--line); stroke-width: 12; } .ring .value { fill: none; stroke-width: 12; stroke-linecap: round; }
.ring text { font-size: 24px; font-weight: 700; fill: var(--fg); }
.ring.good .value { stroke: var(--good); } .ring.fair .value { stroke: var(--fair); } .ring.poor .value { stroke: var(--poor); } .ring.none .value { stroke: none; }
.counts { display: flex; gap: 12px; margin: 0; }
.counts div { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 110px; }
.counts dt { font-size: 12px; color: var(--muted); } .counts dd { margin: 0; font-size: 24px; font-weight: 700; }
.counts .passed dd { color: var(--good); } .counts .failed dd { color: var(--poor); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
table.compact { width: auto; } table.compact td { text-align: center; font-weight: 700; min-width: 90px; }
.bar { display: inline-block; width: 90px; height: 8px; background: var(--line); border-radius: 4px; vertical-align: middle; overflow: hidden; }
.bar span { display: block; height: 100%; background: var(--good); }
.id { font: 12px ui-monospace, "Liberation Mono", monospace; color: var(--muted); }
code, .evidence { font: 12.5px/1.4 ui-monospace, "Liberation Mono", monospace; white-space: pre-wrap; word-break: break-word; }
.check { border: 1px solid var(--line); border-left: 4px solid var(--poor); border-radius: 6px; padding: 12px 16px; margin: 12px 0; break-inside: avoid; }
.sev { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: 12px; font-weight: 700; text-transform: uppercase; color: #fff; }
.sev.sev-critical, h3.sev-critical { background: #7a0e0e; } .sev.sev-high { background: var(--poor); } .sev.sev-medium { background: var(--fair); }
.sev.sev-low { background: #3d6fb6; } .sev.sev-informational { background: var(--muted); }
h3.sev-critical, h3.sev-high, h3.sev-medium, h3.sev-low, h3.sev-informational { background: none; }
td.sev-critical, td.sev-high { color: var(--poor); } td.sev-medium { color: var(--fair); }
td.passed { color: var(--good); } td.failed { color: var(--poor); } td.not_applicable { color: var(--muted); }
.compliance span { display: inline-block; margin: 2px 8px 2px 0; font-size: 12px; color: var(--muted); }
.controls { font-size: 12px; }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print { body { padding: 0; max-width: none; } details { display: block; } details > * { display: revert; } h2 { break-after: avoid; } }
`;
