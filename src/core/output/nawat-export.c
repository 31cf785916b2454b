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
#include "nawat-evaluation-text-private.h"
#include "nawat-json-text-private.h"
#include "nawat-json.h"
#include "nawat-merge.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-stats.h"
#include "nawat-store-read-private.h"
#include "nawat-table.h"

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

/* What the JSON portfolio writes of a project besides its columns, as
 * stored: JSON text, NULL where the project has none.
 */
typedef struct
{
  NawatTextSpan domains;
  NawatTextSpan assigned;
  NawatTextSpan recusals;
  NawatTextSpan documents;
  /* NAN when the project has none */
  double        budget;
} ProjectFields;

typedef struct
{
  NawatStore    *store;
  NawatStoreReader *reader;
  NawatStoreCursor *projects;
  /* the projects' current row */
  NawatStoreRow  project;
  /* what SQLite reads of the project when its text is not read here */
  NawatStoreCursor *project_fields;
  NawatCall     *call;
  NawatRubric   *rubric;
  char         **keys;
  /* each of @keys as the JSON portfolio writes its name: "key": */
  char         **quoted_keys;
  /* rubric id → NawatRubric, for evaluations made with another rubric */
  GHashTable    *rubrics;
  GOutputStream *output;
  GCancellable  *cancellable;
  GString       *buffer;
  /* the JSON portfolio's ranks and disagreement flags */
  NawatCallRanks *ranks;
  /* the JSON portfolio's evaluations, the whole call's in the order of
   * its projects, and the current one when it is not read yet
   */
  NawatStoreCursor *evaluations;
  NawatStoreRow  evaluation;
  gboolean       has_evaluation;
  gboolean       evaluations_done;
  NawatEvaluationText *evaluation_text;
  NawatRubricPlan *plan;
  /* the tables (CSV, XLSX) */
  NawatTable    *table;
  NawatStatsFlags flags;
  /* the JSON portfolio's projects and budget per reach level */
  NawatReachTotal reach_totals[NAWAT_N_REACH + 1];
} Export;

static void
export_clear (Export *e)
{
  /* What reads through the reader goes before it. */
  g_clear_pointer (&e->ranks, _nawat_call_ranks_free);
  g_clear_pointer (&e->evaluations, _nawat_store_cursor_close);
  g_clear_pointer (&e->project_fields, _nawat_store_cursor_close);
  g_clear_pointer (&e->projects, _nawat_store_cursor_close);
  g_clear_pointer (&e->reader, _nawat_store_reader_free);
  g_clear_object (&e->call);
  g_clear_object (&e->rubric);
  g_clear_pointer (&e->keys, g_strfreev);
  g_clear_pointer (&e->quoted_keys, g_strfreev);
  g_clear_pointer (&e->rubrics, g_hash_table_unref);
  g_clear_pointer (&e->table, nawat_table_free);
  g_clear_pointer (&e->evaluation_text, _nawat_evaluation_text_free);
  g_clear_pointer (&e->plan, _nawat_rubric_plan_free);
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

/* The names of @keys as members of "scores", "key":, written once. */
static char **
dup_quoted_keys (char **keys)
{
  guint n = g_strv_length (keys);
  char **quoted = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    {
      GString *name = g_string_new (NULL);

      _nawat_codec_append_string (name, keys[i]);
      g_string_append_c (name, ':');
      quoted[i] = g_string_free (name, FALSE);
    }
  return quoted;
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
  e->quoted_keys = dup_quoted_keys (e->keys);
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

/* The members of an evaluation the portfolio writes first, and its
 * bookkeeping, which stays out.
 */
static const char * const json_written[] = {
  "evaluator", "status", "scores", "composite", "completeness",
  "_rev", "type", "schema", NULL,
};

/* The members of the stored evaluation that the portfolio has not written
 * already, as they are stored (the codec's order, then the members it
 * keeps as JSON): none is lost on the way out, whatever newer version of
 * Nawat wrote it.
 */
static void
append_json_members (GString         *s,
                     NawatEvaluation *evaluation)
{
  g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (evaluation));
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      g_autofree char *value = NULL;

      if (g_strv_contains (json_written, name))
        continue;
      value = nawat_json_to_string (member, FALSE, NULL);
      g_string_append_c (s, ',');
      _nawat_codec_append_string (s, name);
      g_string_append_c (s, ':');
      g_string_append (s, value);
    }
}

/* "scores" (the level of each of the rubric's keys, named in @quoted_keys
 * (dup_quoted_keys()), null where not scored: NAN in @levels),
 * "composite" and "completeness".
 */
static void
append_json_scores (GString            *s,
                    const char * const *quoted_keys,
                    const double       *levels,
                    const NawatScore   *score)
{
  g_string_append (s, ",\"scores\":{");
  for (guint i = 0; quoted_keys[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      g_string_append (s, quoted_keys[i]);
      if (isnan (levels[i]))
        g_string_append (s, "null");
      else
        nawat_table_append_number (s, levels[i]);
    }
  g_string_append (s, "},\"composite\":");
  if (score->complete)
    nawat_table_append_number (s, score->composite);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"completeness\":");
  nawat_table_append_number (s, score->completeness);
}

static void
append_json_evaluation (Export          *e,
                        GString         *s,
                        NawatEvaluation *evaluation,
                        NawatScore      *out_score)
{
  NawatRubric *rubric = export_rubric_for (e, evaluation);
  g_auto(GStrv) keys = rubric == e->rubric ? NULL : nawat_rubric_dup_score_keys (rubric);
  g_auto(GStrv) quoted = keys != NULL ? dup_quoted_keys (keys) : NULL;
  char **score_keys = keys != NULL ? keys : e->keys;
  char **quoted_keys = quoted != NULL ? quoted : e->quoted_keys;
  g_autofree double *levels = g_new (double, g_strv_length (score_keys) + 1);
  NawatScore score;

  nawat_scoring_compute (rubric, evaluation, &score);
  *out_score = score;
  for (guint i = 0; score_keys[i] != NULL; i++)
    if (!nawat_evaluation_get_score (evaluation, score_keys[i], &levels[i]))
      levels[i] = NAN;

  g_string_append (s, "{\"evaluator\":");
  _nawat_codec_append_string (s, nawat_evaluation_get_evaluator (evaluation));
  g_string_append (s, ",\"status\":");
  _nawat_codec_append_string (s, nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  append_json_scores (s, (const char * const *) quoted_keys, levels, &score);
  append_json_members (s, evaluation);
  g_string_append_c (s, '}');
}

/* The evaluation from the text the store keeps of it, when that is the
 * codec's and the evaluation is made with the call's rubric: what
 * append_json_evaluation() writes, the members copied from the text, the
 * composite from the flat copy of the rubric.  FALSE, with nothing
 * written, for any other text.
 */
static gboolean
append_stored_evaluation (Export     *e,
                          gboolean    comma,
                          NawatScore *score,
                          int        *confidence)
{
  NawatEvaluationFields fields;
  GString *s = e->buffer;

  if (!_nawat_evaluation_text_read (e->evaluation_text, e->evaluation.json,
                                    e->evaluation.json_length, &fields))
    return FALSE;
  _nawat_rubric_plan_score (e->plan, fields.scores, fields.conflict_declared, score);
  *confidence = fields.confidence;

  g_string_append (s, comma ? ",{\"evaluator\":" : "{\"evaluator\":");
  g_string_append_len (s, fields.evaluator.text, fields.evaluator.length);
  g_string_append (s, ",\"status\":");
  g_string_append_len (s, fields.status.text, fields.status.length);
  append_json_scores (s, (const char * const *) e->quoted_keys, fields.scores, score);
  for (guint i = 0; i < fields.n_members; i++)
    {
      g_string_append_c (s, ',');
      g_string_append_len (s, fields.members[i].text, fields.members[i].length);
    }
  g_string_append_c (s, '}');
  return TRUE;
}

/* The evaluation through the codec, as the store's documents are read
 * everywhere else; @written FALSE when the text holds no evaluation.
 */
static gboolean
append_parsed_evaluation (Export      *e,
                          gboolean     comma,
                          NawatScore  *score,
                          int         *confidence,
                          gboolean    *written,
                          GError     **error)
{
  g_autoptr(NawatDocument) doc = NULL;

  *written = FALSE;
  doc = nawat_codec_from_data (e->evaluation.json, e->evaluation.json_length, error);
  if (doc == NULL)
    return FALSE;
  if (!NAWAT_IS_EVALUATION (doc))
    return TRUE;
  if (comma)
    g_string_append_c (e->buffer, ',');
  append_json_evaluation (e, e->buffer, NAWAT_EVALUATION (doc), score);
  *confidence = nawat_evaluation_get_confidence (NAWAT_EVALUATION (doc));
  *written = TRUE;
  return TRUE;
}

/* The next evaluation of @project_id among the call's (e->evaluation):
 * FALSE when the next is another project's, at their end, or on error.
 */
static gboolean
export_next_evaluation (Export      *e,
                        const char  *project_id,
                        GError     **error)
{
  if (!e->has_evaluation && !e->evaluations_done)
    {
      e->has_evaluation = _nawat_store_cursor_next (e->evaluations, &e->evaluation, error);
      e->evaluations_done = !e->has_evaluation;
    }
  if (!e->has_evaluation || strcmp (e->evaluation.project, project_id) != 0)
    return FALSE;
  e->has_evaluation = FALSE;
  return TRUE;
}

/* The evaluations of @project_id, by evaluator, and the mean of their
 * complete composites (@mean, NAN when none is).
 */
static gboolean
append_json_evaluations (Export      *e,
                         const char  *project_id,
                         double      *mean,
                         GError     **error)
{
  GError *read_error = NULL;
  gboolean first = TRUE;
  double sum = 0;
  double total_weight = 0;

  while (export_next_evaluation (e, project_id, &read_error))
    {
      gboolean written = TRUE;
      NawatScore score;
      int confidence;

      if (!append_stored_evaluation (e, !first, &score, &confidence) &&
          !append_parsed_evaluation (e, !first, &score, &confidence, &written, error))
        return FALSE;
      if (!written)
        continue;
      first = FALSE;
      if (score.complete)
        {
          double weight = (e->flags & NAWAT_STATS_WEIGHT_CONFIDENCE)
            ? nawat_stats_confidence_weight (confidence) : 1;

          sum += weight * score.composite;
          total_weight += weight;
        }
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  *mean = total_weight > 0 ? sum / total_weight : NAN;
  return TRUE;
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
    nawat_table_append_number (s, p.z_mean);
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

/* A budget as json_extract() gives it, when it is null or a whole number
 * of up to 15 digits; FALSE for any other, which SQLite reads.
 */
static gboolean
read_budget (const NawatTextSpan *value,
             double              *budget)
{
  gsize sign = value->length > 0 && value->text[0] == '-';
  gsize digits = value->length - sign;

  if (_nawat_json_span_is (value, "null"))
    {
      *budget = NAN;
      return TRUE;
    }
  if (digits == 0 || digits > 15)
    return FALSE;
  for (gsize i = sign; i < value->length; i++)
    if (!g_ascii_isdigit (value->text[i]))
      return FALSE;
  *budget = (double) g_ascii_strtoll (value->text, NULL, 10);
  return TRUE;
}

/* The project's fields read straight from its stored text, the first
 * member of each name, as json_extract() takes them; FALSE when the text
 * is not compact JSON, when it holds files (their pages are the store's)
 * or a budget read_budget() does not take.
 */
static gboolean
scan_project_fields (const NawatStoreRow *project,
                     ProjectFields       *out)
{
  NawatTextSpan object = { project->json, project->json_length };
  NawatTextSpan name, value;
  NawatJsonMembers members;
  gboolean has_budget = FALSE;

  memset (out, 0, sizeof *out);
  out->budget = NAN;
  if (project->json == NULL || !_nawat_json_members_init (&members, &object))
    return FALSE;
  while (_nawat_json_members_next (&members, &name, &value))
    {
      NawatTextSpan *field = NULL;

      if (_nawat_json_span_is (&name, "\"domains\""))
        field = &out->domains;
      else if (_nawat_json_span_is (&name, "\"assigned\""))
        field = &out->assigned;
      else if (_nawat_json_span_is (&name, "\"recusals\""))
        field = &out->recusals;
      else if (_nawat_json_span_is (&name, "\"_attachments\""))
        return FALSE;
      else if (_nawat_json_span_is (&name, "\"budget_thb\"") && !has_budget)
        {
          has_budget = TRUE;
          if (!read_budget (&value, &out->budget))
            return FALSE;
        }
      if (field != NULL && field->text == NULL)
        *field = value;
    }
  return !members.failed && members.p == object.text + object.length;
}

static NawatTextSpan
span_of (const char *text)
{
  return (NawatTextSpan) { text, text != NULL ? strlen (text) : 0 };
}

/* The project's fields from its stored text, or through SQLite's JSON
 * functions when scan_project_fields() does not take the text.
 */
static gboolean
read_project_fields (Export         *e,
                     ProjectFields  *out,
                     GError        **error)
{
  GError *read_error = NULL;
  NawatStoreRow row;

  if (scan_project_fields (&e->project, out))
    return TRUE;
  e->project_fields = _nawat_store_reader_query (e->reader, NAWAT_STORE_READ_PROJECT_EXPORT,
                                                 e->project.project, error);
  if (e->project_fields == NULL)
    return FALSE;
  memset (out, 0, sizeof *out);
  out->budget = NAN;
  if (!_nawat_store_cursor_next (e->project_fields, &row, &read_error))
    {
      /* The project is in the same snapshot: it cannot be missing. */
      if (read_error != NULL)
        g_propagate_error (error, read_error);
      return read_error == NULL;
    }
  out->domains = span_of (row.domains);
  out->assigned = span_of (row.assigned);
  out->recusals = span_of (row.recusals);
  out->documents = span_of (row.documents);
  out->budget = row.budget;
  return TRUE;
}

/* A JSON array as it is stored, or an empty one when there is none. */
static void
append_json_array (GString             *s,
                   const NawatTextSpan *array)
{
  if (array->text != NULL && array->length > 0 && array->text[0] == '[')
    g_string_append_len (s, array->text, array->length);
  else
    g_string_append (s, "[]");
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
  GString *s = e->buffer;
  ProjectFields fields;
  double mean;
  gint64 budget;

  if (!read_project_fields (e, &fields, error))
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
  append_json_array (s, &fields.domains);
  g_string_append (s, ",\"province\":");
  append_json_string_or_null (s, e->project.province);
  g_string_append (s, ",\"reach\":");
  append_json_string_or_null (s, e->project.reach);
  budget = isnan (fields.budget) ? 0 : (gint64) fields.budget;
  g_string_append_printf (s, ",\"budget_thb\":%" G_GINT64_FORMAT, budget);
  nawat_reach_totals_add (e->reach_totals, e->project.reach, budget);
  g_string_append (s, ",\"assigned\":");
  append_json_array (s, &fields.assigned);
  /* The coordinator's recusals, {evaluator, type, note}, as stored. */
  g_string_append (s, ",\"recusals\":");
  append_json_array (s, &fields.recusals);
  /* The files, with CouchDB's digest ("md5-…") and their pages. */
  g_string_append (s, ",\"documents\":");
  append_json_array (s, &fields.documents);
  g_string_append (s, ",\"evaluations\":[");
  if (!append_json_evaluations (e, id, &mean, error))
    return FALSE;
  g_string_append (s, "],\"composite_mean\":");
  if (!isnan (mean))
    nawat_table_append_number (s, mean);
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

  nawat_json_append (e->buffer, node);
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
  return nawat_export_portfolio_json_full (store, call_id, NAWAT_STATS_FLAGS_NONE, output,
                                           cancellable, error);
}

gboolean
nawat_export_portfolio_json_full (NawatStore      *store,
                                  const char      *call_id,
                                  NawatStatsFlags  flags,
                                  GOutputStream   *output,
                                  GCancellable    *cancellable,
                                  GError         **error)
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
  /* The evaluations come from one query over the call's, in the order of
   * its projects, each written from its stored text as it is (no
   * document built) when that is the codec's text.
   */
  e.evaluations = _nawat_store_reader_query (e.reader, NAWAT_STORE_READ_CALL_EVALUATION_DOCUMENTS,
                                             call_id, error);
  if (e.evaluations == NULL)
    return FALSE;
  e.plan = _nawat_rubric_plan_new (e.rubric);
  e.evaluation_text = _nawat_evaluation_text_new (nawat_document_get_id (NAWAT_DOCUMENT (e.rubric)),
                                                  _nawat_rubric_plan_get_keys (e.plan),
                                                  json_written);
  /* Ranks need the whole call: they come first, from the snapshot the
   * export reads, as two numbers per project.
   */
  e.flags = flags;
  e.ranks = _nawat_call_ranks_compute (e.reader, e.rubric, call_id, NAWAT_STATS_DEFAULT_THRESHOLD,
                                       flags, cancellable, error);
  if (e.ranks == NULL)
    return FALSE;

  g_string_append (e.buffer, "{\"call\":");
  append_call_json (&e);
  if (flags & NAWAT_STATS_WEIGHT_CONFIDENCE)
    g_string_append (e.buffer, ",\"weight_confidence\":true");
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
    "project_id", "code", "title_th", "title_en", "province", "province_th", "province_en",
    "region", "reach", "budget_thb", "primary_domain",
  };
  const NawatEvaluationField *fields;
  guint n_fields;

  for (guint i = 0; i < G_N_ELEMENTS (project_columns); i++)
    nawat_table_header (e->table, project_columns[i], 0);
  fields = nawat_evaluation_fields_get (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].csv_column != NULL)
      {
        nawat_table_header (e->table, fields[i].csv_column, 0);
        /* The conflict of interest takes two columns: declared, and its type. */
        if (g_str_equal (fields[i].name, "conflict_of_interest"))
          nawat_table_header (e->table, "conflict_type", 0);
      }
  nawat_table_header (e->table, "completeness", 0);
  nawat_table_header (e->table, "composite", 0);
  for (guint i = 0; e->keys[i] != NULL; i++)
    nawat_table_header (e->table, e->keys[i], 0);
  nawat_table_end_row (e->table);
}

/* The project columns of @row: the province's code, its names and its
 * region (a key, as the domain is) from the table of provinces; the reach
 * (a key) and the budget in baht as the project has them.
 */
static void
append_csv_project (Export              *e,
                    const NawatStoreRow *row)
{
  const NawatProvince *province = row->province != NULL ? nawat_province_lookup (row->province)
                                                        : NULL;
  const char *columns[] = {
    row->project, row->code, row->title_th, row->title_en, row->province,
    province != NULL ? province->th : NULL,
    province != NULL ? province->en : NULL,
    province != NULL ? province->region : NULL,
    row->reach,
  };

  for (guint column = 0; column < G_N_ELEMENTS (columns); column++)
    nawat_table_text (e->table, columns[column]);
  nawat_table_number (e->table, row->budget, NAWAT_TABLE_NUMBER_MONEY);
  nawat_table_text (e->table, row->primary_domain);
}

/* The cells of the members the evaluation holds in properties. */
typedef struct
{
  const char *evaluator;
  const char *status;
  const char *recommendation;
  gboolean    conflict;
  /* "same-organisation" …, or NULL */
  const char *conflict_type;
  /* The evaluator's confidence, 0 when not given: kept as JSON, but the
   * store's row carries it, so that the CSV needs no evaluation parsed.
   */
  int         confidence;
} CsvTyped;

/* A member kept as JSON whose cell comes from the store's row. */
static gboolean
csv_from_row (const char *name)
{
  return g_str_equal (name, "confidence");
}

static void
append_csv_typed_cell (Export         *e,
                       const char     *name,
                       const CsvTyped *typed)
{
  if (g_str_equal (name, "evaluator"))
    nawat_table_text (e->table, typed->evaluator);
  else if (g_str_equal (name, "status"))
    nawat_table_text (e->table, typed->status);
  else if (g_str_equal (name, "recommendation"))
    nawat_table_text (e->table, typed->recommendation);
  else if (g_str_equal (name, "conflict_of_interest"))
    {
      nawat_table_boolean (e->table, typed->conflict);
      nawat_table_text (e->table, typed->conflict_type);
    }
  else if (g_str_equal (name, "confidence"))
    nawat_table_number (e->table, typed->confidence >= NAWAT_CONFIDENCE_LOW
                     && typed->confidence <= NAWAT_CONFIDENCE_HIGH ? typed->confidence : NAN,
                  NAWAT_TABLE_NUMBER_PLAIN);
  else
    g_assert_not_reached ();
}

/* A member @evaluation keeps as JSON. */
static void
append_csv_json_cell (Export          *e,
                      NawatEvaluation *evaluation,
                      const char      *name)
{
  g_autofree char *json = nawat_merge_dup_field_json (evaluation, name);
  g_autoptr(JsonNode) node = NULL;
  GType type;

  if (json == NULL || (node = json_from_string (json, NULL)) == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      nawat_table_text (e->table, NULL);
      return;
    }

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type == G_TYPE_STRING)
    nawat_table_text (e->table, json_node_get_string (node));
  else if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
    nawat_table_number (e->table, json_node_get_double (node), NAWAT_TABLE_NUMBER_PLAIN);
  else if (type == G_TYPE_BOOLEAN)
    nawat_table_boolean (e->table, json_node_get_boolean (node));
  else
    nawat_table_text (e->table, json);
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
    if (fields[i].csv_column != NULL && !fields[i].typed && !csv_from_row (fields[i].name))
      return TRUE;
  return FALSE;
}

/* The columns of the evaluation's members; @evaluation (parsed) gives the
 * members kept as JSON, when there are any (csv_needs_evaluations()).
 */
static void
append_csv_members (Export          *e,
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
      if (fields[i].typed || csv_from_row (fields[i].name))
        append_csv_typed_cell (e, fields[i].name, typed);
      else
        append_csv_json_cell (e, evaluation, fields[i].name);
    }
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
  append_csv_project (e, row);
  append_csv_members (e, typed, evaluation);
  nawat_table_number (e->table, score->completeness, NAWAT_TABLE_NUMBER_SCORE);
  nawat_table_number (e->table, score->complete ? score->composite : NAN, NAWAT_TABLE_NUMBER_SCORE);
  for (guint i = 0; i < n_keys; i++)
    nawat_table_number (e->table, scores[i], NAWAT_TABLE_NUMBER_PLAIN);
  nawat_table_end_row (e->table);
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
    .conflict_type = nawat_conflict_type_to_string (nawat_evaluation_get_conflict_type (evaluation)),
    .confidence = nawat_evaluation_get_confidence (evaluation),
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
    .conflict_type = row->conflict_type,
    .confidence = row->confidence,
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
      if (!nawat_table_flush (e->table, FLUSH_SIZE, error))
        return FALSE;
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  return TRUE;
}

/* The table of @call_id, CSV or XLSX, to @output. */
static gboolean
export_table (NawatStore        *store,
              const char        *call_id,
              NawatTableFormat   format,
              GOutputStream     *output,
              GCancellable      *cancellable,
              GError           **error)
{
  g_auto(Export) e = { NULL };

  if (!export_init (&e, store, call_id, output, cancellable, error))
    return FALSE;
  /* A sheet is named after the call. */
  e.table = nawat_table_new (format, call_id, output, cancellable, error);
  if (e.table == NULL)
    return FALSE;

  append_csv_header (&e);
  return export_csv_rows (&e, call_id, error) && nawat_table_close (e.table, error);
}

gboolean
nawat_export_portfolio_csv (NawatStore     *store,
                            const char     *call_id,
                            GOutputStream  *output,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_table (store, call_id, NAWAT_TABLE_CSV, output, cancellable, error);
}

gboolean
nawat_export_portfolio_xlsx (NawatStore     *store,
                             const char     *call_id,
                             GOutputStream  *output,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (store), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_table (store, call_id, NAWAT_TABLE_XLSX, output, cancellable, error);
}
