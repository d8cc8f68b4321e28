"""Make user-derived text inert where it is written out as Markdown or CSV.

Request texts, and the labels built from their top terms, are written by users: in a ticket or
report they must read as quoted text, never as headings, links, images, HTML, tables or code; in
a CSV opened by a spreadsheet they must never run as a formula. Everything here is
deterministic (ticket bodies are hashed to detect changed evidence) and leaves ordinary prose
byte for byte as it was, escaping only the characters that can change structure.
"""

from __future__ import annotations

import re

# Escaped wherever they stand: they open HTML, links/images, tables, code spans and fences,
# emphasis and strikethrough, and the backslash must be escaped so it cannot escape our escapes.
_INLINE = re.compile(r"[\\`*~\[\]<>|]")
# `_` makes emphasis only at a word boundary; intraword (snake_case) it is plain text.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# In a heading a `#` after a space may close it (`# title ##`); at a line start it opens one.
_HASH_AFTER_SPACE = re.compile(r"(?<=\s)#")
# What a line may start with to become a heading, setext underline, list or thematic break.
_LINE_START = re.compile(r"[#=+\-]")
_ORDERED_LIST = re.compile(r"(\d{1,9})([.)])")

# OWASP CSV injection: a spreadsheet treats a cell starting with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _escape(line: str) -> str:
    """One line with the characters that can make structure backslash-escaped (CommonMark)."""
    line = _INLINE.sub(r"\\\g<0>", line.lstrip(" \t"))  # 4+ spaces would be a code block
    line = _UNDERSCORE.sub(r"\\_", line)
    if _LINE_START.match(line):
        return "\\" + line
    return _ORDERED_LIST.sub(r"\1\\\2", line, count=1) if _ORDERED_LIST.match(line) else line


def markdown_quote(text: str) -> str:
    """`text` as a block quote it cannot leave: every line, blank ones too, starts with `> `.

    Without the prefix on blank lines a text ending a paragraph could continue outside the
    quote (`\\n\\n# heading`); inside the quote, escaping keeps it from making a heading, list,
    link, image, HTML, table or code. Lines split as `str.splitlines` does (the widest notion).
    """
    return "\n".join("> " + _escape(line) for line in text.splitlines() or [""])


def markdown_inline(text: str) -> str:
    """`text` as one escaped line for a heading, bold span or table cell (`|` included).

    Whitespace runs, newlines among them, collapse to one space, so the text cannot start a
    block of its own; a `#` after a space is escaped so it cannot close a heading early.
    """
    return _HASH_AFTER_SPACE.sub(r"\\#", _escape(" ".join(text.split())))


def csv_cell(value: object) -> object:
    """A string cell a spreadsheet would run as a formula gets a leading `'` (OWASP advice).

    Non-strings (numbers, None, NaN) pass through, so numeric columns stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_cell_sql(expression: str) -> str:
    """The DuckDB SQL of `csv_cell` over a VARCHAR `expression`, for `copy ... (format csv)`."""
    literals = [
        "'" + c.replace("'", "''") + "'" if c.isprintable() else f"chr({ord(c)})"
        for c in FORMULA_PREFIXES
    ]
    test = " or ".join(f"prefix({expression}, {literal})" for literal in literals)
    return f"case when {test} then '''' || {expression} else {expression} end"
