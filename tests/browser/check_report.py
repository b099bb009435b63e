#!/usr/bin/python3
"""Checks shiftsim's HTML reports in a real browser: Debian's headless Chromium, driven over the
DevTools protocol on a pipe (--remote-debugging-pipe; Python's standard library only).

    check_report.py [--shots DIR] SHIFTSIM WORKDIR SCENARIO...
    check_report.py --screenshot PAGE.html OUT.png [HEIGHT]   (a picture of a page's top HEIGHT
                                                               CSS px, 1280 wide, light mode)

For every scenario: `shiftsim simulate --scenario S --output json --report WORKDIR/S.html`, then
one page load in Chromium, all of the browser's traffic sent to a recording proxy on loopback:
  - no request from the page other than its own file:// document (DevTools Network events), and
    no request through the proxy other than Chromium's own background services (its component
    updater and clock; a hard-coded list) -- a self-test first proves both checks see a page's
    external image;
  - the DOM (document.documentElement.outerHTML, parsed here) against the JSON output, not
    against the HTML's own numbers: one [data-step] group per step, each at its step's start time
    on the chart's scale; the timeout line at summary.timeout_s on that scale (or, when the timeout
    lies far beyond the chart, at the right edge with data-offscale="true" and timeout > axis end);
    one shaded bake per bake; one rollback path per rollback_if_trip entry; every <svg> with
    role="img" and aria-labelledby naming a non-empty <title> and <desc>; no <script> at all; no
    external URL in src/href/style; every <th> with scope;
  - the rendered layout (getBoundingClientRect): the timeout line and the step bars sit at their
    times on the plot area as laid out in a 1280-px-wide window;
  - nothing overflows a 1400-px-wide window (the page, every section, the assumptions panel
    whose long values once ran past it): each element's scrollWidth fits its box;
  - a 1280x2000 screenshot that is a real PNG with varied pixels; in dark mode
    (prefers-color-scheme: dark) the page background is dark and in light mode light; with print
    media the background is white and Page.printToPDF yields a PDF.
When `shiftsim montecarlo --report` works on the scenario, its page gets the same page-level checks
plus the histogram's elements (bins, P50/P95/P99 lines). `shiftsim compare --report` of the
scenario's request against two variants gets the page-level and overflow checks, one table row per
figure of its JSON and one column per config.
Every browser operation is bounded (30 s); exit status 0 when every check passes.
"""
import base64
import http.server
import json
import os
import re
import select
import shutil
import socketserver
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from html.parser import HTMLParser

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                "--no-default-browser-check"]
# Chromium's own background services, seen through the proxy even with the flags above. A page's
# request never goes to these (fonts.googleapis.com, say, is not here).
BROWSER_BACKGROUND = re.compile(
    r"^(CONNECT (update\.googleapis\.com|accounts\.google\.com|clients\d*\.google\.com|"
    r"[a-z0-9-]+\.gvt1\.com|optimizationguide-pa\.googleapis\.com):443"
    r"|(GET|POST) http://(update\.googleapis\.com/service/update2|clients\d*\.google\.com/time/|"
    r"[a-z0-9-]+\.gvt1\.com/))")
WIDTH, HEIGHT = 1280, 2000
STEP_S = 30


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that answers 502 to everything and records every request."""

    def __init__(self):
        self.requests = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _record(self):
                outer.requests.append(f"{self.command} {self.path}")
                self.send_response(502)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_GET = do_POST = do_HEAD = do_PUT = do_OPTIONS = do_CONNECT = _record

            def log_message(self, *args):
                pass

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page_requests(self):
        return [r for r in self.requests if not BROWSER_BACKGROUND.match(r)]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Browser:
    """Headless Chromium over the DevTools protocol on a pipe (fds 3 and 4 of the child)."""

    def __init__(self, workdir, proxy_port):
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir)
        r_ours, w_chrome = os.pipe()
        r_chrome, w_ours = os.pipe()

        def child_fds():
            a, b = os.dup(r_chrome), os.dup(w_chrome)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             f"--proxy-server=http://127.0.0.1:{proxy_port}", "--proxy-bypass-list=<-loopback>",
             f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
            preexec_fn=child_fds, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r_chrome)
        os.close(w_chrome)
        self.rfd, self.wfd = r_ours, w_ours
        self.buf = b""
        self.next_id = 0
        self.events = []
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        for m in ("Network.enable", "Page.enable"):
            self.call(m, session=True)
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=True)

    def _recv(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.rfd], [], [], max(0.0, left))
            if not ready:
                raise TimeoutError("the browser did not answer in time")
            chunk = os.read(self.rfd, 1 << 20)
            if not chunk:
                raise EOFError("the browser closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=False, timeout=STEP_S):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self.wfd, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            m = self._recv(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def load(self, url):
        """Navigates and waits for the load event; returns the URLs the page requested."""
        self.events = []
        self.call("Page.navigate", {"url": url}, session=True)
        deadline = time.monotonic() + STEP_S
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._recv(deadline))
        # Late requests (lazy images, fonts) get half a second to show up.
        try:
            end = time.monotonic() + 0.5
            while True:
                self.events.append(self._recv(end))
        except TimeoutError:
            pass
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def media(self, media="", scheme="light"):
        self.call("Emulation.setEmulatedMedia",
                  {"media": media, "features": [{"name": "prefers-color-scheme", "value": scheme}]}, session=True)

    def screenshot(self, path, full_page=False, scale=1.0):
        params = {"format": "png"}
        if full_page or scale != 1.0:
            h = self.eval("document.documentElement.scrollHeight") if full_page else HEIGHT
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": WIDTH, "height": h, "scale": scale})
        data = self.call("Page.captureScreenshot", params, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - the browser may already be gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.rfd)
        os.close(self.wfd)
        shutil.rmtree(self.profile, ignore_errors=True)


class Dom(HTMLParser):
    """A flat list of elements (tag, attrs, parent index, own text) from serialized HTML."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []
        self.feed(text)

    def _add(self, tag, attrs):
        parent = self.stack[-1] if self.stack else -1
        self.elements.append({"tag": tag, "attrs": dict(attrs), "parent": parent, "text": "",
                              "index": len(self.elements)})

    def handle_starttag(self, tag, attrs):
        self._add(tag, attrs)
        if tag not in self.VOID:
            self.stack.append(len(self.elements) - 1)

    def handle_startendtag(self, tag, attrs):
        self._add(tag, attrs)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.elements[self.stack[i]]["tag"] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.stack:
            self.elements[self.stack[-1]]["text"] += data

    def children(self, e):
        return [c for c in self.elements if c["parent"] == e["index"]]

    def descendants(self, e):
        out, inside = [], {e["index"]}
        for c in self.elements[e["index"] + 1:]:
            if c["parent"] not in inside:
                break
            out.append(c)
            inside.add(c["index"])
        return out


def png_problem(path, want_w, want_h):
    """None when `path` is a PNG of the given size whose pixels are not all alike."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (want_w, want_h):
        return f"size {w}x{h}, expected {want_w}x{want_h}"
    if len(data) < 20000:
        return f"only {len(data)} bytes"
    idat, pos = b"", 8
    while pos + 8 <= len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    if len(set(zlib.decompress(idat)[: 8 << 20])) < 40:
        return "almost uniform pixels"
    return None


def near(a, b, tol):
    return abs(a - b) <= tol


def page_checks(dom):
    """Accessibility and self-containment checks that hold for every report."""
    fails = []
    ids = {e["attrs"]["id"]: e for e in dom.elements if "id" in e["attrs"]}
    svgs = [e for e in dom.elements if e["tag"] == "svg"]
    if not svgs:
        fails.append("no <svg> chart")
    for svg in svgs:
        a, name = svg["attrs"], svg["attrs"].get("data-chart", "?")
        kids = dom.children(svg)
        if a.get("role") != "img":
            fails.append(f"svg {name}: role is not img")
        if not kids or kids[0]["tag"] != "title" or not kids[0]["text"].strip():
            fails.append(f"svg {name}: no <title> as first child")
        names = a.get("aria-labelledby", "").split()
        if len(names) < 2:
            fails.append(f"svg {name}: aria-labelledby does not name a title and a desc")
        for n in names:
            if n not in ids or ids[n]["tag"] not in ("title", "desc") or not ids[n]["text"].strip():
                fails.append(f"svg {name}: aria-labelledby names '{n}', not a non-empty title/desc")
    if any(e["tag"] == "script" for e in dom.elements):
        fails.append("the page has a <script>")
    external = re.compile(r"^\s*(https?:|//|ftp:)", re.I)
    for e in dom.elements:
        for k in ("src", "href", "xlink:href", "action", "srcset", "poster", "data"):
            if e["attrs"].get(k) and external.match(e["attrs"][k]):
                fails.append(f"<{e['tag']} {k}={e['attrs'][k]!r}>: external URL")
        style = (e["attrs"].get("style") or "") + (e["text"] if e["tag"] == "style" else "")
        if re.search(r"url\(\s*['\"]?\s*(https?:|//)", style, re.I) or "@import" in style:
            fails.append(f"<{e['tag']}>: a style loads an external resource")
    if any(th["attrs"].get("scope") not in ("col", "row", "colgroup", "rowgroup")
           for th in dom.elements if th["tag"] == "th"):
        fails.append("a <th> without scope")
    if not any(e["tag"] == "title" and e["parent"] >= 0 and dom.elements[e["parent"]]["tag"] == "head"
               for e in dom.elements):
        fails.append("no page <title>")
    return fails


def look_checks(browser, html_url, stem, shots):
    """Light, dark and print renderings of the loaded page."""
    fails = []
    luminance = ("(() => { const c = getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g)"
                 ".map(Number); return (0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]) / 255; })()")
    browser.media(scheme="light")
    if browser.eval(luminance) < 0.8:
        fails.append("light mode: the page background is not light")
    shot = os.path.join(shots, f"{stem}.png")
    browser.screenshot(shot)
    problem = png_problem(shot, WIDTH, HEIGHT)
    if problem:
        fails.append(f"screenshot: {problem}")
    browser.media(scheme="dark")
    if browser.eval(luminance) > 0.2:
        fails.append("dark mode: the page background is not dark")
    browser.screenshot(os.path.join(shots, f"{stem}-dark.png"))
    browser.media(media="print", scheme="dark")
    if browser.eval(luminance) < 0.99:
        fails.append("print: the page background is not white")
    browser.media(scheme="light")
    pdf = base64.b64decode(browser.call("Page.printToPDF", {"landscape": True}, session=True)["data"])
    if not pdf.startswith(b"%PDF"):
        fails.append("print: printToPDF gave no PDF")
    return fails


def overflow_checks(browser, what, width=1400):
    """In a `width`-px-wide window, nothing is wider than its box: not the page, not a section,
    not the warnings and assumptions panels (their long values must wrap). Tables that scroll
    inside their .tablewrap on purpose are exempt; their wrapper is not."""
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=True)
    try:
        over = browser.eval("""(() => {
          const out = [];
          const de = document.documentElement;
          if (de.scrollWidth > window.innerWidth) out.push(`page ${de.scrollWidth} px > window ${window.innerWidth} px`);
          for (const e of document.querySelectorAll('main, section, .two, .cards, .two > section *')) {
            if (e.closest('.tablewrap') && !e.classList.contains('tablewrap')) continue;
            const r = e.getBoundingClientRect();
            if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'auto')
              out.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} scrollWidth ${e.scrollWidth} > ${e.clientWidth}`);
            else if (r.right > window.innerWidth + 1)
              out.push(`${e.tagName.toLowerCase()}.${e.className} ends at ${Math.round(r.right)} px`);
          }
          return out.slice(0, 5);
        })()""")
    finally:
        browser.call("Emulation.setDeviceMetricsOverride",
                     {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=True)
    return [f"{what} overflows a {width}-px window: {o}" for o in over]


def check_compare(browser, proxy, shiftsim, scenario, workdir, stem):
    """`compare --report`: the scenario's request against two variants of it."""
    html = os.path.join(workdir, f"{stem}-compare.html")
    run = subprocess.run([shiftsim, "compare", "--scenario", scenario, "--with", "--wait 300",
                          "--with", "--timeout 28800", "--trials", "500", "--output", "json",
                          "--report", html], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return [f"shiftsim compare exited {run.returncode}: {run.stderr.strip()[:300]}"]
    doc = json.loads(run.stdout)
    url = "file://" + html
    fails = [f"compare page requested {u}" for u in browser.load(url) if u != url]
    dom = Dom(browser.eval("document.documentElement.outerHTML"))
    rows = [e for e in dom.elements if "data-figure" in e["attrs"]]
    if [r["attrs"]["data-figure"] for r in rows] != [f["key"] for f in doc["figures"]]:
        fails.append(f"compare: {len(rows)} figure rows, the JSON has {len(doc['figures'])}")
    for r in rows:
        cells = [c for c in dom.children(r) if c["tag"] == "td"]
        if len(cells) != len(doc["configs"]):
            fails.append(f"compare: row {r['attrs']['data-figure']} has {len(cells)} cells for "
                         f"{len(doc['configs'])} configs")
            break
    fails += page_checks(dom)
    fails += overflow_checks(browser, "compare page")
    return fails


def check_simulation(browser, proxy, shiftsim, scenario, workdir, shots):
    stem = os.path.splitext(os.path.basename(scenario))[0]
    html = os.path.join(workdir, f"{stem}.html")
    run = subprocess.run([shiftsim, "simulate", "--scenario", scenario, "--output", "json", "--report", html],
                         capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        return [f"shiftsim simulate exited {run.returncode}: {run.stderr.strip()[:300]}"]
    result = json.loads(run.stdout)
    steps, timeout_s = result["steps"], result["summary"].get("timeout_s")
    fails = []

    before = len(proxy.page_requests())
    url = "file://" + html
    requested = [u for u in browser.load(url) if u != url]
    if requested:
        fails.append(f"the page requested {requested[:5]}")

    dom = Dom(browser.eval("document.documentElement.outerHTML"))
    charts = [e for e in dom.elements if e["tag"] == "svg" and e["attrs"].get("data-chart") == "timeline"]
    if len(charts) != 1:
        return fails + [f"{len(charts)} timeline charts, expected 1"]
    inside = dom.descendants(charts[0])
    role = lambda r: [e for e in inside if e["attrs"].get("data-role") == r]  # noqa: E731
    area = role("plot-area")
    if len(area) != 1:
        return fails + ["no plot-area rect in the timeline"]
    left, width = float(area[0]["attrs"]["x"]), float(area[0]["attrs"]["width"])
    x_max = float(area[0]["attrs"]["data-x-max"])
    scale = lambda t: left + t / x_max * width  # noqa: E731
    if x_max < result["summary"]["duration_s"]:
        fails.append(f"the time axis ends at {x_max} s, before the run ends")

    groups = [e for e in inside if "data-step" in e["attrs"]]
    if len(groups) != len(steps):
        fails.append(f"{len(groups)} [data-step] groups, expected {len(steps)} (one per step)")
    for g in groups:
        i = int(g["attrs"]["data-step"])
        if i >= len(steps):
            continue
        bars = [c for c in dom.children(g) if "step-bar" in c["attrs"].get("class", "")]
        if not bars:
            fails.append(f"step {i}: no bar")
        elif not near(float(bars[0]["attrs"]["x"]), scale(steps[i]["t_s"]), 0.06):
            fails.append(f"step {i}: bar at x={bars[0]['attrs']['x']}, expected {scale(steps[i]['t_s']):.2f}")
        if not any(c["tag"] == "title" and c["text"].strip() for c in dom.children(g)):
            fails.append(f"step {i}: no tooltip <title>")

    lines = role("timeout")
    offscale = False
    if timeout_s is None:
        if lines:
            fails.append("a timeout line, but the run has no timeout")
    elif len(lines) != 1:
        fails.append(f"{len(lines)} timeout lines, expected 1 (timeout {timeout_s} s)")
    else:
        a = lines[0]["attrs"]
        x1 = float(a["x1"])
        offscale = a.get("data-offscale") == "true"
        if not near(x1, float(a["x2"]), 0.01):
            fails.append("the timeout line is not vertical")
        if offscale:
            if not timeout_s > x_max:
                fails.append(f"timeout drawn off-scale but {timeout_s} s <= axis end {x_max} s")
            if not near(x1, left + width, 0.06):
                fails.append("the off-scale timeout is not at the right edge")
        elif not near(x1, scale(timeout_s), 0.06):
            fails.append(f"timeout line at x={x1}, expected {scale(timeout_s):.2f} ({timeout_s} s)")

    n_bakes = len(result["bakes"]) if "bakes" in result else len(result["rollback_if_trip"])
    if len(role("bake")) != n_bakes:
        fails.append(f"{len(role('bake'))} shaded bakes, expected {n_bakes}")
    if len(role("rollback-path")) != len(result["rollback_if_trip"]):
        fails.append(f"{len(role('rollback-path'))} rollback paths, expected {len(result['rollback_if_trip'])}")

    # Rendered geometry: the same positions as laid out by the browser (CSS pixels).
    layout = browser.eval("""(() => {
      const svg = document.querySelector('svg[data-chart=timeline]');
      const area = svg.querySelector('[data-role=plot-area]').getBoundingClientRect();
      const box = e => { const r = e.getBoundingClientRect(); return r.left + r.width / 2; };
      const to = svg.querySelector('[data-role=timeout]');
      const bars = [...svg.querySelectorAll('[data-step] .step-bar')].map(b => b.getBoundingClientRect().left);
      return {left: area.left, width: area.width, timeout: to ? box(to) : null, bars};
    })()""")
    rscale = lambda t: layout["left"] + t / x_max * layout["width"]  # noqa: E731
    if timeout_s is not None and layout["timeout"] is not None:
        want = layout["left"] + layout["width"] if offscale else rscale(timeout_s)
        if not near(layout["timeout"], want, 1.0):
            fails.append(f"rendered timeout at {layout['timeout']:.1f} px, expected {want:.1f} px")
    for i, x in enumerate(layout["bars"][: len(steps)]):
        if not near(x, rscale(steps[i]["t_s"]), 1.0):
            fails.append(f"rendered step {i} bar at {x:.1f} px, expected {rscale(steps[i]['t_s']):.1f} px")
            break

    fails += page_checks(dom)
    fails += overflow_checks(browser, "simulate page")
    fails += look_checks(browser, url, stem, shots)
    leaked = proxy.page_requests()[before:]
    if leaked:
        fails.append(f"requests through the proxy: {leaked[:5]}")
    fails += check_montecarlo(browser, proxy, shiftsim, scenario, workdir, shots, stem)
    fails += check_compare(browser, proxy, shiftsim, scenario, workdir, stem)
    return fails


def check_montecarlo(browser, proxy, shiftsim, scenario, workdir, shots, stem):
    """Page checks of `montecarlo --report`, when the command supports it on this scenario."""
    html = os.path.join(workdir, f"{stem}-montecarlo.html")
    run = subprocess.run([shiftsim, "montecarlo", "--scenario", scenario, "--trials", "2000", "--seed", "1",
                          "--output", "json", "--report", html], capture_output=True, text=True, timeout=60)
    if run.returncode != 0 or not os.path.exists(html):
        return []  # not available here: the simulate checks stand alone
    mc = json.loads(run.stdout)
    url = "file://" + html
    fails = [f"montecarlo page requested {u}" for u in browser.load(url) if u != url]
    dom = Dom(browser.eval("document.documentElement.outerHTML"))
    charts = [e for e in dom.elements if e["tag"] == "svg" and e["attrs"].get("data-chart") == "histogram"]
    if len(charts) != 1:
        return fails + [f"montecarlo: {len(charts)} histograms, expected 1"]
    inside = dom.descendants(charts[0])
    bins = [e for e in inside if e["attrs"].get("data-role") == "bin"]
    if not bins:
        fails.append("montecarlo: no histogram bins")
    counted = sum(int(b["attrs"].get("data-count", 0)) for b in bins)
    trials = mc.get("trials")
    if trials and counted > trials:
        fails.append(f"montecarlo: bins hold {counted} trials, more than the {trials} run")
    for q in ("p50", "p95", "p99"):
        if len([e for e in inside if e["attrs"].get("data-role") == q]) != 1:
            fails.append(f"montecarlo: no {q} line")
    fails += page_checks(dom)
    fails += overflow_checks(browser, "montecarlo page")
    browser.screenshot(os.path.join(shots, f"{stem}-montecarlo.png"))
    return fails


def selftest(browser, proxy, workdir):
    """Both request checks must see a page that loads an external image."""
    page = os.path.join(workdir, "external.html")
    with open(page, "w") as f:
        f.write('<!DOCTYPE html><title>x</title><img src="http://shiftsim-selftest.invalid/x.png">')
    seen = browser.load("file://" + page)
    time.sleep(0.3)
    fails = []
    if not any("shiftsim-selftest.invalid" in u for u in seen):
        fails.append(f"self-test: DevTools did not report the page's external image (saw {seen})")
    if not any("shiftsim-selftest.invalid" in r for r in proxy.page_requests()):
        fails.append("self-test: the proxy did not see the page's external image")
    return fails


def screenshot_only(page, out, height):
    workdir = tempfile.mkdtemp(prefix="shiftsim-shot-")
    proxy = RecordingProxy()
    browser = Browser(workdir, proxy.port)
    try:
        requested = [u for u in browser.load("file://" + os.path.abspath(page)) if not u.startswith("file:")]
        if requested:
            print(f"the page requested {requested}", file=sys.stderr)
            return 1
        browser.media(scheme="light")
        data = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                       "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height,
                                                                "scale": 1}}, session=True)["data"]
        with open(out, "wb") as f:
            f.write(base64.b64decode(data))
    finally:
        browser.close()
        proxy.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def main(argv):
    args = argv[1:]
    if args[:1] == ["--screenshot"] and len(args) >= 3:
        return screenshot_only(args[1], args[2], int(args[3]) if len(args) > 3 else HEIGHT)
    shots = None
    if args[:1] == ["--shots"]:
        shots, args = args[1], args[2:]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    shiftsim, workdir, scenarios = args[0], args[1], args[2:]
    shots = shots or workdir
    os.makedirs(shots, exist_ok=True)
    proxy = RecordingProxy()
    browser = Browser(workdir, proxy.port)
    failed = 0
    try:
        t0 = time.monotonic()
        fails = selftest(browser, proxy, workdir)
        proxy.requests.clear()
        print(f"{'ok  ' if not fails else 'FAIL'} request checks see an external image ({time.monotonic() - t0:.1f} s)")
        for f in fails:
            print(f"    {f}")
        failed += bool(fails)
        for sc in scenarios:
            t0 = time.monotonic()
            try:
                fails = check_simulation(browser, proxy, shiftsim, sc, workdir, shots)
            except Exception as e:  # noqa: BLE001 - report and go on with the next scenario
                fails = [f"{type(e).__name__}: {e}"]
            print(f"{'ok  ' if not fails else 'FAIL'} {os.path.basename(sc)} ({time.monotonic() - t0:.1f} s)")
            for f in fails:
                print(f"    {f}")
            failed += bool(fails)
    finally:
        browser.close()
        proxy.close()
    print(f"{len(scenarios) + 1 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
