#!/usr/bin/env python3
"""Checks score_corpus.py output against one single-process `framewatch batch` run.

  check_output.py --input IN.jsonl --reference REF.jsonl [--jsonl DIR] [--parquet DIR]

For each output given: one result per input line (lines 1..N, each exactly once), every input id
exactly once, and each result identical to the reference result for that line, compared as
parsed JSON objects (so only key order is normalised). The Parquet columns are checked against
the report each row carries. Exits 1 with the first differences when anything is off.
"""

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}")


def input_ids(path):
    """Per input line (1-based): the id framewatch will report (str), None, or a sentinel when
    the line is not a JSON object (its id is unknown: framewatch reports null)."""
    ids = []
    with open(path, "rb") as f:
        data = f.read()
    raw_lines = data.split(b"\n")
    if raw_lines and raw_lines[-1] == b"":
        raw_lines.pop()
    for raw in raw_lines:
        try:
            record = json.loads(raw.decode("utf-8").rstrip("\r"))
        except ValueError:
            ids.append(None)
            continue
        value = record.get("id") if isinstance(record, dict) else None
        ids.append(None if value is None else str(value))
    return ids


def load_reference(path):
    by_line = {}
    with open(path, encoding="utf-8") as f:
        for raw in f:
            obj = json.loads(raw)
            by_line[obj["line"]] = obj
    return by_line


def first_difference(a, b, path="$"):
    """Where two parsed JSON values first differ, as a path and the two values."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{path}.{key}: {'missing' if key not in a else repr(a[key])[:80]} vs {'missing' if key not in b else repr(b[key])[:80]}"
            found = first_difference(a[key], b[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items vs {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{path}: {a!r} vs {b!r}"


def compare(name, results, reference, ids):
    """results: list of parsed objects in output order."""
    n = len(ids)
    lines = Counter(r.get("line") for r in results)
    missing = [i for i in range(1, n + 1) if lines[i] == 0]
    dupes = [i for i, c in lines.items() if c > 1]
    extra = [i for i in lines if not (isinstance(i, int) and 1 <= i <= n)]
    print(f"[{name}] {len(results)} results for {n} input lines")
    if len(results) != n or missing or dupes or extra:
        fail(f"{name}: lines missing {missing[:10]}, duplicated {dupes[:10]}, out of range {extra[:10]}")
    order = [r.get("line") for r in results]
    if order != sorted(order):
        fail(f"{name}: results are not in input order")
    else:
        print(f"[{name}] results are in input order (part files read in name order)")

    expected_ids = Counter(i for i in ids if i is not None)
    got_ids = Counter(r.get("id") for r in results if r.get("id") is not None)
    if expected_ids != got_ids:
        fail(
            f"{name}: ids differ: missing {list((expected_ids - got_ids).keys())[:5]}, "
            f"unexpected {list((got_ids - expected_ids).keys())[:5]}"
        )
    else:
        dup = [k for k, c in got_ids.items() if c > 1]
        if dup:
            fail(f"{name}: ids reported more than once: {dup[:5]}")
        print(f"[{name}] every input id appears exactly once ({sum(expected_ids.values())} ids)")

    errors = [r for r in results if "error" in r]
    print(
        f"[{name}] {len(errors)} error records kept: "
        + ", ".join(f"line {r['line']} {r['error']['code']}" for r in errors)
    )
    different = [r["line"] for r in results if reference.get(r.get("line")) != r]
    if different:
        first = different[0]
        fail(f"{name}: {len(different)} results differ from the single-process run, first at line {first}")
        got = next(r for r in results if r.get("line") == first)
        print(f"  first difference (spark vs reference): {first_difference(got, reference.get(first))}")
    else:
        print(f"[{name}] all {len(results)} results identical to the single-process run (parsed JSON)")


def check_jsonl(folder, reference, ids):
    parts = sorted(p for p in Path(folder).iterdir() if p.name.startswith("part-"))
    if not parts:
        fail(f"jsonl: no part files in {folder}")
        return
    results = []
    for part in parts:
        with open(part, encoding="utf-8") as f:
            for raw in f:
                results.append(json.loads(raw))
    print(f"[jsonl] {len(parts)} part files in {folder}")
    compare("jsonl", results, reference, ids)


def check_parquet(folder, reference, ids):
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").appName("framewatch-check").getOrCreate()
    try:
        df = spark.read.parquet(folder)
        columns = df.columns
        expected_columns = [
            "id", "line", "lang", "frame", "anti_russian", "conciliatory", "sentiment",
            "tone_russia", "flagged", "lexicon_hash", "error_code", "report",
        ]
        if columns != expected_columns:
            fail(f"parquet: columns {columns}, expected {expected_columns}")
        else:
            print(f"[parquet] columns: {', '.join(columns)}")
        rows = sorted(df.collect(), key=lambda r: r["line"])
    finally:
        spark.stop()
    results = []
    bad_columns = 0
    for row in rows:
        report = json.loads(row["report"])
        results.append(report)
        error = report.get("error")
        frame = report.get("frame") or {}
        russia = [t["tone"] for t in report.get("targets") or [] if t.get("entity") == "russia"]
        expected = {
            "id": None if report.get("id") is None else str(report["id"]),
            "line": report["line"],
            "lang": report.get("lang"),
            "frame": frame.get("label"),
            "anti_russian": (frame.get("scores") or {}).get("anti_russian"),
            "conciliatory": (frame.get("scores") or {}).get("conciliatory"),
            "sentiment": (report.get("sentiment") or {}).get("score"),
            "tone_russia": russia[0] if russia else None,
            "flagged": None if error else [e["id"] for e in report.get("entities") or [] if e.get("flagged")],
            "lexicon_hash": (report.get("lexicon") or {}).get("hash"),
            "error_code": error["code"] if error else None,
        }
        got = {k: row[k] for k in expected}
        if got["flagged"] is not None:
            got["flagged"] = list(got["flagged"])
        if got != expected:
            bad_columns += 1
            if bad_columns <= 3:
                fail(f"parquet: line {report['line']}: columns {got} but report says {expected}")
    if bad_columns == 0:
        print(f"[parquet] every row's columns agree with its report JSON ({len(rows)} rows)")
    flagged_rows = sum(1 for r in rows if r["flagged"])
    print(f"[parquet] rows with flagged entities: {flagged_rows}; error rows: {sum(1 for r in rows if r['error_code'])}")
    compare("parquet", results, reference, ids)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--input", required=True)
    p.add_argument("--reference", required=True)
    p.add_argument("--jsonl")
    p.add_argument("--parquet")
    args = p.parse_args()
    ids = input_ids(args.input)
    reference = load_reference(args.reference)
    if len(reference) != len(ids):
        fail(f"reference has {len(reference)} results for {len(ids)} input lines")
    if args.jsonl:
        check_jsonl(args.jsonl, reference, ids)
    if args.parquet:
        check_parquet(args.parquet, reference, ids)
    if failures:
        print(f"{len(failures)} check(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
