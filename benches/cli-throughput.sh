#!/usr/bin/env bash
# End-to-end throughput of the release binary on two threads: a JSONL dump
# made by repeating the fixture articles (~MB given as $1, default 200),
# timed with `frex extract -j 2 > /dev/null`. Prints MB/s and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-200}
cargo build --release --quiet
dump=$(mktemp --suffix=.jsonl)
trap 'rm -f "$dump"' EXIT
python3 - "$dump" "$mb" <<'PY'
import json, pathlib, sys
out, target = sys.argv[1], int(sys.argv[2]) * 1_000_000
arts = []
for p in sorted(pathlib.Path("fixtures/articles").glob("*.txt")):
    t = p.read_text(encoding="utf-8")
    head, sep, body = t.partition("\n\n")
    arts.append(body if sep and " " not in head.strip() else t)
size, i = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        body = arts[i % len(arts)]
        line = json.dumps({"id": f"a{i}", "text": body, "published": "2024-09-22"}, ensure_ascii=False)
        f.write(line + "\n")
        size += len(body.encode()); i += 1
print(f"{i} articles, {size/1e6:.0f} MB of text", file=sys.stderr)
PY
bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1], encoding='utf-8')))" "$dump")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o /tmp/frex-rss ./target/release/frex extract -j 2 "$dump" > /dev/null
end=$(date +%s.%N)
python3 -c "import sys; b,s,e=map(float,sys.argv[1:4]); print(f'{b/1e6:.0f} MB of article text in {e-s:.2f} s: {b/1e6/(e-s):.1f} MB/s on 2 threads')" "$bytes" "$start" "$end"
echo "peak RSS: $(( $(cat /tmp/frex-rss) / 1024 )) MB"
