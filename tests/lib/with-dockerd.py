#!/usr/bin/python3
"""Run a test program against a dockerd of its own.

usage: with-dockerd.py CONFIG.json PROGRAM [ARGS...]

Starts dockerd with CONFIG.json as its daemon.json, sets DOCKER_HOST to its
socket, runs PROGRAM, stops the daemon and exits with PROGRAM's status.
"""

import json
import os
import subprocess
import sys

import matoutest


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    if os.geteuid() != 0:
        # The engine suite needs root. Its protocol is TAP: a plan of no tests
        # is a SKIP (meson 1.0 reports exit status 77 under TAP as an ERROR).
        return matoutest.skip_all(matoutest.SETUP_MISSING +
                                  "starting dockerd needs root; build-aux/test runs this suite as root")
    matoutest.install_signal_handlers()
    with open(sys.argv[1]) as f:
        config = json.load(f)
    with matoutest.Dockerd(config) as daemon:
        # What the daemon says of itself, read independently of Matou's client.
        _, _, version = matoutest.engine_get(daemon.socket, "/version")
        env = dict(os.environ, DOCKER_HOST=daemon.host,
                   MATOU_TEST_DAEMON_CONFIG=daemon.config_file,
                   MATOU_TEST_EXPECT_VERSION=version["Version"],
                   MATOU_TEST_EXPECT_API_VERSION=version["ApiVersion"])
        result = subprocess.run(sys.argv[2:], env=env)
        if result.returncode != 0:
            print("# dockerd log:\n" + daemon.log(), file=sys.stderr)
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
