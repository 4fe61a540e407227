"""An X server for tests and benchmarks, on a display it picks itself."""

import os
import subprocess


def start():
    """Xvfb on a display of its own choosing (-displayfd): two runs at once never
    race for the same number, as `xvfb-run -a` can. Returns (process, ":N")."""
    read_fd, write_fd = os.pipe()
    # -noreset: the server must not reset when its first client (a test probe) disconnects.
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x900x24", "-noreset",
                             "-nolisten", "tcp"], pass_fds=[write_fd],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as f:
        number = f.readline().strip()
    if not number:
        xvfb.kill()
        raise RuntimeError("Xvfb did not start")
    return xvfb, ":" + number
