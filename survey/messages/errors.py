"""Messages of the errors raised by survey/ and analysis/ (each a survey.i18n.KeyedError).

Errors that belong to one part of the product keep their messages with that part (wave
changes ``wave.err_*``, roster ``roster.*``, accounts ``admin.*``, research import
``import.*``); this table holds the rest: the service layer, the care-team notes, the
instrument packs and licensed wording, and the analysis frames.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # service layer (survey.services, survey.child_flow, survey.care_notes)
    "error.no_wave": {"nl": "Deze meting bestaat niet.",
                      "en": "This measurement wave does not exist."},
    "error.wave_not_open": {"nl": "Deze meting is niet open.",
                            "en": "This measurement wave is not open."},
    "error.pupil_not_in_wave": {"nl": "Deze leerling zit niet in de klas van deze meting.",
                                "en": "This pupil is not in the class of this wave."},
    "error.no_consent": {"nl": "Deze leerling doet niet mee: er is geen toestemming.",
                         "en": "This pupil takes no part: there is no consent."},
    "error.unknown_child_item": {"nl": "Onbekende vraag {item!r} voor de kindvragenlijst.",
                                 "en": "Unknown item {item!r} for the child questionnaire."},
    "error.unknown_teacher_item": {
        "nl": "Onbekende vraag {item!r} voor de vragenlijst van de leerkracht.",
        "en": "Unknown item {item!r} for the teacher questionnaire.",
    },
    "error.answer_off_scale": {"nl": "Antwoord {value!r} staat niet op de schaal {scale}.",
                               "en": "Answer {value!r} is not on the scale {scale}."},
    "error.rating_off_scale": {"nl": "Oordeel {value!r} staat niet op de schaal {scale}.",
                               "en": "Rating {value!r} is not on the scale {scale}."},
    "error.question_not_in_wave": {"nl": "Vraag {question!r} hoort niet bij deze meting.",
                                   "en": "Question {question!r} is not part of this wave."},
    "error.nobody_not_allowed": {"nl": "'Niemand' is geen antwoord op deze vraag.",
                                 "en": "'Nobody' is not an answer to this question."},
    "error.choose_self": {"nl": "Een kind kan zichzelf niet kiezen.",
                          "en": "A child cannot choose themselves."},
    "error.target_absent": {"nl": "Deze klasgenoot is afwezig gemeld bij deze meting.",
                            "en": "This classmate is marked absent for this wave."},
    "error.too_many_choices": {"nl": "Hier kunnen hoogstens {n} klasgenoten gekozen worden.",
                               "en": "At most {n} classmates can be chosen here."},
    "error.choose_first": {"nl": "Kies eerst iemand, of 'niemand'.",
                           "en": "Choose someone, or 'nobody', first."},
    "error.care_too_long": {
        "nl": "'{field}' is te lang ({length} tekens; hoogstens {limit}).",
        "en": "'{field}' is too long ({length} characters; at most {limit}).",
    },
    "error.care_unknown_fields": {"nl": "Onbekende velden: {fields}",
                                  "en": "Unknown field(s): {fields}"},
    # accounts (survey.accounts)
    "account.password_short": {"nl": "Een wachtwoord heeft minstens {n} tekens nodig.",
                               "en": "A password needs at least {n} characters."},
    # analysis frames (analysis.frames.require_columns)
    "frame.missing_columns": {"nl": "{name} mist de kolom(men): {columns}",
                              "en": "{name} is missing column(s): {columns}"},
    # instrument packs (survey.instruments.PackError); pack.schema is for the developer who
    # edits a pack's YAML: its detail is technical English (see PackError)
    "pack.problem_one": {"nl": "1 probleem", "en": "1 problem"},
    "pack.problem_many": {"nl": "{count} problemen", "en": "{count} problems"},
    "pack.schema": {"nl": "{file}: {where}{detail}", "en": "{file}: {where}{detail}"},
    "pack.not_found": {"nl": "{file}: bestand niet gevonden ({path})",
                       "en": "{file}: file not found ({path})"},
    "pack.not_utf8": {"nl": "{file}: geen UTF-8-tekst ({reason} bij byte {start})",
                      "en": "{file}: not UTF-8 text ({reason} at byte {start})"},
    "pack.unreadable": {"nl": "{file}: kan niet gelezen worden ({reason})",
                        "en": "{file}: cannot be read ({reason})"},
    "pack.yaml_syntax": {"nl": "{file}: YAML-syntaxfout: {detail}",
                         "en": "{file}: YAML syntax error: {detail}"},
    "pack.yaml_syntax_at": {
        "nl": "{file}: YAML-syntaxfout op regel {line}, kolom {column}: {detail}",
        "en": "{file}: YAML syntax error at line {line}, column {column}: {detail}",
    },
    "pack.unknown_name": {"nl": "{name}: geen bekende pakketnaam ({known}) en geen bestand",
                          "en": "{name}: not a known pack name ({known}) and not a file"},
    "pack.is_nomination": {
        "nl": "{file}: is een pakket met vragen over klasgenoten; laad het met "
              "load_nomination_pack",
        "en": "{file}: is a peer-nomination pack; load it with load_nomination_pack",
    },
    "pack.no_format": {
        "nl": "pakket '{pack}' heeft geen antwoordschaal '{format}' (wel: {known})",
        "en": "pack '{pack}' has no response format '{format}' (it has: {known})",
    },
    "pack.no_questions": {"nl": "vragenpakket '{pack}' heeft geen vraag/vragen: {questions}",
                          "en": "nomination pack '{pack}' has no question(s): {questions}"},
    "pack.no_language": {"nl": "pakket '{pack}' heeft geen taal '{language}' (wel: {known})",
                         "en": "pack '{pack}' has no language '{language}' (it has: {known})"},
    "pack.not_licensable": {
        "nl": "Gelicentieerde tekst kan alleen voor {packs} worden geïnstalleerd",
        "en": "licensed wording can be installed for {packs} only",
    },
    # licensed wording files (survey.instruments.licensed), uploaded by an administrator
    "wording.field_too_long": {
        "nl": "{file}: regel {line}: een veld is langer dan {limit} tekens — controleer de "
              "aanhalingstekens (\")",
        "en": "{file}: line {line}: a field is longer than {limit} characters — check the quote "
              "marks (\")",
    },
    "wording.unreadable": {"nl": "{file}: regel {line}: kan niet gelezen worden ({detail})",
                           "en": "{file}: line {line}: cannot be read ({detail})"},
    "wording.empty": {"nl": "{file}: het bestand is leeg; verwacht wordt de kopregel {header}",
                      "en": "{file}: the file is empty; expected the header {header}"},
    "wording.bad_header": {
        "nl": "{file}: regel {line}: de kopregel moet '{header}' zijn, maar is '{found}'",
        "en": "{file}: line {line}: the header must be '{header}', found '{found}'",
    },
    "wording.name_too_long": {
        "nl": "{start}…: de bestandsnaam is {length} tekens lang; er passen er hoogstens "
              "{limit} — geef het bestand een kortere naam en probeer het opnieuw",
        "en": "{start}…: the file name is {length} characters long; at most {limit} fit — "
              "rename the file and try again",
    },
    "wording.columns": {
        "nl": "{file}: regel {line}: verwacht 3 kolommen (item_id, language, text), gevonden "
              "{n} — zet teksten met het scheidingsteken tussen dubbele aanhalingstekens",
        "en": "{file}: line {line}: expected 3 columns (item_id, language, text), found {n} — "
              "put texts containing the separator in double quotes",
    },
    "wording.unknown_item": {
        "nl": "{file}: regel {line}: onbekend item '{item}' (dit is pakket '{pack}')",
        "en": "{file}: line {line}: unknown item id '{item}' (this pack is '{pack}')",
    },
    "wording.bad_language": {
        "nl": "{file}: regel {line}: taal '{language}' is geen taal van het pakket "
              "({languages})",
        "en": "{file}: line {line}: language '{language}' is not one of the pack languages "
              "({languages})",
    },
    "wording.empty_text": {
        "nl": "{file}: regel {line}: de tekst voor '{item}' in '{language}' is leeg",
        "en": "{file}: line {line}: the text for '{item}' in '{language}' is empty",
    },
    "wording.twice": {
        "nl": "{file}: regel {line}: '{item}' in '{language}' staat er twee keer in (eerst op "
              "regel {first})",
        "en": "{file}: line {line}: '{item}' in '{language}' appears twice (first on line "
              "{first})",
    },
    "wording.missing_language": {
        "nl": "{file}: item '{item}' heeft geen tekst in taal '{language}'",
        "en": "{file}: item '{item}' has no text in language '{language}'",
    },
    "wording.missing_items": {
        "nl": "{file}: {n} gescoorde item(s) van pakket '{pack}' staan niet in het bestand: "
              "{items}",
        "en": "{file}: {n} scored item(s) of pack '{pack}' are not in the file: {items}",
    },
}
