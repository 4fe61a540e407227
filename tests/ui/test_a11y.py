#!/usr/bin/python3
"""Every page through a screen reader's ears and by the keyboard alone, in
English and in Chinese: the whole window's accessibility tree on each page
has no control without a name, no name that is a GTK class or keeps a
mnemonic's underscore; the decision guide is answered with key presses only;
and in Chinese a screenshot of each page, at 1200×850 and at the narrowest
width, is kept with the test logs for a person to look at."""

import os
import re
import subprocess
import sys
import tempfile
import time

import matoutest
import matouui

TIMEOUT = matouui.TIMEOUT
# A label each page shows once it is on screen.
PAGE_MARKS = {
    "Overview": "Docker is running",
    "Compare": "Your Case",
    "Install": "Install Docker Engine",
    "Settings": "Proxy for Containers and Builds",
    "Logs": "Runs in This Session",
}
WIDE = (1200, 850)
NARROW = (360, 850)   # the window's smallest width (width-request in matou-window.ui)


def at():
    return matouui.pyatspi


def interactive_roles():
    r = at()
    return {r.ROLE_PUSH_BUTTON, r.ROLE_TOGGLE_BUTTON, r.ROLE_CHECK_BOX, r.ROLE_RADIO_BUTTON,
            r.ROLE_LIST_ITEM, r.ROLE_TEXT, r.ROLE_ENTRY, r.ROLE_PASSWORD_TEXT, r.ROLE_COMBO_BOX,
            r.ROLE_PAGE_TAB, r.ROLE_LINK, r.ROLE_SPIN_BUTTON, r.ROLE_SLIDER, r.ROLE_MENU_ITEM}


# What GTK 4.8 says when nothing names a widget: its type ("GtkImage" for an icon button).
CLASS_NAME = re.compile(r"\b(Gtk|Adw|Matou)[A-Z][a-z]\w*")
# A mnemonic's underscore left in a name ("Use _System Proxy", "测试(_T)"), not one inside a word or a path.
MNEMONIC = re.compile(r"(^|[\s(])_[^\W_]")


PAGE_CLASSES = {"Overview": "MatouOverviewPage", "Compare": "MatouComparePage", "Install": "MatouInstallPage",
                "Settings": "MatouSettingsPage", "Logs": "MatouLogsPage"}


def controls(app, page):
    """The window's controls with the page `page` on screen: the whole tree, but
    not the other pages, which AT-SPI keeps in it (GTK 4.8 names their nodes by
    their class). A list item counts when it takes the focus."""
    r = at()
    interactive = interactive_roles()
    others = {c for p, c in PAGE_CLASSES.items() if p != page}
    found = []

    def walk(node, depth, path):
        if node is None or depth > 60:
            return
        try:
            name = node.name or ""
            if name in others:
                return
            role = node.getRole()
            if role in interactive and (role != r.ROLE_LIST_ITEM or node.getState().contains(r.STATE_FOCUSABLE)):
                found.append((node, role, name, path))
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            return  # a widget that went away while the tree was walked
        if name and not CLASS_NAME.search(name):
            path = path + [name]
        for child in children:
            walk(child, depth + 1, path)

    walk(app.node, 0, [])
    return found


def problems_on_screen(app, page):
    """What a screen reader would announce badly on the page now on screen: a
    control (something that takes the focus or an action) without a name, or
    named by a GTK class, a mnemonic's underscore, or its label said twice.
    Containers and decorative images that GTK names by their class are not
    announced as controls and are left out."""
    found = []
    for node, role, name, path in controls(app, page):
        try:
            where = "%s: %s %r in %s" % (page, node.getRoleName(), name, " › ".join(path[-3:]))
        except Exception:
            continue
        if not name.strip():
            found.append("no name: " + where)
        if CLASS_NAME.search(name):
            found.append("a class for a name: " + where)
        if MNEMONIC.search(name):
            found.append("a mnemonic underscore: " + where)
        half = len(name) // 2
        if len(name) > 3 and len(name) % 2 == 1 and name[half] == " " and name[:half] == name[half + 1:]:
            found.append("the name said twice: " + where)
    return found


def sized(width, height):
    """A GSettings keyfile that opens the window at this size."""
    config = tempfile.mkdtemp(prefix="matou-ui-")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w") as f:
        f.write("[io/github/matou/Matou]\nwindow-size=(%d, %d)\n" % (width, height))
    return dict(GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config)


def show_page(app, page, title):
    app.click_tab(title(page))
    app.wait_for("the %s page" % page, role=at().ROLE_LABEL, name=title(PAGE_MARKS[page]), showing=True)
    time.sleep(0.5)  # the page's rows are built once it is mapped


def translator(lang):
    if lang == "C.UTF-8":
        return lambda text: text
    _, catalog = matouui.english_msgids()

    def _(text):
        assert text in catalog, "no Chinese for %r" % text
        return catalog[text]
    return _


def walk_pages(daemon, lang, size, screenshots):
    """Every page: its tree checked, and (in Chinese) its picture taken."""
    _ = translator(lang)
    width, height = size
    found = []
    env = dict(DOCKER_HOST=daemon.host, LANG=lang, LANGUAGE=None, LC_ALL=None, **sized(width, height))
    with matouui.App(**env) as app:
        for page in matouui.PAGES:
            show_page(app, page, _)
            found += problems_on_screen(app, page)
            if screenshots:
                path = matouui.screenshot(app, "%s-%s-%dx%d" % (lang.split(".")[0], page.lower(), width, height))
                print("# screenshot: %s" % path, flush=True)
        # The decision guide's result adds rows, and the rows a ruled-out option goes to.
        show_page(app, "Compare", _)
        for answer in ("Servers", "No GUI", "Linux only"):
            press_named(app, _(answer))
        app.wait_for("the recommendation", role=at().ROLE_LABEL, name=_("Recommended: %s") % "Docker")
        found += problems_on_screen(app, "Compare with a recommendation")
    return found


def press_named(app, name):
    node = app.wait_for("the button %r" % name, role=at().ROLE_PUSH_BUTTON, name=name, showing=True)
    action = node.queryAction()
    action.doAction([action.getName(i) for i in range(action.nActions)].index("click"))


def test_names(daemon, lang):
    found = walk_pages(daemon, lang, WIDE, screenshots=lang != "C.UTF-8")
    assert not found, "\n".join(found)


def test_narrow_chinese(daemon):
    found = walk_pages(daemon, "zh_CN.UTF-8", NARROW, screenshots=True)
    assert not found, "\n".join(found)


def focusable_nodes(app, page):
    """Every node of the window, but the other pages, that can take the focus."""
    others = {c for p, c in PAGE_CLASSES.items() if p != page}
    found = []

    def walk(node, depth):
        if node is None or depth > 60:
            return
        try:
            if node.name in others:
                return
            if node.getState().contains(at().STATE_FOCUSABLE):
                found.append(node)
            children = [node.getChildAtIndex(i) for i in range(node.childCount)]
        except Exception:
            return
        for child in children:
            walk(child, depth + 1)

    walk(app.node, 0)
    return found


def tab_to(app, wanted, limit=80, page="Compare", key="Tab"):
    """Presses Tab until the focus is on a node named `wanted`; returns every
    node the focus passed on the way (role, name, node)."""
    candidates = focusable_nodes(app, page)  # Tab moves the focus, it does not change the tree
    passed = []
    for _ in range(limit):
        matouui.key(app, key)
        node = None
        for candidate in candidates:
            try:
                if candidate.getState().contains(at().STATE_FOCUSED):
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
                         % (wanted, limit, key, [n for r, n, x in passed]))


def test_guide_by_keyboard(lang):
    """Compare: Alt+2, then Tab and Space through the questions, to the recommendation and
    on to its next step with Enter; no stop on the way is a text that does nothing."""
    _ = translator(lang)
    static = []
    nowhere = "unix://" + os.path.join(tempfile.mkdtemp(prefix="matou-ui-"), "docker.sock")
    with matouui.App(DOCKER_HOST=nowhere, LANG=lang, LANGUAGE=None, LC_ALL=None, **sized(*WIDE)) as app:
        app.wait_for("the window", role=at().ROLE_PAGE_TAB, name=_("Overview"))
        matouui.key(app, "alt+2")
        app.wait_for("the Compare page", role=at().ROLE_LABEL, name=_("Your Case"), showing=True)
        for answer in ("Developers", "Linux only", "No GUI", "Needs a GPU", "They differ"):
            passed = tab_to(app, _(answer))
            static += [n for r, n, x in passed if r in (at().ROLE_LABEL, at().ROLE_LIST_ITEM)
                       and not x.getState().contains(at().STATE_EXPANDABLE)]
            matouui.key(app, "space")
        app.wait_for("the recommendation", role=at().ROLE_LABEL, name=_("Recommended: %s") % "Docker",
                     showing=True)

        # WSL is not ranked for a Linux-only app: it is folded away with the reason.
        ranked = [n.name for n in app.find_all(role=at().ROLE_LIST_ITEM, showing=True)]
        wsl = _("WSL (Windows Subsystem for Linux)")
        assert not any(name.endswith(" " + wsl) for name in ranked), "WSL is ranked: %r" % ranked
        assert any(name.endswith(" " + _("Python virtual environment")) for name in ranked), \
            "the ranking is not where the test looks: %r" % ranked
        excluded = app.wait_for("the group of ruled-out options", role=at().ROLE_LIST_ITEM,
                                name=_("Not for Your Case"), showing=True)

        # On to the recommendation's next step, by Tab and Enter alone: through the reasons without
        # a stop, since they are only text.
        next_step = _("Install Docker Engine")
        passed = tab_to(app, next_step)
        static += [n for r, n, x in passed if r in (at().ROLE_LABEL, at().ROLE_LIST_ITEM)
                   and not x.getState().contains(at().STATE_EXPANDABLE)]
        assert not static, "the Tab chain stops on text that does nothing: %r" % static
        # Folded: the reason is there to unfold, not in the way; Space unfolds it.
        assert excluded is not None
        reason = "%s\n%s" % (_("WSL exists only on Windows."),
                              _("Your answer: %s · %s") % (_("Linux only"), _("Works across systems")))
        assert not app.find_all(role=at().ROLE_LABEL, name=reason, showing=True), \
            "the group of ruled-out options is not folded"
        tab_to(app, _("Not for Your Case"))
        matouui.key(app, "space")
        app.wait_for("the reason WSL is ruled out", role=at().ROLE_LABEL, name=reason, showing=True)
        tab_to(app, next_step, key="shift+Tab")
        matouui.key(app, "Return")
        deadline = time.monotonic() + TIMEOUT
        while True:
            tabs = app.find_all(role=at().ROLE_PAGE_TAB, name=_("Install"))
            compare_left = not app.find_all(role=at().ROLE_LABEL, name=_("Your Case"), showing=True)
            if any(matouui.state(t).contains(at().STATE_SELECTED) for t in tabs) or compare_left:
                break
            assert time.monotonic() < deadline, "Enter on %r led nowhere" % next_step
            time.sleep(0.3)


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd(matoutest.load_fixture("daemon-mirrors.json")))
    return [
        ("every page, English: every control named, no class names, no mnemonic underscores",
         lambda: test_names(daemon, "C.UTF-8")),
        ("every page, zh_CN at 1200×850: every control named; screenshots kept",
         lambda: test_names(daemon, "zh_CN.UTF-8")),
        ("every page, zh_CN at the narrowest width: every control named; screenshots kept",
         lambda: test_narrow_chinese(daemon)),
        ("Compare by keyboard alone: answers, the recommendation without WSL, its next step",
         lambda: test_guide_by_keyboard("C.UTF-8")),
        ("zh_CN: Compare by keyboard alone", lambda: test_guide_by_keyboard("zh_CN.UTF-8")),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
