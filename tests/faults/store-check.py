#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Nawat authors
#
# store-check.py: compares a Nawat store (SQLite) with a CouchDB-like server,
# for the fault tests.  Python standard library only.
#
#   store-check.py agree STORE SERVER CALL USER
#       the store holds exactly the call database's documents and USER's
#       evaluation database (same ids, same _rev, same content), with nothing
#       left to push, no conflict and nothing quarantined
#   store-check.py generations SERVER CALL USER
#       prints "ID GENERATION" for each evaluation on the server, sorted
#   store-check.py scores SERVER CALL USER KEY
#       prints "ID VALUE" of score KEY of each evaluation on the server
#   store-check.py dump STORE
#       prints a sorted dump of the ids and revisions of the store
#   store-check.py integrity STORE
#       prints the result of PRAGMA integrity_check
#
# SERVER is the server's own URL (never the proxy); the server admin's
# password is read from NAWAT_ADMIN_PASSWORD (default "admin-pw") and sent
# with basic auth.

import base64
import json
import os
import sqlite3
import sys
import urllib.parse
import urllib.request


def db_names(call, user):
    return ("nawat-" + call,
            "nawat-" + call + "-e-" + user.encode("utf-8").hex())


def fetch_all(server, db):
    password = os.environ.get("NAWAT_ADMIN_PASSWORD", "admin-pw")
    token = base64.b64encode(("admin:" + password).encode()).decode()
    url = "%s/%s/_all_docs?include_docs=true" % (
        server.rstrip("/"), urllib.parse.quote(db, safe=""))
    req = urllib.request.Request(url, headers={
        "Authorization": "Basic " + token, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as resp:
        rows = json.load(resp)["rows"]
    return {r["id"]: r["doc"] for r in rows if not r["id"].startswith("_")}


def open_store(path):
    if not os.path.exists(path):
        sys.exit("store-check: %s does not exist" % path)
    return sqlite3.connect("file:%s?mode=ro" % urllib.parse.quote(path),
                           uri=True)


def without_rev(doc):
    return {k: v for k, v in doc.items() if k != "_rev"}


def local_documents(con, call):
    """id -> (rev, document) for the call, its projects and evaluations."""
    docs = {}
    for (text,) in con.execute("SELECT json FROM calls WHERE id = ?",
                               ("call:" + call,)):
        d = json.loads(text)
        docs[d["_id"]] = (d.get("_rev"), d)
    for (text,) in con.execute("SELECT json FROM rubrics"):
        d = json.loads(text)
        docs[d["_id"]] = (d.get("_rev"), d)
    for (text,) in con.execute("SELECT json FROM projects WHERE call = ?",
                               (call,)):
        d = json.loads(text)
        docs[d["_id"]] = (d.get("_rev"), d)
    prefix = "evaluation:%s:" % call
    for (text, rev) in con.execute(
            "SELECT json, rev FROM evaluations WHERE substr(id, 1, ?) = ?",
            (len(prefix), prefix)):
        d = json.loads(text)
        docs[d["_id"]] = (rev, d)
    return docs


def agree(store, server, call, user):
    call_db, eval_db = db_names(call, user)
    remote = fetch_all(server, call_db)
    remote.update(fetch_all(server, eval_db))
    con = open_store(store)
    local = local_documents(con, call)
    problems = []

    for doc_id in sorted(set(remote) - set(local)):
        problems.append("missing locally: " + doc_id)
    for doc_id in sorted(set(local) - set(remote)):
        if local[doc_id][1].get("type") == "rubric":
            continue  # the built-in rubric need not be on the server
        problems.append("only in the store: " + doc_id)
    for doc_id in sorted(set(local) & set(remote)):
        rev, doc = local[doc_id]
        if rev != remote[doc_id]["_rev"]:
            problems.append("%s: revision %s here, %s on the server"
                            % (doc_id, rev, remote[doc_id]["_rev"]))
        if without_rev(doc) != without_rev(remote[doc_id]):
            problems.append("%s: content differs" % doc_id)

    for table, what in (("evaluations WHERE dirty != 0", "left to push"),
                        ("conflicts", "in conflict"),
                        ("quarantine", "quarantined")):
        (n,) = con.execute("SELECT count(*) FROM " + table).fetchone()
        if n:
            problems.append("%d %s" % (n, what))

    for p in problems:
        print("# " + p)
    kinds = {}
    for doc in remote.values():
        kinds[doc.get("type")] = kinds.get(doc.get("type"), 0) + 1
    print("# server: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
    return 1 if problems else 0


def generations(server, call, user):
    _, eval_db = db_names(call, user)
    for doc_id, doc in sorted(fetch_all(server, eval_db).items()):
        print(doc_id, doc["_rev"].split("-")[0])
    return 0


def scores(server, call, user, key):
    _, eval_db = db_names(call, user)
    for doc_id, doc in sorted(fetch_all(server, eval_db).items()):
        print(doc_id, json.dumps(doc.get("scores", {}).get(key)))
    return 0


def dump(store):
    con = open_store(store)
    lines = []
    for table in ("calls", "rubrics", "projects"):
        for (text,) in con.execute("SELECT json FROM " + table):
            d = json.loads(text)
            lines.append("%s %s %s" % (table, d["_id"], d.get("_rev")))
    for (doc_id, rev, dirty, text) in con.execute(
            "SELECT id, rev, dirty, json FROM evaluations"):
        lines.append("evaluations %s %s dirty=%d %s"
                     % (doc_id, rev, dirty, text))
    for line in sorted(lines):
        print(line)
    return 0


def integrity(store):
    con = open_store(store)
    for (row,) in con.execute("PRAGMA integrity_check"):
        print(row)
    return 0


def main(argv):
    commands = {"agree": (agree, 4), "generations": (generations, 3),
                "scores": (scores, 4), "dump": (dump, 1),
                "integrity": (integrity, 1)}
    if len(argv) < 2 or argv[1] not in commands \
            or len(argv) - 2 != commands[argv[1]][1]:
        sys.stderr.write("usage: store-check.py agree|generations|scores|"
                         "dump|integrity ARGS (see the header)\n")
        return 2
    return commands[argv[1]][0](*argv[2:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
