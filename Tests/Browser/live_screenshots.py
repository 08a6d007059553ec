#!/usr/bin/env python3
"""Screenshots of the real workspace pages in headless Chromium, with a session in full swing.

Starts `weave serve` on a scratch database, sets up a partnership with partners and preparation, schedules
a Path of Joint Action session, has twelve people join, fills the canvas over the live socket, then opens
the participant view on a phone-sized viewport and the projector view on a 1920x1080 one through the
Chrome DevTools Protocol (so each page gets its own cookies). For every page it reports whether anything
overflows the viewport horizontally and any script error, and writes PNGs to look at.

Needs: chromium (Debian package) and the `websockets` package from PyPI.
Usage: python3 Tests/Browser/live_screenshots.py [.build/debug/weave] [out-dir]
"""
import asyncio, base64, http.cookiejar, json, os, random, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request
import websockets

import weave_pages
from weave_pages import Browser, Server, edit, join, live, shoot

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-screens"
PORT, BASE = weave_pages.PORT, weave_pages.BASE
weave_pages.OUT = OUT


async def main():
    os.makedirs(OUT, exist_ok=True)
    with Server(WEAVE) as (host, partnership):
        _, _, page = host.request(partnership)
        for link in re.findall(r'href="(/prep/[\w-]+)"', page)[:2]:
            Browser().request(link, {"strategic-intent": "Halve food waste in the city within three years, and make sure surplus reaches the people who need it.",
                                     "capabilities": "Cold storage, two vans, 40 volunteers", "resources": "One coordinator, 2 days a week",
                                     "constraints": "No budget for new vehicles"})
        _, headers, _ = host.request(partnership + "/sessions", {"item": "joint-action", "date": "2026-12-01", "start": "09:00", "breaks": "12:30+45"})
        session = headers["Location"]
        people, participant_path = join(host, session, ["Ana", "Ben", "Chiara", "Dev", "Ebru", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lukas"])
        tables = "partnership-assessment-table/fields"
        await live(participant_path + "/live", people[0].header(), [
            edit("addItem", field="triad-challenges", item="c1", text="Supermarkets throw away food that is still good at closing time"),
            edit("addItem", field="triad-challenges", item="c2", text="No one coordinates pick-ups between shops and charities"),
            edit("addItem", field="triad-challenges", item="c3", text="Volunteers burn out"),
            edit("addItem", field="core-causes", item="k1", text="Date labels that confuse shops and shoppers"),
            edit("addItem", field="core-causes", item="k2", text="Missing cold storage"),
            edit("addItem", field="core-causes", item="k3", text="No shared logistics"),
            edit("setText", field="vision-statement", text="By 2030 no good food in Riverside goes to waste while anyone in the city goes hungry."),
            edit("addRow", field="indicators", row="r1", cells={"indicator": "Tonnes of food redistributed each month"}),
            edit("addRow", field="indicators", row="r2", cells={"indicator": "Households reached"}),
            edit("placeToken", field="assessment", colour="green", target="shared-purpose"),
            edit("placeToken", field="assessment", colour="red", target="clarity-of-roles"),
            edit("placeToken", field="assessment", colour="red", target="decision-making"),
        ])
        for person in people[1:5]:
            await live(participant_path + "/live", person.header(), [
                edit("placeToken", field="assessment", colour="green", target="trust-and-relationships"),
                edit("placeToken", field="assessment", colour="red", target="clarity-of-roles"),
            ])
        await live(session + "/live", host.header(), [
            {"type": "move", "id": "mv", "phase": 4, "step": 0},
            {"type": "lock", "id": "lk", "section": "orientation", "locked": True},
        ])
        os.makedirs(OUT, exist_ok=True)
        results = [
            await shoot("participant-phone", participant_path, people[-1].header(), 360, 740, True),
            await shoot("projector", session + "/projector", host.header(), 1920, 1080, False),
            await shoot("facilitator-laptop", session, host.header(), 1366, 768, False),
        ]
        failed = [r for r in results if r[1] or r[0].get("overflowing") or r[0].get("scrollWidth", 0) > r[0].get("innerWidth", 0)]
        sys.exit(1 if failed else 0)


asyncio.run(main())
