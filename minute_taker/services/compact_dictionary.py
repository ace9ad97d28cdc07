"""A Hunspell dictionary held as a few flat tables, for spylls' lookup and suggest.

spylls keeps each of the ~97,000 lines of en_GB.dic as a ``Word`` dataclass with its own
set of flags, dict of data tags and list of alternative spellings, and indexes them in
two ``defaultdict(list)``s: some 80 MiB of resident memory. Yet its lookup and suggest
only ever ask the dictionary for the entries of one stem (``homonyms``, ``has_flag``) or
walk all of them (n-gram suggestions). So ``CompactDic`` keeps an entry as its stem and
the number of its *kind* (flags, capitalisation, data tags: en_GB has some 2,500), finds
stems by bisecting a sorted list instead of hashing them into a dict, and makes the
spylls ``Word`` only when asked for one: a short-lived object.

The answers stay spylls' own. ``read_dic`` still parses the file, a thousand lines at a
time so that its objects never all exist at once, and ``CompactDictionary`` runs
spylls' ``Lookup`` and ``Suggest`` unchanged; ``tests/services/test_compact_dictionary.py``
compares both against a plain ``Dictionary``. This leans on spylls' internals (the ``Dic``
methods the algorithms call, ``Word``'s fields, ``Suggest.words_for_ngram``), which is
why pyproject.toml pins spylls exactly.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from spylls.hunspell import Dictionary  # type: ignore[import-untyped]
from spylls.hunspell.algo.capitalization import Type as CapType  # type: ignore[import-untyped]
from spylls.hunspell.algo.lookup import Lookup  # type: ignore[import-untyped]
from spylls.hunspell.algo.suggest import Suggest  # type: ignore[import-untyped]
from spylls.hunspell.data.dic import Dic, Word  # type: ignore[import-untyped]
from spylls.hunspell.readers import read_dic  # type: ignore[import-untyped]

#: Lines handed to spylls' ``read_dic`` at once. Its objects for one chunk are dropped
#: before the next is read, and the fewer they are, the fewer holes they leave among the
#: stems that stay. Measured, resident memory after loading: +15 MiB with 1,024 lines
#: (and 256), +18 MiB with 4,096, +25 MiB with 16,384; the load time hardly changes.
CHUNK_LINES = 1024

#: What a ``Word`` shares with others of its kind, in ``Word``'s order after the stem:
#: flags, data tags, alternative spellings, capitalisation. Shared by the ``Word``s made,
#: so read-only (spylls never changes them).
Kind = tuple[frozenset[str], dict[str, list[str]], list[str], Any]


def read_compact_dic(source: Iterable[tuple[int, str]], *, aff: Any, context: Any) -> CompactDic:
    """Read a .dic with spylls' reader (``(number, line)`` pairs, as its readers give them).

    spylls' ``read_dic`` keeps nothing between lines except the ``aff`` it updates (``ph:``
    tags add to its REP table) and the count on line 1, so reading the file in chunks
    gives the same entries as reading it whole, without holding 97,000 ``Word``s at once.
    """
    builder = _Builder(aff.casing)
    lines = iter(source)
    while chunk := list(islice(lines, CHUNK_LINES)):
        for word in read_dic(chunk, aff=aff, context=context).words:
            builder.add(word)
    return builder.finish()


class CompactDictionary(Dictionary):  # type: ignore[misc]
    """spylls' ``Dictionary`` (``lookup``, ``suggest``) over a ``CompactDic``."""

    def __init__(self, aff: Any, dic: CompactDic) -> None:
        self.aff = aff
        self.dic = dic
        self.lookuper = Lookup(aff, dic)
        self.suggester = _Suggest(aff, dic, self.lookuper)


class CompactDic:
    """The entries of a .dic, answering what spylls' ``Dic`` answers for lookup and suggest.

    Entries are kept sorted by stem (stably: homonyms stay in file order). ``_stems[i]``
    is an entry's stem and ``_kinds[i]`` its kind; ``_file_order`` lists them as the file
    does. ``_lower_entries`` and ``_lower_forms`` index the lower-case forms of stems with
    capitals (the entry, and which of its forms: German has several), sorted by that
    form, which is worked out again when needed rather than kept.
    """

    def __init__(self, stems: list[str], kinds: array[int], kind_table: list[Kind],
                 casing: Any) -> None:
        order = sorted(range(len(stems)), key=stems.__getitem__)
        self._stems = [stems[entry] for entry in order]
        self._kinds = array("I", [kinds[entry] for entry in order])
        self._file_order = array("I", [0]) * len(order)
        for position, entry in enumerate(order):
            self._file_order[entry] = position
        self._kind_table = kind_table
        self._casing = casing
        self._index_lower_forms()

    def __len__(self) -> int:
        return len(self._stems)

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> Iterable[Word]:
        """The entries for ``stem``, in file order, as ``Dic.homonyms`` gives them.

        With ``ignorecase`` the answer is an iterator, which is all its one caller (an
        ALL-CAPS lookup) needs: for a single character it is tens of thousands of entries.
        """
        if not ignorecase:
            start = bisect_left(self._stems, stem)
            return [self._word(position)
                    for position in range(start, bisect_right(self._stems, stem, start))]
        if len(stem) == 1:
            return self._char_homonyms(stem)
        return map(self._word, self._capitalised(stem))

    # spylls' own: it only asks ``homonyms``.
    has_flag = Dic.has_flag

    def words_without(self, flags: set[str]) -> Iterable[Word]:
        """Every entry with none of ``flags``, in file order, made afresh on each walk."""
        kinds = [kind if not flags & kind[0] else None for kind in self._kind_table]
        return _Entries(self._stems, self._kinds, self._file_order, kinds)

    def _word(self, position: int) -> Word:
        return Word(self._stems[position], *self._kind_table[self._kinds[position]])

    def _capitalised(self, lower: str) -> list[int]:
        """The stems with capitals whose lower-case form is ``lower``, in file order."""
        found = _span(range(len(self._lower_entries)), lower, self._lower_form)
        return [self._lower_entries[index] for index in found]

    def _lower_form(self, index: int) -> str:
        forms = self._casing.lower(self._stems[self._lower_entries[index]])
        return str(forms[self._lower_forms[index]])

    def _index_lower_forms(self) -> None:
        """Index lower-case forms as ``read_dic`` does, for stems with capitals only."""
        self._lower_entries, self._lower_forms = array("I"), array("I")
        for position in self._file_order:
            if self._kind_table[self._kinds[position]][3] != CapType.NO:
                for form in range(len(self._casing.lower(self._stems[position]))):
                    self._lower_entries.append(position)
                    self._lower_forms.append(form)
        order = sorted(range(len(self._lower_entries)), key=self._lower_form)
        self._lower_entries = array("I", [self._lower_entries[index] for index in order])
        self._lower_forms = array("I", [self._lower_forms[index] for index in order])

    def _char_homonyms(self, char: str) -> Iterator[Word]:
        """What spylls' ``lowercase_index[char]`` holds, without holding it.

        spylls indexes a stem without capitals under its lower-case form by iterating that
        form, which for a string means under each of its characters, once per occurrence.
        Lookup of an ALL-CAPS word can ask for such a key (a stem of one letter), so its
        answer must be the same: every stem with that character, plus the stems with
        capitals whose lower-case form is the character, all in file order.
        """
        capitalised = Counter(self._capitalised(char))
        for position in self._file_order:
            stem = self._stems[position]
            kind = self._kind_table[self._kinds[position]]
            times = stem.count(char) if kind[3] == CapType.NO else capitalised[position]
            for _ in range(times):
                yield Word(stem, *kind)


class _Entries:
    """A re-iterable walk over entries in file order, skipping kinds set to None."""

    def __init__(self, stems: list[str], kinds: array[int], file_order: array[int],
                 kind_table: list[Kind | None]) -> None:
        self._stems = stems
        self._kinds = kinds
        self._file_order = file_order
        self._kind_table = kind_table

    def __iter__(self) -> Iterator[Word]:
        stems = map(self._stems.__getitem__, self._file_order)
        kinds = map(self._kind_table.__getitem__,
                    map(self._kinds.__getitem__, self._file_order))
        for stem, kind in zip(stems, kinds, strict=True):
            if kind is not None:
                yield Word(stem, *kind)


class _Suggest(Suggest):  # type: ignore[misc]
    """spylls' ``Suggest``, walking the dictionary for n-gram suggestions instead of
    keeping a list of ~97,000 ``Word``s to walk."""

    def __init__(self, aff: Any, dic: CompactDic, lookup: Any) -> None:
        self.aff = aff
        self.dic = dic
        self.lookup = lookup
        # The words spylls' Suggest.__init__ leaves out of its list.
        unsuggested = {aff.FORBIDDENWORD, aff.NOSUGGEST, aff.ONLYINCOMPOUND} - {None}
        self.words_for_ngram = dic.words_without(unsuggested)


class _Builder:
    """Collects ``Word``s as ``read_dic`` makes them and turns them into a ``CompactDic``."""

    def __init__(self, casing: Any) -> None:
        self._casing = casing
        self._stems: list[str] = []
        self._kinds = array("I")
        self._kind_table: list[Kind] = []
        self._kind_numbers: dict[tuple[Any, ...], int] = {}
        self._flag_sets: dict[frozenset[str], frozenset[str]] = {}

    def add(self, word: Word) -> None:
        self._stems.append(word.stem)
        self._kinds.append(self._kind_number(word))

    def finish(self) -> CompactDic:
        return CompactDic(self._stems, self._kinds, self._kind_table, self._casing)

    def _kind_number(self, word: Word) -> int:
        flags = frozenset(word.flags)
        key: tuple[Any, ...] = (flags, word.captype)
        if word.data or word.alt_spellings:
            key += (tuple(word.alt_spellings),
                    tuple((tag, tuple(values)) for tag, values in word.data.items()))
        number = self._kind_numbers.get(key)
        if number is None:
            flags = self._flag_sets.setdefault(flags, flags)
            number = self._kind_numbers[key] = len(self._kind_table)
            self._kind_table.append((flags, word.data, word.alt_spellings, word.captype))
        return number


def _span(keys: Sequence[int], key: str, key_of: Callable[[int], str]) -> range:
    """Where ``key`` is in ``keys``, which are sorted by ``key_of``."""
    start = end = bisect_left(keys, key, key=key_of)
    while end < len(keys) and key_of(keys[end]) == key:
        end += 1
    return range(start, end)
