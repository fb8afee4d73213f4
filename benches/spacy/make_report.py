#!/usr/bin/env python3
"""Assemble benches/ACCURACY.md from the JSON that benches/accuracy.sh leaves in
its work directory (one set of files per corpus NAME):

    NAME.path               the corpus path as given to `frex eval`
    NAME.docs.jsonl         the exported documents (for counts)
    NAME.frex.json          `frex eval --format json` (absent if frex failed)
    NAME.frex.err           its stderr
    NAME.frex.timing.json   wall seconds of `frex extract` on NAME.docs.jsonl
    NAME.{sm,md}.json       `frex eval --predictions` of spaCy's output
    NAME.{sm,md}.timing.json  run_spacy.py's timing, plus the process's wall_s

    make_report.py WORKDIR NAME... --date D --machine M --commit C ... > ACCURACY.md
"""

import argparse
import json
import os
import sys

MODELS = [("sm", "spaCy sm"), ("md", "spaCy md")]
DASH = "—"  # the tool does not extract this at all
NA = "n/a"  # the corpus has no gold for this layer


def load(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def report(path):
    """The single corpus report in a `frex eval --format json` array."""
    data = load(path)
    if data is None:
        return None
    if isinstance(data, list):
        if len(data) != 1:
            sys.exit(f"make_report: {path}: expected one report, found {len(data)}")
        return data[0]
    return data


def dig(d, *keys):
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def f3(x):
    return f"{x:.3f}"


def doc_stats(path):
    n = chars = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                n += 1
                chars += len(json.loads(line)["text"])
    return n, chars


COLUMNS = [
    ("person", ("entities", "document", "person", "f1"), "entities"),
    ("place", ("entities", "document", "place", "f1"), "entities"),
    ("group", ("entities", "document", "group", "f1"), "entities"),
    ("micro F1 (document)", ("entities", "document", "micro", "f1"), "entities"),
    ("micro F1 (mention)", ("entities", "mention", "micro", "f1"), "entities"),
    ("dates span F1", ("dates", "span", "f1"), "dates"),
    ("date value acc.", ("dates", "value_accuracy"), "dates"),
    ("casualties F1", ("casualties", "f1"), "casualties"),
]


def row_cells(rep, layers_present, is_spacy):
    """Numbers (or None) and display strings for one tool on one corpus."""
    nums, cells = [], []
    for _, keys, layer in COLUMNS:
        if not layers_present.get(layer):
            nums.append(None)
            cells.append(NA)
        elif is_spacy and layer in ("dates", "casualties"):
            nums.append(None)
            cells.append(DASH)
        else:
            v = dig(rep, *keys) if rep is not None else None
            nums.append(v)
            cells.append(f3(v) if isinstance(v, (int, float)) else NA)
    return nums, cells


def rate(chars, seconds):
    if seconds is None or seconds <= 0:
        return None
    return chars / seconds


def fmt_rate(r):
    if r is None:
        return "?"
    if r >= 1e6:
        return f"{r / 1e6:.1f} M"
    if r >= 1e3:
        return f"{r / 1e3:.0f} k"
    return f"{r:.0f}"


def fmt_s(s):
    if s is None:
        return "?"
    return f"{s:.3f} s" if s < 1 else f"{s:.1f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("work")
    ap.add_argument("names", nargs="+")
    ap.add_argument("--date", required=True)
    ap.add_argument("--machine", required=True)
    ap.add_argument("--commit", required=True)
    ap.add_argument("--frex-version", default="frex")
    ap.add_argument("--python", default="?")
    a = ap.parse_args()
    w = lambda *p: os.path.join(a.work, *p)  # noqa: E731

    corpora = []
    versions = {}
    for name in a.names:
        with open(w(f"{name}.path"), encoding="utf-8") as f:
            path = f.read().strip()
        ndocs, chars = doc_stats(w(f"{name}.docs.jsonl"))
        c = {
            "name": name,
            "path": path,
            "docs": ndocs,
            "chars": chars,
            "frex": report(w(f"{name}.frex.json")),
            "frex_timing": load(w(f"{name}.frex.timing.json")),
        }
        for m, _ in MODELS:
            c[m] = report(w(f"{name}.{m}.json"))
            c[m + "_timing"] = t = load(w(f"{name}.{m}.timing.json"))
            if t:
                versions["spacy"] = t.get("spacy_version")
                versions[t["model"]] = t.get("model_version")
                versions[t["model"] + " pipes"] = t.get("pipes")
        # Which gold layers the corpus has: any report that scored it says so
        # (a layer is null in the JSON when the corpus has no such gold).
        present = {}
        for layer in ("entities", "dates", "casualties"):
            probe = ("entities", "document", "micro") if layer == "entities" else (layer,)
            present[layer] = any(dig(c[k], *probe) is not None for k in ("frex", "sm", "md"))
        c["present"] = present
        corpora.append(c)

    out = []
    p = out.append
    p("# Accuracy: frex against spaCy")
    p("")
    p("Generated by `benches/accuracy.sh` — run it from the repository root to regenerate this file.")
    p("")
    p(f"- Date: {a.date}")
    p(f"- Machine: {a.machine}")
    p(f"- frex: {a.frex_version}, commit {a.commit}")
    spacy_models = ", ".join(
        f"`fr_core_news_{m}` {versions.get('fr_core_news_' + m, '?')}" for m, _ in MODELS
    )
    pipes = versions.get("fr_core_news_sm pipes")
    p(
        f"- spaCy {versions.get('spacy', '?')} with {spacy_models} "
        f"(Python {a.python}; only the components NER needs run: "
        f"{', '.join(f'`{x}`' for x in pipes or []) or '?'})"
    )
    p("- Command: `benches/accuracy.sh`")
    p("")
    p("Every score comes from the same scorer, `frex eval`: frex is run by it directly; spaCy annotates")
    p("the documents `frex eval --export-docs` writes, and its entities (PER → person, LOC → place,")
    p("ORG → group; MISC dropped) are scored with `frex eval --predictions`. Entity columns are F1 at")
    p("document level (each referent once per document) except *micro F1 (mention)*, exact spans.")
    p("*Date value acc.* is the share of matched date spans whose normalised value is right.")
    p(f"{DASH} = the tool does not extract this; {NA} = the corpus has no gold for it.")
    p("Best per column in bold.")
    p("")

    # Summary.
    p("## Summary: entity micro F1, document level / mention level")
    p("")
    p("| corpus | docs | frex | spaCy sm | spaCy md |")
    p("| --- | ---: | ---: | ---: | ---: |")
    for c in corpora:
        cells = []
        for k in ("frex", "sm", "md"):
            r = c[k]
            if k == "frex" and r is None:
                cells.append("frex failed")
                continue
            if not c["present"]["entities"]:
                cells.append(NA)
                continue
            d = dig(r, "entities", "document", "micro", "f1")
            m = dig(r, "entities", "mention", "micro", "f1")
            cells.append(f"{f3(d)} / {f3(m)}" if d is not None and m is not None else NA)
        p(f"| {c['name']} | {c['docs']} | " + " | ".join(cells) + " |")
    p("")

    # Per corpus.
    p("## Per corpus")
    p("")
    for c in corpora:
        p(f"### {c['name']}")
        p("")
        p(f"`{c['path']}`: {c['docs']} documents, {c['chars']:,} characters.")
        p("")
        p("| tool | " + " | ".join(h for h, _, _ in COLUMNS) + " |")
        p("| --- |" + " ---: |" * len(COLUMNS))
        rows = []
        if c["frex"] is None:
            rows.append(("frex", None, ["frex eval failed"] + [""] * (len(COLUMNS) - 1)))
        else:
            nums, cells = row_cells(c["frex"], c["present"], False)
            rows.append(("frex", nums, cells))
        for m, label in MODELS:
            nums, cells = row_cells(c[m], c["present"], True)
            rows.append((label, nums, cells))
        for i in range(len(COLUMNS)):
            vals = [r[1][i] for r in rows if r[1] is not None and r[1][i] is not None]
            if len(vals) < 2:
                continue
            best = max(vals)
            for r in rows:
                if r[1] is not None and r[1][i] is not None and r[1][i] == best:
                    r[2][i] = f"**{r[2][i]}**"
        for label, _, cells in rows:
            p(f"| {label} | " + " | ".join(cells) + " |")
        if c["frex"] is None:
            err = w(f"{c['name']}.frex.err")
            why = ""
            if os.path.exists(err):
                with open(err, encoding="utf-8", errors="replace") as f:
                    lines = [ln.strip() for ln in f if "panicked" in ln or "not yet implemented" in ln]
                if lines:
                    why = f" (`{lines[0]}`)"
            p("")
            p(f"frex eval failed on this corpus{why}.")
        p("")

    # Speed.
    threads = next((c["frex_timing"]["threads"] for c in corpora if c["frex_timing"]), "N")
    p("## Speed")
    p("")
    p("Each cell: wall seconds of the whole process on the corpus's exported documents (start-up and")
    p("model loading included), then characters per second of processing alone. frex: `frex extract`,")
    p("best of 3; its rate is measured on the documents repeated to about 2 M characters, less its")
    p("start-up on a one-word document (about {:.0f} ms). spaCy: `run_spacy.py`, one run, one process;".format(
        1000 * min((c["frex_timing"].get("startup_1") or 0) for c in corpora if c["frex_timing"])
        if any(c["frex_timing"] for c in corpora) else 0))
    p("its rate excludes Python start-up and model loading. frex extracts entities, dates and")
    p("casualties; spaCy runs only its NER component. For larger inputs see `benches/cli-throughput.sh`.")
    p("")
    p(f"| corpus | chars | frex, 1 thread | frex, {threads} threads | spaCy sm | spaCy md |")
    p("| --- | ---: | ---: | ---: | ---: | ---: |")
    tot = {"chars": 0, "f1": [0, 0], "fn": [0, 0], "sm": [0, 0], "md": [0, 0]}
    ok = {"f1": True, "fn": True, "sm": True, "md": True}
    for c in corpora:
        chars = c["chars"]
        tot["chars"] += chars
        cells = []
        t = c["frex_timing"]
        for key, wall_k, rep_k, st_k in (
            ("f1", "wall_1", "rep_wall_1", "startup_1"),
            ("fn", "wall_n", "rep_wall_n", "startup_n"),
        ):
            wall = t.get(wall_k) if t else None
            rep_wall = t.get(rep_k) if t else None
            st = t.get(st_k) if t else None
            if wall is None:
                cells.append("frex failed")
                ok[key] = False
                continue
            proc = rep_wall - (st or 0) if rep_wall is not None else None
            r = rate(t.get("rep_chars", 0), proc)
            cells.append(f"{fmt_s(wall)}, {fmt_rate(r)} chars/s")
            tot[key][0] += wall
            if proc is not None and proc > 0:
                tot[key][1] += chars / r  # this corpus's share at its own rate
        for m, _ in MODELS:
            t = c[m + "_timing"]
            if not t:
                cells.append("?")
                ok[m] = False
                continue
            wall = t.get("wall_s", t["load_s"] + t["process_s"])
            cells.append(f"{fmt_s(wall)}, {fmt_rate(rate(chars, t['process_s']))} chars/s")
            tot[m][0] += wall
            tot[m][1] += t["process_s"]
        p(f"| {c['name']} | {chars:,} | " + " | ".join(cells) + " |")
    cells = []
    for key in ("f1", "fn", "sm", "md"):
        if not ok[key]:
            cells.append("—")
        else:
            cells.append(f"{fmt_s(tot[key][0])}, {fmt_rate(rate(tot['chars'], tot[key][1]))} chars/s")
    p(f"| **all** | {tot['chars']:,} | " + " | ".join(cells) + " |")
    p("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
