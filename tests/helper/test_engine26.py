#!/usr/bin/python3
"""matou-helper against a real Docker Engine 26: the proxy in daemon.json.

Engine 23.0 and newer take the daemon's proxy from `proxies` in daemon.json,
not from a systemd drop-in. This machine's own dockerd is 20.10, so the
daemon here is Debian 13's docker.io 26.1, from a debootstrap tree cached in
/var/cache/matou-tests (see tests/lib/engine26.py), run through chroot. The
helper restarts it with its `direct` backend from the argv in helper.conf,
as it restarts the host's dockerd in test_helper.py.

When the tree cannot be built (no network, no archive) every test here
fails with the reason: Engine 26 was not tested, and that is not a pass.
Output is TAP.
"""

import json
import os
import stat
import subprocess
import sys
import time

import engine26
import matoutest

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://docker.1ms.run"
PROXY = {"http": "http://alice:s3cr%40t@proxy.example.com:3128",
         "https": "http://proxy.example.com:3129", "no": "localhost,127.0.0.1,.corp"}
FLAG_PROXY = "http://flag-proxy.example.com:8080"

tree_error = None


def say(text):
    print("# " + text, flush=True)


class Setup:
    """Debian 13's dockerd on a temporary root and a helper.conf pointing at it."""

    def __init__(self, config, extra_args=()):
        if tree_error is not None:
            raise AssertionError("no Debian 13 tree, so no Engine 26: %s" % tree_error)
        self.daemon = engine26.ChrootDockerd(config, extra_args=extra_args)
        self.dir = self.daemon.dir
        self.conf = matoutest.write_helper_conf(self.daemon)
        self.dropin_dir = os.path.join(self.dir, "docker.service.d")

    def __enter__(self):
        self.daemon.__enter__()
        return self

    def __exit__(self, *exc):
        self.daemon.__exit__(*exc)

    def run(self, verb, request=None):
        data = json.dumps(request).encode() if request is not None else b""
        result = subprocess.run([HELPER, "--config", self.conf, verb], input=data,
                                stdout=subprocess.PIPE, timeout=240)
        events = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        return result.returncode, events, events[-1]

    def info(self):
        status, _, info = matoutest.engine_get(self.daemon.socket, "/info")
        assert status == 200, status
        return info

    def daemon_json_text(self):
        with open(self.daemon.config_file, "rb") as f:
            return f.read()

    def daemon_json(self):
        return json.loads(self.daemon_json_text())

    def daemon_environ(self):
        """The running daemon's environment, as the kernel has it."""
        with open("/proc/%d/environ" % self.daemon.pid(), "rb") as f:
            return dict(item.split(b"=", 1) for item in f.read().split(b"\0") if b"=" in item)


def major(version):
    return int(version.split(".")[0])


def test_tree():
    global tree_error
    started = time.monotonic()
    try:
        stamp, built = engine26.ensure_tree(say=say)
    except Exception as e:
        tree_error = str(e).splitlines()[0]
        raise
    say("Debian 13 tree %s (%s, %.1f s): %s, from %s, built %s" % (
        engine26.TREE.path, "built now" if built else "cached", time.monotonic() - started,
        stamp["dockerd"], stamp["mirror"], stamp["built"]))


def test_version_and_status():
    with Setup({}) as s:
        version = s.daemon.version()
        components = ", ".join("%s %s" % (c["Name"], c["Version"]) for c in version.get("Components", []))
        say("test daemon: Docker Engine %s, API %s (%s)" % (version["Version"], version["ApiVersion"], components))
        assert major(version["Version"]) >= 23, version["Version"]
        # The daemon runs from the tree, not from the host's docker.io.
        assert os.readlink("/proc/%d/root" % s.daemon.pid()) == s.daemon.root

        status, _, result = s.run("status")
        assert status == 0, result
        assert result["engine-version"] == version["Version"], result
        assert result["proxy-target"] == s.daemon.config_file, result


def test_proxy_in_daemon_json():
    foreign = {"log-opts": {"max-size": "10m"}, "registry-mirrors": [MIRROR]}
    with Setup(foreign) as s:
        pid = s.daemon.pid()
        status, events, result = s.run("apply", {"proxy": PROXY})
        assert status == 0, result
        assert result["ok"] and not result["rolled-back"], result
        assert result["engine-version"].startswith("26."), result["engine-version"]
        assert result["proxy-target"] == s.daemon.config_file, result
        # proxies cannot be reloaded: a new daemon process.
        assert result["action"] == "restart", result
        assert s.daemon.pid() not in (None, pid), "the daemon was not restarted"

        after = s.daemon_json()
        assert after["proxies"] == {"http-proxy": PROXY["http"], "https-proxy": PROXY["https"],
                                    "no-proxy": PROXY["no"]}, after
        # It holds a password now: root's alone, and the user is told where it went.
        assert stat.S_IMODE(os.stat(s.daemon.config_file).st_mode) == 0o600, oct(os.stat(s.daemon.config_file).st_mode)
        assert any(e["type"] == "step" and e["text"] == "%s holds the proxy’s user name and password, so only root "
                   "can read it" % s.daemon.config_file for e in events), events
        assert "s3cr" not in json.dumps(events), "the password is in the helper's report"
        # The backup of the file before keeps that file's mode (0644 here).
        backups = [os.path.join(s.dir, "backups", b) for b in os.listdir(os.path.join(s.dir, "backups"))
                   if b.startswith("daemon.json.")]
        assert backups and all(stat.S_IMODE(os.stat(b).st_mode) == 0o644 for b in backups), backups
        for key, value in foreign.items():
            assert after[key] == value, (key, after)
        # The drop-in is Engine 20.10's place: not written, and no proxy in the environment.
        assert not os.path.exists(s.dropin_dir), os.listdir(s.dropin_dir)
        env = s.daemon_environ()
        assert not any(k.upper() in (b"HTTP_PROXY", b"HTTPS_PROXY", b"NO_PROXY") for k in env), env

        # What Engine 26 itself says is in effect, password masked by the daemon.
        info = s.info()
        assert info["HttpProxy"] == "http://xxxxx:xxxxx@proxy.example.com:3128", info["HttpProxy"]
        assert info["HttpsProxy"] == PROXY["https"], info["HttpsProxy"]
        assert info["NoProxy"] == PROXY["no"], info["NoProxy"]
        assert all(c["ok"] for c in result["checks"]), result["checks"]
        assert {c["key"] for c in result["checks"]} >= {"http-proxy", "https-proxy", "no-proxy"}

        # Switched off: the key goes, the daemon reports no proxy.
        status, _, result = s.run("apply", {"proxy": None})
        assert status == 0, result
        after = s.daemon_json()
        assert "proxies" not in after, after
        assert after["log-opts"] == foreign["log-opts"] and after["registry-mirrors"] == [MIRROR], after
        info = s.info()
        assert (info["HttpProxy"], info["HttpsProxy"], info["NoProxy"]) == ("", "", ""), info
        assert not os.path.exists(s.dropin_dir)

        # Its backup, holding the password, is as private as the file was.
        backups = [os.path.join(s.dir, "backups", b) for b in os.listdir(os.path.join(s.dir, "backups"))
                   if b.startswith("daemon.json.")]
        assert any(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in backups), \
            [(b, oct(os.stat(b).st_mode)) for b in backups]

        # And on again, as the one-click switch does.
        status, _, result = s.run("apply", {"proxy": {"http": PROXY["https"], "https": PROXY["https"]}})
        assert status == 0, result
        assert s.daemon_json()["proxies"] == {"http-proxy": PROXY["https"], "https-proxy": PROXY["https"]}, \
            s.daemon_json()
        assert s.info()["HttpProxy"] == PROXY["https"]


def test_refused_proxy_rolled_back():
    # A proxy given as a flag too: Engine 26 refuses to start with both.
    with Setup({"registry-mirrors": [MIRROR]}, extra_args=["--http-proxy", FLAG_PROXY]) as s:
        assert s.info()["HttpProxy"] == FLAG_PROXY
        before = s.daemon_json_text()
        status, events, result = s.run("apply", {"proxy": PROXY})
        assert status == 2, (status, result)
        assert not result["ok"] and result["rolled-back"], result
        say("the daemon's reason: %s" % result["daemon-error"])
        assert "specified both as a flag and in the configuration file" in result["daemon-error"], result
        assert "http-proxy" in result["daemon-error"], result
        assert s.daemon_json_text() == before, "daemon.json was not restored"
        assert not os.path.exists(s.dropin_dir)
        # Docker runs again, on the previous settings.
        info = s.info()
        assert info["HttpProxy"] == FLAG_PROXY, info["HttpProxy"]
        assert info["RegistryConfig"]["Mirrors"] == [MIRROR + "/"], info["RegistryConfig"]


def main():
    if os.geteuid() != 0:
        print("1..0 # SKIP the helper suite runs as root (build-aux/test does)")
        return 77
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("a Debian 13 tree with docker.io, built or cached in " + engine26.CACHE_DIR, test_tree),
        ("Engine 26 from the tree answers; status names daemon.json as the proxy's place", test_version_and_status),
        ("proxy on Engine 26 goes to daemon.json proxies, not the drop-in; /info shows it; off and on again",
         test_proxy_in_daemon_json),
        ("a proxy Engine 26 refuses (also given as a flag) is rolled back with the daemon's reason",
         test_refused_proxy_rolled_back),
    ])


if __name__ == "__main__":
    sys.exit(main())
