"""A ticket quotes user text so that it cannot break out of the quote or make Markdown."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import pytest

from pipeline.tickets import render_ticket, sync_tickets
from pipeline.warehouse import connect

DAY = date(2026, 11, 18)
HOSTILE = (
    "hi\n\n# heading\n<script>x</script>\n| a | b |\n| --- | --- |\n"
    "[click](http://evil.example) ![img](http://evil.example/i.png)\n```\nfenced\n```"
)
ORDINARY = "how do I kill a stuck python process"
HEADINGS = ["## Evidence (trailing window)", "## Example requests (minimized)"]


def route(label: str = "label C0001") -> pd.Series:
    return pd.Series(
        {
            "batch_day": DAY,
            "cluster_id": "C0001",
            "segment": "all",
            "label": label,
            "destination": "classifier_tuning",
            "triaged": True,
            "rule": "over_refusal",
            "reason": "volume 40 >= 15",
            "volume": 40,
            "distinct_users": 20,
            "k_anonymous": True,
            "reprompt_rate": 0.4,
            "false_refusal_rate": 0.9,
            "false_refusal_rate_low": 0.6,
            "false_refusal_rate_high": 0.98,
            "reviewed_events": 10,
            "capability_share": 0.0,
        }
    )


def _examples(body: str) -> list[str]:
    return body.split("## Example requests (minimized)\n\n", 1)[1].splitlines()


def test_a_hostile_request_stays_inside_the_quote():
    body = render_ticket(route(), [HOSTILE, ORDINARY], 5)
    examples = _examples(body)
    assert len(examples) == len(HOSTILE.splitlines()) + 1
    assert all(line.startswith("> ") for line in examples)
    assert [line for line in body.splitlines() if line.startswith("#")] == [
        "# RB-C0001: label C0001",
        *HEADINGS,
    ]
    assert examples[-1] == f"> {ORDINARY}"  # ordinary text renders as before


def test_a_hostile_label_stays_in_the_heading():
    body = render_ticket(route("x [y](http://evil.example)\n\n# z | <b>w</b>"), [ORDINARY], 5)
    first, second = body.splitlines()[:2]
    assert first == "# RB-C0001: x \\[y\\](http://evil.example) \\# z \\| \\<b\\>w\\</b\\>"
    assert second == ""


def test_the_rendered_html_has_no_markup_from_user_text():
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    body = render_ticket(route("<h1>t</h1> [y](http://evil.example)"), [HOSTILE, ORDINARY], 5)
    tokens = parser.parse(body)
    types = [t.type for t in tokens]
    assert types.count("heading_open") == 3
    assert types.count("table_open") == 1  # the evidence table only
    assert types.count("bullet_list_open") == 1  # the ticket's own facts
    assert not {"html_block", "fence", "code_block", "ordered_list_open", "hr"} & set(types)
    children = [c for t in tokens if t.children for c in t.children]
    assert not {"html_inline", "link_open", "image"} & {c.type for c in children}
    code = {c.content for c in children if c.type == "code_inline"}
    assert code == {"classifier_tuning", "C0001", "over_refusal"}  # the ticket's own only
    html = parser.render(body)
    assert "<script>" not in html and "<h1>t</h1>" not in html and "<h1>heading" not in html
    quote = html.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    assert "# heading" in quote and "&lt;script&gt;" in quote and ORDINARY in quote


def test_escaping_is_deterministic_so_a_resync_changes_nothing(tmp_path):
    conn = connect(str(tmp_path / "w.duckdb"))
    routes = pd.DataFrame([route()])
    texts = {("C0001", "all"): [HOSTILE]}
    first = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    again = sync_tickets(conn, routes, texts, DAY, tmp_path, 5)
    assert (first.created, again.unchanged) == (1, 1)
    body, digest = conn.execute(
        "select body_markdown, evidence_sha256 from tracker.tickets"
    ).fetchone()
    assert digest == hashlib.sha256(body.encode()).hexdigest()
    assert (tmp_path / "RB-C0001.md").read_text(encoding="utf-8") == body
    assert all(line.startswith("> ") for line in _examples(body))
