#!/usr/bin/python3
"""Benchmark, not a test: what Matou costs while it waits, against a bare
AdwApplicationWindow in the same X server and session bus.

Each program starts, settles (SETTLE_S after its first frame), is then unfocused
(another window, a second bare window, opens over it and takes the keyboard
focus: there is no window manager) or hidden (its window unmapped, as a
window manager does when it minimises), and is watched for
MATOU_BENCH_IDLE_SECONDS (60), from AFTER_S after that change: CPU time (utime + stime of /proc/PID/stat) and
wake-ups (voluntary context switches, summed over its threads). Once with a
test dockerd up (needs root) and once with no daemon at DOCKER_HOST.

AFTER_S: the change itself has a one-off answer that is not idle cost. When
the other window opens under the pointer, GTK fades in and out the overlay
scrollbar of a page whose content is taller than the window (Overview, with
a daemon up), re-rendering the window for each frame of the fade: several
seconds of llvmpipe rendering under Xvfb, about nothing on a GPU.
"""

import contextlib
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import xvfb as xvfb_server  # noqa: E402

SETTLE_S = 4.0
AFTER_S = 8.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


def sample(pid):
    """(CPU seconds, {thread id: voluntary context switches})."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLK_TCK
    switches = {}
    for tid in os.listdir("/proc/%d/task" % pid):
        with contextlib.suppress(OSError):
            with open("/proc/%d/task/%s/status" % (pid, tid)) as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        switches[int(tid)] = int(line.split()[1])
    return cpu, switches


def wakeups_between(before, after):
    """Wake-ups of the threads alive at the end (a thread started meanwhile counts from 0)."""
    return sum(n - before.get(tid, 0) for tid, n in after.items())


def windows_of(pid):
    result = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(pid), ""],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    return result.stdout.decode().split()


def open_other_window(env):
    """Another program's window over the one watched, with the keyboard focus."""
    other = subprocess.Popen([os.environ["MATOU_BENCH_BARE_WINDOW"]], env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        windows = windows_of(other.pid)
        if windows:
            for window in windows:
                subprocess.run(["xdotool", "windowfocus", window], stderr=subprocess.DEVNULL)
            return other
        time.sleep(0.2)
    other.kill()
    raise RuntimeError("the other window did not show")


def watch(argv, env, how, seconds):
    other = None
    subprocess.run(["xdotool", "mousemove", "400", "300"], check=True)
    process = subprocess.Popen(argv, env=dict(env, MATOU_BENCH_FIRST_FRAME="1"), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        # Settling counts from the first frame: on a busy machine startup alone takes seconds.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line or line.startswith(b"first-frame-us="):
                break
        time.sleep(SETTLE_S)
        windows = windows_of(process.pid)
        if not windows:
            raise RuntimeError("%s showed no window" % argv[0])
        if how == "hidden":
            for window in windows:
                subprocess.run(["xdotool", "windowunmap", window], check=True)
        else:
            other = open_other_window(env)
        time.sleep(AFTER_S)
        cpu0, switches0 = sample(process.pid)
        time.sleep(seconds)
        cpu1, switches1 = sample(process.pid)
        main = switches1.get(process.pid, 0) - switches0.get(process.pid, 0)
        return cpu1 - cpu0, wakeups_between(switches0, switches1), main
    finally:
        if other is not None:
            other.terminate()
            other.wait()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def inner(matou, bare, seconds):
    import matoutest

    rows = []

    def measure(label, docker_host):
        env = dict(os.environ, DOCKER_HOST=docker_host)
        for how in ("unfocused", "hidden"):
            for name, argv in (("bare window", [bare]), ("Matou", [matou])):
                cpu, wakeups, main_wakeups = watch(argv, env, how, seconds)
                rows.append((label, how, name, cpu, wakeups, main_wakeups))
                print("%-16s %-10s %-12s CPU %6.2f s   wake-ups %6d (main thread %6d)"
                      % (label, how, name, cpu, wakeups, main_wakeups), flush=True)

    if os.geteuid() == 0:
        with matoutest.Dockerd({}) as daemon:
            measure("daemon up", daemon.host)
    else:
        print("not root: no test dockerd, the daemon-up rows are left out", flush=True)
    measure("no daemon", "unix:///nonexistent/matou-bench-docker.sock")

    print()
    print("Over %d s each, from %.0f s after the window was unfocused or hidden (%.0f s after its first frame);"
          " wake-ups are voluntary context switches of all threads." % (seconds, AFTER_S, SETTLE_S))
    print("%-16s %-10s %10s %10s %12s %12s" % ("", "", "CPU bare", "CPU Matou", "wake bare", "wake Matou"))
    ratios = []
    for i in range(0, len(rows), 2):
        bare_row, matou_row = rows[i], rows[i + 1]
        print("%-16s %-10s %10.2f %10.2f %12d %12d" % (bare_row[0], bare_row[1], bare_row[3], matou_row[3],
                                                       bare_row[4], matou_row[4]))
        ratios.append((bare_row[0], bare_row[1], matou_row[4] / max(1, bare_row[4]),
                       matou_row[4] / seconds, (matou_row[3] + 0.01) / (bare_row[3] + 0.01)))
    print()
    for label, how, ratio, per_second, cpu_ratio in ratios:
        print("%s, %s: Matou %.2f wake-ups/s; wake-up ratio to the bare window %.2f; CPU ratio %.2f"
              % (label, how, per_second, ratio, cpu_ratio))
    return 0


def main():
    matou = os.environ["MATOU_BINARY"]
    bare = os.environ["MATOU_BENCH_BARE_WINDOW"]
    seconds = int(os.environ.get("MATOU_BENCH_IDLE_SECONDS", "60"))
    if "--inner" in sys.argv:
        return inner(matou, bare, seconds)

    xvfb, display = xvfb_server.start()
    try:
        env = dict(os.environ, DISPLAY=display)
        env.pop("XAUTHORITY", None)
        env.pop("WAYLAND_DISPLAY", None)
        return subprocess.run(["dbus-run-session", "--", sys.executable, os.path.abspath(__file__), "--inner"],
                              env=env).returncode
    finally:
        xvfb.terminate()
        xvfb.wait()


if __name__ == "__main__":
    sys.exit(main())
