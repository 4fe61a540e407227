#!/usr/bin/python3
"""The decision guide by the keyboard alone, in English and in Chinese: real
key presses (xdotool, as a keyboard sends them to the X server) answer its
questions, open the folded options an answer rules out, and take the
recommendation's next step; the Tab chain never stops on text that does
nothing. On Settings, Enter adds a mirror and leaves the focus in the box
for the next one, and Ctrl+Return asks to apply from anywhere on the page.
Ctrl+? shows the shortcuts window."""

import json
import os
import sys
import tempfile
import time

import matouui
from test_a11y import PAGE_CLASSES, TIMEOUT, WIDE, at, sized, translator


def tab_to(app, wanted, press="Tab"):
    """Tab presses within the Compare page and the header bar."""
    return matouui.tab_to(app, wanted, skip={c for p, c in PAGE_CLASSES.items() if p != "Compare"}, press=press)


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
        tab_to(app, next_step, press="shift+Tab")
        matouui.key(app, "Return")
        deadline = time.monotonic() + TIMEOUT
        while True:
            tabs = app.find_all(role=at().ROLE_PAGE_TAB, name=_("Install"))
            compare_left = not app.find_all(role=at().ROLE_LABEL, name=_("Your Case"), showing=True)
            if any(matouui.state(t).contains(at().STATE_SELECTED) for t in tabs) or compare_left:
                break
            assert time.monotonic() < deadline, "Enter on %r led nowhere" % next_step
            time.sleep(0.3)


def gone(app, label, message):
    deadline = time.monotonic() + TIMEOUT
    while app.find_all(role=at().ROLE_LABEL, name=label, showing=True):
        assert time.monotonic() < deadline, message
        time.sleep(0.3)


def test_settings_by_keyboard(lang):
    """Settings: Alt+4, Tab to the add-mirror box, type, Enter: the mirror is in the list and the
    focus is still in the box. Ctrl+Return asks to apply; Escape answers no, and daemon.json is
    as it was."""
    _ = translator(lang)
    folder = tempfile.mkdtemp(prefix="matou-ui-")
    nowhere = "unix://" + os.path.join(folder, "docker.sock")
    config = os.path.join(folder, "daemon.json")
    original = json.dumps({"log-level": "warn"}, indent=2) + "\n"
    with open(config, "w") as f:
        f.write(original)
    mirror = "https://keyboard.example.org"
    add_box = _("Add a mirror, for example %s") % "https://docker.1ms.run"
    docker_config = os.path.join(folder, "docker-config")
    with matouui.App(DOCKER_HOST=nowhere, LANG=lang, LANGUAGE=None, LC_ALL=None, MATOU_DAEMON_JSON=config,
                     MATOU_DROPIN_DIR=os.path.join(folder, "docker.service.d"), DOCKER_CONFIG=docker_config,
                     **sized(*WIDE)) as app:
        app.wait_for("the window", role=at().ROLE_PAGE_TAB, name=_("Overview"))
        matouui.key(app, "alt+4")
        app.wait_for("the Settings page", role=at().ROLE_TEXT, name=add_box)
        # GTK 4.8 neither marks a focused entry row's text as focused on the accessibility tree
        # nor reads its text back: where the keys go shows in what the page says of a typed,
        # not yet added address. Tab reaches the mirror list (an empty list used to be skipped
        # whole): its Suggestions, and one step back, the add box.
        others = {c for p, c in PAGE_CLASSES.items() if p != "Settings"}
        not_added = _("Not added yet: press Enter or Add to put it in the list. Apply leaves it out until then.")
        matouui.tab_to(app, _("Suggestions"), skip=others)
        matouui.key(app, "shift+Tab")
        matouui.type_text(app, mirror)
        app.wait_for("the note on a typed address (Shift+Tab from the suggestions went elsewhere?)",
                     role=at().ROLE_LABEL, name=not_added, showing=True)
        matouui.key(app, "Return")
        app.wait_for("the mirror in the list", role=at().ROLE_LABEL, name=mirror)
        gone(app, not_added, "the note on a typed address stays after Enter added it")

        # The focus stays in the box, ready for the next mirror: what is typed lands there.
        matouui.type_text(app, "https://second.example.org")
        app.wait_for("the note on the second address (after Enter the keys went elsewhere?)",
                     role=at().ROLE_LABEL, name=not_added, showing=True)
        matouui.key(app, "ctrl+a", "BackSpace")
        gone(app, not_added, "the second address could not be cleared from the box")

        # Ctrl+Return from the box: the question before applying, not 17 Tabs away.
        matouui.key(app, "ctrl+Return")
        asked = [_("Apply These Settings?"), _("Restart Docker with These Settings?")]
        deadline = time.monotonic() + TIMEOUT
        while not any(app.find_all(role=at().ROLE_LABEL, name=q, showing=True) for q in asked):
            assert time.monotonic() < deadline, "Ctrl+Return did not ask to apply"
            time.sleep(0.3)
        matouui.key(app, "Escape")
        deadline = time.monotonic() + TIMEOUT
        while any(app.find_all(role=at().ROLE_LABEL, name=q, showing=True) for q in asked):
            assert time.monotonic() < deadline, "Escape did not close the question"
            time.sleep(0.3)

        # Revert takes the mirror back. The containers' proxy has no Save of its own: the same
        # Ctrl+Return saves it, into the user's own file, with no question and no password.
        revert = app.wait_for("Revert", role=at().ROLE_PUSH_BUTTON, name=_("Revert"))
        revert.queryAction().doAction(0)
        gone(app, mirror, "Revert left the mirror in the list")
        field = app.wait_for("the containers' HTTP proxy", role=at().ROLE_TEXT, name=_("HTTP proxy for containers"))
        field.queryEditableText().setTextContents("http://proxy.example:3128")
        app.wait_for("the bar saying what Apply saves", role=at().ROLE_LABEL, showing=True,
                     name=_("Changes to save: the containers’ proxy, in your own file; no password needed."))
        matouui.key(app, "ctrl+Return")
        app.wait_for("the bar after saving", role=at().ROLE_LABEL, name=_("No changes."), showing=True)
        assert not any(app.find_all(role=at().ROLE_LABEL, name=q, showing=True) for q in asked), \
            "saving the containers' proxy asked about the daemon"
        with open(os.path.join(docker_config, "config.json")) as f:
            saved = json.load(f)
        assert saved["proxies"]["default"]["httpProxy"] == "http://proxy.example:3128", saved
    with open(config) as f:
        assert f.read() == original, "daemon.json changed though the question was answered no"


def test_shortcuts_window():
    """Ctrl+? shows the shortcuts window, which is not built before it is asked for."""
    nowhere = "unix://" + os.path.join(tempfile.mkdtemp(prefix="matou-ui-"), "docker.sock")
    proxy_shortcut = "Turn the Daemon Proxy On or Off"
    # GTK 4.8's own GtkShortcutsWindow warns as it is shown ("GtkLabel ... reported min width -3"),
    # with the window built at start as well as here: its warnings cannot be fatal in this run.
    with matouui.App(DOCKER_HOST=nowhere, LANG="C.UTF-8", LANGUAGE=None, LC_ALL=None, G_DEBUG="",
                     **sized(*WIDE)) as app:
        app.wait_for("the window", role=at().ROLE_PAGE_TAB, name="Overview")
        assert not app.find_all(role=at().ROLE_LABEL, name=proxy_shortcut), "the shortcuts window exists already"
        matouui.key(app, "ctrl+question")
        app.wait_for("the shortcuts window", role=at().ROLE_LABEL, name=proxy_shortcut, showing=True)


def make_tests(stack):
    return [
        ("Ctrl+? shows the shortcuts window, built when first asked for", test_shortcuts_window),
        ("Compare by keyboard alone: answers, the recommendation without WSL, its next step",
         lambda: test_guide_by_keyboard("C.UTF-8")),
        ("zh_CN: Compare by keyboard alone", lambda: test_guide_by_keyboard("zh_CN.UTF-8")),
        ("Settings by keyboard: Enter adds a mirror and keeps the focus; Ctrl+Return asks to apply",
         lambda: test_settings_by_keyboard("C.UTF-8")),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
