/* test-chart.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-chart.h"
#include "nawat-places.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* Every chart is drawn into a larger transparent surface, translated by
 * MARGIN, so that ink outside width × height can be detected.
 */
#define MARGIN 24

typedef void (*DrawFunc) (cairo_t    *cr,
                          double      width,
                          double      height,
                          const char *language);

static const char *languages[] = { "th", "en" };

static NawatEvaluation *
make_evaluation (const char *evaluator,
                 int         offset)
{
  NawatEvaluation *evaluation = nawat_evaluation_new ("project:c1:001", evaluator, NAWAT_DEFAULT_RUBRIC_ID);
  const NawatTerm *domains = nawat_domains ();
  const NawatTerm *sectors = nawat_helix_sectors ();

  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    {
      g_autofree char *key = g_strdup_printf ("domains.%s", domains[i].key);

      nawat_evaluation_set_score (evaluation, key, (i * 3 + offset) % 5);
    }
  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    {
      g_autofree char *key = g_strdup_printf ("helix.%s", sectors[i].key);

      nawat_evaluation_set_score (evaluation, key, (i * 2 + offset) % 5);
    }
  return evaluation;
}

static void
draw_domain_radar_one (cairo_t    *cr,
                       double      width,
                       double      height,
                       const char *language)
{
  g_autoptr(NawatEvaluation) evaluation = make_evaluation ("somchai", 1);

  nawat_chart_domain_radar (cr, width, height, nawat_rubric_get_default (),
                            &evaluation, 1, language);
}

static void
draw_domain_radar_many (cairo_t    *cr,
                        double      width,
                        double      height,
                        const char *language)
{
  NawatEvaluation *evaluations[3] = {
    make_evaluation ("somchai", 0),
    make_evaluation ("evaluator-02", 1),
    make_evaluation ("malee", 3),
  };

  nawat_evaluation_clear_score (evaluations[2], "domains.health");
  nawat_chart_domain_radar (cr, width, height, nawat_rubric_get_default (),
                            evaluations, 3, language);
  for (guint i = 0; i < 3; i++)
    g_object_unref (evaluations[i]);
}

static void
draw_helix (cairo_t    *cr,
            double      width,
            double      height,
            const char *language)
{
  NawatEvaluation *evaluations[2] = {
    make_evaluation ("somchai", 0),
    make_evaluation ("malee", 2),
  };
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_partner_free);

  g_ptr_array_add (partners, nawat_partner_new ("เทศบาลนครเชียงใหม่", "government"));
  g_ptr_array_add (partners, nawat_partner_new ("Chiang Mai University", "academia"));
  g_ptr_array_add (partners, nawat_partner_new ("มหาวิทยาลัยแม่โจ้", "academia"));
  g_ptr_array_add (partners, nawat_partner_new ("Lanna Coffee Co.", "private"));
  nawat_chart_helix_profile_evaluations (cr, width, height, nawat_rubric_get_default (),
                                         evaluations, 2, partners, language);
  for (guint i = 0; i < 2; i++)
    g_object_unref (evaluations[i]);
}

static void
draw_helix_partners (cairo_t    *cr,
                     double      width,
                     double      height,
                     const char *language)
{
  const guint counts[NAWAT_N_HELIX] = { 3, 7, 2, 0, 1 };

  nawat_chart_helix_profile (cr, width, height, NULL, 0, counts, language);
}

static void
draw_distribution (cairo_t    *cr,
                   double      width,
                   double      height,
                   const char *language)
{
  double composites[200];

  for (guint i = 0; i < G_N_ELEMENTS (composites); i++)
    composites[i] = i % 17 == 0 ? NAN : 62 + 30 * sin (i * 1.7) * cos (i * 0.3);
  composites[1] = 100;
  composites[2] = 0;
  nawat_chart_distribution (cr, width, height, composites, G_N_ELEMENTS (composites), 10, language);
}

static void
draw_heatmap (cairo_t    *cr,
              double      width,
              double      height,
              const char *language)
{
  g_auto(GStrv) rows = nawat_chart_dup_domain_labels (language);
  g_auto(GStrv) cols = nawat_chart_dup_region_labels (language);
  double cells[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    cells[i] = (i * 7) % 23 == 0 ? 0 : (i * 37) % 120;
  nawat_chart_heatmap (cr, width, height, (const char *const *) rows, NAWAT_N_DOMAINS,
                       (const char *const *) cols, NAWAT_N_REGIONS, cells);
}

static void
draw_progress (cairo_t    *cr,
               double      width,
               double      height,
               const char *language)
{
  const char *labels[] = { "somchai", "malee", "evaluator-03", "สมหญิง ใจดี", "evaluator-with-a-long-name" };
  const guint submitted[] = { 10, 3, 0, 7, 12 };
  const guint drafts[] = { 2, 5, 0, 1, 0 };
  const guint assigned[] = { 12, 12, 12, 12, 12 };

  nawat_chart_set_language (cr, language);
  nawat_chart_progress (cr, width, height, labels, submitted, drafts, assigned, 5);
}

static const struct
{
  const char *name;
  DrawFunc    draw;
  double      width;
  double      height;
} charts[] = {
  { "radar-one", draw_domain_radar_one, 480, 420 },
  { "radar-many", draw_domain_radar_many, 560, 520 },
  { "helix", draw_helix, 520, 300 },
  { "helix-partners", draw_helix_partners, 420, 240 },
  { "distribution", draw_distribution, 520, 300 },
  { "heatmap", draw_heatmap, 640, 420 },
  { "progress", draw_progress, 520, 260 },
};

/* Sizes that stress the layout: small, wide, tall. */
static const struct
{
  double width;
  double height;
} sizes[] = {
  { 220, 200 },
  { 900, 260 },
  { 260, 600 },
  { 360, 360 },
};

typedef struct
{
  guint inside;
  guint outside;
} Ink;

static cairo_surface_t *
render (DrawFunc         draw,
        double           width,
        double           height,
        const char      *language,
        NawatChartStyle  style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         (int) width + 2 * MARGIN,
                                                         (int) height + 2 * MARGIN);
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, MARGIN, MARGIN);
  nawat_chart_set_style (cr, style);
  draw (cr, width, height, language);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

static Ink
count_ink (cairo_surface_t *surface,
           double           width,
           double           height)
{
  int sw = cairo_image_surface_get_width (surface);
  int sh = cairo_image_surface_get_height (surface);
  Ink ink = { 0, 0 };

  for (int y = 0; y < sh; y++)
    for (int x = 0; x < sw; x++)
      {
        gboolean inside = x >= MARGIN && y >= MARGIN && x < MARGIN + width && y < MARGIN + height;

        if ((pixel (surface, x, y) >> 24) == 0)
          continue;
        if (inside)
          ink.inside++;
        else
          ink.outside++;
      }
  return ink;
}

/* A premultiplied pixel that is clearly the first series colour (blue,
 * #0072B2), not grey and not black.
 */
static gboolean
is_series_blue (guint32 p)
{
  int a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return a > 128 && b > r + 60 && b > g + 20;
}

static gboolean
blue_near (cairo_surface_t *surface,
           int              x,
           int              y,
           int              radius)
{
  for (int dy = -radius; dy <= radius; dy++)
    for (int dx = -radius; dx <= radius; dx++)
      if (is_series_blue (pixel (surface, x + dx, y + dy)))
        return TRUE;
  return FALSE;
}

static void
write_png (cairo_surface_t *surface,
           const char      *name,
           gboolean         dark)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *dir = g_build_filename (builddir ? builddir : ".", "charts", NULL);
  g_autofree char *path = g_strdup_printf ("%s/%s.png", dir, name);
  cairo_surface_t *out;
  cairo_t *cr;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  /* On the background the chart is meant for, as people see it. */
  out = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                    cairo_image_surface_get_width (surface),
                                    cairo_image_surface_get_height (surface));
  cr = cairo_create (out);
  if (dark)
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_paint (cr);
  /* The chart's bounds, for whoever looks at the picture. */
  cairo_set_source_rgba (cr, 1, 0, 0, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, MARGIN - 0.5, MARGIN - 0.5,
                   cairo_image_surface_get_width (surface) - 2 * MARGIN + 1,
                   cairo_image_surface_get_height (surface) - 2 * MARGIN + 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (out, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (out);
}

/* Every chart, in both languages, both styles and several sizes, draws
 * ink inside its rectangle and none outside it.
 */
static void
test_bounds (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      for (int dark = 0; dark < 2; dark++)
        for (guint s = 0; s <= G_N_ELEMENTS (sizes); s++)
          {
            double width = s < G_N_ELEMENTS (sizes) ? sizes[s].width : charts[k].width;
            double height = s < G_N_ELEMENTS (sizes) ? sizes[s].height : charts[k].height;
            cairo_surface_t *surface = render (charts[k].draw, width, height, languages[l],
                                               dark ? NAWAT_CHART_STYLE_DARK : NAWAT_CHART_STYLE_LIGHT);
            Ink ink = count_ink (surface, width, height);

            if (ink.outside > 0)
              g_test_message ("%s %s %s %.0f×%.0f: %u pixels outside", charts[k].name,
                              languages[l], dark ? "dark" : "light", width, height, ink.outside);
            g_assert_cmpuint (ink.outside, ==, 0);
            g_assert_cmpuint (ink.inside, >, width * height / 200);

            if (s == G_N_ELEMENTS (sizes) || (s <= 2 && !dark))
              {
                g_autofree char *name = g_strdup_printf ("%s-%s%s%s", charts[k].name, languages[l],
                                                         dark ? "-dark" : "",
                                                         s == 0 ? "-small" : s == 1 ? "-wide" :
                                                         s == 2 ? "-tall" : "");
                write_png (surface, name, dark);
              }
            cairo_surface_destroy (surface);
          }
}

/* The outer ring of an empty radar with no labels: its top vertex lies
 * on the centre column, the first ink from the top.
 */
static int
outer_ring_top (double size)
{
  const char *labels[] = { "", "", "", "" };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  int top = -1;

  nawat_chart_radar (cr, size, size, labels, 4, NULL, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < size / 2 && top < 0; y++)
    if ((pixel (surface, size / 2, y) >> 24) > 100)
      top = y;
  cairo_surface_destroy (surface);
  return top;
}

static cairo_surface_t *
render_radar4 (double        size,
               const double *values)
{
  const char *labels[] = { "", "", "", "" };
  NawatChartSeries series = { NULL, values, FALSE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);

  nawat_chart_radar (cr, size, size, labels, 4, &series, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* A value of 1 reaches the outer ring; 0.5 stays well inside it. */
static void
test_radar_outer_ring (void)
{
  const double size = 300;
  const double full[] = { 1, 0, 0, 0 };
  const double half[] = { 0.5, 0, 0, 0 };
  int top = outer_ring_top (size);
  cairo_surface_t *surface;

  g_assert_cmpint (top, >, 0);
  g_assert_cmpint (top, <, size / 4);

  surface = render_radar4 (size, full);
  g_assert_true (blue_near (surface, size / 2, top + 1, 2));
  cairo_surface_destroy (surface);

  surface = render_radar4 (size, half);
  g_assert_false (blue_near (surface, size / 2, top + 1, 3));
  /* …but its own point, halfway to the centre, is drawn. */
  g_assert_true (blue_near (surface, size / 2, (top + size / 2) / 2, 3));
  cairo_surface_destroy (surface);
}

/* Dark ink, as the text of a label, not a grey line or a marker's outline. */
static gboolean
is_text_ink (guint32 p)
{
  int a = p >> 24, r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return a > 128 && r < 100 && g < 100 && b < 100;
}

/* The blank rows between the top axis label and a marker drawn on the
 * top vertex of a nine-domain radar whose every value is the highest.
 */
static int
radar_label_gap (const char *language,
                 double      width,
                 double      height,
                 double      font_size)
{
  g_auto(GStrv) labels = nawat_chart_dup_domain_labels (language);
  double values[NAWAT_N_DOMAINS];
  NawatChartSeries series = { NULL, values, FALSE };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  int cx = width / 2, marker_top = -1, label_bottom = -1;

  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    values[i] = 1;
  nawat_chart_set_font_size (cr, font_size);
  nawat_chart_set_language (cr, language);
  nawat_chart_radar (cr, width, height, (const char *const *) labels, NAWAT_N_DOMAINS, &series, 1);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  for (int y = 0; y < height / 2 && marker_top < 0; y++)
    for (int dx = -1; dx <= 1; dx++)
      if (is_series_blue (pixel (surface, cx + dx, y)))
        marker_top = y;
  g_assert_cmpint (marker_top, >, 0);
  for (int y = 0; y < marker_top; y++)
    for (int x = cx - 30; x <= cx + 30; x++)
      if (is_text_ink (pixel (surface, x, y)))
        label_bottom = y;
  cairo_surface_destroy (surface);
  /* The label is there, above the marker. */
  g_assert_cmpint (label_bottom, >=, 0);
  return marker_top - label_bottom - 1;
}

/* The top axis label keeps clear of a marker on the top vertex, at the
 * report's small font (where long labels shrink) and at the default one,
 * in both languages.
 */
static void
test_radar_label_gap (void)
{
  static const struct
  {
    double width;
    double height;
    double font;
  } cases[] = {
    { 250, 240, 7.5 },
    { 330, 300, 7.5 },
    { 480, 420, 13 },
    { 220, 200, 7 },
  };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
      {
        int gap = radar_label_gap (languages[l], cases[k].width, cases[k].height, cases[k].font);

        g_test_message ("%s %.0f×%.0f: %d blank rows", languages[l],
                        cases[k].width, cases[k].height, gap);
        /* More than half a line of text: the labels used to sit a few
         * pixels above the marker whatever the size.
         */
        g_assert_cmpfloat (gap, >=, 0.6 * cases[k].font);
      }
}

/* A missing value leaves a gap: no segment to or from its axis. */
static void
test_radar_nan_gap (void)
{
  const double size = 300;
  const double complete[] = { 1, 1, 1, 1 };
  const double gap[] = { 1, 1, NAN, 1 };
  int top = outer_ring_top (size);
  double r = size / 2 - top;
  /* Midpoints of the edges right→bottom (axis 1 → 2) and top→right (0 → 1). */
  int mx = size / 2 + r / 2, my_low = size / 2 + r / 2, my_high = size / 2 - r / 2;
  cairo_surface_t *surface;

  surface = render_radar4 (size, complete);
  g_assert_true (blue_near (surface, mx, my_low, 1));
  g_assert_true (blue_near (surface, mx, my_high, 1));
  cairo_surface_destroy (surface);

  surface = render_radar4 (size, gap);
  g_assert_false (blue_near (surface, mx, my_low, 2));
  g_assert_true (blue_near (surface, mx, my_high, 1));
  /* The fill is dropped too, so the centre stays clear of blue. */
  g_assert_false (blue_near (surface, size / 2 + r / 4, size / 2 + r / 4, 2));
  cairo_surface_destroy (surface);
}

/* Sizes with no room, NaN sizes and a zero-size surface neither crash nor
 * put the cairo context in an error state.
 */
static void
test_degenerate (void)
{
  const double bad[][2] = { { 0, 0 }, { -5, 100 }, { NAN, 100 }, { 100, INFINITY }, { 1, 1 }, { 17, 17 } };
  cairo_surface_t *surfaces[] = {
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 0, 0),
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1),
  };

  for (guint i = 0; i < G_N_ELEMENTS (surfaces); i++)
    for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
      for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
        {
          cairo_t *cr = cairo_create (surfaces[i]);

          charts[k].draw (cr, bad[b][0], bad[b][1], "th");
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
        }
  for (guint i = 0; i < G_N_ELEMENTS (surfaces); i++)
    cairo_surface_destroy (surfaces[i]);
}

/* Empty inputs draw a "no data" note (ink) inside the bounds. */
static void
test_empty (void)
{
  const guint counts[NAWAT_N_HELIX] = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300 + 2 * MARGIN, 200 + 2 * MARGIN);
  cairo_t *cr = cairo_create (surface);
  Ink ink;

  cairo_translate (cr, MARGIN, MARGIN);
  nawat_chart_distribution (cr, 300, 200, NULL, 0, 0, "th");
  nawat_chart_helix_profile (cr, 300, 200, NULL, 0, NULL, "en");
  nawat_chart_helix_profile (cr, 300, 200, NULL, 0, counts, "en");
  nawat_chart_heatmap (cr, 300, 200, NULL, 0, NULL, 0, NULL);
  nawat_chart_progress (cr, 300, 200, NULL, NULL, NULL, NULL, 0);
  nawat_chart_radar (cr, 300, 200, NULL, 2, NULL, 0);
  nawat_chart_domain_radar (cr, 300, 200, nawat_rubric_get_default (), NULL, 0, "th");
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  ink = count_ink (surface, 300, 200);
  g_assert_cmpuint (ink.inside, >, 100);
  g_assert_cmpuint (ink.outside, ==, 0);
  cairo_surface_destroy (surface);
}

/* Composites all in 90–100 fill the last bin only. */
static void
test_distribution_bins (void)
{
  const double width = 400, height = 240;
  double composites[40];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  int min_x = width, max_x = -1;

  for (guint i = 0; i < G_N_ELEMENTS (composites); i++)
    composites[i] = 90 + i % 11;
  nawat_chart_distribution (cr, width, height, composites, G_N_ELEMENTS (composites), 10, "en");
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (is_series_blue (pixel (surface, x, y)))
        {
          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
        }
  g_assert_cmpint (max_x, >=, 0);
  g_assert_cmpint (min_x, >, width * 0.8);
  g_assert_cmpint (max_x, >, width * 0.9);
  cairo_surface_destroy (surface);
}

/* Progress: nothing submitted means no "submitted" colour at all. */
static void
test_progress_submitted (void)
{
  const char *labels[] = { "a", "b" };
  const guint none[] = { 0, 0 };
  const guint some[] = { 4, 0 };
  const guint drafts[] = { 1, 2 };
  const guint assigned[] = { 6, 6 };
  gboolean found[2] = { FALSE, FALSE };

  for (int pass = 0; pass < 2; pass++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 120);
      cairo_t *cr = cairo_create (surface);

      nawat_chart_progress (cr, 300, 120, labels, pass ? some : none, drafts, assigned, 2);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      /* Rows are at most 2.4 lines (of the 7 px minimum font) high, so
       * the two bars lie above y = 34; the legend (with its own blue
       * box) comes below them.
       */
      for (int y = 0; y < 30 && !found[pass]; y++)
        for (int x = 0; x < 300 && !found[pass]; x++)
          found[pass] = is_series_blue (pixel (surface, x, y));
      cairo_surface_destroy (surface);
    }
  g_assert_false (found[0]);
  g_assert_true (found[1]);
}

static double
luminance (cairo_surface_t *surface,
           int              x,
           int              y)
{
  guint32 p = pixel (surface, x, y);

  return (0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff)) / 255;
}

/* The heat map shades by count: darker is more, an empty cell is blank.
 * Without labels the 2 × 2 cells fill almost all of the 200 × 200 area;
 * each is sampled off its centre, away from its number.
 */
static void
test_heatmap_shading (void)
{
  const char *rows[] = { "", "" };
  const char *cols[] = { "", "" };
  const double cells[] = { 1, 10, 0, 5 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 200);
  cairo_t *cr = cairo_create (surface);
  double one, ten, zero, five;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  nawat_chart_heatmap (cr, 200, 200, rows, 2, cols, 2, cells);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  one = luminance (surface, 30, 40);
  ten = luminance (surface, 130, 40);
  zero = luminance (surface, 30, 140);
  five = luminance (surface, 130, 140);
  g_assert_cmpfloat (zero, >, 0.99);
  g_assert_cmpfloat (one, <, 0.99);
  g_assert_cmpfloat (five, <, one);
  g_assert_cmpfloat (ten, <, five);
  cairo_surface_destroy (surface);
}

/* Dark style: labels are light ink, light style dark ink. */
static void
test_dark_style (void)
{
  double mean_lum[2];

  for (int dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface = render (draw_progress, 300, 200, "en",
                                         dark ? NAWAT_CHART_STYLE_DARK : NAWAT_CHART_STYLE_LIGHT);
      int sw = cairo_image_surface_get_width (surface);
      double sum = 0;
      guint n = 0;

      /* The label column (left), where only text is drawn. */
      for (int y = MARGIN; y < MARGIN + 150; y++)
        for (int x = MARGIN; x < MARGIN + 60 && x < sw; x++)
          {
            guint32 p = pixel (surface, x, y);
            int a = p >> 24;

            if (a < 100)
              continue;
            sum += (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / (3.0 * a);
            n++;
          }
      g_assert_cmpuint (n, >, 10);
      mean_lum[dark] = sum / n;
      cairo_surface_destroy (surface);
    }
  g_assert_cmpfloat (mean_lum[0], <, 0.4);
  g_assert_cmpfloat (mean_lum[1], >, 0.6);
}

/* Options belong to one cairo context only. */
static void
test_options (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_t *a = cairo_create (surface);
  cairo_t *b = cairo_create (surface);
  g_autofree char *family = NULL;

  nawat_chart_set_style (a, NAWAT_CHART_STYLE_DARK);
  nawat_chart_set_font_size (a, 9);
  nawat_chart_set_language (a, "th");
  g_assert_cmpint (nawat_chart_get_style (a), ==, NAWAT_CHART_STYLE_DARK);
  g_assert_cmpint (nawat_chart_get_style (b), ==, NAWAT_CHART_STYLE_LIGHT);
  g_assert_cmpfloat (nawat_chart_get_font_size (a), ==, 9);
  g_assert_cmpfloat (nawat_chart_get_font_size (b), ==, 0);
  g_assert_cmpstr (nawat_chart_get_language (a), ==, "th");
  g_assert_cmpstr (nawat_chart_get_language (b), ==, "en");

  nawat_chart_set_font_family ("Noto Serif");
  family = nawat_chart_dup_font_family ();
  g_assert_cmpstr (family, ==, "Noto Serif");
  g_clear_pointer (&family, g_free);
  nawat_chart_set_font_family (NULL);
  family = nawat_chart_dup_font_family ();
  g_assert_nonnull (strstr (family, "Noto Sans Thai"));

  cairo_destroy (a);
  cairo_destroy (b);
  cairo_surface_destroy (surface);
}

/* Values come from the rubric's scales, in DOMAIN.md order. */
static void
test_values (void)
{
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_autoptr(NawatEvaluation) a = nawat_evaluation_new ("project:c1:001", "a", NAWAT_DEFAULT_RUBRIC_ID);
  g_autoptr(NawatEvaluation) b = nawat_evaluation_new ("project:c1:001", "b", NAWAT_DEFAULT_RUBRIC_ID);
  double va[NAWAT_N_DOMAINS], vb[NAWAT_N_DOMAINS], mean[NAWAT_N_DOMAINS], helix[NAWAT_N_HELIX];
  const double *rows[2] = { va, vb };
  g_auto(GStrv) th = nawat_chart_dup_domain_labels ("th");
  g_auto(GStrv) en = nawat_chart_dup_domain_labels ("en");
  g_auto(GStrv) short_th = nawat_chart_dup_domain_short_labels ("th");
  g_auto(GStrv) regions = nawat_chart_dup_region_labels ("th");
  guint counts[NAWAT_N_HELIX];
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_partner_free);

  nawat_evaluation_set_score (a, "domains.health", 4);
  nawat_evaluation_set_score (a, "domains.environment", 1);
  nawat_evaluation_set_score (b, "domains.health", 2);
  nawat_evaluation_set_score (a, "helix.environment", 3);

  g_assert_cmpuint (nawat_chart_domain_values (rubric, a, va), ==, 2);
  g_assert_cmpuint (nawat_chart_domain_values (rubric, b, vb), ==, 1);
  g_assert_cmpfloat (va[nawat_domain_index ("health")], ==, 1.0);
  g_assert_cmpfloat (va[0], ==, 0.25);
  g_assert_true (isnan (va[1]));
  g_assert_true (isnan (vb[0]));

  nawat_chart_mean_values (rows, 2, NAWAT_N_DOMAINS, mean);
  g_assert_cmpfloat (mean[nawat_domain_index ("health")], ==, 0.75);
  g_assert_cmpfloat (mean[0], ==, 0.25);
  g_assert_true (isnan (mean[1]));

  /* helix.environment is not domains.environment. */
  g_assert_cmpuint (nawat_chart_helix_values (rubric, a, helix), ==, 1);
  g_assert_cmpfloat (helix[nawat_helix_index ("environment")], ==, 0.75);
  g_assert_true (isnan (helix[0]));

  g_assert_cmpuint (g_strv_length (th), ==, NAWAT_N_DOMAINS);
  g_assert_cmpstr (th[6], ==, "ด้านสุขภาพ");
  g_assert_cmpstr (en[0], ==, "Environmental conservation");
  g_assert_cmpstr (short_th[6], ==, "สุขภาพ");
  g_assert_cmpuint (g_strv_length (regions), ==, NAWAT_N_REGIONS);

  g_ptr_array_add (partners, nawat_partner_new ("x", "academia"));
  g_ptr_array_add (partners, nawat_partner_new ("y", "academia"));
  g_ptr_array_add (partners, nawat_partner_new ("z", "no-such-sector"));
  nawat_chart_count_partners (partners, counts);
  g_assert_cmpuint (counts[nawat_helix_index ("academia")], ==, 2);
  g_assert_cmpuint (counts[0] + counts[2] + counts[3] + counts[4], ==, 0);
}

/* Coverage counts projects by domain and the region of their province. */
static void
test_coverage (void)
{
  const char *const chiang_mai[] = { "health", "tourism-culture", NULL };
  const char *const phuket[] = { "tourism-culture", NULL };
  const char *const unknown[] = { "no-such-domain", "health", NULL };
  NawatProject *projects[4];
  double cells[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];
  int north = nawat_region_index ("north"), south = nawat_region_index ("south");
  int health = nawat_domain_index ("health"), tourism = nawat_domain_index ("tourism-culture");
  double total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    {
      g_autofree char *code = g_strdup_printf ("p%u", i);

      projects[i] = nawat_project_new ("call:c1", code);
    }
  nawat_project_set_province (projects[0], "TH-50");
  nawat_project_set_domains (projects[0], chiang_mai);
  nawat_project_set_province (projects[1], "TH-83");
  nawat_project_set_domains (projects[1], phuket);
  nawat_project_set_province (projects[2], "TH-99");
  nawat_project_set_domains (projects[2], phuket);
  nawat_project_set_province (projects[3], "TH-50");
  nawat_project_set_domains (projects[3], unknown);

  nawat_chart_count_coverage (projects, G_N_ELEMENTS (projects), FALSE, cells);
  g_assert_cmpfloat (cells[health * NAWAT_N_REGIONS + north], ==, 2);
  g_assert_cmpfloat (cells[tourism * NAWAT_N_REGIONS + north], ==, 1);
  g_assert_cmpfloat (cells[tourism * NAWAT_N_REGIONS + south], ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    total += cells[i];
  g_assert_cmpfloat (total, ==, 4);

  nawat_chart_count_coverage (projects, G_N_ELEMENTS (projects), TRUE, cells);
  g_assert_cmpfloat (cells[health * NAWAT_N_REGIONS + north], ==, 1);
  g_assert_cmpfloat (cells[tourism * NAWAT_N_REGIONS + north], ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (projects); i++)
    g_object_unref (projects[i]);
}

/* Every chart on A4 PDF pages, Thai and English; the text is real text
 * (pdftotext finds the domain names) when poppler is installed.
 */
static void
test_pdf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-chart-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  cairo_surface_t *surface;
  cairo_t *cr;
  GStatBuf st;

  g_assert_no_error (error);
  path = g_build_filename (dir, "charts.pdf", NULL);
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    for (guint k = 0; k < G_N_ELEMENTS (charts); k++)
      {
        cairo_save (cr);
        cairo_translate (cr, 50, 60 + (k % 2) * 380);
        charts[k].draw (cr, 495, 340, languages[l]);
        cairo_restore (cr);
        if (k % 2 == 1 || k + 1 == G_N_ELEMENTS (charts))
          cairo_show_page (cr);
      }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 4000);

  if (pdftotext)
    {
      const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };
      g_autofree char *out = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_nonnull (strstr (out, "สุขภาพ"));
      g_assert_nonnull (strstr (out, "Health"));
      g_assert_nonnull (strstr (out, "ภาคประชาสังคม"));
    }
  else
    g_test_message ("pdftotext not found; text extraction not checked");

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/chart/options", test_options);
  g_test_add_func ("/nawat/chart/values", test_values);
  g_test_add_func ("/nawat/chart/coverage", test_coverage);
  g_test_add_func ("/nawat/chart/bounds", test_bounds);
  g_test_add_func ("/nawat/chart/radar/outer-ring", test_radar_outer_ring);
  g_test_add_func ("/nawat/chart/radar/nan-gap", test_radar_nan_gap);
  g_test_add_func ("/nawat/chart/radar/label-gap", test_radar_label_gap);
  g_test_add_func ("/nawat/chart/degenerate", test_degenerate);
  g_test_add_func ("/nawat/chart/empty", test_empty);
  g_test_add_func ("/nawat/chart/distribution/bins", test_distribution_bins);
  g_test_add_func ("/nawat/chart/progress/submitted", test_progress_submitted);
  g_test_add_func ("/nawat/chart/heatmap/shading", test_heatmap_shading);
  g_test_add_func ("/nawat/chart/dark-style", test_dark_style);
  g_test_add_func ("/nawat/chart/pdf", test_pdf);

  return g_test_run ();
}
