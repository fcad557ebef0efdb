#!/usr/bin/env python3
"""Check the `ordo read` evaluation corpus in tests/read/texts/.

For every NNN-lang-yyyy-name.json / .txt pair:
  - the metadata has the required fields with sane values;
  - every mention's and quote's text equals text[start:end] (offsets in
    Unicode code points, 0-based, end exclusive), mentions are in text order
    and do not overlap;
  - the kinds are from the closed list;
  - the non-null entity ids exist in the record (data/*.ordo), when the
    record is found next to tests/;
and over the corpus: at least 30 texts, exactly one third of them (and of
each language's texts) in the "test" split.

Dependency-free; exit status 0 when everything holds, 1 otherwise.
Usage: python3 tests/read/check.py [--quiet]
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS = os.path.join(HERE, "texts")
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "data"))

LANGUAGES = {"en", "ru", "uk"}
SPLITS = {"dev", "test"}
KINDS = {"military-district", "fleet", "formation", "federal-subject", "ua-region",
         "state", "alliance", "person", "city", "other"}
REQUIRED = ["url", "title", "publisher", "date", "language", "licence", "split", "mentions", "speech"]
NAME = re.compile(r"^(\d{3})-(en|ru|uk)-(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def record_ids():
    """Ids created anywhere in the record, or None when the record is absent."""
    if not os.path.isdir(DATA):
        return None
    ids = set()
    pat = re.compile(r"\bcreate\s+([A-Za-z0-9][A-Za-z0-9-]*)\s*:")
    for root, _dirs, files in os.walk(DATA):
        for fn in files:
            if fn.endswith(".ordo"):
                with open(os.path.join(root, fn), encoding="utf-8") as f:
                    ids.update(pat.findall(f.read()))
    return ids


def check_span(errors, where, text, item, key):
    s, e = item.get("start"), item.get("end")
    if not (isinstance(s, int) and isinstance(e, int)) or isinstance(s, bool) or isinstance(e, bool):
        errors.append("%s: start/end must be integers" % where)
        return False
    if not (0 <= s < e <= len(text)):
        errors.append("%s: span %r-%r outside the text (length %d)" % (where, s, e, len(text)))
        return False
    if text[s:e] != item.get(key):
        errors.append("%s: text[%d:%d] is %r, not %r" % (where, s, e, text[s:e], item.get(key)))
        return False
    return True


def check_file(base, ids, errors):
    m = NAME.match(base)
    if not m:
        errors.append("%s: file name is not NNN-lang-yyyy-short-name" % base)
        return None
    try:
        with open(os.path.join(TEXTS, base + ".txt"), encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        errors.append("%s: no .txt beside the .json" % base)
        return None
    except UnicodeDecodeError:
        errors.append("%s.txt: not UTF-8" % base)
        return None
    try:
        with open(os.path.join(TEXTS, base + ".json"), encoding="utf-8") as f:
            meta = json.load(f)
    except ValueError as ex:
        errors.append("%s.json: not JSON: %s" % (base, ex))
        return None
    for k in REQUIRED:
        if k not in meta:
            errors.append("%s.json: missing %r" % (base, k))
    if any(k not in meta for k in REQUIRED):
        return None
    if not text.strip():
        errors.append("%s.txt: empty" % base)
    if not (isinstance(meta["url"], str) and re.match(r"^https?://\S+$", meta["url"])):
        errors.append("%s.json: bad url" % base)
    if meta["title"] is not None and not (isinstance(meta["title"], str) and meta["title"].strip()):
        errors.append("%s.json: title must be a non-empty string or null" % base)
    for k in ("publisher", "licence"):
        if not (isinstance(meta[k], str) and meta[k].strip()):
            errors.append("%s.json: %r must be a non-empty string" % (base, k))
    if not (isinstance(meta["date"], str) and DATE.match(meta["date"])):
        errors.append("%s.json: date %r is not ISO (YYYY-MM-DD, or YYYY-MM with a date_note)" % (base, meta["date"]))
    elif len(meta["date"]) == 7 and not meta.get("date_note"):
        errors.append("%s.json: a month-only date needs a date_note" % base)
    elif meta["date"][:4] != m.group(3):
        errors.append("%s: year in the name differs from the date %s" % (base, meta["date"]))
    if meta["language"] not in LANGUAGES:
        errors.append("%s.json: language %r" % (base, meta["language"]))
    elif meta["language"] != m.group(2):
        errors.append("%s: language in the name differs from %r" % (base, meta["language"]))
    if meta["split"] not in SPLITS:
        errors.append("%s.json: split %r" % (base, meta["split"]))

    mentions = meta["mentions"]
    if not isinstance(mentions, list) or not mentions:
        errors.append("%s.json: mentions must be a non-empty list" % base)
        mentions = []
    last_end = -1
    for i, mt in enumerate(mentions):
        where = "%s mention %d (%r)" % (base, i, mt.get("text"))
        if not isinstance(mt, dict):
            errors.append("%s: not an object" % where)
            continue
        if check_span(errors, where, text, mt, "text"):
            if mt["start"] < last_end:
                errors.append("%s: overlaps or precedes the previous mention" % where)
            last_end = mt["end"]
        if mt.get("kind") not in KINDS:
            errors.append("%s: kind %r" % (where, mt.get("kind")))
        ent = mt.get("entity", "missing")
        if ent == "missing":
            errors.append("%s: no 'entity' (use null for entities not in the record)" % where)
        elif ent is None:
            if not mt.get("note"):
                errors.append("%s: entity null needs a note saying what it is" % where)
        elif not isinstance(ent, str):
            errors.append("%s: entity must be a string or null" % where)
        elif ids is not None and ent not in ids:
            errors.append("%s: entity %r is not created in the record (data/)" % (where, ent))
    speech = meta["speech"]
    if not isinstance(speech, list):
        errors.append("%s.json: speech must be a list" % base)
        speech = []
    for i, sp in enumerate(speech):
        where = "%s speech %d" % (base, i)
        if not isinstance(sp, dict) or not isinstance(sp.get("speaker"), str) or not sp.get("speaker"):
            errors.append("%s: needs a speaker" % where)
            continue
        check_span(errors, where, text, sp, "quote")
    return meta


def main(argv):
    quiet = "--quiet" in argv
    errors = []
    if not os.path.isdir(TEXTS):
        print("no directory %s" % TEXTS)
        return 1
    names = sorted(os.listdir(TEXTS))
    bases = sorted({n[:-5] for n in names if n.endswith(".json")})
    for n in names:
        if n.endswith(".txt") and n[:-4] not in bases:
            errors.append("%s: no .json beside the .txt" % n)
        elif not (n.endswith(".txt") or n.endswith(".json")):
            errors.append("%s: unexpected file in texts/" % n)
    nums = {}
    for b in bases:
        nums.setdefault(b[:3], []).append(b)
    for num, bs in nums.items():
        if len(bs) > 1:
            errors.append("number %s used by %s" % (num, ", ".join(bs)))
    ids = record_ids()
    metas = {}
    for b in bases:
        meta = check_file(b, ids, errors)
        if meta is not None:
            metas[b] = meta

    total = len(metas)
    if total < 30:
        errors.append("only %d texts; at least 30 are needed" % total)
    tests = [b for b, mt in metas.items() if mt["split"] == "test"]
    if 3 * len(tests) != total:
        errors.append("%d of %d texts are in the test split; exactly one third is required" % (len(tests), total))
    for lang in sorted(LANGUAGES):
        ls = [b for b, mt in metas.items() if mt["language"] == lang]
        lt = [b for b in ls if metas[b]["split"] == "test"]
        if ls and 3 * len(lt) != len(ls):
            errors.append("%s: %d of %d texts in the test split; one third is required" % (lang, len(lt), len(ls)))

    if not quiet:
        print("%-6s %6s %6s %9s %7s" % ("lang", "texts", "test", "mentions", "quotes"))
        for lang in sorted(LANGUAGES):
            ls = [mt for mt in metas.values() if mt["language"] == lang]
            print("%-6s %6d %6d %9d %7d" % (lang, len(ls), sum(mt["split"] == "test" for mt in ls),
                                           sum(len(mt["mentions"]) for mt in ls), sum(len(mt["speech"]) for mt in ls)))
        print("%-6s %6d %6d %9d %7d" % ("all", total, len(tests), sum(len(mt["mentions"]) for mt in metas.values()),
                                       sum(len(mt["speech"]) for mt in metas.values())))
        if ids is None:
            print("note: the record (data/) was not found; entity ids were not checked")
    for e in errors:
        print("error: " + e)
    if errors:
        print("%d error(s)" % len(errors))
        return 1
    if not quiet:
        print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
