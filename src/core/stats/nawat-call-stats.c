/* nawat-call-stats.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-stats.h"

#include "nawat-stats-internal-private.h"
#include "nawat-vocabulary.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* NawatCallStats */

/* NawatStatsProjectRow.flags */
enum
{
  ROW_RANK_MEAN_TIED = 1 << 0,
  ROW_RANK_Z_TIED = 1 << 1,
  ROW_DISAGREEMENT = 1 << 2,
};

G_DEFINE_FINAL_TYPE (NawatCallStats, nawat_call_stats, G_TYPE_OBJECT)

static void
nawat_call_stats_finalize (GObject *object)
{
  NawatCallStats *self = NAWAT_CALL_STATS (object);

  for (guint i = 0; self->projects != NULL && i < self->n_projects; i++)
    g_strfreev (self->projects[i].reasons);
  g_clear_pointer (&self->projects, g_free);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->ids, g_free);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->ratings, g_array_unref);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->criteria, g_strfreev);
  g_clear_pointer (&self->criterion_summaries, g_free);
  g_clear_pointer (&self->criterion_agreements, g_free);
  g_clear_pointer (&self->evaluators, g_array_unref);
  g_clear_pointer (&self->ranking_mean, g_free);
  g_clear_pointer (&self->ranking_z, g_free);
  g_clear_pointer (&self->disagreements, g_array_unref);

  G_OBJECT_CLASS (nawat_call_stats_parent_class)->finalize (object);
}

static void
nawat_call_stats_class_init (NawatCallStatsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_call_stats_finalize;
}

static void
nawat_call_stats_init (NawatCallStats *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->ratings = g_array_new (FALSE, FALSE, sizeof (NawatStatsRating));
  self->evaluators = g_array_new (FALSE, TRUE, sizeof (NawatEvaluatorStats));
  self->disagreements = g_array_new (FALSE, FALSE, sizeof (guint));
  self->composite_summary = (NawatSummary) { 0, NAN, NAN, NAN, NAN, NAN };
  self->composite_agreement = (NawatAgreement) { NAN, NAN, NAN, 0, 0, 0 };
}

/* The figures, once the snapshot is read */

/* For structures that start with their name (or id): evaluator stats,
 * NameItem, and the ids of the projects.
 */
static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

typedef struct
{
  const char *name;
  guint       index;
} NameItem;

/* An evaluator's spread from the sum of their composites' squared
 * deviations @squares over @n_scored composites of mean @mean (NAN when
 * fewer than two), and whether their z-scores are used.
 */
double
_nawat_stats_evaluator_sd (double    squares,
                           guint     n_scored,
                           double    mean,
                           gboolean *normalised)
{
  double sd = n_scored > 1 ? sqrt (squares / (n_scored - 1)) : NAN;

  /* Zero spread, also within rounding: nothing to normalise by. */
  *normalised = n_scored >= NAWAT_STATS_MIN_NORMALISED && sd > 1e-9 * MAX (1.0, fabs (mean));
  return sd;
}

/* Per evaluator: the mean and spread of their composites, by which the
 * ratings of a normalised evaluator become z-scores.
 */
static void
compute_normalise (NawatStatsCompute *c)
{
  GArray *evaluators = c->self->evaluators;
  guint n = evaluators->len;
  g_autofree double *sums = g_new0 (double, MAX (n, 1) * 2);
  double *squares = sums + n;
  g_autofree guint *remap = g_new (guint, MAX (n, 1));
  g_autofree NameItem *items = NULL;
  g_autoptr(GArray) sorted = NULL;

  for (guint i = 0; i < c->ratings->len; i++)
    {
      NawatStatsRating *r = &g_array_index (c->ratings, NawatStatsRating, i);

      if (isnan (r->composite))
        continue;
      sums[r->evaluator] += r->composite;
      _nawat_stats_evaluator_at (c, r->evaluator)->n_scored++;
    }
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluatorStats *es = _nawat_stats_evaluator_at (c, e);

      if (es->n_scored > 0)
        es->mean = sums[e] / es->n_scored;
    }
  for (guint i = 0; i < c->ratings->len; i++)
    {
      NawatStatsRating *r = &g_array_index (c->ratings, NawatStatsRating, i);
      double d;

      if (isnan (r->composite))
        continue;
      d = r->composite - _nawat_stats_evaluator_at (c, r->evaluator)->mean;
      squares[r->evaluator] += d * d;
    }
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluatorStats *es = _nawat_stats_evaluator_at (c, e);

      es->sd = _nawat_stats_evaluator_sd (squares[e], es->n_scored, es->mean, &es->normalised);
    }
  /* Evaluators by name; ratings follow. */
  items = g_new (NameItem, MAX (n, 1));
  for (guint e = 0; e < n; e++)
    items[e] = (NameItem) { _nawat_stats_evaluator_at (c, e)->name, e };
  qsort (items, n, sizeof (NameItem), compare_names);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (NawatEvaluatorStats), n);
  for (guint e = 0; e < n; e++)
    {
      g_array_append_val (sorted, *_nawat_stats_evaluator_at (c, items[e].index));
      remap[items[e].index] = e;
    }
  if (n > 0)
    memcpy (evaluators->data, sorted->data, n * sizeof (NawatEvaluatorStats));
  for (guint i = 0; i < c->ratings->len; i++)
    {
      NawatStatsRating *r = &g_array_index (c->ratings, NawatStatsRating, i);

      r->evaluator = remap[r->evaluator];
    }
}

/* The summary of project @p's composites and the mean of their z-scores
 * (NAN when no rating is by a normalised evaluator).
 */
static void
project_summary (NawatCallStats *self,
                 guint           p,
                 NawatSummary   *summary,
                 double         *z_mean)
{
  guint first = g_array_index (self->starts, guint, p);
  guint end = g_array_index (self->starts, guint, p + 1);
  const NawatStatsRating *ratings = (const NawatStatsRating *) (void *) self->ratings->data;
  double stack[16];
  g_autofree double *heap = end - first > G_N_ELEMENTS (stack) ? g_new (double, end - first) : NULL;
  double *values = heap != NULL ? heap : stack;
  gboolean weighted = (self->flags & NAWAT_STATS_WEIGHT_CONFIDENCE) != 0;
  double weighted_sum = 0.0;
  double total_weight = 0.0;
  double z_sum = 0.0;
  double z_weight = 0.0;

  for (guint i = first; i < end; i++)
    {
      const NawatEvaluatorStats *es = &g_array_index (self->evaluators, NawatEvaluatorStats,
                                                      ratings[i].evaluator);
      double weight = weighted ? nawat_stats_confidence_weight (ratings[i].confidence) : 1.0;

      values[i - first] = ratings[i].composite;
      if (!isnan (ratings[i].composite))
        {
          weighted_sum += weight * ratings[i].composite;
          total_weight += weight;
        }
      if (!isnan (ratings[i].composite) && es->normalised)
        {
          z_sum += weight * (ratings[i].composite - es->mean) / es->sd;
          z_weight += weight;
        }
    }
  nawat_stats_summarise (values, end - first, summary);
  /* Unweighted, the summary's own mean, to the last bit. */
  if (weighted && total_weight > 0)
    summary->mean = weighted_sum / total_weight;
  if (z_mean != NULL)
    *z_mean = z_weight > 0 ? z_sum / z_weight : NAN;
}

NawatDisagreement
_nawat_disagreement (guint  n,
                     double spread,
                     guint  n_fund,
                     guint  n_reject,
                     double threshold)
{
  NawatDisagreement reasons = 0;

  if (n >= 2 && spread >= threshold - 1e-9)
    reasons |= NAWAT_DISAGREEMENT_SPREAD;
  if (n_fund > 0 && n_reject > 0)
    reasons |= NAWAT_DISAGREEMENT_FUND_REJECT;
  return reasons;
}

/* Whether evaluators disagree on a project whose composites @summary
 * describes and with these recommendations.
 */
gboolean
_nawat_stats_is_disagreement (double              threshold,
                              const NawatSummary *summary,
                              guint               n_fund,
                              guint               n_reject)
{
  return _nawat_disagreement (summary->n, summary->max - summary->min,
                              n_fund, n_reject, threshold) != 0;
}

/* The translated reasons why a project is flagged; NULL when it is not. */
char **
_nawat_stats_dup_reasons (double              threshold,
                          const NawatSummary *summary,
                          guint               n_fund,
                          guint               n_reject)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_null_terminated (2, g_free, TRUE);
  double spread = summary->max - summary->min;
  NawatDisagreement why = _nawat_disagreement (summary->n, spread, n_fund, n_reject, threshold);

  if (why & NAWAT_DISAGREEMENT_SPREAD)
    g_ptr_array_add (reasons, nawat_vocabulary_dup_spread_reason (spread, threshold, NULL));
  if (why & NAWAT_DISAGREEMENT_FUND_REJECT)
    g_ptr_array_add (reasons, g_strdup (nawat_vocabulary_get (NAWAT_WORD_FUND_AND_REJECT, NULL)));
  if (reasons->len == 0)
    return NULL;
  return (char **) g_ptr_array_free (g_steal_pointer (&reasons), FALSE);
}

static char **
project_dup_reasons (NawatCallStats             *self,
                     const NawatStatsProjectRow *row,
                     const NawatSummary         *summary)
{
  return _nawat_stats_dup_reasons (self->threshold, summary, row->n_fund, row->n_reject);
}

static void
compute_projects (NawatStatsCompute *c)
{
  NawatCallStats *self = c->self;
  g_autofree double *means = NULL;
  g_autofree double *zs = NULL;
  g_autofree guint *ranks = NULL;
  g_autofree gboolean *tied = NULL;

  self->n_projects = c->rows->len;
  self->rows = (NawatStatsProjectRow *) (void *) g_array_free (g_steal_pointer (&c->rows), FALSE);
  self->ids = (const char **) g_ptr_array_free (g_steal_pointer (&c->ids), FALSE);
  means = g_new (double, MAX (self->n_projects, 1));
  zs = g_new (double, MAX (self->n_projects, 1));

  for (guint p = 0; p < self->n_projects; p++)
    {
      NawatStatsProjectRow *row = &self->rows[p];
      NawatSummary summary;

      project_summary (self, p, &summary, &row->z_mean);
      row->mean = summary.mean;
      if (_nawat_stats_is_disagreement (self->threshold, &summary, row->n_fund, row->n_reject))
        {
          row->flags |= ROW_DISAGREEMENT;
          g_array_append_val (self->disagreements, p);
        }
      means[p] = row->mean;
      zs[p] = row->z_mean;
    }

  ranks = g_new (guint, MAX (self->n_projects, 1));
  tied = g_new (gboolean, MAX (self->n_projects, 1));
  self->ranking_mean = g_new (guint, MAX (self->n_projects, 1));
  self->ranking_z = g_new (guint, MAX (self->n_projects, 1));
  _nawat_stats_rank_with_order (means, self->n_projects, self->ranking_mean, ranks, tied);
  for (guint p = 0; p < self->n_projects; p++)
    {
      self->rows[p].rank_mean = ranks[p];
      if (tied[p])
        self->rows[p].flags |= ROW_RANK_MEAN_TIED;
    }
  _nawat_stats_rank_with_order (zs, self->n_projects, self->ranking_z, ranks, tied);
  for (guint p = 0; p < self->n_projects; p++)
    {
      self->rows[p].rank_z = ranks[p];
      if (tied[p])
        self->rows[p].flags |= ROW_RANK_Z_TIED;
    }
}

/* Summary and agreement per criterion and for the composite: units are
 * projects, ratings their submitted evaluations.
 */
static void
compute_agreement (NawatStatsCompute *c)
{
  NawatCallStats *self = c->self;
  guint n_ratings = c->ratings->len;
  guint n_keys = _nawat_rubric_plan_get_n_keys (c->plan);
  g_autofree double *values = g_new (double, MAX (n_ratings, 1));
  NawatStatsRatings r = { values, (const guint *) (void *) c->starts->data, self->n_projects };

  for (guint i = 0; i < n_ratings; i++)
    values[i] = g_array_index (c->ratings, NawatStatsRating, i).composite;
  nawat_stats_summarise (values, n_ratings, &self->composite_summary);
  _nawat_stats_ratings_agreement (&r, &self->composite_agreement);

  self->criterion_summaries = g_new0 (NawatSummary, MAX (n_keys, 1));
  self->criterion_agreements = g_new0 (NawatAgreement, MAX (n_keys, 1));
  for (guint k = 0; k < n_keys; k++)
    _nawat_stats_criterion_finish (&c->criteria[k], &self->criterion_summaries[k],
                                   &self->criterion_agreements[k]);
}

NawatCallStats *
nawat_call_stats_compute (NawatStore     *store,
                          const char     *call_id,
                          double          disagreement_threshold,
                          GCancellable   *cancellable,
                          GError        **error)
{
  return nawat_call_stats_compute_full (store, call_id, disagreement_threshold,
                                        NAWAT_STATS_FLAGS_NONE, cancellable, error);
}

NawatCallStats *
nawat_call_stats_compute_full (NawatStore      *store,
                               const char      *call_id,
                               double           disagreement_threshold,
                               NawatStatsFlags  flags,
                               GCancellable    *cancellable,
                               GError         **error)
{
  g_auto(NawatStatsCompute) c = { NULL, };

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (call_id, "call:"))
    call_id += strlen ("call:");

  c.self = g_object_new (NAWAT_TYPE_CALL_STATS, NULL);
  c.self->call_id = g_strdup (call_id);
  c.self->threshold = disagreement_threshold;
  c.self->flags = flags;
  c.store = store;
  c.evaluator_index = g_hash_table_new (g_str_hash, g_str_equal);
  /* ratings and starts belong to the result */
  c.ratings = c.self->ratings;
  c.starts = c.self->starts;
  c.scores = g_array_new (FALSE, FALSE, sizeof (double));
  c.rows = g_array_new (FALSE, FALSE, sizeof (NawatStatsProjectRow));
  c.ids = g_ptr_array_new ();
  c.names = g_ptr_array_new_with_free_func (g_free);

  if (!_nawat_stats_compute_load_rubric (&c, call_id, error))
    return NULL;
  c.n_keys = _nawat_rubric_plan_get_n_keys (c.plan);
  c.criteria = g_new0 (NawatStatsCriterion, MAX (c.n_keys, 1));
  for (guint k = 0; k < c.n_keys; k++)
    {
      c.criteria[k].values = g_array_new (FALSE, FALSE, sizeof (double));
      c.criteria[k].counts = g_array_new (FALSE, FALSE, sizeof (double));
      c.criteria[k].pairable = g_array_new (FALSE, FALSE, sizeof (double));
    }
  if (!_nawat_stats_compute_open (&c, call_id, error) ||
      !_nawat_stats_compute_stream (&c, cancellable, error))
    return NULL;

  c.self->criteria = g_strdupv ((char **) _nawat_rubric_plan_get_keys (c.plan));
  compute_normalise (&c);
  compute_projects (&c);
  compute_agreement (&c);

  return g_steal_pointer (&c.self);
}

const char *
nawat_call_stats_get_call_id (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);

  return self->call_id;
}

NawatStatsFlags
nawat_call_stats_get_flags (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NAWAT_STATS_FLAGS_NONE);

  return self->flags;
}

double
nawat_call_stats_get_threshold (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NAN);

  return self->threshold;
}

void
nawat_call_stats_get_composite (NawatCallStats *self,
                                NawatSummary   *summary,
                                NawatAgreement *agreement)
{
  g_return_if_fail (NAWAT_IS_CALL_STATS (self));

  if (summary != NULL)
    *summary = self->composite_summary;
  if (agreement != NULL)
    *agreement = self->composite_agreement;
}

const char * const *
nawat_call_stats_get_criteria (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);

  return (const char * const *) self->criteria;
}

gboolean
nawat_call_stats_get_criterion (NawatCallStats *self,
                                const char     *key,
                                NawatSummary   *summary,
                                NawatAgreement *agreement)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  for (guint k = 0; self->criteria[k] != NULL; k++)
    {
      if (!g_str_equal (self->criteria[k], key))
        continue;
      if (summary != NULL)
        *summary = self->criterion_summaries[k];
      if (agreement != NULL)
        *agreement = self->criterion_agreements[k];
      return TRUE;
    }
  return FALSE;
}

guint
nawat_call_stats_get_n_evaluators (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), 0);

  return self->evaluators->len;
}

const NawatEvaluatorStats *
nawat_call_stats_get_evaluator (NawatCallStats *self,
                                guint           index)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);
  g_return_val_if_fail (index < self->evaluators->len, NULL);

  return &g_array_index (self->evaluators, NawatEvaluatorStats, index);
}

const NawatEvaluatorStats *
nawat_call_stats_lookup_evaluator (NawatCallStats *self,
                                   const char     *name)
{
  NawatEvaluatorStats key = { .name = name };

  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return bsearch (&key, self->evaluators->data, self->evaluators->len,
                  sizeof (NawatEvaluatorStats), compare_names);
}

guint
nawat_call_stats_get_n_projects (NawatCallStats *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), 0);

  return self->n_projects;
}

static guint
project_expected (NawatCallStats             *self,
                  const NawatStatsProjectRow *row,
                  guint                       n_evaluations)
{
  guint evaluators = row->assigned > 0 ? row->assigned : self->n_call_evaluators;
  guint expected = evaluators > row->conflict ? evaluators - row->conflict : 0;

  return MAX (expected, n_evaluations);
}

gboolean
nawat_project_stats_is_complete (const NawatProjectStats *ps)
{
  g_return_val_if_fail (ps != NULL, FALSE);

  return ps->n_evaluations >= ps->expected;
}

/* Every project's NawatProjectStats, made once, when first asked for. */
static NawatProjectStats *
call_stats_projects (NawatCallStats *self)
{
  if (g_once_init_enter (&self->projects))
    {
      NawatProjectStats *projects = g_new0 (NawatProjectStats, MAX (self->n_projects, 1));

      for (guint p = 0; p < self->n_projects; p++)
        {
          const NawatStatsProjectRow *row = &self->rows[p];
          NawatProjectStats *ps = &projects[p];
          NawatSummary summary;

          project_summary (self, p, &summary, NULL);
          ps->project_id = self->ids[p];
          ps->n_evaluations = summary.n;
          ps->mean = row->mean;
          ps->median = summary.median;
          ps->min = summary.min;
          ps->max = summary.max;
          ps->spread = summary.max - summary.min;
          ps->z_mean = row->z_mean;
          ps->disagreement = (row->flags & ROW_DISAGREEMENT) != 0;
          ps->reasons = ps->disagreement ? project_dup_reasons (self, row, &summary) : NULL;
          ps->rank_mean = row->rank_mean;
          ps->rank_z = row->rank_z;
          ps->rank_mean_tied = (row->flags & ROW_RANK_MEAN_TIED) != 0;
          ps->rank_z_tied = (row->flags & ROW_RANK_Z_TIED) != 0;
          ps->n_fund = row->n_fund;
          ps->n_fund_with_conditions = row->n_fund_with_conditions;
          ps->n_reject = row->n_reject;
          ps->assigned = row->assigned;
          ps->draft = row->draft;
          ps->submitted = row->submitted;
          ps->conflict = row->conflict;
          ps->expected = project_expected (self, row, ps->n_evaluations);
        }
      g_once_init_leave (&self->projects, projects);
    }
  return self->projects;
}

const NawatProjectStats *
nawat_call_stats_get_project (NawatCallStats *self,
                              guint           index)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);
  g_return_val_if_fail (index < self->n_projects, NULL);

  return &call_stats_projects (self)[index];
}

int
_nawat_call_stats_find_project (NawatCallStats *self,
                                const char     *project_id)
{
  const char **found;

  /* Projects come ordered by code within one call, so by id too. */
  found = bsearch (&project_id, self->ids, self->n_projects, sizeof (char *), compare_names);
  return found != NULL ? (int) (found - self->ids) : -1;
}

const NawatProjectStats *
nawat_call_stats_lookup_project (NawatCallStats *self,
                                 const char     *project_id)
{
  int index;

  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);

  index = _nawat_call_stats_find_project (self, project_id);
  return index >= 0 ? &call_stats_projects (self)[index] : NULL;
}

const guint *
nawat_call_stats_get_ranking (NawatCallStats *self,
                              gboolean        normalised)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);

  return normalised ? self->ranking_z : self->ranking_mean;
}

const guint *
nawat_call_stats_get_disagreements (NawatCallStats *self,
                                    guint          *n_out)
{
  g_return_val_if_fail (NAWAT_IS_CALL_STATS (self), NULL);

  if (n_out != NULL)
    *n_out = self->disagreements->len;
  return (const guint *) (void *) self->disagreements->data;
}
