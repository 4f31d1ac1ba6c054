"""Write the example roster files of a new groep 6 (24 pupils) from the seeded generator.

Run ``python -m sample_data.make_rosters`` from the repository root to regenerate

* ``sample_data/roster_groep6.csv`` — UTF-8 with BOM, ``;`` separator, as Dutch Excel
  and school administration systems export it;
* ``sample_data/roster_groep6.xlsx`` — the same table on one sheet (openpyxl), every
  cell written as text so pupil numbers and dates survive unchanged.

The headers are Dutch: Voornaam, Tussenvoegsel, Achternaam, Geslacht (J = jongen,
M = meisje), Geboortedatum (dd-mm-jjjj), Leerlingnummer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font

from sample_data.generator import example_roster

HERE = Path(__file__).resolve().parent
CSV_PATH = HERE / "roster_groep6.csv"
XLSX_PATH = HERE / "roster_groep6.xlsx"


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


def main() -> None:
    """Regenerate both example files."""
    roster = example_roster(24, grade=6)
    write_csv(roster, CSV_PATH)
    write_xlsx(roster, XLSX_PATH)
    print(f"wrote {CSV_PATH.name} and {XLSX_PATH.name} ({len(roster)} pupils)")


if __name__ == "__main__":
    main()
