#!/usr/bin/python3
"""The real Matou window under Xvfb, driven through its accessibility tree.

Run it as it is: it starts itself again inside `xvfb-run dbus-run-session`,
where the accessibility bus's daemons print to standard output, so the TAP
report travels on a descriptor of its own. Every check reads what a person or
a screen reader gets: page tabs by their names, labels by their text.
"""

import gettext
import os
import subprocess
import sys
import tempfile
import time

import matoutest

MATOU = os.environ["MATOU_BINARY"]
LOCALEDIR = os.environ["MATOU_LOCALEDIR"]
PAGES = ["Overview", "Compare", "Install", "Settings", "Logs"]
TIMEOUT = 20

if os.environ.get("MATOU_UI_TAP_FD"):
    # GLib warnings of the test process itself (pyatspi) must not abort it;
    # the application under test keeps G_DEBUG=fatal-warnings.
    APP_G_DEBUG = os.environ.pop("G_DEBUG", "")
    import pyatspi  # noqa: E402


def english_msgids():
    """Every English string Matou can show, from the zh_CN catalogue."""
    mo = os.path.join(LOCALEDIR, "zh_CN", "LC_MESSAGES", "matou.mo")
    with open(mo, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {k.split("\x04")[-1] for k in catalog if isinstance(k, str) and k}, catalog


def translate(msgid):
    _, catalog = english_msgids()
    return catalog[msgid]


def on_screen(node):
    """GTK 4.8 does not report STATE_SHOWING; an unmapped widget has no size."""
    if not node.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width > 0 and extents.height > 0


class App:
    """One run of the application, with the environment a scenario needs."""

    def __init__(self, **env):
        self.env = dict(os.environ, G_DEBUG=APP_G_DEBUG)
        self.env.pop("DOCKER_HOST", None)
        self.env.update({k: v for k, v in env.items() if v is not None})
        self.process = None
        self.node = None

    def __enter__(self):
        self.process = subprocess.Popen([MATOU], env=self.env, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for app in pyatspi.Registry.getDesktop(0):
                if app is not None and app.name == "matou" and app.get_process_id() == self.process.pid:
                    if app.childCount > 0:
                        self.node = app
                        return self
            if self.process.poll() is not None:
                raise AssertionError("matou exited with %d" % self.process.returncode)
            time.sleep(0.2)
        raise AssertionError("the Matou window did not appear within %d s" % TIMEOUT)

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def find_all(self, role=None, name=None, showing=False):
        def match(node):
            if node is None:
                return False
            if role is not None and node.getRole() != role:
                return False
            if name is not None and node.name != name:
                return False
            if showing and not on_screen(node):
                return False
            return True
        return pyatspi.findAllDescendants(self.node, match)

    def wait_for(self, what, timeout=TIMEOUT, **kw):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.find_all(**kw)
            if found:
                return found[0]
            time.sleep(0.3)
        shown = sorted({n.name for n in self.find_all(role=pyatspi.ROLE_LABEL, showing=True)})
        raise AssertionError("%s did not appear within %d s; labels on screen: %r" % (what, timeout, shown))

    def showing_labels(self):
        return [n.name for n in self.find_all(role=pyatspi.ROLE_LABEL, showing=True)]

    def click_tab(self, name):
        tab = self.wait_for("the page tab %r" % name, role=pyatspi.ROLE_PAGE_TAB, name=name)
        action = tab.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "click":
                action.doAction(i)
                return
        raise AssertionError("the page tab %r cannot be clicked" % name)


def test_pages_reachable_and_version_shown(daemon):
    _, _, version = matoutest.engine_get(daemon.socket, "/version")
    with App(DOCKER_HOST=daemon.host, LANG="C.UTF-8") as app:
        # Overview tells the truth about the daemon it was pointed at.
        app.wait_for("the daemon's version %s" % version["Version"],
                     role=pyatspi.ROLE_LABEL, name=version["Version"], showing=True)
        app.wait_for("the API version", role=pyatspi.ROLE_LABEL, name=version["ApiVersion"], showing=True)
        app.wait_for("the running status", role=pyatspi.ROLE_LABEL, name="Docker is running", showing=True)
        mirrors = app.wait_for("the mirrors from daemon.json", role=pyatspi.ROLE_LABEL,
                               name="https://docker.1ms.run/\nhttps://mirror.example.com:5000/",
                               showing=True)
        assert mirrors is not None

        # Each page is reachable by its name, and its content is then on screen.
        expect = {
            "Compare": "Compare is not available yet",
            "Install": "Install is not available yet",
            "Settings": "Settings are not available yet",
            "Logs": "Logs are not available yet",
            "Overview": "Docker is running",
        }
        for page in ["Compare", "Install", "Settings", "Logs", "Overview"]:
            app.click_tab(page)
            app.wait_for("the %s page" % page, role=pyatspi.ROLE_LABEL, name=expect[page], showing=True)


def test_no_daemon_explained():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as empty:
        host = "unix://" + os.path.join(empty, "docker.sock")
        with App(DOCKER_HOST=host, LANG="C.UTF-8") as app:
            app.wait_for("the 'not running' explanation", role=pyatspi.ROLE_LABEL,
                         name="The Docker daemon is not running", showing=True)
            text = [t for t in app.showing_labels() if t.startswith("Docker is installed, but nothing answers")]
            assert text and empty in text[0], "the explanation does not name the socket: %r" % text


def test_remote_host_explained():
    with App(DOCKER_HOST="tcp://127.0.0.1:2375", LANG="C.UTF-8") as app:
        app.wait_for("the 'not supported' explanation", role=pyatspi.ROLE_LABEL,
                     name="This Docker host is not supported yet", showing=True)
        assert any("tcp://127.0.0.1:2375" in t for t in app.showing_labels())


def test_chinese(daemon):
    msgids, catalog = english_msgids()
    with App(DOCKER_HOST=daemon.host, LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None) as app:
        app.wait_for("the running status in Chinese", role=pyatspi.ROLE_LABEL,
                     name=catalog["Docker is running"], showing=True)
        tabs = {n.name for n in app.find_all(role=pyatspi.ROLE_PAGE_TAB)}
        expected = {catalog[p] for p in PAGES}
        assert tabs == expected, "page tabs are %r, expected %r" % (tabs, expected)
        assert all(catalog[p] != p for p in PAGES), "a page name is not translated"
        english = [t for t in app.showing_labels() if t in msgids]
        assert not english, "English strings on screen under zh_CN: %r" % english
        for page in PAGES[1:]:
            app.click_tab(catalog[page])
            time.sleep(0.5)
            english = [t for t in app.showing_labels() if t in msgids]
            assert not english, "English strings on the %s page under zh_CN: %r" % (page, english)


def outer():
    """Start the real test in a display and a session bus of its own."""
    matoutest.install_signal_handlers()
    tap_fd = os.dup(1)
    env = dict(os.environ, MATOU_UI_TAP_FD=str(tap_fd))
    result = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x900x24",
                             "dbus-run-session", "--", sys.executable, os.path.abspath(__file__)],
                            env=env, stdout=sys.stderr, pass_fds=[tap_fd])
    return result.returncode


def main():
    tap = os.fdopen(int(os.environ["MATOU_UI_TAP_FD"]), "w", buffering=1)
    matoutest.install_signal_handlers()
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                stdout=sys.stderr)
    try:
        with matoutest.Dockerd(matoutest.load_fixture("daemon-mirrors.json")) as daemon:
            return matoutest.run_tap([
                ("pages reachable by name; Overview shows the test daemon",
                 lambda: test_pages_reachable_and_version_shown(daemon)),
                ("no daemon: Overview explains it is not running", test_no_daemon_explained),
                ("tcp:// DOCKER_HOST: Overview says it is not supported", test_remote_host_explained),
                ("zh_CN: page names and visible strings are Chinese", lambda: test_chinese(daemon)),
            ], out=tap)
    finally:
        launcher.terminate()


if __name__ == "__main__":
    sys.exit(main() if os.environ.get("MATOU_UI_TAP_FD") else outer())
