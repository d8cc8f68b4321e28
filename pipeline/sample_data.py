"""Seeded, realistic sample landing data: refusal logs, review labels and traffic.

The pipeline needs input that exercises every reader and every failure path (three file
formats, malformed lines, duplicate deliveries, late arrivals, planted PII, timezone
offsets) and that carries ground truth (intent of each event, planted PII), so tests can
score what the pipeline finds. Everything comes from one ``random.Random(seed)``: the
same arguments always give byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import random
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.ingest import EVENT_COLUMNS

LAYERS: tuple[str, ...] = ("model", "classifier", "gateway")
MODEL_VERSIONS: tuple[str, str] = ("assistant-2026-09", "assistant-2026-11")
REVIEWERS: tuple[str, ...] = tuple(f"rev-{i:02d}" for i in range(1, 6))
DAY_SECONDS = 86_400

# Chance that the user rephrases and retries the same request right after a refusal.
RETRY_PROB: Mapping[str, float] = {
    "over_refusal": 0.55,
    "capability_gap": 0.45,
    "policy_mismatch": 0.5,
    "policy": 0.35,
    "monitor": 0.05,
}
# What a correct reviewer answers for each underlying reason type.
VERDICT_OF: Mapping[str, str] = {
    "over_refusal": "should_help",
    "capability_gap": "should_help",
    "policy_mismatch": "should_help",
    "policy": "should_refuse",
}
MALFORMED_REASONS: tuple[str, ...] = (
    "truncated_json",
    "non_utf8",
    "wrong_type_turn_index",
    "wrong_type_request_text",
    "missing_required_field",
    "timestamp_without_offset",
    "unparseable_timestamp",
    "empty_request_text",
    "layer_not_in_enum",
)
MALFORMED_PER_JSONL_FILE = 5
_RAW_MARK = "<<raw-bytes>>"  # replaced by raw non-UTF-8 bytes after encoding

# Segment -> (share of users, locales with weights, UTC offsets some clients log in).
SEGMENTS: Mapping[str, tuple[float, tuple[tuple[str, float], ...], tuple[str, ...]]] = {
    "en-US": (0.4, (("en-US", 0.9), ("en-CA", 0.1)), ("-05:00", "-08:00")),
    "en-IN": (0.2, (("en-IN", 0.8), ("hi-IN", 0.2)), ("+05:30",)),
    "es-ES": (0.2, (("es-ES", 0.85), ("ca-ES", 0.15)), ("+01:00",)),
    "de-DE": (0.2, (("de-DE", 0.8), ("de-AT", 0.2)), ("+01:00",)),
}
# Requests served per refusal: the audit should find en-IN refused about twice as often.
TRAFFIC_PER_REFUSAL: Mapping[str, float] = {
    "en-US": 36.0,
    "en-IN": 18.0,
    "es-ES": 34.0,
    "de-DE": 38.0,
}
ACCOUNT_TYPES: Mapping[str, float] = {
    "free": 0.5,
    "pro": 0.28,
    "enterprise": 0.12,
    "verified_professional": 0.1,
}
# Professionals ask the questions policy blocks for them; the mean factor stays near 1.
PROFESSIONAL_AFFINITY: Mapping[str, float] = {
    "free": 0.15,
    "pro": 0.3,
    "enterprise": 2.5,
    "verified_professional": 8.0,
}
SURFACES: Mapping[str, float] = {"chat": 0.7, "api": 0.2, "support_bot": 0.1}
SURFACES_ENTERPRISE: Mapping[str, float] = {"chat": 0.4, "api": 0.55, "support_bot": 0.05}

GENERIC_REFUSALS: tuple[str, ...] = (
    "I can't help with that.",
    "I'm sorry, but I can't assist with this request.",
    "I'm not able to help with that request.",
    "Sorry, this request goes against our content policy.",
)
GATEWAY_BLOCKS: tuple[str, ...] = (
    "Your request was blocked by our content filter.",
    "[blocked] This request cannot be processed.",
    "Request rejected by safety filter (code 451).",
)
GATEWAY_UNSUPPORTED: tuple[str, ...] = (
    "This feature isn't available in this product.",
    "Unsupported request type.",
)
RETRY_LEADS: tuple[str, ...] = (
    "Let me rephrase. ",
    "I'm asking for a legitimate reason: ",
    "To be clear, this is for work: ",
    "ok, asking differently: ",
    "Not trying to do anything bad, ",
)
CASUAL_LEADS: tuple[str, ...] = ("hey ", "hi, ", "quick question: ", "pls help: ", "ok so ")
CASUAL_TAILS: tuple[str, ...] = (" thanks", " asap", "??", " thx in advance", " :)")

FEEDBACK: Mapping[str, tuple[str, ...]] = {
    "over_refusal": (
        "This was a completely harmless question.",
        "Why is this blocked? It's basic stuff.",
        "The filter is way too strict, I was asking about computers.",
        "Refusing this makes the product useless for my job.",
    ),
    "capability_gap": (
        "Please add support for this, I need it daily.",
        "Other tools can do this already.",
        "Would pay more for this feature.",
        "Thought this was supported, very disappointing.",
    ),
    "policy_mismatch": (
        "I'm a verified professional, this should be allowed for my account.",
        "We bought the enterprise plan for exactly this use case.",
        "This is standard professional practice, please review the policy.",
    ),
    "policy": ("censorship!", "Just answer the question.", "Stop lecturing me."),
}

FIRST_LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("Maria", "Gonzalez"),
    ("John", "Carter"),
    ("Priya", "Raman"),
    ("Lukas", "Becker"),
    ("Sofía", "Martín"),
    ("Ahmed", "Khan"),
    ("Emily", "Nguyen"),
    ("Rahul", "Mehta"),
    ("Jürgen", "Schäfer"),
    ("Lucía", "Fernández"),
    ("Daniel", "O'Brien"),
    ("Hannah", "Schmidt"),
    ("Ananya", "Iyer"),
    ("Carlos", "Ruiz"),
    ("Grace", "Whitfield"),
    ("Tobias", "Krüger"),
)
ADDRESSES: tuple[str, ...] = (
    "{n} Maple Avenue, Springfield, IL 62704",
    "Calle de Alcalá {n}, 28014 Madrid",
    "Hauptstraße {n}, 10827 Berlin",
    "{n} MG Road, Bengaluru 560001",
    "{n} Elm Street, Portland, OR 97205",
)
EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net")
PII_FRAGMENTS: tuple[tuple[str, str], ...] = (
    ("name", "My name is {v}."),
    ("name", "This is {v} writing."),
    ("email", "You can email me at {v}."),
    ("email", "Please send the answer to {v}."),
    ("phone", "My number is {v}, text me."),
    ("phone", "Call me back on {v}."),
    ("card", "Please bill my card {v}."),
    ("address", "I live at {v}."),
)
MEDICAL_PII_FRAGMENT = ("name", "This is for my patient {v}.")
REVIEW_NOTES: tuple[str, ...] = (
    "borderline, discussed with team",
    "user context suggests a legitimate need",
    "clear policy violation",
    "product limitation, not a safety issue",
)


@dataclass(frozen=True)
class SampleManifest:
    """Ground truth about one generated landing folder, for tests to score against.

    late_event_ids lists events delivered only in the next day's file; a copy of an event
    re-delivered in a later day's file is counted in duplicate_deliveries instead.
    """

    days: list[str]
    events_written: int
    lines_written: int
    malformed_lines: int
    malformed_by_reason: dict[str, int]
    duplicate_deliveries: int
    late_event_ids: list[str]
    planted_pii: list[str]
    intent_of_event: dict[str, str]
    intent_type: dict[str, str]
    review_labels_written: int


@dataclass(frozen=True)
class Intent:
    """One thing users ask for, with its wording variants and how the product refuses it."""

    name: str
    kind: str
    weight: float
    category: str
    policy_rule: str | None
    layer_weights: tuple[float, float, float]
    templates: tuple[str, ...]
    slots: Mapping[str, tuple[str, ...]]
    responses: tuple[str, ...]
    truth: str = ""  # underlying reason type for monitor intents; defaults to kind
    account_affinity: Mapping[str, float] = field(default_factory=dict)
    segment_affinity: Mapping[str, float] = field(default_factory=dict)

    @property
    def reason_type(self) -> str:
        return self.truth or self.kind


# The intents, their wordings and the product's refusals: data, kept apart from the code that
# draws from them (`pipeline/data/sample_intents.json`).
INTENTS_FILE = Path(__file__).parent / "data" / "sample_intents.json"


def _load_intents(path: Path = INTENTS_FILE) -> tuple[Intent, ...]:
    def frozen(value: object) -> object:
        if isinstance(value, list):
            return tuple(frozen(v) for v in value)
        if isinstance(value, dict):
            return {k: frozen(v) for k, v in value.items()}
        return value

    rows = json.loads(path.read_text(encoding="utf-8"))
    return tuple(Intent(**{k: frozen(v) for k, v in row.items()}) for row in rows)


INTENTS: tuple[Intent, ...] = _load_intents()


@dataclass(frozen=True)
class _User:
    user_id: str
    account_type: str
    segment: str
    locale: str
    offset: str | None  # None: the client logs in UTC ("Z")


@dataclass
class _Event:
    """A valid generated event plus the ground truth the files don't show."""

    record: dict[str, object]
    intent: Intent
    at: datetime  # UTC


@dataclass(frozen=True)
class _Malformed:
    reason: str
    data: bytes


_Row = _Event | _Malformed


class _Generator:
    """Holds the one RNG and the ground truth collected while generating."""

    def __init__(self, seed: int, events_per_day: int) -> None:
        self.rng = random.Random(seed)
        self.events_per_day = events_per_day
        self.ids: set[str] = set()
        self.pii: dict[str, None] = {}  # insertion-ordered set of planted literals

    # --- identities -----------------------------------------------------------------------
    def unique(self, make: Callable[[], str]) -> str:
        while (value := make()) in self.ids:
            pass
        self.ids.add(value)
        return value

    def hex_id(self, prefix: str, digits: int) -> str:
        return self.unique(lambda: f"{prefix}{self.rng.getrandbits(4 * digits):0{digits}x}")

    def weighted(self, options: Mapping[str, float]) -> str:
        return self.rng.choices(list(options), weights=list(options.values()))[0]

    def users(self, n: int) -> list[_User]:
        users = []
        for _ in range(n):
            segment = self.weighted({name: spec[0] for name, spec in SEGMENTS.items()})
            _, locales, offsets = SEGMENTS[segment]
            users.append(
                _User(
                    user_id=self.unique(lambda: f"u-{self.rng.randrange(10**6, 10**7)}"),
                    account_type=self.weighted(ACCOUNT_TYPES),
                    segment=segment,
                    locale=self.weighted(dict(locales)),
                    offset=self.rng.choice(offsets) if self.rng.random() < 0.2 else None,
                )
            )
        return users

    # --- PII ------------------------------------------------------------------------------
    def pii_value(self, kind: str) -> str:
        rng = self.rng
        first, last = rng.choice(FIRST_LAST_NAMES)
        if kind == "name":
            return f"{first} {last}"
        if kind == "email":
            local = f"{_ascii(first)}.{_ascii(last)}{rng.randint(10, 99)}"
            return f"{local}@{rng.choice(EMAIL_DOMAINS)}"
        if kind == "phone":
            return self.phone()
        if kind == "card":
            return self.card()
        return rng.choice(ADDRESSES).format(n=rng.randint(2, 480))

    def phone(self) -> str:
        """US numbers in the reserved 555-01xx range, and international ones as users type them."""
        r = self.rng.randint
        formats: tuple[Callable[[], str], ...] = (
            lambda: f"+1 ({r(201, 989)}) 555-01{r(0, 99):02d}",
            lambda: f"{r(201, 989)}-555-01{r(0, 99):02d}",
            lambda: f"+49 30 {r(1000, 9999)} {r(1000, 9999)}",
            lambda: f"+34 6{r(10, 99)} {r(100, 999)} {r(100, 999)}",
            lambda: f"+91 9{r(1000, 9999)} {r(10000, 99999)}",
            lambda: f"+44 7700 900{r(100, 999)}",
        )
        return self.rng.choice(formats)()

    def card(self) -> str:
        """A Luhn-valid 16-digit Visa or Mastercard number, grouped like people type it."""
        head = "4" if self.rng.random() < 0.6 else f"5{self.rng.randint(1, 5)}"
        payload = head + "".join(str(self.rng.randrange(10)) for _ in range(15 - len(head)))
        digits = payload + _luhn_check_digit(payload)
        return self.rng.choice((" ", "-")).join(digits[i : i + 4] for i in range(0, 16, 4))

    def plant_pii(self, text: str, fragments: tuple[tuple[str, str], ...]) -> str:
        kind, fragment = self.rng.choice(fragments)
        value = self.pii_value(kind)
        self.pii[value] = None
        phrase = fragment.format(v=value)
        if self.rng.random() < 0.5:
            return f"{phrase} {text}"
        return f"{text}{' ' if text[-1] in '.?!)' else '. '}{phrase}"

    # --- texts ----------------------------------------------------------------------------
    def request_text(
        self,
        intent: Intent,
        template: int,
        fillers: Mapping[str, str],
        retry: bool,
        allow_pii: bool = True,
    ) -> str:
        rng = self.rng
        text = intent.templates[template].format(**fillers)
        if retry and rng.random() < 0.35:
            text = rng.choice(RETRY_LEADS) + text
        elif rng.random() < 0.12:
            text = rng.choice(CASUAL_LEADS) + text
        elif rng.random() < 0.3:
            text = text[0].upper() + text[1:]
        if rng.random() < 0.1:
            text += rng.choice(CASUAL_TAILS)
        if allow_pii and rng.random() < 0.08:
            medical = intent.category == "medical"
            fragments = PII_FRAGMENTS + ((MEDICAL_PII_FRAGMENT,) * 3 if medical else ())
            text = self.plant_pii(text, fragments)
        return text

    def feedback_text(self, intent: Intent) -> str:
        text = self.rng.choice(FEEDBACK[intent.reason_type])
        if self.rng.random() < 0.35:
            text = self.plant_pii(text, PII_FRAGMENTS[:6])
        return text

    # --- sessions -------------------------------------------------------------------------
    def pick_intent(self, user: _User, exclude: Intent | None = None) -> Intent:
        options = [i for i in INTENTS if i is not exclude]
        weights = [
            i.weight
            * i.account_affinity.get(user.account_type, 1.0)
            * i.segment_affinity.get(user.segment, 1.0)
            for i in options
        ]
        return self.rng.choices(options, weights=weights)[0]

    def fillers(self, intent: Intent) -> dict[str, str]:
        return {slot: self.rng.choice(values) for slot, values in intent.slots.items()}

    def record(
        self,
        user: _User,
        session: Mapping[str, str],
        turn: int,
        at: datetime,
        intent: Intent,
        text: str,
    ) -> dict[str, object]:
        rng = self.rng
        layer = rng.choices(LAYERS, weights=intent.layer_weights)[0]
        unsupported = intent.reason_type == "capability_gap"
        if layer == "gateway":
            response = rng.choice(GATEWAY_UNSUPPORTED if unsupported else GATEWAY_BLOCKS)
            rule: str | None = (
                "gw.unsupported_input.v1" if unsupported else f"gw.{intent.category}.blocklist.v1"
            )
            category = intent.category if rng.random() < 0.5 else None
        else:
            response, rule = rng.choice(intent.responses), intent.policy_rule
            category = intent.category
        return {
            "event_id": self.hex_id("evt-", 12),
            "occurred_at": _format_time(at, user.offset),
            "user_id": user.user_id,
            "session_id": session["session_id"],
            "turn_index": turn,
            "request_text": text,
            "response_text": response,
            "refusal_category": category,
            "policy_rule": rule,
            "layer": layer,
            "surface": session["surface"],
            "model_version": session["model_version"],
            "account_type": user.account_type,
            "user_segment": user.segment,
            "locale": user.locale,
            "next_action": None,
            "feedback_text": None,
        }

    def session(self, user: _User, day: date, day_index: int, budget: int) -> list[_Event]:
        """One session of 1-4 refusals: retries rephrase the same intent, others move on."""
        rng = self.rng
        enterprise = user.account_type == "enterprise"
        new_model = rng.random() < min(0.9, 0.3 + 0.3 * day_index)  # a rollout in progress
        session = {
            "session_id": self.hex_id("s-", 10),
            "surface": self.weighted(SURFACES_ENTERPRISE if enterprise else SURFACES),
            "model_version": MODEL_VERSIONS[1] if new_model else MODEL_VERSIONS[0],
        }
        midnight = datetime.combine(day, time(), tzinfo=UTC)
        seconds, turn = rng.randrange(DAY_SECONDS), rng.randint(0, 3)
        intent = self.pick_intent(user)
        fillers, template, retry = self.fillers(intent), rng.randrange(len(intent.templates)), False
        events: list[_Event] = []
        while True:
            at = midnight + timedelta(seconds=seconds)
            text = self.request_text(intent, template, fillers, retry)
            record = self.record(user, session, turn, at, intent, text)
            events.append(_Event(record, intent, at))
            feedback = rng.random() < 0.03
            if feedback:
                record["feedback_text"] = self.feedback_text(intent)
            if not feedback and rng.random() < RETRY_PROB[intent.kind]:
                action, gap = "rephrase_retry", rng.randint(20, 180)
            elif rng.random() < 0.3:
                action, gap = "continued", rng.randint(300, 1800)
            else:
                action, gap = "session_end", 0
            if len(events) >= min(4, budget) or seconds + gap >= DAY_SECONDS:
                action = "session_end"
            if action == "session_end":
                action = "abandon" if rng.random() < 0.6 else "session_end"
            truth = "feedback" if feedback else action
            record["next_action"] = truth if rng.random() < 0.5 else None
            if action in ("abandon", "session_end"):
                return events
            seconds += gap
            if action == "rephrase_retry":
                turn += 1
                template = rng.choice([i for i in range(len(intent.templates)) if i != template])
                retry = True
            else:
                turn += rng.randint(2, 5)
                intent = self.pick_intent(user, exclude=intent)
                fillers, template = self.fillers(intent), rng.randrange(len(intent.templates))
                retry = False

    def day_events(self, day: date, day_index: int, active: list[_User]) -> list[_Event]:
        """Exactly events_per_day events, every active user starting at least one session."""
        queue = self.rng.sample(active, len(active))
        events: list[_Event] = []
        while len(events) < self.events_per_day:
            user = queue.pop() if queue else self.rng.choice(active)
            budget = self.events_per_day - len(events)
            events.extend(self.session(user, day, day_index, budget))
        return sorted(events, key=lambda e: (e.at, str(e.record["event_id"])))

    # --- delivery: files, late lines, duplicates, malformed lines -------------------------
    def malformed(self, reason: str, base: _Event) -> _Malformed:
        """A line that breaks the contract in one way, built from a real-looking event."""
        rec = dict(base.record)
        rec["event_id"] = self.hex_id("evt-", 12)
        rec["request_text"] = self.request_text(
            base.intent,
            self.rng.randrange(len(base.intent.templates)),
            self.fillers(base.intent),
            retry=False,
            allow_pii=False,
        )
        rec["feedback_text"] = None
        if reason == "truncated_json":
            line = _json_line(rec)
            return _Malformed(reason, line[: len(line) // 2].encode("utf-8"))
        if reason == "non_utf8":
            rec["request_text"] = f"{rec['request_text']} {_RAW_MARK}"
            return _Malformed(
                reason,
                _json_line(rec)
                .encode("utf-8")
                .replace(_RAW_MARK.encode("ascii"), b"\xff\xfe caf\xe9"),
            )
        if reason == "missing_required_field":
            del rec["user_id"]
        else:
            field_name, value = {
                "wrong_type_turn_index": ("turn_index", "three"),
                "wrong_type_request_text": ("request_text", self.rng.randint(100, 99_999)),
                "timestamp_without_offset": ("occurred_at", base.at.strftime("%Y-%m-%dT%H:%M:%S")),
                "unparseable_timestamp": ("occurred_at", "yesterday"),
                "empty_request_text": ("request_text", ""),
                "layer_not_in_enum": ("layer", "edge_proxy"),
            }[reason]
            rec[field_name] = value
        return _Malformed(reason, _json_line(rec).encode("utf-8"))

    def insert(self, rows: list[_Row], row: _Row, lo: int = 0, hi: int | None = None) -> None:
        rows.insert(self.rng.randint(lo, len(rows) if hi is None else min(hi, len(rows))), row)

    def deliver(
        self, per_day: list[list[_Event]], days: list[date]
    ) -> tuple[list[list[tuple[str, list[_Row]]]], list[str], int]:
        """Lay events out in landing files: late lines, re-deliveries and broken lines included.

        Returns (per landing day: [(file name, rows)]), the late event ids, the duplicate count.
        """
        rng, n_days, one_pct = self.rng, len(days), max(1, round(0.01 * self.events_per_day))
        late: list[list[_Event]] = [[] for _ in days]  # late[d]: day d events landing in d+1
        for d in range(n_days - 1):
            evening = [e for e in per_day[d] if e.at.hour >= 21]
            pool = evening if len(evening) >= one_pct else per_day[d][-one_pct:]
            late[d] = sorted(rng.sample(pool, one_pct), key=lambda e: e.at)
        late_ids = {str(e.record["event_id"]) for lst in late for e in lst}

        files: list[list[tuple[str, list[_Row]]]] = []
        for d, day in enumerate(days):
            own: list[_Row] = [e for e in per_day[d] if e.record["event_id"] not in late_ids]
            names = _file_names(day, d)
            cut = len(own) // len(names)
            chunks = [own[:cut], own[cut:]] if len(names) == 2 else [own]
            files.append(list(zip(names, chunks, strict=True)))
        for d in range(1, n_days):
            first = files[d][0][1]
            for event in late[d - 1]:
                self.insert(first, event, hi=max(1, len(first) // 20))

        picks = [
            rng.sample(
                [(f, r) for f, (_, rows) in enumerate(day_files) for r in rows],
                min(one_pct, sum(len(rows) for _, rows in day_files)),
            )
            for day_files in files
        ]
        duplicates = 0
        for d, day_picks in enumerate(picks):
            for j, (f, row) in enumerate(day_picks):
                if j == 0 and d + 1 < n_days:  # re-delivered with the next day's batch
                    self.insert(files[d + 1][0][1], row)
                else:
                    rows = files[d][f][1]
                    self.insert(rows, row, lo=next(i for i, r in enumerate(rows) if r is row) + 1)
                duplicates += 1

        reasons = iter(MALFORMED_REASONS * (n_days * MALFORMED_PER_JSONL_FILE))
        for day_files in files:
            for name, rows in day_files:
                if not name.endswith(".jsonl"):
                    continue
                bases = [r for r in rows if isinstance(r, _Event)]
                for _ in range(MALFORMED_PER_JSONL_FILE):
                    self.insert(rows, self.malformed(next(reasons), rng.choice(bases)))
        ordered_late = [str(e.record["event_id"]) for lst in late for e in lst]
        return files, ordered_late, duplicates

    # --- reviews and traffic --------------------------------------------------------------
    def review_lines(self, events: list[_Event], day: date) -> list[str]:
        """~12% of the day's events judged by 1-2 reviewers, with ~5% of verdicts flipped."""
        rng = self.rng
        reviewed_day = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
        lines = []
        for event in rng.sample(events, round(0.12 * len(events))):
            for reviewer in sorted(rng.sample(REVIEWERS, 2 if rng.random() < 0.1 else 1)):
                reason = event.intent.reason_type
                verdict = VERDICT_OF[reason]
                if rng.random() < 0.05:
                    verdict = "should_refuse" if verdict == "should_help" else "should_help"
                    reason = "policy" if verdict == "should_refuse" else "over_refusal"
                at = reviewed_day + timedelta(seconds=rng.randrange(DAY_SECONDS))
                lines.append(
                    json.dumps(
                        {
                            "event_id": event.record["event_id"],
                            "verdict": verdict,
                            "reason_type": reason,
                            "reviewer": reviewer,
                            "reviewed_at": _format_time(at, None),
                            "note": rng.choice(REVIEW_NOTES) if rng.random() < 0.1 else None,
                        }
                    )
                )
        return lines

    def traffic_rows(self, per_day: list[list[_Event]], days: list[date]) -> list[list[str]]:
        rows = []
        for day, events in zip(days, per_day, strict=True):
            for segment, per_refusal in TRAFFIC_PER_REFUSAL.items():
                refusals = sum(1 for e in events if e.record["user_segment"] == segment)
                served = round(refusals * per_refusal * self.rng.uniform(0.92, 1.08))
                rows.append([day.isoformat(), segment, str(served)])
        return rows


def _ascii(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return folded.replace("'", "").lower()


def _luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        digit = int(ch) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str(-total % 10)


def _format_time(at: datetime, offset: str | None) -> str:
    """RFC 3339: 'Z' for UTC clients, the client's own offset otherwise."""
    if offset is None:
        return at.strftime("%Y-%m-%dT%H:%M:%SZ")
    return at.astimezone(datetime.strptime(offset, "%z").tzinfo).isoformat()


def _json_line(record: Mapping[str, object]) -> str:
    """Loggers omit an absent feedback_text rather than writing null."""
    kept = {k: v for k, v in record.items() if not (k == "feedback_text" and v is None)}
    return json.dumps(kept, ensure_ascii=False)


def _file_names(day: date, day_index: int) -> list[str]:
    """Rotate formats by day so that every reader gets exercised."""
    iso = day.isoformat()
    return [
        [f"refusals-{iso}.jsonl"],
        ["part-0.jsonl", "part-1.csv"],
        [f"refusals-{iso}.parquet"],
    ][day_index % 3]


def _write_rows(path: Path, rows: list[_Row]) -> None:
    if path.suffix == ".jsonl":
        path.write_bytes(
            b"".join(
                (r.data if isinstance(r, _Malformed) else _json_line(r.record).encode("utf-8"))
                + b"\n"
                for r in rows
            )
        )
        return
    records = [r.record for r in rows if isinstance(r, _Event)]
    if path.suffix == ".csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        writer.writerows(
            [["" if r[c] is None else str(r[c]) for c in EVENT_COLUMNS] for r in records]
        )
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        return
    table = pa.table(
        {
            c: pa.array([r[c] for r in records], pa.int64() if c == "turn_index" else pa.string())
            for c in EVENT_COLUMNS
        }
    )
    pq.write_table(table, path)


def generate_landing(
    landing_dir: Path, start_day: date, days: int = 3, events_per_day: int = 1000, seed: int = 7
) -> SampleManifest:
    """Write landing_dir/events/..., landing_dir/reviews/..., landing_dir/traffic/traffic.csv
    and landing_dir/manifest.json (the manifest as JSON)."""
    if days < 1 or events_per_day < 8:
        raise ValueError("need at least 1 day and 8 events per day")
    gen = _Generator(seed, events_per_day)
    day_list = [start_day + timedelta(days=i) for i in range(days)]
    active_per_day = max(2, events_per_day // 4)
    pool = gen.users(round(active_per_day * 1.7))
    per_day = [
        gen.day_events(day, d, gen.rng.sample(pool, active_per_day))
        for d, day in enumerate(day_list)
    ]
    files, late_ids, duplicates = gen.deliver(per_day, day_list)

    lines_written, malformed = 0, dict.fromkeys(MALFORMED_REASONS, 0)
    for day, day_files in zip(day_list, files, strict=True):
        folder = landing_dir / "events" / day.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in day_files:
            _write_rows(folder / name, rows)
            lines_written += len(rows)
            for row in rows:
                if isinstance(row, _Malformed):
                    malformed[row.reason] += 1

    reviews_dir = landing_dir / "reviews"
    reviews_dir.mkdir(parents=True, exist_ok=True)
    reviews = 0
    for day, events in zip(day_list, per_day, strict=True):
        lines = gen.review_lines(events, day)
        (reviews_dir / f"reviews-{day.isoformat()}.jsonl").write_text(
            "".join(f"{line}\n" for line in lines), encoding="utf-8"
        )
        reviews += len(lines)

    traffic_dir = landing_dir / "traffic"
    traffic_dir.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["day", "user_segment", "requests"])
    writer.writerows(gen.traffic_rows(per_day, day_list))
    (traffic_dir / "traffic.csv").write_text(buffer.getvalue(), encoding="utf-8")

    all_events = [e for events in per_day for e in events]
    manifest = SampleManifest(
        days=[d.isoformat() for d in day_list],
        events_written=len(all_events),
        lines_written=lines_written,
        malformed_lines=sum(malformed.values()),
        malformed_by_reason={k: v for k, v in malformed.items() if v},
        duplicate_deliveries=duplicates,
        late_event_ids=late_ids,
        planted_pii=list(gen.pii),
        intent_of_event={str(e.record["event_id"]): e.intent.name for e in all_events},
        intent_type={i.name: i.kind for i in INTENTS},
        review_labels_written=reviews,
    )
    (landing_dir / "manifest.json").write_text(
        json.dumps(asdict(manifest), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest
