#!/usr/bin/python3
"""The Logs page, driven through the accessibility tree: its empty state, the
daemon's log file followed where there is no systemd (the source named), and
what it says when that log cannot be followed."""

import os
import socket
import subprocess
import sys
import tempfile
import threading

import matouui

NOT_FOLLOWED = ("The daemon’s log is not followed. Turn on “Follow the Docker daemon’s log” above to see "
                "its lines here.")


# Labels the Logs page always shows.
PAGE_STRINGS = {
    "Docker Daemon", "Daemon’s log", "Not followed", "Not available", "Runs in This Session",
    "No helper runs yet. Applying settings or installing Docker adds a run here, with every line it wrote.",
    "Follow the Docker daemon’s log", "No lines yet", NOT_FOLLOWED,
}


def no_daemon_env(tmp, log=None):
    """No daemon, and the daemon's log file (where the sysv and direct backends have it write)."""
    return {"DOCKER_HOST": "unix://" + os.path.join(tmp, "docker.sock"),
            "MATOU_DAEMON_LOG": log or os.path.join(tmp, "docker.log")}


def find_switch(app, name):
    """The switch of the "follow" row: the row's title names it."""
    return app.wait_for("the switch %r" % name, role=matouui.pyatspi.ROLE_CHECK_BOX, name=name, showing=True)


def click(node):
    action = node.queryAction()
    assert action.nActions > 0, "%r cannot be activated" % node.name
    action.doAction(0)


def is_on(node):
    return matouui.state(node).contains(matouui.pyatspi.STATE_CHECKED)


def wait_for_label(app, check, what):
    deadline = matouui.time.monotonic() + matouui.TIMEOUT
    while matouui.time.monotonic() < deadline:
        texts = [t for t in app.showing_labels() if check(t)]
        if texts:
            return texts[0]
        matouui.time.sleep(0.3)
    raise AssertionError("%s did not appear; labels on screen: %r" % (what, sorted(set(app.showing_labels()))))


def test_empty_state():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        with matouui.App(LANG="C.UTF-8", **no_daemon_env(tmp)) as app:
            app.click_tab("Logs")
            app.wait_for("the list of runs", role=matouui.pyatspi.ROLE_LABEL, name="Runs in This Session", showing=True)
            app.wait_for("the empty list of runs", role=matouui.pyatspi.ROLE_LABEL, showing=True,
                         name="No helper runs yet. Applying settings or installing Docker adds a run here, "
                              "with every line it wrote.")
            # Without runs, the daemon's log is shown: not followed yet, no lines, and how to follow it.
            app.wait_for("the empty log view", role=matouui.pyatspi.ROLE_LABEL, name="No lines yet", showing=True)
            app.wait_for("how to start following", role=matouui.pyatspi.ROLE_LABEL, name=NOT_FOLLOWED, showing=True)
            app.wait_for("the daemon row's state", role=matouui.pyatspi.ROLE_LABEL, name="Not followed", showing=True)
            assert not is_on(find_switch(app, "Follow the Docker daemon’s log"))


def test_follows_the_log_file():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        log = os.path.join(tmp, "docker.log")
        with open(log, "w") as f:
            f.write('time="2026-01-01T10:00:00" level=info msg="matou-test first line"\n')
        with matouui.App(LANG="C.UTF-8", **no_daemon_env(tmp, log)) as app:
            app.click_tab("Logs")
            # The source is named before and while following.
            source = "Shows the file %s, where the daemon writes its log without systemd" % log
            app.wait_for("the log's source", role=matouui.pyatspi.ROLE_LABEL, name=source, showing=True)
            click(find_switch(app, "Follow the Docker daemon’s log"))
            # The rows draw their text without labels: the view's line count tells what arrived.
            app.wait_for("the file's existing line", role=matouui.pyatspi.ROLE_LABEL, name="1 line", showing=True)
            with open(log, "a") as f:
                f.write('time="2026-01-01T10:00:01" level=error msg="matou-test later line"\n')
            app.wait_for("a line written while following", role=matouui.pyatspi.ROLE_LABEL, name="2 lines",
                         showing=True)
            app.wait_for("the daemon row's state", role=matouui.pyatspi.ROLE_LABEL, name="Following", showing=True)
            assert not [t for t in app.showing_labels() if t == NOT_FOLLOWED]


def test_missing_log_explained():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        log = os.path.join(tmp, "docker.log")
        with matouui.App(LANG="C.UTF-8", **no_daemon_env(tmp, log)) as app:
            app.click_tab("Logs")
            click(find_switch(app, "Follow the Docker daemon’s log"))
            text = wait_for_label(app, lambda t: t.startswith(log + " does not exist yet"), "the explanation")
            assert "appear here as soon as it does" in text, text
            # It keeps waiting for the file: once the daemon writes it, its lines come.
            with open(log, "w") as f:
                f.write("matou-test appeared\n")
            app.wait_for("the line of the file that appeared", role=matouui.pyatspi.ROLE_LABEL, name="1 line",
                         showing=True)
            # Once the file is there, the explanation goes.
            deadline = matouui.time.monotonic() + 10
            while matouui.time.monotonic() < deadline and \
                    [t for t in app.showing_labels() if t.startswith(log + " does not exist yet")]:
                matouui.time.sleep(0.3)
            assert not [t for t in app.showing_labels() if t.startswith(log + " does not exist yet")]


def test_missing_log_explained_chinese():
    _, catalog = matouui.english_msgids()
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        log = os.path.join(tmp, "docker.log")
        with matouui.App(LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None, **no_daemon_env(tmp, log)) as app:
            app.click_tab(catalog["Logs"])
            app.wait_for("the list of runs in Chinese", role=matouui.pyatspi.ROLE_LABEL,
                         name=catalog["Runs in This Session"], showing=True)
            app.wait_for("how to start following, in Chinese", role=matouui.pyatspi.ROLE_LABEL,
                         name=catalog[NOT_FOLLOWED], showing=True)
            click(find_switch(app, catalog["Follow the Docker daemon’s log"]))
            wanted = catalog["%s does not exist yet: the Docker daemon has not written its log there. "
                             "Its lines appear here as soon as it does."] % log
            wait_for_label(app, lambda t: t == wanted, "the explanation in Chinese")
            # Other pages' labels count as showing too (GTK 4.8): look for this page's own.
            english = [t for t in app.showing_labels() if t in PAGE_STRINGS]
            assert not english, "English strings on the Logs page under zh_CN: %r" % english


HELPER = os.environ["MATOU_HELPER"]

# The window's side of the helper, inside a user namespace where a file of another user
# cannot be read even as root: it passes its words and input to the helper run outside
# (as pkexec would, for the verb alone) and the helper's lines back.
RELAY = """import os, socket, sys, threading
s = socket.socket(socket.AF_UNIX)
s.connect(%r)
s.sendall((" ".join(sys.argv[1:]) + "\\n").encode())
def pump():
    while True:
        data = os.read(0, 65536)
        if not data:
            break
        s.sendall(data)
    s.shutdown(socket.SHUT_WR)
threading.Thread(target=pump, daemon=True).start()
while True:
    data = s.recv(65536)
    if not data:
        break
    os.write(1, data)
"""


class HelperOutside:
    """Runs `matou-helper --config CONF WORDS` as real root for each relay that connects."""

    def __init__(self, tmp, conf):
        self.path = os.path.join(tmp, "helper.sock")
        self.conf = conf
        self.words = []
        self.ended = []
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(self.path)
        self.server.listen(4)
        self.relay = os.path.join(tmp, "relay.py")
        with open(self.relay, "w") as f:
            f.write(RELAY % self.path)
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            line = b""
            while not line.endswith(b"\n"):
                byte = conn.recv(1)
                if not byte:
                    break
                line += byte
            words = line.decode().split()
            self.words.append(words)
            status = subprocess.run([HELPER, "--config", self.conf] + words, stdin=conn.fileno(),
                                    stdout=conn.fileno()).returncode
            self.ended.append(status)
            conn.close()

    def close(self):
        self.server.close()


def test_root_only_log_as_administrator():
    with tempfile.TemporaryDirectory(prefix="matou-ui-") as tmp:
        log = os.path.join(tmp, "docker.log")
        with open(log, "w") as f:
            f.write('time="2026-01-01T10:00:00" level=info msg="matou-test first line"\n')
        # Another user's file, readable by its owner only: root in the window's namespace may not read it.
        os.chown(log, 65534, 65534)
        os.chmod(log, 0o600)
        conf = os.path.join(tmp, "helper.conf")
        with open(conf, "w") as f:
            f.write("[paths]\nlock-file=%s/helper.lock\n[engine]\nsocket=%s/docker.sock\n"
                    "[service]\nbackend=sysv\nlog-file=%s\n" % (tmp, tmp, log))
        os.chmod(conf, 0o644)
        helper = HelperOutside(tmp, conf)
        env = dict(no_daemon_env(tmp, log), LANG="C.UTF-8", MATOU_HELPER_COMMAND="/usr/bin/python3 " + helper.relay)
        try:
            with matouui.App(prefix=["unshare", "--user", "--map-root-user", "--"], **env) as app:
                app.click_tab("Logs")
                click(find_switch(app, "Follow the Docker daemon’s log"))
                text = wait_for_label(app, lambda t: t.startswith("You may not read " + log), "the explanation")
                assert "Show it with administrator rights" in text, text
                # Nothing was asked of the helper until the button is pressed.
                assert helper.words == [], helper.words
                button = app.wait_for("the button", role=matouui.pyatspi.ROLE_PUSH_BUTTON,
                                      name="Show with Administrator Rights", showing=True)
                click(button)
                app.wait_for("the source, read as administrator", role=matouui.pyatspi.ROLE_LABEL,
                             name="Shows the file %s, read as administrator" % log, showing=True)
                app.wait_for("the file's line, through the helper", role=matouui.pyatspi.ROLE_LABEL,
                             name="1 line", showing=True)
                assert helper.words == [["log"]], helper.words
                with open(log, "a") as f:
                    f.write('time="2026-01-01T10:00:01" level=error msg="matou-test later line"\n')
                app.wait_for("a line written later", role=matouui.pyatspi.ROLE_LABEL, name="2 lines", showing=True)
                app.wait_for("the daemon row's state", role=matouui.pyatspi.ROLE_LABEL, name="Following",
                             showing=True)
                assert is_on(find_switch(app, "Follow the Docker daemon’s log"))
                # Turned off, the helper ends: it is told on its input.
                click(find_switch(app, "Follow the Docker daemon’s log"))
                deadline = matouui.time.monotonic() + 10
                while not helper.ended and matouui.time.monotonic() < deadline:
                    matouui.time.sleep(0.2)
                assert helper.ended == [0], helper.ended
        finally:
            helper.close()


def make_tests(stack):
    return [
        ("Logs: empty state with no runs and nothing followed", test_empty_state),
        ("Logs: the daemon's log file is followed, and its source named", test_follows_the_log_file),
        ("Logs: a log file not written yet is explained, then followed", test_missing_log_explained),
        ("Logs: the same in Chinese, with no English on screen", test_missing_log_explained_chinese),
        ("Logs: a log file this user may not read is followed with administrator rights on request",
         test_root_only_log_as_administrator),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
