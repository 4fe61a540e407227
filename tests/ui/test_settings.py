#!/usr/bin/python3
"""The Settings page and the proxy switch, against a real dockerd and matou-helper.

The window runs as root here, so instead of pkexec it starts the helper
directly with a helper.conf pointing at the test's daemon
(MATOU_HELPER_COMMAND); everything else is what a user does: type, press
buttons, answer the confirmation, read the checklist, flip the switch.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import matoutest
import matouui

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://dockerproxy.net"
PROXY = "http://proxy.example.com:3128"
SECRET = "s3cret"
PROXY_WITH_PASSWORD = "http://alice:%s@proxy.example.com:3128" % SECRET
OTHER_PROXY = "http://other.example.net:8080"
NOT_ADDED = "It is not added: Apply leaves it out."
PROXY_FIELDS = ["HTTP proxy", "HTTPS proxy", "Reach directly, without the proxy"]
ADD_MIRROR = "Add a mirror, for example https://docker.1ms.run"


def pyatspi():
    return matouui.pyatspi


def find_text(app, name):
    return app.wait_for("the field %r" % name, role=pyatspi().ROLE_TEXT, name=name)


def type_into(app, name, text):
    node = find_text(app, name)
    node.queryEditableText().setTextContents(text)


def button(app, name_part, timeout=matouui.TIMEOUT):
    """A push button whose accessible name contains name_part (GTK 4.8 repeats mnemonic labels)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                     if name_part in b.name and matouui.on_screen(b)]
        except Exception:
            found = []  # the tree changed under the walk: look again
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError("no button %r on screen" % name_part)


def press(node):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("click") if "click" in names else 0)


def sensitive(node):
    return matouui.state(node).contains(pyatspi().STATE_SENSITIVE)


def checked(node):
    return matouui.state(node).contains(pyatspi().STATE_CHECKED)


def wait_until(check, what, timeout=90):
    deadline = time.monotonic() + timeout
    last = "never asked"
    while time.monotonic() < deadline:
        try:
            if check():
                return
            last = "the check said no"
        except OSError as e:
            last = "the daemon did not answer (%s)" % e  # its socket is gone while it restarts
        except Exception as e:  # noqa: BLE001 - AT-SPI: a node replaced while it was read
            if "no longer exists" not in str(e) and "does not exist" not in str(e):
                raise
            last = "the node was gone (%s)" % e
        time.sleep(0.5)
    raise AssertionError("%s did not happen within %d s; last try: %s (screenshot: %s)"
                         % (what, timeout, last, matouui._screenshot()))


def proxy_switch(app):
    """Found again at each look: a node read before a run may no longer be the switch shown."""
    return app.wait_for("the proxy switch", role=pyatspi().ROLE_CHECK_BOX, name="Use a Proxy for Pulling Images")


def labels_containing(app, text):
    return [t for t in app.showing_labels() if text in t]


def info(daemon):
    return matoutest.engine_get(daemon.socket, "/info")[2]


def window_env(daemon, conf, **extra):
    """The window talks to the test's daemon and runs the helper directly with its config."""
    return dict(DOCKER_HOST=daemon.host, LANG="C.UTF-8",
                MATOU_DAEMON_JSON=daemon.config_file,
                MATOU_DROPIN_DIR=os.path.join(daemon.dir, "docker.service.d"),
                MATOU_HELPER_COMMAND="%s --config %s" % (HELPER, conf), **extra)


def test_settings_apply_and_proxy(daemon, conf):
    env = window_env(daemon, conf)
    with matouui.App(**env) as app:
        app.click_tab("Settings")
        apply = button(app, "Apply")
        assert not sensitive(apply), "Apply is enabled with nothing changed"

        # A valid DNS server makes a change to apply.
        type_into(app, "Add a DNS server address, for example 223.5.5.5", "223.5.5.5")
        add_buttons = [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON) if b.name.endswith("Add")]
        wait_until(lambda: any(sensitive(b) for b in add_buttons), "an Add button to be enabled", 10)
        press([b for b in add_buttons if sensitive(b)][0])
        app.wait_for("the DNS server in the list", role=pyatspi().ROLE_LABEL, name="223.5.5.5")
        wait_until(lambda: sensitive(apply), "Apply to be enabled", 10)

        # An invalid mirror typed but not added: the box says what is wrong and that it is
        # left out; it is no value of the form, so Apply stays available for the DNS server.
        type_into(app, "Add a mirror, for example https://docker.1ms.run", "ftp://bad.example")
        wait_until(lambda: [t for t in labels_containing(app, "ftp://bad.example") if NOT_ADDED in t],
                   "the message about the bad mirror, saying it is not added", 10)
        assert sensitive(apply), "a half-typed mirror blocks Apply"

        # A valid mirror instead.
        type_into(app, "Add a mirror, for example https://docker.1ms.run", MIRROR)
        wait_until(lambda: not labels_containing(app, "ftp://bad.example"), "the message to go", 10)
        add_buttons = [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                       if b.name.endswith("Add") and sensitive(b)]
        assert add_buttons, "no enabled Add button for a valid mirror"
        press(add_buttons[0])
        app.wait_for("the mirror in the list", role=pyatspi().ROLE_LABEL, name=MIRROR)
        type_into(app, "HTTP proxy", PROXY)

        # Apply: the confirmation says a restart, then the checklist reports what /info says.
        wait_until(lambda: sensitive(apply), "Apply to be enabled", 10)
        press(apply)
        press(button(app, "Restart Docker"))
        app.wait_for("the checklist's mirror row", role=pyatspi().ROLE_LABEL,
                     name="Asked: %s\nThe daemon reports: %s/" % (MIRROR, MIRROR), timeout=120)
        assert info(daemon)["RegistryConfig"]["Mirrors"] == [MIRROR + "/"]
        # /info has no DNS: the file the daemon restarted on holds exactly the server typed.
        with open(daemon.config_file) as f:
            assert json.load(f)["dns"] == ["223.5.5.5"]

        # One click turns the daemon proxy on, with the address typed above.
        wait_until(lambda: sensitive(proxy_switch(app)), "the switch to be enabled", 30)
        proxy_switch(app).queryAction().doAction(0)
        wait_until(lambda: info(daemon)["HttpProxy"] == PROXY, "/info to report the proxy", 120)
        wait_until(lambda: checked(proxy_switch(app)), "the switch to show on", 60)

        # And off again, from Overview.
        app.click_tab("Overview")
        overview_switch = [s for s in app.find_all(role=pyatspi().ROLE_CHECK_BOX, name="Daemon Proxy")][0]
        wait_until(lambda: sensitive(overview_switch) and checked(overview_switch),
                   "the Overview switch to show on", 30)
        overview_switch.queryAction().doAction(0)
        wait_until(lambda: info(daemon)["HttpProxy"] == "", "/info to report no proxy", 120)
        # The address is kept for the next time it is turned on.
        app.click_tab("Settings")
        field = find_text(app, "HTTP proxy").queryText()
        value = field.getText(0, field.characterCount)
        assert value == PROXY, value


def field_text(app, name):
    field = find_text(app, name).queryText()
    return field.getText(0, field.characterCount)


def dropin_path(daemon):
    return os.path.join(daemon.dir, "docker.service.d", "http-proxy.conf")


class Keyring:
    """A real Secret Service (gnome-keyring) on the test's session bus, its login keyring unlocked."""

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="matou-keyring-")
        env = dict(os.environ, XDG_DATA_HOME=self.dir, XDG_RUNTIME_DIR=self.dir, HOME=self.dir)
        # In the foreground, so that this test stops its own daemon and no other test's.
        self.process = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
        self.process.stdin.write(b"matou-test")
        self.process.stdin.close()
        wait_until(self.serving, "the keyring to take the Secret Service's name", 20)
        return self

    @staticmethod
    def serving():
        result = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                                 "--object-path", "/org/freedesktop/DBus",
                                 "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets"],
                                capture_output=True, text=True)
        return result.stdout.strip() == "(true,)"

    def lookup(self, url):
        result = subprocess.run(["secret-tool", "lookup", "url", url], capture_output=True, text=True)
        return result.stdout

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


def test_proxy_form_follows_the_daemon(daemon, conf, keyring):
    config_home = tempfile.mkdtemp(prefix="matou-config-")
    keyfile = os.path.join(config_home, "glib-2.0", "settings", "keyfile")
    env = window_env(daemon, conf, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=config_home)
    with matouui.App(**env) as app:
        app.click_tab("Settings")
        apply = button(app, "Apply")
        wait_until(lambda: sensitive(proxy_switch(app)), "the switch to be enabled", 30)
        assert not checked(proxy_switch(app)), "the proxy is on before the test turns it on"

        # A proxy with a password, typed while the proxy is off, is what the switch turns on.
        type_into(app, "HTTP proxy", PROXY_WITH_PASSWORD)
        proxy_switch(app).queryAction().doAction(0)
        wait_until(lambda: info(daemon)["HttpProxy"] == "http://xxxxx:xxxxx@proxy.example.com:3128",
                   "/info to report the proxy with a password", 120)
        wait_until(lambda: sensitive(proxy_switch(app)) and checked(proxy_switch(app)),
                   "the switch to show on and be available again", 60)

        # Both addresses cleared while the proxy is on: no Apply, and the page says why.
        type_into(app, "HTTP proxy", "")
        type_into(app, "HTTPS proxy", "")
        wait_until(lambda: labels_containing(app, "Give an HTTP or HTTPS proxy address, or turn the proxy off."),
                   "the page to say an address is needed", 10)
        wait_until(lambda: not sensitive(apply), "Apply to be unavailable", 10)

        # Revert: the fields show what the daemon's files hold again.
        press(button(app, "Revert"))
        wait_until(lambda: field_text(app, "HTTP proxy") == PROXY_WITH_PASSWORD, "Revert to restore the proxy", 10)

        # Another program rewrites the drop-in and daemon.json: the form shows their values.
        with open(dropin_path(daemon), "w") as f:
            f.write("[Service]\nEnvironment=\"HTTP_PROXY=%s\"\nEnvironment=\"HTTPS_PROXY=%s\"\n"
                    % (OTHER_PROXY, OTHER_PROXY))
        with open(daemon.config_file, "w") as f:
            f.write('{"registry-mirrors": ["https://changed.example.org"], "debug": false}\n')
        wait_until(lambda: field_text(app, "HTTP proxy") == OTHER_PROXY, "the form to show the new drop-in", 30)
        assert field_text(app, "HTTPS proxy") == OTHER_PROXY
        app.wait_for("the mirror from the rewritten daemon.json", role=pyatspi().ROLE_LABEL,
                     name="https://changed.example.org")
        assert not sensitive(apply), "Apply is enabled although the form shows the files"

        # Put the password proxy back, then turn it off: the address is remembered, the password
        # goes to the keyring and never to GSettings.
        with open(dropin_path(daemon), "w") as f:
            f.write("[Service]\nEnvironment=\"HTTP_PROXY=%s\"\n" % PROXY_WITH_PASSWORD)
        wait_until(lambda: field_text(app, "HTTP proxy") == PROXY_WITH_PASSWORD, "the form to show the password proxy", 30)
        proxy_switch(app).queryAction().doAction(0)
        wait_until(lambda: not os.path.exists(dropin_path(daemon)), "the drop-in to go", 120)
        wait_until(lambda: sensitive(proxy_switch(app)) and not checked(proxy_switch(app)),
                   "the switch to show off and be available again", 60)
        wait_until(lambda: keyring.lookup("http://alice@proxy.example.com:3128") == SECRET,
                   "the password to be in the keyring", 30)
        wait_until(lambda: os.path.exists(keyfile) and "alice@proxy.example.com" in open(keyfile).read(),
                   "the address to be remembered in GSettings", 30)
        settings_text = open(keyfile).read()
        assert SECRET not in settings_text, settings_text

        # On again, from the remembered address and the keyring's password.
        proxy_switch(app).queryAction().doAction(0)
        # The password goes to the root-only file the drop-in names, not into the drop-in.
        env_file = os.path.join(daemon.dir, "docker.service.d", "http-proxy.env")
        wait_until(lambda: os.path.exists(dropin_path(daemon)) and os.path.exists(env_file) and
                   PROXY_WITH_PASSWORD in open(env_file).read(),
                   "the proxy with its password to be back, in the root-only file", 120)
        assert SECRET not in open(dropin_path(daemon)).read()
        assert os.stat(env_file).st_mode & 0o777 == 0o600, oct(os.stat(env_file).st_mode)
        wait_until(lambda: sensitive(proxy_switch(app)) and checked(proxy_switch(app)),
                   "the switch to show on and be available again", 60)
        proxy_switch(app).queryAction().doAction(0)
        wait_until(lambda: not os.path.exists(dropin_path(daemon)), "the drop-in to go again", 120)
        wait_until(lambda: sensitive(proxy_switch(app)) and not checked(proxy_switch(app)),
                   "the switch to show off and be available again", 60)
    assert SECRET not in open(keyfile).read()
    shutil.rmtree(config_home, ignore_errors=True)


def add_mirror(app, url):
    type_into(app, ADD_MIRROR, url)
    wait_until(lambda: [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                        if b.name.endswith("Add") and sensitive(b)], "an Add button to be enabled", 10)
    press([b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON) if b.name.endswith("Add") and sensitive(b)][0])
    app.wait_for("the mirror in the list", role=pyatspi().ROLE_LABEL, name=url)


def test_settings_never_stuck(daemon, conf):
    """The sequence that used to leave the page stuck: an invalid proxy typed while the proxy
    is off, Revert, and a half-typed mirror next to a valid one in the list."""
    env = window_env(daemon, conf)
    with matouui.App(**env) as app:
        app.click_tab("Settings")
        apply = button(app, "Apply")
        revert = button(app, "Revert")
        switch = app.wait_for("the proxy switch", role=pyatspi().ROLE_CHECK_BOX, name="Use a Proxy for Pulling Images")
        wait_until(lambda: sensitive(switch), "the switch to be enabled", 30)
        assert not checked(switch), "the proxy is on: this sequence is about an address typed while it is off"
        before = {name: field_text(app, name) for name in PROXY_FIELDS}
        test_proxy = button(app, "Test Proxy")
        # The page starts by answering "which proxy do I need?".
        assert labels_containing(app, "Which proxy do you need?"), "no intro on the Settings page"
        type_into(app, "HTTP proxy", "")
        type_into(app, "HTTPS proxy", "")
        wait_until(lambda: not sensitive(test_proxy), "Test Proxy to be unavailable with no address", 10)

        # A valid mirror added, then an invalid proxy: the field says what is wrong, once, under it.
        add_mirror(app, "https://stuck.example.org")
        type_into(app, "HTTP proxy", "proxy.lab:3128")
        wait_until(lambda: [t for t in labels_containing(app, "proxy.lab:3128") if t.startswith("HTTP proxy: ")],
                   "the HTTP proxy field's own message", 10)
        assert len(labels_containing(app, "needs http://")) == 1, labels_containing(app, "needs http://")
        wait_until(lambda: not sensitive(apply), "Apply to wait for the proxy field to be fixed", 10)
        assert not sensitive(test_proxy), "Test Proxy is available for an invalid address"
        wait_until(lambda: sensitive(revert), "Revert to be available", 10)

        # Revert: every field is what the daemon's files (and the switch's draft) held.
        press(revert)
        wait_until(lambda: {name: field_text(app, name) for name in PROXY_FIELDS} == before,
                   "every proxy field to be back", 10)
        wait_until(lambda: not labels_containing(app, "https://stuck.example.org"), "the added mirror to go", 10)
        assert not labels_containing(app, "proxy.lab:3128"), labels_containing(app, "proxy.lab:3128")
        assert not labels_containing(app, "Fix the marked"), "the bar asks to fix fields after Revert"
        wait_until(lambda: not sensitive(revert), "Revert to go unavailable with nothing changed", 10)

        # A valid change in the list and a half-typed mirror in the add box: Apply is available,
        # and the box says its text is not added.
        add_mirror(app, "https://stuck.example.org")
        type_into(app, ADD_MIRROR, "ftp://x")
        wait_until(lambda: [t for t in labels_containing(app, "ftp://x") if NOT_ADDED in t],
                   "the box to say its text is not added", 10)
        wait_until(lambda: sensitive(apply), "Apply to be available with a valid change in the list", 10)
        press(revert)
        wait_until(lambda: not labels_containing(app, "https://stuck.example.org"), "the added mirror to go", 10)


def actionable(app, name, timeout=matouui.TIMEOUT):
    """The node named name that can be pressed (a menu button, a menu item), not its label."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = [n for n in app.find_all(name=name)
                     if n.getRole() != pyatspi().ROLE_LABEL and n.queryAction().nActions > 0]
        except Exception:
            found = []
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError("nothing named %r to press: %r" % (name, [(n.getRoleName(), n.name) for n in app.find_all(name=name)]))


def test_settings_export(daemon, conf):
    """Export: what the form holds, written as a shell script through the file chooser."""
    env = window_env(daemon, conf)
    folder = tempfile.mkdtemp(prefix="matou-ui-export-")
    path = os.path.join(folder, "docker-settings.sh")
    try:
        with matouui.App(**env) as app:
            app.click_tab("Settings")
            # A mirror in the form only, not applied: the export holds what the form holds.
            add_mirror(app, "https://export.example.org")
            press(actionable(app, "Export…"))
            press(actionable(app, "As a Shell Script…"))
            # GTK's own chooser (no portal here): its name field holds the name Matou suggests.
            name = app.wait_for("the chooser's name field", role=pyatspi().ROLE_TEXT, name="Name:")
            text = name.queryText()
            assert text.getText(0, text.characterCount) == "docker-settings.sh", text.getText(0, text.characterCount)
            name.queryEditableText().setTextContents(path)
            # GTK 4.8 names a button with a mnemonic by its label twice ("_Export Export").
            wait_until(lambda: [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                                if set(b.name.replace("_", "").split()) == {"Export"}],
                       "the chooser's Export button", 20)
            press([b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                   if set(b.name.replace("_", "").split()) == {"Export"}][0])
            app.wait_for("the toast naming the file", role=pyatspi().ROLE_LABEL, name="Exported to " + path)
        with open(path) as f:
            script = f.read()
        assert "https://export.example.org" in script, script
        # Not applied: the daemon's own file does not have it.
        with open(daemon.config_file) as f:
            assert "https://export.example.org" not in f.read()
        subprocess.run(["sh", "-n", path], check=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_flag_conflict_said_before_apply():
    """A daemon started with --dns: a DNS server in the form is refused on the
    page, before any password prompt, and daemon.json is untouched."""
    with matoutest.Dockerd({"registry-mirrors": []}, extra_args=["--dns", "1.1.1.1"]) as daemon:
        conf = matoutest.write_helper_conf(daemon)
        before = open(daemon.config_file, "rb").read()
        with matouui.App(**window_env(daemon, conf)) as app:
            app.click_tab("Settings")
            apply = button(app, "Apply")
            type_into(app, "Add a DNS server address, for example 223.5.5.5", "223.5.5.5")
            wait_until(lambda: [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                                if b.name.endswith("Add") and sensitive(b)], "an Add button to be enabled", 10)
            press([b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON) if b.name.endswith("Add") and sensitive(b)][0])
            wait_until(lambda: labels_containing(app, "started with --dns"), "the page to say the daemon has --dns", 20)
            wait_until(lambda: not sensitive(apply), "Apply to be unavailable", 10)
        assert open(daemon.config_file, "rb").read() == before


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd({"registry-mirrors": []}))
    conf = matoutest.write_helper_conf(daemon)
    keyring = stack.enter_context(Keyring())
    return [
        ("Settings: invalid input is marked, a half-typed mirror does not block Apply; apply mirrors and DNS; proxy on from Settings, off from Overview",
         lambda: test_settings_apply_and_proxy(daemon, conf)),
        ("Settings never gets stuck: an invalid proxy, Revert, a half-typed mirror beside a valid change",
         lambda: test_settings_never_stuck(daemon, conf)),
        ("Settings: the proxy form shows the daemon's files; no Apply without an address; "
         "a password goes to the keyring, never to GSettings",
         lambda: test_proxy_form_follows_the_daemon(daemon, conf, keyring)),
        ("Settings: a daemon started with --dns: DNS in the form is refused on the page, nothing written",
         test_flag_conflict_said_before_apply),
        ("Settings: Export writes what the form holds as a shell script, through the file chooser",
         lambda: test_settings_export(daemon, conf)),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
