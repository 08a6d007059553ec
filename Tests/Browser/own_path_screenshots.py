"""Screenshots of a partnership's own path: saved through the designer's routes from the built-in path (renamed,
its first phase shortened), then its page at 1366 and 390 px, and the partnership page listing it.

Usage (through the wrapper, after a build): python3 Tests/Browser/own_path_screenshots.py [WEAVE] [OUT]
Needs: chromium and PyYAML (to read the built-in path's file as the designer's JSON document).
"""
import json, os, random, re, subprocess, sys, tempfile, time
import yaml

sys.path.insert(0, os.path.dirname(__file__))
import weave_pages
from weave_pages import Browser

WEAVE = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/weave"
weave_pages.OUT = OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/weave-own-path-screens"
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def save_page(browser, path, name):
    status, _, html = browser.request(path)
    assert status == 200, f"{path}: {status}"
    html = html.replace('href="/assets/', f'href="{weave_pages.BASE}/assets/')
    file = os.path.join(OUT, name + ".html")
    with open(file, "w") as f:
        f.write(html)
    return file


def shoot(file, name, width, height=2400):
    # Chromium lays a window out at least 500 px wide: narrower widths are shown in an iframe of that width.
    frame = os.path.join(OUT, f"{name}-{width}-frame.html")
    with open(frame, "w") as f:
        f.write(f'<!doctype html><body style="margin:0"><iframe src="file://{file}" style="border:0;width:{width}px;height:{height}px"></iframe></body>')
    subprocess.run(CHROMIUM + [f"--screenshot={OUT}/{name}-{width}.png", f"--window-size={width},{height}", "--virtual-time-budget=3000",
                               "file://" + frame], check=True, capture_output=True)
    print(f"{name} at {width} px -> {OUT}/{name}-{width}.png")


def main():
    os.makedirs(OUT, exist_ok=True)
    database = os.path.join(tempfile.mkdtemp(), "weave.sqlite")
    server = subprocess.Popen([WEAVE, "serve", "--database", database, "--port", str(weave_pages.PORT)],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        setup, deadline = None, time.time() + 60
        while time.time() < deadline and setup is None:
            found = re.search(r"(http://\S+/signup\?token=\S+)", server.stdout.readline())
            setup = found.group(1) if found else None
        assert setup, "weave serve printed no setup link"
        browser = Browser()
        browser.request("/library")
        token = re.search(r"token=([^&\s]+)", setup).group(1)
        browser.request("/signup", {"name": "Ana", "email": "ana@example.org", "password": "a long password",
                                    "password_again": "a long password", "token": token})
        status, headers, _ = browser.request("/partnerships", {"name": "Riverside Food Network", "focal_issue": "Food waste in the city"})
        base = headers["Location"]
        with open("Sources/WeaveCore/Resources/Library/paths/joint-action.yaml") as f:
            document = yaml.safe_load(f)
        document["id"], document["name"] = "joint-action-riverside", "Joint Action, Riverside"
        document["phases"][0]["name"] = "Arrival and orientation"
        status, _, body = browser.request(base + "/paths", {"document": json.dumps(document)})
        assert status == 200, body
        reply = json.loads(body)
        times = []
        for _ in range(10):
            began = time.perf_counter()
            status, _, body = browser.request(base + "/designer/check", {"document": json.dumps(document), "schedule": "{}"})
            times.append(time.perf_counter() - began)
        times.sort()
        print(f"check of the built-in path's copy: median {times[5] * 1000:.0f} ms, slowest {times[-1] * 1000:.0f} ms of 10 (this build)")
        document["phases"][0]["duration"] = -5
        status, _, body = browser.request(base + "/designer/check", {"document": json.dumps(document), "schedule": "{}"})
        print("check of a negative duration:", status, json.loads(body)["problems"])
        shot = save_page(browser, reply["url"] + "?start=08:30&break=12:30%2B45", "own-path")
        for width in (1366, 390):
            shoot(shot, "own-path", width)
        shoot(save_page(browser, base, "partnership"), "partnership", 1366, 1400)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
