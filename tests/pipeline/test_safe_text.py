"""Escaping user text for Markdown and CSV: structure cannot leak out, ordinary text is kept."""

from __future__ import annotations

import csv
import io

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.safe_text import (
    FORMULA_PREFIXES,
    csv_cell,
    csv_cell_sql,
    markdown_inline,
    markdown_quote,
)

try:
    from markdown_it import MarkdownIt
except ImportError:  # pragma: no cover - markdown-it-py arrives with dagster's rich
    MarkdownIt = None

needs_markdown_it = pytest.mark.skipif(MarkdownIt is None, reason="markdown-it-py not installed")
# Markdown's structural characters, line breaks and indentation, mixed with plain letters.
MARKDOWN_TEXT = st.text(
    alphabet=st.sampled_from(list("#=+-*_~`>|<[]()!.:&;\\/1aZ é\t\n\r") + ["\u2028", "\x0c"]),
    max_size=60,
)
INLINE_TOKENS = {"text", "softbreak", "hardbreak"}
ORDINARY = "how do I kill a stuck python process (it's hung); 2-3 times, e.g. my_script.py?"


def _parser():
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def test_ordinary_text_is_unchanged():
    assert markdown_quote(ORDINARY) == "> " + ORDINARY
    assert markdown_inline(ORDINARY) == ORDINARY
    assert markdown_inline("kill process (should help)") == "kill process (should help)"
    assert csv_cell(ORDINARY) == ORDINARY


def test_markdown_quote_prefixes_blank_lines_and_escapes_line_starts():
    quoted = markdown_quote("hi\n\n# heading\n<script>x</script>\n| a | b |\n1. one\n---\n    code")
    assert quoted.splitlines() == [
        "> hi",
        "> ",
        "> \\# heading",
        "> \\<script\\>x\\</script\\>",
        "> \\| a \\| b \\|",
        "> 1\\. one",
        "> \\---",
        "> code",
    ]
    assert markdown_quote("") == "> "
    assert markdown_quote("[x](http://e) ![i](http://e/i.png) `c`") == (
        "> \\[x\\](http://e) !\\[i\\](http://e/i.png) \\`c\\`"
    )


def test_markdown_inline_is_one_line_and_safe_in_tables_and_headings():
    assert markdown_inline("a\n\n# b | c\r\nd ##") == "a \\# b \\| c d \\##"
    assert markdown_inline("C# and snake_case") == "C# and snake_case"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("", ""),
        (-2, -2),
        (1.5, 1.5),
        (None, None),
    ],
)
def test_csv_cell(value, expected):
    assert csv_cell(value) == expected


@given(MARKDOWN_TEXT)
def test_markdown_quote_every_line_starts_with_the_quote_marker(text):
    quoted = markdown_quote(text)
    lines = quoted.splitlines()
    assert all(line.startswith("> ") for line in lines)
    assert len(lines) == max(1, len(text.splitlines()))
    assert markdown_quote(text) == quoted  # deterministic: ticket bodies are hashed


@needs_markdown_it
@settings(max_examples=300)
@given(MARKDOWN_TEXT)
def test_markdown_quote_renders_as_one_quote_of_plain_text(text):
    tokens = _parser().parse(markdown_quote(text) + "\n\nafter")
    assert tokens[0].type == "blockquote_open"
    close = next(i for i, t in enumerate(tokens) if t.type == "blockquote_close" and t.level == 0)
    inside = tokens[1:close]
    assert {t.type for t in inside} <= {"paragraph_open", "paragraph_close", "inline"}
    assert {c.type for t in inside if t.children for c in t.children} <= INLINE_TOKENS
    # the quote ends where the text ends: the next paragraph is outside it
    assert [t.type for t in tokens[close + 1 :]] == ["paragraph_open", "inline", "paragraph_close"]


@needs_markdown_it
@settings(max_examples=300)
@given(MARKDOWN_TEXT)
def test_markdown_inline_stays_in_its_heading_and_table_cell(text):
    inline = markdown_inline(text)
    assert len(inline.splitlines()) <= 1
    heading = _parser().parse(f"# T: {inline}")
    assert [t.type for t in heading] == ["heading_open", "inline", "heading_close"]
    assert {c.type for c in heading[1].children} <= INLINE_TOKENS
    table = _parser().parse(f"| a | b |\n| --- | --- |\n| {inline} | z |\n")
    assert [t.type for t in table].count("td_open") == 2
    cells = [t for t in table if t.type == "inline"]
    assert all({c.type for c in t.children} <= INLINE_TOKENS for t in cells)
    assert cells[-1].content == "z"


@given(st.text(max_size=20))
def test_csv_cell_never_returns_a_string_starting_with_a_formula_char(text):
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_PREFIXES)
    assert cell == text or cell == "'" + text


# no NUL and no lone surrogate: neither can reach a warehouse text column (ingest quarantines both)
STORABLE = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))


@given(st.lists(st.text(alphabet=STORABLE, max_size=12)))
def test_csv_cell_sql_agrees_with_csv_cell(texts):
    conn = duckdb.connect()
    rows = conn.execute(
        f"select {csv_cell_sql('s')} from unnest(?::varchar[]) with ordinality as t(s, i) "
        "order by i",
        [texts],
    ).fetchall()
    assert [row[0] for row in rows] == [csv_cell(text) for text in texts]
    assert conn.execute(f"select {csv_cell_sql('null::varchar')}").fetchone() == (None,)


@given(st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_a_csv_row_reads_back_escaped(cells):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(c) for c in cells])
    (read,) = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    assert read == [csv_cell(c) for c in cells]
    assert not any(c.startswith(FORMULA_PREFIXES) for c in read)
