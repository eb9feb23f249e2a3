"""Shared fixtures: tiny Sphinx projects built from tests/roots, a build command for them, the
real site built once, and the runs a reader makes of every snippet."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from handbook import sphinx_fork
from handbook.execute import ExecutionCache, Run
from handbook.runner import READER

ROOT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).parent / "roots"
SNIPPETS = sorted((ROOT / "snippets").rglob("*.py"))


@pytest.fixture
def project(tmp_path):
    """Return make(case): a copy of roots/base overlaid with roots/test-<case>, in tmp_path."""

    def make(case: str) -> Path:
        folder = tmp_path / case
        shutil.copytree(ROOTS / "base", folder)
        shutil.copytree(ROOTS / f"test-{case}", folder, dirs_exist_ok=True)
        return folder

    return make


def sphinx_build(
    source: Path, out: Path, *options: str, code: Path = ROOT
) -> subprocess.CompletedProcess:
    """Build `source` as the site does (-W, keep-going) with the execution cache under `out`,
    using the handbook package found in `code` (default: this repository's)."""
    argv = [
        "-b",
        "html",
        "-W",
        "--keep-going",
        "-q",
        "-D",
        f"handbook_cache_dir={out / 'cache'}",
        "-d",
        str(out / "doctrees"),
        *options,
        str(source),
        str(out / "html"),
    ]
    env = {**os.environ, "PYTHONPATH": str(code)}  # the extension lives in <code>/handbook
    # run in the project, not here: `python -m` puts the working folder first on sys.path
    return sphinx_fork.run(argv, cwd=source, env=env)


def _build_site(work: Path, started: list[subprocess.Popen]) -> tuple[Path, int, str]:
    """The real site built as `nox -s docs` builds it, in a process of its own (so its report
    never mixes with the tests' output), with a fresh execution cache in `work`, so the execution
    log counts every run this build needed: the work folder, the exit code and the report.

    One difference: HANDBOOK_RUNNER=reader makes each native run the way a reader runs a copy
    (handbook.runner.READER: a cell in a fresh Jupyter kernel, a file in a fresh interpreter)
    instead of forked. The build checks those runs against the stored outputs as it checks any
    run, so they prove that a reader's copy prints what the page shows, and no snippet runs a
    second time for that proof. The capped runs stay forked: a forked run that printed other
    bytes than a fresh one would fail the build as a fragile output."""
    code = (
        "import sys; from pathlib import Path; from handbook import site; "
        f"sys.exit(site.build(build=Path({str(work)!r}), out=Path({str(work)!r}) / 'site'))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT), "HANDBOOK_RUNNER": "reader"},
        cwd=ROOT,
        start_new_session=True,  # its Sphinx processes and fork servers end with it
    )
    started.append(process)
    report, _ = process.communicate()
    return work, process.returncode, report


# (flavour, mode) of the runs a reader makes of a copied snippet
READER_RUNS = list(READER.items())


class Background:
    """The site build, started as soon as collection shows that a selected test needs it, and
    run while the tests that do not need it go first; one build for all pytest-xdist workers.

    Mechanism: the build is CPU-bound TensorFlow work on every core; the tiny roots and unit tests
    that run before it use the cores it leaves. Each process that needs the site takes an
    exclusive lock on `site.lock` in the run's shared temporary folder (a worker's basetemp's
    parent under xdist, the basetemp itself without): the first builds into `site/` and writes
    `site.json` (exit code and report) before it lets go; the others wait for the lock, then read
    `site.json`. The fixtures below wait for this.
    """

    def __init__(self, shared: Path, worker: bool):
        from concurrent.futures import ThreadPoolExecutor

        self.pool = ThreadPoolExecutor(max_workers=1)
        self.started: list[subprocess.Popen] = []
        self.worker = worker
        reuse = os.environ.get("HANDBOOK_TEST_SITE")
        if reuse:  # a maintainer iterating on the site tests: the work folder of an earlier run
            self.site = self.pool.submit(lambda: (Path(reuse), 0, f"reused {reuse}"))
        else:
            self.site = self.pool.submit(self._build_once, shared)

    def _build_once(self, shared: Path) -> tuple[Path, int, str]:
        import fcntl
        import json

        result = shared / "site.json"
        with open(shared / "site.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # held by whoever builds, until site.json is written
            if not result.exists():
                _, code, report = _build_site(shared / "site", self.started)
                result.write_text(json.dumps({"code": code, "report": report}), encoding="utf-8")
        done = json.loads(result.read_text(encoding="utf-8"))
        return shared / "site", done["code"], done["report"]

    def close(self) -> None:
        """End what is still running: a session that stopped early (-x) does not wait for it;
        an xdist worker does, since another worker may be waiting for its build."""
        if not self.worker:
            for process in self.started:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGTERM)
        self.pool.shutdown(wait=True)


# the test files whose tests share a module-scoped build (a tiny site built once per file)
MODULE_BUILDS = {"tests/test_chrome.py", "tests/test_discovery.py", "tests/test_older_releases.py"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under pytest-xdist, each test goes to the next free worker, except that a file of
    MODULE_BUILDS goes whole to one worker, which then makes its build once. (xdist's own
    `--dist loadgroup` would do it with a marker, but under pytest 9.2 it silently stops
    grouping: xdist 3.8 rewrites `item._nodeid`, which pytest no longer reads;
    pytest-dev/pytest-xdist#1386, open.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return file if file in MODULE_BUILDS else nodeid

    return Scheduling(config, log)


BACKGROUND = pytest.StashKey[Background]()
SITE_FIXTURES = {"built", "site_build", "reader_runs"}


def _shared(config) -> Path:
    """The temporary folder every process of this pytest run sees: an xdist worker's basetemp
    is a folder of the controller's."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


def pytest_collection_finish(session):
    needs = {name for item in session.items for name in getattr(item, "fixturenames", ())}
    if SITE_FIXTURES & needs and not session.config.option.collectonly:
        worker = hasattr(session.config, "workerinput")
        session.config.stash[BACKGROUND] = Background(_shared(session.config), worker)


def pytest_terminal_summary(terminalreporter, config):
    """How many snippet runs the site build made, and their seconds, by configuration and mode:
    the figures to watch when the suite gets slow (runs are most of its time). Printed by the
    process that reports: the only one, or the xdist controller, which reads the shared folder."""
    if hasattr(config, "workerinput") or not (_shared(config) / "site.json").exists():
        return
    work = _shared(config) / "site"
    totals: dict[str, list[float]] = {}
    for line in executions(work):
        path, _, configuration, mode, _, seconds = line.split("\t")[:6]
        kind = "reseeded copy" if Path(path) not in SNIPPETS else configuration
        totals.setdefault(f"{kind}, {mode}", []).append(float(seconds))
    runs = sum(len(t) for t in totals.values())
    terminalreporter.write_sep("-", f"snippet runs of the site build: {runs}")
    for what, seconds in sorted(totals.items()):
        terminalreporter.write_line(
            f"{what:24} {len(seconds):4} runs {sum(seconds):7.0f} s "
            f"({sum(seconds) / len(seconds):.1f} s each, wall clock, {os.cpu_count()} at a time)"
        )


def pytest_unconfigure(config):
    if BACKGROUND in config.stash:
        config.stash[BACKGROUND].close()


@pytest.fixture(scope="session")
def site_build(pytestconfig) -> tuple[Path, int, str]:
    """The real site built as `nox -s docs` builds it (started in the background): the work
    folder, the exit code and the build's report."""
    return pytestconfig.stash[BACKGROUND].site.result()


@pytest.fixture(scope="session")
def built(site_build) -> Path:
    """The built site; every test that needs it is skipped when the build failed, which
    test_site reports once, with the build's own report."""
    work, code, _ = site_build
    if code != 0:
        pytest.skip("the site build failed: see test_the_site_builds for its report")
    return work


@pytest.fixture(scope="session")
def reader_runs(built) -> dict[tuple[Path, str, str], Run]:
    """{(snippet, flavour, mode): Run} for every snippet and READER_RUNS entry: the build's
    native run of it, which the tests' build makes as a reader does (see _build_site)."""
    cache = ExecutionCache(built / "cache", timeout=300)
    runs = {}
    for flavour, mode in READER_RUNS:
        for snippet in SNIPPETS:
            run = cache.get(snippet, flavour, "native")
            assert run is not None, f"the build stored no native {flavour} run of {snippet}"
            runs[(snippet, flavour, mode)] = run
    return runs


@pytest.hookimpl(tryfirst=True)  # before `-m "not site"` deselects by this marker
def pytest_collection_modifyitems(config, items):
    # the fast tier (`nox -s tests-fast`, `-m "not site"`) leaves out every test that needs the
    # real site or real snippet runs: they are the ones that run TensorFlow
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
    # and they run last, while the background work they wait for has had the most time
    items.sort(key=lambda item: item.get_closest_marker("site") is not None)


def executions(out: Path) -> list[str]:
    """The lines of the execution log: one per real (not cached) snippet run."""
    log = out / "cache" / "executions.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


# The built site in a browser, shared by test_browser and test_chrome: one server and one
# Playwright per session (two sync Playwrights at once refuse to start).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PREFIX = "/handbook"  # as on a static host's project pages: the site is not at the server root


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX, and its 404.html for anything missing, as a host does."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX + "/"):
            return str(Path(self.directory) / "missing")
        return super().translate_path(path[len(PREFIX) :])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass  # keep the test output readable


@pytest.fixture(scope="session")
def server(built):
    handler = functools.partial(SubPathHandler, directory=str(built / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    httpd.shutdown()
    httpd.server_close()  # an open listening socket is a ResourceWarning, an error here


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium not found: `apt-get install chromium fonts-noto-cjk` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        # the flags keep a root, headless Chromium from calling Google services on a closed net
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Pages:
    """Fresh browser pages, each in a context of its own, that record every request they make;
    `close()` closes them and fails if any request left the site."""

    def __init__(self, browser, server: str):
        self.browser, self.server = browser, server
        self.contexts: list = []
        self.requests: list[str] = []

    def new(self, **options):
        context = self.browser.new_context(
            permissions=["clipboard-read", "clipboard-write"], **options
        )
        self.contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        outside = [
            url
            for url in self.requests
            if not url.startswith(self.server.rsplit(PREFIX, 1)[0])
            and not url.startswith(("data:", "blob:", "about:"))
        ]
        assert not outside, f"requests outside the site: {outside}"


@pytest.fixture
def pages(browser, server):
    """Open any number of fresh pages (`pages.new()`); none may make a request off the site."""
    opened = Pages(browser, server)
    yield opened
    opened.close()


@pytest.fixture
def page(pages):
    """A fresh page that records every request it makes; none may leave the site."""
    return pages.new()


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="save full-page screenshots of every page (1280 px and 375 px) to build/screenshots",
    )


@pytest.fixture(scope="session")
def screenshots(pytestconfig) -> Path | None:
    """build/screenshots when `--screenshots` was given, else None: screenshots are for a person
    to look at, and a full-page one costs seconds of CPU per page, so CI does not take them."""
    return ROOT / "build" / "screenshots" if pytestconfig.getoption("screenshots") else None
