#!/usr/bin/python3
"""A real Docker Engine 26 for the tests: Debian 13's docker.io in a chroot.

Debian 12, where the tests run, ships Engine 20.10, which knows nothing of
`proxies` in daemon.json. Debian 13 ships docker.io 26.1, and its archive is
served by the same mirror as this machine's own. This module:

- makes a Debian 13 (trixie) `debootstrap --variant=minbase` tree with
  docker.io installed, kept outside the checkout in /var/cache/matou-tests
  (MATOU_TEST_CACHE) and reused between runs. The tree is built under a
  temporary name and renamed when complete, with a stamp file written last:
  a tree without a valid stamp, or with a missing binary, is built again.
  When the archive cannot be reached the build fails with apt's or
  debootstrap's own words; nothing falls back to the host's Engine;
- runs that tree's dockerd (with its own containerd and runc) through
  `/usr/sbin/chroot`, on a copy-on-write overlay of the tree, with the test's
  temporary folder bind-mounted at the same path inside, so that the socket,
  daemon.json, pidfile and log have one path for the host's tests and
  matou-helper, and another for nobody.

Run it by hand to build (or check) the tree: python3 tests/lib/engine26.py
"""

import contextlib
import fcntl
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import matoutest

CACHE_DIR = os.environ.get("MATOU_TEST_CACHE", "/var/cache/matou-tests")
SUITE = "trixie"
PACKAGES = ["docker.io"]
# Raise when the way the tree is made changes: older trees are built again.
RECIPE = 1
TREE = os.path.join(CACHE_DIR, "debian13-docker")
STAMP = ".matou-tree.json"   # inside the tree, written last
# What the daemon needs from the tree; a tree missing one is incomplete.
REQUIRED = ["usr/sbin/dockerd", "usr/bin/containerd", "usr/sbin/runc", "usr/bin/docker-init",
            "usr/sbin/docker-proxy"]
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
CHROOT = "/usr/sbin/chroot"
SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


class TreeError(RuntimeError):
    """The Debian 13 tree could not be made: the test fails, it never skips."""


def _os_release_codename():
    with open("/etc/os-release") as f:
        for line in f:
            if line.startswith("VERSION_CODENAME="):
                return line.split("=", 1)[1].strip().strip('"')
    return None


def _apt_sources():
    """(types, uri, suites) of every entry of this machine's apt sources."""
    entries = []
    one_line = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list"))
    for path in one_line:
        with contextlib.suppress(OSError), open(path) as f:
            for line in f:
                words = line.split("#", 1)[0].split()
                if len(words) < 3 or words[0] not in ("deb", "deb-src"):
                    continue
                if words[1].startswith("["):   # [arch=amd64 signed-by=...]
                    while words and not words[1].endswith("]"):
                        del words[1]
                    del words[1]
                if len(words) >= 3:
                    entries.append(([words[0]], words[1], [words[2]]))
    for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
        with contextlib.suppress(OSError), open(path) as f:
            text = f.read()
        for paragraph in text.split("\n\n"):
            fields = {}
            for line in paragraph.splitlines():
                if line.startswith("#") or ":" not in line or line[:1].isspace():
                    continue
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.split()
            if fields.get("enabled", ["yes"])[0].lower() == "no":
                continue
            for uri in fields.get("uris", []):
                entries.append((fields.get("types", []), uri, fields.get("suites", [])))
    return entries


def archive_mirror():
    """The Debian archive this machine's apt uses for its own release.

    The same host serves trixie. MATOU_DEBIAN_MIRROR names another one."""
    if os.environ.get("MATOU_DEBIAN_MIRROR"):
        return os.environ["MATOU_DEBIAN_MIRROR"]
    codename = _os_release_codename()
    for types, uri, suites in _apt_sources():
        if "deb" in types and codename in suites:
            return uri.rstrip("/")
    raise TreeError("no apt source of this machine serves %r: cannot tell which Debian "
                    "archive to make the Debian 13 tree from (set MATOU_DEBIAN_MIRROR)" % codename)


def _mounts_under(path):
    """Mount points at or below path, deepest first."""
    path = os.path.realpath(path)
    found = []
    with open("/proc/self/mountinfo") as f:
        for line in f:
            target = line.split()[4].replace("\\040", " ")
            if target == path or target.startswith(path + "/"):
                found.append(target)
    return sorted(found, key=len, reverse=True)


def unmount_all_under(path):
    """Unmounts everything at or below path; raises when something stays mounted."""
    for target in _mounts_under(path):
        if subprocess.run(["umount", target], stderr=subprocess.DEVNULL).returncode != 0:
            subprocess.run(["umount", "-l", target], stderr=subprocess.DEVNULL)
    left = _mounts_under(path)
    if left:
        raise RuntimeError("still mounted, not removing %s: %s" % (path, ", ".join(left)))


def remove_tree(path):
    """rm -rf that never crosses into a mount (a bind of /dev, /sys...)."""
    if not os.path.lexists(path):
        return
    unmount_all_under(path)
    subprocess.run(["rm", "-rf", "--one-file-system", "--", path], check=True)


def read_stamp(tree=TREE):
    """The stamp of a complete tree, or None when the tree must be built (again)."""
    try:
        with open(os.path.join(tree, STAMP)) as f:
            stamp = json.load(f)
    except (OSError, ValueError):
        return None
    if stamp.get("recipe") != RECIPE or stamp.get("suite") != SUITE or stamp.get("packages") != PACKAGES:
        return None
    for name in REQUIRED:
        if not os.path.exists(os.path.join(tree, name)):
            return None
    return stamp


def _run_logged(argv, log, timeout, what):
    log.write("\n$ %s\n" % " ".join(argv))
    log.flush()
    env = {"PATH": SAFE_PATH, "LC_ALL": "C", "DEBIAN_FRONTEND": "noninteractive"}
    # A machine that reaches the archive through a proxy keeps using it.
    for name in ("http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"):
        if name in os.environ:
            env[name] = os.environ[name]
    try:
        result = subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise TreeError("%s did not finish within %d s" % (what, timeout))
    if result.returncode != 0:
        raise TreeError("%s failed (exit status %d)" % (what, result.returncode))


def _tail(path, lines=25):
    with contextlib.suppress(OSError), open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:])
    return ""


def _build(mirror, say):
    new = TREE + ".new"
    log_path = TREE + ".build.log"
    remove_tree(new)
    started = time.monotonic()
    with open(log_path, "w") as log:
        try:
            say("building the Debian 13 tree from %s into %s (a few minutes, once)" % (mirror, TREE))
            # The host's keyring holds trixie's keys: the archive is verified.
            _run_logged(["debootstrap", "--variant=minbase", "--keyring=" + KEYRING,
                         SUITE, new, mirror], log, 1500, "debootstrap %s from %s" % (SUITE, mirror))
            # No service starts inside the tree while packages install.
            policy = os.path.join(new, "usr/sbin/policy-rc.d")
            with open(policy, "w") as f:
                f.write("#!/bin/sh\nexit 101\n")
            os.chmod(policy, 0o755)
            # apt inside the tree, with its own /proc that goes away with the namespace.
            in_tree = ["unshare", "--mount", "--propagation", "private",
                       "--mount-proc=" + os.path.join(new, "proc"), CHROOT, new]
            _run_logged(in_tree + ["apt-get", "-q", "update"], log, 600,
                        "apt-get update inside the Debian 13 tree")
            _run_logged(in_tree + ["apt-get", "-q", "-y", "--no-install-recommends", "install"] + PACKAGES,
                        log, 900, "apt-get install %s inside the Debian 13 tree" % " ".join(PACKAGES))
            _run_logged(in_tree + ["apt-get", "clean"], log, 120, "apt-get clean")
            version = subprocess.run([CHROOT, new, "/usr/sbin/dockerd", "--version"], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env={"PATH": SAFE_PATH}, timeout=60,
                                     check=True).stdout.decode().strip()
            for name in REQUIRED:
                if not os.path.exists(os.path.join(new, name)):
                    raise TreeError("docker.io installed, but %s is missing from the tree" % name)
        except (TreeError, OSError, subprocess.SubprocessError) as e:
            raise TreeError("%s\n--- last lines of %s ---\n%s" % (e, log_path, _tail(log_path))) from e
    seconds = time.monotonic() - started
    stamp = {"recipe": RECIPE, "suite": SUITE, "packages": PACKAGES, "mirror": mirror,
             "dockerd": version, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
             "build-seconds": round(seconds, 1)}
    with open(os.path.join(new, STAMP), "w") as f:
        json.dump(stamp, f, indent=2)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    remove_tree(TREE)
    os.rename(new, TREE)
    say("built in %.0f s: %s" % (seconds, version))
    return stamp


def ensure_tree(say=lambda text: None):
    """The tree's stamp, building the tree first when it is missing or incomplete.

    Returns (stamp, built): built is True when this call made the tree."""
    os.makedirs(CACHE_DIR, mode=0o755, exist_ok=True)
    with open(os.path.join(CACHE_DIR, "debian13-docker.lock"), "w") as lock:
        # One build at a time; a second caller waits and then finds it done.
        fcntl.flock(lock, fcntl.LOCK_EX)
        stamp = read_stamp()
        if stamp is not None:
            return stamp, False
        return _build(archive_mirror(), say), True


class ChrootDockerd(matoutest.Dockerd):
    """Debian 13's dockerd, run through chroot on an overlay of the cached tree.

    argv() starts with /usr/sbin/chroot, so a helper.conf written by
    matoutest.write_helper_conf makes matou-helper's direct backend start
    this same daemon again. The mounts are the test's; stop() removes them."""

    def __init__(self, config, tree=TREE, **kwargs):
        super().__init__(config, dockerd="/usr/sbin/dockerd", **kwargs)
        self.tree = tree
        self.state = tempfile.mkdtemp(prefix="matou-e26-", dir="/tmp")
        self.root = os.path.join(self.state, "root")

    def argv(self):
        return [CHROOT, self.root] + super().argv()

    def _mount(self, *args):
        subprocess.run(["mount"] + list(args), check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def start(self):
        upper, work = os.path.join(self.state, "upper"), os.path.join(self.state, "work")
        for d in (upper, work, self.root):
            os.mkdir(d)
        # The cached tree stays as built: what the daemon writes lands in upper/.
        self._mount("-t", "overlay", "overlay", "-o",
                    "lowerdir=%s,upperdir=%s,workdir=%s" % (self.tree, upper, work), self.root)
        self._mount("-t", "proc", "proc", os.path.join(self.root, "proc"))
        self._mount("--rbind", "/sys", os.path.join(self.root, "sys"))
        self._mount("--rbind", "/dev", os.path.join(self.root, "dev"))
        inside = self.root + self.dir
        os.makedirs(inside)
        self._mount("--bind", self.dir, inside)
        return super().start()

    def remove_files(self):
        try:
            unmount_all_under(self.root)
        finally:
            super().remove_files()
        remove_tree(self.state)

    def version(self):
        status, _, version = matoutest.engine_get(self.socket, "/version")
        assert status == 200, status
        return version


def main():
    if os.geteuid() != 0:
        print("engine26: building the tree needs root", file=sys.stderr)
        return 1
    try:
        stamp, built = ensure_tree(say=lambda text: print("engine26: " + text, flush=True))
    except TreeError as e:
        print("engine26: %s" % e, file=sys.stderr)
        return 1
    print("engine26: %s %s: %s" % ("built" if built else "cached", TREE, json.dumps(stamp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
