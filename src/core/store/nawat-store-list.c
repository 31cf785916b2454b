/* nawat-store-list.c: the lazy project list's queries, the filters and the
 * order of a list in SQL
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store-list-private.h"

#include "nawat-domains.h"
#include "nawat-store-internal-private.h"
#include "nawat-text.h"

#include <string.h>

typedef NawatStoreListQuery Query;
typedef NawatStoreOwnState OwnState;
typedef NawatStoreListKey Key;
typedef NawatStoreListRow RowData;

/* The SQL expression of an evaluator's own status (a NawatProjectStatus)
 * over "evaluations AS e" left-joined to a project.
 */
#define NAWAT_STORE_STATUS_SQL \
  "(CASE WHEN e.id IS NULL THEN 0 WHEN e.conflict != 0 THEN 3 " \
  "WHEN e.status = 'submitted' THEN 2 ELSE 1 END)"

/* SQL, built on the worker */

static void
params_add_string (GPtrArray  *params,
                   const char *value)
{
  g_ptr_array_add (params, g_variant_ref_sink (value ? g_variant_new_string (value)
                                                     : g_variant_new ("ms", NULL)));
}

static void
params_add_int (GPtrArray *params,
                gint64     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
params_add_double (GPtrArray *params,
                   double     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (value)));
}

static GPtrArray *
params_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

static void
bind_params (sqlite3_stmt *stmt,
             GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

gboolean
_nawat_store_list_query_uses_status (const Query *query)
{
  return query->status >= 0 ||
         query->sort == NAWAT_PROJECT_SORT_STATUS ||
         query->sort == NAWAT_PROJECT_SORT_COMPOSITE;
}

/* The call a search must check its matches against, or NULL. */
static const char *
search_call (const Query *query)
{
  if (query->only_call)
    return NULL;
  return query->call_id ? query->call_id : "";
}

gboolean
_nawat_store_list_query_uses_assigned (const Query *query)
{
  return query->assigned_only && query->evaluator != NULL &&
         query->assigned != NAWAT_STORE_ASSIGNED_EVERY;
}

gboolean
_nawat_store_list_query_is_search_only (const Query *query)
{
  return query->search != NULL && query->domain == NULL && query->region == NULL &&
         query->reach == NULL &&
         query->province == NULL && query->status < 0 &&
         !_nawat_store_list_query_uses_assigned (query);
}

/* Appends " FROM … WHERE …" for @query to @sql; the own evaluation is
 * joined (as "e") only when @join or the status filter needs it, so that
 * counts stay on the project indexes.
 */
static void
build_from_where (const Query *query,
                  gboolean     with_status,
                  gboolean     join,
                  GString     *sql,
                  GPtrArray   *params)
{
  join = join || (with_status && query->status >= 0);

  g_string_append (sql, " FROM project_list p");
  if (join)
    {
      g_string_append (sql,
                       " LEFT JOIN evaluations e"
                       " ON e.project = p.id AND e.evaluator = ?");
      params_add_string (params, query->evaluator);
    }
  /* With a search, SQLite must start from its (at most a thousand)
   * matches, not walk the call's index: "+" keeps it from using one.
   */
  g_string_append (sql, query->search != NULL ? " WHERE +p.call = ?" : " WHERE p.call = ?");
  params_add_string (params, query->call_id ? query->call_id : "");

  if (query->domain != NULL)
    {
      int index = nawat_domain_index (query->domain);

      g_string_append (sql, " AND (p.domain_mask & ?) != 0");
      params_add_int (params, index >= 0 ? G_GINT64_CONSTANT (1) << index : 0);
    }

  if (query->region != NULL)
    {
      g_string_append (sql, " AND p.region = ?");
      params_add_string (params, query->region);
    }

  if (query->reach != NULL)
    {
      g_string_append (sql, " AND p.reach = ?");
      params_add_string (params, query->reach);
    }

  if (query->province != NULL)
    {
      g_string_append (sql, " AND p.province = ?");
      params_add_string (params, query->province);
    }

  /* The evaluator's projects are read from their assignments, a few
   * thousand of a call of 100,000, not by visiting the call's; a search's
   * thousand matches are each looked up among them instead.
   */
  if (_nawat_store_list_query_uses_assigned (query) &&
      query->assigned == NAWAT_STORE_ASSIGNED_NONE)
    g_string_append (sql, " AND 0");
  else if (_nawat_store_list_query_uses_assigned (query))
    {
      if (query->search != NULL)
        g_string_append (sql, " AND EXISTS (SELECT 1 FROM project_assigned a"
                         " WHERE a.call = p.call AND a.evaluator = ? AND a.code = p.code)");
      else
        {
          g_string_append (sql, " AND p.pk IN (SELECT a.pk FROM project_assigned a"
                           " WHERE a.call = ? AND a.evaluator = ?)");
          params_add_string (params, query->call_id ? query->call_id : "");
        }
      params_add_string (params, query->evaluator);
    }

  if (with_status && query->status >= 0)
    {
      g_string_append (sql, " AND " NAWAT_STORE_STATUS_SQL " = ?");
      params_add_int (params, query->status);
    }

  if (query->search != NULL)
    {
      g_autoptr(GString) search = g_string_new (NULL);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      if (_nawat_store_build_search (query->search, search_call (query), query->search_files,
                                     NAWAT_PROJECT_LIST_SEARCH_LIMIT, search, words))
        {
          g_string_append_printf (sql, " AND p.pk IN (%s)", search->str);
          for (guint i = 0; i < words->len; i++)
            params_add_string (params, g_ptr_array_index (words, i));
        }
    }
}

static const char *
sort_title_column (const Query *query)
{
  return g_strcmp0 (query->lang, "en") == 0 ? "p.sort_en" : "p.sort_th";
}

/* The expressions the rows are ordered by, the code last. */
static char *
build_order_keys (const Query *query)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      return g_strdup_printf ("%s, p.code", sort_title_column (query));

    case NAWAT_PROJECT_SORT_STATUS:
      return g_strdup (NAWAT_STORE_STATUS_SQL ", p.code");

    case NAWAT_PROJECT_SORT_COMPOSITE:
      return g_strdup ("(e.composite IS NULL), -coalesce (e.composite, 0), p.code");

    case NAWAT_PROJECT_SORT_CODE:
    default:
      return g_strdup ("p.code");
    }
}

/* The values of the order keys of one project in a given own state. */
static void
add_key_values (const Query *query,
                GPtrArray   *params,
                const char  *code,
                const char  *sort_title,
                int          status,
                gboolean     has_composite,
                double       composite)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      params_add_string (params, sort_title ? sort_title : "");
      break;

    case NAWAT_PROJECT_SORT_STATUS:
      params_add_int (params, status);
      break;

    case NAWAT_PROJECT_SORT_COMPOSITE:
      params_add_int (params, has_composite ? 0 : 1);
      params_add_double (params, has_composite ? -composite : 0);
      break;

    case NAWAT_PROJECT_SORT_CODE:
    default:
      break;
    }

  params_add_string (params, code);
}

static void
key_to_params (const Query *query,
               const Key   *key,
               GPtrArray   *params)
{
  add_key_values (query, params, key->code, key->sort_title, key->state.status,
                  key->state.has_composite, key->state.composite);
}


/* The reader and its statements */

NawatStoreReader *
_nawat_store_reader_open_list (const char  *path,
                               GError     **error)
{
  NawatStoreReader *self = _nawat_store_reader_open_flags (path, SQLITE_OPEN_FULLMUTEX, error);

  if (self == NULL)
    return NULL;

  /* A keystroke counts the matches, then orders them for the page: with
   * room for what the count read (a long word of common trigrams reads
   * hundreds of pages of the index), the page reads nothing twice.
   */
  sqlite3_exec (_nawat_store_reader_get_db (self), "PRAGMA cache_size = -16384", NULL, NULL, NULL);
  return self;
}

void
_nawat_store_reader_set_progress (NawatStoreReader       *self,
                                  NawatStoreProgressFunc  func,
                                  gpointer                user_data)
{
  sqlite3_progress_handler (_nawat_store_reader_get_db (self), func != NULL ? 4000 : 0,
                            func, user_data);
}

static void
list_set_error (NawatStoreReader  *self,
                int                rc,
                GError           **error)
{
  _nawat_store_set_error (error, _nawat_store_reader_get_db (self), rc,
                          _nawat_store_reader_get_path (self));
}

static sqlite3_stmt *
list_prepare (NawatStoreReader  *self,
              const char        *sql,
              GPtrArray         *params,
              GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (_nawat_store_reader_get_db (self), sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      list_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return NULL;
    }

  bind_params (stmt, params);
  return stmt;
}

static gboolean
list_count (NawatStoreReader  *self,
            const char        *sql,
            GPtrArray         *params,
            guint             *count,
            GError           **error)
{
  sqlite3_stmt *stmt = list_prepare (self, sql, params, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      list_set_error (self, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Steps @stmt to its end, then finalizes it. */
static gboolean
list_finish (NawatStoreReader  *self,
             sqlite3_stmt      *stmt,
             int                rc,
             GError           **error)
{
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      list_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

static void
own_state_from_stmt (sqlite3_stmt *stmt,
                     int           first,
                     OwnState     *state)
{
  state->status = sqlite3_column_int (stmt, first);
  state->has_composite = sqlite3_column_type (stmt, first + 1) != SQLITE_NULL;
  state->composite = sqlite3_column_double (stmt, first + 1);
  state->seq = sqlite3_column_int64 (stmt, first + 2);
}

void
_nawat_store_list_row_free (gpointer data)
{
  RowData *row = data;

  g_free (row->id);
  g_free (row->code);
  g_free (row->title_th);
  g_free (row->title_en);
  g_free (row->organisation);
  g_free (row->province);
  g_free (row->primary_domain);
  g_free (row->snippet);
  g_clear_pointer (&row->snippet_ranges, g_array_unref);
  g_free (row);
}

static RowData *
row_data_from_stmt (sqlite3_stmt *stmt)
{
  RowData *row = g_new0 (RowData, 1);

  row->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  row->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->title_th = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  row->title_en = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->organisation = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->province = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->primary_domain = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  row->status = sqlite3_column_int (stmt, 7);
  row->composite = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 8);

  return row;
}

#define ROW_COLUMNS \
  "SELECT p.id, p.code, p.title_th, p.title_en, p.organisation, p.province," \
  " p.primary_domain, " NAWAT_STORE_STATUS_SQL ", e.composite"

/* Counts */

gboolean
_nawat_store_list_count_other_calls (NawatStoreReader  *self,
                                     const char        *call_id,
                                     guint             *count,
                                     GError           **error)
{
  g_autoptr(GPtrArray) params = params_new ();

  params_add_string (params, call_id ? call_id : "");
  return list_count (self, "SELECT count(*) FROM project_counts WHERE call != ? AND n > 0",
                     params, count, error);
}

gboolean
_nawat_store_list_count_stored (NawatStoreReader  *self,
                                const char        *call_id,
                                guint             *count,
                                GError           **error)
{
  g_autoptr(GPtrArray) params = params_new ();

  params_add_string (params, call_id ? call_id : "");
  return list_count (self, "SELECT coalesce ((SELECT n FROM project_counts WHERE call = ?), 0)",
                     params, count, error);
}

gboolean
_nawat_store_list_count_search (NawatStoreReader     *self,
                                const Query          *query,
                                gboolean             *has_words,
                                guint                *count,
                                GError              **error)
{
  g_autoptr(GString) search = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) params = params_new ();

  *has_words = _nawat_store_build_search (query->search, search_call (query), query->search_files,
                                          NAWAT_PROJECT_LIST_SEARCH_LIMIT + 1, search, words);
  if (!*has_words)
    return TRUE;

  for (guint i = 0; i < words->len; i++)
    params_add_string (params, g_ptr_array_index (words, i));
  g_string_printf (sql, "SELECT count(*) FROM (%s)", search->str);
  return list_count (self, sql->str, params, count, error);
}

gboolean
_nawat_store_list_read_assigned (NawatStoreReader    *self,
                                 const Query         *query,
                                 NawatStoreAssigned  *assigned,
                                 GError             **error)
{
  g_autoptr(GPtrArray) params = params_new ();
  g_autofree char *call_doc = g_strconcat ("call:", query->call_id ? query->call_id : "", NULL);
  guint any = 0;
  guint named = 0;

  params_add_string (params, query->call_id ? query->call_id : "");
  if (!list_count (self, "SELECT EXISTS (SELECT 1 FROM project_assigned WHERE call = ?)",
                   params, &any, error))
    return FALSE;

  g_ptr_array_set_size (params, 0);
  params_add_string (params, call_doc);
  params_add_string (params, query->evaluator);
  if (any && !list_count (self,
                          "SELECT EXISTS (SELECT 1 FROM calls c, json_each (c.json, '$.evaluators') j"
                          " WHERE c.id = ? AND j.value = ?)",
                          params, &named, error))
    return FALSE;

  *assigned = !any ? NAWAT_STORE_ASSIGNED_EVERY
                   : named ? NAWAT_STORE_ASSIGNED_LISTED : NAWAT_STORE_ASSIGNED_NONE;
  return TRUE;
}

gboolean
_nawat_store_list_count_progress (NawatStoreReader  *self,
                                  const Query       *query,
                                  guint             *n_assigned,
                                  guint             *n_submitted,
                                  GError           **error)
{
  g_autoptr(GPtrArray) params = params_new ();
  const char *call_id = query->call_id ? query->call_id : "";
  gboolean every = query->assigned == NAWAT_STORE_ASSIGNED_EVERY;

  *n_assigned = *n_submitted = 0;
  if (query->evaluator == NULL || query->assigned == NAWAT_STORE_ASSIGNED_NONE)
    return TRUE;

  /* Kept by the store's triggers (nawat-store-schema.c, version 11). */
  params_add_string (params, call_id);
  if (every && !list_count (self, "SELECT coalesce ((SELECT n FROM project_counts WHERE call = ?), 0)",
                            params, n_assigned, error))
    return FALSE;

  params_add_string (params, query->evaluator);
  if (!every && !list_count (self, "SELECT coalesce ((SELECT assigned FROM evaluator_progress"
                                   " WHERE call = ?1 AND evaluator = ?2), 0)",
                             params, n_assigned, error))
    return FALSE;

  return list_count (self,
                     every ? "SELECT coalesce ((SELECT submitted FROM evaluator_progress"
                             " WHERE call = ?1 AND evaluator = ?2), 0)"
                           : "SELECT coalesce ((SELECT submitted_assigned FROM evaluator_progress"
                             " WHERE call = ?1 AND evaluator = ?2), 0)",
                     params, n_submitted, error);
}

gboolean
_nawat_store_list_count_filtered (NawatStoreReader  *self,
                                  const Query       *query,
                                  guint             *count,
                                  GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) params = params_new ();

  build_from_where (query, TRUE, FALSE, sql, params);
  return list_count (self, sql->str, params, count, error);
}

gboolean
_nawat_store_list_count_before (NawatStoreReader  *self,
                                const Query       *query,
                                const char        *project_id,
                                const Key         *key,
                                gint64             snapshot_seq,
                                guint             *count,
                                GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) params = params_new ();
  gboolean uses_status = _nawat_store_list_query_uses_status (query);

  build_from_where (query, TRUE, uses_status, sql, params);

  if (project_id != NULL)
    {
      g_string_append (sql, " AND p.id != ?");
      params_add_string (params, project_id);
    }

  if (key != NULL)
    {
      g_autofree char *order = build_order_keys (query);
      g_autoptr(GPtrArray) values = params_new ();

      key_to_params (query, key, values);
      g_string_append_printf (sql, " AND (%s) < (?", order);
      for (guint i = 1; i < values->len; i++)
        g_string_append (sql, ", ?");
      g_string_append (sql, ")");
      for (guint i = 0; i < values->len; i++)
        g_ptr_array_add (params, g_variant_ref (g_ptr_array_index (values, i)));
    }

  if (uses_status)
    {
      g_string_append (sql, " AND coalesce (e.seq, 0) <= ?");
      params_add_int (params, snapshot_seq);
    }

  return list_count (self, sql->str, params, count, error);
}

/* Own evaluations */

gboolean
_nawat_store_list_read_own_states (NawatStoreReader        *self,
                                   const char              *evaluator,
                                   gint64                   since_seq,
                                   NawatStoreOwnStateFunc   func,
                                   gpointer                 user_data,
                                   GError                 **error)
{
  g_autoptr(GPtrArray) params = params_new ();
  sqlite3_stmt *stmt;
  int rc;

  params_add_int (params, since_seq);
  params_add_string (params, evaluator);
  stmt = list_prepare (self,
                       "SELECT e.project, " NAWAT_STORE_STATUS_SQL ", e.composite, e.seq"
                       " FROM evaluations e WHERE e.seq > ? AND e.evaluator = ?",
                       params, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwnState state;

      own_state_from_stmt (stmt, 1, &state);
      func ((const char *) sqlite3_column_text (stmt, 0), &state, user_data);
    }
  return list_finish (self, stmt, rc, error);
}

gboolean
_nawat_store_list_get_last_seq (NawatStoreReader  *self,
                                guint             *seq,
                                GError           **error)
{
  g_autoptr(GPtrArray) none = params_new ();

  return list_count (self, "SELECT coalesce (max (seq), 0) FROM evaluations", none, seq, error);
}

/* Search snippets */

/* Characters of a snippet: more than a row shows even when wide. */
#define SNIPPET_CHARS 120

/* The texts of a project a search reads besides its title, in the order
 * a snippet is taken from them.
 */
#define SNIPPET_TEXTS_SQL \
  "SELECT json_extract (p.json, '$.summary.th'), json_extract (p.json, '$.summary.en')," \
  " (SELECT n.names FROM project_partners n WHERE n.pk = p.pk) FROM projects p WHERE p.id = ?"

/* Which text of @row matched @words the title shown (in @lang) lacks:
 * its snippet into @row.  @stmt reads the texts the row does not hold.
 */
static gboolean
add_snippet (NawatStoreReader  *self,
             sqlite3_stmt      *stmt,
             const char        *lang,
             RowData           *row,
             GPtrArray         *words,
             GError           **error)
{
  gboolean th = g_strcmp0 (lang, "th") == 0;
  const char *texts[] = {
    row->organisation,
    th ? row->title_en : row->title_th,
    NULL, NULL, NULL,
  };
  const int matches[] = {
    NAWAT_PROJECT_MATCH_ORGANISATION,
    NAWAT_PROJECT_MATCH_TITLE,
    NAWAT_PROJECT_MATCH_SUMMARY,
    NAWAT_PROJECT_MATCH_SUMMARY,
    NAWAT_PROJECT_MATCH_PARTNERS,
  };
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (i == 2)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_text (stmt, 1, row->id, -1, SQLITE_TRANSIENT);
          rc = sqlite3_step (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              list_set_error (self, rc, error);
              return FALSE;
            }
          if (rc == SQLITE_DONE)
            break;
          texts[2] = (const char *) sqlite3_column_text (stmt, th ? 0 : 1);
          texts[3] = (const char *) sqlite3_column_text (stmt, th ? 1 : 0);
          texts[4] = (const char *) sqlite3_column_text (stmt, 2);
        }

      row->snippet_ranges = g_array_new (FALSE, FALSE, sizeof (NawatTextRange));
      row->snippet = nawat_text_snippet (texts[i], (const char * const *) words->pdata,
                                         SNIPPET_CHARS, row->snippet_ranges);
      if (row->snippet != NULL)
        {
          row->match = matches[i];
          return TRUE;
        }
      g_clear_pointer (&row->snippet_ranges, g_array_unref);
    }

  return TRUE;
}

/* Why each of @rows matched @query's search, when the title each shows
 * does not hold every word: a snippet of another of its texts.
 */
static gboolean
add_snippets (NawatStoreReader  *self,
              const Query       *query,
              GPtrArray         *rows,
              GError           **error)
{
  g_auto(GStrv) words = _nawat_search_words (query->search);
  g_autoptr(GPtrArray) no_params = params_new ();
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < rows->len; i++)
    {
      RowData *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();
      const char *title = g_strcmp0 (query->lang, "th") == 0
        ? (row->title_th != NULL ? row->title_th : row->title_en)
        : (row->title_en != NULL ? row->title_en : row->title_th);

      for (guint w = 0; words[w] != NULL; w++)
        if (!nawat_text_contains_folded (title, words[w]))
          g_ptr_array_add (missing, words[w]);
      if (missing->len == 0)
        continue;
      g_ptr_array_add (missing, NULL);

      if (stmt == NULL)
        stmt = list_prepare (self, SNIPPET_TEXTS_SQL, no_params, error);
      ok = stmt != NULL && add_snippet (self, stmt, query->lang, row, missing, error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

/* Rows */

gboolean
_nawat_store_list_read_page (NawatStoreReader  *self,
                             const Query       *query,
                             guint              page,
                             GPtrArray        **rows,
                             GError           **error)
{
  g_autoptr(GString) sql = g_string_new (ROW_COLUMNS);
  g_autoptr(GPtrArray) params = params_new ();
  g_autofree char *keys = build_order_keys (query);
  sqlite3_stmt *stmt;
  int rc;

  if (_nawat_store_list_query_uses_status (query))
    {
      build_from_where (query, TRUE, TRUE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?", keys);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) page * NAWAT_PROJECT_LIST_PAGE_SIZE);
    }
  else if (_nawat_store_list_query_is_search_only (query) &&
           query->sort == NAWAT_PROJECT_SORT_CODE)
    {
      g_autoptr(GString) inner = g_string_new (NULL);

      /* A thousand matches are ordered in a narrow index of (key, call,
       * code), then the page's rows alone and their own evaluations are
       * read.
       */
      build_from_where (query, TRUE, FALSE, inner, params);
      g_string_replace (inner, " FROM project_list p",
                        " FROM project_list p INDEXED BY project_list_order_code", 1);
      g_string_append_printf (sql, " FROM (SELECT p.pk%s ORDER BY p.code LIMIT ? OFFSET ?) AS s"
                              " JOIN project_list p ON p.pk = s.pk"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY p.code", inner->str);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_string (params, query->evaluator);
    }
  else
    {
      /* The order does not depend on the evaluations: pick the page's
       * rows first, then look up the own evaluation of those alone.
       */
      g_string_append (sql, " FROM (SELECT p.id, p.code, p.title_th, p.title_en,"
                       " p.organisation, p.province, p.primary_domain, p.sort_th, p.sort_en");
      build_from_where (query, TRUE, FALSE, sql, params);
      g_string_append_printf (sql, " ORDER BY %s LIMIT ? OFFSET ?) AS p"
                              " LEFT JOIN evaluations e ON e.project = p.id AND e.evaluator = ?"
                              " ORDER BY %s", keys, keys);
      params_add_int (params, NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_int (params, (gint64) page * NAWAT_PROJECT_LIST_PAGE_SIZE);
      params_add_string (params, query->evaluator);
    }

  stmt = list_prepare (self, sql->str, params, error);
  if (stmt == NULL)
    return FALSE;

  *rows = g_ptr_array_new_with_free_func (_nawat_store_list_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (*rows, row_data_from_stmt (stmt));
  return list_finish (self, stmt, rc, error) &&
         (query->search == NULL || add_snippets (self, query, *rows, error));
}

gboolean
_nawat_store_list_read_recent (NawatStoreReader      *self,
                               const Query           *query,
                               gint64                 since_seq,
                               NawatStoreRecentFunc   func,
                               gpointer               user_data,
                               GError               **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) params = params_new ();
  sqlite3_stmt *stmt;
  int rc;

  if (query->evaluator == NULL)
    return TRUE;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT p.id, p.code, %s, " NAWAT_STORE_STATUS_SQL
                          ", e.composite, e.seq", sort_title_column (query));
  build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND e.seq > ?");
  params_add_int (params, since_seq);

  stmt = list_prepare (self, sql->str, params, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OwnState stored;

      own_state_from_stmt (stmt, 3, &stored);
      func ((const char *) sqlite3_column_text (stmt, 0),
            (const char *) sqlite3_column_text (stmt, 1),
            (const char *) sqlite3_column_text (stmt, 2), &stored, user_data);
    }
  return list_finish (self, stmt, rc, error);
}

gboolean
_nawat_store_list_read_project (NawatStoreReader   *self,
                                const Query        *query,
                                const char         *project_id,
                                RowData           **row,
                                char              **sort_title,
                                gint64             *seq,
                                GError            **error)
{
  g_autoptr(GString) sql = g_string_new (ROW_COLUMNS);
  g_autoptr(GPtrArray) params = params_new ();
  sqlite3_stmt *stmt;
  int rc;

  *row = NULL;
  g_string_append_printf (sql, ", %s, e.seq", sort_title_column (query));
  build_from_where (query, FALSE, TRUE, sql, params);
  g_string_append (sql, " AND p.pk = (SELECT pk FROM projects WHERE id = ?)");
  params_add_string (params, project_id);

  stmt = list_prepare (self, sql->str, params, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *row = row_data_from_stmt (stmt);
      *sort_title = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      *seq = sqlite3_column_int64 (stmt, 10);
      rc = SQLITE_DONE;
    }
  return list_finish (self, stmt, rc, error);
}
