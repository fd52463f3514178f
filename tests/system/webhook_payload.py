#!/usr/bin/env python3
"""Prints a forge's webhook payload for the system tests: a real sample from
tests/unit/fixtures/webhooks/ with its ref, head commit and repository name
set to the test's.

usage: webhook_payload.py FIXTURE REF AFTER FULL_NAME
"""

import json
import sys

fixture, ref, after, full_name = sys.argv[1:5]
with open(fixture, encoding="utf-8") as f:
    j = json.load(f)
j["ref"] = ref
j["after"] = after
if "checkout_sha" in j:  # GitLab
    j["checkout_sha"] = after
for key in ("repository", "project"):
    if isinstance(j.get(key), dict):
        j[key]["full_name"] = full_name
        j[key]["path_with_namespace"] = full_name
if isinstance(j.get("head_commit"), dict):
    j["head_commit"]["id"] = after
sys.stdout.write(json.dumps(j))
