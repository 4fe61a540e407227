#!/usr/bin/python3
"""Every message in every language is translated, none is fuzzy, and the
catalogue matches the strings the sources have now."""

import os
import subprocess
import sys
import tempfile


def main():
    po_dir = sys.argv[1]
    src_root = os.path.dirname(po_dir)
    with open(os.path.join(po_dir, "LINGUAS")) as f:
        langs = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    with open(os.path.join(po_dir, "POTFILES.in")) as f:
        sources = [l.strip() for l in f if l.strip() and not l.startswith("#")]

    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "matou.pot")
        # The same extraction meson's i18n module runs for the glib preset.
        subprocess.run(["xgettext", "--from-code=UTF-8", "--add-comments", "--keyword=_",
                        "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                        "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
                        "--keyword=g_dpgettext2:2c,3", "--flag=N_:1:pass-c-format",
                        "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
                        "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
                        "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
                        "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
                        "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
                        "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
                        "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
                        "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
                        "-o", pot, "-D", src_root] + sources, check=True,
                       # As po/meson.build's data_dirs: the ITS rules of data/compare/*.xml.
                       env=dict(os.environ, GETTEXTDATADIRS=os.path.join(src_root, "data")))
        for lang in langs:
            po = os.path.join(po_dir, lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            subprocess.run(["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, pot], check=True)
            stats = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", merged],
                                   capture_output=True, text=True)
            report = stats.stderr.strip()
            print("%s: %s" % (lang, report))
            if stats.returncode != 0 or "untranslated" in report or "fuzzy" in report:
                failed = True
                missing = subprocess.run(["msgattrib", "--untranslated", "--no-wrap", merged],
                                         capture_output=True, text=True).stdout
                print(missing[:4000])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
