"""Printable login cards: an A4 PDF with ``CARDS_PER_PAGE`` = 8 cards a page (2 × 4).

Each card is 105 × 74.25 mm (A4 cut in two columns and four rows along dashed cut lines)
and shows the child's name, the class and wave, a QR code of ``<base_url>/?t=<token>``
and the short code with the address to type it (``<base_url>/?t=<code>``, which
``survey.tokens.lookup`` accepts too) for when scanning does not work. The QR code is
drawn as vector squares (crisp at any printer resolution, no image library involved).

A reprint uses the same tokens (``survey.waves.child_cards``), so answers already given
stay valid; only ``survey.waves.new_card`` makes an old card stop working. The database
keeps no token or code: the server recomputes both from each card's seed with the server
secret (survey.keys), so printing needs the same ``KLASKAART_SECRET`` that made the cards.

>>> from survey.waves import ChildCard
>>> pdf = login_cards_pdf([ChildCard(1, "Sem", "Sem Bos", "tok", "ABCDEFGH", "active")],
...                       "http://localhost:8501", class_name="6A", wave_name="Najaar")
>>> pdf[:5]
b'%PDF-'
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import segno
from fpdf import FPDF

from survey import settings
from survey.i18n import DEFAULT_LANGUAGE, t
from survey.text import plain

CARDS_PER_PAGE = 8
COLUMNS, ROWS = 2, 4
PAGE_W, PAGE_H = 210.0, 297.0
CARD_W, CARD_H = PAGE_W / COLUMNS, PAGE_H / ROWS  # 105 × 74.25 mm
PADDING = 8.0  # keeps text inside the unprintable margin of most printers
QR_SIZE = 42.0
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)


def app_base_url(browser_url: str | None, page: str = "waves",
                 configured: str | None = None) -> str:
    """The address the cards' QR codes open: ``KLASKAART_BASE_URL`` (``configured``; None:
    from ``survey.settings``), else the app's address as the browser shows it on ``page``
    (``browser_url``), without the page name, query or fragment.

    >>> app_base_url("https://school.nl/klaskaart/waves?x=1", configured="")
    'https://school.nl/klaskaart'
    >>> app_base_url(None, configured="")
    'http://localhost:8501'
    >>> app_base_url("http://10.0.0.5:8501/waves", configured="https://kk.school.nl")
    'https://kk.school.nl'
    """
    if configured is None:
        configured = settings.current().base_url
    if configured:
        return configured
    parts = urlsplit(browser_url or "http://localhost:8501")
    path = parts.path.rstrip("/")
    if path.endswith("/" + page):
        path = path[: -len("/" + page)]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def only_this_computer(base_url: str) -> bool:
    """Whether the cards' address works on the server itself only (a tablet cannot open it).

    >>> only_this_computer("http://localhost:8501"), only_this_computer("http://[::1]:8501")
    (True, True)
    >>> only_this_computer("https://kk.school.nl")
    False
    """
    return (urlsplit(base_url).hostname or "") in ("localhost", "127.0.0.1", "::1")


def qr_png(data: str, scale: int = 8) -> bytes:
    r"""A QR code of ``data`` as PNG bytes, for a screen (the class tablet's class code).

    >>> qr_png("https://kk.school.nl/?tablet=x")[:8] == b"\x89PNG\r\n\x1a\n"
    True
    """
    out = io.BytesIO()
    segno.make(data, error="m", micro=False).save(out, kind="png", scale=scale, border=2)
    return out.getvalue()


def card_url(base_url: str, token: str) -> str:
    """The address a card's QR code opens.

    >>> card_url("https://klaskaart.school.nl/", "a-b_c")
    'https://klaskaart.school.nl/?t=a-b_c'
    """
    return f"{base_url.rstrip('/')}/?t={quote(token, safe='-_')}"


def _fonts(pdf: FPDF) -> tuple[str, str]:
    """(text font, code font): DejaVu when installed (any name prints), else core fonts."""
    for folder in FONT_DIRS:
        regular, bold, mono = (folder / f for f in (
            "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono-Bold.ttf"))
        if regular.exists() and bold.exists() and mono.exists():
            pdf.add_font("card", "", str(regular))
            pdf.add_font("card", "B", str(bold))
            pdf.add_font("cardmono", "B", str(mono))
            return "card", "cardmono"
    return "helvetica", "courier"


def _printable(text: str, unicode_font: bool) -> str:
    """Core PDF fonts know Latin-1 only: drop accents there rather than fail. Control and
    bidirectional characters never reach the card (survey.text.plain)."""
    text = plain(text)
    if unicode_font:
        return text
    try:
        text.encode("latin-1")
        return text
    except UnicodeEncodeError:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return ascii_text or "?"


def _draw_qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    qr = segno.make(data, error="m", micro=False)
    matrix = qr.matrix
    n = len(matrix)
    quiet = 2  # modules of white border inside ``size`` (the card is white around it)
    module = size / (n + 2 * quiet)
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                pdf.rect(x + (quiet + start) * module, y + (quiet + r) * module,
                         (c - start) * module + 0.01, module + 0.01, style="F")
            else:
                c += 1


def _fit_font(pdf: FPDF, family: str, style: str, text: str, width: float, size: float,
              smallest: float) -> None:
    """Set the largest font size (down to ``smallest``) at which ``text`` fits ``width``."""
    pdf.set_font(family, style, size)
    while size > smallest and pdf.get_string_width(text) > width:
        size -= 0.5
        pdf.set_font(family, style, size)


def _cut_lines(pdf: FPDF) -> None:
    pdf.set_draw_color(150, 150, 150)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2, gap=2)
    for col in range(1, COLUMNS):
        pdf.line(col * CARD_W, 0, col * CARD_W, PAGE_H)
    for row in range(1, ROWS):
        pdf.line(0, row * CARD_H, PAGE_W, row * CARD_H)
    pdf.set_dash_pattern()


def login_cards_pdf(
    cards: list,
    base_url: str,
    *,
    class_name: str = "",
    wave_name: str = "",
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """An A4 PDF with one login card per ``ChildCard`` (8 a page, in the given order)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(t("cards.pdf_title", language, wave=wave_name, klas=class_name))
    pdf.set_creator("Klaskaart")
    font, mono = _fonts(pdf)
    unicode_font = font != "helvetica"
    scan = _printable(t("cards.scan", language), unicode_font)
    code_label = _printable(t("cards.code", language), unicode_font)
    subtitle = _printable(" · ".join(p for p in (class_name, wave_name) if p), unicode_font)
    for i, card in enumerate(cards):
        if i % CARDS_PER_PAGE == 0:
            pdf.add_page()
            _cut_lines(pdf)
        slot = i % CARDS_PER_PAGE
        x0 = (slot % COLUMNS) * CARD_W
        y0 = (slot // COLUMNS) * CARD_H
        inner_w = CARD_W - 2 * PADDING
        text_w = inner_w - QR_SIZE - 3
        # Name on one line across the card, shrunk to fit (long double names).
        name = _printable(card.full_name, unicode_font)
        _fit_font(pdf, font, "B", name, inner_w, 17, 9)
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(x0 + PADDING, y0 + PADDING - 1)
        pdf.cell(inner_w, 8, name)
        pdf.set_font(font, "", 9)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(x0 + PADDING, y0 + PADDING + 7)
        pdf.cell(inner_w, 5, subtitle)
        body_y = y0 + PADDING + 15
        pdf.set_font(font, "", 8.5)
        pdf.set_text_color(60, 60, 60)
        pdf.set_xy(x0 + PADDING, body_y)
        pdf.multi_cell(text_w, 4.2, scan, align="L")
        pdf.set_xy(x0 + PADDING, y0 + CARD_H - PADDING - 19)
        pdf.set_font(font, "", 8)
        pdf.cell(text_w, 4, code_label)
        pdf.set_xy(x0 + PADDING, y0 + CARD_H - PADDING - 15)
        pdf.set_text_color(0, 0, 0)
        pdf.set_font(mono, "B", 17)
        pdf.set_char_spacing(1.2)
        pdf.cell(text_w, 8, card.short_code)
        pdf.set_char_spacing(0)
        typed = _printable(card_url(base_url, card.short_code), unicode_font)
        typed = typed.split("://", 1)[-1]
        _fit_font(pdf, font, "", typed, text_w, 7.5, 5)
        pdf.set_text_color(90, 90, 90)
        pdf.set_xy(x0 + PADDING, y0 + CARD_H - PADDING - 5)
        pdf.cell(text_w, 4, typed)
        qr_x = x0 + CARD_W - PADDING - QR_SIZE
        qr_y = body_y - 2
        _draw_qr(pdf, card_url(base_url, card.token), qr_x, qr_y, QR_SIZE)
    if not cards:
        pdf.add_page()
        pdf.set_font(font, "", 12)
        pdf.set_xy(PADDING * 2, PADDING * 2)
        pdf.cell(0, 8, _printable(t("cards.none", language), unicode_font))
    return bytes(pdf.output())
