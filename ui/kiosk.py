"""Shared widgets of the child kiosk: kiosk CSS, read-aloud button, answer cards, progress.

Why these are not plain Streamlit widgets:

- The read-aloud button must start ``speechSynthesis.speak`` synchronously inside the tap
  (iOS only speaks from a user gesture in the page itself). A Streamlit button runs Python on
  the server and the rerun comes back outside the gesture, so the speaker button is HTML in
  ``st.html(..., unsafe_allow_javascript=True)`` with a click listener in the page. Only our
  own texts go in, JSON-encoded and HTML-escaped into a ``data-`` attribute.
- Answer cards ARE Streamlit buttons (a tap must write to the database in a callback), made
  into big picture cards with CSS on their ``st-key-*`` container class: the pictogram is a
  background image, so the whole card is one touch target.

Example (inside a page)::

    kiosk.apply_kiosk_style(pack, fmt)
    kiosk.read_aloud(["Hoi Emma!", "We gaan samen vragen doen."], "nl", "Voorlezen")
"""

from __future__ import annotations

import base64
import functools
import gc
import html
import json
from collections.abc import Callable, Sequence

import streamlit as st

from survey.instruments import Pack, ResponseFormat, pictogram_path
from survey.text import md, plain

#: How many page runs freeze the heap (see ``freeze_startup_heap``).
_FREEZE_RUNS = 3
_freezes_done = 0


def freeze_startup_heap() -> None:
    """Move the objects alive now into the garbage collector's permanent generation
    (``gc.freeze``), on the first ``_FREEZE_RUNS`` runs of the server process only (the
    router calls it for every page; the kiosk page calls it too, for AppTest and direct runs).

    Why: Streamlit runs a full ``gc.collect(2)`` after every script run
    (``runner.postScriptGC``), and that walks every object in the process. The kiosk's
    process holds the whole app (router, pandas, SQLAlchemy models, instrument packs):
    about 180 000 objects, so the collection alone cost about 40 ms of CPU per run —
    the bulk of the kiosk's extra cost over a bare page. Those objects are modules,
    classes and caches that live as long as the process; frozen, they are skipped, and
    the collection after a run only walks what runs created (still collected as before).
    A run starts right after the previous run's full collection, so almost nothing
    frozen is garbage; freezing on a few early runs also covers what the first runs
    import lazily (SQL compilation caches, Streamlit element modules).

    Example::

        kiosk.freeze_startup_heap()  # top of the kiosk page: a no-op after a few runs
    """
    global _freezes_done
    if _freezes_done < _FREEZE_RUNS:
        _freezes_done += 1
        gc.freeze()


#: speechSynthesis language tags for the wave languages.
SPEECH_LANG = {"nl": "nl-NL", "en": "en-GB"}

_BASE_CSS = """
[data-testid='stHeader'], [data-testid='stToolbar'], [data-testid='stSidebar'],
[data-testid='stSidebarCollapsedControl'], [data-testid='stMainMenu'],
[data-testid='stDecoration'], [data-testid='stStatusWidget'], [data-testid='stSkipToContent'], footer
  { display: none !important; }
.stApp { -webkit-user-select: none; user-select: none; -webkit-touch-callout: none; }
.stMainBlockContainer, [data-testid='stMainBlockContainer']
  { max-width: 1040px; padding: 1.2rem 1.2rem 2rem 1.2rem; }
.stApp p, .stApp li { font-size: 1.45rem; line-height: 1.45; }
.stApp h1 { font-size: 2.6rem; }
.stApp h2 { font-size: 2.1rem; line-height: 1.3; }
.stApp button { min-height: 72px; border-radius: 18px; touch-action: manipulation; }
.stApp button p { font-size: 1.45rem !important; font-weight: 600; }
.kk-item { font-size: 2.1rem; font-weight: 700; line-height: 1.35; margin: .4rem 0 .6rem 0; }
.kk-say { min-height: 72px; min-width: 180px; padding: 0 1.4rem; font-size: 1.45rem;
  font-weight: 600; border-radius: 18px; border: 3px solid #1f6feb; background: #eaf2ff;
  color: #0b3c8c; cursor: pointer; touch-action: manipulation; }
.kk-say:active { background: #cfe0ff; }
.kk-progress { display: flex; align-items: center; gap: .8rem; margin: .2rem 0 .6rem 0; }
.kk-track { flex: 1; height: 26px; border-radius: 13px; background: #e7e9ee;
  overflow: hidden; border: 2px solid #c9ced8; }
.kk-fill { height: 100%; background: linear-gradient(90deg, #7cc576, #2e9b45); }
.kk-star { line-height: 0; }
.kk-icon { vertical-align: middle; margin-right: .45rem; }
.kk-steps { font-size: 1.2rem; color: #555; white-space: nowrap; }
.st-key-kcards button { min-height: 210px; width: 100%;
  background-repeat: no-repeat; background-position: center 18px; background-size: 120px;
  align-items: flex-end; padding-bottom: 14px; border: 3px solid #c9ced8; }
.st-key-kcards button[data-testid='stBaseButton-primary'],
.st-key-kgrid button[data-testid='stBaseButton-primary'],
.st-key-knobody button[data-testid='stBaseButton-primary']
  { border: 6px solid #0b3c8c; background-color: #fff3b0; color: #111; }
.st-key-kgrid button, .st-key-knobody button { min-height: 96px; width: 100%; }
.kk-title { font-size: 1.7rem; font-weight: 700; margin: .2rem 0; }
.kk-help { margin: .2rem 0 .4rem 0; }
.st-key-knav-next button[data-testid='stBaseButton-primary']
  { background-color: #2e9b45; border-color: #1f7a34; }
[class*='st-key-knav'] button, .st-key-kstart button { min-height: 84px; min-width: 180px; }
"""

#: Inline icons (no emoji: tablets and test browsers may lack an emoji font).
_SPEAKER = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="34" height="34" viewBox="0 0 24 24">'
    '<path fill="#0b3c8c" d="M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 '
    '2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z"/></svg>'
)
_STAR = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="38" height="38" viewBox="0 0 24 24">'
    '<path fill="#f5b301" stroke="#8a6400" d="M12 2l3 6.6 7.2.7-5.4 4.8 1.6 7.1L12 17.6 '
    '5.6 21.2l1.6-7.1L1.8 9.3 9 8.6z"/></svg>'
)


def _svg_img(svg: str, size: int) -> str:
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return f'<img src="{uri}" width="{size}" height="{size}" alt="" class="kk-icon">'


_SAY_SCRIPT = """
<script>
(function () {
  if (window.__kkSay) return;
  window.__kkSay = true;
  document.addEventListener('click', function (event) {
    var b = event.target.closest ? event.target.closest('.kk-say') : null;
    if (!b) return;
    var synth = window.speechSynthesis;
    if (!synth) return;
    var data = JSON.parse(b.getAttribute('data-say'));
    synth.cancel();
    var voices = synth.getVoices ? synth.getVoices() : [];
    var prefix = data.lang.slice(0, 2);
    var voice = null;
    for (var i = 0; i < voices.length; i++) {
      if (voices[i].lang && voices[i].lang.slice(0, 2) === prefix) { voice = voices[i]; break; }
    }
    data.parts.forEach(function (text) {
      var u = new SpeechSynthesisUtterance(text);
      u.lang = data.lang; u.rate = 0.9;
      if (voice) u.voice = voice;
      synth.speak(u);
    });
  }, true);
})();
</script>
"""


@functools.cache
def _data_uri(path: str) -> str:
    with open(path, "rb") as f:
        return "data:image/svg+xml;base64," + base64.b64encode(f.read()).decode("ascii")


def card_css(pack: Pack, fmt: ResponseFormat) -> str:
    """CSS putting pictogram ``i`` of ``fmt`` on the card in column ``i`` of ``kcards``."""
    rules = []
    for i, name in enumerate(fmt.pictograms):
        path = pictogram_path(pack, name)
        if path is not None and path.exists():
            rules.append(
                f".st-key-kcards [data-testid='stColumn']:nth-child({i + 1}) button "
                f"{{ background-image: url('{_data_uri(str(path))}'); }}"
            )
    return "\n".join(rules)


def apply_kiosk_style(pack: Pack | None = None, fmt: ResponseFormat | None = None) -> None:
    """Hide every piece of Streamlit chrome and make type and touch targets big."""
    extra = card_css(pack, fmt) if pack is not None and fmt is not None else ""
    st.html(f"<style>{_BASE_CSS}\n{extra}</style>")


def _say_button(parts: Sequence[str], lang: str, label: str) -> str:
    payload = json.dumps({"lang": SPEECH_LANG.get(lang, lang),
                          "parts": [plain(p) for p in parts]})
    return (
        f'<button type="button" class="kk-say" data-say="{html.escape(payload, quote=True)}">'
        f"{_svg_img(_SPEAKER, 34)}{html.escape(label)}</button>"
    )


def read_aloud(parts: Sequence[str], lang: str, label: str) -> None:
    """A speaker button that speaks ``parts`` (one utterance each) in ``lang`` when tapped.

    The click is handled in the browser (speech starts inside the tap, as iOS requires);
    the server is not involved.
    """
    st.html(_say_button(parts, lang, label) + _SAY_SCRIPT, unsafe_allow_javascript=True)


def _progress(done: int, total: int, caption: str, screen: str) -> str:
    share = 0 if total <= 0 else round(100 * done / total)
    return (
        f'<div class="kk-progress" data-screen="{html.escape(screen, quote=True)}" '
        f'role="progressbar" aria-valuenow="{done}" aria-valuemin="0" aria-valuemax="{total}">'
        f'<div class="kk-track"><div class="kk-fill" style="width:{share}%"></div></div>'
        f'<span class="kk-star">{_svg_img(_STAR, 38)}</span>'
        f'<span class="kk-steps">{html.escape(caption)}</span></div>'
    )


def question_top(
    *,
    progress: tuple[int, int, str],
    screen: str,
    text: str,
    spoken: Sequence[str],
    lang: str,
    say_label: str,
    title: str = "",
    help_text: str = "",
) -> None:
    """The top of a question screen as ONE element (fewer elements = faster reruns):
    progress bar (a green bar filling up towards a star, ``progress`` = done, total,
    caption), optional title and help line, the item or question in large bold type, and
    the speaker button that speaks ``spoken``.

    ``screen`` goes into a ``data-screen`` attribute (what the screen shows, so browser
    tests and the benchmark see that a tap has been answered by the server). All texts are
    escaped (pack texts may be licensed imports)."""
    done, total, caption = progress
    parts = [_progress(done, total, caption, screen)]
    if title:
        parts.append(f'<div class="kk-title">{html.escape(plain(title))}</div>')
    if help_text:
        parts.append(f'<p class="kk-help">{html.escape(plain(help_text))}</p>')
    parts.append(f'<div class="kk-item">{html.escape(plain(text))}</div>')
    parts.append(_say_button(spoken, lang, say_label))
    st.html("".join(parts) + _SAY_SCRIPT, unsafe_allow_javascript=True)


def answer_cards(
    fmt: ResponseFormat,
    lang: str,
    item_id: str,
    chosen: int | None,
    on_pick: Callable[..., None],
    args: Callable[[int], tuple],
) -> int | None:
    """One big picture card per answer point, side by side.

    Each card is a button keyed by item and value (so a tap is tied to the item the screen
    showed), calling ``on_pick(*args(value))``. The stored answer, if any, is highlighted.
    Returns the value whose card reported a tap in this run, if any.
    """
    tapped = None
    labels = fmt.labels.get(lang) or next(iter(fmt.labels.values()))
    with st.container(key="kcards"):
        cols = st.columns(len(fmt.values), gap="small")
    for i, (value, label) in enumerate(zip(fmt.values, labels, strict=True)):
        with cols[i]:
            if st.button(
                md(label),
                key=f"a|{item_id}|{value}",
                type="primary" if chosen == value else "secondary",
                width="stretch",
                on_click=on_pick,
                args=args(value),
            ):
                tapped = value
    return tapped
