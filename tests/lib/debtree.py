"""Debian trees for the tests: debootstrap, cached between runs.

A tree is a `debootstrap --variant=minbase` of a Debian release with a few
packages installed by apt inside it, kept outside the checkout in
/var/cache/matou-tests (MATOU_TEST_CACHE) and reused between runs. It is
built under a temporary name and renamed when complete, with a stamp file
written last: a tree without a valid stamp, or with a required file missing,
is built again. The archive is the one this machine's apt uses
(MATOU_DEBIAN_MIRROR names another). When the archive cannot be reached the
build fails with debootstrap's or apt's own words.
"""

import contextlib
import fcntl
import glob
import json
import os
import subprocess
import time

CACHE_DIR = os.environ.get("MATOU_TEST_CACHE", "/var/cache/matou-tests")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
CHROOT = "/usr/sbin/chroot"
SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
STAMP = ".matou-tree.json"   # inside the tree, written last


class TreeError(RuntimeError):
    """A tree could not be made: the tests that need it fail, they never skip."""


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
                    while len(words) > 1 and not words[1].endswith("]"):
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
    """The Debian archive this machine's apt uses for its own release."""
    if os.environ.get("MATOU_DEBIAN_MIRROR"):
        return os.environ["MATOU_DEBIAN_MIRROR"]
    codename = _os_release_codename()
    for types, uri, suites in _apt_sources():
        if "deb" in types and codename in suites:
            return uri.rstrip("/")
    raise TreeError("no apt source of this machine serves %r: cannot tell which Debian "
                    "archive to make a tree from (set MATOU_DEBIAN_MIRROR)" % codename)


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


def mount(*args):
    subprocess.run(["mount"] + list(args), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def overlay(lower, state):
    """Mounts a copy-on-write view of lower at state/root; returns its path.

    The cached tree stays as built: what runs on the view writes to state/upper."""
    upper, work, root = (os.path.join(state, d) for d in ("upper", "work", "root"))
    for d in (upper, work, root):
        os.mkdir(d)
    mount("-t", "overlay", "overlay", "-o", "lowerdir=%s,upperdir=%s,workdir=%s" % (lower, upper, work), root)
    return root


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


class Tree:
    """One cached tree: a Debian release, the packages installed in it, the
    files that must be there. Raise recipe when the way it is made changes."""

    def __init__(self, name, suite, packages, required, recipe, describe,
                 probe=("/usr/sbin/dockerd", "--version")):
        self.name = name
        self.suite = suite
        self.packages = list(packages)
        self.required = list(required)
        self.recipe = recipe
        self.describe = describe      # e.g. "Debian 13", for messages
        # A command run in the finished tree whose output the stamp keeps;
        # None for a pristine tree (no packages added).
        self.probe = list(probe) if probe else None
        self.path = os.path.join(CACHE_DIR, name)

    def read_stamp(self):
        """The stamp of a complete tree, or None when the tree must be built (again)."""
        try:
            with open(os.path.join(self.path, STAMP)) as f:
                stamp = json.load(f)
        except (OSError, ValueError):
            return None
        if (stamp.get("recipe"), stamp.get("suite"), stamp.get("packages")) != \
                (self.recipe, self.suite, self.packages):
            return None
        for name in self.required:
            if not os.path.lexists(os.path.join(self.path, name)):
                return None
        return stamp

    def ensure(self, say=lambda text: None):
        """The tree's stamp, building the tree first when it is missing or incomplete.

        Returns (stamp, built): built is True when this call made the tree."""
        os.makedirs(CACHE_DIR, mode=0o755, exist_ok=True)
        with open(self.path + ".lock", "w") as lock:
            # One build at a time; a second caller waits and then finds it done.
            fcntl.flock(lock, fcntl.LOCK_EX)
            stamp = self.read_stamp()
            if stamp is not None:
                return stamp, False
            return self._build(archive_mirror(), say), True

    def _build(self, mirror, say):
        new = self.path + ".new"
        log_path = self.path + ".build.log"
        remove_tree(new)
        started = time.monotonic()
        with open(log_path, "w") as log:
            try:
                say("building the %s tree from %s into %s (a few minutes, once)" % (self.describe, mirror, self.path))
                # The host's keyring holds the keys of both releases: the archive is verified.
                _run_logged(["debootstrap", "--variant=minbase", "--keyring=" + KEYRING,
                             self.suite, new, mirror], log, 1500,
                            "debootstrap %s from %s" % (self.suite, mirror))
                # No service starts inside the tree while packages install.
                policy = os.path.join(new, "usr/sbin/policy-rc.d")
                with open(policy, "w") as f:
                    f.write("#!/bin/sh\nexit 101\n")
                os.chmod(policy, 0o755)
                # apt inside the tree, with its own /proc that goes away with the namespace.
                in_tree = ["unshare", "--mount", "--propagation", "private",
                           "--mount-proc=" + os.path.join(new, "proc"), CHROOT, new]
                if self.packages:
                    _run_logged(in_tree + ["apt-get", "-q", "update"], log, 600,
                                "apt-get update inside the %s tree" % self.describe)
                    _run_logged(in_tree + ["apt-get", "-q", "-y", "--no-install-recommends", "install"] + self.packages,
                                log, 900, "apt-get install %s inside the %s tree" % (" ".join(self.packages), self.describe))
                    _run_logged(in_tree + ["apt-get", "clean"], log, 120, "apt-get clean")
                os.unlink(policy)
                version = None
                if self.probe:
                    version = subprocess.run([CHROOT, new] + self.probe, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, env={"PATH": SAFE_PATH}, timeout=60,
                                             check=True).stdout.decode().strip()
                for name in self.required:
                    if not os.path.lexists(os.path.join(new, name)):
                        raise TreeError("packages installed, but %s is missing from the tree" % name)
            except (TreeError, OSError, subprocess.SubprocessError) as e:
                raise TreeError("%s\n--- last lines of %s ---\n%s" % (e, log_path, _tail(log_path))) from e
        seconds = time.monotonic() - started
        stamp = {"recipe": self.recipe, "suite": self.suite, "packages": self.packages, "mirror": mirror,
                 "dockerd": version, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "build-seconds": round(seconds, 1)}
        with open(os.path.join(new, STAMP), "w") as f:
            json.dump(stamp, f, indent=2)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        remove_tree(self.path)
        os.rename(new, self.path)
        say("built in %.0f s%s" % (seconds, ": " + version if version else ""))
        return stamp
