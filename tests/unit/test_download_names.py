"""Safe download names, and the class-map HTML export with hostile class and wave names
(stored XSS: the class name went raw into plotly's toImageButtonOptions.filename inside
a <script> block)."""

from __future__ import annotations

import json
import string
from html.parser import HTMLParser

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import classmap as cm
from analysis.filenames import MAX_NAME_LENGTH, download_file_name, download_name
from analysis.pipeline import analyse, default_questions

CLASS = "G</script><svg/onload=alert(1)>"
WAVE = "Meting \u202eevil"


def test_hostile_names_become_plain_stems():
    assert download_name("klaskaart", CLASS, WAVE) == "klaskaart_G_script_svg_onload_alert_1_Meting_evil"
    assert download_name("../../etc/passwd") == "etc_passwd"
    assert download_name("", None, "   ") == "klaskaart"
    assert download_name("CON") == "_CON"
    assert download_name("4B", "najaar 2026") == "4B_najaar_2026"
    assert download_name("Zoë", "Şule") == "Zoë_Şule"  # letters of any script stay
    assert len(download_name("x" * 500)) == MAX_NAME_LENGTH
    assert download_file_name("inlogkaarten <4B>.PDF") == "inlogkaarten_4B.pdf"
    assert download_file_name("a" * 200 + ".html").endswith("a.html")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=4))
def test_any_text_gives_a_safe_non_empty_stem(parts):
    name = download_name(*parts)
    assert 0 < len(name) <= MAX_NAME_LENGTH
    assert all(ch in "-_." or ch.isalnum() for ch in name)
    assert not name.startswith((".", "-", "_")) or name.startswith("_") and name[1:].upper(
        ) in {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(10)}
    assert ".." not in name and "/" not in name and "\\" not in name
    assert not set(name) & set(string.whitespace)


class _Tags(HTMLParser):
    """Start tags and the text of each <script> block."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _html(class_name: str, wave_name: str, pupil_name: str) -> str:
    roster = pd.DataFrame({"wave_id": 1, "class_id": 1, "pupil_id": [1, 2, 3],
                           "gender": "x", "present": True})
    noms = pd.DataFrame({"wave_id": 1, "class_id": 1, "question_id": "liked_most",
                         "rater_id": [1, 2, 3], "target_id": pd.array([2, 1, 1], dtype="Int64")})
    pupils = pd.DataFrame({"pupil_id": [1, 2, 3], "class_id": 1,
                           "first_name": [pupil_name, "Zoë", "Ali"], "tussenvoegsel": "",
                           "last_name": ["A", "B", "C"], "gender": "x"})
    questions = default_questions()
    result = analyse(roster, noms, questions)
    pos = cm.class_layout([1, 2, 3], [(1, 2), (2, 1), (3, 1)], seed=1)
    nodes = cm.node_table(result.pupils_table(), cm.display_names(pupils), pos, 1, 1, roster,
                          noms, questions)
    fig = cm.class_map_figure(nodes, cm.edge_table(noms, 1, "liked_most", [1, 2, 3]),
                              title=f"{class_name} — {wave_name}")
    return cm.class_map_html(fig, download_name("klaskaart", class_name, wave_name))


def test_class_map_html_with_hostile_class_and_wave_names():
    html = _html(CLASS, WAVE, CLASS)
    benign = _html("4B", "najaar", "Bo")
    assert "<svg/onload" not in html and html.count("<svg") == benign.count("<svg")
    # exactly the real closing tags: as many as in the same export with plain names
    assert html.lower().count("</script") == benign.lower().count("</script") == 3
    parser = _Tags()
    parser.feed(html)
    assert parser.tags == _tags(benign)  # no tag of the names became an element
    assert "svg" not in parser.tags
    figure = parser.scripts[-1]
    config = json.loads(figure[figure.index('{"displayModeBar"'):].split("\n")[0].rsplit(
        ")", 1)[0].strip())
    assert config["toImageButtonOptions"]["filename"] == (
        "klaskaart_G_script_svg_onload_alert_1_Meting_evil")
    # the names are still shown, as text: escaped in the figure's JSON, not dropped
    assert "G&lt;\\u002fscript&gt;" in figure or "G&lt;/script&gt;" in figure


def _tags(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_class_map_config_file_name_is_safe():
    config = cm.class_map_config("klaskaart_" + CLASS)
    assert config["toImageButtonOptions"]["filename"] == "klaskaart_G_script_svg_onload_alert_1"
