#!/usr/bin/env python3
"""Imports that must cost what their size says (issue 10, item 3): writes each hostile input and
times `weave reliability INPUT` on it (import, then agreement or a refusal), printing wall time,
peak memory and the first line Weave printed.

    python3 Benchmarks/research/hostile_imports.py [WEAVE_BINARY ...]

Each binary given (default .build/release/weave) is run on every input, with a 120 s time limit.
Inputs go to /tmp/weave-hostile (or $WEAVE_HOSTILE_DIR). Standard library only.
"""
import os
import subprocess
import sys
import time
import zipfile
import zlib

WORK = os.environ.get("WEAVE_HOSTILE_DIR", "/tmp/weave-hostile")
HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<Project name="hostile" xmlns="urn:QDA-XML:project:1.0">\n'


def guid(n):
    return f"C0000000-0000-4000-8000-{n:012d}"


def qdpx(name, xml):
    path = os.path.join(WORK, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml)
    return path


def inputs():
    os.makedirs(WORK, exist_ok=True)
    for count in (10_000, 50_000):
        codes = "".join(f'<Code guid="{guid(n)}" name="Evaluation" isCodable="true"/>' for n in range(1, count + 1))
        yield f"{count} codes with one name", qdpx(f"same-name-{count}.qdpx", HEAD + f"<CodeBook><Codes>{codes}</Codes></CodeBook>\n</Project>\n")
    depth = 50_000
    deep = "".join(f'<Code guid="{guid(n)}" name="Evaluation" isCodable="true">' for n in range(1, depth + 1))
    yield f"{depth}-deep nesting", qdpx("deep.qdpx", HEAD + "<CodeBook><Codes>" + deep + "</Code>" * depth + "</Codes></CodeBook>\n</Project>\n")
    # 500 MiB of white space inside the project, deflated to about 500 KB.
    path = os.path.join(WORK, "inflates-500mib.qdpx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("project.qde", "w") as entry:
            entry.write(HEAD.encode())
            block = b" " * (1 << 20)
            for _ in range(500):
                entry.write(block)
            entry.write(b"</Project>\n")
    yield "500 KB .qdpx inflating to 500 MiB", path
    # A 60 MB codings.csv on one line (a file saved with CR-only line ends looks like this).
    folder = os.path.join(WORK, "one-line")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "toolkits.csv"), "w") as handle:
        handle.write("toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url\ntk1,T,,,,,,,,\n")
    with open(os.path.join(folder, "codings.csv"), "w") as handle:
        row = "tk1,ana,shared-vision,1\r"
        handle.write("toolkit_id,coder,code,present\r" + row * (60_000_000 // len(row)))
    yield "60 MB single-line codings.csv", folder


def main():
    binaries = sys.argv[1:] or [os.path.join(os.path.dirname(__file__), "../../.build/release/weave")]
    for label, path in inputs():
        size = os.path.getsize(path) if os.path.isfile(path) else sum(
            os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
        print(f"== {label} ({size:,} bytes on disk)")
        for binary in binaries:
            start = time.monotonic()
            try:
                result = subprocess.run(["/usr/bin/time", "-f", "%M", binary, "reliability", path],
                                        capture_output=True, text=True, timeout=120)
                wall = time.monotonic() - start
                rss = result.stderr.strip().splitlines()[-1]
                first = (result.stderr.strip().splitlines()[:-1] or result.stdout.strip().splitlines() or [""])
                said = next((line for line in first if line.strip()), "")[:150]
                print(f"  {binary}: {wall:.2f} s, {int(rss) // 1024} MiB peak RSS, exit {result.returncode}: {said}")
            except subprocess.TimeoutExpired:
                print(f"  {binary}: stopped after 120 s")


if __name__ == "__main__":
    main()
