#!/usr/bin/env python3
"""Checks the dashboard in a real headless Chromium, over the DevTools protocol.

    python3 scripts/demo/check_dashboard.py --base http://127.0.0.1:PORT --screenshot .build/dashboard.png

For the unfiltered page and for a page filtered to two outlets by month, it
1. loads the page and fails on any console error, uncaught exception, failed request or
   Content-Security-Policy violation the browser reports;
2. counts the SVG series and points of both line charts and the bars of the figures chart, and
   compares them with what GET /v1/trends says they must be (one series for all selected
   articles plus one per outlet, one point per period with articles);
3. follows the first "report" link and checks the single-article page loads without errors;
and writes a full-page screenshot of the unfiltered dashboard.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import websocket  # websocket-client, from PyPI

MAXIMUM_SERIES = 8  # Dashboard.maximumSeries


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


class Browser:
    def __init__(self, binary):
        self.profile = tempfile.mkdtemp(prefix="fw-chromium-")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
             "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 60
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.process.poll() is not None:
                fail("Chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = get_json(f"http://127.0.0.1:{port}/json/list")
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    fail(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[: i + 1]
                    return event
            self.ws.settimeout(max(0.1, deadline - time.time()))
            self.events.append(json.loads(self.ws.recv()))
        fail(f"timed out waiting for {method}")

    def load(self, url):
        """Navigates and returns the problems the browser reported while loading."""
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        time.sleep(0.3)  # late console messages
        self.call("Runtime.evaluate", expression="1")  # drains pending events into self.events
        problems = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                problems.append(f"console.{p['type']}: {p.get('args')}")
            elif m == "Runtime.exceptionThrown":
                problems.append(f"exception: {p.get('exceptionDetails', {}).get('text')}")
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                problems.append(f"log error: {p['entry'].get('text')} {p['entry'].get('url', '')}")
            elif m == "Network.loadingFailed":
                problems.append(f"request failed: {p.get('errorText')}")
            elif m == "Network.responseReceived" and p.get("response", {}).get("status", 200) >= 400:
                problems.append(f"HTTP {p['response']['status']} for {p['response'].get('url')}")
        return problems

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            fail(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = self.call(
            "Page.captureScreenshot", format="png", captureBeyondViewport=True,
            clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


COUNT_CHART = """
(() => {
  const chart = document.querySelector('#chart-%s');
  if (!chart) return null;
  return Array.from(chart.querySelectorAll('g.series')).map(g => ({
    name: g.dataset.series,
    points: Array.from(g.querySelectorAll('circle.point')).map(c => [c.dataset.period, Number(c.dataset.share)]),
  }));
})()
"""


def expected_series(base, params, by):
    """What the charts must show, from the JSON API: [(name, {period: (anti share, conc share)})]."""
    def shares(query):
        trends = get_json(f"{base}/v1/trends?{urllib.parse.urlencode(query, doseq=True)}")
        return {g["key"]: (g["shares"]["anti_russian"], g["shares"]["conciliatory"]) for g in trends["groups"]}

    series = [("All selected", shares(params))]
    outlets = get_json(f"{base}/v1/trends?{urllib.parse.urlencode({**params, 'by': 'outlet'}, doseq=True)}")
    dated = []
    for group in outlets["groups"]:
        points = shares({**params, "outlet": [group["key"]], "by": by})
        if points:
            dated.append((group["key"] or "(no outlet)", points, group["documents"]))
    return series, dated


def check_page(browser, base, params, by, label):
    query = urllib.parse.urlencode(params, doseq=True)
    url = f"{base}/dashboard" + (f"?{query}" if query else "")
    problems = browser.load(url)
    if problems:
        fail(f"{label}: the browser reported problems:\n  " + "\n  ".join(problems))
    title = browser.evaluate("document.title")
    if "dashboard" not in title.lower():
        fail(f"{label}: unexpected title {title!r}")
    api_params = {k: v for k, v in params.items()}
    api_params["by"] = by
    overall, outlets = expected_series(base, api_params, by)
    for chart, index in (("anti", 0), ("conc", 1)):
        drawn = browser.evaluate(COUNT_CHART % chart)
        if drawn is None:
            fail(f"{label}: chart {chart} is missing")
        names = [s["name"] for s in drawn]
        if names[0] != "All selected":
            fail(f"{label}: first series of {chart} is {names[0]!r}")
        expected_names = {name for name, _, _ in outlets}
        if len(drawn) != 1 + min(MAXIMUM_SERIES, len(outlets)):
            fail(f"{label}: chart {chart} has {len(drawn)} series, expected {1 + min(MAXIMUM_SERIES, len(outlets))}")
        if not set(names[1:]) <= expected_names:
            fail(f"{label}: chart {chart} has series {names[1:]} not among the outlets {sorted(expected_names)}")
        want = {"All selected": overall[0][1]}
        want.update({name: points for name, points, _ in outlets})
        for s in drawn:
            points = dict((p, v) for p, v in s["points"])
            expected = want[s["name"]]
            if set(points) != set(expected):
                fail(f"{label}: series {s['name']!r} of {chart} has periods {sorted(points)}, expected {sorted(expected)}")
            for period, value in points.items():
                if abs(value - expected[period][index]) > 1e-3:
                    fail(f"{label}: {s['name']!r} {period} shows {value}, the API says {expected[period][index]}")
        print(f"{label}: chart {chart}: {len(drawn)} series, {sum(len(s['points']) for s in drawn)} points: as the API says")
    bars = browser.evaluate("document.querySelectorAll('#chart-figures g.bar').length")
    trends = get_json(f"{base}/v1/trends?{urllib.parse.urlencode(api_params, doseq=True)}")
    # Bars are drawn for people with accusations only (no organisations, no bars of 0).
    accused = [f for f in trends["flagged"] if f["type"] == "person" and f["accusations"] > 0]
    if bars != len(accused):
        fail(f"{label}: {bars} bars, expected {len(accused)} accused watch-listed people")
    rows = browser.evaluate("document.querySelectorAll('table.articles tbody tr').length")
    if rows < 1:
        fail(f"{label}: no latest articles")
    print(f"{label}: {bars} figure bars, {rows} latest articles")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--browser", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()
    if not args.browser:
        fail("no chromium on PATH")
    browser = Browser(args.browser)
    try:
        check_page(browser, args.base, {}, "week", "dashboard")
        browser.screenshot(args.screenshot)
        print(f"screenshot: {args.screenshot}")
        link = browser.evaluate("document.querySelector('table.articles a').href")
        problems = browser.load(link)
        if problems:
            fail("article page: " + "; ".join(problems))
        marks = browser.evaluate("document.querySelectorAll('mark').length")
        print(f"article page {link}: loads cleanly, {marks} highlighted cues")
        outlets = get_json(f"{args.base}/v1/trends?by=outlet")["groups"]
        two = [g["key"] for g in outlets[:2]]
        check_page(browser, args.base, {"outlet": two, "by": "month"}, "month", f"filtered to {two} by month")
        # The form round-trips: the chosen outlets are ticked.
        ticked = browser.evaluate(
            "Array.from(document.querySelectorAll('input[name=outlet]:checked')).map(i => i.value)")
        if sorted(ticked) != sorted(two):
            fail(f"ticked outlets {ticked}, expected {two}")
    finally:
        browser.close()
    print("dashboard OK")


if __name__ == "__main__":
    main()
