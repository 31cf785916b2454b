/* nawat-chart-radar.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart-private.h"

#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-vocabulary.h"

#include <math.h>

/* Radar */

typedef struct
{
  PangoLayout *layout;
  double       w;
  double       h;
  double       ax;
  double       ay;
} AxisLabel;

/* The space between the outer ring and an axis label: clear of the
 * largest marker a vertex can carry (an emphasised or diamond marker
 * reaches 0.35 of the chart's font size from its point, see draw_marker()
 * and radar_series()) and of its outline, plus a space in the labels' own
 * size, which shrinks when long labels must fit.
 */
static double
radar_label_gap (NawatChartCanvas *c,
                 double            label_size)
{
  return c->font * 0.35 + MAX (0.6, c->line * 0.6) + label_size * 0.45;
}

static void
anchor_for_angle (double  dx,
                  double  dy,
                  double *ax,
                  double *ay)
{
  *ax = dx > 0.25 ? 0 : dx < -0.25 ? 1 : 0.5;
  *ay = dy < -0.25 ? 1 : dy > 0.25 ? 0 : 0.5;
}

/* The largest radius at which every label fits inside the plot box. */
static double
radar_radius (AxisLabel *labels,
              guint      n_axes,
              double     cx,
              double     cy,
              double     gap,
              double     x0,
              double     y0,
              double     x1,
              double     y1)
{
  double r = MIN (x1 - x0, y1 - y0) / 2;

  for (guint i = 0; i < n_axes; i++)
    {
      double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;
      double dx = cos (angle), dy = sin (angle);
      /* left(r) = cx + (r + gap)·dx − ax·w, and likewise top(r) */
      double e0x = cx + gap * dx - labels[i].ax * labels[i].w;
      double e0y = cy + gap * dy - labels[i].ay * labels[i].h;
      double lim;

      if (dx > 1e-6)
        {
          lim = (x1 - labels[i].w - e0x) / dx;
          r = MIN (r, lim);
        }
      else if (dx < -1e-6)
        {
          lim = (e0x - x0) / -dx;
          r = MIN (r, lim);
        }
      if (dy > 1e-6)
        {
          lim = (y1 - labels[i].h - e0y) / dy;
          r = MIN (r, lim);
        }
      else if (dy < -1e-6)
        {
          lim = (e0y - y0) / -dy;
          r = MIN (r, lim);
        }
      /* A centred label wider than the box cannot be placed at any radius. */
      if (e0x < x0 - 0.5 && fabs (dx) <= 1e-6)
        r = 0;
    }
  return r;
}

/* Whether two axis labels, placed at @distance from the centre, overlap
 * (with @spacing between them); @centred tells whether one of them is
 * centred above or below the plot.
 */
static gboolean
labels_overlap (const AxisLabel *labels,
                guint            n_axes,
                double           cx,
                double           cy,
                double           distance,
                double           spacing,
                gboolean        *centred)
{
  *centred = FALSE;
  for (guint i = 0; i < n_axes; i++)
    {
      double ai = -G_PI / 2 + 2 * G_PI * i / n_axes;
      double xi = cx + distance * cos (ai) - labels[i].ax * labels[i].w;
      double yi = cy + distance * sin (ai) - labels[i].ay * labels[i].h;

      for (guint j = i + 1; j < n_axes; j++)
        {
          double aj = -G_PI / 2 + 2 * G_PI * j / n_axes;
          double xj = cx + distance * cos (aj) - labels[j].ax * labels[j].w;
          double yj = cy + distance * sin (aj) - labels[j].ay * labels[j].h;

          if (labels[i].w <= 0 || labels[j].w <= 0)
            continue;
          if (xi < xj + labels[j].w + spacing && xj < xi + labels[i].w + spacing &&
              yi < yj + labels[j].h && yj < yi + labels[i].h)
            {
              *centred = labels[i].ax == 0.5 || labels[j].ax == 0.5;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* The fitted axis labels of a radar, kept on the cairo context for the
 * next radar of the same size and labels: fitting them takes many trial
 * layouts, and a report draws one radar per project.
 */
typedef struct
{
  double     r;
  double     gap;
  guint      n_axes;
  AxisLabel *labels;
} RadarFit;

#define MAX_RADAR_FITS 16

static void
radar_fit_free (gpointer data)
{
  RadarFit *fit = data;

  for (guint i = 0; i < fit->n_axes; i++)
    g_clear_object (&fit->labels[i].layout);
  g_free (fit->labels);
  g_free (fit);
}

static char *
radar_fit_signature (NawatChartCanvas  *c,
                     const char *const *axis_labels,
                     guint              n_axes,
                     double             plot_h)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%.3f|%.3f|%.3f|%s", c->width, plot_h, c->font, c->family);
  for (guint i = 0; i < n_axes; i++)
    {
      g_string_append_c (s, '\x1f');
      g_string_append (s, axis_labels && axis_labels[i] ? axis_labels[i] : "");
    }
  return g_string_free (s, FALSE);
}

static const RadarFit *
radar_fit_lookup (NawatChartCanvas *c,
                  const char       *signature)
{
  NawatChartOptions *options = _nawat_chart_options_get (c->cr, FALSE);

  if (options == NULL || options->radar_fits == NULL)
    return NULL;
  return g_hash_table_lookup (options->radar_fits, signature);
}

static void
radar_fit_store (NawatChartCanvas *c,
                 char             *signature,
                 const AxisLabel  *labels,
                 guint             n_axes,
                 double            r,
                 double            gap)
{
  NawatChartOptions *options = _nawat_chart_options_get (c->cr, TRUE);
  RadarFit *fit;

  if (options == NULL)
    {
      g_free (signature);
      return;
    }
  if (options->radar_fits == NULL)
    options->radar_fits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, radar_fit_free);
  if (g_hash_table_size (options->radar_fits) >= MAX_RADAR_FITS)
    g_hash_table_remove_all (options->radar_fits);
  fit = g_new0 (RadarFit, 1);
  fit->r = r;
  fit->gap = gap;
  fit->n_axes = n_axes;
  fit->labels = g_memdup2 (labels, sizeof (AxisLabel) * n_axes);
  for (guint i = 0; i < n_axes; i++)
    g_object_ref (fit->labels[i].layout);
  g_hash_table_insert (options->radar_fits, signature, fit);
}

static void
radar_polygon (cairo_t *cr,
               double   cx,
               double   cy,
               double   r,
               guint    n_axes)
{
  for (guint i = 0; i < n_axes; i++)
    {
      double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;

      if (i == 0)
        cairo_move_to (cr, cx + r * cos (angle), cy + r * sin (angle));
      else
        cairo_line_to (cr, cx + r * cos (angle), cy + r * sin (angle));
    }
  cairo_close_path (cr);
}

static void
radar_series (NawatChartCanvas       *c,
              const NawatChartSeries *s,
              guint                   index,
              guint                   n_axes,
              gboolean                fill,
              double                  cx,
              double                  cy,
              double                  r)
{
  cairo_t *cr = c->cr;
  g_autofree double *px = g_new (double, n_axes);
  g_autofree double *py = g_new (double, n_axes);
  g_autofree gboolean *ok = g_new (gboolean, n_axes);
  gboolean complete = TRUE;

  for (guint i = 0; i < n_axes; i++)
    {
      double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;
      double v = s->values ? s->values[i] : NAN;

      ok[i] = isfinite (v);
      complete = complete && ok[i];
      v = ok[i] ? CLAMP (v, 0, 1) : 0;
      px[i] = cx + r * v * cos (angle);
      py[i] = cy + r * v * sin (angle);
    }

  cairo_save (cr);
  if (fill && complete)
    {
      for (guint i = 0; i < n_axes; i++)
        if (i == 0)
          cairo_move_to (cr, px[i], py[i]);
        else
          cairo_line_to (cr, px[i], py[i]);
      cairo_close_path (cr);
      _nawat_chart_set_series_color (c, index, s->emphasis, s->emphasis ? 0.16 : 0.2);
      cairo_fill (cr);
    }

  /* Segments join neighbouring scored axes only: a missing value leaves a gap. */
  for (guint i = 0; i < n_axes; i++)
    {
      guint j = (i + 1) % n_axes;

      if (ok[i] && ok[j])
        {
          cairo_move_to (cr, px[i], py[i]);
          cairo_line_to (cr, px[j], py[j]);
        }
    }
  _nawat_chart_set_series_color (c, index, s->emphasis, 1);
  _nawat_chart_set_series_dash (c, index, s->emphasis);
  cairo_set_line_width (cr, s->emphasis ? c->line * 2.4 : c->line * 1.3);
  cairo_stroke (cr);

  for (guint i = 0; i < n_axes; i++)
    if (ok[i])
      _nawat_chart_draw_marker (c, index, s->emphasis, px[i], py[i], c->font * (s->emphasis ? 0.55 : 0.5));
  cairo_restore (cr);
}

static void
radar_draw (NawatChartCanvas       *c,
            const char *const      *axis_labels,
            guint                   n_axes,
            const NawatChartSeries *series,
            guint                   n_series,
            const char *const      *ring_labels)
{
  cairo_t *cr = c->cr;
  g_autofree NawatChartLegendItem *items = NULL;
  g_autofree AxisLabel *labels = NULL;
  guint n_items = 0;
  double legend_h = 0, plot_h, cx, cy, r = 0, gap, size = c->font;
  double pad = c->line * 2.5 + c->font * 0.3;
  double centre_w;
  guint colour = 0;
  g_autofree char *signature = NULL;
  const RadarFit *fit;

  if (n_axes < 3)
    {
      _nawat_chart_draw_no_data (c, 0, 0, c->width, c->height);
      return;
    }

  items = g_new0 (NawatChartLegendItem, n_series);
  for (guint i = 0; i < n_series; i++)
    {
      if (n_series > 1 || series[i].label != NULL)
        {
          items[n_items].label = series[i].label ? series[i].label : "";
          items[n_items].index = series[i].emphasis ? 0 : colour;
          items[n_items].emphasis = series[i].emphasis;
          items[n_items].kind = NAWAT_CHART_LEGEND_LINE;
          n_items++;
        }
      if (!series[i].emphasis)
        colour++;
    }
  if (n_items > 0)
    legend_h = _nawat_chart_legend (c, items, n_items, 0, 0, c->width, FALSE);
  if (legend_h > c->height * 0.35)
    {
      n_items = 0;
      legend_h = 0;
    }
  plot_h = c->height - legend_h - (legend_h > 0 ? c->font * 0.6 : 0);

  labels = g_new0 (AxisLabel, n_axes);
  centre_w = G_MAXDOUBLE;
  cx = c->width / 2;
  cy = plot_h / 2;
  gap = radar_label_gap (c, size);
  signature = radar_fit_signature (c, axis_labels, n_axes, plot_h);
  fit = radar_fit_lookup (c, signature);
  for (int attempt = 0; fit == NULL && attempt < 10; attempt++)
    {
      double max_w = CLAMP (c->width * 0.24, size * 4, size * 12);
      double max_h = MAX (plot_h * 0.18, size * 1.5);
      double label_size = _nawat_chart_common_fit_size (c, axis_labels, n_axes, size, max_w, max_h);
      double widest_centred = 0;
      gboolean overlap, overlap_centred;

      gap = radar_label_gap (c, label_size);
      cx = c->width / 2;
      cy = plot_h / 2;
      for (guint i = 0; i < n_axes; i++)
        {
          double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;
          gboolean centred;

          g_clear_object (&labels[i].layout);
          anchor_for_angle (cos (angle), sin (angle), &labels[i].ax, &labels[i].ay);
          centred = labels[i].ax == 0.5;
          labels[i].layout = _nawat_chart_fit_text (c, axis_labels && axis_labels[i] ? axis_labels[i] : "",
                                                    label_size, FALSE, centred ? MIN (max_w, centre_w) : max_w,
                                                    max_h,
                                                    labels[i].ax == 0 ? PANGO_ALIGN_LEFT :
                                                    labels[i].ax == 1 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_CENTER,
                                                    &labels[i].w, &labels[i].h);
          if (centred)
            widest_centred = MAX (widest_centred, labels[i].w);
        }
      r = radar_radius (labels, n_axes, cx, cy, gap, pad, pad,
                        c->width - pad, plot_h - pad);
      overlap = labels_overlap (labels, n_axes, cx, cy, MAX (r, 2.0) + gap, size * 0.2,
                                &overlap_centred);
      if ((!overlap && r >= MIN (c->width, plot_h) * 0.28) || size < c->font * 0.55)
        break;
      /* Labels above and below the plot collide with their neighbours
       * first: wrap them narrower before making every label smaller.
       */
      if (overlap && overlap_centred && widest_centred > size * 5)
        centre_w = MAX (size * 5, widest_centred * 0.75);
      else
        size *= 0.85;
    }
  if (fit != NULL)
    {
      r = fit->r;
      gap = fit->gap;
      for (guint i = 0; i < n_axes; i++)
        {
          labels[i] = fit->labels[i];
          g_object_ref (labels[i].layout);
        }
    }
  else
    radar_fit_store (c, g_steal_pointer (&signature), labels, n_axes, r, gap);
  r = MAX (r, 2.0);

  /* Rings at 25 % steps, spokes, then the series, emphasised ones on top. */
  cairo_save (cr);
  _nawat_chart_set_rgb (c, &c->grid, 1);
  cairo_set_line_width (cr, MAX (0.5, c->line * 0.7));
  for (int k = 1; k <= 3; k++)
    {
      radar_polygon (cr, cx, cy, r * k / 4.0, n_axes);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < n_axes; i++)
    {
      double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;

      cairo_move_to (cr, cx, cy);
      cairo_line_to (cr, cx + r * cos (angle), cy + r * sin (angle));
    }
  cairo_stroke (cr);
  _nawat_chart_set_rgb (c, &c->axis, 1);
  cairo_set_line_width (cr, c->line);
  radar_polygon (cr, cx, cy, r, n_axes);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The scale's levels along the first spoke, just beside it. */
  if (ring_labels != NULL && r > c->font * 6)
    for (int k = 1; k <= 4; k++)
      if (ring_labels[k - 1] != NULL)
        _nawat_chart_draw_label (c, ring_labels[k - 1], c->font * 0.75, FALSE, &c->muted,
                                 cx + c->font * 0.25, cy - r * k / 4.0, 0, k == 4 ? 0 : 0.5, c->font * 3);

  for (int pass = 0; pass < 2; pass++)
    {
      colour = 0;
      for (guint i = 0; i < n_series; i++)
        {
          guint index = series[i].emphasis ? 0 : colour;

          if (!series[i].emphasis)
            colour++;
          if ((pass == 1) != (series[i].emphasis != FALSE))
            continue;
          radar_series (c, &series[i], index, n_axes,
                        series[i].emphasis || n_series == 1, cx, cy, r);
        }
    }

  for (guint i = 0; i < n_axes; i++)
    {
      double angle = -G_PI / 2 + 2 * G_PI * i / n_axes;
      double lx = cx + (r + gap) * cos (angle) - labels[i].ax * labels[i].w;
      double ly = cy + (r + gap) * sin (angle) - labels[i].ay * labels[i].h;

      lx = CLAMP (lx, 0, MAX (0, c->width - labels[i].w));
      ly = CLAMP (ly, 0, MAX (0, plot_h - labels[i].h));
      _nawat_chart_show_layout (c, labels[i].layout, &c->text, lx, ly);
      g_clear_object (&labels[i].layout);
    }

  if (n_items > 0)
    _nawat_chart_legend (c, items, n_items, 0, c->height - legend_h, c->width, TRUE);
}

void
nawat_chart_radar (cairo_t                *cr,
                   double                  width,
                   double                  height,
                   const char *const      *axis_labels,
                   guint                   n_axes,
                   const NawatChartSeries *series,
                   guint                   n_series)
{
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  if (!_nawat_chart_begin (&c, cr, width, height, NULL))
    return;
  radar_draw (&c, axis_labels, n_axes, series, n_series, NULL);
  _nawat_chart_end (&c);
}

static guint
group_values (NawatRubric      *rubric,
              NawatEvaluation  *evaluation,
              const char       *group_key,
              const NawatTerm  *terms,
              guint             n_terms,
              double           *values)
{
  NawatRubricGroup *group = rubric ? nawat_rubric_find_group (rubric, group_key) : NULL;
  guint n_scored = 0;

  for (guint i = 0; i < n_terms; i++)
    {
      NawatCriterion *criterion = group ? nawat_rubric_group_find_criterion (group, terms[i].key) : NULL;
      g_autofree char *key = g_strdup_printf ("%s.%s", group_key, terms[i].key);
      double score;

      values[i] = NAN;
      if (criterion == NULL || evaluation == NULL ||
          !nawat_evaluation_get_score (evaluation, key, &score) || !isfinite (score) ||
          nawat_criterion_get_max (criterion) <= nawat_criterion_get_min (criterion))
        continue;
      values[i] = CLAMP (nawat_scoring_normalise (criterion, score), 0.0, 1.0);
      n_scored++;
    }
  return n_scored;
}

guint
nawat_chart_domain_values (NawatRubric     *rubric,
                           NawatEvaluation *evaluation,
                           double          *values)
{
  g_return_val_if_fail (values != NULL, 0);
  return group_values (rubric, evaluation, "domains", nawat_domains (), NAWAT_N_DOMAINS, values);
}

guint
nawat_chart_helix_values (NawatRubric     *rubric,
                          NawatEvaluation *evaluation,
                          double          *values)
{
  g_return_val_if_fail (values != NULL, 0);
  return group_values (rubric, evaluation, "helix", nawat_helix_sectors (), NAWAT_N_HELIX, values);
}

void
nawat_chart_mean_values (const double *const *rows,
                         guint                n,
                         guint                n_values,
                         double              *mean)
{
  g_return_if_fail (mean != NULL);
  g_return_if_fail (rows != NULL || n == 0);

  for (guint j = 0; j < n_values; j++)
    {
      double sum = 0;
      guint count = 0;

      for (guint i = 0; i < n; i++)
        if (rows[i] && isfinite (rows[i][j]))
          {
            sum += rows[i][j];
            count++;
          }
      mean[j] = count ? sum / count : NAN;
    }
}

/* One series per evaluation plus the emphasised mean when there are two
 * or more; @values holds (n + 1) × @n_values.
 */
guint
_nawat_chart_evaluation_series (NawatRubric            *rubric,
                                NawatEvaluation *const *evaluations,
                                guint                   n,
                                gboolean                helix,
                                const char             *mean_label,
                                guint                   n_values,
                                double                 *values,
                                const double          **rows,
                                NawatChartSeries       *series)
{
  guint n_series = 0;

  for (guint i = 0; i < n; i++)
    {
      double *row = values + i * n_values;

      if (helix)
        nawat_chart_helix_values (rubric, evaluations[i], row);
      else
        nawat_chart_domain_values (rubric, evaluations[i], row);
      rows[i] = row;
      series[n_series].label = n > 1 && evaluations[i] ? nawat_evaluation_get_evaluator (evaluations[i]) : NULL;
      series[n_series].values = row;
      series[n_series].emphasis = FALSE;
      n_series++;
    }
  if (n > 1)
    {
      double *mean = values + n * n_values;

      nawat_chart_mean_values (rows, n, n_values, mean);
      series[n_series].label = mean_label;
      series[n_series].values = mean;
      series[n_series].emphasis = TRUE;
      n_series++;
    }
  return n_series;
}

/* The levels at the rings (25 % steps) when every domain criterion has
 * the same scale, e.g. "1" to "4" for 0–4; NULL otherwise.
 */
static GStrv
domain_ring_labels (NawatRubric *rubric)
{
  NawatRubricGroup *group = rubric ? nawat_rubric_find_group (rubric, "domains") : NULL;
  const NawatTerm *domains = nawat_domains ();
  int min = 0, max = 0;
  GStrv rings;

  for (guint i = 0; group && i < NAWAT_N_DOMAINS; i++)
    {
      NawatCriterion *criterion = nawat_rubric_group_find_criterion (group, domains[i].key);

      if (criterion == NULL)
        return NULL;
      if (i > 0 && (nawat_criterion_get_min (criterion) != min ||
                    nawat_criterion_get_max (criterion) != max))
        return NULL;
      min = nawat_criterion_get_min (criterion);
      max = nawat_criterion_get_max (criterion);
    }
  if (max <= min)
    return NULL;

  rings = g_new0 (char *, 5);
  for (int k = 1; k <= 4; k++)
    {
      double level = min + (max - min) * k / 4.0;

      rings[k - 1] = fabs (level - round (level)) < 1e-9 ? g_strdup_printf ("%.0f", level)
                                                          : g_strdup_printf ("%.1f", level);
    }
  return rings;
}

void
nawat_chart_domain_radar (cairo_t                *cr,
                          double                  width,
                          double                  height,
                          NawatRubric            *rubric,
                          NawatEvaluation *const *evaluations,
                          guint                   n_evaluations,
                          const char             *language)
{
  g_autofree double *values = NULL;
  g_autofree const double **rows = NULL;
  g_autofree NawatChartSeries *series = NULL;
  g_auto(GStrv) labels = NULL;
  g_auto(GStrv) rings = NULL;
  guint n_series;
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (evaluations != NULL || n_evaluations == 0);

  if (!_nawat_chart_begin (&c, cr, width, height, language))
    return;
  values = g_new0 (double, (n_evaluations + 1) * NAWAT_N_DOMAINS);
  rows = g_new0 (const double *, n_evaluations + 1);
  series = g_new0 (NawatChartSeries, n_evaluations + 1);
  n_series = _nawat_chart_evaluation_series (rubric, evaluations, n_evaluations, FALSE,
                                             _nawat_chart_word (&c, NAWAT_WORD_MEAN),
                                             NAWAT_N_DOMAINS, values, rows, series);
  labels = nawat_chart_dup_domain_labels (c.thai ? "th" : "en");
  rings = domain_ring_labels (rubric);
  radar_draw (&c, (const char *const *) labels, NAWAT_N_DOMAINS, series, n_series,
              (const char *const *) rings);
  _nawat_chart_end (&c);
}
