#!/usr/bin/python3
"""Every page through a screen reader's ears, in English and in Chinese: the
whole window's accessibility tree on each page has no control without a
name, no name that is a GTK class or keeps a mnemonic's underscore; and in
Chinese a screenshot of each page, at 1200×850 and at the narrowest width,
is kept with the test logs for a person to look at (the narrowest width in
test_narrow.py, to keep each test short; test_keyboard.py walks the decision
guide with key presses alone)."""

import os
import re
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
    "Diagnose": "Why Pulls Fail",
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
    found = walk_pages(daemon, lang, WIDE, screenshots=True)
    assert not found, "\n".join(found)


def test_narrow(daemon, lang):
    found = walk_pages(daemon, lang, NARROW, screenshots=True)
    assert not found, "\n".join(found)


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd(matoutest.load_fixture("daemon-mirrors.json")))
    return [
        ("every page, English: every control named, no class names, no mnemonic underscores",
         lambda: test_names(daemon, "C.UTF-8")),
        ("every page, zh_CN at 1200×850: every control named; screenshots kept (both languages)",
         lambda: test_names(daemon, "zh_CN.UTF-8")),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
