#!/usr/bin/env python3
"""Generates the monitoring demo's articles: a few hundred dated articles from six outlets
(two per language) over October 2024 - November 2025, as JSON Lines for `framewatch batch`.

Each article is assembled from the labelled sentences of Corpora/{dev,test}/sentences.jsonl
(synthetic sentences written for this project; see Corpora/README.md). How many of its
sentences are anti-Russian, conciliatory or neutral follows a timeline modelled on the period's
coverage (calm, then the AZAL crash of 25 December 2024, the Yekaterinburg raids of late June
2025, and the Dushanbe meeting of 9 October 2025) and each outlet's leaning. The output is
deterministic for a given --seed.

    python3 scripts/demo/generate_articles.py --out .build/demo/articles.jsonl [--articles 360] [--seed 7]
"""
import argparse
import datetime as dt
import json
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[2]

# name, language, leaning: added to the anti-Russian weight (negative leans conciliatory).
OUTLETS = [
    ("Caspian Wire", "en", 0.0),
    ("Eurasia Monitor", "en", 0.15),
    ("Vesti Kavkaz", "ru", -0.25),
    ("Baku Daily (ru)", "ru", 0.1),
    ("Xəbər Mərkəzi", "az", 0.3),
    ("Gündəm", "az", 0.1),
]

START = dt.date(2024, 10, 7)  # a Monday
WEEKS = 60

# (first day, anti-Russian weight, conciliatory weight): the mood of coverage from that day on.
TIMELINE = [
    (dt.date(2024, 10, 1), 0.15, 0.45),
    (dt.date(2024, 12, 25), 0.75, 0.10),  # the AZAL crash near Aktau
    (dt.date(2025, 2, 10), 0.35, 0.30),
    (dt.date(2025, 6, 27), 0.80, 0.05),  # the Yekaterinburg raids
    (dt.date(2025, 8, 18), 0.45, 0.20),
    (dt.date(2025, 10, 9), 0.20, 0.60),  # Putin and Aliyev meet in Dushanbe
]


def mood(day):
    anti, conc = TIMELINE[0][1:]
    for start, a, c in TIMELINE:
        if day >= start:
            anti, conc = a, c
    return anti, conc


def load_sentences():
    pools = {}
    for split in ("dev", "test"):
        with open(ROOT / "Corpora" / split / "sentences.jsonl", encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                frame = item["frame"] if item["frame"] in ("anti_russian", "conciliatory") else "neutral"
                pools.setdefault((item["lang"], frame), []).append(item["text"])
    return pools


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--articles", type=int, default=360)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pools = load_sentences()
    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        for n in range(args.articles):
            name, lang, lean = OUTLETS[n % len(OUTLETS)]
            day = START + dt.timedelta(days=rng.randrange(WEEKS * 7))
            anti, conc = mood(day)
            anti = min(0.95, max(0.02, anti + lean))
            conc = min(0.95, max(0.02, conc - lean / 2))
            neutral = max(0.1, 1 - anti - conc)
            frames = rng.choices(
                ["anti_russian", "conciliatory", "neutral"], weights=[anti, conc, neutral], k=rng.randint(3, 7))
            sentences = [rng.choice(pools[(lang, frame)]) for frame in frames]
            headline, body = sentences[0], sentences[1:]
            paragraphs = [" ".join(body[i:i + 2]) for i in range(0, len(body), 2)]
            record = {
                "id": f"demo-{n + 1:04d}",
                "outlet": name,
                "published": day.isoformat(),
                "lang": lang,
                "url": f"https://example.org/{lang}/{day.isoformat()}/{n + 1}",
                "text": headline + "\n\n" + "\n\n".join(paragraphs),
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{args.articles} articles from {len(OUTLETS)} outlets -> {out}")


if __name__ == "__main__":
    main()
