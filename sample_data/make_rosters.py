"""Write the example roster files of a new groep 6 (24 pupils) from the seeded generator.

Run ``python -m sample_data.make_rosters`` from the repository root to regenerate

* ``sample_data/roster_groep6.csv`` — UTF-8 with BOM, ``;`` separator, as Dutch Excel
  and school administration systems export it;
* ``sample_data/roster_groep6.xlsx`` — the same table on one sheet (openpyxl), every
  cell written as text so pupil numbers and dates survive unchanged;
* ``sample_data/edex_school.xml`` — an EDEX file (EDEXML 2.1, as ParnasSys or ESIS export
  it) of a small school: the same groep 6 and a groep 7 of 22 pupils, so a teacher picks
  the group when importing it.

The headers are Dutch: Voornaam, Tussenvoegsel, Achternaam, Geslacht (J = jongen,
M = meisje), Geboortedatum (dd-mm-jjjj), Leerlingnummer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from sample_data.generator import example_roster

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "roster_groep6.csv"
XLSX_PATH = HERE / "roster_groep6.xlsx"
EDEX_PATH = HERE / "edex_school.xml"


def write_csv(roster: pd.DataFrame, path: Path) -> None:
    """Write ``roster`` as a Dutch-Excel CSV: BOM, ``;`` separator, CRLF line ends."""
    roster.to_csv(path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_xlsx(roster: pd.DataFrame, path: Path) -> None:
    """Write ``roster`` to sheet 'Leerlingen' with bold headers and text-formatted cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Leerlingen"
    ws.append(list(roster.columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in roster.itertuples(index=False):
        ws.append([str(v) for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.number_format = "@"
    for col, width in zip("ABCDEF", (14, 14, 16, 10, 15, 15), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)


def write_edex(groups: dict[str, pd.DataFrame], path: Path) -> None:
    """Write ``groups`` (group name → roster) as an EDEX file: school, groepen, leerlingen
    (geslacht coded 1 = man, 2 = vrouw; dates as jjjj-mm-dd), as EDEXML 2.1 lays them out."""
    root = ET.Element("EDEX")
    school = ET.SubElement(root, "school")
    ET.SubElement(school, "schooljaar").text = "2026-2027"
    ET.SubElement(school, "brincode").text = "99XX"
    ET.SubElement(school, "aanmaakdatum").text = "2026-09-01T08:00:00"
    ET.SubElement(school, "auteur").text = "Klaskaart voorbeeld"
    ET.SubElement(school, "xsdversie").text = "2.1"
    groepen = ET.SubElement(root, "groepen")
    leerlingen = ET.SubElement(root, "leerlingen")
    for number, (name, roster) in enumerate(groups.items(), start=1):
        key = f"G{number}"
        grade = "".join(ch for ch in name if ch.isdigit())
        groep = ET.SubElement(groepen, "groep", key=key)
        ET.SubElement(groep, "naam").text = name
        ET.SubElement(groep, "jaargroep").text = grade
        for row in roster.itertuples(index=False):
            pupil = ET.SubElement(leerlingen, "leerling", key=str(row.Leerlingnummer))
            ET.SubElement(pupil, "achternaam").text = row.Achternaam
            if row.Tussenvoegsel:
                ET.SubElement(pupil, "voorvoegsel").text = row.Tussenvoegsel
            ET.SubElement(pupil, "voornamen").text = row.Voornaam
            ET.SubElement(pupil, "roepnaam").text = row.Voornaam
            born = dt.datetime.strptime(row.Geboortedatum, "%d-%m-%Y").date()
            ET.SubElement(pupil, "geboortedatum").text = born.isoformat()
            ET.SubElement(pupil, "geslacht").text = "1" if row.Geslacht == "J" else "2"
            ET.SubElement(pupil, "jaargroep").text = grade
            ET.SubElement(pupil, "groep", key=key)
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="UTF-8", xml_declaration=True)


def main() -> None:
    """Regenerate the example files."""
    roster = example_roster(24, grade=6)
    write_csv(roster, CSV_PATH)
    write_xlsx(roster, XLSX_PATH)
    write_edex({"Groep 6": roster, "Groep 7": example_roster(22, grade=7, seed=707)},
               EDEX_PATH)
    print(f"wrote {CSV_PATH.name}, {XLSX_PATH.name} and {EDEX_PATH.name} "
          f"({len(roster)} pupils in groep 6)")


if __name__ == "__main__":
    main()
