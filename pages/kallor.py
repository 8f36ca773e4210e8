"""Källor: every source, what it is, and what was loaded from it."""

import streamlit as st

from components.common.store import run
from components.history import history_view
from components.kallor import all_data
from components.kallor.sources_table import SUMMARY, bases_table, readings_table, source_details, sources_table

st.title("Källor")
st.markdown(
    "Allt i databasen kommer från dessa källor. Varje insats, färdriktning och siffra bär sin "
    "källa och det avsnitt eller den rad den hämtats ur. Det som ingen källa anger visas som "
    "*uppgift saknas*."
)
sources = run("sources_with_counts")
table = sources_table(sources)
st.dataframe(
    table[SUMMARY],
    hide_index=True,
    width="stretch",
    key="sources",
    column_config={  # together 810 px: every column in view at 1280 px
        "Källa": st.column_config.TextColumn(width=360),
        "Utgivare": st.column_config.TextColumn(width=200),
        "År": st.column_config.TextColumn(width=70),
        "Status": st.column_config.TextColumn(width=90),
        "Inlästa rader": st.column_config.NumberColumn(width=90),
    },
)
chosen = st.selectbox(
    "Om en källa: vad som lästes in, typ, fil och anmärkning",
    list(table["Källa"]),
    index=None,
    placeholder="Välj en källa",
    key="kalla_detalj",
)
if chosen:
    st.markdown(source_details(table.set_index("Källa", drop=False).loc[chosen].to_dict()))
info = run("build_info")
if len(info):
    st.caption(
        f"Databasen byggdes {info['built_at'].iloc[0]:%Y-%m-%d %H:%M} (UTC) från filerna i "
        "data/sources och data/curated. Kommunstatistiken kommer från SCB (öppna data, CC0) via "
        "de förråd som anges i data/sources/SOURCES.md."
    )

st.subheader("Så arbetade man förr: de äldre planerna", anchor=False)
history_view.show(
    run("history_facts_all"),
    "kallor-historik",
    "Verksamhetsplanerna för Flemingsberg 2009–2011 och Södertörnssamarbetet 2019: organisation, möten, "
    "finansiering, budget, regler och mål, med avsnittet de hämtats ur.",
)

st.subheader("Indikatorernas målområde och riktning: grund", anchor=False)
st.markdown(
    "Varför en RUFS-indikator står under ett av färdplanens målområden och om högre eller lägre värde är bättre: "
    "källans ord där delmålet anger det, annars en **redaktionell** bedömning, som visas som sådan."
)
st.dataframe(
    bases_table(run("indicator_bases")),
    hide_index=True,
    width="stretch",
    key="indikator_grund",
    column_config={"Motivering": st.column_config.TextColumn(width="large")},
)

st.subheader("Aktörernas namn: hur stavningarna lästs", anchor=False)
st.markdown(
    "Källorna skriver samma organisation på olika sätt, till exempel «Kommuner» och «Regionens kommuner». "
    "Insatserna behåller källans stavning; här står vilken organisation varje stavning räknas som på sidan "
    "Aktörer, i vilket dokument och avsnitt den står, och varför: källans ord, eller en **redaktionell** "
    "bedömning, som visas som sådan."
)
st.dataframe(
    readings_table(run("actor_readings")),
    hide_index=True,
    width="stretch",
    key="aktor_lasningar",
    column_config={
        "Skrivet i källan": st.column_config.TextColumn(width="medium"),
        "Motivering": st.column_config.TextColumn(width="large"),
    },
)

st.subheader("Ladda ner all data", anchor=False)
st.markdown(
    "Hela referensdatabasen för egna analyser: varje tabell med alla kolumner och källhänvisningar. "
    "Tabellerna och kolumnerna beskrivs i verktygets README (avsnittet *The store*)."
)
if len(info):
    all_data.downloads(info["built_at"].iloc[0], info["input_hash"].iloc[0])
