"""Teacher ratings pages (per pupil and grid). Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Choosing what to rate
    "ratings.intro": {
        "nl": "Geef per leerling aan hoe goed elke uitspraak past bij jouw relatie met dit "
        "kind. Elk antwoord wordt meteen opgeslagen.",
        "en": "For each pupil, say how well each statement fits your relationship with this "
        "child. Every answer is saved at once.",
    },
    "ratings.class": {"nl": "Klas", "en": "Class"},
    "ratings.wave": {"nl": "Meting", "en": "Wave"},
    "ratings.no_waves": {
        "nl": "Deze klas heeft nog geen geopende of gesloten meting. Open eerst een meting "
        "op de pagina Metingen.",
        "en": "This class has no open or closed wave yet. Open a wave on the Waves page first.",
    },
    "ratings.no_pupils": {
        "nl": "Er zijn geen leerlingen met toestemming in deze klas.",
        "en": "There are no pupils with consent in this class.",
    },
    "ratings.wave_label": {"nl": "{name} ({status})", "en": "{name} ({status})"},
    "ratings.mode": {"nl": "Werkwijze", "en": "Mode"},
    "ratings.mode.pupil": {"nl": "Per leerling", "en": "Per pupil"},
    "ratings.mode.overview": {"nl": "Klasoverzicht", "en": "Class overview"},
    "ratings.mode.grid": {"nl": "Raster (snel)", "en": "Grid (fast)"},
    # Per pupil
    "ratings.pupil": {"nl": "Leerling", "en": "Pupil"},
    "ratings.pupil_option": {"nl": "{name} — {state}", "en": "{name} — {state}"},
    "ratings.progress": {
        "nl": "{answered} van {total} beantwoord",
        "en": "{answered} of {total} answered",
    },
    "ratings.pupil_done": {
        "nl": "Alle {total} uitspraken voor {name} zijn beantwoord en opgeslagen.",
        "en": "All {total} statements for {name} are answered and saved.",
    },
    "ratings.continue_at": {
        "nl": "Verder bij uitspraak {number}",
        "en": "Continue at statement {number}",
    },
    "ratings.first_open": {"nl": "eerste open uitspraak", "en": "first open statement"},
    "ratings.block": {
        "nl": "Uitspraken {first}–{last}",
        "en": "Statements {first}–{last}",
    },
    "ratings.keyboard_hint": {
        "nl": "Tik op een antwoord, of gebruik het toetsenbord: Tab naar de volgende "
        "uitspraak, pijltjes of spatie om te kiezen.",
        "en": "Tap an answer, or use the keyboard: Tab to the next statement, arrow keys or "
        "space to choose.",
    },
    "ratings.next": {"nl": "Volgende leerling", "en": "Next pupil"},
    "ratings.next_help": {
        "nl": "Naar de volgende leerling die nog niet klaar is.",
        "en": "To the next pupil who is not finished yet.",
    },
    "ratings.all_done": {
        "nl": "Alle leerlingen van deze meting zijn volledig beoordeeld. Dank je wel!",
        "en": "Every pupil of this wave is fully rated. Thank you!",
    },
    "ratings.save_failed": {
        "nl": "Dit antwoord is niet opgeslagen: {reason}",
        "en": "This answer was not saved: {reason}",
    },
    "ratings.wording_lang": {
        "nl": "De uitspraken staan in de taal van de meting ({lang_name}).",
        "en": "The statements are in the language of the wave ({lang_name}).",
    },
    # States
    "ratings.state.complete": {"nl": "klaar", "en": "complete"},
    "ratings.state.partial": {"nl": "{answered} van {total}", "en": "{answered} of {total}"},
    "ratings.state.not_started": {"nl": "nog niet begonnen", "en": "not started"},
    # Overview
    "ratings.overview.summary": {
        "nl": "{complete} klaar · {partial} gedeeltelijk · {not_started} nog niet begonnen",
        "en": "{complete} complete · {partial} partial · {not_started} not started",
    },
    "ratings.overview.hint": {
        "nl": "Vink een leerling aan (vakje links) om die te beoordelen, of kies hieronder.",
        "en": "Tick a pupil (box on the left) to rate them, or choose below.",
    },
    "ratings.overview.open": {"nl": "Beoordeel deze leerling", "en": "Rate this pupil"},
    "ratings.col.pupil": {"nl": "Leerling", "en": "Pupil"},
    "ratings.col.status": {"nl": "Status", "en": "Status"},
    "ratings.col.answered": {"nl": "Beantwoord", "en": "Answered"},
    # Grid
    "ratings.grid.hint": {
        "nl": "Typ 1–5 in de vakjes (1 = {lo}, 5 = {hi}). Beweeg met pijltjes, Tab en Enter. "
        "Wijs een kolomkop aan voor de hele uitspraak; een grijs vakje (“None”) is nog niet beantwoord. "
        "Het raster wordt pas bewaard als je op Opslaan klikt.",
        "en": "Type 1–5 in the cells (1 = {lo}, 5 = {hi}). Move with arrow keys, Tab and "
        "Enter. Hover over a column header to read the whole statement; a grey cell (“None”) is "
        "not answered yet. The grid is only stored when you click Save.",
    },
    "ratings.grid.save": {"nl": "Opslaan", "en": "Save"},
    "ratings.grid.unsaved": {
        "nl": "{n} wijziging(en) nog niet opgeslagen.",
        "en": "{n} change(s) not saved yet.",
    },
    "ratings.grid.saved": {
        "nl": "{n} antwoord(en) opgeslagen.",
        "en": "{n} answer(s) saved.",
    },
    "ratings.grid.nothing": {
        "nl": "Er was niets nieuws om op te slaan.",
        "en": "There was nothing new to save.",
    },
    "ratings.grid.kept_blank": {
        "nl": "{n} leeggemaakt(e) vakje(s): een opgeslagen antwoord wordt niet gewist en "
        "staat er weer.",
        "en": "{n} emptied cell(s): a saved answer is not deleted and is shown again.",
    },
    "ratings.grid.refused": {
        "nl": "Niets opgeslagen. Verbeter eerst deze vakjes:",
        "en": "Nothing was saved. First correct these cells:",
    },
    "ratings.grid.legend": {"nl": "Antwoordschaal", "en": "Answer scale"},
    # Problems from survey.ratings.save_grid (plain language, one per cell)
    "ratings.problem.scale": {
        "nl": "{pupil}, uitspraak {number}: {value} ligt niet op de schaal {lo}–{hi}.",
        "en": "{pupil}, statement {number}: {value} is not on the scale {lo}–{hi}.",
    },
    "ratings.problem.pupil": {
        "nl": "Leerling {pupil} doet niet mee aan deze meting.",
        "en": "Pupil {pupil} does not take part in this wave.",
    },
    "ratings.problem.item": {
        "nl": "{pupil}: onbekende uitspraak {item}.",
        "en": "{pupil}: unknown statement {item}.",
    },
    "ratings.problem.wave": {
        "nl": "Deze meting kan (nog) niet beoordeeld worden.",
        "en": "This wave cannot be rated (yet).",
    },
}
