"""The canonical form and its digest: stable, and changed by any change of content."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minute_taker.domain import canonical

CONTENT = {
    "meeting": {"title": "Monthly Assurance Meeting", "date": dt.date(2017, 10, 31),
                "start_time": dt.time(10, 0)},
    "items": [{"uid": "a", "number": "1", "title": "Apologies", "minutes_html": "<p>None</p>"},
              {"uid": "b", "number": "2", "title": "Café", "minutes_html": ""}],
}


def test_digest_is_a_known_value_on_every_platform() -> None:
    # Written down once: a change here means every recorded approval would stop matching.
    assert canonical.canonical_bytes(CONTENT) == (
        '{"items":[{"minutes_html":"<p>None</p>","number":"1","title":"Apologies","uid":"a"},'
        '{"minutes_html":"","number":"2","title":"Café","uid":"b"}],"meeting":{"date":'
        '"2017-10-31","start_time":"10:00:00","title":"Monthly Assurance Meeting"}}'
    ).encode()
    assert canonical.digest(CONTENT) == (
        "c030e95060a6dacecdc128c7ede5a48e6cb8173806b7ccc455c4d4f24dc6e588")


def test_key_order_line_ends_and_unicode_forms_do_not_matter() -> None:
    reordered = {"items": CONTENT["items"], "meeting": dict(reversed(CONTENT["meeting"].items()))}
    assert canonical.digest(reordered) == canonical.digest(CONTENT)
    assert canonical.digest({"t": "a\r\nb"}) == canonical.digest({"t": "a\nb"})
    assert canonical.digest({"t": "Cafe\u0301"}) == canonical.digest({"t": "Caf\u00e9"})


def test_floats_and_unknown_types_are_refused() -> None:
    with pytest.raises(TypeError):
        canonical.digest({"votes": 1.5})
    with pytest.raises(TypeError):
        canonical.digest({"who": object()})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                 max_size=4),
    max_leaves=20)


@given(st.dictionaries(st.text(max_size=8), json_values, min_size=1, max_size=5),
       st.data())
def test_any_change_of_a_value_changes_the_digest(content: dict, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from(sorted(content)))
    other = data.draw(json_values.filter(
        lambda v: canonical.normalise(v) != canonical.normalise(content[key])))
    assert canonical.digest({**content, key: other}) != canonical.digest(content)


def test_item_digests_name_what_differs() -> None:
    before = canonical.item_digests(CONTENT)
    edited = {**CONTENT, "items": [CONTENT["items"][0],
                                   {**CONTENT["items"][1], "title": "Cafe"}]}
    assert canonical.differing_parts(before, canonical.item_digests(edited)) == ["b"]
    added = {**CONTENT, "items": [*CONTENT["items"], {"uid": "c", "number": "3"}]}
    assert canonical.differing_parts(before, canonical.item_digests(added)) == ["c"]
    retitled = {**CONTENT, "meeting": {**CONTENT["meeting"], "title": "Panel"}}
    assert canonical.differing_parts(before, canonical.item_digests(retitled)) == ["meeting"]


def test_short_digest_groups_the_first_twelve_digits() -> None:
    assert canonical.short_digest("0123456789abcdef") == "0123 4567 89ab"
