"""Replay a fixed prompt corpus against a release and compare its refusal rates with the last one.

A release that refuses more benign prompts is a regression even when every other eval is green.
Each release answers the same corpus (`prompt_id, prompt, expected` with `expected` `help` or
`refuse`, optional `category`; the bundled XSTest prompts by default), the refusal detector
(`pipeline.detection`) labels every response, and the release's false-refusal rate (refusals of
`help` prompts) and true-refusal rate (refusals of `refuse` prompts) are stored with their 95 %
Wilson intervals, overall and per category. A refusal is a full or a partial refusal.

A release regresses when its false-refusal rate rose by more than `replay.regression_margin`
over the baseline's and a one-sided two-proportion z-test finds the rise significant at
`replay.significance`; a true-refusal drop is judged the same way, mirrored, since a release
that stops refusing harmful prompts is as much a regression. Either one stands until a person
accepts it with a reason, which is recorded in `audit.replay_acceptances`.

The interval is the project's one Wilson rule, the dbt macro `wilson_bound` of
`dbt_project/macros/statistics.sql`, rendered here into the DuckDB query that computes the rates.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2
import pandas as pd

from pipeline.config import DBT_DIR, ConfigError, ReplayConfig
from pipeline.detection import FULL_REFUSAL, PARTIAL_REFUSAL, RefusalDetector

XSTEST = "xstest"
XSTEST_PROMPTS = Path(__file__).parent / "data" / "xstest" / "xstest_prompts.csv"
XSTEST_CITATION = (
    "XSTest (Röttger et al., NAACL 2024, https://aclanthology.org/2024.naacl-long.301/), "
    "prompts under CC-BY-4.0: pipeline/data/xstest/LICENSE"
)
HELP, REFUSE = "help", "refuse"
EXPECTED = (HELP, REFUSE)
REFUSALS = (FULL_REFUSAL, PARTIAL_REFUSAL)
OVERALL, CATEGORY = "overall", "category"
ALL = "all"
STATISTICS_MACROS = DBT_DIR / "macros" / "statistics.sql"
API_KEY_ENVS = ("REFUSAL_BACKLOG_REPLAY_API_KEY", "OPENAI_API_KEY")
# A release name is a folder under LANDING/releases/ and a Dagster partition key.
RELEASE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
SHOWN_IDS = 5  # ids an error lists before "and N more"

RESPONSES_TABLE = "analytics.release_replay_responses"
RATES_TABLE = "analytics.release_replay_rates"
REPLAYS_TABLE = "analytics.release_replays"
ACCEPTANCES_TABLE = "audit.replay_acceptances"


class ReplayInputError(ConfigError):
    """A corpus, responses file, release name or endpoint answer a person has to fix."""


def check_release_name(release: str) -> str:
    if not RELEASE_NAME.fullmatch(release):
        raise ReplayInputError(
            f"release name {release!r} is not letters, digits, '.', '_' or '-' starting with a "
            "letter or digit, at most 100 characters (e.g. --release 2026-12-01 or v4.2)"
        )
    return release


@dataclass(frozen=True)
class Corpus:
    """The prompts every release answers. `key` is their content's SHA-256: releases compare
    only on the same prompts, expectations and categories."""

    name: str
    prompts: pd.DataFrame  # prompt_id, prompt, expected, category (null: none given)
    citation: str | None = None

    @property
    def key(self) -> str:
        canonical = self.prompts[["prompt_id", "prompt", "expected", "category"]].to_csv(
            index=False
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _listed(values: Sequence[object]) -> str:
    shown = ", ".join(str(value) for value in values[:SHOWN_IDS])
    more = len(values) - SHOWN_IDS
    return shown + (f" and {more} more" if more > 0 else "")


def _read_csv(path: Path, what: str) -> pd.DataFrame:
    """Every cell as text, empty cells as empty strings: ids like 007 stay as written."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise ReplayInputError(f"{what} {path}: no such file (check the path)") from None
    except pd.errors.EmptyDataError:
        raise ReplayInputError(f"{what} {path} is empty (it needs a header row)") from None
    except (pd.errors.ParserError, UnicodeDecodeError, IsADirectoryError) as exc:
        detail = " ".join(str(exc).split())
        raise ReplayInputError(f"{what} {path} is not a UTF-8 CSV file: {detail}") from None


def _require_columns(frame: pd.DataFrame, required: Sequence[str], what: str) -> None:
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ReplayInputError(
            f"{what} lacks column(s) {', '.join(missing)} (it has {', '.join(frame.columns)}; "
            f"expected {', '.join(required)})"
        )


def _check_ids(ids: pd.Series, what: str) -> None:
    blank = ids.str.strip() == ""
    if blank.any():
        rows = [int(i) + 2 for i in ids.index[blank]]  # header is line 1
        raise ReplayInputError(f"{what} has rows without a prompt_id (lines {_listed(rows)})")
    duplicated = sorted(set(ids[ids.duplicated()]))
    if duplicated:
        raise ReplayInputError(
            f"{what} repeats prompt_id {_listed(duplicated)} (each prompt_id once)"
        )


def xstest_corpus() -> Corpus:
    """XSTest's 450 prompts: its 250 safe prompts should be helped, its 200 unsafe ones refused;
    the category is XSTest's `type` (e.g. `homonyms`, `contrast_homonyms`)."""
    frame = pd.read_csv(XSTEST_PROMPTS, dtype=str, keep_default_na=False)
    prompts = pd.DataFrame(
        {
            "prompt_id": frame["id"],
            "prompt": frame["prompt"],
            "expected": frame["label"].map({"safe": HELP, "unsafe": REFUSE}),
            "category": frame["type"],
        }
    )
    return Corpus(XSTEST, prompts, XSTEST_CITATION)


def load_corpus(spec: str) -> Corpus:
    """`xstest`, or a CSV file of `prompt_id, prompt, expected[, category]`."""
    if spec == XSTEST:
        return xstest_corpus()
    path = Path(spec)
    what = f"corpus {path}"
    frame = _read_csv(path, "corpus")
    _require_columns(frame, ("prompt_id", "prompt", "expected"), what)
    if frame.empty:
        raise ReplayInputError(f"{what} has no prompts (one row per prompt under the header)")
    frame["prompt_id"] = frame["prompt_id"].str.strip()
    _check_ids(frame["prompt_id"], what)
    expected = frame["expected"].str.strip().str.lower()
    bad = frame.loc[~expected.isin(EXPECTED), ["prompt_id", "expected"]]
    if len(bad):
        shown = [f"{row.prompt_id}: {row.expected!r}" for row in bad.itertuples()]
        raise ReplayInputError(
            f"{what}: expected must be 'help' or 'refuse', got {_listed(shown)}"
        )
    blank = frame["prompt"].str.strip() == ""
    if blank.any():
        ids = frame.loc[blank, "prompt_id"].tolist()
        raise ReplayInputError(f"{what}: prompt_id {_listed(ids)} has an empty prompt")
    category = frame["category"].str.strip() if "category" in frame.columns else None
    prompts = pd.DataFrame(
        {
            "prompt_id": frame["prompt_id"],
            "prompt": frame["prompt"],
            "expected": expected,
            "category": category.where(category != "") if category is not None else None,
        }
    )
    return Corpus(str(path), prompts)


def check_responses(corpus: Corpus, responses: pd.DataFrame, what: str) -> pd.DataFrame:
    """`prompt_id, response` for exactly the corpus's prompts, each once and non-empty, in the
    corpus's order."""
    _require_columns(responses, ("prompt_id", "response"), what)
    ids = responses["prompt_id"].astype(str).str.strip()
    _check_ids(ids, what)
    known = set(corpus.prompts["prompt_id"])
    unknown = [prompt_id for prompt_id in ids if prompt_id not in known]
    if unknown:
        raise ReplayInputError(
            f"{what} has prompt_id {_listed(unknown)} that corpus {corpus.name} does not hold "
            "(is it the responses to another corpus?)"
        )
    text = responses["response"].fillna("").astype(str)
    answered = dict(zip(ids, text, strict=True))
    unanswered = [
        prompt_id
        for prompt_id in corpus.prompts["prompt_id"]
        if not answered.get(prompt_id, "").strip()
    ]
    if unanswered:
        raise ReplayInputError(
            f"{what}: {len(unanswered)} of corpus {corpus.name}'s {len(known)} prompts have no "
            f"response (prompt_id {_listed(unanswered)}); every prompt needs one"
        )
    return pd.DataFrame(
        {
            "prompt_id": corpus.prompts["prompt_id"],
            "response": corpus.prompts["prompt_id"].map(answered),
        }
    )


def load_responses(corpus: Corpus, path: Path) -> pd.DataFrame:
    """The responses CSV (`prompt_id, response`), checked against the corpus."""
    return check_responses(corpus, _read_csv(path, "responses"), f"responses {path}")


# --- the endpoint ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Endpoint:
    """An OpenAI-compatible server: `POST {base_url}/chat/completions`."""

    base_url: str
    model: str
    api_key: str | None = None


class EndpointError(ReplayInputError):
    """The server refused or kept failing: what it said, and what to check."""


def _retry_after(value: str | None, now: Callable[[], datetime]) -> float | None:
    """Retry-After in seconds or as an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now()).total_seconds())


def backoff_delay(attempt: int, config: ReplayConfig, draw: Callable[[], float]) -> float:
    """Exponential backoff with full jitter: uniform in (0, backoff * 2**attempt], capped."""
    ceiling = min(config.max_wait_seconds, config.backoff_seconds * 2**attempt)
    return ceiling * max(draw(), 1e-3)


@dataclass
class ChatClient:
    """One completion per prompt, with retries on 429, 5xx and no answer.

    `sleep`, `draw` and `now` are the clock and randomness the retries use, so that a test can
    run them without waiting.
    """

    endpoint: Endpoint
    config: ReplayConfig
    sleep: Callable[[float], None] = time.sleep
    draw: Callable[[], float] = random.random
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def _request(self, prompt: str) -> urllib.request.Request:
        body = {
            "model": self.endpoint.model,
            "messages": [{"role": "user", "content": prompt}],
            "temperature": self.config.temperature,
            "max_tokens": self.config.max_tokens,
        }
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.endpoint.api_key:
            headers["Authorization"] = f"Bearer {self.endpoint.api_key}"
        url = self.endpoint.base_url.rstrip("/") + "/chat/completions"
        return urllib.request.Request(
            url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST"
        )

    def _content(self, payload: bytes, prompt_id: str) -> str:
        try:
            content = json.loads(payload)["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            content = None
        if not isinstance(content, str):
            raise EndpointError(
                f"endpoint {self.endpoint.base_url} answered prompt_id {prompt_id} without "
                "choices[0].message.content (is it an OpenAI-compatible chat-completions server?)"
            )
        return content

    def complete(self, prompt_id: str, prompt: str) -> str:
        """The model's answer to one prompt; EndpointError when it cannot be had."""
        last = ""
        for attempt in range(self.config.retries + 1):
            wait: float | None = None
            try:
                request = self._request(prompt)
                with urllib.request.urlopen(request, timeout=self.config.timeout_seconds) as reply:
                    return self._content(reply.read(), prompt_id)
            except urllib.error.HTTPError as exc:
                detail = exc.read(300).decode("utf-8", "replace")
                last = f"HTTP {exc.code}: {' '.join(detail.split())[:200]}"
                if exc.code != 429 and exc.code < 500:
                    raise EndpointError(
                        f"endpoint {self.endpoint.base_url} refused prompt_id {prompt_id}: "
                        f"{last} (check --endpoint, --model and ${API_KEY_ENVS[0]})"
                    ) from None
                wait = _retry_after(exc.headers.get("Retry-After"), self.now)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                last = f"no answer: {reason}"
            if attempt == self.config.retries:
                break
            delay = backoff_delay(attempt, self.config, self.draw) if wait is None else wait
            if delay > self.config.max_wait_seconds:
                raise EndpointError(
                    f"endpoint {self.endpoint.base_url} asks to wait {delay:.0f} s (Retry-After), "
                    f"longer than replay.max_wait_seconds ({self.config.max_wait_seconds:.0f})"
                )
            self.sleep(delay)
        raise EndpointError(
            f"endpoint {self.endpoint.base_url} failed prompt_id {prompt_id} "
            f"{self.config.retries + 1} times, last {last} (is the server up? retry later)"
        )

    def responses(self, corpus: Corpus) -> pd.DataFrame:
        """Every prompt's answer, at most `replay.concurrency` requests at a time."""
        prompts = corpus.prompts
        with ThreadPoolExecutor(max_workers=self.config.concurrency) as pool:
            answers = list(pool.map(self.complete, prompts["prompt_id"], prompts["prompt"]))
        return pd.DataFrame({"prompt_id": prompts["prompt_id"], "response": answers})


def api_key_from_env(environ: dict[str, str]) -> str | None:
    """The first of API_KEY_ENVS that is set: the key never goes on a command line."""
    return next((environ[name] for name in API_KEY_ENVS if environ.get(name)), None)


# --- rates and the regression test ----------------------------------------------------------


class _CompilerErrors:
    """dbt's `exceptions` as the statistics macros use it, outside dbt."""

    @staticmethod
    def raise_compiler_error(message: str) -> None:
        raise ConfigError(message)


@cache
def _statistics() -> Any:
    """The dbt statistics macros, callable from Python; they return SQL expressions."""
    template = jinja2.Environment().from_string(STATISTICS_MACROS.read_text(encoding="utf-8"))
    return template.make_module({"exceptions": _CompilerErrors()})


def _interval_columns(rate: str, count: str, n: str, z: str) -> str:
    """`rate`, `rate_low` and `rate_high` from the counts, with the project's Wilson bound."""
    p = f"({count})::double / nullif({n}, 0)"
    macros = _statistics()
    low, high = (macros.wilson_bound(p, n, z, side) for side in ("low", "high"))
    return f"{p} as {rate}, {low} as {rate}_low, {high} as {rate}_high"


def _rates_query(confidence: float) -> str:
    """Counts, rates and intervals of one stored replay, overall and per category."""
    z = str(_statistics().z_score(confidence))
    refused = f"detected_label in {REFUSALS}"
    return f"""
        with replayed as (
            select *, {refused} as refused, detected_label = '{PARTIAL_REFUSAL}' as partial
            from {RESPONSES_TABLE} where release = $release and corpus_key = $corpus_key
        ),
        grouped as (
            select '{OVERALL}' as grain, '{ALL}' as group_value, * from replayed
            union all
            select '{CATEGORY}', category, * from replayed where category is not null
        ),
        counts as (
            select grain, group_value,
                count(*) filter (where expected = '{HELP}') as help_prompts,
                count(*) filter (where expected = '{HELP}' and refused) as false_refusals,
                count(*) filter (where expected = '{HELP}' and partial) as partial_false_refusals,
                count(*) filter (where expected = '{REFUSE}') as refuse_prompts,
                count(*) filter (where expected = '{REFUSE}' and refused) as true_refusals,
                count(*) filter (where expected = '{REFUSE}' and partial) as partial_true_refusals
            from grouped group by grain, group_value
        )
        select $release as release, $corpus_key as corpus_key, grain, group_value,
            help_prompts, false_refusals, partial_false_refusals,
            {_interval_columns("false_refusal_rate", "false_refusals", "help_prompts", z)},
            refuse_prompts, true_refusals, partial_true_refusals,
            {_interval_columns("true_refusal_rate", "true_refusals", "refuse_prompts", z)}
        from counts
        order by grain = '{CATEGORY}', group_value
    """


@dataclass(frozen=True)
class RateChange:
    """A rate against the baseline's: the one-sided two-proportion z-test in `direction`
    (+1: did it rise? -1: did it fall?) and whether the change counts as a regression."""

    rate: float
    baseline_rate: float
    z: float
    p_value: float
    regression: bool

    @property
    def change(self) -> float:
        return self.rate - self.baseline_rate


def compare_rates(
    count: int,
    n: int,
    baseline_count: int,
    baseline_n: int,
    direction: int,
    margin: float,
    significance: float,
) -> RateChange:
    """A regression moves the rate in `direction` by more than `margin` and significantly: the
    pooled two-proportion z-test's one-sided p-value is under `significance`."""
    if n <= 0 or baseline_n <= 0:
        raise ValueError("compare_rates needs prompts on both sides")
    rate, baseline_rate = count / n, baseline_count / baseline_n
    pooled = (count + baseline_count) / (n + baseline_n)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / baseline_n))
    moved = direction * (rate - baseline_rate)
    z = moved / se if se > 0 else 0.0  # se 0: both rates 0 or both 1, nothing moved
    p_value = 0.5 * math.erfc(z / math.sqrt(2))
    return RateChange(
        rate, baseline_rate, z, p_value, moved > margin and p_value < significance
    )


@dataclass
class ReplaySummary:
    """One replay's outcome: what the CLI prints, `--json` emits and the warehouse keeps."""

    release: str
    corpus: str
    corpus_key: str
    citation: str | None
    rates: pd.DataFrame  # one row per grain and group, as RATES_TABLE holds them
    baseline: str | None
    false_refusal_change: RateChange | None
    true_refusal_change: RateChange | None
    config: ReplayConfig
    accepted_reason: str | None = None

    @property
    def overall(self) -> dict[str, Any]:
        return self.rates[self.rates["grain"] == OVERALL].iloc[0].to_dict()

    @property
    def false_refusal_regression(self) -> bool:
        return bool(self.false_refusal_change and self.false_refusal_change.regression)

    @property
    def true_refusal_drop(self) -> bool:
        return bool(self.true_refusal_change and self.true_refusal_change.regression)

    @property
    def regression(self) -> bool:
        return self.false_refusal_regression or self.true_refusal_drop

    @property
    def accepted(self) -> bool:
        return self.regression and self.accepted_reason is not None

    def to_json(self) -> dict[str, Any]:
        overall = self.overall

        def side(prefix: str, row: dict[str, Any]) -> dict[str, Any]:
            refusals = row[f"{'false' if prefix == 'false' else 'true'}_refusals"]
            return {
                f"{prefix}_refusal_rate": _number(row[f"{prefix}_refusal_rate"]),
                f"{prefix}_refusal_interval": [
                    _number(row[f"{prefix}_refusal_rate_low"]),
                    _number(row[f"{prefix}_refusal_rate_high"]),
                ],
                f"{prefix}_refusal_partial_share": _number(
                    row[f"partial_{prefix}_refusals"] / refusals if refusals else None
                ),
            }

        def change(value: RateChange | None) -> dict[str, Any] | None:
            if value is None:
                return None
            return {
                "baseline_rate": value.baseline_rate,
                "change": value.change,
                "z": value.z,
                "p_value": value.p_value,
                "regression": value.regression,
            }

        categories = {
            row["group_value"]: {
                "help_prompts": int(row["help_prompts"]),
                "refuse_prompts": int(row["refuse_prompts"]),
                **side("false", row),
                **side("true", row),
            }
            for row in self.rates[self.rates["grain"] == CATEGORY].to_dict("records")
        }
        return {
            "release": self.release,
            "baseline": self.baseline,
            "corpus": self.corpus,
            "corpus_key": self.corpus_key,
            "corpus_citation": self.citation,
            "prompts": int(overall["help_prompts"] + overall["refuse_prompts"]),
            "help_prompts": int(overall["help_prompts"]),
            "refuse_prompts": int(overall["refuse_prompts"]),
            **side("false", overall),
            **side("true", overall),
            "confidence": self.config.confidence,
            "regression_margin": self.config.regression_margin,
            "significance": self.config.significance,
            "false_refusal_change": change(self.false_refusal_change),
            "true_refusal_change": change(self.true_refusal_change),
            "false_refusal_regression": self.false_refusal_regression,
            "true_refusal_drop": self.true_refusal_drop,
            "regression": self.regression,
            "accepted": self.accepted,
            "accepted_reason": self.accepted_reason if self.accepted else None,
            "categories": categories,
        }

    def lines(self) -> list[str]:
        """The text summary: both rates, the comparison and the verdict."""
        overall = self.overall
        cited = f"; {self.citation}" if self.citation else ""
        lines = [
            f"release {self.release} on corpus {self.corpus} "
            f"({int(overall['help_prompts'] + overall['refuse_prompts'])} prompts{cited})"
        ]
        for prefix, prompts, kind in (("false", "help", "help"), ("true", "refuse", "refuse")):
            n = int(overall[f"{prompts}_prompts"])
            refusals = int(overall[f"{prefix}_refusals"])
            if not n:
                lines.append(f"{prefix}-refusal rate: no '{kind}' prompts in the corpus")
                continue
            partial = int(overall[f"partial_{prefix}_refusals"])
            lines.append(
                f"{prefix}-refusal rate: {_interval(overall, f'{prefix}_refusal_rate')} "
                f"({refusals} of {n} '{kind}' prompts refused, {partial} of them partly)"
            )
        if self.baseline is None:
            lines.append("baseline: none (the first release replayed on this corpus)")
        for name, value, verdict in (
            ("false-refusal rate", self.false_refusal_change, "rose"),
            ("true-refusal rate", self.true_refusal_change, "fell"),
        ):
            if value is None:
                continue
            outcome = f"REGRESSION: it {verdict} significantly" if value.regression else "ok"
            lines.append(
                f"vs {self.baseline}: {name} {value.baseline_rate:.1%} -> {value.rate:.1%} "
                f"({value.change * 100:+.1f} points, one-sided p = {value.p_value:.3g}): {outcome}"
            )
        if self.accepted:
            lines.append(f"regression accepted: {self.accepted_reason}")
        elif self.regression:
            lines.append(
                f"regression (margin {self.config.regression_margin:.0%}, level "
                f"{self.config.significance}): accept it with --accept-regression \"why\""
            )
        return lines


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _interval(row: dict[str, Any], rate: str) -> str:
    return f"{row[rate]:.1%} [{row[f'{rate}_low']:.1%}, {row[f'{rate}_high']:.1%}]"


# --- storing a replay -----------------------------------------------------------------------


def replayed_releases(conn: duckdb.DuckDBPyConnection, corpus_key: str) -> list[str]:
    """Releases replayed on this corpus, in the order they were first replayed."""
    rows = conn.execute(
        f"select release from {REPLAYS_TABLE} where corpus_key = ? "
        "order by first_replayed_at, release",
        [corpus_key],
    ).fetchall()
    return [release for (release,) in rows]


def resolve_baseline(
    conn: duckdb.DuckDBPyConnection, corpus: Corpus, release: str, baseline: str | None
) -> str | None:
    """The named baseline, else the release replayed on this corpus just before this one
    (first replays count: re-replaying a release keeps its place)."""
    releases = replayed_releases(conn, corpus.key)
    if baseline is not None:
        if baseline == release:
            raise ReplayInputError(f"--baseline {baseline} is the release itself (name another)")
        if baseline not in releases:
            held = _listed(releases) if releases else "none"
            raise ReplayInputError(
                f"--baseline {baseline} was never replayed on corpus {corpus.name} "
                f"(replayed on it: {held})"
            )
        return baseline
    earlier = releases[: releases.index(release)] if release in releases else releases
    return earlier[-1] if earlier else None


def _overall_counts(
    conn: duckdb.DuckDBPyConnection, release: str, corpus_key: str
) -> dict[str, int]:
    row = conn.execute(
        f"""select help_prompts, false_refusals, refuse_prompts, true_refusals from {RATES_TABLE}
            where release = ? and corpus_key = ? and grain = '{OVERALL}'""",
        [release, corpus_key],
    ).fetchone()
    assert row is not None, f"{release} has no stored rates"
    return dict(zip(("help", "false", "refuse", "true"), row, strict=True))


def _changes(
    current: dict[str, int], baseline: dict[str, int], config: ReplayConfig
) -> tuple[RateChange | None, RateChange | None]:
    settings = {"margin": config.regression_margin, "significance": config.significance}
    false_change = true_change = None
    if current["help"] and baseline["help"]:
        false_change = compare_rates(
            current["false"], current["help"], baseline["false"], baseline["help"], +1, **settings
        )
    if current["refuse"] and baseline["refuse"]:
        true_change = compare_rates(
            current["true"], current["refuse"], baseline["true"], baseline["refuse"], -1, **settings
        )
    return false_change, true_change


def replay_release(
    conn: duckdb.DuckDBPyConnection,
    corpus: Corpus,
    release: str,
    responses: pd.DataFrame,
    detector: RefusalDetector,
    config: ReplayConfig,
    source: str,
    baseline: str | None = None,
    accept_reason: str | None = None,
    now: datetime | None = None,
) -> ReplaySummary:
    """Detect refusals in the release's responses, store them and their rates (replacing an
    earlier replay of the release on this corpus), compare with the baseline, and record an
    acceptance when a regression is accepted. `responses` is checked against the corpus."""
    check_release_name(release)
    if accept_reason is not None and not accept_reason.strip():
        raise ReplayInputError("--accept-regression needs a reason (e.g. \"new policy on ...\")")
    responses = check_responses(corpus, responses, f"responses of {release}")
    baseline = resolve_baseline(conn, corpus, release, baseline)
    now = now or datetime.now(UTC).replace(tzinfo=None)
    detections = detector.detect(responses["response"].tolist())
    rows = corpus.prompts.assign(
        release=release,
        corpus=corpus.name,
        corpus_key=corpus.key,
        response=responses["response"].to_numpy(),
        detected_label=[d.label for d in detections],
        refusal_score=[d.refusal_score for d in detections],
        replayed_at=now,
    )
    where, key = "release = ? and corpus_key = ?", [release, corpus.key]
    conn.execute("begin transaction")
    try:
        first = conn.execute(
            f"select first_replayed_at from {REPLAYS_TABLE} where {where}", key
        ).fetchone()
        for table in (RESPONSES_TABLE, RATES_TABLE, REPLAYS_TABLE):
            conn.execute(f"delete from {table} where {where}", key)
        conn.register("replayed_responses", rows)
        conn.execute(f"insert into {RESPONSES_TABLE} by name select * from replayed_responses")
        conn.unregister("replayed_responses")
        query = _rates_query(config.confidence)
        params = {"release": release, "corpus_key": corpus.key}
        conn.execute(f"insert into {RATES_TABLE} by name {query}", params)
        rates = conn.execute(query, params).df()
        false_change = true_change = None
        if baseline is not None:
            false_change, true_change = _changes(
                _overall_counts(conn, release, corpus.key),
                _overall_counts(conn, baseline, corpus.key),
                config,
            )
        summary = ReplaySummary(
            release,
            corpus.name,
            corpus.key,
            corpus.citation,
            rates,
            baseline,
            false_change,
            true_change,
            config,
            accept_reason.strip() if accept_reason else None,
        )
        _store_replay(conn, summary, source, first[0] if first else now, now)
        conn.execute("commit")
    except Exception:
        conn.execute("rollback")
        raise
    return summary


def _store_replay(
    conn: duckdb.DuckDBPyConnection,
    summary: ReplaySummary,
    source: str,
    first_replayed_at: datetime,
    now: datetime,
) -> None:
    false_change, true_change = summary.false_refusal_change, summary.true_refusal_change
    overall = summary.overall
    conn.execute(
        f"""insert into {REPLAYS_TABLE} values
            (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            summary.release,
            summary.corpus,
            summary.corpus_key,
            source,
            summary.baseline,
            _number(overall["false_refusal_rate"]),
            false_change.baseline_rate if false_change else None,
            false_change.p_value if false_change else None,
            summary.false_refusal_regression,
            _number(overall["true_refusal_rate"]),
            true_change.baseline_rate if true_change else None,
            true_change.p_value if true_change else None,
            summary.true_refusal_drop,
            summary.config.regression_margin,
            summary.config.significance,
            summary.config.confidence,
            summary.regression,
            summary.accepted,
            summary.accepted_reason if summary.accepted else None,
            first_replayed_at,
            now,
        ],
    )
    if summary.accepted:
        conn.execute(
            f"insert into {ACCEPTANCES_TABLE} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                now,
                summary.release,
                summary.baseline,
                summary.corpus_key,
                _number(overall["false_refusal_rate"]),
                false_change.baseline_rate if false_change else None,
                false_change.p_value if false_change else None,
                _number(overall["true_refusal_rate"]),
                true_change.baseline_rate if true_change else None,
                true_change.p_value if true_change else None,
                summary.accepted_reason,
            ],
        )


# --- the trend across releases --------------------------------------------------------------


def release_trend(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Both rates of every replayed release with their intervals, per corpus in replay order,
    and whether each was a regression and accepted: what the report and the site show."""
    return conn.execute(
        f"""
        select p.corpus, p.release, p.baseline, p.first_replayed_at, p.replayed_at,
               r.help_prompts, r.false_refusals, r.false_refusal_rate,
               r.false_refusal_rate_low, r.false_refusal_rate_high,
               r.refuse_prompts, r.true_refusals, r.true_refusal_rate,
               r.true_refusal_rate_low, r.true_refusal_rate_high,
               p.false_refusal_regression, p.true_refusal_drop, p.regression, p.accepted
        from {REPLAYS_TABLE} p
        join {RATES_TABLE} r
          on r.release = p.release and r.corpus_key = p.corpus_key and r.grain = '{OVERALL}'
        order by p.corpus, p.corpus_key, p.first_replayed_at, p.release
        """
    ).df()


def _rate_cell(row: Any, rate: str) -> str:
    value = getattr(row, rate)
    if pd.isna(value):
        return "n/a"
    low, high = getattr(row, f"{rate}_low"), getattr(row, f"{rate}_high")
    return f"{value:.1%} ({low:.1%}-{high:.1%})"


def _baseline_cell(baseline: object) -> str:
    return "-" if baseline is None or pd.isna(baseline) else str(baseline)


def release_trend_markdown(trend: pd.DataFrame) -> list[str]:
    """The trend as a Markdown section (lines), one table per corpus."""
    lines = ["", "## Release replays", ""]
    if trend.empty:
        return [*lines, "No release has been replayed yet (`refusal-backlog replay`)."]
    for corpus, rows in trend.groupby("corpus", sort=False):
        lines += [
            f"Corpus `{corpus}`: refusals of prompts to help (false) and to refuse (true), "
            "95 % intervals.",
            "",
            "| release | baseline | false-refusal rate | true-refusal rate | regression |",
            "| --- | --- | --- | --- | --- |",
        ]
        for row in rows.itertuples():
            verdict = ("accepted" if row.accepted else "yes") if row.regression else ""
            lines.append(
                f"| {row.release} | {_baseline_cell(row.baseline)} | "
                f"{_rate_cell(row, 'false_refusal_rate')} | {_rate_cell(row, 'true_refusal_rate')}"
                f" | {verdict} |"
            )
        lines.append("")
    return lines[:-1]


def release_trend_section(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """The daily report's section: the trend once a release has been replayed, else nothing
    (a deployment that never replays has no use for the heading)."""
    trend = release_trend(conn)
    return [] if trend.empty else release_trend_markdown(trend)
