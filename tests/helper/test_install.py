#!/usr/bin/python3
"""matou-helper install, run as root with --config, on this real system.

Never touches the real apt sources: the repository plans get a temporary
keyrings folder, sources folder and apt state (lists and cache) through
helper.conf, and the daemon is a dockerd of the test's own, which the
helper starts with its `direct` backend. The distribution-packages plan
runs against the real package database; it only runs when every package
step is already done (docker.io installed by build-aux/test), so it never
installs or removes a package on the machine. Output is TAP.
"""

import contextlib
import fcntl
import grp
import http.server
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
DATA = os.path.join(os.environ["MATOU_TEST_FIXTURES"], "..", "..", "data")
USER = "matou-install-t"

def package_installed(name):
    r = subprocess.run(["dpkg-query", "-W", "-f", "${db:Status-Status}", name],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return r.returncode == 0 and r.stdout == "installed"


def resolves(host):
    try:
        socket.getaddrinfo(host, 443)
        return True
    except OSError:
        return False


def in_docker_group(user):
    try:
        return user in grp.getgrnam("docker").gr_mem
    except KeyError:
        return False


@contextlib.contextmanager
def test_user():
    """A throwaway system user, not in the docker group, removed afterwards."""
    with contextlib.suppress(KeyError):
        pwd.getpwnam(USER)
        subprocess.run(["userdel", USER], check=True)
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
    try:
        yield USER
    finally:
        subprocess.run(["userdel", USER])


class Setup:
    """A dockerd of the test's own (started or not), temporary apt folders, a helper.conf."""

    def __init__(self, user=None, mirrors=None, start_daemon=True, extra=""):
        self.daemon = matoutest.Dockerd({})
        self.dir = self.daemon.dir
        self.start_daemon = start_daemon
        self.keyrings = os.path.join(self.dir, "keyrings")
        self.sources = os.path.join(self.dir, "sources.list.d")
        self.state = os.path.join(self.dir, "apt-state")
        self.backups = os.path.join(self.dir, "backups")
        os.makedirs(self.sources)
        self.conf = os.path.join(self.dir, "helper.conf")
        with open(self.conf, "w") as f:
            f.write("[paths]\n"
                    "daemon-json=%(dir)s/daemon.json\n"
                    "backup-dir=%(backups)s\n"
                    "lock-file=%(dir)s/helper.lock\n"
                    "[engine]\n"
                    "socket=%(dir)s/docker.sock\n"
                    "[service]\n"
                    "backend=direct\n"
                    "log-file=%(dir)s/dockerd.log\n"
                    "start-timeout=60\n"
                    "[direct]\n"
                    "pidfile=%(dir)s/docker.pid\n"
                    "dockerd=%(argv)s\n"
                    "[install]\n"
                    "plans=%(data)s/install-plans.json\n"
                    "mirrors=%(mirrors)s\n"
                    "%(user)s"
                    "[apt]\n"
                    "keyrings-dir=%(keyrings)s\n"
                    "sources-dir=%(sources)s\n"
                    "state-dir=%(state)s\n"
                    "%(extra)s"
                    % {"extra": extra,"dir": self.dir, "argv": ";".join(self.daemon.argv()), "backups": self.backups,
                       "data": os.path.realpath(DATA), "keyrings": self.keyrings, "sources": self.sources,
                       "state": self.state,
                       "mirrors": mirrors or os.path.realpath(os.path.join(DATA, "docker-ce-mirrors.json")),
                       "user": "user=%s\n" % user if user else ""})
        os.chmod(self.conf, 0o644)

    def __enter__(self):
        if self.start_daemon:
            self.daemon.__enter__()
        else:
            with open(self.daemon.config_file, "w") as f:
                json.dump({}, f)
        return self

    def __exit__(self, *exc):
        self.daemon.__exit__(*exc)

    def run(self, request, raw=None, on_event=None, prefix=()):
        """Runs `helper install`; returns (exit status, events, result).

        on_event(event, process) sees each event as it arrives, to stop the run;
        prefix comes before the helper's command line."""
        data = raw if raw is not None else json.dumps(request)
        process = subprocess.Popen(list(prefix) + [HELPER, "--config", self.conf, "install"], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        process.stdin.write(data + "\n")
        process.stdin.flush()
        events = []
        for line in process.stdout:
            event = json.loads(line)
            events.append(event)
            if on_event is not None:
                on_event(event, process)
        process.stdin.close()
        status = process.wait(timeout=600)
        assert events and events[-1]["type"] == "result", "no result line: %r" % events
        assert all(e["type"] in ("step", "log", "result") for e in events)
        return status, events, events[-1]

    def files(self):
        found = []
        for top in (self.keyrings, self.sources):
            for root, _, names in os.walk(top):
                found += [os.path.join(root, n) for n in names]
        return sorted(found)


def states(result):
    return {s["id"]: s["state"] for s in result["steps"]}


def distro_request(steps=None):
    request = {"plan": "distro-packages", "options": {"compose": False}}
    if steps is not None:
        request["steps"] = steps
    return request


def skip_unless_docker_io():
    # Never install or remove a package on the machine the suite runs on.
    if not package_installed("docker.io"):
        matoutest.skip_setup_missing("docker.io is not installed (build-aux/test installs it): this test "
                                     "only runs the distribution plan where its package steps are done already")


Skip = matoutest.Skip


def test_distro_plan_starts_daemon_adds_user_then_all_done():
    skip_unless_docker_io()
    with test_user() as user, Setup(user=user, start_daemon=False) as s:
        assert not in_docker_group(user)
        status, events, result = s.run(distro_request())
        assert status == 0, result
        assert result["ok"] and result["error"] is None
        # Compose is left out: docker-compose is not installed here, and installing it would change the machine.
        assert states(result) == {"update": "already-done", "install": "already-done",
                                  "service": "done", "group": "done"}, result["steps"]
        # The helper started the daemon (direct backend, as systemd would) and it answers.
        status_code, _, version = matoutest.engine_get(s.daemon.socket, "/version")
        assert status_code == 200
        assert result["engine-version"] == version["Version"]
        assert in_docker_group(user)
        assert result["group"] == {"user": user, "member": True, "added": True}
        # Progress: step k of n, with ids and states, in order.
        running = [e for e in events if e["type"] == "step" and e.get("state") == "running"]
        assert [(e["id"], e["index"], e["count"]) for e in running] == [("service", 3, 4), ("group", 4, 4)]
        assert any(e["type"] == "step" and e.get("state") == "already-done" and e["index"] == 1 for e in events)

        # A second run changes nothing: every step is already done.
        pid = s.daemon.pid()
        status, events, result = s.run(distro_request(["update", "install", "service", "group"]))
        assert status == 0, result
        assert set(states(result).values()) == {"already-done"}, result["steps"]
        assert not any(e.get("state") == "running" for e in events)
        assert s.daemon.pid() == pid


def test_failed_service_start_explained():
    # Debian's init script, without systemd, raises the open-files limit before it starts
    # dockerd; where the system does not allow that, it fails with a raw shell line.
    skip_unless_docker_io()
    with test_user() as user, Setup(user=user, start_daemon=False) as s:
        script = os.path.join(s.dir, "init-docker")
        with open(script, "w") as f:
            f.write("#!/bin/sh\nset -e\ncase \"$1\" in\n"
                    "  start) ulimit -Hn 1024; ulimit -n 1048576 ;;\n"
                    "  status) exit 3 ;;\n"
                    "esac\n")
        os.chmod(script, 0o755)
        with open(s.conf) as f:
            conf = f.read().replace("backend=direct\n", "backend=sysv\ninit-script=%s\n" % script)
        with open(s.conf, "w") as f:
            f.write(conf)
        started = time.monotonic()
        status, events, result = s.run(distro_request(["update", "install", "service", "group"]))
        took = time.monotonic() - started
        assert status == 2, result
        assert result["failed-step"] == "service", result
        # The script's raw line, in words, with the next step; and the steps not run named.
        assert "error setting limit" in result["error"], result["error"]
        assert "limit on open files" in result["error"], result["error"]
        assert "The steps after it were not run" in result["error"] and "docker" in result["error"], result["error"]
        assert states(result)["group"] == "waiting", result["steps"]
        assert not in_docker_group(user)
        assert took < 60, "the failed start took %.1f s" % took


def test_refusals_change_nothing():
    skip_unless_docker_io()
    with test_user() as user, Setup(user=user) as s:
        pid = s.daemon.pid()
        bad = [
            ('{"plan": "curl-pipe-sh"}', "unknown plan"),
            ('{"plan": "docker-mirror", "mirror": "nope"}', "unknown mirror"),
            ('{"plan": "docker-mirror", "mirror": "https://evil.example/docker-ce"}', "name of a mirror"),
            ('{"plan": "distro-packages", "mirror": "tuna"}', "Only the plan docker-mirror"),
            (json.dumps(distro_request(["update", "rm-rf"])), "step “rm-rf”"),
            (json.dumps(distro_request(["update", "install", "service"])), "changed since the plan was shown"),
            ('{"plan": "distro-packages", "options": {"user": "root"}}', "unknown option"),
            ('{"plan": "distro-packages", "command": ["sh", "-c", "id"]}', "unknown member"),
            ('{"plan": "distro-packages", "options": {"compose": "yes"}}', "true or false"),
            ("x" * (20 * 1024), "larger than"),
            ("{not json", "not valid JSON"),
            ('{"plan": "distro-packages"} {"plan": "docker-repository"}', "more text after its JSON object"),
            ('{"plan": "distro-\\u0000packages"}', "NUL character"),
        ]
        for raw, words in bad:
            status, events, result = s.run(None, raw=raw)
            assert status == 1, (raw[:60], status, result)
            assert words in result["error"], (words, result["error"])
            assert not any(e.get("state") == "running" for e in events), raw[:60]
            assert s.files() == [] and not os.path.exists(s.backups)
            assert not in_docker_group(user)
            assert s.daemon.pid() == pid


def test_install_waits_for_the_lock():
    skip_unless_docker_io()
    with test_user() as user, Setup(user=user, start_daemon=False) as s:
        lock = open(os.path.join(s.dir, "helper.lock"), "w")
        fcntl.flock(lock, fcntl.LOCK_EX)
        held = []

        def release():
            time.sleep(3)
            # While the lock was ours the helper started nothing.
            held.append((time.monotonic(), s.daemon.pid(), in_docker_group(user)))
            fcntl.flock(lock, fcntl.LOCK_UN)

        arrived = []
        thread = threading.Thread(target=release)
        thread.start()
        try:
            status, events, result = s.run(distro_request(),
                                           on_event=lambda e, p: arrived.append((time.monotonic(), e)))
        finally:
            thread.join()
            lock.close()
        assert status == 0, result
        released_at, pid_while_held, member_while_held = held[0]
        assert pid_while_held is None, "the daemon was started while another helper held the lock"
        assert not member_while_held, "the user was added while another helper held the lock"
        waiting = [t for t, e in arrived if e["type"] == "step" and "Waiting for another" in e.get("text", "")]
        assert waiting and waiting[0] < released_at, arrived
        started = [t for t, e in arrived if e.get("state") in ("running", "done", "already-done")]
        assert started and min(started) >= released_at, "a step ran before the lock was released"
        assert states(result)["service"] == "done" and in_docker_group(user)


def test_docker_repository_offline_leaves_nothing():
    # A machine without internet, also where this one has it: the helper runs
    # in a network namespace of its own, with no interface up (the daemon's
    # socket is a file, reachable from there).
    prefix = ["unshare", "--net", "--"]
    if subprocess.run(prefix + ["true"]).returncode != 0:
        if resolves("download.docker.com"):
            raise Skip("no network namespace can be made here, and download.docker.com resolves")
        prefix = []
    with Setup() as s:
        status, events, result = s.run({"plan": "docker-repository", "options": {"compose": True}},
                                       prefix=prefix)
        assert status == 2, result
        assert not result["ok"]
        assert result["failed-step"] == "key" and result["failure"] == "network", result
        # Said in words, with what to do next.
        assert "download.docker.com" in result["error"], result["error"]
        assert "A mirror of Docker’s repository" in result["error"], result["error"]
        assert any(e["type"] == "log" and e["source"] == "curl" and "resolve" in e["text"] for e in events)
        assert states(result)["key"] == "failed"
        assert states(result)["repository"] == "waiting"
        assert s.files() == [], s.files()


def docker_key():
    """Docker's real public signing key, as download.docker.com and its mirrors serve it."""
    with open(os.path.join(os.environ["MATOU_TEST_FIXTURES"], "keys", "docker-release.asc"), "rb") as f:
        return f.read()


def other_key(home):
    """A key made here, with a name like Docker's: what a mirror serving its own key would send."""
    os.makedirs(home, mode=0o700, exist_ok=True)
    env = dict(os.environ, GNUPGHOME=home)
    subprocess.run(["gpg", "--batch", "--quiet", "--passphrase", "", "--quick-gen-key",
                    "Docker Release (CE deb) <docker@docker.com>", "rsa2048", "sign", "never"],
                   env=env, check=True, stderr=subprocess.DEVNULL)
    exported = subprocess.run(["gpg", "--batch", "--armor", "--export"], env=env, check=True,
                              stdout=subprocess.PIPE).stdout
    # Making the key started an agent for that home: it goes with it.
    subprocess.run(["gpgconf", "--homedir", home, "--kill", "gpg-agent"], env=env)
    return exported


class FakeMirror:
    """A docker-ce "mirror" on 127.0.0.1 that has a key (Docker's unless told) but no repository for the release."""

    def __init__(self, key=None):
        served = key if key is not None else docker_key()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.endswith("/linux/debian/gpg") or self.path.endswith("/linux/ubuntu/gpg"):
                    body = served
                    self.send_response(200)
                else:
                    body = b"not here\n"
                    self.send_response(404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/docker-ce" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_unreachable_repository_rolled_back():
    distro = {}
    with open("/etc/os-release") as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                distro[key] = value.strip('"')
    if distro.get("ID") not in ("debian", "ubuntu"):
        raise Skip("the loopback repository test needs apt")
    with FakeMirror() as mirror, tempfile.TemporaryDirectory(prefix="matou-mirrors-") as tmp:
        mirrors = os.path.join(tmp, "docker-ce-mirrors.json")
        with open(mirrors, "w") as f:
            json.dump({"kind": "docker-ce-mirrors", "entries": [{
                "id": "loopback", "url": mirror.url, "name": "Loopback", "provider": "community",
                "note": "A test mirror.", "test_url": mirror.url + "/linux/debian/gpg"}]}, f)
        with Setup(mirrors=mirrors) as s:
            # An older docker.list, as get.docker.com writes it: moved aside, then put back.
            old_list = os.path.join(s.sources, "docker.list")
            old_text = "deb [signed-by=/etc/apt/keyrings/docker.gpg] https://old.example/linux/debian bookworm stable\n"
            with open(old_list, "w") as f:
                f.write(old_text)

            status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback",
                                             "options": {"compose": False}})
            assert status == 2, result
            assert result["failed-step"] == "update-repository", result
            assert result["failure"] == "repository", result
            assert "has no Docker packages" in result["error"], result["error"]
            assert "removed again" in result["error"], result["error"]
            # The key and the repository file were written, then taken back.
            key = os.path.join(s.keyrings, "docker.asc")
            sources = os.path.join(s.sources, "docker.sources")
            # Docker's own key, from a mirror, passes the check and is written.
            assert any(e["type"] == "step" and e["text"] == "Wrote " + key for e in events)
            assert any(e["type"] == "step" and e["text"] == "Wrote " + sources for e in events)
            assert result["rolled-back"]
            assert set(result["removed"]) == {key, sources, old_list}, result["removed"]
            assert states(result)["key"] == "rolled-back"
            assert states(result)["repository"] == "rolled-back"
            # apt itself said what was wrong, and its words streamed as they came.
            assert any(e["type"] == "log" and e["source"] == "apt-get" and "does not have a Release file" in e["text"]
                       for e in events), [e for e in events if e["type"] == "log"]
            assert s.files() == [old_list], s.files()
            with open(old_list) as f:
                assert f.read() == old_text


@contextlib.contextmanager
def loopback_mirror_setup(extra="", key=None):
    with FakeMirror(key) as mirror, tempfile.TemporaryDirectory(prefix="matou-mirrors-") as tmp:
        mirrors = os.path.join(tmp, "docker-ce-mirrors.json")
        with open(mirrors, "w") as f:
            json.dump({"kind": "docker-ce-mirrors", "entries": [{
                "id": "loopback", "url": mirror.url, "name": "Loopback", "provider": "community",
                "note": "A test mirror.", "test_url": mirror.url + "/linux/debian/gpg"}]}, f)
        with Setup(mirrors=mirrors, extra=extra) as s:
            yield s


def test_mirror_with_another_key_refused():
    if os_release_id() not in ("debian", "ubuntu"):
        raise Skip("needs apt")
    with tempfile.TemporaryDirectory(prefix="matou-gpg-") as home:
        key = other_key(os.path.join(home, "gnupg"))
    # A key with Docker's name on it, a real OpenPGP key, only not Docker's.
    with loopback_mirror_setup(key=key) as s:
        status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback", "options": {"compose": False}})
        assert status == 2, result
        assert result["failed-step"] == "key" and result["failure"] == "key", result
        assert "served a key that is not Docker’s" in result["error"], result["error"]
        assert "9DC858229FC7DD38854AE2D88D81803C0EBFCD88" in result["error"], result["error"]
        assert states(result)["key"] == "failed" and states(result)["repository"] == "waiting", result["steps"]
        # Nothing written: no key, no repository.
        assert s.files() == [], s.files()
        assert not any(e["type"] == "step" and e["text"].startswith("Wrote ") for e in events), events

    # Docker's key with a second key appended: refused as well.
    with tempfile.TemporaryDirectory(prefix="matou-gpg-") as home:
        key = docker_key() + other_key(os.path.join(home, "gnupg"))
    with loopback_mirror_setup(key=key) as s:
        status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback", "options": {"compose": False}})
        assert status == 2 and result["failed-step"] == "key", result
        assert "served a key that is not Docker’s" in result["error"], result["error"]
        assert s.files() == [], s.files()


def test_symlinked_repository_file_refused():
    if os_release_id() not in ("debian", "ubuntu"):
        raise Skip("needs apt")
    with loopback_mirror_setup() as s, tempfile.TemporaryDirectory(prefix="matou-elsewhere-") as elsewhere:
        # docker.sources is a link to a file elsewhere: not read through, not written through.
        target = os.path.join(elsewhere, "precious")
        with open(target, "w") as f:
            f.write("precious\n")
        sources = os.path.join(s.sources, "docker.sources")
        os.symlink(target, sources)
        # An older docker.list: moved aside for the write, put back when the write is refused.
        old_list = os.path.join(s.sources, "docker.list")
        old_text = "deb [signed-by=/etc/apt/keyrings/docker.gpg] https://old.example/linux/debian bookworm stable\n"
        with open(old_list, "w") as f:
            f.write(old_text)

        status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback", "options": {"compose": False}})
        assert status == 2, result
        assert result["failed-step"] == "repository", result
        assert "symbolic link" in result["error"], result["error"]
        assert states(result)["repository"] == "failed", result["steps"]
        # The key was written before it, and taken back.
        key = os.path.join(s.keyrings, "docker.asc")
        assert states(result)["key"] == "rolled-back", result["steps"]
        assert key in result["removed"], result["removed"]
        assert not any(e["type"] == "step" and e["text"] == "Wrote " + sources for e in events), events
        assert os.readlink(sources) == target
        with open(target) as f:
            assert f.read() == "precious\n"
        with open(old_list) as f:
            assert f.read() == old_text
        assert s.files() == [old_list, sources], s.files()


def test_plain_http_mirror_refused():
    # Only a loopback mirror may be plain HTTP; any other is refused before a step runs.
    with tempfile.TemporaryDirectory(prefix="matou-mirrors-") as tmp:
        mirrors = os.path.join(tmp, "docker-ce-mirrors.json")
        with open(mirrors, "w") as f:
            json.dump({"kind": "docker-ce-mirrors", "entries": [{
                "id": "plain", "url": "http://mirrors.example.com/docker-ce", "name": "Plain", "provider": "community",
                "note": "A test mirror.", "test_url": "http://mirrors.example.com/docker-ce/linux/debian/gpg"}]}, f)
        with Setup(mirrors=mirrors, start_daemon=False) as s:
            status, events, result = s.run({"plan": "docker-mirror", "mirror": "plain", "options": {"compose": False}})
            assert status == 1, result
            assert "HTTPS only" in result["error"], result["error"]
            assert not any(e.get("state") == "running" for e in events), events
            assert s.files() == [], s.files()


def hold_lists_lock(s):
    """What a running `apt update` (or a software centre) holds: apt's lists lock, an fcntl lock."""
    lists = os.path.join(s.state, "lists")
    os.makedirs(os.path.join(lists, "partial"), exist_ok=True)
    fd = os.open(os.path.join(lists, "lock"), os.O_RDWR | os.O_CREAT, 0o640)
    fcntl.lockf(fd, fcntl.LOCK_EX)
    return fd


def test_held_apt_lock_waited_for():
    if os_release_id() not in ("debian", "ubuntu"):
        raise Skip("needs apt")
    # Held all along: the helper waits, says so, gives up, and takes the repository back.
    with loopback_mirror_setup("lock-wait=4\n") as s:
        fd = hold_lists_lock(s)
        try:
            start = time.monotonic()
            status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback", "options": {"compose": False}})
            waited = time.monotonic() - start
        finally:
            os.close(fd)
        assert status == 2 and result["failure"] == "lock", result
        assert result["failed-step"] == "update-repository"
        assert "Another program is using the package system" in result["error"], result["error"]
        assert any(e["type"] == "step" and "waiting up to 4 seconds" in e["text"] for e in events)
        assert waited >= 4, waited
        assert s.files() == [], s.files()

    # Released while the helper waits: it goes on (and then meets the missing release).
    with loopback_mirror_setup("lock-wait=60\n") as s:
        fd = hold_lists_lock(s)
        timer = threading.Timer(3, os.close, [fd])
        timer.start()
        try:
            status, events, result = s.run({"plan": "docker-mirror", "mirror": "loopback", "options": {"compose": False}})
        finally:
            timer.join()
        assert any(e["type"] == "step" and "waiting up to 60 seconds" in e["text"] for e in events)
        assert status == 2 and result["failure"] == "repository", result
        assert s.files() == [], s.files()


def os_release_id():
    with open("/etc/os-release") as f:
        for line in f:
            if line.startswith("ID="):
                return line.strip()[3:].strip('"')
    return None


def test_stop_between_steps():
    skip_unless_docker_io()
    with test_user() as user, Setup(user=user, start_daemon=False) as s:
        def stop_on_service(event, process):
            if event.get("id") == "service" and event.get("state") == "running":
                process.stdin.write("stop\n")
                process.stdin.flush()

        status, events, result = s.run(distro_request(), on_event=stop_on_service)
        assert status == 5, result
        assert result["cancelled"] and not result["ok"]
        assert "Stopped after step 3 of 4" in result["error"], result["error"]
        # The step that was running finished; the next one never started.
        assert states(result)["service"] == "done" and states(result)["group"] == "waiting"
        assert matoutest.engine_get(s.daemon.socket, "/_ping")[0] == 200
        assert not in_docker_group(user)

        # SIGTERM (the runner or a terminal) stops it the same way.
        pid = s.daemon.pid()
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while matoutest.process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)

        def term_on_service(event, process):
            if event.get("id") == "service" and event.get("state") == "running":
                process.send_signal(signal.SIGTERM)

        status, events, result = s.run(distro_request(), on_event=term_on_service)
        assert status == 5, result
        assert states(result)["service"] == "done" and states(result)["group"] == "waiting"
        assert not in_docker_group(user)


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the helper suite runs as root (build-aux/test does)")
    matoutest.install_signal_handlers()
    tests = [
        ("distribution plan: starts the daemon, adds the user, then every step is already done",
         test_distro_plan_starts_daemon_adds_user_then_all_done),
        ("sysv: an init script that cannot start Docker is explained, and the group step not run",
         test_failed_service_start_explained),
        ("unknown plan, step, mirror, option or member: refused, nothing changed", test_refusals_change_nothing),
        ("install waits for another helper's lock before any step", test_install_waits_for_the_lock),
        ("Docker's repository without internet: fails at the key download, leaves no file",
         test_docker_repository_offline_leaves_nothing),
        ("a mirror serving Docker's key without the release: the key is written, apt's failure rolls back "
         "the key and the repository file",
         test_unreachable_repository_rolled_back),
        ("a mirror serving another key (or one beside Docker's): refused, no key and no repository written",
         test_mirror_with_another_key_refused),
        ("a symlink at the repository file's path: neither read nor written through, an older docker.list "
         "moved aside for it is put back, the key taken back",
         test_symlinked_repository_file_refused),
        ("a mirror listed with plain HTTP (not loopback) is refused before any step", test_plain_http_mirror_refused),
        ("apt's lock held by another program: waited for with a visible message, then explained or gone on",
         test_held_apt_lock_waited_for),
        ("stop line and SIGTERM: the running step finishes, the next does not start", test_stop_between_steps),
    ]
    return matoutest.run_tap(tests)


if __name__ == "__main__":
    sys.exit(main())
