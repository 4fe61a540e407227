#!/usr/bin/python3
"""The window and the Overview page, driven through the accessibility tree."""

import os
import sys
import tempfile

import matoutest
import matouui

PAGES = matouui.PAGES
# A label each page shows once it is on screen.
PAGE_MARKS = {
    "Compare": "Your Case",
    "Install": "Install Docker Engine",
    "Settings": "Proxy for Containers and Builds",
    "Logs": "Runs in This Session",
    "Troubleshoot": "Why Pulls Fail",
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
        for page in ["Compare", "Install", "Settings", "Logs", "Troubleshoot", "Overview"]:
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


def test_remote_host_explained():
    with matouui.App(DOCKER_HOST="tcp://127.0.0.1:2375", LANG="C.UTF-8") as app:
        app.wait_for("the 'not supported' explanation", role=matouui.pyatspi.ROLE_LABEL,
                     name="This Docker host is not supported yet", showing=True)
        assert any("tcp://127.0.0.1:2375" in t for t in app.showing_labels())


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
        ("tcp:// DOCKER_HOST: Overview says it is not supported", test_remote_host_explained),
        ("zh_CN: page names and visible strings are Chinese", lambda: test_chinese(daemon)),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
