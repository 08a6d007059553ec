#!/usr/bin/env python3
"""Screenshots of the pages a partnership uses after its session, in headless Chromium: the carry-over page
of a closed Path of Joint Action session, the record page, the assessment over time, the progress page and
the partnership page (with its partner forms), each at 1366 and 390 px wide.

Starts `weave serve` on a scratch database, sets up a partnership with four partners, runs two sessions over
the live socket (items, indicators, roles, token votes), closes each and carries the first one over. Reports,
per page, horizontal overflow and script errors, and writes PNGs to look at.

Needs: chromium (Debian package) and the `websockets` package from PyPI.
Usage: python3 Tests/Browser/record_screens.py [.build/debug/weave] [out-dir]
"""
import asyncio, os, re, sys

import weave_pages
from weave_pages import Server, edit, join, live, shoot

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-record-screens"
PORT = weave_pages.PORT
WIDTHS = [(1366, 900, False), (390, 844, True)]
weave_pages.OUT = OUT


async def run_session(host, partnership, date, votes):
    """Schedules a Path of Joint Action session, fills part of its canvas with three people, closes it."""
    _, headers, _ = host.request(partnership + "/sessions", {"item": "joint-action", "date": date, "start": "09:00"})
    session = headers["Location"]
    people, path = join(host, session, ["Ana", "Ben", "Chiara"])
    await live(path + "/live", people[0].header(), [
        edit("addRow", field="indicators", row="r1", cells={"indicator": "Tonnes of food redistributed each month"}),
        edit("addRow", field="indicators", row="r2", cells={"indicator": "Households reached with fresh food"}),
    ] + [edit("placeToken", field="assessment", colour=colour, target=target) for colour, target in votes[:3]])
    for person in people[1:]:
        await live(path + "/live", person.header(), [edit("placeToken", field="assessment", colour=c, target=t) for c, t in votes[3:5]])
    await live(session + "/live", host.header(), [{"type": "close", "id": "close"}])
    return session


async def main():
    os.makedirs(OUT, exist_ok=True)
    with Server(WEAVE) as (host, partnership):
        first = await run_session(host, partnership, "2026-03-10", [("green", "shared-purpose"), ("red", "clarity-of-roles"), ("red", "decision-making"),
                                                                    ("green", "trust-and-relationships"), ("red", "clarity-of-roles")])
        second = await run_session(host, partnership, "2026-09-15", [("green", "clarity-of-roles"), ("green", "shared-purpose"), ("red", "decision-making"),
                                                                     ("green", "decision-making"), ("red", "trust-and-relationships")])
        results = []
        for width, height, mobile in WIDTHS:
            results.append(await shoot(f"carry-over-{width}", first + "/carry-over", host.header(), width, height, mobile,
                                       expect="document.querySelector('input[name=take]')"))
        _, _, page = host.request(first + "/carry-over")
        takes = re.findall(r'name="take" value="([^"]+)" checked', page)
        status, _, _ = host.request(first + "/carry-over", {"take": takes[0]} if takes else {})
        print("carried over:", status, len(takes), "choices offered")
        for width, height, mobile in WIDTHS:
            results.append(await shoot(f"record-{width}", partnership + "/record", host.header(), width, height, mobile))
            results.append(await shoot(f"assessment-{width}", second + "/assessment", host.header(), width, height, mobile,
                                       expect="document.querySelector('table, svg')"))
            results.append(await shoot(f"progress-{width}", partnership + "/progress", host.header(), width, height, mobile))
            results.append(await shoot(f"partnership-{width}", partnership, host.header(), width, height, mobile))
        failed = [r for r in results if r[1] or r[0].get("overflowing") or r[0].get("scrollWidth", 0) > r[0].get("innerWidth", 0) or not r[0].get("expected")]
        sys.exit(1 if failed else 0)


asyncio.run(main())
