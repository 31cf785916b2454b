/* nawat-chart-draw.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart-private.h"

#include "nawat-vocabulary.h"

#include <math.h>
#include <string.h>

/* The charts' words follow the chart's language, not the user interface's:
 * a Thai report may be exported from an English session.
 */
const char *
_nawat_chart_word (NawatChartCanvas *c,
                   NawatWord         w)
{
  return nawat_vocabulary_get (w, c->thai ? "th" : "en");
}

gboolean
_nawat_chart_is_thai (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "th");
}

/* Starts a chart; FALSE when there is no room to draw anything. */
gboolean
_nawat_chart_begin (NawatChartCanvas *c,
                    cairo_t          *cr,
                    double            width,
                    double            height,
                    const char       *language)
{
  double size;

  memset (c, 0, sizeof *c);
  if (cr == NULL || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  if (!isfinite (width) || !isfinite (height) || width < 16 || height < 16)
    return FALSE;

  c->cr = cr;
  c->width = width;
  c->height = height;
  c->style = nawat_chart_get_style (cr);
  c->thai = _nawat_chart_is_thai (language ? language : nawat_chart_get_language (cr));
  c->family = nawat_chart_dup_font_family ();

  size = nawat_chart_get_font_size (cr);
  if (size <= 0)
    size = CLAMP (MIN (width, height) / 30.0, 7.0, 13.0);
  c->font = size;
  c->line = MAX (1.0, size / 8.0);

  if (c->style == NAWAT_CHART_STYLE_DARK)
    {
      _nawat_chart_rgb_from_hex (0xEDEDED, &c->text);
      _nawat_chart_rgb_from_hex (0xB0B0B0, &c->muted);
      _nawat_chart_rgb_from_hex (0x4A4A4A, &c->grid);
      _nawat_chart_rgb_from_hex (0x8A8A8A, &c->axis);
      _nawat_chart_rgb_from_hex (0x242424, &c->surface);
    }
  else
    {
      _nawat_chart_rgb_from_hex (0x1F1F1F, &c->text);
      _nawat_chart_rgb_from_hex (0x555555, &c->muted);
      _nawat_chart_rgb_from_hex (0xCFCFCF, &c->grid);
      _nawat_chart_rgb_from_hex (0x707070, &c->axis);
      _nawat_chart_rgb_from_hex (0xFFFFFF, &c->surface);
    }

  /* One pango context and font description for all the chart's labels. */
  c->pango = _nawat_chart_options_ref_pango (cr);
  c->desc = pango_font_description_from_string (c->family);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  return TRUE;
}

void
_nawat_chart_end (NawatChartCanvas *c)
{
  if (c->cr)
    cairo_restore (c->cr);
  g_clear_pointer (&c->family, g_free);
  g_clear_object (&c->pango);
  g_clear_pointer (&c->desc, pango_font_description_free);
}

void
_nawat_chart_set_rgb (NawatChartCanvas    *c,
                      const NawatChartRgb *rgb,
                      double               alpha)
{
  cairo_set_source_rgba (c->cr, rgb->r, rgb->g, rgb->b, alpha);
}

void
_nawat_chart_set_series_color (NawatChartCanvas *c,
                               guint             index,
                               gboolean          emphasis,
                               double            alpha)
{
  double r, g, b;

  nawat_chart_series_color (c->style, index, emphasis, &r, &g, &b);
  cairo_set_source_rgba (c->cr, r, g, b, alpha);
}

void
_nawat_chart_set_series_dash (NawatChartCanvas *c,
                              guint             index,
                              gboolean          emphasis)
{
  static const double patterns[][4] = {
    { 0, 0, 0, 0 },
    { 5, 2.5, 0, 0 },
    { 1, 2, 0, 0 },
    { 6, 2, 1, 2 },
    { 10, 3, 0, 0 },
    { 2.5, 2.5, 0, 0 },
  };
  static const int lengths[] = { 0, 2, 2, 4, 2, 2 };
  guint k = index % G_N_ELEMENTS (lengths);
  double dashes[4];

  if (emphasis || lengths[k] == 0)
    {
      cairo_set_dash (c->cr, NULL, 0, 0);
      cairo_set_line_cap (c->cr, CAIRO_LINE_CAP_BUTT);
      return;
    }
  for (int i = 0; i < lengths[k]; i++)
    dashes[i] = patterns[k][i] * c->line * 1.6;
  cairo_set_dash (c->cr, dashes, lengths[k], 0);
  cairo_set_line_cap (c->cr, k == 2 ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
}

/* A marker shape per series, so series differ without colour. */
void
_nawat_chart_draw_marker (NawatChartCanvas *c,
                          guint             index,
                          gboolean          emphasis,
                          double            x,
                          double            y,
                          double            size)
{
  cairo_t *cr = c->cr;
  double s = size / 2;

  cairo_save (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  if (emphasis)
    {
      cairo_arc (cr, x, y, s * 1.15, 0, 2 * G_PI);
    }
  else
    {
      switch (index % 6)
        {
        case 0:
          cairo_arc (cr, x, y, s, 0, 2 * G_PI);
          break;
        case 1:
          cairo_rectangle (cr, x - s * 0.9, y - s * 0.9, s * 1.8, s * 1.8);
          break;
        case 2:
          cairo_move_to (cr, x, y - s * 1.15);
          cairo_line_to (cr, x + s * 1.05, y + s * 0.75);
          cairo_line_to (cr, x - s * 1.05, y + s * 0.75);
          cairo_close_path (cr);
          break;
        case 3:
          cairo_move_to (cr, x, y - s * 1.2);
          cairo_line_to (cr, x + s * 1.2, y);
          cairo_line_to (cr, x, y + s * 1.2);
          cairo_line_to (cr, x - s * 1.2, y);
          cairo_close_path (cr);
          break;
        case 4:
          cairo_move_to (cr, x, y + s * 1.15);
          cairo_line_to (cr, x + s * 1.05, y - s * 0.75);
          cairo_line_to (cr, x - s * 1.05, y - s * 0.75);
          cairo_close_path (cr);
          break;
        default:
          cairo_move_to (cr, x - s, y - s);
          cairo_line_to (cr, x + s, y + s);
          cairo_move_to (cr, x + s, y - s);
          cairo_line_to (cr, x - s, y + s);
          _nawat_chart_set_series_color (c, index, emphasis, 1);
          cairo_set_line_width (cr, c->line * 1.3);
          cairo_stroke (cr);
          cairo_restore (cr);
          return;
        }
    }
  _nawat_chart_set_series_color (c, index, emphasis, 1);
  cairo_fill_preserve (cr);
  _nawat_chart_set_rgb (c, &c->surface, 1);
  cairo_set_line_width (cr, MAX (0.6, c->line * 0.6));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Text */

PangoLayout *
_nawat_chart_make_layout (NawatChartCanvas *c,
                          const char       *text,
                          double            size,
                          gboolean          bold)
{
  PangoLayout *layout = pango_layout_new (c->pango);
  PangoFontDescription *desc = pango_font_description_copy_static (c->desc);

  pango_font_description_set_absolute_size (desc, MAX (1.0, size) * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

void
_nawat_chart_layout_size (PangoLayout *layout,
                          double      *width,
                          double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width)
    *width = (double) logical.width / PANGO_SCALE;
  if (height)
    *height = (double) logical.height / PANGO_SCALE;
}

/* Lays @text out within @max_width × @max_height: wrapped at words, the
 * font shrunk step by step (down to 70 % of @size) until it fits, and at
 * the smallest size wrapped anywhere and ellipsized.  The layout's width
 * is then its own, so its alignment centres lines within its box.
 */
PangoLayout *
_nawat_chart_fit_text (NawatChartCanvas *c,
                       const char       *text,
                       double            size,
                       gboolean          bold,
                       double            max_width,
                       double            max_height,
                       PangoAlignment    alignment,
                       double           *out_width,
                       double           *out_height)
{
  PangoLayout *layout = NULL;
  double min_size = MIN (size, MAX (size * 0.7, 6.0));
  double w = 0, h = 0;

  max_width = MAX (max_width, 1);
  max_height = MAX (max_height, 1);
  for (double s = size; ; s = MAX (min_size, s * 0.92))
    {
      g_clear_object (&layout);
      layout = _nawat_chart_make_layout (c, text, s, bold);
      pango_layout_set_alignment (layout, alignment);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      _nawat_chart_layout_size (layout, &w, &h);
      if ((w <= max_width + 0.01 && h <= max_height + 0.01) || s <= min_size)
        break;
    }

  if (w > max_width + 0.01 || h > max_height + 0.01)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
      _nawat_chart_layout_size (layout, &w, &h);
      /* A single line taller than the room: show it anyway, it is
       * clipped by nobody but the caller makes room for one line.
       */
    }

  /* Shrink-wrap so that alignment works inside the text's own box. */
  pango_layout_set_width (layout, (int) ceil (w * PANGO_SCALE) + 1);
  _nawat_chart_layout_size (layout, &w, &h);
  if (out_width)
    *out_width = w;
  if (out_height)
    *out_height = h;
  return layout;
}

/* The largest size, from @size down to 70 % of it, at which every one of
 * @labels fits @max_width × @max_height when wrapped at words, so that a
 * set of labels shares one size instead of each shrinking on its own.
 */
double
_nawat_chart_common_fit_size (NawatChartCanvas  *c,
                              const char *const *labels,
                              guint              n,
                              double             size,
                              double             max_width,
                              double             max_height)
{
  double min_size = MIN (size, MAX (size * 0.7, 6.0));

  for (double s = size; ; s = MAX (min_size, s * 0.92))
    {
      gboolean fits = TRUE;

      for (guint i = 0; i < n && fits; i++)
        {
          g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (c, labels && labels[i] ? labels[i] : "",
                                                                    s, FALSE);
          double w, h;

          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
          _nawat_chart_layout_size (layout, &w, &h);
          fits = w <= max_width + 0.01 && h <= max_height + 0.01;
        }
      if (fits || s <= min_size)
        return s;
    }
}

void
_nawat_chart_show_layout (NawatChartCanvas    *c,
                          PangoLayout         *layout,
                          const NawatChartRgb *color,
                          double               x,
                          double               y)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
  _nawat_chart_set_rgb (c, color, 1);
  cairo_move_to (c->cr, x - (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (c->cr, layout);
  cairo_restore (c->cr);
}

/* A one-line text of at most @max_width, shrunk or ellipsized; drawn with
 * its box's (@ax, @ay) fraction at (x, y).  Returns its width.
 */
double
_nawat_chart_draw_label (NawatChartCanvas    *c,
                         const char          *text,
                         double               size,
                         gboolean             bold,
                         const NawatChartRgb *color,
                         double               x,
                         double               y,
                         double               ax,
                         double               ay,
                         double               max_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w = 0, h = 0;

  /* A little slack for rounding: a width measured earlier must fit. */
  max_width += 0.5;
  layout = _nawat_chart_make_layout (c, text, size, bold);
  _nawat_chart_layout_size (layout, &w, &h);
  if (w > max_width)
    {
      g_clear_object (&layout);
      layout = _nawat_chart_make_layout (c, text, MAX (size * 0.75, size * max_width / w), bold);
      _nawat_chart_layout_size (layout, &w, &h);
    }
  if (w > max_width)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
      _nawat_chart_layout_size (layout, &w, &h);
    }
  _nawat_chart_show_layout (c, layout, color, x - ax * w, y - ay * h);
  return w;
}

double
_nawat_chart_line_height (NawatChartCanvas *c,
                          double            size)
{
  g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (c, "Ag ด้านที่", size, FALSE);
  double h = 0;

  _nawat_chart_layout_size (layout, NULL, &h);
  return h;
}

void
_nawat_chart_draw_no_data (NawatChartCanvas *c,
                           double            x,
                           double            y,
                           double            width,
                           double            height)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = _nawat_chart_fit_text (c, _nawat_chart_word (c, NAWAT_WORD_NO_DATA), c->font, FALSE, width, height,
                                  PANGO_ALIGN_CENTER, &w, &h);
  _nawat_chart_show_layout (c, layout, &c->muted, x + (width - w) / 2, y + (height - h) / 2);
}

void
_nawat_chart_hatch_rect (NawatChartCanvas *c,
                         double            x,
                         double            y,
                         double            w,
                         double            h)
{
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_clip (c->cr);
  _nawat_chart_set_rgb (c, &c->surface, 0.7);
  cairo_set_line_width (c->cr, c->line);
  for (double t = -h; t < w; t += c->line * 4)
    {
      cairo_move_to (c->cr, x + t, y + h);
      cairo_line_to (c->cr, x + t + h, y);
    }
  cairo_stroke (c->cr);
  cairo_restore (c->cr);
}

/* A bar of series @index: solid, hatched or pale with an outline in turn,
 * so that grouped bars differ in greyscale too; the emphasised series is
 * solid in the emphasis colour.
 */
void
_nawat_chart_fill_series_bar (NawatChartCanvas *c,
                              guint             index,
                              gboolean          emphasis,
                              double            x,
                              double            y,
                              double            w,
                              double            h)
{
  guint pattern = emphasis ? 0 : index % 3;

  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  _nawat_chart_set_series_color (c, index, emphasis, pattern == 2 ? 0.45 : 1);
  cairo_fill (c->cr);
  if (pattern == 1)
    _nawat_chart_hatch_rect (c, x, y, w, h);
  else if (pattern == 2 && w > 1 && h > 1)
    {
      cairo_rectangle (c->cr, x + 0.5, y + 0.5, w - 1, h - 1);
      _nawat_chart_set_series_color (c, index, emphasis, 1);
      cairo_set_line_width (c->cr, 1);
      cairo_stroke (c->cr);
    }
  cairo_restore (c->cr);
}

/* Legend: items flow in rows, centred; returns the height used. */
double
_nawat_chart_legend (NawatChartCanvas           *c,
                     const NawatChartLegendItem *items,
                     guint                       n_items,
                     double                      x,
                     double                      y,
                     double                      width,
                     gboolean                    draw)
{
  double size = c->font * 0.92;
  double sample = size * 2.2;
  double gap = size * 0.4;
  double spacing = size * 1.2;
  double row_h = _nawat_chart_line_height (c, size);
  g_autofree double *widths = NULL;
  guint start = 0;
  double top = y;

  if (n_items == 0)
    return 0;

  widths = g_new0 (double, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (c, items[i].label, size, items[i].emphasis);
      double w;

      _nawat_chart_layout_size (layout, &w, NULL);
      widths[i] = MIN (sample + gap + w, width);
    }

  while (start < n_items)
    {
      double row_w = widths[start];
      guint end = start + 1;
      double cx;

      while (end < n_items && row_w + spacing + widths[end] <= width)
        row_w += spacing + widths[end++];

      if (draw)
        {
          cx = x + (width - row_w) / 2;
          for (guint i = start; i < end; i++)
            {
              const NawatChartLegendItem *item = &items[i];
              double my = top + row_h / 2;

              cairo_save (c->cr);
              switch (item->kind)
                {
                case NAWAT_CHART_LEGEND_LINE:
                  _nawat_chart_set_series_color (c, item->index, item->emphasis, 1);
                  _nawat_chart_set_series_dash (c, item->index, item->emphasis);
                  cairo_set_line_width (c->cr, item->emphasis ? c->line * 2.2 : c->line * 1.2);
                  cairo_move_to (c->cr, cx, my);
                  cairo_line_to (c->cr, cx + sample, my);
                  cairo_stroke (c->cr);
                  _nawat_chart_draw_marker (c, item->index, item->emphasis, cx + sample / 2, my,
                                            size * (item->emphasis ? 0.55 : 0.5));
                  break;
                case NAWAT_CHART_LEGEND_BAR:
                  _nawat_chart_fill_series_bar (c, item->index, item->emphasis, cx + sample * 0.15,
                                                my - row_h * 0.3, sample * 0.7, row_h * 0.6);
                  break;
                case NAWAT_CHART_LEGEND_BOX:
                case NAWAT_CHART_LEGEND_HATCH:
                case NAWAT_CHART_LEGEND_EMPTY:
                default:
                  {
                    double bx = cx + sample * 0.15, bw = sample * 0.7;
                    double by = my - row_h * 0.3, bh = row_h * 0.6;

                    cairo_rectangle (c->cr, bx, by, bw, bh);
                    if (item->kind == NAWAT_CHART_LEGEND_BOX)
                      {
                        _nawat_chart_set_series_color (c, item->index, item->emphasis, 1);
                        cairo_fill (c->cr);
                      }
                    else if (item->kind == NAWAT_CHART_LEGEND_HATCH)
                      {
                        _nawat_chart_set_series_color (c, item->index, item->emphasis, 1);
                        cairo_fill (c->cr);
                        _nawat_chart_hatch_rect (c, bx, by, bw, bh);
                      }
                    else
                      {
                        cairo_new_path (c->cr);
                        cairo_rectangle (c->cr, bx + 0.5, by + 0.5, bw - 1, bh - 1);
                        _nawat_chart_set_rgb (c, &c->axis, 1);
                        cairo_set_line_width (c->cr, 1);
                        cairo_stroke (c->cr);
                      }
                  }
                  break;
                }
              cairo_restore (c->cr);
              _nawat_chart_draw_label (c, item->label, size, item->emphasis, &c->text,
                                       cx + sample + gap, my, 0, 0.5, widths[i] - sample - gap);
              cx += widths[i] + spacing;
            }
        }
      top += row_h * 1.15;
      start = end;
    }
  return top - y;
}

double
_nawat_chart_nice_step (double range,
                        guint  n_ticks)
{
  double raw = range / MAX (1, n_ticks);
  double magnitude, f;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1)
    f = 1;
  else if (f <= 2)
    f = 2;
  else if (f <= 5)
    f = 5;
  else
    f = 10;
  return MAX (1, f * magnitude);
}

/* Row labels on the left of a horizontal chart: the column width they
 * need, at most @max_width.
 */
double
_nawat_chart_label_column_width (NawatChartCanvas  *c,
                                 const char *const *labels,
                                 guint              n,
                                 double             size,
                                 double             max_width)
{
  double width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = _nawat_chart_make_layout (c, labels && labels[i] ? labels[i] : "",
                                                                size, FALSE);
      double w;

      _nawat_chart_layout_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  return MIN (ceil (width) + 1, max_width);
}

void
_nawat_chart_draw_row_label (NawatChartCanvas *c,
                             const char       *text,
                             double            size,
                             double            x,
                             double            y,
                             double            width,
                             double            height)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = _nawat_chart_fit_text (c, text ? text : "", size, FALSE, width, height, PANGO_ALIGN_RIGHT, &w, &h);
  _nawat_chart_show_layout (c, layout, &c->text, x + width - w, y + (height - h) / 2);
}
