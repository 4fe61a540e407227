#!/usr/bin/python3
"""Remote Engines, as the docker CLI reaches them: contexts made by the real
docker command in a temporary HOME, a test dockerd listening on
tcp://127.0.0.1:PORT (plain, then TLS with its own CA and a client
certificate), and ssh:// through a real sshd on loopback when there is one,
else through a stand-in `ssh` that runs `docker system dial-stdio` here.
Each test reads what the user reads: `matou doctor --json`'s checks."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import matoutest

MATOU = os.environ.get("MATOU")
DOCKER = shutil.which("docker")
SSHD = "/usr/sbin/sshd"


def run(*argv, **kwargs):
    return subprocess.run(list(argv), check=True, capture_output=True, text=True, timeout=120, **kwargs)


@contextlib.contextmanager
def home():
    """A temporary HOME with nothing of the user's docker configuration."""
    path = tempfile.mkdtemp(prefix="matou-home-")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def docker_cli(home_dir, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env["HOME"] = home_dir
    return run(DOCKER, *args, env=env)


def doctor(home_dir, env=None, path_prefix=None):
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS") and not k.startswith("DOCKER_")}
    environment.update(HOME=home_dir, LC_ALL="C.UTF-8", LANGUAGE="")
    if path_prefix:
        environment["PATH"] = path_prefix + ":" + environment["PATH"]
    environment.update(env or {})
    result = subprocess.run([MATOU, "doctor", "--json", "--no-network", "--timeout", "5"],
                            env=environment, capture_output=True, text=True, timeout=300)
    try:
        checks = json.loads(result.stdout)
    except ValueError:
        raise AssertionError("not JSON (exit %d): %r\nstderr: %s" % (result.returncode, result.stdout, result.stderr))
    by_id = {c["id"]: c for c in checks}
    for c in checks[:4]:
        print("# %-20s %-8s %s | %s" % (c["id"], c["state"], c["title"], c["detail"].replace("\n", " / ")))
    return by_id


def make_certs(folder):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, as `docker` documents."""
    def ssl(*args):
        run("openssl", *args, cwd=folder)
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=matou test CA",
        "-keyout", "ca-key.pem", "-out", "ca.pem")
    with open(os.path.join(folder, "server.ext"), "w") as f:
        f.write("subjectAltName = IP:127.0.0.1\nextendedKeyUsage = serverAuth\n")
    with open(os.path.join(folder, "client.ext"), "w") as f:
        f.write("extendedKeyUsage = clientAuth\n")
    for name, ext in (("server", "server.ext"), ("client", "client.ext")):
        ssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=%s" % name,
            "-keyout", name + "-key.pem", "-out", name + ".csr")
        ssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
            "-days", "2", "-extfile", ext, "-out", name + "-cert.pem")
    # A second CA that signed nothing of this daemon's.
    ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA",
        "-keyout", "other-key.pem", "-out", "other-ca.pem")


def version_of(daemon):
    _, _, version = matoutest.engine_get(daemon.socket, "/version")
    return version["Version"]


def test_plain_tcp():
    port = matoutest.free_port()
    with matoutest.Dockerd({}, extra_args=["-H", "tcp://127.0.0.1:%d" % port]) as daemon, home() as h:
        host = "tcp://127.0.0.1:%d" % port
        docker_cli(h, "context", "create", "lan-box", "--docker", "host=" + host)
        checks = doctor(h, env={"DOCKER_CONTEXT": "lan-box"})
        daemon_check = checks["docker.daemon"]
        assert daemon_check["state"] == "ok", daemon_check
        for words in (version_of(daemon), host, "“lan-box”"):
            assert words in daemon_check["detail"], (words, daemon_check)
        assert checks["docker.permission"]["state"] == "skipped", checks["docker.permission"]
        # This computer's files and network say nothing of an Engine elsewhere: not checked, and why.
        for check_id, words in (("config.daemon-json", "on another computer (%s)" % host),
                                ("config.flag-conflict", "on another computer"),
                                ("dns.hub", "this computer’s network"), ("reach.hub", host)):
            assert checks[check_id]["state"] == "skipped" and words in checks[check_id]["detail"], checks[check_id]
        # currentContext in config.json chooses the same way (docker context use writes it).
        docker_cli(h, "context", "use", "lan-box")
        assert doctor(h)["docker.daemon"]["state"] == "ok"
        # DOCKER_HOST wins over the current context: here a socket with nothing behind it.
        local = doctor(h, env={"DOCKER_HOST": "unix://%s/none.sock" % h})
        missing = local["docker.daemon"]
        assert missing["state"] == "failed" and missing["title"] == "The Docker daemon is not running", missing
        # A local socket: this computer's configuration is the daemon's, and is checked.
        assert local["config.daemon-json"]["state"] != "skipped", local["config.daemon-json"]

    # The same context with the daemon gone: the remote explanation, naming the host and context.
    with home() as h:
        docker_cli(h, "context", "create", "lan-box", "--docker", "host=tcp://127.0.0.1:%d" % port)
        gone = doctor(h, env={"DOCKER_CONTEXT": "lan-box"})["docker.daemon"]
        assert gone["state"] == "failed", gone
        assert gone["title"] == "The remote Docker Engine does not answer", gone
        assert "tcp://127.0.0.1:%d" % port in gone["detail"] and "“lan-box”" in gone["detail"], gone


def test_tls_tcp():
    port = matoutest.free_port()
    certs = tempfile.mkdtemp(prefix="matou-certs-")
    try:
        make_certs(certs)
        c = lambda name: os.path.join(certs, name)
        tls = ["-H", "tcp://127.0.0.1:%d" % port, "--tlsverify", "--tlscacert", c("ca.pem"),
               "--tlscert", c("server-cert.pem"), "--tlskey", c("server-key.pem")]
        with matoutest.Dockerd({}, extra_args=tls) as daemon, home() as h:
            host = "tcp://127.0.0.1:%d" % port
            docker_cli(h, "context", "create", "secure", "--docker",
                       "host=%s,ca=%s,cert=%s,key=%s" % (host, c("ca.pem"), c("client-cert.pem"), c("client-key.pem")))
            docker_cli(h, "context", "create", "wrong-ca", "--docker",
                       "host=%s,ca=%s,cert=%s,key=%s" % (host, c("other-ca.pem"), c("client-cert.pem"), c("client-key.pem")))
            docker_cli(h, "context", "create", "no-client-cert", "--docker", "host=%s,ca=%s" % (host, c("ca.pem")))
            # The real docker command agrees that the context works.
            docker_cli(h, "--context", "secure", "version", "--format", "{{.Server.Version}}")

            ok = doctor(h, env={"DOCKER_CONTEXT": "secure"})["docker.daemon"]
            assert ok["state"] == "ok" and version_of(daemon) in ok["detail"], ok

            wrong = doctor(h, env={"DOCKER_CONTEXT": "wrong-ca"})["docker.daemon"]
            assert wrong["state"] == "failed", wrong
            assert wrong["title"] == "The remote Engine’s TLS connection was refused", wrong

            # The daemon asks for a client certificate (--tlsverify): without one it refuses.
            bare = doctor(h, env={"DOCKER_CONTEXT": "no-client-cert"})["docker.daemon"]
            assert bare["state"] == "failed", bare

            # Plain HTTP to the TLS port is no answer either.
            docker_cli(h, "context", "create", "plain-to-tls", "--docker", "host=" + host)
            plain = doctor(h, env={"DOCKER_CONTEXT": "plain-to-tls"})["docker.daemon"]
            assert plain["state"] == "failed", plain
    finally:
        shutil.rmtree(certs, ignore_errors=True)


def write_stand_in_ssh(folder, daemon, log):
    """An `ssh` that logs its arguments and runs the remote command here, against the test daemon."""
    path = os.path.join(folder, "ssh")
    with open(path, "w") as f:
        f.write("#!/bin/sh\n"
                "printf '%%s\\n' \"$@\" > '%s'\n"
                "while [ \"$1\" != \"--\" ]; do shift; done\n"
                "shift 2\n"
                "DOCKER_HOST='%s' exec \"$@\"\n" % (log, daemon.host))
    os.chmod(path, 0o755)


def test_ssh_stand_in():
    with matoutest.Dockerd({}) as daemon, home() as h:
        bin_dir = os.path.join(h, "bin")
        os.mkdir(bin_dir)
        log = os.path.join(h, "ssh-argv")
        write_stand_in_ssh(bin_dir, daemon, log)
        docker_cli(h, "context", "create", "build-box", "--docker", "host=ssh://builder@build-box.example:2222")
        checks = doctor(h, env={"DOCKER_CONTEXT": "build-box"}, path_prefix=bin_dir)
        assert checks["docker.daemon"]["state"] == "ok", checks["docker.daemon"]
        assert version_of(daemon) in checks["docker.daemon"]["detail"]
        with open(log) as f:
            argv = f.read().split("\n")[:-1]
        assert argv == ["-o", "BatchMode=yes", "-o", "ConnectTimeout=30", "-T", "-l", "builder", "-p", "2222",
                        "--", "build-box.example", "docker", "system", "dial-stdio"], argv


def test_ssh_failure_named():
    with home() as h:
        bin_dir = os.path.join(h, "bin")
        os.mkdir(bin_dir)
        with open(os.path.join(bin_dir, "ssh"), "w") as f:
            f.write("#!/bin/sh\necho 'Permission denied (publickey).' >&2\nexit 255\n")
        os.chmod(os.path.join(bin_dir, "ssh"), 0o755)
        docker_cli(h, "context", "create", "locked", "--docker", "host=ssh://me@locked.example")
        check = doctor(h, env={"DOCKER_CONTEXT": "locked"}, path_prefix=bin_dir)["docker.daemon"]
        assert check["state"] == "failed", check
        # The host, the context and ssh's own words.
        for words in ("ssh://me@locked.example", "“locked”", "Permission denied (publickey)."):
            assert words in check["detail"], (words, check)


def test_ssh_real_sshd():
    if not os.path.exists(SSHD):
        matoutest.skip_setup_missing("openssh-server (%s)" % SSHD)
    port = matoutest.free_port()
    with matoutest.Dockerd({}) as daemon, home() as h:
        keys = os.path.join(h, "keys")
        os.mkdir(keys, 0o700)
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(keys, "host"))
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", os.path.join(keys, "user"))
        shutil.copy(os.path.join(keys, "user.pub"), os.path.join(keys, "authorized_keys"))
        sshd_config = os.path.join(keys, "sshd_config")
        with open(sshd_config, "w") as f:
            f.write("ListenAddress 127.0.0.1:%d\nHostKey %s\nAuthorizedKeysFile %s\n"
                    "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\n"
                    "PermitRootLogin prohibit-password\nStrictModes no\nPidFile %s\n"
                    # The session's docker command talks to the test daemon.
                    "SetEnv DOCKER_HOST=%s\n"
                    % (port, os.path.join(keys, "host"), os.path.join(keys, "authorized_keys"),
                       os.path.join(keys, "sshd.pid"), daemon.host))
        os.makedirs("/run/sshd", exist_ok=True)
        sshd = subprocess.Popen([SSHD, "-D", "-e", "-f", sshd_config], stderr=subprocess.PIPE, text=True)
        try:
            matoutest.wait_port(port)
            # A test-only ssh_config with the throwaway key, through an `ssh` that names it.
            ssh_config = os.path.join(keys, "ssh_config")
            with open(ssh_config, "w") as f:
                f.write("Host *\n  IdentityFile %s\n  IdentitiesOnly yes\n  StrictHostKeyChecking accept-new\n"
                        "  UserKnownHostsFile %s\n" % (os.path.join(keys, "user"), os.path.join(keys, "known_hosts")))
            bin_dir = os.path.join(h, "bin")
            os.mkdir(bin_dir)
            with open(os.path.join(bin_dir, "ssh"), "w") as f:
                f.write("#!/bin/sh\nexec /usr/bin/ssh -F '%s' \"$@\"\n" % ssh_config)
            os.chmod(os.path.join(bin_dir, "ssh"), 0o755)
            docker_cli(h, "context", "create", "over-ssh", "--docker", "host=ssh://root@127.0.0.1:%d" % port)
            checks = doctor(h, env={"DOCKER_CONTEXT": "over-ssh"}, path_prefix=bin_dir)
            assert checks["docker.daemon"]["state"] == "ok", checks["docker.daemon"]
            assert version_of(daemon) in checks["docker.daemon"]["detail"]
            assert "over-ssh" in checks["docker.daemon"]["detail"]
        finally:
            sshd.terminate()
            _, err = sshd.communicate(timeout=20)
            print("# sshd: " + err.strip().replace("\n", "\n# sshd: ")[-2000:])


TESTS = [
    ("a context on tcp://127.0.0.1 without TLS: chosen by DOCKER_CONTEXT and currentContext, DOCKER_HOST first; gone, explained", test_plain_tcp),
    ("a TLS context made by docker context create: the right CA answers; another CA, no client certificate, plain HTTP refused", test_tls_tcp),
    ("ssh:// through a stand-in ssh running docker system dial-stdio here: the argv, and the Engine answers", test_ssh_stand_in),
    ("ssh:// whose ssh fails: the check fails naming the host and quoting ssh", test_ssh_failure_named),
    ("ssh:// through a real sshd on loopback with a throwaway key", test_ssh_real_sshd),
]


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "starting dockerd needs root")
    if DOCKER is None:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the docker command (docker.io)")
    matoutest.install_signal_handlers()
    return matoutest.run_tap(TESTS)


if __name__ == "__main__":
    sys.exit(main())
