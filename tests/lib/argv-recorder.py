#!/usr/bin/python3
"""A stand-in for matou-helper, and for pkexec, in the daemon model's unit
test: it appends how it was called (its own name, then its arguments) as a
JSON line to $MATOU_TEST_ARGV_FILE, reads the request, and answers with a
result line built like the helper's."""

import json
import os
import sys

with open(os.environ["MATOU_TEST_ARGV_FILE"], "a") as record:
    record.write(json.dumps([os.path.basename(sys.argv[0])] + sys.argv[1:]) + "\n")
sys.stdin.read()
print(json.dumps({"type": "result", "ok": True, "status": 0, "action": "reload",
                  "rolled-back": False, "error": None, "daemon-error": None,
                  "engine-version": "24.0.7", "backup": None, "info": None, "checks": []}), flush=True)
