#!/usr/bin/python3
"""matou-helper service start|stop|restart, run as root with --config, against a real dockerd.

Two backends: `direct` (the helper starts dockerd itself) and `sysv`, through
a stand-in init script on a temporary path that starts the real dockerd with
start-stop-daemon as Debian's /etc/init.d/docker does. A daemon that refuses
its daemon.json or an unknown flag dies at once: the helper must say so with
the daemon's own reason within seconds, not after its start timeout. The
time each failure took is printed as a TAP comment. Output is TAP.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
# The pass/fail line is generous, so that a loaded machine does not fail the
# test; the figure is printed, and the helper's own start timeout is 60 s.
FAILURE_BOUND_S = 15

INIT_SCRIPT = """#!/bin/sh
# A stand-in for Debian's /etc/init.d/docker, on a temporary path.
set -e
SSD_PIDFILE=%(dir)s/docker-ssd.pid
LOG=%(dir)s/dockerd.log
case "$1" in
  start)
    %(before_start)s
    "$0" status >/dev/null || start-stop-daemon --start --background --no-close \\
        --exec %(dockerd)s --pidfile "$SSD_PIDFILE" --make-pidfile -- %(args)s >>"$LOG" 2>&1
    ;;
  stop)
    if [ -f "$SSD_PIDFILE" ]; then
      start-stop-daemon --stop --pidfile "$SSD_PIDFILE" --remove-pidfile --retry 10
    fi
    ;;
  restart)
    "$0" stop
    "$0" start
    ;;
  status)
    start-stop-daemon --status --pidfile "$SSD_PIDFILE"
    ;;
  *)
    echo "Usage: $0 {start|stop|restart|status}"
    exit 1
    ;;
esac
"""


class Setup:
    """A dockerd of its own (not started unless asked) and a helper.conf for one backend."""

    def __init__(self, backend, config=None, extra_args=(), before_start=""):
        self.daemon = matoutest.Dockerd(config if config is not None else {}, extra_args=extra_args)
        self.dir = self.daemon.dir
        self.backend = backend
        self.conf = matoutest.write_helper_conf(self.daemon, os.path.join(self.dir, "helper.conf"))
        with open(self.daemon.config_file, "w") as f:
            json.dump(self.daemon.config, f)
        if backend == "sysv":
            self.script = os.path.join(self.dir, "init-docker")
            argv = self.daemon.argv()
            with open(self.script, "w") as f:
                f.write(INIT_SCRIPT % {"dir": self.dir, "dockerd": argv[0],
                                       "args": " ".join(argv[1:]), "before_start": before_start})
            os.chmod(self.script, 0o755)
            with open(self.conf) as f:
                conf = f.read()
            conf = conf.replace("backend=direct\n", "backend=sysv\ninit-script=%s\n" % self.script)
            with open(self.conf, "w") as f:
                f.write(conf)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self.backend == "sysv":
            subprocess.run([self.script, "stop"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.daemon.__exit__(*exc)

    def write_daemon_json(self, text):
        with open(self.daemon.config_file, "w") as f:
            f.write(text)

    def run(self, action, prefix=(), env=None):
        """Runs `helper service ACTION`; returns (exit status, events, result, seconds)."""
        started = time.monotonic()
        result = subprocess.run(list(prefix) + [HELPER, "--config", self.conf, "service", action],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=env, timeout=240)
        took = time.monotonic() - started
        events = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        assert all(e["type"] in ("step", "log", "result") for e in events)
        return result.returncode, events, events[-1], took

    def apply(self, request):
        """Runs `helper apply`; returns (exit status, events, result)."""
        result = subprocess.run([HELPER, "--config", self.conf, "apply"], input=json.dumps(request).encode(),
                                stdout=subprocess.PIPE, timeout=240)
        events = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        return result.returncode, events, events[-1]

    def answers(self):
        try:
            status, _, _ = matoutest.engine_get(self.daemon.socket, "/_ping", timeout=2)
            return status == 200
        except OSError:
            return False


def report(what, seconds):
    print("# %s: failure reported after %.2f s" % (what, seconds), flush=True)


def check_refused_daemon_json(backend):
    with Setup(backend) as s:
        s.write_daemon_json('{"registry-mirrors": [], "matou-bogus-key": 1}\n')
        status, events, result, took = s.run("start")
        report("%s, refused daemon.json" % backend, took)
        assert status == 6, result
        assert not result["ok"]
        # The daemon's own reason, in the result and in words.
        assert "matou-bogus-key" in result["daemon-error"], result
        assert "matou-bogus-key" in result["error"] and "refuses its configuration file" in result["error"], result
        assert "start Docker again" in result["error"], result
        assert took < FAILURE_BOUND_S, "the failure took %.1f s" % took
        # The daemon's log streamed meanwhile.
        assert any(e["type"] == "log" and "matou-bogus-key" in e["text"] for e in events), events
        assert not s.answers()


def check_unknown_flag(backend):
    with Setup(backend, extra_args=["--matou-bogus-flag"]) as s:
        status, events, result, took = s.run("start")
        report("%s, unknown flag" % backend, took)
        assert status == 6, result
        assert "unknown flag: --matou-bogus-flag" in result["daemon-error"], result
        assert "option it does not know" in result["error"], result
        assert "unknown flag: --matou-bogus-flag" in result["error"], result
        assert took < FAILURE_BOUND_S, "the failure took %.1f s" % took
        assert not s.answers()


def check_start_stop_restart(backend):
    with Setup(backend, {"registry-mirrors": ["https://docker.1ms.run"]}) as s:
        assert not s.answers()
        status, events, result, _ = s.run("start")
        assert status == 0, result
        assert result["ok"] and result["action"] == "start"
        assert s.answers()
        _, _, version = matoutest.engine_get(s.daemon.socket, "/version")
        assert result["engine-version"] == version["Version"]
        assert any(e["type"] == "step" and "Waiting for the Engine API" in e["text"] for e in events)
        first = s.daemon.pid()
        assert first is not None

        # A second start leaves the running daemon alone.
        status, _, result, _ = s.run("start")
        assert status == 0, result
        assert s.daemon.pid() == first

        status, _, result, _ = s.run("restart")
        assert status == 0, result
        assert s.answers()
        assert s.daemon.pid() not in (None, first), "restart kept the same daemon process"

        status, events, result, _ = s.run("stop")
        assert status == 0, result
        assert not s.answers()
        assert any(e["type"] == "step" and "has stopped" in e["text"] for e in events)


def test_direct_refused_daemon_json():
    check_refused_daemon_json("direct")


def test_sysv_refused_daemon_json():
    check_refused_daemon_json("sysv")


def test_direct_unknown_flag():
    check_unknown_flag("direct")


def test_sysv_unknown_flag():
    check_unknown_flag("sysv")


def test_direct_start_stop_restart():
    check_start_stop_restart("direct")


def test_sysv_start_stop_restart():
    check_start_stop_restart("sysv")


def test_sysv_script_failure_in_words():
    # Debian's init script raises the open-files limit first; where the system
    # does not allow it (as in some containers), the script fails before dockerd runs.
    with Setup("sysv", before_start="ulimit -Hn 1024; ulimit -n 1048576") as s:
        status, _, result, took = s.run("start")
        report("sysv, init script failed", took)
        assert status == 6, result
        assert "error setting limit" in result["error"], result
        assert "limit on open files" in result["error"], result


def test_sysv_reload_signals_the_daemon():
    # Debian's init script has no "reload": the helper sends SIGHUP to the
    # daemon named by its own pidfile, and the same process takes the mirror.
    mirror = "https://docker.1ms.run"
    with Setup("sysv", {"registry-mirrors": []}) as s:
        status, _, result, _ = s.run("start")
        assert status == 0, result
        first = s.daemon.pid()
        status, events, result = s.apply({"registry-mirrors": [mirror]})
        assert status == 0, result
        assert result["action"] == "reload", result
        assert s.daemon.pid() == first, "the reload restarted the daemon"
        _, _, info = matoutest.engine_get(s.daemon.socket, "/info")
        assert info["RegistryConfig"]["Mirrors"] == [mirror + "/"], info["RegistryConfig"]

        # A pidfile that is a symlink is not trusted: nothing is signalled (the
        # rollback's reload neither, so the run ends with exit 3 and the backup named).
        real = s.daemon.pidfile + ".real"
        os.rename(s.daemon.pidfile, real)
        os.symlink(real, s.daemon.pidfile)
        status, _, result = s.apply({"registry-mirrors": []})
        assert status == 3, result
        assert "did not signal it" in result["error"], result
        assert s.daemon.pid() == first
        _, _, info = matoutest.engine_get(s.daemon.socket, "/info")
        assert info["RegistryConfig"]["Mirrors"] == [mirror + "/"], "the daemon was signalled anyway"


def test_unknown_action_refused():
    with Setup("direct") as s:
        status, _, result, _ = s.run("reload-everything")
        assert status == 1, result
        assert "start, stop and restart" in result["error"]
        assert not s.answers()


def test_apply_on_a_stopped_daemon_starts_it():
    mirror = "https://docker.1ms.run"
    with Setup("direct", {"registry-mirrors": []}) as s:
        assert not s.answers()
        status, _, result = s.apply({"registry-mirrors": [mirror]})
        assert status == 0, result
        # It could not reload a daemon that was not running: it started it on the new file.
        assert result["action"] == "start", result
        assert s.answers()
        _, _, info = matoutest.engine_get(s.daemon.socket, "/info")
        assert info["RegistryConfig"]["Mirrors"] == [mirror + "/"]


def test_apply_refused_on_a_stopped_daemon_restores_the_file():
    # dockerd refuses "dns" in daemon.json when --dns is a flag too.
    with Setup("direct", {"registry-mirrors": []}, extra_args=["--dns", "8.8.8.8"]) as s:
        with open(s.daemon.config_file, "rb") as f:
            before = f.read()
        status, _, result = s.apply({"dns": ["1.1.1.1"]})
        assert status == 2, result
        assert result["rolled-back"], result
        assert "failed too" not in result["error"], result
        assert "stays stopped" in result["error"], result
        assert "specified both as a flag and in the configuration file" in result["error"], result
        with open(s.daemon.config_file, "rb") as f:
            assert f.read() == before
        assert not s.answers()


def listing(top):
    found = []
    for root, dirs, names in os.walk(top):
        found += [os.path.join(root, n) for n in dirs + names]
    return sorted(found)


def test_nothing_lands_under_root_or_home():
    # A fresh, empty /root in a mount namespace of this test, so that a
    # ~/.cache another program made earlier cannot hide one the helper makes.
    with Setup("direct", extra_args=["--matou-bogus-flag"]) as s, \
            tempfile.TemporaryDirectory(prefix="matou-home-") as home:
        plans = os.path.realpath(os.path.join(os.environ["MATOU_TEST_FIXTURES"], "..", "..", "data"))
        with open(s.conf, "a") as f:
            f.write("[install]\nplans=%s/install-plans.json\nmirrors=%s/docker-ce-mirrors.json\n" % (plans, plans))
        seen = os.path.join(s.dir, "root-listing")
        script = ('mount -t tmpfs -o mode=0700 matou-root /root || exit 99\n'
                  'echo \'{"plan": "distro-packages", "steps": ["matou-no-such-step"]}\' | "$@" install\n'
                  '"$@" service start\n'
                  '"$@" status\n'
                  'find /root -mindepth 1 > "%s"\n' % seen)
        env = dict(os.environ, HOME=home, XDG_CACHE_HOME=os.path.join(home, ".cache"))
        before_home = listing(home)
        before_root = sorted(os.listdir("/root"))
        result = subprocess.run(["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script,
                                 "sh", HELPER, "--config", s.conf], env=env, stdout=subprocess.PIPE, timeout=240)
        assert result.returncode != 99, "cannot mount a tmpfs on /root here"
        lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
        results = [e for e in lines if e["type"] == "result"]
        assert len(results) == 3, lines
        assert "matou-no-such-step" in results[0]["error"] and "Nothing was changed" in results[0]["error"]
        assert "unknown flag" in results[1]["error"]
        with open(seen) as f:
            made = f.read().split()
        assert made == [], "the helper made files under /root: %r" % made
        assert listing(home) == before_home, "the helper made files under HOME"
        assert sorted(os.listdir("/root")) == before_root


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the helper suite runs as root (build-aux/test does)")
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("direct: a daemon.json the daemon refuses is reported at once, with its reason",
         test_direct_refused_daemon_json),
        ("sysv: a daemon.json the daemon refuses is reported at once, with its reason",
         test_sysv_refused_daemon_json),
        ("direct: an unknown flag is reported at once, with the daemon's words", test_direct_unknown_flag),
        ("sysv: an unknown flag is reported at once, with the daemon's words", test_sysv_unknown_flag),
        ("direct: start, start again, restart and stop", test_direct_start_stop_restart),
        ("sysv: start, start again, restart and stop through the init script", test_sysv_start_stop_restart),
        ("sysv: a reload sends SIGHUP to the daemon of the validated pidfile; a symlinked pidfile is refused",
         test_sysv_reload_signals_the_daemon),
        ("sysv: an init script that fails before dockerd runs is explained in words",
         test_sysv_script_failure_in_words),
        ("an action other than start, stop or restart is refused", test_unknown_action_refused),
        ("apply on a stopped daemon writes the change and starts it", test_apply_on_a_stopped_daemon_starts_it),
        ("apply on a stopped daemon that refuses the change: file restored, exit 2, not 'failed too'",
         test_apply_refused_on_a_stopped_daemon_restores_the_file),
        ("no file lands under /root or HOME (install refused, failed start, status)",
         test_nothing_lands_under_root_or_home),
    ])


if __name__ == "__main__":
    sys.exit(main())
