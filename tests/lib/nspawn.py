#!/usr/bin/python3
"""A Debian 12 system booted with systemd, for the systemd backend's tests.

The tree (see debtree.py: cached in /var/cache/matou-tests) holds systemd,
dbus, Debian's docker.io and the libraries matou-helper links. Each test
boots it with `systemd-nspawn --boot` on a copy-on-write overlay, so the
cached tree stays as built: systemd is PID 1 inside, docker.service is
Debian's own unit (StartLimitBurst=3, Restart=always), started by systemd
at boot. The container has its own network namespace (--private-network),
where dockerd sets up its bridge and iptables as on a normal machine.
Commands run inside through nsenter, files are read through
/proc/LEADER/root.

Run it by hand to build (or check) the tree: python3 tests/lib/nspawn.py
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import debtree
import matoutest

NSPAWN = "/usr/bin/systemd-nspawn"
NSENTER = "/usr/bin/nsenter"
# The helper as a package would install it; its runtime libraries are in the tree.
HELPER_INSIDE = "/usr/libexec/matou-helper"
TREE = debtree.Tree("debian12-systemd", "bookworm",
                    ["systemd", "systemd-sysv", "dbus", "docker.io",
                     "libglib2.0-0", "libjson-glib-1.0-0", "libsoup-3.0-0"],
                    recipe=1, describe="Debian 12 with systemd",
                    required=["usr/lib/systemd/systemd", "usr/bin/systemctl", "usr/bin/journalctl",
                              "usr/bin/dbus-daemon", "usr/sbin/dockerd", "lib/systemd/system/docker.service",
                              "usr/lib/x86_64-linux-gnu/libsoup-3.0.so.0"])
TreeError = debtree.TreeError


class BootedSystem:
    """systemd-nspawn --boot of the cached tree; stop() powers it off and removes it."""

    def __init__(self, binds=(), files=None, boot_timeout=180):
        """binds: (host path, path inside) pairs, read-only. files: {path inside: text},
        written before boot (e.g. /etc/default/docker)."""
        self.binds = list(binds)
        self.files = dict(files or {})
        self.boot_timeout = boot_timeout
        self.state = tempfile.mkdtemp(prefix="matou-ns-", dir="/tmp")
        self.name = "matou-test-" + os.urandom(4).hex()
        self.log_path = os.path.join(self.state, "console.log")
        self.process = None
        self.leader = None
        self.boot_seconds = None

    def start(self):
        root = debtree.overlay(TREE.path, self.state)
        for path, text in self.files.items():
            full = root + path
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        # dockerd's data on the host's file system, as on a real machine (overlay2 needs it).
        data = os.path.join(self.state, "docker-data")
        os.mkdir(data)
        argv = [NSPAWN, "--quiet", "--directory", root, "--boot", "--machine", self.name,
                # No systemd on the host to register with or to make a scope.
                "--register=no", "--keep-unit",
                "--private-network", "--console=pipe",
                "--bind=%s:/var/lib/docker" % data]
        argv += ["--bind-ro=%s:%s" % (host, inside) for host, inside in self.binds]
        started = time.monotonic()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            preexec_fn=matoutest._die_with_parent)
        deadline = started + self.boot_timeout
        # The container's PID 1 once it runs systemd: nspawn's first child may be
        # its short-lived intermediate process, and entering that one (gone a
        # moment later) would find nothing for the rest of the wait.
        while self.leader is None:
            self._check_alive()
            with contextlib.suppress(OSError, ValueError):
                with open("/proc/%d/task/%d/children" % (self.process.pid, self.process.pid)) as f:
                    children = f.read().split()
                for child in children:
                    with open("/proc/%s/comm" % child) as f:
                        if f.read().strip() == "systemd":
                            self.leader = int(child)
                            break
            if time.monotonic() > deadline:
                raise RuntimeError("systemd-nspawn started no container within %d s:\n%s"
                                   % (self.boot_timeout, self.console()))
            time.sleep(0.05)
        # "running" or "degraded" once boot is over; "starting" before.
        while True:
            self._check_alive()
            state = self.run(["systemctl", "is-system-running"], check=False).stdout.strip()
            if state in ("running", "degraded"):
                break
            if time.monotonic() > deadline:
                raise RuntimeError("the container did not finish booting within %d s (%s):\n%s"
                                   % (self.boot_timeout, state, self.console()))
            time.sleep(0.2)
        self.boot_seconds = time.monotonic() - started
        self.system_state = state
        return self

    def _check_alive(self):
        if self.process.poll() is not None:
            raise RuntimeError("systemd-nspawn exited with %d:\n%s" % (self.process.returncode, self.console()))

    def console(self):
        with contextlib.suppress(OSError), open(self.log_path, errors="replace") as f:
            return f.read()[-4000:]
        return ""

    def run(self, argv, input=None, check=True, timeout=240):
        """Runs argv inside the container as its root, with a clean environment."""
        cmd = [NSENTER, "--target", str(self.leader), "--all", "--",
               "/usr/bin/env", "-i", "PATH=" + debtree.SAFE_PATH, "LC_ALL=C"] + list(argv)
        result = subprocess.run(cmd, input=input, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=timeout)
        result.stdout = result.stdout.decode(errors="replace")
        result.stderr = result.stderr.decode(errors="replace")
        if check and result.returncode != 0:
            raise RuntimeError("%s exited with %d: %s%s" % (" ".join(argv), result.returncode,
                                                            result.stdout, result.stderr))
        return result

    def path(self, inside):
        """A path inside the container, as the host reaches it."""
        return "/proc/%d/root%s" % (self.leader, inside)

    def show(self, unit, prop):
        return self.run(["systemctl", "show", unit, "--property", prop, "--value"]).stdout.strip()

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            # systemd-nspawn asks the container's systemd to power off on a
            # first SIGTERM, and ends the container at once on a second.
            for sig, wait in ((signal.SIGTERM, 30), (signal.SIGTERM, 10), (signal.SIGKILL, None)):
                with contextlib.suppress(ProcessLookupError):
                    self.process.send_signal(sig)
                try:
                    self.process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        # Without a tmpfs /run on the host, nspawn leaves its empty propagation folder.
        with contextlib.suppress(OSError):
            os.rmdir("/run/systemd/nspawn/propagate/" + self.name)
        debtree.remove_tree(self.state)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def main():
    if os.geteuid() != 0:
        print("nspawn: building the tree needs root", file=sys.stderr)
        return 1
    try:
        stamp, built = TREE.ensure(say=lambda text: print("nspawn: " + text, flush=True))
    except TreeError as e:
        print("nspawn: %s" % e, file=sys.stderr)
        return 1
    print("nspawn: %s %s: %s" % ("built" if built else "cached", TREE.path, json.dumps(stamp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
