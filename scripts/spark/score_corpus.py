#!/usr/bin/env python3
"""Score a JSON Lines corpus with `framewatch batch` on Spark, through `rdd.pipe`.

Each input line ({"id", "text", ...}) yields exactly one output record, in input order, the
same as one `framewatch batch` run over the whole file: every partition pipes its lines
through `framewatch batch --quiet --jobs 1 --pack <pack>`, and the partition-local "line" of
each result is rewritten to the global input line (1-based), found with zipWithIndex. Error
records ({"id", "line", "error": {...}}) are kept, one per input line.

Shipping (see scripts/spark/README.md):
  * the binary goes out as a file (`--files` / `sc.addFile`), the pack folder as an archive
    (`--archives pack.tar.gz#pack` / `sc.addArchive`); both are looked up on the executor
    with `SparkFiles.get`, so the job works in local mode, on YARN and on Kubernetes.
  * `--binary PATH` / `--pack DIR|ARCHIVE`: this script ships them itself (sc.addFile, and
    sc.addArchive of a .tar.gz it makes from the folder).
  * `--binary-name NAME` / `--pack-name NAME`: they were shipped by spark-submit
    (`--files .../framewatch --archives pack.tar.gz#NAME`); nothing is shipped here.

Output: `--format jsonl` (default) writes a folder of part files (saveAsTextFile), in input
order when read in part-file order; `--format parquet` writes a Parquet folder with the
columns id, line, lang, frame, anti_russian, conciliatory, sentiment, tone_russia, flagged,
lexicon_hash, error_code and report (the whole JSON line as a string).

Usage:
  spark-submit [--master ...] score_corpus.py INPUT OUTPUT [--format jsonl|parquet]
      [--binary PATH | --binary-name NAME] [--pack DIR|TAR.GZ | --pack-name NAME]
      [--split-mb MB] [--lang en|ru|az] [--max-bytes N] [--overwrite]
or, with pyspark installed by pip: python score_corpus.py --master 'local[2]' INPUT OUTPUT ...
"""

import argparse
import json
import os
import re
import shlex
import shutil
import stat
import sys
import tarfile
import tempfile
from pathlib import Path

# The first `"line":N` of a framewatch JSON line is the top-level one: "id" is the only key
# that can come before it, and a JSON string cannot hold `"line":` (its quotes are escaped).
LINE_FIELD = re.compile(r'"line":(\d+)')

# Exit status 1 of `framewatch batch` means "some records had errors" (they are in the output
# as error records); anything else non-zero (2: configuration, signals) must fail the task.
WRAPPER = (
    'bin="$1"; shift; '
    'if [ ! -x "$bin" ]; then echo "framewatch binary not executable: $bin" >&2; exit 126; fi; '
    '"$bin" "$@"; rc=$?; if [ "$rc" -eq 1 ]; then exit 0; fi; exit "$rc"'
)

PIPE_ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def _executable_copy(path):
    """`path` if it is executable, else a private executable copy (some file distributions,
    e.g. YARN's localizer, may not keep the executable bit)."""
    if os.access(path, os.X_OK):
        return path
    target_dir = tempfile.mkdtemp(prefix="framewatch-bin-")
    target = os.path.join(target_dir, os.path.basename(path))
    shutil.copyfile(path, target)
    os.chmod(target, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    return target


def _pack_root(path):
    """The folder holding manifest.toml: the unpacked archive itself, or its only subfolder
    (an archive made with `tar czf pack.tar.gz russia-azerbaijan`)."""
    if os.path.isfile(os.path.join(path, "manifest.toml")):
        return path
    if os.path.isdir(path):
        subdirs = [os.path.join(path, d) for d in os.listdir(path) if os.path.isdir(os.path.join(path, d))]
        found = [d for d in subdirs if os.path.isfile(os.path.join(d, "manifest.toml"))]
        if len(found) == 1:
            return found[0]
    raise FileNotFoundError(
        f"framewatch lexicon pack not found at {path!r} (no manifest.toml): ship it with "
        "--archives pack.tar.gz#NAME or sc.addArchive"
    )


def resolve_command(binary_name, pack_name, extra, on_driver=False):
    """The pipe command, with paths as this process sees them (SparkFiles.get)."""
    from pyspark import SparkFiles

    binary = os.path.abspath(SparkFiles.get(binary_name))
    if not os.path.isfile(binary):
        # YARN puts --files in the container's working directory.
        alt = os.path.abspath(binary_name)
        if os.path.isfile(alt):
            binary = alt
        else:
            raise FileNotFoundError(
                f"framewatch binary {binary_name!r} not found at {binary!r}: ship it with --files or sc.addFile"
            )
    pack_dir = os.path.abspath(SparkFiles.get(pack_name))
    if not os.path.exists(pack_dir) and os.path.exists(os.path.abspath(pack_name)):
        pack_dir = os.path.abspath(pack_name)
    pack = _pack_root(pack_dir)
    argv = ["/bin/sh", "-c", WRAPPER, "framewatch-pipe", binary if on_driver else _executable_copy(binary)]
    argv += ["batch", "--quiet", "--jobs", "1", "--pack", pack] + list(extra)
    return " ".join(shlex.quote(a) for a in argv)


class ExecutorCommand(str):
    """The command string given to rdd.pipe, resolved where it runs.

    rdd.pipe builds its command on the driver, but the shipped binary and pack live in each
    executor's SparkFiles directory, which is not the driver's on a cluster. This string
    pickles as a call to `resolve_command`, so the copy that reaches a Python worker is made
    there, with that worker's SparkFiles.get. On the driver it holds the driver's view (shown
    in messages only)."""

    def __new__(cls, binary_name, pack_name, extra):
        try:
            text = resolve_command(binary_name, pack_name, extra, on_driver=True)
        except (FileNotFoundError, OSError) as error:  # e.g. shipped by YARN, absent on the driver
            text = f"framewatch batch (binary {binary_name}, pack {pack_name}; driver: {error})"
        self = super().__new__(cls, text)
        self.spec = (binary_name, pack_name, tuple(extra))
        return self

    def __reduce__(self):
        return (resolve_command, self.spec)


def make_pack_archive(pack_dir, workdir):
    """A .tar.gz of the pack folder's contents (manifest.toml at the top)."""
    pack_dir = Path(pack_dir)
    if not (pack_dir / "manifest.toml").is_file():
        raise SystemExit(f"--pack {pack_dir}: no manifest.toml there (not a lexicon pack folder)")
    target = Path(workdir) / "framewatch-pack.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        for entry in sorted(pack_dir.rglob("*")):
            tar.add(entry, arcname=str(entry.relative_to(pack_dir)), recursive=False)
    return target


def rewrite_partition(pairs):
    """(global index, framewatch output line) -> output line with the global 1-based line.

    Checks that the partition-local line numbers run 1, 2, 3, ... alongside the input, so a
    lost or extra line can never shift results onto the wrong document."""
    start = None
    for index, text in pairs:
        if start is None:
            start = index
        m = LINE_FIELD.search(text)
        expected_local = index - start + 1
        if m is None or int(m.group(1)) != expected_local:
            found = m.group(1) if m else "none"
            raise RuntimeError(
                f"framewatch output out of step at input line {index + 1}: local line {found}, "
                f"expected {expected_local}: {text[:200]}"
            )
        yield text[: m.start(1)] + str(index + 1) + text[m.end(1) :]


def parquet_row(text):
    """One output line -> the Parquet row."""
    report = json.loads(text)
    raw_id = report.get("id")
    error = report.get("error")
    frame = report.get("frame") or {}
    scores = frame.get("scores") or {}
    sentiment = report.get("sentiment") or {}
    tone_russia = None
    for target in report.get("targets") or []:
        if target.get("entity") == "russia":
            tone_russia = _float(target.get("tone"))
    flagged = [e.get("id") for e in report.get("entities") or [] if e.get("flagged")]
    return (
        None if raw_id is None else str(raw_id),
        int(report["line"]),
        report.get("lang"),
        frame.get("label"),
        _float(scores.get("anti_russian")),
        _float(scores.get("conciliatory")),
        _float(sentiment.get("score")),
        tone_russia,
        None if error else flagged,
        (report.get("lexicon") or {}).get("hash"),
        error.get("code") if error else None,
        text,
    )


def _float(value):
    return None if value is None else float(value)


def parquet_schema():
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    return StructType(
        [
            StructField("id", StringType(), True),
            StructField("line", LongType(), False),
            StructField("lang", StringType(), True),
            StructField("frame", StringType(), True),
            StructField("anti_russian", DoubleType(), True),
            StructField("conciliatory", DoubleType(), True),
            StructField("sentiment", DoubleType(), True),
            StructField("tone_russia", DoubleType(), True),
            StructField("flagged", ArrayType(StringType(), False), True),
            StructField("lexicon_hash", StringType(), True),
            StructField("error_code", StringType(), True),
            StructField("report", StringType(), False),
        ]
    )


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines corpus (any Hadoop path: file, folder, glob, .gz)")
    p.add_argument("output", help="output folder (Spark writes part files there)")
    p.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    b = p.add_mutually_exclusive_group()
    b.add_argument("--binary", help="framewatch binary to ship with sc.addFile (default: $FRAMEWATCH_BIN)")
    b.add_argument("--binary-name", help="name of a binary shipped with spark-submit --files")
    k = p.add_mutually_exclusive_group()
    k.add_argument("--pack", help="lexicon pack folder or .tar.gz to ship with sc.addArchive (default: $FRAMEWATCH_PACK)")
    k.add_argument("--pack-name", help="name of a pack shipped with spark-submit --archives pack.tar.gz#NAME")
    p.add_argument("--split-mb", type=float, help="largest input split in MB (more, smaller partitions)")
    p.add_argument("--lang", choices=["en", "ru", "az"], help="passed to framewatch batch --lang")
    p.add_argument("--max-bytes", type=int, help="passed to framewatch batch --max-bytes")
    p.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    p.add_argument("--master", help="Spark master when not run by spark-submit (e.g. local[2])")
    args = p.parse_args(argv)
    if args.max_bytes is not None and args.max_bytes < 1:
        p.error("--max-bytes must be positive")
    if args.split_mb is not None and args.split_mb <= 0:
        p.error("--split-mb must be positive")
    if not args.binary_name and not args.binary:
        args.binary = os.environ.get("FRAMEWATCH_BIN")
        if not args.binary:
            p.error("give --binary PATH (or FRAMEWATCH_BIN), or --binary-name NAME shipped with --files")
    if not args.pack_name and not args.pack:
        args.pack = os.environ.get("FRAMEWATCH_PACK")
        if not args.pack:
            p.error("give --pack DIR (or FRAMEWATCH_PACK), or --pack-name NAME shipped with --archives")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("framewatch-score-corpus")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    workdir = tempfile.mkdtemp(prefix="framewatch-spark-")
    try:
        # Ship what was given as local paths (or Hadoop URIs).
        binary_name = args.binary_name
        if args.binary:
            if "://" not in args.binary and not os.path.isfile(args.binary):
                raise SystemExit(f"--binary {args.binary}: no such file")
            sc.addFile(args.binary if "://" in args.binary else os.path.abspath(args.binary))
            binary_name = os.path.basename(args.binary)
        pack_name = args.pack_name
        if args.pack:
            pack_name = "framewatch-pack"
            archive = args.pack
            if "://" not in archive:
                archive = Path(archive).resolve()
                if archive.is_dir():
                    archive = make_pack_archive(archive, workdir)
                elif not archive.is_file():
                    raise SystemExit(f"--pack {args.pack}: no such folder or archive")
                archive = archive.as_uri()
            sc.addArchive(f"{archive}#{pack_name}")

        extra = []
        if args.lang:
            extra += ["--lang", args.lang]
        if args.max_bytes:
            extra += [f"--max-bytes={args.max_bytes}"]
        command = ExecutorCommand(binary_name, pack_name, extra)

        # Lines split on "\n" only (as framewatch does; Hadoop's default also splits on a lone
        # "\r"); a CRLF line keeps its "\r", which framewatch drops.
        conf = {"textinputformat.record.delimiter": "\n"}
        if args.split_mb:
            conf["mapreduce.input.fileinputformat.split.maxsize"] = str(max(1, int(args.split_mb * 1_000_000)))
        lines = sc.newAPIHadoopFile(
            args.input,
            "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
            "org.apache.hadoop.io.LongWritable",
            "org.apache.hadoop.io.Text",
            conf=conf,
        ).values()

        # Global position of each input line; the piped RDD has the same partitions and the
        # same number of lines in each, so the two zip element by element.
        indexed = lines.zipWithIndex()
        scored = indexed.keys().pipe(command, env=PIPE_ENV, checkCode=True)
        out = indexed.values().zip(scored).mapPartitions(rewrite_partition)

        if args.overwrite:
            jvm = sc._jvm
            path = jvm.org.apache.hadoop.fs.Path(args.output)
            fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
            if fs.exists(path):
                fs.delete(path, True)
        if args.format == "jsonl":
            out.saveAsTextFile(args.output)
        else:
            spark.createDataFrame(out.map(parquet_row), parquet_schema()).write.parquet(args.output)
        print(f"framewatch scores written to {args.output} ({args.format})", file=sys.stderr)
    finally:
        spark.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
