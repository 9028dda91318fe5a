"""Fill msgstr values of a .po file from a JSON object {msgid: msgstr}; report what is missing.

Usage: python tools/fill_po.py path/to/django.po translations.json
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    po = polib.pofile(po_path)
    with open(json_path, encoding="utf-8") as handle:
        translations = json.load(handle)
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        key = entry.msgid
        if key in translations:
            value = translations[key]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value if isinstance(value, str) else value[0]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        elif not (entry.msgstr or any(entry.msgstr_plural.values())):
            missing.append(key)
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Language"] = "ko"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save()
    for key in missing:
        print(f"missing: {key!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
