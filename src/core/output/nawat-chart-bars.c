/* nawat-chart-bars.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart-private.h"

#include "nawat-places.h"
#include "nawat-vocabulary.h"

#include <math.h>
#include <string.h>

/* Helix profile */

void
nawat_chart_helix_profile (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const NawatChartSeries *series,
                           guint                   n_series,
                           const guint            *partner_counts,
                           const char             *language)
{
  g_autofree NawatChartLegendItem *items = NULL;
  g_auto(GStrv) labels = NULL;
  gboolean counts_only = n_series == 0 && partner_counts != NULL;
  gboolean count_column = n_series > 0 && partner_counts != NULL;
  double size, legend_h = 0, label_w, count_w = 0, scale_h, top, row_h, bar_x, bar_w;
  double pad, count_max = 4, count_step = 1, label_size;
  guint n_items = 0, colour = 0;
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  if (!_nawat_chart_begin (&c, cr, width, height, language))
    return;
  size = c.font;
  pad = c.line;

  if (n_series == 0 && partner_counts == NULL)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  labels = nawat_chart_dup_helix_labels (c.thai ? "th" : "en");

  items = g_new0 (NawatChartLegendItem, n_series + 1);
  if (n_series > 1)
    for (guint i = 0; i < n_series; i++)
      {
        items[n_items].label = series[i].label ? series[i].label : "";
        items[n_items].index = series[i].emphasis ? 0 : colour;
        items[n_items].emphasis = series[i].emphasis;
        items[n_items].kind = NAWAT_CHART_LEGEND_BAR;
        n_items++;
        if (!series[i].emphasis)
          colour++;
      }
  if (n_items > 0)
    legend_h = _nawat_chart_legend (&c, items, n_items, 0, 0, width, FALSE);
  if (legend_h > height * 0.35)
    n_items = 0, legend_h = 0;

  if (counts_only)
    {
      guint max = 0;

      for (guint i = 0; i < NAWAT_N_HELIX; i++)
        max = MAX (max, partner_counts[i]);
      count_step = _nawat_chart_nice_step (MAX (max, 1), 4);
      count_max = count_step * ceil (MAX (max, 1) / count_step);
    }

  /* Columns: labels | bars | partner counts; rows above the scale. */
  label_w = _nawat_chart_label_column_width (&c, (const char *const *) labels, NAWAT_N_HELIX, size, width * 0.34);
  if (count_column)
    {
      g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (&c, _nawat_chart_word (&c, NAWAT_WORD_PARTNERS),
                                                                size * 0.85, FALSE);

      _nawat_chart_layout_size (layout, &count_w, NULL);
      count_w = MIN (count_w, width * 0.2) + size * 0.6;
    }
  scale_h = _nawat_chart_line_height (&c, size * 0.85) * 2.1 + size * 0.3;
  top = count_column ? _nawat_chart_line_height (&c, size * 0.85) * 1.1 : size * 0.3;
  row_h = (height - top - scale_h - legend_h - (legend_h > 0 ? size * 0.5 : 0)) / NAWAT_N_HELIX;
  if (row_h < size * 1.2)
    size = MAX (c.font * 0.6, row_h / 1.2);
  row_h = MAX (row_h, 1);
  bar_x = label_w + size * 0.8;
  bar_w = width - bar_x - count_w - size * 1.2 - pad;
  if (bar_w < size * 2)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  /* Grid and scale: levels 0–4 (or partner counts) under the bars. */
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (0.5, c.line * 0.7));
  for (double v = 0; v <= count_max + 1e-9; v += count_step)
    {
      double gx = bar_x + bar_w * v / count_max;
      g_autofree char *tick = g_strdup_printf ("%.0f", v);

      _nawat_chart_set_rgb (&c, v == 0 ? &c.axis : &c.grid, 1);
      cairo_move_to (cr, round (gx) + 0.5, top);
      cairo_line_to (cr, round (gx) + 0.5, top + row_h * NAWAT_N_HELIX);
      cairo_stroke (cr);
      _nawat_chart_draw_label (&c, tick, size * 0.85, FALSE, &c.muted, gx, top + row_h * NAWAT_N_HELIX + size * 0.2,
                               v == 0 ? 0 : (v >= count_max ? 1 : 0.5), 0, size * 3);
    }
  cairo_restore (cr);
  _nawat_chart_draw_label (&c, _nawat_chart_word (&c, counts_only ? NAWAT_WORD_PARTNERS : NAWAT_WORD_ENGAGEMENT_LEVEL),
                           size * 0.85, FALSE, &c.muted,
                           bar_x + bar_w / 2, top + row_h * NAWAT_N_HELIX + size * 0.2 +
                           _nawat_chart_line_height (&c, size * 0.85),
                           0.5, 0, bar_w);

  if (count_column)
    _nawat_chart_draw_label (&c, _nawat_chart_word (&c, NAWAT_WORD_PARTNERS), size * 0.85, FALSE, &c.muted,
                             width - pad, 0, 1, 0, count_w);

  label_size = _nawat_chart_common_fit_size (&c, (const char *const *) labels, NAWAT_N_HELIX, size,
                                             label_w, row_h);
  for (guint s = 0; s < NAWAT_N_HELIX; s++)
    {
      double ry = top + row_h * s;
      guint n_bars = counts_only ? 1 : n_series;
      double group_h = counts_only ? MIN (row_h * 0.6, size * 1.8)
                                   : MIN (row_h * 0.72, size * 1.1 * n_bars + size * 0.2);
      double bh = group_h / n_bars;
      double by = ry + (row_h - group_h) / 2;

      _nawat_chart_draw_row_label (&c, labels[s], label_size, 0, ry, label_w, row_h);

      if (counts_only)
        {
          double v = partner_counts[s];
          g_autofree char *text = g_strdup_printf ("%u", partner_counts[s]);
          double bw = bar_w * v / count_max;

          if (bw > 0)
            {
              cairo_rectangle (cr, bar_x, by, bw, bh);
              _nawat_chart_set_series_color (&c, 0, FALSE, 1);
              cairo_fill (cr);
            }
          _nawat_chart_draw_label (&c, text, size * 0.9, TRUE, &c.text, bar_x + bw + size * 0.3,
                                   by + bh / 2, 0, 0.5, size * 3);
          continue;
        }

      colour = 0;
      for (guint i = 0; i < n_series; i++)
        {
          double v = series[i].values ? series[i].values[s] : NAN;
          guint index = series[i].emphasis ? 0 : colour;
          double y = by + bh * i;

          if (!series[i].emphasis)
            colour++;
          if (!isfinite (v))
            {
              _nawat_chart_draw_label (&c, "–", size * 0.85, FALSE, &c.muted, bar_x + size * 0.3,
                                       y + bh / 2, 0, 0.5, size * 2);
              continue;
            }
          v = CLAMP (v, 0, 1);
          /* A zero level is a sliver, so that it differs from "not scored". */
          _nawat_chart_fill_series_bar (&c, index, series[i].emphasis, bar_x, y + bh * 0.1,
                                        MAX (bar_w * v, c.line * 1.5), bh * 0.8);
        }

      if (count_column)
        {
          g_autofree char *text = g_strdup_printf ("%u", partner_counts[s]);

          _nawat_chart_draw_label (&c, text, size, TRUE, &c.text, width - pad - size * 0.2, ry + row_h / 2,
                                   1, 0.5, count_w);
        }
    }

  if (n_items > 0)
    _nawat_chart_legend (&c, items, n_items, 0, height - legend_h, width, TRUE);
  _nawat_chart_end (&c);
}

void
nawat_chart_count_partners (GPtrArray *partners,
                            guint     *counts)
{
  g_return_if_fail (counts != NULL);

  memset (counts, 0, sizeof (guint) * NAWAT_N_HELIX);
  for (guint i = 0; partners && i < partners->len; i++)
    {
      const NawatPartner *partner = g_ptr_array_index (partners, i);
      int index = partner ? nawat_helix_index (partner->sector) : -1;

      if (index >= 0)
        counts[index]++;
    }
}

void
nawat_chart_helix_profile_evaluations (cairo_t                *cr,
                                       double                  width,
                                       double                  height,
                                       NawatRubric            *rubric,
                                       NawatEvaluation *const *evaluations,
                                       guint                   n_evaluations,
                                       GPtrArray              *partners,
                                       const char             *language)
{
  g_autofree double *values = NULL;
  g_autofree const double **rows = NULL;
  g_autofree NawatChartSeries *series = NULL;
  guint counts[NAWAT_N_HELIX];
  guint n_series;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (evaluations != NULL || n_evaluations == 0);

  values = g_new0 (double, (n_evaluations + 1) * NAWAT_N_HELIX);
  rows = g_new0 (const double *, n_evaluations + 1);
  series = g_new0 (NawatChartSeries, n_evaluations + 1);
  n_series = _nawat_chart_evaluation_series (rubric, evaluations, n_evaluations, TRUE,
                                             nawat_vocabulary_get (NAWAT_WORD_MEAN,
                                                                   _nawat_chart_is_thai (language) ? "th" : "en"),
                                             NAWAT_N_HELIX, values, rows, series);
  if (partners)
    nawat_chart_count_partners (partners, counts);
  nawat_chart_helix_profile (cr, width, height, series, n_series,
                             partners ? counts : NULL, language);
}

/* Distribution */

void
nawat_chart_distribution (cairo_t      *cr,
                          double        width,
                          double        height,
                          const double *composites,
                          guint         n,
                          guint         n_bins,
                          const char   *language)
{
  g_autofree guint *bins = NULL;
  g_autofree char *max_text = NULL;
  double size, left, right, top, bottom, y_max, step, sum = 0, tick_h, bin_w, title_right;
  guint valid = 0, max = 0, label_every;
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (composites != NULL || n == 0);

  if (!_nawat_chart_begin (&c, cr, width, height, language))
    return;
  size = c.font;
  if (n_bins == 0)
    n_bins = 10;
  n_bins = MIN (n_bins, 100);

  bins = g_new0 (guint, n_bins);
  for (guint i = 0; i < n; i++)
    {
      double v = composites[i];
      guint b;

      if (!isfinite (v))
        continue;
      v = CLAMP (v, 0, 100);
      b = MIN ((guint) (v / 100.0 * n_bins), n_bins - 1);
      bins[b]++;
      sum += v;
      valid++;
    }
  for (guint b = 0; b < n_bins; b++)
    max = MAX (max, bins[b]);

  step = _nawat_chart_nice_step (MAX (max, 1), 4);
  y_max = step * ceil (MAX (max, 1) / step);
  max_text = g_strdup_printf ("%.0f", y_max);

  tick_h = _nawat_chart_line_height (&c, size * 0.85);
  {
    g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (&c, max_text, size * 0.85, FALSE);
    double w;

    _nawat_chart_layout_size (layout, &w, NULL);
    left = ceil (w) + size * 0.6;
  }
  top = tick_h * 1.3;
  right = width - MAX (size * 0.8, c.line);
  bottom = height - tick_h * 2.3 - size * 0.3;
  if (right - left < size * 3 || bottom - top < size * 2)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  /* Axis titles: projects above the y axis, composite below the x axis. */
  title_right = left + size * 0.3 +
                _nawat_chart_draw_label (&c, _nawat_chart_word (&c, NAWAT_WORD_PROJECTS), size * 0.85, FALSE,
                                         &c.muted, left + size * 0.3, 0, 0, 0, width * 0.45 - left);
  _nawat_chart_draw_label (&c, _nawat_chart_word (&c, NAWAT_WORD_COMPOSITE_SCORE), size * 0.85, FALSE, &c.muted,
                           left + (right - left) / 2, height - tick_h * 1.05, 0.5, 0, right - left);

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (0.5, c.line * 0.7));
  for (double v = 0; v <= y_max + 1e-9; v += step)
    {
      double gy = bottom - (bottom - top) * v / y_max;
      g_autofree char *tick = g_strdup_printf ("%.0f", v);

      _nawat_chart_set_rgb (&c, v == 0 ? &c.axis : &c.grid, 1);
      cairo_move_to (cr, left, round (gy) + 0.5);
      cairo_line_to (cr, right, round (gy) + 0.5);
      cairo_stroke (cr);
      _nawat_chart_draw_label (&c, tick, size * 0.85, FALSE, &c.muted, left - size * 0.3, gy, 1, 0.5, left);
    }
  cairo_restore (cr);

  bin_w = (right - left) / n_bins;
  label_every = 1;
  while (bin_w * label_every < size * 2.2)
    label_every++;
  for (guint b = 0; b <= n_bins; b++)
    {
      double gx = left + bin_w * b;

      if (b % label_every == 0 || b == n_bins)
        {
          g_autofree char *tick = g_strdup_printf ("%.0f", 100.0 * b / n_bins);

          if (b == n_bins && b % label_every != 0 && bin_w * (b % label_every) < size * 2.2)
            continue;
          _nawat_chart_draw_label (&c, tick, size * 0.85, FALSE, &c.muted, gx, bottom + size * 0.25,
                                   b == n_bins ? 1 : b == 0 ? 0 : 0.5, 0, size * 3);
        }
    }

  if (valid == 0)
    _nawat_chart_draw_no_data (&c, left, top, right - left, bottom - top);

  for (guint b = 0; b < n_bins; b++)
    {
      double bh = (bottom - top) * bins[b] / y_max;
      double inset = MIN (bin_w * 0.08, c.line);

      if (bins[b] == 0)
        continue;
      cairo_rectangle (cr, left + bin_w * b + inset, bottom - bh, bin_w - 2 * inset, bh);
      _nawat_chart_set_series_color (&c, 0, FALSE, 1);
      cairo_fill (cr);
    }

  if (valid > 0)
    {
      double mean = sum / valid;
      double mx = left + (right - left) * mean / 100.0;
      g_autofree char *text = g_strdup_printf ("%s %.1f", _nawat_chart_word (&c, NAWAT_WORD_MEAN), mean);
      g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (&c, text, size * 0.85, TRUE);
      double text_w, tx;

      _nawat_chart_layout_size (layout, &text_w, NULL);
      cairo_save (cr);
      _nawat_chart_set_series_color (&c, 0, TRUE, 1);
      _nawat_chart_set_series_dash (&c, 1, FALSE);
      cairo_set_line_width (cr, c.line * 1.4);
      cairo_move_to (cr, mx, top - tick_h * 0.15);
      cairo_line_to (cr, mx, bottom);
      cairo_stroke (cr);
      cairo_restore (cr);
      /* Beside the line, on the side with room, clear of the axis title. */
      tx = mx + size * 0.3 + text_w <= width ? mx + size * 0.3 : mx - size * 0.3 - text_w;
      tx = CLAMP (tx, MIN (title_right + size, width - text_w), width - text_w);
      _nawat_chart_draw_label (&c, text, size * 0.85, TRUE, &c.text, tx, top - tick_h * 0.2, 0, 1, width - tx);
    }
  _nawat_chart_end (&c);
}

/* Progress */

void
nawat_chart_progress (cairo_t           *cr,
                      double             width,
                      double             height,
                      const char *const *labels,
                      const guint       *submitted,
                      const guint       *drafts,
                      const guint       *assigned,
                      guint              n)
{
  NawatChartLegendItem items[3];
  double size, legend_h, legend_y, label_w, count_w, row_h, bar_x, bar_w, pad, label_size;
  guint max = 1;
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n == 0 || (submitted != NULL && drafts != NULL && assigned != NULL));

  if (!_nawat_chart_begin (&c, cr, width, height, NULL))
    return;
  size = c.font;
  pad = c.line;
  if (n == 0)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  items[0] = (NawatChartLegendItem) { _nawat_chart_word (&c, NAWAT_WORD_SUBMITTED), 0, FALSE,
                                       NAWAT_CHART_LEGEND_BOX };
  items[1] = (NawatChartLegendItem) { _nawat_chart_word (&c, NAWAT_WORD_DRAFT), 4, FALSE,
                                       NAWAT_CHART_LEGEND_HATCH };
  items[2] = (NawatChartLegendItem) { _nawat_chart_word (&c, NAWAT_WORD_NOT_STARTED), 0, FALSE,
                                       NAWAT_CHART_LEGEND_EMPTY };
  legend_h = _nawat_chart_legend (&c, items, 3, 0, 0, width, FALSE);

  for (guint i = 0; i < n; i++)
    max = MAX (max, MAX (assigned[i], submitted[i] + drafts[i]));
  {
    g_autofree char *widest = g_strdup_printf ("%u/%u", max, max);
    g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (&c, widest, size, FALSE);

    _nawat_chart_layout_size (layout, &count_w, NULL);
    count_w += size * 0.6;
  }

  row_h = (height - legend_h - size * 0.6) / n;
  row_h = MIN (row_h, size * 2.4);
  /* The legend follows the rows rather than the bottom edge. */
  legend_y = MIN (height - legend_h, row_h * n + size * 0.6);
  if (row_h < size * 1.15)
    size = MAX (4, row_h / 1.15);
  label_w = _nawat_chart_label_column_width (&c, labels, n, size, width * 0.3);
  bar_x = label_w + size * 0.6;
  bar_w = width - bar_x - count_w - pad;
  if (bar_w < size * 2 || row_h < 2)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  label_size = _nawat_chart_common_fit_size (&c, labels, n, size, label_w, row_h);
  for (guint i = 0; i < n; i++)
    {
      double ry = row_h * i;
      double bh = MIN (row_h * 0.7, size * 1.3);
      double by = ry + (row_h - bh) / 2;
      guint total = MAX (assigned[i], submitted[i] + drafts[i]);
      double sw = bar_w * submitted[i] / max;
      double dw = bar_w * drafts[i] / max;
      double tw = bar_w * total / max;
      g_autofree char *text = g_strdup_printf ("%u/%u", submitted[i], total);

      _nawat_chart_draw_row_label (&c, labels ? labels[i] : "", label_size, 0, ry, label_w, row_h);

      if (tw > 0)
        {
          cairo_rectangle (cr, bar_x + 0.5, by + 0.5, MAX (tw - 1, 0), bh - 1);
          _nawat_chart_set_rgb (&c, &c.axis, 1);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      if (sw > 0)
        {
          cairo_rectangle (cr, bar_x, by, sw, bh);
          _nawat_chart_set_series_color (&c, 0, FALSE, 1);
          cairo_fill (cr);
        }
      if (dw > 0)
        {
          cairo_rectangle (cr, bar_x + sw, by, dw, bh);
          _nawat_chart_set_series_color (&c, 4, FALSE, 1);
          cairo_fill (cr);
          _nawat_chart_hatch_rect (&c, bar_x + sw, by, dw, bh);
        }
      _nawat_chart_draw_label (&c, text, size, FALSE, &c.text, width - pad, ry + row_h / 2, 1, 0.5, count_w);
    }

  _nawat_chart_legend (&c, items, 3, 0, legend_y, width, TRUE);
  _nawat_chart_end (&c);
}
