#!/usr/bin/env python3
"""The path designer, by keyboard only, on the real server (docs/workspace.md, "The path designer").

Starts `weave serve` on a scratch database, signs up a facilitator with a partnership, and opens the designer
on an empty path in headless Chromium (driven through the DevTools protocol). Everything the facilitator does
goes through key presses — Tab / Shift+Tab to move, typed text, Enter, arrows and Alt+arrows — never a click
or a script setting a value: names the path, the phase and the first step, picks the first step's tool by typing
part of its name, adds a second step and sets its minutes, moves it above the first with Alt+↑ (and checks the
spoken announcement), adds a second day, and sets a day's start and breaks. The script only reads the page
(what has focus, what the document holds, what is shown) to know when to press which key.

Then it waits for the agenda and a reported problem (the steps take more time than their phase), takes the
screenshots at 1366 px and 390 px with both shown, fixes the problem by keyboard, saves with Enter on "Save the
path", follows the link to the saved path's page and checks it lists the steps in their new order.
At 360 px nothing may overflow. Exits non-zero on any failure.

Needs: chromium (Debian package) and the `websockets` package from PyPI.
Usage: python3 Tests/Browser/path_designer.py [.build/debug/weave] [out-dir]
"""
import asyncio, base64, json, os, re, sys, time
import websockets

import weave_pages
from weave_pages import Server, start_chromium

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-screens"
PORT, BASE = weave_pages.PORT, weave_pages.BASE
FAILURES = []
# How long to wait for the server's check or save (each loads the library again; a debug build on a busy machine is slow).
SERVER_WAIT = 40
ALT, CTRL, SHIFT = 1, 2, 8
KEYS = {"Tab": ("Tab", 9, None), "Enter": ("Enter", 13, "\r"), "ArrowUp": ("ArrowUp", 38, None), "ArrowDown": ("ArrowDown", 40, None),
        "Escape": ("Escape", 27, None), "Backspace": ("Backspace", 8, None), "a": ("KeyA", 65, "a"), " ": ("Space", 32, " ")}


def check(ok, what):
    print(("PASS " if ok else "FAIL ") + what)
    if not ok:
        FAILURES.append(what)
    return ok


class Tab:
    """One Chromium page over the DevTools protocol: key presses in, page state out."""

    def __init__(self, cdp):
        self.cdp, self.counter, self.errors = cdp, 0, []

    async def call(self, method, **params):
        self.counter += 1
        await self.cdp.send(json.dumps({"id": self.counter, "method": method, "params": params}))
        while True:
            reply = json.loads(await self.cdp.recv())
            if reply.get("method") == "Runtime.exceptionThrown":
                self.errors.append(reply["params"]["exceptionDetails"].get("exception", {}).get("description", "exception"))
            if reply.get("method") == "Runtime.consoleAPICalled" and reply["params"]["type"] == "error":
                self.errors.append(" ".join(str(a.get("value", "")) for a in reply["params"]["args"]))
            if reply.get("id") == self.counter:
                return reply.get("result", {})

    async def eval(self, expression):
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result.get("result", {}).get("value")

    async def press(self, name, modifiers=0, commands=None):
        code, vk, text = KEYS[name]
        key = name if len(name) > 1 else name
        down = {"type": "keyDown" if text and not modifiers & (ALT | CTRL) else "rawKeyDown", "key": key, "code": code,
                "windowsVirtualKeyCode": vk, "modifiers": modifiers}
        if text and not modifiers & (ALT | CTRL):
            down["text"] = text
        if commands:
            down["commands"] = commands
        await self.call("Input.dispatchKeyEvent", **down)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=vk, modifiers=modifiers)
        await asyncio.sleep(0.05)

    async def type(self, text):
        await self.call("Input.insertText", text=text)
        await asyncio.sleep(0.05)

    async def replace(self, text):
        """Selects the focused control's text (Ctrl+A) and types over it."""
        await self.press("a", CTRL, commands=["selectAll"])
        await self.type(text)

    async def focused(self):
        return await self.eval("(() => { const e = document.activeElement; return e ? (e.dataset.key || e.textContent.trim().slice(0, 40) || e.tagName) : ''; })()")

    async def tab_to(self, key, limit=400):
        """Presses Tab (Shift+Tab when the control is above) until the control with this data-key has focus."""
        above = await self.eval(f"""(() => {{
            const target = document.querySelector('[data-key="{key}"]'); const now = document.activeElement;
            return !!(target && now && now !== document.body && (target.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING));
        }})()""")
        for _ in range(limit):
            if await self.focused() == key:
                return True
            await self.press("Tab", SHIFT if above else 0)
        return check(False, f"Tab reaches {key}")

    async def wait(self, expression, what, seconds=None):
        seconds = seconds or SERVER_WAIT
        deadline = time.time() + seconds
        while time.time() < deadline:
            if await self.eval(f"!!({expression})"):
                return check(True, what)
            await asyncio.sleep(0.1)
        return check(False, what)

    async def shoot(self, name, width, height, mobile, scroll=None):
        await self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        await asyncio.sleep(0.6)
        if scroll:
            await self.eval(f"document.querySelector('{scroll}').scrollIntoView({{block: 'start'}})")
            await asyncio.sleep(0.2)
        value = await self.eval("""(() => {
            const wide = [...document.querySelectorAll('body *')].filter(e => {
                const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1 && getComputedStyle(e).position !== 'fixed';
            });
            return {scrollWidth: document.documentElement.scrollWidth, innerWidth, overflowing: wide.slice(0, 5).map(e => e.tagName + '.' + e.className)};
        })()""")
        shot = await self.call("Page.captureScreenshot", format="png", captureBeyondViewport=False)
        path = os.path.join(OUT, name + ".png")
        with open(path, "wb") as file:
            file.write(base64.b64decode(shot["data"]))
        print(f"{name}: {path}  page width {value['scrollWidth']} of {value['innerWidth']}  overflowing: {value['overflowing'] or 'nothing'}")
        check(not value["overflowing"] and value["scrollWidth"] <= value["innerWidth"], f"{name}: nothing overflows at {width} px")


DOC = "JSON.parse(JSON.stringify(window.__designerDocument || null))"


async def main():
    os.makedirs(OUT, exist_ok=True)
    with Server(WEAVE) as (host, partnership):
        chrome = None
        try:
            chrome, target = start_chromium(1366, 900)
            async with websockets.connect(target["webSocketDebuggerUrl"], max_size=1 << 26) as cdp:
                tab = Tab(cdp)
                await tab.call("Runtime.enable")
                await tab.call("Network.enable")
                for pair in host.header().split("; "):
                    key, value = pair.split("=", 1)
                    await tab.call("Network.setCookie", name=key, value=value, url=BASE + partnership)
                await tab.call("Emulation.setDeviceMetricsOverride", width=1366, height=900, deviceScaleFactor=1, mobile=False)
                await tab.call("Page.enable")
                await tab.call("Page.navigate", url=BASE + partnership + "/designer")
                await tab.wait("!!document.querySelector('[data-key=\"/name\"]')", "the designer page loads and draws the editor")
                # The page's document, as the script holds it: read through the request it sends (see below) or the hook.
                await tab.eval("""(() => { const original = window.fetch; window.__sent = [];
                    window.fetch = (url, options) => { window.__sent.push({url, body: options && options.body ? String(options.body) : ''}); return original(url, options); }; })()""")
                document_now = """(() => { const sent = window.__sent.filter(s => s.body.includes('document=')); const last = sent[sent.length - 1];
                    return last ? JSON.parse(new URLSearchParams(last.body).get('document')) : null; })()"""

                # Name the path, the phase and the first step; pick its tool by typing.
                await tab.press("Tab")
                await tab.tab_to("/name")
                await tab.type("Riverside food day")
                await tab.tab_to("/phases/0/name")
                await tab.type("Arrive")
                await tab.tab_to("/phases/0/steps/0/title")
                await tab.type("Welcome and purpose")
                await tab.tab_to("/phases/0/steps/0/tool")
                await tab.type("stakeholder")
                await tab.wait("document.activeElement.getAttribute('aria-expanded') === 'true' && document.querySelectorAll('[role=listbox]:not([hidden]) [role=option]').length > 0",
                               "typing in the tool box lists matching library tools")
                await tab.press("ArrowDown")
                check(await tab.eval("!!document.activeElement.getAttribute('aria-activedescendant')"), "↓ marks an option as active (aria-activedescendant)")
                await tab.press("Enter")
                await tab.wait(f"(() => {{ const d = {document_now}; return d && d.phases[0].steps[0].tool === 'stakeholder-analysis'; }})()",
                               "Enter chooses Stakeholder Analysis as the step's tool")
                check((await tab.eval("document.activeElement.value")).startswith("Stakeholder"), "the tool box shows the chosen tool's name")

                # A second step, with its minutes; then moved above the first by keyboard.
                await tab.tab_to("/phases/0#add-step")
                await tab.press("Enter")
                check(await tab.focused() == "/phases/0/steps/1/title", "Add a step puts the focus in the new step's title")
                await tab.type("Expectations in mixed triads")
                await tab.tab_to("/phases/0/steps/1/duration")
                await tab.replace("30")
                await tab.tab_to("/phases/0/steps/1#handle")
                await tab.press("ArrowUp", ALT)
                check(await tab.focused() == "/phases/0/steps/0#handle", "Alt+↑ moves the step up and its handle keeps the focus")
                await tab.wait("/Moved “Expectations in mixed triads” to position 1 of 2/.test(document.getElementById('designer-announcer').textContent)",
                               "the move is announced in the aria-live region")
                await tab.wait(f"(() => {{ const d = {document_now}; return d && d.phases[0].steps.map(s => s.title).join('|') === 'Expectations in mixed triads|Welcome and purpose' && d.phases[0].steps[0].duration === 30; }})()",
                               "the document holds the steps in their new order, the moved one with 30 minutes")

                # A second day; its start and breaks; the first day's breaks.
                await tab.tab_to("#add-day")
                await tab.press("Enter")
                check(await tab.focused() == "/days/1/name", "Add a day puts the focus in the new day's name")
                await tab.replace("Next steps")
                await tab.wait(f"(() => {{ const d = {document_now}; return d && !d.phases && d.days.length === 2 && d.days[0].phases[0].steps.length === 2 && d.days[1].name === 'Next steps'; }})()",
                               "the path now has days: the first holds the earlier phase, the second is named")
                await tab.tab_to("#schedule/1/start")
                await tab.replace("09:30")
                await tab.tab_to("/days/1/phases/0/name")
                await tab.type("Agree next steps")
                await tab.tab_to("/days/1/phases/0/steps/0/title")
                await tab.type("Agree who does what")
                await tab.tab_to("/days/1/phases/0/steps/0/tool")
                await tab.type("planning a project")
                await tab.press("ArrowDown")
                await tab.press("Enter")
                await tab.tab_to("#schedule/0/breaks")
                await tab.type("09:45+15")
                await tab.wait("""(() => { const s = window.__sent.filter(s => s.body.includes('schedule=')).pop();
                    const d = s && JSON.parse(new URLSearchParams(s.body).get('schedule'));
                    return d && d.days.length === 2 && d.days[1].start === '09:30' && d.days[0].breaks[0] === '09:45+15'; })()""",
                               "the schedule sent with the check has both days' starts and the break")
                check(len([s for s in await tab.eval("window.__sent") if "/designer/check" in s["url"]]) < 40,
                      "checks are debounced (fewer requests than key presses)")

                # The first day's phase has 60 minutes, its steps take 90, and the new step has no activity: two problems.
                await tab.wait("/more than the phase/.test(document.querySelector('.problems-box').textContent) && /not coded/.test(document.querySelector('.problems-box').textContent)",
                               "the server's problems are reported: the steps take more than the phase, a step has no activity", seconds=SERVER_WAIT)
                print("problems shown:", await tab.eval("[...document.querySelectorAll('.problem-summary li')].map(l => l.textContent)"))
                check(await tab.eval("[...document.querySelectorAll('#designer .problem')].length >= 2"), "each problem is shown in the editor too")
                check(await tab.eval("!!document.querySelector('[aria-invalid=true]') || !!document.querySelector('.card-problems:not(:empty)')"),
                      "a problem sits at its control (aria-invalid) or its card")
                described = await tab.eval("""(() => { const c = document.querySelector('[aria-invalid=true]'); if (!c) return true;
                    return (c.getAttribute('aria-describedby') || '').split(' ').some(id => { const n = document.getElementById(id); return n && n.classList.contains('problem'); }); })()""")
                check(described, "the invalid control is described by its problem (aria-describedby)")
                # Fix them by keyboard: the step without a tool gets an activity; the phase the minutes its steps take.
                await tab.tab_to("/days/0/phases/0/steps/0/activities")
                await tab.press("Enter")
                await tab.press("Tab")
                await tab.press(" ")
                await tab.wait(f"(() => {{ const d = {document_now}; return d && (d.days[0].phases[0].steps[0].activities || []).length === 1; }})()",
                               "Space on an activity codes the step without a tool")
                await tab.press("Tab", SHIFT)
                await tab.press("Enter")
                check(await tab.eval("!document.activeElement.parentElement.open"), "Enter on the activities' summary folds them away again")
                await tab.tab_to("/days/0/phases/0/duration")
                await tab.replace("90")
                await tab.wait("document.querySelector('.problems-box .ok') && document.querySelector('.agenda-box:not(.is-stale) .agenda-phase')",
                               "with the activity and the phase's minutes fixed there is no problem, and the agenda shows")
                agenda = await tab.eval("document.querySelector('.agenda-box').textContent")
                check("09:00" in agenda and "09:30" in agenda and "Break" in agenda and "Next steps" in agenda, "the agenda has each day's start, its name and the break")
                # A new problem: the second step's minutes no longer add up to the phase's.
                await tab.tab_to("/days/0/phases/0/steps/1/duration")
                await tab.replace("45")
                await tab.wait("document.querySelector('.problem-count') && document.querySelector('.agenda-box.is-stale .agenda-phase')",
                               "a problem is reported and the last agenda stays, marked out of date")
                print("problems shown:", await tab.eval("[...document.querySelectorAll('.problem-summary li')].map(l => l.textContent)"))
                await tab.shoot("designer-1366-problem", 1366, 900, False)
                await tab.shoot("designer-390-problem", 390, 844, True, scroll=".save-bar")
                await tab.shoot("designer-390-problem-card", 390, 844, True, scroll=".designer-editor .problem")
                await tab.shoot("designer-390-agenda-out-of-date", 390, 844, True, scroll=".agenda-box")
                await tab.shoot("designer-360-problem", 360, 740, True, scroll=".save-bar")
                await tab.call("Emulation.setDeviceMetricsOverride", width=1366, height=900, deviceScaleFactor=1, mobile=False)
                await tab.tab_to("/days/0/phases/0/duration")
                await tab.replace("75")
                await tab.wait("document.querySelector('.problems-box .ok') && document.querySelector('.agenda-box:not(.is-stale) .agenda-phase')",
                               "with the phase's minutes fixed the problem goes and the agenda is current again")
                await tab.shoot("designer-1366-agenda", 1366, 900, False)
                await tab.call("Emulation.setDeviceMetricsOverride", width=1366, height=900, deviceScaleFactor=1, mobile=False)
                # Save, and open the saved path.
                await tab.tab_to("#save")
                await tab.press("Enter")
                await tab.wait("document.querySelector('.save-status.saved a')", "saving answers with a link to the saved path", seconds=SERVER_WAIT)
                link = await tab.eval("document.querySelector('.save-status.saved a').getAttribute('href')")
                status, _, page = host.request(link)
                check(status == 200 and "Riverside food day" in page, "the saved path's page shows the path")
                check(page.find("Expectations in mixed triads") < page.find("Welcome and purpose") and "Agree who does what" in page,
                      "the saved path's page lists the steps in their new order, on both days")
                # With a mouse: the first step's handle dragged onto the lower half of the second puts it after it.
                await tab.eval("""(() => { const handle = document.querySelector('[data-key="/days/0/phases/0/steps/0#handle"]');
                    const target = document.querySelector('[data-pointer="/days/0/phases/0/steps/1"]'); const box = target.getBoundingClientRect();
                    const data = new DataTransfer(); const at = {bubbles: true, cancelable: true, dataTransfer: data, clientX: box.left + 20, clientY: box.bottom - 5};
                    handle.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
                    target.dispatchEvent(new DragEvent('dragover', at)); target.dispatchEvent(new DragEvent('drop', at));
                    handle.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data})); })()""")
                await tab.wait(f"(() => {{ const d = {document_now}; const steps = (d.days || [{{phases: d.phases}}])[0].phases[0].steps;"
                               f" return steps[0].title === 'Welcome and purpose' && steps[1].title === 'Expectations in mixed triads'; }})()",
                               "dragging a step's handle below the next step moves it there")
                check(not tab.errors, f"no script errors ({tab.errors or 'none'})")
            print(f"screenshots in {OUT}; {len(FAILURES)} failure(s)")
            sys.exit(1 if FAILURES else 0)
        finally:
            if chrome:
                chrome.terminate()
                chrome.wait()


asyncio.run(main())
