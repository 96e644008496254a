#!/usr/bin/env python3
"""Throughput of the tools a user might pick instead of Framewatch, on the bytes of our benchmark
corpus (.build/bench/en.jsonl, the one `scripts/bench-run` measures Framewatch on).

Peers (each in its own subprocess, so each has its own peak RSS):
  vader-article    vaderSentiment: SentimentIntensityAnalyzer.polarity_scores(text) per article
  vader-sentence   the same per sentence; sentences split with the regex SENTENCE_SPLIT below
                   (after . ! ? or … followed by white space, and at every line break)
  spacy-tokenize   spacy.blank("en") tokenizer only (nlp.make_doc), for reference
  spacy-match      spacy.blank("en") tokenizer + PhraseMatcher(attr="LOWER") over the pack's
                   English terms: the first column of every non-comment line of
                   cues/en.tsv and sentiment/en.tsv, with a trailing `*` dropped
                   (PhraseMatcher has no wildcards: `stem*` matches the bare stem only)
  framewatch       `framewatch batch --quiet --jobs 1` on the same lines (a file in, /dev/null
                   out), as the point of comparison, when a binary is found (--framewatch)
  baseline         Python with the corpus loaded and nothing run: the RSS floor of the peers

Figures: MB/s of article text (MB = 1,048,576 bytes of the UTF-8 "text" fields, as fw-bench
counts), documents/s, and peak RSS (ru_maxrss of the peer's own process; for framewatch, of the
child process), medians of --runs runs. The Python peers are timed on texts already in memory
(JSON parsing not timed); framewatch's time includes reading and parsing JSON and writing JSON
reports, and its process start and pack load (its "setup s" is that start alone, on a
one-document input). All peers are single-threaded; framewatch runs with --jobs 1. "setup s"
of the Python peers (loading VADER, building spaCy and the PhraseMatcher) is not timed.

Usage:
  python3 scripts/bench-peers.py [--corpus FILE] [--runs 3] [--limit-mb N] [--json FILE]
                                 [--peers vader-article,...] [--framewatch BIN | --no-framewatch]
Packages: vaderSentiment and spacy, in .build/spark-venv (made and filled on first use: the
script re-runs itself with that venv's Python when the current one lacks them).
"""

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT / ".build/bench/en.jsonl"
PACK = ROOT / "Lexicons/russia-azerbaijan"
VENV = ROOT / ".build/spark-venv"
PACKAGES = ["vaderSentiment", "spacy"]
MB = 1_048_576
SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+|\n+")
PEERS = ["vader-article", "vader-sentence", "spacy-tokenize", "spacy-match"]
DESCRIPTIONS = {
    "baseline": "Python + corpus in memory, nothing run (RSS floor)",
    "vader-article": "VADER polarity_scores per article",
    "vader-sentence": "VADER polarity_scores per sentence (regex split)",
    "spacy-tokenize": 'spaCy blank("en") tokenizer only',
    "spacy-match": 'spaCy blank("en") tokenizer + PhraseMatcher(LOWER), pack en terms',
    "framewatch": "framewatch batch --jobs 1 (parse JSON, analyse, write reports)",
}


# ----- the packages ---------------------------------------------------------------------------


def have_packages():
    """Whether both packages can be imported (found without importing them: a worker's peak RSS
    must not include the other peer's package)."""
    from importlib.util import find_spec

    return all(find_spec(name) is not None for name in ["spacy", "vaderSentiment"])


def reexec_in_venv():
    """Runs this script again with the venv's Python, making the venv when needed."""
    python = VENV / "bin/python"
    if os.environ.get("BENCH_PEERS_REEXEC"):
        sys.exit(f"bench-peers: {', '.join(PACKAGES)} not importable with {sys.executable}")
    if not python.exists():
        print(f"bench-peers: creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = subprocess.run([str(python), "-c", "import spacy, vaderSentiment"], capture_output=True)
    if check.returncode != 0:
        print(f"bench-peers: installing {' '.join(PACKAGES)} into {VENV}", file=sys.stderr)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PACKAGES], check=True
        )
    env = dict(os.environ, BENCH_PEERS_REEXEC="1")
    os.execve(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]], env)


# ----- the corpus -----------------------------------------------------------------------------


def ensure_corpus(path):
    if path.exists():
        return
    if path != DEFAULT_CORPUS:
        sys.exit(f"bench-peers: no corpus at {path}")
    fw_bench = ROOT / ".build/release/fw-bench"
    if not fw_bench.exists():
        sys.exit(f"bench-peers: {path} is missing and so is {fw_bench}: run `bash scripts/bench-run` once")
    print(f"bench-peers: generating {path}", file=sys.stderr)
    subprocess.run([str(fw_bench), "generate", "--out", str(path.parent), "--en-mb", "20"], check=True)


def load_corpus(path, limit_mb):
    """(texts, raw JSON lines) of the documents with a "text", in file order, up to limit_mb MB
    of text (whole documents: the one that crosses the limit is the last)."""
    texts, lines, size = [], [], 0
    limit = None if limit_mb is None else limit_mb * MB
    with open(path, "rb") as f:
        for raw in f:
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            text = record.get("text") if isinstance(record, dict) else None
            if not isinstance(text, str):
                continue
            texts.append(text)
            lines.append(raw if raw.endswith(b"\n") else raw + b"\n")
            size += len(text.encode("utf-8"))
            if limit is not None and size >= limit:
                break
    return texts, lines, size


def pack_terms():
    """The first column of the English cue and sentiment lists, `*` dropped, deduplicated."""
    terms, wildcards = [], 0
    for rel in ["cues/en.tsv", "sentiment/en.tsv"]:
        for line in (PACK / rel).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            term = line.split("\t")[0].strip()
            if term.endswith("*"):
                wildcards += 1
                term = term[:-1].rstrip()
            if term:
                terms.append(term)
    unique = sorted(set(t.lower() for t in terms))
    return unique, len(terms), wildcards


# ----- one peer, in its own process -----------------------------------------------------------


def peak_rss_mb(who=resource.RUSAGE_SELF):
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def worker(args):
    texts, lines, size = load_corpus(Path(args.corpus), args.limit_mb)
    name = args.worker
    info = {}
    setup_start = time.perf_counter()
    if name == "baseline":
        run = None
    elif name.startswith("vader"):
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
        if name == "vader-article":

            def run():
                total = 0.0
                for t in texts:
                    total += analyzer.polarity_scores(t)["compound"]
                return {"mean_compound": round(total / len(texts), 4)}

        else:

            def run():
                sentences = 0
                total = 0.0
                for t in texts:
                    for s in SENTENCE_SPLIT.split(t):
                        if s.strip():
                            sentences += 1
                            total += analyzer.polarity_scores(s)["compound"]
                return {"sentences": sentences, "mean_compound": round(total / max(1, sentences), 4)}

    elif name.startswith("spacy"):
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("en")
        if name == "spacy-tokenize":

            def run():
                tokens = 0
                for t in texts:
                    tokens += len(nlp.make_doc(t))
                return {"tokens": tokens}

        else:
            terms, raw_count, wildcards = pack_terms()
            matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
            matcher.add("FRAMEWATCH_EN", [nlp.make_doc(t) for t in terms])
            info.update(patterns=len(terms), term_lines=raw_count, wildcards_dropped=wildcards)

            def run():
                tokens = matches = 0
                for t in texts:
                    doc = nlp.make_doc(t)
                    tokens += len(doc)
                    matches += len(matcher(doc))
                return {"tokens": tokens, "matches": matches}

    elif name == "framewatch":
        with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as f:
            f.writelines(lines)
            input_path = f.name

        with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as f:
            f.write(lines[0])
            one_path = f.name

        def batch(path):
            command = [args.framewatch, "batch", "--quiet", "--jobs", "1", "--pack", str(PACK)]
            command += ["--input", path, "--output", "/dev/null"]
            done = subprocess.run(command)
            if done.returncode not in (0, 1):
                raise SystemExit(f"framewatch exited {done.returncode}")

        # Its runs include the process start and the pack load and compile; the "setup" of this
        # row is that cost alone, measured on a one-document input.
        batch(one_path)
        os.unlink(one_path)

        def run():
            batch(input_path)
            return {}

    else:
        raise SystemExit(f"unknown peer {name}")
    setup = time.perf_counter() - setup_start

    seconds = []
    result = {}
    if run is not None:
        for _ in range(args.runs):
            start = time.perf_counter()
            result = run()
            seconds.append(time.perf_counter() - start)
    if name == "framewatch":
        os.unlink(input_path)
        rss = peak_rss_mb(resource.RUSAGE_CHILDREN)
    else:
        rss = peak_rss_mb()
    print(
        json.dumps(
            {
                "peer": name,
                "documents": len(texts),
                "text_bytes": size,
                "setup_seconds": round(setup, 3),
                "seconds": [round(s, 4) for s in seconds],
                "peak_rss_mb": round(rss, 1),
                "result": {**result, **info},
            }
        )
    )


# ----- the driver -----------------------------------------------------------------------------


def machine_info():
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for package in ["vaderSentiment", "spacy"]:
        try:
            from importlib.metadata import version

            versions[package] = version(package)
        except Exception:
            versions[package] = "?"
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }


def find_framewatch(args):
    if args.no_framewatch:
        return None
    for candidate in [args.framewatch, os.environ.get("FRAMEWATCH_BIN"), str(ROOT / ".build/release/framewatch")]:
        if candidate and os.access(candidate, os.X_OK):
            return os.path.abspath(candidate)
    return None


def main():
    p = argparse.ArgumentParser(description="Benchmark VADER and spaCy on Framewatch's benchmark corpus.")
    p.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="JSONL with a \"text\" field")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--limit-mb", type=float, help="only the first N MB of article text")
    p.add_argument("--json", help="write the figures to this file")
    p.add_argument("--peers", default=",".join(PEERS), help="comma-separated, from: " + ", ".join(PEERS))
    p.add_argument("--framewatch", help="framewatch binary for the comparison row (default: $FRAMEWATCH_BIN, "
                   "else .build/release/framewatch when present)")
    p.add_argument("--no-framewatch", action="store_true", help="leave out the framewatch row")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.runs < 1:
        p.error("--runs must be at least 1")
    if args.limit_mb is not None and args.limit_mb <= 0:
        p.error("--limit-mb must be positive")

    if not have_packages():
        reexec_in_venv()
    if args.worker:
        worker(args)
        return

    corpus = Path(args.corpus).resolve()
    ensure_corpus(corpus)
    peers = [x.strip() for x in args.peers.split(",") if x.strip()]
    unknown = [x for x in peers if x not in PEERS]
    if unknown:
        p.error(f"unknown peers {unknown}; choose from {PEERS}")
    framewatch = find_framewatch(args)
    order = ["baseline", *peers] + (["framewatch"] if framewatch else [])

    info = machine_info()
    info["load_average_before"] = os.getloadavg()
    rows = []
    for name in order:
        command = [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--corpus", str(corpus),
                   "--runs", str(args.runs)]
        if args.limit_mb is not None:
            command += ["--limit-mb", str(args.limit_mb)]
        if name == "framewatch":
            command += ["--framewatch", framewatch]
        print(f"bench-peers: {name} ...", file=sys.stderr, flush=True)
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            sys.exit(f"bench-peers: {name} failed")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        if row["seconds"]:
            median = statistics.median(row["seconds"])
            row["median_seconds"] = round(median, 4)
            row["mb_per_second"] = round(row["text_bytes"] / MB / median, 3)
            row["documents_per_second"] = round(row["documents"] / median, 1)
        row["what"] = DESCRIPTIONS[name]
        rows.append(row)
        print(f"bench-peers: {name}: {row.get('median_seconds', '-')} s (median), "
              f"peak RSS {row['peak_rss_mb']} MB", file=sys.stderr, flush=True)
    info["load_average_after"] = os.getloadavg()

    first = rows[0]
    mb = first["text_bytes"] / MB
    print(f"corpus {corpus}: {first['documents']} documents, {mb:.2f} MB of article text "
          f"(MB = 2^20 bytes){'' if args.limit_mb is None else f', first {args.limit_mb:g} MB only'}; "
          f"median of {args.runs} runs")
    print()
    print("| peer | what | MB/s | docs/s | median s | runs s | peak RSS MB | setup s | notes |")
    print("| --- | --- | ---: | ---: | ---: | --- | ---: | ---: | --- |")
    for r in rows:
        notes = ", ".join(f"{k} {v}" for k, v in r["result"].items())
        if "median_seconds" in r:
            print(f"| {r['peer']} | {r['what']} | {r['mb_per_second']:.2f} | {r['documents_per_second']:.0f} | "
                  f"{r['median_seconds']:.2f} | {' '.join(f'{s:.2f}' for s in r['seconds'])} | "
                  f"{r['peak_rss_mb']:.0f} | {r['setup_seconds']:.2f} | {notes} |")
        else:
            print(f"| {r['peer']} | {r['what']} | | | | | {r['peak_rss_mb']:.0f} | {r['setup_seconds']:.2f} | {notes} |")
    print()
    la_b = " ".join(f"{x:.2f}" for x in info["load_average_before"])
    la_a = " ".join(f"{x:.2f}" for x in info["load_average_after"])
    print(f"machine: {info['cores']} cores ({info['cpu']}), {info['platform']}, Python {info['python']}, "
          f"vaderSentiment {info['packages']['vaderSentiment']}, spaCy {info['packages']['spacy']}; "
          f"load average before {la_b}, after {la_a}")
    print("sentences: split with " + SENTENCE_SPLIT.pattern + "; PhraseMatcher: trailing * dropped (no wildcards)")
    if framewatch:
        print(f"framewatch: {framewatch}")
    if args.json:
        out = {"corpus": str(corpus), "limit_mb": args.limit_mb, "runs": args.runs, "mb": round(mb, 3),
               "documents": first["documents"], "machine": info, "sentence_split": SENTENCE_SPLIT.pattern,
               "framewatch": framewatch, "peers": rows}
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
