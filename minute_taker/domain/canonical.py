"""The canonical form of a meeting's minutes, and its SHA-256 digest.

An approval records the digest of exactly what was approved. The digest must be
the same on every run, platform and Python version, and must change with any
edit to what the minutes say, so the content is reduced to JSON built only of
strings, integers, booleans, null, lists and objects, written with sorted keys,
no insignificant whitespace, UTF-8 and NFC-normalised text with ``\\n`` line
ends. Floats are refused (their text form is not stable) and so is any type
this module does not know.

The digest is prefixed with the canonical form's version so a later format can
never be confused with this one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

CANONICAL_VERSION = 1
_PREFIX = f"minute-taker canonical minutes v{CANONICAL_VERSION}\n".encode()


def normalise(value: Any) -> Any:
    """``value`` as the plain JSON types the canonical form is built of."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, Mapping):
        return {str(key): normalise(item) for key, item in value.items()}
    if isinstance(value, Sequence):
        return [normalise(item) for item in value]
    raise TypeError(f"{type(value).__name__} has no canonical form")


def canonical_bytes(content: Mapping[str, Any]) -> bytes:
    return json.dumps(normalise(content), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), allow_nan=False).encode("utf-8")


def digest(content: Mapping[str, Any]) -> str:
    """The hex SHA-256 of ``content`` in canonical form."""
    return hashlib.sha256(_PREFIX + canonical_bytes(content)).hexdigest()


def short_digest(value: str) -> str:
    """The first 12 hex digits, grouped for reading aloud or printing in a footer."""
    return " ".join(value[i:i + 4] for i in range(0, 12, 4))


def item_digests(content: Mapping[str, Any]) -> dict[str, str]:
    """A digest per item uid, plus ``"meeting"`` for everything outside the items.

    Used to say which items differ between two versions of the same minutes.
    """
    outside = {key: value for key, value in content.items() if key != "items"}
    result = {"meeting": digest(outside)}
    for item in content.get("items", []):
        result[str(item["uid"])] = digest(item)
    return result


def differing_parts(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """The keys of two :func:`item_digests` results that were added, removed or changed,
    in ``before``'s order and then ``after``'s."""
    keys = list(before) + [key for key in after if key not in before]
    return [key for key in keys if before.get(key) != after.get(key)]
