#!/usr/bin/python3
"""The Diagnose page, driven through the accessibility tree: the stages
and their states against a test dockerd, a fix button leading to Settings,
the error explainer, and the same in Chinese."""

import json
import os
import socket
import sys
import time

import matoutest
import matouui

R = None  # pyatspi roles, once imported
HELPER = os.environ["MATOU_HELPER"]


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(daemon, **more):
    # A stand-in for Docker Hub on a closed loopback port: "not reachable" at once, with no network.
    env = dict(DOCKER_HOST=daemon.host, MATOU_DOCTOR_HUB_URL="http://127.0.0.1:%d" % closed_port())
    env.update(more)
    return env


def press(app, name):
    button = app.wait_for("the button %r" % name, role=matouui.pyatspi.ROLE_PUSH_BUTTON, name=name, showing=True)
    button.queryAction().doAction(0)


def label(app, name, what=None, timeout=matouui.TIMEOUT):
    return app.wait_for(what or "the label %r" % name, timeout=timeout,
                        role=matouui.pyatspi.ROLE_LABEL, name=name, showing=True)


def type_into_error_field(app, name, text):
    view = app.wait_for("the error field", role=matouui.pyatspi.ROLE_TEXT, name=name)
    view.queryEditableText().setTextContents(text)


def test_stages_states_and_a_fix(daemon):
    with matouui.App(LANG="C.UTF-8", **env_for(daemon)) as app:
        app.click_tab("Diagnose")
        label(app, "Why Pulls Fail")
        press(app, "Run Checks")
        label(app, "A check failed: its row says why and what to change.", timeout=60)
        shown = set(app.showing_labels())
        # The stages, as groups, with their checks' titles and states.
        for stage in ("Docker itself", "Where the configuration comes from", "Name resolution",
                      "Reachability", "Registry handshake"):
            assert stage in shown, "stage %r not shown: %r" % (stage, sorted(shown))
        for title in ("The Docker daemon answers", "Docker Hub does not answer", "Docker Hub’s handshake"):
            assert title in shown, "check %r not shown: %r" % (title, sorted(shown))
        for state in ("OK", "Failed", "Skipped"):
            assert state in shown, "state %r not shown" % state
        # The fix of the failed check opens Settings and says what to change there.
        press(app, "Add a registry mirror")
        label(app, "Proxy for Containers and Builds", "the Settings page")
        label(app, "Change the registry mirrors here, then apply.", "the note of what to change")
        # ... with the mirror suggestions unfolded, one click from adding one.
        deadline = time.monotonic() + matouui.TIMEOUT
        while not [b for b in app.find_all(role=matouui.pyatspi.ROLE_PUSH_BUTTON, showing=True)
                   if b.name.startswith("Add ") and b.name != "Add a registry mirror"]:
            assert time.monotonic() < deadline, "the fix did not unfold the mirror suggestions"
            time.sleep(0.3)


def test_explainer():
    with matouui.App(LANG="C.UTF-8", DOCKER_HOST="unix:///nonexistent/docker.sock") as app:
        app.click_tab("Diagnose")
        type_into_error_field(app, "Error message",
                              'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: '
                              'lookup registry-1.docker.io on 127.0.0.53:53: read udp 127.0.0.1:39207->127.0.0.53:53: i/o timeout')
        press(app, "Explain")
        label(app, "Name resolution timed out")
        assert any(t.startswith("The daemon resolves registry names") for t in app.showing_labels())
        # Its fix leads to the proxy in Settings.
        press(app, "Set a proxy for the daemon")
        label(app, "Change the daemon’s proxy here, then apply.")
        app.click_tab("Diagnose")
        type_into_error_field(app, "Error message", "something no rule knows")
        press(app, "Explain")
        label(app, "Not recognised")


def test_chinese(daemon):
    msgids, catalog = matouui.english_msgids()
    with matouui.App(LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None, **env_for(daemon)) as app:
        app.click_tab(catalog["Diagnose"])
        label(app, catalog["Why Pulls Fail"])
        press(app, catalog["Run Checks"])
        label(app, catalog["A check failed: its row says why and what to change."], timeout=60)
        shown = app.showing_labels()
        for text in ("Docker itself", "Reachability", "The Docker daemon answers", "Docker Hub does not answer"):
            assert catalog[text] in shown, "%r not shown in Chinese: %r" % (text, sorted(set(shown)))
        english = [t for t in shown if t in msgids and catalog.get(t) != t]
        assert not english, "English strings on the Diagnose page under zh_CN: %r" % english
        press(app, catalog["Add a registry mirror"])
        label(app, catalog["Change the registry mirrors here, then apply."])


def tree_path(node):
    """Where a node sits in the tree: its index in each parent, up to the top."""
    path = []
    while node is not None and node.parent is not None:
        path.append(node.getIndexInParent())
        node = node.parent
    return tuple(reversed(path))


def start_buttons(app):
    return {tree_path(b): b for b in app.find_all(role=matouui.pyatspi.ROLE_PUSH_BUTTON, name="Start Docker")}


def common(a, b):
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def press_start_in_checks(app, overview_buttons):
    """The "Start Docker" fix of the daemon's check: Overview has a button of that name too,
    there before the checks ran. Returns how deep a node must share the fix's path to be
    on the Diagnose page rather than on another."""
    deadline = time.monotonic() + matouui.TIMEOUT
    while time.monotonic() < deadline:
        fixes = [(path, b) for path, b in start_buttons(app).items() if path not in overview_buttons]
        if fixes:
            path, button = fixes[0]
            button.queryAction().doAction(0)
            return path, 1 + max(common(path, other) for other in overview_buttons)
        time.sleep(0.3)
    raise AssertionError("no Start Docker fix among the checks; labels: %r" % sorted(set(app.showing_labels())))


def wait_for_label_containing(app, text, timeout=90, page=None):
    """A label holding text; with page (a path and a depth), only one on that page:
    the Logs page's run summary says the same."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [n.name for n in app.find_all(role=matouui.pyatspi.ROLE_LABEL, showing=True)
                 if text in n.name and (page is None or common(tree_path(n), page[0]) >= page[1])]
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError("no label with %r within %d s; labels: %r" % (text, timeout, sorted(set(app.showing_labels()))))


def test_start_docker_fix():
    # A test daemon that is stopped, and the helper pointed at it (as root, without pkexec).
    daemon = matoutest.Dockerd({"matou-bogus-key": 1})
    try:
        with open(daemon.config_file, "w") as f:
            json.dump(daemon.config, f)
        conf = matoutest.write_helper_conf(daemon)
        env = env_for(daemon, LANG="C.UTF-8", MATOU_HELPER_COMMAND="%s --config %s" % (HELPER, conf))
        with matouui.App(**env) as app:
            app.wait_for("Overview's Start Docker", role=matouui.pyatspi.ROLE_PUSH_BUTTON, name="Start Docker")
            overview_buttons = set(start_buttons(app))
            app.click_tab("Diagnose")
            press(app, "Run Checks")
            label(app, "A check failed: its row says why and what to change.", timeout=60)
            # The daemon refuses its file: the fix says why, in the daemon's words.
            page = press_start_in_checks(app, overview_buttons)
            reason = wait_for_label_containing(app, "refuses its configuration file", page=page)
            assert "matou-bogus-key" in reason, reason
            # Fixed, the same fix starts it, and the checks run again and find it answering.
            with open(daemon.config_file, "w") as f:
                json.dump({}, f)
            press_start_in_checks(app, overview_buttons)
            label(app, "Docker started. The checks run again.", timeout=90)
            label(app, "The Docker daemon answers", "the daemon's check, run again", timeout=90)
            _, _, version = matoutest.engine_get(daemon.socket, "/version")
            wait_for_label_containing(app, "Engine %s" % version["Version"])
    finally:
        daemon.stop()


def test_pull_through_fix(daemon):
    """An image of ghcr.io: the page offers the pull through a prefix mirror (a
    real registry on loopback stands in for one); the button pulls it, tags it
    back under its own name and says so."""
    image = "ghcr.io/matou-test/busybox:1"
    with matoutest.registry() as (port, _):
        prefix = "127.0.0.1:%d" % port
        prefixed = "%s/%s" % (prefix, image)
        tar = os.path.join(daemon.dir, "busybox.tar")
        matoutest.busybox_tar(tar)
        matoutest.docker_cli(daemon, "import", tar, prefixed)
        matoutest.docker_cli(daemon, "push", prefixed)
        matoutest.docker_cli(daemon, "rmi", prefixed)
        try:
            with matouui.App(LANG="C.UTF-8", **env_for(daemon, MATOU_DOCTOR_PREFIX_MIRROR=prefix)) as app:
                app.click_tab("Diagnose")
                field = app.wait_for("the image field", role=matouui.pyatspi.ROLE_TEXT,
                                     name="Image for a test pull (optional)")
                field.queryEditableText().setTextContents(image)
                press(app, "Run Checks")
                label(app, "Registry mirrors do not serve this image", timeout=90)
                assert not matoutest.image_exists(daemon, image)
                press(app, "Pull through %s and tag it back" % prefix)
                label(app, "Pulled through the prefix mirror", timeout=120)
                label(app, "The image came through a prefix mirror")
                matouui.screenshot(app, "diagnose-pull-through")
                assert matoutest.image_exists(daemon, image)
                assert not matoutest.image_exists(daemon, prefixed)
        finally:
            if matoutest.image_exists(daemon, image):
                matoutest.docker_cli(daemon, "rmi", image)


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd({}))
    return [
        ("stages and states against a test dockerd; a fix opens Settings", lambda: test_stages_states_and_a_fix(daemon)),
        ("the error explainer: a known message with its fix, an unknown one", test_explainer),
        ("zh_CN: the checks and the fix in Chinese", lambda: test_chinese(daemon)),
        ("an image of another registry: the fix pulls it through a prefix mirror and tags it back",
         lambda: test_pull_through_fix(daemon)),
        ("a stopped daemon: the Start Docker fix shows the daemon's reason, then starts it and runs the checks again",
         test_start_docker_fix),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
