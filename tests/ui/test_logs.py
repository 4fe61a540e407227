#!/usr/bin/python3
"""The Logs page, driven through the accessibility tree: its empty state and
what it says when the daemon's journal cannot be followed here."""

import os
import sys
import tempfile

import matouui

# What the page may say when journalctl cannot show the daemon's lines. On
# the test machine (a container without systemd) it is the first; another
# machine may give another, and each tells the user what to do.
EXPLANATIONS = [
    "This system does not run systemd",
    "journalctl is not installed",
    "You may not read the system journal",
    "The journal has no lines from docker.service",
]


# Labels the Logs page always shows.
PAGE_STRINGS = {
    "Docker Daemon", "Daemon’s log", "Not followed", "Not available", "Runs in This Session",
    "No helper runs yet. Applying settings or installing Docker adds a run here, with every line it wrote.",
    "Follow the Docker daemon’s log", "Shows what journalctl -u docker prints, as it is written",
    "No lines yet", "Lines appear here as they are written.",
}


def no_daemon_env(tmp):
    return {"DOCKER_HOST": "unix://" + os.path.join(tmp, "docker.sock")}


def find_switch(app, name):
    """The switch of the "follow" row: the row's title names it."""
    return app.wait_for("the switch %r" % name, role=matouui.pyatspi.ROLE_CHECK_BOX, name=name, showing=True)


def click(node):
    action = node.queryAction()
    assert action.nActions > 0, "%r cannot be activated" % node.name
    action.doAction(0)


def is_on(node):
    return matouui.state(node).contains(matouui.pyatspi.STATE_CHECKED)


def wait_for_explanation(app, prefixes):
    def found():
        return [t for t in app.showing_labels() if any(t.startswith(p) for p in prefixes)]
    deadline = matouui.time.monotonic() + matouui.TIMEOUT
    while matouui.time.monotonic() < deadline:
        texts = found()
        if texts:
            return texts[0]
        matouui.time.sleep(0.3)
    raise AssertionError("no explanation appeared; labels on screen: %r" % sorted(set(app.showing_labels())))


def test_empty_state():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        with matouui.App(LANG="C.UTF-8", **no_daemon_env(tmp)) as app:
            app.click_tab("Logs")
            app.wait_for("the list of runs", role=matouui.pyatspi.ROLE_LABEL, name="Runs in This Session", showing=True)
            app.wait_for("the empty list of runs", role=matouui.pyatspi.ROLE_LABEL, showing=True,
                         name="No helper runs yet. Applying settings or installing Docker adds a run here, "
                              "with every line it wrote.")
            # Without runs, the daemon's log is shown: not followed yet, no lines.
            app.wait_for("the empty log view", role=matouui.pyatspi.ROLE_LABEL, name="No lines yet", showing=True)
            app.wait_for("the daemon row's state", role=matouui.pyatspi.ROLE_LABEL, name="Not followed", showing=True)
            assert not is_on(find_switch(app, "Follow the Docker daemon’s log"))


def test_follow_explained():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        with matouui.App(LANG="C.UTF-8", **no_daemon_env(tmp)) as app:
            app.click_tab("Logs")
            switch = find_switch(app, "Follow the Docker daemon’s log")
            click(switch)
            text = wait_for_explanation(app, EXPLANATIONS)
            # Each explanation says where the daemon's lines can be seen instead.
            assert "list of runs" in text or "systemd-journal" in text, text
            if text.startswith(EXPLANATIONS[0]) or text.startswith(EXPLANATIONS[1]):
                # Nothing to follow: the switch goes back off and the row says so.
                app.wait_for("the daemon row's state", role=matouui.pyatspi.ROLE_LABEL, name="Not available", showing=True)
                deadline = matouui.time.monotonic() + 5
                while is_on(switch) and matouui.time.monotonic() < deadline:
                    matouui.time.sleep(0.2)
                assert not is_on(switch), "the switch stayed on although nothing is followed"


def test_follow_explained_chinese():
    _, catalog = matouui.english_msgids()
    explanations = [catalog[m] for m in catalog if isinstance(m, str) and any(m.startswith(p) for p in EXPLANATIONS)]
    # Chinese explanations start with their own words: compare whole texts.
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        with matouui.App(LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None, **no_daemon_env(tmp)) as app:
            app.click_tab(catalog["Logs"])
            app.wait_for("the list of runs in Chinese", role=matouui.pyatspi.ROLE_LABEL,
                         name=catalog["Runs in This Session"], showing=True)
            click(find_switch(app, catalog["Follow the Docker daemon’s log"]))
            wait_for_explanation(app, explanations)
            # Other pages' labels count as showing too (GTK 4.8): look for this page's own.
            english = [t for t in app.showing_labels() if t in PAGE_STRINGS]
            assert not english, "English strings on the Logs page under zh_CN: %r" % english


def make_tests(stack):
    return [
        ("Logs: empty state with no runs and nothing followed", test_empty_state),
        ("Logs: following the daemon's journal explains why it cannot", test_follow_explained),
        ("Logs: the same in Chinese, with no English on screen", test_follow_explained_chinese),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
