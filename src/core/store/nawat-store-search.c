/* nawat-store-search.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-store-file-text.h"
#include "nawat-store-internal-private.h"

#include <string.h>

/* Projects added to the index in one transaction: a few tens of
 * milliseconds of work, so that an autosave waits no longer.
 */
#define INDEX_CHUNK 200
/* The catching up brings the order by title of the projects it indexed
 * into the list in runs of this many keys, not with each chunk: the keys
 * land at random places in the list's two indexes by title, and a chunk
 * of 200 rewrote about two pages of them for each key.  At 10,000
 * projects the catching up wrote 401 MB in all, 98 MB of it for the keys;
 * in runs of 2,000, 344 MB and 42 MB.  A run holds the store a few tens
 * of milliseconds longer than a chunk.
 */
#define SORT_CHUNK 2000
/* Pages of each search index one step of merging writes.  Merging the
 * indexes of 100,000 projects took 595 steps of 100 pages (8.0 s, the
 * longest step 134 ms) and 248 of 300 (7.2 s, 150 ms): each step commits
 * and rewrites the index's structure, and the longest is a checkpoint of
 * the log, whatever the step.
 */
#define MERGE_PAGES 300

/* Search */

/* Above this many matches, ranking every match by bm25 costs more than a
 * keystroke may: matches in titles come first instead, then the others.
 */
#define RANK_MAX_MATCHES 1000

static void
append_escaped_phrase (GString    *match,
                       const char *word)
{
  if (match->len > 0)
    g_string_append_c (match, ' ');
  g_string_append_c (match, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (match, '"');
      g_string_append_c (match, *p);
    }
  g_string_append_c (match, '"');
}

GStrv
_nawat_search_words (const char *text)
{
  GPtrArray *folded = g_ptr_array_new ();
  g_auto(GStrv) words = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (folded, _nawat_casefold (words[i]));
  g_ptr_array_add (folded, NULL);
  return (GStrv) g_ptr_array_free (folded, FALSE);
}

/* Splits @text into an FTS5 expression for the words of three characters
 * or more (every one must match; each is a quoted string, so no FTS5
 * syntax gets through) and the casefolded shorter words; @words, if not
 * NULL, receives every word casefolded.
 */
static gboolean
parse_search (const char  *text,
              char       **match,
              GPtrArray   *shorts,
              GPtrArray   *words_out)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  *match = NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  words = g_strsplit_set (text, " \t\n\r\f\v", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (words_out != NULL)
        g_ptr_array_add (words_out, g_utf8_casefold (words[i], -1));
      if (g_utf8_strlen (words[i], -1) >= 3)
        append_escaped_phrase (str, words[i]);
      else
        g_ptr_array_add (shorts, g_utf8_casefold (words[i], -1));
    }

  if (str->len > 0)
    *match = g_string_free (g_steal_pointer (&str), FALSE);

  return *match != NULL || shorts->len > 0;
}

/* All the texts of project "s" in project_fts_src, casefolded as far as
 * SQLite can (lower() folds ASCII only; Thai has no case).
 */
#define UNINDEXED_TEXT_SQL \
  "lower (coalesce (s.title_th, '') || char (10) || coalesce (s.title_en, '') || char (10) || " \
  "coalesce (s.summary_th, '') || char (10) || coalesce (s.summary_en, '') || char (10) || " \
  "coalesce (s.organisation, '') || char (10) || coalesce (s.partners, ''))"

/* " AND instr (<texts of s>, ?) > 0" for each word. */
static void
append_unindexed_words (GString   *sql,
                        GPtrArray *words,
                        GPtrArray *params)
{
  for (guint i = 0; i < words->len; i++)
    {
      g_string_append (sql, " AND instr (" UNINDEXED_TEXT_SQL ", ?) > 0");
      g_ptr_array_add (params, g_strdup (g_ptr_array_index (words, i)));
    }
}

/* " AND instr (t.text, ?) > 0" for each short word, over the short texts
 * joined as "t".
 */
static void
append_shorts (GString    *sql,
               GPtrArray  *shorts,
               GPtrArray  *params)
{
  for (guint i = 0; i < shorts->len; i++)
    {
      g_string_append (sql, " AND instr (t.text, ?) > 0");
      g_ptr_array_add (params, g_strdup (g_ptr_array_index (shorts, i)));
    }
}

/* " CROSS JOIN project_list c … ON c.pk = @key AND c.call = ?" when
 * @call_id is not NULL.
 */
static void
append_call_join (GString    *sql,
                  const char *key,
                  const char *call_id,
                  GPtrArray  *params)
{
  if (call_id == NULL)
    return;

  g_string_append_printf (sql, " CROSS JOIN project_list c INDEXED BY project_list_order_code"
                          " ON c.pk = %s AND c.call = ?", key);
  g_ptr_array_add (params, g_strdup (call_id));
}

gboolean
_nawat_store_build_file_search (const char *text,
                                const char *call_id,
                                const char *columns,
                                GString    *sql,
                                GPtrArray  *params)
{
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;

  if (!parse_search (text, &match, shorts, NULL))
    return FALSE;

  /* The trigram index for the longer words, whose matches the text then
   * filters by the short words; short words alone read every text.
   */
  if (match != NULL)
    g_string_append_printf (sql, "SELECT %s FROM file_fts CROSS JOIN file_texts t"
                            " ON t.id = file_fts.rowid", columns);
  else
    g_string_append_printf (sql, "SELECT %s FROM file_texts t", columns);
  g_string_append (sql, " CROSS JOIN blobs b ON b.sha256 = t.sha256"
                   " CROSS JOIN project_attachments a ON a.digest = b.digest");
  if (call_id != NULL)
    {
      g_string_append (sql, " AND a.call = ?");
      g_ptr_array_add (params, g_strdup (call_id));
    }
  if (match != NULL)
    {
      g_string_append (sql, " WHERE file_fts MATCH ?");
      g_ptr_array_add (params, g_steal_pointer (&match));
    }
  else
    g_string_append (sql, " WHERE t.state = 1");
  append_shorts (sql, shorts, params);
  return TRUE;
}

gboolean
_nawat_store_build_search (const char *text,
                           const char *call_id,
                           gboolean    files,
                           guint       limit,
                           GString    *sql,
                           GPtrArray  *params)
{
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *match = NULL;
  gboolean trigrams;
  const char *key;

  if (!parse_search (text, &match, shorts, words))
    return FALSE;

  /* An index drives the loop, so that the scan stops after @limit rows:
   * the trigram index for the longer words, whose matches the short texts
   * then filter by the short words; or, for short words only, their own
   * index.  CROSS JOIN keeps SQLite from starting with the call's projects
   * and querying the index once for each of them.
   */
  trigrams = match != NULL;
  if (!trigrams)
    match = _nawat_search_grams_match ((const char * const *) shorts->pdata, shorts->len);

  key = trigrams ? "project_fts.rowid" : "project_grams.rowid";
  g_string_append_printf (sql, "SELECT %s FROM %s", key,
                          trigrams ? "project_fts" : "project_grams");
  if (trigrams && shorts->len > 0)
    g_string_append (sql, " CROSS JOIN project_text t ON t.pk = project_fts.rowid");
  append_call_join (sql, key, call_id, params);
  g_string_append_printf (sql, " WHERE %s MATCH ?", trigrams ? "project_fts" : "project_grams");
  g_ptr_array_add (params, g_steal_pointer (&match));
  if (trigrams)
    append_shorts (sql, shorts, params);

  /* Then the projects the indexes have not caught up with yet, read in
   * key order.  When the indexes are complete, the marker's key is NULL
   * and this reads nothing.
   */
  key = trigrams ? "s.pk" : "t.pk";
  g_string_append_printf (sql, " UNION ALL SELECT %s FROM %s", key,
                          trigrams ? "project_fts_src s" : "project_text t");
  append_call_join (sql, key, call_id, params);
  g_string_append_printf (sql, " WHERE %s > (SELECT CAST (seq_json AS INTEGER) FROM checkpoints"
                          " WHERE database = '" PULL_FTS_MARKER "')", key);
  if (trigrams)
    append_unindexed_words (sql, words, params);
  else
    append_shorts (sql, shorts, params);

  /* And, when asked, the projects whose files' text matches. */
  if (files)
    {
      g_string_append (sql, " UNION ");
      _nawat_store_build_file_search (text, call_id, "a.pk", sql, params);
    }

  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  return TRUE;
}

/* Runs @sql (parameters: @params, then @limit) and appends the ids it
 * returns, skipping those already found.
 */
static gboolean
search_collect (NawatStore   *self,
                const char   *sql,
                GPtrArray    *params,
                gint64        limit,
                GPtrArray    *found,
                GHashTable   *seen,
                GError      **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, params->len + 1, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);

      if (g_hash_table_contains (seen, id))
        continue;
      g_hash_table_add (seen, g_strdup (id));
      g_ptr_array_add (found, g_strdup (id));
    }

  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
search_count_matches (NawatStore  *self,
                      const char  *match,
                      gint64      *count,
                      GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt =
    store_prepare (self,
                   "SELECT count(*) FROM (SELECT rowid FROM project_fts "
                   "WHERE project_fts MATCH ? LIMIT ?)",
                   error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, RANK_MAX_MATCHES + 1);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }

  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

GStrv
nawat_store_search (NawatStore  *self,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GPtrArray) shorts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *match = NULL;
  gint64 max = limit > 0 ? (gint64) limit : G_MAXINT64;
  gint64 n_matches = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  if (!parse_search (text, &match, shorts, words))
    return g_new0 (char *, 1);

  locker = g_mutex_locker_new (&self->lock);

  if (match == NULL)
    {
      /* Only short words: their index, in the order of import, then the
       * projects it has not caught up with yet.
       */
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (params, _nawat_search_grams_match ((const char * const *) shorts->pdata,
                                                             shorts->len));
      if (!search_collect (self, "SELECT p.id FROM project_grams JOIN project_list p "
                           "ON p.pk = project_grams.rowid WHERE project_grams MATCH ? "
                           "ORDER BY project_grams.rowid LIMIT ?",
                           params, max, found, seen, error))
        return NULL;

      if (self->index_upto >= 0 && (gint64) found->len < max)
        {
          g_autoptr(GString) sql = g_string_new (NULL);

          g_ptr_array_set_size (params, 0);
          g_string_printf (sql, "SELECT p.id FROM project_text t JOIN project_list p "
                           "ON p.pk = t.pk WHERE t.pk > %" G_GINT64_FORMAT, self->index_upto);
          append_shorts (sql, shorts, params);
          g_string_append (sql, " ORDER BY t.pk LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }
    }
  else
    {
      g_autoptr(GString) shorts_sql = g_string_new (NULL);
      g_autoptr(GPtrArray) short_params = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *in_titles = g_strdup_printf ("{title_th title_en} : (%s)", match);
      g_autofree char *not_titles = g_strdup_printf ("(%s) NOT {title_th title_en} : (%s)",
                                                     match, match);
      const char *stages[2] = { NULL, NULL };

      append_shorts (shorts_sql, shorts, short_params);

      if (!search_count_matches (self, match, &n_matches, error))
        return NULL;

      if (n_matches <= RANK_MAX_MATCHES)
        stages[0] = match;
      else
        {
          stages[0] = in_titles;
          stages[1] = not_titles;
        }

      for (guint i = 0; i < G_N_ELEMENTS (stages) && stages[i] != NULL; i++)
        {
          g_autoptr(GString) sql = g_string_new ("SELECT p.id FROM project_fts JOIN project_list p "
                                                 "ON p.pk = project_fts.rowid");
          g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

          if ((gint64) found->len >= max)
            break;

          g_ptr_array_add (params, g_strdup (stages[i]));
          if (shorts->len > 0)
            g_string_append (sql, " CROSS JOIN project_text t ON t.pk = project_fts.rowid");
          g_string_append_printf (sql, " WHERE project_fts MATCH ?%s", shorts_sql->str);
          for (guint k = 0; k < short_params->len; k++)
            g_ptr_array_add (params, g_strdup (g_ptr_array_index (short_params, k)));

          /* bm25 when it is affordable, else the index order. */
          g_string_append (sql, stages[1] == NULL ? " ORDER BY project_fts.rank LIMIT ?"
                                                  : " LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }

      /* Then the projects the index has not caught up with yet. */
      if (self->index_upto >= 0 && (gint64) found->len < max)
        {
          g_autoptr(GString) sql = g_string_new (NULL);
          g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

          g_string_printf (sql, "SELECT p.id FROM project_fts_src s JOIN project_list p "
                           "ON p.pk = s.pk WHERE s.pk > %" G_GINT64_FORMAT, self->index_upto);
          append_unindexed_words (sql, words, params);
          g_string_append (sql, " ORDER BY s.pk LIMIT ?");
          if (!search_collect (self, sql->str, params, max - found->len, found, seen, error))
            return NULL;
        }
    }

  g_ptr_array_add (found, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/* Catching the index up */

/* How FTS5 merges the segments each chunk of the catching up leaves: by
 * default ('automerge' 4, 'crisismerge' 16) it merges as it goes, and
 * rewrites each term's list several times before the merging at the end
 * rewrites it once more into one segment.  While catching up, the chunks'
 * segments are left as they are until CATCH_UP_CRISISMERGE of them pile up
 * at one level (searches read at most that many more), and the merging
 * at the end does the rest.  Both indexes built by the sqlite3 shell in
 * chunks of 200 projects, then merged into one segment, took 2.7 s of
 * processor time at 10,000 projects with the defaults and 2.2 s this way;
 * at 100,000, 38.0 s and 26.6 s ('automerge' 16 instead: 30.4 s), for
 * the same index in the end.
 */
#define CATCH_UP_AUTOMERGE   0
#define CATCH_UP_CRISISMERGE 64

gboolean
_nawat_store_set_merge_policy (NawatStore  *self,
                               int          automerge,
                               int          crisismerge,
                               GError     **error)
{
  static const char * const automerge_sql[] = {
    "INSERT INTO project_fts (project_fts, rank) VALUES ('automerge', ?)",
    "INSERT INTO project_grams (project_grams, rank) VALUES ('automerge', ?)",
  };
  static const char * const crisismerge_sql[] = {
    "INSERT INTO project_fts (project_fts, rank) VALUES ('crisismerge', ?)",
    "INSERT INTO project_grams (project_grams, rank) VALUES ('crisismerge', ?)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (automerge_sql); i++)
    {
      g_autoptr(NawatStoreStmt) stmt = store_prepare (self, automerge_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, automerge);
      if (!store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, store_stmt_release);

      stmt = store_prepare (self, crisismerge_sql[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, crisismerge);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The index's own transactions leave the log unsynced at their commit:
 * what they write is built again from the projects, and the marker of
 * how far the index has come is in the same transaction, so a power cut
 * loses at most the last chunks or merge steps, which the next catching
 * up does again.  The next synced commit, an evaluator's save, syncs
 * them with it.  With the merging left to the end, the catching up
 * commits a step of 100 pages at a time, each waiting for the disk.
 */
static gboolean
index_begin (NawatStore  *self,
             GError     **error)
{
  return store_exec (self, "PRAGMA synchronous = NORMAL", error) &&
         store_exec (self, "BEGIN IMMEDIATE", error);
}

/* Back to syncing every commit, also after a failure. */
static void
index_end (NawatStore *self)
{
  rollback (self);
  sqlite3_exec (self->db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
}

/* The key up to which the catching up has brought the order by title
 * into the list, once it has indexed the projects up to @upto: the last
 * boundary of a run of SORT_CHUNK keys.
 */
static gint64
sorted_upto (gint64 upto)
{
  return upto - upto % SORT_CHUNK;
}

/* Brings the order by title of the projects with keys in (@after, @upto]
 * into the list.
 */
static gboolean
update_sort_keys (NawatStore  *self,
                  gint64       after,
                  gint64       upto,
                  GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  if (upto <= after)
    return TRUE;
  stmt = store_prepare (self,
                        "UPDATE project_list SET sort_th = p.sort_th, sort_en = p.sort_en "
                        "FROM projects AS p WHERE p.pk = project_list.pk "
                        "AND project_list.pk > ?1 AND project_list.pk <= ?2",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, after);
  sqlite3_bind_int64 (stmt, 2, upto);
  return store_step_done (self, stmt, error);
}

gboolean
_nawat_store_index_some (NawatStore  *self,
                         guint        max,
                         gboolean    *done,
                         GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(NawatStoreStmt) stmt = NULL;
  gint64 last = -1;
  int rc;

  *done = self->index_upto < 0;
  if (*done)
    return TRUE;

  if (!index_begin (self, error))
    {
      index_end (self);
      return FALSE;
    }

  stmt = store_prepare (self,
                        "SELECT max (pk) FROM (SELECT pk FROM projects WHERE pk > ? "
                        "ORDER BY pk LIMIT ?)",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->index_upto);
  sqlite3_bind_int64 (stmt, 2, max);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      goto fail;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    last = sqlite3_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, store_stmt_release);

  if (last < 0)
    {
      if (!update_sort_keys (self, sorted_upto (self->index_upto), G_MAXINT64, error) ||
          !_nawat_store_set_merge_policy (self, NAWAT_FTS5_AUTOMERGE, NAWAT_FTS5_CRISISMERGE,
                                          error) ||
          !store_exec (self, "DELETE FROM checkpoints WHERE database = '" PULL_FTS_MARKER "'",
                       error) ||
          !store_exec (self, "COMMIT", error))
        goto fail;
      index_end (self);
      _nawat_store_set_index_upto (self, -1);
      *done = TRUE;

      /* Lists ordered by title, or searching, read again. */
      g_clear_pointer (&locker, g_mutex_locker_free);
      _nawat_store_emit_reset (self);
      return TRUE;
    }

  /* The chunk's terms go into the search indexes, and each run of
   * SORT_CHUNK keys it completes, their sort keys into the list (the last
   * chunk brings the rest).  The first chunk sets the catching up's merge
   * policy, kept in the store until the last.
   */
  if ((self->index_upto == 0 &&
       !_nawat_store_set_merge_policy (self, CATCH_UP_AUTOMERGE, CATCH_UP_CRISISMERGE, error)) ||
      !_nawat_store_add_terms (self, self->index_upto, last, error) ||
      !update_sort_keys (self, sorted_upto (self->index_upto), sorted_upto (last), error))
    goto fail;

  stmt = store_prepare (self,
                        "UPDATE checkpoints SET seq_json = ? WHERE database = '"
                        PULL_FTS_MARKER "'",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, last);
  if (!store_step_done (self, stmt, error) || !store_exec (self, "COMMIT", error))
    goto fail;

  index_end (self);
  _nawat_store_set_index_upto (self, last);
  return TRUE;

fail:
  g_clear_pointer (&stmt, store_stmt_release);
  index_end (self);
  return FALSE;
}

/* A bulk load leaves the search indexes in many segments, and a query
 * reads each of them: one step of merging them all into one, in a
 * transaction of its own.  Sets @done when there was nothing to merge.
 */
static gboolean
merge_index_some (NawatStore  *self,
                  gboolean    *done,
                  GError     **error)
{
  static const char * const merge_sql[] = {
    "INSERT INTO project_fts (project_fts, rank) VALUES ('merge', -"
    G_STRINGIFY (MERGE_PAGES) ")",
    "INSERT INTO project_grams (project_grams, rank) VALUES ('merge', -"
    G_STRINGIFY (MERGE_PAGES) ")",
  };
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  *done = TRUE;
  if (!index_begin (self, error))
    {
      index_end (self);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (merge_sql); i++)
    {
      int before = sqlite3_total_changes (self->db);

      if (!store_exec (self, merge_sql[i], error))
        {
          index_end (self);
          return FALSE;
        }
      /* FTS5 writes at least two rows when it merged something. */
      if (sqlite3_total_changes (self->db) - before >= 2)
        *done = FALSE;
    }
  if (!store_exec (self, "COMMIT", error))
    {
      index_end (self);
      return FALSE;
    }
  index_end (self);
  return TRUE;
}

static gpointer
indexer_thread (gpointer data)
{
  NawatStore *self = data;
  gboolean done = FALSE;

  while (!done && !g_atomic_int_get (&self->indexer_stop))
    {
      g_autoptr(GError) error = NULL;

      /* Searches still find the projects left out, more slowly; the
       * next pull or start goes on from here.
       */
      if (!_nawat_store_index_some (self, INDEX_CHUNK, &done, &error))
        {
          g_warning ("%s", error->message);
          return NULL;
        }
      /* Lets a thread that waits for the store, an autosave, in first:
       * a mutex is not fair, and this thread would take it back at once.
       */
      g_usleep (1000);
    }

  /* Then the indexes are made compact; stopped, they stay correct. */
  done = FALSE;
  while (!done && !g_atomic_int_get (&self->indexer_stop))
    {
      g_autoptr(GError) error = NULL;

      if (!merge_index_some (self, &done, &error))
        {
          g_warning ("%s", error->message);
          break;
        }
      g_usleep (1000);
    }
  return NULL;
}

void
_nawat_store_indexer_stop (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->indexer_lock);

  if (self->indexer == NULL)
    return;
  g_atomic_int_set (&self->indexer_stop, TRUE);
  g_clear_pointer (&self->indexer, g_thread_join);
  g_atomic_int_set (&self->indexer_stop, FALSE);
}

void
nawat_store_index_later (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (NAWAT_IS_STORE (self));

  /* The text of the files a pull brought, or that a start finds unread. */
  nawat_store_read_file_texts_later (self);
  if (nawat_store_search_index_complete (self))
    return;
  locker = g_mutex_locker_new (&self->indexer_lock);
  if (self->indexer == NULL)
    self->indexer = g_thread_new ("nawat-index", indexer_thread, self);
}

gboolean
nawat_store_search_index_complete (NawatStore *self)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  return g_atomic_int_get (&self->index_complete);
}

gboolean
nawat_store_finish_search_index (NawatStore    *self,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  gboolean done = FALSE;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  _nawat_store_indexer_stop (self);
  /* A complete index stays as it is: merging it all again would rewrite
   * every page of it.
   */
  if (nawat_store_search_index_complete (self))
    return TRUE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !_nawat_store_index_some (self, INDEX_CHUNK, &done, error))
        return FALSE;
    }
  done = FALSE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !merge_index_some (self, &done, error))
        return FALSE;
    }
  return TRUE;
}

/* Sort keys */

char *
_nawat_casefold (const char *text)
{
  GString *folded = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      guchar c = *p;

      if (c < 0x80)
        {
          g_string_append_c (folded, g_ascii_tolower (c));
          p++;
        }
      /* U+0E00 to U+0E7F, the Thai block, which has no case. */
      else if (c == 0xE0 && ((guchar) p[1] == 0xB8 || (guchar) p[1] == 0xB9) && p[2] != '\0')
        {
          g_string_append_len (folded, p, 3);
          p += 3;
        }
      else
        {
          const char *next = g_utf8_next_char (p);
          g_autofree char *one = g_utf8_casefold (p, next - p);

          g_string_append (folded, one);
          p = next;
        }
    }

  return g_string_free (folded, FALSE);
}

/* Search grams */

/* The character at *@p, which it moves past; -1 (and one byte on) for an
 * invalid or truncated sequence, as g_utf8_get_char_validated() finds.
 * ASCII and the three bytes of Thai are read here: most of every text.
 */
static inline gunichar
next_char (const char **p,
           const char  *end)
{
  const guchar *s = (const guchar *) *p;
  gunichar c;

  if (s[0] < 0x80)
    {
      *p += 1;
      return s[0];
    }
  if ((s[0] & 0xF0) == 0xE0 && end - *p >= 3 &&
      (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80)
    {
      c = ((gunichar) (s[0] & 0x0F) << 12) | ((gunichar) (s[1] & 0x3F) << 6) | (s[2] & 0x3F);
      /* neither overlong nor a surrogate */
      if (c >= 0x800 && (c & 0xFFFFF800) != 0xD800)
        {
          *p += 3;
          return c;
        }
    }
  c = g_utf8_get_char_validated (*p, end - *p);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    {
      *p += 1;
      return (gunichar) -1;
    }
  *p = g_utf8_next_char (*p);
  return c;
}

/* Adds the pieces of @text to @grams: each character (when @singles) and
 * each pair of adjacent characters (when @pairs), as keys that sort pieces
 * apart: a pair's first character in the high 32 bits.  Whitespace, which
 * no search word holds, breaks pairs; an invalid byte does too.
 */
static void
collect_grams (const char *text,
               gsize       length,
               gboolean    singles,
               gboolean    pairs,
               GArray     *grams)
{
  const char *p = text;
  const char *end = text + length;
  gunichar prev = 0;

  while (p < end)
    {
      gunichar c = next_char (&p, end);
      guint64 key;

      if (c == (gunichar) -1 || c == 0 || (c < 0x80 && g_ascii_isspace (c)))
        {
          prev = 0;
          continue;
        }

      if (singles)
        {
          key = c;
          g_array_append_val (grams, key);
        }
      if (pairs && prev != 0)
        {
          key = ((guint64) prev << 32) | c;
          g_array_append_val (grams, key);
        }
      prev = c;
    }
}

/* Sorts the keys of @grams by their bytes from the lowest (a radix sort):
 * a character takes three bytes, so a key has six that may differ, and a
 * byte all keys share is skipped.  Linear in the number of keys, whatever
 * the text, and without a call per comparison, which cost as much as
 * collecting the keys.
 */
static void
sort_grams (GArray *grams)
{
  static const guint shifts[] = { 0, 8, 16, 32, 40, 48 };
  guint counts[G_N_ELEMENTS (shifts)][256] = { { 0 } };
  guint64 *keys = (guint64 *) (gpointer) grams->data;
  g_autofree guint64 *other = NULL;
  guint64 *from = keys;
  guint n = grams->len;

  if (n < 2)
    return;
  for (guint i = 0; i < n; i++)
    for (guint d = 0; d < G_N_ELEMENTS (shifts); d++)
      counts[d][(keys[i] >> shifts[d]) & 0xff]++;

  other = g_new (guint64, n);
  for (guint d = 0; d < G_N_ELEMENTS (shifts); d++)
    {
      guint64 *to = from == keys ? other : keys;
      guint start = 0;

      if (counts[d][(keys[0] >> shifts[d]) & 0xff] == n)
        continue;
      for (guint b = 0; b < 256; b++)
        {
          guint count = counts[d][b];

          counts[d][b] = start;
          start += count;
        }
      for (guint i = 0; i < n; i++)
        to[counts[d][(from[i] >> shifts[d]) & 0xff]++] = from[i];
      from = to;
    }
  if (from != keys)
    memcpy (keys, from, n * sizeof (guint64));
}

static void
append_hex (GString  *out,
            gunichar  c)
{
  char digits[8];
  int n = 0;

  do
    {
      digits[n++] = "0123456789abcdef"[c & 0xf];
      c >>= 4;
    }
  while (c != 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* Writes each distinct gram of @grams, space-separated: its characters'
 * code points in hexadecimal, joined by 'x' ("61x69" for "ai"), which the
 * ascii tokenizer of FTS5 takes for one token whatever the characters.
 * @quote puts each in double quotes, for a MATCH expression.
 */
static char *
write_grams (GArray   *grams,
             gboolean  quote)
{
  GString *out = g_string_sized_new (grams->len * 8);

  sort_grams (grams);
  for (guint i = 0; i < grams->len; i++)
    {
      guint64 key = g_array_index (grams, guint64, i);

      if (i > 0 && key == g_array_index (grams, guint64, i - 1))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      if (quote)
        g_string_append_c (out, '"');
      if (key >> 32 != 0)
        {
          append_hex (out, key >> 32);
          g_string_append_c (out, 'x');
        }
      append_hex (out, key & 0xffffffff);
      if (quote)
        g_string_append_c (out, '"');
    }

  return g_string_free (out, FALSE);
}

char *
_nawat_search_grams (const char *text,
                     gsize       length)
{
  g_autoptr(GArray) grams = g_array_sized_new (FALSE, FALSE, sizeof (guint64), length);

  collect_grams (text, length, TRUE, TRUE, grams);
  return write_grams (grams, FALSE);
}

char *
_nawat_search_grams_match (const char * const *words,
                           guint               n_words)
{
  g_autoptr(GArray) grams = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; i < n_words; i++)
    {
      gsize length = strlen (words[i]);

      /* A word of one character is that character; a longer one (a pair,
       * or more if casefolding lengthened it) is each of its pairs.
       */
      collect_grams (words[i], length, g_utf8_strlen (words[i], length) == 1, TRUE, grams);
    }

  return write_grams (grams, TRUE);
}

static gboolean
is_thai_leading_vowel (gunichar c)
{
  return c >= 0x0E40 && c <= 0x0E44;
}

static gboolean
is_thai_consonant (gunichar c)
{
  return c >= 0x0E01 && c <= 0x0E2E;
}

char *
_nawat_sort_key (const char *title)
{
  g_autofree char *folded = NULL;
  GString *key;

  if (title == NULL)
    return g_strdup ("");

  folded = _nawat_casefold (title);
  key = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_thai_leading_vowel (c) && *next && is_thai_consonant (g_utf8_get_char (next)))
        {
          g_string_append_unichar (key, g_utf8_get_char (next));
          g_string_append_unichar (key, c);
          p = next;
          continue;
        }

      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}
