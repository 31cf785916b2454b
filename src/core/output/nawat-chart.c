/* nawat-chart.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-vocabulary.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#define DEFAULT_FONT_FAMILY "Noto Sans Thai, Noto Sans, sans-serif"

/* What a cairo context remembers between the charts drawn on it: a
 * report draws hundreds of charts of the same size on one context, and
 * the pango context and the fitted radar labels are the same each time.
 */
typedef struct
{
  NawatChartStyle  style;
  double           font_size;
  char             language[8];
  PangoContext    *pango;
  /* signature → RadarFit */
  GHashTable      *radar_fits;
} ChartOptions;

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  cairo_t         *cr;
  double           width;
  double           height;
  NawatChartStyle  style;
  double           font;
  gboolean         thai;
  char            *family;
  PangoContext    *pango;
  PangoFontDescription *desc;
  Rgb              text;
  Rgb              muted;
  Rgb              grid;
  Rgb              axis;
  Rgb              surface;
  double           line;
} Chart;

typedef enum
{
  LEGEND_LINE,
  LEGEND_BOX,
  LEGEND_HATCH,
  LEGEND_EMPTY,
  LEGEND_BAR,
} LegendKind;

typedef struct
{
  const char *label;
  guint       index;
  gboolean    emphasis;
  LegendKind  kind;
} LegendItem;

static const cairo_user_data_key_t options_key;

G_LOCK_DEFINE_STATIC (font_family);
static char *font_family;

/* Okabe & Ito (2008), "Color Universal Design", ordered so that
 * neighbouring series also differ in lightness; yellow is left out on
 * white paper where it is barely visible.
 */
static const guint32 palette_light[] = { 0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9 };
static const guint32 palette_dark[] = { 0x56B4E9, 0xE69F00, 0x3CC7A0, 0xE08FC0, 0xF0E442, 0xF07A3A };

static void
rgb_from_hex (guint32  hex,
              Rgb     *rgb)
{
  rgb->r = ((hex >> 16) & 0xff) / 255.0;
  rgb->g = ((hex >> 8) & 0xff) / 255.0;
  rgb->b = (hex & 0xff) / 255.0;
}

static void
options_free (void *data)
{
  ChartOptions *options = data;

  g_clear_object (&options->pango);
  g_clear_pointer (&options->radar_fits, g_hash_table_unref);
  g_free (options);
}

static ChartOptions *
options_get (cairo_t  *cr,
             gboolean  create)
{
  ChartOptions *options = cairo_get_user_data (cr, &options_key);

  if (options == NULL && create)
    {
      options = g_new0 (ChartOptions, 1);
      if (cairo_set_user_data (cr, &options_key, options, options_free) != CAIRO_STATUS_SUCCESS)
        {
          g_free (options);
          return NULL;
        }
    }
  return options;
}

/* (transfer full) The pango context of @cr's charts, up to date with
 * @cr's transformation and font options.
 */
static PangoContext *
options_ref_pango (cairo_t *cr)
{
  ChartOptions *options = options_get (cr, TRUE);

  if (options == NULL)
    return pango_cairo_create_context (cr);
  if (options->pango == NULL)
    options->pango = pango_cairo_create_context (cr);
  else
    pango_cairo_update_context (cr, options->pango);
  return g_object_ref (options->pango);
}

void
nawat_chart_set_style (cairo_t         *cr,
                       NawatChartStyle  style)
{
  ChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = options_get (cr, TRUE)))
    options->style = style;
}

NawatChartStyle
nawat_chart_get_style (cairo_t *cr)
{
  ChartOptions *options;

  g_return_val_if_fail (cr != NULL, NAWAT_CHART_STYLE_LIGHT);
  options = options_get (cr, FALSE);
  return options ? options->style : NAWAT_CHART_STYLE_LIGHT;
}

void
nawat_chart_set_font_size (cairo_t *cr,
                           double   size)
{
  ChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = options_get (cr, TRUE)))
    options->font_size = isfinite (size) && size > 0 ? size : 0;
}

double
nawat_chart_get_font_size (cairo_t *cr)
{
  ChartOptions *options;

  g_return_val_if_fail (cr != NULL, 0);
  options = options_get (cr, FALSE);
  return options ? options->font_size : 0;
}

void
nawat_chart_set_language (cairo_t    *cr,
                          const char *language)
{
  ChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = options_get (cr, TRUE)))
    g_strlcpy (options->language, language ? language : "", sizeof options->language);
}

const char *
nawat_chart_get_language (cairo_t *cr)
{
  ChartOptions *options;

  g_return_val_if_fail (cr != NULL, "en");
  options = options_get (cr, FALSE);
  return options && options->language[0] ? options->language : "en";
}

void
nawat_chart_set_font_family (const char *family)
{
  G_LOCK (font_family);
  g_free (font_family);
  font_family = family && *family ? g_strdup (family) : NULL;
  G_UNLOCK (font_family);
}

char *
nawat_chart_dup_font_family (void)
{
  char *family;

  G_LOCK (font_family);
  family = g_strdup (font_family ? font_family : DEFAULT_FONT_FAMILY);
  G_UNLOCK (font_family);
  return family;
}

void
nawat_chart_series_color (NawatChartStyle  style,
                          guint            index,
                          gboolean         emphasis,
                          double          *red,
                          double          *green,
                          double          *blue)
{
  Rgb rgb;

  if (emphasis)
    rgb_from_hex (style == NAWAT_CHART_STYLE_DARK ? 0xF2F2F2 : 0x1A1A1A, &rgb);
  else if (style == NAWAT_CHART_STYLE_DARK)
    rgb_from_hex (palette_dark[index % G_N_ELEMENTS (palette_dark)], &rgb);
  else
    rgb_from_hex (palette_light[index % G_N_ELEMENTS (palette_light)], &rgb);
  if (red)
    *red = rgb.r;
  if (green)
    *green = rgb.g;
  if (blue)
    *blue = rgb.b;
}

/* The charts' words follow the chart's language, not the user interface's:
 * a Thai report may be exported from an English session.
 */
static const char *
word (Chart     *c,
      NawatWord  w)
{
  return nawat_vocabulary_get (w, c->thai ? "th" : "en");
}

static gboolean
is_thai (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "th");
}

/* Starts a chart; FALSE when there is no room to draw anything. */
static gboolean
chart_begin (Chart      *c,
             cairo_t    *cr,
             double      width,
             double      height,
             const char *language)
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
  c->thai = is_thai (language ? language : nawat_chart_get_language (cr));
  c->family = nawat_chart_dup_font_family ();

  size = nawat_chart_get_font_size (cr);
  if (size <= 0)
    size = CLAMP (MIN (width, height) / 30.0, 7.0, 13.0);
  c->font = size;
  c->line = MAX (1.0, size / 8.0);

  if (c->style == NAWAT_CHART_STYLE_DARK)
    {
      rgb_from_hex (0xEDEDED, &c->text);
      rgb_from_hex (0xB0B0B0, &c->muted);
      rgb_from_hex (0x4A4A4A, &c->grid);
      rgb_from_hex (0x8A8A8A, &c->axis);
      rgb_from_hex (0x242424, &c->surface);
    }
  else
    {
      rgb_from_hex (0x1F1F1F, &c->text);
      rgb_from_hex (0x555555, &c->muted);
      rgb_from_hex (0xCFCFCF, &c->grid);
      rgb_from_hex (0x707070, &c->axis);
      rgb_from_hex (0xFFFFFF, &c->surface);
    }

  /* One pango context and font description for all the chart's labels. */
  c->pango = options_ref_pango (cr);
  c->desc = pango_font_description_from_string (c->family);

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_new_path (cr);
  return TRUE;
}

static void
chart_end (Chart *c)
{
  if (c->cr)
    cairo_restore (c->cr);
  g_clear_pointer (&c->family, g_free);
  g_clear_object (&c->pango);
  g_clear_pointer (&c->desc, pango_font_description_free);
}

static void
set_rgb (Chart     *c,
         const Rgb *rgb,
         double     alpha)
{
  cairo_set_source_rgba (c->cr, rgb->r, rgb->g, rgb->b, alpha);
}

static void
set_series_color (Chart    *c,
                  guint     index,
                  gboolean  emphasis,
                  double    alpha)
{
  double r, g, b;

  nawat_chart_series_color (c->style, index, emphasis, &r, &g, &b);
  cairo_set_source_rgba (c->cr, r, g, b, alpha);
}

static void
set_series_dash (Chart    *c,
                 guint     index,
                 gboolean  emphasis)
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
static void
draw_marker (Chart    *c,
             guint     index,
             gboolean  emphasis,
             double    x,
             double    y,
             double    size)
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
          set_series_color (c, index, emphasis, 1);
          cairo_set_line_width (cr, c->line * 1.3);
          cairo_stroke (cr);
          cairo_restore (cr);
          return;
        }
    }
  set_series_color (c, index, emphasis, 1);
  cairo_fill_preserve (cr);
  set_rgb (c, &c->surface, 1);
  cairo_set_line_width (cr, MAX (0.6, c->line * 0.6));
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Text */

static PangoLayout *
make_layout (Chart          *c,
             const char     *text,
             double          size,
             gboolean        bold)
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

static void
layout_size (PangoLayout *layout,
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
static PangoLayout *
fit_text (Chart          *c,
          const char     *text,
          double          size,
          gboolean        bold,
          double          max_width,
          double          max_height,
          PangoAlignment  alignment,
          double         *out_width,
          double         *out_height)
{
  PangoLayout *layout = NULL;
  double min_size = MIN (size, MAX (size * 0.7, 6.0));
  double w = 0, h = 0;

  max_width = MAX (max_width, 1);
  max_height = MAX (max_height, 1);
  for (double s = size; ; s = MAX (min_size, s * 0.92))
    {
      g_clear_object (&layout);
      layout = make_layout (c, text, s, bold);
      pango_layout_set_alignment (layout, alignment);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      layout_size (layout, &w, &h);
      if ((w <= max_width + 0.01 && h <= max_height + 0.01) || s <= min_size)
        break;
    }

  if (w > max_width + 0.01 || h > max_height + 0.01)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (layout, (int) (max_height * PANGO_SCALE));
      layout_size (layout, &w, &h);
      /* A single line taller than the room: show it anyway, it is
       * clipped by nobody but the caller makes room for one line.
       */
    }

  /* Shrink-wrap so that alignment works inside the text's own box. */
  pango_layout_set_width (layout, (int) ceil (w * PANGO_SCALE) + 1);
  layout_size (layout, &w, &h);
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
static double
common_fit_size (Chart             *c,
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
          g_autoptr(PangoLayout) layout = make_layout (c, labels && labels[i] ? labels[i] : "", s, FALSE);
          double w, h;

          pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
          pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
          layout_size (layout, &w, &h);
          fits = w <= max_width + 0.01 && h <= max_height + 0.01;
        }
      if (fits || s <= min_size)
        return s;
    }
}

static void
show_layout (Chart       *c,
             PangoLayout *layout,
             const Rgb   *color,
             double       x,
             double       y)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (c->cr);
  cairo_set_dash (c->cr, NULL, 0, 0);
  set_rgb (c, color, 1);
  cairo_move_to (c->cr, x - (double) logical.x / PANGO_SCALE, y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (c->cr, layout);
  cairo_restore (c->cr);
}

/* A one-line text of at most @max_width, shrunk or ellipsized; drawn with
 * its box's (@ax, @ay) fraction at (x, y).  Returns its width.
 */
static double
draw_label (Chart      *c,
            const char *text,
            double      size,
            gboolean    bold,
            const Rgb  *color,
            double      x,
            double      y,
            double      ax,
            double      ay,
            double      max_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w = 0, h = 0;

  /* A little slack for rounding: a width measured earlier must fit. */
  max_width += 0.5;
  layout = make_layout (c, text, size, bold);
  layout_size (layout, &w, &h);
  if (w > max_width)
    {
      g_clear_object (&layout);
      layout = make_layout (c, text, MAX (size * 0.75, size * max_width / w), bold);
      layout_size (layout, &w, &h);
    }
  if (w > max_width)
    {
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
      layout_size (layout, &w, &h);
    }
  show_layout (c, layout, color, x - ax * w, y - ay * h);
  return w;
}

static double
line_height (Chart  *c,
             double  size)
{
  g_autoptr(PangoLayout) layout = make_layout (c, "Ag ด้านที่", size, FALSE);
  double h = 0;

  layout_size (layout, NULL, &h);
  return h;
}

static void
draw_no_data (Chart  *c,
              double  x,
              double  y,
              double  width,
              double  height)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = fit_text (c, word (c, NAWAT_WORD_NO_DATA), c->font, FALSE, width, height,
                     PANGO_ALIGN_CENTER, &w, &h);
  show_layout (c, layout, &c->muted, x + (width - w) / 2, y + (height - h) / 2);
}

static void
hatch_rect (Chart  *c,
            double  x,
            double  y,
            double  w,
            double  h)
{
  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  cairo_clip (c->cr);
  set_rgb (c, &c->surface, 0.7);
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
static void
fill_series_bar (Chart    *c,
                 guint     index,
                 gboolean  emphasis,
                 double    x,
                 double    y,
                 double    w,
                 double    h)
{
  guint pattern = emphasis ? 0 : index % 3;

  cairo_save (c->cr);
  cairo_rectangle (c->cr, x, y, w, h);
  set_series_color (c, index, emphasis, pattern == 2 ? 0.45 : 1);
  cairo_fill (c->cr);
  if (pattern == 1)
    hatch_rect (c, x, y, w, h);
  else if (pattern == 2 && w > 1 && h > 1)
    {
      cairo_rectangle (c->cr, x + 0.5, y + 0.5, w - 1, h - 1);
      set_series_color (c, index, emphasis, 1);
      cairo_set_line_width (c->cr, 1);
      cairo_stroke (c->cr);
    }
  cairo_restore (c->cr);
}

/* Legend: items flow in rows, centred; returns the height used. */
static double
legend (Chart            *c,
        const LegendItem *items,
        guint             n_items,
        double            x,
        double            y,
        double            width,
        gboolean          draw)
{
  double size = c->font * 0.92;
  double sample = size * 2.2;
  double gap = size * 0.4;
  double spacing = size * 1.2;
  double row_h = line_height (c, size);
  g_autofree double *widths = NULL;
  guint start = 0;
  double top = y;

  if (n_items == 0)
    return 0;

  widths = g_new0 (double, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (c, items[i].label, size, items[i].emphasis);
      double w;

      layout_size (layout, &w, NULL);
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
              const LegendItem *item = &items[i];
              double my = top + row_h / 2;

              cairo_save (c->cr);
              switch (item->kind)
                {
                case LEGEND_LINE:
                  set_series_color (c, item->index, item->emphasis, 1);
                  set_series_dash (c, item->index, item->emphasis);
                  cairo_set_line_width (c->cr, item->emphasis ? c->line * 2.2 : c->line * 1.2);
                  cairo_move_to (c->cr, cx, my);
                  cairo_line_to (c->cr, cx + sample, my);
                  cairo_stroke (c->cr);
                  draw_marker (c, item->index, item->emphasis, cx + sample / 2, my,
                               size * (item->emphasis ? 0.55 : 0.5));
                  break;
                case LEGEND_BAR:
                  fill_series_bar (c, item->index, item->emphasis, cx + sample * 0.15,
                                   my - row_h * 0.3, sample * 0.7, row_h * 0.6);
                  break;
                case LEGEND_BOX:
                case LEGEND_HATCH:
                case LEGEND_EMPTY:
                default:
                  {
                    double bx = cx + sample * 0.15, bw = sample * 0.7;
                    double by = my - row_h * 0.3, bh = row_h * 0.6;

                    cairo_rectangle (c->cr, bx, by, bw, bh);
                    if (item->kind == LEGEND_BOX)
                      {
                        set_series_color (c, item->index, item->emphasis, 1);
                        cairo_fill (c->cr);
                      }
                    else if (item->kind == LEGEND_HATCH)
                      {
                        set_series_color (c, item->index, item->emphasis, 1);
                        cairo_fill (c->cr);
                        hatch_rect (c, bx, by, bw, bh);
                      }
                    else
                      {
                        cairo_new_path (c->cr);
                        cairo_rectangle (c->cr, bx + 0.5, by + 0.5, bw - 1, bh - 1);
                        set_rgb (c, &c->axis, 1);
                        cairo_set_line_width (c->cr, 1);
                        cairo_stroke (c->cr);
                      }
                  }
                  break;
                }
              cairo_restore (c->cr);
              draw_label (c, item->label, size, item->emphasis, &c->text,
                          cx + sample + gap, my, 0, 0.5, widths[i] - sample - gap);
              cx += widths[i] + spacing;
            }
        }
      top += row_h * 1.15;
      start = end;
    }
  return top - y;
}

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
radar_label_gap (Chart  *c,
                 double  label_size)
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
radar_fit_signature (Chart             *c,
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
radar_fit_lookup (Chart      *c,
                  const char *signature)
{
  ChartOptions *options = options_get (c->cr, FALSE);

  if (options == NULL || options->radar_fits == NULL)
    return NULL;
  return g_hash_table_lookup (options->radar_fits, signature);
}

static void
radar_fit_store (Chart           *c,
                 char            *signature,
                 const AxisLabel *labels,
                 guint            n_axes,
                 double           r,
                 double           gap)
{
  ChartOptions *options = options_get (c->cr, TRUE);
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
radar_series (Chart                  *c,
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
      set_series_color (c, index, s->emphasis, s->emphasis ? 0.16 : 0.2);
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
  set_series_color (c, index, s->emphasis, 1);
  set_series_dash (c, index, s->emphasis);
  cairo_set_line_width (cr, s->emphasis ? c->line * 2.4 : c->line * 1.3);
  cairo_stroke (cr);

  for (guint i = 0; i < n_axes; i++)
    if (ok[i])
      draw_marker (c, index, s->emphasis, px[i], py[i], c->font * (s->emphasis ? 0.55 : 0.5));
  cairo_restore (cr);
}

static void
radar_draw (Chart                  *c,
            const char *const      *axis_labels,
            guint                   n_axes,
            const NawatChartSeries *series,
            guint                   n_series,
            const char *const      *ring_labels)
{
  cairo_t *cr = c->cr;
  g_autofree LegendItem *items = NULL;
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
      draw_no_data (c, 0, 0, c->width, c->height);
      return;
    }

  items = g_new0 (LegendItem, n_series);
  for (guint i = 0; i < n_series; i++)
    {
      if (n_series > 1 || series[i].label != NULL)
        {
          items[n_items].label = series[i].label ? series[i].label : "";
          items[n_items].index = series[i].emphasis ? 0 : colour;
          items[n_items].emphasis = series[i].emphasis;
          items[n_items].kind = LEGEND_LINE;
          n_items++;
        }
      if (!series[i].emphasis)
        colour++;
    }
  if (n_items > 0)
    legend_h = legend (c, items, n_items, 0, 0, c->width, FALSE);
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
      double label_size = common_fit_size (c, axis_labels, n_axes, size, max_w, max_h);
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
          labels[i].layout = fit_text (c, axis_labels && axis_labels[i] ? axis_labels[i] : "",
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
  set_rgb (c, &c->grid, 1);
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
  set_rgb (c, &c->axis, 1);
  cairo_set_line_width (cr, c->line);
  radar_polygon (cr, cx, cy, r, n_axes);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The scale's levels along the first spoke, just beside it. */
  if (ring_labels != NULL && r > c->font * 6)
    for (int k = 1; k <= 4; k++)
      if (ring_labels[k - 1] != NULL)
        draw_label (c, ring_labels[k - 1], c->font * 0.75, FALSE, &c->muted,
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
      show_layout (c, labels[i].layout, &c->text, lx, ly);
      g_clear_object (&labels[i].layout);
    }

  if (n_items > 0)
    legend (c, items, n_items, 0, c->height - legend_h, c->width, TRUE);
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
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  if (!chart_begin (&c, cr, width, height, NULL))
    return;
  radar_draw (&c, axis_labels, n_axes, series, n_series, NULL);
  chart_end (&c);
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
static guint
evaluation_series (NawatRubric            *rubric,
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
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (evaluations != NULL || n_evaluations == 0);

  if (!chart_begin (&c, cr, width, height, language))
    return;
  values = g_new0 (double, (n_evaluations + 1) * NAWAT_N_DOMAINS);
  rows = g_new0 (const double *, n_evaluations + 1);
  series = g_new0 (NawatChartSeries, n_evaluations + 1);
  n_series = evaluation_series (rubric, evaluations, n_evaluations, FALSE, word (&c, NAWAT_WORD_MEAN),
                                NAWAT_N_DOMAINS, values, rows, series);
  labels = nawat_chart_dup_domain_labels (c.thai ? "th" : "en");
  rings = domain_ring_labels (rubric);
  radar_draw (&c, (const char *const *) labels, NAWAT_N_DOMAINS, series, n_series,
              (const char *const *) rings);
  chart_end (&c);
}

/* Helix profile */

static double
nice_step (double range,
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
static double
label_column_width (Chart             *c,
                    const char *const *labels,
                    guint              n,
                    double             size,
                    double             max_width)
{
  double width = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (c, labels && labels[i] ? labels[i] : "", size, FALSE);
      double w;

      layout_size (layout, &w, NULL);
      width = MAX (width, w);
    }
  return MIN (ceil (width) + 1, max_width);
}

static void
draw_row_label (Chart      *c,
                const char *text,
                double      size,
                double      x,
                double      y,
                double      width,
                double      height)
{
  g_autoptr(PangoLayout) layout = NULL;
  double w, h;

  layout = fit_text (c, text ? text : "", size, FALSE, width, height, PANGO_ALIGN_RIGHT, &w, &h);
  show_layout (c, layout, &c->text, x + width - w, y + (height - h) / 2);
}

void
nawat_chart_helix_profile (cairo_t                *cr,
                           double                  width,
                           double                  height,
                           const NawatChartSeries *series,
                           guint                   n_series,
                           const guint            *partner_counts,
                           const char             *language)
{
  g_autofree LegendItem *items = NULL;
  g_auto(GStrv) labels = NULL;
  gboolean counts_only = n_series == 0 && partner_counts != NULL;
  gboolean count_column = n_series > 0 && partner_counts != NULL;
  double size, legend_h = 0, label_w, count_w = 0, scale_h, top, row_h, bar_x, bar_w;
  double pad, count_max = 4, count_step = 1, label_size;
  guint n_items = 0, colour = 0;
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (series != NULL || n_series == 0);

  if (!chart_begin (&c, cr, width, height, language))
    return;
  size = c.font;
  pad = c.line;

  if (n_series == 0 && partner_counts == NULL)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  labels = nawat_chart_dup_helix_labels (c.thai ? "th" : "en");

  items = g_new0 (LegendItem, n_series + 1);
  if (n_series > 1)
    for (guint i = 0; i < n_series; i++)
      {
        items[n_items].label = series[i].label ? series[i].label : "";
        items[n_items].index = series[i].emphasis ? 0 : colour;
        items[n_items].emphasis = series[i].emphasis;
        items[n_items].kind = LEGEND_BAR;
        n_items++;
        if (!series[i].emphasis)
          colour++;
      }
  if (n_items > 0)
    legend_h = legend (&c, items, n_items, 0, 0, width, FALSE);
  if (legend_h > height * 0.35)
    n_items = 0, legend_h = 0;

  if (counts_only)
    {
      guint max = 0;

      for (guint i = 0; i < NAWAT_N_HELIX; i++)
        max = MAX (max, partner_counts[i]);
      count_step = nice_step (MAX (max, 1), 4);
      count_max = count_step * ceil (MAX (max, 1) / count_step);
    }

  /* Columns: labels | bars | partner counts; rows above the scale. */
  label_w = label_column_width (&c, (const char *const *) labels, NAWAT_N_HELIX, size, width * 0.34);
  if (count_column)
    {
      g_autoptr(PangoLayout) layout = make_layout (&c, word (&c, NAWAT_WORD_PARTNERS), size * 0.85, FALSE);

      layout_size (layout, &count_w, NULL);
      count_w = MIN (count_w, width * 0.2) + size * 0.6;
    }
  scale_h = line_height (&c, size * 0.85) * 2.1 + size * 0.3;
  top = count_column ? line_height (&c, size * 0.85) * 1.1 : size * 0.3;
  row_h = (height - top - scale_h - legend_h - (legend_h > 0 ? size * 0.5 : 0)) / NAWAT_N_HELIX;
  if (row_h < size * 1.2)
    size = MAX (c.font * 0.6, row_h / 1.2);
  row_h = MAX (row_h, 1);
  bar_x = label_w + size * 0.8;
  bar_w = width - bar_x - count_w - size * 1.2 - pad;
  if (bar_w < size * 2)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  /* Grid and scale: levels 0–4 (or partner counts) under the bars. */
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (0.5, c.line * 0.7));
  for (double v = 0; v <= count_max + 1e-9; v += count_step)
    {
      double gx = bar_x + bar_w * v / count_max;
      g_autofree char *tick = g_strdup_printf ("%.0f", v);

      set_rgb (&c, v == 0 ? &c.axis : &c.grid, 1);
      cairo_move_to (cr, round (gx) + 0.5, top);
      cairo_line_to (cr, round (gx) + 0.5, top + row_h * NAWAT_N_HELIX);
      cairo_stroke (cr);
      draw_label (&c, tick, size * 0.85, FALSE, &c.muted, gx, top + row_h * NAWAT_N_HELIX + size * 0.2,
                  v == 0 ? 0 : (v >= count_max ? 1 : 0.5), 0, size * 3);
    }
  cairo_restore (cr);
  draw_label (&c, word (&c, counts_only ? NAWAT_WORD_PARTNERS : NAWAT_WORD_ENGAGEMENT_LEVEL),
              size * 0.85, FALSE, &c.muted,
              bar_x + bar_w / 2, top + row_h * NAWAT_N_HELIX + size * 0.2 +
              line_height (&c, size * 0.85),
              0.5, 0, bar_w);

  if (count_column)
    draw_label (&c, word (&c, NAWAT_WORD_PARTNERS), size * 0.85, FALSE, &c.muted,
                width - pad, 0, 1, 0, count_w);

  label_size = common_fit_size (&c, (const char *const *) labels, NAWAT_N_HELIX, size, label_w, row_h);
  for (guint s = 0; s < NAWAT_N_HELIX; s++)
    {
      double ry = top + row_h * s;
      guint n_bars = counts_only ? 1 : n_series;
      double group_h = counts_only ? MIN (row_h * 0.6, size * 1.8)
                                   : MIN (row_h * 0.72, size * 1.1 * n_bars + size * 0.2);
      double bh = group_h / n_bars;
      double by = ry + (row_h - group_h) / 2;

      draw_row_label (&c, labels[s], label_size, 0, ry, label_w, row_h);

      if (counts_only)
        {
          double v = partner_counts[s];
          g_autofree char *text = g_strdup_printf ("%u", partner_counts[s]);
          double bw = bar_w * v / count_max;

          if (bw > 0)
            {
              cairo_rectangle (cr, bar_x, by, bw, bh);
              set_series_color (&c, 0, FALSE, 1);
              cairo_fill (cr);
            }
          draw_label (&c, text, size * 0.9, TRUE, &c.text, bar_x + bw + size * 0.3,
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
              draw_label (&c, "–", size * 0.85, FALSE, &c.muted, bar_x + size * 0.3,
                          y + bh / 2, 0, 0.5, size * 2);
              continue;
            }
          v = CLAMP (v, 0, 1);
          /* A zero level is a sliver, so that it differs from "not scored". */
          fill_series_bar (&c, index, series[i].emphasis, bar_x, y + bh * 0.1,
                           MAX (bar_w * v, c.line * 1.5), bh * 0.8);
        }

      if (count_column)
        {
          g_autofree char *text = g_strdup_printf ("%u", partner_counts[s]);

          draw_label (&c, text, size, TRUE, &c.text, width - pad - size * 0.2, ry + row_h / 2,
                      1, 0.5, count_w);
        }
    }

  if (n_items > 0)
    legend (&c, items, n_items, 0, height - legend_h, width, TRUE);
  chart_end (&c);
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
  n_series = evaluation_series (rubric, evaluations, n_evaluations, TRUE,
                                nawat_vocabulary_get (NAWAT_WORD_MEAN, is_thai (language) ? "th" : "en"),
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
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (composites != NULL || n == 0);

  if (!chart_begin (&c, cr, width, height, language))
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

  step = nice_step (MAX (max, 1), 4);
  y_max = step * ceil (MAX (max, 1) / step);
  max_text = g_strdup_printf ("%.0f", y_max);

  tick_h = line_height (&c, size * 0.85);
  {
    g_autoptr(PangoLayout) layout = make_layout (&c, max_text, size * 0.85, FALSE);
    double w;

    layout_size (layout, &w, NULL);
    left = ceil (w) + size * 0.6;
  }
  top = tick_h * 1.3;
  right = width - MAX (size * 0.8, c.line);
  bottom = height - tick_h * 2.3 - size * 0.3;
  if (right - left < size * 3 || bottom - top < size * 2)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  /* Axis titles: projects above the y axis, composite below the x axis. */
  title_right = left + size * 0.3 +
                draw_label (&c, word (&c, NAWAT_WORD_PROJECTS), size * 0.85, FALSE, &c.muted,
                            left + size * 0.3, 0, 0, 0, width * 0.45 - left);
  draw_label (&c, word (&c, NAWAT_WORD_COMPOSITE_SCORE), size * 0.85, FALSE, &c.muted,
              left + (right - left) / 2, height - tick_h * 1.05, 0.5, 0, right - left);

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (0.5, c.line * 0.7));
  for (double v = 0; v <= y_max + 1e-9; v += step)
    {
      double gy = bottom - (bottom - top) * v / y_max;
      g_autofree char *tick = g_strdup_printf ("%.0f", v);

      set_rgb (&c, v == 0 ? &c.axis : &c.grid, 1);
      cairo_move_to (cr, left, round (gy) + 0.5);
      cairo_line_to (cr, right, round (gy) + 0.5);
      cairo_stroke (cr);
      draw_label (&c, tick, size * 0.85, FALSE, &c.muted, left - size * 0.3, gy, 1, 0.5, left);
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
          draw_label (&c, tick, size * 0.85, FALSE, &c.muted, gx, bottom + size * 0.25,
                      b == n_bins ? 1 : b == 0 ? 0 : 0.5, 0, size * 3);
        }
    }

  if (valid == 0)
    draw_no_data (&c, left, top, right - left, bottom - top);

  for (guint b = 0; b < n_bins; b++)
    {
      double bh = (bottom - top) * bins[b] / y_max;
      double inset = MIN (bin_w * 0.08, c.line);

      if (bins[b] == 0)
        continue;
      cairo_rectangle (cr, left + bin_w * b + inset, bottom - bh, bin_w - 2 * inset, bh);
      set_series_color (&c, 0, FALSE, 1);
      cairo_fill (cr);
    }

  if (valid > 0)
    {
      double mean = sum / valid;
      double mx = left + (right - left) * mean / 100.0;
      g_autofree char *text = g_strdup_printf ("%s %.1f", word (&c, NAWAT_WORD_MEAN), mean);
      g_autoptr(PangoLayout) layout = make_layout (&c, text, size * 0.85, TRUE);
      double text_w, tx;

      layout_size (layout, &text_w, NULL);
      cairo_save (cr);
      set_series_color (&c, 0, TRUE, 1);
      set_series_dash (&c, 1, FALSE);
      cairo_set_line_width (cr, c.line * 1.4);
      cairo_move_to (cr, mx, top - tick_h * 0.15);
      cairo_line_to (cr, mx, bottom);
      cairo_stroke (cr);
      cairo_restore (cr);
      /* Beside the line, on the side with room, clear of the axis title. */
      tx = mx + size * 0.3 + text_w <= width ? mx + size * 0.3 : mx - size * 0.3 - text_w;
      tx = CLAMP (tx, MIN (title_right + size, width - text_w), width - text_w);
      draw_label (&c, text, size * 0.85, TRUE, &c.text, tx, top - tick_h * 0.2, 0, 1, width - tx);
    }
  chart_end (&c);
}

/* Heat map */

static void
heat_color (Chart  *c,
            double  t,
            Rgb    *rgb)
{
  Rgb lo, hi;

  /* A single hue from pale to deep (ColorBrewer "Blues"), monotone in
   * lightness so it survives greyscale printing.
   */
  if (c->style == NAWAT_CHART_STYLE_DARK)
    {
      rgb_from_hex (0x203040, &lo);
      rgb_from_hex (0x9ECAE1, &hi);
    }
  else
    {
      rgb_from_hex (0xDEEBF7, &lo);
      rgb_from_hex (0x08306B, &hi);
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
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (cells != NULL || n_rows == 0 || n_cols == 0);

  if (!chart_begin (&c, cr, width, height, NULL))
    return;
  size = c.font;
  pad = c.line;
  if (n_rows == 0 || n_cols == 0)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  for (guint i = 0; i < n_rows * n_cols; i++)
    if (isfinite (cells[i]))
      max = MAX (max, cells[i]);

  label_w = label_column_width (&c, row_labels, n_rows, size, width * 0.34);
  cw = (width - label_w - size * 0.5 - pad) / n_cols;

  /* Column headers wrap within their column, at most a quarter of the height. */
  headers = g_new0 (PangoLayout *, n_cols);
  header_w = g_new0 (double, n_cols);
  header_h_each = g_new0 (double, n_cols);
  for (guint j = 0; j < n_cols; j++)
    {
      headers[j] = fit_text (&c, col_labels && col_labels[j] ? col_labels[j] : "",
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
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  {
    double x0 = label_w + size * 0.5;

    for (guint j = 0; j < n_cols; j++)
      {
        show_layout (&c, headers[j], &c.text, x0 + cw * j + (cw - header_w[j]) / 2,
                     header_h - size * 0.3 - header_h_each[j]);
        g_clear_object (&headers[j]);
      }

    double row_size = common_fit_size (&c, row_labels, n_rows, MIN (size, rh * 0.8), label_w, rh);

    for (guint i = 0; i < n_rows; i++)
      {
        double ry = header_h + rh * i;

        draw_row_label (&c, row_labels ? row_labels[i] : "", row_size, 0, ry, label_w, rh);
        for (guint j = 0; j < n_cols; j++)
          {
            double v = cells[i * n_cols + j];
            double cx = x0 + cw * j;
            double t = max > 0 && isfinite (v) ? CLAMP (v / max, 0, 1) : 0;

            cairo_rectangle (cr, cx + 0.5, ry + 0.5, cw - 1, rh - 1);
            if (isfinite (v) && v > 0)
              {
                Rgb fill;

                heat_color (&c, 0.12 + 0.88 * t, &fill);
                set_rgb (&c, &fill, 1);
                cairo_fill (cr);
              }
            else
              {
                set_rgb (&c, &c.grid, 1);
                cairo_set_line_width (cr, MAX (0.5, c.line * 0.6));
                cairo_stroke (cr);
              }

            if (isfinite (v) && v > 0)
              {
                g_autofree char *text = g_strdup_printf ("%.0f", v);
                double ts = MIN (size * 0.9, MIN (rh * 0.6, cw * 0.45));
                Rgb ink;
                gboolean light_ink = (c.style == NAWAT_CHART_STYLE_DARK) ? t < 0.5 : t > 0.45;

                rgb_from_hex (light_ink ? 0xFFFFFF : 0x101010, &ink);
                draw_label (&c, text, ts, FALSE, &ink, cx + cw / 2, ry + rh / 2, 0.5, 0.5, cw - 2);
              }
          }
      }
  }
  chart_end (&c);
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
  LegendItem items[3];
  double size, legend_h, legend_y, label_w, count_w, row_h, bar_x, bar_w, pad, label_size;
  guint max = 1;
  Chart c;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n == 0 || (submitted != NULL && drafts != NULL && assigned != NULL));

  if (!chart_begin (&c, cr, width, height, NULL))
    return;
  size = c.font;
  pad = c.line;
  if (n == 0)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  items[0] = (LegendItem) { word (&c, NAWAT_WORD_SUBMITTED), 0, FALSE, LEGEND_BOX };
  items[1] = (LegendItem) { word (&c, NAWAT_WORD_DRAFT), 4, FALSE, LEGEND_HATCH };
  items[2] = (LegendItem) { word (&c, NAWAT_WORD_NOT_STARTED), 0, FALSE, LEGEND_EMPTY };
  legend_h = legend (&c, items, 3, 0, 0, width, FALSE);

  for (guint i = 0; i < n; i++)
    max = MAX (max, MAX (assigned[i], submitted[i] + drafts[i]));
  {
    g_autofree char *widest = g_strdup_printf ("%u/%u", max, max);
    g_autoptr(PangoLayout) layout = make_layout (&c, widest, size, FALSE);

    layout_size (layout, &count_w, NULL);
    count_w += size * 0.6;
  }

  row_h = (height - legend_h - size * 0.6) / n;
  row_h = MIN (row_h, size * 2.4);
  /* The legend follows the rows rather than the bottom edge. */
  legend_y = MIN (height - legend_h, row_h * n + size * 0.6);
  if (row_h < size * 1.15)
    size = MAX (4, row_h / 1.15);
  label_w = label_column_width (&c, labels, n, size, width * 0.3);
  bar_x = label_w + size * 0.6;
  bar_w = width - bar_x - count_w - pad;
  if (bar_w < size * 2 || row_h < 2)
    {
      draw_no_data (&c, 0, 0, width, height);
      chart_end (&c);
      return;
    }

  label_size = common_fit_size (&c, labels, n, size, label_w, row_h);
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

      draw_row_label (&c, labels ? labels[i] : "", label_size, 0, ry, label_w, row_h);

      if (tw > 0)
        {
          cairo_rectangle (cr, bar_x + 0.5, by + 0.5, MAX (tw - 1, 0), bh - 1);
          set_rgb (&c, &c.axis, 1);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
        }
      if (sw > 0)
        {
          cairo_rectangle (cr, bar_x, by, sw, bh);
          set_series_color (&c, 0, FALSE, 1);
          cairo_fill (cr);
        }
      if (dw > 0)
        {
          cairo_rectangle (cr, bar_x + sw, by, dw, bh);
          set_series_color (&c, 4, FALSE, 1);
          cairo_fill (cr);
          hatch_rect (&c, bar_x + sw, by, dw, bh);
        }
      draw_label (&c, text, size, FALSE, &c.text, width - pad, ry + row_h / 2, 1, 0.5, count_w);
    }

  legend (&c, items, 3, 0, legend_y, width, TRUE);
  chart_end (&c);
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

/* Labels */

static GStrv
term_labels (const NawatTerm *terms,
             guint            n,
             const char      *language)
{
  GStrv labels = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    labels[i] = g_strdup (nawat_term_get_label (&terms[i], is_thai (language) ? "th" : "en"));
  return labels;
}

GStrv
nawat_chart_dup_domain_labels (const char *language)
{
  return term_labels (nawat_domains (), NAWAT_N_DOMAINS, language);
}

GStrv
nawat_chart_dup_helix_labels (const char *language)
{
  return term_labels (nawat_helix_sectors (), NAWAT_N_HELIX, language);
}

GStrv
nawat_chart_dup_region_labels (const char *language)
{
  return term_labels (nawat_regions (), NAWAT_N_REGIONS, language);
}

GStrv
nawat_chart_dup_domain_short_labels (const char *language)
{
  GStrv labels = nawat_chart_dup_domain_labels (language);
  const char *prefix = "ด้าน";

  for (guint i = 0; labels[i]; i++)
    if (g_str_has_prefix (labels[i], prefix))
      memmove (labels[i], labels[i] + strlen (prefix), strlen (labels[i]) - strlen (prefix) + 1);
  return labels;
}
