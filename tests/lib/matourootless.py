"""A throwaway user with its own real rootless dockerd (dockerd-rootless.sh
under rootlesskit), for the helper's --rootless tests and the window's.

Its daemon runs with rootlesskit's host network (this test machine gives no
/dev/net/tun to users) and without iptables. Everything the user runs is
copied into a temporary folder the user may read, whatever folder holds the
build. Needs root.
"""

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time

import matoutest

HELPER = os.environ.get("MATOU_HELPER", "")
USER = "matou-rootless-test"
SCRIPTS = ["/usr/bin/dockerd-rootless.sh", "/usr/share/docker.io/contrib/dockerd-rootless.sh"]
# The host's network inside rootlesskit: users get no /dev/net/tun here.
NETWORK = ["DOCKERD_ROOTLESS_ROOTLESSKIT_NET=host", "DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER=none"]
# No ip_forward either: a user may not write /proc/sys, and a fresh machine has it off.
FLAGS = ["--iptables=false", "--bridge=none", "--ip-forward=false"]


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
