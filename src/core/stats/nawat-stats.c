/* nawat-stats.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-stats.h"

#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-store-private.h"
#include "nawat-vocabulary.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (nawat-stats-error-quark, nawat_stats_error)

/* Pure functions */

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
nawat_stats_summarise (const double *values,
                       guint         n,
                       NawatSummary *out)
{
  g_autofree double *sorted = NULL;
  double sum = 0.0;
  double ss = 0.0;
  double mean;
  guint m = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (values != NULL || n == 0);

  out->n = 0;
  out->mean = out->median = out->sd = out->min = out->max = NAN;

  sorted = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      sorted[m++] = values[i];
  if (m == 0)
    return;

  qsort (sorted, m, sizeof (double), compare_doubles);
  for (guint i = 0; i < m; i++)
    sum += sorted[i];
  mean = sum / m;
  for (guint i = 0; i < m; i++)
    ss += (sorted[i] - mean) * (sorted[i] - mean);

  out->n = m;
  out->mean = mean;
  out->median = m % 2 == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2.0;
  out->sd = m > 1 ? sqrt (ss / (m - 1)) : NAN;
  out->min = sorted[0];
  out->max = sorted[m - 1];
}

/* Ratings grouped by unit: unit u holds values[starts[u]] up to
 * values[starts[u + 1]] (excluded), NAN where missing.
 */
typedef struct
{
  const double *values;
  const guint  *starts;
  guint         n_units;
} Ratings;

/* The sum of squared deviations from their mean of @n values. */
static double
sum_of_squares (const double *values,
                guint         n)
{
  double sum = 0.0;
  double ss = 0.0;
  double mean;

  for (guint i = 0; i < n; i++)
    sum += values[i];
  mean = sum / n;
  for (guint i = 0; i < n; i++)
    ss += (values[i] - mean) * (values[i] - mean);
  return ss;
}

/* Collects the pairable values (those of units rated at least twice) into
 * @values, with the bounds of each unit in @bounds (n + 1 entries).
 */
static void
collect_pairable (const Ratings *r,
                  GArray        *values,
                  GArray        *bounds)
{
  guint zero = 0;

  g_array_append_val (bounds, zero);
  for (guint u = 0; u < r->n_units; u++)
    {
      guint m = 0;

      for (guint i = r->starts[u]; i < r->starts[u + 1]; i++)
        m += !isnan (r->values[i]);
      if (m < 2)
        continue;
      for (guint i = r->starts[u]; i < r->starts[u + 1]; i++)
        if (!isnan (r->values[i]))
          g_array_append_val (values, r->values[i]);
      g_array_append_val (bounds, values->len);
    }
}

/* Interval alpha from the identities Σ_{i≠j} (v_i − v_j)² = 2 m SS over a
 * set of m values: D_o = (1/n) Σ_u 2 m_u SS_u / (m_u − 1) and
 * D_e = 2 SS / (n − 1), where SS is over all n pairable values.
 */
static double
alpha_interval (const double *values,
                const guint  *bounds,
                guint         n_units)
{
  guint n = bounds[n_units];
  double observed = 0.0;
  double expected;

  for (guint u = 0; u < n_units; u++)
    {
      guint m = bounds[u + 1] - bounds[u];

      observed += 2.0 * m * sum_of_squares (values + bounds[u], m) / (m - 1);
    }
  observed /= n;
  expected = 2.0 * sum_of_squares (values, n) / (n - 1);
  if (!(expected > 0.0))
    return NAN;
  return 1.0 - observed / expected;
}

typedef struct
{
  double value;
  guint  index;
} Item;

static int
compare_items (const void *a,
               const void *b)
{
  const Item *x = a;
  const Item *y = b;
  int c = compare_doubles (&x->value, &y->value);

  return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* The ordinal metric of Krippendorff (2011), δ²_ck = (Σ_{g=c..k} n_g −
 * (n_c + n_k)/2)², equals (r_k − r_c)² with r_c = Σ_{g<c} n_g + n_c/2:
 * ordinal alpha is interval alpha over the values replaced by r.
 */
static double
alpha_ordinal (const double *values,
               const guint  *bounds,
               guint         n_units)
{
  guint n = bounds[n_units];
  g_autofree Item *items = g_new (Item, n);
  g_autofree double *ranks = g_new (double, n);
  guint i = 0;

  for (guint j = 0; j < n; j++)
    items[j] = (Item) { values[j], j };
  qsort (items, n, sizeof (Item), compare_items);
  while (i < n)
    {
      guint j = i;

      while (j < n && items[j].value == items[i].value)
        j++;
      for (guint k = i; k < j; k++)
        ranks[items[k].index] = i + (j - i) / 2.0;
      i = j;
    }
  return alpha_interval (ranks, bounds, n_units);
}

/* Σ n_c² over the groups of equal values of sorted @values. */
static double
sum_of_squared_counts (const double *values,
                       guint         n)
{
  double sum = 0.0;
  guint i = 0;

  while (i < n)
    {
      guint j = i;

      while (j < n && values[j] == values[i])
        j++;
      sum += (double) (j - i) * (j - i);
      i = j;
    }
  return sum;
}

static double
alpha_nominal (double      *values,
               const guint *bounds,
               guint        n_units)
{
  guint n = bounds[n_units];
  g_autofree double *all = g_memdup2 (values, n * sizeof (double));
  double observed = 0.0;
  double expected;

  for (guint u = 0; u < n_units; u++)
    {
      guint m = bounds[u + 1] - bounds[u];

      qsort (values + bounds[u], m, sizeof (double), compare_doubles);
      observed += ((double) m * m - sum_of_squared_counts (values + bounds[u], m)) / (m - 1);
    }
  observed /= n;
  qsort (all, n, sizeof (double), compare_doubles);
  expected = ((double) n * n - sum_of_squared_counts (all, n)) / ((double) n * (n - 1));
  if (!(expected > 0.0))
    return NAN;
  return 1.0 - observed / expected;
}

static double
ratings_alpha (const Ratings    *r,
               NawatAlphaMetric  metric,
               guint            *n_pairable)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_units;

  collect_pairable (r, values, bounds);
  n_units = bounds->len - 1;
  if (n_pairable != NULL)
    *n_pairable = values->len;
  if (n_units == 0)
    return NAN;

  switch (metric)
    {
    case NAWAT_ALPHA_NOMINAL:
      return alpha_nominal ((double *) (void *) values->data,
                            (const guint *) (void *) bounds->data, n_units);
    case NAWAT_ALPHA_ORDINAL:
      return alpha_ordinal ((const double *) (void *) values->data,
                            (const guint *) (void *) bounds->data, n_units);
    case NAWAT_ALPHA_INTERVAL:
      return alpha_interval ((const double *) (void *) values->data,
                             (const guint *) (void *) bounds->data, n_units);
    default:
      g_return_val_if_reached (NAN);
    }
}

/* The sum and the number @k of the ratings of unit @u. */
static double
unit_sum (const Ratings *r,
          guint          u,
          guint         *k)
{
  double sum = 0.0;

  *k = 0;
  for (guint i = r->starts[u]; i < r->starts[u + 1]; i++)
    if (!isnan (r->values[i]))
      {
        sum += r->values[i];
        (*k)++;
      }
  return sum;
}

/* The unbalanced one-way ANOVA estimator documented in the header. */
static double
ratings_icc (const Ratings *r,
             guint         *n_rated)
{
  double sum = 0.0;
  double ssw = 0.0;
  double ssb = 0.0;
  double sum_k2 = 0.0;
  double grand, msb, msw, k0, denominator;
  guint n = 0;
  guint total = 0;

  for (guint u = 0; u < r->n_units; u++)
    {
      guint k;
      double s = unit_sum (r, u, &k);

      if (k == 0)
        continue;
      for (guint i = r->starts[u]; i < r->starts[u + 1]; i++)
        if (!isnan (r->values[i]))
          ssw += (r->values[i] - s / k) * (r->values[i] - s / k);
      sum += s;
      sum_k2 += (double) k * k;
      total += k;
      n++;
    }
  if (n_rated != NULL)
    *n_rated = n;
  if (n < 2 || total <= n)
    return NAN;

  grand = sum / total;
  for (guint u = 0; u < r->n_units; u++)
    {
      guint k;
      double s = unit_sum (r, u, &k);

      if (k > 0)
        ssb += k * (s / k - grand) * (s / k - grand);
    }

  msb = ssb / (n - 1);
  msw = ssw / (total - n);
  k0 = (total - sum_k2 / total) / (n - 1);
  denominator = msb + (k0 - 1.0) * msw;
  if (!(fabs (denominator) > 0.0))
    return NAN;
  return (msb - msw) / denominator;
}

static void
ratings_agreement (const Ratings  *r,
                   NawatAgreement *out)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_units;

  collect_pairable (r, values, bounds);
  n_units = bounds->len - 1;
  out->n_pairable = values->len;
  out->alpha_interval = out->alpha_ordinal = NAN;
  if (n_units > 0)
    {
      const double *v = (const double *) (void *) values->data;
      const guint *b = (const guint *) (void *) bounds->data;

      out->alpha_interval = alpha_interval (v, b, n_units);
      out->alpha_ordinal = alpha_ordinal (v, b, n_units);
    }
  out->icc_1_1 = ratings_icc (r, &out->n_units);
}

static guint *
dense_starts (guint n_units,
              guint n_raters)
{
  guint *starts = g_new (guint, n_units + 1);

  for (guint u = 0; u <= n_units; u++)
    starts[u] = u * n_raters;
  return starts;
}

double
nawat_stats_krippendorff_alpha (const double     *matrix,
                                guint             n_units,
                                guint             n_raters,
                                NawatAlphaMetric  metric)
{
  g_autofree guint *starts = NULL;
  Ratings r;

  g_return_val_if_fail (matrix != NULL || n_units * n_raters == 0, NAN);

  starts = dense_starts (n_units, n_raters);
  r = (Ratings) { matrix, starts, n_units };
  return ratings_alpha (&r, metric, NULL);
}

double
nawat_stats_icc_1_1 (const double *matrix,
                     guint         n_units,
                     guint         n_raters)
{
  g_autofree guint *starts = NULL;
  Ratings r;

  g_return_val_if_fail (matrix != NULL || n_units * n_raters == 0, NAN);

  starts = dense_starts (n_units, n_raters);
  r = (Ratings) { matrix, starts, n_units };
  return ratings_icc (&r, NULL);
}

void
nawat_stats_agreement (const double   *matrix,
                       guint           n_units,
                       guint           n_raters,
                       NawatAgreement *out)
{
  g_autofree guint *starts = NULL;
  Ratings r;

  g_return_if_fail (matrix != NULL || n_units * n_raters == 0);
  g_return_if_fail (out != NULL);

  starts = dense_starts (n_units, n_raters);
  r = (Ratings) { matrix, starts, n_units };
  ratings_agreement (&r, out);
}

/* Ranking */

/* Highest first, NAN last, equal values by index: a total order, so
 * any sort gives the same permutation.
 */
static int
compare_ranked (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const double *values = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  double x = values[i], y = values[j];

  if (isnan (x) != isnan (y))
    return isnan (x) ? 1 : -1;
  if (!isnan (x) && x != y)
    return x > y ? -1 : 1;
  return (i > j) - (i < j);
}

/* Means computed in another order may differ in their last bits: such
 * values are equal for ranking.
 */
static gboolean
same_score (double a,
            double b)
{
  return fabs (a - b) <= 1e-9 * MAX (1.0, fabs (a));
}

/* Marks a shared rank in the ranks rank_compact() makes. */
#define RANK_TIED (1u << 31)

/* Fills @order with the indices of @values in ranking order and @ranks
 * with their ranks, RANK_TIED set on shared ones: 4 bytes per value
 * besides @order and @ranks (the sort's own room), so that a large call
 * can be ranked without a copy of its values.
 */
static void
rank_compact (const double *values,
              guint         n,
              guint        *order,
              guint32      *ranks)
{
  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_ranked, (gpointer) values);

  for (guint j = 0; j < n; j++)
    {
      guint i = order[j];

      if (isnan (values[i]))
        ranks[i] = 0;
      else if (j > 0 && same_score (values[order[j - 1]], values[i]))
        {
          ranks[order[j - 1]] |= RANK_TIED;
          ranks[i] = ranks[order[j - 1]];
        }
      else
        ranks[i] = j + 1;
    }
}

/* Fills @order (may be NULL) with the indices in ranking order, and
 * @ranks and @tied (may be NULL).
 */
static void
rank_with_order (const double *values,
                 guint         n,
                 guint        *order,
                 guint        *ranks,
                 gboolean     *tied)
{
  g_autofree guint *own = order == NULL ? g_new (guint, MAX (n, 1)) : NULL;

  G_STATIC_ASSERT (sizeof (guint) == sizeof (guint32));
  rank_compact (values, n, order != NULL ? order : own, ranks);
  for (guint i = 0; i < n; i++)
    {
      if (tied != NULL)
        tied[i] = (ranks[i] & RANK_TIED) != 0;
      ranks[i] &= ~RANK_TIED;
    }
}

void
nawat_stats_rank (const double *values,
                  guint         n,
                  guint        *ranks,
                  gboolean     *tied)
{
  g_return_if_fail (values != NULL || n == 0);
  g_return_if_fail (ranks != NULL || n == 0);

  rank_with_order (values, n, NULL, ranks, tied);
}

/* NawatCallStats */

/* One submitted evaluation without a declared conflict: all that is
 * kept of it once its project is done (its z-score follows from its
 * evaluator's mean and spread).
 */
typedef struct
{
  double  composite;
  guint32 evaluator;
} Rating;

enum
{
  ROW_RANK_MEAN_TIED = 1 << 0,
  ROW_RANK_Z_TIED = 1 << 1,
  ROW_DISAGREEMENT = 1 << 2,
};

/* What is kept per project (NawatProjectStats less what its ratings
 * give back: n, median, spread, min, max and the reasons).
 */
typedef struct
{
  double  mean;
  double  z_mean;
  guint32 rank_mean;
  guint32 rank_z;
  guint32 n_fund;
  guint32 n_fund_with_conditions;
  guint32 n_reject;
  guint32 assigned;
  guint32 draft;
  guint32 submitted;
  guint32 conflict;
  guint32 flags;
} ProjectRow;

struct _NawatCallStats
{
  GObject              parent_instance;

  char                *call_id;
  double               threshold;
  GStringChunk        *strings;

  NawatSummary         composite_summary;
  NawatAgreement       composite_agreement;
  char               **criteria;
  NawatSummary        *criterion_summaries;
  NawatAgreement      *criterion_agreements;

  GArray              *evaluators;
  /* per project: compact rows, ids, and the first of its ratings (and
   * one more); the public NawatProjectStats are made from them when
   * first asked for, so that a caller that needs only ranks or the
   * call's figures never holds them
   */
  ProjectRow          *rows;
  const char         **ids;
  GArray              *starts;
  GArray              *ratings;
  NawatProjectStats   *projects;
  guint                n_projects;
  guint               *ranking_mean;
  guint               *ranking_z;
  GArray              *disagreements;
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
  self->ratings = g_array_new (FALSE, FALSE, sizeof (Rating));
  self->evaluators = g_array_new (FALSE, TRUE, sizeof (NawatEvaluatorStats));
  self->disagreements = g_array_new (FALSE, FALSE, sizeof (guint));
  self->composite_summary = (NawatSummary) { 0, NAN, NAN, NAN, NAN, NAN };
  self->composite_agreement = (NawatAgreement) { NAN, NAN, NAN, 0, 0 };
}

/* NawatRubricPlan */

typedef struct
{
  guint    group;
  gboolean required;
  double   weight;
  int      min;
  int      max;
} PlanKey;

typedef struct
{
  double   weight;
  gboolean max;
  /* scratch, per evaluation */
  double   sum;
  double   weights;
  double   best;
  gboolean any;
} PlanGroup;

struct _NawatRubricPlan
{
  char     **keys;
  PlanKey   *key_info;
  guint      n_keys;
  PlanGroup *groups;
  guint      n_groups;
};

NawatRubricPlan *
_nawat_rubric_plan_new (NawatRubric *rubric)
{
  NawatRubricPlan *plan = g_new0 (NawatRubricPlan, 1);
  GListModel *groups = nawat_rubric_get_groups (rubric);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_null_terminated (32, g_free, TRUE);
  g_autoptr(GArray) key_info = g_array_new (FALSE, FALSE, sizeof (PlanKey));

  plan->n_groups = g_list_model_get_n_items (groups);
  plan->groups = g_new0 (PlanGroup, MAX (plan->n_groups, 1));
  for (guint g = 0; g < plan->n_groups; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);

      plan->groups[g].weight = nawat_rubric_group_get_weight (group);
      plan->groups[g].max = nawat_rubric_group_get_aggregation (group) == NAWAT_AGGREGATION_MAX;
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
          PlanKey key = {
            g,
            nawat_criterion_get_required (criterion),
            nawat_criterion_get_weight (criterion),
            nawat_criterion_get_min (criterion),
            nawat_criterion_get_max (criterion),
          };

          g_ptr_array_add (keys, g_strconcat (nawat_rubric_group_get_key (group), ".",
                                              nawat_criterion_get_key (criterion), NULL));
          g_array_append_val (key_info, key);
        }
    }
  plan->n_keys = key_info->len;
  plan->key_info = (PlanKey *) (void *) g_array_free (g_steal_pointer (&key_info), FALSE);
  plan->keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);
  return plan;
}

void
_nawat_rubric_plan_free (NawatRubricPlan *plan)
{
  if (plan == NULL)
    return;
  g_strfreev (plan->keys);
  g_free (plan->key_info);
  g_free (plan->groups);
  g_free (plan);
}

guint
_nawat_rubric_plan_get_n_keys (NawatRubricPlan *plan)
{
  return plan->n_keys;
}

const char * const *
_nawat_rubric_plan_get_keys (NawatRubricPlan *plan)
{
  return (const char * const *) plan->keys;
}

/* A JSON path for @key, quoted: keys are [a-z0-9-] parts joined by '.'. */
static void
append_score_path (GString    *sql,
                   const char *key)
{
  g_string_append (sql, ", '$.scores.\"");
  for (const char *p = key; *p != '\0'; p++)
    {
      /* Anything else could not be in a path: the codec refuses it. */
      if (*p == '\'' || *p == '"' || *p == '\\')
        continue;
      g_string_append_c (sql, *p);
    }
  g_string_append (sql, "\"'");
}

/* json_extract() with two paths or more returns a JSON array of the
 * values, one parse per row; the first key is repeated when alone.
 */
void
_nawat_rubric_plan_append_sql (NawatRubricPlan *plan,
                               GString         *sql,
                               const char      *json_column)
{
  g_string_append_printf (sql, "json_extract (%s", json_column);
  for (guint i = 0; i < MAX (plan->n_keys, 2); i++)
    append_score_path (sql, plan->n_keys > 0 ? plan->keys[i % plan->n_keys] : "");
  g_string_append_c (sql, ')');
}

void
_nawat_rubric_plan_score (NawatRubricPlan *plan,
                          const double    *scores,
                          gboolean         conflict_declared,
                          NawatScore      *score)
{
  double sum = 0.0;
  double weights = 0.0;

  memset (score, 0, sizeof *score);
  for (guint g = 0; g < plan->n_groups; g++)
    {
      plan->groups[g].sum = plan->groups[g].weights = plan->groups[g].best = 0.0;
      plan->groups[g].any = FALSE;
    }

  for (guint k = 0; k < plan->n_keys; k++)
    {
      PlanKey *key = &plan->key_info[k];
      PlanGroup *group = &plan->groups[key->group];
      double norm;

      score->n_required += key->required;
      if (isnan (scores[k]))
        continue;
      score->n_scored_required += key->required;
      /* nawat_scoring_normalise() */
      norm = key->max <= key->min ? 0.0
             : CLAMP ((scores[k] - key->min) / (double) (key->max - key->min), 0.0, 1.0);
      if (!group->any || norm > group->best)
        group->best = norm;
      group->sum += key->weight * norm;
      group->weights += key->weight;
      group->any = TRUE;
    }

  for (guint g = 0; g < plan->n_groups; g++)
    {
      PlanGroup *group = &plan->groups[g];
      double s;

      if (!group->any)
        continue;
      if (group->max)
        s = group->best;
      else if (group->weights > 0.0)
        s = group->sum / group->weights;
      else
        continue;
      sum += group->weight * s;
      weights += group->weight;
    }

  score->completeness = score->n_required > 0
                        ? (double) score->n_scored_required / score->n_required
                        : 1.0;
  score->complete = score->n_scored_required == score->n_required &&
                    weights > 0.0 && !conflict_declared;
  score->composite = score->complete ? 100.0 * sum / weights : 0.0;
}

/* The computation: a read-only snapshot streamed once */

/* The statistics of one criterion, accumulated project by project so
 * that no criterion score is kept: the values a criterion takes (whole
 * levels, a handful of them) with their counts, Krippendorff's
 * coincidences between them, and the sums of the one-way ANOVA.
 */
#define MAX_CRITERION_VALUES 256

typedef struct
{
  /* distinct values, in order of arrival, with their counts over all
   * ratings and over the pairable ones (units rated twice or more)
   */
  GArray   *values;
  GArray   *counts;
  GArray   *pairable;
  /* capacity × capacity: Σ 2/(m_u − 1) over the pairs of different
   * values (i < j in value index) of each unit
   */
  double   *coincidences;
  guint     capacity;
  gboolean  overflow;
  guint     n_pairable;
  guint     n_pairable_units;
  /* Σ_u 2 m_u SS_u / (m_u − 1), the interval metric's disagreement */
  double    observed_interval;
  /* ICC(1,1): units rated at least once, ratings, Σ y, Σ k², Σ k ȳ², SSW */
  guint     n_rated;
  guint     total;
  double    sum;
  double    sum_k2;
  double    sum_means2;
  double    ssw;
} CriterionStats;

typedef struct
{
  NawatCallStats *self;
  NawatStore     *store;
  sqlite3        *db;
  sqlite3_stmt   *projects;
  sqlite3_stmt   *evaluations;
  NawatRubric    *rubric;
  NawatRubricPlan *plan;
  /* evaluator name → index + 1 into self->evaluators (in order of arrival) */
  GHashTable     *evaluator_index;
  GArray         *ratings;
  /* n_keys doubles per rating of the current project, NAN where not scored */
  GArray         *scores;
  CriterionStats *criteria;
  guint           n_keys;
  /* the first rating of each project, and one more */
  GArray         *starts;
  GArray         *rows;
  GPtrArray      *ids;
  double         *row_scores;
  GPtrArray      *names;
} Compute;

static void
compute_clear (Compute *c)
{
  g_clear_pointer (&c->projects, sqlite3_finalize);
  g_clear_pointer (&c->evaluations, sqlite3_finalize);
  if (c->db != NULL)
    {
      sqlite3_exec (c->db, "COMMIT", NULL, NULL, NULL);
      g_clear_pointer (&c->db, sqlite3_close);
    }
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
  g_clear_pointer (&c->row_scores, g_free);
  g_clear_pointer (&c->names, g_ptr_array_unref);
  g_clear_object (&c->self);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Compute, compute_clear)

static void
set_db_error (GError     **error,
              sqlite3     *db,
              const char  *path)
{
  g_set_error (error, NAWAT_STATS_ERROR, NAWAT_STATS_ERROR_FAILED,
               _("Cannot read the store %s: %s"),
               path, db != NULL ? sqlite3_errmsg (db) : _("out of memory"));
}

static gboolean
compute_load_rubric (Compute     *c,
                     const char  *call_id,
                     GError     **error)
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

  c->plan = _nawat_rubric_plan_new (c->rubric);
  return TRUE;
}

/* Sizes the per-project arrays once: grown by doubling, they would hold
 * up to twice the room, and three times while one is being copied.
 */
static gboolean
compute_reserve (Compute     *c,
                 const char  *call_id,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  guint n;

  if (sqlite3_prepare_v2 (c->db, "SELECT count(*) FROM projects WHERE call = ?1", -1,
                          &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (error, c->db, nawat_store_get_path (c->store));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  n = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);

  g_array_set_size (c->rows, n);
  g_array_set_size (c->rows, 0);
  g_array_set_size (c->starts, n + 1);
  g_array_set_size (c->starts, 0);
  g_ptr_array_set_size (c->ids, n);
  g_ptr_array_set_size (c->ids, 0);
  return TRUE;
}

/* The evaluations of a call's projects (?1), in the order of the
 * indexes (call, code) and (project, evaluator): project id, evaluator,
 * status, conflict, recommendation and the scores as a JSON array.
 */
enum
{
  EVAL_PROJECT, EVAL_EVALUATOR, EVAL_STATUS, EVAL_CONFLICT, EVAL_RECOMMENDATION, EVAL_SCORES,
};

static void
append_evaluations_sql (NawatRubricPlan *plan,
                        GString         *sql)
{
  g_string_append (sql, "SELECT p.id, e.evaluator, e.status, e.conflict, "
                        "json_extract (e.json, '$.recommendation'), ");
  _nawat_rubric_plan_append_sql (plan, sql, "e.json");
  g_string_append (sql, " FROM projects AS p JOIN evaluations AS e ON e.project = p.id "
                        "WHERE p.call = ?1 ORDER BY p.call, p.code, e.evaluator");
}

static gboolean
compute_open (Compute     *c,
              const char  *call_id,
              GError     **error)
{
  const char *path = nawat_store_get_path (c->store);
  g_autoptr(GString) sql = g_string_new (NULL);

  c->db = _nawat_store_open_reader (path, SQLITE_OPEN_NOMUTEX, error);
  if (c->db == NULL)
    return FALSE;
  if (sqlite3_exec (c->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (error, c->db, path);
      return FALSE;
    }

  append_evaluations_sql (c->plan, sql);

  if (sqlite3_prepare_v2 (c->db,
                          "SELECT id, json_extract (json, '$.assigned') FROM projects "
                          "WHERE call = ?1 ORDER BY call, code",
                          -1, &c->projects, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (c->db, sql->str, -1, &c->evaluations, NULL) != SQLITE_OK)
    {
      set_db_error (error, c->db, path);
      return FALSE;
    }
  sqlite3_bind_text (c->projects, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (c->evaluations, 1, call_id, -1, SQLITE_TRANSIENT);
  return compute_reserve (c, call_id, error);
}

static guint
compute_evaluator (Compute    *c,
                   const char *name)
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

static NawatEvaluatorStats *
evaluator_at (Compute *c,
              guint    index)
{
  return &g_array_index (c->self->evaluators, NawatEvaluatorStats, index);
}

/* The fast path for the plain arrays json_extract() returns: numbers and
 * null for scores, or strings without escapes for names.
 */
static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    p++;
  return p;
}

static gboolean
scan_numbers (const char *text,
              double     *out,
              guint       n)
{
  const char *p = skip_space (text);
  guint i = 0;

  if (*p++ != '[')
    return FALSE;
  for (p = skip_space (p); *p != ']'; p = skip_space (p))
    {
      double value = NAN;

      if (i > 0 && *p++ != ',')
        return FALSE;
      p = skip_space (p);
      if (strncmp (p, "null", 4) == 0)
        p += 4;
      else
        {
          char *end = NULL;

          value = g_ascii_strtod (p, &end);
          if (end == p)
            return FALSE;
          p = end;
        }
      if (i < n)
        out[i] = value;
      i++;
    }
  return i >= n;
}

static void
parse_numbers (const char *text,
               double     *out,
               guint       n)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;

  for (guint i = 0; i < n; i++)
    out[i] = NAN;
  if (text == NULL || n == 0 || scan_numbers (text, out, n))
    return;

  for (guint i = 0; i < n; i++)
    out[i] = NAN;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < MIN (n, json_array_get_length (array)); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING &&
          json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        out[i] = json_node_get_double (node);
    }
}

void
_nawat_rubric_plan_parse (NawatRubricPlan *plan,
                          const char      *text,
                          double          *scores)
{
  parse_numbers (text, scores, plan->n_keys);
}

static gboolean
scan_strings (const char *text,
              GPtrArray  *out)
{
  const char *p = skip_space (text);

  if (*p++ != '[')
    return FALSE;
  for (p = skip_space (p); *p != ']'; p = skip_space (p))
    {
      const char *end;

      if (out->len > 0 && *p++ != ',')
        return FALSE;
      p = skip_space (p);
      if (*p++ != '"')
        return FALSE;
      end = strpbrk (p, "\"\\");
      if (end == NULL || *end != '"')
        return FALSE;
      g_ptr_array_add (out, g_strndup (p, end - p));
      p = end + 1;
    }
  return TRUE;
}

static void
parse_strings (const char *text,
               GPtrArray  *out)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonArray *array;

  g_ptr_array_set_size (out, 0);
  if (text == NULL || scan_strings (text, out))
    return;

  g_ptr_array_set_size (out, 0);
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (root))
    return;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_ptr_array_add (out, g_strdup (s));
    }
}

/* Whether the evaluation row of @stmt is a rating: submitted, without a
 * declared conflict of interest.
 */
static gboolean
row_is_rating (sqlite3_stmt *stmt)
{
  return sqlite3_column_int (stmt, EVAL_CONFLICT) == 0 &&
         g_strcmp0 ((const char *) sqlite3_column_text (stmt, EVAL_STATUS), "submitted") == 0;
}

/* The composite of the evaluation row of @stmt, NAN when incomplete;
 * its levels go to @scores.
 */
static double
row_composite (NawatRubricPlan *plan,
               sqlite3_stmt    *stmt,
               double          *scores)
{
  NawatScore score;

  _nawat_rubric_plan_parse (plan, (const char *) sqlite3_column_text (stmt, EVAL_SCORES), scores);
  _nawat_rubric_plan_score (plan, scores, FALSE, &score);
  return score.complete ? score.composite : NAN;
}

/* One evaluation row of the current project @index. */
static void
compute_add_evaluation (Compute    *c,
                        ProjectRow *project)
{
  sqlite3_stmt *stmt = c->evaluations;
  const char *status = (const char *) sqlite3_column_text (stmt, 2);
  const char *recommendation = (const char *) sqlite3_column_text (stmt, 4);
  guint evaluator = compute_evaluator (c, (const char *) sqlite3_column_text (stmt, 1));
  NawatEvaluatorStats *es = evaluator_at (c, evaluator);
  gboolean submitted = g_strcmp0 (status, "submitted") == 0;
  Rating rating = { NAN, evaluator };

  if (sqlite3_column_int (stmt, 3) != 0)
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

  rating.composite = row_composite (c->plan, stmt, c->row_scores);
  g_array_append_val (c->ratings, rating);
  g_array_append_vals (c->scores, c->row_scores, c->n_keys);
}

/* The index of @value among the criterion's distinct values. */
static guint
criterion_value_index (CriterionStats *cs,
                       double          value)
{
  const double *values = (const double *) (void *) cs->values->data;
  double zero = 0;
  guint index;

  for (guint i = 0; i < cs->values->len; i++)
    if (values[i] == value)
      return i;

  index = cs->values->len;
  g_array_append_val (cs->values, value);
  g_array_append_val (cs->counts, zero);
  g_array_append_val (cs->pairable, zero);
  if (index >= cs->capacity && !cs->overflow)
    {
      guint capacity = MAX (8, cs->capacity * 2);

      if (capacity > MAX_CRITERION_VALUES)
        {
          /* Not a scale of levels: ordinal alpha is left undefined. */
          cs->overflow = TRUE;
          g_clear_pointer (&cs->coincidences, g_free);
        }
      else
        {
          double *grown = g_new0 (double, (gsize) capacity * capacity);

          for (guint i = 0; i < cs->capacity; i++)
            memcpy (grown + (gsize) i * capacity, cs->coincidences + (gsize) i * cs->capacity,
                    cs->capacity * sizeof (double));
          g_free (cs->coincidences);
          cs->coincidences = grown;
          cs->capacity = capacity;
        }
    }
  return index;
}

/* Adds the @m values of one unit (one project's ratings of a criterion). */
static void
criterion_add_unit (CriterionStats *cs,
                    const double   *values,
                    guint          *index,
                    guint           m)
{
  double sum = 0, mean, ss = 0;

  if (m == 0)
    return;
  for (guint i = 0; i < m; i++)
    {
      index[i] = criterion_value_index (cs, values[i]);
      g_array_index (cs->counts, double, index[i]) += 1;
      sum += values[i];
    }
  mean = sum / m;
  for (guint i = 0; i < m; i++)
    ss += (values[i] - mean) * (values[i] - mean);

  cs->n_rated++;
  cs->total += m;
  cs->sum += sum;
  cs->sum_k2 += (double) m * m;
  cs->sum_means2 += m * mean * mean;
  cs->ssw += ss;
  if (m < 2)
    return;

  cs->n_pairable += m;
  cs->n_pairable_units++;
  cs->observed_interval += 2.0 * m * ss / (m - 1);
  for (guint i = 0; i < m; i++)
    {
      g_array_index (cs->pairable, double, index[i]) += 1;
      for (guint j = i + 1; j < m && !cs->overflow; j++)
        if (index[i] != index[j])
          cs->coincidences[(gsize) MIN (index[i], index[j]) * cs->capacity +
                           MAX (index[i], index[j])] += 2.0 / (m - 1);
    }
}

/* The criteria of the current project's ratings, then forgets them. */
static void
compute_add_unit (Compute *c)
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
      criterion_add_unit (&c->criteria[k], values, index, n);
    }
  g_array_set_size (c->scores, 0);
}

static gboolean
compute_step_evaluation (Compute  *c,
                         gboolean *has_row,
                         GError  **error)
{
  int rc = sqlite3_step (c->evaluations);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;
  set_db_error (error, c->db, nawat_store_get_path (c->store));
  return FALSE;
}

static gboolean
compute_stream (Compute       *c,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) assigned = g_ptr_array_new_with_free_func (g_free);
  gboolean has_evaluation = FALSE;
  guint n = 0;
  int rc;

  for (guint i = 0; i < c->names->len; i++)
    compute_evaluator (c, g_ptr_array_index (c->names, i));
  if (!compute_step_evaluation (c, &has_evaluation, error))
    return FALSE;

  while ((rc = sqlite3_step (c->projects)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (c->projects, 0);
      ProjectRow project = { NAN, NAN, 0, };
      guint first = c->ratings->len;

      if (n++ % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_ptr_array_add (c->ids, g_string_chunk_insert (c->self->strings, id));
      parse_strings ((const char *) sqlite3_column_text (c->projects, 1), assigned);
      project.assigned = assigned->len;
      for (guint i = 0; i < assigned->len; i++)
        evaluator_at (c, compute_evaluator (c, g_ptr_array_index (assigned, i)))->assigned++;

      /* Both statements follow the order of (call, code). */
      while (has_evaluation)
        {
          int order = g_strcmp0 ((const char *) sqlite3_column_text (c->evaluations, 0), id);

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
  if (rc != SQLITE_DONE)
    {
      set_db_error (error, c->db, nawat_store_get_path (c->store));
      return FALSE;
    }
  g_array_append_val (c->starts, c->ratings->len);
  return TRUE;
}

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
static double
evaluator_sd (double    squares,
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
compute_normalise (Compute *c)
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
      Rating *r = &g_array_index (c->ratings, Rating, i);

      if (isnan (r->composite))
        continue;
      sums[r->evaluator] += r->composite;
      evaluator_at (c, r->evaluator)->n_scored++;
    }
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluatorStats *es = evaluator_at (c, e);

      if (es->n_scored > 0)
        es->mean = sums[e] / es->n_scored;
    }
  for (guint i = 0; i < c->ratings->len; i++)
    {
      Rating *r = &g_array_index (c->ratings, Rating, i);
      double d;

      if (isnan (r->composite))
        continue;
      d = r->composite - evaluator_at (c, r->evaluator)->mean;
      squares[r->evaluator] += d * d;
    }
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluatorStats *es = evaluator_at (c, e);

      es->sd = evaluator_sd (squares[e], es->n_scored, es->mean, &es->normalised);
    }
  /* Evaluators by name; ratings follow. */
  items = g_new (NameItem, MAX (n, 1));
  for (guint e = 0; e < n; e++)
    items[e] = (NameItem) { evaluator_at (c, e)->name, e };
  qsort (items, n, sizeof (NameItem), compare_names);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (NawatEvaluatorStats), n);
  for (guint e = 0; e < n; e++)
    {
      g_array_append_val (sorted, *evaluator_at (c, items[e].index));
      remap[items[e].index] = e;
    }
  if (n > 0)
    memcpy (evaluators->data, sorted->data, n * sizeof (NawatEvaluatorStats));
  for (guint i = 0; i < c->ratings->len; i++)
    {
      Rating *r = &g_array_index (c->ratings, Rating, i);

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
  const Rating *ratings = (const Rating *) (void *) self->ratings->data;
  double stack[16];
  g_autofree double *heap = end - first > G_N_ELEMENTS (stack) ? g_new (double, end - first) : NULL;
  double *values = heap != NULL ? heap : stack;
  double z_sum = 0.0;
  guint n_z = 0;

  for (guint i = first; i < end; i++)
    {
      const NawatEvaluatorStats *es = &g_array_index (self->evaluators, NawatEvaluatorStats,
                                                      ratings[i].evaluator);

      values[i - first] = ratings[i].composite;
      if (!isnan (ratings[i].composite) && es->normalised)
        {
          z_sum += (ratings[i].composite - es->mean) / es->sd;
          n_z++;
        }
    }
  nawat_stats_summarise (values, end - first, summary);
  if (z_mean != NULL)
    *z_mean = n_z > 0 ? z_sum / n_z : NAN;
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
static gboolean
is_disagreement (double              threshold,
                 const NawatSummary *summary,
                 guint               n_fund,
                 guint               n_reject)
{
  return _nawat_disagreement (summary->n, summary->max - summary->min,
                              n_fund, n_reject, threshold) != 0;
}

/* The translated reasons why a project is flagged; NULL when it is not. */
static char **
dup_reasons (double              threshold,
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
project_dup_reasons (NawatCallStats     *self,
                     const ProjectRow   *row,
                     const NawatSummary *summary)
{
  return dup_reasons (self->threshold, summary, row->n_fund, row->n_reject);
}

static void
compute_projects (Compute *c)
{
  NawatCallStats *self = c->self;
  g_autofree double *means = NULL;
  g_autofree double *zs = NULL;
  g_autofree guint *ranks = NULL;
  g_autofree gboolean *tied = NULL;

  self->n_projects = c->rows->len;
  self->rows = (ProjectRow *) (void *) g_array_free (g_steal_pointer (&c->rows), FALSE);
  self->ids = (const char **) g_ptr_array_free (g_steal_pointer (&c->ids), FALSE);
  means = g_new (double, MAX (self->n_projects, 1));
  zs = g_new (double, MAX (self->n_projects, 1));

  for (guint p = 0; p < self->n_projects; p++)
    {
      ProjectRow *row = &self->rows[p];
      NawatSummary summary;

      project_summary (self, p, &summary, &row->z_mean);
      row->mean = summary.mean;
      if (is_disagreement (self->threshold, &summary, row->n_fund, row->n_reject))
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
  rank_with_order (means, self->n_projects, self->ranking_mean, ranks, tied);
  for (guint p = 0; p < self->n_projects; p++)
    {
      self->rows[p].rank_mean = ranks[p];
      if (tied[p])
        self->rows[p].flags |= ROW_RANK_MEAN_TIED;
    }
  rank_with_order (zs, self->n_projects, self->ranking_z, ranks, tied);
  for (guint p = 0; p < self->n_projects; p++)
    {
      self->rows[p].rank_z = ranks[p];
      if (tied[p])
        self->rows[p].flags |= ROW_RANK_Z_TIED;
    }
}

typedef struct
{
  double value;
  double count;
} ValueCount;

/* The distinct values of @cs in increasing order, with their counts over
 * all ratings (or the pairable ones), and the original index of each.
 */
static ValueCount *
criterion_sorted (CriterionStats *cs,
                  gboolean        pairable,
                  guint          *order)
{
  guint n = cs->values->len;
  ValueCount *sorted = g_new (ValueCount, MAX (n, 1));
  g_autofree Item *items = g_new (Item, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    items[i] = (Item) { g_array_index (cs->values, double, i), i };
  qsort (items, n, sizeof (Item), compare_items);
  for (guint i = 0; i < n; i++)
    {
      GArray *counts = pairable ? cs->pairable : cs->counts;

      sorted[i] = (ValueCount) { items[i].value, g_array_index (counts, double, items[i].index) };
      if (order != NULL)
        order[i] = items[i].index;
    }
  return sorted;
}

/* Σ count (value − mean)² of @n distinct values, and their number. */
static double
counted_sum_of_squares (const ValueCount *v,
                        guint             n,
                        double           *total)
{
  double sum = 0, count = 0, mean, ss = 0;

  for (guint i = 0; i < n; i++)
    {
      sum += v[i].count * v[i].value;
      count += v[i].count;
    }
  mean = count > 0 ? sum / count : 0;
  for (guint i = 0; i < n; i++)
    ss += v[i].count * (v[i].value - mean) * (v[i].value - mean);
  if (total != NULL)
    *total = count;
  return ss;
}

/* The value at 0-based @position of the sorted values that @v counts. */
static double
value_at (const ValueCount *v,
          guint             n,
          guint             position)
{
  double seen = 0;

  for (guint i = 0; i < n; i++)
    {
      seen += v[i].count;
      if (seen > position)
        return v[i].value;
    }
  return n > 0 ? v[n - 1].value : NAN;
}

static void
criterion_summary (CriterionStats *cs,
                   NawatSummary   *out)
{
  g_autofree ValueCount *v = criterion_sorted (cs, FALSE, NULL);
  guint n = cs->values->len;
  double count, ss, sum = 0;

  *out = (NawatSummary) { 0, NAN, NAN, NAN, NAN, NAN };
  ss = counted_sum_of_squares (v, n, &count);
  if (count == 0)
    return;
  for (guint i = 0; i < n; i++)
    sum += v[i].count * v[i].value;
  out->n = (guint) count;
  out->mean = sum / count;
  out->sd = count > 1 ? sqrt (ss / (count - 1)) : NAN;
  out->min = v[0].value;
  out->max = v[n - 1].value;
  /* the middle value, or the mean of the two middle ones */
  out->median = (value_at (v, n, (out->n - 1) / 2) + value_at (v, n, out->n / 2)) / 2.0;
}

/* Krippendorff's ordinal metric over the coincidences: each distinct
 * value's rank is the number of smaller pairable values plus half its own
 * (as alpha_ordinal() does), and the observed disagreement sums the
 * coincidences of two values times their squared rank difference.
 */
static double
criterion_alpha_ordinal (CriterionStats *cs)
{
  guint n = cs->values->len;
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autofree ValueCount *v = criterion_sorted (cs, TRUE, order);
  g_autofree double *rank = g_new (double, MAX (n, 1));
  g_autofree ValueCount *ranks = g_new (ValueCount, MAX (n, 1));
  double below = 0, observed = 0, expected;

  if (cs->overflow || cs->n_pairable_units == 0)
    return NAN;
  for (guint i = 0; i < n; i++)
    {
      rank[order[i]] = below + v[i].count / 2.0;
      ranks[i] = (ValueCount) { rank[order[i]], v[i].count };
      below += v[i].count;
    }
  for (guint a = 0; a < n; a++)
    for (guint b = a + 1; b < n; b++)
      observed += cs->coincidences[(gsize) a * cs->capacity + b] * (rank[a] - rank[b]) * (rank[a] - rank[b]);
  observed /= cs->n_pairable;
  expected = 2.0 * counted_sum_of_squares (ranks, n, NULL) / (cs->n_pairable - 1);
  if (!(expected > 0.0))
    return NAN;
  return 1.0 - observed / expected;
}

static void
criterion_finish (CriterionStats *cs,
                  NawatSummary   *summary,
                  NawatAgreement *agreement)
{
  guint n = cs->n_rated;
  double msb, msw, k0, denominator;

  criterion_summary (cs, summary);

  agreement->n_pairable = cs->n_pairable;
  agreement->n_units = cs->n_rated;
  agreement->alpha_interval = agreement->alpha_ordinal = agreement->icc_1_1 = NAN;
  if (cs->n_pairable_units > 0)
    {
      g_autofree ValueCount *v = criterion_sorted (cs, TRUE, NULL);
      double expected = 2.0 * counted_sum_of_squares (v, cs->values->len, NULL) / (cs->n_pairable - 1);

      if (expected > 0.0)
        agreement->alpha_interval = 1.0 - cs->observed_interval / cs->n_pairable / expected;
      agreement->alpha_ordinal = criterion_alpha_ordinal (cs);
    }

  /* ratings_icc() from the sums: SSB = Σ k ȳ_i² − (Σ y)² / N */
  if (n < 2 || cs->total <= n)
    return;
  msb = (cs->sum_means2 - cs->sum * cs->sum / cs->total) / (n - 1);
  msw = cs->ssw / (cs->total - n);
  k0 = (cs->total - cs->sum_k2 / cs->total) / (n - 1);
  denominator = msb + (k0 - 1.0) * msw;
  if (fabs (denominator) > 0.0)
    agreement->icc_1_1 = (msb - msw) / denominator;
}

/* Summary and agreement per criterion and for the composite: units are
 * projects, ratings their submitted evaluations.
 */
static void
compute_agreement (Compute *c)
{
  NawatCallStats *self = c->self;
  guint n_ratings = c->ratings->len;
  guint n_keys = _nawat_rubric_plan_get_n_keys (c->plan);
  g_autofree double *values = g_new (double, MAX (n_ratings, 1));
  Ratings r = { values, (const guint *) (void *) c->starts->data, self->n_projects };

  for (guint i = 0; i < n_ratings; i++)
    values[i] = g_array_index (c->ratings, Rating, i).composite;
  nawat_stats_summarise (values, n_ratings, &self->composite_summary);
  ratings_agreement (&r, &self->composite_agreement);

  self->criterion_summaries = g_new0 (NawatSummary, MAX (n_keys, 1));
  self->criterion_agreements = g_new0 (NawatAgreement, MAX (n_keys, 1));
  for (guint k = 0; k < n_keys; k++)
    criterion_finish (&c->criteria[k], &self->criterion_summaries[k],
                      &self->criterion_agreements[k]);
}

NawatCallStats *
nawat_call_stats_compute (NawatStore     *store,
                          const char     *call_id,
                          double          disagreement_threshold,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_auto(Compute) c = { NULL, };

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (call_id, "call:"))
    call_id += strlen ("call:");

  c.self = g_object_new (NAWAT_TYPE_CALL_STATS, NULL);
  c.self->call_id = g_strdup (call_id);
  c.self->threshold = disagreement_threshold;
  c.store = store;
  c.evaluator_index = g_hash_table_new (g_str_hash, g_str_equal);
  /* ratings and starts belong to the result */
  c.ratings = c.self->ratings;
  c.starts = c.self->starts;
  c.scores = g_array_new (FALSE, FALSE, sizeof (double));
  c.rows = g_array_new (FALSE, FALSE, sizeof (ProjectRow));
  c.ids = g_ptr_array_new ();
  c.names = g_ptr_array_new_with_free_func (g_free);

  if (!compute_load_rubric (&c, call_id, error))
    return NULL;
  c.n_keys = _nawat_rubric_plan_get_n_keys (c.plan);
  c.row_scores = g_new (double, MAX (c.n_keys, 1));
  c.criteria = g_new0 (CriterionStats, MAX (c.n_keys, 1));
  for (guint k = 0; k < c.n_keys; k++)
    {
      c.criteria[k].values = g_array_new (FALSE, FALSE, sizeof (double));
      c.criteria[k].counts = g_array_new (FALSE, FALSE, sizeof (double));
      c.criteria[k].pairable = g_array_new (FALSE, FALSE, sizeof (double));
    }
  if (!compute_open (&c, call_id, error) ||
      !compute_stream (&c, cancellable, error))
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

/* Every project's NawatProjectStats, made once, when first asked for. */
static NawatProjectStats *
call_stats_projects (NawatCallStats *self)
{
  if (g_once_init_enter (&self->projects))
    {
      NawatProjectStats *projects = g_new0 (NawatProjectStats, MAX (self->n_projects, 1));

      for (guint p = 0; p < self->n_projects; p++)
        {
          const ProjectRow *row = &self->rows[p];
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
  sqlite3         *db;
  NawatRubricPlan *plan;
  double           threshold;
  sqlite3_stmt    *projects;
  sqlite3_stmt    *evaluations;
  gboolean         has_evaluation;
  /* evaluator name → index + 1 into evaluators */
  GHashTable      *evaluator_index;
  GStringChunk    *names;
  GArray          *evaluators;
  double          *scores;
  /* the composites of the project being read */
  GArray          *values;
  /* per project, in the order (call, code): the ranks by mean and by
   * z-mean, RANK_TIED when shared; all that is kept per project
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
  g_clear_pointer (&self->projects, sqlite3_finalize);
  g_clear_pointer (&self->evaluations, sqlite3_finalize);
  g_clear_pointer (&self->plan, _nawat_rubric_plan_free);
  g_clear_pointer (&self->evaluator_index, g_hash_table_unref);
  g_clear_pointer (&self->names, g_string_chunk_free);
  g_clear_pointer (&self->evaluators, g_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->scores, g_free);
  g_clear_pointer (&self->rank_mean, g_free);
  g_clear_pointer (&self->rank_z, g_free);
  g_clear_pointer (&self->current.id, g_free);
  g_free (self);
}

static gboolean
ranks_fail (NawatCallRanks  *self,
            GError         **error)
{
  set_db_error (error, self->db, sqlite3_db_filename (self->db, "main"));
  return FALSE;
}

static RankEvaluator *
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
  return &g_array_index (self->evaluators, RankEvaluator, index - 1);
}

static gboolean
ranks_step_evaluation (NawatCallRanks  *self,
                       GError         **error)
{
  int rc = sqlite3_step (self->evaluations);

  self->has_evaluation = rc == SQLITE_ROW;
  return rc == SQLITE_ROW || rc == SQLITE_DONE || ranks_fail (self, error);
}

/* Back to the first project and the first evaluation. */
static gboolean
ranks_rewind (NawatCallRanks  *self,
              GError         **error)
{
  sqlite3_reset (self->projects);
  sqlite3_reset (self->evaluations);
  self->next = 0;
  return ranks_step_evaluation (self, error);
}

/* Each evaluator's mean (@squares FALSE) or, the means known, spread: a
 * pass over the evaluations in the order nawat_call_stats_compute()
 * sums them, so that every figure is the same to the last bit.
 */
static gboolean
ranks_scan_evaluators (NawatCallRanks  *self,
                       gboolean         squares,
                       GCancellable    *cancellable,
                       GError         **error)
{
  guint n = 0;

  if (!ranks_rewind (self, error))
    return FALSE;
  for (; self->has_evaluation; n++)
    {
      RankEvaluator *evaluator;
      double composite;

      if (n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (row_is_rating (self->evaluations) &&
          !isnan (composite = row_composite (self->plan, self->evaluations, self->scores)))
        {
          evaluator = ranks_evaluator (self, (const char *) sqlite3_column_text (self->evaluations,
                                                                                 EVAL_EVALUATOR));
          if (squares)
            evaluator->squares += (composite - evaluator->mean) * (composite - evaluator->mean);
          else
            {
              evaluator->sum += composite;
              evaluator->n_scored++;
            }
        }
      if (!ranks_step_evaluation (self, error))
        return FALSE;
    }

  for (guint e = 0; e < self->evaluators->len; e++)
    {
      RankEvaluator *evaluator = &g_array_index (self->evaluators, RankEvaluator, e);

      if (!squares && evaluator->n_scored > 0)
        evaluator->mean = evaluator->sum / evaluator->n_scored;
      if (squares)
        evaluator->sd = evaluator_sd (evaluator->squares, evaluator->n_scored, evaluator->mean,
                                      &evaluator->normalised);
    }
  return TRUE;
}

/* Reads the next project and its ratings into @out, as project_summary()
 * and compute_add_evaluation() do; FALSE at the end (@error unset) or
 * on error.
 */
static gboolean
ranks_step_project (NawatCallRanks  *self,
                    RankProject     *out,
                    GError         **error)
{
  const char *id;
  double z_sum = 0.0;
  guint n_z = 0;
  int rc = sqlite3_step (self->projects);

  if (rc != SQLITE_ROW)
    return rc == SQLITE_DONE ? FALSE : ranks_fail (self, error);
  id = (const char *) sqlite3_column_text (self->projects, 0);
  g_free (out->id);
  out->id = g_strdup (id);
  out->index = self->next++;
  out->n_fund = out->n_reject = 0;
  g_array_set_size (self->values, 0);

  /* Both statements follow the order of (call, code). */
  while (self->has_evaluation)
    {
      sqlite3_stmt *stmt = self->evaluations;
      int order = g_strcmp0 ((const char *) sqlite3_column_text (stmt, EVAL_PROJECT), out->id);

      if (order > 0)
        break;
      if (order == 0 && row_is_rating (stmt))
        {
          const char *recommendation = (const char *) sqlite3_column_text (stmt, EVAL_RECOMMENDATION);
          double composite = row_composite (self->plan, stmt, self->scores);
          const RankEvaluator *evaluator =
            ranks_evaluator (self, (const char *) sqlite3_column_text (stmt, EVAL_EVALUATOR));

          g_array_append_val (self->values, composite);
          out->n_fund += g_strcmp0 (recommendation, "fund") == 0;
          out->n_reject += g_strcmp0 (recommendation, "reject") == 0;
          if (!isnan (composite) && evaluator->normalised)
            {
              z_sum += (composite - evaluator->mean) / evaluator->sd;
              n_z++;
            }
        }
      if (!ranks_step_evaluation (self, error))
        return FALSE;
    }
  nawat_stats_summarise ((const double *) (void *) self->values->data, self->values->len,
                         &out->summary);
  out->z_mean = n_z > 0 ? z_sum / n_z : NAN;
  return TRUE;
}

static gboolean
ranks_prepare (NawatCallRanks  *self,
               const char      *call_id,
               GError         **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  sqlite3_stmt *count = NULL;

  append_evaluations_sql (self->plan, sql);
  if (sqlite3_prepare_v2 (self->db, "SELECT id FROM projects WHERE call = ?1 ORDER BY call, code",
                          -1, &self->projects, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, sql->str, -1, &self->evaluations, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM projects WHERE call = ?1",
                          -1, &count, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (count);
      return ranks_fail (self, error);
    }
  sqlite3_bind_text (self->projects, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->evaluations, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (count, 1, call_id, -1, SQLITE_TRANSIENT);
  self->n_projects = sqlite3_step (count) == SQLITE_ROW ? (guint) sqlite3_column_int64 (count, 0) : 0;
  sqlite3_finalize (count);
  return TRUE;
}

/* Every project's mean and z-mean, then their ranks: the only pass
 * that holds two numbers per project, for as long as ranking takes.
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
  g_autoptr(GError) local_error = NULL;
  RankProject project = { NULL, };

  if (!ranks_rewind (self, error))
    return FALSE;
  while (self->next < n && ranks_step_project (self, &project, &local_error))
    {
      means[project.index] = project.summary.mean;
      zs[project.index] = project.z_mean;
      if (self->next % 4096 == 0 &&
          g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
    }
  g_free (project.id);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* The count and the rows come from one read transaction, so they agree. */
  n = self->n_projects = self->next;

  order = g_new (guint, MAX (n, 1));
  self->rank_mean = g_new (guint32, MAX (n, 1));
  rank_compact (means, n, order, self->rank_mean);
  g_clear_pointer (&means, g_free);
  self->rank_z = g_new (guint32, MAX (n, 1));
  rank_compact (zs, n, order, self->rank_z);
  return ranks_rewind (self, error);
}

NawatCallRanks *
_nawat_call_ranks_compute (sqlite3       *db,
                           NawatRubric   *rubric,
                           const char    *call_id,
                           double         disagreement_threshold,
                           GCancellable  *cancellable,
                           GError       **error)
{
  NawatCallRanks *self = g_new0 (NawatCallRanks, 1);

  if (g_str_has_prefix (call_id, "call:"))
    call_id += strlen ("call:");

  self->db = db;
  self->threshold = disagreement_threshold;
  self->plan = _nawat_rubric_plan_new (rubric);
  self->scores = g_new (double, MAX (_nawat_rubric_plan_get_n_keys (self->plan), 1));
  self->evaluator_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->names = g_string_chunk_new (1024);
  self->evaluators = g_array_new (FALSE, FALSE, sizeof (RankEvaluator));
  self->values = g_array_new (FALSE, FALSE, sizeof (double));

  if (!ranks_prepare (self, call_id, error) ||
      !ranks_scan_evaluators (self, FALSE, cancellable, error) ||
      !ranks_scan_evaluators (self, TRUE, cancellable, error) ||
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
  out->rank_mean = rank_mean & ~RANK_TIED;
  out->rank_mean_tied = (rank_mean & RANK_TIED) != 0;
  out->rank_z = rank_z & ~RANK_TIED;
  out->rank_z_tied = (rank_z & RANK_TIED) != 0;
  out->z_mean = self->current.z_mean;
  out->disagreement = is_disagreement (self->threshold, &self->current.summary,
                                       self->current.n_fund, self->current.n_reject);
  if (out->disagreement)
    *reasons = dup_reasons (self->threshold, &self->current.summary,
                            self->current.n_fund, self->current.n_reject);
  return TRUE;
}
