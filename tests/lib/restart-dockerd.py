#!/usr/bin/python3
"""Restart a test dockerd the way `systemctl restart docker` would.

usage: restart-dockerd.py ARGV.json PIDFILE SOCKET LOG

Stops the daemon whose pid is in PIDFILE, starts ARGV.json's command line
again in a session of its own (so that the caller, such as Ansible's command
module, returns), and waits until it answers on SOCKET.
"""

import json
import os
import signal
import subprocess
import sys
import time

import matoutest


def main():
    argv_file, pidfile, socket_path, log_path = sys.argv[1:5]
    with open(argv_file) as f:
        argv = json.load(f)
    try:
        with open(pidfile) as f:
            pid = int(f.read().strip())
    except (OSError, ValueError):
        pid = None
    if pid is not None:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 30
        while matoutest.process_alive(pid):
            if time.monotonic() > deadline:
                print("dockerd %d did not stop" % pid, file=sys.stderr)
                return 1
            time.sleep(0.1)
    with open(log_path, "ab") as log:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = matoutest.engine_get(socket_path, "/_ping", timeout=2)
            if status == 200:
                return 0
        except OSError:
            pass
        time.sleep(0.2)
    print("dockerd did not answer after the restart", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
