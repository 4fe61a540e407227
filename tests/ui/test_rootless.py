#!/usr/bin/python3
"""The window of an ordinary user whose Docker is rootless: the user's own
daemon (dockerd-rootless.sh under rootlesskit, started for a throwaway user)
shown on Overview, and settings applied to it from Settings with no pkexec
and no password.

The outer part runs as root: it makes the user and its daemon, copies what
the user runs (Matou, its helper, schemas, translations, these scripts) where
the user may read it, and starts the display. The test itself, its session
bus, the AT-SPI bus and the window all run as the user, as on a desktop.
"""

import json
import os
import re
import shutil
import sys
import time

import matoutest

MIRROR = "https://rootless-mirror.example.org"
OWN = "https://own.example.org"  # in the user's daemon.json before the window opens
DNS = "223.5.5.5"


def inner_tests(stack):
    import matouui
    pyatspi = matouui.pyatspi
    home = os.environ["HOME"]
    run_dir = os.environ["XDG_RUNTIME_DIR"]
    socket = os.path.join(run_dir, "docker.sock")
    daemon_json = os.path.join(home, ".config", "docker", "daemon.json")
    pkexec_mark = os.environ["MATOU_TEST_PKEXEC_MARK"]
    # The docker CLI's choice: the rootless daemon, with no context of that name in the store.
    env = dict(DOCKER_CONTEXT="rootless", LANG="C.UTF-8")

    def labels_containing(app, text):
        return [t for t in app.showing_labels() if text in t]

    def wait_until(check, what, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if check():
                    return
            except OSError:
                pass  # the daemon's socket is gone while it restarts
            except Exception as e:  # noqa: BLE001 - AT-SPI: a node replaced while it was read
                if "no longer exists" not in str(e) and "does not exist" not in str(e):
                    raise
            time.sleep(0.5)
        raise AssertionError("%s did not happen within %d s (screenshot: %s)" % (what, timeout, matouui._screenshot()))

    def buttons(app, name_part):
        return [b for b in app.find_all(role=pyatspi.ROLE_PUSH_BUTTON)
                if name_part in b.name and matouui.on_screen(b)]

    def sensitive(node):
        return matouui.state(node).contains(pyatspi.STATE_SENSITIVE)

    def press(node):
        action = node.queryAction()
        names = [action.getName(i) for i in range(action.nActions)]
        action.doAction(names.index("click") if "click" in names else 0)

    def add_to_list(app, field, value):
        app.wait_for("the field %r" % field, role=pyatspi.ROLE_TEXT, name=field) \
            .queryEditableText().setTextContents(value)
        wait_until(lambda: [b for b in buttons(app, "Add") if b.name.endswith("Add") and sensitive(b)],
                   "an Add button to be enabled", 10)
        press([b for b in buttons(app, "Add") if b.name.endswith("Add") and sensitive(b)][0])
        app.wait_for("%s in the list" % value, role=pyatspi.ROLE_LABEL, name=value)

    def pid():
        with open(os.path.join(run_dir, "docker.pid")) as f:
            return int(f.read().strip())

    def test_overview_names_the_rootless_daemon():
        with matouui.App(**env) as app:
            wait_until(lambda: labels_containing(app, "your rootless daemon, context “rootless”"),
                       "Overview to name the rootless daemon", 30)
            assert labels_containing(app, "unix://" + socket), app.showing_labels()
            matouui.screenshot(app, "rootless-overview")

    def test_switch_on_overview():
        # No DOCKER_CONTEXT: the docker command's choice is the system's daemon, not running here.
        with matouui.App(LANG="C.UTF-8") as app:
            wait_until(lambda: labels_containing(app, "/var/run/docker.sock (context “default”)"),
                       "Overview to show the system's daemon", 30)
            press([n for n in app.find_all(role=pyatspi.ROLE_PUSH_BUTTON, name="Change…") if matouui.on_screen(n)][0])
            # The user's rootless daemon is offered though no docker context names it.
            item = app.wait_for("the rootless daemon in the context list", role=pyatspi.ROLE_MENU_ITEM,
                                name="rootless — unix://" + socket)
            matouui.screenshot(app, "rootless-context-menu")
            press(item)
            wait_until(lambda: labels_containing(app, "your rootless daemon, context “rootless”"),
                       "Overview to name the rootless daemon once picked", 30)
            wait_until(lambda: labels_containing(app, "Docker Engine 20.10") or labels_containing(app, "answers on " + socket),
                       "Overview to show the rootless daemon running", 30)

    def test_settings_apply_without_password():
        before = pid()
        with matouui.App(**env) as app:
            app.click_tab("Settings")
            # The form shows the user's own file: its mirror is listed.
            app.wait_for("the rootless daemon's own mirror", role=pyatspi.ROLE_LABEL,
                         name=OWN)
            add_to_list(app, "Add a mirror, for example https://docker.1ms.run", MIRROR)
            add_to_list(app, "Add a DNS server address, for example 223.5.5.5", DNS)
            wait_until(lambda: labels_containing(app, "your rootless Docker will restart (no password needed)"),
                       "the page to say no password is needed", 10)
            matouui.screenshot(app, "rootless-settings")
            apply = [b for b in buttons(app, "Apply") if sensitive(b)][0]
            press(apply)
            wait_until(lambda: buttons(app, "Restart Docker"), "the confirmation", 10)
            press(buttons(app, "Restart Docker")[0])
            app.wait_for("the checklist's mirror row", role=pyatspi.ROLE_LABEL,
                         name="Asked: %s, %s\nThe daemon reports: %s/, %s/" % (OWN, MIRROR, OWN, MIRROR), timeout=120)
            matouui.screenshot(app, "rootless-applied")
        assert not os.path.exists(pkexec_mark), "pkexec was run: %s" % open(pkexec_mark).read()
        with open(daemon_json) as f:
            config = json.load(f)
        assert config["registry-mirrors"] == [OWN, MIRROR], config
        assert config["dns"] == [DNS] and config["labels"] == ["kept=yes"], config
        assert os.stat(daemon_json).st_uid == os.getuid()
        # Restarted as the user, through rootlesskit: a new process, still rootless.
        assert pid() != before
        status, _, info = matoutest.engine_get(socket, "/info")
        assert status == 200 and "name=rootless" in info["SecurityOptions"], info
        assert info["RegistryConfig"]["Mirrors"] == [OWN + "/", MIRROR + "/"], info

    def test_logs_follow_the_rootless_log():
        log = os.path.join(home, ".local", "state", "matou", "dockerd-rootless.log")
        with open(log) as f:
            lines = len(f.read().splitlines())
        assert lines > 0
        with matouui.App(**env) as app:
            app.click_tab("Logs")
            source = "Shows the file %s, where Matou has your rootless daemon write its log" % log
            app.wait_for("the rootless log as the source", role=pyatspi.ROLE_LABEL, name=source, showing=True)
            switch = app.wait_for("the follow switch", role=pyatspi.ROLE_CHECK_BOX,
                                  name="Follow the Docker daemon’s log", showing=True)
            switch.queryAction().doAction(0)
            # The rows draw their text without labels: the view's line count tells what arrived.
            # (at least the lines the file had: the daemon may write more meanwhile)
            wait_until(lambda: [t for t in app.showing_labels()
                                if re.fullmatch(r"\d+ lines", t) and int(t.split()[0]) >= min(lines, 200)],
                       "the daemon's %d lines" % min(lines, 200), 30)
            app.wait_for("the daemon row's state", role=pyatspi.ROLE_LABEL, name="Following", showing=True)
            assert not os.path.exists(pkexec_mark), "pkexec was run to read the log"

    def test_chinese():
        msgids, catalog = matouui.english_msgids()
        with matouui.App(DOCKER_CONTEXT="rootless", LANG="zh_CN.UTF-8", LANGUAGE=None, LC_ALL=None) as app:
            named = catalog["%s (your rootless daemon, context “%s”)"] % ("unix://" + socket, "rootless")
            wait_until(lambda: named in app.showing_labels(), "Overview to name the rootless daemon in Chinese", 30)
            matouui.screenshot(app, "rootless-overview-zh_CN")
            app.click_tab(catalog["Settings"])
            app.wait_for("the rootless daemon's own mirror", role=pyatspi.ROLE_LABEL, name=OWN)
            english = [t for t in app.showing_labels() if t in msgids and catalog.get(t) != t]
            assert not english, "English strings on Settings under zh_CN: %r" % english
            matouui.screenshot(app, "rootless-settings-zh_CN")

    return [
        ("rootless window: the rootless daemon offered and picked in Overview's context list, with no such docker context",
         test_switch_on_overview),
        ("rootless window: Overview names the user's rootless daemon (DOCKER_CONTEXT=rootless, no such context stored)",
         test_overview_names_the_rootless_daemon),
        ("rootless window: Settings shows the user's own daemon.json and applies a mirror and DNS as the user: "
         "no pkexec, a restart through rootlesskit, the other keys kept", test_settings_apply_without_password),
        ("rootless window: Logs follows the rootless daemon's own log file, as the user",
         test_logs_follow_the_rootless_log),
        ("rootless window in Chinese: Overview names the rootless daemon, Settings has no English string",
         test_chinese),
    ]


def outer():
    """As root: the user, its daemon, and copies of what it runs."""
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "creating the test user needs root; build-aux/test runs this suite as root")
    import matourootless
    import matouui
    missing = [what for what, ok in (("dockerd-rootless.sh (docker.io)", matourootless.script() is not None),
                                      ("rootlesskit", shutil.which("rootlesskit") is not None),
                                      ("newuidmap (uidmap)", shutil.which("newuidmap") is not None))
               if not ok]
    if missing:
        return matoutest.skip_all(matoutest.SETUP_MISSING + ", ".join(missing) + " (build-aux/deps.sh)")
    here = os.path.dirname(os.path.abspath(__file__))
    with matourootless.RootlessUser() as u:
        u.write_json({"labels": ["kept=yes"], "registry-mirrors": [OWN]})
        copies = os.path.join(u.tmp, "gui")
        os.mkdir(copies)
        shutil.copytree(os.environ["MATOU_TEST_LIB"], os.path.join(copies, "lib"))
        shutil.copy(os.path.abspath(__file__), copies)
        shutil.copy(os.environ["MATOU_BINARY"], copies)
        shutil.copytree(os.environ["MATOU_LOCALEDIR"], os.path.join(copies, "locale"))
        shutil.copytree(os.environ["GSETTINGS_SCHEMA_DIR"], os.path.join(copies, "schemas"))
        # pkexec, should anything run it, only leaves a mark: the route is without it.
        bin_dir = os.path.join(copies, "bin")
        os.mkdir(bin_dir)
        mark = os.path.join(u.tmp, "pkexec-was-run")
        with open(os.path.join(bin_dir, "pkexec"), "w") as f:
            f.write('#!/bin/sh\necho "$@" > %s\nexit 127\n' % mark)
        os.chmod(os.path.join(bin_dir, "pkexec"), 0o755)
        shots = os.path.join(u.tmp, "shots")
        os.mkdir(shots)
        for root, dirs, names in os.walk(u.tmp):
            for name in dirs + names:
                os.chmod(os.path.join(root, name), os.stat(os.path.join(root, name)).st_mode | 0o055)
        os.chown(shots, u.pw.pw_uid, u.pw.pw_gid)

        def as_user(argv, env):
            user_env = u.environment()
            user_env.update({k: v for k, v in env.items()
                             if k in ("DISPLAY", "MATOU_UI_TAP_FD", "G_DEBUG", "G_SLICE", "NO_AT_BRIDGE")})
            user_env.update(
                PATH=bin_dir + ":" + user_env["PATH"],
                PYTHONPATH=os.path.join(copies, "lib"),
                MATOU_TEST_LIB=os.path.join(copies, "lib"),
                MATOU_BINARY=os.path.join(copies, "matou"),
                MATOU_LOCALEDIR=os.path.join(copies, "locale"),
                GSETTINGS_SCHEMA_DIR=os.path.join(copies, "schemas"),
                GSETTINGS_BACKEND="memory",
                MATOU_HELPER_PATH=u.helper_path,
                # The helper's restart runs dockerd-rootless.sh with the test daemon's flags.
                MATOU_HELPER_COMMAND="%s --config %s" % (u.helper_path, u.conf),
                MATOU_TEST_PKEXEC_MARK=mark,
                MATOU_UI_SCREENSHOTS=shots)
            argv = argv[:-1] + [os.path.join(copies, os.path.basename(__file__))]
            return (["setpriv", "--reuid", str(u.pw.pw_uid), "--regid", str(u.pw.pw_gid), "--init-groups", "--"]
                    + argv, user_env)

        try:
            return matouui.main(os.path.join(here, os.path.basename(__file__)), None, wrap=as_user)
        finally:
            wanted = os.environ.get("MATOU_UI_SCREENSHOTS")
            if wanted:
                os.makedirs(wanted, exist_ok=True)
                for name in os.listdir(shots):
                    shutil.copy(os.path.join(shots, name), wanted)


if __name__ == "__main__":
    if os.environ.get("MATOU_UI_TAP_FD"):
        import matouui
        sys.exit(matouui.main(__file__, inner_tests))
    sys.exit(outer())
