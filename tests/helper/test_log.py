#!/usr/bin/python3
"""matou-helper log, run as root with --config: the last lines of the daemon's
log file (the path from helper.conf only), then the lines appended to it,
until the reader goes away; a symlink or a FIFO at the path refused.
Output is TAP."""

import json
import os
import select
import subprocess
import sys
import tempfile
import time

import matoutest

HELPER = os.environ["MATOU_HELPER"]
TIMEOUT = 10


def write_conf(tmp, backend="sysv"):
    log = os.path.join(tmp, "docker.log")
    conf = os.path.join(tmp, "helper.conf")
    with open(conf, "w") as f:
        f.write("[paths]\nlock-file=%s/helper.lock\n[engine]\nsocket=%s/docker.sock\n"
                "[service]\nbackend=%s\nlog-file=%s\n[direct]\npidfile=%s/docker.pid\n"
                % (tmp, tmp, backend, log, tmp))
    os.chmod(conf, 0o644)
    return conf, log


class Reader:
    """The helper's output, line by line, with a deadline."""

    def __init__(self, process):
        self.process = process
        self.buffer = b""

    def next_event(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            assert left > 0, "no line from the helper within %d s" % timeout
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                if not chunk:
                    return None
                self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return json.loads(line)

    def log_lines(self, count):
        texts = []
        while len(texts) < count:
            event = self.next_event()
            assert event is not None, "the helper ended after %r" % texts
            assert event["type"] != "result", "the helper ended: %r" % event
            if event["type"] == "log":
                assert event["source"] == "dockerd", event
                texts.append(event["text"])
        return texts


def start(conf):
    return subprocess.Popen([HELPER, "--config", conf, "log"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def test_last_lines_then_followed():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp)
        # Root-only, as a log the user may not read.
        with open(log, "w") as f:
            for i in range(1, 301):
                f.write('time="2026-01-01T10:00:00" level=info msg="matou-test line %d"\n' % i)
        os.chmod(log, 0o600)
        process = start(conf)
        try:
            reader = Reader(process)
            texts = reader.log_lines(200)
            assert texts[0].endswith('line 101"') and texts[-1].endswith('line 300"'), (texts[0], texts[-1])
            with open(log, "a") as f:
                f.write('time="2026-01-01T10:00:01" level=error msg="matou-test appended"\n')
            assert reader.log_lines(1)[0].endswith('msg="matou-test appended"')
            # The file rotated: the new one is read from its start.
            os.rename(log, log + ".1")
            with open(log, "w") as f:
                f.write("matou-test after rotation\n")
            assert reader.log_lines(1) == ["matou-test after rotation"]
            # The reader closes its end of standard input: the helper ends, with a result.
            process.stdin.close()
            started = time.monotonic()
            event = reader.next_event()
            while event is not None and event["type"] != "result":
                event = reader.next_event()
            assert event is not None and event["ok"] and event["action"] == "log", event
            assert process.wait(timeout=TIMEOUT) == 0
            print("# the helper ended %.2f s after its input closed" % (time.monotonic() - started), flush=True)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_reader_gone():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp)
        with open(log, "w") as f:
            f.write("matou-test one\n")
        process = start(conf)
        try:
            reader = Reader(process)
            assert reader.log_lines(1) == ["matou-test one"]
            # The reader goes without a word: the next line cannot be written, and the helper ends.
            process.stdout.close()
            with open(log, "a") as f:
                f.write("matou-test two\n")
            assert process.wait(timeout=TIMEOUT) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def run_refused(conf):
    result = subprocess.run([HELPER, "--config", conf, "log"], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, timeout=TIMEOUT)
    events = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert events and events[-1]["type"] == "result", events
    assert not [e for e in events if e["type"] == "log"], events
    return result.returncode, events[-1]


def test_symlink_refused():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp)
        secret = os.path.join(tmp, "secret")
        with open(secret, "w") as f:
            f.write("matou-test secret\n")
        os.symlink(secret, log)
        status, result = run_refused(conf)
        assert status == 1, result
        assert "symbolic link" in result["error"], result


def test_fifo_refused():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp)
        os.mkfifo(log)
        # Opening a FIFO with no writer would block: the helper must answer at once.
        status, result = run_refused(conf)
        assert status == 1, result
        assert "not a regular file" in result["error"], result


def test_missing_file_waited_for():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp)
        process = start(conf)
        try:
            reader = Reader(process)
            event = reader.next_event()
            assert event["type"] == "step" and "does not exist yet" in event["text"], event
            with open(log, "w") as f:
                f.write("matou-test written later\n")
            assert reader.log_lines(1) == ["matou-test written later"]
            process.stdin.write(b"stop\n")
            process.stdin.flush()
            assert process.wait(timeout=TIMEOUT) == 0
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()


def test_systemd_refused():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, log = write_conf(tmp, backend="systemd")
        with open(log, "w") as f:
            f.write("matou-test not shown\n")
        status, result = run_refused(conf)
        assert status == 1, result
        assert "journalctl -u docker" in result["error"], result


def test_no_argument_taken():
    with tempfile.TemporaryDirectory(prefix="matou-log-") as tmp:
        conf, _ = write_conf(tmp)
        result = subprocess.run([HELPER, "--config", conf, "log", "/etc/shadow"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, timeout=TIMEOUT)
        assert result.returncode == 4, result
        assert b"root:" not in result.stdout


def main():
    if os.geteuid() != 0:
        return matoutest.skip_all(matoutest.SETUP_MISSING + "the helper suite runs as root (build-aux/test does)")
    matoutest.install_signal_handlers()
    return matoutest.run_tap([
        ("log: a root-only file's last 200 lines, a line appended later, a rotation, and the end when input closes",
         test_last_lines_then_followed),
        ("log: the helper ends when its reader stops reading", test_reader_gone),
        ("log: a symlink at the log's path is refused, its target not read", test_symlink_refused),
        ("log: a FIFO at the log's path is refused at once", test_fifo_refused),
        ("log: a log not written yet is waited for, then followed; \"stop\" ends it", test_missing_file_waited_for),
        ("log: under systemd the journal is named instead", test_systemd_refused),
        ("log: a path given by the caller is refused", test_no_argument_taken),
    ])


if __name__ == "__main__":
    sys.exit(main())
