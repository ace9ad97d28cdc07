"""The British English dictionary behind the spell-checker, shipped inside the package.

The engine is spylls (Hunspell in pure Python) reading LibreOffice's en_GB Hunspell
dictionary from ``resources/dictionaries``: no system library, the same
behaviour on every platform. Loading takes about half a second and is meant to run
off the GUI thread; see ``docs/spellcheck.md`` for the figures.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Iterator
from importlib.resources import files
from typing import Any

from spylls.hunspell.readers import read_aff  # type: ignore[import-untyped]
from spylls.hunspell.readers.file_reader import BaseReader  # type: ignore[import-untyped]

from minute_taker.services.compact_dictionary import CompactDictionary, read_compact_dic

DICTIONARY = "en_GB"


class HunspellEngine:
    """A spylls dictionary seen through ``domain.spelling.SpellingEngine``."""

    def __init__(self, dictionary: Any) -> None:
        self._dictionary = dictionary

    def lookup(self, word: str) -> bool:
        return bool(self._dictionary.lookup(word))

    def suggest(self, word: str) -> Iterator[str]:
        return iter(self._dictionary.suggest(word))


def load_british_engine() -> HunspellEngine:
    """Read the en_GB dictionary shipped with the app (safe to call from a worker thread).

    Kept compact (``compact_dictionary``): some 13 MiB where spylls' own tables take
    80 MiB. Reading makes and drops some 400,000 small objects, with the cyclic
    collector paused so that it does not walk them again and again; ``gc.freeze()``
    afterwards keeps every later full collection from walking what stays and whatever
    the app made before (with spylls' own tables a full collection took 290 ms, a pause
    a typist would feel; now it is a few milliseconds without the freeze).
    """
    folder = files("minute_taker.resources") / "dictionaries"
    aff_data = (folder / f"{DICTIONARY}.aff").read_bytes()
    dic_data = (folder / f"{DICTIONARY}.dic").read_bytes()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        aff, context = read_aff(_BytesReader(aff_data))
        dic = read_compact_dic(_BytesReader(dic_data, encoding=context.encoding), aff=aff,
                               context=context)
        engine = HunspellEngine(CompactDictionary(aff, dic))
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()
    return engine


class _BytesReader(BaseReader):  # type: ignore[misc]
    """spylls' line reader over bytes in memory: works inside a zip, leaves no file open."""

    def __init__(self, data: bytes, encoding: str = "Windows-1252") -> None:
        self._data = data
        super().__init__(self._open(encoding))

    def reset_encoding(self, encoding: str) -> None:
        self.reset_io(self._open(encoding))

    def _open(self, encoding: str) -> io.TextIOWrapper:
        if encoding.replace("-", "").upper() == "UTF8":
            encoding = "utf-8-sig"  # the files start with a byte-order mark
        return io.TextIOWrapper(io.BytesIO(self._data), encoding=encoding,
                                errors="surrogateescape")
