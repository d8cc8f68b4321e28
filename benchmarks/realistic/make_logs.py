# ruff: noqa: E501
"""Generate a realistic refusal-log landing folder with ground truth (see README.md here).

    .venv/bin/python benchmarks/realistic/make_logs.py --split dev --days 3 \
        --events-per-day 4000 --start 2026-11-10 --out /tmp/rl [--seed 0]

Writes, under OUT:
  events/DAY/part-0.jsonl          chat, mobile and support-bot refusals of DAY (+ a few late
                                   arrivals of the day before, + a few duplicate deliveries)
  events/DAY/part-1.jsonl[.gz]     API refusals of DAY (gzipped on the second day)
  reviews/LAST_DAY/labels.jsonl    reviewer verdicts on ~5 % of each intent's events
  traffic/DAY/traffic.csv          requests served per day and user segment
  truth.jsonl                      one row per distinct event: intent, true route, true next action, ...
  truth_intents.json               the planted intents, segments, traffic and realised rates
  truth_reviews.jsonl              every label line with whether it agrees with the truth

Deterministic for a given (split, seed). Templates 0-9 (and foreign template 0) are used only
by --split dev, templates 10-19 (and foreign template 1) only by --split test.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import json
import math
import random
import re
import string
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import intents as intents_mod  # noqa: E402
from intents import (  # noqa: E402
    ALL_CATEGORIES,
    CLASSIFIER_RESPONSES,
    GATEWAY_RESPONSES,
    GENERIC_FEEDBACK,
    GLOBAL_SLOTS,
    INTENTS,
    REPROMPT_RATE,
    TRUE_ROUTE,
    VAGUE_RESPONSES,
    VOLUME_RANK,
    behaviour,
)

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = REPO / "pipeline" / "contracts"

# ---------------------------------------------------------------- planted population
SEGMENTS = {  # share of requests served (traffic), locales
    "en-native": (0.60, ["en-US", "en-GB", "en-AU", "en-CA"]),
    "en-nonnative": (0.30, ["en-IN", "en-NG", "en-PH", "en-PK", "en-BR", "en-VN", "en-EG"]),
    "es": (0.05, ["es-ES", "es-MX", "es-AR", "es-CO"]),
    "de": (0.05, ["de-DE", "de-AT", "de-CH"]),
}
REFERENCE_SEGMENT = "en-native"
# Over-refusal intents refuse en-nonnative users this many times as often per request served.
OVER_REFUSAL_MULTIPLIER = {"en-nonnative": 3.0}
REQUESTS_PER_REFUSAL = 28           # traffic = events_per_day * this, split by segment share
ACCOUNT_TYPES = {"free": 0.58, "pro": 0.25, "enterprise": 0.07, "verified_professional": 0.10}
API_SHARE = 0.01                    # one API integration sends ~1 % of all events
API_INTENTS = {"cg_browse_url": 0.6, "cg_open_attachment": 0.25, "or_kill_process": 0.15}
RARE_EVENTS_PER_DAY = 5             # chain starts of the rare intent per day (two users)
TINY_STARTS_PER_DAY = (1, 2)        # chain starts per tiny intent per day
LATE_SHARE = 0.004                  # events delivered in the next day's file
DUPLICATE_SHARE = 0.002             # identical re-deliveries
REVIEW_SHARE = 0.05
SECOND_REVIEW_SHARE = 0.15
LOGGED_NEXT_ACTION_SESSIONS = 0.5   # sessions whose client logs next_action
ANSWERED_RETRY = {"over_refusal": 0.2, "policy_mismatch": 0.1}  # rephrase that got through
AFTER_REFUSAL = {"feedback": 0.07, "abandon": 0.30, "continued": 0.28, "session_end": 0.35}
LAYERS = {
    "over_refusal": {"classifier": 0.5, "gateway": 0.2, "model": 0.3},
    "true_policy": {"model": 0.5, "classifier": 0.4, "gateway": 0.1},
    "capability_gap": {"model": 0.9, "classifier": 0.05, "gateway": 0.05},
    "policy_mismatch": {"model": 0.55, "classifier": 0.35, "gateway": 0.1},
}
REVIEWERS = {"rev-ana": 0.93, "rev-bilal": 0.93, "rev-chloe": 0.92, "rev-dmitri": 0.90,
             "rev-esi": 0.90, "rev-felix": 0.78}
HOUR_WEIGHTS = [2, 1.5, 1, 1, 1, 1.5, 2.5, 4, 5.5, 6.5, 7, 7.5, 8, 8.5, 9, 9, 9, 8.5, 8, 7,
                6, 4.5]  # session starts 00-21 UTC


def stable_unit(text: str) -> float:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16) / 16 ** 12


def planned_reprompt(intent: dict) -> float:
    if intent["type"] == "rare":
        return 0.40
    base = REPROMPT_RATE[behaviour(intent)]
    return round(base * (0.75 + 0.5 * stable_unit("reprompt:" + intent["id"])), 4)


def slot_names(intent: dict) -> set[str]:
    if "_slot_names" not in intent:
        intent["_slot_names"] = {name for t in intent["t"] + intent["es"] + intent["de"]
                                 for _, name, _, _ in string.Formatter().parse(t) if name}
    return intent["_slot_names"]


def pick(rng: random.Random, dist: dict):
    keys = list(dist)
    return rng.choices(keys, weights=[dist[k] for k in keys])[0]


# ---------------------------------------------------------------- text
KEYBOARD = {c: n for c, n in zip(
    "qwertyuiopasdfghjklzxcvbnm",
    ["wa", "qes", "wrd", "etf", "ryg", "tuh", "yij", "uok", "ipl", "ol", "qsz", "awdx", "sefc",
     "drgv", "fthb", "gyjn", "hukm", "jilm", "kop", "xsa", "zcd", "xvf", "cbg", "vnh", "bmj", "nk"], strict=False)}


def add_typos(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(candidates, min(len(candidates), rng.choice([1, 1, 2, 3]))):
        w = list(words[i])
        j = rng.randrange(1, len(w) - 1)
        kind = rng.random()
        if kind < 0.3:
            w[j], w[j + 1] = w[j + 1], w[j]
        elif kind < 0.55:
            del w[j]
        elif kind < 0.75:
            w.insert(j, w[j])
        else:
            c = w[j].lower()
            w[j] = rng.choice(KEYBOARD.get(c, c))
        words[i] = "".join(w)
    return " ".join(words)


def l2_transform(rng: random.Random, text: str) -> str:
    """Light L2-English features: dropped articles, formal contractions, politeness formulae."""
    out = text
    if rng.random() < 0.5:
        out = re.sub(r"\b(the|a|an) ", "", out, count=1, flags=re.I)
    if rng.random() < 0.4:
        out = (out.replace("I'm ", "I am ").replace("don't", "do not").replace("can't", "cannot")
               .replace("what's", "what is").replace("What's", "What is"))
    if rng.random() < 0.3:
        out = re.sub(r"^(can|could) you ", "you can ", out, flags=re.I)
    r = rng.random()
    if r < 0.2:
        out = rng.choice(["Kindly ", "Hello, ", "Sir, ", "Dear assistant, ", "Hi, "]) + out[0].lower() + out[1:]
    elif r < 0.35:
        out = out.rstrip("?.!") + rng.choice([" please", " plz", " ?", ", thank you", " kindly"])
    return out


def fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(slots)


def cased(rng: random.Random, text: str) -> str:
    r = rng.random()
    if r < 0.15:
        text = text.lower()
    elif r < 0.18:
        text = text[0].upper() + text[1:]
    if rng.random() < 0.2:
        text = text.rstrip("?.!")
    return text


# ---------------------------------------------------------------- generator
class Generator:
    def __init__(self, split: str, days: int, events_per_day: int, start: dt.date, seed: int):
        self.split, self.days, self.epd, self.start, self.seed = split, days, events_per_day, start, seed
        self.rng = random.Random(int(hashlib.sha256(f"{split}:{seed}".encode()).hexdigest()[:16], 16))
        self.intents = {i["id"]: i for i in INTENTS}
        lo = 0 if split == "dev" else 10
        self.templates = {i["id"]: list(range(lo, lo + 10)) for i in INTENTS}
        self.foreign_index = 0 if split == "dev" else 1
        self.reprompt = {i["id"]: planned_reprompt(i) for i in INTENTS}
        w = {iid: 1.0 / (r + 1.5) ** 0.85 for r, iid in enumerate(VOLUME_RANK)}
        self.volume_weight = w
        self.events: list[dict] = []       # landed event lines (dicts), in generation order
        self.truth: list[dict] = []
        self.used_ids: set[str] = set()
        self._make_users()

    # ------------------------------------------------------------ population
    def _hex(self, n: int) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(n))

    def _make_users(self) -> None:
        rng = self.rng
        n_users = max(60, round(self.epd * 1.95))
        self.users: list[dict] = []
        for _ in range(n_users):
            seg = pick(rng, {s: v[0] for s, v in SEGMENTS.items()})
            lang = "en"
            if seg in ("es", "de") and rng.random() < 0.75:
                lang = seg
            l2 = {"en-native": 0.04, "en-nonnative": 0.75, "es": 0.6, "de": 0.5}[seg]
            self.users.append({
                "user_id": "usr_" + self._hex(10),
                "segment": seg,
                "locale": rng.choice(SEGMENTS[seg][1]),
                "account_type": pick(rng, ACCOUNT_TYPES),
                "lang": lang,
                "l2": l2,
                "typo": min(0.4, 0.035 * rng.lognormvariate(0, 0.9)),
                "activity": rng.lognormvariate(0, 0.8),
                "surface": pick(rng, {"chat": 0.7, "mobile": 0.15, "support_bot": 0.05, "api": 0.10}),
            })
        self.by_segment = defaultdict(list)
        for u in self.users:
            self.by_segment[u["segment"]].append(u)
        self.api_user = {"user_id": "svc_integration_docsync", "segment": "en-native", "locale": "en-US",
                         "account_type": "enterprise", "lang": "en", "l2": 0.0, "typo": 0.0,
                         "activity": 1.0, "surface": "api", "is_api": True}
        natives = [u for u in self.by_segment["en-native"] if u["lang"] == "en"]
        nonnat = [u for u in self.by_segment["en-nonnative"]]
        self.rare_users = [rng.choice(natives), rng.choice(nonnat)]

    def intent_weight(self, iid: str, seg: str) -> float:
        w = self.volume_weight[iid]
        if self.intents[iid]["type"] == "over_refusal":
            w *= OVER_REFUSAL_MULTIPLIER.get(seg, 1.0)
        return w

    # ------------------------------------------------------------ text
    def render(self, intent: dict, user: dict, slots: dict, prev: tuple | None):
        """Return (text, template_key, lang, l2_style, has_typo)."""
        rng = self.rng
        lang = user["lang"] if user["lang"] != "en" and rng.random() < 0.85 else "en"
        if lang != "en":
            tmpl = intent[lang][self.foreign_index]
            key = f"{lang}{self.foreign_index}"
            text = fill(tmpl, intents_mod.foreign_slots(intent, lang, slots))
            l2 = False
        else:
            choices = self.templates[intent["id"]]
            weights = []
            for t in choices:
                is_l2 = t in intent["L2"]
                weights.append((2.0 if is_l2 else 1.0) if user["l2"] > 0.3 else (0.3 if is_l2 else 1.0))
            if prev is not None and prev[1].startswith("en"):
                # a rephrase: another wording of the same request
                prev_t = int(prev[1][2:])
                weights = [0.0 if t == prev_t else w for t, w in zip(choices, weights, strict=False)]
            t = rng.choices(choices, weights=weights)[0]
            key = f"en{t}"
            text = fill(intent["t"][t], slots)
            l2 = t in intent["L2"]
            if rng.random() < user["l2"] * 0.5:
                text = l2_transform(rng, text)
                l2 = True
        text = cased(rng, text[0].upper() + text[1:] if text else text)
        typo = False
        if rng.random() < user["typo"]:
            text2 = add_typos(rng, text)
            typo = text2 != text
            text = text2
        return text, key, lang, l2, typo

    def slots_for(self, intent: dict, keep: dict | None = None) -> dict:
        rng = self.rng
        pools = dict(GLOBAL_SLOTS)
        pools.update(intent["slots"])
        out = {}
        for k, vals in pools.items():
            if keep and k in keep and rng.random() < 0.85:
                out[k] = keep[k]
            else:
                out[k] = rng.choice(vals)
        return out

    def response(self, intent: dict, layer: str, cat: str | None) -> str | None:
        rng = self.rng
        if rng.random() < 0.03:
            return None
        if layer == "classifier":
            return rng.choice(CLASSIFIER_RESPONSES).format(cat=cat or "general")
        if layer == "gateway":
            return rng.choice(GATEWAY_RESPONSES).format(ref="gw-" + self._hex(6))
        if rng.random() < 0.12:
            return rng.choice(VAGUE_RESPONSES)
        return rng.choice(intent["resp"])

    def category(self, intent: dict, layer: str) -> str | None:
        rng = self.rng
        if layer == "model" and rng.random() < 0.5:
            return None
        if rng.random() < 0.15:
            return rng.choice(ALL_CATEGORIES)  # classifiers mislabel
        return pick(rng, intent["cats"])

    def policy_rule(self, layer: str, cat: str | None) -> str | None:
        rng = self.rng
        if layer == "classifier":
            return f"clf.{cat or 'general'}.v{rng.choice([3, 3, 4])}"
        if layer == "gateway":
            return rng.choice(["gw.blocklist.v2", "gw.keyword.v5", "gw.pii_guard.v1"])
        return None if rng.random() < 0.7 else "model.spec.refusal"

    def model_version(self, surface: str, day_i: int) -> str:
        if surface == "api":
            return "api-2026-09-15" if self.rng.random() < 0.6 else "api-2026-11-01"
        new = 0.2 + 0.3 * day_i
        return "assistant-4.3" if self.rng.random() < new else "assistant-4.2"

    # ------------------------------------------------------------ sessions
    def new_event_id(self) -> str:
        while True:
            eid = "evt_" + self._hex(14)
            if eid not in self.used_ids:
                self.used_ids.add(eid)
                return eid

    def emit(self, sess: dict, intent: dict, t: float, turn: int, text_info, slots, retry: bool,
             next_action: str, chain_pos: int) -> dict:
        rng = self.rng
        user = sess["user"]
        text, key, lang, l2, typo = text_info
        beh = behaviour(intent)
        layer = pick(rng, LAYERS[beh])
        cat = self.category(intent, layer)
        occurred = sess["day0"] + dt.timedelta(seconds=t)
        fb = None
        if next_action == "feedback":
            r = rng.random()
            if r < 0.03:
                fb = f"please contact me at {rng.choice(GLOBAL_SLOTS['email'])} about this"
            elif r < 0.7:
                fb = rng.choice(intent["fb"])
            else:
                fb = rng.choice(GENERIC_FEEDBACK)
        logged = next_action if sess["instrumented"] else None
        ev = {
            "event_id": self.new_event_id(),
            "occurred_at": occurred.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "user_id": user["user_id"],
            "session_id": sess["session_id"],
            "turn_index": turn,
            "request_text": text,
            "response_text": self.response(intent, layer, cat),
            "refusal_category": cat,
            "policy_rule": self.policy_rule(layer, cat),
            "layer": layer,
            "surface": sess["surface"],
            "model_version": sess["model_version"],
            "account_type": user["account_type"],
            "user_segment": user["segment"],
            "locale": user["locale"],
            "next_action": logged,
            "feedback_text": fb,
        }
        self.events.append(ev)
        self.truth.append({
            "event_id": ev["event_id"], "event_day": occurred.date().isoformat(),
            "intent_id": intent["id"], "intent_type": intent["type"], "behaves_as": beh,
            "true_route": TRUE_ROUTE[intent["type"]], "true_next_action": next_action,
            "logged_next_action": logged, "is_paraphrase_retry": retry, "chain_position": chain_pos,
            "user_id": user["user_id"], "user_segment": user["segment"],
            "account_type": user["account_type"], "session_id": sess["session_id"],
            "turn_index": turn, "surface": sess["surface"], "layer": layer,
            "refusal_category": cat, "template": f"{intent['id']}:{key}", "language": lang,
            "l2_style": l2, "has_typo": typo, "is_api_integration": bool(user.get("is_api")),
            "slots": {k: v for k, v in slots.items() if k in slot_names(intent)},
        })
        return ev

    def next_action(self, intent: dict, chain_len: int) -> str:
        if chain_len < 6 and self.rng.random() < self.reprompt[intent["id"]]:
            return "rephrase_retry"
        return pick(self.rng, AFTER_REFUSAL)

    def run_session(self, sess: dict, intent: dict, t: float, turn: int, budget: list[int]) -> None:
        """Generate refusal chains in one session, starting with `intent` at time t."""
        rng = self.rng
        day_end = 86400 - 90
        while intent is not None:
            slots = self.slots_for(intent)
            prev = None
            chain_len = 0
            follow = None  # what happens after the chain: (kind, delay)
            repeat = False
            while True:
                text_info = prev if repeat else self.render(intent, sess["user"], slots, prev)
                chain_len += 1
                action = self.next_action(intent, chain_len)
                if action in ("rephrase_retry", "abandon", "continued") and t + 600 > day_end:
                    action = "session_end"
                self.emit(sess, intent, t, turn, text_info, slots, prev is not None, action, chain_len)
                budget[0] += 1
                prev = text_info
                if action == "rephrase_retry":
                    if rng.random() < ANSWERED_RETRY.get(behaviour(intent), 0.0):
                        turn += 1  # the rephrase got an answer: not in the log
                        t += rng.uniform(20, 240)
                        follow = "after_answer"
                        break
                    t += min(540.0, rng.lognormvariate(math.log(80), 0.7))
                    turn += 1
                    repeat = rng.random() < 0.1  # re-sends the very same text
                    if not repeat:
                        slots = self.slots_for(intent, keep=slots)
                    continue
                follow = action
                break
            # after the chain
            nxt = None
            if follow == "abandon":
                if rng.random() < 0.5:  # the next request is refused too: logged right after
                    t += rng.uniform(45, 600)
                    turn += 1
                    nxt = self.other_intent(sess["user"], intent)
                else:
                    turn += 1 + rng.randint(0, 3)
                    t += rng.uniform(120, 1500)
                    if rng.random() < 0.3:
                        turn += 1
                        nxt = self.other_intent(sess["user"], intent)
            elif follow in ("continued", "after_answer", "feedback"):
                if follow == "feedback" and rng.random() < 0.5:
                    nxt = None
                else:
                    turn += 1 + rng.randint(1, 5)  # answered turns: a gap in turn_index
                    t += rng.uniform(300, 2400)
                    if rng.random() < 0.35:
                        nxt = self.other_intent(sess["user"], intent)
            if nxt is not None and t > day_end - 60:
                nxt = None
            intent = nxt

    def other_intent(self, user: dict, current: dict) -> dict:
        ids = [i for i in VOLUME_RANK if i != current["id"]]
        w = [self.intent_weight(i, user["segment"]) for i in ids]
        return self.intents[self.rng.choices(ids, weights=w)[0]]

    def new_session(self, user: dict, day0: dt.datetime, day_i: int) -> dict:
        surface = user["surface"]
        return {"user": user, "session_id": "sess_" + self._hex(16), "surface": surface,
                "model_version": self.model_version(surface, day_i),
                "instrumented": (not user.get("is_api")) and self.rng.random() < LOGGED_NEXT_ACTION_SESSIONS,
                "day0": day0}

    def session_start(self) -> float:
        h = self.rng.choices(range(len(HOUR_WEIGHTS)), weights=HOUR_WEIGHTS)[0]
        return h * 3600 + self.rng.uniform(0, 3600)

    def generate_day(self, day_i: int) -> None:
        rng = self.rng
        day = self.start + dt.timedelta(days=day_i)
        day0 = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        first = len(self.events)
        # daily activity of each user (some users only show up on some days)
        act = {u["user_id"]: u["activity"] * rng.gammavariate(0.8, 1 / 0.8) for u in self.users}
        seg_users = {s: us for s, us in self.by_segment.items()}
        seg_w = {s: [act[u["user_id"]] for u in us] for s, us in seg_users.items()}
        # chain starts per segment in proportion to share * (intent mix weight of that segment)
        z = {s: sum(self.intent_weight(i, s) for i in VOLUME_RANK) for s in SEGMENTS}
        z_ref = sum(self.volume_weight.values())
        start_w = {s: SEGMENTS[s][0] * z[s] / z_ref for s in SEGMENTS}
        target = self.epd
        n_api = round(API_SHARE * target)
        budget = [0]
        # the API integration: one call per session, no retries
        for _ in range(n_api):
            iid = pick(rng, API_INTENTS)
            sess = self.new_session(self.api_user, day0, day_i)
            intent = self.intents[iid]
            slots = self.slots_for(intent)
            t = rng.uniform(0, 86000)
            self.emit(sess, intent, t, 0, self.render(intent, self.api_user, slots, None), slots,
                      False, "session_end", 1)
            budget[0] += 1
        # the rare intent (two users) and the tiny ones
        for _ in range(RARE_EVENTS_PER_DAY):
            user = rng.choice(self.rare_users)
            sess = self.new_session(user, day0, day_i)
            self.run_session(sess, self.intents["rare_obsidian_vault"], self.session_start(),
                             rng.randint(0, 4), budget)
        for i in INTENTS:
            if i["type"] == "tiny":
                for _ in range(rng.randint(*TINY_STARTS_PER_DAY)):
                    seg = pick(rng, start_w)
                    user = rng.choices(seg_users[seg], weights=seg_w[seg])[0]
                    sess = self.new_session(user, day0, day_i)
                    self.run_session(sess, i, self.session_start(), rng.randint(0, 6), budget)
        while budget[0] < target:
            seg = pick(rng, start_w)
            iid = rng.choices(VOLUME_RANK, weights=[self.intent_weight(i, seg) for i in VOLUME_RANK])[0]
            intent = self.intents[iid]
            pro = intent.get("pro_share", 0.0)
            pool = seg_users[seg]
            weights = seg_w[seg]
            if pro and rng.random() < pro:
                pairs = [(u, w) for u, w in zip(pool, weights, strict=False) if u["account_type"] == "verified_professional"]
                if pairs:
                    pool, weights = [p[0] for p in pairs], [p[1] for p in pairs]
            user = rng.choices(pool, weights=weights)[0]
            sess = self.new_session(user, day0, day_i)
            turn0 = 0 if rng.random() < 0.35 else rng.randint(1, 8)
            self.run_session(sess, intent, self.session_start(), turn0, budget)
        for ev in self.events[first:]:
            ev["_file_day"] = day.isoformat()

    # ------------------------------------------------------------ reviews
    def reviews(self, last_day: dt.date) -> tuple[list[dict], list[dict]]:
        rng = self.rng
        by_intent = defaultdict(list)
        for tr, ev in zip(self.truth, self.events, strict=False):
            by_intent[tr["intent_id"]].append((tr, ev))
        labels, truth_rows = [], []
        last0 = dt.datetime(last_day.year, last_day.month, last_day.day, tzinfo=dt.UTC)
        names = list(REVIEWERS)
        for iid in sorted(by_intent):
            rows = by_intent[iid]
            k = round(REVIEW_SHARE * len(rows))
            for tr, ev in rng.sample(rows, k):
                beh = tr["behaves_as"]
                occurred = dt.datetime.strptime(ev["occurred_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
                base = max(occurred + dt.timedelta(minutes=30), last0 + dt.timedelta(hours=7))
                reviewers = [rng.choice(names)]
                if rng.random() < SECOND_REVIEW_SHARE:
                    reviewers.append(rng.choice([n for n in names if n != reviewers[0]]))
                for rv in reviewers:
                    at = base + dt.timedelta(seconds=rng.uniform(0, 14 * 3600))
                    verdict, reason, correct = self.verdict(beh, REVIEWERS[rv])
                    seq = []
                    if not correct and rng.random() < 0.1:
                        seq.append((verdict, reason, at))  # a mistake the reviewer fixes later
                        verdict, reason, _ = self.verdict(beh, 1.0)
                        correct = True
                        at = at + dt.timedelta(minutes=rng.uniform(20, 90))
                    seq.append((verdict, reason, at))
                    for v, r, a in seq:
                        label = {"event_id": ev["event_id"], "verdict": v, "reason_type": r,
                                 "reviewer": rv, "reviewed_at": a.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                 "note": self.note(beh, v) if rng.random() < 0.3 else None}
                        labels.append(label)
                        truth_rows.append({**label, "intent_id": iid, "behaves_as": beh,
                                           "true_verdict": "should_refuse" if beh == "true_policy" else "should_help",
                                           "verdict_correct": v == ("should_refuse" if beh == "true_policy" else "should_help"),
                                           "superseded": len(seq) == 2 and (v, r, a) == seq[0]})
        return labels, truth_rows

    def verdict(self, beh: str, accuracy: float):
        rng = self.rng
        right = {"over_refusal": ("should_help", "over_refusal"),
                 "capability_gap": ("should_help", "capability_gap"),
                 "policy_mismatch": ("should_help", "policy_mismatch"),
                 "true_policy": ("should_refuse", "policy")}[beh]
        if rng.random() < accuracy:
            v, r = right
            x = rng.random()
            if beh == "policy_mismatch" and x < 0.15:
                r = "over_refusal"
            elif beh == "over_refusal" and x < 0.07:
                r = "policy_mismatch"
            elif beh == "capability_gap" and x < 0.05:
                r = "over_refusal"
            if rng.random() < 0.08:
                r = None
            return v, r, True
        if right[0] == "should_help":
            return "should_refuse", ("policy" if rng.random() < 0.7 else None), False
        return "should_help", pick(rng, {"over_refusal": 0.7, "policy_mismatch": 0.2, None: 0.1}), False

    def note(self, beh: str, verdict: str) -> str:
        notes = {
            ("over_refusal", "should_help"): ["benign request, classifier overfired", "harmless", "false positive"],
            ("capability_gap", "should_help"): ["product limitation, not a policy issue", "feature gap"],
            ("policy_mismatch", "should_help"): ["legit professional use, policy too strict",
                                                 "verified pro, should be allowed"],
            ("true_policy", "should_refuse"): ["clearly harmful", "correct refusal", "policy violation"],
        }
        return self.rng.choice(notes.get((beh, verdict), ["unsure", "borderline"]))


# ---------------------------------------------------------------- writing
def write_jsonl(path: Path, rows: list[dict], gz: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    if gz:
        path.write_bytes(gzip.compress(data, mtime=0))
    else:
        path.write_bytes(data)


def validator(name: str):
    try:
        import jsonschema
    except ImportError:  # pragma: no cover
        return None
    schema = json.loads((CONTRACTS / name).read_text())
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def generate(split: str, days: int, events_per_day: int, start: dt.date, out: Path, seed: int = 0) -> dict:
    g = Generator(split, days, events_per_day, start, seed)
    rng = g.rng
    day_list = [start + dt.timedelta(days=i) for i in range(days)]
    for i in range(days):
        g.generate_day(i)
    last = day_list[-1]
    labels, review_truth = g.reviews(last)

    # assign files: API events to part-1; late arrivals to the next day's part-0; duplicates
    files: dict[str, list[dict]] = defaultdict(list)
    line_of: dict[str, str] = {}
    for tr, ev in zip(g.truth, g.events, strict=False):
        day = ev.pop("_file_day")
        di = day_list.index(dt.date.fromisoformat(day))
        late = di < days - 1 and rng.random() < LATE_SHARE
        file_day = day_list[di + 1].isoformat() if late else day
        part = "part-1.jsonl" + (".gz" if di == 1 else "") if ev["surface"] == "api" else "part-0.jsonl"
        if late:
            part = "part-0.jsonl"
        rel = f"events/{file_day}/{part}"
        files[rel].append(ev)
        tr["landed_file"] = rel
        tr["late_delivery"] = late
        line_of[ev["event_id"]] = rel
    dups = rng.sample(g.events, round(DUPLICATE_SHARE * len(g.events)))
    for ev in dups:
        rel = line_of[ev["event_id"]]
        files[rel].append(dict(ev))
    for rel in files:
        # a file's lines in time order, as a logger writes them
        files[rel].sort(key=lambda e: (e["occurred_at"], e["event_id"]))

    v_event = validator("refusal_event.schema.json")
    v_label = validator("review_label.schema.json")
    bad = 0
    out.mkdir(parents=True, exist_ok=True)
    for rel, rows in sorted(files.items()):
        if v_event:
            for r in rows:
                errs = list(v_event.iter_errors(r))
                bad += len(errs)
        write_jsonl(out / rel, rows, gz=rel.endswith(".gz"))
    labels.sort(key=lambda r: (r["reviewed_at"], r["event_id"], r["reviewer"]))
    if v_label:
        bad += sum(len(list(v_label.iter_errors(r))) for r in labels)
    write_jsonl(out / "reviews" / last.isoformat() / "labels.jsonl", labels)
    if bad:
        raise SystemExit(f"{bad} contract violations in generated lines")

    # traffic denominators per day and segment
    traffic = []
    for d in day_list:
        total = events_per_day * REQUESTS_PER_REFUSAL
        for seg, (share, _) in SEGMENTS.items():
            traffic.append({"day": d.isoformat(), "user_segment": seg,
                            "requests": round(total * share * rng.uniform(0.97, 1.03))})
    for d in day_list:
        p = out / "traffic" / d.isoformat() / "traffic.csv"
        p.parent.mkdir(parents=True, exist_ok=True)
        with p.open("w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=["day", "user_segment", "requests"])
            w.writeheader()
            w.writerows([t for t in traffic if t["day"] == d.isoformat()])

    reviewed = Counter(r["event_id"] for r in labels)
    for tr in g.truth:
        tr["reviewed"] = tr["event_id"] in reviewed
    write_jsonl(out / "truth.jsonl", g.truth)
    write_jsonl(out / "truth_reviews.jsonl", review_truth)
    summary = summarise(g, traffic, review_truth, day_list)
    (out / "truth_intents.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return summary


def summarise(g: Generator, traffic: list[dict], review_truth: list[dict], day_list) -> dict:
    truth = g.truth
    per = defaultdict(list)
    for t in truth:
        per[t["intent_id"]].append(t)
    intents_out = []
    for i in INTENTS:
        rows = per[i["id"]]
        n = len(rows)
        intents_out.append({
            "intent_id": i["id"], "intent_type": i["type"], "behaves_as": behaviour(i),
            "true_route": TRUE_ROUTE[i["type"]], "description": i["desc"],
            "events": n, "distinct_users": len({r["user_id"] for r in rows}),
            "planned_reprompt_rate": g.reprompt[i["id"]],
            "true_reprompt_rate": round(sum(r["true_next_action"] == "rephrase_retry" for r in rows) / n, 4) if n else None,
            "logged_next_action_share": round(sum(r["logged_next_action"] is not None for r in rows) / n, 4) if n else None,
            "reviewed_events": sum(r["reviewed"] for r in rows),
            "templates_used": sorted({r["template"].split(":")[1] for r in rows}),
        })
    requests = defaultdict(int)
    for t in traffic:
        requests[t["user_segment"]] += t["requests"]
    seg = {}
    for name in SEGMENTS:
        rows = [t for t in truth if t["user_segment"] == name]
        seg[name] = {"requests": requests[name], "refusals": len(rows),
                  "over_refusal_refusals": sum(r["behaves_as"] == "over_refusal" and r["intent_type"] == "over_refusal" for r in rows),
                  "should_help_refusals": sum(r["behaves_as"] != "true_policy" for r in rows),
                  "users": len({r["user_id"] for r in rows})}
    ref = seg[REFERENCE_SEGMENT]
    for v in seg.values():
        for k in ("refusals", "over_refusal_refusals", "should_help_refusals"):
            rate = v[k] / v["requests"]
            v[k.replace("refusals", "rate")] = rate
            v[k.replace("refusals", "rate_ratio_to_ref")] = round(rate / (ref[k] / ref["requests"]), 4)
    days_users = {d.isoformat(): len({t["user_id"] for t in truth if t["event_day"] == d.isoformat()}) for d in day_list}
    days_events = Counter(t["event_day"] for t in truth)
    lang = Counter(t["language"] for t in truth)
    rv = [r for r in review_truth if not r["superseded"]]
    return {
        "split": g.split, "seed": g.seed, "start": g.start.isoformat(), "days": g.days,
        "events_per_day": g.epd, "events": len(truth), "events_per_event_day": dict(sorted(days_events.items())),
        "distinct_users_per_day": days_users,
        "api_integration_share": round(sum(t["is_api_integration"] for t in truth) / len(truth), 4),
        "language_share": {k: round(v / len(truth), 4) for k, v in lang.items()},
        "typo_share": round(sum(t["has_typo"] for t in truth) / len(truth), 4),
        "l2_style_share": round(sum(t["l2_style"] for t in truth) / len(truth), 4),
        "logged_next_action_share": round(sum(t["logged_next_action"] is not None for t in truth) / len(truth), 4),
        "true_next_action_mix": dict(Counter(t["true_next_action"] for t in truth)),
        "late_deliveries": sum(t["late_delivery"] for t in truth),
        "review_labels": len(review_truth), "reviewed_events": sum(t["reviewed"] for t in truth),
        "review_accuracy": round(sum(r["verdict_correct"] for r in rv) / max(1, len(rv)), 4),
        "reference_segment": REFERENCE_SEGMENT,
        "planted_over_refusal_multiplier": OVER_REFUSAL_MULTIPLIER,
        "segments": seg,
        "intents": intents_out,
    }


def add_log_arguments(p: argparse.ArgumentParser) -> None:
    """What the generated log is: split, days, events a day, first day, seed (for every script
    that generates one)."""
    p.add_argument("--split", choices=["dev", "test"], required=True)
    p.add_argument("--days", type=int, default=3)
    p.add_argument("--events-per-day", type=int, default=4000)
    p.add_argument("--start", default="2026-11-10")
    p.add_argument("--seed", type=int, default=0)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_log_arguments(p)
    p.add_argument("--out", required=True)
    a = p.parse_args(argv)
    out = Path(a.out)
    if out.exists() and any(out.iterdir()):
        p.error(f"--out {out} exists and is not empty")
    s = generate(a.split, a.days, a.events_per_day, dt.date.fromisoformat(a.start), out, a.seed)
    print(json.dumps({k: s[k] for k in ("split", "seed", "events", "distinct_users_per_day",
                                         "api_integration_share", "language_share", "typo_share",
                                         "review_labels", "review_accuracy")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
