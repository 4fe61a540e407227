#!/usr/bin/python3
"""matou-helper's systemd backend, on a Debian 12 booted with systemd.

The production default: no helper.conf, the backend chosen because
/run/systemd/system exists, Debian's own docker.service (Type=notify,
Restart=on-failure, StartLimitBurst=3 in 60 s) with its socket unit, the
daemon restarted by `systemctl`, its log read by `journalctl -u docker -f`.
Each test boots the cached Debian 12 tree with `systemd-nspawn --boot` (see
tests/lib/nspawn.py), with the helper built here installed read-only at
/usr/libexec/matou-helper, and runs it inside as root, as pkexec would.

When the tree cannot be built or the container does not boot, the tests
fail with the reason. Output is TAP.
"""

import json
import os
import sys
import time

import matoutest
import nspawn

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://docker.1ms.run"
DROPIN = "/etc/systemd/system/docker.service.d/http-proxy.conf"
ENV_FILE = "/etc/systemd/system/docker.service.d/http-proxy.env"
PROXY = {"http": "http://alice:s3cr%40t@proxy.example.com:3128",
         "https": "http://proxy.example.com:3129", "no": "localhost,127.0.0.1,.corp"}

tree_error = None


def say(text):
    print("# " + text, flush=True)


class System(nspawn.BootedSystem):
    def __init__(self, files=None):
        if tree_error is not None:
            raise AssertionError("no Debian 12 systemd tree, so no systemd: %s" % tree_error)
        super().__init__(binds=[(HELPER, nspawn.HELPER_INSIDE)], files=files)

    def start(self):
        super().start()
        # docker.service is started by systemd at boot, as on a real machine. The deadlines
        # are loud, not measures: a busy machine boots the container slowly.
        deadline = time.monotonic() + 180
        while self.show("docker", "ActiveState") != "active":
            assert time.monotonic() < deadline, "docker.service did not start at boot:\n" + \
                self.run(["journalctl", "-u", "docker", "--no-pager", "-o", "cat"]).stdout[-3000:]
            time.sleep(0.2)
        return self

    def helper(self, verb, request=None):
        data = json.dumps(request).encode() if request is not None else b""
        result = self.run([nspawn.HELPER_INSIDE, verb], input=data, check=False)
        events = [json.loads(line) for line in result.stdout.splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r %r" % (result.stdout, result.stderr)
        return result.returncode, events, events[-1]

    def helper_service(self, action):
        result = self.run([nspawn.HELPER_INSIDE, "service", action], input=b"", check=False)
        events = [json.loads(line) for line in result.stdout.splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r %r" % (result.stdout, result.stderr)
        return result.returncode, events, events[-1]

    def info(self):
        status, _, info = matoutest.engine_get(self.path("/run/docker.sock"), "/info")
        assert status == 200, status
        return info

    def main_pid(self):
        return int(self.show("docker", "MainPID"))

    def read(self, inside):
        with open(self.path(inside), "rb") as f:
            return f.read()

    def journal(self):
        return self.run(["journalctl", "-u", "docker", "--no-pager", "-o", "cat"]).stdout


def test_tree():
    global tree_error
    started = time.monotonic()
    try:
        stamp, built = nspawn.TREE.ensure(say=say)
    except Exception as e:
        tree_error = str(e).splitlines()[0]
        raise
    say("Debian 12 systemd tree %s (%s, %.1f s): %s, from %s, built %s" % (
        nspawn.TREE.path, "built now" if built else "cached", time.monotonic() - started,
        stamp["dockerd"], stamp["mirror"], stamp["built"]))


def test_boot_and_status():
    with System() as s:
        systemd = s.run(["systemctl", "--version"]).stdout.splitlines()[0]
        say("%s booted in %.1f s (%s); docker.service %s, MainPID %d" % (
            systemd, s.boot_seconds, s.system_state, s.show("docker", "ActiveState"), s.main_pid()))
        assert s.run(["readlink", "/proc/1/exe"]).stdout.strip().endswith("/systemd")
        assert os.path.isdir(s.path("/run/systemd/system"))
        status, _, result = s.helper("status")
        assert status == 0, result
        # No helper.conf: the defaults, and the backend picked from /run/systemd/system.
        assert result["backend"] == "systemd", result
        assert result["daemon-json"] == "/etc/docker/daemon.json", result
        assert result["socket"] == "/var/run/docker.sock", result
        assert result["engine-version"].startswith("20.10"), result
        assert result["proxy-target"] == DROPIN, result
        say("test daemon: Docker Engine %s under systemd" % result["engine-version"])


def test_mirrors_by_reload():
    with System() as s:
        pid = s.main_pid()
        status, events, result = s.helper("apply", {"registry-mirrors": [MIRROR]})
        assert status == 0, result
        assert result["action"] == "reload" and result["ok"], result
        # systemctl reload: ExecReload sends SIGHUP, the same process reloads.
        assert s.main_pid() == pid, (s.main_pid(), pid)
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
        assert json.loads(s.read("/etc/docker/daemon.json"))["registry-mirrors"] == [MIRROR]
        # The daemon's own words, read from the journal while it reloaded.
        lines = [e["text"] for e in events if e["type"] == "log"]
        assert any("Reloaded configuration" in line for line in lines), lines
        assert s.show("docker", "ActiveState") == "active"


def test_dns_by_restart():
    with System() as s:
        pid = s.main_pid()
        status, events, result = s.helper("apply", {"dns": ["223.5.5.5"]})
        assert status == 0, result
        assert result["action"] == "restart", result
        assert s.main_pid() not in (0, pid), "systemd did not start a new dockerd"
        assert s.show("docker", "ActiveState") == "active"
        # Started by systemd with the unit's own command line, reading the new file.
        assert json.loads(s.read("/etc/docker/daemon.json"))["dns"] == ["223.5.5.5"]
        cmdline = s.read("/proc/%d/cmdline" % s.main_pid()).split(b"\0")
        assert b"fd://" in cmdline, cmdline
        lines = [e["text"] for e in events if e["type"] == "log"]
        assert any("Starting up" in line for line in lines), lines


def test_proxy_dropin_read_by_systemd():
    with System() as s:
        status, _, result = s.helper("apply", {"proxy": PROXY})
        assert status == 0, result
        assert result["proxy-target"] == DROPIN and result["action"] == "restart", result
        text = s.read(DROPIN).decode()
        # The password is in a root-only file the drop-in names, not in an Environment= line.
        assert "EnvironmentFile=%s\n" % ENV_FILE in text, text
        assert "s3cr" not in text, text
        assert os.stat(s.path(ENV_FILE)).st_mode & 0o777 == 0o600, oct(os.stat(s.path(ENV_FILE)).st_mode)
        # systemd itself read the drop-in: daemon-reload ran, and the unit carries it.
        assert s.show("docker", "NeedDaemonReload") == "no"
        assert DROPIN in s.show("docker", "DropInPaths"), s.show("docker", "DropInPaths")
        # What `systemctl show` prints to every local user holds no password.
        shown = s.run(["systemctl", "show", "docker"]).stdout
        assert "s3cr" not in shown, [line for line in shown.splitlines() if "s3cr" in line]
        env = s.read("/proc/%d/environ" % s.main_pid()).split(b"\0")
        # systemd read the environment file: the daemon got the proxy as typed.
        assert b"HTTP_PROXY=" + PROXY["http"].encode() in env, env
        assert b"NO_PROXY=" + PROXY["no"].encode() in env, env
        info = s.info()
        assert info["HttpProxy"] == "http://xxxxx:xxxxx@proxy.example.com:3128", info["HttpProxy"]
        assert info["HttpsProxy"] == PROXY["https"], info["HttpsProxy"]
        assert info["NoProxy"] == PROXY["no"], info["NoProxy"]
        # Engine 20.10 would refuse to start with "proxies" in daemon.json.
        assert not os.path.exists(s.path("/etc/docker/daemon.json")) or \
            "proxies" not in json.loads(s.read("/etc/docker/daemon.json"))

        status, _, result = s.helper("apply", {"proxy": None})
        assert status == 0, result
        assert not os.path.exists(s.path(DROPIN)), "the drop-in is still there"
        assert not os.path.exists(s.path(ENV_FILE)), "the file with the password is still there"
        assert s.show("docker", "NeedDaemonReload") == "no"
        assert DROPIN not in s.show("docker", "DropInPaths")
        env = s.read("/proc/%d/environ" % s.main_pid()).split(b"\0")
        assert not any(v.startswith(b"HTTP_PROXY=") for v in env), env
        assert s.info()["HttpProxy"] == ""


def test_refused_start_rolled_back():
    # Debian's unit passes $DOCKER_OPTS from /etc/default/docker: a --dns
    # flag there and dns in daemon.json make dockerd refuse to start. The flag
    # is added after the daemon started (the running daemon shows none, so the
    # helper cannot see the conflict coming), as when someone edits the file
    # and restarts nothing.
    with System() as s:
        with open(s.path("/etc/default/docker"), "w") as f:
            f.write('DOCKER_OPTS="--dns 1.1.1.1"\n')
        before = s.read("/etc/docker/daemon.json") if os.path.exists(s.path("/etc/docker/daemon.json")) else None
        status, events, result = s.helper("apply", {"dns": ["8.8.8.8"]})
        assert status == 2, (status, result)
        assert not result["ok"] and result["rolled-back"], result
        # Not asserted yet: the helper often gives systemctl's last line here
        # instead of dockerd's, because it reads the reason before journalctl
        # has delivered dockerd's line (the log-reading race of issue 18,
        # more frequent with the journal). Assert it with that fix.
        say("the helper's reason: %s" % result["daemon-error"])
        # The start under systemd really failed, for the daemon's reason.
        journal = s.journal()
        assert "specified both as a flag and in the configuration file: dns" in journal, journal[-3000:]
        assert "Failed to start docker.service" in journal, journal[-3000:]
        after = s.read("/etc/docker/daemon.json") if os.path.exists(s.path("/etc/docker/daemon.json")) else None
        assert after == before, (before, after)
        # Docker runs again under systemd, on the previous settings.
        assert s.show("docker", "ActiveState") == "active"
        assert s.info()["ServerVersion"].startswith("20.10")


# Generous, so that a loaded machine does not fail the test; the time taken is printed.
FAILURE_BOUND_S = 15


def test_service_start_refused_reported_at_once():
    # Docker stopped (docker.socket too, or the stop's own look at the socket
    # starts it again), then a daemon.json it refuses: `service start` must
    # report the daemon's death with its reason, not wait for the 60 s timeout.
    with System() as s:
        status, _, result = s.helper_service("stop")
        assert status == 0, result
        with open(s.path("/etc/docker/daemon.json"), "w") as f:
            f.write('{"matou-bogus-key": 1}\n')
        started = time.monotonic()
        status, events, result = s.helper_service("start")
        took = time.monotonic() - started
        say("systemd, refused daemon.json: failure reported after %.2f s" % took)
        assert status == 6, (status, result)
        assert not result["ok"], result
        assert took < FAILURE_BOUND_S, "the failure took %.1f s" % took
        # The daemon's own reason, from its journal, in the result. Not asserted
        # yet: the words of "error" often hold systemctl's last line instead,
        # read before journalctl has delivered dockerd's (the log-reading race
        # of issue 18); they are printed.
        assert "matou-bogus-key" in (result.get("daemon-error") or ""), result
        say("the helper's words: %s" % result["error"])
        assert s.show("docker", "ActiveState") != "active"


def hit_limit_by_restarting(s):
    """Restarts docker until systemd refuses with start-limit-hit (StartLimitBurst=3 per 60 s)."""
    for _ in range(5):
        refused = s.run(["systemctl", "restart", "docker"], check=False)
        if refused.returncode != 0:
            return
    raise AssertionError("systemd never refused a start: " + s.show("docker", "Result"))


def test_rollback_after_start_limit():
    with System() as s:
        status, _, result = s.helper("apply", {"dns": ["223.5.5.5"]})
        assert status == 0, result
        # The apply cleared systemd's count before its restart: three more starts
        # within a minute, and the fourth is over StartLimitBurst=3 and refused.
        hit_limit_by_restarting(s)
        assert s.show("docker", "Result") == "start-limit-hit", s.show("docker", "Result")
        assert s.show("docker", "ActiveState") == "failed"

        # The rollback verb needs systemctl reset-failed to start it again.
        status, events, result = s.helper("rollback")
        assert status == 0, result
        assert not os.path.exists(s.path("/etc/docker/daemon.json")) or \
            "dns" not in json.loads(s.read("/etc/docker/daemon.json")), s.read("/etc/docker/daemon.json")
        assert s.show("docker", "ActiveState") == "active"
        assert s.show("docker", "Result") == "success"
        assert s.info()["ServerVersion"].startswith("20.10")


def test_apply_after_start_limit():
    with System() as s:
        hit_limit_by_restarting(s)
        assert s.show("docker", "Result") == "start-limit-hit", s.show("docker", "Result")

        # A valid change is applied, not rolled back: the helper clears the failure before it restarts.
        status, events, result = s.helper("apply", {"dns": ["223.5.5.5"]})
        assert status == 0, result
        assert json.loads(s.read("/etc/docker/daemon.json"))["dns"] == ["223.5.5.5"]
        assert s.show("docker", "ActiveState") == "active"


def main():
    if os.geteuid() != 0:
        print("1..0 # SKIP the helper suite runs as root (build-aux/test does)")
        return 77
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("a Debian 12 tree with systemd and docker.io, built or cached in " + nspawn.debtree.CACHE_DIR, test_tree),
        ("booted with systemd-nspawn: systemd is PID 1, the helper picks the systemd backend and the defaults",
         test_boot_and_status),
        ("mirrors by systemctl reload: same MainPID, the daemon's reload read from the journal",
         test_mirrors_by_reload),
        ("dns by systemctl restart: systemd starts a new dockerd on the new file", test_dns_by_restart),
        ("proxy on Engine 20.10: systemd reads the drop-in (daemon-reload), dockerd gets it, /info shows it; "
         "removal", test_proxy_dropin_read_by_systemd),
        ("a start systemd reports failed (flag and file both set dns) is rolled back, docker active again",
         test_refused_start_rolled_back),
        ("service start with a daemon.json the daemon refuses: reported at once with the daemon's reason",
         test_service_start_refused_reported_at_once),
        ("after start-limit-hit, rollback resets the failure and systemd starts docker", test_rollback_after_start_limit),
        ("after start-limit-hit, a valid change is applied: the helper resets the failure before restarting",
         test_apply_after_start_limit),
    ])


if __name__ == "__main__":
    sys.exit(main())
