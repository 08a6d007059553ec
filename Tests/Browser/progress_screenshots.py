#!/usr/bin/env python3
"""Screenshots of the record's pages in headless Chromium: the progress page at 1366 and 390 px and printed,
the record page and a partner's report page at 390 px.

Starts `weave serve` on a scratch database, signs up, makes a partnership with four partners, three
indicators (count / percentage / number, increasing and decreasing), roles, an agreement, next steps in
three states and a year of values imported as CSV. Each page is saved as HTML with absolute asset links and
opened from disk (so no cookies are needed in the browser). A small script added to the saved copy paints
a 3 px square in the top-left corner green when the page fits the viewport and red when anything is wider;
`convert FILE.png ppm:-` reads that pixel back from the screenshot (headless Chromium lays a window out at least
500 px wide, so each page is shown in an iframe exactly as wide as asked).

Needs: chromium (Debian package) and `convert` (ImageMagick, or anything that writes a PNG as binary PPM). Usage: python3 Tests/Browser/progress_screenshots.py [.build/debug/weave] [out-dir]
"""
import http.cookiejar, os, random, re, subprocess, sys, tempfile, time, urllib.parse, urllib.request

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-progress-screens"
PORT = random.randint(20000, 40000)
BASE = f"http://127.0.0.1:{PORT}"
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]

jar = http.cookiejar.CookieJar()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def request(path, form=None):
    data = None
    if form is not None:
        if not any(c.name == "weave_csrf" for c in jar):
            request("/library")
        csrf = next(c.value for c in jar if c.name == "weave_csrf")
        data = urllib.parse.urlencode(list(form) + [("_csrf", csrf)]).encode()
    try:
        response = opener.open(BASE + path, data)
        return response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers

def populate(setup):
    token = urllib.parse.parse_qs(urllib.parse.urlparse(setup).query)["token"][0]
    request("/signup", [("token", token), ("name", "Ana Facilitator"), ("email", "ana@example.org"),
                        ("password", "a long password"), ("password_again", "a long password")])
    _, _, headers = request("/partnerships", [("name", "Riverside Food Network"),
                                              ("focal_issue", "Food waste in the city: good food is thrown away while families go without.")])
    pid = headers["Location"].split("/")[-1]
    for name, kind in [("City Food Bank", "nonprofit"), ("Town Hall", "government"), ("Green Grocers Association", "business"), ("River University", "academic")]:
        request(f"/partnerships/{pid}/partners", [("name", name), ("type", kind)])
    _, page, _ = request(f"/partnerships/{pid}/record")
    keys = {}
    for key, name in re.findall(r'<option value="([0-9a-f-]{36})">([^<]+)</option>', page):
        keys.setdefault(name, key)
    record = f"/partnerships/{pid}/record"
    entries = [
        [("kind", "indicator"), ("name", "Tonnes of food redistributed"), ("definition", "Weighbridge logs at the two depots"), ("unit", "count"),
         ("direction", "increase"), ("baseline", "40"), ("since", "2026-01-01"), ("target", "120"), ("target_date", "2027-12-31"),
         ("reporter", keys["City Food Bank"]), ("frequency", "quarterly")],
        [("kind", "indicator"), ("name", "Share of shops donating surplus food"), ("definition", "Survey of member shops"), ("unit", "percentage"),
         ("direction", "increase"), ("baseline", "22"), ("since", "2026-01-01"), ("target", "60"), ("target_date", "2027-06-30"),
         ("reporter", keys["Green Grocers Association"]), ("frequency", "quarterly")],
        [("kind", "indicator"), ("name", "Food thrown away by schools (kg per week)"), ("definition", "Kitchen bin weights"), ("unit", "number"),
         ("direction", "decrease"), ("baseline", "900"), ("since", "2026-03-01"), ("target", "500"), ("target_date", "2027-03-31"),
         ("reporter", keys["Town Hall"]), ("frequency", "monthly")],
        [("kind", "role"), ("partner", keys["Town Hall"]), ("role", "Convenor or backbone")],
        [("kind", "role"), ("partner", keys["City Food Bank"]), ("role", "Implementer")],
        [("kind", "agreement"), ("text", "Share depot data with all partners every month"), ("owner", keys["City Food Bank"])],
        [("kind", "next-step"), ("what", "Draft the data-sharing agreement"), ("owner", keys["Town Hall"]), ("due", "2026-11-15"), ("status", "in-progress")],
        [("kind", "next-step"), ("what", "Recruit ten more shops"), ("owner", keys["Green Grocers Association"]), ("due", "2027-03-01"), ("status", "open")],
        [("kind", "next-step"), ("what", "Hire a coordinator"), ("owner", keys["Town Hall"]), ("due", "2026-06-01"), ("status", "done")],
    ]
    for entry in entries:
        status, body, _ = request(record + "/entries", entry)
        assert status == 303, body[:400]
    csv = "\n".join([
        "indicator,period,value,note",
        "Tonnes of food redistributed,2026-Q1,44,Winter: fewer donations",
        "Tonnes of food redistributed,2026-Q2,58,Second van from the university",
        "Tonnes of food redistributed,2026-Q3,71,Harvest season surplus",
        "Share of shops donating surplus food,2026-Q1,24,",
        "Share of shops donating surplus food,2026-Q2,27,Association newsletter campaign",
        "Share of shops donating surplus food,2026-Q3,29,Two shops closed",
        "Food thrown away by schools (kg per week),2026-03,880,",
        "Food thrown away by schools (kg per week),2026-05,820,Menu planning pilot in four schools",
        "Food thrown away by schools (kg per week),2026-08,790,Holidays: few meals",
        "Food thrown away by schools (kg per week),2026-10,700,",
    ]) + "\n"
    status, body, _ = request(record + "/values", [("csv", csv)])
    assert status == 303, body[:400]
    return pid

# Green corner when the page fits; red, with the widest elements named in a yellow box, when it does not.
PROBE = """<script>addEventListener("load", () => {
  const wide = document.documentElement.scrollWidth > innerWidth;
  const mark = document.createElement("div");
  mark.style.cssText = "position:fixed;left:0;top:0;width:3px;height:3px;z-index:99999;background:" + (wide ? "#ff0000" : "#00ff00");
  document.body.appendChild(mark);
  if (!wide) return;
  const names = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "") + " to " + Math.round(e.getBoundingClientRect().right) + " px").slice(0, 8);
  const box = document.createElement("pre");
  box.style.cssText = "position:fixed;left:4px;top:4px;z-index:99998;background:#ff0;font-size:12px;white-space:pre-wrap;max-width:90vw";
  box.textContent = ["wider than " + innerWidth + " px:"].concat(names).join(String.fromCharCode(10));
  document.body.appendChild(box);
});</script>"""

def save(path, name):
    status, html, _ = request(path) if path.startswith("/") else (200, urllib.request.urlopen(path).read().decode(), None)
    assert status == 200, f"{path}: {status}"
    html = html.replace('href="/assets/', f'href="{BASE}/assets/').replace("</body>", PROBE + "</body>")
    file = os.path.join(OUT, name + ".html")
    with open(file, "w") as f:
        f.write(html)
    return file

def corner(png):
    """The colour of pixel (1, 1), read from `convert FILE.png ppm:-` (binary PPM: P6, width, height, 255, RGB bytes)."""
    data = subprocess.run(["convert", png, "ppm:-"], check=True, capture_output=True).stdout
    fields, position = [], 0
    while len(fields) < 4:
        while data[position:position + 1].isspace():
            position += 1
        start = position
        while not data[position:position + 1].isspace():
            position += 1
        fields.append(data[start:position])
    width = int(fields[1])
    offset = position + 1 + (1 * width + 1) * 3
    return tuple(data[offset:offset + 3])

def shoot(file, name, width, height=2600):
    # Headless Chromium lays a window out at least 500 px wide, so narrower widths are shown in an iframe of
    # exactly that width: the page inside sees a viewport of `width` (media queries included).
    frame = os.path.join(OUT, f"{name}-{width}-frame.html")
    with open(frame, "w") as f:
        f.write(f'<!doctype html><body style="margin:0"><iframe src="file://{file}" style="border:0;width:{width}px;height:{height}px"></iframe></body>')
    subprocess.run(CHROMIUM + [f"--screenshot={OUT}/{name}-{width}.png", f"--window-size={width},{height}", "--virtual-time-budget=3000", "file://" + frame],
                   check=True, capture_output=True)
    pixel = corner(f"{OUT}/{name}-{width}.png")
    verdict = {(0, 255, 0): "fits", (255, 0, 0): "OVERFLOWS"}.get(pixel, f"unknown (corner pixel {pixel})")
    print(f"{name} at {width} px: {verdict} -> {OUT}/{name}-{width}.png")

def main():
    os.makedirs(OUT, exist_ok=True)
    database = os.path.join(tempfile.mkdtemp(), "weave.sqlite")
    server = subprocess.Popen([WEAVE, "serve", "--database", database, "--port", str(PORT)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        setup = None
        deadline = time.time() + 60
        while time.time() < deadline and setup is None:
            line = server.stdout.readline()
            found = re.search(r"(http://\S+/signup\?token=\S+)", line)
            setup = found.group(1) if found else None
        assert setup, "weave serve printed no setup link"
        pid = populate(setup)
        progress = save(f"/partnerships/{pid}/progress", "progress")
        for width in (1366, 390):
            shoot(progress, "progress", width)
        subprocess.run(CHROMIUM + [f"--print-to-pdf={OUT}/progress.pdf", "--no-pdf-header-footer", "file://" + progress], check=True, capture_output=True)
        print(f"progress printed -> {OUT}/progress.pdf")
        shoot(save(f"/partnerships/{pid}/record", "record"), "record", 390)
        _, page, _ = request(f"/partnerships/{pid}/record")
        link = re.search(r'href="(http://[^"]+/report/[A-Za-z0-9_-]+)"', page).group(1)
        shoot(save(link, "report"), "report", 390, 1400)
    finally:
        server.terminate()
        server.wait()

if __name__ == "__main__":
    main()
