#!/usr/bin/python3
"""Benchmark, not a test: how long Matou takes from exec to its first frame,
the CPU time it spent until then, and its resident memory 2 s after exec (or
at the first frame when that comes later), against a bare
AdwApplicationWindow with a header bar, alternated in one X server and one
session bus.

Both programs print the monotonic time of their first frame and their CPU
time (getrusage) when MATOU_BENCH_FIRST_FRAME is set; the time of exec is
taken just before the spawn, on the same clock. Figures are medians; the
ratios are the result. On a busy machine the wall time stretches with the
load; the CPU time much less.
"""

import argparse
import os
import select
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import xvfb as xvfb_server  # noqa: E402

SETTLE_S = 2.0
TIMEOUT_S = 30.0


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def run_once(argv):
    """Returns (milliseconds from exec to the first frame, CPU milliseconds spent until then,
    RSS in MiB 2 s after exec, or at the first frame if that comes later)."""
    env = dict(os.environ, MATOU_BENCH_FIRST_FRAME="1")
    started = time.monotonic_ns() // 1000
    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    try:
        frame_us = None
        buffered = b""
        deadline = time.monotonic() + TIMEOUT_S
        while frame_us is None and time.monotonic() < deadline:
            ready, _, _ = select.select([process.stdout], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                break
            buffered += chunk
            for line in buffered.split(b"\n"):
                if line.startswith(b"first-frame-us=") and b" cpu-us=" in line:
                    fields = dict(field.split(b"=", 1) for field in line.split())
                    frame_us = int(fields[b"first-frame-us"])
                    cpu_us = int(fields[b"cpu-us"])
        if frame_us is None:
            raise RuntimeError("%s drew no frame within %d s" % (argv[0], TIMEOUT_S))
        remaining = started / 1e6 + SETTLE_S - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)
        rss = rss_kib(process.pid)
        return (frame_us - started) / 1000.0, cpu_us / 1000.0, rss / 1024.0
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def inner(args):
    programs = [("bare window", [args.bare]), ("Matou", [args.matou])]
    results = {name: ([], [], []) for name, _ in programs}

    # One run of each first, not counted: the page cache and the session bus's services warm up.
    for _, argv in programs:
        run_once(argv)
    for i in range(args.runs):
        for name, argv in programs:
            ms, cpu_ms, mib = run_once(argv)
            results[name][0].append(ms)
            results[name][1].append(cpu_ms)
            results[name][2].append(mib)
            print("run %d %-12s first frame %7.1f ms (CPU %7.1f ms)   RSS %6.1f MiB" % (i + 1, name, ms, cpu_ms, mib),
                  flush=True)

    bare_ms, bare_cpu, bare_mib = (statistics.median(v) for v in results["bare window"])
    matou_ms, matou_cpu, matou_mib = (statistics.median(v) for v in results["Matou"])
    print()
    print("%d runs each, alternated, one Xvfb, one session bus; medians:" % args.runs)
    print("%-40s %12s %12s" % ("", "bare window", "Matou"))
    print("%-40s %12.1f %12.1f" % ("exec to first frame (ms)", bare_ms, matou_ms))
    print("%-40s %12.1f %12.1f" % ("CPU time to first frame (ms)", bare_cpu, matou_cpu))
    print("%-40s %12.1f %12.1f" % ("resident memory %.0f s after exec (MiB)" % SETTLE_S, bare_mib, matou_mib))
    print()
    print("memory over the floor: %+.1f MiB (goal: at most +15)" % (matou_mib - bare_mib))
    print("memory ratio: %.2f" % (matou_mib / bare_mib))
    print("startup CPU time ratio: %.2f (less sensitive to a busy machine)" % (matou_cpu / bare_cpu))
    print("startup ratio (wall time): %.2f (goal: at most 1.3)" % (matou_ms / bare_ms))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("MATOU_BENCH_RUNS", "9")))
    parser.add_argument("--matou", default=os.environ.get("MATOU_BINARY"))
    parser.add_argument("--bare", default=os.environ.get("MATOU_BENCH_BARE_WINDOW"))
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.matou or not args.bare or args.runs < 1:
        parser.error("--matou, --bare and a positive --runs are needed")

    if args.inner:
        return inner(args)

    xvfb, display = xvfb_server.start()
    try:
        env = dict(os.environ, DISPLAY=display)
        env.pop("XAUTHORITY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__), "--inner",
                               "--runs", str(args.runs), "--matou", args.matou, "--bare", args.bare],
                              env=env).returncode
    finally:
        xvfb.terminate()
        xvfb.wait()


if __name__ == "__main__":
    sys.exit(main())
