#!/usr/bin/python3
"""The Install page, driven through the accessibility tree.

It shows what this machine is (read from /etc/os-release here, to compare),
its step list follows the chosen way to install, "Copy as Shell Script"
puts the very steps on screen on the clipboard (read back with xclip, as
another program would paste it), and "Run All Steps" goes through the real
helper (started directly with a test helper.conf: a dockerd of the test's
own, temporary apt folders) and reports every step.
"""

import json
import os
import subprocess
import sys
import time

import matoutest
import matouui

HELPER = os.environ["MATOU_HELPER"]
DATA = os.path.realpath(os.path.join(os.environ["MATOU_TEST_FIXTURES"], "..", "..", "data"))


def pyatspi():
    return matouui.pyatspi


def os_release():
    values = {}
    with open("/etc/os-release") as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value.strip('"')
    return values


def package_installed(name):
    r = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Status}", name],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return r.returncode == 0 and r.stdout == "installed"


def press(node):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("click") if "click" in names else 0)


def wait_until(check, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("%s did not happen within %d s" % (what, timeout))


def children(node):
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def labels_below(node):
    found = []

    def walk(n):
        if n is None:
            return
        if n.getRole() == pyatspi().ROLE_LABEL:
            found.append(n.name)
        for child in children(n):
            walk(child)

    walk(node)
    return found


def steps_on_screen(app):
    """Each step row's labels, in order: number, title, state, why, the note of a step
    done in part when there is one, command."""
    lists = [n for n in app.find_all(role=pyatspi().ROLE_LIST, name="Steps")]
    if not lists:
        return []
    rows = []
    for item in children(lists[0]):
        labels = labels_below(item)
        if len(labels) in (5, 6):
            rows.append({"number": labels[0], "title": labels[1], "state": labels[2],
                         "why": labels[3], "note": (labels[4] or None) if len(labels) == 6 else None,
                         "command": labels[-1]})
    return rows


def titles(app):
    return [row["title"] for row in steps_on_screen(app)]


def click(app, node):
    """A mouse click on the widget, as a person would: GTK 4.8 gives check
    buttons no accessible action to call. The wheel brings it into view first."""
    window = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(app.process.pid)],
                            stdout=subprocess.PIPE, text=True, check=True).stdout.split()[0]
    geometry = subprocess.run(["xdotool", "getwindowgeometry", "--shell", window], stdout=subprocess.PIPE,
                              text=True, check=True).stdout
    size = dict(line.split("=") for line in geometry.split())
    width, height = int(size["WIDTH"]), int(size["HEIGHT"])
    for _ in range(40):
        box = node.queryComponent().getExtents(pyatspi().WINDOW_COORDS)
        # Clear of the bottom: at this width the page switcher is a bar there.
        if box.y + box.height > height - 100:
            wheel = "5"
        elif box.y < 60:
            wheel = "4"
        else:
            break
        subprocess.run(["xdotool", "mousemove", "--window", window, str(width // 2), str(height // 2),
                        "click", wheel], check=True)
        time.sleep(0.2)
    subprocess.run(["xdotool", "mousemove", "--window", window, str(box.x + box.width // 2),
                    str(box.y + box.height // 2), "click", "1"], check=True)


def choose(app, method):
    check = app.wait_for("the way %r" % method, role=pyatspi().ROLE_CHECK_BOX, name=method, showing=True)
    click(app, check)
    wait_until(lambda: matouui.state(check).contains(pyatspi().STATE_CHECKED), "%r chosen" % method, timeout=10)


def button(app, name):
    """GTK 4.8 names a button with a mnemonic "_Run All Steps Run All Steps"."""
    return wait_until(lambda: [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                               if b.name == name or b.name.endswith(" " + name)], "the button %r" % name,
                      timeout=matouui.TIMEOUT)[0]


def open_page(app):
    app.click_tab("Install")
    app.wait_for("the page title", role=pyatspi().ROLE_LABEL, name="Install Docker Engine", showing=True)


def test_detected_system_and_methods():
    distro = os_release()
    with matouui.App(LANG="C.UTF-8") as app:
        open_page(app)
        # What os-release says, as the page read it through g_get_os_info ().
        app.wait_for("the distribution", role=pyatspi().ROLE_LABEL, name=distro["PRETTY_NAME"], showing=True)
        arch = subprocess.run(["dpkg", "--print-architecture"], stdout=subprocess.PIPE, text=True).stdout.strip()
        app.wait_for("the processor", role=pyatspi().ROLE_LABEL, name=arch, showing=True)

        distro_steps = wait_until(lambda: titles(app), "the distribution packages' steps")
        assert distro_steps[:2] == ["Update the package lists", "Install Docker from your distribution"], distro_steps
        assert "Download Docker’s signing key" not in distro_steps
        # A step done only in part says what is there and what it adds (docker.io without Compose).
        partly = "docker.io is already installed; this step adds only what is missing: docker-compose."
        install = wait_until(lambda: [r for r in steps_on_screen(app)
                                      if r["title"] == "Install Docker from your distribution"
                                      and r["state"] != "Checking…"], "the distribution step's check")[0]
        if package_installed("docker.io") and not package_installed("docker-compose"):
            assert install["note"] == partly, install
        else:
            assert install["note"] is None, install

        # Another way, another list: the key, the repository file and Docker's packages.
        choose(app, "Docker’s repository")
        docker_steps = wait_until(lambda: "Download Docker’s signing key" in titles(app) and titles(app),
                                  "Docker's repository's steps")
        assert docker_steps[:5] == ["Update the package lists", "Install ca-certificates and curl",
                                    "Download Docker’s signing key", "Add Docker’s repository",
                                    "Read Docker’s repository"], docker_steps
        assert "Install Docker Engine" in docker_steps
        if package_installed("docker.io"):
            # docker.io is here: the plan says it is removed, and that the images stay.
            remove = [r for r in steps_on_screen(app) if r["title"] == "Remove conflicting packages"]
            assert remove and "docker.io" in remove[0]["command"], steps_on_screen(app)
            assert "/var/lib/docker are kept" in remove[0]["why"]
        repository = [r for r in steps_on_screen(app) if r["title"] == "Add Docker’s repository"][0]
        assert "URIs: https://download.docker.com/linux/%s\n" % distro["ID"] in repository["command"], repository

        # A mirror: the mirror list appears, and the repository file names the mirror.
        choose(app, "A mirror of Docker’s repository")
        app.wait_for("the mirror list", role=pyatspi().ROLE_LABEL, name="Mirror of Docker’s repository", showing=True)
        wait_until(lambda: any("URIs: https://mirrors.aliyun.com/docker-ce/linux/" in r["command"]
                               for r in steps_on_screen(app)), "the mirror in the repository file")


def test_copied_script_matches_steps():
    with matouui.App(LANG="C.UTF-8") as app:
        open_page(app)
        choose(app, "Docker’s repository")
        rows = wait_until(lambda: "Download Docker’s signing key" in titles(app) and steps_on_screen(app),
                          "Docker's repository's steps")
        press(button(app, "Copy as Shell Script"))
        app.wait_for("the note that the script was copied", role=pyatspi().ROLE_LABEL,
                     name="The script is on the clipboard. Read it, or run it as root: it does what “Run All Steps” does.",
                     showing=True)
        script = subprocess.run(["xclip", "-o", "-selection", "clipboard"], stdout=subprocess.PIPE,
                                text=True, timeout=10, check=True).stdout
        assert script.startswith("#!/bin/sh\n# Docker’s repository on "), script[:200]
        assert "\nset -e\n" in script
        # Every step on screen, in the order shown, with its exact command; nothing else:
        # before the first step only the header's comments, "set -e" and the locale, then the
        # steps one after the other with nothing between them.
        at = 0
        for row in rows:
            block = "\n# %s. %s\n%s\n" % (row["number"], row["title"], row["command"])
            found = script.find(block, at)
            assert found >= 0, "step %s is not in the script as shown:\n%s\n--- script:\n%s" % (row["number"], block, script)
            if at == 0:
                header = script[:found].split("\n")
                allowed = ("set -e", "export LC_ALL=C DEBIAN_FRONTEND=noninteractive", "export LC_ALL=C", "")
                assert all(line.startswith("#") or line in allowed for line in header), \
                    "the script's header holds more than comments, set -e and the locale: %r" % script[:found]
            else:
                assert found == at, "the script has text between steps: %r" % script[at:found]
            at = found + len(block)
        assert at == len(script), "the script has more than the steps: %r" % script[at:]
        # A shell can read it.
        assert subprocess.run(["sh", "-n"], input=script, text=True).returncode == 0


def test_run_through_helper():
    if os.geteuid() != 0 or not package_installed("docker.io"):
        matoutest.skip_setup_missing("runs the helper as root where docker.io is installed (build-aux/test does both)")
    daemon = matoutest.Dockerd({})
    try:
        with open(daemon.config_file, "w") as f:
            json.dump({}, f)
        os.makedirs(os.path.join(daemon.dir, "sources"))
        conf = os.path.join(daemon.dir, "helper.conf")
        with open(conf, "w") as f:
            f.write("[paths]\nbackup-dir=%(d)s/backups\nlock-file=%(d)s/helper.lock\n"
                    "[engine]\nsocket=%(d)s/docker.sock\n"
                    "[service]\nbackend=direct\nlog-file=%(d)s/dockerd.log\n"
                    "[direct]\npidfile=%(d)s/docker.pid\ndockerd=%(argv)s\n"
                    "[install]\nplans=%(data)s/install-plans.json\nmirrors=%(data)s/docker-ce-mirrors.json\n"
                    "[apt]\nkeyrings-dir=%(d)s/keyrings\nsources-dir=%(d)s/sources\nstate-dir=%(d)s/apt-state\n"
                    % {"d": daemon.dir, "argv": ";".join(daemon.argv()), "data": DATA})
        os.chmod(conf, 0o644)
        with matouui.App(LANG="C.UTF-8", DOCKER_HOST=daemon.host,
                         MATOU_HELPER_COMMAND="%s --config %s" % (HELPER, conf)) as app:
            open_page(app)
            wait_until(lambda: titles(app), "the steps")
            # Without Compose: docker-compose is not installed here, and the run must not install anything.
            switch = app.wait_for("the Compose switch", role=pyatspi().ROLE_CHECK_BOX, name="Install Docker Compose too")
            press(switch)
            wait_until(lambda: [r["state"] for r in steps_on_screen(app)] == ["Already done", "Already done", "To do"],
                       "the states before the run: %r" % steps_on_screen(app))
            press(button(app, "Run All Steps"))
            result = wait_until(lambda: [t for t in app.showing_labels() if t.endswith(" is installed and running")],
                                "the result", timeout=120)
            assert result == ["Docker Engine %s is installed and running" % daemon_version(daemon)], result
            states = wait_until(lambda: [r["state"] for r in steps_on_screen(app)] == ["Already done", "Already done", "Done"],
                                "the states after the run: %r" % steps_on_screen(app))
            assert states
            # The helper's own words streamed into the page's log view.
            app.wait_for("the helper's last step in the log", role=pyatspi().ROLE_LABEL,
                         name="Done (3 of 3): Start Docker now and at every boot")
            assert matoutest.engine_get(daemon.socket, "/_ping")[0] == 200
    finally:
        daemon.stop()


def daemon_version(daemon):
    _, _, version = matoutest.engine_get(daemon.socket, "/version")
    return version["Version"]


def make_tests(stack):
    return [
        ("the page shows this system; each way to install has its own steps", test_detected_system_and_methods),
        ("Copy as Shell Script puts exactly the steps on screen on the clipboard", test_copied_script_matches_steps),
        ("Run All Steps goes through the helper, starts the daemon, reports each step", test_run_through_helper),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
