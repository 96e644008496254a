#!/usr/bin/env python3
"""Writes a deterministic JSON Lines test corpus for scripts/spark/test-spark.

Documents are built from the sentences of Corpora/ (en, ru, az, and some mixed), with a fixed
random seed, so the same bytes come out on every machine. A few lines are malformed on purpose
(invalid JSON, no "text", a blank line) and a few are unusual (numeric id, CRLF line end, no id,
U+2028 inside the text, emoji) to check that Spark keeps one result per input line.

Usage: make_test_corpus.py OUT.jsonl [--docs 3000] [--seed 20251125]
"""

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    "Corpora/dev/sentences.jsonl",
    "Corpora/test/sentences.jsonl",
    "Corpora/dev/documents.jsonl",
    "Corpora/test/documents.jsonl",
    "Corpora/sample/articles.jsonl",
]
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def sentence_pool():
    pool = {"en": [], "ru": [], "az": []}
    for rel in SOURCES:
        for raw in (ROOT / rel).read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            record = json.loads(raw)
            lang = record.get("lang")
            if lang not in pool:
                continue
            for paragraph in record["text"].split("\n"):
                for sentence in SENTENCE_END.split(paragraph.strip()):
                    if len(sentence) > 3:
                        pool[lang].append(sentence)
    for lang in pool:
        pool[lang] = sorted(set(pool[lang]))  # independent of file order changes within a file
    return pool


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--docs", type=int, default=3000)
    p.add_argument("--seed", type=int, default=20251125)
    args = p.parse_args()
    rng = random.Random(args.seed)
    pool = sentence_pool()
    langs = ["en", "ru", "az"]
    special = {  # line number (1-based) -> raw line
        17: '{"id": "bad-json-1", "text": "unterminated',  # invalid JSON: id null in output
        733: '{"id": "no-text-1", "lang": "en"}',  # missing_text
        1501: "",  # blank line: empty_record
        2222: "this is not json at all",
        2999: '{"id": "bad-json-2", "text": "Russia", }',
    }
    lines = []
    n = 0
    while len(lines) < args.docs:
        number = len(lines) + 1
        if number in special:
            lines.append(special[number])
            continue
        n += 1
        roll = rng.random()
        if roll < 0.1:  # mixed-language document
            sentences = [rng.choice(pool[rng.choice(langs)]) for _ in range(rng.randint(2, 8))]
            lang = None
        else:
            lang = rng.choice(langs)
            sentences = [rng.choice(pool[lang]) for _ in range(rng.randint(1, 12))]
        paragraphs, current = [], []
        for s in sentences:
            current.append(s)
            if rng.random() < 0.3:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        text = "\n\n".join(paragraphs)
        record = {"id": f"doc-{n:05d}", "text": text}
        if lang and rng.random() < 0.5:
            record["lang"] = lang
        if rng.random() < 0.3:
            record["outlet"] = rng.choice(["Caspian Ledger", "Eurasia Wire", "Кавказский вестник", "Xəzər Xəbər"])
            record["published"] = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if number == 100:
            record["id"] = 424242  # numeric id: framewatch writes it as a string
        if number == 101:
            del record["id"]  # no id at all
        if number == 102:
            record["text"] = "Putin 🙂 met Aliyev\u2028in Dushanbe. " + text
        raw = json.dumps(record, ensure_ascii=rng.random() < 0.2)
        if number == 103:
            raw += "\r"  # CRLF line end
        lines.append(raw)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
