#!/usr/bin/env python3
"""Checks every lesson file against docs/lesson.schema.json (the schema an author's editor
uses); the program's own reader is stricter still. Usage: scripts/lesson-schema.py [FILE…]"""
import glob
import json
import sys

import jsonschema

schema = json.load(open("docs/lesson.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
files = sys.argv[1:] or sorted(glob.glob("lessons/*.json"))
bad = 0
for path in files:
    errors = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.path))
    for e in errors[:5]:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in e.path)
        print(f"{path}: {where or '(file)'}: {e.message[:200]}")
    bad += bool(errors)
print(f"lesson schema: {len(files) - bad} of {len(files)} files valid")
sys.exit(1 if bad else 0)
