"""Problems of the research-data importers, as keyed errors of survey.i18n.

The importers (``analysis.importers``) raise :class:`ImportProblem`: a
:class:`survey.i18n.KeyedError` whose key is ``import.<name>`` (the table is
``survey/messages/imports.py``), whose ``str()`` is the English sentence (the command line
and logs print it) and whose ``text(language)`` gives the sentence in the app's interface
language. The message names the file, the line, the cell or the column, so a researcher can
fix the file.

>>> problem = ImportProblem("roster_gender", value="v")
>>> str(problem)
"roster: gender must be m, f or x, got 'v'"
>>> problem.in_file("klas.csv").text("nl")
"klas.csv: leerlingenlijst: geslacht moet m, f of x zijn, maar is 'v'"
"""

from __future__ import annotations

from survey.i18n import MESSAGES, KeyedError, t

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


class ImportProblem(KeyedError):
    """A research file cannot be read: the message ``import.<name>``, filled in.

    ``file`` (set by :meth:`in_file`) is the name of the file the problem is in; it starts
    the message. ``str()`` gives the English text. Numbers (``limit``, ``found``, ``rows``,
    ``cols``) are written the reader's way and ``what`` (a file kind) is translated.
    """

    def __init__(self, name: str, file: str | None = None, **values: object) -> None:
        if f"import.{name}" not in MESSAGES:
            raise KeyError(f"unknown import message {name!r}")
        self.name, self.file = name, file
        super().__init__(f"import.{name}", **values)

    def shown_values(self, language: str) -> dict[str, object]:
        values = {k: number(v, language) if k in _NUMBERS else v for k, v in self.values.items()}
        if "what" in values:
            values["what"] = t("import.what." + str(values["what"]).replace(" ", "_"), language)
        return values

    def text(self, language: str = "en", escape=None) -> str:
        """The message in ``language`` (an unknown language gives Dutch, as every text)."""
        body = super().text(language, escape)
        if not self.file:
            return body
        return f"{escape(self.file) if escape else self.file}: {body}"

    def in_file(self, name: str) -> ImportProblem:
        """The same problem, named as being in file ``name`` (unless it names one already)."""
        return self if self.file else ImportProblem(self.name, name, **self.values)
