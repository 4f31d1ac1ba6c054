"""Class map, pupil profile, counsellor overview and exports. Messages (nl and en)."""

MESSAGES: dict[str, dict[str, str]] = {
    # Class map
    "cm.no_waves": {"nl": "Deze klas heeft nog geen metingen.",
                    "en": "This class has no waves yet."},
    "cm.no_questions": {"nl": "In deze meting is geen vraag over vriendschap gesteld.",
                        "en": "This wave asked no friendship question."},
    "cm.no_answers": {"nl": "Voor deze vraag zijn in deze meting nog geen keuzes gemaakt.",
                      "en": "No choices have been made for this question in this wave yet."},
    "cm.no_pupils": {
        "nl": "In deze meting doet geen leerling mee (geen leerlingen in de klas, of geen "
              "toestemming). Voeg leerlingen toe of leg toestemming vast bij Klas inrichten.",
        "en": "No pupil takes part in this wave (no pupils in the class, or no consent). Add "
              "pupils or record consent on the class set-up page.",
    },
    "cm.wave": {"nl": "Meting", "en": "Wave"},
    "cm.question": {"nl": "Pijlen: vraag", "en": "Arrows: question"},
    "cm.colour_by": {"nl": "Kleur", "en": "Colour"},
    "cm.colour.profile": {"nl": "Relatieprofiel", "en": "Relationship profile"},
    "cm.colour.closeness": {"nl": "Nabijheid (percentiel)", "en": "Closeness (percentile)"},
    "cm.colour.conflict": {"nl": "Conflict (percentiel)", "en": "Conflict (percentile)"},
    "cm.colour.dependency": {"nl": "Afhankelijkheid (percentiel)",
                             "en": "Dependency (percentile)"},
    "cm.layer_negative": {"nl": "Toon 'minst leuk'-keuzes", "en": "Show 'like least' choices"},
    "cm.layer_negative_restricted": {
        "nl": "Wie wie negatief koos is op deze school alleen zichtbaar voor de intern "
              "begeleider.",
        "en": "At this school only the counsellor can see who chose whom negatively.",
    },
    "cm.layer_teacher": {"nl": "Toon hoe klasgenoten de juf/meester zien",
                         "en": "Show how classmates see the teacher"},
    "cm.low_participation": {
        "nl": "Slechts {pct}% van de klas deed mee aan deze vraag: voorzichtig interpreteren.",
        "en": "Only {pct}% of the class answered this question: interpret with care.",
    },
    "cm.pick": {"nl": "Kies een leerling", "en": "Choose a pupil"},
    "cm.pick_placeholder": {"nl": "Naam…", "en": "Name…"},
    "cm.open_profile": {"nl": "Open profiel", "en": "Open profile"},
    "cm.flagged": {"nl": "Dubbel risico", "en": "Double risk"},
    "cm.flagged_none": {"nl": "Geen kinderen met dubbel risico in deze meting.",
                        "en": "No children at double risk in this wave."},
    "cm.legend_title": {"nl": "Hoe lees ik de klaskaart?", "en": "How to read the class map"},
    "cm.legend_body": {
        "nl": "- **Vulling** van een bolletje: hoe de leerkracht de relatie met het kind "
              "ziet (relatieprofiel of gekozen dimensie).\n"
              "- **Rand**: hoe het kind zelf de relatie met de leerkracht ziet (zelfde "
              "kleuren).\n"
              "- **Grootte**: hoeveel klasgenoten het kind als vriend(in) kiezen.\n"
              "- **Pijl**: kiest als vriend(in); **dikke lijn**: ze kiezen elkaar.\n"
              "- **Dikke zwarte cirkel**: dubbel risico (een moeizame relatie met de "
              "leerkracht én weinig geaccepteerd door klasgenoten); de redenen staan ernaast.\n"
              "- Een bleek bolletje: het kind was afwezig bij deze meting.\n"
              "- Klik op een bolletje (computer) of kies een naam rechts (iPad) om het "
              "profiel te openen.",
        "en": "- **Fill** of a circle: how the teacher sees the relationship with the child "
              "(relationship profile or the chosen dimension).\n"
              "- **Ring**: how the child sees the relationship with the teacher (same "
              "colours).\n"
              "- **Size**: how many classmates choose the child as a friend.\n"
              "- **Arrow**: chooses as friend; **thick line**: they choose each other.\n"
              "- **Thick black circle**: double risk (a strained relationship with the "
              "teacher AND little acceptance by classmates); the reasons are listed beside "
              "the map.\n"
              "- A pale circle: the child was absent in this wave.\n"
              "- Click a circle (computer) or choose a name on the right (iPad) to open the "
              "profile.",
    },
    "cm.profile_rule": {
        "nl": "Relatieprofiel uit de percentielen van de leerkrachtoordelen (hoog = P75 of "
              "hoger, laag = P25 of lager): nabij én conflictueus = hoog conflict en nabijheid "
              "boven de mediaan; conflictueus = hoog conflict; afhankelijk = hoge "
              "afhankelijkheid; afstandelijk = lage nabijheid; nabij = hoge nabijheid; "
              "anders gemiddeld. Dit zijn signalen voor een gesprek, geen diagnoses.",
        "en": "Relationship profile from the teacher-rating percentiles (high = P75 or more, "
              "low = P25 or less): close and conflictual = high conflict and closeness above "
              "the median; conflictual = high conflict; dependent = high dependency; distant "
              "= low closeness; close = high closeness; otherwise average. These are "
              "indications for a conversation, not diagnoses.",
    },
    "cm.download_html": {"nl": "Download interactieve kaart (HTML)",
                         "en": "Download interactive map (HTML)"},
    "cm.download_xlsx": {"nl": "Download klas (Excel)", "en": "Download class (Excel)"},
    "cm.download_png": {
        "nl": "Afbeelding (PNG): klik op het cameraatje rechtsboven in de kaart.",
        "en": "Picture (PNG): click the camera icon at the top right of the map.",
    },
    # Pupil profile
    "pf.choose_hint": {"nl": "Kies een leerling om het profiel te zien.",
                       "en": "Choose a pupil to see the profile."},
    "pf.not_available": {
        "nl": "Voor deze leerling zijn geen gegevens beschikbaar (bijvoorbeeld omdat er geen "
              "toestemming is).",
        "en": "No data are available for this pupil (for example because there is no "
              "consent).",
    },
    "pf.back": {"nl": "Terug naar de klaskaart", "en": "Back to the class map"},
    "pf.screening": {
        "nl": "Dit zijn signalen om het gesprek te openen, geen diagnoses of labels. Bespreek "
              "ze met de leerkracht en kijk samen naar wat je in de klas ziet.",
        "en": "These are indications to start a conversation, not diagnoses or labels. "
              "Discuss them with the teacher and look together at what you see in class.",
    },
    "pf.absent": {"nl": "Het kind was afwezig bij deze meting (geen eigen antwoorden).",
                  "en": "The child was absent in this wave (no answers of its own)."},
    "pf.ref.norms": {"nl": "Referentiegroep: de normgroep van de ingelezen normtabel.",
                     "en": "Reference group: the norm group of the imported norm table."},
    "pf.ref.wave": {"nl": "Referentiegroep: alle klassen van deze meting, {n} leerlingen met "
                          "een score.",
                    "en": "Reference group: all classes of this wave, {n} pupils with a score."},
    "pf.ref.wave_classes": {
        "nl": "Referentiegroep: de {k} klassen van deze meting ({classes}), {n} leerlingen met "
              "een score.",
        "en": "Reference group: the {k} classes of this wave ({classes}), {n} pupils with a "
              "score.",
    },
    "pf.ref.class": {"nl": "Referentiegroep: deze klas, {n} leerlingen met een score.",
                     "en": "Reference group: this class, {n} pupils with a score."},
    "pf.double_risk": {"nl": "**Dubbel risico** — redenen:", "en": "**Double risk** — reasons:"},
    "pf.single_risk": {"nl": "Aandachtspunt (geen dubbel risico):",
                       "en": "Point of attention (not double risk):"},
    "pf.no_risk": {"nl": "Geen dubbel risico in deze meting.",
                   "en": "No double risk in this wave."},
    "pf.col.dimension": {"nl": "Dimensie", "en": "Dimension"},
    "pf.col.score": {"nl": "Score", "en": "Score"},
    "pf.col.percentile": {"nl": "Percentiel", "en": "Percentile"},
    "pf.col.difference": {"nl": "Verschil (SD)", "en": "Difference (SD)"},
    "pf.col.agreement": {"nl": "Overeenstemming", "en": "Agreement"},
    "pf.col.informant": {"nl": "Wie", "en": "Who"},
    "pf.col.reliable": {"nl": "Betrouwbare verandering", "en": "Reliable change"},
    "pf.teacher": {"nl": "Leerkracht", "en": "Teacher"},
    "pf.child": {"nl": "Kind", "en": "Child"},
    "pf.peers": {"nl": "Klasgenoten", "en": "Classmates"},
    "pf.profile_is": {"nl": "Profiel: **{profile}**", "en": "Profile: **{profile}**"},
    "pf.no_teacher": {"nl": "Nog geen oordeel van de leerkracht.",
                      "en": "No teacher ratings yet."},
    "pf.no_child": {"nl": "Het kind heeft (nog) niet geantwoord.",
                    "en": "The child has not answered (yet)."},
    "pf.chosen_by": {"nl": "Gekozen als vriend(in) door {n} van {of} klasgenoten",
                     "en": "Chosen as a friend by {n} of {of} classmates"},
    "pf.rejected_by": {"nl": "'Minst leuk' genoemd door {n} van {of} klasgenoten",
                       "en": "Named 'like least' by {n} of {of} classmates"},
    "pf.status": {"nl": "Statusgroep: {status}", "en": "Status group: {status}"},
    "pf.status.popular": {"nl": "populair", "en": "popular"},
    "pf.status.rejected": {"nl": "afgewezen", "en": "rejected"},
    "pf.status.neglected": {"nl": "genegeerd", "en": "neglected"},
    "pf.status.controversial": {"nl": "controversieel", "en": "controversial"},
    "pf.status.average": {"nl": "gemiddeld", "en": "average"},
    "pf.status.unclassified": {"nl": "niet ingedeeld", "en": "unclassified"},
    "pf.status.unknown": {"nl": "onbekend", "en": "unknown"},
    "pf.preference": {"nl": "Sociale voorkeur (z): {value}",
                      "en": "Social preference (z): {value}"},
    "pf.mutual": {"nl": "Wederzijdse vrienden: {names}", "en": "Mutual friends: {names}"},
    "pf.none": {"nl": "niemand", "en": "nobody"},
    "pf.teacher_seen": {
        "nl": "Volgens klasgenoten: de juf/meester vindt dit kind heel leuk ({likes} van "
              "{of}), wordt vaak boos op dit kind ({angry} van {of})",
        "en": "According to classmates: the teacher likes this child a lot ({likes} of {of}), "
              "often gets angry with this child ({angry} of {of})",
    },
    "pf.agreement": {"nl": "Leerkracht en kind vergeleken", "en": "Teacher and child compared"},
    "pf.agree.agree": {"nl": "zien het ongeveer hetzelfde", "en": "see it about the same"},
    "pf.agree.teacher_more_positive": {"nl": "leerkracht ziet het positiever",
                                       "en": "teacher sees it more positively"},
    "pf.agree.child_more_positive": {"nl": "kind ziet het positiever",
                                     "en": "child sees it more positively"},
    "pf.agreement_help": {
        "nl": "Verschil in standaarddeviaties binnen de klas (leerkracht min kind); vanaf "
              "0,5 heet het een verschil. Beschrijvend, geen toets.",
        "en": "Difference in class standard deviations (teacher minus child); 0.5 or more "
              "counts as a difference. Descriptive, not a test.",
    },
    "pf.no_agreement": {"nl": "Vergelijken kan pas als leerkracht én kind hebben geantwoord.",
                        "en": "Comparison needs answers from both teacher and child."},
    "pf.change": {"nl": "Verandering sinds de vorige meting",
                  "en": "Change since the previous wave"},
    "pf.no_previous": {"nl": "Dit is de eerste meting.", "en": "This is the first wave."},
    "pf.no_change": {"nl": "Geen scores in beide metingen.",
                     "en": "No scores in both waves."},
    "pf.change_help": {
        "nl": "Betrouwbare verandering: groter dan meetfout (reliable change index, |RCI| > "
              "1,96).",
        "en": "Reliable change: larger than measurement error (reliable change index, "
              "|RCI| > 1.96).",
    },
    "pf.yes": {"nl": "ja", "en": "yes"},
    "pf.no": {"nl": "nee", "en": "no"},
    "pf.negative": {"nl": "Negatieve keuzes (vertrouwelijk)",
                    "en": "Negative choices (confidential)"},
    "pf.negative_restricted": {
        "nl": "Op deze school ziet alleen de intern begeleider wie wie negatief koos. Je ziet "
              "wel de aantallen hierboven.",
        "en": "At this school only the counsellor sees who chose whom negatively. The counts "
              "above are visible.",
    },
    "pf.negative_by": {"nl": "Genoemd door: {names}", "en": "Named by: {names}"},
    "pf.negative_named": {"nl": "Noemde zelf: {names}", "en": "Named: {names}"},
    "pf.small_map": {"nl": "Plaats op de klaskaart", "en": "Place on the class map"},
    "pf.care": {"nl": "Zorgoverleg", "en": "Care-team meeting"},
    "pf.care_help": {
        "nl": "Naar Leerkracht-Leerling Interactie Coaching (LLInC): denk in relatietermen, "
              "niet alleen in gedrag. Wordt per leerling en meting bewaard.",
        "en": "After teacher–child interaction coaching (LLInC): think in terms of the "
              "relationship, not only behaviour. Saved per pupil and wave.",
    },
    "pf.download_pdf": {"nl": "Printbaar profiel (PDF)", "en": "Printable profile (PDF)"},
    "care.three_words": {"nl": "Drie woorden die de relatie beschrijven",
                         "en": "Three words that describe the relationship"},
    "care.moment_clicked": {"nl": "Een moment dat het klikte",
                            "en": "A moment when it clicked"},
    "care.moment_not_clicked": {"nl": "Een moment dat het niet klikte",
                                "en": "A moment when it did not click"},
    "care.work_question": {"nl": "Werkvraag", "en": "Work question"},
    "care.target_behaviour": {"nl": "Doelgedrag", "en": "Target behaviour"},
    "care.notes": {"nl": "Notities", "en": "Notes"},
    "care.save": {"nl": "Bewaren", "en": "Save"},
    "care.saved": {"nl": "Bewaard.", "en": "Saved."},
    "care.updated": {"nl": "Laatst bewaard: {at} (UTC)", "en": "Last saved: {at} (UTC)"},
    "care.history": {"nl": "Eerdere zorgnotities", "en": "Earlier care notes"},
    # Counsellor overview
    "school.participation": {"nl": "Deelname per meting", "en": "Participation per wave"},
    "school.participation_help": {
        "nl": "Klik op een kolomkop om te sorteren. Deelname = deel van de klas dat de "
              "vragen over klasgenoten beantwoordde (onder 60%: voorzichtig interpreteren).",
        "en": "Click a column header to sort. Participation = share of the class that "
              "answered the questions about classmates (below 60%: interpret with care).",
    },
    "school.col.participation": {"nl": "Deelname %", "en": "Participation %"},
    "school.col.double": {"nl": "Dubbel risico", "en": "Double risk"},
    "school.col.teacher_risk": {"nl": "Risico leerkracht", "en": "Teacher risk"},
    "school.col.peer_risk": {"nl": "Risico klasgenoten", "en": "Peer risk"},
    "school.col.reasons": {"nl": "Redenen", "en": "Reasons"},
    "school.attention": {"nl": "Kinderen die aandacht vragen (laatste meting per klas)",
                         "en": "Children who need attention (latest wave per class)"},
    "school.attention_help": {
        "nl": "Kies een naam en tik op Open profiel om het profiel te openen.",
        "en": "Choose a name and tap Open profile to open the profile.",
    },
    "school.none_flagged": {"nl": "Geen kinderen met dubbel risico.",
                            "en": "No children at double risk."},
}
