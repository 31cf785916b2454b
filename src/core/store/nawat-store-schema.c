/* nawat-store-schema.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-store-internal-private.h"

/* Schema */

static const char *migration_1 =
  "CREATE TABLE calls ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  year_be INTEGER,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE rubrics ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  json TEXT NOT NULL);"
  "CREATE TABLE projects ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  call TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  title_th TEXT,"
  "  title_en TEXT,"
  "  sort_th TEXT NOT NULL DEFAULT '',"
  "  sort_en TEXT NOT NULL DEFAULT '',"
  "  organisation TEXT,"
  "  province TEXT,"
  "  region TEXT,"
  "  primary_domain TEXT,"
  "  domain_mask INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL);"
  "CREATE UNIQUE INDEX projects_call_code ON projects (call, code);"
  "CREATE INDEX projects_call_sort_th ON projects (call, sort_th, code);"
  "CREATE INDEX projects_call_sort_en ON projects (call, sort_en, code);"
  "CREATE INDEX projects_call_region ON projects (call, region, code);"
  "CREATE INDEX projects_call_province ON projects (call, province, code);"
  "CREATE TABLE evaluations ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  project TEXT NOT NULL,"
  "  evaluator TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  composite REAL,"
  "  completeness REAL NOT NULL DEFAULT 0,"
  "  conflict INTEGER NOT NULL DEFAULT 0,"
  "  json TEXT NOT NULL,"
  "  rev TEXT,"
  "  dirty INTEGER NOT NULL DEFAULT 0,"
  "  updated TEXT);"
  "CREATE UNIQUE INDEX evaluations_project_evaluator ON evaluations (project, evaluator);"
  "CREATE INDEX evaluations_evaluator_status ON evaluations (evaluator, status);"
  "CREATE VIRTUAL TABLE project_fts USING fts5 ("
  "  title_th, title_en, summary_th, summary_en, organisation, partners,"
  "  tokenize = 'trigram case_sensitive 0');";

/* Version 2 prepares the store for sync: the merge base of each evaluation,
 * a fast outbox, conflicts, quarantine and pull checkpoints.
 */
static const char *migration_2 =
  "ALTER TABLE evaluations ADD COLUMN base_json TEXT;"
  /* A store-wide write sequence: lists catch up on what changed since. */
  "ALTER TABLE evaluations ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
  "CREATE INDEX evaluations_seq ON evaluations (seq);"
  "CREATE INDEX evaluations_dirty ON evaluations (dirty) WHERE dirty != 0;"
  "CREATE TABLE conflicts ("
  "  evaluation TEXT NOT NULL REFERENCES evaluations (id) ON DELETE CASCADE,"
  "  field TEXT NOT NULL,"
  "  local_json TEXT,"
  "  remote_json TEXT,"
  "  PRIMARY KEY (evaluation, field));"
  "CREATE TABLE quarantine ("
  "  doc_id TEXT PRIMARY KEY NOT NULL,"
  "  json TEXT NOT NULL,"
  "  reason TEXT NOT NULL,"
  "  time TEXT NOT NULL);"
  "CREATE TABLE checkpoints ("
  "  database TEXT PRIMARY KEY NOT NULL,"
  "  seq_json TEXT NOT NULL);"
  /* The short texts of each project, casefolded, for queries of one or
   * two characters that the trigram index cannot answer: scanning them is
   * much cheaper than scanning the summaries too.
   */
  "CREATE TABLE project_text ("
  "  pk INTEGER PRIMARY KEY,"
  "  text TEXT NOT NULL);"
  "INSERT INTO project_text (pk, text) SELECT rowid, lower (coalesce (title_th, '') || char (10) ||"
  "  coalesce (title_en, '') || char (10) || coalesce (organisation, '') || char (10) ||"
  "  coalesce (partners, '')) FROM project_fts;"
  /* The number of projects of each call, so that opening a whole call
   * does not count 400,000 rows.
   */
  "CREATE TABLE project_counts ("
  "  call TEXT PRIMARY KEY NOT NULL,"
  "  n INTEGER NOT NULL);"
  "INSERT INTO project_counts (call, n) SELECT call, count(*) FROM projects GROUP BY call;"
  "CREATE TRIGGER projects_count_insert AFTER INSERT ON projects BEGIN"
  "  INSERT INTO project_counts (call, n) VALUES (new.call, 1)"
  "  ON CONFLICT (call) DO UPDATE SET n = n + 1;"
  "END;"
  "CREATE TRIGGER projects_count_delete AFTER DELETE ON projects BEGIN"
  "  UPDATE project_counts SET n = n - 1 WHERE call = old.call;"
  "END;"
  "CREATE TRIGGER projects_count_update AFTER UPDATE OF call ON projects"
  "  WHEN old.call != new.call BEGIN"
  "  UPDATE project_counts SET n = n - 1 WHERE call = old.call;"
  "  INSERT INTO project_counts (call, n) VALUES (new.call, 1)"
  "  ON CONFLICT (call) DO UPDATE SET n = n + 1;"
  "END;";

/* Version 3 keeps the lists and the search off the documents.  The list
 * reads and sorts a slim copy of the columns it shows, a few hundred bytes
 * a row, so that sorting a thousand matches reads a few hundred pages, not
 * a thousand documents.  The search index no longer keeps its own copy of
 * the texts: its content is a view over the documents (external content),
 * which it reads only to be rebuilt or to delete a row's old terms.
 */
static const char *migration_3 =
  "CREATE TABLE project_list ("
  "  pk INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL,"
  "  call TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  title_th TEXT,"
  "  title_en TEXT,"
  "  sort_th TEXT NOT NULL DEFAULT '',"
  "  sort_en TEXT NOT NULL DEFAULT '',"
  "  organisation TEXT,"
  "  province TEXT,"
  "  region TEXT,"
  "  primary_domain TEXT,"
  "  domain_mask INTEGER NOT NULL DEFAULT 0);"
  "INSERT INTO project_list SELECT pk, id, call, code, title_th, title_en, sort_th, sort_en,"
  "  organisation, province, region, primary_domain, domain_mask FROM projects ORDER BY pk;"
  "CREATE INDEX project_list_call_code ON project_list (call, code);"
  "CREATE INDEX project_list_call_sort_th ON project_list (call, sort_th, code);"
  "CREATE INDEX project_list_call_sort_en ON project_list (call, sort_en, code);"
  "CREATE INDEX project_list_call_region ON project_list (call, region, code);"
  "CREATE INDEX project_list_call_province ON project_list (call, province, code);"
  /* A search's matches come as keys; this orders a thousand of them by
   * code, and checks their call, from a hundred-odd pages.
   */
  "CREATE INDEX project_list_order_code ON project_list (pk, call, code);"
  "DROP INDEX projects_call_sort_th;"
  "DROP INDEX projects_call_sort_en;"
  "DROP INDEX projects_call_region;"
  "DROP INDEX projects_call_province;"
  "DROP TABLE project_fts;"
  /* The partners' names, one a line (json_each cannot run inside the
   * index's rebuild).
   */
  "CREATE TABLE project_partners ("
  "  pk INTEGER PRIMARY KEY,"
  "  names TEXT);"
  "INSERT INTO project_partners (pk, names) SELECT p.pk,"
  "  (SELECT group_concat (json_extract (j.value, '$.name'), char (10))"
  "   FROM json_each (p.json, '$.partners') AS j) FROM projects AS p ORDER BY p.pk;"
  "CREATE VIEW project_fts_src (pk, title_th, title_en, summary_th, summary_en,"
  "  organisation, partners) AS"
  "  SELECT p.pk, p.title_th, p.title_en, json_extract (p.json, '$.summary.th'),"
  "  json_extract (p.json, '$.summary.en'), p.organisation, n.names"
  "  FROM projects AS p LEFT JOIN project_partners AS n ON n.pk = p.pk;"
  "CREATE VIRTUAL TABLE project_fts USING fts5 ("
  "  title_th, title_en, summary_th, summary_en, organisation, partners,"
  "  content = 'project_fts_src', content_rowid = 'pk',"
  "  tokenize = 'trigram case_sensitive 0');"
  "INSERT INTO project_fts (project_fts) VALUES ('rebuild');";

/* Version 4 answers words of one or two characters, which trigrams cannot,
 * from an index of their own: every character and every pair of
 * characters of the short texts (project_text), as nawat_grams() writes
 * them.  It keeps no copy of the texts, nor positions, so it stays small,
 * and a word of any frequency is found by reading its own list of
 * projects, not by scanning the texts.  Projects a pull's catching up has
 * not reached yet stay out of it, as they stay out of the trigram index.
 */
static const char *migration_4 =
  "CREATE VIRTUAL TABLE project_grams USING fts5 ("
  "  grams, content = '', detail = 'none', tokenize = 'ascii');"
  "INSERT INTO project_grams (rowid, grams) SELECT pk, nawat_grams (text) FROM project_text"
  "  WHERE pk <= coalesce ((SELECT CAST (seq_json AS INTEGER) FROM checkpoints"
  "  WHERE database = '" PULL_FTS_MARKER "'), 9223372036854775807);";

/* Version 5 lists which projects are assigned to whom, so that an
 * evaluator's list of their own projects, and its counts, read an index
 * of their assignments instead of every project's document.
 */
static const char *migration_5 =
  "CREATE TABLE project_assigned ("
  "  call TEXT NOT NULL,"
  "  evaluator TEXT NOT NULL,"
  "  code TEXT NOT NULL,"
  "  pk INTEGER NOT NULL,"
  "  PRIMARY KEY (call, evaluator, code)) WITHOUT ROWID;"
  "CREATE INDEX project_assigned_pk ON project_assigned (pk);"
  "INSERT OR IGNORE INTO project_assigned (call, evaluator, code, pk)"
  "  SELECT p.call, j.value, p.code, p.pk FROM projects AS p,"
  "  json_each (p.json, '$.assigned') AS j WHERE j.type = 'text';";

/* Version 6 lists a project's reach (community to global) beside its
 * region, so that a list filtered by reach reads an index, not every
 * project's document.
 */
static const char *migration_6 =
  "ALTER TABLE projects ADD COLUMN reach TEXT;"
  "ALTER TABLE project_list ADD COLUMN reach TEXT;"
  "UPDATE projects SET reach = json_extract (json, '$.reach');"
  "UPDATE project_list SET reach = (SELECT p.reach FROM projects AS p WHERE p.pk = project_list.pk);"
  "CREATE INDEX project_list_call_reach ON project_list (call, reach, code);";

/* Version 7 lists the projects' files (their "_attachments"), so that a
 * call's total and whether a file is still used by any project are read
 * from an index, and the contents the store holds: a file each under
 * "<store>.blobs", named by the SHA-256 of its contents, found by the
 * MD5 digest CouchDB gives it (nawat-store-attachments.c).
 */
static const char *migration_7 =
  "CREATE TABLE project_attachments ("
  "  pk INTEGER NOT NULL,"
  "  name TEXT NOT NULL,"
  "  call TEXT NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  length INTEGER NOT NULL,"
  "  PRIMARY KEY (pk, name)) WITHOUT ROWID;"
  "CREATE INDEX project_attachments_digest ON project_attachments (digest);"
  "CREATE INDEX project_attachments_call ON project_attachments (call, length);"
  "INSERT OR IGNORE INTO project_attachments (pk, name, call, digest, length)"
  "  SELECT p.pk, j.key, p.call, json_extract (j.value, '$.digest'),"
  "  json_extract (j.value, '$.length') FROM projects AS p,"
  "  json_each (p.json, '$._attachments') AS j"
  "  WHERE json_type (j.value, '$.digest') = 'text'"
  "  AND json_type (j.value, '$.length') = 'integer';"
  "CREATE TABLE blobs ("
  "  sha256 TEXT PRIMARY KEY NOT NULL,"
  "  digest TEXT NOT NULL,"
  "  length INTEGER NOT NULL);"
  "CREATE INDEX blobs_digest ON blobs (digest, length);";

/* Version 8 remembers each call's last successful publish, so that a
 * coordinator sees whether the call is on the server and whether it was
 * changed here since.  It lives in the store, not in the call document:
 * a field in the document would be published with it (and so change
 * what publishing compares), would reach every evaluator, and would say
 * nothing about the projects' assignments, which are in other documents.
 * A store belongs to one server profile, so the record is this store's
 * view of that server.  "changed" is set by a local write to the call,
 * its rubric or one of its projects that changes the stored text (a
 * pull, which brings the server's version, sets nothing), and
 * "changed_during" likewise since the publish running now began, so that
 * an edit made while it uploads is not taken as published.  A row with
 * no time is a call whose publish began but never succeeded.  Stores of
 * an older schema know of no publish: their calls show as not published
 * until they are published again.
 */
static const char *migration_8 =
  "CREATE TABLE call_published ("
  "  call TEXT PRIMARY KEY NOT NULL,"
  "  time TEXT,"
  "  server TEXT,"
  "  rev TEXT,"
  "  changed INTEGER NOT NULL DEFAULT 0,"
  "  changed_during INTEGER NOT NULL DEFAULT 0);";

/* Version 9 keeps the text of the files' contents, read by poppler
 * (nawat-store-file-text.c), one row per contents held: its state (1
 * read, 2 not a PDF, 3 damaged, so that it is not read again), its pages
 * and its text casefolded, indexed by trigrams as the projects' texts
 * are.  The row goes when the contents go.
 */
static const char *migration_9 =
  "CREATE TABLE file_texts ("
  "  id INTEGER PRIMARY KEY,"
  "  sha256 TEXT NOT NULL UNIQUE,"
  "  state INTEGER NOT NULL,"
  "  pages INTEGER NOT NULL DEFAULT 0,"
  "  text TEXT NOT NULL DEFAULT '');"
  "CREATE VIRTUAL TABLE file_fts USING fts5 ("
  "  text, content = 'file_texts', content_rowid = 'id',"
  "  tokenize = 'trigram case_sensitive 0');"
  "CREATE TRIGGER file_texts_insert AFTER INSERT ON file_texts BEGIN"
  "  INSERT INTO file_fts (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER file_texts_delete AFTER DELETE ON file_texts BEGIN"
  "  INSERT INTO file_fts (file_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;"
  "CREATE TRIGGER blobs_delete_text AFTER DELETE ON blobs BEGIN"
  "  DELETE FROM file_texts WHERE sha256 = old.sha256;"
  "END;";

/* Version 10 remembers where the reader stopped in each document (the
 * page and the zoom), by the digest of its contents: local to this store,
 * never synchronised.
 */
static const char *migration_10 =
  "CREATE TABLE document_places ("
  "  digest TEXT PRIMARY KEY NOT NULL,"
  "  page INTEGER NOT NULL,"
  "  zoom REAL NOT NULL) WITHOUT ROWID;";

/* Version 11 keeps each evaluator's progress in each call, so that an
 * evaluator's list shows "n of m submitted" without counting a quarter of
 * a million evaluations: the projects assigned to them, their submitted
 * evaluations of the call's projects, and of those, the ones of projects
 * assigned to them.  Triggers keep the counts as the three tables change,
 * in whatever order a pull brings the documents.  An evaluation counts
 * only once its project is in the store; "bump" adds signed amounts.
 */
#define PROGRESS_BUMP \
  "  INSERT INTO evaluator_progress (call, evaluator, assigned, submitted, submitted_assigned)"
#define PROGRESS_ADD \
  "  ON CONFLICT (call, evaluator) DO UPDATE SET assigned = assigned + excluded.assigned," \
  "  submitted = submitted + excluded.submitted," \
  "  submitted_assigned = submitted_assigned + excluded.submitted_assigned;"
/* Whether evaluator EV is assigned the project of call CALL and code CODE. */
#define PROGRESS_IS_ASSIGNED(CALL, EV, CODE) \
  "EXISTS (SELECT 1 FROM project_assigned AS a WHERE a.call = " CALL \
  " AND a.evaluator = " EV " AND a.code = " CODE ")"
/* Counts the evaluation E (a row of evaluations) as SIGN, if submitted. */
#define PROGRESS_EVALUATION(E, SIGN) \
  PROGRESS_BUMP \
  "  SELECT p.call, " E ".evaluator, 0, " SIGN "1, " \
  SIGN PROGRESS_IS_ASSIGNED ("p.call", E ".evaluator", "p.code") \
  "  FROM projects AS p WHERE p.id = " E ".project AND " E ".status = 'submitted'" \
  PROGRESS_ADD
/* Counts the submitted evaluations of the project P as SIGN. */
#define PROGRESS_PROJECT(P, SIGN) \
  PROGRESS_BUMP \
  "  SELECT " P ".call, e.evaluator, 0, " SIGN "1, " \
  SIGN PROGRESS_IS_ASSIGNED (P ".call", "e.evaluator", P ".code") \
  "  FROM evaluations AS e WHERE e.project = " P ".id AND e.status = 'submitted'" \
  PROGRESS_ADD
/* Counts the assignment A as SIGN, with its project's submitted evaluation. */
#define PROGRESS_ASSIGNMENT(A, SIGN) \
  PROGRESS_BUMP \
  "  SELECT " A ".call, " A ".evaluator, " SIGN "1, 0, " SIGN "EXISTS (SELECT 1" \
  "  FROM projects AS p JOIN evaluations AS e ON e.project = p.id" \
  "  WHERE p.call = " A ".call AND p.code = " A ".code AND e.evaluator = " A ".evaluator" \
  "  AND e.status = 'submitted') WHERE true" \
  PROGRESS_ADD

static const char *migration_11 =
  "CREATE TABLE evaluator_progress ("
  "  call TEXT NOT NULL,"
  "  evaluator TEXT NOT NULL,"
  "  assigned INTEGER NOT NULL,"
  "  submitted INTEGER NOT NULL,"
  "  submitted_assigned INTEGER NOT NULL,"
  "  PRIMARY KEY (call, evaluator)) WITHOUT ROWID;"
  PROGRESS_BUMP
  "  SELECT call, evaluator, count(*), 0, 0 FROM project_assigned GROUP BY call, evaluator;"
  PROGRESS_BUMP
  "  SELECT * FROM (SELECT p.call, e.evaluator, 0, count(*),"
  "  sum (" PROGRESS_IS_ASSIGNED ("p.call", "e.evaluator", "p.code") ")"
  "  FROM evaluations AS e JOIN projects AS p ON p.id = e.project"
  "  WHERE e.status = 'submitted' GROUP BY p.call, e.evaluator) WHERE true"
  PROGRESS_ADD
  "CREATE TRIGGER evaluations_progress_insert AFTER INSERT ON evaluations"
  "  WHEN new.status = 'submitted' BEGIN"
  PROGRESS_EVALUATION ("new", "")
  "END;"
  "CREATE TRIGGER evaluations_progress_delete AFTER DELETE ON evaluations"
  "  WHEN old.status = 'submitted' BEGIN"
  PROGRESS_EVALUATION ("old", "-")
  "END;"
  "CREATE TRIGGER evaluations_progress_update AFTER UPDATE OF project, evaluator, status"
  "  ON evaluations WHEN (old.status = 'submitted' OR new.status = 'submitted') AND"
  "  (old.status IS NOT new.status OR old.project IS NOT new.project OR"
  "  old.evaluator IS NOT new.evaluator) BEGIN"
  PROGRESS_EVALUATION ("old", "-")
  PROGRESS_EVALUATION ("new", "")
  "END;"
  "CREATE TRIGGER projects_progress_insert AFTER INSERT ON projects BEGIN"
  PROGRESS_PROJECT ("new", "")
  "END;"
  "CREATE TRIGGER projects_progress_delete AFTER DELETE ON projects BEGIN"
  PROGRESS_PROJECT ("old", "-")
  "END;"
  "CREATE TRIGGER projects_progress_update AFTER UPDATE OF id, call, code ON projects"
  "  WHEN old.id IS NOT new.id OR old.call IS NOT new.call OR old.code IS NOT new.code BEGIN"
  PROGRESS_PROJECT ("old", "-")
  PROGRESS_PROJECT ("new", "")
  "END;"
  "CREATE TRIGGER project_assigned_progress_insert AFTER INSERT ON project_assigned BEGIN"
  PROGRESS_ASSIGNMENT ("new", "")
  "END;"
  "CREATE TRIGGER project_assigned_progress_delete AFTER DELETE ON project_assigned BEGIN"
  PROGRESS_ASSIGNMENT ("old", "-")
  "END;"
  "CREATE TRIGGER project_assigned_progress_update AFTER UPDATE ON project_assigned BEGIN"
  PROGRESS_ASSIGNMENT ("old", "-")
  PROGRESS_ASSIGNMENT ("new", "")
  "END;";

static void
sql_grams (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, _nawat_search_grams (text, sqlite3_value_bytes (argv[0])),
                         -1, g_free);
}

/* The functions of the store's own SQL; the readers of other connections
 * do not need them.
 */
gboolean
_nawat_store_register_functions (sqlite3  *db,
                                 GError  **error)
{
  int rc = sqlite3_create_function_v2 (db, "nawat_grams", 1,
                                       SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                       NULL, sql_grams, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, db, rc, sqlite3_db_filename (db, "main"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_nawat_store_migrate (sqlite3     *db,
                      int          version,
                      GError     **error)
{
  const char *steps[] = { NULL, migration_1, migration_2, migration_3, migration_4,
                          migration_5, migration_6, migration_7,
                          migration_8, migration_9, migration_10,
                          migration_11 };
  gint64 current = 0;
  g_autofree char *set_version = NULL;
  g_autofree char *set_id = NULL;

  g_return_val_if_fail (version > 0 && version <= NAWAT_STORE_SCHEMA_VERSION, FALSE);

  /* Up to date: no write lock, so that the CLI opens a store the
   * application is writing to without waiting.
   */
  if (!_nawat_store_query_int (db, "PRAGMA user_version", &current, error))
    return FALSE;
  if (current >= version)
    return TRUE;

  if (!_nawat_store_register_functions (db, error))
    return FALSE;

  if (!_nawat_store_exec_sql (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!_nawat_store_query_int (db, "PRAGMA user_version", &current, error))
    goto fail;

  for (int v = current + 1; v <= version; v++)
    if (!_nawat_store_exec_sql (db, steps[v], error))
      goto fail;

  if (current < version)
    {
      set_version = g_strdup_printf ("PRAGMA user_version = %d", version);
      set_id = g_strdup_printf ("PRAGMA application_id = %d", NAWAT_STORE_APPLICATION_ID);
      if (!_nawat_store_exec_sql (db, set_version, error) ||
          !_nawat_store_exec_sql (db, set_id, error))
        goto fail;
    }

  return _nawat_store_exec_sql (db, "COMMIT", error);

fail:
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
