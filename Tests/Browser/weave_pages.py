"""What the browser scripts (room_day.py, live_screenshots.py) share: a cookie-keeping HTTP client for the
real server, a page's live socket, and headless Chromium driven through the DevTools protocol (one set of
cookies per page) that takes a screenshot and reports horizontal overflow, script errors and whether the page
shows what it must.

The scripts set OUT (where screenshots go) before shooting; PORT and BASE name the scratch server they start.
Needs: chromium (Debian package) and the `websockets` package from PyPI.
"""
import asyncio, base64, http.cookiejar, json, os, random, re, subprocess, tempfile, time, urllib.parse, urllib.request
import websockets

PORT = random.randint(20000, 40000)
BASE = f"http://127.0.0.1:{PORT}"
OUT = "/tmp/weave-screens"


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
    """Sends messages over a page's live socket and waits for each answer; returns the refusals."""
    refused = []
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
                    refused.append(reply["message"])
                ids.discard(reply["id"])
    return refused


def edit(kind, **arguments):
    return {"type": "edit", "id": f"m{random.randrange(1 << 30)}", "edit": {kind: arguments}}


def start_chromium(width, height):
    """Headless Chromium with its DevTools port open; returns the process and its blank page's target (whose
    webSocketDebuggerUrl drives it). The caller terminates the process."""
    chrome = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               f"--remote-debugging-port={PORT + 1}", f"--window-size={width},{height}", "about:blank"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{PORT + 1}/json/list"))
            return chrome, next(t for t in targets if t["type"] == "page")
        except Exception:
            time.sleep(0.1)
    chrome.terminate()
    raise SystemExit("headless Chromium did not open its DevTools port")


async def shoot(name, url, cookies, width, height, mobile, expect="true"):
    chrome, page = start_chromium(width, height)
    try:
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
            # Measured against the width asked for, not innerWidth: on a mobile viewport a page wider than the
            # screen widens the layout viewport (and innerWidth) with it, which would hide the overflow.
            check = await call("Runtime.evaluate", returnByValue=True, expression="""(() => {
                const width = """ + str(width) + """;
                const wide = [...document.querySelectorAll('body *')].filter(e => {
                    const r = e.getBoundingClientRect(); return r.width > 0 && r.right > width + 1 && getComputedStyle(e).position !== 'fixed';
                }).filter(e => !e.closest('.table-scroll, .scroll, [data-scroll]'));
                return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
                        overflowing: wide.slice(0, 5).map(e => e.tagName + '.' + e.className),
                        status: (document.querySelector('[aria-live]') || {}).textContent || '',
                        expected: !!(""" + expect + """)};
            })()""")
            shot = await call("Page.captureScreenshot", format="png")
            path = os.path.join(OUT, name + ".png")
            with open(path, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
            value = check.get("result", {}).get("value", {})
            print(f"{name}: {path}  page width {value.get('scrollWidth')} of {value.get('innerWidth')}"
                  f"  overflowing: {value.get('overflowing') or 'nothing'}  script errors: {problems or 'none'}"
                  f"  status: {value.get('status', '').strip()!r}  shows what it must: {value.get('expected')}")
            return value, problems
    finally:
        chrome.terminate()
        chrome.wait()


PARTNERS = [("City Food Bank", "nonprofit"), ("Riverside Town Hall", "government"),
            ("Green Grocers Cooperative of the Lower Valley", "business"), ("River University", "academic")]


class Server:
    """`weave serve` on a scratch database, with the first facilitator signed up and a partnership of four
    partners made: `with Server(weave) as (host, partnership): …` gives the facilitator's Browser and the
    partnership's path (/partnerships/<id>). The server is stopped on leaving."""

    def __init__(self, weave):
        self.weave = weave

    def __enter__(self):
        folder = tempfile.mkdtemp()
        self.process = subprocess.Popen([self.weave, "serve", "--port", str(PORT), "--database", os.path.join(folder, "w.sqlite")],
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            setup = None
            while setup is None:
                line = self.process.stdout.readline()
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
            for name, kind in PARTNERS:
                host.request(partnership + "/partners", {"name": name, "type": kind, "sector": "Food"})
            return host, partnership
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exception):
        self.process.terminate()
        self.process.wait()
        return False


def join(host, session, names):
    """Has each named person join the session from a browser of their own, partners taken in turn; returns
    their Browsers and the participants' page path (/s/<session>)."""
    _, _, page = host.request(session)
    code = re.search(r'class="code">([0-9A-Z-]+)<', page).group(1)
    people, path = [], None
    for index, name in enumerate(names):
        person = Browser()
        _, _, form = person.request(f"/join/{code}")
        partners = re.findall(r'name="partner" value="([0-9a-f-]{36})"', form)
        _, headers, _ = person.request(f"/join/{code}", {"name": name, "partner": partners[index % len(partners)]})
        people.append(person)
        path = headers["Location"]
    return people, path
