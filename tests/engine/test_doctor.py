#!/usr/bin/python3
"""`matou doctor` against real parts: test dockerds, a real registry as the
mirror (docker-registry, holding an image made from busybox without the
network), loopback servers answering like Docker Hub or not at all, dnsmasq
and tinyproxy. Each test reads what the user reads: the JSON's states and
words, and the exit status."""

import contextlib
import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

import matoutest

MATOU = os.environ.get("MATOU")
SOURCE_ROOT = os.path.join(os.environ["MATOU_TEST_FIXTURES"], "..", "..")
EXIT_BY_STATE = {"ok": 0, "skipped": 0, "warning": 1, "failed": 2}


def documented_ids():
    """The ids of the README's table, in order."""
    with open(os.path.join(SOURCE_ROOT, "README.md")) as f:
        return re.findall(r"^\| `([a-z]+\.[a-z-]+)` \| ([a-z]+) \|", f.read(), re.M)


def doctor(daemon, *args, env=None, prefix=()):
    """Runs matou doctor --json; returns (exit status, checks by id, the list)."""
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    environment.update(DOCKER_HOST=daemon.host, LC_ALL="C.UTF-8", LANGUAGE="")
    environment.update(env or {})
    result = subprocess.run(list(prefix) + [MATOU, "doctor", "--json", "--timeout", "5"] + list(args),
                            env=environment, capture_output=True, text=True, timeout=300)
    try:
        checks = json.loads(result.stdout)
    except ValueError:
        raise AssertionError("not JSON (exit %d): %r\nstderr: %s" % (result.returncode, result.stdout, result.stderr))
    by_id = {c["id"]: c for c in checks}
    for c in checks:
        print("# %-20s %-8s %s | %s" % (c["id"], c["state"], c["title"], c["detail"].replace("\n", " / ")))
    return result.returncode, by_id, checks


def expected_exit(checks):
    return max([EXIT_BY_STATE[c["state"]] for c in checks] + [0])


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


@contextlib.contextmanager
def serve(handler):
    server = Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass


class NotFound(QuietHandler):
    """A web server, not a registry: 404 on /v2/."""

    def do_GET(self):
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET


def make_hub(remaining="76;w=21600"):
    class Hub(QuietHandler):
        """Answers as Docker Hub does: /v2/ asks for a token, the token service gives one, the manifest needs it."""
        requests = []

        def reply(self, status, headers=(), body=b""):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def challenge(self):
            realm = "http://127.0.0.1:%d/token" % self.server.server_address[1]
            self.reply(401, [("WWW-Authenticate", 'Bearer realm="%s",service="registry.test"' % realm),
                             ("Docker-Distribution-API-Version", "registry/2.0")])

        def do_GET(self):
            Hub.requests.append((self.command, self.path, self.headers.get("Authorization")))
            if self.path == "/v2/":
                self.challenge()
            elif self.path.startswith("/token?") and "scope=repository:library/hello-world:pull" in self.path \
                    and "service=registry.test" in self.path:
                self.reply(200, [("Content-Type", "application/json")], b'{"token": "t0ken"}')
            elif self.path == "/v2/library/hello-world/manifests/latest":
                if self.headers.get("Authorization") != "Bearer t0ken":
                    self.challenge()
                else:
                    self.reply(200, [("Content-Type", "application/vnd.oci.image.index.v1+json"),
                                     ("RateLimit-Limit", "100;w=21600"),
                                     ("RateLimit-Remaining", remaining)])
            else:
                self.reply(404)

        do_HEAD = do_GET

    return Hub


def test_json_ids_and_exit_status():
    with matoutest.Dockerd({}) as daemon:
        status, by_id, checks = doctor(daemon, "--no-network")
        ids = [c["id"] for c in checks]
        documented = documented_ids()
        assert ids == [i for i, _ in documented], (ids, documented)
        for c in checks:
            assert set(c) == {"id", "stage", "state", "title", "detail", "fix"}, c
            assert c["state"] in EXIT_BY_STATE, c
            assert c["stage"] == c["id"].split(".")[0], c
            assert c["title"], c
        assert status == expected_exit(checks), (status, expected_exit(checks))
        assert by_id["docker.daemon"]["state"] == "ok"
        _, _, version = matoutest.engine_get(daemon.socket, "/version")
        assert version["Version"] in by_id["docker.daemon"]["detail"]
        # The running daemon's own command line and the config file it was given.
        assert by_id["config.cmdline"]["state"] == "ok"
        assert daemon.config_file in by_id["config.cmdline"]["detail"]
        assert daemon.config_file in by_id["config.daemon-json"]["detail"]
        for stage in ("dns", "reach", "registry"):
            for c in checks:
                if c["stage"] == stage:
                    assert c["state"] == "skipped" and "--no-network" in c["detail"], c
    # No daemon at all: "not running", the stages that need it skipped, exit 2.
    with tempfile.TemporaryDirectory(prefix="matou-nd-") as folder:
        class Gone:
            host = "unix://" + os.path.join(folder, "docker.sock")
        status, by_id, checks = doctor(Gone, "--no-network", "--pull", "hello-world")
        assert status == 2
        assert by_id["docker.daemon"]["state"] == "failed"
        # Matou starts it (the Diagnose page's button); the command is the terminal's way on this system.
        assert by_id["docker.daemon"]["fix"]["kind"] == "start-docker"
        assert by_id["docker.daemon"]["fix"]["command"] == ("sudo systemctl start docker"
                                                           if os.path.isdir("/run/systemd/system")
                                                           else "sudo service docker start")
        assert by_id["config.effective"]["state"] == "skipped"


def lo_counters(text):
    for line in text.splitlines():
        if line.strip().startswith("lo:"):
            return line.split(":", 1)[1].split()
    raise AssertionError("no lo in %r" % text)


def test_no_network_sends_nothing():
    """--no-network in a network namespace with only loopback: it runs, and loopback carried no packet."""
    if shutil.which("unshare") is None:
        matoutest.skip_setup_missing("unshare (util-linux)")
    with matoutest.Dockerd({"registry-mirrors": ["https://mirror.example.test"], "dns": ["192.0.2.53"]}) as daemon:
        out = tempfile.NamedTemporaryFile(prefix="matou-nn-", suffix=".json", delete=False)
        out.close()
        script = ('ip link set lo up; cat /proc/net/dev; echo ===; '
                  '"$0" doctor --no-network --json > "$1"; echo "rc=$?"; echo ===; cat /proc/net/dev')
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
        env.update(DOCKER_HOST=daemon.host, LC_ALL="C.UTF-8")
        result = subprocess.run(["unshare", "-n", "sh", "-c", script, MATOU, out.name],
                                env=env, capture_output=True, text=True, timeout=120)
        before, rc, after = result.stdout.split("===\n")
        interfaces = [l.split(":")[0].strip() for l in after.splitlines()[2:]]
        assert interfaces == ["lo"], interfaces
        assert lo_counters(before) == lo_counters(after), (before, after)
        with open(out.name) as f:
            checks = json.load(f)
        os.unlink(out.name)
        by_id = {c["id"]: c for c in checks}
        assert int(rc.strip().split("=")[1]) == expected_exit(checks)
        # The Engine's unix socket is not the network: it still answers.
        assert by_id["docker.daemon"]["state"] == "ok", by_id["docker.daemon"]
        assert "https://mirror.example.test" in by_id["config.daemon-json"]["detail"]
        assert by_id["dns.mirrors"]["state"] == "skipped"


def needs_registry_and_docker():
    if not os.path.exists("/usr/bin/docker-registry") or not os.path.exists("/bin/busybox"):
        matoutest.skip_setup_missing("docker-registry and busybox-static (build-aux/deps.sh)")
    if shutil.which("docker") is None:
        matoutest.skip_setup_missing("the docker command (docker.io)")


def hello_world_in_registry(daemon, port):
    """An image made from busybox, pushed to the registry on @port as library/hello-world, and not left in @daemon."""
    tar = os.path.join(daemon.dir, "busybox.tar")
    matoutest.busybox_tar(tar)
    pushed = "127.0.0.1:%d/library/hello-world:latest" % port
    matoutest.docker_cli(daemon, "import", tar, pushed)
    matoutest.docker_cli(daemon, "push", pushed)
    matoutest.docker_cli(daemon, "rmi", pushed)


def test_pull_through_a_real_registry_mirror():
    needs_registry_and_docker()
    with matoutest.registry() as (port, process):
        mirror = "http://127.0.0.1:%d" % port
        with matoutest.Dockerd({"registry-mirrors": [mirror]}) as daemon:
            hello_world_in_registry(daemon, port)
            assert not matoutest.image_exists(daemon, "hello-world:latest")

            status, by_id, checks = doctor(daemon, "--pull", "hello-world",
                                           env={"MATOU_DAEMON_LOG": daemon.log_path})
            assert status == expected_exit(checks)
            # At the daemon's usual log level only failures are logged: none, so the first mirror served it.
            assert ("Served by the registry mirror %s: the daemon’s log shows no failed mirror before it." % mirror
                    in by_id["pull.test"]["detail"]), by_id["pull.test"]
            assert by_id["reach.mirrors"]["state"] == "ok", by_id["reach.mirrors"]
            assert by_id["registry.mirrors"]["state"] == "ok", by_id["registry.mirrors"]
            assert "library/hello-world/manifests/latest: 200" in by_id["registry.mirrors"]["detail"]
            assert by_id["pull.test"]["state"] == "ok", by_id["pull.test"]
            assert "Registry mirror %s: works" % mirror in by_id["pull.test"]["detail"]
            assert "removed again" in by_id["pull.test"]["detail"]
            assert not matoutest.image_exists(daemon, "hello-world:latest")
            assert by_id["images.registry"]["state"] == "ok"

            # An image that was there before stays.
            matoutest.docker_cli(daemon, "pull", "hello-world")
            status, by_id, checks = doctor(daemon, "--pull", "hello-world")
            assert by_id["pull.test"]["state"] == "ok", by_id["pull.test"]
            assert matoutest.image_exists(daemon, "hello-world:latest")
            matoutest.docker_cli(daemon, "rmi", "hello-world")

            # The registry stopped: the pull fails, and the doctor names the mirror and why.
            process.terminate()
            process.wait()
            status, by_id, checks = doctor(daemon, "--pull", "hello-world",
                                           env={"MATOU_DAEMON_LOG": daemon.log_path})
            assert status == 2
            assert re.search(r"Failed, in the daemon’s log: .*127\.0\.0\.1:%d.*refused" % port,
                             by_id["pull.test"]["detail"]), by_id["pull.test"]
            assert by_id["reach.mirrors"]["state"] == "failed", by_id["reach.mirrors"]
            assert mirror in by_id["reach.mirrors"]["detail"]
            pull = by_id["pull.test"]
            assert pull["state"] == "failed", pull
            assert "Registry mirror %s:" % mirror in pull["detail"], pull
            assert re.search(r"refused|not answer|nothing listens", pull["detail"], re.I), pull
            assert not matoutest.image_exists(daemon, "hello-world:latest")


def test_pull_names_the_mirror_that_served_it():
    """Two mirrors, the first on a closed port: the daemon's log tells that the
    first failed and the second served the image, in its own words at debug
    level; without the log, the doctor says where that is written."""
    needs_registry_and_docker()
    dead = "http://127.0.0.1:%d" % matoutest.free_port()
    with matoutest.registry() as (port, process):
        live = "http://127.0.0.1:%d" % port
        with matoutest.Dockerd({"registry-mirrors": [dead, live], "debug": True}) as daemon:
            hello_world_in_registry(daemon, port)

            status, by_id, checks = doctor(daemon, "--pull", "hello-world",
                                           env={"MATOU_DAEMON_LOG": daemon.log_path})
            pull = by_id["pull.test"]
            assert pull["state"] == "ok", pull
            assert "Served by the registry mirror %s (the daemon’s log says so)." % live in pull["detail"], pull
            assert re.search(r"Failed first, in the daemon’s log: .*%s.*refused" % re.escape(dead[len("http://"):]),
                             pull["detail"]), pull
            assert not matoutest.image_exists(daemon, "hello-world:latest")

            # At the usual level (debug off, reloaded) the log names no endpoint;
            # the one failure before the pull tells that the second mirror served it.
            with open(daemon.config_file, "w") as f:
                json.dump({"registry-mirrors": [dead, live], "debug": False}, f)
            mark = os.path.getsize(daemon.log_path)
            os.kill(daemon.pid(), signal.SIGHUP)
            deadline = time.monotonic() + 30
            while "Reloaded configuration" not in daemon.log()[mark:]:
                assert time.monotonic() < deadline, daemon.log()[mark:]
                time.sleep(0.1)
            status, by_id, checks = doctor(daemon, "--pull", "hello-world",
                                           env={"MATOU_DAEMON_LOG": daemon.log_path})
            pull = by_id["pull.test"]
            assert pull["state"] == "ok", pull
            assert ("Served by the registry mirror %s: the daemon’s log shows that the mirrors before it failed." % live
                    in pull["detail"]), pull

            missing = os.path.join(daemon.dir, "no-such.log")
            status, by_id, checks = doctor(daemon, "--pull", "hello-world", env={"MATOU_DAEMON_LOG": missing})
            pull = by_id["pull.test"]
            assert pull["state"] == "ok", pull
            assert "Which registry mirror served it is written only in the daemon’s log." in pull["detail"], pull
            assert missing in pull["detail"], pull
            assert "Served by" not in pull["detail"], pull


def test_pull_through_a_prefix_mirror_and_tag_back():
    """An image of another registry, through a prefix mirror (a real registry
    holding PREFIX/ghcr.io/OWNER/IMAGE), tagged back under its own name."""
    needs_registry_and_docker()
    image = "ghcr.io/matou-test/busybox:1"
    with matoutest.registry() as (port, process):
        prefix = "127.0.0.1:%d" % port
        prefixed = "%s/%s" % (prefix, image)
        env = {"MATOU_DOCTOR_PREFIX_MIRROR": prefix}
        with matoutest.Dockerd({}) as daemon:
            tar = os.path.join(daemon.dir, "busybox.tar")
            matoutest.busybox_tar(tar)
            matoutest.docker_cli(daemon, "import", tar, prefixed)
            matoutest.docker_cli(daemon, "push", prefixed)
            matoutest.docker_cli(daemon, "rmi", prefixed)

            # Offered, with the commands that do the same in a terminal.
            status, by_id, checks = doctor(daemon, "--no-network", "--pull", image, env=env)
            images = by_id["images.registry"]
            assert images["state"] == "warning", images
            assert images["fix"]["kind"] == "pull-through", images
            assert images["fix"]["command"] == "docker pull %s && docker tag %s %s && docker rmi %s" % (
                prefixed, prefixed, image, prefixed), images

            status, by_id, checks = doctor(daemon, "--pull", image, "--pull-through", env=env)
            pull = by_id["pull.test"]
            assert pull["state"] == "ok", pull
            assert "tagged it as %s" % image in pull["detail"], pull
            assert matoutest.image_exists(daemon, image)
            assert not matoutest.image_exists(daemon, prefixed)
            assert by_id["images.registry"]["state"] == "ok", by_id["images.registry"]
            assert by_id["images.registry"]["fix"] is None, by_id["images.registry"]
            matoutest.docker_cli(daemon, "rmi", image)

            # The prefix mirror gone: the pull fails and says through what.
            process.terminate()
            process.wait()
            status, by_id, checks = doctor(daemon, "--pull", image, "--pull-through", env=env)
            pull = by_id["pull.test"]
            assert status == 2 and pull["state"] == "failed", pull
            assert ("through %s failed" % prefix) in pull["detail"], pull
            assert not matoutest.image_exists(daemon, image)

    environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    result = subprocess.run([MATOU, "doctor", "--pull-through"], env=environment, capture_output=True, text=True,
                            timeout=30)
    assert result.returncode == 3 and "--pull IMAGE" in result.stderr, result


def test_mirrors_that_do_not_work_and_a_hub_with_rate_limits():
    closed = matoutest.free_port()
    with serve(NotFound) as (not_found, _), serve(make_hub()) as (hub_port, hub_server):
        mirrors = ["http://127.0.0.1:%d" % closed, "http://127.0.0.1:%d" % not_found]
        with matoutest.Dockerd({"registry-mirrors": mirrors}) as daemon:
            hub = "http://127.0.0.1:%d" % hub_port
            status, by_id, checks = doctor(daemon, env={"MATOU_DOCTOR_HUB_URL": hub})
            assert status == expected_exit(checks) == 1, status
            assert by_id["reach.hub"]["state"] == "ok", by_id["reach.hub"]
            registry_hub = by_id["registry.hub"]
            assert registry_hub["state"] == "ok", registry_hub
            assert "Token from %s/token: received" % hub in registry_hub["detail"], registry_hub
            assert "Pull limit: 100;w=21600, remaining: 76;w=21600" in registry_hub["detail"], registry_hub
            # The manifest came with the token; a HEAD, as the issue asks.
            handler = hub_server.RequestHandlerClass
            assert ("HEAD", "/v2/library/hello-world/manifests/latest", "Bearer t0ken") in handler.requests
            reach = by_id["reach.mirrors"]
            assert reach["state"] == "warning", reach
            lines = reach["detail"].splitlines()
            closed_line = [l for l in lines if l.startswith(mirrors[0])]
            not_found_line = [l for l in lines if l.startswith(mirrors[1])]
            assert closed_line and re.search(r"refused|nothing listens", closed_line[0], re.I), lines
            assert not_found_line and re.search(r"not a registry|404", not_found_line[0], re.I), lines
            assert reach["fix"]["kind"] == "settings" and reach["fix"]["field"] == "mirrors"
    # The limit used up: a warning that says so.
    with serve(make_hub(remaining="0;w=21600")) as (hub_port, _):
        with matoutest.Dockerd({}) as daemon:
            status, by_id, checks = doctor(daemon, env={"MATOU_DOCTOR_HUB_URL": "http://127.0.0.1:%d" % hub_port})
            assert by_id["registry.hub"]["state"] == "warning", by_id["registry.hub"]
            assert "limit" in by_id["registry.hub"]["title"].lower()
            assert status == 1


def test_dns_both_a_flag_and_in_daemon_json():
    with matoutest.Dockerd({}, extra_args=["--dns", "192.0.2.53"]) as daemon:
        status, by_id, _ = doctor(daemon, "--no-network")
        assert by_id["config.flag-conflict"]["state"] == "ok"
        # Another program writes dns into daemon.json: the next start would fail.
        with open(daemon.config_file, "w") as f:
            json.dump({"dns": ["192.0.2.1"]}, f)
        status, by_id, _ = doctor(daemon, "--no-network")
        conflict = by_id["config.flag-conflict"]
        assert conflict["state"] == "failed", conflict
        assert "“dns”" in conflict["detail"] and "--dns" in conflict["detail"], conflict
        assert status == 2


def test_daemon_dns_servers_through_dnsmasq():
    dnsmasq = shutil.which("dnsmasq") or "/usr/sbin/dnsmasq"
    if not os.path.exists(dnsmasq):
        matoutest.skip_setup_missing("dnsmasq (dnsmasq-base)")
    # daemon.json's dns takes addresses only, port 53: a loopback address of its own.
    address = "127.53.%d.%d" % (os.getpid() % 250 + 1, int(time.time()) % 250 + 1)
    silent = "127.54.%d.1" % (os.getpid() % 250 + 1)
    process = subprocess.Popen([dnsmasq, "--no-daemon", "--conf-file=/dev/null", "--pid-file=", "--port=53",
                                "--listen-address=" + address, "--bind-interfaces", "--no-resolv", "--no-hosts",
                                "--address=/registry-1.docker.io/192.0.2.10"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=matoutest._die_with_parent)
    try:
        time.sleep(0.5)
        assert process.poll() is None, "dnsmasq did not start"
        with matoutest.Dockerd({"dns": [address]}) as daemon:
            _, by_id, _ = doctor(daemon)
            servers = by_id["dns.daemon-servers"]
            assert servers["state"] == "ok", servers
            assert address in servers["detail"] and "192.0.2.10" in servers["detail"], servers
        with matoutest.Dockerd({"dns": [address, silent]}) as daemon:
            _, by_id, _ = doctor(daemon)
            servers = by_id["dns.daemon-servers"]
            assert servers["state"] == "warning", servers
            assert servers["fix"]["field"] == "dns"
    finally:
        process.terminate()
        process.wait()


def test_host_resolver():
    """Docker Hub's names through this computer's own resolver: /etc/resolv.conf
    replaced, in a mount namespace of the doctor's own, by one naming a real
    dnsmasq on loopback; then by systemd-resolved's stub with nothing behind it."""
    dnsmasq = shutil.which("dnsmasq") or "/usr/sbin/dnsmasq"
    if not os.path.exists(dnsmasq):
        matoutest.skip_setup_missing("dnsmasq (dnsmasq-base)")
    if shutil.which("unshare") is None:
        matoutest.skip_setup_missing("unshare (util-linux)")
    address = "127.55.%d.%d" % (os.getpid() % 250 + 1, int(time.time()) % 250 + 1)
    process = subprocess.Popen([dnsmasq, "--no-daemon", "--conf-file=/dev/null", "--pid-file=", "--port=53",
                                "--listen-address=" + address, "--bind-interfaces", "--no-resolv", "--no-hosts",
                                "--address=/registry-1.docker.io/192.0.2.10", "--address=/auth.docker.io/192.0.2.11"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               preexec_fn=matoutest._die_with_parent)
    folder = tempfile.mkdtemp(prefix="matou-resolv-")
    try:
        time.sleep(0.5)
        assert process.poll() is None, "dnsmasq did not start"
        resolv = os.path.join(folder, "resolv.conf")
        # The doctor runs with this file bind-mounted over /etc/resolv.conf, seen by it alone.
        prefix = ("unshare", "--mount", "--", "sh", "-c", 'mount --bind "$0" /etc/resolv.conf && exec "$@"', resolv)
        with matoutest.Dockerd({}) as daemon:
            with open(resolv, "w") as f:
                f.write("nameserver %s\noptions timeout:1 attempts:1\n" % address)
            _, by_id, _ = doctor(daemon, prefix=prefix)
            hub = by_id["dns.hub"]
            assert hub["state"] == "ok", hub
            assert "registry-1.docker.io: 192.0.2.10" in hub["detail"], hub
            assert "auth.docker.io: 192.0.2.11" in hub["detail"], hub
            assert "resolvers: %s" % address in hub["detail"], hub

            with open(resolv, "w") as f:
                f.write("nameserver 127.0.0.53\noptions edns0 trust-ad timeout:1 attempts:1\n")
            _, by_id, _ = doctor(daemon, prefix=prefix)
            hub = by_id["dns.hub"]
            assert hub["state"] == "failed", hub
            assert "resolvers: 127.0.0.53" in hub["detail"], hub
            assert by_id["reach.hub"]["state"] == "skipped", by_id["reach.hub"]
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def test_daemon_proxy_through_tinyproxy():
    if not os.path.exists("/usr/bin/tinyproxy"):
        matoutest.skip_setup_missing("tinyproxy (tinyproxy-bin)")
    port = matoutest.free_port()
    with serve(make_hub()) as (hub_port, hub_server), tempfile.TemporaryDirectory(prefix="matou-tp-") as folder:
        conf = os.path.join(folder, "tinyproxy.conf")
        log = os.path.join(folder, "tinyproxy.log")
        with open(conf, "w") as f:
            f.write("Port %d\nListen 127.0.0.1\nTimeout 30\nAllow 127.0.0.1\nLogFile \"%s\"\nLogLevel Connect\n"
                    "MaxClients 20\n" % (port, log))
        os.chmod(folder, 0o755)
        process = subprocess.Popen(["/usr/bin/tinyproxy", "-d", "-c", conf],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   preexec_fn=matoutest._die_with_parent)
        try:
            matoutest.wait_port(port)
            dropins = os.path.join(folder, "docker.service.d")
            os.mkdir(dropins)
            proxy = "http://127.0.0.1:%d" % port
            with open(os.path.join(dropins, "http-proxy.conf"), "w") as f:
                f.write('[Service]\nEnvironment="HTTP_PROXY=%s"\nEnvironment="HTTPS_PROXY=%s"\n' % (proxy, proxy))
            hub = "http://127.0.0.1:%d" % hub_port
            env = {"MATOU_DOCTOR_HUB_URL": hub, "MATOU_DROPIN_DIR": dropins}
            with matoutest.Dockerd({}) as daemon:
                _, by_id, _ = doctor(daemon, env=env)
                assert "http-proxy.conf" in by_id["config.dropins"]["detail"]
                assert by_id["config.proxy"]["state"] == "ok" and proxy in by_id["config.proxy"]["detail"]
                reach = by_id["reach.proxy"]
                # It works for the daemon, and a loopback proxy is explained for containers.
                assert reach["state"] == "warning", reach
                assert proxy in reach["detail"]
                with open(log) as f:
                    assert "/v2/" in f.read(), "the request did not go through tinyproxy"
                # The proxy stopped: failed, with the fix in Settings.
                process.terminate()
                process.wait()
                status, by_id, _ = doctor(daemon, env=env)
                reach = by_id["reach.proxy"]
                assert reach["state"] == "failed", reach
                assert reach["fix"]["kind"] == "settings" and reach["fix"]["field"] == "proxy"
                assert status == 2
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait()


def test_version_and_bad_arguments():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    result = subprocess.run([MATOU, "--version"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and re.fullmatch(r"matou \d+\.\d+\.\d+\n", result.stdout), result
    result = subprocess.run([MATOU, "doctor", "--no-such-option"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 3 and "--help" in result.stderr, result


TESTS = [
    ("doctor --json: valid JSON, the documented ids in order, exit status by state", test_json_ids_and_exit_status),
    ("doctor --no-network in a namespace with only loopback sends nothing", test_no_network_sends_nothing),
    ("test pull through a real registry mirror, then the registry stopped", test_pull_through_a_real_registry_mirror),
    ("the daemon's log names the mirror that served the pull and the one that failed first",
     test_pull_names_the_mirror_that_served_it),
    ("an image of another registry pulled through a prefix mirror and tagged back, then the mirror stopped",
     test_pull_through_a_prefix_mirror_and_tag_back),
    ("a mirror on a closed port, one answering 404, a hub with a token service and RateLimit headers",
     test_mirrors_that_do_not_work_and_a_hub_with_rate_limits),
    ("dns both a dockerd flag and in daemon.json is a conflict", test_dns_both_a_flag_and_in_daemon_json),
    ("the daemon's DNS servers through a real dnsmasq", test_daemon_dns_servers_through_dnsmasq),
    ("Docker Hub's names through this computer's resolver (a real dnsmasq), then through a stub with nothing behind it",
     test_host_resolver),
    ("the daemon's proxy through a real tinyproxy, then stopped", test_daemon_proxy_through_tinyproxy),
    ("matou --version, and bad arguments exit 3", test_version_and_bad_arguments),
]


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "starting dockerd needs root; build-aux/test runs this suite as root")
    matoutest.install_signal_handlers()
    return matoutest.run_tap(TESTS)


if __name__ == "__main__":
    sys.exit(main())
