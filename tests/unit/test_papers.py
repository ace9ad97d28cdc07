"""How published minutes describe a paper: "Report PDF 182 KB" (issue 17, point 5)."""

from __future__ import annotations

import pytest

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.papers import format_of, paper_label, parse_size, size_label


@pytest.mark.parametrize(("size", "label"), [
    (None, ""), (0, "1 KB"), (500, "1 KB"), (186368, "182 KB"), (1024 * 1023, "1023 KB"),
    (1468006, "1.4 MB"), (52428800, "50.0 MB")])
def test_sizes_read_as_published(size: int | None, label: str) -> None:
    assert size_label(size) == label


@pytest.mark.parametrize(("typed", "size"), [
    ("182 KB", 186368), ("182kb", 186368), ("1.4 MB", 1468006), ("1,4 MB", 1468006),
    ("900 bytes", 900), ("52000", 52000), ("  ", None), (None, None)])
def test_typed_sizes_are_read(typed: str | None, size: int | None) -> None:
    assert parse_size(typed) == size


def test_a_size_that_is_not_one_is_refused() -> None:
    with pytest.raises(ValidationError, match="not a size"):
        parse_size("large")


@pytest.mark.parametrize(("location", "found"), [
    ("papers/2017-10-performance-report.pdf", "PDF"), (r"C:\\Papers\\Budget.DOCX", "DOCX"),
    ("https://example.org/mgConvert2PDF.aspx?ID=123", None),
    ("https://example.org/reports/item5.pdf?download=1", "PDF"), ("README", None),
    ("notes.tar.gz", "GZ"), ("", None)])
def test_a_format_is_read_from_the_name(location: str, found: str | None) -> None:
    assert format_of(location) == found


def test_a_paper_is_labelled_with_what_is_known() -> None:
    assert paper_label("PDF", 186368) == "PDF 182 KB"
    assert paper_label("PDF", None) == "PDF"
    assert paper_label(None, 186368) == "182 KB"
    assert paper_label(" ", None) == ""
