"""Child kiosk: the tablet survey (relationship items, nominations). Messages (nl and en).

Short sentences a 6-year-old can follow when they are read aloud. The entry messages
(unknown token, finished, not open, "Hoi {name}!") live in ``core`` as ``child.*``.
"""

MESSAGES: dict[str, dict[str, str]] = {
    # Class tablet mode (app_pages/tablet.py)
    "tablet.who": {"nl": "{klas}: wie ben jij?", "en": "{klas}: who are you?"},
    "tablet.who_help": {"nl": "Tik op je eigen naam.", "en": "Tap your own name."},
    "tablet.done_grey": {"nl": "Grijze namen met een vinkje zijn al klaar.",
                         "en": "Grey names with a tick have finished."},
    "tablet.next": {"nl": "Volgende kind", "en": "Next child"},
    "tablet.not_me": {"nl": "Dit ben ik niet", "en": "This is not me"},
    "tablet.teacher": {"nl": "Voor de juf of meester", "en": "For the teacher"},
    "tablet.pin": {"nl": "Pincode", "en": "PIN"},
    "tablet.stop": {"nl": "Klastablet stoppen", "en": "Stop class tablet"},
    "tablet.wrong_pin": {"nl": "Die pincode klopt niet.", "en": "That PIN is not right."},
    "kiosk.welcome_intro": {
        "nl": "We gaan samen vragen doen. Er zijn geen goede of foute antwoorden. "
        "Tik op de luidspreker, dan lees ik alles voor.",
        "en": "We are going to answer some questions together. There are no right or "
        "wrong answers. Tap the speaker and I will read everything to you.",
    },
    "kiosk.start": {"nl": "Beginnen", "en": "Start"},
    "kiosk.read_aloud": {"nl": "Voorlezen", "en": "Read aloud"},
    "kiosk.back": {"nl": "Terug", "en": "Back"},
    "kiosk.next": {"nl": "Verder", "en": "Next"},
    "kiosk.practice_title": {"nl": "Eerst oefenen", "en": "Let's practise first"},
    "kiosk.practice_help": {
        "nl": "Tik op het plaatje dat past. Hoe groter het rondje, hoe meer het klopt. "
        "Het kleinste rondje is 'nee'. Het grootste rondje is 'ja, heel erg'.",
        "en": "Tap the picture that fits. The bigger the circle, the more it is true. "
        "The smallest circle means 'no'. The biggest circle means 'yes, very much'.",
    },
    "kiosk.practice_help_yes_no": {
        "nl": "Tik op het blije gezicht voor 'ja' en op het andere gezicht voor 'nee'.",
        "en": "Tap the happy face for 'yes' and the other face for 'no'.",
    },
    "kiosk.item_help": {
        "nl": "Tik op het plaatje dat past.",
        "en": "Tap the picture that fits.",
    },
    "kiosk.peers_help": {
        "nl": "Tik op de kinderen die je kiest. Nog een keer tikken haalt de keuze weg.",
        "en": "Tap the children you choose. Tap again to take a choice away.",
    },
    "kiosk.chosen_count": {"nl": "Gekozen: {n}", "en": "Chosen: {n}"},
    "kiosk.chosen_max": {"nl": "Gekozen: {n} van {max}", "en": "Chosen: {n} of {max}"},
    "kiosk.choose_first": {
        "nl": "Kies eerst iemand, of 'niemand'.",
        "en": "Choose someone first, or 'nobody'.",
    },
    "kiosk.max_reached": {
        "nl": "Je hebt er al {max} gekozen. Tik op een naam om hem weg te halen.",
        "en": "You have already chosen {max}. Tap a name to take it away.",
    },
    "kiosk.progress": {"nl": "Vraag {n} van {total}", "en": "Question {n} of {total}"},
    "kiosk.thanks_title": {"nl": "Klaar! Dankjewel!", "en": "All done! Thank you!"},
    "kiosk.thanks_body": {
        "nl": "Je hebt alle vragen gedaan. Geef de tablet terug aan je juf of meester.",
        "en": "You have answered every question. Give the tablet back to your teacher.",
    },
    "kiosk.try_again": {
        "nl": "Dat lukte niet. Tik nog een keer.",
        "en": "That did not work. Please tap again.",
    },
    "kiosk.check_picks": {
        "nl": "Kijk nog even: dit zijn je keuzes. Klopt het? Tik dan op Verder.",
        "en": "Have another look: these are your choices. Is that right? Then tap Next.",
    },
}
