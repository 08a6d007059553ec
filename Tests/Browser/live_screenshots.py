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

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-screens"
PORT = random.randint(20000, 40000)
BASE = f"http://127.0.0.1:{PORT}"


class Browser:
    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def header(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def request(self, path, form=None):
        data = None
        if form is not None:
            form = dict(form, _csrf=self.cookie("weave_csrf") or "")
            data = urllib.parse.urlencode(form).encode()
        try:
            response = self.opener.open(urllib.request.Request(BASE + path, data=data))
            return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


async def live(path, cookies, messages):
    async with websockets.connect(f"ws://127.0.0.1:{PORT}{path}", additional_headers={"Cookie": cookies}) as socket:
        await socket.send(json.dumps({"type": "hello", "after": 0}))
        ids = set()
        for message in messages:
            ids.add(message["id"])
            await socket.send(json.dumps(message))
        while ids:
            reply = json.loads(await asyncio.wait_for(socket.recv(), 10))
            if reply.get("type") in ("ack", "error") and reply.get("id") in ids:
                if reply["type"] == "error":
                    print("  refused:", reply["message"])
                ids.discard(reply["id"])


def edit(kind, **arguments):
    return {"type": "edit", "id": f"m{random.randrange(1 << 30)}", "edit": {kind: arguments}}


async def shoot(name, url, cookies, width, height, mobile):
    chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               f"--remote-debugging-port={PORT + 1}", f"--window-size={width},{height}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT + 1}/json/list"))
                page = next(t for t in targets if t["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        async with websockets.connect(page["webSocketDebuggerUrl"], max_size=1 << 26) as cdp:
            counter = 0
            problems = []

            async def call(method, **params):
                nonlocal counter
                counter += 1
                await cdp.send(json.dumps({"id": counter, "method": method, "params": params}))
                while True:
                    reply = json.loads(await cdp.recv())
                    if reply.get("method") == "Runtime.exceptionThrown":
                        problems.append(reply["params"]["exceptionDetails"].get("exception", {}).get("description", "exception"))
                    if reply.get("method") == "Runtime.consoleAPICalled" and reply["params"]["type"] == "error":
                        problems.append(" ".join(str(a.get("value", "")) for a in reply["params"]["args"]))
                    if reply.get("id") == counter:
                        return reply.get("result", {})

            await call("Runtime.enable")
            await call("Network.enable")
            for pair in cookies.split("; "):
                key, value = pair.split("=", 1)
                await call("Network.setCookie", name=key, value=value, url=BASE + url)
            await call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
            await call("Page.enable")
            await call("Page.navigate", url=BASE + url)
            await asyncio.sleep(2.5)
            check = await call("Runtime.evaluate", returnByValue=True, expression="""(() => {
                const wide = [...document.querySelectorAll('body *')].filter(e => {
                    const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1 && getComputedStyle(e).position !== 'fixed';
                }).filter(e => !e.closest('.table-scroll, .scroll, [data-scroll]'));
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth,
                        overflowing: wide.slice(0, 5).map(e => e.tagName + '.' + e.className),
                        status: (document.querySelector('[aria-live]') || {}).textContent || ''};
            })()""")
            shot = await call("Page.captureScreenshot", format="png")
            path = os.path.join(OUT, name + ".png")
            with open(path, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
            value = check.get("result", {}).get("value", {})
            print(f"{name}: {path}  page width {value.get('scrollWidth')} of {value.get('innerWidth')}"
                  f"  overflowing: {value.get('overflowing') or 'nothing'}  script errors: {problems or 'none'}"
                  f"  status: {value.get('status', '').strip()!r}")
            return value, problems
    finally:
        chrome.terminate()
        chrome.wait()


async def main():
    os.makedirs(OUT, exist_ok=True)
    folder = tempfile.mkdtemp()
    server = subprocess.Popen([WEAVE, "serve", "--port", str(PORT), "--database", os.path.join(folder, "w.sqlite")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        setup = None
        while setup is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("the server did not start")
            match = re.search(r"(/signup\?token=[\w-]+)", line)
            setup = match and match.group(1)
        host = Browser()
        host.request(setup)
        host.request("/signup", {"token": setup.split("=")[1], "name": "Sam Facilitator", "email": "sam@example.org",
                                 "password": "a long password", "password_again": "a long password"})
        _, headers, _ = host.request("/partnerships", {"name": "Riverside Food Network",
                                                       "focal_issue": "Too much good food is thrown away while families in the city go hungry."})
        partnership = headers["Location"]
        for name, kind in [("City Food Bank", "nonprofit"), ("Riverside Town Hall", "government"),
                           ("Green Grocers Cooperative of the Lower Valley", "business"), ("River University", "academic")]:
            host.request(partnership + "/partners", {"name": name, "type": kind, "sector": "Food"})
        _, _, page = host.request(partnership)
        for link in re.findall(r'href="(/prep/[\w-]+)"', page)[:2]:
            Browser().request(link, {"strategic-intent": "Halve food waste in the city within three years, and make sure surplus reaches the people who need it.",
                                     "capabilities": "Cold storage, two vans, 40 volunteers", "resources": "One coordinator, 2 days a week",
                                     "constraints": "No budget for new vehicles"})
        _, headers, _ = host.request(partnership + "/sessions", {"item": "joint-action", "date": "2026-12-01", "start": "09:00", "breaks": "12:30+45"})
        session = headers["Location"]
        _, _, page = host.request(session)
        code = re.search(r'class="code">([0-9A-Z-]+)<', page).group(1)
        people = []
        for index, name in enumerate(["Ana", "Ben", "Chiara", "Dev", "Ebru", "Finn", "Grace", "Hiro", "Ines", "Jonas", "Kemi", "Lukas"]):
            person = Browser()
            _, _, join = person.request(f"/join/{code}")
            partners = re.findall(r'name="partner" value="([0-9a-f-]{36})"', join)
            _, headers, _ = person.request(f"/join/{code}", {"name": name, "partner": partners[index % len(partners)]})
            people.append(person)
        participant_path = headers["Location"]
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
    finally:
        server.terminate()
        server.wait()


asyncio.run(main())
