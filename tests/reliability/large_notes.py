"""Minutes of a given size, shaped like real ones: short paragraphs, some bold words and
bulleted lists. Shared by the large-item tests, their child process and the benchmark."""

from __future__ import annotations

_SENTENCES = (
    "The chair welcomed members and noted that the meeting was quorate.",
    "The treasurer reported that the hall account stood at 4,210 pounds.",
    "Members discussed the quotation for roof repairs at some length.",
    "Concerns were raised about access to the car park during the summer.",
    "It was agreed that the secretary would write to the district council.",
    "The working group will circulate a revised draft before the next meeting.",
)


def notes_of_size(size: int) -> str:
    """Stored-subset HTML of about ``size`` bytes (never more), the same every time."""
    parts: list[str] = []
    total = 0
    block = 0
    while True:
        first = _SENTENCES[block % len(_SENTENCES)]
        second = _SENTENCES[(block * 5 + 1) % len(_SENTENCES)]
        if block % 5 == 4:
            part = (f"<ul><li>{first}</li><li><strong>Action:</strong> {second}</li>"
                    f"<li>Noted.</li></ul>")
        elif block % 3 == 0:
            part = f"<p><strong>Item {block}.</strong> {first} {second}</p>"
        else:
            part = f"<p>{first} {second}</p>"
        if total + len(part) > size:
            return "".join(parts)
        parts.append(part)
        total += len(part)
        block += 1
