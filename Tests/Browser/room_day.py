#!/usr/bin/env python3
"""The room on the day, end to end on the real server: a facilitator, a projector and four phones run the first
two phases of the Path of Joint Action (Orientation's three steps, then Groundwork).

Starts `weave serve` on a scratch database, sets up a partnership of four partners, schedules the path, and
has four people join from their own browsers. The facilitator starts the session, puts the join screen on
the wall, steers through the steps (with a pause and "+5 min"), and the phones add their triad's challenges,
the vision, the problem tree and the stakeholder map over the live socket, as their pages do. Along the way
headless Chromium (through the DevTools protocol, one set of cookies per page) loads the real pages and
takes screenshots: the projector's join screen, the projector focused on one field, the facilitator's
laptop with the roster, and a phone at 360 px in the triads step. Every page is checked for horizontal
overflow and script errors, and for what it must show; the script exits non-zero if anything fails.

Needs: chromium (Debian package) and the `websockets` package from PyPI.
Usage: python3 Tests/Browser/room_day.py [.build/debug/weave] [out-dir]
"""
import asyncio, base64, http.cookiejar, json, os, random, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request
import websockets

import weave_pages
from weave_pages import Browser, Server, edit, live, shoot

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-screens"
PORT, BASE = weave_pages.PORT, weave_pages.BASE
weave_pages.OUT = OUT


FAILURES = []


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)


async def page(name, url, cookies, width, height, mobile, expect, what):
    value, problems = await shoot(name, url, cookies, width, height, mobile, expect)
    check(not problems, f"{name}: no script errors")
    check(not value.get("overflowing") and value.get("scrollWidth", 0) <= value.get("innerWidth", 0), f"{name}: nothing overflows at {width} px")
    check(value.get("expected") is True, f"{name}: {what}")


async def main():
    os.makedirs(OUT, exist_ok=True)
    with Server(WEAVE) as (host, partnership):
        _, headers, _ = host.request(partnership + "/sessions", {"item": "joint-action", "date": "2026-12-01", "start": "09:00", "breaks": "12:30+45"})
        session = headers["Location"]
        _, _, facilitator_page = host.request(session)
        code = re.search(r'class="code">([0-9A-Z-]+)<', facilitator_page).group(1)
        control = session + "/live"

        # The facilitator starts the session and puts the join screen on the wall.
        check(not await live(control, host.header(), [{"type": "clock", "id": "start", "action": "start"},
                                                       {"type": "show", "id": "join", "view": "join"}]), "the facilitator starts the session and shows the join screen")
        await page("1-projector-join-screen", session + "/projector", host.header(), 1920, 1080, False,
                   f"!document.getElementById('join-screen').hidden && document.querySelector('.wall-code').textContent === '{code}' && document.querySelector('.wall-qr svg')",
                   "the join screen shows the code and a QR code")

        # Four phones join, one per partner.
        phones = []
        for index, name in enumerate(["Ana", "Ben", "Chiara", "Dev"]):
            phone = Browser()
            _, _, join = phone.request(f"/join/{code}")
            partners = re.findall(r'name="partner" value="([0-9a-f-]{36})"', join)
            status, headers, _ = phone.request(f"/join/{code}", {"name": name, "partner": partners[index]})
            check(status == 303, f"{name} joins")
            phones.append(phone)
        participant = headers["Location"]
        # Ana opens the join link again on her phone: back to her canvas, not a new participant.
        status, headers, _ = phones[0].request(f"/join/{code}")
        check(status == 303 and headers["Location"] == participant, "Ana's phone, opening the join link again, goes back to her canvas")

        # Orientation's steps up to the fourth (the mixed triads), with a pause and five more minutes.
        check(not await live(control, host.header(), [{"type": "show", "id": "phase", "view": "phase"},
                                                       {"type": "move", "id": "m1", "phase": 0, "step": 1},
                                                       {"type": "clock", "id": "p", "action": "pause"},
                                                       {"type": "clock", "id": "r", "action": "resume"},
                                                       {"type": "clock", "id": "x", "action": "extend", "minutes": 5},
                                                       {"type": "move", "id": "m2", "phase": 0, "step": 2},
                                                       {"type": "move", "id": "m3", "phase": 0, "step": 3},
                                                       {"type": "formGroups", "id": "g1"}]), "the facilitator steers through Orientation to the triads and forms them")
        challenges = [("Ana", "Supermarkets throw away good food at closing time"), ("Ben", "No one coordinates pick-ups"),
                      ("Chiara", "Volunteers burn out"), ("Dev", "Cold storage is missing")]
        for (name, text), phone in zip(challenges, phones):
            check(not await live(participant + "/live", phone.header(), [edit("addItem", field="triad-challenges", item=f"c{name.lower()}", text=text)]),
                  f"{name} adds a challenge from the triad")
        check(not await live(participant + "/live", phones[1].header(), [edit("setText", field="vision-statement",
                                                                              text="By 2030 no good food in Riverside goes to waste while anyone in the city goes hungry.")]),
              "Ben writes the vision")
        # Undo: Ana takes back a slip; Ben cannot take back the vision once Chiara has rewritten it.
        check(not await live(participant + "/live", phones[0].header(), [edit("addItem", field="triad-challenges", item="slip", text="Oops, a slip"),
                                                                         {"type": "undo", "id": "u1"}]),
              "Ana adds a slip and undoes it")
        check(not await live(participant + "/live", phones[2].header(), [edit("setText", field="vision-statement",
                                                                              text="By 2030 no good food in Riverside goes to waste while anyone in the city is hungry.")]),
              "Chiara rewrites the vision")
        refused = await live(participant + "/live", phones[1].header(), [{"type": "undo", "id": "u2"}])
        check(refused == ["Someone changed that after you, so your last change can no longer be undone."], "Ben's undo of the vision is refused: Chiara changed it since")
        # Hide: the facilitator hides Dev's challenge; an edit to it by id is refused.
        check(not await live(control, host.header(), [{"type": "hide", "id": "h1", "field": "triad-challenges", "item": "cdev"}]), "the facilitator hides Dev's challenge")
        refused = await live(participant + "/live", phones[3].header(), [edit("editItem", field="triad-challenges", item="cdev", text="Changed after hiding")])
        check(len(refused) == 1 and "hidden by the facilitator" in refused[0], "Dev cannot edit his hidden challenge by its id")
        check(not await live(control, host.header(), [{"type": "hide", "id": "h2", "field": "triad-challenges", "item": "cdev", "hidden": False}]), "the facilitator shows it again")
        phone_in_triad = ("document.querySelector('.bar-identity').textContent.startsWith('Chiara · ') && /^Your triad: .*Chiara/.test(document.querySelector('.bar-groups').textContent) && /triads/i.test(document.querySelector('.bar-step-title').textContent) && document.querySelector('section.phase.is-current:not(.is-collapsed)') && document.querySelectorAll('section.phase.is-collapsed').length === 5 && document.body.textContent.includes('Volunteers burn out')"
                          " && [...document.querySelectorAll('.entry-list li')].filter(li => /Volunteers burn out/.test(li.textContent)).every(li => /^Triad [12]$/.test((li.querySelector('.badge-group') || {}).textContent))"
                          " && !document.body.textContent.includes('Oops, a slip') && document.querySelector('.live-bar [data-key=undo]')"
                          " && document.documentElement.scrollWidth <= document.documentElement.clientWidth && document.body.scrollWidth <= document.body.clientWidth")
        for width in (360, 390):
            await page(f"2-phone-in-the-triads-step-{width}", participant, phones[2].header(), width, 780, True, phone_in_triad,
                       "the phone says whose it is and who is in its triad, follows the triads step with the other phases collapsed, shows the triad's challenges marked with their triad, has Undo, and is no wider than the screen (scrollWidth ≤ clientWidth)")

        # The same phone scrolled to the triad's challenges: each marked with the group that added it.
        await page("2b-phone-triad-challenges-360", participant, phones[2].header(), 360, 780, True,
                   "(() => { const f = [...document.querySelectorAll('article.field')].find(a => /triads/.test(a.textContent) && a.querySelector('.entry-list')); f.scrollIntoView(); scrollBy(0, -document.querySelector('.live-bar').offsetHeight - 8); return f; })()"
                   " && document.querySelectorAll('.entry-list .badge-group').length === 4 && document.documentElement.scrollWidth <= document.documentElement.clientWidth",
                   "the triad's challenges each carry their group's mark")

        # Groundwork: the core causes; the wall focuses on them.
        check(not await live(control, host.header(), [{"type": "move", "id": "m4", "phase": 1, "step": 0},
                                                       {"type": "move", "id": "m5", "phase": 1, "step": 1},
                                                       {"type": "show", "id": "focus", "view": "field", "field": "core-causes"}]), "the facilitator moves through Groundwork and focuses the wall on the core causes")
        for name, phone, text in [("Ana", phones[0], "Date labels confuse shops and shoppers"), ("Dev", phones[3], "No shared logistics")]:
            check(not await live(participant + "/live", phone.header(), [edit("addItem", field="core-causes", item=f"k{name.lower()}", text=text)]),
                  f"{name} adds a core cause")
        await page("3-projector-focused-field", session + "/projector", host.header(), 1920, 1080, False,
                   "document.body.classList.contains('projector-focus') && [...document.querySelectorAll('article.field')].filter(a => !a.hidden).length === 1 && document.body.textContent.includes('No shared logistics')",
                   "the wall shows the core causes alone")
        await page("4-facilitator-laptop", session, host.header(), 1366, 768, False,
                   "/4 joined/.test(document.getElementById('roster-count').textContent) && document.querySelectorAll('.roster-people li').length === 4 && document.querySelector('[data-key=clock-pause]') && /Groundwork/.test(document.querySelector('.bar-phase-name').textContent)",
                   "the facilitator sees the roster of four, the clock controls and Groundwork")
        await page("5-phone-groundwork", participant, phones[0].header(), 360, 740, True,
                   "/Groundwork/.test(document.querySelector('section.phase.is-current .phase-name').textContent) && document.body.textContent.includes('Date labels confuse shops and shoppers')",
                   "Ana's phone has followed to Groundwork")
        check(not await live(control, host.header(), [{"type": "move", "id": "back", "phase": 0, "step": 3}, {"type": "show", "id": "wall", "view": "phase"}]), "back to the triads")
        await page("6-projector-triads", session + "/projector", host.header(), 1920, 1080, False,
                   "/^Triads — 1: /.test(document.querySelector('.bar-groups').textContent)", "the wall lists the triads")
        print(f"screenshots in {OUT}; {len(FAILURES)} failure(s)")
        sys.exit(1 if FAILURES else 0)


asyncio.run(main())
