"""Words of the analysis: class-map labels and figure texts, double-risk reasons."""

MESSAGES: dict[str, dict[str, str]] = {
    # class map: profiles, dimensions, legend and hover texts (analysis.classmap)
    "label.close": {"nl": "nabij", "en": "close"},
    "label.conflictual": {"nl": "conflictueus", "en": "conflictual"},
    "label.close_conflictual": {"nl": "nabij én conflictueus", "en": "close and conflictual"},
    "label.dependent": {"nl": "afhankelijk", "en": "dependent"},
    "label.distant": {"nl": "afstandelijk", "en": "distant"},
    "label.average": {"nl": "gemiddeld", "en": "average"},
    "label.unknown": {"nl": "onbekend", "en": "unknown"},
    "label.closeness": {"nl": "nabijheid", "en": "closeness"},
    "label.conflict": {"nl": "conflict", "en": "conflict"},
    "label.dependency": {"nl": "afhankelijkheid", "en": "dependency"},
    "label.legend_fill": {
        "nl": "Vulling: kijk van de leerkracht",
        "en": "Fill: the teacher's view",
    },
    "label.legend_ring": {
        "nl": "Rand: eigen kijk van het kind",
        "en": "Ring: the child's own view",
    },
    "label.legend_risk": {
        "nl": "Dikke zwarte cirkel: dubbel risico",
        "en": "Thick black circle: double risk",
    },
    "label.legend_positive": {
        "nl": "Pijl: kiest als vriend(in)",
        "en": "Arrow: chooses as friend",
    },
    "label.legend_mutual": {"nl": "Dikke lijn: wederzijds", "en": "Thick line: mutual"},
    "label.legend_negative": {"nl": "Stippellijn: vindt minst leuk", "en": "Dashed: likes least"},
    "label.hover_teacher": {"nl": "Leerkracht", "en": "Teacher"},
    "label.hover_child": {"nl": "Kind", "en": "Child"},
    "label.hover_accepted": {
        "nl": "Gekozen door {n} van {of} klasgenoten",
        "en": "Chosen by {n} of {of} classmates",
    },
    "label.hover_risk": {"nl": "Dubbel risico", "en": "Double risk"},
    "label.hover_teacher_layer": {
        "nl": "Klasgenoten: juf/meester vindt leuk {likes}, wordt vaak boos {angry}",
        "en": "Classmates: teacher likes {likes}, often angry {angry}",
    },
    "label.hover_absent": {"nl": "afwezig bij deze meting", "en": "absent in this wave"},
    "label.percentile": {"nl": "P{value}", "en": "P{value}"},
    # double-risk reasons (analysis.risk)
    "risk.conflict_high": {
        "nl": "conflict met de leerkracht op percentiel {pct} ({cut}; referentiegroep: {ref})",
        "en": "conflict with the teacher at percentile {pct} ({cut}; reference group: {ref})",
    },
    "risk.closeness_low": {
        "nl": "nabijheid met de leerkracht op percentiel {pct} ({cut}; referentiegroep: {ref})",
        "en": "closeness with the teacher at percentile {pct} ({cut}; reference group: {ref})",
    },
    "risk.cut_top_quarter": {"nl": "hoogste kwart", "en": "top quarter"},
    "risk.cut_bottom_quarter": {"nl": "laagste kwart", "en": "bottom quarter"},
    "risk.cut_at_or_above": {"nl": "P{value} of hoger", "en": "P{value} or higher"},
    "risk.cut_at_or_below": {"nl": "P{value} of lager", "en": "P{value} or lower"},
    "risk.ref_norms": {
        "nl": "de normgroep van de ingelezen normtabel",
        "en": "the norm group of the imported norm table",
    },
    "risk.ref_wave": {
        "nl": "alle klassen van deze meting, {n} leerlingen met een score",
        "en": "all classes of this wave, {n} pupils with a score",
    },
    "risk.ref_wave_classes": {
        "nl": "de {k} klassen van deze meting ({classes}), {n} leerlingen met een score",
        "en": "the {k} classes of this wave ({classes}), {n} pupils with a score",
    },
    "risk.ref_class": {
        "nl": "deze klas, {n} leerlingen met een score",
        "en": "this class, {n} pupils with a score",
    },
    "risk.no_teacher_ratings": {
        "nl": "geen beoordeling door de leerkracht",
        "en": "no teacher ratings",
    },
    "risk.no_teacher_dimension": {
        "nl": "geen {dimension}score van de leerkracht (te weinig items beantwoord)",
        "en": "no teacher {dimension} score (too few items answered)",
    },
    "risk.social_preference_low": {
        "nl": "sociale voorkeur {value} ({cut} of lager)",
        "en": "social preference {value} (at or below {cut})",
    },
    "risk.status": {"nl": "statusgroep: {status}", "en": "status group: {status}"},
    "risk.too_few_nominators": {
        "nl": "te weinig klasgenoten nomineerden",
        "en": "too few nominators",
    },
    "risk.low_participation": {
        "nl": "slechts {pct}% van de klasgenoten deed mee (minder dan {min}%): voorzichtig "
              "interpreteren",
        "en": "only {pct}% of classmates took part (below {min}%): interpret with care",
    },
    "risk.child_view": {
        "nl": "eigen kijk van het kind: nabijheid percentiel {closeness}, conflict percentiel "
              "{conflict}",
        "en": "the child's own view: closeness percentile {closeness}, conflict percentile "
              "{conflict}",
    },
    "risk.dim_closeness": {"nl": "nabijheids", "en": "closeness"},
    "risk.dim_conflict": {"nl": "conflict", "en": "conflict"},
    "risk.status_popular": {"nl": "populair", "en": "popular"},
    "risk.status_rejected": {"nl": "afgewezen", "en": "rejected"},
    "risk.status_neglected": {"nl": "genegeerd", "en": "neglected"},
    "risk.status_controversial": {"nl": "controversieel", "en": "controversial"},
    "risk.status_average": {"nl": "gemiddeld", "en": "average"},
    "risk.unknown": {"nl": "onbekend", "en": "unknown"},
}
