"""Texts of the exports: the pupil-profile PDF, the workbook's codebook and method sheet."""

MESSAGES: dict[str, dict[str, str]] = {
    # pupil-profile PDF (analysis.exports.profile_pdf)
    "pdf.title": {
        "nl": "Leerlingprofiel voor het zorgoverleg",
        "en": "Pupil profile for the care-team meeting",
    },
    "pdf.meta": {
        "nl": "{class_name} · meting {wave} · gemaakt op {date}",
        "en": "{class_name} · wave {wave} · made on {date}",
    },
    "pdf.screening": {
        "nl": "Signalen om het gesprek te openen, geen diagnoses of labels. Vertrouwelijk: "
              "alleen voor het zorgoverleg.",
        "en": "Indications to start a conversation, not diagnoses or labels. Confidential: for "
              "the care-team meeting only.",
    },
    "pdf.double_yes": {"nl": "DUBBEL RISICO", "en": "DOUBLE RISK"},
    "pdf.double_no": {"nl": "Geen dubbel risico", "en": "No double risk"},
    "pdf.reasons": {"nl": "Redenen", "en": "Reasons"},
    "pdf.teacher": {"nl": "Leerkracht", "en": "Teacher"},
    "pdf.child": {"nl": "Kind", "en": "Child"},
    "pdf.peers": {"nl": "Klasgenoten", "en": "Classmates"},
    "pdf.profile": {"nl": "Profiel: {p}", "en": "Profile: {p}"},
    "pdf.no_data": {"nl": "geen gegevens", "en": "no data"},
    "pdf.chosen": {"nl": "Gekozen door {n} van {of}", "en": "Chosen by {n} of {of}"},
    "pdf.least": {"nl": "'Minst leuk': {n} van {of}", "en": "'Like least': {n} of {of}"},
    "pdf.status": {"nl": "Status: {s}", "en": "Status: {s}"},
    "pdf.sp": {"nl": "Sociale voorkeur: {v}", "en": "Social preference: {v}"},
    "pdf.mutual": {"nl": "Wederzijds: {n}", "en": "Mutual: {n}"},
    "pdf.t_likes": {"nl": "Juf/meester vindt leuk: {n}", "en": "Teacher likes: {n}"},
    "pdf.t_angry": {"nl": "Juf/meester vaak boos: {n}", "en": "Teacher often angry: {n}"},
    "pdf.agreement": {"nl": "Leerkracht en kind vergeleken", "en": "Teacher and child compared"},
    "pdf.change": {"nl": "Verandering sinds {wave}", "en": "Change since {wave}"},
    "pdf.reliable": {"nl": "betrouwbaar", "en": "reliable"},
    "pdf.map": {
        "nl": "Plaats in de klas (vriendschapskeuzes)",
        "en": "Place in the class (friendship choices)",
    },
    "pdf.care": {"nl": "Zorgoverleg", "en": "Care-team meeting"},
    "pdf.three_words": {
        "nl": "Drie woorden over de relatie",
        "en": "Three words about the relationship",
    },
    "pdf.moment_clicked": {"nl": "Een moment dat het klikte", "en": "A moment when it clicked"},
    "pdf.moment_not_clicked": {
        "nl": "Een moment dat het niet klikte",
        "en": "A moment when it did not click",
    },
    "pdf.work_question": {"nl": "Werkvraag", "en": "Work question"},
    "pdf.target_behaviour": {"nl": "Doelgedrag", "en": "Target behaviour"},
    "pdf.notes": {"nl": "Notities", "en": "Notes"},
    "pdf.reference": {
        "nl": "Percentielen t.o.v. {ref}. Profiel: hoog = P75+, laag = P25-.",
        "en": "Percentiles against {ref}. Profile: high = P75+, low = P25-.",
    },
    "pdf.ref.class": {"nl": "deze klas", "en": "this class"},
    "pdf.ref.wave": {"nl": "alle klassen van deze meting", "en": "all classes of this wave"},
    "pdf.ref.norms": {"nl": "de normgroep van de ingelezen normtabel",
                      "en": "the norm group of the imported norm table"},
    "pdf.agree.agree": {"nl": "ongeveer gelijk", "en": "about the same"},
    "pdf.agree.teacher_more_positive": {
        "nl": "leerkracht positiever",
        "en": "teacher more positive",
    },
    "pdf.agree.child_more_positive": {"nl": "kind positiever", "en": "child more positive"},
    "pdf.page": {"nl": "Klaskaart · pagina {n}", "en": "Klaskaart · page {n}"},
    "pdf.legend": {
        "nl": "Alleen dit kind heeft een naam. Vorm = relatieprofiel leerkracht (driehoek = conflict: zwart alleen conflict, "
              "wit nabij én conflict); ring = dubbel risico; groter = vaker gekozen.",
        "en": "Only this child is named. Shape = teacher's relationship profile (triangle = conflict: black conflict "
              "only, white close and conflictual); ring = double risk; larger = chosen more "
              "often.",
    },
    # peer status groups as printed
    "status.popular": {"nl": "populair", "en": "popular"},
    "status.rejected": {"nl": "afgewezen", "en": "rejected"},
    "status.neglected": {"nl": "genegeerd", "en": "neglected"},
    "status.controversial": {"nl": "controversieel", "en": "controversial"},
    "status.average": {"nl": "gemiddeld", "en": "average"},
    "status.unclassified": {"nl": "niet ingedeeld", "en": "unclassified"},
    # workbook codebook: one description per column
    "codebook.class": {"nl": "klasnaam", "en": "class name"},
    "codebook.wave": {"nl": "naam van de meting", "en": "wave (measurement occasion) name"},
    "codebook.wave_id": {"nl": "id van de meting", "en": "wave id"},
    "codebook.class_id": {"nl": "id van de klas", "en": "class id"},
    "codebook.pupil_id": {"nl": "id van de leerling (database)", "en": "pupil id (database)"},
    "codebook.first_name": {"nl": "voornaam", "en": "first name"},
    "codebook.tussenvoegsel": {"nl": "tussenvoegsel", "en": "tussenvoegsel"},
    "codebook.last_name": {"nl": "achternaam", "en": "last name"},
    "codebook.gender": {"nl": "geslacht (jongen/meisje/anders)", "en": "gender (boy/girl/other)"},
    "codebook.present": {"nl": "aanwezig bij deze meting", "en": "present in this wave"},
    "codebook.lm_received": {
        "nl": "aantal keer gekozen als 'meest leuk'",
        "en": "liked-most nominations received",
    },
    "codebook.ll_received": {
        "nl": "aantal keer gekozen als 'minst leuk'",
        "en": "liked-least nominations received",
    },
    "codebook.lm_nominators": {
        "nl": "klasgenoten die de vraag 'meest leuk' beantwoordden (zonder zichzelf)",
        "en": "classmates who answered the liked-most question (minus self)",
    },
    "codebook.ll_nominators": {
        "nl": "klasgenoten die de vraag 'minst leuk' beantwoordden",
        "en": "classmates who answered the liked-least question (minus self)",
    },
    "codebook.lm_prop": {
        "nl": "gekozen 'meest leuk' ÷ nominatoren (acceptatie)",
        "en": "liked-most received ÷ nominators (acceptance)",
    },
    "codebook.ll_prop": {
        "nl": "gekozen 'minst leuk' ÷ nominatoren (afwijzing)",
        "en": "liked-least received ÷ nominators (rejection)",
    },
    "codebook.z_lm": {
        "nl": "lm_prop gestandaardiseerd binnen de klas",
        "en": "lm_prop standardised within class",
    },
    "codebook.z_ll": {
        "nl": "ll_prop gestandaardiseerd binnen de klas",
        "en": "ll_prop standardised within class",
    },
    "codebook.social_preference": {
        "nl": "zLM − zLL, opnieuw gestandaardiseerd (Coie e.a. 1982)",
        "en": "zLM − zLL, standardised again (Coie, Dodge & Coppotelli 1982)",
    },
    "codebook.social_impact": {
        "nl": "zLM + zLL, opnieuw gestandaardiseerd",
        "en": "zLM + zLL, standardised again",
    },
    "codebook.status_cd": {
        "nl": "statusgroep (Coie, Dodge & Coppotelli 1982)",
        "en": "status group (Coie, Dodge & Coppotelli 1982)",
    },
    "codebook.status_nb": {
        "nl": "statusgroep (Newcomb & Bukowski 1983, kansmethode)",
        "en": "status group (Newcomb & Bukowski 1983 probability method)",
    },
    "codebook.participation_rate": {
        "nl": "deel van de klas dat de vragen over klasgenoten beantwoordde",
        "en": "share of the class that answered the peer questions",
    },
    "codebook.teacher_likes_share": {
        "nl": "deel van de klasgenoten dat zegt dat de juf/meester het kind heel leuk vindt",
        "en": "share of classmates saying the teacher likes the child",
    },
    "codebook.teacher_angry_share": {
        "nl": "deel van de klasgenoten dat zegt dat de juf/meester vaak boos wordt op het kind",
        "en": "share of classmates saying the teacher is often angry with the child",
    },
    "codebook.net_in_degree": {
        "nl": "ontvangen keuzes (netwerk)",
        "en": "liked-most ties received (network)",
    },
    "codebook.net_out_degree": {"nl": "gegeven keuzes", "en": "liked-most ties given"},
    "codebook.net_mutual": {"nl": "wederzijdse keuzes", "en": "mutual liked-most ties"},
    "codebook.net_isolate": {"nl": "geen keuzes gegeven of ontvangen", "en": "no ties in or out"},
    "codebook.net_community": {
        "nl": "vriendengroep (Louvain-gemeenschap)",
        "en": "friendship group (Louvain community number)",
    },
    "codebook.teacher_profile": {
        "nl": "relatieprofiel volgens de leerkracht (zie blad method)",
        "en": "relationship profile, teacher's view (see method sheet)",
    },
    "codebook.child_profile": {
        "nl": "relatieprofiel volgens het kind (zelfde regel)",
        "en": "relationship profile, child's view (same rule)",
    },
    "codebook.teacher_risk": {
        "nl": "risico leerkracht: conflict ≥ P75 of nabijheid ≤ P25",
        "en": "teacher risk: conflict ≥ P75 or closeness ≤ P25",
    },
    "codebook.peer_risk": {
        "nl": "risico klasgenoten: sociale voorkeur ≤ −1 of afgewezen",
        "en": "peer risk: social preference ≤ −1 or rejected",
    },
    "codebook.double_risk": {
        "nl": "risico leerkracht ÉN klasgenoten (signaal, geen diagnose)",
        "en": "teacher risk AND peer risk (screening indication, not a diagnosis)",
    },
    "codebook.teacher_data": {
        "nl": "oordeel leerkracht aanwezig",
        "en": "teacher ratings available",
    },
    "codebook.peer_data": {"nl": "gegevens klasgenoten aanwezig", "en": "peer data available"},
    "codebook.reasons": {
        "nl": "redenen, in gewone woorden",
        "en": "reasons for the flags, in plain words",
    },
    "codebook.child_view": {
        "nl": "eigen kijk van het kind",
        "en": "the child's own view (percentiles)",
    },
    "codebook.rater_id": {"nl": "id van de leerling die antwoordde (rij)",
                          "en": "id of the pupil who answered (row)"},
    "codebook.rater": {"nl": "leerling die antwoordde (rij)", "en": "pupil who answered (row)"},
    "codebook.nobody": {"nl": "1 = koos 'niemand'", "en": "1 = chose 'nobody'"},
    # class workbook (analysis.exports.class_workbook): column headers and words of the
    # interface language; the codebook gives each header its stable code
    "xls.col.class": {"nl": 'klas', "en": 'class'},
    "xls.col.wave": {"nl": 'meting', "en": 'wave'},
    "xls.col.wave_id": {"nl": 'meting-id', "en": 'wave id'},
    "xls.col.class_id": {"nl": 'klas-id', "en": 'class id'},
    "xls.col.pupil_id": {"nl": 'leerling-id', "en": 'pupil id'},
    "xls.col.first_name": {"nl": 'voornaam', "en": 'first name'},
    "xls.col.tussenvoegsel": {"nl": 'tussenvoegsel', "en": 'prefix'},
    "xls.col.last_name": {"nl": 'achternaam', "en": 'last name'},
    "xls.col.gender": {"nl": 'geslacht', "en": 'gender'},
    "xls.col.present": {"nl": 'aanwezig', "en": 'present'},
    "xls.col.teacher_profile": {"nl": 'relatieprofiel leerkracht', "en": 'relationship profile (teacher)'},
    "xls.col.child_profile": {"nl": 'relatieprofiel kind', "en": 'relationship profile (child)'},
    "xls.col.teacher_risk": {"nl": 'risico leerkracht', "en": 'teacher risk'},
    "xls.col.peer_risk": {"nl": 'risico klasgenoten', "en": 'peer risk'},
    "xls.col.double_risk": {"nl": 'dubbel risico', "en": 'double risk'},
    "xls.col.reasons": {"nl": 'redenen', "en": 'reasons'},
    "xls.col.lm_received": {"nl": "gekozen 'meest leuk'", "en": 'liked most received'},
    "xls.col.ll_received": {"nl": "gekozen 'minst leuk'", "en": 'liked least received'},
    "xls.col.lm_nominators": {"nl": "kiezers 'meest leuk'", "en": 'liked most nominators'},
    "xls.col.ll_nominators": {"nl": "kiezers 'minst leuk'", "en": 'liked least nominators'},
    "xls.col.lm_prop": {"nl": 'acceptatie', "en": 'acceptance'},
    "xls.col.ll_prop": {"nl": 'afwijzing', "en": 'rejection'},
    "xls.col.z_lm": {"nl": 'acceptatie (z)', "en": 'acceptance (z)'},
    "xls.col.z_ll": {"nl": 'afwijzing (z)', "en": 'rejection (z)'},
    "xls.col.social_preference": {"nl": 'sociale voorkeur', "en": 'social preference'},
    "xls.col.social_impact": {"nl": 'sociale impact', "en": 'social impact'},
    "xls.col.status_cd": {"nl": 'statusgroep (Coie)', "en": 'status group (Coie)'},
    "xls.col.status_nb": {"nl": 'statusgroep (Newcomb-Bukowski)', "en": 'status group (Newcomb-Bukowski)'},
    "xls.col.nb_p_lm_high": {"nl": "kans veel 'meest leuk'", "en": 'p many liked most'},
    "xls.col.nb_p_ll_high": {"nl": "kans veel 'minst leuk'", "en": 'p many liked least'},
    "xls.col.nb_p_impact_low": {"nl": 'kans weinig keuzes', "en": 'p few choices'},
    "xls.col.participation_rate": {"nl": 'deelname klas', "en": 'class participation'},
    "xls.col.low_participation": {"nl": 'lage deelname', "en": 'low participation'},
    "xls.col.teacher_likes_share": {"nl": 'juf/meester vindt leuk (deel)', "en": 'teacher likes (share)'},
    "xls.col.teacher_angry_share": {"nl": 'juf/meester vaak boos (deel)', "en": 'teacher often angry (share)'},
    "xls.col.net_in_degree": {"nl": 'ontvangen keuzes', "en": 'ties received'},
    "xls.col.net_out_degree": {"nl": 'gegeven keuzes', "en": 'ties given'},
    "xls.col.net_mutual": {"nl": 'wederzijdse keuzes', "en": 'mutual ties'},
    "xls.col.net_isolate": {"nl": 'geïsoleerd', "en": 'isolate'},
    "xls.col.net_community": {"nl": 'vriendengroep', "en": 'friendship group'},
    "xls.col.teacher_data": {"nl": 'oordeel leerkracht aanwezig', "en": 'teacher ratings available'},
    "xls.col.peer_data": {"nl": 'gegevens klasgenoten aanwezig', "en": 'peer data available'},
    "xls.col.child_view": {"nl": 'eigen kijk kind', "en": "child's own view"},
    "xls.col.rater_id": {"nl": 'leerling-id (rij)', "en": 'pupil id (row)'},
    "xls.col.rater": {"nl": 'leerling', "en": 'pupil'},
    "xls.col.nobody": {"nl": 'koos niemand', "en": 'chose nobody'},
    "xls.col.scale": {"nl": "{informant}: {dimension}", "en": "{informant}: {dimension}"},
    "xls.col.scale_pct": {"nl": "{informant}: {dimension} (percentiel)",
                          "en": "{informant}: {dimension} (percentile)"},
    "xls.col.agreement": {"nl": "overeenstemming: {dimension}", "en": "agreement: {dimension}"},
    "xls.who.teacher": {"nl": "leerkracht", "en": "teacher"},
    "xls.who.child": {"nl": "kind", "en": "child"},
    "xls.codebook.header": {"nl": "kolom", "en": "column"},
    "xls.codebook.code": {"nl": "code", "en": "code"},
    "xls.codebook.description": {"nl": "beschrijving", "en": "description"},
    "xls.method.setting": {"nl": "instelling", "en": "setting"},
    "xls.method.value": {"nl": "waarde", "en": "value"},
    "xls.sheet.pupils": {"nl": "leerlingen", "en": "pupils"},
    "xls.sheet.codebook": {"nl": "codeboek", "en": "codebook"},
    "xls.sheet.method": {"nl": "methode", "en": "method"},
    "xls.yes": {"nl": "ja", "en": "yes"},
    "xls.no": {"nl": "nee", "en": "no"},
    # workbook codebook: descriptions built from parts (analysis.exports._describe)
    "xls.informant.teacher": {"nl": "oordeel leerkracht", "en": "teacher rating"},
    "xls.informant.child": {"nl": "antwoord kind", "en": "child report"},
    "xls.scale": {
        "nl": "{informant}: {dimension} (gemiddelde van de beantwoorde items)",
        "en": "{informant}: {dimension} (mean of answered items)",
    },
    "xls.scale_pct": {
        "nl": "{informant}: {dimension}, percentiel in de referentiegroep",
        "en": "{informant}: {dimension}, percentile in the reference group",
    },
    "xls.agreement": {
        "nl": "overeenstemming leerkracht–kind: {dimension}",
        "en": "teacher–child agreement category: {dimension}",
    },
    "xls.nb_p": {"nl": "Newcomb–Bukowski overschrijdingskans",
                      "en": "Newcomb–Bukowski tail probability"},
    "xls.low_participation": {"nl": "deelname onder {pct}%", "en": "participation below {pct}%"},
    # workbook method sheet: the values that are words (the setting names stay identifiers)
    "method.screening_note": {"nl": "Signalen voor een gesprek, geen diagnoses.",
                              "en": "Screening indications for a conversation, not diagnoses."},
    "method.scale_score": {
        "nl": "gemiddelde van de beantwoorde items; ontbreekt als minder dan {min} van de items "
              "beantwoord is",
        "en": "mean of answered items; missing below {min} of the items answered",
    },
    "method.reference_group": {
        "nl": "de normtabel als die is ingelezen, anders alle leerlingen van de meting, anders de "
              "klas (per rij bij de scores)",
        "en": "norms when imported, else all pupils of the wave, else the class (per row in the "
              "scores)",
    },
    "method.percentiles": {"nl": "mid-rank-percentielen in de referentiegroep",
                           "en": "mid-rank percentiles in the reference group"},
    "method.relationship_profile": {
        "nl": "hoog = P{high}+, laag = P{low}-; close_conflictual = conflict hoog en nabijheid > "
              "P50; conflictual = conflict hoog; dependent = afhankelijkheid hoog; distant = "
              "nabijheid laag; close = nabijheid hoog; anders average",
        "en": "high = P{high}+, low = P{low}-; close_conflictual = conflict high and closeness > "
              "P50; conflictual = conflict high; dependent = dependency high; distant = closeness "
              "low; close = closeness high; else average",
    },
}
