#!/usr/bin/python3
"""matou-helper --rootless, run as an ordinary user against that user's own
rootless dockerd (dockerd-rootless.sh under rootlesskit), with no pkexec.

A throwaway user gets a home and a runtime directory in a temporary folder;
its daemon runs with rootlesskit's host network (this test machine gives no
/dev/net/tun to users) and without iptables. The helper finds the user's
places itself (~/.config/docker/daemon.json, the socket and pidfile in
$XDG_RUNTIME_DIR, backups under ~/.local/state/matou); its helper.conf, owned
by the user, names only how the direct backend starts the daemon again.
Output is TAP.
"""

import json
import os
import shutil
import subprocess
import sys

import matourootless
import matoutest

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://docker.1ms.run"
script = matourootless.script
RootlessUser = matourootless.RootlessUser


def test_status_and_places(u):
    status, _, result = u.helper("status", config=False)
    assert status == 0, result
    assert "name=rootless" in u.info()["SecurityOptions"]


def test_mirror_by_reload(u):
    pid = u.pid()
    status, events, result = u.helper("apply", {"registry-mirrors": [MIRROR]})
    assert status == 0, (result, u.log())
    assert result["action"] == "reload", result
    assert u.pid() == pid, "the daemon was restarted for a mirror"
    assert u.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
    config = u.read_json()
    assert config["labels"] == ["kept=yes"] and config["registry-mirrors"] == [MIRROR], config
    st = os.stat(u.daemon_json)
    assert (st.st_uid, st.st_mode & 0o777) == (u.pw.pw_uid, 0o644), (st.st_uid, oct(st.st_mode))
    backups = os.listdir(os.path.join(u.state, "backups"))
    assert any(b.startswith("daemon.json.") for b in backups), backups


def test_dns_by_restart(u):
    pid = u.pid()
    status, events, result = u.helper("apply", {"dns": ["223.5.5.5"]})
    assert status == 0, (result, u.log())
    assert result["action"] == "restart", result
    assert u.pid() not in (0, pid), "the daemon was not restarted"
    assert "name=rootless" in u.info()["SecurityOptions"]
    assert u.read_json()["dns"] == ["223.5.5.5"]
    assert u.read_json()["labels"] == ["kept=yes"]


def test_refused_reload_rolled_back(u):
    # A key dockerd does not know, left by another program: the reload is refused, the file goes back.
    config = u.read_json()
    config["matou-bogus-key"] = 1
    u.write_json(config)
    before = open(u.daemon_json).read()
    pid = u.pid()
    status, _, result = u.helper("apply", {"registry-mirrors": []})
    assert status == 2, result
    assert result["rolled-back"] and "matou-bogus-key" in (result["daemon-error"] or ""), result
    assert open(u.daemon_json).read() == before
    assert u.pid() == pid
    del config["matou-bogus-key"]
    u.write_json(config)


def test_refusals(u):
    # As root, --rootless is refused: the helper then runs only as the daemon's user.
    result = subprocess.run([HELPER, "--rootless", "status"], capture_output=True, text=True,
                            env={"XDG_RUNTIME_DIR": u.run_dir, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 4 and "never as root" in result.stdout, result
    # install is not a rootless verb; no runtime directory is refused with words.
    status, _, result = u.helper("install")
    assert status == 4 and "apply, rollback, status and service" in result["error"], result
    env = u.environment()
    del env["XDG_RUNTIME_DIR"]
    out = subprocess.run(["setpriv", "--reuid", str(u.pw.pw_uid), "--regid", str(u.pw.pw_gid), "--init-groups", "--",
                          u.helper_path, "--rootless", "status"], env=env, capture_output=True, text=True)
    assert out.returncode == 4 and "XDG_RUNTIME_DIR" in out.stdout, out
    # Without --rootless an ordinary user is refused, as before.
    out = u.as_user([u.helper_path, "status"], capture_output=True, text=True)
    assert out.returncode == 4 and "must run as root" in out.stdout, out
    # A helper.conf others may write is refused: it chooses what the helper runs.
    os.chmod(u.conf, 0o666)
    try:
        status, _, result = u.helper("status")
        assert status == 4 and "writable by you only" in result["error"], result
    finally:
        os.chmod(u.conf, 0o644)


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "creating the test user needs root; build-aux/test runs this suite as root")
    missing = [what for what, ok in (("dockerd-rootless.sh (docker.io)", script() is not None),
                                      ("rootlesskit", shutil.which("rootlesskit") is not None),
                                      ("newuidmap (uidmap)", shutil.which("newuidmap") is not None))
               if not ok]
    matoutest.install_signal_handlers()
    holder = {}

    def with_user(test):
        def run():
            if missing:
                matoutest.skip_setup_missing(", ".join(missing) + " (build-aux/deps.sh)")
            if "user" not in holder:
                holder["user"] = RootlessUser().__enter__()
            test(holder["user"])
        return run

    tests = [
        ("rootless: status as the user, no pkexec; the daemon is rootless", with_user(test_status_and_places)),
        ("rootless: a mirror by reload (same daemon), foreign keys kept, the file and its backup the user's own",
         with_user(test_mirror_by_reload)),
        ("rootless: DNS by restart through rootlesskit, as the user", with_user(test_dns_by_restart)),
        ("rootless: a reload the daemon refuses rolled back without reloading", with_user(test_refused_reload_rolled_back)),
        ("rootless: refused as root, for install, without XDG_RUNTIME_DIR, with a helper.conf others may write",
         with_user(test_refusals)),
    ]
    try:
        return matoutest.run_tap(tests)
    finally:
        if "user" in holder:
            holder["user"].__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
