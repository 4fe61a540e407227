#!/usr/bin/python3
"""A real Docker Engine 26 for the tests: Debian 13's docker.io in a chroot.

Debian 12, where the tests run, ships Engine 20.10, which knows nothing of
`proxies` in daemon.json. Debian 13 ships docker.io 26.1, and its archive is
served by the same mirror as this machine's own. This module keeps a Debian
13 tree with docker.io (see debtree.py: cached in /var/cache/matou-tests,
rebuilt when missing or incomplete, a failure when the archive cannot be
reached; nothing falls back to the host's Engine), and runs that tree's
dockerd (with its own containerd and runc) through `/usr/sbin/chroot`, on a
copy-on-write overlay of the tree, with the test's temporary folder
bind-mounted at the same path inside, so that the socket, daemon.json,
pidfile and log have one path for the host's tests and matou-helper.

Run it by hand to build (or check) the tree: python3 tests/lib/engine26.py
"""

import json
import os
import sys
import tempfile

import debtree
import matoutest

# What the daemon needs from the tree; a tree missing one is incomplete.
TREE = debtree.Tree("debian13-docker", "trixie", ["docker.io"], recipe=2, describe="Debian 13",
                    required=["usr/sbin/dockerd", "usr/bin/containerd", "usr/sbin/runc",
                              "usr/bin/docker-init", "usr/sbin/docker-proxy"])
CACHE_DIR = debtree.CACHE_DIR
TreeError = debtree.TreeError


def ensure_tree(say=lambda text: None):
    return TREE.ensure(say)


class ChrootDockerd(matoutest.Dockerd):
    """Debian 13's dockerd, run through chroot on an overlay of the cached tree.

    argv() starts with /usr/sbin/chroot, so a helper.conf written by
    matoutest.write_helper_conf makes matou-helper's direct backend start
    this same daemon again. The mounts are the test's; stop() removes them."""

    def __init__(self, config, tree=TREE.path, **kwargs):
        super().__init__(config, dockerd="/usr/sbin/dockerd", **kwargs)
        self.tree = tree
        self.state = tempfile.mkdtemp(prefix="matou-e26-", dir="/tmp")
        self.root = os.path.join(self.state, "root")

    def argv(self):
        return [debtree.CHROOT, self.root] + super().argv()

    def start(self):
        debtree.overlay(self.tree, self.state)
        debtree.mount("-t", "proc", "proc", os.path.join(self.root, "proc"))
        debtree.mount("--rbind", "/sys", os.path.join(self.root, "sys"))
        debtree.mount("--rbind", "/dev", os.path.join(self.root, "dev"))
        inside = self.root + self.dir
        os.makedirs(inside)
        debtree.mount("--bind", self.dir, inside)
        return super().start()

    def remove_files(self):
        try:
            debtree.unmount_all_under(self.root)
        finally:
            super().remove_files()
        debtree.remove_tree(self.state)

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
    print("engine26: %s %s: %s" % ("built" if built else "cached", TREE.path, json.dumps(stamp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
