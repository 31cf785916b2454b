/* nawat-stats-read.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-stats.h"

#include "nawat-evaluation-text-private.h"
#include "nawat-stats-internal-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* The call's evaluations, from their stored text */

struct _NawatStatsEvaluations
{
  NawatStoreReader    *reader;
  NawatRubricPlan     *plan;
  NawatStoreCursor    *documents;
  /* SQLite's reading of one document, for those the scanner refuses */
  NawatStoreCursor    *fallback;
  NawatEvaluationText *text;
  double              *scores;
};

static const char * const no_members[] = { NULL };

NawatStatsEvaluations *
_nawat_stats_evaluations_open (NawatStoreReader  *reader,
                               NawatRubric       *rubric,
                               NawatRubricPlan   *plan,
                               const char        *call_id,
                               GError           **error)
{
  g_autoptr(NawatStatsEvaluations) self = g_new0 (NawatStatsEvaluations, 1);

  self->reader = reader;
  self->plan = plan;
  self->documents = _nawat_store_reader_query (reader, NAWAT_STORE_READ_CALL_RATING_DOCUMENTS,
                                               call_id, error);
  if (self->documents == NULL)
    return NULL;
  self->text = _nawat_evaluation_text_new (nawat_document_get_id (NAWAT_DOCUMENT (rubric)),
                                           _nawat_rubric_plan_get_keys (plan), no_members);
  self->scores = g_new (double, MAX (_nawat_rubric_plan_get_n_keys (plan), 1));
  return g_steal_pointer (&self);
}

void
_nawat_stats_evaluations_free (NawatStatsEvaluations *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->documents, _nawat_store_cursor_close);
  g_clear_pointer (&self->fallback, _nawat_store_cursor_close);
  g_clear_pointer (&self->text, _nawat_evaluation_text_free);
  g_free (self->scores);
  g_free (self);
}

/* The recommendation the statistics tell apart in @value, as
 * json_extract() gives it: no text the codec escapes is one of them.
 */
static const char *
read_recommendation (const NawatTextSpan *value)
{
  static const char * const known[] = { "fund", "fund-with-conditions", "reject" };

  if (value->text == NULL || _nawat_json_span_is (value, "null"))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      gsize length = strlen (known[i]);

      if (value->length == length + 2 && value->text[0] == '"' &&
          memcmp (value->text + 1, known[i], length) == 0 && value->text[length + 1] == '"')
        return known[i];
    }
  return "";
}

/* The confidence in @value as sqlite3_column_int() reads json_extract()'s
 * value into @out: FALSE for anything but null or a small whole number,
 * which only SQLite's own reading is sure to take the same way.
 */
static gboolean
read_confidence (const NawatTextSpan *value,
                 int                 *out)
{
  const char *p = value->text;
  const char *end = p + value->length;
  gboolean negative;
  int n = 0;

  *out = 0;
  if (value->text == NULL || _nawat_json_span_is (value, "null"))
    return TRUE;
  negative = *p == '-';
  p += negative;
  if (p == end || end - p > 9)
    return FALSE;
  for (; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = n * 10 + (*p - '0');
    }
  *out = negative ? -n : n;
  return TRUE;
}

/* Reads the evaluation @id through json_extract(), as the statistics did
 * before they read the stored text.
 */
static gboolean
evaluations_read_again (NawatStatsEvaluations  *self,
                        const char             *id,
                        NawatStatsEvaluation   *out,
                        GError                **error)
{
  GError *read_error = NULL;
  NawatStoreRow row;

  if (self->fallback != NULL)
    _nawat_store_cursor_restart (self->fallback, id);
  else
    {
      self->fallback = _nawat_store_reader_query_scores (self->reader,
                                                         NAWAT_STORE_READ_RATING_OF_DOCUMENT, id,
                                                         _nawat_rubric_plan_get_keys (self->plan),
                                                         error);
      if (self->fallback == NULL)
        return FALSE;
    }
  if (!_nawat_store_cursor_next (self->fallback, &row, &read_error))
    {
      if (read_error != NULL)
        {
          g_propagate_error (error, read_error);
          return FALSE;
        }
      /* Not there in the snapshot that listed it: cannot be, read as empty. */
      memset (&row, 0, sizeof row);
    }
  out->recommendation = row.recommendation;
  out->confidence = row.confidence;
  _nawat_rubric_plan_parse (self->plan, row.scores, self->scores);
  out->scores = self->scores;
  return TRUE;
}

gboolean
_nawat_stats_evaluations_next (NawatStatsEvaluations  *self,
                               NawatStatsEvaluation   *out,
                               GError                **error)
{
  NawatEvaluationFields fields;
  NawatStoreRow row;

  if (!_nawat_store_cursor_next (self->documents, &row, error))
    return FALSE;
  out->project = row.project;
  out->evaluator = row.evaluator;
  out->status = row.status;
  out->conflict = row.conflict;
  if (_nawat_evaluation_text_read (self->text, row.json, row.json_length, &fields) &&
      read_confidence (&fields.confidence_value, &out->confidence))
    {
      out->recommendation = read_recommendation (&fields.recommendation);
      out->scores = fields.scores;
      return TRUE;
    }
  return evaluations_read_again (self, row.evaluation, out, error);
}

/* The computation: a read-only snapshot streamed once */

void
_nawat_stats_compute_clear (NawatStatsCompute *c)
{
  /* The cursors go before the reader they read. */
  g_clear_pointer (&c->projects, _nawat_store_cursor_close);
  g_clear_pointer (&c->evaluations, _nawat_stats_evaluations_free);
  g_clear_pointer (&c->reader, _nawat_store_reader_free);
  g_clear_object (&c->rubric);
  g_clear_pointer (&c->plan, _nawat_rubric_plan_free);
  g_clear_pointer (&c->evaluator_index, g_hash_table_unref);
  g_clear_pointer (&c->scores, g_array_unref);
  for (guint k = 0; c->criteria != NULL && k < c->n_keys; k++)
    {
      g_clear_pointer (&c->criteria[k].values, g_array_unref);
      g_clear_pointer (&c->criteria[k].counts, g_array_unref);
      g_clear_pointer (&c->criteria[k].pairable, g_array_unref);
      g_clear_pointer (&c->criteria[k].coincidences, g_free);
    }
  g_clear_pointer (&c->criteria, g_free);
  g_clear_pointer (&c->rows, g_array_unref);
  g_clear_pointer (&c->ids, g_ptr_array_unref);
  g_clear_pointer (&c->names, g_ptr_array_unref);
  g_clear_object (&c->self);
}

/* Turns a failure to read the store into the statistics' error. */
static gboolean
stats_read_error (GError  *read_error,
                  GError **error)
{
  g_set_error_literal (error, NAWAT_STATS_ERROR, NAWAT_STATS_ERROR_FAILED, read_error->message);
  g_error_free (read_error);
  return FALSE;
}

gboolean
_nawat_stats_compute_load_rubric (NawatStatsCompute  *c,
                                  const char         *call_id,
                                  GError            **error)
{
  g_autofree char *doc_id = g_strconcat ("call:", call_id, NULL);
  g_autoptr(NawatCall) call = NULL;

  call = nawat_store_get_call (c->store, doc_id, NULL);
  if (call == NULL)
    {
      g_set_error (error, NAWAT_STATS_ERROR, NAWAT_STATS_ERROR_NOT_FOUND,
                   _("No call “%s” in the store"), call_id);
      return FALSE;
    }
  c->rubric = nawat_store_get_call_rubric (c->store, call, error);
  if (c->rubric == NULL)
    return FALSE;

  /* The evaluators the call names come first, even with nothing done. */
  for (const char * const *e = nawat_call_get_evaluators (call); e != NULL && *e != NULL; e++)
    g_ptr_array_add (c->names, g_strdup (*e));
  c->self->n_call_evaluators = c->names->len;

  c->plan = _nawat_rubric_plan_new (c->rubric);
  return TRUE;
}

/* Sizes the per-project arrays once: grown by doubling, they would hold
 * up to twice the room, and three times while one is being copied.
 */
static void
compute_reserve (NawatStatsCompute *c,
                 const char        *call_id)
{
  guint n = _nawat_store_reader_count_projects (c->reader, call_id);

  g_array_set_size (c->rows, n);
  g_array_set_size (c->rows, 0);
  g_array_set_size (c->starts, n + 1);
  g_array_set_size (c->starts, 0);
  g_ptr_array_set_size (c->ids, n);
  g_ptr_array_set_size (c->ids, 0);
}

gboolean
_nawat_stats_compute_open (NawatStatsCompute  *c,
                           const char         *call_id,
                           GError            **error)
{
  GError *read_error = NULL;

  c->reader = _nawat_store_reader_open (nawat_store_get_path (c->store), error);
  if (c->reader == NULL)
    return FALSE;
  if (!_nawat_store_reader_begin (c->reader, &read_error))
    return stats_read_error (read_error, error);

  c->projects = _nawat_store_reader_query (c->reader, NAWAT_STORE_READ_CALL_ASSIGNMENTS, call_id,
                                           &read_error);
  if (c->projects != NULL)
    c->evaluations = _nawat_stats_evaluations_open (c->reader, c->rubric, c->plan, call_id,
                                                    &read_error);
  if (c->evaluations == NULL)
    return stats_read_error (read_error, error);
  compute_reserve (c, call_id);
  return TRUE;
}

static guint
compute_evaluator (NawatStatsCompute *c,
                   const char        *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (c->evaluator_index, name));
  NawatEvaluatorStats stats = { NULL, 0, NAN, NAN, FALSE, 0, 0, 0, 0 };

  if (index > 0)
    return index - 1;
  stats.name = g_string_chunk_insert_const (c->self->strings, name);
  g_array_append_val (c->self->evaluators, stats);
  g_hash_table_insert (c->evaluator_index, (char *) stats.name,
                       GUINT_TO_POINTER (c->self->evaluators->len));
  return c->self->evaluators->len - 1;
}

NawatEvaluatorStats *
_nawat_stats_evaluator_at (NawatStatsCompute *c,
                           guint              index)
{
  return &g_array_index (c->self->evaluators, NawatEvaluatorStats, index);
}

/* Whether the evaluation @row is a rating: submitted, without a declared
 * conflict of interest.
 */
static gboolean
row_is_rating (const NawatStatsEvaluation *row)
{
  return !row->conflict && g_strcmp0 (row->status, "submitted") == 0;
}

/* The composite of the evaluation @row, NAN when incomplete. */
static double
row_composite (NawatRubricPlan            *plan,
               const NawatStatsEvaluation *row)
{
  NawatScore score;

  _nawat_rubric_plan_score (plan, row->scores, FALSE, &score);
  return score.complete ? score.composite : NAN;
}

/* One evaluation row of the current project @index. */
static void
compute_add_evaluation (NawatStatsCompute    *c,
                        NawatStatsProjectRow *project)
{
  const NawatStatsEvaluation *row = &c->rating;
  const char *status = row->status;
  const char *recommendation = row->recommendation;
  guint evaluator = compute_evaluator (c, row->evaluator);
  NawatEvaluatorStats *es = _nawat_stats_evaluator_at (c, evaluator);
  gboolean submitted = g_strcmp0 (status, "submitted") == 0;
  NawatStatsRating rating = { NAN, evaluator, CLAMP (row->confidence, 0, 3) };

  if (row->conflict)
    {
      project->conflict++;
      es->conflict++;
      return;
    }
  if (!submitted)
    {
      project->draft++;
      es->draft++;
      return;
    }
  project->submitted++;
  es->submitted++;

  if (g_strcmp0 (recommendation, "fund") == 0)
    project->n_fund++;
  else if (g_strcmp0 (recommendation, "fund-with-conditions") == 0)
    project->n_fund_with_conditions++;
  else if (g_strcmp0 (recommendation, "reject") == 0)
    project->n_reject++;

  rating.composite = row_composite (c->plan, row);
  g_array_append_val (c->ratings, rating);
  g_array_append_vals (c->scores, row->scores, c->n_keys);
}

/* The criteria of the current project's ratings, then forgets them. */
static void
compute_add_unit (NawatStatsCompute *c)
{
  guint m = c->n_keys > 0 ? c->scores->len / c->n_keys : 0;
  const double *scores = (const double *) (void *) c->scores->data;
  g_autofree double *values = g_new (double, MAX (m, 1));
  g_autofree guint *index = g_new (guint, MAX (m, 1));

  for (guint k = 0; k < c->n_keys; k++)
    {
      guint n = 0;

      for (guint i = 0; i < m; i++)
        if (!isnan (scores[(gsize) i * c->n_keys + k]))
          values[n++] = scores[(gsize) i * c->n_keys + k];
      _nawat_stats_criterion_add_unit (&c->criteria[k], values, index, n);
    }
  g_array_set_size (c->scores, 0);
}

static gboolean
compute_step_evaluation (NawatStatsCompute  *c,
                         gboolean           *has_row,
                         GError            **error)
{
  GError *read_error = NULL;

  *has_row = _nawat_stats_evaluations_next (c->evaluations, &c->rating, &read_error);
  return read_error == NULL || stats_read_error (read_error, error);
}

gboolean
_nawat_stats_compute_stream (NawatStatsCompute  *c,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GPtrArray) assigned = g_ptr_array_new_with_free_func (g_free);
  gboolean has_evaluation = FALSE;
  GError *read_error = NULL;
  NawatStoreRow row;
  guint n = 0;

  for (guint i = 0; i < c->names->len; i++)
    compute_evaluator (c, g_ptr_array_index (c->names, i));
  if (!compute_step_evaluation (c, &has_evaluation, error))
    return FALSE;

  while (_nawat_store_cursor_next (c->projects, &row, &read_error))
    {
      const char *id = row.project;
      NawatStatsProjectRow project = { NAN, NAN, 0, };
      guint first = c->ratings->len;

      if (n++ % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_add (c->ids, g_string_chunk_insert (c->self->strings, id));
      _nawat_stats_parse_strings (row.assigned, assigned);
      project.assigned = assigned->len;
      for (guint i = 0; i < assigned->len; i++)
        _nawat_stats_evaluator_at (c, compute_evaluator (c, g_ptr_array_index (assigned, i)))->assigned++;

      /* Both statements follow the order of (call, code). */
      while (has_evaluation)
        {
          int order = g_strcmp0 (c->rating.project, id);

          if (order > 0)
            break;
          if (order == 0)
            compute_add_evaluation (c, &project);
          if (!compute_step_evaluation (c, &has_evaluation, error))
            return FALSE;
        }
      compute_add_unit (c);

      g_array_append_val (c->starts, first);
      g_array_append_val (c->rows, project);
    }
  if (read_error != NULL)
    return stats_read_error (read_error, error);
  g_array_append_val (c->starts, c->ratings->len);
  return TRUE;
}

/* Ranks for an export that streams a call's projects */

typedef struct
{
  double   sum;
  double   squares;
  double   mean;
  double   sd;
  guint    n_scored;
  gboolean normalised;
} RankEvaluator;

/* One rating, as the figures need it: the call's ratings are read from
 * the store once, then kept in this form (16 bytes each) for the
 * evaluators' spread, the ranks and the export's stream.
 */
typedef struct
{
  double   composite;
  guint32  evaluator;
  /* nawat_stats_confidence_weight() */
  guint8   weight;
  guint8   fund;
  guint8   reject;
  /* one of the project's ratings, not a row the walk over the projects
   * passed by (only counted in the evaluators' figures)
   */
  guint8   own;
} RankRating;

/* One project's figures, as nawat_call_stats_compute() makes them. */
typedef struct
{
  char         *id;
  guint         index;
  NawatSummary  summary;
  double        z_mean;
  guint         n_fund;
  guint         n_reject;
} RankProject;

struct _NawatCallRanks
{
  NawatStoreReader *reader;
  NawatRubric     *rubric;
  NawatRubricPlan *plan;
  double           threshold;
  NawatStatsFlags  flags;
  NawatStoreCursor *projects;
  NawatStatsEvaluations *evaluations;
  /* the evaluations' current row */
  NawatStatsEvaluation rating;
  gboolean         has_evaluation;
  /* evaluator name → index + 1 into evaluators */
  GHashTable      *evaluator_index;
  GStringChunk    *names;
  GArray          *evaluators;
  /* the call's ratings (RankRating) in the order of the evaluations, and
   * per project the index of its first (n_projects + 1 of them)
   */
  GArray          *ratings;
  GArray          *starts;
  /* the composites of the project being read */
  GArray          *values;
  /* per project, in the order (call, code): the ranks by mean and by
   * z-mean, NAWAT_STATS_RANK_TIED when shared
   */
  guint32         *rank_mean;
  guint32         *rank_z;
  guint            n_projects;
  /* the cursor: the index of the next project, and the project read but
   * not asked for yet
   */
  guint            next;
  RankProject      current;
  gboolean         has_current;
};

void
_nawat_call_ranks_free (NawatCallRanks *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->projects, _nawat_store_cursor_close);
  g_clear_pointer (&self->evaluations, _nawat_stats_evaluations_free);
  g_clear_pointer (&self->plan, _nawat_rubric_plan_free);
  g_clear_object (&self->rubric);
  g_clear_pointer (&self->evaluator_index, g_hash_table_unref);
  g_clear_pointer (&self->names, g_string_chunk_free);
  g_clear_pointer (&self->evaluators, g_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->rank_mean, g_free);
  g_clear_pointer (&self->rank_z, g_free);
  g_clear_pointer (&self->current.id, g_free);
  g_free (self);
}

static guint32
ranks_evaluator (NawatCallRanks *self,
                 const char     *name)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (self->evaluator_index, name != NULL ? name : ""));

  if (index == 0)
    {
      RankEvaluator evaluator = { 0, 0, NAN, NAN, 0, FALSE };

      g_array_append_val (self->evaluators, evaluator);
      index = self->evaluators->len;
      g_hash_table_insert (self->evaluator_index,
                           g_string_chunk_insert_const (self->names, name != NULL ? name : ""),
                           GUINT_TO_POINTER (index));
    }
  return index - 1;
}

static RankEvaluator *
ranks_evaluator_at (NawatCallRanks *self,
                    guint32         index)
{
  return &g_array_index (self->evaluators, RankEvaluator, index);
}

static gboolean
ranks_step_evaluation (NawatCallRanks  *self,
                       GError         **error)
{
  GError *read_error = NULL;

  self->has_evaluation = _nawat_stats_evaluations_next (self->evaluations, &self->rating,
                                                        &read_error);
  return read_error == NULL || stats_read_error (read_error, error);
}

/* Keeps the current evaluation row when it is a rating, @own when it is
 * one of the current project's, and adds its composite to its
 * evaluator's sum, in the order nawat_call_stats_compute() sums them, so
 * that every figure is the same to the last bit.
 */
static void
ranks_keep_rating (NawatCallRanks *self,
                   gboolean        own)
{
  const NawatStatsEvaluation *row = &self->rating;
  RankRating rating;
  RankEvaluator *evaluator;

  if (!row_is_rating (row))
    return;
  rating.composite = row_composite (self->plan, row);
  rating.evaluator = ranks_evaluator (self, row->evaluator);
  rating.weight = nawat_stats_confidence_weight (row->confidence);
  rating.fund = g_strcmp0 (row->recommendation, "fund") == 0;
  rating.reject = g_strcmp0 (row->recommendation, "reject") == 0;
  rating.own = own;
  g_array_append_val (self->ratings, rating);

  evaluator = ranks_evaluator_at (self, rating.evaluator);
  if (!isnan (rating.composite))
    {
      evaluator->sum += rating.composite;
      evaluator->n_scored++;
    }
}

/* The one read of the call's ratings: the projects and their ratings,
 * both in the order of (call, code), each evaluator's mean, then, the
 * means known, their spread.
 */
static gboolean
ranks_read (NawatCallRanks  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  GError *read_error = NULL;
  NawatStoreRow project;
  guint n = 0;

  if (!ranks_step_evaluation (self, error))
    return FALSE;
  while (self->starts->len < self->n_projects &&
         _nawat_store_cursor_next (self->projects, &project, &read_error))
    {
      guint32 start = self->ratings->len;

      g_array_append_val (self->starts, start);
      while (self->has_evaluation)
        {
          int order = g_strcmp0 (self->rating.project, project.project);

          if (order > 0)
            break;
          if (n++ % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          ranks_keep_rating (self, order == 0);
          if (!ranks_step_evaluation (self, error))
            return FALSE;
        }
    }
  if (read_error != NULL)
    return stats_read_error (read_error, error);
  /* The count and the rows come from one read transaction, so they agree. */
  self->n_projects = self->starts->len;
  g_array_append_val (self->starts, self->ratings->len);
  /* The ratings of no project still count in their evaluators' figures. */
  for (; self->has_evaluation; n++)
    {
      if (n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      ranks_keep_rating (self, FALSE);
      if (!ranks_step_evaluation (self, error))
        return FALSE;
    }
  g_clear_pointer (&self->evaluations, _nawat_stats_evaluations_free);

  for (guint e = 0; e < self->evaluators->len; e++)
    {
      RankEvaluator *evaluator = ranks_evaluator_at (self, e);

      if (evaluator->n_scored > 0)
        evaluator->mean = evaluator->sum / evaluator->n_scored;
    }
  for (guint i = 0; i < self->ratings->len; i++)
    {
      const RankRating *rating = &g_array_index (self->ratings, RankRating, i);
      RankEvaluator *evaluator = ranks_evaluator_at (self, rating->evaluator);

      if (!isnan (rating->composite))
        evaluator->squares += (rating->composite - evaluator->mean) *
                              (rating->composite - evaluator->mean);
    }
  for (guint e = 0; e < self->evaluators->len; e++)
    {
      RankEvaluator *evaluator = ranks_evaluator_at (self, e);

      evaluator->sd = _nawat_stats_evaluator_sd (evaluator->squares, evaluator->n_scored,
                                                 evaluator->mean, &evaluator->normalised);
    }
  return TRUE;
}

/* The figures of the project @index from its ratings, as project_summary()
 * and compute_add_evaluation() make them.
 */
static void
ranks_project_figures (NawatCallRanks *self,
                       guint           index,
                       RankProject    *out)
{
  gboolean weighted = (self->flags & NAWAT_STATS_WEIGHT_CONFIDENCE) != 0;
  double weighted_sum = 0.0;
  double total_weight = 0.0;
  double z_sum = 0.0;
  double z_weight = 0.0;
  guint start = 0, end = 0;

  if (index < self->n_projects)
    {
      start = g_array_index (self->starts, guint32, index);
      end = g_array_index (self->starts, guint32, index + 1);
    }
  out->index = index;
  out->n_fund = out->n_reject = 0;
  g_array_set_size (self->values, 0);
  for (guint i = start; i < end; i++)
    {
      const RankRating *rating = &g_array_index (self->ratings, RankRating, i);
      const RankEvaluator *evaluator;
      double composite = rating->composite;
      double weight = weighted ? rating->weight : 1.0;

      if (!rating->own)
        continue;
      evaluator = ranks_evaluator_at (self, rating->evaluator);
      g_array_append_val (self->values, composite);
      out->n_fund += rating->fund;
      out->n_reject += rating->reject;
      if (!isnan (composite))
        {
          weighted_sum += weight * composite;
          total_weight += weight;
        }
      if (!isnan (composite) && evaluator->normalised)
        {
          z_sum += weight * (composite - evaluator->mean) / evaluator->sd;
          z_weight += weight;
        }
    }
  nawat_stats_summarise ((const double *) (void *) self->values->data, self->values->len,
                         &out->summary);
  if (weighted && total_weight > 0)
    out->summary.mean = weighted_sum / total_weight;
  out->z_mean = z_weight > 0 ? z_sum / z_weight : NAN;
}

/* Reads the next project and its figures into @out; FALSE at the end
 * (@error unset) or on error.
 */
static gboolean
ranks_step_project (NawatCallRanks  *self,
                    RankProject     *out,
                    GError         **error)
{
  GError *read_error = NULL;
  NawatStoreRow project;

  if (!_nawat_store_cursor_next (self->projects, &project, &read_error))
    return read_error == NULL ? FALSE : stats_read_error (read_error, error);
  g_free (out->id);
  out->id = g_strdup (project.project);
  ranks_project_figures (self, self->next++, out);
  return TRUE;
}

static gboolean
ranks_prepare (NawatCallRanks  *self,
               const char      *call_id,
               GError         **error)
{
  GError *read_error = NULL;

  self->projects = _nawat_store_reader_query (self->reader, NAWAT_STORE_READ_CALL_PROJECTS, call_id,
                                              &read_error);
  if (self->projects != NULL)
    self->evaluations = _nawat_stats_evaluations_open (self->reader, self->rubric, self->plan,
                                                       call_id, &read_error);
  if (self->evaluations == NULL)
    return stats_read_error (read_error, error);
  self->n_projects = _nawat_store_reader_count_projects (self->reader, call_id);
  g_array_set_size (self->starts, self->n_projects + 1);
  g_array_set_size (self->starts, 0);
  return TRUE;
}

/* Every project's mean and z-mean, then their ranks, and back to the
 * first project for the export's stream.
 */
static gboolean
ranks_rank (NawatCallRanks  *self,
            GCancellable    *cancellable,
            GError         **error)
{
  guint n = self->n_projects;
  g_autofree double *means = g_new (double, MAX (n, 1));
  g_autofree double *zs = g_new (double, MAX (n, 1));
  g_autofree guint *order = NULL;
  RankProject project = { NULL, };

  for (guint i = 0; i < n; i++)
    {
      ranks_project_figures (self, i, &project);
      means[i] = project.summary.mean;
      zs[i] = project.z_mean;
      if ((i + 1) % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }

  order = g_new (guint, MAX (n, 1));
  self->rank_mean = g_new (guint32, MAX (n, 1));
  _nawat_stats_rank_compact (means, n, order, self->rank_mean);
  g_clear_pointer (&means, g_free);
  self->rank_z = g_new (guint32, MAX (n, 1));
  _nawat_stats_rank_compact (zs, n, order, self->rank_z);
  _nawat_store_cursor_rewind (self->projects);
  self->next = 0;
  return TRUE;
}

NawatCallRanks *
_nawat_call_ranks_compute (NawatStoreReader  *reader,
                           NawatRubric       *rubric,
                           const char        *call_id,
                           double             disagreement_threshold,
                           NawatStatsFlags    flags,
                           GCancellable      *cancellable,
                           GError           **error)
{
  NawatCallRanks *self = g_new0 (NawatCallRanks, 1);

  if (g_str_has_prefix (call_id, "call:"))
    call_id += strlen ("call:");

  self->reader = reader;
  self->threshold = disagreement_threshold;
  self->flags = flags;
  self->rubric = g_object_ref (rubric);
  self->plan = _nawat_rubric_plan_new (rubric);
  self->evaluator_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_string_chunk_new (1024);
  self->evaluators = g_array_new (FALSE, FALSE, sizeof (RankEvaluator));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->ratings = g_array_new (FALSE, FALSE, sizeof (RankRating));
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (!ranks_prepare (self, call_id, error) ||
      !ranks_read (self, cancellable, error) ||
      !ranks_rank (self, cancellable, error))
    {
      _nawat_call_ranks_free (self);
      return NULL;
    }
  return self;
}

gboolean
_nawat_call_ranks_next (NawatCallRanks    *self,
                        const char        *project_id,
                        NawatProjectRank  *out,
                        char            ***reasons,
                        GError           **error)
{
  guint32 rank_mean, rank_z;

  *reasons = NULL;
  while (!self->has_current || strcmp (self->current.id, project_id) < 0)
    {
      self->has_current = ranks_step_project (self, &self->current, error);
      if (!self->has_current)
        return FALSE;
    }
  if (strcmp (self->current.id, project_id) != 0 || self->current.index >= self->n_projects)
    return FALSE;
  self->has_current = FALSE;

  rank_mean = self->rank_mean[self->current.index];
  rank_z = self->rank_z[self->current.index];
  out->rank_mean = rank_mean & ~NAWAT_STATS_RANK_TIED;
  out->rank_mean_tied = (rank_mean & NAWAT_STATS_RANK_TIED) != 0;
  out->rank_z = rank_z & ~NAWAT_STATS_RANK_TIED;
  out->rank_z_tied = (rank_z & NAWAT_STATS_RANK_TIED) != 0;
  out->z_mean = self->current.z_mean;
  out->disagreement = _nawat_stats_is_disagreement (self->threshold, &self->current.summary,
                                                    self->current.n_fund, self->current.n_reject);
  if (out->disagreement)
    *reasons = _nawat_stats_dup_reasons (self->threshold, &self->current.summary,
                                         self->current.n_fund, self->current.n_reject);
  return TRUE;
}
