"""Driving the real Matou window through its accessibility tree (AT-SPI).

A ui test script calls matouui.main(tests): run as it is, it starts itself
again inside its own Xvfb and `dbus-run-session` with the AT-SPI bus, where the
bus's daemons print to standard output, so the TAP report travels on a
descriptor of its own.
"""

import gettext
import os
import subprocess
import sys
import time

import matoutest
import xvfb as xvfb_server

MATOU = os.environ["MATOU_BINARY"]
LOCALEDIR = os.environ["MATOU_LOCALEDIR"]
PAGES = ["Overview", "Compare", "Install", "Settings", "Logs", "Diagnose"]
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


def state(node):
    """The node's states as the application says them now: AT-SPI keeps the states it was
    told in events, and one missed event would leave a switch that turned on reading off."""
    try:
        node.clear_cache()
    except Exception:
        pass
    return node.getState()


def on_screen(node):
    """GTK 4.8 does not report STATE_SHOWING; an unmapped widget has no size."""
    if not node.getState().contains(pyatspi.STATE_VISIBLE):
        return False
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width > 0 and extents.height > 0


class App:
    """One run of the application, with the environment a scenario needs."""

    def __init__(self, prefix=(), **env):
        # prefix: a command that execs Matou in its own process (unshare), so the pid stays.
        self.prefix = list(prefix)
        self.env = dict(os.environ, G_DEBUG=APP_G_DEBUG)
        self.env.pop("DOCKER_HOST", None)
        self.env.update({k: v for k, v in env.items() if v is not None})
        self.process = None
        self.node = None

    def __enter__(self):
        self.process = subprocess.Popen(self.prefix + [MATOU], env=self.env, stdin=subprocess.DEVNULL)
        try:
            return self._wait_for_window()
        except BaseException:
            # __exit__ does not run when __enter__ fails: a window left behind would
            # answer the next run's start as the one instance of the application.
            self.__exit__()
            raise

    def _wait_for_window(self):
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

    def window_id(self):
        """The X window of this run, for key presses and screenshots."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.process.pid)],
                                   capture_output=True, text=True).stdout.split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise AssertionError("no X window of Matou's process within %d s" % TIMEOUT)

    def find_all(self, role=None, name=None, showing=False):
        """Walks the tree; widgets may come and go while it does, so gaps are skipped."""
        # AT-SPI keeps answering from its cache for an application that is gone:
        # a crash must read as a crash, not as a window that stopped changing.
        if self.process.poll() is not None:
            raise AssertionError("matou exited with %d while the test was reading its window"
                                 % self.process.returncode)
        found = []

        def match(node):
            if role is not None and node.getRole() != role:
                return False
            if name is not None and node.name != name:
                return False
            if showing and not on_screen(node):
                return False
            return True

        def walk(node, depth):
            if node is None or depth > 60:
                return
            try:
                if match(node):
                    found.append(node)
                children = [node.getChildAtIndex(i) for i in range(node.childCount)]
            except Exception:
                return
            for child in children:
                walk(child, depth + 1)

        walk(self.node, 0)
        return found

    def wait_for(self, what, timeout=TIMEOUT, **kw):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.find_all(**kw)
            if found:
                return found[0]
            time.sleep(0.3)
        shown = sorted({n.name for n in self.find_all(role=pyatspi.ROLE_LABEL, showing=True)})
        shot = _screenshot()
        raise AssertionError("(screenshot: %s) " % shot + "%s did not appear within %d s; labels on screen: %r" % (what, timeout, shown))

    def showing_labels(self):
        """The names of the labels on screen. A label may go between the walk and
        the reading of its name (a page rebuilding its rows): AT-SPI then says
        "the application no longer exists" for it, and it is left out; a window
        that is really gone fails the walk itself (find_all)."""
        names = []
        for node in self.find_all(role=pyatspi.ROLE_LABEL, showing=True):
            try:
                names.append(node.name)
            except Exception:
                continue
        return names

    def click_tab(self, name):
        tab = self.wait_for("the page tab %r" % name, role=pyatspi.ROLE_PAGE_TAB, name=name)
        action = tab.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "click":
                action.doAction(i)
                return
        raise AssertionError("the page tab %r cannot be clicked" % name)


def focused(app, skip=()):
    """The node that has the keyboard focus now, or None; subtrees of nodes
    named in `skip` (other pages, say) are not looked into."""
    hits = []

    def walk(node, depth):
        if node is None or depth > 60 or hits:
            return
        try:
            if node.name in skip:
                return
            states = node.getState()
            if states.contains(pyatspi.STATE_FOCUSED):
                hits.append(node)
                return
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            return
        for child in children:
            walk(child, depth + 1)

    walk(app.node, 0)
    return hits[0] if hits else None


def key(app, *keys):
    """Key presses as the X server gets them from a keyboard, into Matou's window."""
    subprocess.run(["xdotool", "windowfocus", "--sync", app.window_id()], check=True)
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], check=True)
    time.sleep(0.3)


def type_text(app, text):
    """Text typed on the keyboard into whatever in Matou's window has the focus."""
    subprocess.run(["xdotool", "windowfocus", "--sync", app.window_id()], check=True)
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    time.sleep(0.3)


def focusable_nodes(app, skip=()):
    """Every node of the window that can take the focus, but in subtrees named in `skip`."""
    found = []

    def walk(node, depth):
        if node is None or depth > 60:
            return
        try:
            if node.name in skip:
                return
            # GTK 4.8 does not say "focusable" for the text of an entry row.
            if node.getState().contains(pyatspi.STATE_FOCUSABLE) or \
                    node.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_PASSWORD_TEXT):
                found.append(node)
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            return
        for child in children:
            walk(child, depth + 1)

    walk(app.node, 0)
    return found


def tab_to(app, wanted, skip=(), limit=80, press="Tab"):
    """Presses Tab until the focus is on a node named `wanted`; returns every
    node the focus passed on the way (role, name, node)."""
    candidates = focusable_nodes(app, skip)  # Tab moves the focus, it does not change the tree
    passed = []
    for _ in range(limit):
        key(app, press)
        node = None
        for candidate in candidates:
            try:
                if candidate.getState().contains(pyatspi.STATE_FOCUSED):
                    node = candidate
                    break
            except Exception:
                continue
        if node is None:
            continue
        passed.append((node.getRole(), node.name, node))
        if node.name == wanted:
            return passed
    raise AssertionError("%r never took the focus within %d presses of %s; it passed %r"
                         % (wanted, limit, press, [n for r, n, x in passed]))


def _outer(script, wrap=None):
    """Start the real test in a display and a session bus of its own; wrap(argv,
    env) may return another command and environment (another user's)."""
    matoutest.install_signal_handlers()
    tap_fd = os.dup(1)
    xvfb, display = xvfb_server.start()
    try:
        env = dict(os.environ, MATOU_UI_TAP_FD=str(tap_fd), DISPLAY=display)
        env.pop("XAUTHORITY", None)
        argv = ["dbus-run-session", "--", sys.executable, os.path.abspath(script)]
        if wrap is not None:
            argv, env = wrap(argv, env)
        result = subprocess.run(argv, env=env, stdout=sys.stderr, pass_fds=[tap_fd])
        return result.returncode
    finally:
        xvfb.terminate()
        xvfb.wait()


def screenshot(app, name):
    """A picture of the window as it is now, kept with the test logs so that a
    person can see what does not fit; returns its path."""
    folder = os.environ.get("MATOU_UI_SCREENSHOTS") or "/tmp"
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "%s.png" % name)
    time.sleep(0.5)  # let a page that just changed draw once
    subprocess.run(["import", "-window", app.window_id(), path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path


def _screenshot():
    """What the screen showed when a check failed, for whoever reads the log."""
    path = "/tmp/matou-ui-failure-%d.png" % int(time.time() * 1000)
    result = subprocess.run(["import", "-window", "root", path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path if result.returncode == 0 else "none"


def _wait_for_display(timeout=15):
    """xvfb-run may hand over before Xvfb accepts connections."""
    import socket
    number = os.environ.get("DISPLAY", ":0").lstrip(":").split(".")[0]
    path = "/tmp/.X11-unix/X" + number
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            try:
                sock.connect(path)
                return
            except OSError:
                time.sleep(0.1)
    raise RuntimeError("the X server %s did not come up" % os.environ.get("DISPLAY"))


def main(script, make_tests, wrap=None):
    """make_tests() returns (title, function) pairs and may use context managers
    through the ExitStack it is given. wrap: see _outer."""
    import contextlib
    if not os.environ.get("MATOU_UI_TAP_FD"):
        return _outer(script, wrap)
    tap = os.fdopen(int(os.environ["MATOU_UI_TAP_FD"]), "w", buffering=1)
    matoutest.install_signal_handlers()
    _wait_for_display()
    launcher = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                stdout=sys.stderr)
    try:
        with contextlib.ExitStack() as stack:
            return matoutest.run_tap(make_tests(stack), out=tap)
    finally:
        launcher.terminate()
