package main

// reportHTML is the template of the HTML report. Everything is inline: the
// page fetches nothing, so it works offline and can be mailed as one file.
const reportHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<script>window.onerror = function (msg) { document.documentElement.setAttribute("data-script-error", String(msg)); };</script>
<style>
body{font:14px/1.4 {{fonts}};margin:24px;color:#1f1f1f}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#555;font-size:12px}
.notice{border:2px solid #c99400;background:#fff8e1;border-radius:6px;padding:8px 12px;margin:12px 0}
table.asof{width:auto;margin:8px 0}table.asof td,table.asof th{padding:2px 10px 2px 0;border:0;background:none;position:static;cursor:auto}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.tile{border-radius:6px;padding:8px 14px;color:#fff;min-width:110px}
.tile b{display:block;font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#1f1f1f}
.controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:8px 0 12px;padding:8px;background:#f6f6f6;border-radius:6px}
.controls label{display:flex;flex-direction:column;font-size:12px;color:#444}
.controls select,.controls input,.controls button{font:inherit;font-size:13px}
#shown{font-size:12px;color:#444}
table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
#decisions th{background:#f3f3f3;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
col.c-id{width:9%}col.c-out{width:11%}col.c-dest{width:8%}col.c-codes{width:17%}col.c-match{width:21%}col.c-score{width:5%}
td.codes code{display:block;overflow-wrap:anywhere}
.pill{color:#fff;border-radius:10px;padding:1px 8px;white-space:nowrap}
code{font-size:12px}
.ref{color:#555;font-size:12px}
.strength{font-size:11px;border:1px solid #888;border-radius:8px;padding:0 5px;margin-left:4px}
details{margin-top:4px}summary{cursor:pointer;color:#3f51b5;font-size:12px}
details ul{margin:4px 0;padding-left:18px}details li{margin:2px 0}
.cite{color:#555;font-size:12px}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
@page{size:A4 landscape;margin:10mm}
@media print{
  body{margin:0;font-size:9pt}
  table{font-size:8.5pt}
  col.c-id{width:10%}col.c-out{width:10%}col.c-dest{width:5%}col.c-codes{width:17%}col.c-match{width:22%}col.c-score{width:5%}
  .controls,#shown,.charts,.noprint{display:none !important}
  #decisions th{position:static;background:none;cursor:auto}
  th[aria-sort]::after{content:none}
  tr{break-inside:avoid}
  tr[hidden]{display:none}
  .pill{color:#000;border:1px solid #000;background:none !important;white-space:normal;overflow-wrap:anywhere;padding:0 3px}
  details>summary{display:none}
  details:not([open]) *{display:none}
  .notice{border-color:#000;background:none}
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
{{if or .Evaluation (evalLists .Versions)}}<div class="notice" id="evaluation-notice" role="note"><b>Evaluation data.</b> {{.Evaluation}} of {{.Requests}} decisions were made on the embedded evaluation snapshot, whose lists and databases are old (as-of dates below). They show how the screening works; they are not a screening of today's lists. Load current data with -lists and -geoip for real use.</div>
{{end}}<div class="meta">Generated {{.Generated}} from {{.Inputs}} · library {{.Versions.Library}}</div>
<table class="asof" id="asof" aria-label="Data used and its as-of dates">
<tr><th>Data</th><th>As of</th><th>Size</th><th></th></tr>
<tr><td>policy <code title="{{.Versions.Policy}}">{{short .Versions.Policy}}</code></td><td>{{.Versions.PolicyAsOf}}</td><td></td><td></td></tr>
{{range .Versions.Lists}}<tr><td>list {{.Source}}</td><td>{{.AsOf}}</td><td>{{.Entries}} entries</td><td>{{if .Evaluation}}evaluation data{{end}}</td></tr>
{{end}}{{range .Versions.GeoDBs}}<tr><td>IP database {{.Name}} ({{.Type}})</td><td>{{.BuildDate}}</td><td></td><td></td></tr>
{{end}}</table>
<div class="tiles" id="tiles">
<div class="tile" style="background:#37474f"><b>{{.Requests}}</b>requests</div>
{{range .Outcomes}}<div class="tile" style="background:{{color .Key}}"><b>{{.N}}</b>{{.Key}}</div>
{{end}}</div>
<div class="charts">
{{range .Charts}}<figure>
<figcaption>{{.Title}}</figcaption>
<svg id="{{.ID}}" class="chart" xmlns="http://www.w3.org/2000/svg" width="{{svgW}}" height="{{.Height}}" role="img" aria-label="{{.Title}}">
{{range .Bars}}<g class="bar"><text x="{{lx}}" y="{{.TextY}}" text-anchor="end">{{.Label}}</text>{{$y := .Y}}{{range .Segs}}<rect x="{{f2 .X}}" y="{{$y}}" width="{{f2 .W}}" height="18" fill="{{.Color}}"><title>{{.Title}}</title></rect>{{end}}<text x="{{.NX}}" y="{{.TextY}}">{{.N}}</text></g>
{{end}}</svg>{{if .More}}<div class="meta">and {{.More}} more</div>{{end}}{{if .Legend}}<div class="meta legend">{{range $.Legend}}<span style="background:{{.Color}}"></span>{{.Outcome}}{{end}}</div>{{end}}
</figure>
{{end}}</div>
<h2>Decisions ({{len .Rows}}{{if .Omitted}}, and {{.Omitted}} more not listed{{end}})</h2>
<form class="controls" id="controls" onsubmit="return false">
<label>Outcome<select id="f-outcome"><option value="">any</option>{{range .FilterOutcomes}}<option>{{.}}</option>{{end}}</select></label>
<label>Reason code<select id="f-reason"><option value="">any</option>{{range .FilterCodes}}<option>{{.}}</option>{{end}}</select></label>
<label>List<select id="f-list"><option value="">any</option>{{range .FilterLists}}<option>{{.}}</option>{{end}}</select></label>
<label>Destination<select id="f-dest"><option value="">any</option>{{range .FilterDests}}<option>{{.}}</option>{{end}}</select></label>
<label>Hit<select id="f-strength"><option value="">any</option>{{range .FilterStrengths}}<option>{{.}}</option>{{end}}<option value="none">no list hit</option></select></label>
<label>Search<input id="f-search" type="search" placeholder="id, name, code, text…"></label>
<button type="button" id="export-csv">Export CSV of the rows shown</button>
<button type="button" id="f-reset">Clear filters</button>
</form>
<div id="shown" aria-live="polite"></div>
<table id="decisions">
<colgroup><col class="c-id"><col class="c-out"><col class="c-dest"><col class="c-codes"><col class="c-match"><col class="c-score"><col></colgroup>
<thead><tr><th data-type="text">ID</th><th data-type="num">Outcome</th><th data-type="text">Dest&shy;ination</th><th data-type="text">Reason codes</th><th data-type="text">Match (the hit the outcome rests on)</th><th data-type="num">Score</th><th data-type="text">Detail</th></tr></thead>
<tbody>
{{range .Rows}}<tr class="row" data-id="{{.ID}}" data-outcome="{{.Outcome}}" data-dest="{{.Destination}}" data-reasons="{{join .Codes " "}}" data-lists="{{join .Lists " "}}" data-strength="{{.Strength}}" data-match="{{with .Match}}{{.Party}} → {{.List}} {{.Ref}} {{.Name}}{{end}}" data-score="{{with .Match}}{{f2 .Score}}{{end}}" data-detail="{{.Detail}}">
<td>{{.ID}}</td><td data-sort="{{.Rank}}"><span class="pill" style="background:{{color .Outcome}}">{{.Outcome}}</span></td><td>{{.Destination}}</td><td class="codes">{{range .Codes}}<code>{{.}}</code>{{end}}</td>
<td>{{with .Match}}{{.Party}} → <b>{{.Name}}</b><br><span class="ref" title="entry id {{.FullID}}">{{.List}} {{.Ref}}</span><span class="strength">{{.Strength}}</span>{{end}}</td>
<td data-sort="{{with .Match}}{{f2 .Score}}{{else}}0{{end}}">{{with .Match}}{{f2 .Score}}{{end}}</td>
<td>{{.Detail}}{{if or .Reasons .Hits}}<details><summary>explanation</summary>
<ul class="reasons">{{range .Reasons}}<li><b>{{.Outcome}}</b> <code>{{.Code}}</code>: {{.Message}}{{if .Citation}} <span class="cite">[{{.Citation}}]</span>{{end}}</li>{{end}}</ul>
{{if .Hits}}<ul class="hits">{{range .Hits}}<li>{{.Party}} → {{.Name}} <span class="ref" title="entry id {{.FullID}}">({{.List}} {{.Ref}})</span>, score {{f2 .Score}}, {{.Strength}}, via {{.Via}}{{if ne .Matched .Name}}, matched the name “{{.Matched}}”{{end}}{{if .Suppressed}}, cleared by a reviewer{{end}}{{if .Tokens}}<br><span class="cite">tokens: {{.Tokens}}</span>{{end}}</li>{{end}}</ul>{{end}}
</details>{{end}}</td></tr>
{{end}}</tbody>
</table>
<script>
(function () {
  var table = document.getElementById("decisions");
  var heads = table.tHead.rows[0].cells;
  var body = table.tBodies[0];
  function key(row, i, num) {
    var c = row.cells[i];
    var v = c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent;
    return num ? parseFloat(v) || 0 : v.toLowerCase();
  }
  function sortBy(i, asc) {
    var th = heads[i], num = th.getAttribute("data-type") === "num";
    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, num), y = key(b, i, num);
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.addEventListener("click", function () { sortBy(i, th.getAttribute("aria-sort") !== "ascending"); });
  });
  // #sort=N or #sort=N-desc in the address sorts by column N on load.
  var m = /^#sort=(\d+)(-desc)?$/.exec(location.hash);
  if (m && +m[1] < heads.length) { sortBy(+m[1], !m[2]); }

  // Filters: every control narrows the rows; the search box matches any
  // text of a row, its explanation included.
  function val(id) { return document.getElementById(id).value; }
  function has(list, v) { return (" " + list + " ").indexOf(" " + v + " ") >= 0; }
  function matches(r) {
    var d = r.dataset, o = val("f-outcome"), c = val("f-reason"), l = val("f-list"), dst = val("f-dest"), s = val("f-strength");
    var q = val("f-search").trim().toLowerCase();
    return (!o || d.outcome === o) && (!c || has(d.reasons, c)) && (!l || has(d.lists, l)) && (!dst || d.dest === dst) &&
      (!s || (s === "none" ? d.strength === "" : d.strength === s)) && (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
  }
  function apply() {
    var n = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var show = matches(r);
      r.hidden = !show;
      if (show) { n++; }
    });
    document.getElementById("shown").textContent = n + " of " + body.rows.length + " decisions shown";
  }
  ["f-outcome", "f-reason", "f-list", "f-dest", "f-strength"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", apply);
  });
  document.getElementById("f-search").addEventListener("input", apply);
  document.getElementById("f-reset").addEventListener("click", function () {
    document.getElementById("controls").reset();
    apply();
  });

  // CSV of the rows the filters show, in the order shown (RFC 4180).
  function field(v) { return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; }
  window.auditCSV = function () {
    var cols = ["id", "outcome", "destination", "reasons", "lists", "strength", "match", "score", "detail"];
    var out = [cols.join(",")];
    Array.prototype.forEach.call(body.rows, function (r) {
      if (r.hidden) { return; }
      var d = r.dataset;
      out.push([d.id, d.outcome, d.dest, d.reasons, d.lists, d.strength, d.match, d.score, d.detail].map(field).join(","));
    });
    return out.join("\r\n") + "\r\n";
  };
  document.getElementById("export-csv").addEventListener("click", function () {
    var blob = new Blob(["\ufeff" + window.auditCSV()], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "decisions-filtered.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  apply();
  document.body.setAttribute("data-ready", "1");
})();
</script>
</body>
</html>
`
