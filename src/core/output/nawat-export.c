/* nawat-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-export.h"

#include "nawat-codec-private.h"
#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-evaluation-fields.h"
#include "nawat-merge.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-stats.h"
#include "nawat-store-read-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Exports read the store through a reader of their own (a read-only
 * connection),
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
  NawatStoreReader *reader;
  NawatStoreCursor *projects;
  /* the projects' current row */
  NawatStoreRow  project;
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
  /* the JSON portfolio's projects and budget per reach level */
  NawatReachTotal reach_totals[NAWAT_N_REACH + 1];
} Export;

static void
export_clear (Export *e)
{
  /* What reads through the reader goes before it. */
  g_clear_pointer (&e->ranks, _nawat_call_ranks_free);
  g_clear_pointer (&e->projects, _nawat_store_cursor_close);
  g_clear_pointer (&e->reader, _nawat_store_reader_free);
  g_clear_object (&e->call);
  g_clear_object (&e->rubric);
  g_clear_pointer (&e->keys, g_strfreev);
  g_clear_pointer (&e->rubrics, g_hash_table_unref);
  if (e->buffer != NULL)
    g_string_free (g_steal_pointer (&e->buffer), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

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

  e->reader = _nawat_store_reader_open (nawat_store_get_path (store), error);
  return e->reader != NULL && _nawat_store_reader_begin (e->reader, error);
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
  GError *read_error = NULL;

  if (_nawat_store_cursor_next (e->projects, &e->project, &read_error))
    return TRUE;
  *done = read_error == NULL;
  if (read_error != NULL)
    g_propagate_error (error, read_error);
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
  g_autoptr(NawatStoreCursor) cursor = NULL;
  GError *read_error = NULL;
  NawatStoreRow row;

  cursor = _nawat_store_reader_query (e->reader, NAWAT_STORE_READ_PROJECT_EVALUATIONS, project_id,
                                      &read_error);
  while (cursor != NULL && _nawat_store_cursor_next (cursor, &row, &read_error))
    {
      g_autoptr(NawatDocument) doc = nawat_codec_from_data (row.json, row.json_length, error);

      if (doc == NULL)
        return NULL;
      if (!NAWAT_IS_EVALUATION (doc))
        continue;
      g_ptr_array_add (list, g_steal_pointer (&doc));
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
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
append_json_string_or_null (GString    *s,
                            const char *str)
{
  if (str == NULL)
    g_string_append (s, "null");
  else
    _nawat_codec_append_string (s, str);
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
      _nawat_codec_append_string (s, name);
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
  _nawat_codec_append_string (s, nawat_evaluation_get_evaluator (evaluation));
  g_string_append (s, ",\"status\":");
  _nawat_codec_append_string (s, nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  g_string_append (s, ",\"scores\":{");
  for (guint i = 0; score_keys[i] != NULL; i++)
    {
      double value;

      if (i > 0)
        g_string_append_c (s, ',');
      _nawat_codec_append_string (s, score_keys[i]);
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
      _nawat_codec_append_string (s, reasons[i]);
    }
  g_string_append_c (s, ']');
  return TRUE;
}

/* The project's columns come from the store's indexed copy of the
 * document; its domains and assigned evaluators, arrays of keys and user
 * names the codec checked on the way in, are copied as the JSON text they
 * are stored as.
 */
static gboolean
append_json_project (Export   *e,
                     gboolean  first,
                     GError  **error)
{
  const char *id = e->project.project;
  const char *title_th = e->project.title_th;
  const char *title_en = e->project.title_en;
  const char *domains = e->project.domains;
  const char *assigned = e->project.assigned;
  g_autoptr(GPtrArray) evaluations = NULL;
  GString *s = e->buffer;
  double sum = 0;
  guint n_complete = 0;

  evaluations = export_list_evaluations (e, id, error);
  if (evaluations == NULL)
    return FALSE;

  g_string_append (s, first ? "\n{\"_id\":" : ",\n{\"_id\":");
  _nawat_codec_append_string (s, id);
  g_string_append (s, ",\"code\":");
  _nawat_codec_append_string (s, e->project.code);
  g_string_append (s, ",\"title\":{");
  if (title_th != NULL)
    {
      g_string_append (s, "\"th\":");
      _nawat_codec_append_string (s, title_th);
    }
  if (title_en != NULL)
    {
      g_string_append (s, title_th != NULL ? ",\"en\":" : "\"en\":");
      _nawat_codec_append_string (s, title_en);
    }
  g_string_append (s, "},\"domains\":");
  g_string_append (s, domains != NULL && domains[0] == '[' ? domains : "[]");
  g_string_append (s, ",\"province\":");
  append_json_string_or_null (s, e->project.province);
  g_string_append (s, ",\"reach\":");
  append_json_string_or_null (s, e->project.reach);
  g_string_append_printf (s, ",\"budget_thb\":%" G_GINT64_FORMAT, e->project.budget_thb);
  nawat_reach_totals_add (e->reach_totals, e->project.reach, e->project.budget_thb);
  g_string_append (s, ",\"assigned\":");
  g_string_append (s, assigned != NULL && assigned[0] == '[' ? assigned : "[]");
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

/* [{"reach": "community", "projects": 12, "budget_thb": 3400000}, …,
 * {"reach": null, …}]: every level in order, then the projects that state
 * none.
 */
static void
append_json_reach_totals (Export *e)
{
  g_string_append_c (e->buffer, '[');
  for (guint i = 0; i <= NAWAT_N_REACH; i++)
    {
      if (i > 0)
        g_string_append_c (e->buffer, ',');
      g_string_append (e->buffer, "{\"reach\":");
      append_json_string_or_null (e->buffer, i < NAWAT_N_REACH ? nawat_reach_levels ()[i].key : NULL);
      g_string_append_printf (e->buffer, ",\"projects\":%u,\"budget_thb\":%" G_GINT64_FORMAT "}",
                              e->reach_totals[i].n_projects, e->reach_totals[i].budget_thb);
    }
  g_string_append_c (e->buffer, ']');
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
  e.projects = _nawat_store_reader_query (e.reader, NAWAT_STORE_READ_CALL_EXPORT, call_id, error);
  if (e.projects == NULL)
    return FALSE;
  /* Ranks need the whole call: they come first, from the snapshot the
   * export reads, as two numbers per project.
   */
  e.ranks = _nawat_call_ranks_compute (e.reader, e.rubric, call_id, NAWAT_STATS_DEFAULT_THRESHOLD,
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

  g_string_append (e.buffer, "\n],\"reach_totals\":");
  append_json_reach_totals (&e);
  g_string_append (e.buffer, "}\n");
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
 * evaluation holds in properties through its accessors, the others (kept
 * as JSON) from the parsed evaluation: their text, number or true/false,
 * an object or an array as compact JSON, nothing for null.
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

/* The six project columns of @row. */
static void
append_csv_project (Export              *e,
                    const NawatStoreRow *row)
{
  const char *columns[] = {
    row->project, row->code, row->title_th, row->title_en, row->province, row->primary_domain,
  };

  for (guint column = 0; column < G_N_ELEMENTS (columns); column++)
    {
      if (column > 0)
        g_string_append_c (e->buffer, ',');
      append_csv_field (e->buffer, columns[column]);
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

/* A member @evaluation keeps as JSON. */
static void
append_csv_json_cell (GString         *s,
                      NawatEvaluation *evaluation,
                      const char      *name)
{
  g_autofree char *json = nawat_merge_dup_field_json (evaluation, name);
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL || (node = json_from_string (json, NULL)) == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    append_csv_field (s, json_node_get_string (node));
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    append_number (s, json_node_get_double (node));
  else if (JSON_NODE_HOLDS_VALUE (node))
    g_string_append (s, json);
  else
    append_csv_field (s, json);
}

/* Whether a member with a CSV column is kept as JSON: its cells need the
 * evaluation parsed.
 */
static gboolean
csv_needs_evaluations (void)
{
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].csv_column != NULL && !fields[i].typed)
      return TRUE;
  return FALSE;
}

/* The columns of the evaluation's members, each after a comma, then the
 * comma before the completeness; @evaluation (parsed) gives the members
 * kept as JSON, when there are any (csv_needs_evaluations()).
 */
static void
append_csv_members (GString         *s,
                    const CsvTyped  *typed,
                    NawatEvaluation *evaluation)
{
  const NawatEvaluationField *fields;
  guint n_fields;

  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      if (fields[i].csv_column == NULL)
        continue;
      g_string_append_c (s, ',');
      if (fields[i].typed)
        append_csv_typed_cell (s, fields[i].name, typed);
      else
        append_csv_json_cell (s, evaluation, fields[i].name);
    }
  g_string_append_c (s, ',');
}

/* A CSV row: @row's project, the evaluation's members (@evaluation, when
 * parsed, for those kept as JSON), its completeness and composite, and
 * its @n_keys @scores, NAN where not scored.
 */
static void
append_csv_line (Export              *e,
                 const NawatStoreRow *row,
                 const CsvTyped      *typed,
                 NawatEvaluation     *evaluation,
                 const NawatScore    *score,
                 const double        *scores,
                 guint                n_keys)
{
  GString *s = e->buffer;

  append_csv_project (e, row);
  append_csv_members (s, typed, evaluation);
  append_number (s, score->completeness);
  g_string_append_c (s, ',');
  if (score->complete)
    append_number (s, score->composite);
  for (guint i = 0; i < n_keys; i++)
    {
      g_string_append_c (s, ',');
      if (!isnan (scores[i]))
        append_number (s, scores[i]);
    }
  g_string_append (s, "\r\n");
}

static void
append_csv_evaluation (Export              *e,
                       const NawatStoreRow *row,
                       NawatEvaluation     *evaluation)
{
  NawatRecommendation recommendation = nawat_evaluation_get_recommendation (evaluation);
  CsvTyped typed = {
    .evaluator = nawat_evaluation_get_evaluator (evaluation),
    .status = nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)),
    .recommendation = recommendation != NAWAT_RECOMMENDATION_NONE
                      ? nawat_recommendation_to_string (recommendation) : NULL,
    .conflict = nawat_evaluation_get_conflict_declared (evaluation),
  };
  guint n_keys = g_strv_length (e->keys);
  g_autofree double *scores = g_new (double, MAX (n_keys, 1));
  NawatScore score;

  nawat_scoring_compute (export_rubric_for (e, evaluation), evaluation, &score);
  for (guint i = 0; i < n_keys; i++)
    if (!nawat_evaluation_get_score (evaluation, e->keys[i], &scores[i]))
      scores[i] = NAN;
  append_csv_line (e, row, &typed, evaluation, &score, scores, n_keys);
}

/* The CSV rows come from one query over the call's evaluations joined to
 * their projects (NAWAT_STORE_READ_CALL_EVALUATIONS), in the order of the
 * indexes (call, code) and (project, evaluator).  The scores leave the
 * store as one small JSON array per row, and the composite comes from a
 * flat copy of the rubric that computes exactly what
 * nawat_scoring_compute() does: no evaluation document is parsed whole,
 * which is most of the cost of an export.  An evaluation made with another
 * rubric than the call's goes through the codec as before.
 */
static gboolean
append_csv_slow_row (Export               *e,
                     const NawatStoreRow  *row,
                     GError              **error)
{
  g_autoptr(NawatStoreCursor) cursor = NULL;
  g_autoptr(NawatDocument) doc = NULL;
  GError *read_error = NULL;
  NawatStoreRow by_id;

  cursor = _nawat_store_reader_query (e->reader, NAWAT_STORE_READ_EVALUATION, row->evaluation,
                                      &read_error);
  if (cursor == NULL || !_nawat_store_cursor_next (cursor, &by_id, &read_error))
    {
      /* No such row: the evaluation went away after its row was read. */
      if (read_error == NULL)
        g_set_error (&read_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                     _("No document “%s” in the store"), row->evaluation);
      g_propagate_error (error, read_error);
      return FALSE;
    }
  doc = nawat_codec_from_data (by_id.json, by_id.json_length, error);
  if (doc == NULL)
    return FALSE;
  if (NAWAT_IS_EVALUATION (doc))
    append_csv_evaluation (e, row, NAWAT_EVALUATION (doc));
  return TRUE;
}

static void
append_csv_row (Export              *e,
                const NawatStoreRow *row,
                NawatRubricPlan     *plan,
                double              *scores)
{
  CsvTyped typed = {
    .evaluator = row->evaluator,
    .status = row->status,
    .recommendation = row->recommendation,
    .conflict = row->conflict,
  };
  guint n_keys = _nawat_rubric_plan_get_n_keys (plan);
  NawatScore score;

  _nawat_rubric_plan_parse (plan, row->scores, scores);
  _nawat_rubric_plan_score (plan, scores, typed.conflict, &score);
  append_csv_line (e, row, &typed, NULL, &score, scores, n_keys);
}

static gboolean
export_csv_rows (Export        *e,
                 const char    *call_id,
                 GError       **error)
{
  g_autoptr(NawatRubricPlan) plan = _nawat_rubric_plan_new (e->rubric);
  g_autofree double *scores = g_new (double, MAX (_nawat_rubric_plan_get_n_keys (plan), 1));
  const char *rubric_id = nawat_document_get_id (NAWAT_DOCUMENT (e->rubric));
  /* Members kept as JSON come from the parsed evaluation, as an
   * evaluation of another rubric does.
   */
  gboolean parse_all = csv_needs_evaluations ();
  g_autoptr(NawatStoreCursor) rows = NULL;
  GError *read_error = NULL;
  NawatStoreRow row;
  guint n = 0;

  rows = _nawat_store_reader_query_scores (e->reader, NAWAT_STORE_READ_CALL_EVALUATIONS, call_id,
                                           _nawat_rubric_plan_get_keys (plan), error);
  if (rows == NULL)
    return FALSE;

  while (_nawat_store_cursor_next (rows, &row, &read_error))
    {
      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (e->cancellable, error))
        return FALSE;
      if (!parse_all && (row.rubric == NULL || g_strcmp0 (row.rubric, rubric_id) == 0))
        append_csv_row (e, &row, plan, scores);
      else if (!append_csv_slow_row (e, &row, error))
        return FALSE;
      if (!export_flush (e, FLUSH_SIZE, error))
        return FALSE;
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  return TRUE;
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
