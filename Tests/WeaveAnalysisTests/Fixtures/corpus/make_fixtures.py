#!/usr/bin/env python3
"""Writes the corpus import fixtures: CSV folders and REFI-QDA (.qdpx) archives.

Run from this folder:  python3 make_fixtures.py   (or `python3 make_fixtures.py traps` for traps/ only)
Standard library only, except that the expected agreement of traps/codable-* is computed with the
packages numpy and krippendorff when they are installed. The bytes matter (a byte order mark, CRLF line ends, invalid UTF-8, zip
headers that lie), so every fixture is written here rather than by hand, and the tests in
Tests/WeaveAnalysisTests/Corpus/ state what each must import to or which problem it must report.
"""
import os
import shutil
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CSV = os.path.join(HERE, "csv")
QDPX = os.path.join(HERE, "qdpx")

TOOLKIT_HEADER = "toolkit_id,title,creator,creator_country,creator_type,social_issue,network_age,member_org_types,year,url"
TOOLKITS = TOOLKIT_HEADER + "\n" + \
    "tk1,Toolkit One,Org A,United Kingdom,nonprofit,health,new,nonprofit,2011,\n" + \
    "tk2,Toolkit Two,Org B,United States,government,education,established,government,2016,\n"
CODINGS_HEADER = "toolkit_id,coder,code,present"


def write(folder, name, content):
    """Writes text as UTF-8 exactly as given (no newline translation), or bytes as they are."""
    os.makedirs(folder, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    with open(os.path.join(folder, name), "wb") as handle:
        handle.write(data)


def csv_fixtures():
    shutil.rmtree(CSV, ignore_errors=True)

    # Happy path, long format, own codebook: BOM + CRLF in codebook.csv, a child listed before its
    # parent, quoted fields with commas, doubled quotes and line breaks, an extra descriptor column,
    # multi-valued fields with spaces, excerpts and locations, CRLF codings, two coders, a repeated
    # identical row (a second excerpt), a blank line.
    folder = os.path.join(CSV, "long")
    write(folder, "codebook.csv", "\ufeff" + "\r\n".join([
        "code_id,parent_id,name,definition",
        'stakeholders,convening,Engaging stakeholders,"Working out who has a stake; ""who"" matters."',
        'convening,,Convening,"Bringing organisations together, and keeping them together."',
        'measurement,,Shared measurement,"Agreeing what to measure,\r\nand measuring it together."',
    ]) + "\r\n")
    write(folder, "toolkits.csv", "\n".join([
        TOOLKIT_HEADER + ",funding",
        'tk1,"Partnering Toolbook, 4th edition",The Partnering Initiative,United Kingdom,nonprofit,health; education ,established,nonprofit;government; business,2011,https://example.org/tk1,grant',
        'tk2,"The ""Collective"" Guide",Gov Office,United States,government,education,new,government,2016,,',
        "tk3,Tool Box,University,United States,academic,,new,,,https://example.org/tk3,self",
    ]) + "\n")
    write(folder, "codings.csv", "\r\n".join([
        CODINGS_HEADER + ",excerpt,location",
        'tk1,ana,convening,1,"""Bring partners together,"" it says.\r\nThen keep them.",p. 4',
        "tk1,ana,stakeholders,0,,",
        "tk1,ana,measurement,1,,section 2",
        "tk1,ana,measurement,1,Measure together.,",
        "",
        "tk1,ben,convening,1,,",
        "tk1,ben,stakeholders,1,,",
        "tk1,ben,measurement,0,,",
        "tk2,ana,convening,0,,",
        "tk2,ana,stakeholders,0,,",
        "tk2,ana,measurement,1,,",
    ]) + "\r\n")

    # Long format without codebook.csv: codes from the default codebook; no final line break.
    folder = os.path.join(CSV, "long-default-codebook")
    write(folder, "toolkits.csv", TOOLKITS)
    write(folder, "codings.csv", "\n".join([
        CODINGS_HEADER,
        "tk1,coder1,shared-measurement,1",
        "tk1,coder1,action-planning,0",
        "tk2,coder1,shared-measurement,0",
    ]))

    # Wide format in a folder (no codings.csv), default codebook, empty cells not coded.
    folder = os.path.join(CSV, "wide")
    write(folder, "toolkits.csv", "\n".join([
        TOOLKIT_HEADER + ",code:shared-measurement,code:action-planning,code:shared-vision",
        "tk1,Toolkit One,Org A,United Kingdom,nonprofit,health;education,new,nonprofit,2011,,1,0,1",
        "tk2,Toolkit Two,Org B,United States,government,education,established,government,2016,,0,,1",
    ]) + "\n")

    # Wide format as a single file with its own name.
    write(CSV, "wide-file.csv", "\r\n".join([
        TOOLKIT_HEADER + ",region,code:shared-vision",
        "tk1,Toolkit One,Org A,United Kingdom,nonprofit,health,new,nonprofit,2011,,Europe,1",
    ]) + "\r\n")

    # One folder per problem. Each has exactly one problem unless its name says otherwise.
    errors = os.path.join(CSV, "errors")
    cases = {
        # codings.csv line 3: an unknown code (a typo of shared-measurement), also on line 5.
        "unknown-code": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-measurement,1", "tk1,coder1,shared-measurment,1",
            "tk2,coder1,shared-measurement,0", "tk2,coder1,shared-measurment,0"]) + "\n"},
        # codings.csv line 3: a toolkit not in toolkits.csv.
        "unknown-toolkit": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", "tk9,coder1,shared-vision,1"]) + "\n"},
        # codings.csv line 3: present is "yes".
        "bad-present": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", "tk2,coder1,shared-vision,yes"]) + "\n"},
        # toolkits.csv line 4: tk1 again.
        "duplicate-toolkit": {"toolkits.csv": TOOLKITS + "tk1,Again,Org C,,,,,,,\n",
                              "codings.csv": CODINGS_HEADER + "\ntk1,coder1,shared-vision,1\n"},
        # codebook.csv line 4: code a again.
        "duplicate-code": {"codebook.csv": "code_id,parent_id,name,definition\na,,A,First.\nb,,B,Second.\na,,A again,Third.\n",
                           "codings.csv": CODINGS_HEADER + "\ntk1,coder1,a,1\n"},
        # codings.csv line 4 says 0 where line 2 said 1 (line 3 repeats line 2, which is fine).
        "conflicting-coding": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", "tk1,coder1,shared-vision,1",
            "tk1,coder1,shared-vision,0"]) + "\n"},
        # codings.csv line 1: no present column (presence misspelt).
        "missing-column": {"codings.csv": "toolkit_id,coder,code,presence\ntk1,coder1,shared-vision,1\n"},
        # toolkits.csv line 3: a Latin-1 byte (0xE9, é) in the title.
        "invalid-utf8": {"toolkits.csv": (TOOLKIT_HEADER + "\ntk1,Toolkit One,Org A,,,,,,,\n").encode()
                         + b"tk2,Caf\xe9 Toolkit,Org B,,,,,,,\n",
                         "codings.csv": CODINGS_HEADER + "\ntk1,coder1,shared-vision,1\n"},
        # codings.csv line 3: five fields where the header names four.
        "ragged-row": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", "tk2,coder1,shared-vision,1,extra"]) + "\n"},
        # codebook.csv: a → b → c → a, reported on line 2 (the cycle's first line).
        "parent-cycle": {"codebook.csv": "code_id,parent_id,name,definition\na,c,A,.\nb,a,B,.\nc,b,C,.\nd,,D,.\n",
                         "codings.csv": CODINGS_HEADER + "\ntk1,coder1,d,1\n"},
        # codebook.csv line 3: a parent that does not exist.
        "unknown-parent": {"codebook.csv": "code_id,parent_id,name,definition\na,,A,.\nb,x,B,.\n",
                           "codings.csv": CODINGS_HEADER + "\ntk1,coder1,a,1\n"},
        # codings.csv line 3: a quoted excerpt never closed.
        "unterminated-quote": {"codings.csv": "\n".join([
            CODINGS_HEADER + ",excerpt", "tk1,coder1,shared-vision,1,fine",
            'tk2,coder1,shared-vision,1,"never closed', "tk1,coder1,action-planning,1,"]) + "\n"},
        # toolkits.csv line 1: no member_org_types column.
        "missing-toolkit-column": {"toolkits.csv": TOOLKITS.replace(",member_org_types", "").replace(",nonprofit,2011", ",2011").replace(",government,2016", ",2016"),
                                   "codings.csv": CODINGS_HEADER + "\ntk1,coder1,shared-vision,1\n"},
        # toolkits.csv line 3: year is not a number.
        "bad-year": {"toolkits.csv": TOOLKIT_HEADER + "\ntk1,Toolkit One,Org A,,,,,,2011,\ntk2,Toolkit Two,Org B,,,,,,c. 2016,\n",
                     "codings.csv": CODINGS_HEADER + "\ntk1,coder1,shared-vision,1\n"},
        # codings.csv line 3: text after a closing quote.
        "text-after-quote": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", 'tk2,coder1,"shared-vision"x,1']) + "\n"},
        # A good corpus but for one row (codings.csv line 5, present is 2): all or nothing.
        "one-bad-row": {"codings.csv": "\n".join([
            CODINGS_HEADER, "tk1,coder1,shared-vision,1", "tk1,coder1,action-planning,0",
            "tk2,coder1,shared-vision,0", "tk2,coder1,action-planning,2"]) + "\n"},
        # Several problems in several files, all reported together.
        "many": {"codebook.csv": "code_id,parent_id,name,definition\na,,A,.\na,,A,.\n",
                 "toolkits.csv": TOOLKIT_HEADER + "\ntk1,T,O,,,,,,,\ntk1,T,O,,,,,,,\n",
                 "codings.csv": "\n".join([CODINGS_HEADER, "tk1,coder1,a,1", "tk2,coder1,a,1", "tk1,coder1,b,1",
                                           "tk1,,a,1", "tk1,coder1,a,x"]) + "\n"},
        # Wide format: a value that is no spelling of present or absent (toolkits.csv line 3) and an unknown code column.
        "wide-bad-value": {"toolkits.csv": "\n".join([
            TOOLKIT_HEADER + ",code:shared-vision",
            "tk1,Toolkit One,Org A,,,,,,,,1", "tk2,Toolkit Two,Org B,,,,,,,,maybe"]) + "\n"},
        "wide-unknown-code": {"toolkits.csv": "\n".join([
            TOOLKIT_HEADER + ",code:shared-vision,code:shared-visoin",
            "tk1,Toolkit One,Org A,,,,,,,,1,0"]) + "\n"},
        # A folder with neither codings.csv nor code: columns.
        "no-codings": {"toolkits.csv": TOOLKITS},
        # Long format with code: columns too.
        "both-formats": {"toolkits.csv": TOOLKIT_HEADER + ",code:shared-vision\ntk1,T,O,,,,,,,,1\n",
                         "codings.csv": CODINGS_HEADER + "\ntk1,coder1,shared-vision,1\n"},
    }
    for name, files in cases.items():
        folder = os.path.join(errors, name)
        files = dict(files)
        files.setdefault("toolkits.csv", TOOLKITS)
        for file, content in files.items():
            write(folder, file, content)


# --- REFI-QDA ---------------------------------------------------------------------------------

PROJECT = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="weave-test" origin="make_fixtures.py" creatingUserGUID="AAAAAAAA-0000-4000-8000-000000000001" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="AAAAAAAA-0000-4000-8000-000000000001" name="Ana" id="ana"/>
    <User guid="bbbbbbbb-0000-4000-8000-000000000002" name="Ben"/>
    <User guid="CCCCCCCC-0000-4000-8000-000000000003" id="carla"/>
    <User guid="DDDDDDDD-0000-4000-8000-000000000004" name="Never coded"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="C0000000-0000-4000-8000-000000000001" name="Planning" isCodable="true">
        <Description>Deciding together what to do.</Description>
        <Code guid="C0000000-0000-4000-8000-000000000002" name="Evaluation" isCodable="true"/>
      </Code>
      <Code guid="C0000000-0000-4000-8000-000000000003" name="Learning" isCodable="false">
        <Code guid="C0000000-0000-4000-8000-000000000004" name="Evaluation" isCodable="true"/>
      </Code>
      <Code guid="{C0000000-0000-4000-8000-000000000005}" name="Café Culture" isCodable="true"/>
    </Codes>
  </CodeBook>
  <Variables>
    <Variable guid="E0000000-0000-4000-8000-000000000001" name="creator_type" typeOfVariable="Text"/>
    <Variable guid="E0000000-0000-4000-8000-000000000002" name="social_issue" typeOfVariable="Text"/>
    <Variable guid="E0000000-0000-4000-8000-000000000003" name="year" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="F0000000-0000-4000-8000-000000000001" name="Government toolkits">
      <VariableValue>
        <VariableRef targetGUID="e0000000-0000-4000-8000-000000000001"/>
        <TextValue>government</TextValue>
      </VariableValue>
      <SourceRef targetGUID="50000000-0000-4000-8000-000000000001"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="Toolkit One.txt" plainTextPath="internal://50000000-0000-4000-8000-000000000001.txt" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
      <PlainTextSelection guid="A0000000-0000-4000-8000-000000000001" startPosition="0" endPosition="10" creatingUser="aaaaaaaa-0000-4000-8000-000000000001">
        <Coding guid="B0000000-0000-4000-8000-000000000001" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
          <CodeRef targetGUID="c0000000-0000-4000-8000-000000000002"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="A0000000-0000-4000-8000-000000000002" startPosition="11" endPosition="20" creatingUser="BBBBBBBB-0000-4000-8000-000000000002">
        <Coding guid="B0000000-0000-4000-8000-000000000002">
          <CodeRef targetGUID="C0000000-0000-4000-8000-000000000004"/>
        </Coding>
      </PlainTextSelection>
      <VariableValue>
        <VariableRef targetGUID="E0000000-0000-4000-8000-000000000002"/>
        <TextValue>health; education</TextValue>
      </VariableValue>
      <VariableValue>
        <VariableRef targetGUID="E0000000-0000-4000-8000-000000000003"/>
        <IntegerValue>2019</IntegerValue>
      </VariableValue>
    </TextSource>
    <PDFSource guid="50000000-0000-4000-8000-000000000002" name="Toolkit Two.pdf" path="internal://50000000-0000-4000-8000-000000000002.pdf">
      <PDFSelection guid="A0000000-0000-4000-8000-000000000003" page="1" firstX="0" firstY="0" secondX="10" secondY="10" creatingUser="CCCCCCCC-0000-4000-8000-000000000003">
        <Coding guid="B0000000-0000-4000-8000-000000000003" creatingUser="cccccccc-0000-4000-8000-000000000003">
          <CodeRef targetGUID="C0000000-0000-4000-8000-000000000005"/>
        </Coding>
      </PDFSelection>
      <Representation guid="50000000-0000-4000-8000-000000000012" plainTextPath="internal://50000000-0000-4000-8000-000000000012.txt">
        <PlainTextSelection guid="A0000000-0000-4000-8000-000000000004" startPosition="0" endPosition="5">
          <Coding guid="B0000000-0000-4000-8000-000000000004" creatingUser="AAAAAAAA-0000-4000-8000-000000000001">
            <CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/>
          </Coding>
        </PlainTextSelection>
      </Representation>
    </PDFSource>
    <TextSource guid="50000000-0000-4000-8000-000000000003" name="Toolkit Three.docx" richTextPath="internal://50000000-0000-4000-8000-000000000003.docx" plainTextPath="internal://50000000-0000-4000-8000-000000000003.txt"/>
  </Sources>
  <Notes>
    <Note guid="90000000-0000-4000-8000-000000000001" name="A memo">
      <PlainTextSelection guid="A0000000-0000-4000-8000-000000000009" startPosition="0" endPosition="1">
        <Coding guid="B0000000-0000-4000-8000-000000000009" creatingUser="DDDDDDDD-0000-4000-8000-000000000004">
          <CodeRef targetGUID="C0000000-0000-4000-8000-000000000001"/>
        </Coding>
      </PlainTextSelection>
    </Note>
  </Notes>
</Project>
"""

# Line 12: a coding of an unknown code; line 19: a value of an unknown variable; line 16: a case
# referring to an unknown source.
BAD_REFERENCES = """<?xml version="1.0" encoding="utf-8"?>
<Project name="bad" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="AAAAAAAA-0000-4000-8000-000000000001" name="Ana"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="C0000000-0000-4000-8000-000000000001" name="Planning" isCodable="true"/>
    </Codes>
  </CodeBook>
  <Cases>
    <Case guid="F0000000-0000-4000-8000-000000000001" name="Orphans">
      <SourceRef targetGUID="50000000-0000-4000-8000-000000000099"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="50000000-0000-4000-8000-000000000001" name="One">
      <Coding guid="B0000000-0000-4000-8000-000000000001" creatingUser="AAAAAAAA-0000-4000-8000-000000000001"><CodeRef targetGUID="C0000000-0000-4000-8000-000000000077"/></Coding>
      <VariableValue><VariableRef targetGUID="E0000000-0000-4000-8000-000000000001"/><TextValue>x</TextValue></VariableValue>
    </TextSource>
  </Sources>
</Project>
"""

# Line 6: the Code element is never closed properly (mismatched end tag).
MALFORMED = """<?xml version="1.0" encoding="utf-8"?>
<Project name="broken" xmlns="urn:QDA-XML:project:1.0">
  <CodeBook>
    <Codes>
      <Code guid="C0000000-0000-4000-8000-000000000001" name="Planning" isCodable="true">
    </Codes>
  </CodeBook>
</Project>
"""

# The "billion laughs": entities that expand to gigabytes. Refused before parsing.
DOCTYPE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE Project [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Project name="&lol3;" xmlns="urn:QDA-XML:project:1.0"/>
"""

CODEBOOK_ROOT = """<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="elsewhere">
  <Codes><Code guid="C0000000-0000-4000-8000-000000000001" name="Planning" isCodable="true"/></Codes>
</CodeBook>
"""

MINIMAL = """<?xml version="1.0" encoding="utf-8"?>
<Project name="minimal" xmlns="urn:QDA-XML:project:1.0"/>
"""


def qdpx(name, entries, compression=zipfile.ZIP_DEFLATED):
    """A normal archive from (path, text) pairs."""
    with zipfile.ZipFile(os.path.join(QDPX, name), "w", compression) as archive:
        for path, text in entries:
            # A fixed date keeps the bytes the same on every run.
            archive.writestr(zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0)), text, compress_type=compression)


def raw_zip(name, entries):
    """An archive written byte by byte, so headers can lie. Each entry is a dict with path, data
    (uncompressed bytes), and optionally method (0 or 8), compressed (bytes to store instead),
    declared (the uncompressed size to write in the headers), mode (Unix file mode)."""
    body = b""
    directory = b""
    for entry in entries:
        path = entry["path"].encode()
        data = entry["data"]
        method = entry.get("method", 8)
        if "compressed" in entry:
            compressed = entry["compressed"]
        elif method == 8:
            packer = zlib.compressobj(9, zlib.DEFLATED, -15)
            compressed = packer.compress(data) + packer.flush()
        else:
            compressed = data
        crc = zlib.crc32(data) & 0xFFFFFFFF
        declared = entry.get("declared", len(data))
        mode = entry.get("mode", 0o100644)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc,
                            len(compressed), declared, len(path), 0) + path + compressed
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0x800, method, 0,
                                 0x21, crc, len(compressed), declared, len(path), 0, 0, 0, 0,
                                 (mode << 16) & 0xFFFFFFFF, offset) + path
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory),
                      len(body), 0)
    with open(os.path.join(QDPX, name), "wb") as handle:
        handle.write(body + directory + end)


def qdpx_fixtures():
    shutil.rmtree(QDPX, ignore_errors=True)
    os.makedirs(QDPX)
    qdpx("project.qdpx", [("project.qde", PROJECT), ("Sources/50000000-0000-4000-8000-000000000001.txt", "Toolkit one text."),
                          ("Sources/50000000-0000-4000-8000-000000000003.docx", "not really a docx")])
    qdpx("minimal.qdpx", [("project.qde", MINIMAL)], compression=zipfile.ZIP_STORED)
    qdpx("bad-references.qdpx", [("project.qde", BAD_REFERENCES)])
    qdpx("malformed.qdpx", [("project.qde", MALFORMED)])
    qdpx("doctype.qdpx", [("project.qde", DOCTYPE)])
    # The same behind a 1.5 MiB comment: the check must read the whole prolog, however long.
    padded = DOCTYPE.replace("\n<!DOCTYPE", "\n<!--" + " " * (3 << 19) + "-->\n<!DOCTYPE", 1)
    qdpx("doctype-after-comment.qdpx", [("project.qde", padded)])
    qdpx("codebook-root.qdpx", [("project.qde", CODEBOOK_ROOT)])
    qdpx("no-project.qdpx", [("Sources/a.txt", "text")])
    qdpx("traversal.qdpx", [("project.qde", MINIMAL), ("../../evil.txt", "escaped")])
    qdpx("absolute-path.qdpx", [("project.qde", MINIMAL), ("/tmp/evil.txt", "escaped")])
    qdpx("too-many-entries.qdpx", [("project.qde", MINIMAL)] + [(f"Sources/{n}.txt", "") for n in range(11)])
    with open(os.path.join(QDPX, "not-a-zip.qdpx"), "w") as handle:
        handle.write("This is plain text, not a ZIP archive.\n")
    raw_zip("symlink.qdpx", [{"path": "project.qde", "data": MINIMAL.encode()},
                             {"path": "Sources/link", "data": b"/etc/passwd", "method": 0, "mode": 0o120777}])
    # 2 MiB of XML (a long comment) that deflates to a few kilobytes; tests cap entries at 1 MiB.
    big = (MINIMAL.replace("<Project", "<!--" + " " * (2 << 20) + "-->\n<Project", 1)).encode()
    raw_zip("zip-bomb.qdpx", [{"path": "project.qde", "data": big}])
    # The same, with headers claiming 1,000 bytes: only counting while inflating catches it.
    raw_zip("lying-size.qdpx", [{"path": "project.qde", "data": big, "declared": 1000}])
    # A deflate stream cut short: inflating must stop, not wait for more.
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    whole = packer.compress(PROJECT.encode() * 20) + packer.flush()
    raw_zip("truncated-deflate.qdpx", [{"path": "project.qde", "data": PROJECT.encode() * 20,
                                        "compressed": whole[: len(whole) // 2]}])
    # A stored block header promising 65,535 bytes and delivering 5.
    raw_zip("unfinished-stored-block.qdpx", [{"path": "project.qde", "data": MINIMAL.encode(),
                                              "compressed": bytes([0x00, 0xFF, 0xFF, 0x00, 0x00]) + b"<?xml"}])


# --- Traps: one small fixture per way ordinary inputs used to mislead (issue 8) ------------------

TRAPS = os.path.join(HERE, "traps")

TRAP_CODES = [  # (name, parent name, isCodable)
    ("Planning", None, False), ("Goals", "Planning", True), ("Roles", "Planning", True),
    ("Learning", None, False), ("Evaluation", "Learning", True), ("Reflection", "Learning", True),
    ("Outreach", None, True),
]
TRAP_CODERS = ["Ana", "Ben", "Carla"]
# 14 toolkits: creator_type gives three groups of 4 (tested), one of 1 (too small) and one empty.
TRAP_CREATOR_TYPES = ["nonprofit"] * 4 + ["government"] * 4 + ["academic"] * 4 + ["business", ""]
TRAP_COUNTRIES = ["United Kingdom", "United States"] * 7
TRAP_ISSUES = ["health; education", "health", "education", "", "health", "environment; health", "education",
               "health", "", "education; health", "health", "environment", "education", "health"]
TRAP_AGES = ["new", "established"] * 7


def trap_codings():
    """Who found which codable code in which toolkit: {(toolkit, coder): {code: 0/1}}. Seeded, so the
    same every run. A coder who codes a toolkit judges every codable code there and finds at least one."""
    import random
    rng = random.Random(20261202)
    codable = [name for name, _, ok in TRAP_CODES if ok]
    result = {}
    for t in range(14):
        coders = [c for c in TRAP_CODERS if rng.random() < 0.8] or TRAP_CODERS[:2]
        if len(coders) < 2:
            coders = TRAP_CODERS[:2]
        kind = TRAP_CREATOR_TYPES[t]
        for coder in coders:
            values = {}
            for code in codable:
                base = {"Goals": 0.6, "Roles": 0.4, "Evaluation": 0.3, "Reflection": 0.5, "Outreach": 0.5}[code]
                if kind == "government" and code == "Evaluation":
                    base = 0.9
                if kind == "academic" and code == "Outreach":
                    base = 0.1
                values[code] = 1 if rng.random() < base else 0
            if not any(values.values()):
                values["Outreach"] = 1
            result[(t, coder)] = values
    return result


def trap_slug(name):
    return name.lower()


def trap_codable_fixtures():
    """The same codings as long CSV and as a .qdpx whose parents are isCodable="false", with the
    agreement Krippendorff's alpha (package krippendorff, when installed) over the codable codes only,
    and as it was when headings counted as judged absent."""
    codings = trap_codings()
    folder = os.path.join(TRAPS, "codable-csv")
    rows = ["code_id,parent_id,name,definition"]
    for name, parent, _ in TRAP_CODES:
        rows.append(f"{trap_slug(name)},{trap_slug(parent) if parent else ''},{name},")
    write(folder, "codebook.csv", "\n".join(rows) + "\n")
    rows = [TOOLKIT_HEADER]
    for t in range(14):
        issue = TRAP_ISSUES[t]
        rows.append(f"tk{t + 1:02d},tk{t + 1:02d},,{TRAP_COUNTRIES[t]},{TRAP_CREATOR_TYPES[t]},{issue},{TRAP_AGES[t]},,,")
    write(folder, "toolkits.csv", "\n".join(rows) + "\n")
    rows = [CODINGS_HEADER]
    for (t, coder), values in sorted(codings.items()):
        for code, value in values.items():
            rows.append(f"tk{t + 1:02d},{coder},{trap_slug(code)},{value}")
    write(folder, "codings.csv", "\n".join(rows) + "\n")

    guid = lambda kind, n: f"{kind:08X}-0000-4000-8000-{n:012d}"
    users = "\n".join(f'    <User guid="{guid(0xAAAAAAAA, i + 1)}" name="{c}"/>' for i, c in enumerate(TRAP_CODERS))
    code_guid = {name: guid(0xC0000000, i + 1) for i, (name, _, _) in enumerate(TRAP_CODES)}

    def code_xml(name, ok, children):
        inner = "".join(f'\n        <Code guid="{code_guid[c]}" name="{c}" isCodable="true"/>' for c in children)
        close = "\n      </Code>" if children else ""
        end = ">" if children else "/>"
        return f'      <Code guid="{code_guid[name]}" name="{name}" isCodable="{"true" if ok else "false"}"{end}{inner}{close}'
    tops = [(n, ok) for n, p, ok in TRAP_CODES if p is None]
    codebook = "\n".join(code_xml(n, ok, [c for c, p, _ in TRAP_CODES if p == n]) for n, ok in tops)
    variables = ["creator", "creator_country", "creator_type", "social_issue", "network_age", "member_org_types", "year", "url"]
    var_guid = {v: guid(0xE0000000, i + 1) for i, v in enumerate(variables)}
    variables_xml = "\n".join(f'    <Variable guid="{var_guid[v]}" name="{v}" typeOfVariable="Text"/>' for v in variables)
    sources = []
    selection = 0
    for t in range(14):
        parts = []
        for coder in TRAP_CODERS:
            values = codings.get((t, coder))
            if not values:
                continue
            for code, value in values.items():
                if value:
                    selection += 1
                    user = guid(0xAAAAAAAA, TRAP_CODERS.index(coder) + 1)
                    parts.append(f'      <PlainTextSelection guid="{guid(0xA0000000, selection)}" startPosition="0" endPosition="1" creatingUser="{user}">'
                                 f'<Coding guid="{guid(0xB0000000, selection)}" creatingUser="{user}"><CodeRef targetGUID="{code_guid[code]}"/></Coding></PlainTextSelection>')
        for variable, value in (("creator_country", TRAP_COUNTRIES[t]), ("creator_type", TRAP_CREATOR_TYPES[t]),
                                ("social_issue", TRAP_ISSUES[t]), ("network_age", TRAP_AGES[t])):
            if value:
                parts.append(f'      <VariableValue><VariableRef targetGUID="{var_guid[variable]}"/><TextValue>{value}</TextValue></VariableValue>')
        sources.append(f'    <TextSource guid="{guid(0x50000000, t + 1)}" name="tk{t + 1:02d}">\n' + "\n".join(parts) + "\n    </TextSource>")
    project = f"""<?xml version="1.0" encoding="utf-8"?>
<Project name="codable" origin="make_fixtures.py" xmlns="urn:QDA-XML:project:1.0">
  <Users>
{users}
  </Users>
  <CodeBook>
    <Codes>
{codebook}
    </Codes>
  </CodeBook>
  <Variables>
{variables_xml}
  </Variables>
  <Sources>
{chr(10).join(sources)}
  </Sources>
</Project>
"""
    os.makedirs(TRAPS, exist_ok=True)
    with zipfile.ZipFile(os.path.join(TRAPS, "codable.qdpx"), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", date_time=(2024, 1, 1, 0, 0, 0)), project, compress_type=zipfile.ZIP_DEFLATED)

    # Expected values: pooled Krippendorff's alpha over units (code, toolkit), coders as raters.
    try:
        import krippendorff
        import numpy as np
    except ImportError:
        return
    def alpha(with_headings):
        columns = []
        for name, _, ok in TRAP_CODES:
            if not ok and not with_headings:
                continue
            for t in range(14):
                column = []
                for coder in TRAP_CODERS:
                    values = codings.get((t, coder))
                    column.append(np.nan if values is None else (values[name] if ok else 0))
                columns.append(column)
        return krippendorff.alpha(reliability_data=np.array(columns, dtype=float).T, level_of_measurement="nominal")
    import json
    with open(os.path.join(TRAPS, "codable-expected.json"), "w") as handle:
        json.dump({"alpha_codable": alpha(False), "alpha_if_headings_counted": alpha(True)}, handle, indent=2)
        handle.write("\n")


def trap_fixtures():
    shutil.rmtree(TRAPS, ignore_errors=True)
    os.makedirs(TRAPS)
    trap_codable_fixtures()

    # A wide sheet as spreadsheets keep it: 1/blank, x, yes/no, TRUE/false, ✓ — and one code marked
    # present for every toolkit (never judged absent: a warning). The default codebook's ids.
    header = TOOLKIT_HEADER + ",code:shared-vision,code:action-planning,code:shared-measurement,code:communication,code:partnership-review"
    rows = [header,
            "tk1,One,,,,,,,,,1,x,yes,TRUE,✓",
            "tk2,Two,,,,,,,,,,X,no,false,1",
            "tk3,Three,,,,,,,,,1,,No,True,✔",
            "tk4,Four,,,,,,,,,,,YES,FALSE,x"]
    write(TRAPS, "wide-spellings.csv", "\n".join(rows) + "\n")

    # A parent with four codes, of which only one was ever coded (present in all four toolkits), next to
    # a fully coded code at 3 of 4.
    folder = os.path.join(TRAPS, "partial-parent")
    write(folder, "codebook.csv", "\n".join([
        "code_id,parent_id,name,definition", "group,,Working together,", "a,group,A,", "b,group,B,", "c,group,C,", "d,group,D,",
        "full,,Fully coded,"]) + "\n")
    write(folder, "toolkits.csv", TOOLKIT_HEADER + "\n" + "".join(f"tk{i},T{i},,,,,,,,\n" for i in range(1, 5)))
    write(folder, "codings.csv", CODINGS_HEADER + "\n" + "".join(
        f"tk{i},ana,a,1\ntk{i},ana,full,{0 if i == 4 else 1}\n" for i in range(1, 5)))

    # Coder names differing only in case: "Lead" (4 codings) and "lead" (2), plus "Ana" (6).
    folder = os.path.join(TRAPS, "coder-case")
    write(folder, "toolkits.csv", TOOLKITS)
    write(folder, "codings.csv", CODINGS_HEADER + "\n" + "\n".join([
        "tk1,Lead,shared-vision,1", "tk1,Lead,action-planning,0", "tk2,Lead,shared-vision,0", "tk2,Lead,action-planning,1",
        "tk1,lead,shared-vision,1", "tk2,lead,shared-vision,1",
        "tk1,Ana,shared-vision,1", "tk1,Ana,action-planning,1", "tk2,Ana,shared-vision,0", "tk2,Ana,action-planning,1",
        "tk1,Ana,communication,0", "tk2,Ana,communication,0"]) + "\n")

    # The same small corpus written with semicolons (as Excel does in much of Europe) and with tabs;
    # the creator holds a comma, which is plain text there.
    for name, sep in (("semicolon", ";"), ("tab", "\t")):
        folder = os.path.join(TRAPS, name)
        write(folder, "toolkits.csv", "\n".join([
            TOOLKIT_HEADER.replace(",", sep),
            sep.join(["tk1", "Toolkit One", "Org A, Inc.", "United Kingdom", "nonprofit", "health;education" if sep == "\t" else '"health;education"', "new", "", "2011", ""]),
            sep.join(["tk2", "Toolkit Two", "Org B", "United States", "government", "education", "established", "", "2016", ""]),
        ]) + "\n")
        write(folder, "codings.csv", "\n".join([CODINGS_HEADER.replace(",", sep), sep.join(["tk1", "ana", "shared-vision", "1"]),
                                                sep.join(["tk2", "ana", "shared-vision", "0"])]) + "\n")

    # A problem value holding a line break: the problem stays on one line.
    folder = os.path.join(TRAPS, "line-break-value")
    write(folder, "toolkits.csv", TOOLKITS)
    write(folder, "codings.csv", CODINGS_HEADER + '\ntk1,ana,shared-vision,"1\r\n2"\n')

    # 10,000 codes with one name, and codes nested 300 deep: both must cost what their size says.
    many = "".join(f'<Code guid="{0xC0000000:08X}-0000-4000-8000-{n:012d}" name="Evaluation" isCodable="true"/>' for n in range(1, 10001))
    project = f'<?xml version="1.0" encoding="utf-8"?>\n<Project name="many" xmlns="urn:QDA-XML:project:1.0">\n<CodeBook><Codes>{many}</Codes></CodeBook>\n</Project>\n'
    with zipfile.ZipFile(os.path.join(TRAPS, "same-name.qdpx"), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", date_time=(2024, 1, 1, 0, 0, 0)), project, compress_type=zipfile.ZIP_DEFLATED)
    # Line 4 opens the Code element at depth 257 (Project 1, CodeBook 2, Codes 3, Codes 4…).
    deep = "".join(f'<Code guid="{0xC0000000:08X}-0000-4000-8000-{n:012d}" name="Level {n}" isCodable="true">\n' for n in range(1, 301))
    project = ('<?xml version="1.0" encoding="utf-8"?>\n<Project name="deep" xmlns="urn:QDA-XML:project:1.0">\n<CodeBook><Codes>\n'
               + deep + "</Code>" * 300 + "\n</Codes></CodeBook>\n</Project>\n")
    with zipfile.ZipFile(os.path.join(TRAPS, "deep.qdpx"), "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("project.qde", date_time=(2024, 1, 1, 0, 0, 0)), project, compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    import sys
    if sys.argv[1:] != ["traps"]:
        csv_fixtures()
        qdpx_fixtures()
    trap_fixtures()
