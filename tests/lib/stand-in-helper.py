#!/usr/bin/python3
"""A stand-in for matou-helper in the runner's unit test: it reads the request,
says one step, waits, and answers with a result line built like the helper's.

Usage: stand-in-helper.py SECONDS STATUS VERB (the client appends VERB)."""

import json
import sys
import time

seconds, status, verb = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
request = sys.stdin.readline() if verb == "install" else sys.stdin.read()
print(json.dumps({"type": "step", "text": "Stand-in %s got %d bytes" % (verb, len(request))}), flush=True)
time.sleep(seconds)
print(json.dumps({"type": "result", "ok": status == 0, "status": status, "action": "reload",
                  "rolled-back": False, "error": None if status == 0 else "stand-in refused",
                  "daemon-error": None, "engine-version": "20.10.24", "backup": None, "info": None,
                  "checks": []}), flush=True)
sys.exit(status)
