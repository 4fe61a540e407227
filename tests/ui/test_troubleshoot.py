#!/usr/bin/python3
"""The Troubleshoot page, driven through the accessibility tree: the stages
and their states against a test dockerd, a fix button leading to Settings,
the error explainer, and the same in Chinese."""

import socket
import sys

import matoutest
import matouui

R = None  # pyatspi roles, once imported


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
        app.click_tab("Troubleshoot")
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


def test_explainer():
    with matouui.App(LANG="C.UTF-8", DOCKER_HOST="unix:///nonexistent/docker.sock") as app:
        app.click_tab("Troubleshoot")
        type_into_error_field(app, "Error message",
                              'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: '
                              'lookup registry-1.docker.io on 127.0.0.53:53: read udp 127.0.0.1:39207->127.0.0.53:53: i/o timeout')
        press(app, "Explain")
        label(app, "Name resolution timed out")
        assert any(t.startswith("The daemon resolves registry names") for t in app.showing_labels())
        # Its fix leads to the proxy in Settings.
        press(app, "Set a proxy for the daemon")
        label(app, "Change the daemon’s proxy here, then apply.")
        app.click_tab("Troubleshoot")
        type_into_error_field(app, "Error message", "something no rule knows")
        press(app, "Explain")
        label(app, "Not recognised")


def test_chinese(daemon):
    msgids, catalog = matouui.english_msgids()
    with matouui.App(LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None, **env_for(daemon)) as app:
        app.click_tab(catalog["Troubleshoot"])
        label(app, catalog["Why Pulls Fail"])
        press(app, catalog["Run Checks"])
        label(app, catalog["A check failed: its row says why and what to change."], timeout=60)
        shown = app.showing_labels()
        for text in ("Docker itself", "Reachability", "The Docker daemon answers", "Docker Hub does not answer"):
            assert catalog[text] in shown, "%r not shown in Chinese: %r" % (text, sorted(set(shown)))
        english = [t for t in shown if t in msgids and catalog.get(t) != t]
        assert not english, "English strings on the Troubleshoot page under zh_CN: %r" % english
        press(app, catalog["Add a registry mirror"])
        label(app, catalog["Change the registry mirrors here, then apply."])


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd({}))
    return [
        ("stages and states against a test dockerd; a fix opens Settings", lambda: test_stages_states_and_a_fix(daemon)),
        ("the error explainer: a known message with its fix, an unknown one", test_explainer),
        ("zh_CN: the checks and the fix in Chinese", lambda: test_chinese(daemon)),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
