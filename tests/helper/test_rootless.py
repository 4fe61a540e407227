#!/usr/bin/python3
"""matou-helper --rootless, run as an ordinary user against that user's own
rootless dockerd (dockerd-rootless.sh under rootlesskit), with no pkexec.

A throwaway user gets a home and a runtime directory in a temporary folder;
its daemon runs with rootlesskit's host network (this test machine gives no
/dev/net/tun to users) and without iptables. The helper finds the user's
places itself (~/.config/docker/daemon.json, the socket and pidfile in
$XDG_RUNTIME_DIR, backups under ~/.local/state/matou); its helper.conf, owned
by the user, names only how the direct backend starts the daemon again.
Output is TAP.
"""

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
USER = "matou-rootless-test"
MIRROR = "https://docker.1ms.run"
SCRIPTS = ["/usr/bin/dockerd-rootless.sh", "/usr/share/docker.io/contrib/dockerd-rootless.sh"]
# The host's network inside rootlesskit: users get no /dev/net/tun here.
NETWORK = ["DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host", "DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=none"]
FLAGS = ["--iptables=false", "--bridge=none"]


def script():
    return next((s for s in SCRIPTS if os.path.exists(s)), None)


class RootlessUser:
    """A user of its own with a running rootless dockerd."""

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix="matou-rl-")
        os.chmod(self.tmp, 0o755)
        self.home = os.path.join(self.tmp, "home")
        subprocess.run(["userdel", "--remove", USER], stderr=subprocess.DEVNULL)
        subprocess.run(["useradd", "--create-home", "--home-dir", self.home, "--shell", "/bin/sh", USER], check=True)
        self.pw = pwd.getpwnam(USER)
        with open("/etc/subuid") as f:
            assert any(line.startswith(USER + ":") for line in f), "useradd gave the user no subordinate ids"
        self.run_dir = os.path.join(self.tmp, "run")
        os.mkdir(self.run_dir, 0o700)
        os.chown(self.run_dir, self.pw.pw_uid, self.pw.pw_gid)
        self.socket = os.path.join(self.run_dir, "docker.sock")
        self.daemon_json = os.path.join(self.home, ".config", "docker", "daemon.json")
        self.state = os.path.join(self.home, ".local", "state", "matou")
        self.log_path = os.path.join(self.state, "dockerd-rootless.log")
        self.as_user(["mkdir", "-p", os.path.dirname(self.daemon_json), self.state])
        self.write_json({"labels": ["kept=yes"], "registry-mirrors": []})
        # The helper where the user may run it, whatever folder holds the build.
        self.helper_path = os.path.join(self.tmp, "matou-helper")
        shutil.copy(HELPER, self.helper_path)
        os.chmod(self.helper_path, 0o755)
        self.conf = os.path.join(self.home, "helper.conf")
        with open(self.conf, "w") as f:
            f.write("[direct]\ndockerd=%s\n" % ";".join([script()] + FLAGS))
        os.chown(self.conf, self.pw.pw_uid, self.pw.pw_gid)
        self.start()
        return self

    def __exit__(self, *exc):
        pid = self.pid()
        if pid:
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        for _ in range(100):
            if self.daemon_processes() == []:
                break
            time.sleep(0.1)
        for p in self.daemon_processes():
            try:
                os.kill(p, 9)
            except ProcessLookupError:
                pass
        subprocess.run(["userdel", "--remove", USER], stderr=subprocess.DEVNULL)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def environment(self):
        env = {"HOME": self.home, "XDG_RUNTIME_DIR": self.run_dir, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
               "LANG": "C.UTF-8", "USER": USER, "LOGNAME": USER}
        env.update(v.split("=", 1) for v in NETWORK)
        # The sanitizer build's settings; its suppressions copied where the user may read them.
        for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
            if name in os.environ:
                env[name] = os.environ[name]
        if "LSAN_OPTIONS" in env:
            options = []
            for option in env["LSAN_OPTIONS"].split(":"):
                if option.startswith("suppressions="):
                    copy = os.path.join(self.tmp, "lsan.supp")
                    shutil.copy(option[len("suppressions="):], copy)
                    os.chmod(copy, 0o644)
                    option = "suppressions=" + copy
                options.append(option)
            env["LSAN_OPTIONS"] = ":".join(options)
        return env

    def as_user(self, argv, **kwargs):
        return subprocess.run(["setpriv", "--reuid", str(self.pw.pw_uid), "--regid", str(self.pw.pw_gid),
                               "--init-groups", "--"] + argv, env=self.environment(), **kwargs)

    def write_json(self, config):
        self.as_user(["sh", "-c", 'cat > "$1"', "sh", self.daemon_json], input=json.dumps(config).encode(), check=True)

    def read_json(self):
        with open(self.daemon_json) as f:
            return json.load(f)

    def start(self):
        log = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchown(log, self.pw.pw_uid, self.pw.pw_gid)
        subprocess.Popen(["setpriv", "--reuid", str(self.pw.pw_uid), "--regid", str(self.pw.pw_gid),
                          "--init-groups", "--", script()] + FLAGS,
                         env=self.environment(), stdout=log, stderr=log, stdin=subprocess.DEVNULL,
                         start_new_session=True)
        os.close(log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if matoutest.engine_get(self.socket, "/_ping", timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("the rootless dockerd did not answer:\n" + self.log())

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()[-4000:]
        except OSError:
            return ""

    def pid(self):
        try:
            with open(os.path.join(self.run_dir, "docker.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return 0

    def daemon_processes(self):
        out = subprocess.run(["pgrep", "-u", str(self.pw.pw_uid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]

    def info(self):
        status, _, info = matoutest.engine_get(self.socket, "/info")
        assert status == 200
        return info

    def helper(self, verb, request=None, config=True):
        """Runs matou-helper --rootless as the user, without pkexec; returns (status, events, result)."""
        argv = [self.helper_path, "--rootless"] + (["--config", self.conf] if config else []) + [verb]
        result = self.as_user(argv, input=json.dumps(request).encode() if request is not None else b"",
                              stdout=subprocess.PIPE, timeout=240)
        events = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        return result.returncode, events, events[-1]


def test_status_and_places(u):
    status, _, result = u.helper("status", config=False)
    assert status == 0, result
    assert "name=rootless" in u.info()["SecurityOptions"]


def test_mirror_by_reload(u):
    pid = u.pid()
    status, events, result = u.helper("apply", {"registry-mirrors": [MIRROR]})
    assert status == 0, (result, u.log())
    assert result["action"] == "reload", result
    assert u.pid() == pid, "the daemon was restarted for a mirror"
    assert u.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
    config = u.read_json()
    assert config["labels"] == ["kept=yes"] and config["registry-mirrors"] == [MIRROR], config
    st = os.stat(u.daemon_json)
    assert (st.st_uid, st.st_mode & 0o777) == (u.pw.pw_uid, 0o644), (st.st_uid, oct(st.st_mode))
    backups = os.listdir(os.path.join(u.state, "backups"))
    assert any(b.startswith("daemon.json.") for b in backups), backups


def test_dns_by_restart(u):
    pid = u.pid()
    status, events, result = u.helper("apply", {"dns": ["223.5.5.5"]})
    assert status == 0, (result, u.log())
    assert result["action"] == "restart", result
    assert u.pid() not in (0, pid), "the daemon was not restarted"
    assert "name=rootless" in u.info()["SecurityOptions"]
    assert u.read_json()["dns"] == ["223.5.5.5"]
    assert u.read_json()["labels"] == ["kept=yes"]


def test_refused_reload_rolled_back(u):
    # A key dockerd does not know, left by another program: the reload is refused, the file goes back.
    config = u.read_json()
    config["matou-bogus-key"] = 1
    u.write_json(config)
    before = open(u.daemon_json).read()
    pid = u.pid()
    status, _, result = u.helper("apply", {"registry-mirrors": []})
    assert status == 2, result
    assert result["rolled-back"] and "matou-bogus-key" in (result["daemon-error"] or ""), result
    assert open(u.daemon_json).read() == before
    assert u.pid() == pid
    del config["matou-bogus-key"]
    u.write_json(config)


def test_refusals(u):
    # As root, --rootless is refused: the helper then runs only as the daemon's user.
    result = subprocess.run([HELPER, "--rootless", "status"], capture_output=True, text=True,
                            env={"XDG_RUNTIME_DIR": u.run_dir, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 4 and "never as root" in result.stdout, result
    # install is not a rootless verb; no runtime directory is refused with words.
    status, _, result = u.helper("install")
    assert status == 4 and "apply, rollback, status and service" in result["error"], result
    env = u.environment()
    del env["XDG_RUNTIME_DIR"]
    out = subprocess.run(["setpriv", "--reuid", str(u.pw.pw_uid), "--regid", str(u.pw.pw_gid), "--init-groups", "--",
                          u.helper_path, "--rootless", "status"], env=env, capture_output=True, text=True)
    assert out.returncode == 4 and "XDG_RUNTIME_DIR" in out.stdout, out
    # Without --rootless an ordinary user is refused, as before.
    out = u.as_user([u.helper_path, "status"], capture_output=True, text=True)
    assert out.returncode == 4 and "must run as root" in out.stdout, out
    # A helper.conf others may write is refused: it chooses what the helper runs.
    os.chmod(u.conf, 0o666)
    try:
        status, _, result = u.helper("status")
        assert status == 4 and "writable by you only" in result["error"], result
    finally:
        os.chmod(u.conf, 0o644)


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "creating the test user needs root; build-aux/test runs this suite as root")
    missing = [what for what, ok in (("dockerd-rootless.sh (docker.io)", script() is not None),
                                      ("rootlesskit", shutil.which("rootlesskit") is not None),
                                      ("newuidmap (uidmap)", shutil.which("newuidmap") is not None))
               if not ok]
    matoutest.install_signal_handlers()
    holder = {}

    def with_user(test):
        def run():
            if missing:
                matoutest.skip_setup_missing(", ".join(missing) + " (build-aux/deps.sh)")
            if "user" not in holder:
                holder["user"] = RootlessUser().__enter__()
            test(holder["user"])
        return run

    tests = [
        ("rootless: status as the user, no pkexec; the daemon is rootless", with_user(test_status_and_places)),
        ("rootless: a mirror by reload (same daemon), foreign keys kept, the file and its backup the user's own",
         with_user(test_mirror_by_reload)),
        ("rootless: DNS by restart through rootlesskit, as the user", with_user(test_dns_by_restart)),
        ("rootless: a reload the daemon refuses rolled back without reloading", with_user(test_refused_reload_rolled_back)),
        ("rootless: refused as root, for install, without XDG_RUNTIME_DIR, with a helper.conf others may write",
         with_user(test_refusals)),
    ]
    try:
        return matoutest.run_tap(tests)
    finally:
        if "user" in holder:
            holder["user"].__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
