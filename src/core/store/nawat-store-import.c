/* nawat-store-import.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-scoring.h"
#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

/* Import */

typedef struct
{
  NawatStore *self;
  GPtrArray  *problems;
  /* evaluations whose rubric may come later in the batch */
  GPtrArray  *evaluations;
  guint       n_imported;
  /* added to the codec's offsets to make them offsets in the file */
  gint64      shift;
} ImportState;

/* Records that the file holds @id at @offset; a second document with the
 * same id is a problem (the last one would otherwise win silently).
 */
static gboolean
import_note_id (ImportState  *state,
                const char   *id,
                gint64        offset,
                GError      **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  NawatStore *self = state->self;

  stmt = store_prepare (self, "INSERT OR IGNORE INTO temp.import_ids (id, offset) VALUES (?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, offset);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) > 0)
    return TRUE;

  g_clear_pointer (&stmt, store_stmt_release);
  stmt = store_prepare (self, "SELECT offset FROM temp.import_ids WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, sqlite3_reset (stmt), self->path);
      return FALSE;
    }

  g_ptr_array_add (state->problems,
                   g_strdup_printf (_("%s: _id: at byte %lu: the document is given twice in "
                                      "the file (first at byte %lu)"),
                                    id, (unsigned long) offset,
                                    (unsigned long) sqlite3_column_int64 (stmt, 0)));
  return TRUE;
}

/* @message, and where @document starts in the file. */
static char *
import_located (NawatStore    *self,
                NawatDocument *document,
                const char    *message)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  stmt = store_prepare (self, "SELECT offset FROM temp.import_ids WHERE id = ?", NULL);
  if (stmt == NULL)
    return g_strdup (message);
  bind_text_static (stmt, 1, nawat_document_get_id (document));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup (message);

  return g_strdup_printf (_("%s (the document at byte %lu)"), message,
                          (unsigned long) sqlite3_column_int64 (stmt, 0));
}

static gboolean
import_document_cb (guint      index,
                    gsize      offset,
                    JsonNode  *node,
                    gpointer   user_data,
                    GError   **error)
{
  ImportState *state = user_data;
  g_autoptr(NawatDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 at = state->shift + (gint64) offset;
  guint n_problems = state->problems->len;

  document = nawat_codec_from_node (node, &local_error);
  if (document == NULL)
    {
      /* TRANSLATORS: a problem of a document, then where it starts in the file */
      g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                         local_error->message,
                                                         (unsigned long) at));
      return TRUE;
    }

  if (!import_note_id (state, nawat_document_get_id (document), at, error))
    return FALSE;
  if (state->problems->len > n_problems)
    return TRUE;

  state->n_imported++;

  /* An evaluation whose rubric may come later in the batch waits for the
   * end; the others are written (or checked) at once, so that a large
   * import does not hold its documents in memory.
   */
  if (NAWAT_IS_EVALUATION (document) &&
      _nawat_store_lookup_rubric (state->self,
                                  nawat_evaluation_get_rubric (NAWAT_EVALUATION (document))) == NULL)
    {
      g_ptr_array_add (state->evaluations, g_steal_pointer (&document));
      return TRUE;
    }

  /* Once a document is invalid nothing is written: only validate. */
  if (state->problems->len > 0)
    {
      NawatScore score;

      if (NAWAT_IS_EVALUATION (document) &&
          !_nawat_store_check_evaluation (state->self, NAWAT_EVALUATION (document), &score,
                                          &local_error))
        g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                           local_error->message,
                                                           (unsigned long) at));
      return TRUE;
    }

  if (!_nawat_store_put_document (state->self, document, NULL, &local_error))
    {
      if (local_error->domain == NAWAT_STORE_ERROR &&
          local_error->code == NAWAT_STORE_ERROR_INVALID)
        g_ptr_array_add (state->problems, g_strdup_printf (_("%s (the document at byte %lu)"),
                                                           local_error->message,
                                                           (unsigned long) at));
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

typedef enum
{
  DANGLING_CALL,
  DANGLING_RUBRIC,
  DANGLING_PROJECT,
  NOT_CALL_EVALUATOR,
  NOT_ASSIGNED,
} Dangling;

/* Adds a problem for each row of @sql: the document's id, its offset in
 * the file, and two arguments of the reason.
 */
static gboolean
import_report_rows (NawatStore  *self,
                    const char  *sql,
                    Dangling     kind,
                    GPtrArray   *problems,
                    GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      unsigned long at = sqlite3_column_int64 (stmt, 1);
      const char *a = (const char *) sqlite3_column_text (stmt, 2);
      const char *b = (const char *) sqlite3_column_text (stmt, 3);
      char *problem = NULL;

      switch (kind)
        {
        case DANGLING_CALL:
          problem = g_strdup_printf (_("%s: call: at byte %lu: the call “%s” is neither in "
                                       "the file nor in the store"), id, at, a);
          break;
        case DANGLING_RUBRIC:
          problem = g_strdup_printf (_("%s: rubric: at byte %lu: the rubric “%s” is neither in "
                                       "the file nor in the store"), id, at, a);
          break;
        case DANGLING_PROJECT:
          problem = g_strdup_printf (_("%s: project: at byte %lu: the project “%s” is neither "
                                       "in the file nor in the store"), id, at, a);
          break;
        case NOT_CALL_EVALUATOR:
          problem = g_strdup_printf (_("%s: evaluator: at byte %lu: “%s” is not one of the "
                                       "evaluators of %s"), id, at, a, b);
          break;
        case NOT_ASSIGNED:
          problem = g_strdup_printf (_("%s: evaluator: at byte %lu: “%s” is not assigned to %s"),
                                     id, at, a, b);
          break;
        default:
          g_assert_not_reached ();
        }
      g_ptr_array_add (problems, problem);
    }

  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* The references of the documents imported, checked against the file and
 * the store together: a project's call, a call's rubric, an evaluation's
 * project, and its evaluator, who must be one of the call's evaluators and
 * assigned to the project.
 */
static gboolean
import_check_references (NawatStore  *self,
                         GPtrArray   *problems,
                         GError     **error)
{
  return
    import_report_rows (self,
                        "SELECT i.id, i.offset, 'call:' || p.call, NULL "
                        "FROM temp.import_ids i JOIN projects p ON p.id = i.id "
                        "WHERE i.id >= 'project:' AND i.id < 'project;' "
                        "AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.id = 'call:' || p.call)",
                        DANGLING_CALL, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, json_extract (c.json, '$.rubric') AS rubric, NULL "
                        "FROM temp.import_ids i JOIN calls c ON c.id = i.id "
                        "WHERE i.id >= 'call:' AND i.id < 'call;' "
                        "AND rubric IS NOT NULL AND rubric != '" NAWAT_DEFAULT_RUBRIC_ID "' "
                        "AND NOT EXISTS (SELECT 1 FROM rubrics r WHERE r.id = rubric)",
                        DANGLING_RUBRIC, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.project, NULL "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = e.project)",
                        DANGLING_PROJECT, problems, error) &&
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.evaluator, 'call:' || p.call "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "  JOIN projects p ON p.id = e.project "
                        "  JOIN calls c ON c.id = 'call:' || p.call "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM json_each (c.json, '$.evaluators') "
                        "                WHERE value = e.evaluator)",
                        NOT_CALL_EVALUATOR, problems, error) &&
    /* The project's evaluators from the table of assignments, which
     * holds its "assigned" as stored, rather than from its document.
     */
    import_report_rows (self,
                        "SELECT i.id, i.offset, e.evaluator, e.project "
                        "FROM temp.import_ids i JOIN evaluations e ON e.id = i.id "
                        "  JOIN projects p ON p.id = e.project "
                        "WHERE i.id >= 'evaluation:' AND i.id < 'evaluation;' "
                        "AND NOT EXISTS (SELECT 1 FROM project_assigned a "
                        "                WHERE a.call = p.call AND a.evaluator = e.evaluator "
                        "                AND a.code = p.code)",
                        NOT_ASSIGNED, problems, error);
}

/* An import writes every page of its documents and indexes in one
 * transaction, which keeps them in the page cache until the commit: with
 * the store's usual cache, a large import spent a good part of its time
 * writing pages out to the log early and reading them back, and more per
 * document the more it had written.  It gets a larger cache while it
 * runs, bounded whatever the size of the file.
 */
static void
import_set_cache (NawatStore *self,
                  gboolean    importing)
{
  sqlite3_exec (self->db,
                importing ? "PRAGMA cache_size = -" G_STRINGIFY (STORE_IMPORT_CACHE_KIB)
                          : "PRAGMA cache_size = -" G_STRINGIFY (STORE_CACHE_KIB),
                NULL, NULL, NULL);
}

/* Feeds documents to import_document_cb; FALSE with @error set on failure. */
typedef gboolean (*ImportWalk) (gpointer      walk_data,
                                ImportState  *state,
                                GError      **error);

/* Imports, in one transaction, the documents @walk feeds in. */
static gboolean
import_locked (NawatStore  *self,
               ImportWalk   walk,
               gpointer     walk_data,
               guint       *n_imported,
               GPtrArray  **problems,
               GError     **error)
{
  g_autoptr(GPtrArray) evaluations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  ImportState state = { self, found, evaluations, 0, 0 };

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  g_mutex_lock (&self->lock);
  import_set_cache (self, TRUE);

  /* The ids of the file, where they are, to find duplicates and check the
   * references of the documents imported: a temporary table keeps memory
   * flat whatever the size of the file.
   */
  if (!store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS import_ids ("
                   "  id TEXT PRIMARY KEY NOT NULL, offset INTEGER NOT NULL) WITHOUT ROWID",
                   error) ||
      !store_exec (self, "BEGIN IMMEDIATE", error) ||
      !store_exec (self, "DELETE FROM temp.import_ids", error))
    goto fail;

  /* Into an empty store, the search index is built in one pass at the
   * end, much faster than row by row.
   */
  self->defer_fts = _nawat_store_count (self, "SELECT NOT EXISTS (SELECT 1 FROM projects)") != 0;

  if (!walk (walk_data, &state, error))
    goto fail;

  for (guint i = 0; i < evaluations->len; i++)
    {
      NawatDocument *document = g_ptr_array_index (evaluations, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *json = NULL;
      NawatScore score;

      if (found->len > 0)
        {
          if (!_nawat_store_check_evaluation (self, NAWAT_EVALUATION (document), &score,
                                              &local_error))
            g_ptr_array_add (found, import_located (self, document, local_error->message));
          continue;
        }

      json = nawat_codec_to_data (document, NULL);
      if (!_nawat_store_put_evaluation (self, NAWAT_EVALUATION (document), json, FALSE,
                                        &local_error))
        {
          if (local_error->domain != NAWAT_STORE_ERROR ||
              local_error->code != NAWAT_STORE_ERROR_INVALID)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              goto fail;
            }
          g_ptr_array_add (found, import_located (self, document, local_error->message));
        }
    }

  /* Every document of the file is now in the store: what they refer to
   * must be there too, from the file or from before.
   */
  if (found->len == 0 && !import_check_references (self, found, error))
    goto fail;

  if (found->len > 0)
    {
      rollback (self);
      self->defer_fts = FALSE;
      g_hash_table_remove_all (self->rubrics);
      import_set_cache (self, FALSE);
      g_mutex_unlock (&self->lock);
      if (problems != NULL)
        *problems = g_steal_pointer (&found);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u invalid document: nothing was imported",
                                "%u invalid documents: nothing was imported",
                                state.problems->len),
                   state.problems->len);
      return FALSE;
    }

  if (!store_exec (self, "DELETE FROM temp.import_ids", error))
    goto fail;

  if (self->defer_fts)
    {
      /* The rebuild indexes every project, pulled ones included. */
      self->defer_fts = FALSE;
      /* Both indexes are merged into one segment at the end: merging
       * their segments as they are written too (FTS5's automatic and
       * crisis merges) would rewrite the terms several times over, more
       * the more projects there are.  The defaults come back after.
       */
      if (!_nawat_store_set_merge_policy (self, 0, 1000000, error) ||
          !store_exec (self, "INSERT INTO project_fts (project_fts) VALUES ('rebuild')", error) ||
          !store_exec (self, "INSERT INTO project_grams (project_grams) VALUES ('delete-all')",
                       error) ||
          !store_exec (self, "INSERT INTO project_grams (rowid, grams) "
                       "SELECT pk, nawat_grams (text) FROM project_text", error) ||
          /* Each in one segment, which queries read fastest. */
          !store_exec (self, "INSERT INTO project_fts (project_fts) VALUES ('optimize')", error) ||
          !store_exec (self, "INSERT INTO project_grams (project_grams) VALUES ('optimize')",
                       error) ||
          !_nawat_store_set_merge_policy (self, NAWAT_FTS5_AUTOMERGE, NAWAT_FTS5_CRISISMERGE,
                                          error) ||
          !store_exec (self, "DELETE FROM checkpoints WHERE database = '" PULL_FTS_MARKER "'",
                       error))
        goto fail;
      if (!store_exec (self, "COMMIT", error))
        goto fail;
      _nawat_store_set_index_upto (self, -1);
    }
  else if (!store_exec (self, "COMMIT", error))
    goto fail;

  import_set_cache (self, FALSE);
  g_mutex_unlock (&self->lock);

  if (n_imported != NULL)
    *n_imported = state.n_imported;
  _nawat_store_emit_reset (self);
  return TRUE;

fail:
  self->defer_fts = FALSE;
  rollback (self);
  import_set_cache (self, FALSE);
  return store_abandon_write (self);
}

typedef struct
{
  const char *data;
  gsize       length;
} WholeData;

static gboolean
walk_whole (gpointer      walk_data,
            ImportState  *state,
            GError      **error)
{
  WholeData *whole = walk_data;

  return nawat_codec_foreach_document (whole->data, whole->length, import_document_cb,
                                       state, error);
}

gboolean
nawat_store_import_data (NawatStore  *self,
                         const char  *data,
                         gsize        length,
                         guint       *n_imported,
                         GPtrArray  **problems,
                         GError     **error)
{
  WholeData whole = { data, length };

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  return import_locked (self, walk_whole, &whole, n_imported, problems, error);
}

/* Importing a file in bounded pieces: the documents of the array are cut
 * at their boundaries into pieces of about 8 MiB, each parsed
 * on its own, and the pages of the file already read are given back, so
 * that memory stays flat however large the file.  A file this light
 * scanner does not understand is handed whole to the codec, whose
 * messages say what is wrong.
 */
static gsize import_chunk_size = 8 * 1024 * 1024;

void
_nawat_store_set_import_chunk_size (gsize size)
{
  import_chunk_size = size;
}

typedef struct
{
  const char *data;
  const char *p;
  const char *end;
  /* the first byte not yet given back to the system */
  const char *released;
  /* the documents are the "docs" member of an object */
  gboolean    in_object;
  gboolean    unsure;
} Chunker;

static void
chunker_skip_ws (Chunker *c)
{
  while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
    c->p++;
}

/* Moves past one JSON value; FALSE when it is not well formed enough to
 * find its end.
 */
static gboolean
chunker_skip_value (Chunker *c)
{
  int depth = 0;

  chunker_skip_ws (c);
  if (c->p >= c->end)
    return FALSE;

  do
    {
      if (c->p >= c->end)
        return FALSE;

      switch (*c->p)
        {
        case '"':
          for (c->p++; c->p < c->end && *c->p != '"'; c->p++)
            if (*c->p == '\\' && c->p + 1 < c->end)
              c->p++;
          if (c->p >= c->end)
            return FALSE;
          c->p++;
          break;

        case '{':
        case '[':
          depth++;
          c->p++;
          break;

        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          depth--;
          c->p++;
          break;

        default:
          c->p++;
          break;
        }
    }
  while (depth > 0);

  return TRUE;
}

/* Gives back the whole pages of the file before @upto. */
static void
chunker_release (Chunker    *c,
                 const char *upto)
{
#ifdef MADV_DONTNEED
  gsize page = sysconf (_SC_PAGESIZE);
  guintptr from = ((guintptr) c->released + page - 1) / page * page;
  guintptr to = (guintptr) upto / page * page;

  if ((guintptr) c->data <= from && to > from)
    {
      madvise ((void *) from, to - from, MADV_DONTNEED);
      c->released = (const char *) to;
    }
#endif
}

static gboolean
chunker_feed (Chunker      *c,
              ImportState  *state,
              const char   *from,
              const char   *to,
              GError      **error)
{
  g_autoptr(GString) piece = g_string_sized_new (to - from + 2);
  g_autoptr(GError) local_error = NULL;

  g_string_append_c (piece, '[');
  g_string_append_len (piece, from, to - from);
  g_string_append_c (piece, ']');
  /* The piece starts with the '[' added before @from. */
  state->shift = (from - c->data) - 1;
  if (!nawat_codec_foreach_document (piece->str, piece->len, import_document_cb, state,
                                     &local_error))
    {
      /* A failure of the store is final; any other is a fault of the file,
       * which the codec explains best when it reads the file whole.
       */
      if (local_error->domain == NAWAT_STORE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        c->unsure = TRUE;
      return FALSE;
    }

  chunker_release (c, to);
  return TRUE;
}

/* Finds the array of documents: the top level, or the "docs" member. */
static gboolean
chunker_find_array (Chunker *c)
{
  if (c->end - c->p >= 3 && memcmp (c->p, "\xEF\xBB\xBF", 3) == 0)
    c->p += 3;
  chunker_skip_ws (c);
  if (c->p < c->end && *c->p == '[')
    return TRUE;
  if (c->p >= c->end || *c->p != '{')
    return FALSE;

  c->in_object = TRUE;
  c->p++;
  for (;;)
    {
      const char *key;

      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != '"')
        return FALSE;
      key = c->p;
      if (!chunker_skip_value (c))
        return FALSE;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        return FALSE;
      c->p++;
      chunker_skip_ws (c);
      if (c->p - key >= 6 && memcmp (key, "\"docs\"", 6) == 0 &&
          c->p < c->end && *c->p == '[')
        return TRUE;
      if (!chunker_skip_value (c))
        return FALSE;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ',')
        return FALSE;
      c->p++;
    }
}

static gboolean
walk_chunks (gpointer      walk_data,
             ImportState  *state,
             GError      **error)
{
  Chunker *c = walk_data;
  const char *start;

  if (!chunker_find_array (c))
    goto unsure;

  c->p++;
  chunker_skip_ws (c);
  start = c->p;
  if (c->p < c->end && *c->p == ']')
    {
      c->p++;
      goto tail;
    }

  for (;;)
    {
      if (!chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
      if (c->p >= c->end)
        goto unsure;

      if (*c->p == ']')
        {
          if (!chunker_feed (c, state, start, c->p, error))
            return FALSE;
          c->p++;
          break;
        }
      if (*c->p != ',')
        goto unsure;

      if ((gsize) (c->p - start) >= import_chunk_size)
        {
          if (!chunker_feed (c, state, start, c->p, error))
            return FALSE;
          c->p++;
          chunker_skip_ws (c);
          start = c->p;
        }
      else
        c->p++;
    }

tail:
  /* The rest of the object around the documents is only checked to be
   * well formed; what follows it must be blank.
   */
  chunker_skip_ws (c);
  while (c->in_object && c->p < c->end && *c->p == ',')
    {
      c->p++;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != '"' || !chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
      if (c->p >= c->end || *c->p != ':')
        goto unsure;
      c->p++;
      if (!chunker_skip_value (c))
        goto unsure;
      chunker_skip_ws (c);
    }
  if (c->in_object)
    {
      if (c->p >= c->end || *c->p != '}')
        goto unsure;
      c->p++;
      chunker_skip_ws (c);
    }
  if (c->p < c->end)
    goto unsure;

  return TRUE;

unsure:
  c->unsure = TRUE;
  return FALSE;
}

gboolean
nawat_store_import_file (NawatStore  *self,
                         const char  *path,
                         guint       *n_imported,
                         GPtrArray  **problems,
                         GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  Chunker chunker = { NULL, };

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;
  if (problems != NULL)
    *problems = NULL;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  chunker.data = g_mapped_file_get_contents (mapped);
  if (chunker.data == NULL)
    chunker.data = "";
  chunker.p = chunker.released = chunker.data;
  chunker.end = chunker.data + g_mapped_file_get_length (mapped);

  if (import_locked (self, walk_chunks, &chunker, n_imported, problems, &local_error))
    return TRUE;

  if (!chunker.unsure)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Nothing was written: the codec reads it all and says what is wrong. */
  if (problems != NULL)
    g_clear_pointer (problems, g_ptr_array_unref);
  g_clear_pointer (&mapped, g_mapped_file_unref);
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return FALSE;

  return nawat_store_import_data (self,
                                  g_mapped_file_get_contents (mapped) ? g_mapped_file_get_contents (mapped) : "",
                                  g_mapped_file_get_length (mapped), n_imported, problems, error);
}
