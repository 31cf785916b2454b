/* nawat-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-export.h"

#include "nawat-codec.h"
#include "nawat-evaluation-fields.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-stats.h"
#include "nawat-store-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

/* Exports read the store through their own read-only SQLite connection,
 * inside one read transaction: the export is a consistent snapshot even
 * while the application keeps saving (WAL lets readers and the writer run
 * side by side), and the store's own connection is never held for the
 * length of an export.  Rows are streamed project by project, so memory
 * does not grow with the call.  Composite scores are computed here from the
 * evaluation documents with the rubric, never taken from the store's cached
 * columns, so that every report agrees with DOMAIN.md's definition.
 */

#define FLUSH_SIZE (64 * 1024)

typedef struct
{
  NawatStore    *store;
  sqlite3       *db;
  sqlite3_stmt  *projects;
  sqlite3_stmt  *evaluations;
  NawatCall     *call;
  NawatRubric   *rubric;
  char         **keys;
  /* rubric id → NawatRubric, for evaluations made with another rubric */
  GHashTable    *rubrics;
  GOutputStream *output;
  GCancellable  *cancellable;
  GString       *buffer;
  /* the JSON portfolio's ranks and disagreement flags */
  NawatCallRanks *ranks;
} Export;

static void
export_clear (Export *e)
{
  /* Its statements go before the connection they were made on. */
  g_clear_pointer (&e->ranks, _nawat_call_ranks_free);
  g_clear_pointer (&e->projects, sqlite3_finalize);
  g_clear_pointer (&e->evaluations, sqlite3_finalize);
  if (e->db != NULL)
    {
      sqlite3_exec (e->db, "COMMIT", NULL, NULL, NULL);
      g_clear_pointer (&e->db, sqlite3_close);
    }
  g_clear_object (&e->call);
  g_clear_object (&e->rubric);
  g_clear_pointer (&e->keys, g_strfreev);
  g_clear_pointer (&e->rubrics, g_hash_table_unref);
  if (e->buffer != NULL)
    g_string_free (g_steal_pointer (&e->buffer), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static void
set_db_error (GError     **error,
              sqlite3     *db,
              const char  *path)
{
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
               _("Cannot read the store %s: %s"),
               path, db != NULL ? sqlite3_errmsg (db) : _("out of memory"));
}

static gboolean
export_prepare (Export      *e,
                const char  *sql,
                sqlite3_stmt **stmt,
                GError     **error)
{
  if (sqlite3_prepare_v2 (e->db, sql, -1, stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, e->db, nawat_store_get_path (e->store));
      return FALSE;
    }
  return TRUE;
}

static NawatRubric *
ref_default_rubric (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();

  return rubric != NULL ? g_object_ref (rubric) : NULL;
}

static gboolean
export_init (Export         *e,
             NawatStore     *store,
             const char     *call_id,
             GOutputStream  *output,
             GCancellable   *cancellable,
             GError        **error)
{
  const char *path = nawat_store_get_path (store);
  g_autofree char *call_doc_id = g_strconcat ("call:", call_id, NULL);

  memset (e, 0, sizeof *e);
  e->store = store;
  e->output = output;
  e->cancellable = cancellable;
  e->buffer = g_string_sized_new (FLUSH_SIZE + 16 * 1024);
  e->rubrics = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  e->call = nawat_store_get_call (store, call_doc_id, error);
  if (e->call == NULL)
    return FALSE;

  e->rubric = nawat_store_get_call_rubric (store, e->call, error);
  if (e->rubric == NULL)
    return FALSE;
  e->keys = nawat_rubric_dup_score_keys (e->rubric);
  g_hash_table_insert (e->rubrics,
                       g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (e->rubric))),
                       g_object_ref (e->rubric));

  e->db = _nawat_store_open_reader (path, SQLITE_OPEN_NOMUTEX, error);
  if (e->db == NULL)
    return FALSE;
  if (sqlite3_exec (e->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (error, e->db, path);
      return FALSE;
    }

  /* Both follow an index: (call, code) and (project, evaluator). */
  if (!export_prepare (e, "SELECT id, code, title_th, title_en, province, primary_domain, "
                          "json_extract (json, '$.domains') "
                          "FROM projects WHERE call = ? ORDER BY call, code",
                       &e->projects, error) ||
      !export_prepare (e, "SELECT json FROM evaluations WHERE project = ? "
                          "ORDER BY project, evaluator",
                       &e->evaluations, error))
    return FALSE;

  sqlite3_bind_text (e->projects, 1, call_id, -1, SQLITE_TRANSIENT);
  return TRUE;
}

static gboolean
export_flush (Export  *e,
              gsize    threshold,
              GError **error)
{
  if (e->buffer->len == 0 || e->buffer->len < threshold)
    return TRUE;
  if (!g_output_stream_write_all (e->output, e->buffer->str, e->buffer->len,
                                  NULL, e->cancellable, error))
    return FALSE;
  g_string_truncate (e->buffer, 0);
  return TRUE;
}

/* The next project row: TRUE with a row, FALSE at the end or on error. */
static gboolean
export_next_project (Export   *e,
                     gboolean *done,
                     GError  **error)
{
  int rc = sqlite3_step (e->projects);

  *done = rc == SQLITE_DONE;
  if (rc == SQLITE_ROW)
    return TRUE;
  if (!*done)
    set_db_error (error, e->db, nawat_store_get_path (e->store));
  return FALSE;
}

static NawatRubric *
export_rubric_for (Export          *e,
                   NawatEvaluation *evaluation)
{
  const char *id = nawat_evaluation_get_rubric (evaluation);
  NawatRubric *rubric;

  if (id == NULL)
    return e->rubric;
  rubric = g_hash_table_lookup (e->rubrics, id);
  if (rubric == NULL)
    {
      rubric = nawat_store_get_rubric (e->store, id, NULL);
      if (rubric == NULL && g_str_equal (id, NAWAT_DEFAULT_RUBRIC_ID))
        rubric = ref_default_rubric ();
      if (rubric == NULL)
        return e->rubric;
      g_hash_table_insert (e->rubrics, g_strdup (id), rubric);
    }
  return rubric;
}

/* The evaluations of @project_id, parsed, ordered by evaluator. */
static GPtrArray *
export_list_evaluations (Export      *e,
                         const char  *project_id,
                         GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  sqlite3_reset (e->evaluations);
  sqlite3_bind_text (e->evaluations, 1, project_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (e->evaluations)) == SQLITE_ROW)
    {
      const char *json = (const char *) sqlite3_column_text (e->evaluations, 0);
      int length = sqlite3_column_bytes (e->evaluations, 0);
      g_autoptr(NawatDocument) doc = nawat_codec_from_data (json, length, error);

      if (doc == NULL)
        return NULL;
      if (!NAWAT_IS_EVALUATION (doc))
        continue;
      g_ptr_array_add (list, g_steal_pointer (&doc));
    }
  sqlite3_reset (e->evaluations);
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, e->db, nawat_store_get_path (e->store));
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Numbers: at most four decimals, '.' whatever the locale, no trailing
 * zeros ("75", "73.3333", "0.5").
 */
static void
append_number (GString *s,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  g_ascii_formatd (buf, sizeof buf, "%.4f", value);
  if (strchr (buf, '.') != NULL)
    {
      end = buf + strlen (buf) - 1;
      while (*end == '0')
        *end-- = '\0';
      if (*end == '.')
        *end = '\0';
    }
  if (g_str_equal (buf, "-0"))
    g_strlcpy (buf, "0", sizeof buf);
  g_string_append (s, buf);
}

/* JSON */

static void
append_json_string (GString    *s,
                    const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str != NULL ? str : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      gsize run = 0;

      /* Copy the bytes that need no escape in one go. */
      while (p[run] != '\0' && p[run] != '"' && p[run] != '\\' && (guchar) p[run] >= 0x20)
        run++;
      if (run > 0)
        {
          g_string_append_len (s, p, run);
          p += run - 1;
          continue;
        }

      switch (c)
        {
        case '"':
          g_string_append (s, "\\\"");
          break;
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (s, "\\u%04x", c);
          else
            g_string_append_c (s, (char) c);
        }
    }
  g_string_append_c (s, '"');
}

static void
append_json_string_or_null (GString    *s,
                            const char *str)
{
  if (str == NULL)
    g_string_append (s, "null");
  else
    append_json_string (s, str);
}

/* The members of the stored evaluation that the portfolio has not written
 * already, as they are stored (the codec's order, then the members it
 * keeps as JSON): none is lost on the way out, whatever newer version of
 * Nawat wrote it.  Its bookkeeping ("_rev", "type", "schema") stays out.
 */
static void
append_json_members (GString         *s,
                     NawatEvaluation *evaluation)
{
  static const char * const written[] = {
    "evaluator", "status", "scores", "composite", "completeness",
    "_rev", "type", "schema", NULL,
  };
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *value = NULL;

      if (g_strv_contains (written, name))
        continue;
      value = json_to_string (member, FALSE);
      g_string_append_c (s, ',');
      append_json_string (s, name);
      g_string_append_c (s, ':');
      g_string_append (s, value);
    }
}

static void
append_json_evaluation (Export          *e,
                        GString         *s,
                        NawatEvaluation *evaluation,
                        NawatScore      *out_score)
{
  NawatRubric *rubric = export_rubric_for (e, evaluation);
  g_auto(GStrv) keys = rubric == e->rubric ? NULL : nawat_rubric_dup_score_keys (rubric);
  char **score_keys = keys != NULL ? keys : e->keys;
  NawatScore score;

  nawat_scoring_compute (rubric, evaluation, &score);
  *out_score = score;

  g_string_append (s, "{\"evaluator\":");
  append_json_string (s, nawat_evaluation_get_evaluator (evaluation));
  g_string_append (s, ",\"status\":");
  append_json_string (s, nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  g_string_append (s, ",\"scores\":{");
  for (guint i = 0; score_keys[i] != NULL; i++)
    {
      double value;

      if (i > 0)
        g_string_append_c (s, ',');
      append_json_string (s, score_keys[i]);
      g_string_append_c (s, ':');
      if (nawat_evaluation_get_score (evaluation, score_keys[i], &value))
        append_number (s, value);
      else
        g_string_append (s, "null");
    }
  g_string_append (s, "},\"composite\":");
  if (score.complete)
    append_number (s, score.composite);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"completeness\":");
  append_number (s, score.completeness);
  append_json_members (s, evaluation);
  g_string_append_c (s, '}');
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* "rank" (by mean composite, 1224 ranking, null when unscored),
 * "rank_tied", "rank_z" and "z_mean" (by normalised score), "disagreement"
 * and "disagreement_reasons" (translated sentences).
 */
static gboolean
append_json_project_stats (Export      *e,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) reasons = NULL;
  NawatProjectRank p;
  GString *s = e->buffer;

  /* Only the ranks are kept per project for the whole export. */
  if (!_nawat_call_ranks_next (e->ranks, id, &p, &reasons, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_string_append (s, ",\"rank\":");
  if (p.rank_mean > 0)
    g_string_append_printf (s, "%u", p.rank_mean);
  else
    g_string_append (s, "null");
  g_string_append (s, p.rank_mean_tied ? ",\"rank_tied\":true" : ",\"rank_tied\":false");
  g_string_append (s, ",\"rank_z\":");
  if (p.rank_z > 0)
    g_string_append_printf (s, "%u", p.rank_z);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"z_mean\":");
  if (isnan (p.z_mean))
    g_string_append (s, "null");
  else
    append_number (s, p.z_mean);
  g_string_append (s, p.disagreement ? ",\"disagreement\":true" : ",\"disagreement\":false");
  g_string_append (s, ",\"disagreement_reasons\":[");
  for (guint i = 0; reasons != NULL && reasons[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      append_json_string (s, reasons[i]);
    }
  g_string_append_c (s, ']');
  return TRUE;
}

/* The project's columns come from the store's indexed copy of the
 * document; its domains, an array of keys the codec checked on the way
 * in, are copied as the JSON text they are stored as.
 */
static gboolean
append_json_project (Export   *e,
                     gboolean  first,
                     GError  **error)
{
  const char *id = column_text (e->projects, 0);
  const char *title_th = column_text (e->projects, 2);
  const char *title_en = column_text (e->projects, 3);
  const char *domains = column_text (e->projects, 6);
  g_autoptr(GPtrArray) evaluations = NULL;
  GString *s = e->buffer;
  double sum = 0;
  guint n_complete = 0;

  evaluations = export_list_evaluations (e, id, error);
  if (evaluations == NULL)
    return FALSE;

  g_string_append (s, first ? "\n{\"_id\":" : ",\n{\"_id\":");
  append_json_string (s, id);
  g_string_append (s, ",\"code\":");
  append_json_string (s, column_text (e->projects, 1));
  g_string_append (s, ",\"title\":{");
  if (title_th != NULL)
    {
      g_string_append (s, "\"th\":");
      append_json_string (s, title_th);
    }
  if (title_en != NULL)
    {
      g_string_append (s, title_th != NULL ? ",\"en\":" : "\"en\":");
      append_json_string (s, title_en);
    }
  g_string_append (s, "},\"domains\":");
  g_string_append (s, domains != NULL && domains[0] == '[' ? domains : "[]");
  g_string_append (s, ",\"province\":");
  append_json_string_or_null (s, column_text (e->projects, 4));
  g_string_append (s, ",\"evaluations\":[");
  for (guint i = 0; i < evaluations->len; i++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, i);
      NawatScore score;

      if (i > 0)
        g_string_append_c (s, ',');
      append_json_evaluation (e, s, evaluation, &score);
      if (score.complete)
        {
          sum += score.composite;
          n_complete++;
        }
    }
  g_string_append (s, "],\"composite_mean\":");
  if (n_complete > 0)
    append_number (s, sum / n_complete);
  else
    g_string_append (s, "null");
  if (!append_json_project_stats (e, id, error))
    return FALSE;
  g_string_append_c (s, '}');
  return TRUE;
}

static void
append_call_json (Export *e)
{
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (e->call));
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, NULL);
  g_string_append (e->buffer, data);
}

gboolean
nawat_export_portfolio_json (NawatStore     *store,
                             const char     *call_id,
                             GOutputStream  *output,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_auto(Export) e = { NULL };
  gboolean first = TRUE;
  gboolean done = FALSE;

  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!export_init (&e, store, call_id, output, cancellable, error))
    return FALSE;
  /* Ranks need the whole call: they come first, from the snapshot the
   * export reads, as two numbers per project.
   */
  e.ranks = _nawat_call_ranks_compute (e.db, e.rubric, call_id, NAWAT_STATS_DEFAULT_THRESHOLD,
                                       cancellable, error);
  if (e.ranks == NULL)
    return FALSE;

  g_string_append (e.buffer, "{\"call\":");
  append_call_json (&e);
  g_string_append (e.buffer, ",\"projects\":[");

  while (export_next_project (&e, &done, error))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !append_json_project (&e, first, error) ||
          !export_flush (&e, FLUSH_SIZE, error))
        return FALSE;
      first = FALSE;
    }
  if (!done)
    return FALSE;

  g_string_append (e.buffer, "\n]}\n");
  return export_flush (&e, 0, error) && g_output_stream_flush (output, cancellable, error);
}

/* CSV (RFC 4180) */

/* Appends a text cell.  A spreadsheet runs a cell that starts with one of
 * these as a formula (=HYPERLINK(…), or a command through DDE): as OWASP
 * recommends, such a cell gets a leading ' and is read as text.  Numbers
 * never come through here (append_number()), so a numeric column stays
 * numeric, negative numbers included.
 */
static void
append_csv_field (GString    *s,
                  const char *value)
{
  gboolean formula;

  if (value == NULL)
    return;
  formula = *value != '\0' && strchr ("=+-@\t\r", *value) != NULL;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      if (formula)
        g_string_append_c (s, '\'');
      g_string_append (s, value);
      return;
    }
  g_string_append_c (s, '"');
  if (formula)
    g_string_append_c (s, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* The evaluation's columns are those of its members with a CSV column
 * (nawat-evaluation-fields.c), in the table's order: the ones the
 * evaluation holds in properties through its accessors, the others (kept as
 * JSON) from the two columns of each that append_csv_members_sql() adds to
 * the query: their text, number or true/false, an object or an array as
 * compact JSON, nothing for null.
 */
static void
append_csv_header (Export *e)
{
  static const char * const project_columns[] = {
    "project_id", "code", "title_th", "title_en", "province", "primary_domain",
  };
  const NawatEvaluationField *fields;
  guint n_fields;

  for (guint i = 0; i < G_N_ELEMENTS (project_columns); i++)
    {
      if (i > 0)
        g_string_append_c (e->buffer, ',');
      g_string_append (e->buffer, project_columns[i]);
    }
  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].csv_column != NULL)
      {
        g_string_append_c (e->buffer, ',');
        append_csv_field (e->buffer, fields[i].csv_column);
      }
  g_string_append (e->buffer, ",completeness,composite");
  for (guint i = 0; e->keys[i] != NULL; i++)
    {
      g_string_append_c (e->buffer, ',');
      append_csv_field (e->buffer, e->keys[i]);
    }
  g_string_append (e->buffer, "\r\n");
}

/* The six project columns of the current row of @stmt. */
static void
append_csv_project (Export       *e,
                    sqlite3_stmt *stmt)
{
  for (int column = 0; column < 6; column++)
    {
      if (column > 0)
        g_string_append_c (e->buffer, ',');
      append_csv_field (e->buffer, column_text (stmt, column));
    }
}

/* The cells of the members the evaluation holds in properties. */
typedef struct
{
  const char *evaluator;
  const char *status;
  const char *recommendation;
  gboolean    conflict;
} CsvTyped;

static void
append_csv_typed_cell (GString        *s,
                       const char     *name,
                       const CsvTyped *typed)
{
  if (g_str_equal (name, "evaluator"))
    append_csv_field (s, typed->evaluator);
  else if (g_str_equal (name, "status"))
    append_csv_field (s, typed->status);
  else if (g_str_equal (name, "recommendation"))
    append_csv_field (s, typed->recommendation);
  else if (g_str_equal (name, "conflict_of_interest"))
    g_string_append (s, typed->conflict ? "true" : "false");
  else
    g_assert_not_reached ();
}

/* A member kept as JSON, from its two columns of the query's row: its
 * json_type() and its json_extract().
 */
static void
append_csv_json_cell (GString      *s,
                      sqlite3_stmt *rows,
                      int           column)
{
  const char *type = column_text (rows, column);

  if (type == NULL || g_str_equal (type, "null"))
    return;
  if (g_str_equal (type, "true") || g_str_equal (type, "false"))
    g_string_append (s, type);
  else if (g_str_equal (type, "integer"))
    g_string_append_printf (s, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (rows, column + 1));
  else if (g_str_equal (type, "real"))
    append_number (s, sqlite3_column_double (rows, column + 1));
  else
    append_csv_field (s, column_text (rows, column + 1));
}

/* The columns of the evaluation's members, each after a comma, then the
 * comma before the completeness; @first_json_column is the first column of
 * the members kept as JSON in @rows.
 */
static void
append_csv_members (GString        *s,
                    const CsvTyped *typed,
                    sqlite3_stmt   *rows,
                    int             first_json_column)
{
  const NawatEvaluationField *fields;
  guint n_fields;
  int column = first_json_column;

  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].csv_column == NULL)
        continue;
      g_string_append_c (s, ',');
      if (fields[i].typed)
        append_csv_typed_cell (s, fields[i].name, typed);
      else
        {
          append_csv_json_cell (s, rows, column);
          column += 2;
        }
    }
  g_string_append_c (s, ',');
}

/* For each member with a CSV column that the evaluation keeps as JSON, its
 * two columns (append_csv_json_cell()) read from the JSON text @json.
 */
static void
append_csv_members_sql (GString    *sql,
                        const char *json)
{
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].csv_column != NULL && !fields[i].typed)
      {
        g_assert (strpbrk (fields[i].name, "'\"\\") == NULL);
        g_string_append_printf (sql, ", json_type (%s, '$.\"%s\"'), json_extract (%s, '$.\"%s\"')",
                                json, fields[i].name, json, fields[i].name);
      }
}

/* The row of @evaluation, parsed; @stmt's row holds its project and, from
 * @first_json_column on, its members kept as JSON.
 */
static void
append_csv_evaluation (Export          *e,
                       sqlite3_stmt    *stmt,
                       int              first_json_column,
                       NawatEvaluation *evaluation)
{
  GString *s = e->buffer;
  NawatRecommendation recommendation = nawat_evaluation_get_recommendation (evaluation);
  CsvTyped typed = {
    .evaluator = nawat_evaluation_get_evaluator (evaluation),
    .status = nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)),
    .recommendation = recommendation != NAWAT_RECOMMENDATION_NONE
                      ? nawat_recommendation_to_string (recommendation) : NULL,
    .conflict = nawat_evaluation_get_conflict_declared (evaluation),
  };
  NawatScore score;

  nawat_scoring_compute (export_rubric_for (e, evaluation), evaluation, &score);

  append_csv_project (e, stmt);
  append_csv_members (s, &typed, stmt, first_json_column);
  append_number (s, score.completeness);
  g_string_append_c (s, ',');
  if (score.complete)
    append_number (s, score.composite);
  for (guint i = 0; e->keys[i] != NULL; i++)
    {
      double value;

      g_string_append_c (s, ',');
      if (nawat_evaluation_get_score (evaluation, e->keys[i], &value))
        append_number (s, value);
    }
  g_string_append (s, "\r\n");
}

/* The CSV rows come from one query over the call's evaluations joined to
 * their projects, in the order of the indexes (call, code) and (project,
 * evaluator).  The scores leave SQLite as one small JSON array per row
 * (json_extract), and the composite comes from a flat copy of the rubric
 * that computes exactly what nawat_scoring_compute() does: no evaluation
 * document is parsed whole, which is most of the cost of an export.  An
 * evaluation made with another rubric than the call's goes through the
 * codec as before.
 */
enum
{
  CSV_ID, CSV_CODE, CSV_TITLE_TH, CSV_TITLE_EN, CSV_PROVINCE, CSV_PRIMARY_DOMAIN,
  CSV_EVALUATION_ID, CSV_EVALUATOR, CSV_STATUS, CSV_RECOMMENDATION, CSV_CONFLICT,
  CSV_RUBRIC, CSV_SCORES,
  /* then two per member with a CSV column kept as JSON */
  CSV_MEMBERS,
};

static gboolean
append_csv_slow_row (Export        *e,
                     sqlite3_stmt  *rows,
                     sqlite3_stmt  *by_id,
                     GError       **error)
{
  g_autoptr(NawatDocument) doc = NULL;
  int rc;

  sqlite3_reset (by_id);
  sqlite3_bind_text (by_id, 1, column_text (rows, CSV_EVALUATION_ID), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (by_id);
  if (rc != SQLITE_ROW)
    {
      set_db_error (error, e->db, nawat_store_get_path (e->store));
      return FALSE;
    }
  doc = nawat_codec_from_data ((const char *) sqlite3_column_text (by_id, 0),
                               sqlite3_column_bytes (by_id, 0), error);
  sqlite3_reset (by_id);
  if (doc == NULL)
    return FALSE;
  if (NAWAT_IS_EVALUATION (doc))
    append_csv_evaluation (e, rows, CSV_MEMBERS, NAWAT_EVALUATION (doc));
  return TRUE;
}

static void
append_csv_row (Export          *e,
                sqlite3_stmt    *rows,
                NawatRubricPlan *plan,
                double          *scores)
{
  GString *s = e->buffer;
  CsvTyped typed = {
    .evaluator = column_text (rows, CSV_EVALUATOR),
    .status = column_text (rows, CSV_STATUS),
    .recommendation = column_text (rows, CSV_RECOMMENDATION),
    .conflict = sqlite3_column_int (rows, CSV_CONFLICT) != 0,
  };
  guint n_keys = _nawat_rubric_plan_get_n_keys (plan);
  NawatScore score;

  _nawat_rubric_plan_parse (plan, column_text (rows, CSV_SCORES), scores);
  _nawat_rubric_plan_score (plan, scores, typed.conflict, &score);

  append_csv_project (e, rows);
  append_csv_members (s, &typed, rows, CSV_MEMBERS);
  append_number (s, score.completeness);
  g_string_append_c (s, ',');
  if (score.complete)
    append_number (s, score.composite);
  for (guint i = 0; i < n_keys; i++)
    {
      g_string_append_c (s, ',');
      if (!isnan (scores[i]))
        append_number (s, scores[i]);
    }
  g_string_append (s, "\r\n");
}

static gboolean
export_csv_rows (Export        *e,
                 const char    *call_id,
                 GError       **error)
{
  g_autoptr(NawatRubricPlan) plan = _nawat_rubric_plan_new (e->rubric);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree double *scores = g_new (double, MAX (_nawat_rubric_plan_get_n_keys (plan), 1));
  const char *rubric_id = nawat_document_get_id (NAWAT_DOCUMENT (e->rubric));
  sqlite3_stmt *rows = NULL;
  sqlite3_stmt *by_id = NULL;
  gboolean ok = FALSE;
  guint n = 0;
  int rc;

  g_string_append (sql, "SELECT p.id, p.code, p.title_th, p.title_en, p.province, p.primary_domain, "
                        "e.id, e.evaluator, e.status, json_extract (e.json, '$.recommendation'), "
                        "json_extract (e.json, '$.conflict_of_interest.declared'), "
                        "json_extract (e.json, '$.rubric'), ");
  _nawat_rubric_plan_append_sql (plan, sql, "e.json");
  append_csv_members_sql (sql, "e.json");
  g_string_append (sql, " FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
                        "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator");
  if (!export_prepare (e, sql->str, &rows, error) ||
      !export_prepare (e, "SELECT json FROM evaluations WHERE id = ?", &by_id, error))
    goto out;
  sqlite3_bind_text (rows, 1, call_id, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      const char *rubric = column_text (rows, CSV_RUBRIC);

      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (e->cancellable, error))
        goto out;
      if (rubric == NULL || g_strcmp0 (rubric, rubric_id) == 0)
        append_csv_row (e, rows, plan, scores);
      else if (!append_csv_slow_row (e, rows, by_id, error))
        goto out;
      if (!export_flush (e, FLUSH_SIZE, error))
        goto out;
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, e->db, nawat_store_get_path (e->store));
      goto out;
    }
  ok = TRUE;

out:
  g_clear_pointer (&rows, sqlite3_finalize);
  g_clear_pointer (&by_id, sqlite3_finalize);
  return ok;
}

gboolean
nawat_export_portfolio_csv (NawatStore     *store,
                            const char     *call_id,
                            GOutputStream  *output,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_auto(Export) e = { NULL };

  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!export_init (&e, store, call_id, output, cancellable, error))
    return FALSE;

  append_csv_header (&e);
  if (!export_csv_rows (&e, call_id, error))
    return FALSE;

  return export_flush (&e, 0, error) && g_output_stream_flush (output, cancellable, error);
}
