#!/usr/bin/python3
"""Benchmark, not a test: what applying a setting costs, against the floor of
doing it by hand, on one test dockerd in one run.

- raw restart: SIGTERM to dockerd, wait for it to exit, start it again, poll
  /_ping every 20 ms until it answers;
- helper, restart path: matou-helper apply with a DNS change (the `direct`
  backend stops and starts the same dockerd);
- raw reload: write daemon.json, SIGHUP, poll /info every 20 ms until it shows
  the mirror;
- helper, reload path: matou-helper apply with a mirrors change.

The four alternate, 3 runs each (MATOU_BENCH_RUNS); medians; ratios last.
Needs root, as the helper suite does.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
MIRRORS = ["https://docker.1ms.run", "https://docker.m.daocloud.io"]
DNS = [["223.5.5.5"], ["119.29.29.29"]]
POLL_S = 0.02


def ping(daemon):
    try:
        status, _, _ = matoutest.engine_get(daemon.socket, "/_ping", timeout=2)
        return status == 200
    except OSError:
        return False


def mirrors_shown(daemon):
    try:
        status, _, info = matoutest.engine_get(daemon.socket, "/info", timeout=2)
    except OSError:
        return None
    if status != 200:
        return None
    return [m.rstrip("/") for m in (info.get("RegistryConfig") or {}).get("Mirrors") or []]


class Bench:
    def __init__(self):
        self.daemon = matoutest.Dockerd({})
        self.conf = matoutest.write_helper_conf(self.daemon)
        self.children = []

    def raw_restart(self):
        started = time.monotonic()
        pid = self.daemon.pid()
        os.kill(pid, signal.SIGTERM)
        for child in self.children + [self.daemon.process]:
            if child is not None and child.pid == pid:
                child.wait()
        while matoutest.process_alive(pid):
            time.sleep(0.005)
        process = subprocess.Popen(self.daemon.argv(), stdout=open(self.daemon.log_path, "ab"),
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                   preexec_fn=matoutest._die_with_parent)
        self.children.append(process)
        while not ping(self.daemon):
            if process.poll() is not None:
                raise RuntimeError("dockerd exited: " + self.daemon.log()[-2000:])
            time.sleep(POLL_S)
        return time.monotonic() - started

    def raw_reload(self, mirror):
        started = time.monotonic()
        with open(self.daemon.config_file) as f:
            config = json.load(f)
        config["registry-mirrors"] = [mirror]
        with open(self.daemon.config_file + ".new", "w") as f:
            json.dump(config, f, indent=2)
        os.rename(self.daemon.config_file + ".new", self.daemon.config_file)
        os.kill(self.daemon.pid(), signal.SIGHUP)
        while mirrors_shown(self.daemon) != [mirror.rstrip("/")]:
            if time.monotonic() - started > 30:
                raise RuntimeError("dockerd did not reload: " + self.daemon.log()[-2000:])
            time.sleep(POLL_S)
        return time.monotonic() - started

    def helper_apply(self, request, action):
        started = time.monotonic()
        result = subprocess.run([HELPER, "--config", self.conf, "apply"], input=json.dumps(request).encode(),
                                stdout=subprocess.PIPE, timeout=240)
        elapsed = time.monotonic() - started
        last = json.loads(result.stdout.decode().splitlines()[-1])
        if result.returncode != 0 or not last.get("ok") or last.get("action") != action:
            raise RuntimeError("the helper's apply did not %s: %r" % (action, last))
        return elapsed


def main():
    if os.geteuid() != 0:
        print("bench-apply needs root (it starts dockerd and runs the helper as root)", file=sys.stderr)
        return 1
    runs = int(os.environ.get("MATOU_BENCH_RUNS", "3"))
    matoutest.install_signal_handlers()
    bench = Bench()
    times = {"raw restart": [], "helper restart": [], "raw reload": [], "helper reload": []}
    with bench.daemon:
        try:
            # One of each first, not counted: the page cache warms up.
            bench.raw_restart()
            bench.helper_apply({"dns": DNS[1]}, "restart")
            for i in range(runs):
                times["raw restart"].append(bench.raw_restart())
                times["helper restart"].append(bench.helper_apply({"dns": DNS[i % 2]}, "restart"))
                times["raw reload"].append(bench.raw_reload(MIRRORS[i % 2]))
                times["helper reload"].append(bench.helper_apply({"registry-mirrors": [MIRRORS[(i + 1) % 2]]},
                                                                 "reload"))
                print("run %d: %s" % (i + 1, "   ".join("%s %.2f s" % (k, v[-1]) for k, v in times.items())),
                      flush=True)
        finally:
            for child in bench.children:
                if child.poll() is None:
                    os.killpg(child.pid, signal.SIGTERM)
                    try:
                        child.wait(timeout=20)
                    except subprocess.TimeoutExpired:
                        os.killpg(child.pid, signal.SIGKILL)
                        child.wait()

    median = {k: statistics.median(v) for k, v in times.items()}
    print()
    print("%d runs each, alternated, one test dockerd (direct backend); medians:" % runs)
    for k in times:
        print("%-40s %6.2f s" % (k, median[k]))
    goal = 1.2 * median["raw restart"] + 0.5
    print()
    print("apply by restart: %.2f s, goal at most 1.2 x raw + 0.5 s = %.2f s: %s"
          % (median["helper restart"], goal, "met" if median["helper restart"] <= goal else "NOT met"))
    print("apply by reload: %.2f s after a raw reload of %.2f s, goal within 1 s of it: %s"
          % (median["helper reload"], median["raw reload"],
             "met" if median["helper reload"] - median["raw reload"] <= 1.0 else "NOT met"))
    print("reload ratio (helper / raw): %.2f" % (median["helper reload"] / median["raw reload"]))
    print("restart ratio (helper / raw): %.2f" % (median["helper restart"] / median["raw restart"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
