/* test-look.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "nawat-application.h"
#include "nawat-project-row-view.h"
#include "nawat-score-form.h"
#include "nawat-ui-test.h"

/* The main window with a submitted evaluation open, as evaluators see it:
 * in the light, dark and high contrast styles, in Thai and in English, at
 * 1,400, 800 and 400 pixels, with normal and large (1.5 times) text.  Each
 * is written to <build>/screenshots/look-LANG-STYLE-WIDTH-SCALE.png; the
 * test asserts what can be measured on them: the order in which the window
 * folds, level names broken between words only, and the contrast of the
 * chosen and the other levels, read from the pixels.
 *
 * High contrast is the GNOME setting libadwaita follows,
 * org.gnome.desktop.a11y.interface high-contrast, here in GSettings'
 * memory backend (the settings portal is off: ADW_DISABLE_PORTAL).
 */

/* somchai's evaluation of p001 is submitted: the form is read-only. */
#define PROJECT_ID "project:si-2569:p001"
#define CRITERION "merit.impact"

typedef struct
{
  const char *name;
  gboolean    dark;
  gboolean    high_contrast;
} Style;

static const Style styles[] = {
  { "light", FALSE, FALSE },
  { "dark", TRUE, FALSE },
  { "hc", FALSE, TRUE },
};

static const int widths[] = { 1400, 800, 400 };
static const double scales[] = { 1.0, 1.5 };

static gboolean
style_applied (gpointer user_data)
{
  const Style *style = user_data;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  return adw_style_manager_get_dark (manager) == style->dark &&
         adw_style_manager_get_high_contrast (manager) == style->high_contrast;
}

static void
set_style (const Style *style)
{
  g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      style->dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                  : ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_boolean (a11y, "high-contrast", style->high_contrast);
  nawat_ui_test_wait_until (style_applied, (gpointer) style);
}

/* GNOME's Large Text sets gtk-xft-dpi; 96 is 1.0. */
static void
set_text_scale (double scale)
{
  g_object_set (gtk_settings_get_default (), "gtk-xft-dpi", (int) (96 * 1024 * scale), NULL);
}

static void
set_width (NawatWindow *window,
           int          width)
{
  for (guint i = 0; i < 10 && gtk_widget_get_width (GTK_WIDGET (window)) != width; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 900);
      nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
    }
}

/* The outer sidebar folds first (GNOME HIG, as Files and Calendar do). */
static void
assert_folds (NawatWindow *window,
              int          width)
{
  int actual = gtk_widget_get_width (GTK_WIDGET (window));

  g_test_message ("%d px (asked %d): sidebar %s, list %s", actual, width,
                  adw_flap_get_folded (window->flap) ? "folded" : "shown",
                  adw_leaflet_get_folded (window->leaflet) ? "folded" : "beside the project");
  if (actual >= 1100)
    g_assert_false (adw_flap_get_folded (window->flap));
  if (actual <= 900)
    g_assert_true (adw_flap_get_folded (window->flap));
  if (actual >= 760)
    g_assert_false (adw_leaflet_get_folded (window->leaflet));
  if (actual <= 500)
    {
      g_assert_true (adw_leaflet_get_folded (window->leaflet));
      g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == window->detail_pane);
    }
}

static void
collect_by_class (GtkWidget  *widget,
                  const char *css_class,
                  GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_by_class (child, css_class, found);
}

static gboolean
title_cut (AdwWindowTitle *title)
{
  GtkWidget *label = nawat_ui_test_find (GTK_WIDGET (title), GTK_TYPE_LABEL, NULL);

  return pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* Every status a project row can show fits its pill whole, at any text
 * size: the title is what gives up its room.
 */
static void
assert_statuses_fit (NawatWindow *window)
{
  guint n_shown = 0;

  /* The list view's rows each hold a row view */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *view = gtk_widget_get_first_child (row);

      if (!NAWAT_IS_PROJECT_ROW_VIEW (view) || !gtk_widget_get_mapped (view))
        continue;
      n_shown++;
      g_assert_true (nawat_project_row_view_get_statuses_fit (NAWAT_PROJECT_ROW_VIEW (view)));
    }
  g_assert_cmpuint (n_shown, >, 0);
}

/* Every line of every level name starts where a line may break: between
 * words (Pango's dictionary tells Thai words), never inside one.
 */
static void
assert_level_names_whole (GtkWidget *form)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_by_class (form, "score-level-label", labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      PangoLayout *layout = gtk_label_get_layout (g_ptr_array_index (labels, i));
      const char *text = pango_layout_get_text (layout);
      const PangoLogAttr *attrs;
      int n_attrs;

      attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
      for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
        {
          PangoLayoutLine *line = l->data;
          long offset = g_utf8_pointer_to_offset (text, text + line->start_index);

          g_assert_cmpint (offset, <, n_attrs);
          if (offset > 0 && !attrs[offset].is_line_break)
            g_error ("“%s” breaks inside a word, before “%s”", text, text + line->start_index);
        }
    }
}

/* Pixels */

typedef struct
{
  guint8 *data;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

static void
pixel_rgb (const Pixels *pixels,
           int           x,
           int           y,
           double        rgb[3])
{
  /* GDK_MEMORY_DEFAULT: B, G, R, A, premultiplied (the shots are opaque) */
  const guint8 *p = pixels->data + y * pixels->stride + x * 4;

  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

static double
luminance (const double rgb[3])
{
  double l[3];

  for (int i = 0; i < 3; i++)
    l[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}

static double
contrast (double a,
          double b)
{
  return (MAX (a, b) + 0.05) / (MIN (a, b) + 0.05);
}

/* The contrast of @widget's text as drawn in @pixels (the window): its
 * background is the colour of the most pixels in its bounds, its text the
 * pixel farthest from that in luminance.
 */
static double
measure_text (const Pixels *pixels,
              GtkWidget    *widget,
              GtkWidget    *window)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  graphene_rect_t bounds;
  guint best_count = 0;
  double background = 0;
  double ratio = 1;
  int x0, y0, x1, y1;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x0 = MAX (0, (int) bounds.origin.x + 6);
  y0 = MAX (0, (int) bounds.origin.y + 6);
  x1 = MIN (pixels->width, (int) (bounds.origin.x + bounds.size.width) - 6);
  y1 = MIN (pixels->height, (int) (bounds.origin.y + bounds.size.height) - 6);
  g_assert_cmpint (x1, >, x0);
  g_assert_cmpint (y1, >, y0);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 key = *(guint32 *) (pixels->data + y * pixels->stride + x * 4);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (key))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (key), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            double rgb[3];

            best_count = count;
            pixel_rgb (pixels, x, y, rgb);
            background = luminance (rgb);
          }
      }

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double rgb[3];

        pixel_rgb (pixels, x, y, rgb);
        ratio = MAX (ratio, contrast (luminance (rgb), background));
      }

  return ratio;
}

static void
read_screenshot (const char *name,
                 Pixels     *pixels)
{
  g_autofree char *path = g_build_filename (g_getenv ("NAWAT_BUILD_ROOT"), "screenshots", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, &error);

  g_assert_no_error (error);
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = pixels->width * 4;
  pixels->data = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->data, pixels->stride);
}

/* On a submitted form the chosen level is the clearest button of its card,
 * and the others stay readable.
 */
static void
assert_levels_readable (const char  *shot,
                        NawatWindow *window,
                        GtkWidget   *form)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  Pixels pixels;
  double chosen = 0;
  double other = 100;

  /* The levels of the criterion scrolled into view and focused */
  while (focus != NULL && !gtk_widget_has_css_class (focus, "score-criterion"))
    focus = gtk_widget_get_parent (focus);
  g_assert_nonnull (focus);
  collect_by_class (focus, "score-level", levels);
  g_assert_cmpuint (levels->len, >, 1);
  read_screenshot (shot, &pixels);
  for (guint i = 0; i < levels->len; i++)
    {
      GtkWidget *level = g_ptr_array_index (levels, i);
      graphene_rect_t bounds;

      /* Only the levels on screen (the narrowest window scrolls) */
      if (!gtk_widget_compute_bounds (level, GTK_WIDGET (window), &bounds) ||
          bounds.origin.y + bounds.size.height > pixels.height)
        continue;
      g_assert_false (gtk_widget_is_sensitive (level));
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (level)))
        chosen = MAX (chosen, measure_text (&pixels, level, GTK_WIDGET (window)));
      else
        other = MIN (other, measure_text (&pixels, level, GTK_WIDGET (window)));
    }
  g_free (pixels.data);

  g_test_message ("%s: chosen level %.2f:1, other levels at least %.2f:1", shot, chosen, other);
  g_assert_cmpfloat (chosen, >=, 4.5);
  g_assert_cmpfloat (other, >=, 4.5);
}

/* Read-only text on the form stays readable. */
static void
assert_text_readable (const char  *shot,
                      NawatWindow *window,
                      GtkWidget   *widget)
{
  Pixels pixels;
  double ratio;

  g_assert_nonnull (widget);
  g_assert_false (gtk_widget_is_sensitive (widget));
  read_screenshot (shot, &pixels);
  ratio = measure_text (&pixels, widget, GTK_WIDGET (window));
  g_free (pixels.data);
  g_test_message ("%s: %s %.2f:1", shot, G_OBJECT_TYPE_NAME (widget), ratio);
  g_assert_cmpfloat (ratio, >=, 4.5);
}

static void
drive (NawatApplication *app,
       NawatWindow      *window,
       gpointer          user_data)
{
  const char *lang = user_data;
  GtkWidget *form = nawat_window_get_score_form (window);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (nawat_application_get_settings (app), "evaluator-name", "somchai");
  while (g_strcmp0 (nawat_window_get_evaluator (window), "somchai") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, &error));
  g_assert_no_error (error);
  gtk_window_set_focus_visible (GTK_WINDOW (window), TRUE);

  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autofree char *top = g_strdup_printf ("look-%s-light-800-%.1f-top.png", lang, scales[s]);
      GtkWidget *scroller = nawat_ui_test_find (form, GTK_TYPE_SCROLLED_WINDOW, NULL);

      set_text_scale (scales[s]);
      /* The project's title and facts, above its criteria */
      set_style (&styles[0]);
      set_width (window, 800);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
      nawat_ui_test_save_screenshot (GTK_WIDGET (window), top);
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          set_width (window, widths[w]);
          /* The criterion in view, its chosen level focused */
          g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), CRITERION));
          if (scales[s] == 1.0)
            assert_folds (window, widths[w]);
          assert_level_names_whole (form);
          if (!adw_leaflet_get_folded (window->leaflet))
            {
              assert_statuses_fit (window);
              /* The call's name whole in the list's header */
              g_assert_false (title_cut (window->window_title));
            }

          for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
            {
              g_autofree char *name = g_strdup_printf ("look-%s-%s-%d-%.1f.png", lang, styles[i].name,
                                                       widths[w], scales[s]);

              set_style (&styles[i]);
              nawat_ui_test_save_screenshot (GTK_WIDGET (window), name);
              assert_levels_readable (name, window, form);
            }
        }

      /* The list alone, at the narrowest */
      {
        g_autofree char *list = g_strdup_printf ("look-%s-light-400-%.1f-list.png", lang, scales[s]);

        set_style (&styles[0]);
        adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
        nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
        nawat_ui_test_save_screenshot (GTK_WIDGET (window), list);
        assert_statuses_fit (window);
        adw_leaflet_set_visible_child (window->leaflet, window->detail_pane);
      }
    }

  /* The end of the form: the read-only recommendation and overall comment */
  set_text_scale (1.0);
  set_width (window, 800);
  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    {
      g_autofree char *name = g_strdup_printf ("look-%s-%s-800-1.0-end.png", lang, styles[i].name);
      GtkWidget *scroller = nawat_ui_test_find (form, GTK_TYPE_SCROLLED_WINDOW, NULL);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      set_style (&styles[i]);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      nawat_ui_test_save_screenshot (GTK_WIDGET (window), name);
      assert_text_readable (name, window, nawat_ui_test_find (form, ADW_TYPE_COMBO_ROW, "recommendation"));
      assert_text_readable (name, window, nawat_ui_test_find (form, GTK_TYPE_TEXT_VIEW, "overall-comment"));
    }

  set_style (&styles[0]);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

/* A header's title, as its label lays it out: not cut (no ellipsis), and
 * inside its header bar; the subtitle under it on one line, inside too (it
 * may end in an ellipsis).
 */
static void
assert_title_whole (AdwWindowTitle *title,
                    const char     *what)
{
  GtkWidget *bar = gtk_widget_get_ancestor (GTK_WIDGET (title), ADW_TYPE_HEADER_BAR);
  GtkWidget *label = nawat_ui_test_find (GTK_WIDGET (title), GTK_TYPE_LABEL, NULL);
  gboolean is_title = TRUE;

  for (; label != NULL; label = gtk_widget_get_next_sibling (label), is_title = FALSE)
    {
      PangoLayout *layout;
      graphene_rect_t bounds;
      int height;

      if (!GTK_IS_LABEL (label) || !gtk_widget_get_visible (label))
        continue;
      layout = gtk_label_get_layout (GTK_LABEL (label));
      pango_layout_get_pixel_size (layout, NULL, &height);
      g_test_message ("%s: “%s” in %d lines, %d px high%s", what,
                      gtk_label_get_text (GTK_LABEL (label)),
                      pango_layout_get_line_count (layout), height,
                      pango_layout_is_ellipsized (layout) ? ", ellipsized" : "");
      if (is_title && pango_layout_is_ellipsized (layout))
        g_error ("%s: “%s” is cut", what, gtk_label_get_text (GTK_LABEL (label)));
      if (!is_title)
        g_assert_cmpint (pango_layout_get_line_count (layout), ==, 1);
      g_assert_true (gtk_widget_compute_bounds (label, bar, &bounds));
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (bar));
      g_assert_cmpint (height, <=, (int) bounds.size.height);
    }
}

/* At 400 pixels with large text, both headers' titles read whole: the
 * list's (the call) and the project's.
 */
static void
drive_narrow_titles (NawatApplication *app,
                     NawatWindow      *window,
                     gpointer          user_data)
{
  const char *lang = user_data;
  g_autofree char *list_shot = g_strdup_printf ("look-%s-light-400-1.5-list-title.png", lang);
  g_autofree char *detail_shot = g_strdup_printf ("look-%s-light-400-1.5-title.png", lang);
  g_autoptr(GError) error = NULL;

  g_settings_set_string (nawat_application_get_settings (app), "evaluator-name", "somchai");
  while (g_strcmp0 (nawat_window_get_evaluator (window), "somchai") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (nawat_ui_test_open_project (window, "project:si-2569:p003", &error));
  g_assert_no_error (error);
  set_style (&styles[0]);
  set_text_scale (1.5);
  set_width (window, 400);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));

  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), detail_shot);
  assert_title_whole (window->detail_title, "the project's header");

  adw_leaflet_set_visible_child (window->leaflet, window->list_pane);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), list_shot);
  assert_title_whole (window->window_title, "the list's header");

  set_text_scale (1.0);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static void
test_narrow_titles (gconstpointer data)
{
  const char *lang = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (!nawat_ui_test_set_ui_locale (lang))
    {
      g_test_skip ("no th_TH.UTF-8 locale (build-aux/install-deps generates it)");
      return;
    }
  dir = g_dir_make_tmp ("nawat-look-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  nawat_ui_test_set_language (lang);
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_narrow_titles, (gpointer) lang);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_set_ui_locale (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
test_look (gconstpointer data)
{
  const char *lang = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (!nawat_ui_test_set_ui_locale (lang))
    {
      g_test_skip ("no th_TH.UTF-8 locale (build-aux/install-deps generates it)");
      return;
    }
  dir = g_dir_make_tmp ("nawat-look-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  nawat_ui_test_set_language (lang);
  /* The application imports the demo call into the new store. */
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive, (gpointer) lang);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_set_ui_locale (NULL);
  nawat_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* High contrast from GSettings, not from a portal the test has not got */
  g_setenv ("ADW_DISABLE_PORTAL", "1", TRUE);
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/look/display"))
    return g_test_run ();

  g_test_add_data_func ("/nawat/ui/look/en", "en", test_look);
  g_test_add_data_func ("/nawat/ui/look/th", "th", test_look);
  g_test_add_data_func ("/nawat/ui/look/narrow-titles/en", "en", test_narrow_titles);
  g_test_add_data_func ("/nawat/ui/look/narrow-titles/th", "th", test_narrow_titles);

  return g_test_run ();
}
