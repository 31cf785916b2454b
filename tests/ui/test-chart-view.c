/* test-chart-view.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nawat-chart-view.h"
#include "nawat-chart-view-private.h"
#include "nawat-domains.h"
#include "nawat-ui-test.h"

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

      nawat_evaluation_set_score (evaluation, key, (i + offset) % 5);
    }
  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    {
      g_autofree char *key = g_strdup_printf ("helix.%s", sectors[i].key);

      nawat_evaluation_set_score (evaluation, key, (i * 3 + offset) % 5);
    }
  return evaluation;
}

/* The widget rendered on its own through a WidgetPaintable, as the
 * screen shows it; NULL when it draws nothing.
 */
static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Nothing drawn at all: no node. */
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

typedef struct
{
  guint  ink;
  double ink_luminance;
} InkStats;

/* Pixels with coverage, and their mean luminance (un-premultiplied). */
static InkStats
ink_stats (GdkTexture *texture)
{
  int width = texture ? gdk_texture_get_width (texture) : 0;
  int height = texture ? gdk_texture_get_height (texture) : 0;
  gsize stride = width * 4;
  g_autofree guchar *data = g_malloc (stride * height + 1);
  InkStats stats = { 0, 0 };
  double sum = 0;

  if (texture == NULL)
    return stats;
  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;
        guint32 v = *(const guint32 *) p;
        int a = v >> 24;

        if (a < 160)
          continue;
        stats.ink++;
        sum += (0.2126 * ((v >> 16) & 0xff) + 0.7152 * ((v >> 8) & 0xff) + 0.0722 * (v & 0xff)) / a;
      }
  stats.ink_luminance = stats.ink ? sum / stats.ink : 0;
  return stats;
}

static void
save_png (GdkTexture *texture,
          const char *name)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_getenv ("NAWAT_BUILD_ROOT") != NULL)
    dir = g_build_filename (g_getenv ("NAWAT_BUILD_ROOT"), "screenshots", NULL);
  else
    dir = g_build_filename (g_get_current_dir (), "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
screenshot_window (GtkWidget  *window,
                   const char *name)
{
  g_autoptr(GdkTexture) texture = render_widget (window);

  g_assert_nonnull (texture);
  save_png (texture, name);
}

static GtkWidget *
window_with (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 480);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (view))
    g_main_context_iteration (NULL, TRUE);
  nawat_ui_test_wait_for_frame (window);
  return window;
}

static void
test_domain_radar (void)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  NawatEvaluation *evaluations[3] = {
    make_evaluation ("somchai", 0),
    make_evaluation ("malee", 2),
    make_evaluation ("evaluator-03", 3),
  };
  GtkWidget *view = nawat_chart_view_new ();
  GtkWidget *window;
  InkStats light, dark, empty;
  const char *description;
  int minimum, natural;

  g_object_ref_sink (view);
  nawat_evaluation_clear_score (evaluations[0], "domains.health");

  /* Minimum and natural sizes leave room for the labels. */
  nawat_chart_view_set_domain_radar (NAWAT_CHART_VIEW (view), nawat_rubric_get_default (), evaluations, 1);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 200);
  g_assert_cmpint (natural, >=, minimum);
  gtk_widget_measure (view, GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, >=, 200);
  g_assert_cmpint (natural, >=, minimum);

  /* One evaluation: its own values for a screen reader. */
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (view), "en");
  g_assert_cmpstr (nawat_chart_view_get_label (NAWAT_CHART_VIEW (view)), ==, "Nine-domain radar chart");
  description = nawat_chart_view_get_description (NAWAT_CHART_VIEW (view));
  g_assert_nonnull (strstr (description, "Environmental conservation: 0 of 4"));
  g_assert_nonnull (strstr (description, "Food, water and energy nexus: 1 of 4"));
  g_assert_nonnull (strstr (description, "Health: not scored"));

  /* Several: the mean (Health is scored by two of them: 3 and 4 → 3.5). */
  nawat_chart_view_set_domain_radar (NAWAT_CHART_VIEW (view), nawat_rubric_get_default (), evaluations, 3);
  description = nawat_chart_view_get_description (NAWAT_CHART_VIEW (view));
  g_assert_true (g_str_has_prefix (description, "Mean of 3 evaluations."));
  g_assert_nonnull (strstr (description, "Health: 3.5 of 4"));

  nawat_chart_view_set_language (NAWAT_CHART_VIEW (view), "th");
  description = nawat_chart_view_get_description (NAWAT_CHART_VIEW (view));
  g_assert_nonnull (strstr (description, "ด้านสุขภาพ"));

  window = window_with (view);
  g_assert_true (gtk_widget_get_realized (view));
  {
    g_autoptr(GdkTexture) texture = render_widget (view);

    g_assert_nonnull (texture);
    light = ink_stats (texture);
    save_png (texture, "chart-view-radar-th.png");
  }
  screenshot_window (window, "chart-view-window-th.png");
  g_assert_cmpuint (light.ink, >, 2000);
  /* Light style: dark lines and text. */
  g_assert_cmpfloat (light.ink_luminance, <, 0.5);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  while (!adw_style_manager_get_dark (manager))
    g_main_context_iteration (NULL, TRUE);
  nawat_ui_test_wait_for_frame (window);
  {
    g_autoptr(GdkTexture) texture = render_widget (view);

    dark = ink_stats (texture);
  }
  screenshot_window (window, "chart-view-window-th-dark.png");
  g_assert_cmpuint (dark.ink, >, 2000);
  g_assert_cmpfloat (dark.ink_luminance, >, light.ink_luminance + 0.2);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  while (adw_style_manager_get_dark (manager))
    g_main_context_iteration (NULL, TRUE);

  /* Cleared, it draws nothing. */
  nawat_chart_view_clear (NAWAT_CHART_VIEW (view));
  nawat_ui_test_wait_for_frame (window);
  {
    g_autoptr(GdkTexture) texture = render_widget (view);

    empty = ink_stats (texture);
  }
  g_assert_cmpuint (empty.ink, ==, 0);
  g_assert_null (nawat_chart_view_get_description (NAWAT_CHART_VIEW (view)));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (view);
  for (guint i = 0; i < G_N_ELEMENTS (evaluations); i++)
    g_object_unref (evaluations[i]);
}

static void
test_helix_profile (void)
{
  NawatEvaluation *evaluation = make_evaluation ("somchai", 1);
  g_autoptr(GPtrArray) partners = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_partner_free);
  GtkWidget *view = nawat_chart_view_new ();
  GtkWidget *window;
  const char *description;

  g_ptr_array_add (partners, nawat_partner_new ("Chiang Mai University", "academia"));
  g_ptr_array_add (partners, nawat_partner_new ("Maejo University", "academia"));
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (view), "en");
  nawat_chart_view_set_helix_profile (NAWAT_CHART_VIEW (view), nawat_rubric_get_default (),
                                      &evaluation, 1, partners);
  /* The view keeps its own copy of the partners. */
  g_ptr_array_set_size (partners, 0);
  description = nawat_chart_view_get_description (NAWAT_CHART_VIEW (view));
  g_assert_nonnull (strstr (description, "Academia: 4 of 4, 2 partners"));
  g_assert_nonnull (strstr (description, "Government: 1 of 4, 0 partners"));

  window = window_with (view);
  {
    g_autoptr(GdkTexture) texture = render_widget (view);
    InkStats stats = ink_stats (texture);

    g_assert_cmpuint (stats.ink, >, 1000);
  }
  screenshot_window (window, "chart-view-helix-en.png");
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (evaluation);
}

static void
draw_progress (cairo_t    *cr,
               double      width,
               double      height,
               const char *language,
               gpointer    user_data)
{
  const char *labels[] = { "somchai", "malee" };
  const guint submitted[] = { 3, 1 };
  const guint drafts[] = { 1, 2 };
  const guint assigned[] = { 5, 5 };

  *(int *) user_data += 1;
  nawat_chart_progress (cr, width, height, labels, submitted, drafts, assigned, 2);
}

/* Any chart through a draw function, with the caller's description. */
static void
test_draw_func (void)
{
  GtkWidget *view = nawat_chart_view_new ();
  GtkWidget *window;
  int calls = 0;

  nawat_chart_view_set_draw_func (NAWAT_CHART_VIEW (view), draw_progress, &calls, NULL,
                                  "Progress", "somchai 3 of 5, malee 1 of 5");
  g_assert_cmpstr (nawat_chart_view_get_description (NAWAT_CHART_VIEW (view)), ==,
                   "somchai 3 of 5, malee 1 of 5");
  window = window_with (view);
  g_assert_cmpint (calls, >, 0);
  {
    g_autoptr(GdkTexture) texture = render_widget (view);
    InkStats stats = ink_stats (texture);

    g_assert_cmpuint (stats.ink, >, 500);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
record_font_size (cairo_t    *cr,
                  double      width,
                  double      height,
                  const char *language,
                  gpointer    user_data)
{
  *(double *) user_data = nawat_chart_get_font_size (cr);
}

/* The chart's labels follow the text scale (GNOME's Large Text), which
 * reaches the widget as a resolution, not as a font size.
 */
static void
test_text_scale (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *view = nawat_chart_view_new ();
  GtkWidget *window;
  double normal = 0;
  double large = 0;
  int dpi = 0;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024, NULL);
  nawat_chart_view_set_draw_func (NAWAT_CHART_VIEW (view), record_font_size, &normal, NULL,
                                  "Sizes", "");
  window = window_with (view);
  /* Drawn again, at the size the window settled on. */
  normal = 0;
  gtk_widget_queue_draw (view);
  while (normal == 0)
    g_main_context_iteration (NULL, TRUE);

  nawat_chart_view_set_draw_func (NAWAT_CHART_VIEW (view), record_font_size, &large, NULL,
                                  "Sizes", "");
  g_object_set (settings, "gtk-xft-dpi", 144 * 1024, NULL);
  while (large == 0)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("chart labels: %.1f px at 1.0, %.1f px at 1.5", normal, large);
  g_assert_cmpfloat_with_epsilon (large / normal, 1.5, 0.01);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/chart-view/display"))
    return g_test_run ();

  /* The English and Thai texts asserted are the untranslated ones. */
  g_setenv ("LANGUAGE", "C", TRUE);

  g_test_add_func ("/nawat/ui/chart-view/domain-radar", test_domain_radar);
  g_test_add_func ("/nawat/ui/chart-view/helix-profile", test_helix_profile);
  g_test_add_func ("/nawat/ui/chart-view/draw-func", test_draw_func);
  g_test_add_func ("/nawat/ui/chart-view/text-scale", test_text_scale);

  return g_test_run ();
}
