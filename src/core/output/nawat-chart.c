/* nawat-chart.c
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

#define DEFAULT_FONT_FAMILY "Noto Sans Thai, Noto Sans, sans-serif"

static const cairo_user_data_key_t options_key;

G_LOCK_DEFINE_STATIC (font_family);
static char *font_family;

/* Okabe & Ito (2008), "Color Universal Design", ordered so that
 * neighbouring series also differ in lightness; yellow is left out on
 * white paper where it is barely visible.
 */
static const guint32 palette_light[] = { 0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9 };
static const guint32 palette_dark[] = { 0x56B4E9, 0xE69F00, 0x3CC7A0, 0xE08FC0, 0xF0E442, 0xF07A3A };

void
_nawat_chart_rgb_from_hex (guint32        hex,
                           NawatChartRgb *rgb)
{
  rgb->r = ((hex >> 16) & 0xff) / 255.0;
  rgb->g = ((hex >> 8) & 0xff) / 255.0;
  rgb->b = (hex & 0xff) / 255.0;
}

static void
options_free (void *data)
{
  NawatChartOptions *options = data;

  g_clear_object (&options->pango);
  g_clear_pointer (&options->radar_fits, g_hash_table_unref);
  g_free (options);
}

NawatChartOptions *
_nawat_chart_options_get (cairo_t  *cr,
                          gboolean  create)
{
  NawatChartOptions *options = cairo_get_user_data (cr, &options_key);

  if (options == NULL && create)
    {
      options = g_new0 (NawatChartOptions, 1);
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
PangoContext *
_nawat_chart_options_ref_pango (cairo_t *cr)
{
  NawatChartOptions *options = _nawat_chart_options_get (cr, TRUE);

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
  NawatChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = _nawat_chart_options_get (cr, TRUE)))
    options->style = style;
}

NawatChartStyle
nawat_chart_get_style (cairo_t *cr)
{
  NawatChartOptions *options;

  g_return_val_if_fail (cr != NULL, NAWAT_CHART_STYLE_LIGHT);
  options = _nawat_chart_options_get (cr, FALSE);
  return options ? options->style : NAWAT_CHART_STYLE_LIGHT;
}

void
nawat_chart_set_font_size (cairo_t *cr,
                           double   size)
{
  NawatChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = _nawat_chart_options_get (cr, TRUE)))
    options->font_size = isfinite (size) && size > 0 ? size : 0;
}

double
nawat_chart_get_font_size (cairo_t *cr)
{
  NawatChartOptions *options;

  g_return_val_if_fail (cr != NULL, 0);
  options = _nawat_chart_options_get (cr, FALSE);
  return options ? options->font_size : 0;
}

void
nawat_chart_set_language (cairo_t    *cr,
                          const char *language)
{
  NawatChartOptions *options;

  g_return_if_fail (cr != NULL);
  if ((options = _nawat_chart_options_get (cr, TRUE)))
    g_strlcpy (options->language, language ? language : "", sizeof options->language);
}

const char *
nawat_chart_get_language (cairo_t *cr)
{
  NawatChartOptions *options;

  g_return_val_if_fail (cr != NULL, "en");
  options = _nawat_chart_options_get (cr, FALSE);
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
  NawatChartRgb rgb;

  if (emphasis)
    _nawat_chart_rgb_from_hex (style == NAWAT_CHART_STYLE_DARK ? 0xF2F2F2 : 0x1A1A1A, &rgb);
  else if (style == NAWAT_CHART_STYLE_DARK)
    _nawat_chart_rgb_from_hex (palette_dark[index % G_N_ELEMENTS (palette_dark)], &rgb);
  else
    _nawat_chart_rgb_from_hex (palette_light[index % G_N_ELEMENTS (palette_light)], &rgb);
  if (red)
    *red = rgb.r;
  if (green)
    *green = rgb.g;
  if (blue)
    *blue = rgb.b;
}

/* Labels */

static GStrv
term_labels (const NawatTerm *terms,
             guint            n,
             const char      *language)
{
  GStrv labels = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    labels[i] = g_strdup (nawat_term_get_label (&terms[i], _nawat_chart_is_thai (language) ? "th" : "en"));
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
