#!/usr/bin/python3
"""Every translation keeps to its glossary: for each language with a
po/LANG-glossary.md, the rules in its "Checked rules" table hold for every
msgstr of po/LANG.po.

Usage: check-po-glossary.py PO_DIR [PO_FILE]
PO_FILE checks another copy of the catalogue against the same glossary."""

import os
import re
import sys

C_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r", "a": "\a"}


def unescape(s):
    return re.sub(r'\\(.)', lambda m: C_ESCAPES.get(m.group(1), "\\" + m.group(1)), s)


def parse_po(path):
    """The catalogue's live entries as dicts of field -> text, with the line
    each starts on."""
    entries = []
    cur, field = {}, None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#~"):
                if cur:
                    entries.append(cur)
                cur, field = {}, None
                continue
            if line.startswith("#"):
                if "fuzzy" in line and line.startswith("#,"):
                    cur["fuzzy"] = True
                continue
            m = re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if m:
                field = m.group(1)
                cur.setdefault("line", lineno)
                cur[field] = unescape(m.group(2))
                continue
            m = re.match(r'"(.*)"$', line)
            if m and field:
                cur[field] += unescape(m.group(1))
                continue
            raise SystemExit("%s:%d: cannot read this line" % (path, lineno))
    if cur:
        entries.append(cur)
    return [e for e in entries if e.get("msgid")]


def cells(row):
    """The cells of a Markdown table row: split at unescaped |, then \\| is |,
    and the backticks around a cell's code are dropped."""
    parts = re.split(r"(?<!\\)\|", row.strip().strip("|"))
    out = []
    for p in parts:
        p = p.strip().replace("\\|", "|")
        if len(p) >= 2 and p.startswith("`") and p.endswith("`"):
            p = p[1:-1]
        out.append(p)
    return out


def read_rules(path):
    rules = []
    in_section = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                in_section = line.strip() == "## Checked rules"
                continue
            if not in_section or not line.startswith("|"):
                continue
            c = cells(line)
            if len(c) != 5:
                raise SystemExit("%s: a rule needs 5 cells: %s" % (path, line.strip()))
            if c[0] == "Rule" or set(c[1]) <= set("-"):
                continue
            name, when, forbid, allow, need = c
            rules.append({
                "name": name,
                "when": re.compile(when, re.I),
                "global": when == ".",
                "forbid": re.compile(forbid) if forbid else None,
                "allow": re.compile(allow, re.I) if allow else None,
                "need": re.compile(need) if need else None,
            })
    if not rules:
        raise SystemExit("%s: no rules found under “## Checked rules”" % path)
    return rules


def is_keyword_list(msgid):
    return re.fullmatch(r"[\w.+-]+(;[\w.+-]+)*;", msgid) is not None


def check(po, rules):
    problems = []
    used = {r["name"]: 0 for r in rules}
    for e in parse_po(po):
        msgid = e["msgid"] + "\n" + e.get("msgid_plural", "")
        keywords = is_keyword_list(e["msgid"])
        for field, msgstr in e.items():
            if not field.startswith("msgstr") or not msgstr:
                continue
            if keywords:
                # Its semicolons separate words; they end no sentence.
                msgstr = msgstr.replace(";", "\n")
            for r in rules:
                if keywords and not r["global"]:
                    continue
                if not r["when"].search(msgid):
                    continue
                used[r["name"]] += 1
                if r["forbid"]:
                    found = r["forbid"].findall(msgstr)
                    allowed = len(r["allow"].findall(msgid)) if r["allow"] else 0
                    if len(found) > allowed:
                        problems.append((e["line"], r["name"], "has %s" % "、".join(
                            m if isinstance(m, str) else m[0] for m in found[:3]), e["msgid"], msgstr))
                if r["need"] and not r["need"].search(msgstr):
                    problems.append((e["line"], r["name"], "lacks " + r["need"].pattern,
                                     e["msgid"], msgstr))
    # A rule that applies to no message is a typo in its pattern, or
    # outlived the strings it was written for.
    for name, n in used.items():
        if n == 0:
            problems.append((0, name, "applies to no message", "", ""))
    return problems


def main():
    po_dir = sys.argv[1]
    override = sys.argv[2] if len(sys.argv) > 2 else None
    with open(os.path.join(po_dir, "LINGUAS")) as f:
        langs = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    checked = 0
    failed = False
    for lang in langs:
        glossary = os.path.join(po_dir, lang + "-glossary.md")
        if not os.path.exists(glossary):
            continue
        rules = read_rules(glossary)
        po = override or os.path.join(po_dir, lang + ".po")
        problems = check(po, rules)
        checked += 1
        print("%s: %d rules from %s, %d problems" % (lang, len(rules), os.path.basename(glossary), len(problems)))
        for line, name, what, msgid, msgstr in problems:
            failed = True
            print("%s:%d: %s: %s\n  msgid:  %s\n  msgstr: %s" % (po, line, name, what,
                                                              msgid.replace("\n", "\\n"),
                                                              msgstr.replace("\n", "\\n")))
    if checked == 0:
        print("no language has a glossary")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
