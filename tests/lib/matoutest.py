"""Real parts for Matou's tests: a dockerd of our own, and Engine API reads.

The daemon runs on a temporary socket, data root and config file, as
Debian's docker.io allows without systemd. It is stopped when the test ends,
also when the test fails or is killed by the test runner.
"""

import contextlib
import ctypes
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time

PR_SET_PDEATHSIG = 1


def _die_with_parent():
    # If the test process dies without cleaning up, the daemon follows it.
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    os.setsid()


def _exit_on_signal(signum, frame):
    raise SystemExit(128 + signum)


def install_signal_handlers():
    """Turn the runner's SIGTERM into an exception so that cleanups run."""
    signal.signal(signal.SIGTERM, _exit_on_signal)
    signal.signal(signal.SIGINT, _exit_on_signal)


def process_alive(pid):
    """Running, not a zombie waiting to be reaped."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


# A skip reason that starts with this names something build-aux/test provides
# (a package deps.sh installs, a locale it generates, root): build-aux/test
# fails on such a skip, a bare `meson test` reports it as a skip.
SETUP_MISSING = "setup missing: "


class Skip(Exception):
    """Raised by a test that cannot run here; reported as TAP "# SKIP", never as ok."""


def skip_setup_missing(what):
    """Skips for want of something build-aux/test would have provided."""
    raise Skip(SETUP_MISSING + what)


def run_tap(tests, out=None):
    """Runs (title, function) pairs and reports them as TAP; returns the exit status.

    A test raising Skip is reported as "ok N - title # SKIP reason"."""
    import traceback
    out = out or sys.stdout
    # By hand: MATOU_TEST_ONLY=words runs only the tests whose title holds them.
    only = os.environ.get("MATOU_TEST_ONLY")
    print("1..%d" % len(tests), file=out, flush=True)
    failed = 0
    for number, (title, func) in enumerate(tests, 1):
        # "#" starts a TAP directive: keep it out of the title.
        title = title.replace("#", "no.")
        try:
            if only and only not in title:
                raise Skip("not selected by MATOU_TEST_ONLY")
            func()
            print("ok %d - %s" % (number, title), file=out, flush=True)
        except Skip as skip:
            reason = " ".join(str(skip).split())
            print("ok %d - %s # SKIP %s" % (number, title, reason), file=out, flush=True)
        except Exception:
            failed += 1
            print("not ok %d - %s" % (number, title), file=out, flush=True)
            for line in traceback.format_exc().splitlines():
                print("# " + line, file=out, flush=True)
    return 1 if failed else 0


def skip_all(reason, out=None):
    """The whole program cannot run: a TAP plan of no tests, and exit status 0.

    meson's TAP protocol (1.0) reports exit status 77 as an ERROR, not a SKIP."""
    print("1..0 # SKIP %s" % " ".join(reason.split()), file=out or sys.stdout, flush=True)
    return 0


class _UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=10):
        super().__init__("docker", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


def engine_get(socket_path, path, timeout=10):
    """GET an Engine API path; returns (status, headers, parsed JSON or text)."""
    conn = _UnixHTTPConnection(socket_path, timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        ctype = resp.getheader("Content-Type", "")
        data = json.loads(body) if ctype.startswith("application/json") else body.decode()
        return resp.status, dict(resp.getheaders()), data
    finally:
        conn.close()


class Dockerd:
    """A dockerd started for one test, on its own socket and data root."""

    def __init__(self, config, dockerd="/usr/sbin/dockerd", start_timeout=60, extra_args=()):
        self.config = config
        self.extra_args = list(extra_args)
        self.dockerd = dockerd
        self.start_timeout = start_timeout
        # Unix socket paths are short (108 bytes): keep the folder short too.
        self.dir = tempfile.mkdtemp(prefix="matou-dk-", dir="/tmp")
        self.socket = os.path.join(self.dir, "docker.sock")
        self.config_file = os.path.join(self.dir, "daemon.json")
        self.pidfile = os.path.join(self.dir, "docker.pid")
        self.log_path = os.path.join(self.dir, "dockerd.log")
        self.process = None

    @property
    def host(self):
        return "unix://" + self.socket

    def argv(self):
        return [
            self.dockerd,
            "--config-file", self.config_file,
            "--data-root", os.path.join(self.dir, "data"),
            "--exec-root", os.path.join(self.dir, "exec"),
            "--pidfile", self.pidfile,
            "-H", self.host,
            "--iptables=false",
            "--bridge=none",
        ] + self.extra_args

    def start(self):
        with open(self.config_file, "w") as f:
            json.dump(self.config, f, indent=2)
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(self.argv(), stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        log.close()
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("dockerd exited with %d:\n%s" % (self.process.returncode, self.log()))
            try:
                status, _, _ = engine_get(self.socket, "/_ping", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("dockerd did not answer within %d s:\n%s" % (self.start_timeout, self.log()))

    def log(self):
        try:
            with open(self.log_path, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def pid(self):
        """The daemon running now: a helper may have restarted it since."""
        try:
            with open(self.pidfile) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def stop(self):
        self.stop_processes()
        self.remove_files()

    def stop_processes(self):
        # A dockerd restarted by the helper is not our child: stop it by its pidfile.
        pid = self.pid()
        if pid is not None and (self.process is None or pid != self.process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and process_alive(pid):
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        if self.process is not None and self.process.poll() is None:
            # dockerd runs in its own session: signal the whole group, containerd too.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)

    def remove_files(self):
        # Unmount anything the daemon left behind before removing the folder.
        subprocess.run(["umount", "-R", "-l", os.path.join(self.dir, "exec")],
                       stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        subprocess.run(["umount", "-R", "-l", os.path.join(self.dir, "data")],
                       stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def load_fixture(name):
    with open(os.path.join(os.environ["MATOU_TEST_FIXTURES"], name)) as f:
        return json.load(f)


def write_helper_conf(daemon, path=None, helper_path=None, restart_args=()):
    """A helper.conf pointing matou-helper at this daemon, with the direct backend.

    restart_args: flags the helper's next start of dockerd adds to those the
    daemon runs with now, as when its service definition changed since it
    started. Returns its path; the helper refuses a file others may write, so
    it is 0644."""
    d = daemon.dir
    path = path or os.path.join(d, "helper.conf")
    with open(path, "w") as f:
        f.write("[paths]\n"
                "daemon-json=%(d)s/daemon.json\n"
                "dropin-dir=%(d)s/docker.service.d\n"
                "backup-dir=%(d)s/backups\n"
                "lock-file=%(d)s/helper.lock\n"
                "[engine]\n"
                "socket=%(d)s/docker.sock\n"
                "[service]\n"
                "backend=direct\n"
                "log-file=%(d)s/dockerd.log\n"
                "start-timeout=60\n"
                "[direct]\n"
                "pidfile=%(d)s/docker.pid\n"
                "dockerd=%(argv)s\n" % {"d": d, "argv": ";".join(list(daemon.argv()) + list(restart_args))})
    os.chmod(path, 0o644)
    return path


# --- a registry of our own, and images made without the network ----------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("nothing listens on port %d" % port)


@contextlib.contextmanager
def registry():
    """A real registry (distribution 2.8) on a free loopback port."""
    port = free_port()
    folder = tempfile.mkdtemp(prefix="matou-reg-")
    config = os.path.join(folder, "config.yml")
    with open(config, "w") as f:
        f.write("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s/data\n"
                "http:\n  addr: 127.0.0.1:%d\n" % (folder, port))
    process = subprocess.Popen(["/usr/bin/docker-registry", "serve", config],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=_die_with_parent)
    try:
        wait_port(port)
        yield port, process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def busybox_tar(path):
    """A root file system with only busybox: an image made without the network."""
    with tarfile.open(path, "w") as tar:
        tar.add("/bin/busybox", arcname="bin/busybox")
        for name in ("sh", "echo"):
            info = tarfile.TarInfo("bin/" + name)
            info.type = tarfile.SYMTYPE
            info.linkname = "busybox"
            tar.addfile(info)


def docker_cli(daemon, *args):
    env = dict(os.environ, DOCKER_HOST=daemon.host)
    result = subprocess.run(["docker"] + list(args), env=env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise AssertionError("docker %s: %s" % (" ".join(args), result.stderr))
    return result.stdout


def image_exists(daemon, name):
    status, _, _ = engine_get(daemon.socket, "/images/%s/json" % name)
    return status == 200
