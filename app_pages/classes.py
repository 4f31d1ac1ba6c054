"""A class: its pupils (with consent) and its waves. Teachers see their own classes,
counsellors every class of their school."""

import pandas as pd
import streamlit as st

from survey.overview import class_summaries
from survey.text import plain
from survey.views import class_roster
from ui.core import db, require_class, require_role, tr, visible_classes_or_stop
from ui.navigation import class_picker
from ui.tables import waves_table


def main() -> None:
    user = require_role("teacher", "counsellor")
    st.title(tr("page.classes"))

    names = visible_classes_or_stop(user)
    class_id = class_picker(tr("classes.choose"), {i: plain(n) for i, n in names.items()},
                            key="class_id")
    require_class(user, class_id)

    with db() as session:
        summary = class_summaries(session, [class_id], actor=user)[0]
        pupils = class_roster(session, class_id, actor=user).active
    table = pd.DataFrame(
        [
            {
                tr("col.name"): plain(p.full_name),
                tr("col.gender"): tr(f"gender.{p.gender}"),
                tr("col.birth_date"): p.birth_date,
                tr("col.consent"): tr(f"consent.{p.consent}"),
            }
            for p in pupils
        ]
    )

    st.subheader(tr("classes.waves"))
    st.dataframe(waves_table(summary), hide_index=True, width="stretch")
    st.subheader(tr("classes.pupils"))
    st.caption(tr("classes.taking_part", n=summary.taking_part, excluded=summary.excluded))
    st.dataframe(table, hide_index=True, width="stretch")


main()
