/* nawat-chart-heatmap.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart-private.h"

#include "nawat-places.h"

#include <math.h>

/* Heat map */

static void
heat_color (NawatChartCanvas *c,
            double            t,
            NawatChartRgb    *rgb)
{
  NawatChartRgb lo, hi;

  /* A single hue from pale to deep (ColorBrewer "Blues"), monotone in
   * lightness so it survives greyscale printing.
   */
  if (c->style == NAWAT_CHART_STYLE_DARK)
    {
      _nawat_chart_rgb_from_hex (0x203040, &lo);
      _nawat_chart_rgb_from_hex (0x9ECAE1, &hi);
    }
  else
    {
      _nawat_chart_rgb_from_hex (0xDEEBF7, &lo);
      _nawat_chart_rgb_from_hex (0x08306B, &hi);
    }
  rgb->r = lo.r + (hi.r - lo.r) * t;
  rgb->g = lo.g + (hi.g - lo.g) * t;
  rgb->b = lo.b + (hi.b - lo.b) * t;
}

void
nawat_chart_heatmap (cairo_t           *cr,
                     double             width,
                     double             height,
                     const char *const *row_labels,
                     guint              n_rows,
                     const char *const *col_labels,
                     guint              n_cols,
                     const double      *cells)
{
  double size, label_w, header_h = 0, cw, rh, max = 0, pad;
  g_autofree PangoLayout **headers = NULL;
  g_autofree double *header_w = NULL;
  g_autofree double *header_h_each = NULL;
  NawatChartCanvas c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cells != NULL || n_rows == 0 || n_cols == 0);

  if (!_nawat_chart_begin (&c, cr, width, height, NULL))
    return;
  size = c.font;
  pad = c.line;
  if (n_rows == 0 || n_cols == 0)
    {
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  for (guint i = 0; i < n_rows * n_cols; i++)
    if (isfinite (cells[i]))
      max = MAX (max, cells[i]);

  label_w = _nawat_chart_label_column_width (&c, row_labels, n_rows, size, width * 0.34);
  cw = (width - label_w - size * 0.5 - pad) / n_cols;

  /* Column headers wrap within their column, at most a quarter of the height. */
  headers = g_new0 (PangoLayout *, n_cols);
  header_w = g_new0 (double, n_cols);
  header_h_each = g_new0 (double, n_cols);
  for (guint j = 0; j < n_cols; j++)
    {
      headers[j] = _nawat_chart_fit_text (&c, col_labels && col_labels[j] ? col_labels[j] : "",
                                          size * 0.9, FALSE, MAX (cw - size * 0.2, 1), height * 0.25,
                                          PANGO_ALIGN_CENTER, &header_w[j], &header_h_each[j]);
      header_h = MAX (header_h, header_h_each[j]);
    }
  header_h += size * 0.3;
  rh = (height - header_h - pad) / n_rows;
  if (cw < 2 || rh < 2)
    {
      for (guint j = 0; j < n_cols; j++)
        g_clear_object (&headers[j]);
      _nawat_chart_draw_no_data (&c, 0, 0, width, height);
      _nawat_chart_end (&c);
      return;
    }

  {
    double x0 = label_w + size * 0.5;

    for (guint j = 0; j < n_cols; j++)
      {
        _nawat_chart_show_layout (&c, headers[j], &c.text, x0 + cw * j + (cw - header_w[j]) / 2,
                                  header_h - size * 0.3 - header_h_each[j]);
        g_clear_object (&headers[j]);
      }

    double row_size = _nawat_chart_common_fit_size (&c, row_labels, n_rows, MIN (size, rh * 0.8), label_w, rh);

    for (guint i = 0; i < n_rows; i++)
      {
        double ry = header_h + rh * i;

        _nawat_chart_draw_row_label (&c, row_labels ? row_labels[i] : "", row_size, 0, ry, label_w, rh);
        for (guint j = 0; j < n_cols; j++)
          {
            double v = cells[i * n_cols + j];
            double cx = x0 + cw * j;
            double t = max > 0 && isfinite (v) ? CLAMP (v / max, 0, 1) : 0;

            cairo_rectangle (cr, cx + 0.5, ry + 0.5, cw - 1, rh - 1);
            if (isfinite (v) && v > 0)
              {
                NawatChartRgb fill;

                heat_color (&c, 0.12 + 0.88 * t, &fill);
                _nawat_chart_set_rgb (&c, &fill, 1);
                cairo_fill (cr);
              }
            else
              {
                _nawat_chart_set_rgb (&c, &c.grid, 1);
                cairo_set_line_width (cr, MAX (0.5, c.line * 0.6));
                cairo_stroke (cr);
              }

            if (isfinite (v) && v > 0)
              {
                g_autofree char *text = g_strdup_printf ("%.0f", v);
                double ts = MIN (size * 0.9, MIN (rh * 0.6, cw * 0.45));
                NawatChartRgb ink;
                gboolean light_ink = (c.style == NAWAT_CHART_STYLE_DARK) ? t < 0.5 : t > 0.45;

                _nawat_chart_rgb_from_hex (light_ink ? 0xFFFFFF : 0x101010, &ink);
                _nawat_chart_draw_label (&c, text, ts, FALSE, &ink, cx + cw / 2, ry + rh / 2, 0.5, 0.5, cw - 2);
              }
          }
      }
  }
  _nawat_chart_end (&c);
}

void
nawat_chart_count_coverage (NawatProject *const *projects,
                            guint                n_projects,
                            gboolean             primary_only,
                            double              *cells)
{
  g_return_if_fail (cells != NULL);
  g_return_if_fail (projects != NULL || n_projects == 0);

  for (guint i = 0; i < NAWAT_N_DOMAINS * NAWAT_N_REGIONS; i++)
    cells[i] = 0;
  for (guint i = 0; i < n_projects; i++)
    {
      const NawatProvince *province;
      const char *const *domains;
      int region;

      if (projects[i] == NULL)
        continue;
      province = nawat_province_lookup (nawat_project_get_province (projects[i]));
      region = province ? nawat_region_index (province->region) : -1;
      domains = nawat_project_get_domains (projects[i]);
      if (region < 0 || domains == NULL)
        continue;
      for (guint d = 0; domains[d] != NULL && (d == 0 || !primary_only); d++)
        {
          int domain = nawat_domain_index (domains[d]);

          if (domain >= 0)
            cells[domain * NAWAT_N_REGIONS + region] += 1;
        }
    }
}
