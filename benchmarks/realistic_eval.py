# ruff: noqa: E501
"""Score the pipeline on realistic generated refusal logs (benchmarks/realistic/README.md).

    .venv/bin/python benchmarks/realistic_eval.py --split dev [--events-per-day 4000] [--keep DIR]

Generates the logs (benchmarks/realistic/make_logs.py) into a temporary folder, runs
`refusal-backlog run --landing ... --date DAY --db ... --outputs ...` for each day in order, as a
user would, reads the warehouse tables README documents, then runs the last day again and
checks that routes and tickets did not change. Prints a table and, last, one JSON line.

Written from README.md and the landing contracts only, never from the pipeline's code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks" / "realistic"))
import make_logs  # noqa: E402

# A published key for this benchmark only: its data is synthetic.
EVAL_KEY = "v1=" + hashlib.sha256(b"refusal-backlog realistic eval key").hexdigest()
ROUTES = ["classifier_tuning", "trust_and_safety", "product_backlog", "policy_review", "monitor"]


# ---------------------------------------------------------------- running the CLI
def cli_command(pipeline_src: Path | None) -> tuple[list[str], Path, dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFUSAL_BACKLOG_")}
    env.update({"REFUSAL_BACKLOG_PSEUDONYM_KEYS": EVAL_KEY, "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1", "DBT_SEND_ANONYMOUS_USAGE_STATS": "False"})
    if pipeline_src is None:
        return [str(REPO / ".venv" / "bin" / "refusal-backlog")], REPO, env
    # the same CLI, imported from another checkout (e.g. a `git archive HEAD` snapshot)
    env["PYTHONPATH"] = str(pipeline_src)
    code = "import sys; from assets.cli import main; sys.argv[0] = 'refusal-backlog'; sys.exit(main())"
    return [str(REPO / ".venv" / "bin" / "python"), "-c", code], pipeline_src, env


def run_day(cmd, cwd, env, landing: Path, day: str, db: Path, outputs: Path, config: str | None) -> dict:
    args = cmd + ["run", "--landing", str(landing), "--date", day, "--db", str(db), "--outputs", str(outputs)]
    if config:
        args += ["--config", config]
    t0 = time.monotonic()
    p = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.monotonic() - t0
    out = p.stdout
    err = "\n".join(line for line in p.stderr.splitlines()
                    if not re.match(r"\s*(- |nanobind|See https://nanobind)", line))
    res = {"day": day, "rc": p.returncode, "wall_s": round(wall, 1), "stdout": out, "stderr": err.strip()}
    m = re.search(r"tickets: created (\d+), updated (\d+)", out)
    if m:
        res["tickets_created"], res["tickets_updated"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"events: read (\d+), loaded (\d+), quarantined (\d+), duplicates (\d+)", out)
    if m:
        res["read"], res["loaded"], res["quarantined"], res["duplicates"] = map(int, m.groups())
    m = re.search(r"^checks: (.*)$", out, re.M)
    res["checks"] = m.group(1) if m else None
    return res


# ---------------------------------------------------------------- reading the warehouse
def connect(db: Path):
    import duckdb
    return duckdb.connect(str(db), read_only=True)


def tables(con) -> set[str]:
    return {f"{s}.{t}" for s, t in con.execute(
        "select table_schema, table_name from information_schema.tables").fetchall()}


def columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"describe {table}").fetchall()]


def event_routes(con, day: str) -> tuple[dict[str, str], dict[str, str | None], dict]:
    """event_id -> destination, event_id -> cluster id (None = noise), notes."""
    have = tables(con)
    notes: dict = {}
    cluster: dict[str, str | None] = {}
    if "analytics.event_verdicts" in have:
        for eid, cid in con.execute(
                "select event_id, cluster_id from analytics.event_verdicts where batch_day = ?",
                [day]).fetchall():
            cluster[eid] = cid
        notes["cluster_source"] = "analytics.event_verdicts"
    if not cluster and "marts.fct_event_clusters" in have:
        for eid, cid in con.execute("select event_id, cluster_id from marts.fct_event_clusters").fetchall():
            cluster[eid] = cid
        notes["cluster_source"] = "marts.fct_event_clusters"
    verdict = dict(con.execute(
        "select event_id, verdict from analytics.event_verdicts where batch_day = ?", [day]).fetchall()) \
        if "analytics.event_verdicts" in have else {}

    dest: dict[str, str] = {}
    if "marts.event_routes" in have:
        cols = columns(con, "marts.event_routes")
        dcol = next((c for c in ("destination", "route", "queue") if c in cols), None)
        where = " where batch_day = ?" if "batch_day" in cols else ""
        params = [day] if where else []
        ccol = "cluster_id" if "cluster_id" in cols else "null"
        if dcol:
            for eid, d, cid in con.execute(
                    f"select event_id, {dcol}, {ccol} from marts.event_routes{where}", params).fetchall():
                dest[eid] = d
                cluster.setdefault(eid, cid)
            notes["route_source"] = "marts.event_routes"
    if not dest:
        routes = defaultdict(dict)
        for cid, seg, d in con.execute(
                "select cluster_id, segment, destination from analytics.cluster_routes where batch_day = ?",
                [day]).fetchall():
            routes[cid][seg] = d
        members = defaultdict(list)
        if "marts.route_events" in have:
            for eid, cid, seg in con.execute(
                    "select event_id, cluster_id, segment from marts.route_events where batch_day = ?",
                    [day]).fetchall():
                members[eid].append((cid, seg))
        ambiguous = 0
        for eid in set(cluster) | set(members):
            found = [(seg, routes[cid][seg]) for cid, seg in members.get(eid, []) if seg in routes.get(cid, {})]
            if found:
                found.sort(key=lambda x: x[0] == "all")  # a verdict segment's route wins over 'all'
                if len({d for _, d in found}) > 1:
                    ambiguous += 1
                dest[eid] = found[0][1]
                continue
            cid = cluster.get(eid)
            if cid is None:
                dest[eid] = "noise"
            elif "all" in routes.get(cid, {}):
                dest[eid] = routes[cid]["all"]
            elif verdict.get(eid) in routes.get(cid, {}):
                dest[eid] = routes[cid][verdict[eid]]
            else:
                dest[eid] = "unrouted"
        notes["route_source"] = "analytics.cluster_routes + marts.route_events"
        notes["events_with_conflicting_routes"] = ambiguous
    return dest, cluster, notes


def snapshot(con, day: str, outputs: Path) -> dict:
    routes = sorted(con.execute(
        "select cluster_id, segment, destination, rule, volume from analytics.cluster_routes "
        "where batch_day = ? order by 1, 2", [day]).fetchall())
    tickets = sorted(con.execute(
        "select ticket_id, queue, revision, evidence_sha256, updated_day, md5(body_markdown) "
        "from tracker.tickets order by 1").fetchall(), key=str)
    files = {}
    tdir = outputs / "tickets"
    if tdir.exists():
        for p in sorted(tdir.rglob("*")):
            if p.is_file():
                files[str(p.relative_to(tdir))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return {"routes": [tuple(map(str, r)) for r in routes], "tickets": [tuple(map(str, t)) for t in tickets],
            "files": files}


# ---------------------------------------------------------------- scoring
def score(con, truth: list[dict], truth_meta: dict, day: str) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    dest, cluster, notes = event_routes(con, day)
    by_id = {t["event_id"]: t for t in truth}
    intent_route = {i["intent_id"]: i["true_route"] for i in truth_meta["intents"]}

    # routing accuracy (noise counts as monitored: correct only for intents whose true route is monitor)
    per_route = defaultdict(lambda: [0, 0])
    confusion = defaultdict(Counter)
    per_intent_dest = defaultdict(Counter)
    missing = 0
    strict_ok = 0
    for t in truth:
        d = dest.get(t["event_id"])
        if d is None:
            d = "missing"
            missing += 1
        noise = t["event_id"] in cluster and cluster[t["event_id"]] is None
        if noise and d in ("noise", "monitor"):
            d = "monitor"  # README: unclustered events are monitored (rule `noise`)
        ok = d == t["true_route"]
        strict_ok += ok and not noise
        label = d + " (noise)" if noise else d
        per_route[t["true_route"]][0] += ok
        per_route[t["true_route"]][1] += 1
        confusion[t["true_route"]][label] += 1
        per_intent_dest[t["intent_id"]][label] += 1
    total_ok = sum(v[0] for v in per_route.values())
    routing = {"overall": round(total_ok / len(truth), 4),
               "overall_noise_not_monitor": round(strict_ok / len(truth), 4),
               "per_true_route": {r: round(v[0] / v[1], 4) for r, v in sorted(per_route.items())},
               "events_per_true_route": {r: v[1] for r, v in sorted(per_route.items())},
               "confusion": {r: dict(c.most_common()) for r, c in sorted(confusion.items())},
               "events_missing_from_tables": missing}

    # clustering against planted intents
    ids = [t["event_id"] for t in truth]
    y_true = [by_id[e]["intent_id"] for e in ids]
    y_pred = [cluster.get(e) or "noise" for e in ids]
    clustered = [(a, b) for a, b in zip(y_true, y_pred, strict=False) if b != "noise"]
    members = defaultdict(Counter)
    for a, b in clustered:
        members[b][a] += 1
    majority = {c: cnt.most_common(1)[0] for c, cnt in members.items()}
    purity = {c: n / sum(members[c].values()) for c, (i, n) in majority.items()}
    per_intent_clusters = Counter(i for i, _ in majority.values())
    main_intents = [i["intent_id"] for i in truth_meta["intents"] if i["intent_type"] not in ("tiny", "rare")]
    counts = [per_intent_clusters.get(i, 0) for i in main_intents]
    clustering = {
        "nmi": round(normalized_mutual_info_score(y_true, y_pred), 4),
        "ari": round(adjusted_rand_score(y_true, y_pred), 4),
        "nmi_clustered_only": round(normalized_mutual_info_score(*zip(*clustered, strict=False)), 4) if clustered else None,
        "ari_clustered_only": round(adjusted_rand_score(*zip(*clustered, strict=False)), 4) if clustered else None,
        "noise_share": round(sum(p == "noise" for p in y_pred) / len(y_pred), 4),
        "clusters": len(members),
        "clusters_per_intent_median": statistics.median(counts),
        "clusters_per_intent_max": max(counts),
        "intents_without_a_majority_cluster": sorted(i for i in main_intents if per_intent_clusters.get(i, 0) == 0),
        "share_clusters_majority_ge_90pct": round(sum(p >= 0.9 for p in purity.values()) / max(1, len(purity)), 4),
        "notes": notes,
    }
    noise_by_intent = Counter(a for a, b in zip(y_true, y_pred, strict=False) if b == "noise")
    n_by_intent = Counter(y_true)

    harmful = [t for t in truth if t["intent_type"] == "true_policy"]
    harmful_dest = Counter(dest.get(t["event_id"], "missing") for t in harmful)

    # re-prompt: cluster metrics joined to truth by majority intent
    rp_rows = con.execute(
        "select cluster_id, volume, reprompts, reprompt_rate from marts.cluster_metrics where window_end_day = ?",
        [day]).fetchall()
    true_rp = {i["intent_id"]: i["true_reprompt_rate"] for i in truth_meta["intents"]}
    agg = defaultdict(lambda: [0, 0])
    for cid, vol, rep, _rate in rp_rows:
        if cid in majority:
            i = majority[cid][0]
            agg[i][0] += rep or 0
            agg[i][1] += vol or 0
    rp_true_in = defaultdict(lambda: [0, 0])
    for e, c in zip(ids, y_pred, strict=False):
        if c in majority and majority[c][0] == by_id[e]["intent_id"]:
            rp_true_in[by_id[e]["intent_id"]][0] += by_id[e]["true_next_action"] == "rephrase_retry"
            rp_true_in[by_id[e]["intent_id"]][1] += 1
    reprompt = {}
    for i in sorted(agg):
        rep, vol = agg[i]
        if vol:
            reprompt[i] = {"true": true_rp[i], "derived": round(rep / vol, 4),
                           "true_in_its_clusters": round(rp_true_in[i][0] / rp_true_in[i][1], 4) if rp_true_in[i][1] else None,
                           "abs_error": round(abs(rep / vol - true_rp[i]), 4), "volume": vol}
    errs = [v["abs_error"] for v in reprompt.values()]
    by_type = defaultdict(list)
    itype = {i["intent_id"]: i["behaves_as"] for i in truth_meta["intents"]}
    for i, v in reprompt.items():
        by_type[itype[i]].append((v["true"], v["derived"]))
    reprompt_summary = {
        "max_abs_error": max(errs) if errs else None,
        "mean_abs_error": round(statistics.mean(errs), 4) if errs else None,
        "per_type_mean_true_vs_derived": {k: [round(statistics.mean(a for a, _ in v), 3),
                                              round(statistics.mean(b for _, b in v), 3)] for k, v in sorted(by_type.items())},
    }

    # segment disparity as the pipeline reports it
    disp = {}
    if "marts.segment_disparity" in tables(con):
        cols = columns(con, "marts.segment_disparity")
        rows = con.execute("select * from marts.segment_disparity where window_end_day = ?", [day]).fetchall()
        rows = [dict(zip(cols, r, strict=False)) for r in rows]
        nn = {r["cluster_type"]: r for r in rows if r["user_segment"] == "en-nonnative"}
        a = nn.get("all", {})
        seg_truth = truth_meta["segments"]["en-nonnative"]
        disp = {
            "reference_segment": a.get("reference_segment"),
            "benign_refusal_rate_ratio": fnum(a.get("benign_refusal_rate_ratio")),
            "benign_ratio_ci": [fnum(a.get("benign_refusal_rate_ratio_low")), fnum(a.get("benign_refusal_rate_ratio_high"))],
            "refusal_rate_ratio": fnum(a.get("refusal_rate_ratio")),
            "flag_significant": a.get("flag_significant"),
            "rates_note": a.get("rates_note"),
            "planted_over_refusal_ratio": truth_meta["planted_over_refusal_multiplier"]["en-nonnative"],
            "true_over_refusal_ratio": round(seg_truth["over_refusal_rate_ratio_to_ref"], 3),
            "true_should_help_ratio": round(seg_truth["should_help_rate_ratio_to_ref"], 3),
            "true_refusal_ratio": round(seg_truth["rate_ratio_to_ref"], 3),
            "per_category_benign_ratio": {k: fnum(v.get("benign_refusal_rate_ratio")) for k, v in sorted(nn.items()) if k != "all"},
        }

    dests = Counter(d for (d,) in con.execute(
        "select destination from analytics.cluster_routes where batch_day = ?", [day]).fetchall())
    vm = con.execute("select * from analytics.verdict_models where batch_day = ?", [day]).fetchall() \
        if "analytics.verdict_models" in tables(con) else []
    vm_cols = columns(con, "analytics.verdict_models") if vm else []
    per_intent = {}
    for i in truth_meta["intents"]:
        iid = i["intent_id"]
        d = per_intent_dest[iid]
        n = sum(d.values())
        per_intent[iid] = {"type": i["intent_type"], "true_route": i["true_route"], "events": n,
                           "correct": round((d[i["true_route"]] + d[i["true_route"] + " (noise)"]) / n, 3) if n else None,
                           "noise": round(noise_by_intent[iid] / n_by_intent[iid], 3) if n_by_intent[iid] else None,
                           "majority_clusters": per_intent_clusters.get(iid, 0),
                           "destinations": dict(d.most_common())}
    return {"routing": routing, "clustering": clustering,
            "should_refuse_to_classifier_tuning": harmful_dest.get("classifier_tuning", 0),
            "should_refuse_destinations": dict(harmful_dest.most_common()),
            "reprompt": reprompt_summary, "reprompt_per_intent": reprompt,
            "segment_disparity": disp, "route_destinations": dict(dests.most_common()),
            "verdict_model": dict(zip(vm_cols, map(str, vm[0]), strict=False)) if vm else None,
            "per_intent": per_intent, "_intent_route": intent_route}


def fnum(x):
    try:
        return None if x is None or x != x else round(float(x), 3)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- output
def print_report(r: dict) -> None:
    ro, cl, rp, sd = r["routing"], r["clustering"], r["reprompt"], r["segment_disparity"]
    w = 46
    lines = [("split / seed / events", f"{r['split']} / {r['seed']} / {r['events']} ({r['events_per_day']}/day x {r['days']})"),
             ("routing accuracy (noise = monitor)", ro["overall"]),
             ("routing accuracy (noise never correct)", ro["overall_noise_not_monitor"])]
    for k, v in ro["per_true_route"].items():
        lines.append((f"  true {k} ({ro['events_per_true_route'][k]} events)", v))
    lines += [("should-refuse events -> classifier_tuning", r["should_refuse_to_classifier_tuning"]),
              ("should-refuse destinations", r["should_refuse_destinations"]),
              ("NMI / ARI (noise as one label)", f"{cl['nmi']} / {cl['ari']}"),
              ("NMI / ARI (clustered events only)", f"{cl['nmi_clustered_only']} / {cl['ari_clustered_only']}"),
              ("noise share", cl["noise_share"]),
              ("clusters", cl["clusters"]),
              ("clusters per planted intent: median / max", f"{cl['clusters_per_intent_median']} / {cl['clusters_per_intent_max']}"),
              ("intents with no majority cluster", ", ".join(cl["intents_without_a_majority_cluster"]) or "-"),
              ("clusters whose majority intent >= 90 %", cl["share_clusters_majority_ge_90pct"]),
              ("re-prompt: max / mean abs error", f"{rp['max_abs_error']} / {rp['mean_abs_error']}"),
              ("re-prompt per type: true vs derived", rp["per_type_mean_true_vs_derived"]),
              ("en-nonnative benign-refusal ratio (95 % CI)", f"{sd.get('benign_refusal_rate_ratio')} {sd.get('benign_ratio_ci')}"),
              ("  planted over-refusal ratio / realised", f"{sd.get('planted_over_refusal_ratio')} / {sd.get('true_over_refusal_ratio')}"),
              ("  true should-help ratio / refusal ratio", f"{sd.get('true_should_help_ratio')} / {sd.get('true_refusal_ratio')}"),
              ("  pipeline refusal ratio / flag_significant", f"{sd.get('refusal_rate_ratio')} / {sd.get('flag_significant')}"),
              ("routes on the last day", r["route_destinations"]),
              ("re-run of last day: routes changed", r["rerun"]["routes_changed"]),
              ("re-run of last day: tickets changed", r["rerun"]["tickets_changed"]),
              ("re-run summary: tickets created / updated", f"{r['rerun'].get('tickets_created')} / {r['rerun'].get('tickets_updated')}"),
              ("wall time: total / pipeline runs (s)", f"{r['wall_s']} / {r['pipeline_wall_s']}"),
              ("per-day run wall (s)", r["day_wall_s"]),
              ("checks lines", r["checks"])]
    print("-" * 100)
    for k, v in lines:
        print(f"{k:<{w}} {v}")
    print("-" * 100)
    print("confusion (true route -> destination; '(noise)': unclustered events):")
    for k, v in ro["confusion"].items():
        print(f"  {k:<20} {v}")
    print("-" * 100)
    print(f"{'intent':<24} {'type':<15} {'true route':<18} {'events':>6} {'correct':>7} {'noise':>6} {'#cl':>3}  destinations")
    for iid, v in r["per_intent"].items():
        print(f"{iid:<24} {v['type']:<15} {v['true_route']:<18} {v['events']:>6} {v['correct']:>7} {v['noise']:>6} "
              f"{v['majority_clusters']:>3}  {v['destinations']}")
    print("-" * 100)
    print(f"{'re-prompt, intent':<24} {'true':>6} {'derived':>8} {'true in cl':>10} {'abs err':>8}")
    for iid, v in r["reprompt_per_intent"].items():
        print(f"{iid:<24} {v['true']:>6} {v['derived']:>8} {str(v['true_in_its_clusters']):>10} {v['abs_error']:>8}")
    print("-" * 100)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    make_logs.add_log_arguments(p)
    p.add_argument("--keep", help="keep the landing folder, warehouse and outputs here (must not exist or be empty)")
    p.add_argument("--config", help="TOML passed to every run (default: the pipeline's defaults)")
    p.add_argument("--pipeline-src", help="run the CLI from this source tree with the repo's .venv "
                                          "(e.g. a `git archive HEAD` snapshot while others edit the tree)")
    a = p.parse_args(argv)
    t_start = time.monotonic()
    if a.keep:
        base = Path(a.keep).resolve()
        if base.exists() and any(base.iterdir()):
            p.error(f"--keep {base} is not empty")
        base.mkdir(parents=True, exist_ok=True)
    else:
        base = Path(tempfile.mkdtemp(prefix="realistic_eval_"))
    landing, outputs = base / "landing", base / "outputs"
    db = outputs / "refusal_backlog.duckdb"
    outputs.mkdir(parents=True, exist_ok=True)
    start = dt.date.fromisoformat(a.start)
    meta = make_logs.generate(a.split, a.days, a.events_per_day, start, landing, a.seed)
    truth = [json.loads(line) for line in (landing / "truth.jsonl").read_text().splitlines()]
    days = [(start + dt.timedelta(days=i)).isoformat() for i in range(a.days)]
    cmd, cwd, env = cli_command(Path(a.pipeline_src).resolve() if a.pipeline_src else None)
    runs = []
    t_pipe = time.monotonic()
    try:
        for d in days:
            res = run_day(cmd, cwd, env, landing, d, db, outputs, a.config)
            runs.append(res)
            print(f"[{d}] rc={res['rc']} {res['wall_s']}s read={res.get('read')} loaded={res.get('loaded')} "
                  f"quarantined={res.get('quarantined')} duplicates={res.get('duplicates')} checks={res['checks']}",
                  file=sys.stderr, flush=True)
            if res["rc"] != 0:
                print(res["stdout"][-3000:], res["stderr"][-3000:], sep="\n", file=sys.stderr)
                print(json.dumps({"error": f"run for {d} exited {res['rc']}", "stderr": res["stderr"][-500:]}))
                return 1
        pipeline_wall = time.monotonic() - t_pipe
        con = connect(db)
        r = score(con, truth, meta, days[-1])
        before = snapshot(con, days[-1], outputs)
        con.close()
        again = run_day(cmd, cwd, env, landing, days[-1], db, outputs, a.config)
        print(f"[{days[-1]} again] rc={again['rc']} {again['wall_s']}s checks={again['checks']}", file=sys.stderr)
        if again["rc"] != 0:
            print(again["stderr"][-3000:], file=sys.stderr)
        con = connect(db)
        after = snapshot(con, days[-1], outputs)
        con.close()
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)
    changed_routes = sorted(set(before["routes"]) ^ set(after["routes"]))
    changed_tickets = sorted(set(before["tickets"]) ^ set(after["tickets"]))
    changed_files = sorted(k for k in set(before["files"]) | set(after["files"])
                           if before["files"].get(k) != after["files"].get(k))
    r["rerun"] = {"rc": again["rc"], "wall_s": again["wall_s"],
                  "routes_changed": bool(changed_routes), "route_rows_differing": len(changed_routes),
                  "tickets_changed": bool(changed_tickets or changed_files),
                  "ticket_rows_differing": len(changed_tickets), "ticket_files_differing": len(changed_files),
                  "tickets_created": again.get("tickets_created"), "tickets_updated": again.get("tickets_updated")}
    r.pop("_intent_route", None)
    r.update({"split": a.split, "seed": a.seed, "events": len(truth), "events_per_day": a.events_per_day,
              "days": a.days, "wall_s": round(time.monotonic() - t_start, 1),
              "pipeline_wall_s": round(pipeline_wall, 1), "day_wall_s": [x["wall_s"] for x in runs],
              "checks": sorted({x["checks"] for x in runs + [again]} - {None}),
              "ingest": [{k: x.get(k) for k in ("day", "read", "loaded", "quarantined", "duplicates")} for x in runs],
              "kept": str(base) if a.keep else None})
    print_report(r)
    summary = {k: r[k] for k in ("split", "seed", "events", "wall_s", "pipeline_wall_s")}
    summary.update({
        "routing_accuracy": r["routing"]["overall"],
        "routing_accuracy_noise_not_monitor": r["routing"]["overall_noise_not_monitor"],
        "routing_accuracy_per_true_route": r["routing"]["per_true_route"],
        "nmi": r["clustering"]["nmi"], "ari": r["clustering"]["ari"],
        "noise_share": r["clustering"]["noise_share"], "clusters": r["clustering"]["clusters"],
        "clusters_per_intent_median": r["clustering"]["clusters_per_intent_median"],
        "clusters_per_intent_max": r["clustering"]["clusters_per_intent_max"],
        "share_clusters_majority_ge_90pct": r["clustering"]["share_clusters_majority_ge_90pct"],
        "should_refuse_to_classifier_tuning": r["should_refuse_to_classifier_tuning"],
        "reprompt_max_abs_error": r["reprompt"]["max_abs_error"],
        "reprompt_mean_abs_error": r["reprompt"]["mean_abs_error"],
        "segment_benign_ratio_en_nonnative": r["segment_disparity"].get("benign_refusal_rate_ratio"),
        "segment_benign_ratio_ci": r["segment_disparity"].get("benign_ratio_ci"),
        "planted_over_refusal_ratio": r["segment_disparity"].get("planted_over_refusal_ratio"),
        "true_should_help_ratio": r["segment_disparity"].get("true_should_help_ratio"),
        "rerun_routes_changed": r["rerun"]["routes_changed"],
        "rerun_tickets_changed": r["rerun"]["tickets_changed"],
        "route_destinations": r["route_destinations"],
    })
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
