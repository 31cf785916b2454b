/* nawat-store-read-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-store.h"

G_BEGIN_DECLS

/* What the core reads from a store's file through a read-only connection
 * of its own, next to the store's (WAL lets it read while the store
 * writes): the statistics, the reports and the exports.  The store owns
 * that connection, the SQL and its statements; the reader asks for rows
 * by what they are, not how they are found.  A reader is used by one
 * thread at a time.
 */
typedef struct _NawatStoreReader NawatStoreReader;

/* A query under way on a reader, row by row. */
typedef struct _NawatStoreCursor NawatStoreCursor;

/* What a reader reads.  The argument of each (?1) is in parentheses. */
typedef enum
{
  /* (a project's id) its document: json */
  NAWAT_STORE_READ_PROJECT,
  /* (a project's id) code, title_th, title_en */
  NAWAT_STORE_READ_PROJECT_TITLE,
  /* (a project's id) its evaluations' documents, by evaluator: json */
  NAWAT_STORE_READ_PROJECT_EVALUATIONS,
  /* (an evaluation's id) its document: json */
  NAWAT_STORE_READ_EVALUATION,
  /* (a call's id) its projects, in the order (call, code): project */
  NAWAT_STORE_READ_CALL_PROJECTS,
  /* (a call's id) as NAWAT_STORE_READ_CALL_PROJECTS, with assigned */
  NAWAT_STORE_READ_CALL_ASSIGNMENTS,
  /* (a call's id) as NAWAT_STORE_READ_CALL_PROJECTS, with code, title_th,
   * title_en and assigned
   */
  NAWAT_STORE_READ_CALL_WORK,
  /* (a call's id) the evaluations of its projects, in the order (call,
   * code, evaluator): project, evaluator, status and conflict (the column)
   */
  NAWAT_STORE_READ_CALL_STATUSES,
  /* (a call's id) as NAWAT_STORE_READ_CALL_PROJECTS, with code, title_th,
   * title_en, province, primary_domain, reach and json (the document, as
   * stored)
   */
  NAWAT_STORE_READ_CALL_EXPORT,
  /* (a project's id) what the export writes of it besides: domains,
   * assigned, recusals, budget_thb and documents: its files, [{name,
   * content_type, length, digest, pages (when known)}], in the order of
   * their names
   */
  NAWAT_STORE_READ_PROJECT_EXPORT,
  /* (a call's id) the evaluations of its projects, in the order (call,
   * code, evaluator): project, evaluation (its id), evaluator, status,
   * conflict (the column) and json (its document, as stored)
   */
  NAWAT_STORE_READ_CALL_RATING_DOCUMENTS,
  /* The two below take the score keys of a rubric as well: a row's scores
   * are a JSON array of each key's level (null where not scored).
   *
   * (an evaluation's id) what its document holds for the statistics:
   * recommendation, confidence and scores.
   */
  NAWAT_STORE_READ_RATING_OF_DOCUMENT,
  /* (a call's id) the evaluations of its projects, in the order (call,
   * code, evaluator): project, code, title_th, title_en, province,
   * primary_domain, reach and budget of the project, the evaluation's
   * id, evaluator, status, recommendation, rubric, confidence and scores,
   * and its conflict and the conflict's type as its document declares
   * them.
   */
  NAWAT_STORE_READ_CALL_EVALUATIONS,
  /* (a call's id) the evaluations of its projects, in the order (call,
   * code, evaluator): project and json (its document, as stored)
   */
  NAWAT_STORE_READ_CALL_EVALUATION_DOCUMENTS,
  NAWAT_STORE_N_READS
} NawatStoreRead;

/* A row of a cursor: the columns its NawatStoreRead names, NULL (0) for the
 * others.  The texts belong to the cursor, until its next row.
 */
typedef struct
{
  const char *project;
  const char *code;
  const char *title_th;
  const char *title_en;
  const char *province;
  const char *primary_domain;
  /* JSON arrays of strings, as stored */
  const char *domains;
  const char *assigned;
  const char *evaluation;
  const char *evaluator;
  const char *status;
  const char *recommendation;
  gboolean    conflict;
  /* the evaluator's confidence, 0 when not given */
  int         confidence;
  /* the type of a conflict of interest, or NULL */
  const char *conflict_type;
  /* a project's "recusals", a JSON array as stored, or NULL */
  const char *recusals;
  const char *rubric;
  const char *scores;
  const char *reach;
  /* NAN when the project has none */
  double      budget;
  const char *json;
  gsize       json_length;
  /* a project's files, a JSON array (see NAWAT_STORE_READ_PROJECT_EXPORT) */
  const char *documents;
} NawatStoreRow;

/* Opens a reader on the store in the file @path (nawat_store_get_path());
 * a store in memory is refused, as by _nawat_store_open_reader().
 */
NawatStoreReader *_nawat_store_reader_open          (const char        *path,
                                                     GError           **error);
/* Closes the reader, ending its read transaction if one is open. */
void              _nawat_store_reader_free          (NawatStoreReader  *self);
/* A read transaction: every read until _nawat_store_reader_commit() sees
 * the same snapshot of the store.
 */
gboolean          _nawat_store_reader_begin         (NawatStoreReader  *self,
                                                     GError           **error);
void              _nawat_store_reader_commit        (NawatStoreReader  *self);

/* The number of projects of the call @call_id, 0 if it cannot be read. */
guint             _nawat_store_reader_count_projects (NawatStoreReader *self,
                                                      const char       *call_id);

/* Starts @what over @arg on the reader's own statement for it, made once
 * and reused: @what is not of those that take score keys, and no other
 * cursor of @what is open on the reader.
 */
NawatStoreCursor *_nawat_store_reader_query         (NawatStoreReader  *self,
                                                     NawatStoreRead     what,
                                                     const char        *arg,
                                                     GError           **error);
/* Starts @what over @arg with the score keys @keys (NULL-terminated) on a
 * statement of its own, made for the keys.
 */
NawatStoreCursor *_nawat_store_reader_query_scores  (NawatStoreReader  *self,
                                                     NawatStoreRead     what,
                                                     const char        *arg,
                                                     const char * const *keys,
                                                     GError           **error);
/* Fills @row with the next row: TRUE with one, FALSE at the end (@error
 * unset) or on failure.
 */
gboolean          _nawat_store_cursor_next          (NawatStoreCursor  *self,
                                                     NawatStoreRow     *row,
                                                     GError           **error);
/* Back to the first row. */
void              _nawat_store_cursor_rewind        (NawatStoreCursor  *self);
/* Starts the cursor's query again, over @arg. */
void              _nawat_store_cursor_restart       (NawatStoreCursor  *self,
                                                     const char        *arg);
/* Ends the cursor: a statement of the reader's stays for the next query. */
void              _nawat_store_cursor_close         (NawatStoreCursor  *self);

/* Appends to @sql "json_extract (@json_column, '$.scores.\"<key>\"', …)"
 * for the NULL-terminated @keys: a column whose text is a JSON array of
 * every key's level (or null).
 */
void              _nawat_store_append_scores_sql    (GString           *sql,
                                                     const char * const *keys,
                                                     const char        *json_column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatStoreReader, _nawat_store_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatStoreCursor, _nawat_store_cursor_close)

G_END_DECLS
