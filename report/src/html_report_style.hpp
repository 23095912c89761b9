// The report's stylesheet, inlined into the page (no network: no web fonts, no CDN).
#pragma once

namespace schedlab::report {

inline constexpr const char* kReportCss = R"css(
:root { --ink:#1f2933; --muted:#5f6b7a; --rule:#d5dae1; --accent:#1d4ed8; --accent-soft:#e3ebfd; --paper:#ffffff; }
* { box-sizing: border-box; }
body { margin:0; background:#f6f7f9; color:var(--ink);
  font:14px/1.45 "Source Sans 3","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif; }
main { max-width:1120px; margin:0 auto; padding:28px 32px 48px; background:var(--paper); }
h1 { font-size:26px; margin:0 0 4px; letter-spacing:-0.01em; }
h2 { font-size:20px; margin:36px 0 2px; padding-top:14px; border-top:2px solid var(--ink); }
h3 { font-size:15px; margin:26px 0 8px; text-transform:uppercase; letter-spacing:0.04em; color:var(--muted); }
p.meta, p.sub { margin:0 0 10px; color:var(--muted); }
pre.command { background:#f1f3f6; border:1px solid var(--rule); border-radius:4px; padding:8px 12px; margin:6px 0;
  white-space:pre-wrap; word-break:break-all; font:12.5px/1.5 "DejaVu Sans Mono",Menlo,Consolas,monospace; }
nav ol { margin:6px 0 0; padding-left:20px; columns:2; }
table { border-collapse:collapse; font-variant-numeric:tabular-nums; margin:4px 0 6px; }
table.summary { width:100%; }
th, td { padding:4px 10px; text-align:right; white-space:nowrap; }
th { font-weight:600; border-bottom:1.5px solid var(--ink); vertical-align:bottom; }
thead tr:first-child th { border-top:1.5px solid var(--ink); }
tbody tr:last-child td { border-bottom:1.5px solid var(--ink); }
th:first-child, td:first-child { text-align:left; }
td.name { text-align:left; }
tbody tr:nth-child(even) { background:#fafbfc; }
td.best { background:var(--accent-soft); color:var(--accent); font-weight:700; }
p.note { font-size:12.5px; color:var(--muted); margin:2px 0 8px; }
.charts { display:grid; grid-template-columns:repeat(auto-fill,minmax(320px,1fr)); gap:14px 22px; }
figure { margin:0; }
figcaption { font-weight:600; font-size:13px; margin:0 0 2px; }
figcaption small { font-weight:400; color:var(--muted); }
svg { width:100%; height:auto; display:block; overflow:visible; }
svg text { font:11px "Source Sans 3","Segoe UI",system-ui,Arial,sans-serif; fill:var(--ink); }
svg text.value { fill:var(--muted); }
svg g.best text.value, svg g.best text.label { fill:var(--accent); font-weight:700; }
svg text.tick { fill:var(--muted); font-size:10px; }
svg text.axis-title { fill:var(--muted); font-size:11px; }
svg text.small { font-size:9.5px; }
svg text.in-bar { font-size:10px; fill:#1f2933; pointer-events:none; }
svg text.in-bar.light { fill:#ffffff; }
svg .axis { stroke:var(--ink); stroke-width:1; }
svg .grid { stroke:#e6e9ee; stroke-width:1; }
svg .lane { fill:#eef1f5; }
svg .slice { stroke:#ffffff; stroke-width:0.6; }
svg .box { fill:#dfe4ea; stroke:#56606d; stroke-width:1; }
svg g.best .box { fill:var(--accent-soft); stroke:var(--accent); }
svg .median { stroke:#1f2933; stroke-width:2; }
svg g.best .median { stroke:var(--accent); }
svg .whisker { stroke:#56606d; stroke-width:1; }
svg .dot { fill:none; stroke:#56606d; stroke-opacity:0.45; stroke-width:0.8; }
svg g:hover > rect.slice { stroke:#1f2933; stroke-width:1.2; }
.gantt-figure { margin:0 0 18px; }
p.legend { display:flex; flex-wrap:wrap; gap:6px 18px; font-size:12.5px; color:var(--muted); margin:4px 0 12px; }
p.legend i { display:inline-block; width:22px; height:11px; margin-right:6px; vertical-align:-1px; border-radius:2px; }
p.legend i.hatch { background:repeating-linear-gradient(45deg,#7ea6cf 0 2px,#dde8f4 2px 5px); }
details { margin:4px 0; border:1px solid var(--rule); border-radius:4px; padding:4px 10px; }
details[open] { padding-bottom:8px; }
summary { cursor:pointer; font-weight:600; }
footer { margin-top:40px; padding-top:10px; border-top:1px solid var(--rule); font-size:12.5px; color:var(--muted); }
footer dl { display:grid; grid-template-columns:max-content 1fr; gap:2px 14px; margin:6px 0; }
footer dt { font-weight:600; color:var(--ink); }
footer dd { margin:0; }
@media print { body { background:#fff; } main { padding:0; max-width:none; } details { border:none; } h2 { break-before:page; } }
)css";

}  // namespace schedlab::report
