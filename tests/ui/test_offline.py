#!/usr/bin/python3
"""A computer without a network: the mirror tests say so once, and no row blames its mirror.

meson runs this script in a network namespace of its own that has only the
loopback interface (unshare -n): no name resolves and there is no route
anywhere, as on a laptop with its cable out. The window, its display and its
buses live in that namespace too; they need no network.
"""

import os
import sys
import tempfile

import matouui
import test_install
from test_install import button, choose, press, wait_until

DAEMON_JSON_TEXT = '{"registry-mirrors": ["https://docker.1ms.run"]}\n'


def pyatspi():
    return matouui.pyatspi


def labels(app, text):
    return [t for t in app.showing_labels() if text in t]


def on_screen(app, text):
    """Labels with @text that are on the page shown: a page left behind in the stack still says "showing"."""
    return [n for n in app.find_all(role=pyatspi().ROLE_LABEL, showing=True)
            if text in n.name and matouui.on_screen(n)]


def mirrors_test_button(app, name):
    """The Test button of the Registry Mirrors group: the first of the two lists' buttons."""
    return wait_until(lambda: [b for b in app.find_all(role=pyatspi().ROLE_PUSH_BUTTON)
                               if (b.name == name or b.name.endswith(" " + name)) and matouui.on_screen(b)],
                      "the button %r" % name, timeout=matouui.TIMEOUT)[0]


def check_offline(_, lang):
    config = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    config.write(DAEMON_JSON_TEXT)
    config.close()
    env = dict(LANG=lang, LANGUAGE=None, LC_ALL=None, MATOU_DAEMON_JSON=config.name,
               DOCKER_HOST="unix:///nonexistent/docker.sock")
    banner = _("No name resolves from this computer: it seems to be offline, or its DNS server does not answer. "
               "Check the network connection, the proxy and the DNS settings, then test again. "
               "The mirrors were not tested.")
    row = _("Not tested: offline")
    try:
        with matouui.App(**env) as app:
            # Settings: the registry mirrors and the suggestions.
            app.click_tab(_("Settings"))
            app.wait_for("the configured mirror", role=pyatspi().ROLE_LABEL, name="https://docker.1ms.run")
            press(mirrors_test_button(app, _("Test")))
            wait_until(lambda: labels(app, banner), "the one offline message on Settings", 60)
            rows = wait_until(lambda: len(labels(app, row)) >= 1 and labels(app, row), "the rows' neutral text", 10)
            assert len(on_screen(app, banner)) == 1, [n.name for n in on_screen(app, banner)]
            blaming = [t for t in app.showing_labels() if t != banner and
                       ("resolve" in t or "gone away" in t or "无法解析" in t or "下线" in t)]
            assert not blaming, "rows still blame their mirrors: %r" % blaming
            print("# Settings: %d rows say %r" % (len(rows), row), file=sys.stderr)

            # Install: the speed test of the docker-ce mirrors, shown in a list of its own.
            app.click_tab(_("Install"))
            choose(app, _("A mirror of Docker’s repository"))
            press(button(app, _("Test Speed")))
            wait_until(lambda: labels(app, banner), "the one offline message on Install", 60)
            results = wait_until(lambda: [n for n in app.find_all(role=pyatspi().ROLE_LIST,
                                                                 name=_("Speed test results"))],
                                 "the list of speed results", 10)[0]
            texts = test_install.labels_below(results)
            assert texts.count(row) >= 2, texts
            assert not [t for t in texts if t in (_("Name not found"), _("Unreachable"))], texts
    finally:
        os.unlink(config.name)


def english(text):
    return text


def make_tests(stack):
    msgids, catalog = matouui.english_msgids()

    def chinese(text):
        assert text in catalog, "no Chinese for %r" % text
        return catalog[text]

    return [
        ("Offline, in English: one message, and the rows say 'not tested: offline' on Settings and Install",
         lambda: check_offline(english, "C.UTF-8")),
        ("Offline, in Chinese: the same message and rows in Chinese",
         lambda: check_offline(chinese, "zh_CN.UTF-8")),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
