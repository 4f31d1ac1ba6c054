"""Reading an EDEX file (EDEXML): the pupil exchange file of Dutch pupil administrations.

ParnasSys, ESIS and other pupil administrations export the school's pupils, groups and
teachers as one XML file, EDEXML (Edustandaard, version 2.0/2.1; the UWLR "leerlinggegevens"
message has the same blocks in its own namespace). What Klaskaart reads from it::

    <EDEX>
      <groepen>
        <groep key="G6A"><naam>Groep 6a</naam><jaargroep>6</jaargroep></groep>
      </groepen>
      <leerlingen>
        <leerling key="1042">
          <achternaam>Boer</achternaam><voorvoegsel>de</voorvoegsel>
          <roepnaam>Sem</roepnaam><geboortedatum>2016-03-01</geboortedatum>
          <geslacht>1</geslacht><jaargroep>6</jaargroep><groep key="G6A"/>
        </leerling>
      </leerlingen>
    </EDEX>

``geslacht`` is coded 1 = man (boy), 2 = vrouw (girl), 9 = niet gespecificeerd (recorded as
"x"), 0 = onbekend (left empty, so the import asks for it like a missing gender in a class
list). The leerling's ``key`` is the pupil number of the administration. Everything else
(addresses, BSN, teachers, e-mail, photos by URL) is never read into Klaskaart.

A file holds the whole school; the teacher picks the group (``groups``), and only that
group's pupils become rows. The rows come out as a header plus cells, so the class-list rules
of ``survey.roster`` (validation, the all-or-nothing import, the preview) apply unchanged.

The file is parsed with defusedxml with DTDs forbidden: an entity expansion ("billion laughs"),
an external entity or any ``<!DOCTYPE>`` is refused before anything is expanded; an XML file
that is not EDEX (another root or namespace) is refused with a message saying so.

>>> xml = (b'<EDEX><groepen><groep key="g"><naam>Groep 6</naam></groep></groepen>'
...        b'<leerlingen><leerling key="7"><roepnaam>Sem</roepnaam><voorvoegsel>de'
...        b'</voorvoegsel><achternaam>Boer</achternaam><geslacht>1</geslacht>'
...        b'<groep key="g"/></leerling></leerlingen></EDEX>')
>>> [(g.key, g.name, g.pupils) for g in read_edex(xml).groups]
[('g', 'Groep 6', 1)]
>>> header, rows = read_edex(xml).table("g")
>>> rows[0][1]
['Sem', 'de', 'Boer', 'jongen', '', '7']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

# Namespaces an EDEX file may use: none (EDEXML 2.0/2.1's <EDEX>), or the UWLR message's.
NAMESPACES = ("", "http://www.edustandaard.nl/leerresultaten/2/leerlinggegevens")
ROOTS = ("EDEX", "leerlinggegevens")
MAX_PUPILS = 5_000  # pupils read from one file at most (a large school has ~1,000)

# The header the rows come out with: each is an alias that survey.roster knows.
HEADER = ["Roepnaam", "Voorvoegsel", "Achternaam", "Geslacht", "Geboortedatum",
          "Leerlingnummer"]
_GENDER = {"1": "jongen", "2": "meisje", "9": "x", "0": ""}


class EdexError(ValueError):
    """The file cannot be read as EDEX: ``key`` is a message key, ``values`` its values."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Group:
    """One group (stamgroep) in the file: its key, its name and how many pupils it has."""

    key: str
    name: str
    pupils: int


@dataclass
class Edex:
    """What an EDEX file holds for Klaskaart: its groups and, per group, its pupils."""

    groups: list[Group] = field(default_factory=list)
    pupils: dict[str, list[tuple[int, list[str]]]] = field(default_factory=dict)

    def table(self, group: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
        """The header and the pupil rows of ``group`` (number in the file, cells)."""
        return list(HEADER), self.pupils.get(group, [])


def looks_like_xml(data: bytes) -> bool:
    """True for bytes that start like an XML document (after a BOM and white space).

    >>> looks_like_xml(b'\\xef\\xbb\\xbf  <?xml version="1.0"?><EDEX/>'), looks_like_xml(b"a;b")
    (True, False)
    """
    return data.lstrip(b"\xef\xbb\xbf").lstrip()[:1] == b"<"


def _local(tag: str) -> tuple[str, str]:
    """'{ns}name' → ('ns', 'name')."""
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _text(element: Element, name: str, namespace: str) -> str:
    child = element.find(f"{{{namespace}}}{name}" if namespace else name)
    return (child.text or "").strip() if child is not None else ""


def read_edex(data: bytes) -> Edex:
    """Parse an EDEX file → its groups and pupils; ``EdexError`` when it is not one.

    Groups are listed in file order, a group with no pupils left out; pupils without a
    group reference, or referring to a group the file does not list, are in no group.
    """
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise EdexError("roster.xml_unsafe") from exc
    except (ParseError, ValueError, UnicodeDecodeError) as exc:
        raise EdexError("roster.xml_bad") from exc
    namespace, name = _local(root.tag)
    if namespace not in NAMESPACES or name not in ROOTS:
        raise EdexError("roster.xml_not_edex", root=name[:60],
                        namespace=namespace[:120] or "—")
    ns = f"{{{namespace}}}" if namespace else ""
    names: dict[str, str] = {}
    for group in root.iterfind(f"{ns}groepen/{ns}groep"):
        key = (group.get("key") or "").strip()
        if key and key not in names:
            names[key] = _text(group, "naam", namespace) or key
    result = Edex()
    pupils = root.findall(f"{ns}leerlingen/{ns}leerling")
    if len(pupils) > MAX_PUPILS:
        raise EdexError("roster.xml_too_many", max_pupils=MAX_PUPILS)
    for number, pupil in enumerate(pupils, start=1):
        refs = [(ref.get("key") or "").strip() for ref in pupil.iterfind(f"{ns}groep")]
        group = next((ref for ref in refs if ref in names), None)
        if group is None:
            continue
        cells = [
            _text(pupil, "roepnaam", namespace) or _first_name(pupil, namespace),
            _text(pupil, "voorvoegsel", namespace),
            _text(pupil, "achternaam", namespace),
            _GENDER.get(_text(pupil, "geslacht", namespace), _text(pupil, "geslacht", namespace)),
            _text(pupil, "geboortedatum", namespace),
            (pupil.get("key") or "").strip(),
        ]
        result.pupils.setdefault(group, []).append((number, cells))
    result.groups = [Group(key, label, len(result.pupils[key]))
                     for key, label in names.items() if key in result.pupils]
    return result


def _first_name(pupil: Element, namespace: str) -> str:
    """No roepnaam: the first of the official first names (voornamen)."""
    return (_text(pupil, "voornamen", namespace).split() or [""])[0]
