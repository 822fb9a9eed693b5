namespace WasmPerfDiff.Reporting;

/// <summary>The report's stylesheet, inlined so the file works offline. System fonts only (no web fonts).</summary>
internal static class HtmlStyles
{
    public const string Css = """
        :root { --ink:#1f2328; --muted:#656d76; --line:#d8dee4; --bg:#f6f8fa; --card:#ffffff;
                --accent:#0072B2; --bad:#B2182B; --warn:#9a6700; --good:#1a7f37; }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body { margin: 0; color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, sans-serif; }
        header.top { background: #0b2545; color: #fff; padding: 28px 0 22px; }
        header.top h1 { margin: 0 0 4px; font-size: 26px; font-weight: 650; letter-spacing: .2px; }
        header.top p { margin: 0; color: #c9d6e3; font-size: 14px; }
        .wrap { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: -18px 0 18px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
        .card .n { font-size: 28px; font-weight: 700; line-height: 1.1; }
        .card .l { color: var(--muted); font-size: 13px; }
        .card.bad .n { color: var(--bad); } .card.warn .n { color: var(--warn); } .card.good .n { color: var(--good); }
        nav.toc { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 10px 16px; margin-bottom: 18px; }
        nav.toc ol { margin: 0; padding-left: 20px; columns: 3 220px; }
        nav.toc a { color: var(--accent); text-decoration: none; } nav.toc a:hover { text-decoration: underline; }
        section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 6px 22px 18px; margin-bottom: 18px; }
        section h2 { font-size: 20px; margin: 14px 0 6px; }
        section h3 { font-size: 16px; margin: 16px 0 6px; }
        p.lead { color: var(--muted); margin: 0 0 12px; max-width: 80ch; }
        .headline { font-size: 16px; background: #eef5fb; border-left: 4px solid var(--accent); padding: 10px 14px; border-radius: 6px; margin: 0 0 18px; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; margin: 6px 0 10px; }
        th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: var(--bg); font-weight: 600; position: sticky; top: 0; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:hover { background: #f3f7fb; }
        code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px; }
        .cmd { color: var(--muted); word-break: break-all; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
        .badge.anomaly { background: #fbe3e5; color: var(--bad); }
        .badge.undecided { background: #fff4d6; color: var(--warn); }
        .badge.no-anomaly { background: #e8f0e9; color: var(--good); }
        .badge.ok { background: #e8f0e9; color: var(--good); }
        .badge.fail { background: #fbe3e5; color: var(--bad); }
        .badge.kind { background: #eaeef2; color: var(--muted); font-weight: 500; }
        .chart { max-width: 100%; height: auto; display: block; margin: 6px 0; }
        .scroll { overflow-x: auto; }
        .finding { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px 10px; margin: 14px 0; }
        .finding:target { outline: 3px solid var(--accent); }
        .finding h3 { margin: 6px 0 2px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
        .finding h3 .rank { color: var(--muted); font-weight: 500; }
        .finding .facts { color: var(--muted); font-size: 14px; margin: 0 0 4px; }
        .finding .explain { font-size: 14px; margin: 4px 0 6px; } .finding .explain ol { margin: 2px 0 0 18px; padding: 0; }
        .finding .facts b { color: var(--ink); }
        .flame { display: block; font-size: 13px; margin: 4px 0 0; color: var(--muted); } .flame a { margin-left: 8px; }
        .legend { display: flex; align-items: center; gap: 4px; flex-wrap: wrap; font-size: 13px; color: var(--muted); margin: 4px 0 10px; }
        .legend .sw { display: inline-block; width: 34px; height: 14px; border: 1px solid #ccc; }
        .legend .key { display: inline-flex; align-items: center; gap: 5px; margin-right: 12px; }
        .legend .dot { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
        td.name { white-space: nowrap; }
        table.compact { width: auto; min-width: 60%; }
        .rt { display: inline-flex; align-items: center; gap: 7px; }
        .rt .dot { display: inline-block; width: 12px; height: 12px; border-radius: 3px; }
        .matrix td { text-align: center; } .matrix td:first-child { text-align: left; }
        .empty { color: var(--muted); font-style: italic; }
        .note { color: var(--warn); }
        details summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
        footer { color: var(--muted); font-size: 13px; padding: 8px 0 40px; }
        @media (max-width: 700px) { .wrap { padding: 0 10px; } section { padding: 4px 12px 12px; } }
        """;
}
