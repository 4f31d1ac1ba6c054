"""Messages of the research-data importers, in English and Dutch.

The importers (``analysis.importers``) raise :class:`ImportProblem`: a ``ValueError`` whose
``str()`` is the English sentence (the command line and logs print it) and whose
:meth:`ImportProblem.text` gives the sentence in the app's interface language. The message
names the file, the line, the cell or the column, so a researcher can fix the file.

>>> problem = ImportProblem("roster_gender", value="v")
>>> str(problem)
"roster: gender must be m, f or x, got 'v'"
>>> problem.in_file("klas.csv").text("nl")
"klas.csv: leerlingenlijst: geslacht moet m, f of x zijn, maar is 'v'"
"""

from __future__ import annotations

LANGUAGES = ("en", "nl")

#: file kinds named at the start of a message ({what})
WHAT: dict[str, dict[str, str]] = {
    "adjacency matrix": {"en": "adjacency matrix", "nl": "matrix"},
    "edge list": {"en": "edge list", "nl": "keuzelijst (edge list)"},
    "roster": {"en": "roster", "nl": "leerlingenlijst"},
    "answers": {"en": "answers", "nl": "antwoorden"},
    "questions": {"en": "questions", "nl": "vragenlijst"},
}

MESSAGES: dict[str, dict[str, str]] = {
    "not_utf8": {
        "en": "file is not UTF-8 text",
        "nl": "het bestand is geen UTF-8-tekst (sla het op als 'CSV UTF-8')",
    },
    "empty_file": {"en": "{what}: the file is empty", "nl": "{what}: het bestand is leeg"},
    "bad_csv": {
        "en": "{what}: not a valid CSV file ({detail})",
        "nl": "{what}: geen geldig CSV-bestand ({detail})",
    },
    "codes_clash": {
        "en": "missing_code and not_in_class_code must differ from 0, 1 and each other",
        "nl": "de code voor 'afwezig' en de code voor 'niet in de klas' moeten verschillen "
              "van 0, 1 en van elkaar",
    },
    "matrix_empty": {
        "en": "adjacency matrix: the file is empty",
        "nl": "matrix: het bestand is leeg",
    },
    "matrix_not_square_plain": {
        "en": "adjacency matrix: {rows} rows × {cols} columns; the matrix must be square (one "
              "row and one column per pupil)",
        "nl": "matrix: {rows} rijen × {cols} kolommen; de matrix moet vierkant zijn (één rij "
              "en één kolom per leerling)",
    },
    "matrix_ragged": {
        "en": "adjacency matrix: rows have different lengths; expected a square matrix, "
              "optionally with a first row and first column of pupil ids",
        "nl": "matrix: de rijen zijn niet even lang; verwacht wordt een vierkante matrix, "
              "eventueel met een eerste rij en eerste kolom met leerlingnummers",
    },
    "matrix_ids_differ": {
        "en": "adjacency matrix: the ids of the first row and the first column differ "
              "({cols}… vs {rows}…); both must list the pupils in the same order",
        "nl": "matrix: de nummers in de eerste rij en de eerste kolom verschillen "
              "({cols}… en {rows}…); beide moeten de leerlingen in dezelfde volgorde noemen",
    },
    "matrix_ids_unique": {
        "en": "adjacency matrix: pupil ids must be unique and non-empty",
        "nl": "matrix: elk leerlingnummer moet ingevuld zijn en mag maar één keer voorkomen",
    },
    "matrix_not_square": {
        "en": "adjacency matrix: {n} rows but rows of {widths} cells; the matrix must be square",
        "nl": "matrix: {n} rijen maar rijen van {widths} cellen; de matrix moet vierkant zijn",
    },
    "matrix_bad_cell": {
        "en": "adjacency matrix: cell (row {row!r}, column {col!r}) holds {value!r}; allowed "
              "are 0, 1, {missing} (absent nominator) and {not_in_class} (not in class)",
        "nl": "matrix: cel (rij {row!r}, kolom {col!r}) bevat {value!r}; toegestaan zijn 0, 1, "
              "{missing} (afwezig) en {not_in_class} (niet in de klas)",
    },
    "matrix_stray_code": {
        "en": "adjacency matrix: cell (row {row!r}, column {col!r}) holds the not-in-class code "
              "{not_in_class}, but neither pupil is excluded; use it for a whole row or "
              "column only",
        "nl": "matrix: cel (rij {row!r}, kolom {col!r}) bevat de code {not_in_class} (niet in "
              "de klas), maar geen van beide leerlingen valt weg; gebruik die code alleen voor "
              "een hele rij of kolom",
    },
    "matrix_mixed_row": {
        "en": "adjacency matrix: the row of pupil {pupil!r} mixes the missing code {missing} "
              "with answers; an absent nominator's row must be all {missing}",
        "nl": "matrix: de rij van leerling {pupil!r} mengt de code {missing} (afwezig) met "
              "antwoorden; de rij van een afwezige leerling bevat alleen {missing}",
    },
    "matrix_file_name": {
        "en": "name the file <wave_id>__<class_id>__<question_id>{suffix}",
        "nl": "geef het bestand de naam <wave_id>__<class_id>__<question_id>{suffix}",
    },
    "matrix_duplicate": {
        "en": "{other} holds the same wave, class and question; give each matrix once",
        "nl": "{other} bevat dezelfde meting, klas en vraag; geef elke matrix één keer",
    },
    "no_matrices": {"en": "no adjacency matrices given", "nl": "geen matrices gegeven"},
    "edges_missing_columns": {
        "en": "edge list: missing column(s) {columns}; expected the header {header}",
        "nl": "keuzelijst (edge list): kolom(men) {columns} ontbreken; verwacht wordt de "
              "kopregel {header}",
    },
    "edges_empty_cell": {
        "en": "edge list: empty {column} on line {line}",
        "nl": "keuzelijst (edge list): {column} is leeg op regel {line}",
    },
    "edges_matrix_overlap": {
        "en": "the edge list already holds wave {wave}, class {klass}, question {question}; "
              "give each question of a class once",
        "nl": "de keuzelijst bevat al meting {wave}, klas {klass}, vraag {question}; geef elke "
              "vraag van een klas één keer",
    },
    "not_yes_no": {
        "en": "{what}: cannot read {value!r} on line {line} as yes/no",
        "nl": "{what}: {value!r} op regel {line} is geen ja/nee",
    },
    "roster_missing_columns": {
        "en": "roster: missing column(s) {columns}",
        "nl": "leerlingenlijst: kolom(men) {columns} ontbreken",
    },
    "roster_empty_ids": {
        "en": "roster: wave_id, class_id and pupil_id must not be empty",
        "nl": "leerlingenlijst: wave_id, class_id en pupil_id moeten ingevuld zijn",
    },
    "roster_gender": {
        "en": "roster: gender must be m, f or x, got {value!r}",
        "nl": "leerlingenlijst: geslacht moet m, f of x zijn, maar is {value!r}",
    },
    "roster_duplicate": {
        "en": "roster: a pupil is listed twice in the same wave and class",
        "nl": "leerlingenlijst: een leerling staat twee keer in dezelfde meting en klas",
    },
    "answers_no_pupil_column": {
        "en": "answers: the first row must name a pupil_id column and the item ids",
        "nl": "antwoorden: de eerste regel moet een kolom pupil_id en de itemnummers noemen",
    },
    "answers_no_items": {
        "en": "answers: no item columns next to pupil_id",
        "nl": "antwoorden: naast pupil_id staan geen itemkolommen",
    },
    "answers_item_twice": {
        "en": "answers: an item id appears twice in the header",
        "nl": "antwoorden: een itemnummer staat twee keer in de kopregel",
    },
    "answers_empty_pupil": {
        "en": "answers: empty pupil_id",
        "nl": "antwoorden: pupil_id is leeg",
    },
    "answers_pupil_twice": {
        "en": "answers: pupil {pupil} appears twice",
        "nl": "antwoorden: leerling {pupil} staat er twee keer in",
    },
    "answers_not_number": {
        "en": "answers: pupil {pupil}, item {item!r} holds {value!r}, not a number",
        "nl": "antwoorden: leerling {pupil}, item {item!r} bevat {value!r}, geen getal",
    },
    "questions_missing_columns": {
        "en": "questions: missing column(s) {columns}; expected the header {header}",
        "nl": "vragenlijst: kolom(men) {columns} ontbreken; verwacht wordt de kopregel {header}",
    },
    "no_nominations": {
        "en": "give an edge list and/or adjacency matrices with the nominations",
        "nl": "geef een keuzelijst (edge list) en/of matrices met de keuzes",
    },
    "no_roster": {
        "en": "a roster is needed (unless adjacency matrices supply the pupils)",
        "nl": "een leerlingenlijst is nodig (behalve als matrices de leerlingen geven)",
    },
    "too_large": {
        "en": "the file is {found} MB; at most {limit} MB per file can be read",
        "nl": "het bestand is {found} MB; per bestand kan hoogstens {limit} MB worden gelezen",
    },
    "too_large_total": {
        "en": "the files together are {found} MB; at most {limit} MB can be read at once",
        "nl": "de bestanden zijn samen {found} MB; in één keer kan hoogstens {limit} MB "
              "worden gelezen",
    },
    "too_many_rows": {
        "en": "the file has {found} lines; at most {limit} lines per file can be read",
        "nl": "het bestand heeft {found} regels; per bestand kunnen hoogstens {limit} regels "
              "worden gelezen",
    },
    "too_many_cells": {
        "en": "the file has {found} cells ({rows} lines × {cols} columns); at most {limit} "
              "cells per file can be read",
        "nl": "het bestand heeft {found} cellen ({rows} regels × {cols} kolommen); per "
              "bestand kunnen hoogstens {limit} cellen worden gelezen",
    },
    "too_many_pupils": {
        "en": "wave {wave}, class {klass} has {found} pupils; at most {limit} pupils per class "
              "(one network) can be analysed",
        "nl": "meting {wave}, klas {klass} heeft {found} leerlingen; per klas (één netwerk) "
              "kunnen hoogstens {limit} leerlingen worden geanalyseerd",
    },
    "matrix_too_many_pupils": {
        "en": "adjacency matrix: {found} rows; at most {limit} pupils per class (one network) "
              "can be analysed",
        "nl": "matrix: {found} rijen; per klas (één netwerk) kunnen hoogstens {limit} "
              "leerlingen worden geanalyseerd",
    },
    "wave_not_in_roster": {
        "en": "wave {wave!r} of the answer files is not in the roster (waves: {waves})",
        "nl": "meting {wave!r} van de antwoordbestanden staat niet in de leerlingenlijst "
              "(metingen: {waves})",
    },
}


#: values written as numbers in the reader's language (1,234.5 / 1.234,5)
_NUMBERS = frozenset({"limit", "found", "rows", "cols"})


def number(value: object, language: str) -> object:
    """An int with thousands separators, a float with one decimal, per language.

    >>> number(200000, "nl"), number(22.45, "en"), number(20.0, "nl")
    ('200.000', '22.4', '20')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.1f}".removesuffix(".0")
    if language == "nl":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


class ImportProblem(ValueError):
    """A research file cannot be read: one message of :data:`MESSAGES`, filled in.

    ``file`` (set by :meth:`in_file`) is the name of the file the problem is in; it starts
    the message. ``str()`` gives the English text.
    """

    def __init__(self, key: str, file: str | None = None, **values: object) -> None:
        if key not in MESSAGES:
            raise KeyError(f"unknown import message {key!r}")
        self.key, self.file, self.values = key, file, values
        super().__init__(self.text("en"))

    def text(self, language: str = "en") -> str:
        """The message in ``language`` ('en' or 'nl'; anything else gives English)."""
        lang = language if language in LANGUAGES else "en"
        values = {k: number(v, lang) if k in _NUMBERS else v for k, v in self.values.items()}
        if "what" in values:
            values["what"] = WHAT[str(values["what"])][lang]
        body = MESSAGES[self.key][lang].format(**values)
        return f"{self.file}: {body}" if self.file else body

    def in_file(self, name: str) -> ImportProblem:
        """The same problem, named as being in file ``name`` (unless it names one already)."""
        return self if self.file else ImportProblem(self.key, name, **self.values)
