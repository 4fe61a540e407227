#!/usr/bin/python3
"""The Settings page and the proxy switch, against a real dockerd and matou-helper.

The window runs as root here, so instead of pkexec it starts the helper
directly with a helper.conf pointing at the test's daemon
(MATOU_HELPER_COMMAND); everything else is what a user does: type, press
buttons, answer the confirmation, read the checklist, flip the switch.
"""

import os
import sys
import time

import matoutest
import matouui

HELPER = os.environ["MATOU_HELPER"]
MIRROR = "https://dockerproxy.net"
PROXY = "http://proxy.example.com:3128"


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
        found = [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                 if name_part in b.name and matouui.on_screen(b)]
        if found:
            return found[0]
        time.sleep(0.3)
    raise AssertionError("no button %r on screen" % name_part)


def press(node):
    action = node.queryAction()
    names = [action.getName(i) for i in range(action.nActions)]
    action.doAction(names.index("click") if "click" in names else 0)


def sensitive(node):
    return node.getState().contains(pyatspi().STATE_SENSITIVE)


def wait_until(check, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass  # the daemon's socket is gone while it restarts
        time.sleep(0.5)
    raise AssertionError("%s did not happen within %d s" % (what, timeout))


def labels_containing(app, text):
    return [t for t in app.showing_labels() if text in t]


def info(daemon):
    return matoutest.engine_get(daemon.socket, "/info")[2]


def test_settings_apply_and_proxy(daemon, conf):
    env = dict(DOCKER_HOST=daemon.host, LANG="C.UTF-8",
               MATOU_DAEMON_JSON=daemon.config_file,
               MATOU_DROPIN_DIR=os.path.join(daemon.dir, "docker.service.d"),
               MATOU_HELPER_COMMAND="%s --config %s" % (HELPER, conf))
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

        # An invalid mirror: the row says what is wrong, and Apply is disabled.
        type_into(app, "Add a mirror, for example https://docker.1ms.run", "ftp://bad.example")
        wait_until(lambda: labels_containing(app, "ftp://bad.example"), "the message about the bad mirror", 10)
        wait_until(lambda: not sensitive(apply), "Apply to be disabled while a value is invalid", 10)

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

        # One click turns the daemon proxy on, with the address typed above.
        switch = app.wait_for("the proxy switch", role=pyatspi().ROLE_CHECK_BOX, name="Use a Proxy for Pulling Images")
        wait_until(lambda: sensitive(switch), "the switch to be enabled", 30)
        switch.queryAction().doAction(0)
        wait_until(lambda: info(daemon)["HttpProxy"] == PROXY, "/info to report the proxy", 120)
        wait_until(lambda: switch.getState().contains(pyatspi().STATE_CHECKED), "the switch to show on", 30)

        # And off again, from Overview.
        app.click_tab("Overview")
        overview_switch = [s for s in app.find_all(role=pyatspi().ROLE_CHECK_BOX, name="Daemon Proxy")][0]
        wait_until(lambda: sensitive(overview_switch) and overview_switch.getState().contains(pyatspi().STATE_CHECKED),
                   "the Overview switch to show on", 30)
        overview_switch.queryAction().doAction(0)
        wait_until(lambda: info(daemon)["HttpProxy"] == "", "/info to report no proxy", 120)
        # The address is kept for the next time it is turned on.
        app.click_tab("Settings")
        field = find_text(app, "HTTP proxy").queryText()
        value = field.getText(0, field.characterCount)
        assert value == PROXY, value


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd({"registry-mirrors": []}))
    conf = matoutest.write_helper_conf(daemon)
    return [
        ("Settings: invalid input disables Apply; apply mirrors and DNS; proxy on from Settings, off from Overview",
         lambda: test_settings_apply_and_proxy(daemon, conf)),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
