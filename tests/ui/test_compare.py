#!/usr/bin/python3
"""The Compare page, driven through the accessibility tree: the comparison
table, an option and its commands, the decision guide and its reasons, a
narrow window, and all of it in Chinese."""

import os
import subprocess
import sys
import tempfile
import time

import matoutest
import matouui

TIMEOUT = matouui.TIMEOUT

# Reads the clipboard as another program on the same display would.
READ_CLIPBOARD = r"""
import sys
import gi
gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, GLib, Gtk
Gtk.init()
loop = GLib.MainLoop()
text = []
def done(clipboard, result):
    text.append(clipboard.read_text_finish(result) or "")
    loop.quit()
Gdk.Display.get_default().get_clipboard().read_text_async(None, done)
GLib.timeout_add_seconds(5, loop.quit)
loop.run()
sys.stdout.write(text[0] if text else "")
"""


def roles():
    return matouui.pyatspi


def L(name, description=None):
    """A label a user reads."""
    return (roles().ROLE_LABEL, name, description)


def B(name, description=None):
    """A button a user presses."""
    return (roles().ROLE_PUSH_BUTTON, name, description)


def snapshot(app):
    """The named labels, buttons and rows of the window, in one walk of the tree."""
    wanted = {roles().ROLE_LABEL, roles().ROLE_PUSH_BUTTON, roles().ROLE_LIST_ITEM, roles().ROLE_HEADING}
    found = []

    def keep(node):
        if node is not None:
            role = node.getRole()
            if role in wanted:
                name = node.name
                if name:
                    found.append((role, name, node))
        return False

    roles().findAllDescendants(app.node, keep)
    return found


def lookup(nodes, item):
    role, name, description = item
    for r, n, node in nodes:
        if r == role and n == name and (description is None or node.description == description) \
                and matouui.on_screen(node):
            return node
    return None


def expect(app, *items, timeout=TIMEOUT):
    """Waits until every item is on screen; returns the first item's node."""
    deadline = time.monotonic() + timeout
    while True:
        nodes = snapshot(app)
        found = [lookup(nodes, item) for item in items]
        missing = [item[1:] for item, node in zip(items, found) if node is None]
        if not missing:
            return found[0]
        if time.monotonic() > deadline:
            shown = sorted({n for r, n, node in nodes if r == roles().ROLE_LABEL and matouui.on_screen(node)})
            raise AssertionError("not on screen after %d s: %r; labels on screen: %r" % (timeout, missing, shown))
        time.sleep(0.3)


def expect_gone(app, *items, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        nodes = snapshot(app)
        still = [item[1:] for item in items if lookup(nodes, item) is not None]
        if not still:
            return
        if time.monotonic() > deadline:
            raise AssertionError("still on screen after %d s: %r" % (timeout, still))
        time.sleep(0.3)


def click(node):
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) == "click":
            action.doAction(i)
            return
    raise AssertionError("%r cannot be clicked" % node.name)


def press(app, name, description=None):
    """Clicks the button a user sees with this label."""
    click(expect(app, B(name, description)))


def is_pressed(node):
    return matouui.state(node).contains(roles().STATE_PRESSED)


def answer(app, *labels):
    """Presses answers of the guide; each stays pressed, as a choice does."""
    nodes = snapshot(app)
    for text in labels:
        node = lookup(nodes, B(text))
        assert node is not None, "no answer %r on screen" % text
        # The questions stay while the result below them is rebuilt: one look serves every answer.
        click(node)
    deadline = time.monotonic() + TIMEOUT
    while True:
        nodes = snapshot(app)
        loose = [text for text in labels if not is_pressed(lookup(nodes, B(text)))]
        if not loose:
            return nodes
        assert time.monotonic() < deadline, "the answers %r do not stay pressed" % loose
        time.sleep(0.3)


def extents(node):
    return node.queryComponent().getExtents(roles().WINDOW_COORDS)


def in_view(app, node, vertically=True):
    """Inside the window's visible area, not scrolled or squeezed away."""
    frame = extents(app.node.getChildAtIndex(0))
    box = extents(node)
    if box.width <= 0 or box.height <= 0 or box.x < 0 or box.x + box.width > frame.width:
        return False
    return not vertically or (box.y >= 0 and box.y + box.height <= frame.height)


def wait_toast(app, text, timeout=TIMEOUT):
    """A toast sits near the top of the tree and goes away again: looked for breadth first, quickly."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        toast = roles().findDescendant(app.node, lambda n: n is not None and n.name == "AdwToastWidget",
                                       breadth_first=True)
        if toast is not None and roles().findDescendant(toast, lambda n: n is not None and n.name == text):
            return
        time.sleep(0.1)
    raise AssertionError("no toast %r within %d s" % (text, timeout))


def read_clipboard(expected, timeout=TIMEOUT):
    """What another program on the same display gets when it pastes."""
    env = dict(os.environ, GTK_A11Y="none", NO_AT_BRIDGE="1")
    env.pop("G_DEBUG", None)
    deadline = time.monotonic() + timeout
    while True:
        text = subprocess.run(["/usr/bin/python3", "-c", READ_CLIPBOARD], env=env,
                              capture_output=True, text=True, timeout=30).stdout
        if text == expected or time.monotonic() > deadline:
            return text
        time.sleep(0.5)


def test_matrix_and_option():
    with matouui.App(LANG="C.UTF-8") as app:
        app.click_tab("Compare")

        # A table: the four usual options as columns, a criterion per row, each cell a rating and a phrase.
        expect(app, (roles().ROLE_HEADING, "Ship a Python app to other machines", None),
               B("venv", "About Python virtual environment"), B("VM", "About Virtual machine"),
               B("PyInstaller", "About PyInstaller"), B("Docker", "About Docker"),
               *[L(c) for c in ["Isolation", "Works across systems", "Python on the target", "GUI apps",
                                "GPU and CUDA", "Resource use", "Start-up cost", "End-user friendliness",
                                "Learning cost", "Code protection", "Artefact size", "Typical use"]],
               L("High", "Docker, Isolation"), L("Own userland, shared kernel"),
               L("Extra setup", "Docker, GUI apps"), L("Not needed", "PyInstaller, Python on the target"),
               L("Needed", "Python virtual environment, Python on the target"))
        assert lookup(snapshot(app), L("High", "Nix, Isolation")) is None, "Nix is in the table before it was chosen"

        # One more column on demand.
        press(app, "Nix", "Show Nix in the table")
        expect(app, L("High", "Nix, Isolation"), L("Every dependency pinned"))

        # An option in full, from its column's heading.
        command = "pyinstaller --onefile --windowed app.py"
        press(app, "PyInstaller", "About PyInstaller")
        expect(app, L("Advantages"), L("One executable: the target needs neither Python nor pip."),
               L("Disadvantages"),
               L("Build once per system: a Windows build comes from Windows, a macOS build from macOS."),
               L("When to Choose It"), L("How to Start"), L(command), B("Back"))

        # The command is copied as it is written, and the window says so.
        press(app, "Copy", command)
        wait_toast(app, "Copied to the clipboard")
        copied = read_clipboard(command)
        assert copied == command, "the clipboard holds %r" % copied

        press(app, "Back")
        expect_gone(app, L("Advantages"))


def test_guide():
    serves = ("Services are what Docker is made for: one image, started, restarted and updated "
              "the same way on every server.")
    with matouui.App(LANG="C.UTF-8", DOCKER_HOST=nowhere()) as app:
        app.click_tab("Compare")
        expect(app, L("Answer a question to get a recommendation"))

        # A server service: Docker, because of the answers given.
        answer(app, "Servers", "No GUI")
        expect(app, L("Recommended: Docker"), L(serves), L("Your answer: Servers · Typical use"),
               L("Without a window, a container has nothing to forward to the desktop."),
               L("Your answer: No GUI · GUI apps"), B("Install Docker Engine"))
        expect_gone(app, L("Answer a question to get a recommendation"))

        # Other answers, another recommendation, other reasons.
        nodes = answer(app, "Developers", "Alike", "New to Docker")
        assert not is_pressed(lookup(nodes, B("Servers"))), "two answers to one question"
        expect(app, L("Recommended: Python virtual environment"),
               L("The machines are alike, so a requirements.txt reproduces the environment."),
               L("Your answer: Alike · Isolation"),
               L("Nothing new to learn: pip and venv are what Python developers know."))
        expect_gone(app, L("Recommended: Docker"), L(serves))

        # From the result to the next step: the option's "How to start", scrolled into view.
        press(app, "How to Start with Python virtual environment")
        deadline = time.monotonic() + TIMEOUT
        while not in_view(app, expect(app, L("python3 -m venv .venv"), L("How to Start"))):
            assert time.monotonic() < deadline, "“How to start” was not scrolled into view"
            time.sleep(0.3)
        press(app, "Back")
        expect_gone(app, L("python3 -m venv .venv"))

        # Machines that differ and a GPU: Docker again, and the GPU reason names the toolkit.
        answer(app, "They differ", "Needs a GPU", "Knows Docker")
        expect(app, L("Recommended: Docker"),
               L("The PyTorch images carry CUDA and cuDNN; each host needs only the NVIDIA driver "
                 "and the NVIDIA Container Toolkit."),
               L("The machines differ: a container brings its own system libraries, so the environment "
                 "is the same everywhere."),
               L("The team already knows Docker: nothing new to learn."))

        # Docker's next step is the Install page.
        press(app, "Install Docker Engine")
        deadline = time.monotonic() + TIMEOUT
        while True:
            tabs = app.find_all(role=roles().ROLE_PAGE_TAB, name="Install")
            if any(matouui.state(t).contains(roles().STATE_SELECTED) for t in tabs):
                break
            assert time.monotonic() < deadline, "the Install page was not opened"
            time.sleep(0.3)

        # Start over: nothing answered, nothing recommended.
        app.click_tab("Compare")
        press(app, "Start Over")
        expect(app, L("Answer a question to get a recommendation"))
        expect_gone(app, L("Recommended: Docker"))
        assert not is_pressed(lookup(snapshot(app), B("Developers")))


def nowhere():
    """A Docker host where no daemon answers."""
    return "unix://" + os.path.join(tempfile.mkdtemp(prefix="matou-ui-"), "docker.sock")


def test_next_step_follows_docker(daemon):
    """With Docker running, the recommendation does not offer to install it: it leads on to using it."""
    with matouui.App(LANG="C.UTF-8", DOCKER_HOST=daemon.host) as app:
        app.click_tab("Compare")
        expect(app, L("Answer a question to get a recommendation"))
        answer(app, "Developers", "Linux only", "Needs a GPU", "They differ")
        expect(app, L("Recommended: Docker"), B("Docker Is Running: Try the PyTorch Image"))
        expect_gone(app, B("Install Docker Engine"))

        # WSL is not ranked for a Linux-only app: it is folded away, with the reason.
        nodes = snapshot(app)
        ranked = [n for r, n, node in nodes if r == roles().ROLE_LIST_ITEM and n.endswith(". WSL (Windows Subsystem for Linux)")]
        assert not ranked, "WSL is ranked for a Linux-only app: %r" % ranked
        assert lookup(nodes, (roles().ROLE_LIST_ITEM, "Not for Your Case", "1 option your answers rule out")), \
            "no folded group of ruled-out options"

        # The next step opens the deep-learning article, whose sections are headings.
        press(app, "Docker Is Running: Try the PyTorch Image")
        expect(app, B("Back"), (roles().ROLE_HEADING, "Choose Docker when", None),
               (roles().ROLE_HEADING, "With the PyTorch Docker image", None))


def test_narrow_window():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as config:
        os.makedirs(os.path.join(config, "glib-2.0", "settings"))
        with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
            f.write("[io/github/matou/Matou]\nwindow-size=(400, 800)\n")
        with matouui.App(LANG="C.UTF-8", GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config) as app:
            app.click_tab("Compare")
            # One card per option instead of the table: its name, and a row per criterion.
            expect(app, (roles().ROLE_LIST_ITEM, "Isolation", None), B("About Docker"))
            nodes = snapshot(app)
            for role, name in [(roles().ROLE_PUSH_BUTTON, "About Docker"), (roles().ROLE_LABEL, "Own userland, shared kernel")]:
                assert any(in_view(app, node, vertically=False) for r, n, node in nodes if r == role and n == name), \
                    "%r does not fit the window" % name
            for r, n, node in nodes:
                if r == roles().ROLE_PUSH_BUTTON and n == "Docker" and node.description == "About Docker":
                    assert not in_view(app, node, vertically=False), "the table is on screen in a narrow window"


def test_chinese():
    msgids, catalog = matouui.english_msgids()

    def _(text):
        assert text in catalog, "no Chinese for %r" % text
        return catalog[text]

    def no_english(where):
        english = [t for t in app.showing_labels() if t in msgids and catalog.get(t) != t]
        assert not english, "English strings %s under zh_CN: %r" % (where, english)

    with matouui.App(LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None) as app:
        app.click_tab(_("Compare"))

        # The table.
        expect(app, (roles().ROLE_HEADING, _("Ship a Python app to other machines"), None),
               L(_("Isolation")), L(_("GPU and CUDA")), L(_("High"), _("%s, %s") % ("Docker", _("Isolation"))),
               L(_("Own userland, shared kernel")), L(_("Answer a question to get a recommendation")))

        # The guide, and a changed answer.
        answer(app, _("Servers"), _("No GUI"))
        expect(app, L(_("Recommended: %s") % "Docker"),
               L(_("Services are what Docker is made for: one image, started, restarted and updated "
                   "the same way on every server.")),
               L(_("Your answer: %s · %s") % (_("Servers"), _("Typical use"))))
        answer(app, _("Developers"), _("Alike"), _("New to Docker"))
        expect(app, L(_("Recommended: %s") % _("Python virtual environment")),
               L(_("The machines are alike, so a requirements.txt reproduces the environment.")))
        expect_gone(app, L(_("Recommended: %s") % "Docker"))
        no_english("on the Compare page")
        unnamed = unnamed_controls(app)
        assert not unnamed, "controls without a name on the Compare page in Chinese: %r" % unnamed

        # An option.
        press(app, "PyInstaller", _("About %s") % "PyInstaller")
        expect(app, L(_("Advantages")), L(_("One executable: the target needs neither Python nor pip.")),
               L("pyinstaller --onefile --windowed app.py"), L(_("How to Start")))
        no_english("on PyInstaller's page")


def unnamed_controls(app):
    """What a screen reader would announce by its role alone: the interactive
    nodes on screen that have no name."""
    r = roles()
    interactive = {r.ROLE_PUSH_BUTTON, r.ROLE_TOGGLE_BUTTON, r.ROLE_CHECK_BOX, r.ROLE_RADIO_BUTTON,
                   r.ROLE_LIST_ITEM, r.ROLE_TEXT, r.ROLE_ENTRY, r.ROLE_COMBO_BOX, r.ROLE_PAGE_TAB}
    unnamed = []
    for node in app.find_all(showing=True):
        try:
            role = node.getRole()
            if role in interactive and not (node.name or "").strip():
                unnamed.append("%s under %r" % (node.getRoleName(), node.parent.name if node.parent else None))
        except Exception:
            continue  # a widget that went away while the tree was walked
    return unnamed


def test_every_control_named():
    with matouui.App(LANG="C.UTF-8") as app:
        app.click_tab("Compare")
        expect(app, L("Answer a question to get a recommendation"),
               (roles().ROLE_LIST_ITEM, "Who will run it?", None))
        unnamed = unnamed_controls(app)
        assert not unnamed, "controls without a name on the Compare page: %r" % unnamed

        # The result adds ranked options and their reasons: named too.
        answer(app, "Servers", "No GUI")
        expect(app, L("Recommended: Docker"))
        unnamed = unnamed_controls(app)
        assert not unnamed, "controls without a name under a recommendation: %r" % unnamed


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd({}))
    return [
        ("every control on the Compare page has a name for a screen reader", test_every_control_named),
        ("the comparison table, an option, a command copied", test_matrix_and_option),
        ("the guide recommends, explains, and follows a changed answer to the next step", test_guide),
        ("with Docker running, the recommendation leads to using it; WSL out for Linux only",
         lambda: test_next_step_follows_docker(daemon)),
        ("a narrow window shows one card per option", test_narrow_window),
        ("zh_CN: the table, the guide and an option in Chinese", test_chinese),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
