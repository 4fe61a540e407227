#!/usr/bin/python3
"""The window and the Overview page, driven through the accessibility tree."""

import hashlib
import json
import os
import sys
import tempfile
import time

import matoutest
import matouui

HELPER = os.environ["MATOU_HELPER"]
PAGES = matouui.PAGES
# A label each page shows once it is on screen.
PAGE_MARKS = {
    "Compare": "Your Case",
    "Install": "Install Docker Engine",
    "Settings": "Proxy for Containers and Builds",
    "Logs": "Runs in This Session",
    "Diagnose": "Why Pulls Fail",
    "Overview": "Docker is running",
}


def test_pages_reachable_and_version_shown(daemon):
    _, _, version = matoutest.engine_get(daemon.socket, "/version")
    with matouui.App(DOCKER_HOST=daemon.host, LANG="C.UTF-8") as app:
        # Overview tells the truth about the daemon it was pointed at.
        app.wait_for("the daemon's version %s" % version["Version"],
                     role=matouui.pyatspi.ROLE_LABEL, name=version["Version"], showing=True)
        app.wait_for("the API version", role=matouui.pyatspi.ROLE_LABEL, name=version["ApiVersion"], showing=True)
        app.wait_for("the running status", role=matouui.pyatspi.ROLE_LABEL, name="Docker is running", showing=True)
        # The mirrors the daemon itself reports, in its order, one per line.
        _, _, info = matoutest.engine_get(daemon.socket, "/info")
        reported = info["RegistryConfig"]["Mirrors"]
        assert reported == ["https://docker.1ms.run/", "https://mirror.example.com:5000/"], reported
        app.wait_for("the mirrors the daemon reports", role=matouui.pyatspi.ROLE_LABEL,
                     name="\n".join(reported), showing=True)

        # Each page is reachable by its name, and its content is then on screen.
        for page in ["Compare", "Install", "Settings", "Logs", "Diagnose", "Overview"]:
            app.click_tab(page)
            app.wait_for("the %s page" % page, role=matouui.pyatspi.ROLE_LABEL, name=PAGE_MARKS[page], showing=True)


def test_no_daemon_explained():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as empty:
        host = "unix://" + os.path.join(empty, "docker.sock")
        with matouui.App(DOCKER_HOST=host, LANG="C.UTF-8") as app:
            app.wait_for("the 'not running' explanation", role=matouui.pyatspi.ROLE_LABEL,
                         name="The Docker daemon is not running", showing=True)
            text = [t for t in app.showing_labels() if t.startswith("Docker is installed, but nothing answers")]
            assert text and empty in text[0], "the explanation does not name the socket: %r" % text


def press_button(app, name):
    node = app.wait_for("the %r button" % name, role=matouui.pyatspi.ROLE_PUSH_BUTTON, name=name, showing=True)
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("click") if "click" in names else 0)


def wait_for_label_containing(app, text, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [t for t in app.showing_labels() if text in t]
        if found:
            return found[0]
        time.sleep(0.5)
    raise AssertionError("no label with %r within %d s; labels: %r" % (text, timeout, app.showing_labels()))


def test_start_docker():
    # A test daemon that is stopped, and the helper pointed at it (as root, without pkexec).
    daemon = matoutest.Dockerd({"matou-bogus-key": 1})
    try:
        with open(daemon.config_file, "w") as f:
            json.dump(daemon.config, f)
        conf = matoutest.write_helper_conf(daemon)
        with matouui.App(DOCKER_HOST=daemon.host, LANG="C.UTF-8",
                         MATOU_HELPER_COMMAND="%s --config %s" % (HELPER, conf)) as app:
            app.wait_for("the 'not running' status", role=matouui.pyatspi.ROLE_LABEL,
                         name="The Docker daemon is not running", showing=True)
            explanation = wait_for_label_containing(app, "nothing answers on")
            assert "systemctl" not in explanation, explanation

            # The daemon refuses its file: the page says why, and what to do.
            press_button(app, "Start Docker")
            reason = wait_for_label_containing(app, "refuses its configuration file")
            assert "matou-bogus-key" in reason and "start Docker again" in reason, reason

            # Fixed, the same button brings it back, and Overview shows it running.
            with open(daemon.config_file, "w") as f:
                json.dump({}, f)
            press_button(app, "Start Docker")
            app.wait_for("the running status", role=matouui.pyatspi.ROLE_LABEL, name="Docker is running",
                         showing=True, timeout=90)
            _, _, version = matoutest.engine_get(daemon.socket, "/version")
            app.wait_for("the daemon's version", role=matouui.pyatspi.ROLE_LABEL, name=version["Version"],
                         showing=True)
            assert not app.find_all(role=matouui.pyatspi.ROLE_PUSH_BUTTON, name="Start Docker", showing=True)
            # The reason leaves the page; the failed run's toast (8 s) may still be fading out.
            deadline = time.monotonic() + 20
            while [t for t in app.showing_labels() if "refuses its configuration file" in t]:
                assert time.monotonic() < deadline, app.showing_labels()
                time.sleep(0.5)
    finally:
        daemon.stop()


def write_context(home, name, host):
    """A docker context as `docker context create NAME --docker host=HOST` writes it."""
    meta = os.path.join(home, ".docker", "contexts", "meta", hashlib.sha256(name.encode()).hexdigest())
    os.makedirs(meta)
    with open(os.path.join(meta, "meta.json"), "w") as f:
        json.dump({"Name": name, "Metadata": {}, "Endpoints": {"docker": {"Host": host, "SkipTLSVerify": False}}}, f)


def test_remote_engine_shown():
    port = matoutest.free_port()
    host = "tcp://127.0.0.1:%d" % port
    with matoutest.Dockerd({}, extra_args=["-H", host]) as remote, tempfile.TemporaryDirectory(prefix="matou-home-") as home:
        write_context(home, "lan-box", host)
        with open(os.path.join(home, ".docker", "config.json"), "w") as f:
            json.dump({"currentContext": "lan-box"}, f)
        _, _, version = matoutest.engine_get(remote.socket, "/version")
        # The docker CLI's current context, with nothing in the environment saying otherwise.
        with matouui.App(HOME=home, LANG="C.UTF-8") as app:
            app.wait_for("the running status", role=matouui.pyatspi.ROLE_LABEL, name="Docker is running", showing=True)
            app.wait_for("the remote daemon's version", role=matouui.pyatspi.ROLE_LABEL,
                         name=version["Version"], showing=True)
            app.wait_for("which Engine", role=matouui.pyatspi.ROLE_LABEL,
                         name="%s (context “lan-box”)" % host, showing=True)
            assert "Docker Engine %s answers on %s." % (version["Version"], host) in app.showing_labels()
            # Settings: what the page says instead of applying, and Export… there to use.
            app.click_tab("Settings")
            app.wait_for("the remote Engine notice", role=matouui.pyatspi.ROLE_LABEL, showing=True,
                         name=("Matou shows the Docker Engine at %s (context “lan-box”), which runs on another computer. "
                               "Settings for a remote Engine are not applied from here: the form shows this computer’s files. "
                               "To set that Engine up, use Export… below and run the playbook or the script on that computer." % host))
            app.wait_for("the apply line", role=matouui.pyatspi.ROLE_LABEL, showing=True,
                         name="Settings for a remote Engine are not applied from here: use Export…")
            apply = app.wait_for("the Apply button", role=matouui.pyatspi.ROLE_PUSH_BUTTON, name="Apply…")
            export = app.wait_for("the Export… button", name="Export…", showing=True)
            assert not matouui.state(apply).contains(matouui.pyatspi.STATE_SENSITIVE), "Apply is on for a remote Engine"
            assert matouui.state(export).contains(matouui.pyatspi.STATE_SENSITIVE), "Export… is off"
    # Nothing there any more: explained as a remote Engine, not as a local daemon to start.
    with matouui.App(DOCKER_HOST=host, LANG="C.UTF-8") as app:
        app.wait_for("the 'does not answer' explanation", role=matouui.pyatspi.ROLE_LABEL,
                     name="The remote Docker Engine does not answer", showing=True)
        assert any(t.startswith("Nothing answers at %s" % host) for t in app.showing_labels())
    with matouui.App(DOCKER_HOST="fd://", LANG="C.UTF-8") as app:
        app.wait_for("the explanation that this host cannot be used", role=matouui.pyatspi.ROLE_LABEL,
                     name="Matou cannot use this Docker host", showing=True)
        assert any("fd://" in t for t in app.showing_labels())


def test_chinese(daemon):
    msgids, catalog = matouui.english_msgids()
    with matouui.App(DOCKER_HOST=daemon.host, LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None) as app:
        app.wait_for("the running status in Chinese", role=matouui.pyatspi.ROLE_LABEL,
                     name=catalog["Docker is running"], showing=True)
        tabs = {n.name for n in app.find_all(role=matouui.pyatspi.ROLE_PAGE_TAB)}
        expected = {catalog[p] for p in PAGES}
        assert tabs == expected, "page tabs are %r, expected %r" % (tabs, expected)
        assert all(catalog[p] != p for p in PAGES), "a page name is not translated"
        # A name translated as itself ("Matou", the window title once six page names
        # no longer fit the header) is not English left behind.
        english = [t for t in app.showing_labels() if t in msgids and catalog.get(t) != t]
        assert not english, "English strings on screen under zh_CN: %r" % english
        for page in PAGES[1:]:
            app.click_tab(catalog[page])
            # The page has drawn once its own label shows, in Chinese; only then is "no English" a finding.
            app.wait_for("the %s page in Chinese" % page, role=matouui.pyatspi.ROLE_LABEL,
                         name=catalog[PAGE_MARKS[page]], showing=True)
            english = [t for t in app.showing_labels() if t in msgids and catalog.get(t) != t]
            assert not english, "English strings on the %s page under zh_CN: %r" % (page, english)


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd(matoutest.load_fixture("daemon-mirrors.json")))
    return [
        ("pages reachable by name; Overview shows the test daemon",
         lambda: test_pages_reachable_and_version_shown(daemon)),
        ("no daemon: Overview explains it is not running", test_no_daemon_explained),
        ("a tcp:// context: Overview shows that Engine, its context and address, Settings says it applies nothing there and leaves Export…; gone, explained; fd:// explained as a host Matou cannot use",
         test_remote_engine_shown),
        ("stopped daemon: Start Docker shows the daemon's reason, then brings it back running",
         test_start_docker),
        ("zh_CN: page names and visible strings are Chinese", lambda: test_chinese(daemon)),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
