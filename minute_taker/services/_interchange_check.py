"""Whether a document is a meeting file this version can import, and if not, why not.

Everything is checked before anything is written: first what the file is, then its
version, then the schema (reporting the first bad field in reading order), then what
the schema cannot express (unique uids, references that resolve, values the book can
store). Messages start with the JSON path of the field at fault.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from minute_taker import __version__
from minute_taker.domain.errors import ValidationError

FORMAT = "minute-taker.meeting"
FORMAT_VERSION = 2  # 2: next meeting without a time, contacts, papers' format and size
GENERATOR = f"Minute Taker {__version__}"

Json = dict[str, Any]

_MAX_INTEGER = 2**63 - 1  # what SQLite's INTEGER holds
_MAX_MESSAGE = 300


class InterchangeError(ValidationError):
    """A meeting file that cannot be read, written or imported; the book is unchanged."""


def data_file(name: str) -> Traversable:
    """A file of the interchange's shipped resources: its schema or the demo meeting."""
    folder = "demo" if name == "demo_meeting.json" else "interchange"
    return resources.files("minute_taker.resources") / folder / name


@functools.cache
def meeting_schema() -> Json:
    """The JSON Schema of format version 1, as shipped in the package."""
    schema: Json = json.loads(data_file("meeting.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> Any:
    # Imported here: jsonschema costs ~50 ms, and only an import of a file needs it, never a
    # normal start (approvals and review copies export without validating).
    import jsonschema

    return jsonschema.Draft202012Validator(meeting_schema(),
                                           format_checker=jsonschema.FormatChecker())


def parse_time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def parse_date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def parse_datetime(text: str | None) -> dt.datetime | None:
    """Naive UTC, as stored; raises ValueError or OverflowError for impossible values."""
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    # astimezone() reads a naive value as this computer's local time.
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def parse_integer(value: float | None) -> int | None:
    """JSON Schema counts 20.0 as an integer; the book stores 20."""
    return None if value is None else int(value)


def parse_local_datetime(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def parse_next_meeting(text: str | None, version: int) -> tuple[dt.date | None, dt.time | None]:
    """The next meeting's date, and its time if one was given. Version 1 wrote a time
    always: its "T00:00" was a date typed alone."""
    if text is None:
        return None, None
    if "T" not in text:
        return dt.date.fromisoformat(text), None
    at = dt.datetime.fromisoformat(text)
    if version < 2 and (at.hour, at.minute) == (0, 0):
        return at.date(), None
    return at.date(), at.time()


def check_meeting(data: object) -> None:
    """Refuse, with the reason, any document ``import_meeting`` would not take as it is.

    In order: not a meeting file at all; a newer format version; the first field
    (in document order) the schema rejects; then what the schema cannot check:
    uids used twice, references to people or items not in the file, impossible
    date-times, values too large to store.
    """
    _check_kind(data)
    assert isinstance(data, dict)
    try:
        _check_schema(data)
        _check_values(data)
        _check_uids(data)
        _check_references(data)
        _check_repeats(data)
        _check_datetimes(data)
    except RecursionError as exc:
        raise InterchangeError("The agenda is nested too deeply to import.") from exc


def _check_kind(data: object) -> None:
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string", bool: "true or false", int: "a number",
                float: "a number", type(None): "null"}.get(type(data), "something else")
        raise InterchangeError("This is not a Minute Taker meeting file: it holds "
                               f"{kind}, not a JSON object.")
    if "format" not in data:
        raise InterchangeError('This is not a Minute Taker meeting file: it has no "format".')
    if data["format"] != FORMAT:
        raise InterchangeError(f'This is not a Minute Taker meeting file: its "format" is '
                               f'{json.dumps(data["format"], ensure_ascii=False)}, not "{FORMAT}".')
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InterchangeError(
            f"The file was written by a newer version of Minute Taker: it uses meeting "
            f"format version {version}, and this version of Minute Taker ({__version__}) "
            f"reads format version {FORMAT_VERSION} only. Update Minute Taker to import it.")


def json_path(parts: Any) -> str:
    """``$.items[2].children[0].title`` for the path ["items", 2, "children", 0, "title"]."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _document_position(data: object, parts: Any) -> tuple[int, ...]:
    """Where a path falls in reading order, so the first bad field is reported."""
    position: list[int] = []
    node = data
    for part in parts:
        if isinstance(node, dict) and part in node:
            position.append(list(node).index(part))
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            position.append(part)
        else:
            break
        node = node[part]
    return tuple(position)


def _check_schema(data: Json) -> None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    # min() keeps the first of equals, so at one place the schema's own order decides
    # (format before pattern: "is not a 'date'" rather than a regular expression).
    first = min(errors, key=lambda e: _document_position(data, e.absolute_path))
    message = first.message
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE - 1] + "…"
    raise InterchangeError(f"{json_path(first.absolute_path)}: {message}")


def _check_values(data: Json) -> None:
    """Text must be real text, and numbers must fit in the book."""
    stack: list[tuple[object, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, parts = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InterchangeError(f"{json_path(parts)}: contains {value[exc.start]!r}, "
                                       "half of a UTF-16 pair, which is not text") from exc
        elif isinstance(value, int | float) and not isinstance(value, bool):
            if abs(value) > _MAX_INTEGER:
                raise InterchangeError(f"{json_path(parts)}: {value} is too large")
        elif isinstance(value, dict):
            stack.extend((v, (*parts, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*parts, i)) for i, v in reversed(list(enumerate(value))))


def walk_items(items: list[Json], path: str = "$.items") -> Iterator[tuple[str, Json]]:
    """Every item of the tree in reading order, with its JSON path."""
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        yield here, item
        yield from walk_items(item["children"], f"{here}.children")


def document_uids(data: Json) -> Iterator[tuple[str, str]]:
    yield "$.committee.uid", data["committee"]["uid"]
    for i, person in enumerate(data["people"]):
        yield f"$.people[{i}].uid", person["uid"]
    yield "$.meeting.uid", data["meeting"]["uid"]
    for path, item in walk_items(data["items"]):
        yield f"{path}.uid", item["uid"]
        for j, decision in enumerate(item["decisions"]):
            yield f"{path}.decisions[{j}].uid", decision["uid"]
        for j, paper in enumerate(item.get("documents", ())):
            yield f"{path}.documents[{j}].uid", paper["uid"]
    for i, action in enumerate(data["actions"]):
        yield f"$.actions[{i}].uid", action["uid"]
    if "approval" in data:
        yield "$.approval.uid", data["approval"]["uid"]


def _check_uids(data: Json) -> None:
    seen: dict[str, str] = {}
    for path, uid in document_uids(data):
        if uid in seen:
            raise InterchangeError(f"{path}: the uid {uid!r} is also used at {seen[uid]}; "
                                   "every uid in a file must be unique")
        seen[uid] = path


def _references(data: Json) -> Iterator[tuple[str, str | None, str]]:
    """(path, uid, "person" or "item") for every reference, in reading order."""
    meeting = data["meeting"]
    yield "$.meeting.chair", meeting["chair"], "person"
    yield "$.meeting.minute_taker", meeting["minute_taker"], "person"
    for i, row in enumerate(data["attendance"]):
        yield f"$.attendance[{i}].person", row["person"], "person"
        yield f"$.attendance[{i}].substitute_for", row["substitute_for"], "person"
        yield f"$.attendance[{i}].arrived_during_item", row["arrived_during_item"], "item"
        yield f"$.attendance[{i}].left_after_item", row["left_after_item"], "item"
    for i, row in enumerate(data["declarations"]):
        yield f"$.declarations[{i}].person", row["person"], "person"
        yield f"$.declarations[{i}].item", row["item"], "item"
        yield f"$.declarations[{i}].made_at_item", row.get("made_at_item"), "item"
    for path, item in walk_items(data["items"]):
        for j, decision in enumerate(item["decisions"]):
            yield f"{path}.decisions[{j}].mover", decision["mover"], "person"
            yield f"{path}.decisions[{j}].seconder", decision["seconder"], "person"
            for k, vote in enumerate(decision.get("named_votes", ())):
                yield f"{path}.decisions[{j}].named_votes[{k}].person", vote["person"], \
                    "person"
    for i, action in enumerate(data["actions"]):
        yield f"$.actions[{i}].item", action["item"], "item"
        for j, owner in enumerate(action["owners"]):
            yield f"$.actions[{i}].owners[{j}]", owner, "person"


def _check_references(data: Json) -> None:
    known = {"person": {p["uid"] for p in data["people"]},
             "item": {item["uid"] for _, item in walk_items(data["items"])}}
    where = {"person": 'a person in "people"', "item": 'an item in "items"'}
    for path, uid, kind in _references(data):
        if uid is not None and uid not in known[kind]:
            raise InterchangeError(f"{path}: {uid!r} is not the uid of {where[kind]}")


def _check_repeats(data: Json) -> None:
    """What the book stores once: a person's attendance, a committee's abbreviation."""
    attending: dict[str, int] = {}
    for i, row in enumerate(data["attendance"]):
        if row["person"] in attending:
            raise InterchangeError(f"$.attendance[{i}].person: {row['person']!r} is already "
                                   f"listed at $.attendance[{attending[row['person']]}]")
        attending[row["person"]] = i
    shorts: dict[str, int] = {}
    for i, row in enumerate(data["committee"]["abbreviations"]):
        if row["short"] in shorts:
            raise InterchangeError(f"$.committee.abbreviations[{i}].short: {row['short']!r} "
                                   f"is already listed at $.committee.abbreviations"
                                   f"[{shorts[row['short']]}]")
        shorts[row["short"]] = i


def _datetimes(data: Json) -> Iterator[tuple[str, str | None]]:
    for path, item in walk_items(data["items"]):
        yield f"{path}.started_at", item["started_at"]
        yield f"{path}.ended_at", item["ended_at"]
    for i, entry in enumerate(data.get("audit", ())):
        yield f"$.audit[{i}].at", entry["at"]
    if "approval" in data:
        yield "$.approval.approved_at", data["approval"]["approved_at"]


def _check_datetimes(data: Json) -> None:
    """The schema checks the form of a date-time; the calendar decides if it exists."""
    checks: list[tuple[str, str | None, Callable[[str | None], object]]] = [
        ("$.meeting.next_meeting_at", data["meeting"]["next_meeting_at"],
         lambda text: parse_next_meeting(text, FORMAT_VERSION))]
    checks += [(path, text, parse_datetime) for path, text in _datetimes(data)]
    for path, text, convert in checks:
        try:
            convert(text)
        except (ValueError, OverflowError, OSError) as exc:
            raise InterchangeError(f"{path}: {text!r} is not a real date and time") from exc
