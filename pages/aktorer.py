"""Aktörer: every actor, how many insatser it leads and takes part in, its insatser, and actors × cores."""

import streamlit as st

from components.aktorer import actor_matrix
from components.aktorer.actor_filters import filter_bar, option_labels
from components.aktorer.actor_view import pick_actor, show_actor, show_actor_table, show_empty
from components.common.format import number
from components.common.store import run

st.title("Aktörer")
st.markdown(
    "Alla organisationer som färdplanerna, RUFS-uppföljningens insatslista och de historiska planerna "
    "nämner, och hur många insatser var och en är ansvarig för och medverkar i. Filtren sparas i "
    "adressen, så en länk visar samma urval."
)

labels = option_labels()
chosen = filter_bar(labels)
found = run("actors_filtered", **chosen.actor_params())

if found.empty:
    show_empty(chosen, labels)
else:
    st.caption(
        f"{number(len(found))} aktörer med insatser i urvalet ({chosen.describe_md(labels)}). Markera en "
        "rad för att se aktörens insatser."
    )
    show_actor_table(found, chosen.plan_types)

actor = pick_actor(found, labels["actor"])
if actor:
    show_actor(actor, chosen, labels)

if not found.empty:
    st.subheader("Aktörer och kärnor", anchor=False)
    exclude_shared = st.toggle(
        "Räkna bara kärnspecifika och kärnkopplade insatser",
        key="aktorer_utan_gemensamma",
        help="De gemensamma insatserna gäller alla åtta kärnor och gör Region Stockholm och kärnkommunerna "
        "stora överallt. Slå på för att se det som skiljer kärnorna åt.",
    )
    actor_matrix.show(chosen, exclude_shared)
