#!/usr/bin/python3
"""Matou's helper through a real pkexec, polkitd and system bus.

The test installs what a package would (the helper at the path the policy
names, the policy, a root-owned helper.conf), starts a system bus and
polkitd when none runs, creates a test user, and lets that user run the
helper with Matou's own client (polkit-client), first with a rules file
granting the action, then without it. Everything it installed is removed
afterwards, and anything it replaced is put back. Output is TAP.
"""

import contextlib
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

import matoutest

USER = "matou-polkit-test"
RULES = "/etc/polkit-1/rules.d/49-matou-test.rules"
ACTION = "io.github.matou.Matou.helper"
MIRROR_A = "https://docker.1ms.run"
MIRROR_B = "https://dockerproxy.net"


class Installed:
    """Files put in system places for the test, and what they replaced."""

    def __init__(self):
        self.placed = []

    def put(self, path, content=None, source=None, mode=0o644):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        saved = None
        if os.path.lexists(path):
            saved = path + ".matou-test-saved"
            os.rename(path, saved)
        self.placed.append((path, saved))
        if source is not None:
            shutil.copyfile(source, path)
        else:
            with open(path, "w") as f:
                f.write(content)
        os.chown(path, 0, 0)
        os.chmod(path, mode)

    def remove(self, path):
        for placed, saved in self.placed:
            if placed == path and os.path.exists(path):
                os.unlink(path)

    def restore(self):
        for path, saved in reversed(self.placed):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            if saved is not None:
                os.rename(saved, path)


def bus_is_up():
    return subprocess.run(["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                           "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).returncode == 0


def polkit_is_up():
    out = subprocess.run(["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus",
                          "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout
    return "org.freedesktop.PolicyKit1" in out


def wait_until(check, what, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError("%s did not happen within %d s" % (what, timeout))


class Services:
    """The system bus and polkitd, started here unless they already run."""

    def __init__(self):
        self.started = []

    def start(self):
        if not bus_is_up():
            os.makedirs("/run/dbus", exist_ok=True)
            # Left behind by a bus that was stopped: dbus-daemon refuses to start over them.
            for stale in ("/run/dbus/system_bus_socket", "/run/dbus/pid"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(stale)
            out = subprocess.run(["dbus-daemon", "--system", "--fork", "--print-pid"],
                                 stdout=subprocess.PIPE, text=True, check=True).stdout
            self.started.append(int(out.split()[0]))
            wait_until(bus_is_up, "the system bus")
        if not polkit_is_up():
            polkitd = subprocess.Popen(["/usr/lib/polkit-1/polkitd", "--no-debug"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            self.started.append(polkitd.pid)
            wait_until(polkit_is_up, "polkitd on the system bus")

    def stop(self):
        for pid in reversed(self.started):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 15)


def ensure_user():
    try:
        pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER],
                       check=True)


def user_is_granted(action=ACTION):
    """What polkitd answers now for the test user: True only for an outright yes.

    pkcheck checks its own process (exec keeps the shell's pid): 0 is
    authorised, anything else (a challenge, no) is not."""
    return subprocess.run(["runuser", "-u", USER, "--", "sh", "-c",
                           'exec pkcheck --action-id "$0" --process "$$"', action],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/",
                          env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}).returncode == 0


def run_client(client, request, verb="apply"):
    """The test user runs the helper through pkexec with Matou's client."""
    args = [client, verb] + ([json.dumps(request)] if request is not None else [])
    result = subprocess.run(["runuser", "-u", USER, "--"] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=180,
                            env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"},
                            cwd="/")
    return result.returncode, result.stdout + result.stderr


def run_pkexec(words):
    """The test user runs the installed helper through pkexec itself, its input at an end at once."""
    result = subprocess.run(["runuser", "-u", USER, "--", "pkexec", os.environ["MATOU_INSTALLED_HELPER"]] + words,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            timeout=60, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"}, cwd="/")
    return result.returncode, result.stdout, result.stderr


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the polkit suite runs as root (build-aux/test does)")
    matoutest.install_signal_handlers()

    installed = Installed()
    services = Services()
    work = tempfile.mkdtemp(prefix="matou-polkit-")
    os.chmod(work, 0o755)
    client = os.path.join(work, "polkit-client")
    shutil.copyfile(os.environ["MATOU_POLKIT_CLIENT"], client)
    os.chmod(client, 0o755)

    try:
        ensure_user()
        installed.put(os.environ["MATOU_INSTALLED_HELPER"], source=os.environ["MATOU_HELPER"], mode=0o755)
        installed.put(os.environ["MATOU_INSTALLED_POLICY"], source=os.environ["MATOU_POLICY"])
        services.start()

        with matoutest.Dockerd({"registry-mirrors": []}) as daemon:
            conf = matoutest.write_helper_conf(daemon)
            with open(conf) as f:
                installed.put(os.environ["MATOU_INSTALLED_HELPER_CONF"], content=f.read())

            def info_mirrors():
                return matoutest.engine_get(daemon.socket, "/info")[2]["RegistryConfig"]["Mirrors"]

            def granted():
                installed.put(RULES, content=(
                    'polkit.addRule(function(action, subject) {\n'
                    '  if (action.id == "%s" && subject.user == "%s")\n'
                    '    return polkit.Result.YES;\n'
                    '});\n' % (ACTION, USER)))
                # polkitd reloads its rules when the folder changes: wait for it to say yes.
                wait_until(user_is_granted, "polkitd granting the test user after the rules file appeared")
                status, output = run_client(client, {"registry-mirrors": [MIRROR_A]})
                assert status == 0, (status, output)
                assert "step: " in output and "result: ok=1" in output, output
                assert info_mirrors() == [MIRROR_A + "/"], info_mirrors()
                with open(daemon.config_file) as f:
                    assert json.load(f)["registry-mirrors"] == [MIRROR_A]

            def service_verbs():
                # The same action and helper: "service stop", then "service start", through pkexec.
                status, output = run_client(client, None, verb="service stop")
                assert status == 0, (status, output)
                assert not daemon_answers(), "the daemon still answers after service stop"
                status, output = run_client(client, None, verb="service start")
                assert status == 0, (status, output)
                assert "result: ok=1" in output, output
                assert info_mirrors() == [MIRROR_A + "/"]

            def read_log():
                # log is a verb of the same action: with the rule, the daemon's log file comes back.
                status, out, err = run_pkexec(["log"])
                assert status == 0, (status, out, err)
                events = [json.loads(line) for line in out.splitlines()]
                assert [e for e in events if e["type"] == "log" and e["source"] == "dockerd"], events
                assert events[-1]["type"] == "result" and events[-1]["ok"], events[-1]

            def daemon_answers():
                try:
                    return matoutest.engine_get(daemon.socket, "/_ping", timeout=2)[0] == 200
                except OSError:
                    return False

            def refused():
                installed.remove(RULES)
                wait_until(lambda: not user_is_granted(), "polkitd no longer granting the test user")
                with open(daemon.config_file, "rb") as f:
                    before = f.read()
                status, output = run_client(client, {"registry-mirrors": [MIRROR_B]})
                assert status == 10, (status, output)
                assert "not authorised" in output, output
                with open(daemon.config_file, "rb") as f:
                    assert f.read() == before, "daemon.json changed without authorisation"
                assert info_mirrors() == [MIRROR_A + "/"]
                # Nor may the user stop Docker without it.
                status, output = run_client(client, None, verb="service stop")
                assert status == 10 and "not authorised" in output, (status, output)
                assert daemon_answers(), "the daemon stopped without authorisation"
                # Nor read the daemon's log.
                status, out, err = run_pkexec(["log"])
                assert status == 127 and out == "", (status, out, err)

            return matoutest.run_tap([
                ("with the rule, the test user's pkexec run applies mirrors end to end", granted),
                ("with the rule, service stop and service start through pkexec", service_verbs),
                ("with the rule, log through pkexec prints the daemon's log file", read_log),
                ("without the rule, the client says not authorised and nothing changes", refused),
            ])
    finally:
        installed.restore()
        services.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
