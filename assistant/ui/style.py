"""The page's stylesheet. Injected from build_ui (a gr.HTML `head`), so the UI package stays self-contained."""

CSS = """
#ui-style, #loaded { display: none; }
/* Gradio's container hides overflow, which makes it the scroll box of sticky elements: the question box
   would then stick to nothing. Clipping keeps what hiding was for without that. */
.gradio-container { overflow: clip !important; }
#status-banner .banner { padding: .6em 1em; border-radius: 8px; font-weight: 600;
  background: #fff4d6; color: #5c4300; border: 1px solid #f0d48a; }
#status-banner .banner.error { background: #fde2e2; color: #7a1111; border-color: #f3b0b0; }
#revocation .landing-notice { padding: .45em .8em; border-left: 4px solid #d98e04; border-radius: 4px;
  background: rgba(217, 142, 4, .1); font-size: .92em; }
#title h2 { margin-bottom: .2em; }
#title p { margin-top: 0; }

/* The conversation */
#chat .answer, #chat .user-text { white-space: pre-wrap; }
#chat .cites, #chat .way { margin-top: .6em; display: flex; flex-direction: column; gap: .4em; }
#chat .way-title { font-weight: 600; font-size: .9em; }
#chat details.cite { border: 1px solid var(--border-color-primary, #ddd); border-radius: 8px;
  padding: .3em .7em; background: var(--background-fill-secondary, #fafafa); }
#chat details.related { border-style: dashed; }
#chat details.pointer { border-color: #4a8f4a; }
#chat details.cite summary { cursor: pointer; }
#chat details.cite summary code { font-size: .8em; opacity: .7; margin-left: .4em; }
#chat details.cite summary .doc { opacity: .75; font-size: .9em; }
#chat .cite-cols { display: grid; grid-template-columns: 1fr; gap: .8em; margin-top: .5em; }
#chat .cols-2 .cite-cols { grid-template-columns: 1fr 1fr; }
@media (max-width: 700px) { #chat .cols-2 .cite-cols { grid-template-columns: 1fr; } }
#chat .cap { font-size: .75em; text-transform: uppercase; letter-spacing: .04em; opacity: .75; margin-bottom: .2em; }
#chat p.src, .article td { white-space: pre-wrap; margin: 0; }
#chat mark, .article mark { background: #ffe066; color: #1f1f1f; padding: 0 .1em; border-radius: 2px; }
#chat .notice, .article .notice { margin: .5em 0 0; padding: .4em .7em; border-left: 4px solid #d98e04;
  background: rgba(217, 142, 4, .08); font-size: .9em; }
#chat p.open { margin: .4em 0 .2em; }
#chat p.lead { margin: 0 0 .2em; opacity: .7; font-size: .92em; }
#chat .note { font-style: italic; }
#chat .loading { font-style: italic; opacity: .8; display: flex; align-items: center; gap: .5em; }
#chat .spinner { width: .9em; height: .9em; border: 2px solid currentColor; border-right-color: transparent;
  border-radius: 50%; display: inline-block; animation: assistant-spin .8s linear infinite; }
@keyframes assistant-spin { to { transform: rotate(360deg); } }
#chat .follow-ups { margin-top: .6em; display: flex; flex-wrap: wrap; gap: .4em; align-items: center; }
#chat .follow-ups .cap { margin: 0 .2em 0 0; }
#chat button.follow, #chat button.copy-answer { font: inherit; font-size: .9em; cursor: pointer;
  border: 1px solid var(--border-color-primary, #ccc); border-radius: 999px; padding: .15em .75em;
  background: var(--background-fill-primary, #fff); color: inherit; }
#chat button.follow:hover, #chat button.copy-answer:hover { border-color: var(--color-accent, #f97316); }
#chat .tools { margin-top: .5em; }
#chat button.copy-answer .copied-label, #chat button.copy-answer.copied .copy-label { display: none; }
#chat button.copy-answer.copied .copied-label { display: inline; }
#chat .feedback-note { margin: .5em 0 0; font-size: .88em; opacity: .85; }
#chat pre.plain { display: none !important; }  /* what Copy copies; Gradio's styles show a hidden <pre> */

/* The question box, its buttons and the examples */
#examples button.example { white-space: normal; font-size: var(--text-md, 15px); }
/* The question box stays at the bottom of the screen, over the conversation, like a messaging app. */
#ask-row { position: sticky; bottom: 0; z-index: 20; padding: .4em 0; align-items: stretch;
  background: var(--body-background-fill, #fff); }
#ask-row button { align-self: stretch; }

/* The browse tab */
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
/* Gradio's table cells default to a monospace font; these are prose. */
#toc .table-wrap span { font-family: var(--font) !important; }

/* The competences table: columns on a desktop, one card per provision on a phone */
#who-table table.who { width: 100%; border-collapse: collapse; }
#who-table table.who th, #who-table table.who td { border: 1px solid var(--border-color-primary, #ddd);
  padding: .35em .6em; vertical-align: top; text-align: left; white-space: pre-wrap; }
#who-table table.who td:nth-child(1) { width: 17%; }
#who-table table.who td:nth-child(2) { width: 13%; }
#who-table code { font-size: .75em; opacity: .7; word-break: break-all; }
#who-table .cell-name { display: none; }

@media (max-width: 700px) {
  /* The language choice goes under the title: beside it, it squeezed the title to a word a line. */
  #header { flex-wrap: wrap; gap: .3em; }
  #header > * { min-width: 100% !important; }
  #header .form { background: transparent; border: 0; box-shadow: none; }  /* no empty grey block beside it */
  #language { padding: .2em 0; display: flex; flex-wrap: nowrap; align-items: center; gap: .5em;
    width: 100%; flex-grow: 1 !important; }
  #language > span { margin: 0; white-space: nowrap; }
  #title h2 { font-size: 1.35em; margin: 0; }
  #title p { font-size: .88em; margin: .2em 0 0; }
  #revocation .landing-notice { font-size: .82em; padding: .35em .6em; }
  /* Gradio moves the tabs that do not fit into a "⋯" menu, measuring them in a hidden copy of the tab bar:
     measured tiny, they all stay in the bar, which wraps onto a second line if it must. */
  #tabs .tab-container.visually-hidden button { font-size: 1px !important; padding: 0 !important; }
  #tabs .tab-container[role='tablist'] { flex-wrap: wrap; height: auto; }
  #tabs .tab-container[role='tablist'] button { padding: .4em .55em; }
  #who-table table.who thead { display: none; }
  #who-table table.who, #who-table table.who tbody, #who-table table.who tr, #who-table table.who td {
    display: block; width: auto !important; }
  #who-table table.who { padding: 0; margin: 0; }
  #who-table table.who tr { border: 1px solid var(--border-color-primary, #ddd); border-radius: 8px;
    margin-bottom: .6em; padding: .4em .6em; }
  #who-table table.who td { border: 0; padding: .15em 0; }
  #who-table .cell-name { display: block; font-size: .72em; text-transform: uppercase; letter-spacing: .04em;
    opacity: .7; }
  #ask-row { flex-wrap: nowrap; gap: .3em; }
  #ask-row button { min-width: 4.2em !important; padding-left: .6em; padding-right: .6em; }
  #language .wrap { flex-wrap: nowrap; gap: .4em; }
}
"""
