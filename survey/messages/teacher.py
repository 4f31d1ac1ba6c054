"""Teacher pages: class set-up, roster import, waves, login cards, hand-over, progress.
Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Fields of a pupil (also used inside roster messages)
    "field.first_name": {"nl": "voornaam", "en": "first name"},
    "field.tussenvoegsel": {"nl": "tussenvoegsel", "en": "tussenvoegsel (name prefix)"},
    "field.last_name": {"nl": "achternaam", "en": "last name"},
    "field.gender": {"nl": "geslacht", "en": "gender"},
    "field.birth_date": {"nl": "geboortedatum", "en": "birth date"},
    "field.pupil_number": {"nl": "leerlingnummer", "en": "pupil number"},
    "field.photo": {"nl": "foto", "en": "photo"},
    # Roster import problems (file level)
    "roster.too_large": {
        "nl": "Dit bestand is te groot ({kb} kB). Een klassenlijst is hooguit {max_kb} kB: "
        "exporteer alleen de leerlingen van deze klas, zonder foto's.",
        "en": "This file is too large ({kb} kB). A class list is at most {max_kb} kB: export "
        "only the pupils of this class, without photos.",
    },
    "roster.empty": {
        "nl": "Het bestand is leeg.",
        "en": "The file is empty.",
    },
    "roster.no_pupils": {
        "nl": "Het bestand heeft kopjes, maar geen leerlingen eronder.",
        "en": "The file has headers but no pupils below them.",
    },
    "roster.old_format": {
        "nl": "Dit is een oud Excel- of ander spreadsheetformaat. Sla het op als .xlsx of .csv "
        "en probeer het opnieuw.",
        "en": "This is an old Excel or other spreadsheet format. Save it as .xlsx or .csv and "
        "try again.",
    },
    "roster.file_type": {
        "nl": "Alleen .csv- en .xlsx-bestanden en EDEX-bestanden (.xml) kunnen worden "
        "ingelezen.",
        "en": "Only .csv and .xlsx files and EDEX files (.xml) can be imported.",
    },
    "roster.skipped_above": {
        "nl": "Regel {line} staat boven de kopjes en is overgeslagen: '{text}'.",
        "en": "Line {line} is above the headers and was skipped: '{text}'.",
    },
    "roster.xml_bad": {
        "nl": "Dit XML-bestand kan niet worden gelezen (het is beschadigd of onvolledig). "
        "Exporteer het EDEX-bestand opnieuw uit je leerlingadministratie.",
        "en": "This XML file cannot be read (it is damaged or incomplete). Export the EDEX "
        "file again from your pupil administration.",
    },
    "roster.xml_unsafe": {
        "nl": "Dit XML-bestand bevat een DOCTYPE of entiteiten, wat een EDEX-bestand nooit "
        "heeft; het wordt niet geopend. Exporteer het EDEX-bestand opnieuw uit je "
        "leerlingadministratie.",
        "en": "This XML file contains a DOCTYPE or entities, which an EDEX file never has; it "
        "is not opened. Export the EDEX file again from your pupil administration.",
    },
    "roster.xml_not_edex": {
        "nl": "Dit XML-bestand is geen EDEX-bestand (het begint met '{root}', namespace "
        "{namespace}). Kies het EDEX-bestand (EDEXML) uit je leerlingadministratie, of een "
        "klassenlijst als .xlsx of .csv.",
        "en": "This XML file is not an EDEX file (it starts with '{root}', namespace "
        "{namespace}). Choose the EDEX file (EDEXML) from your pupil administration, or a "
        "class list as .xlsx or .csv.",
    },
    "roster.xml_too_many": {
        "nl": "Dit EDEX-bestand heeft meer dan {max_pupils} leerlingen. Exporteer alleen de "
        "leerlingen van je school of van je groep.",
        "en": "This EDEX file has more than {max_pupils} pupils. Export only the pupils of "
        "your school or of your group.",
    },
    "roster.xml_no_groups": {
        "nl": "In dit EDEX-bestand staan geen groepen met leerlingen. Exporteer het opnieuw "
        "mét de groepen (stamgroepen).",
        "en": "This EDEX file has no groups with pupils. Export it again with the groups "
        "(stamgroepen).",
    },
    "roster.xml_unknown_group": {
        "nl": "Die groep staat niet (meer) in dit EDEX-bestand. Kies een groep uit de lijst.",
        "en": "That group is not in this EDEX file. Choose a group from the list.",
    },
    "roster.bad_xlsx": {
        "nl": "Dit Excel-bestand kan niet worden gelezen. Open het in Excel en sla het opnieuw "
        "op als .xlsx, of als .csv.",
        "en": "This Excel file cannot be read. Open it in Excel and save it again as .xlsx, "
        "or as .csv.",
    },
    "roster.not_text": {
        "nl": "Dit is geen tekstbestand (csv). Kies de klassenlijst als .csv of .xlsx.",
        "en": "This is not a text (csv) file. Choose the class list as .csv or .xlsx.",
    },
    "roster.sheets": {
        "nl": "De werkmap heeft meer dan één blad met gegevens ({sheets}). Laat alleen het blad "
        "met de klassenlijst staan, of sla dat blad op als apart bestand.",
        "en": "The workbook has more than one sheet with data ({sheets}). Keep only the sheet "
        "with the class list, or save that sheet as a file of its own.",
    },
    "roster.too_many_rows": {
        "nl": "Het bestand heeft meer dan {max_rows} leerlingen. Exporteer alleen de leerlingen "
        "van deze ene klas.",
        "en": "The file has more than {max_rows} pupils. Export only the pupils of this one "
        "class.",
    },
    "roster.missing_columns": {
        "nl": "Deze kolommen ontbreken: {missing}. Gevonden kopjes: {found}. Eén van de eerste "
        "regels moet kopjes hebben zoals Voornaam, Tussenvoegsel, Achternaam, Geslacht.",
        "en": "These columns are missing: {missing}. Headers found: {found}. One of the first "
        "lines must have headers such as First name, Last name, Gender.",
    },
    "roster.double_column": {
        "nl": "Twee kolommen zijn allebei {field}: '{first}' en '{second}'. Laat er één staan.",
        "en": "Two columns are both {field}: '{first}' and '{second}'. Keep only one.",
    },
    "roster.gender_mixed": {
        "nl": "In de kolom geslacht staan J, V en/of F door elkaar, dus het is niet duidelijk "
        "wat 'M' betekent. Gebruik één manier: J/M (jongen/meisje) of M/V (man/vrouw), "
        "of schrijf jongen en meisje voluit.",
        "en": "The gender column mixes J, V and/or F, so it is not clear what 'M' means. Use "
        "one convention (J/M, M/V or M/F), or write boy and girl in full.",
    },
    "roster.ignored_column": {
        "nl": "De kolom '{column}' wordt niet gebruikt.",
        "en": "The column '{column}' is not used.",
    },
    "roster.unzipped_too_large": {
        "nl": "Dit Excel-bestand is uitgepakt veel groter dan een klassenlijst ({mb} MB aan "
        "gegevens, hooguit {max_mb} MB). Kopieer alleen de leerlingen naar een nieuw, leeg "
        "werkblad en sla dat op als .xlsx, of sla de lijst op als .csv.",
        "en": "Unpacked, this Excel file is far larger than a class list ({mb} MB of data, at "
        "most {max_mb} MB). Copy only the pupils into a new, empty sheet and save that as "
        ".xlsx, or save the list as .csv.",
    },
    "roster.zip_ratio": {
        "nl": "Dit Excel-bestand is verdacht sterk ingepakt (een deel wordt {ratio} keer zo "
        "groot) en wordt niet geopend. Kopieer alleen de leerlingen naar een nieuw, leeg "
        "werkblad en sla dat op als .xlsx, of sla de lijst op als .csv.",
        "en": "This Excel file is suspiciously highly compressed (one part grows {ratio} "
        "times) and is not opened. Copy only the pupils into a new, empty sheet and save "
        "that as .xlsx, or save the list as .csv.",
    },
    "roster.too_many_lines": {
        "nl": "Het bestand gaat door tot na regel {max_lines}. Een klassenlijst is korter: "
        "haal lege regels en andere gegevens onder de lijst weg, of kopieer alleen de "
        "leerlingen naar een nieuw werkblad.",
        "en": "The file goes on beyond line {max_lines}. A class list is shorter: remove "
        "empty lines and other data below the list, or copy only the pupils into a new "
        "sheet.",
    },
    "roster.too_many_columns": {
        "nl": "Het bestand heeft gegevens voorbij kolom {max_columns}. Laat alleen de kolommen "
        "van de klassenlijst staan.",
        "en": "The file has data beyond column {max_columns}. Keep only the columns of the "
        "class list.",
    },
    "roster.field_too_large": {
        "nl": "Regel {line} heeft een veld van meer dan {n} tekens; dat is geen klassenlijst. "
        "Controleer de aanhalingstekens (\") in het bestand.",
        "en": "Line {line} has a field of more than {n} characters; that is not a class "
        "list. Check the quote marks (\") in the file.",
    },
    "roster.bad_csv": {
        "nl": "Regel {line} van het bestand kan niet worden gelezen. Sla de lijst opnieuw op "
        "als .csv of als .xlsx.",
        "en": "Line {line} of the file cannot be read. Save the list again as .csv or .xlsx.",
    },
    # Bounded parsing of uploaded files (survey.bounded)
    "bounded.timeout": {
        "nl": "Het lezen van dit bestand duurde langer dan {seconds} seconden en is "
        "afgebroken. Een klassenlijst is in een oogwenk gelezen: kopieer alleen de "
        "leerlingen naar een nieuw, leeg werkblad, of sla de lijst op als .csv.",
        "en": "Reading this file took longer than {seconds} seconds and was stopped. A class "
        "list is read in a moment: copy only the pupils into a new, empty sheet, or save the "
        "list as .csv.",
    },
    "bounded.memory": {
        "nl": "Dit bestand heeft meer dan {mb} MB geheugen nodig om te lezen en is afgebroken. "
        "Kopieer alleen de leerlingen naar een nieuw, leeg werkblad, of sla de lijst op "
        "als .csv.",
        "en": "This file needs more than {mb} MB of memory to read and was stopped. Copy only "
        "the pupils into a new, empty sheet, or save the list as .csv.",
    },
    "bounded.failed": {
        "nl": "Dit bestand kan niet worden gelezen. Sla het opnieuw op als .xlsx of .csv en "
        "probeer het nog eens.",
        "en": "This file cannot be read. Save it again as .xlsx or .csv and try again.",
    },
    # Roster import problems (row level)
    "roster.missing": {
        "nl": "De {field} ontbreekt.",
        "en": "The {field} is missing.",
    },
    "roster.too_long": {
        "nl": "De {field} is langer dan {n} tekens.",
        "en": "The {field} is longer than {n} characters.",
    },
    "roster.formula": {
        "nl": "De {field} '{value}' is een Excel-formule, geen gegeven. Typ de waarde zelf in.",
        "en": "The {field} '{value}' is a spreadsheet formula, not data. Type the value itself.",
    },
    "roster.gender": {
        "nl": "Onbekend geslacht '{value}'. Gebruik J of M (jongen/meisje), M of V, of X.",
        "en": "Unknown gender value '{value}'. Use J or M (jongen/meisje), M or V, M or F, or X.",
    },
    "roster.gender_ambiguous": {
        "nl": "Geslacht 'M' kan meisje of man betekenen en de rest van de kolom zegt het niet. "
        "Schrijf jongen/meisje voluit of zet '(J/M)' of '(M/V)' in het kopje.",
        "en": "Gender 'M' can mean meisje (girl) or man and the rest of the column does not "
        "tell. Write boy/girl in full or put '(J/M)' or '(M/F)' in the header.",
    },
    "roster.date": {
        "nl": "De geboortedatum '{value}' is niet te lezen. Schrijf hem als dd-mm-jjjj, "
        "bijvoorbeeld 07-03-2017.",
        "en": "The birth date '{value}' cannot be read. Write it as dd-mm-yyyy, for example "
        "07-03-2017.",
    },
    "roster.duplicate_number": {
        "nl": "Leerlingnummer {number} staat ook al op regel {other}.",
        "en": "Pupil number {number} is also on line {other}.",
    },
    "roster.same_pupil_twice": {
        "nl": "Deze regel en regel {other} zijn allebei {name}, die al in de klas zit.",
        "en": "This line and line {other} are both {name}, who is already in the class.",
    },
    "roster.number_taken": {
        "nl": "Leerlingnummer {number} is al van {name}.",
        "en": "Pupil number {number} already belongs to {name}.",
    },
    "roster.no_class": {"nl": "Deze klas bestaat niet.", "en": "This class does not exist."},
    "roster.no_pupil": {"nl": "Deze leerling bestaat niet.", "en": "This pupil does not exist."},
    "roster.consent": {
        "nl": "Onbekende toestemming '{value}'.",
        "en": "Unknown consent value '{value}'.",
    },
    "roster.class_name": {"nl": "Geef de klas een naam.", "en": "Give the class a name."},
    "roster.class_name_long": {
        "nl": "De naam van de klas is te lang ({length} tekens, hooguit {n}).",
        "en": "The name of the class is too long ({length} characters, at most {n}).",
    },
    "roster.school_year": {
        "nl": "Schrijf het schooljaar als twee opeenvolgende jaren, bijvoorbeeld {example}.",
        "en": "Write the school year as two consecutive years, for example {example}.",
    },
    "roster.same_row_twice": {
        "nl": "Deze regel is dezelfde leerling als regel {other}: {name}. Haal de dubbele "
        "regel weg. Zijn het twee verschillende kinderen, vul dan hun leerlingnummer in.",
        "en": "This line is the same pupil as line {other}: {name}. Remove the double line. "
        "If they are two different children, fill in their pupil numbers.",
    },
    "roster.no_school": {
        "nl": "Je account hoort nog niet bij een school; vraag de beheerder dat te regelen.",
        "en": "Your account does not belong to a school yet; ask the administrator.",
    },
    "roster.class_exists": {
        "nl": "Er is al een klas '{name}' in schooljaar {year}.",
        "en": "There already is a class '{name}' in school year {year}.",
    },
    # Wave errors
    "wave.err_no_class": {"nl": "Deze klas bestaat niet.", "en": "This class does not exist."},
    "wave.err_no_wave": {"nl": "Deze meting bestaat niet.", "en": "This wave does not exist."},
    "wave.err_name": {
        "nl": "Geef de meting een naam (hooguit {n} tekens), bijvoorbeeld 'Najaar 2026'.",
        "en": "Give the wave a name (at most {n} characters), for example 'Autumn 2026'.",
    },
    "wave.err_name_taken": {
        "nl": "Deze klas heeft al een meting '{name}'.",
        "en": "This class already has a wave '{name}'.",
    },
    "wave.err_language": {"nl": "Onbekende taal {language}.", "en": "Unknown language {language}."},
    "wave.err_format": {
        "nl": "Onbekende antwoordvorm {format}.",
        "en": "Unknown answer format {format}.",
    },
    "wave.err_question": {
        "nl": "Onbekende vraag: {question}.",
        "en": "Unknown question: {question}.",
    },
    "wave.err_no_questions": {
        "nl": "Kies minstens één vraag over klasgenoten.",
        "en": "Choose at least one question about classmates.",
    },
    "wave.err_not_draft": {
        "nl": "Alleen een meting die nog niet geopend is kan dit.",
        "en": "Only a wave that has not been opened yet can do this.",
    },
    "wave.err_other_open": {
        "nl": "Meting '{name}' staat nog open. Sluit die eerst.",
        "en": "Wave '{name}' is still open. Close it first.",
    },
    "wave.err_not_open": {"nl": "Deze meting is niet open.", "en": "This wave is not open."},
    "wave.err_finished": {
        "nl": "Deze leerling is al klaar; de oude kaart opent niets meer.",
        "en": "This pupil has finished; the old card opens nothing any more.",
    },
    # Class tablet mode (survey.tablets)
    "tablet.pin_format": {
        "nl": "Kies een pincode van {low} tot {high} cijfers.",
        "en": "Choose a PIN of {low} to {high} digits.",
    },
    "tablet.not_open": {
        "nl": "Deze klastablet staat niet meer aan. Vraag de juf of meester om hem opnieuw aan "
        "te zetten.",
        "en": "This class tablet is no longer on. Ask your teacher to turn it on again.",
    },
    "tablet.not_in_wave": {
        "nl": "Dit kind doet niet mee aan deze meting.",
        "en": "This child does not take part in this wave.",
    },
    "tablet.finished": {
        "nl": "Dit kind is al klaar.",
        "en": "This child has finished already.",
    },
    # Login cards (PDF)
    "cards.pdf_title": {"nl": "Inlogkaarten {klas} {wave}", "en": "Login cards {klas} {wave}"},
    "cards.scan": {
        "nl": "Scan de QR-code met de tablet. Lukt dat niet? Typ dan het adres hieronder in.",
        "en": "Scan the QR code with the tablet. Does that not work? Then type the address "
        "below.",
    },
    "cards.code": {"nl": "Code", "en": "Code"},
    "cards.none": {
        "nl": "Er zijn geen leerlingen die meedoen.",
        "en": "There are no pupils taking part.",
    },
    # Set-up page
    "setup.class": {"nl": "Klas", "en": "Class"},
    "setup.new_class": {"nl": "➕ Nieuwe klas aanmaken", "en": "➕ Create a new class"},
    "setup.class_created": {
        "nl": "De klas is aangemaakt. Lees nu de klassenlijst in (tabblad 'Klassenlijst inlezen').",
        "en": "The class has been created. Now import the class list (tab 'Import class list').",
    },
    "setup.class_name": {"nl": "Naam van de klas", "en": "Name of the class"},
    "setup.grade": {"nl": "Groep (1–8)", "en": "Grade (groep 1–8)"},
    "setup.school_year": {"nl": "Schooljaar", "en": "School year"},
    "setup.create_class": {"nl": "Klas aanmaken", "en": "Create class"},
    "setup.consent_mode_opt_in": {
        "nl": "Jouw school werkt met toestemming vooraf (opt-in): alleen leerlingen met "
        "toestemming 'gegeven' doen mee.",
        "en": "Your school asks for consent first (opt-in): only pupils whose consent is "
        "'given' take part.",
    },
    "setup.consent_mode_opt_out": {
        "nl": "Jouw school werkt met bezwaar (opt-out): iedereen doet mee, behalve leerlingen "
        "met toestemming 'geweigerd'.",
        "en": "Your school works with objection (opt-out): everyone takes part except pupils "
        "whose consent is 'refused'.",
    },
    "setup.tab_pupils": {"nl": "Leerlingen", "en": "Pupils"},
    "setup.tab_import": {"nl": "Klassenlijst inlezen", "en": "Import class list"},
    "setup.import_help": {
        "nl": "Exporteer de klassenlijst uit je leerlingadministratie (ParnasSys, Esis, …) als "
        "**.xlsx** of **.csv**, of exporteer het **EDEX-bestand** (.xml, dan kies je de groep), "
        "en kies het bestand hieronder. Je ziet eerst wat er gebeurt; "
        "pas na **Inlezen** wordt er iets opgeslagen. Leerlingen die al in de klas zitten "
        "worden herkend (op leerlingnummer, anders op naam en geboortedatum) en niet dubbel "
        "toegevoegd.",
        "en": "Export the class list from your pupil administration system as **.xlsx** or "
        "**.csv**, or export the **EDEX file** (.xml; you then pick the group), and choose the "
        "file below. You first see what will happen; nothing is "
        "saved until you press **Import**. Pupils already in the class are recognised (by "
        "pupil number, else by name and birth date) and not added twice.",
    },
    "setup.headers_title": {"nl": "Welke kolommen mag het bestand hebben?",
                            "en": "Which columns may the file have?"},
    "setup.col_field": {"nl": "Gegeven", "en": "Field"},
    "setup.col_required": {"nl": "Verplicht", "en": "Required"},
    "setup.col_headers": {"nl": "Herkende kopjes (hoofdletters en spaties maken niet uit)",
                          "en": "Recognised headers (case and spaces do not matter)"},
    "setup.headers_note": {
        "nl": "Geslacht: J/M (jongen/meisje), M/V, M/F, X of voluit. Geboortedatum: dd-mm-jjjj. "
        "Andere kolommen worden overgeslagen. Hooguit 60 leerlingen en 1 MB per bestand.",
        "en": "Gender: J/M (jongen/meisje), M/V, M/F, X or in full. Birth date: dd-mm-yyyy. "
        "Other columns are skipped. At most 60 pupils and 1 MB per file.",
    },
    "setup.upload": {"nl": "Klassenlijst (.xlsx, .csv of EDEX .xml)",
                     "en": "Class list (.xlsx, .csv or EDEX .xml)"},
    "setup.pick_group": {"nl": "Welke groep uit het EDEX-bestand?",
                         "en": "Which group from the EDEX file?"},
    "setup.pick_group_placeholder": {"nl": "Kies een groep…", "en": "Choose a group…"},
    "setup.group_option": {"nl": "{name} ({n} leerlingen)", "en": "{name} ({n} pupils)"},
    "setup.pick_group_help": {
        "nl": "Dit EDEX-bestand heeft {n} groepen. Kies de groep die bij deze klas hoort; je "
        "ziet daarna eerst wat er gebeurt.",
        "en": "This EDEX file has {n} groups. Choose the group that belongs to this class; you "
        "then see first what will happen.",
    },
    "setup.reading": {"nl": "Het bestand wordt gelezen…", "en": "Reading the file…"},
    "setup.import_refused": {
        "nl": "Er is niets ingelezen: het bestand heeft {n} probleem/problemen. Pas het bestand "
        "aan en kies het opnieuw.",
        "en": "Nothing was imported: the file has {n} problem(s). Correct the file and choose it "
        "again.",
    },
    "setup.col_line": {"nl": "Regel", "en": "Line"},
    "setup.col_problem": {"nl": "Probleem", "en": "Problem"},
    "setup.preview": {
        "nl": "Voorbeeld: {added} nieuw, {updated} bijgewerkt, {same} ongewijzigd. Controleer "
        "de lijst en druk op Inlezen.",
        "en": "Preview: {added} new, {updated} updated, {same} unchanged. Check the list and "
        "press Import.",
    },
    "setup.not_in_file": {
        "nl": "{n} leerling(en) van de klas staan niet in het bestand en blijven gewoon in de "
        "klas: {names}. Verwijder ze met de hand als ze vertrokken zijn.",
        "en": "{n} pupil(s) of the class are not in the file and simply stay in the class: "
        "{names}. Remove them by hand if they have left.",
    },
    "setup.back_in_class": {"nl": "weer in de klas", "en": "back in the class"},
    "setup.col_action": {"nl": "Wat gebeurt er", "en": "What happens"},
    "setup.action_add": {"nl": "nieuw", "en": "new"},
    "setup.action_update": {"nl": "bijwerken", "en": "update"},
    "setup.action_same": {"nl": "al in de klas", "en": "already in class"},
    "setup.col_changes": {"nl": "Wijzigingen", "en": "Changes"},
    "setup.imported": {
        "nl": "Klaar: {added} leerlingen toegevoegd en {updated} bijgewerkt. Vul nu de "
        "toestemming in (tabblad Leerlingen).",
        "en": "Done: {added} pupils added and {updated} updated. Now fill in consent (tab "
        "Pupils).",
    },
    "setup.import_button": {"nl": "Inlezen ({n} leerlingen)", "en": "Import ({n} pupils)"},
    "setup.no_pupils": {
        "nl": "Deze klas heeft nog geen leerlingen. Lees de klassenlijst in (tabblad hiernaast) "
        "of voeg leerlingen één voor één toe.",
        "en": "This class has no pupils yet. Import the class list (next tab) or add pupils "
        "one by one.",
    },
    "setup.consent_help": {
        "nl": "Pas de toestemming aan in de kolom **Toestemming** en druk op **Opslaan**. "
        "Leerlingen die niet meedoen komen nergens in voor: niet in de vragenlijst, niet als "
        "klasgenoot om te kiezen en niet in de klaskaart.",
        "en": "Change consent in the **Consent** column and press **Save**. Pupils who do not "
        "take part appear nowhere: not in the survey, not as a classmate to choose and not "
        "on the class map.",
    },
    "setup.col_taking_part": {"nl": "Doet mee", "en": "Takes part"},
    "setup.consent_saved": {"nl": "Toestemming opgeslagen ({n} gewijzigd).",
                            "en": "Consent saved ({n} changed)."},
    "setup.save_consent": {"nl": "Toestemming opslaan ({n})", "en": "Save consent ({n})"},
    "setup.all_given": {
        "nl": "Alle {n} met 'onbekend' op 'gegeven' zetten",
        "en": "Set all {n} 'unknown' to 'given'",
    },
    "setup.all_given_help": {
        "nl": "Handig als (bijna) alle ouders toestemming gaven: zet daarna de weigeringen "
        "apart in de tabel.",
        "en": "Handy when (almost) all parents gave consent: then mark the refusals in the "
        "table.",
    },
    "setup.add_pupil": {"nl": "Leerling toevoegen", "en": "Add a pupil"},
    "setup.add_button": {"nl": "Toevoegen", "en": "Add"},
    "setup.added": {"nl": "{name} is toegevoegd.", "en": "{name} has been added."},
    "setup.edit_pupil": {"nl": "Leerling wijzigen of verwijderen", "en": "Edit or remove a pupil"},
    "setup.which_pupil": {"nl": "Leerling", "en": "Pupil"},
    "setup.save_pupil": {"nl": "Wijzigingen opslaan", "en": "Save changes"},
    "setup.saved": {"nl": "Gegevens van {name} opgeslagen.", "en": "Details of {name} saved."},
    "setup.remove_help": {
        "nl": "Verwijderen haalt de leerling uit de klas en uit alle lijsten en analyses. "
        "Antwoorden die al gegeven zijn blijven bewaard; je kunt de leerling later terugzetten.",
        "en": "Removing takes the pupil out of the class and out of every list and analysis. "
        "Answers already given are kept; you can take the pupil back later.",
    },
    "setup.remove_sure": {
        "nl": "Ja, haal {name} uit de klas",
        "en": "Yes, take {name} out of the class",
    },
    "setup.remove_button": {"nl": "Verwijderen uit de klas", "en": "Remove from class"},
    "setup.removed": {
        "nl": "{name} is uit de klas gehaald.",
        "en": "{name} was removed from the class.",
    },
    "setup.removed_pupils": {"nl": "Verwijderde leerlingen ({n})", "en": "Removed pupils ({n})"},
    "setup.take_back": {"nl": "Terugzetten", "en": "Take back"},
    "setup.taken_back": {"nl": "{name} zit weer in de klas.", "en": "{name} is back in the class."},
    # Waves page
    "waves.no_class": {
        "nl": "Je hebt nog geen klas. Maak eerst een klas aan bij 'Klas inrichten'.",
        "en": "You have no class yet. First create one under 'Class set-up'.",
    },
    "waves.autumn": {"nl": "Najaar {year}", "en": "Autumn {year}"},
    "waves.spring": {"nl": "Voorjaar {year}", "en": "Spring {year}"},
    "waves.created": {
        "nl": "Meting '{name}' is klaargezet. Open hem als de klas kan beginnen.",
        "en": "Wave '{name}' is ready. Open it when the class can start.",
    },
    "waves.new": {"nl": "Nieuwe meting", "en": "New wave"},
    "waves.name": {"nl": "Naam van de meting", "en": "Name of the wave"},
    "waves.date": {"nl": "Datum", "en": "Date"},
    "waves.language": {"nl": "Taal voor de kinderen", "en": "Language for the children"},
    "waves.format": {"nl": "Antwoorden van de kinderen", "en": "Children's answers"},
    "waves.format_four_point": {"nl": "4 plaatjes (8–12 jaar)", "en": "4 pictures (ages 8–12)"},
    "waves.format_yes_no": {"nl": "ja / nee (6–7 jaar)", "en": "yes / no (ages 6–7)"},
    "waves.questions": {"nl": "Vragen over klasgenoten", "en": "Questions about classmates"},
    "waves.help_liked_most": {
        "nl": "Nodig voor de klaskaart (wie wordt gekozen).",
        "en": "Needed for the class map (who is chosen).",
    },
    "waves.help_liked_least": {
        "nl": "De negatieve vraag. Nodig voor sociale voorkeur en het dubbel-risicosignaal; "
        "zet hem uit als je school of de ouders dat niet willen.",
        "en": "The negative question. Needed for social preference and the double-risk "
        "indication; switch it off if your school or the parents do not want it.",
    },
    "waves.help_teacher_likes": {
        "nl": "Hoe kinderen de relatie van de leerkracht met klasgenoten zien.",
        "en": "How children see the teacher's relationship with classmates.",
    },
    "waves.help_teacher_angry": {
        "nl": "Hoe kinderen de relatie van de leerkracht met klasgenoten zien (negatief).",
        "en": "How children see the teacher's relationship with classmates (negative).",
    },
    "waves.help_prosocial": {"nl": "Optioneel: wie helpt anderen.",
                             "en": "Optional: who helps others."},
    "waves.help_aggressive": {"nl": "Optioneel en negatief: wie maakt ruzie.",
                              "en": "Optional and negative: who quarrels."},
    "waves.create": {"nl": "Meting klaarzetten", "en": "Prepare wave"},
    "waves.none": {
        "nl": "Deze klas heeft nog geen meting. Zet er hierboven een klaar.",
        "en": "This class has no wave yet. Prepare one above.",
    },
    "waves.pick": {"nl": "Meting", "en": "Wave"},
    "waves.all": {"nl": "Alle metingen van deze klas", "en": "All waves of this class"},
    "waves.asked": {
        "nl": "Vragen over klasgenoten ({n})",
        "en": "Questions about classmates ({n})",
    },
    "waves.summary": {
        "nl": "Taal: {lang} · antwoorden: {format} · {n} leerlingen doen mee",
        "en": "Language: {lang} · answers: {format} · {n} pupils take part",
    },
    "waves.yes": {"nl": "Ja, doorgaan", "en": "Yes, go ahead"},
    "waves.cancel": {"nl": "Annuleren", "en": "Cancel"},
    "waves.confirm_open": {
        "nl": "Meting '{name}' openen? {n} kinderen krijgen een inlogkaart en kunnen meteen "
        "beginnen. De vragen kun je daarna niet meer veranderen.",
        "en": "Open wave '{name}'? {n} children get a login card and can start at once. The "
        "questions cannot be changed afterwards.",
    },
    "waves.confirm_close": {
        "nl": "Meting '{name}' sluiten? Alle inlogkaarten werken dan niet meer en de meting kan "
        "niet opnieuw open. Kinderen die nog niet klaar zijn, kunnen niet verder.",
        "en": "Close wave '{name}'? Every login card stops working and the wave cannot be "
        "opened again. Children who have not finished cannot continue.",
    },
    "waves.confirm_delete": {
        "nl": "Meting '{name}' weggooien? Er zijn nog geen antwoorden.",
        "en": "Delete wave '{name}'? It has no answers yet.",
    },
    "waves.open": {"nl": "Meting openen", "en": "Open wave"},
    "waves.close": {"nl": "Meting sluiten", "en": "Close wave"},
    "waves.delete": {"nl": "Weggooien", "en": "Delete"},
    "waves.done_open": {
        "nl": "Meting '{name}' is open. Download de inlogkaarten of geef de tablet over.",
        "en": "Wave '{name}' is open. Download the login cards or hand over the tablet.",
    },
    "waves.done_close": {
        "nl": "Meting '{name}' is gesloten; de inlogkaarten werken niet meer.",
        "en": "Wave '{name}' is closed; the login cards no longer work.",
    },
    "waves.done_delete": {
        "nl": "Meting '{name}' is weggegooid.",
        "en": "Wave '{name}' was deleted.",
    },
    "waves.completion": {"nl": "Klaar (klas)", "en": "Class complete"},
    "waves.n_done": {"nl": "Kinderen klaar", "en": "Children done"},
    "waves.n_busy": {"nl": "Nu bezig", "en": "Busy now"},
    "waves.state_busy": {"nl": "bezig (vraag {x} van {y})", "en": "busy (item {x} of {y})"},
    "waves.state_not_started": {"nl": "nog niet begonnen", "en": "not started"},
    "waves.state_done": {"nl": "klaar", "en": "done"},
    "waves.refresh": {"nl": "Ververst elke 5 seconden vanzelf.",
                      "en": "Refreshes by itself every 5 seconds."},
    "waves.draft_help": {
        "nl": "Deze meting is klaargezet maar nog niet open. Open hem als de klas kan beginnen: "
        "dan worden de inlogkaarten gemaakt.",
        "en": "This wave is prepared but not open yet. Open it when the class can start: the "
        "login cards are made then.",
    },
    "waves.closed_help": {
        "nl": "Deze meting is gesloten. De inlogkaarten werken niet meer; de antwoorden zijn "
        "bewaard.",
        "en": "This wave is closed. The login cards no longer work; the answers are kept.",
    },
    "waves.tab_progress": {"nl": "Voortgang", "en": "Progress"},
    "waves.tab_cards": {"nl": "Inlogkaarten", "en": "Login cards"},
    "waves.tab_handover": {"nl": "Klastablet", "en": "Class tablet"},
    "waves.tablet_title": {"nl": "Eén tablet voor de hele klas", "en": "One tablet for the whole class"},
    "waves.tablet_help": {
        "nl": "Zet een tablet één keer in **klasmodus**: de tablet toont dan de namen van de "
        "klas, een kind tikt op de eigen naam, vult de vragenlijst in en na het bedankje staan "
        "de namen er vanzelf weer voor het volgende kind. Kinderen die klaar zijn worden grijs. "
        "Jouw wachtwoord blijft van de tablet af; stoppen kan alleen met de pincode die je hier "
        "kiest (of hier met **Alle klastablets stoppen**). Na 12 uur stopt de klasmodus vanzelf.",
        "en": "Put a tablet into **class mode** once: the tablet then shows the class's names, "
        "a child taps their own name, answers the survey, and after the thank-you the names "
        "are back for the next child. Children who have finished turn grey. Your password "
        "stays off the tablet; stopping takes the PIN you choose here (or **Stop all class "
        "tablets** here). Class mode stops by itself after 12 hours.",
    },
    "waves.tablet_pin": {"nl": "Pincode om te stoppen (4 tot 8 cijfers)",
                         "en": "PIN to stop (4 to 8 digits)"},
    "waves.tablet_pin_help": {
        "nl": "Kies een pincode die de kinderen niet kennen; je hebt hem nodig om de klasmodus "
        "op de tablet te stoppen.",
        "en": "Choose a PIN the children do not know; you need it to stop class mode on the "
        "tablet.",
    },
    "waves.tablet_start": {"nl": "Klastablet aanzetten", "en": "Turn on class tablet"},
    "waves.tablet_ready": {
        "nl": "De klastablet staat klaar. **Scan de klascode** met de tablet, of open de "
        "klasmodus op dit apparaat als dit de tablet is.",
        "en": "The class tablet is ready. **Scan the class code** with the tablet, or open class "
        "mode on this device if this is the tablet.",
    },
    "waves.tablet_scan": {"nl": "Klascode: scan met de tablet", "en": "Class code: scan with the tablet"},
    "waves.tablet_here": {"nl": "Dit apparaat wordt de klastablet",
                          "en": "This device becomes the class tablet"},
    "waves.tablet_here_help": {
        "nl": "Je wordt dan op dit apparaat uitgelogd, zodat de kinderen niet bij jouw schermen "
        "kunnen.",
        "en": "You are then logged out on this device, so the children cannot reach your "
        "screens.",
    },
    "waves.tablet_active": {"nl": "Klastablets aan voor deze meting: {n}.",
                            "en": "Class tablets on for this wave: {n}."},
    "waves.tablet_stop_all": {"nl": "Alle klastablets stoppen", "en": "Stop all class tablets"},
    "waves.tablet_stopped": {"nl": "Klastablets gestopt: {n}.", "en": "Class tablets stopped: {n}."},
    "waves.handover_one": {"nl": "Of: de tablet aan één kind geven",
                           "en": "Or: hand the tablet to one child"},
    "waves.tab_close": {"nl": "Meting sluiten", "en": "Close wave"},
    "waves.cards_help": {
        "nl": "Eén kaart per kind dat meedoet ({n} kaarten, {per_page} per A4, {pages} "
        "pagina's). Knip langs de stippellijnen. Opnieuw afdrukken kan altijd: de kaarten "
        "blijven hetzelfde en gegeven antwoorden blijven staan.",
        "en": "One card per child taking part ({n} cards, {per_page} per A4 page, {pages} "
        "pages). Cut along the dashed lines. You can always print again: the cards stay the "
        "same and answers already given are kept.",
    },
    "waves.cards_url": {"nl": "De QR-codes openen: {url}", "en": "The QR codes open: {url}"},
    "waves.cards_localhost": {
        "nl": "Let op: dit adres werkt alleen op deze computer. Open Klaskaart via het adres "
        "van de schoolserver voordat je de kaarten afdrukt, anders kunnen de tablets de "
        "QR-codes niet openen.",
        "en": "Note: this address only works on this computer. Open Klaskaart through the "
        "school server's address before printing, or the tablets cannot open the QR codes.",
    },
    "waves.download_cards": {"nl": "Inlogkaarten downloaden (PDF)",
                             "en": "Download login cards (PDF)"},
    "waves.lost_card": {"nl": "Kaart kwijt?", "en": "Lost a card?"},
    "waves.lost_help": {
        "nl": "Maak een nieuwe kaart: de oude werkt dan niet meer, wat het kind al beantwoord "
        "heeft blijft bewaard. Download daarna de kaarten opnieuw.",
        "en": "Make a new card: the old one stops working, what the child already answered "
        "is kept. Then download the cards again.",
    },
    "waves.which_child": {"nl": "Kind", "en": "Child"},
    "waves.new_card": {"nl": "Nieuwe kaart maken", "en": "Make a new card"},
    "waves.new_card_done": {
        "nl": "{name} heeft een nieuwe kaart; de oude werkt niet meer. Download de kaarten "
        "opnieuw.",
        "en": "{name} has a new card; the old one no longer works. Download the cards again.",
    },
    "waves.handover_logout": {
        "nl": "Tik op de naam van het kind dat de tablet krijgt: de vragenlijst van dat kind "
        "start meteen. Jij wordt dan op deze tablet uitgelogd, zodat het kind niet bij jouw "
        "schermen kan. Log daarna opnieuw in.",
        "en": "Tap the name of the child who gets the tablet: that child's survey starts at "
        "once. You are then logged out on this tablet, so the child cannot reach your "
        "screens. Log in again afterwards.",
    },
    "waves.handover_help": {
        "nl": "Grijze namen met ✓ zijn al klaar.",
        "en": "Grey names with ✓ have finished.",
    },
    "waves.close_help": {
        "nl": "Sluit de meting als alle kinderen klaar zijn (of niet meer meedoen). Daarna "
        "werken de inlogkaarten niet meer.",
        "en": "Close the wave when every child has finished (or will not take part). After "
        "that the login cards no longer work.",
    },
}
