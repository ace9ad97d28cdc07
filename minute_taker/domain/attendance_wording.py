"""How an attendance list names a member of a joint committee with the body they sit for.

Members of a joint panel represent councils, and published minutes say which:
"Cllr Ann Hart (Shropshire Council)", and for a named substitute "Cllr Tony Miller for
Cllr Stephen Mackay (Worcestershire County Council)". Pure wording, shared by the
exports and anything else that lists the attendance.
"""

from __future__ import annotations

from minute_taker.domain.attendance_notes import substitution_sentence


def with_organisation(name: str, organisation: str | None) -> str:
    """"Cllr Ann Hart (Shropshire Council)", or the name alone when there is no body."""
    organisation = (organisation or "").strip()
    return f"{name} ({organisation})" if organisation else name


def listed_organisation(*, typed_capacity: str | None, own: str | None,
                        represented: str | None = None, capacity_shown: str = "") -> str:
    """The body a member or substitute is listed with: the person's own, else (for a
    substitute) that of the member they sit for; none when a capacity was typed for the
    meeting (before organisations existed the council went there, and the list prints
    the capacity instead), or when the capacity shown names the body already."""
    if (typed_capacity or "").strip():
        return ""
    found = (own or "").strip() or (represented or "").strip()
    return "" if found and found.casefold() in capacity_shown.casefold() else found


def substitute_listing(substitute: str, member: str, organisation: str | None = None) -> str:
    """"Cllr Tony Miller for Cllr Stephen Mackay (Worcestershire County Council)": the
    substitution as the named-substitutes list words it, then the council both sit for."""
    return with_organisation(substitution_sentence(substitute, member), organisation)
