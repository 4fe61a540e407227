#!/usr/bin/python3
"""Every page at the window's narrowest width, in Chinese and in English: no
control without a clean name, and a screenshot of each page kept with the
test logs."""

import sys

import matoutest
import matouui
from test_a11y import test_narrow


def make_tests(stack):
    daemon = stack.enter_context(matoutest.Dockerd(matoutest.load_fixture("daemon-mirrors.json")))
    return [
        ("every page, zh_CN at the narrowest width: every control named; screenshots kept",
         lambda: test_narrow(daemon, "zh_CN.UTF-8")),
        ("every page, English at the narrowest width: every control named; screenshots kept",
         lambda: test_narrow(daemon, "C.UTF-8")),
    ]


if __name__ == "__main__":
    sys.exit(matouui.main(__file__, make_tests))
