"""A calendar file (.ics, RFC 5545) for the political talk: one all-day event on the meeting date.
Small enough to write by hand: CRLF line endings, TEXT values escaped, lines folded at 75 octets
without splitting a UTF-8 character. No Streamlit here."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from components.briefing.briefing_data import APP_NAME, clean_text

LIMIT = 75  # octets per line, CRLF not counted (RFC 5545 3.1)


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and newline escaped (RFC 5545 3.3.11)."""
    text = clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded at 75 octets: CRLF + a space before each continuation."""
    parts, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (LIMIT if not parts else LIMIT - 1):
            parts.append(current)
            current, size = "", 0
        current += ch
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def meeting_ics(
    core_name: str,
    period: str,
    meeting_date: date,
    dialogue_id: str,
    place: str = "",
    *,
    stamp: datetime | None = None,
    sequence: int = 0,
) -> bytes:
    """An all-day VEVENT on `meeting_date`; the UID follows the dialogue, so a new file for a moved
    meeting updates the same calendar entry (raise `sequence` for each new version)."""
    if not isinstance(meeting_date, date):
        raise ValueError("Mötet har inget datum: ange mötesdatum för dialogen först.")
    day = meeting_date.date() if isinstance(meeting_date, datetime) else meeting_date
    stamp = stamp or datetime.now(UTC)
    if stamp.tzinfo is not None:  # a naive stamp is UTC already, as the user store keeps times
        stamp = stamp.astimezone(UTC)
    summary = f"Politiskt samtal om färdplanen: {clean_text(core_name)}, {clean_text(period)}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Fardplansdialogen//Politiskt samtal//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(f'{dialogue_id}@fardplansdialogen')}",
        f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SEQUENCE:{int(sequence)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(f'Underlag och prioriteringar finns i {APP_NAME}.')}",
    ]
    if clean_text(place):
        lines.append(f"LOCATION:{escape_text(place)}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines).encode("utf-8")
