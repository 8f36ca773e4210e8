"""Tillgänglighetsredogörelse: how the tool meets WCAG 2.1 AA, what is known not to, how to report."""

import streamlit as st

st.title("Tillgänglighetsredogörelse")
st.markdown("""
Färdplansdialogen ska gå att använda för alla, enligt lagen om tillgänglighet till digital offentlig
service (DOS-lagen), som hänvisar till standarden WCAG 2.1 nivå AA.

### Så testas verktyget
Varje sida kontrolleras automatiskt med axe-core (WCAG 2.1 A och AA) i en riktig webbläsare vid varje
ändring av koden; ingen sida får ha allvarliga eller kritiska fynd. Sidans språk är angivet som svenska.
Automatiska test hittar ungefär en tredjedel av alla problem; manuell granskning med skärmläsare har
inte gjorts ännu.

De viktigaste uppgifterna testas också automatiskt med bara tangentbordet (Tabb, Skift+Tabb,
piltangenter, Enter, Mellanslag och skrift): byta sida i menyn, välja kärna och målområde, jämföra
kärnor, öppna en insats eller en aktör, skapa en dialog, lägga till och redigera prioriteringar och
deltagare, spara, besluta, flytta prioriteringar i mötesläget och ladda ner filer. Testerna kontrollerar
också att fokus syns tydligt där det hamnar (minst 3:1 i kontrast mot hur det ser ut utan fokus).

### Kända brister
- **Tabeller** ritas på en canvas. Innehållet finns i en dold tabell för skärmläsare och kan laddas ner
  som Excel eller CSV, men navigering cell för cell med tangentbord fungerar olika i olika skärmläsare.
  Med tangentbordet når man tabellen med Tabb och flyttar mellan cellerna med piltangenterna.
- **Att markera en rad** i en tabell (Insatser, Aktörer) görs med tangentbordet med Skift+Mellanslag,
  vilket inte står på sidan. Därför finns listorna «Visa insats» och «Välj aktör» under tabellerna;
  de gör samma sak.
- **Tabeller som går att redigera** (Dialoger: prioriteringar och deltagare): Enter öppnar cellen,
  Enter eller Tabb behåller ändringen, Mellanslag kryssar i «Ta bort», och Enter på den tomma sista
  raden lägger till en deltagare. En ändrad rang sorterar om listan först när den har sparats.
- **Kartor** (pydeck) har en alternativtext som skärmläsare läser upp (kärnorna, deras status,
  kommuner och stationer), men själva kartan kan inte utforskas med skärmläsare. Samma uppgifter finns
  i text och tabell bredvid kartan.
- **Diagram** (Plotly) har rubrik, enheter, källa och en alternativtext som beskriver vad diagrammet
  visar och de viktigaste värdena. Alla siffror finns i en tabell under "Visa som tabell"; punkterna i
  diagrammet kan inte nås en och en med tangentbord eller skärmläsare.
- **Kartornas och diagrammens verktygstips** (det som visas när muspekaren hålls över en punkt eller
  stapel) går inte att nå med tangentbordet. Samma uppgifter finns i tabellerna.
- **Fokus efter en knapp:** när en knapp blir inaktiv av att den används («Spara» när allt är sparat,
  «Lägg till», «Upp» för den översta prioriteringen) lämnar tangentbordsfokus knappen; nästa Tabb
  fortsätter från samma ställe på sidan.
- **Engelska etiketter:** flera av Streamlits egna knappar och etiketter är på engelska, till exempel
  «Skip to main content», tabellernas «Download as CSV» och hjälpknapparnas «Help for …».
- **Mötesläget** döljer sidomenyn för att ge plats åt stor text; navigera tillbaka med webbläsarens
  bakåtknapp eller adressen.
- **Exporterade dokument** (Word, PDF) har rubriker och tabeller, men PDF-filerna är inte taggade för
  skärmläsare. Word-filen är den tillgängliga versionen.
- Streamlit anger sidans språk som engelska tills sidan har laddats; verktyget rättar det direkt.
- En adress som inte finns ger Streamlits engelska ruta "Page not found" och visar startsidan. En fil
  större än 60 MB stoppas av Streamlit med ett engelskt meddelande (verktyget tar emot högst 5 MB och
  säger det på svenska för filer upp till 60 MB).

### Rapportera brister
Upptäcker du något som inte fungerar, eller behöver du innehåll i ett annat format? Kontakta
regionledningskontoret, Region Stockholm: registrator.rlk@regionstockholm.se (adressen i färdplanen
för Södertälje stadskärna). Ange sidan, vad du försökte göra och vilket hjälpmedel du använder.

Är du inte nöjd med svaret kan du anmäla det till Myndigheten för digital förvaltning (DIGG), som
är tillsynsmyndighet för lagen.
""")
st.caption("Redogörelsen uppdaterades 2026-11-23.")
