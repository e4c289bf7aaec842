// The widget's styles, scoped by its shadow root. Lengths in em, not rem: a page's root font
// size (html { font-size: 62.5% }) must not resize the widget. `:host { all: initial }` stops the page's
// inherited styles (font, colour, line height) at the boundary; the page themes the widget
// only through the custom properties below and the `::part()` names. Colours pass WCAG AA
// on the card background: text ≥ 4.5:1, bars and slider tracks ≥ 3:1.
export const CSS = `
:host {
  all: initial;
  display: block;
  contain: layout style;
  container-type: inline-size;
  --_ink: var(--parindex-ink, #1d2433);
  --_muted: var(--parindex-muted, #4a5366);
  --_line: var(--parindex-line, #c9d0dc);
  --_accent: var(--parindex-accent, #a8201a);
  --_accent-ink: var(--parindex-accent-ink, #ffffff);
  --_bg: var(--parindex-bg, #f6f7f9);
  --_card: var(--parindex-card-bg, #ffffff);
  --_focus: var(--parindex-focus, #1a56b0);
  --_radius: var(--parindex-radius, 8px);
  font-family: var(--parindex-font, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif);
  font-size: var(--parindex-font-size, 16px);
  line-height: 1.45;
  color: var(--_ink);
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }
.root { background: var(--_bg); color: var(--_ink); padding: 1em; border-radius: var(--_radius); }
h2, h3, h4, p { margin: 0; }
.title { font-size: 1.35em; font-weight: 700; margin-bottom: 0.25em; }
.sub, .muted { color: var(--_muted); }
.small { font-size: 0.9em; }
.controls { display: flex; flex-wrap: wrap; gap: 0.75em 1em; align-items: end; margin: 0.9em 0; }
.controls label { display: flex; flex-direction: column; gap: 0.2em; font-size: 0.92em; }
select, input[type="number"], button {
  font: inherit; color: var(--_ink); background: var(--_card);
  border: 1px solid var(--_muted); border-radius: 6px; padding: 0.4em 0.5em; min-height: 44px;
}
input[type="number"] { width: 6.5em; }
button { cursor: pointer; }
button:hover { border-color: var(--_ink); }
:focus-visible { outline: 3px solid var(--_focus); outline-offset: 2px; }
fieldset.view { border: 1px solid var(--_line); border-radius: 6px; display: flex; flex-wrap: wrap; gap: 0.2em 0.9em; margin: 0; padding: 0.2em 0.7em 0.4em; }
fieldset.view legend { font-size: 0.92em; padding: 0 0.2em; }
fieldset.view label { flex-direction: row; align-items: center; gap: 0.35em; min-height: 32px; }
.status { font-size: 0.9em; color: var(--_muted); margin-bottom: 0.5em; }
.error { border: 2px solid var(--_accent); background: var(--_card); border-radius: var(--_radius); padding: 0.6em 0.8em; margin: 0.6em 0; }
.error .error-text { font-weight: 600; }
.error details { margin-top: 0.3em; font-size: 0.9em; }
.error pre { white-space: pre-wrap; word-break: break-word; font-size: 0.85em; margin: 0.3em 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 15em), 1fr)); gap: 0.75em; }
.card { background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); padding: 0.75em 0.9em; display: flex; flex-direction: column; gap: 0.3em; min-width: 0; }
.card h3 { font-size: 1em; }
.card.q1 { border-top: 4px solid var(--_accent); }
.card.q2 { border-top: 4px solid var(--_ink); }
.big { font-size: 1.6em; font-weight: 700; font-variant-numeric: tabular-nums; }
.two { margin: 0.75em 0 0; font-size: 0.95em; }
section.block { margin-top: 1.1em; }
section.block h3 { font-size: 1.05em; margin-bottom: 0.3em; }
.sliders { display: grid; gap: 0.4em; margin-top: 0.5em; }
.slider { display: grid; grid-template-columns: minmax(12em, 2fr) 3fr 6.5em; gap: 0.3em 0.8em; align-items: center; background: var(--_card); border: 1px solid var(--_line); border-radius: 6px; padding: 0.35em 0.6em; }
.slider .name { font-size: 0.95em; }
.slider .note { display: block; font-size: 0.85em; color: var(--_muted); }
.slider output { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
input[type="range"] { -webkit-appearance: none; appearance: none; width: 100%; min-width: 0; height: 44px; background: transparent; margin: 0; cursor: pointer; }
input[type="range"]::-webkit-slider-runnable-track { height: 8px; border-radius: 4px; background: var(--_muted); }
input[type="range"]::-moz-range-track { height: 8px; border-radius: 4px; background: var(--_muted); }
input[type="range"]::-webkit-slider-thumb { -webkit-appearance: none; width: 26px; height: 26px; margin-top: -9px; border-radius: 50%; background: var(--_accent); border: 3px solid var(--_card); box-shadow: 0 0 0 1px var(--_accent); }
input[type="range"]::-moz-range-thumb { width: 22px; height: 22px; border-radius: 50%; background: var(--_accent); border: 3px solid var(--_card); }
input[type="range"]:disabled { cursor: not-allowed; opacity: 0.6; }
.room { margin-top: 0.4em; font-size: 0.92em; }
.bars { display: grid; gap: 0.35em; margin-top: 0.5em; }
.bar { display: grid; grid-template-columns: minmax(10em, 2fr) 3fr minmax(6em, auto); gap: 0.2em 0.8em; align-items: center; }
.bar .label { font-size: 0.92em; }
.bar .track { position: relative; height: 18px; background: var(--_card); border: 1px solid var(--_line); border-radius: 3px; }
.bar .max { position: absolute; inset: 0 auto 0 0; border: 2px solid var(--_accent); border-radius: 3px; background: transparent; }
.bar .now { position: absolute; inset: 0 auto 0 0; background: var(--_accent); border-radius: 3px; }
.bar .value { font-variant-numeric: tabular-nums; font-size: 0.92em; }
details.table { margin-top: 1.1em; background: var(--_card); border: 1px solid var(--_line); border-radius: var(--_radius); padding: 0.5em 0.8em; }
details.table summary { cursor: pointer; font-weight: 600; min-height: 32px; display: list-item; }
.scroll { max-height: 26em; overflow: auto; margin-top: 0.5em; border: 1px solid var(--_line); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--_line); padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: var(--_card); }
td.num { font-variant-numeric: tabular-nums; }
.cell-note { display: block; font-size: 0.9em; color: var(--_muted); }
tr.me { background: #fdecea; font-weight: 600; }
.tag { display: inline-block; background: var(--_accent); color: var(--_accent-ink); border-radius: 4px; padding: 0 0.35em; font-size: 0.9em; }
.method { margin-top: 0.9em; font-size: 0.88em; color: var(--_muted); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
@container (max-width: 40em) {
  .root { padding: 0.75em; }
  .slider { grid-template-columns: 1fr 4.5em; }
  .slider label { grid-column: 1 / -1; }
  .bar { grid-template-columns: 1fr auto; }
  .bar .label { grid-column: 1 / -1; }
  .big { font-size: 1.4em; }
  th:nth-child(5), td:nth-child(5) { display: none; }
}
`;
