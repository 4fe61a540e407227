#!/usr/bin/python3
"""matou-helper, run as root with --config, against a real dockerd.

Each test starts its own dockerd on a temporary root, writes a helper.conf
that points the helper at it with the `direct` backend (the helper stops and
starts that dockerd itself, as systemd would), runs the helper with a
request on standard input, and checks what lands on disk and what the
daemon reports through the Engine API. Output is TAP.
"""

import fcntl
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://docker.1ms.run"


class Setup:
    """A dockerd of its own and a helper.conf pointing at it."""

    def __init__(self, config=None, extra_args=(), write_config=True, restart_args=()):
        self.daemon = matoutest.Dockerd(config if config is not None else {}, extra_args=extra_args)
        self.dir = self.daemon.dir
        self.conf = os.path.join(self.dir, "helper.conf")
        self.dropin = os.path.join(self.dir, "docker.service.d", "http-proxy.conf")
        matoutest.write_helper_conf(self.daemon, self.conf, restart_args=restart_args)

    def __enter__(self):
        self.daemon.__enter__()
        return self

    def __exit__(self, *exc):
        self.daemon.__exit__(*exc)

    def run(self, verb, request=None, raw=None, env=None):
        """Runs the helper; returns (exit status, events, result)."""
        data = raw if raw is not None else (json.dumps(request) if request is not None else "")
        if isinstance(data, str):
            data = data.encode()
        result = subprocess.run([HELPER, "--config", self.conf, verb], input=data,
                                stdout=subprocess.PIPE, env=env, timeout=240)
        events = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        assert all(e["type"] in ("step", "log", "result") for e in events)
        return result.returncode, events, events[-1]

    def info(self):
        status, _, info = matoutest.engine_get(self.daemon.socket, "/info")
        assert status == 200
        return info

    def daemon_json_text(self):
        with open(self.daemon.config_file, "rb") as f:
            return f.read()

    def daemon_json(self):
        return json.loads(self.daemon_json_text())


def test_mirrors_by_reload():
    with Setup({"registry-mirrors": []}) as s:
        pid = s.daemon.pid()
        status, events, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        assert status == 0, result
        assert result["ok"] and result["action"] == "reload" and not result["rolled-back"]
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
        assert s.daemon_json()["registry-mirrors"] == [MIRROR]
        # A reload keeps the same daemon process: running containers would survive.
        assert s.daemon.pid() == pid
        assert any(c["key"] == "registry-mirrors" and c["ok"] for c in result["checks"])
        assert result["info"]["registry-mirrors"] == [MIRROR + "/"]

        # Clearing writes [] (a reload only touches keys present in the file).
        status, _, result = s.run("apply", {"registry-mirrors": []})
        assert status == 0, result
        assert s.daemon_json()["registry-mirrors"] == []
        assert s.info()["RegistryConfig"]["Mirrors"] in ([], None)


def test_dns_by_restart():
    with Setup() as s:
        pid = s.daemon.pid()
        status, events, result = s.run("apply", {"dns": ["223.5.5.5", "2400:3200::1"]})
        assert status == 0, result
        assert result["action"] == "restart"
        assert s.daemon_json()["dns"] == ["223.5.5.5", "2400:3200::1"]
        assert s.daemon.pid() not in (None, pid), "the daemon was not restarted"
        # The daemon's own output streamed while it restarted.
        assert any(e["type"] == "log" and e["source"] == "dockerd" for e in events)
        assert any(e["type"] == "step" for e in events)
        backups = os.listdir(os.path.join(s.dir, "backups"))
        assert any(b.startswith("daemon.json.") for b in backups), backups


def test_flag_conflict_refused_before_writing():
    """A daemon started with --dns: an apply that would put "dns" in daemon.json is refused
    before anything is written (dockerd would refuse to start on it); mirrors still apply."""
    with Setup({"log-level": "warn"}, extra_args=["--dns", "192.0.2.53"]) as s:
        before = s.daemon_json_text()
        pid = s.daemon.pid()
        status, events, result = s.run("apply", {"dns": ["223.5.5.5"]})
        assert status == 1, (status, result)
        assert not result["ok"]
        assert "--dns" in result["error"] and "“dns”" in result["error"] and "Nothing was changed" in result["error"], \
            result["error"]
        assert s.daemon_json_text() == before, "daemon.json was written"
        assert s.daemon.pid() == pid, "the daemon was restarted"
        assert not os.path.isdir(os.path.join(s.dir, "backups")) or not os.listdir(os.path.join(s.dir, "backups"))

        # A key the command line does not set is no conflict.
        status, _, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        assert status == 0, result
        assert s.daemon_json()["registry-mirrors"] == [MIRROR]
        assert "dns" not in s.daemon_json()


def test_proxy_dropin_passed_by_direct_backend():
    # No systemd here: the direct backend reads the drop-in with Matou's own
    # parser and starts dockerd with its variables. /info proves that reading
    # and the daemon's use of its environment, not systemd's reading of the
    # unit file; the systemd backend needs a test of its own for that.
    with Setup() as s:
        proxy = {"http": "http://alice:s3cr%40t@proxy.example.com:3128",
                 "https": "http://proxy.example.com:3128", "no": "localhost,127.0.0.1,.corp"}
        status, events, result = s.run("apply", {"proxy": proxy})
        assert status == 0, result
        assert result["proxy-target"] == s.dropin, result
        env_file = os.path.join(os.path.dirname(s.dropin), "http-proxy.env")
        with open(s.dropin) as f:
            text = f.read()
        # `systemctl show docker` prints Environment= to every user: the password is not there,
        # the drop-in names a file only root reads.
        assert "s3cr" not in text and "alice" not in text, text
        assert not any(line.startswith("Environment=") for line in text.splitlines()), text
        assert "EnvironmentFile=%s\n" % env_file in text, text
        assert stat.S_IMODE(os.stat(env_file).st_mode) == 0o600, oct(os.stat(env_file).st_mode)
        assert os.stat(env_file).st_uid == 0
        with open(env_file) as f:
            assert f.read() == ("HTTP_PROXY=http://alice:s3cr%40t@proxy.example.com:3128\n"
                                "HTTPS_PROXY=http://proxy.example.com:3128\n"
                                "NO_PROXY=localhost,127.0.0.1,.corp\n")
        # The user is told where it went; the report holds no password.
        assert any(e["type"] == "step" and env_file in e["text"] and "only root can read" in e["text"]
                   for e in events), events
        assert "s3cr" not in json.dumps(events), "the password is in the helper's report"
        # Engine 20.10 would refuse to start with "proxies" in daemon.json.
        assert "proxies" not in s.daemon_json()
        info = s.info()
        assert info["HttpProxy"] == "http://xxxxx:xxxxx@proxy.example.com:3128", info["HttpProxy"]
        assert info["HttpsProxy"] == "http://proxy.example.com:3128"
        assert info["NoProxy"] == "localhost,127.0.0.1,.corp"

        # A restart by the service verb reads the drop-in the same way: the proxy with
        # its password, from the root-only file, is still the daemon's.
        pid = s.daemon.pid()
        restart = subprocess.run([HELPER, "--config", s.conf, "service", "restart"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, timeout=240)
        assert restart.returncode == 0, restart.stdout.decode()
        assert s.daemon.pid() not in (None, pid), "the daemon was not restarted"
        info = s.info()
        assert info["HttpProxy"] == "http://xxxxx:xxxxx@proxy.example.com:3128", info["HttpProxy"]
        assert info["HttpsProxy"] == "http://proxy.example.com:3128"
        assert info["NoProxy"] == "localhost,127.0.0.1,.corp"

        # Another password: the old file's backup keeps its mode.
        proxy["http"] = "http://alice:n3w@proxy.example.com:3128"
        status, _, result = s.run("apply", {"proxy": proxy})
        assert status == 0, result
        backups = os.path.join(s.dir, "backups")
        env_backups = [os.path.join(backups, b) for b in os.listdir(backups) if b.startswith("http-proxy.env.")]
        assert env_backups, os.listdir(backups)
        assert all(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in env_backups), env_backups
        assert stat.S_IMODE(os.stat(env_file).st_mode) == 0o600

        # Without credentials: plain Environment= lines, and the file of secrets goes.
        status, _, result = s.run("apply", {"proxy": {"http": "http://proxy.example.com:3128", "https": "", "no": ""}})
        assert status == 0, result
        with open(s.dropin) as f:
            text = f.read()
        assert 'Environment="HTTP_PROXY=http://proxy.example.com:3128"' in text, text
        assert "EnvironmentFile" not in text, text
        assert not os.path.exists(env_file)
        env_backups = [os.path.join(backups, b) for b in os.listdir(backups) if b.startswith("http-proxy.env.")]
        assert all(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in env_backups), env_backups
        assert s.info()["HttpProxy"] == "http://proxy.example.com:3128"

        status, _, result = s.run("apply", {"proxy": None})
        assert status == 0, result
        assert not os.path.exists(s.dropin), "the drop-in is still there"
        assert s.info()["HttpProxy"] == ""


def test_refused_proxy_with_password_rolled_back():
    # The daemon's next start adds --dns (its service changed since it started,
    # so the running daemon shows no such flag): dns as a flag and in the file,
    # the daemon refuses to start, and the drop-in and its file of secrets,
    # which did not exist, are gone again.
    with Setup({"registry-mirrors": [MIRROR]}, restart_args=["--dns", "1.1.1.1"]) as s:
        env_file = os.path.join(os.path.dirname(s.dropin), "http-proxy.env")
        status, _, result = s.run("apply", {"dns": ["8.8.8.8"],
                                            "proxy": {"http": "http://bob:pw@proxy.example.com:3128",
                                                      "https": "", "no": ""}})
        assert status == 2 and result["rolled-back"], result
        assert not os.path.exists(env_file) and not os.path.exists(s.dropin), os.listdir(os.path.dirname(s.dropin))
        assert "pw@" not in json.dumps(result), result


def test_refused_change_rolls_back():
    # A flag and the file both setting dns: dockerd refuses to start. The flag
    # comes with the restart (the service changed since the daemon started),
    # so the helper cannot see it coming in the running daemon's flags.
    with Setup({"registry-mirrors": [MIRROR]}, restart_args=["--dns", "1.1.1.1"]) as s:
        before = s.daemon_json_text()
        status, events, result = s.run("apply", {"dns": ["8.8.8.8"]})
        assert status == 2, (status, result)
        assert not result["ok"] and result["rolled-back"]
        assert "specified both as a flag and in the configuration file" in result["daemon-error"], result
        assert "specified both as a flag" in result["error"]
        assert s.daemon_json_text() == before, "daemon.json was not restored"
        # Docker runs again, on the previous settings.
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]


def test_refused_reload_rolled_back():
    # Another program left a key dockerd does not know in daemon.json after the
    # daemon started: on SIGHUP the daemon refuses the whole file, logs why and
    # keeps running on its old settings. The helper keeps the foreign key, as
    # it keeps every key it does not manage, so the reload is refused: the
    # daemon's log says why, and the file goes back as it was.
    with Setup({}) as s:
        config = s.daemon_json()
        config["matou-bogus-key"] = 1
        with open(s.daemon.config_file, "w") as f:
            json.dump(config, f)
        before = s.daemon_json_text()
        pid = s.daemon.pid()
        status, events, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        assert status == 2, (status, result)
        assert result["action"] == "reload" and result["rolled-back"], result
        assert result["error"].startswith("The Docker daemon did not accept the change"), result["error"]
        assert "matou-bogus-key" in result["daemon-error"], result
        assert s.daemon_json_text() == before, "daemon.json was not restored"
        assert s.daemon.pid() == pid
        assert not s.info()["RegistryConfig"]["Mirrors"]


def test_setting_not_in_effect_rolled_back():
    # The helper writes a daemon.json this daemon never reads (it was started
    # with another): the reload succeeds, but /info does not show the mirror.
    # The check against /info must say so and roll back.
    with Setup({"registry-mirrors": []}) as s:
        unread = os.path.join(s.dir, "unread-daemon.json")
        shutil.copyfile(s.daemon.config_file, unread)
        with open(s.conf) as f:
            conf = f.read().replace("daemon-json=%s\n" % s.daemon.config_file, "daemon-json=%s\n" % unread)
        assert unread in conf
        with open(s.conf, "w") as f:
            f.write(conf)
        with open(unread, "rb") as f:
            before = f.read()
        status, events, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        assert status == 2, (status, result)
        assert not result["ok"] and result["rolled-back"], result
        assert "does not report the settings that were asked for" in result["error"], result["error"]
        checks = [c for c in result["checks"] if c["key"] == "registry-mirrors"]
        assert checks and checks[0]["ok"] is False and checks[0]["asked"] == MIRROR, result["checks"]
        with open(unread, "rb") as f:
            assert f.read() == before, "the file the daemon did not take was not restored"
        assert s.info()["RegistryConfig"]["Mirrors"] in ([], None)


def test_failed_rollback_says_so():
    # The helper starts dockerd with a flag it does not know: the change fails,
    # and starting the daemon again on the restored file fails too.
    with Setup({"registry-mirrors": [MIRROR]}) as s:
        with open(s.conf) as f:
            conf = f.read().replace("dockerd=/usr/sbin/dockerd;", "dockerd=/usr/sbin/dockerd;--matou-no-such-flag;")
        assert "--matou-no-such-flag" in conf
        with open(s.conf, "w") as f:
            f.write(conf)
        before = s.daemon_json_text()
        status, events, result = s.run("apply", {"dns": ["8.8.8.8"]})
        assert status == 3, (status, result)
        assert not result["ok"] and not result["rolled-back"], result
        # It says that both failed, that Docker may be down, and how to put the backup back.
        backup = result["backup"]
        assert backup and os.path.dirname(backup) == os.path.join(s.dir, "backups"), result
        assert result["error"].startswith("The change failed ("), result["error"]
        assert "and restoring the previous settings failed too: " in result["error"], result["error"]
        assert ".." not in result["error"], result["error"]
        assert "Docker may not be running. Copy the backup %s over %s, then start Docker;" % (
            backup, s.daemon.config_file) in result["error"], result["error"]
        # The file itself was put back, and the backup holds it too.
        assert s.daemon_json_text() == before
        with open(backup, "rb") as f:
            assert f.read() == before
        assert any(e["type"] == "step" and e["text"].startswith("Rolling back") for e in events)


def test_symlink_refused():
    with Setup({"registry-mirrors": []}) as s:
        real = os.path.join(s.dir, "real-daemon.json")
        shutil.move(s.daemon.config_file, real)
        os.symlink(real, s.daemon.config_file)
        with open(real, "rb") as f:
            before = f.read()
        status, _, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        assert status == 1, (status, result)
        assert "symbolic link" in result["error"]
        with open(real, "rb") as f:
            assert f.read() == before
        assert os.path.islink(s.daemon.config_file)
        assert not os.path.exists(os.path.join(s.dir, "backups"))


def test_bad_requests_change_nothing():
    with Setup({"registry-mirrors": []}) as s:
        before = s.daemon_json_text()
        pid = s.daemon.pid()
        bad = [
            ("x" * (70 * 1024), "larger than"),
            ("{not json", "not valid JSON"),
            ('{"data-root": "/tmp"}', "unknown member"),
            ('{"registry-mirrors": "https://a.example"}', "list of strings"),
            ('{"registry-mirrors": ["ftp://a.example"]}', "ftp://a.example"),
            ('{"dns": ["registry-1.docker.io"]}', "registry-1.docker.io"),
            (json.dumps({"proxy": {"http": "http://proxy.example.com:3128\nExecStartPre=/bin/sh"}}), "line break"),
            (json.dumps({"proxy": {"http": "http://proxy.example.com:3128\"x"}}), "systemd unit"),
            (json.dumps({"proxy": {"http": "http://p.example\\x"}}), "systemd unit"),
            # The daemon's mask, sent back as if it were the password, would replace the real one.
            (json.dumps({"proxy": {"http": "http://xxxxx:xxxxx@proxy.example.com:3128"}}), "the way Docker hides"),
        ]
        for raw, words in bad:
            status, _, result = s.run("apply", raw=raw)
            assert status == 1, (raw[:60], status, result)
            assert words in result["error"], (words, result["error"])
            assert s.daemon_json_text() == before
            assert not os.path.exists(s.dropin)
        assert s.daemon.pid() == pid


def test_foreign_keys_survive():
    foreign = {
        "log-driver": "json-file",
        "log-opts": {"max-size": "10m", "max-file": "3"},
        "labels": ["站点=上海", "owner=ops"],
        "default-address-pools": [{"base": "10.77.0.0/16", "size": 24}],
        "runtimes": {"nvidia": {"path": "/usr/bin/nvidia-container-runtime", "runtimeArgs": []}},
        "max-concurrent-downloads": 3,
        "features": {"buildkit": True},
        # Empty objects are values too: a copy that drops them loses the user's keys.
        "default-ulimits": {},
    }
    config = dict(foreign)
    config["registry-mirrors"] = []
    with Setup(config) as s:
        status, _, result = s.run("apply", {"registry-mirrors": [MIRROR], "dns": ["119.29.29.29"]})
        assert status == 0, result
        after = s.daemon_json()
        for key, value in foreign.items():
            assert after[key] == value, (key, after.get(key))
        # Order kept: foreign keys first, in their order; Matou's added at the end.
        assert list(after)[:len(foreign)] == list(foreign), list(after)
        assert "站点=上海" in s.daemon_json_text().decode("utf-8")


def test_rollback_verb():
    with Setup({"registry-mirrors": [MIRROR]}) as s:
        before = s.daemon_json_text()
        status, _, result = s.run("apply", {"dns": ["223.6.6.6"]})
        assert status == 0, result
        status, _, result = s.run("rollback")
        assert status == 0, result
        assert s.daemon_json_text() == before
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
        status, _, result = s.run("rollback")
        assert status == 1 and "no earlier change" in result["error"], result


def test_status_and_refusals():
    with Setup() as s:
        status, _, result = s.run("status")
        assert status == 0
        assert result["backend"] == "direct"
        assert result["engine-version"].startswith("20.10")
        assert result["proxy-target"] == s.dropin

        for args in (["frobnicate"], ["apply", "extra"]):
            r = subprocess.run([HELPER, "--config", s.conf] + args, stdout=subprocess.PIPE, input=b"{}")
            assert r.returncode == 4, (args, r.returncode)
            assert json.loads(r.stdout.decode().splitlines()[-1])["ok"] is False

        # Under pkexec the caller may not choose the configuration.
        env = dict(os.environ, PKEXEC_UID="1000")
        r = subprocess.run([HELPER, "--config", s.conf, "status"], stdout=subprocess.PIPE, env=env)
        assert r.returncode == 4
        assert "--config" in json.loads(r.stdout)["error"]

        # A helper.conf others may write is not trusted.
        os.chmod(s.conf, 0o666)
        r = subprocess.run([HELPER, "--config", s.conf, "status"], stdout=subprocess.PIPE)
        assert r.returncode == 4
        assert "writable by root only" in json.loads(r.stdout)["error"]

        # Nor one that root does not own, even when nobody else may write it.
        os.chmod(s.conf, 0o644)
        os.chown(s.conf, 65534, 65534)
        r = subprocess.run([HELPER, "--config", s.conf, "status"], stdout=subprocess.PIPE)
        assert r.returncode == 4, r.returncode
        assert "owned by root" in json.loads(r.stdout)["error"], r.stdout
        os.chown(s.conf, 0, 0)
        r = subprocess.run([HELPER, "--config", s.conf, "status"], stdout=subprocess.PIPE)
        assert r.returncode == 0, r.stdout


def test_second_helper_waits_for_the_lock():
    with Setup({"registry-mirrors": []}) as s:
        lock = open(os.path.join(s.dir, "helper.lock"), "w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        before = s.daemon_json_text()
        released = []

        def release():
            time.sleep(3)
            # What the helper did while the lock was ours: nothing.
            released.append((time.time(), s.daemon_json_text(), os.path.exists(os.path.join(s.dir, "backups"))))
            fcntl.flock(lock, fcntl.LOCK_UN)

        thread = threading.Thread(target=release)
        thread.start()
        status, events, result = s.run("apply", {"registry-mirrors": [MIRROR]})
        finished = time.time()
        thread.join()
        lock.close()
        assert status == 0, result
        assert any(e["type"] == "step" and "Waiting for another" in e["text"] for e in events)
        assert released, "the lock was never released"
        released_at, text_while_held, backups_while_held = released[0]
        assert text_while_held == before, "the helper wrote daemon.json while another held the lock"
        assert not backups_while_held, "the helper made a backup while another held the lock"
        assert finished >= released_at, "the helper finished before the lock was released"
        # It did its work after the lock was released.
        assert os.stat(s.daemon.config_file).st_mtime >= released_at - 0.05
        assert s.daemon_json()["registry-mirrors"] == [MIRROR]


def test_environment_is_reset():
    # Root runs the helper with the caller's environment, as pkexec would pass
    # some of it: a PATH that finds the caller's own "service" first, and a
    # variable of the caller's. The helper runs its tools with its own PATH;
    # here the real service(8) answers that the made-up service does not exist.
    with Setup({"registry-mirrors": []}) as s:
        with open(s.conf) as f:
            conf = f.read().replace("backend=direct\n", "backend=sysv\nname=matou-test-no-such-service\n")
        with open(s.conf, "w") as f:
            f.write(conf)
        bin_dir = os.path.join(s.dir, "caller-bin")
        os.makedirs(bin_dir)
        seen = os.path.join(s.dir, "caller-service-ran")
        for tool in ("service", "systemctl"):
            path = os.path.join(bin_dir, tool)
            with open(path, "w") as f:
                f.write("#!/bin/sh\nenv > %s\nexit 0\n" % seen)
            os.chmod(path, 0o755)
        env = dict(os.environ, PATH=bin_dir + ":" + os.environ.get("PATH", "/usr/bin:/bin"),
                   MATOU_CALLER_SECRET="from-the-caller")
        # DNS needs a restart, which sysv asks of service(8); a reload would signal the daemon itself.
        status, events, result = s.run("apply", {"dns": ["1.1.1.1"]}, env=env)
        ran = None
        if os.path.exists(seen):
            with open(seen) as f:
                ran = f.read()
        assert ran is None, "the helper ran the caller's service with this environment:\n%s" % ran
        # The real service(8) was asked, and refused the made-up name.
        said = json.dumps(events)
        assert "service matou-test-no-such-service restart" in said, said
        assert status != 0, result


def test_fifo_refused_without_hanging():
    # A FIFO at the daemon.json path: opening it to read would block until a
    # writer comes, with the helper's lock held. It is refused at once.
    with Setup({"registry-mirrors": []}) as s:
        os.unlink(s.daemon.config_file)
        os.mkfifo(s.daemon.config_file, 0o644)
        try:
            r = subprocess.run([HELPER, "--config", s.conf, "apply"], input=json.dumps({"registry-mirrors": [MIRROR]}).encode(),
                               stdout=subprocess.PIPE, timeout=30)
        except subprocess.TimeoutExpired:
            raise AssertionError("the helper hung on the FIFO at %s" % s.daemon.config_file)
        result = json.loads(r.stdout.decode().splitlines()[-1])
        assert r.returncode == 1, (r.returncode, result)
        assert "is not a regular file" in result["error"], result["error"]
        assert stat.S_ISFIFO(os.lstat(s.daemon.config_file).st_mode), "the FIFO was replaced"
        assert not os.path.exists(os.path.join(s.dir, "backups"))
        # The lock was let go: the next helper is not kept waiting.
        r = subprocess.run([HELPER, "--config", s.conf, "apply"], input=b'{"dns": ["8.8.8.8"]}',
                           stdout=subprocess.PIPE, timeout=30)
        assert r.returncode == 1 and "Waiting for another" not in r.stdout.decode(), r.stdout


def test_nul_and_second_document_refused():
    with Setup({"registry-mirrors": []}) as s:
        before = s.daemon_json_text()
        pid = s.daemon.pid()
        bad = [
            # json-glib cuts a string at \u0000: the shortened value would pass.
            ('{"registry-mirrors": ["https://docker.1ms.run\\u0000.evil.example"]}', "NUL character"),
            ('{"proxy": {"http": "http://proxy.example.com:3128\\u0000x", "https": "", "no": ""}}', "NUL character"),
            ('{"dns": ["8.8.8.8\\u0000"]}', "NUL character"),
            ('{"dns": ["8.8.8.8"]}\0', "NUL character"),
            # json-glib reads the first document and ignores the rest.
            ('{"registry-mirrors": []} {"dns": ["8.8.8.8"]}', "more text after its JSON object"),
            ('{"registry-mirrors": []}{"dns": ["8.8.8.8"]}', "more text after its JSON object"),
            ('{"registry-mirrors": ["https://a.example/\\"}"]}]', "more text after its JSON object"),
        ]
        for raw, words in bad:
            status, _, result = s.run("apply", raw=raw)
            assert status == 1, (raw, status, result)
            assert words in result["error"], (raw, words, result["error"])
            assert s.daemon_json_text() == before
        assert s.daemon.pid() == pid
        # What is inside a string is not taken for the end of the document, and
        # white space after it is fine.
        status, _, result = s.run("apply", raw='{"registry-mirrors": ["%s"]}\n\n' % MIRROR)
        assert status == 0, result
        assert s.daemon_json()["registry-mirrors"] == [MIRROR]


def test_two_documents_leak_nothing():
    # json-glib leaked the second document's parse state; the refusal comes first now.
    with Setup({"registry-mirrors": []}) as s:
        # The sanitizer build's helper has LeakSanitizer built in, and valgrind cannot run it.
        checker = [] if "ASAN_OPTIONS" in os.environ else [
            "valgrind", "--quiet", "--leak-check=full", "--errors-for-leak-kinds=definite", "--error-exitcode=99"]
        r = subprocess.run(checker + [HELPER, "--config", s.conf, "apply"],
                           input=b'{"registry-mirrors": []} {"dns": ["8.8.8.8"]}', stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=180)
        assert r.returncode == 1, (r.returncode, r.stderr.decode()[-3000:])
        assert "definitely lost" not in r.stderr.decode(), r.stderr.decode()[-3000:]
        assert "LeakSanitizer" not in r.stderr.decode(), r.stderr.decode()[-3000:]


def test_host_name_length_limits():
    with Setup({"registry-mirrors": []}) as s:
        before = s.daemon_json_text()
        label64 = "a" * 64
        long_name = ".".join(["b" * 60] * 5)  # 304 characters in labels of 60
        bad = [
            {"registry-mirrors": ["https://%s.example.com" % label64]},
            {"registry-mirrors": ["https://%s" % long_name]},
            {"proxy": {"http": "http://%s:3128" % ("p" * 60000), "https": "", "no": ""}},
            {"proxy": {"http": "http://%s.example:3128" % label64, "https": "", "no": ""}},
            {"proxy": {"http": "", "https": "http://%s:3128" % long_name, "no": ""}},
        ]
        for request in bad:
            status, _, result = s.run("apply", request)
            assert status == 1, (str(request)[:80], status, result)
            assert "longer than DNS allows" in result["error"], result["error"][:300]
            assert s.daemon_json_text() == before
            assert not os.path.exists(s.dropin)
        for entry in (label64 + ".corp", "." + long_name):
            status, _, result = s.run("apply", {"proxy": {"http": "http://proxy.example.com:3128", "https": "",
                                                          "no": "localhost," + entry}})
            assert status == 1, (entry[:40], status, result)
            assert "is not a host name" in result["error"], result["error"][:300]
            assert not os.path.exists(s.dropin)
        # At the limits exactly: accepted.
        ok = ".".join(["c" * 63, "d" * 63, "e" * 63, "f" * 61])  # 253 characters
        status, _, result = s.run("apply", {"registry-mirrors": ["https://" + ok]})
        assert status in (0, 2), result
        assert "longer than DNS allows" not in (result["error"] or "")


def run_reader_gone(s, verb, request=None):
    """Runs the helper and closes its standard output after the first line, as a GUI that went away."""
    process = subprocess.Popen([HELPER, "--config", s.conf, verb], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    if request is not None:
        process.stdin.write(json.dumps(request).encode())
    process.stdin.close()
    first = json.loads(process.stdout.readline())
    process.stdout.close()
    return process.wait(timeout=240), first


def test_reader_gone_change_finishes():
    with Setup({"registry-mirrors": [MIRROR]}) as s:
        before = s.daemon_json_text()
        # apply: the change is made and in effect, though no one reads the report.
        status, first = run_reader_gone(s, "apply", {"dns": ["223.6.6.6"]})
        assert first["type"] == "step", first
        assert status == 0, "the helper ended with %d (a negative number is the signal that killed it)" % status
        assert s.daemon_json()["dns"] == ["223.6.6.6"]
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]

        # rollback: the file is put back and the daemon restarted on it, not left
        # running on settings that are no longer in its file.
        pid = s.daemon.pid()
        status, first = run_reader_gone(s, "rollback")
        assert status == 0, "the helper ended with %d (a negative number is the signal that killed it)" % status
        assert s.daemon_json_text() == before
        assert s.daemon.pid() not in (None, pid), "the daemon was not restarted on the restored file"
        assert s.info()["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
        assert not os.path.exists(os.path.join(s.dir, "backups", "last-apply.json")), "the rollback did not finish"

        # status: one line, then the end.
        status, first = run_reader_gone(s, "status")
        assert status == 0 and first["type"] == "result", (status, first)


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the helper suite runs as root (build-aux/test does)")
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("mirrors apply by reload, /info shows them, same daemon process", test_mirrors_by_reload),
        ("dns applies by restart, the daemon's log streams", test_dns_by_restart),
        ("a daemon started with --dns: dns refused before anything is written, mirrors still apply",
         test_flag_conflict_refused_before_writing),
        ("proxy on Engine 20.10 goes to the drop-in; /info shows what the direct backend passes from it "
         "(Matou's reading of the drop-in, not systemd's); a password goes to a root-only file named by "
         "EnvironmentFile=, never to Environment= or the report; a restart by the service verb keeps it; "
         "backups keep the mode; removal works",
         test_proxy_dropin_passed_by_direct_backend),
        ("a refused change with a proxy password takes back the drop-in and its file",
         test_refused_proxy_with_password_rolled_back),
        ("a change the daemon refuses is rolled back with the daemon's reason", test_refused_change_rolls_back),
        ("a reload the daemon refuses is rolled back with its reason", test_refused_reload_rolled_back),
        ("a setting /info does not show after apply is rolled back", test_setting_not_in_effect_rolled_back),
        ("when the rollback fails too: exit 3, and what to do with the backup", test_failed_rollback_says_so),
        ("a symlinked daemon.json is refused", test_symlink_refused),
        ("oversized, malformed and unsafe requests change nothing", test_bad_requests_change_nothing),
        ("keys Matou does not manage survive, in order", test_foreign_keys_survive),
        ("rollback restores the last backup", test_rollback_verb),
        ("status, unknown verbs, --config under pkexec, writable config", test_status_and_refusals),
        ("a second helper waits for the first", test_second_helper_waits_for_the_lock),
        ("the helper's tools get its own PATH, not the caller's environment", test_environment_is_reset),
        ("a FIFO at the daemon.json path is refused at once, and the lock let go", test_fifo_refused_without_hanging),
        ("a NUL inside a string, and a second document after the first, are refused", test_nul_and_second_document_refused),
        ("the refused second document leaks nothing (valgrind)", test_two_documents_leak_nothing),
        ("mirror and proxy host names and no-proxy entries keep to DNS lengths (63, 253)", test_host_name_length_limits),
        ("a reader that goes away after the first line: apply and rollback finish, the daemon runs on the file",
         test_reader_gone_change_finishes),
    ])


if __name__ == "__main__":
    sys.exit(main())
