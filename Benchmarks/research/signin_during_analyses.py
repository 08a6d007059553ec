#!/usr/bin/env python3
"""Sign-in latency while analyses from the browser keep the machine busy (issue 10, item 3: under 1 s).

Starts `weave serve` (a release build by default) on a scratch SQLite file with `--analyses 2`, signs up,
creates a research project, then uploads the same large corpus three times at once through the research
page (two analyses run, the third waits in line) and, while they run, signs in again and again with a
correct password, timing each sign-in from request to response. Before the uploads it times the same
sign-ins on the idle server, as a baseline. Prints every measurement and a summary; exits 1 if no sign-in
happened while both analyses were running.

    python3 Benchmarks/research/signin_during_analyses.py [--server .build/release/weave] [--toolkits 3000]
        [--signins 8] [--analyses 2]

The corpus is written by generate_corpus.py (seeded) into a scratch folder; 3,000 toolkits make a
codings.csv of about 60 MB (uploads take up to 64 MB).
"""
import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))


class Browser:
    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, timeout=600):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookie = rest.split(";")[0]
                if cookie:
                    self.cookies[name] = cookie
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data.decode("utf-8", "replace")

    def post(self, path, fields):
        if "weave_csrf" not in self.cookies:
            self.request("GET", "/library")
        fields = dict(fields, _csrf=self.cookies.get("weave_csrf", ""))
        return self.request("POST", path, urllib.parse.urlencode(fields), {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, path, files):
        boundary = uuid.uuid4().hex
        parts = []
        for name, filename, content in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        query = urllib.parse.urlencode({"_csrf": self.cookies.get("weave_csrf", "")})
        return self.request("POST", f"{path}?{query}", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default=".build/release/weave")
    parser.add_argument("--toolkits", type=int, default=3000)
    parser.add_argument("--signins", type=int, default=8)
    parser.add_argument("--analyses", type=int, default=2)
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="weave-signin-")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), os.path.join(folder, "corpus"),
                    "--toolkits", str(args.toolkits)], check=True)
    corpus = {name: open(os.path.join(folder, "corpus", name), "rb").read() for name in ("toolkits.csv", "codings.csv", "codebook.csv")}
    print(f"corpus: {args.toolkits} toolkits, codings.csv {len(corpus['codings.csv']) / 1e6:.1f} MB")

    port = 41000 + os.getpid() % 1000
    log = open(os.path.join(folder, "server.log"), "w")
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEAVE_")}
    server = subprocess.Popen([args.server, "serve", "--port", str(port), "--database", os.path.join(folder, "weave.sqlite"),
                               "--analyses", str(args.analyses)], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        link = None
        for _ in range(600):
            text = open(os.path.join(folder, "server.log")).read()
            match = re.search(r"(/signup\?token=[A-Za-z0-9_-]+)", text)
            if match:
                link = match.group(1)
                break
            time.sleep(0.1)
        if not link:
            sys.exit("the server printed no setup link")
        ana = Browser(port)
        ana.request("GET", link)
        password = "a long password for the bench"
        ana.post("/signup", {"token": link.split("=")[1], "name": "Ana", "email": "ana@example.org",
                             "password": password, "password_again": password})
        ana.post("/login", {"email": "ana@example.org", "password": password})
        status, headers, _ = ana.post("/research", {"name": "Study"})
        project = headers.get("location", "")
        if status != 303 or not project.startswith("/research/"):
            sys.exit(f"could not create a research project: {status}")

        def sign_in():
            person = Browser(port)
            person.request("GET", "/login")
            start = time.monotonic()
            status, _, _ = person.post("/login", {"email": "ana@example.org", "password": password})
            took = time.monotonic() - start
            if status != 303:
                sys.exit(f"sign-in answered {status}")
            return took

        idle = [sign_in() for _ in range(3)]
        print(f"idle server: sign-in {', '.join(f'{t * 1000:.0f} ms' for t in idle)} (load {load_average()})")

        results = {}

        def upload(index):
            uploader = Browser(port)
            uploader.cookies = dict(ana.cookies)
            start = time.monotonic()
            status, _, _ = uploader.upload(project + "/runs", [("toolkits", "toolkits.csv", corpus["toolkits.csv"]),
                                                               ("codings", f"codings-{index}.csv", corpus["codings.csv"]),
                                                               ("codebook", "codebook.csv", corpus["codebook.csv"])])
            results[index] = (status, start, time.monotonic())

        threads = [threading.Thread(target=upload, args=(i,)) for i in range(args.analyses + 1)]
        for thread in threads:
            thread.start()
            time.sleep(0.05)
        # Wait until the project's page shows the analyses running (and one waiting).
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            _, _, page = ana.request("GET", project)
            if page.count(": running") >= args.analyses and "waiting" in page:
                break
            time.sleep(0.05)
        else:
            sys.exit("the analyses never ran together; use a larger --toolkits")
        during = []
        for _ in range(args.signins):
            took = sign_in()
            _, _, page = ana.request("GET", project)
            running = page.count(": running")
            during.append((took, running))
            print(f"  sign-in {took * 1000:6.0f} ms, analyses running afterwards: {running} (load {load_average()})")
        for thread in threads:
            thread.join()
        print(f"analyses: {', '.join(f'{status} in {end - start:.1f} s' for status, start, end in results.values())}")
        overlapped = [took for took, running in during if running >= args.analyses]
        if not overlapped:
            sys.exit("no sign-in finished while both analyses ran; use a larger --toolkits")
        overlapped.sort()
        print(f"sign-in while {args.analyses} analyses ran: {len(overlapped)} tries, median {overlapped[len(overlapped) // 2] * 1000:.0f} ms, "
              f"worst {overlapped[-1] * 1000:.0f} ms; idle median {sorted(idle)[1] * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
