"""The compact en_GB dictionary answers exactly as spylls' own (services/compact_dictionary.py).

A plain spylls ``Dictionary`` is read from the same files, and both are asked the same
things: every entry and the walk n-gram suggestions take, homonyms, a few thousand
lookups of words from the .dic with endings, capitals and hyphens, the names and
abbreviations of council minutes, and suggestions for misspellings. Suggestions are
slow (a quarter of a second for a full list), so most are compared on the first one,
which spylls finds by small edits of the word, and a few in full.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from importlib.resources import files
from itertools import islice
from typing import Any

import pytest
from spylls.hunspell import Dictionary
from spylls.hunspell.readers import read_aff, read_dic

from minute_taker.services.compact_dictionary import CompactDictionary, read_compact_dic
from minute_taker.services.spelling import DICTIONARY, _BytesReader, load_british_engine

COUNCIL_WORDS = [
    "HMICFRS", "DCC", "PCC", "OPCC", "DPCC", "ACC", "PCSO", "PCSOs", "ASB", "CEX", "Cllr",
    "Cllrs", "Supt", "Worcestershire", "Herefordshire", "Shropshire", "Telford", "Wrekin",
    "Mercia", "Commissioner's", "councillor", "councillors", "minuted", "apologies",
    "safeguarding", "programme", "organisation", "organisations", "co-operate", "well-being",
    "Chief-Constable", "MINUTES", "POLICE", "WORCESTERSHIRE", "Blakeman", "Campion",
]
# Short capitals, whose lookups reach spylls' index by characters (see
# CompactDic._char_homonyms): through it spylls accepts RS, XY, A'S and the like.
QUIRKS = ["RS", "TS", "XY", "GS", "A'S", "COU", "AED", "BTH", "ZZZ", "A", "I", "X", "AS", "ING"]
# Each ends in n-gram suggestions, the part that walks the whole dictionary.
MISSPELT = ["recieve", "HMICRFS"]


def _read(reader: Callable[..., Any]) -> tuple[Any, Any]:
    """An .aff and a .dic read from the package resources as the app reads them."""
    folder = files("minute_taker.resources") / "dictionaries"
    aff, context = read_aff(_BytesReader((folder / f"{DICTIONARY}.aff").read_bytes()))
    dic_data = (folder / f"{DICTIONARY}.dic").read_bytes()
    return aff, reader(_BytesReader(dic_data, encoding=context.encoding), aff=aff,
                       context=context)


@pytest.fixture(scope="module")
def plain() -> Any:
    return Dictionary(*_read(read_dic))


@pytest.fixture(scope="module")
def compact() -> CompactDictionary:
    return CompactDictionary(*_read(read_compact_dic))


@pytest.fixture(scope="module")
def sample(plain: Any) -> list[str]:
    """About 4,000 words: .dic stems as found and with endings, capitals and hyphens."""
    chooser = random.Random(18)
    stems = [word.stem for word in chooser.sample(plain.dic.words, 1200)]
    forms: list[str] = []
    for stem in stems:
        forms += chooser.sample(_forms_of(stem), 3)
    forms += [f"{first}-{second}" for first, second in zip(stems[:200], stems[200:400],
                                                          strict=True)]
    return forms + COUNCIL_WORDS + QUIRKS


def _forms_of(stem: str) -> list[str]:
    base = stem[:-1] if stem.endswith("e") else stem
    return [stem, stem + "s", stem + "es", base + "ing", base + "ed", stem + "'s",
            stem.capitalize(), stem.upper(), stem.upper() + "'S", stem.lower()]


def _misspellings(words: Iterable[str], chooser: random.Random) -> list[str]:
    """Each word with a letter dropped, two swapped or one doubled."""
    result = []
    for word in words:
        at = chooser.randrange(1, len(word) - 1)
        result += [word[:at] + word[at + 1:],
                   word[:at] + word[at + 1] + word[at] + word[at + 2:],
                   word[:at] + word[at] + word[at:]]
    return result


def _fields(words: Iterable[Any]) -> list[tuple[Any, ...]]:
    return [(word.stem, word.flags, word.captype, word.data, word.alt_spellings)
            for word in words]


def test_every_entry_is_read_as_spylls_reads_it(plain: Any, compact: CompactDictionary) -> None:
    assert len(compact.dic) == len(plain.dic.words)
    assert _fields(compact.dic.words_without(set())) == _fields(plain.dic.words)


def test_ngram_suggestions_walk_the_same_words(plain: Any, compact: CompactDictionary) -> None:
    assert (_fields(compact.suggester.words_for_ngram)
            == _fields(plain.suggester.words_for_ngram))


def test_homonyms_are_spylls_homonyms(plain: Any, compact: CompactDictionary) -> None:
    chooser = random.Random(19)
    stems = [word.stem for word in chooser.sample(plain.dic.words, 1000)]
    stems += [*plain.dic.index.keys()][:50] + ["", "zzzz", "Cllr", "spell"]
    for stem in stems:
        assert _fields(compact.dic.homonyms(stem)) == _fields(plain.dic.homonyms(stem)), stem
    # One-character keys are the quirk; x and j also have capitalised entries (X, J).
    keys = chooser.sample([*plain.dic.lowercase_index.keys()], 300) + ["x", "j", "'", "5"]
    for key in keys:
        assert (_fields(compact.dic.homonyms(key, ignorecase=True))
                == _fields(plain.dic.homonyms(key, ignorecase=True))), key


def test_lookups_are_the_same(plain: Any, compact: CompactDictionary,
                              sample: list[str]) -> None:
    answers = {word: plain.lookup(word) for word in sample}
    assert sum(answers.values()) > len(sample) / 3  # not only nonsense
    assert {word: compact.lookup(word) for word in sample} == answers


def test_the_apps_engine_answers_the_same(plain: Any, sample: list[str]) -> None:
    engine = load_british_engine()
    words = sample[::20]
    assert [engine.lookup(word) for word in words] == [plain.lookup(word) for word in words]


def test_first_suggestions_are_the_same(plain: Any, compact: CompactDictionary) -> None:
    chooser = random.Random(20)
    stems = [word.stem for word in plain.dic.words if len(word.stem) > 4]
    misspelt = _misspellings(chooser.sample(stems, 60), chooser) + [
        "Worcestershre", "Herefordshrie", "Shropsire", "Commisioner", "councilor", "minutted"]
    for word in misspelt:
        assert [*islice(compact.suggest(word), 1)] == [*islice(plain.suggest(word), 1)], word


@pytest.mark.parametrize("word", MISSPELT)
def test_suggestions_are_the_same(plain: Any, compact: CompactDictionary, word: str) -> None:
    assert [*compact.suggest(word)] == [*plain.suggest(word)]
