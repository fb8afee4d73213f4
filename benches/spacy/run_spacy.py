#!/usr/bin/env python3
"""Run a spaCy French pipeline over documents exported by `frex eval --export-docs`
and write its entities as frex records, for `frex eval --predictions`.

    run_spacy.py MODEL DOCS.jsonl PRED.jsonl [--timing TIMING.json] [--batch-size N]

Labels are mapped PER -> person, LOC -> place, ORG -> group; MISC (and anything
else) is dropped. Offsets are Python str indices (Unicode code points), i.e.
spaCy's `ent.start_char` / `ent.end_char`, which is what frex expects.

Only the components NER needs are run: everything else in the pipeline is
disabled, and the shared `tok2vec` is kept only if `ner` listens to it.
The timing file separates model loading from processing so that throughput
(chars/s) is not dominated by start-up on small corpora.
"""

import argparse
import json
import sys
import time

LABELS = {"PER": "person", "LOC": "place", "ORG": "group"}


def load_docs(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"run_spacy: {path}:{n}: not JSON: {e}")
            if "id" not in d or "text" not in d:
                sys.exit(f"run_spacy: {path}:{n}: record lacks \"id\" or \"text\"")
            docs.append(d)
    return docs


def load_model(name):
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as e:
        sys.exit(
            f"run_spacy: cannot load spaCy model {name!r} ({e}); install it from "
            "benches/spacy/requirements.txt"
        )
    if "ner" not in nlp.pipe_names:
        sys.exit(f"run_spacy: model {name!r} has no 'ner' component")
    keep = {"ner"}
    # The small/medium French pipelines may share a tok2vec with ner through a
    # listener; keep exactly the components ner listens to.
    for pname in nlp.pipe_names:
        comp = nlp.get_pipe(pname)
        listening = getattr(comp, "listening_components", None) or []
        if "ner" in listening:
            keep.add(pname)
    for pname in list(nlp.pipe_names):
        if pname not in keep:
            nlp.disable_pipe(pname)
    return nlp


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model", help="spaCy pipeline package, e.g. fr_core_news_md")
    ap.add_argument("docs", help="JSONL from `frex eval CORPUS --export-docs`")
    ap.add_argument("out", help="predictions JSONL to write (frex record shape)")
    ap.add_argument("--timing", help="write {load_s, process_s, docs, chars, ...} here")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()

    docs = load_docs(args.docs)
    t0 = time.perf_counter()
    nlp = load_model(args.model)
    t1 = time.perf_counter()
    longest = max((len(d["text"]) for d in docs), default=0)
    nlp.max_length = max(nlp.max_length, longest + 1)

    source = f"spacy {args.model}"
    texts = (d["text"] for d in docs)
    with open(args.out, "w", encoding="utf-8") as out:
        for d, doc in zip(docs, nlp.pipe(texts, batch_size=args.batch_size)):
            entities = []
            for ent in doc.ents:
                kind = LABELS.get(ent.label_)
                if kind is None:
                    continue
                entities.append(
                    {
                        "type": kind,
                        "text": ent.text,
                        "start": ent.start_char,
                        "end": ent.end_char,
                        "canonical": ent.text,
                        "id": None,
                        "source": "context",
                    }
                )
            rec = {
                "id": d["id"],
                "source": source,
                "published": None,
                "entities": entities,
                "dates": [],
                "casualties": [],
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    t2 = time.perf_counter()

    chars = sum(len(d["text"]) for d in docs)
    meta = nlp.meta
    timing = {
        "model": args.model,
        "model_version": meta.get("version"),
        "spacy_version": __import__("spacy").__version__,
        "pipes": nlp.pipe_names,
        "docs": len(docs),
        "chars": chars,
        "load_s": t1 - t0,
        "process_s": t2 - t1,
    }
    if args.timing:
        with open(args.timing, "w", encoding="utf-8") as f:
            json.dump(timing, f, indent=1)
    print(
        f"run_spacy: {args.model} {meta.get('version')}: {len(docs)} docs, {chars} chars "
        f"in {t2 - t1:.2f} s (+{t1 - t0:.2f} s load), pipes {nlp.pipe_names}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
