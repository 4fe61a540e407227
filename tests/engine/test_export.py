#!/usr/bin/python3
"""`matou export` run for real: the playbook through ansible-playbook -c local
and the shell script through sh, each against a test dockerd and a temporary
daemon.json that holds keys Matou does not manage. Each test reads what a
user would: /info, the file on disk, ansible's recap, the script's output."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import matoutest

MATOU = os.environ.get("MATOU")
TESTLIB = os.environ["MATOU_TEST_LIB"]
DOCKERD = "/usr/sbin/dockerd"

# What the target machine has before: an old mirror and keys of its own.
TARGET = {
    "labels": ["matou-test=foreign"],
    "max-concurrent-downloads": 4,
    "registry-mirrors": ["https://old-mirror.example"],
}
# What the desktop Matou exports from has.
DESKTOP = {
    "registry-mirrors": ["https://mirror-one.example", "https://Mirror-Two.example/"],
    "dns": ["223.5.5.5"],
}
# /info adds a "/" and keeps the host's case.
EXPECT_MIRRORS = ["https://mirror-one.example/", "https://Mirror-Two.example/"]


def need(program):
    if shutil.which(program) is None:
        matoutest.skip_setup_missing(program + " is not installed (build-aux/deps.sh installs it)")


def export(workdir, *args):
    """Runs matou export with the desktop's daemon.json; returns its output."""
    desktop = os.path.join(workdir, "desktop.json")
    with open(desktop, "w") as f:
        json.dump(DESKTOP, f)
    env = dict(os.environ, MATOU_DAEMON_JSON=desktop, MATOU_DROPIN_DIR=os.path.join(workdir, "desktop-dropins"),
               LC_ALL="C.UTF-8", LANGUAGE="")
    result = subprocess.run([MATOU, "export"] + list(args), env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def info_mirrors(daemon):
    status, _, info = matoutest.engine_get(daemon.socket, "/info")
    assert status == 200, info
    return info["RegistryConfig"]["Mirrors"]


def read_config(daemon):
    with open(daemon.config_file) as f:
        return json.load(f)


def assert_applied(daemon, expect_dns):
    assert info_mirrors(daemon) == EXPECT_MIRRORS, info_mirrors(daemon)
    config = read_config(daemon)
    # The target's own keys are still there, with their values.
    assert config["labels"] == TARGET["labels"], config
    assert config["max-concurrent-downloads"] == 4, config
    assert config["registry-mirrors"] == DESKTOP["registry-mirrors"], config
    assert config.get("dns") == expect_dns, config
    # Engine 20.10 refuses "proxies": the proxy went to the drop-in, never here.
    assert "proxies" not in config, config


def restart_argv(daemon, workdir):
    argv_file = os.path.join(workdir, "dockerd-argv.json")
    with open(argv_file, "w") as f:
        json.dump(daemon.argv(), f)
    return [sys.executable, os.path.join(TESTLIB, "restart-dockerd.py"), argv_file,
            daemon.pidfile, daemon.socket, daemon.log_path]


def reload_argv(daemon):
    return [sys.executable, "-c", "import os, signal, sys; os.kill(int(open(sys.argv[1]).read()), signal.SIGHUP)",
            daemon.pidfile]


def recap(output):
    """changed=N of the play's recap for localhost."""
    m = re.search(r"^localhost\s*:\s*ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)", output, re.M)
    assert m is not None, output
    return int(m.group(1)), int(m.group(2))


def ansible_env(workdir):
    home = os.path.join(workdir, "home")
    os.makedirs(home, exist_ok=True)
    return dict(os.environ, HOME=home, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                ANSIBLE_LOCAL_TEMP=os.path.join(home, "tmp"), ANSIBLE_REMOTE_TEMP=os.path.join(home, "tmp"),
                ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_STDOUT_CALLBACK="default",
                LC_ALL="C.UTF-8", LANGUAGE="")


def test_playbook_checks():
    """The playbook passes ansible-playbook --syntax-check and ansible-lint."""
    need("ansible-playbook")
    need("ansible-lint")
    workdir = tempfile.mkdtemp(prefix="matou-export-")
    try:
        out = os.path.join(workdir, "playbook")
        export(workdir, "--ansible", out, "--http-proxy", "http://user:p%40ss@proxy.example:3128",
               "--no-proxy", "localhost,.corp")
        playbook = os.path.join(out, "docker-settings.yml")
        env = ansible_env(workdir)
        result = subprocess.run(["ansible-playbook", "--syntax-check", "-i", "localhost,", playbook],
                                env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        result = subprocess.run(["ansible-lint", "--offline", "--nocolor", "-p", "docker-settings.yml"], cwd=out,
                                env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_playbook_run():
    """ansible-playbook -c local: --check --diff first, then the change, then no change."""
    need("ansible-playbook")
    workdir = tempfile.mkdtemp(prefix="matou-export-")
    try:
        out = os.path.join(workdir, "playbook")
        export(workdir, "--ansible", out, "--http-proxy", "http://proxy.example:3128", "--no-proxy", "localhost")
        with matoutest.Dockerd(TARGET) as daemon:
            dropins = os.path.join(workdir, "dropins")
            variables = os.path.join(workdir, "vars.json")
            with open(variables, "w") as f:
                json.dump({
                    "ansible_become": False,
                    "ansible_python_interpreter": sys.executable,
                    "matou_daemon_json": daemon.config_file,
                    "matou_dropin_dir": dropins,
                    "matou_dockerd_version_command": [DOCKERD, "--version"],
                    "matou_systemd_reload_command": ["true"],
                    "matou_reload_command": reload_argv(daemon),
                    "matou_restart_command": restart_argv(daemon, workdir),
                    "matou_docker_socket": daemon.socket,
                }, f)
            command = ["ansible-playbook", "-c", "local", "-i", "localhost,", "-e", "@" + variables,
                       os.path.join(out, "docker-settings.yml")]
            env = ansible_env(workdir)
            before = open(daemon.config_file).read()
            pid = daemon.pid()

            result = subprocess.run(command + ["--check", "--diff"], env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stdout + result.stderr
            # The change shown before it is made: the new mirror, and the old one going.
            assert re.search(r'^\+\s+"https://mirror-one\.example",?$', result.stdout, re.M), result.stdout
            assert re.search(r'^-\s+"https://old-mirror\.example"', result.stdout, re.M), result.stdout
            assert open(daemon.config_file).read() == before
            assert not os.path.exists(os.path.join(dropins, "http-proxy.conf"))
            assert daemon.pid() == pid
            assert info_mirrors(daemon) == ["https://old-mirror.example/"]

            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stdout + result.stderr + daemon.log()
            changed, failed = recap(result.stdout)
            assert failed == 0 and changed > 0, result.stdout
            # DNS and the proxy are read at start only: Matou's rule says restart.
            assert re.search(r"RUNNING HANDLER \[Restart Docker\] \**\nchanged:", result.stdout), result.stdout
            assert re.search(r"RUNNING HANDLER \[Reload Docker\] \**\nskipping:", result.stdout), result.stdout
            assert daemon.pid() != pid
            assert_applied(daemon, ["223.5.5.5"])
            with open(os.path.join(dropins, "http-proxy.conf")) as f:
                assert 'Environment="HTTP_PROXY=http://proxy.example:3128"' in f.read()
            # The old file is kept as ansible's backup, beside it.
            backups = [n for n in os.listdir(os.path.dirname(daemon.config_file))
                       if n.startswith("daemon.json.") and n.endswith("~")]
            assert len(backups) == 1, backups
            with open(os.path.join(os.path.dirname(daemon.config_file), backups[0])) as f:
                assert f.read() == before

            pid = daemon.pid()
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stdout + result.stderr
            assert recap(result.stdout) == (0, 0), result.stdout
            assert daemon.pid() == pid
            assert_applied(daemon, ["223.5.5.5"])
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_playbook_fails_without_mirrors():
    """A daemon that does not take the mirrors fails the play."""
    need("ansible-playbook")
    workdir = tempfile.mkdtemp(prefix="matou-export-")
    try:
        out = os.path.join(workdir, "playbook")
        export(workdir, "--ansible", out, "--no-dns", "--proxy-off")
        with matoutest.Dockerd(TARGET) as daemon:
            variables = os.path.join(workdir, "vars.json")
            with open(variables, "w") as f:
                json.dump({
                    "ansible_become": False,
                    "ansible_python_interpreter": sys.executable,
                    "matou_daemon_json": daemon.config_file,
                    "matou_dropin_dir": os.path.join(workdir, "dropins"),
                    "matou_dockerd_version_command": [DOCKERD, "--version"],
                    "matou_systemd_reload_command": ["true"],
                    # The reload never reaches the daemon.
                    "matou_reload_command": ["true"],
                    "matou_restart_command": ["true"],
                    "matou_docker_socket": daemon.socket,
                    "matou_check_seconds": 2,
                }, f)
            result = subprocess.run(["ansible-playbook", "-c", "local", "-i", "localhost,", "-e", "@" + variables,
                                     os.path.join(out, "docker-settings.yml")],
                                    env=ansible_env(workdir), capture_output=True, text=True, timeout=300)
            assert result.returncode != 0, result.stdout
            assert "Check that docker info shows the mirrors" in result.stdout, result.stdout
            assert recap(result.stdout)[1] == 1, result.stdout
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_script_run():
    """The shell script: sh -n, --check, the change (a reload), then no change."""
    workdir = tempfile.mkdtemp(prefix="matou-export-")
    try:
        script = os.path.join(workdir, "docker-settings.sh")
        # Mirrors only: a reload is enough.
        export(workdir, "--shell", script, "--no-dns", "--proxy-off")
        subprocess.run(["sh", "-n", script], check=True)
        with matoutest.Dockerd(TARGET) as daemon:
            env = dict(os.environ, MATOU_DAEMON_JSON=daemon.config_file,
                       MATOU_DROPIN_DIR=os.path.join(workdir, "dropins"),
                       MATOU_DOCKERD_VERSION_COMMAND=DOCKERD + " --version",
                       MATOU_SYSTEMD_RELOAD_COMMAND="false",
                       MATOU_RELOAD_COMMAND="kill -HUP $(cat %s)" % daemon.pidfile,
                       MATOU_RESTART_COMMAND="false",
                       DOCKER_HOST=daemon.host, LC_ALL="C.UTF-8")
            before = open(daemon.config_file).read()
            pid = daemon.pid()

            result = subprocess.run(["sh", script, "--check"], env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stdout + result.stderr
            assert re.search(r'^\+\s+"https://mirror-one\.example",?$', result.stderr, re.M), result.stderr
            assert "would get: reload" in result.stdout, result.stdout
            assert open(daemon.config_file).read() == before
            assert info_mirrors(daemon) == ["https://old-mirror.example/"]

            result = subprocess.run(["sh", script], env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stdout + result.stderr + daemon.log()
            assert "reloading the daemon" in result.stdout, result.stdout
            assert daemon.pid() == pid
            assert_applied(daemon, None)
            backups = [n for n in os.listdir(os.path.dirname(daemon.config_file))
                       if n.startswith("daemon.json.") and n.endswith("~")]
            assert len(backups) == 1, backups

            after = os.stat(daemon.config_file)
            result = subprocess.run(["sh", script], env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "nothing to change" in result.stdout, result.stdout
            assert os.stat(daemon.config_file).st_mtime_ns == after.st_mtime_ns
            assert daemon.pid() == pid
            assert_applied(daemon, None)

            # A reload the daemon never gets: the script says so and fails.
            with open(daemon.config_file, "w") as f:
                json.dump(TARGET, f)
            os.kill(daemon.pid(), signal.SIGHUP)
            deadline = time.monotonic() + 30
            while info_mirrors(daemon) != ["https://old-mirror.example/"]:
                assert time.monotonic() < deadline, info_mirrors(daemon)
                time.sleep(0.2)
            env.update(MATOU_RELOAD_COMMAND="true", MATOU_CHECK_SECONDS="2")
            result = subprocess.run(["sh", script], env=env, capture_output=True, text=True, timeout=120)
            assert result.returncode == 1, result.stdout + result.stderr
            assert "does not show the mirrors" in result.stderr, result.stderr
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def test_engine_23_proxy_in_daemon_json():
    """For Engine 23.0 and later the proxy goes into daemon.json, never into a drop-in:
    shown by --check --diff (playbook) and --check (script), with a stand-in `dockerd --version`."""
    need("ansible-playbook")
    workdir = tempfile.mkdtemp(prefix="matou-export-")
    try:
        out = os.path.join(workdir, "playbook")
        script = os.path.join(workdir, "docker-settings.sh")
        export(workdir, "--ansible", out, "--shell", script, "--http-proxy", "http://proxy.example:3128")
        target = os.path.join(workdir, "daemon.json")
        with open(target, "w") as f:
            json.dump(TARGET, f)
        dropins = os.path.join(workdir, "dropins")
        version = ["echo", "Docker version 26.1.5, build a72d7cd"]
        variables = os.path.join(workdir, "vars.json")
        with open(variables, "w") as f:
            json.dump({
                "ansible_become": False,
                "ansible_python_interpreter": sys.executable,
                "matou_daemon_json": target,
                "matou_dropin_dir": dropins,
                "matou_dockerd_version_command": version,
            }, f)
        result = subprocess.run(["ansible-playbook", "-c", "local", "-i", "localhost,", "-e", "@" + variables,
                                 "--check", "--diff", os.path.join(out, "docker-settings.yml")],
                                env=ansible_env(workdir), capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r'^\+\s+"proxies": \{$', result.stdout, re.M), result.stdout
        assert re.search(r'^\+\s+"http-proxy": "http://proxy\.example:3128"$', result.stdout, re.M), result.stdout
        assert re.search(r"TASK \[Write the proxy's systemd drop-in\] \**\nskipping:", result.stdout), result.stdout
        assert re.search(r"RUNNING HANDLER \[Restart Docker\]", result.stdout), result.stdout

        env = dict(os.environ, MATOU_DAEMON_JSON=target, MATOU_DROPIN_DIR=dropins,
                   MATOU_DOCKERD_VERSION_COMMAND=" ".join(version), LC_ALL="C.UTF-8")
        result = subprocess.run(["sh", script, "--check"], env=env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr
        assert re.search(r'^\+\s+"http-proxy": "http://proxy\.example:3128"$', result.stderr, re.M), result.stderr
        assert "would get: restart" in result.stdout, result.stdout
        assert "http-proxy.conf" not in result.stderr, result.stderr
        with open(target) as f:
            assert json.load(f) == TARGET
        assert not os.path.exists(dropins)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING +
                                  "starting dockerd needs root; build-aux/test runs this suite as root")
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("the playbook passes --syntax-check and ansible-lint", test_playbook_checks),
        ("the playbook applies, keeps foreign keys, restarts for DNS and changes nothing the second time",
         test_playbook_run),
        ("the playbook fails when the daemon does not show the mirrors", test_playbook_fails_without_mirrors),
        ("the shell script applies with a reload, keeps foreign keys and changes nothing the second time",
         test_script_run),
        ("for Engine 23 and later the proxy goes into daemon.json, not a drop-in (--check, a stand-in version)",
         test_engine_23_proxy_in_daemon_json),
    ])


if __name__ == "__main__":
    sys.exit(main())
