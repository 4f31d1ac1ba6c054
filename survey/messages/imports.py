"""Messages of the research-data importers (analysis.importers, ImportProblem)."""

MESSAGES: dict[str, dict[str, str]] = {
    # file kinds named at the start of a message ({what})
    "import.what.adjacency_matrix": {"nl": "matrix", "en": "adjacency matrix"},
    "import.what.edge_list": {"nl": "keuzelijst (edge list)", "en": "edge list"},
    "import.what.roster": {"nl": "leerlingenlijst", "en": "roster"},
    "import.what.answers": {"nl": "antwoorden", "en": "answers"},
    "import.what.questions": {"nl": "vragenlijst", "en": "questions"},
    # problems
    "import.not_utf8": {
        "nl": "het bestand is geen UTF-8-tekst (sla het op als 'CSV UTF-8')",
        "en": "file is not UTF-8 text",
    },
    "import.empty_file": {"nl": "{what}: het bestand is leeg", "en": "{what}: the file is empty"},
    "import.bad_csv": {
        "nl": "{what}: geen geldig CSV-bestand ({detail})",
        "en": "{what}: not a valid CSV file ({detail})",
    },
    "import.codes_clash": {
        "nl": "de code voor 'afwezig' en de code voor 'niet in de klas' moeten verschillen van "
              "0, 1 en van elkaar",
        "en": "missing_code and not_in_class_code must differ from 0, 1 and each other",
    },
    "import.matrix_empty": {
        "nl": "matrix: het bestand is leeg",
        "en": "adjacency matrix: the file is empty",
    },
    "import.matrix_not_square_plain": {
        "nl": "matrix: {rows} rijen × {cols} kolommen; de matrix moet vierkant zijn (één rij en "
              "één kolom per leerling)",
        "en": "adjacency matrix: {rows} rows × {cols} columns; the matrix must be square (one "
              "row and one column per pupil)",
    },
    "import.matrix_ragged": {
        "nl": "matrix: de rijen zijn niet even lang; verwacht wordt een vierkante matrix, "
              "eventueel met een eerste rij en eerste kolom met leerlingnummers",
        "en": "adjacency matrix: rows have different lengths; expected a square matrix, "
              "optionally with a first row and first column of pupil ids",
    },
    "import.matrix_ids_differ": {
        "nl": "matrix: de nummers in de eerste rij en de eerste kolom verschillen ({cols}… en "
              "{rows}…); beide moeten de leerlingen in dezelfde volgorde noemen",
        "en": "adjacency matrix: the ids of the first row and the first column differ ({cols}… "
              "vs {rows}…); both must list the pupils in the same order",
    },
    "import.matrix_ids_unique": {
        "nl": "matrix: elk leerlingnummer moet ingevuld zijn en mag maar één keer voorkomen",
        "en": "adjacency matrix: pupil ids must be unique and non-empty",
    },
    "import.matrix_not_square": {
        "nl": "matrix: {n} rijen maar rijen van {widths} cellen; de matrix moet vierkant zijn",
        "en": "adjacency matrix: {n} rows but rows of {widths} cells; the matrix must be square",
    },
    "import.matrix_bad_cell": {
        "nl": "matrix: cel (rij {row!r}, kolom {col!r}) bevat {value!r}; toegestaan zijn 0, 1, "
              "{missing} (afwezig) en {not_in_class} (niet in de klas)",
        "en": "adjacency matrix: cell (row {row!r}, column {col!r}) holds {value!r}; allowed are "
              "0, 1, {missing} (absent nominator) and {not_in_class} (not in class)",
    },
    "import.matrix_stray_code": {
        "nl": "matrix: cel (rij {row!r}, kolom {col!r}) bevat de code {not_in_class} (niet in de "
              "klas), maar geen van beide leerlingen valt weg; gebruik die code alleen voor een "
              "hele rij of kolom",
        "en": "adjacency matrix: cell (row {row!r}, column {col!r}) holds the not-in-class code "
              "{not_in_class}, but neither pupil is excluded; use it for a whole row or column "
              "only",
    },
    "import.matrix_mixed_row": {
        "nl": "matrix: de rij van leerling {pupil!r} mengt de code {missing} (afwezig) met "
              "antwoorden; de rij van een afwezige leerling bevat alleen {missing}",
        "en": "adjacency matrix: the row of pupil {pupil!r} mixes the missing code {missing} "
              "with answers; an absent nominator's row must be all {missing}",
    },
    "import.matrix_file_name": {
        "nl": "geef het bestand de naam <wave_id>__<class_id>__<question_id>{suffix}",
        "en": "name the file <wave_id>__<class_id>__<question_id>{suffix}",
    },
    "import.matrix_duplicate": {
        "nl": "{other} bevat dezelfde meting, klas en vraag; geef elke matrix één keer",
        "en": "{other} holds the same wave, class and question; give each matrix once",
    },
    "import.no_matrices": {"nl": "geen matrices gegeven", "en": "no adjacency matrices given"},
    "import.edges_missing_columns": {
        "nl": "keuzelijst (edge list): kolom(men) {columns} ontbreken; verwacht wordt de "
              "kopregel {header}",
        "en": "edge list: missing column(s) {columns}; expected the header {header}",
    },
    "import.edges_empty_cell": {
        "nl": "keuzelijst (edge list): {column} is leeg op regel {line}",
        "en": "edge list: empty {column} on line {line}",
    },
    "import.edges_matrix_overlap": {
        "nl": "de keuzelijst bevat al meting {wave}, klas {klass}, vraag {question}; geef elke "
              "vraag van een klas één keer",
        "en": "the edge list already holds wave {wave}, class {klass}, question {question}; give "
              "each question of a class once",
    },
    "import.not_yes_no": {
        "nl": "{what}: {value!r} op regel {line} is geen ja/nee",
        "en": "{what}: cannot read {value!r} on line {line} as yes/no",
    },
    "import.roster_missing_columns": {
        "nl": "leerlingenlijst: kolom(men) {columns} ontbreken",
        "en": "roster: missing column(s) {columns}",
    },
    "import.roster_empty_ids": {
        "nl": "leerlingenlijst: wave_id, class_id en pupil_id moeten ingevuld zijn",
        "en": "roster: wave_id, class_id and pupil_id must not be empty",
    },
    "import.roster_gender": {
        "nl": "leerlingenlijst: geslacht moet m, f of x zijn, maar is {value!r}",
        "en": "roster: gender must be m, f or x, got {value!r}",
    },
    "import.roster_duplicate": {
        "nl": "leerlingenlijst: een leerling staat twee keer in dezelfde meting en klas",
        "en": "roster: a pupil is listed twice in the same wave and class",
    },
    "import.answers_no_pupil_column": {
        "nl": "antwoorden: de eerste regel moet een kolom pupil_id en de itemnummers noemen",
        "en": "answers: the first row must name a pupil_id column and the item ids",
    },
    "import.answers_no_items": {
        "nl": "antwoorden: naast pupil_id staan geen itemkolommen",
        "en": "answers: no item columns next to pupil_id",
    },
    "import.answers_item_twice": {
        "nl": "antwoorden: een itemnummer staat twee keer in de kopregel",
        "en": "answers: an item id appears twice in the header",
    },
    "import.answers_empty_pupil": {
        "nl": "antwoorden: pupil_id is leeg",
        "en": "answers: empty pupil_id",
    },
    "import.answers_pupil_twice": {
        "nl": "antwoorden: leerling {pupil} staat er twee keer in",
        "en": "answers: pupil {pupil} appears twice",
    },
    "import.answers_not_number": {
        "nl": "antwoorden: leerling {pupil}, item {item!r} bevat {value!r}, geen getal",
        "en": "answers: pupil {pupil}, item {item!r} holds {value!r}, not a number",
    },
    "import.questions_missing_columns": {
        "nl": "vragenlijst: kolom(men) {columns} ontbreken; verwacht wordt de kopregel {header}",
        "en": "questions: missing column(s) {columns}; expected the header {header}",
    },
    "import.no_nominations": {
        "nl": "geef een keuzelijst (edge list) en/of matrices met de keuzes",
        "en": "give an edge list and/or adjacency matrices with the nominations",
    },
    "import.no_roster": {
        "nl": "een leerlingenlijst is nodig (behalve als matrices de leerlingen geven)",
        "en": "a roster is needed (unless adjacency matrices supply the pupils)",
    },
    "import.too_large": {
        "nl": "het bestand is {found} MB; per bestand kan hoogstens {limit} MB worden gelezen",
        "en": "the file is {found} MB; at most {limit} MB per file can be read",
    },
    "import.too_large_total": {
        "nl": "de bestanden zijn samen {found} MB; in één keer kan hoogstens {limit} MB worden "
              "gelezen",
        "en": "the files together are {found} MB; at most {limit} MB can be read at once",
    },
    "import.too_many_rows": {
        "nl": "het bestand heeft {found} regels; per bestand kunnen hoogstens {limit} regels "
              "worden gelezen",
        "en": "the file has {found} lines; at most {limit} lines per file can be read",
    },
    "import.too_many_cells": {
        "nl": "het bestand heeft {found} cellen ({rows} regels × {cols} kolommen); per bestand "
              "kunnen hoogstens {limit} cellen worden gelezen",
        "en": "the file has {found} cells ({rows} lines × {cols} columns); at most {limit} cells "
              "per file can be read",
    },
    "import.too_many_pupils": {
        "nl": "meting {wave}, klas {klass} heeft {found} leerlingen; per klas (één netwerk) "
              "kunnen hoogstens {limit} leerlingen worden geanalyseerd",
        "en": "wave {wave}, class {klass} has {found} pupils; at most {limit} pupils per class "
              "(one network) can be analysed",
    },
    "import.matrix_too_many_pupils": {
        "nl": "matrix: {found} rijen; per klas (één netwerk) kunnen hoogstens {limit} leerlingen "
              "worden geanalyseerd",
        "en": "adjacency matrix: {found} rows; at most {limit} pupils per class (one network) "
              "can be analysed",
    },
    "import.wave_not_in_roster": {
        "nl": "meting {wave!r} van de antwoordbestanden staat niet in de leerlingenlijst "
              "(metingen: {waves})",
        "en": "wave {wave!r} of the answer files is not in the roster (waves: {waves})",
    },
    "import.wave_needed": {
        "nl": "de leerlingenlijst heeft meerdere metingen ({waves}): zeg bij welke meting de "
              "antwoordbestanden horen",
        "en": "the roster has several waves ({waves}): say which wave the answer files belong "
              "to",
    },
}
