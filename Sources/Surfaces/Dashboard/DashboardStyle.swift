/// The dashboard's one stylesheet, served from `/__ui/assets/dashboard.css` (a constant, so the binary
/// needs no resources folder and the Content-Security-Policy can say `style-src 'self'`). Light and
/// dark schemes follow `prefers-color-scheme`; focus is always visible; outcomes carry a word and a
/// mark, never colour alone.
enum DashboardStyle {
    static let css: StaticString = """
        :root {
          color-scheme: light dark;
          --bg: #ffffff; --fg: #1b1f24; --muted: #4f5863; --line: #c9d1d9; --panel: #f4f6f8;
          --link: #0b57d0; --focus: #c2410c; --ok: #14632d; --ok-bg: #dcf5e3; --err: #a4141c; --err-bg: #fde2e2;
          --ins: #d8f5dd; --del: #fbe0e0;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --bg: #0f1419; --fg: #e6e9ed; --muted: #aab4bf; --line: #3a4550; --panel: #1a2129;
            --link: #8ab4f8; --focus: #fdba74; --ok: #8ee0a4; --ok-bg: #173a24; --err: #ffb3b3; --err-bg: #4a1c1f;
            --ins: #17361f; --del: #47201f;
          }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 "DejaVu Sans", system-ui, sans-serif; }
        a { color: var(--link); }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible,
        [tabindex]:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        .skip { position: absolute; left: -999px; top: 0; padding: .5em 1em; background: var(--panel); }
        .skip:focus { left: .5em; }
        header { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: baseline; padding: .6em 1.2em;
          border-bottom: 1px solid var(--line); background: var(--panel); }
        header .brand { font-weight: bold; }
        header nav ul { display: flex; gap: 1.2em; list-style: none; margin: 0; padding: 0; }
        header nav a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
        header nav li:not(.admin) + li.admin { margin-left: 1.2em; }
        main { padding: 1em 1.2em 3em; }
        h1 { font-size: 1.45em; margin: .2em 0 .6em; }
        h2 { font-size: 1.15em; margin: 1.4em 0 .5em; }
        form.filters { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: .6em 1em;
          padding: .8em; border: 1px solid var(--line); background: var(--panel); margin-bottom: 1em; }
        form.filters fieldset { border: 1px solid var(--line); margin: 0; padding: .3em .6em; }
        form.filters .actions { display: flex; gap: .6em; align-items: end; }
        label { display: block; font-size: .9em; color: var(--muted); }
        input, select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line);
          padding: .25em .4em; }
        input[type="checkbox"] { width: auto; }
        label.check { display: inline-flex; gap: .3em; align-items: center; color: var(--fg); margin-right: .8em; }
        input, select { width: 100%; }
        button { cursor: pointer; background: var(--panel); }
        table { border-collapse: collapse; width: 100%; font-size: .92em; }
        caption { text-align: left; font-weight: bold; padding: .3em 0; }
        th, td { border-bottom: 1px solid var(--line); padding: .35em .5em; text-align: left; vertical-align: top; }
        thead th { background: var(--panel); position: sticky; top: 0; }
        td time { white-space: nowrap; }
        td.id, code { font-family: "DejaVu Sans Mono", monospace; font-size: .92em; word-break: break-all; }
        .outcome { display: inline-block; padding: 0 .4em; border-radius: 3px; font-weight: bold; }
        .outcome.success { color: var(--ok); background: var(--ok-bg); }
        .outcome.success::before { content: "\\2713\\00a0"; }
        .outcome.error { color: var(--err); background: var(--err-bg); }
        .outcome.error::before { content: "\\2717\\00a0"; }
        tr.new td { animation: arrive 2s ease-out; }
        @keyframes arrive { from { background: var(--ok-bg); } to { background: transparent; } }
        @media (prefers-reduced-motion: reduce) { tr.new td { animation: none; } }
        pre { background: var(--panel); border: 1px solid var(--line); padding: .6em; overflow: auto; max-height: 32em;
          white-space: pre-wrap; word-break: break-word; font: .9em/1.4 "DejaVu Sans Mono", monospace; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
        dl.fields dt { color: var(--muted); }
        dl.fields dd { margin: 0; }
        .pager, .live, .copy { display: flex; flex-wrap: wrap; gap: 1em; align-items: center; margin: .6em 0; }
        .note { color: var(--muted); }
        .diff ins { background: var(--ins); text-decoration: none; }
        .diff del { background: var(--del); }
        .diff ins::before { content: "+ "; }
        .diff del::before { content: "\\2212 "; }
        .diff span { display: block; white-space: pre-wrap; font-family: "DejaVu Sans Mono", monospace; }
        .error-page { max-width: 48em; }
        form.login { max-width: 24em; display: grid; gap: .6em; }
        """
}
