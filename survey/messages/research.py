"""Research import page: analyse a researcher's own study files. Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {
    "page.research_import": {"nl": "Eigen onderzoeksdata analyseren",
                             "en": "Analyse your own study data"},
    "ri.intro": {
        "nl": "Heb je sociometrische gegevens uit een eerder onderzoek? Upload ze hier en "
              "Klaskaart berekent dezelfde tabellen als voor een eigen meting: per leerling en "
              "per klas. Hetzelfde kan op de opdrachtregel met `python -m analysis`.",
        "en": "Do you have sociometric data from an earlier study? Upload it here and "
              "Klaskaart computes the same tables as for its own waves: per pupil and per "
              "class. The command line does the same with `python -m analysis`.",
    },
    "ri.memory_only": {
        "nl": "De bestanden worden alleen in het geheugen geanalyseerd: niets wordt in de "
              "database opgeslagen, en na het sluiten van deze pagina zijn ze weg.",
        "en": "The files are analysed in memory only: nothing is stored in the database, and "
              "they are gone when you close this page.",
    },
    "ri.example": {
        "nl": "Voorbeeldbestanden om het te proberen staan in `sample_data/study_example/` "
              "(roster.csv, edges.csv, twee matrices van klas 2, teacher_answers.csv, "
              "child_answers.csv).",
        "en": "Example files to try it out are in `sample_data/study_example/` (roster.csv, "
              "edges.csv, two matrices of class 2, teacher_answers.csv, child_answers.csv).",
    },
    "ri.step_pupils": {"nl": "1. Leerlingen en nominaties", "en": "1. Pupils and nominations"},
    "ri.roster": {"nl": "Leerlingenlijst (CSV)", "en": "Roster (CSV)"},
    "ri.roster_help": {
        "nl": "Kolommen: wave_id, class_id, pupil_id en eventueel gender (m/f/x) en present "
              "(1/0, ja/nee). Mag ontbreken als je matrices uploadt: de leerlingen komen dan "
              "uit de matrices.",
        "en": "Columns: wave_id, class_id, pupil_id and optionally gender (m/f/x) and present "
              "(1/0, yes/no). May be left out when you upload matrices: the pupils then come "
              "from the matrices.",
    },
    "ri.edges": {"nl": "Nominaties als lijst (CSV)", "en": "Nominations as an edge list (CSV)"},
    "ri.edges_help": {
        "nl": "Kolommen: wave_id, class_id, question_id, rater_id, target_id; één regel per "
              "keuze. Een lege target_id betekent: koos bewust niemand.",
        "en": "Columns: wave_id, class_id, question_id, rater_id, target_id; one line per "
              "choice. An empty target_id means: chose nobody.",
    },
    "ri.matrices": {"nl": "Nominaties als matrices (één bestand per vraag, klas en meting)",
                    "en": "Nominations as matrices (one file per question, class and wave)"},
    "ri.matrices_help": {
        "nl": "Noem elk bestand <wave_id>__<class_id>__<question_id>.csv, bijvoorbeeld "
              "1__4B__liked_most.csv. Cel [rij i, kolom j] = 1: i koos j; 0: niet. Eerste rij "
              "en kolom mogen leerlingnummers zijn; gescheiden door spaties, komma's, "
              "puntkomma's of tabs.",
        "en": "Name each file <wave_id>__<class_id>__<question_id>.csv, for example "
              "1__4B__liked_most.csv. Cell [row i, column j] = 1: i chose j; 0: not. The first "
              "row and column may hold pupil ids; separated by spaces, commas, semicolons or "
              "tabs.",
    },
    "ri.naming": {
        "nl": "**Matrixbestanden:** naam `<wave_id>__<class_id>__<question_id>.csv` (twee "
              "liggende streepjes), bv. `1__4B__liked_most.csv`. Vraag-id's van het "
              "standaardpakket: liked_most, liked_least, teacher_likes, teacher_angry. "
              "**Codes:** 1 = gekozen, 0 = niet gekozen; een rij met alleen de "
              "ontbrekend-code = leerling deed niet mee; een rij of kolom met alleen de "
              "niet-in-klas-code = leerling hoort niet (meer) bij de klas.",
        "en": "**Matrix files:** name `<wave_id>__<class_id>__<question_id>.csv` (two "
              "underscores), e.g. `1__4B__liked_most.csv`. Question ids of the standard pack: "
              "liked_most, liked_least, teacher_likes, teacher_angry. **Codes:** 1 = chosen, "
              "0 = not chosen; a row of only the missing code = the pupil did not take part; a "
              "row or column of only the not-in-class code = the pupil is not (or no longer) in "
              "the class.",
    },
    "ri.missing_code": {"nl": "Code voor 'deed niet mee' (hele rij)",
                        "en": "Code for 'did not take part' (whole row)"},
    "ri.not_in_class_code": {"nl": "Code voor 'niet in de klas' (hele rij of kolom)",
                             "en": "Code for 'not in the class' (whole row or column)"},
    "ri.step_answers": {"nl": "2. Vragenlijsten (optioneel)",
                        "en": "2. Questionnaires (optional)"},
    "ri.teacher": {"nl": "Oordelen van de leerkracht (breed CSV)",
                   "en": "Teacher ratings (wide CSV)"},
    "ri.child": {"nl": "Antwoorden van de kinderen (breed CSV)",
                 "en": "Children's answers (wide CSV)"},
    "ri.answers_help": {
        "nl": "Eerste kolom pupil_id, daarna één kolom per item-id van het pakket (strs_… "
              "voor de leerkracht, carts_… voor het kind). Een lege cel is een overgeslagen "
              "item. Eén bestand hoort bij één meting.",
        "en": "First column pupil_id, then one column per item id of the pack (strs_… for the "
              "teacher, carts_… for the child). An empty cell is a skipped item. One file "
              "belongs to one wave.",
    },
    "ri.wave": {"nl": "Meting (wave_id) van de vragenlijstbestanden",
                "en": "Wave (wave_id) of the questionnaire files"},
    "ri.wave_help": {
        "nl": "Alleen nodig als je gegevens meer dan één meting bevatten.",
        "en": "Only needed when your data hold more than one wave.",
    },
    "ri.questions": {"nl": "Eigen vragenlijst van de nominatievragen (CSV, optioneel)",
                     "en": "Your own list of nomination questions (CSV, optional)"},
    "ri.questions_help": {
        "nl": "Kolommen question_id, kind (liking, disliking, teacher_likes, teacher_angry, "
              "prosocial, aggressive) en polarity (positive/negative). Zonder bestand gelden "
              "de vragen van het standaardpakket.",
        "en": "Columns question_id, kind (liking, disliking, teacher_likes, teacher_angry, "
              "prosocial, aggressive) and polarity (positive/negative). Without a file the "
              "questions of the standard pack apply.",
    },
    "ri.settings": {"nl": "Instellingen van de analyse", "en": "Analysis settings"},
    "ri.min_participation": {"nl": "Waarschuw als minder dan dit deel van de klas meedeed",
                             "en": "Warn when less than this share of the class took part"},
    "ri.nb_alpha": {"nl": "Significantieniveau Newcomb–Bukowski",
                    "en": "Newcomb–Bukowski significance level"},
    "ri.language": {"nl": "Taal van de redenen in de tabel",
                    "en": "Language of the reasons in the table"},
    "ri.analyse": {"nl": "Analyseer", "en": "Analyse"},
    "ri.need_nominations": {
        "nl": "Upload eerst de nominaties: een lijst (CSV) of één of meer matrices.",
        "en": "First upload the nominations: an edge list (CSV) or one or more matrices.",
    },
    "ri.need_roster": {
        "nl": "Upload ook de leerlingenlijst (of geef de nominaties als matrices: dan komen "
              "de leerlingen daaruit).",
        "en": "Also upload the roster (or give the nominations as matrices: the pupils then "
              "come from them).",
    },
    "ri.error": {
        "nl": "De bestanden konden niet worden gelezen. Wat er mis is:\n\n{message}",
        "en": "The files could not be read. What is wrong:\n\n{message}",
    },
    "ri.wave_needed": {
        "nl": "Je gegevens bevatten meer dan één meting ({waves}). Vul bij 'Meting' in bij "
              "welke meting de vragenlijstbestanden horen.",
        "en": "Your data hold more than one wave ({waves}). Fill in under 'Wave' which wave "
              "the questionnaire files belong to.",
    },
    "ri.done": {
        "nl": "Klaar: {pupils} leerlingen in {classes} klas(sen).",
        "en": "Done: {pupils} pupils in {classes} class(es).",
    },
    "ri.screening": {
        "nl": "Dit zijn signalen voor een gesprek, geen diagnoses. Kolommen en standaarden: "
              "docs/methods.md in de repository.",
        "en": "These are screening indications for a conversation, not diagnoses. Columns and "
              "defaults: docs/methods.md in the repository.",
    },
    "ri.notes": {"nl": "Opmerkingen bij de analyse", "en": "Notes on the analysis"},
    "ri.classes_table": {"nl": "Per klas en vraag", "en": "Per class and question"},
    "ri.pupils_table": {"nl": "Per leerling", "en": "Per pupil"},
    "ri.limits": {
        "nl": "Grenzen: hoogstens {file_mb} MB per bestand en {total_mb} MB samen, "
              "{rows} regels per bestand en {pupils} leerlingen per klas.",
        "en": "Limits: at most {file_mb} MB per file and {total_mb} MB together, {rows} lines "
              "per file and {pupils} pupils per class.",
    },
    "ri.dropped": {
        "nl": "Niet meegeteld in de analyse ({n} van {total} nominatieregels, {answers} "
              "antwoordregels):",
        "en": "Left out of the analysis ({n} of {total} nomination rows, {answers} answer "
              "rows):",
    },
    "ri.dropped_none": {
        "nl": "Alle {total} nominatieregels en {answers} antwoordregels zijn meegeteld.",
        "en": "All {total} nomination rows and {answers} answer rows were used.",
    },
    "ri.drop.unknown_question": {
        "nl": "{n} nominatie(s) bij een vraag die niet in de vragenlijst staat",
        "en": "{n} nomination(s) for a question that is not in the question list",
    },
    "ri.drop.unknown_class": {
        "nl": "{n} nominatie(s) bij een meting en klas die niet in de leerlingenlijst staan",
        "en": "{n} nomination(s) for a wave and class that are not on the roster",
    },
    "ri.drop.unknown_rater": {
        "nl": "{n} nominatie(s) gegeven door een leerling die niet op de klassenlijst staat",
        "en": "{n} nomination(s) by a pupil who is not on the class roster",
    },
    "ri.drop.absent_rater": {
        "nl": "{n} nominatie(s) van een leerling die als afwezig staat",
        "en": "{n} nomination(s) by a pupil marked absent",
    },
    "ri.drop.unknown_target": {
        "nl": "{n} nominatie(s) voor een gekozen leerling die niet op de klassenlijst staat",
        "en": "{n} nomination(s) of a pupil who is not on the class roster (unknown target)",
    },
    "ri.drop.self_nomination": {
        "nl": "{n} keer koos een leerling zichzelf",
        "en": "{n} self-nomination(s)",
    },
    "ri.drop.duplicate": {
        "nl": "{n} dubbele nominatieregel(s) (één keer geteld)",
        "en": "{n} repeated nomination row(s) (counted once)",
    },
    "ri.drop.answers_unknown_pupil": {
        "nl": "{n} antwoord(en) van een leerling die niet in de leerlingenlijst van die "
              "meting staat",
        "en": "{n} answer(s) of a pupil who is not on that wave's roster",
    },
    "ri.drop.answers_unknown_item": {
        "nl": "{n} antwoord(en) op een item dat niet in de vragenlijst van Klaskaart staat",
        "en": "{n} answer(s) to an item that is not in Klaskaart's questionnaire",
    },
    "ri.download_pupils": {"nl": "Download pupils.csv", "en": "Download pupils.csv"},
    "ri.download_classes": {"nl": "Download classes.csv", "en": "Download classes.csv"},
}
