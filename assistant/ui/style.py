"""The page's stylesheet. Injected from build_ui (a gr.HTML `head`), so the UI package stays self-contained."""

CSS = """
#ui-style { display: none; }
#status-banner .banner { padding: .6em 1em; border-radius: 8px; font-weight: 600;
  background: #fff4d6; color: #5c4300; border: 1px solid #f0d48a; }
#status-banner .banner.error { background: #fde2e2; color: #7a1111; border-color: #f3b0b0; }
#chat .answer, #chat .user-text { white-space: pre-wrap; }
#chat .cites { margin-top: .6em; display: flex; flex-direction: column; gap: .4em; }
#chat details.cite { border: 1px solid var(--border-color-primary, #ddd); border-radius: 8px;
  padding: .3em .7em; background: var(--background-fill-secondary, #fafafa); }
#chat details.cite summary { cursor: pointer; }
#chat details.cite summary code { font-size: .8em; opacity: .7; margin-left: .4em; }
#chat .cite-cols { display: grid; grid-template-columns: 1fr 1fr; gap: .8em; margin-top: .5em; }
@media (max-width: 700px) { #chat .cite-cols { grid-template-columns: 1fr; } }
#chat .cap { font-size: .75em; text-transform: uppercase; letter-spacing: .04em; opacity: .75; margin-bottom: .2em; }
#chat p.src, .article td { white-space: pre-wrap; margin: 0; }
#chat mark, .article mark { background: #ffe066; color: #1f1f1f; padding: 0 .1em; border-radius: 2px; }
#chat .notice, .article .notice { margin: .5em 0 0; padding: .4em .7em; border-left: 4px solid #d98e04;
  background: rgba(217, 142, 4, .08); font-size: .9em; }
#chat p.open { margin: .4em 0 .2em; }
#chat p.lead { margin: 0 0 .2em; opacity: .7; font-size: .92em; }
#chat .info, #chat .error { font-style: italic; }
.article .division { font-size: .85em; opacity: .75; }
.article h3 { margin: .4em 0 .1em; }
.article .heading-en { margin: 0 0 .5em; font-style: italic; opacity: .8; }
.article table.units { width: 100%; border-collapse: collapse; margin-top: .6em; }
.article table.units th, .article table.units td { border: 1px solid var(--border-color-primary, #ddd);
  padding: .35em .6em; vertical-align: top; text-align: left; width: 50%; }
.article table.units tr.depth-1 td { padding-left: 1.8em; }
.article table.units tr.depth-2 td { padding-left: 3em; }
.article table.units tr.selected td { background: #fff3bf; color: #1f1f1f; }
.article table.units code { font-size: .75em; opacity: .6; margin-right: .3em; }
.article .hint { opacity: .7; }
#examples button { white-space: normal; }
/* On a phone the language choice goes under the title: beside it, it squeezed the title to a word a line. */
@media (max-width: 700px) { #header { flex-wrap: wrap; } #header > * { min-width: 100% !important; } }
/* Gradio's table cells default to a monospace font; these are prose. */
#toc .table-wrap span, #who-table .table-wrap span { font-family: var(--font) !important; }
"""
