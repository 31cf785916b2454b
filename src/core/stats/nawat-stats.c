/* nawat-stats.c
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

double
nawat_stats_confidence_weight (int confidence)
{
  if (confidence < NAWAT_CONFIDENCE_LOW || confidence > NAWAT_CONFIDENCE_HIGH)
    return NAWAT_CONFIDENCE_MEDIUM;
  return confidence;
}

double
nawat_stats_weighted_mean (const double *values,
                           const double *weights,
                           guint         n)
{
  double sum = 0.0;
  double total = 0.0;

  g_return_val_if_fail ((values != NULL && weights != NULL) || n == 0, NAN);

  for (guint i = 0; i < n; i++)
    if (!isnan (values[i]))
      {
        sum += weights[i] * values[i];
        total += weights[i];
      }
  return total > 0 ? sum / total : NAN;
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
collect_pairable (const NawatStatsRatings *r,
                  GArray                  *values,
                  GArray                  *bounds)
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
ratings_alpha (const NawatStatsRatings *r,
               NawatAlphaMetric         metric,
               guint                   *n_pairable)
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
unit_sum (const NawatStatsRatings *r,
          guint                    u,
          guint                   *k)
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
ratings_icc (const NawatStatsRatings *r,
             guint                   *n_rated)
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

void
_nawat_stats_ratings_agreement (const NawatStatsRatings *r,
                                NawatAgreement          *out)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_units;

  collect_pairable (r, values, bounds);
  n_units = bounds->len - 1;
  out->n_pairable = values->len;
  out->n_pairable_units = n_units;
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

/* The ratings of a dense matrix, @n_raters to a unit, in @r; returns the
 * starts @r points into, for the caller to free.
 */
static guint *
dense_ratings (const double      *matrix,
               guint              n_units,
               guint              n_raters,
               NawatStatsRatings *r)
{
  guint *starts = g_new (guint, n_units + 1);

  for (guint u = 0; u <= n_units; u++)
    starts[u] = u * n_raters;
  *r = (NawatStatsRatings) { matrix, starts, n_units };
  return starts;
}

double
nawat_stats_krippendorff_alpha (const double     *matrix,
                                guint             n_units,
                                guint             n_raters,
                                NawatAlphaMetric  metric)
{
  g_autofree guint *starts = NULL;
  NawatStatsRatings r;

  g_return_val_if_fail (matrix != NULL || n_units * n_raters == 0, NAN);

  starts = dense_ratings (matrix, n_units, n_raters, &r);
  return ratings_alpha (&r, metric, NULL);
}

double
nawat_stats_icc_1_1 (const double *matrix,
                     guint         n_units,
                     guint         n_raters)
{
  g_autofree guint *starts = NULL;
  NawatStatsRatings r;

  g_return_val_if_fail (matrix != NULL || n_units * n_raters == 0, NAN);

  starts = dense_ratings (matrix, n_units, n_raters, &r);
  return ratings_icc (&r, NULL);
}

void
nawat_stats_agreement (const double   *matrix,
                       guint           n_units,
                       guint           n_raters,
                       NawatAgreement *out)
{
  g_autofree guint *starts = NULL;
  NawatStatsRatings r;

  g_return_if_fail (matrix != NULL || n_units * n_raters == 0);
  g_return_if_fail (out != NULL);

  starts = dense_ratings (matrix, n_units, n_raters, &r);
  _nawat_stats_ratings_agreement (&r, out);
}

gboolean
nawat_stats_agreement_is_enough (const NawatAgreement *agreement)
{
  g_return_val_if_fail (agreement != NULL, FALSE);

  return agreement->n_pairable_units >= NAWAT_STATS_MIN_AGREEMENT_UNITS;
}

char *
nawat_stats_agreement_dup_shortfall (const NawatAgreement *agreement,
                                     const char           *language)
{
  g_return_val_if_fail (agreement != NULL, NULL);

  if (nawat_stats_agreement_is_enough (agreement))
    return NULL;
  return nawat_vocabulary_dup_agreement_shortfall (NAWAT_STATS_MIN_AGREEMENT_UNITS,
                                                   agreement->n_pairable_units, language);
}

/* Agreement per criterion, accumulated project by project */

/* The index of @value among the criterion's distinct values. */
static guint
criterion_value_index (NawatStatsCriterion *cs,
                       double               value)
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

      if (capacity > NAWAT_STATS_MAX_CRITERION_VALUES)
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
void
_nawat_stats_criterion_add_unit (NawatStatsCriterion *cs,
                                 const double        *values,
                                 guint               *index,
                                 guint                m)
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

typedef struct
{
  double value;
  double count;
} ValueCount;

/* The distinct values of @cs in increasing order, with their counts over
 * all ratings (or the pairable ones), and the original index of each.
 */
static ValueCount *
criterion_sorted (NawatStatsCriterion *cs,
                  gboolean             pairable,
                  guint               *order)
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
criterion_summary (NawatStatsCriterion *cs,
                   NawatSummary        *out)
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
criterion_alpha_ordinal (NawatStatsCriterion *cs)
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

void
_nawat_stats_criterion_finish (NawatStatsCriterion *cs,
                               NawatSummary        *summary,
                               NawatAgreement      *agreement)
{
  guint n = cs->n_rated;
  double msb, msw, k0, denominator;

  criterion_summary (cs, summary);

  agreement->n_pairable = cs->n_pairable;
  agreement->n_pairable_units = cs->n_pairable_units;
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

/* Fills @order with the indices of @values in ranking order and @ranks
 * with their ranks, NAWAT_STATS_RANK_TIED set on shared ones: 4 bytes per value
 * besides @order and @ranks (the sort's own room), so that a large call
 * can be ranked without a copy of its values.
 */
void
_nawat_stats_rank_compact (const double *values,
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
          ranks[order[j - 1]] |= NAWAT_STATS_RANK_TIED;
          ranks[i] = ranks[order[j - 1]];
        }
      else
        ranks[i] = j + 1;
    }
}

/* Fills @order (may be NULL) with the indices in ranking order, and
 * @ranks and @tied (may be NULL).
 */
void
_nawat_stats_rank_with_order (const double *values,
                              guint         n,
                              guint        *order,
                              guint        *ranks,
                              gboolean     *tied)
{
  g_autofree guint *own = order == NULL ? g_new (guint, MAX (n, 1)) : NULL;

  G_STATIC_ASSERT (sizeof (guint) == sizeof (guint32));
  _nawat_stats_rank_compact (values, n, order != NULL ? order : own, ranks);
  for (guint i = 0; i < n; i++)
    {
      if (tied != NULL)
        tied[i] = (ranks[i] & NAWAT_STATS_RANK_TIED) != 0;
      ranks[i] &= ~NAWAT_STATS_RANK_TIED;
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

  _nawat_stats_rank_with_order (values, n, NULL, ranks, tied);
}
