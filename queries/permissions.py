"""Who may do what. A Person is the signed-in user (or the local user when sign-in is off) with roles.
No Streamlit here: the store checks these rules on every write, whatever the page showed.

Roles: läsare (everyone), handläggare (prepares dialogues), beslutsfattare for a side (region, or the
kommun of one core: "beslutsfattare:region", "beslutsfattare:kommun:<core id>" or "beslutsfattare:kommun:*"),
administratör (imports, restores, roles; also prepares). Read-only mode grants no one any write.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from queries.store_file import ReadOnlyStore, UserStoreError, read_only_mode

PREPARE, CONFIRM, IMPORT, RESTORE, ROLES = "prepare", "confirm", "import", "restore", "roles"
HANDLAGGARE, ADMIN, READER = "handläggare", "administratör", "läsare"
ROLE_NAMES = {
    READER: "läsare",
    HANDLAGGARE: "handläggare",
    ADMIN: "administratör",
    "beslutsfattare:region": "beslutsfattare för regionen",
}
LOCAL_NAME = "lokal användare"
ACTION_TEXT = {
    PREPARE: "förbereda dialoger (rollen handläggare)",
    IMPORT: "läsa in data (rollen administratör)",
    RESTORE: "återställa versioner (rollen administratör)",
    ROLES: "ändra roller (rollen administratör)",
}


class PermissionDenied(UserStoreError):
    """A Swedish message: who tried what, and which role it takes."""


@dataclass(frozen=True)
class Person:
    name: str
    sub: str = ""
    email: str = ""
    roles: frozenset[str] = field(default_factory=frozenset)
    local: bool = False

    @classmethod
    def local_user(cls, typed_name: str = "") -> Person:
        """Local mode (no sign-in configured): one person on their own computer, every role."""
        typed = " ".join((typed_name or "").split())[:100]
        name = f"{LOCAL_NAME} ({typed})" if typed else LOCAL_NAME
        return cls(
            name,
            "lokal",
            "",
            frozenset({HANDLAGGARE, ADMIN, "beslutsfattare:region", "beslutsfattare:kommun:*"}),
            local=True,
        )

    @classmethod
    def anonymous(cls) -> Person:
        return cls("inte inloggad", "", "", frozenset({READER}))

    def may(self, action: str, core_id: str | None = None) -> bool:
        if read_only_mode():
            return False
        if action == PREPARE:
            return bool(self.roles & {HANDLAGGARE, ADMIN})
        if action in (IMPORT, RESTORE, ROLES):
            return ADMIN in self.roles
        if action == CONFIRM:
            return bool(self.sides(core_id))
        return False

    def sides(self, core_id: str | None) -> list[str]:
        """The sides this person may confirm a decision for, for one core."""
        if read_only_mode():
            return []
        out = []
        if "beslutsfattare:region" in self.roles:
            out.append("region")
        if {"beslutsfattare:kommun:*", f"beslutsfattare:kommun:{core_id}"} & self.roles:
            out.append("kommun")
        return out

    def require(self, action: str, core_id: str | None = None) -> None:
        if not self.may(action, core_id):
            if read_only_mode():
                raise ReadOnlyStore("Appen körs i läsläge: inget kan sparas.")
            raise PermissionDenied(
                f"{self.name} får inte {ACTION_TEXT.get(action, action)}. Be en administratör "
                "om behörighet om du behöver den."
            )

    def require_side(self, side: str, core_id: str) -> None:
        if read_only_mode():
            raise ReadOnlyStore("Appen körs i läsläge: inget kan sparas.")
        if side not in self.sides(core_id):
            who = "regionen" if side == "region" else "kommunen"
            raise PermissionDenied(
                f"{self.name} får inte bekräfta beslutet för {who}: det kräver rollen "
                f"beslutsfattare för {who}{'' if side == 'region' else ' i kärnans kommun'}."
            )

    @property
    def role_text(self) -> str:
        names = []
        for role in sorted(self.roles):
            if role.startswith("beslutsfattare:kommun:"):
                core = role.rsplit(":", 1)[1]
                names.append("beslutsfattare för kommunen" + ("" if core == "*" else f" ({core})"))
            else:
                names.append(ROLE_NAMES.get(role, role))
        return ", ".join(names) or "läsare"


def roles_from_claims(claims: dict, claim: str, mapping: dict[str, list[str]]) -> frozenset[str]:
    """The roles a token's claim values map to (config [roles.map]); unknown values give none."""
    values = claims.get(claim) or []
    if isinstance(values, str):
        values = [values]
    roles = {READER}
    for value in values:
        roles.update(mapping.get(str(value), []))
    return frozenset(roles)
