/* nawat-ui-test.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nawat-ui-test.h"

#include <gdk/x11/gdkx.h>

/* Under AddressSanitizer: full allocation stacks for every UI test, so that
 * LeakSanitizer can tell the one-time allocations that the constructors of
 * the libraries and GTK modules the application loads make (matched by
 * "leak:_dl_init" in build-aux/lsan.supp) from leaks: the default fast
 * unwinder stops at GLib's g_malloc, built without frame pointers, and never
 * reaches _dl_init.  build-aux/test's ASAN_OPTIONS leave it out on purpose,
 * since it makes every allocation ten times slower in the other suites.
 */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

static void
test_no_display (void)
{
  if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No display in CI: run the UI tests under xvfb-run");
  else
    g_test_skip ("No display (DISPLAY and WAYLAND_DISPLAY are unset): run under xvfb-run");
}

void
nawat_ui_test_disable_gl (void)
{
  const char *flags = g_getenv ("GDK_DEBUG");
  g_autofree char *with_gl_disabled = NULL;

  /* GTK 4.8 sets up EGL when it opens the display, even with the cairo
   * renderer the tests draw with.  Some Mesa builds leak from inside the
   * driver then, which LeakSanitizer reports as a failure of the test, so
   * the outcome would depend on the machine's GL driver: the tests never
   * touch GL at all.
   */
  if (flags != NULL && strstr (flags, "gl-disable") != NULL)
    return;
  if (flags == NULL || *flags == '\0')
    with_gl_disabled = g_strdup ("gl-disable");
  else
    with_gl_disabled = g_strconcat (flags, ",gl-disable", NULL);
  g_setenv ("GDK_DEBUG", with_gl_disabled, TRUE);
}

gboolean
nawat_ui_test_init (int          *argc,
                    char       ***argv,
                    const char   *path)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      g_test_add_func (path, test_no_display);
      return FALSE;
    }

  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  nawat_ui_test_disable_gl ();

  gtk_test_init (argc, argv, NULL);
  setlocale (LC_ALL, "");
  adw_init ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* The catalogs of this build (<build>/po/<lang>/LC_MESSAGES), not the
   * installed ones, so that a Thai run shows the translation being tested.
   */
  if (g_getenv ("NAWAT_BUILD_ROOT") != NULL)
    {
      g_autofree char *localedir = g_build_filename (g_getenv ("NAWAT_BUILD_ROOT"), "po", NULL);

      bindtextdomain (GETTEXT_PACKAGE, localedir);
    }
  else
    bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  return TRUE;
}

/* How long any wait of these helpers may take: far more than a step of a
 * test needs, even on a loaded machine (a screen reader's walk over the
 * whole tree, a sync with the test server), and less than meson's timeout
 * for the whole test, so that a wait that would never end fails the test
 * saying what it waited for, instead of hanging until meson kills it.
 * NAWAT_UI_TEST_WAIT_LIMIT (seconds) sets another, for a test of the bound.
 */
#if defined(__SANITIZE_ADDRESS__)
#define WAIT_LIMIT_SECONDS 300
#else
#define WAIT_LIMIT_SECONDS 120
#endif

static guint
wait_limit (void)
{
  const char *limit = g_getenv ("NAWAT_UI_TEST_WAIT_LIMIT");
  guint64 seconds = 0;

  if (limit != NULL && g_ascii_string_to_unsigned (limit, 10, 1, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;

  return WAIT_LIMIT_SECONDS;
}

static gboolean
on_wait_limit_cb (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;

  return G_SOURCE_REMOVE;
}

/* Iterates the main context until @condition holds, and aborts the test
 * with a message naming @what once WAIT_LIMIT_SECONDS have passed: the
 * timeout wakes the main context even when nothing else would.
 */
static void
wait_bounded (NawatUiTestCondition  condition,
              gpointer              user_data,
              const char           *what)
{
  gboolean expired = FALSE;
  guint limit = wait_limit ();
  guint id = g_timeout_add_seconds (limit, on_wait_limit_cb, &expired);

  while (!condition (user_data))
    {
      if (expired)
        g_error ("Waited %u s %s, in vain: the test gives up", limit, what);
      g_main_context_iteration (NULL, TRUE);
    }

  if (!expired)
    g_source_remove (id);
}

void
nawat_ui_test_wait_until (NawatUiTestCondition condition,
                          gpointer             user_data)
{
  wait_bounded (condition, user_data, "for a condition of the test to hold");
}

void
nawat_ui_test_poll_until (NawatUiTestCondition  condition,
                          gpointer              user_data,
                          const char           *what)
{
  guint limit = wait_limit ();
  gint64 end = g_get_monotonic_time () + limit * G_USEC_PER_SEC;

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("Waited %u s until %s, in vain: the test gives up", limit, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_is_set (gpointer user_data)
{
  gboolean *flag = user_data;

  return *flag;
}

void
nawat_ui_test_keep_result (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (gpointer user_data)
{
  GAsyncResult **result = user_data;

  return *result != NULL;
}

GAsyncResult *
nawat_ui_test_wait_result (GAsyncResult **result)
{
  wait_bounded (has_result, result, "for an asynchronous call to finish");
  return *result;
}

gboolean
nawat_ui_test_open_project (NawatWindow  *window,
                            const char   *project_id,
                            GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nawat_window_open_project (window, project_id, NULL, nawat_ui_test_keep_result, &result);
  return nawat_window_open_project_finish (window, nawat_ui_test_wait_result (&result), error);
}

void
nawat_ui_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect_swapped (clock, "after-paint", G_CALLBACK (set_flag), &painted);
  gtk_widget_queue_draw (widget);
  wait_bounded (flag_is_set, &painted, "for the window to paint a frame");
  g_signal_handler_disconnect (clock, id);
}

/* GTK's own file chooser dialog (no portal under the tests), if shown */
static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_FILE_CHOOSER (toplevel);
    }
  return NULL;
}

static gboolean
file_chooser_shown (gpointer user_data)
{
  return find_file_chooser () != NULL;
}

static gboolean
file_chooser_gone (gpointer user_data)
{
  return find_file_chooser () == NULL;
}

static gboolean
file_chooser_has (gpointer user_data)
{
  GtkFileChooser *chooser = find_file_chooser ();
  g_autoptr(GListModel) chosen = chooser != NULL ? gtk_file_chooser_get_files (chooser) : NULL;
  g_autoptr(GFile) first = chosen != NULL && g_list_model_get_n_items (chosen) == 1
                           ? g_list_model_get_item (chosen, 0) : NULL;

  return first != NULL && g_file_equal (first, G_FILE (user_data));
}

GtkFileChooser *
nawat_ui_test_wait_for_file_chooser (void)
{
  wait_bounded (file_chooser_shown, NULL, "for the file chooser to show");
  return find_file_chooser ();
}

void
nawat_ui_test_accept_file_chooser (GtkFileChooser *chooser,
                                   GFile          *file)
{
  wait_bounded (file_chooser_has, file, "for the file chooser to hold the file");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait_bounded (file_chooser_gone, NULL, "for the file chooser to close");
}

/* Real input */

static gboolean
is_active (gpointer user_data)
{
  return gtk_window_is_active (user_data);
}

static gulong
window_xid (GtkWidget *widget)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  g_assert_true (GDK_IS_X11_SURFACE (surface));

  return gdk_x11_surface_get_xid (surface);
}

/* Runs xdotool with @args, then lets the window handle what it sent:
 * the main context runs until the window has seen @releases releases of
 * a key or a button, then until nothing is pending.
 */
typedef struct
{
  guint expected;
  guint seen;
} Releases;

static gboolean
on_release_cb (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               Releases                 *releases)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_KEY_RELEASE || type == GDK_BUTTON_RELEASE)
    releases->seen++;

  return GDK_EVENT_PROPAGATE;
}

static gboolean
all_released (gpointer user_data)
{
  Releases *releases = user_data;

  return releases->seen >= releases->expected;
}

static void
run_xdotool (GtkWidget          *widget,
             guint               releases,
             const char * const *args)
{
  /* The keys may close the window: it is kept until the end here. */
  g_autoptr(GtkWidget) window = g_object_ref (GTK_WIDGET (gtk_widget_get_root (widget)));
  GtkEventController *controller = gtk_event_controller_legacy_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Releases seen = { releases, 0 };
  g_autofree char *command = g_strjoinv (" ", (char **) args);
  g_autofree char *what = NULL;
  int status = 0;

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_release_cb), &seen);
  gtk_widget_add_controller (window, controller);

  g_ptr_array_add (argv, (char *) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* A window without the X input focus never sees a key. */
  what = g_strdup_printf ("for the window to see what \"xdotool %s\" sent "
                          "(has it the keyboard? nawat_ui_test_focus_window ())",
                          command);
  wait_bounded (all_released, &seen, what);
  gdk_display_sync (gtk_widget_get_display (window));
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  if (gtk_event_controller_get_widget (controller) == window)
    gtk_widget_remove_controller (window, controller);
}

void
nawat_ui_test_focus_window (GtkWindow *window)
{
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  xid = g_strdup_printf ("%lu", window_xid (GTK_WIDGET (window)));
  g_spawn_sync (NULL, (char *[]) { (char *) "xdotool", (char *) "windowfocus", xid, NULL }, NULL,
                G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  nawat_ui_test_wait_until (is_active, window);
}

static void
click_n (GtkWidget *widget,
         guint      n)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t middle = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                 gtk_widget_get_height (widget) / 2.f);
  graphene_point_t point;
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autofree char *repeat = NULL;
  double dx, dy;

  g_assert_true (gtk_widget_get_mapped (widget));
  nawat_ui_test_wait_for_frame (widget);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &middle, &point));
  /* A click outside the window would never reach it. */
  g_assert_true (gtk_widget_contains (GTK_WIDGET (native), point.x, point.y));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xid = g_strdup_printf ("%lu", window_xid (widget));
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));
  repeat = g_strdup_printf ("%u", n);
  run_xdotool (widget, n, (const char *[]) { "mousemove", "--window", xid, x, y,
                                             "click", "--repeat", repeat, "1", NULL });
}

void
nawat_ui_test_click (GtkWidget *widget)
{
  click_n (widget, 1);
}

void
nawat_ui_test_double_click (GtkWidget *widget)
{
  click_n (widget, 2);
}

void
nawat_ui_test_press (GtkWidget  *widget,
                     const char *keys)
{
  run_xdotool (widget, 1, (const char *[]) { "key", keys, NULL });
}

void
nawat_ui_test_key_down (GtkWidget  *widget,
                        const char *keys)
{
  run_xdotool (widget, 0, (const char *[]) { "keydown", keys, NULL });
}

void
nawat_ui_test_key_up (GtkWidget  *widget,
                      const char *keys)
{
  run_xdotool (widget, 1, (const char *[]) { "keyup", keys, NULL });
}

void
nawat_ui_test_type (GtkWidget  *widget,
                    const char *text)
{
  run_xdotool (widget, (guint) strlen (text), (const char *[]) { "type", "--delay", "0", text, NULL });
}

GtkWidget *
nawat_ui_test_find (GtkWidget  *root,
                    GType       type,
                    const char *name)
{
  if ((type == G_TYPE_INVALID || G_TYPE_CHECK_INSTANCE_TYPE (root, type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (root), name) == 0))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nawat_ui_test_find (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
nawat_ui_test_find_titled (GtkWidget  *root,
                           GType       type,
                           const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (title == NULL ||
       (ADW_IS_PREFERENCES_ROW (root) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nawat_ui_test_find_titled (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

const char *
nawat_ui_test_label (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *widget = nawat_ui_test_find (root, G_TYPE_INVALID, name);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_LABEL (widget));

  return gtk_label_get_label (GTK_LABEL (widget));
}

void
nawat_ui_test_save_screenshot (GtkWidget  *widget,
                               const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = 0;
  int height = 0;

  /* One frame lays out what changed last, the next one draws it.  What
   * an asynchronous result changes in the same iteration as the paint
   * leaves the widget to be laid out again, and drawn as nothing: then
   * one more frame.
   */
  nawat_ui_test_wait_for_frame (widget);
  for (guint frames = 0; node == NULL; frames++)
    {
      g_assert_cmpuint (frames, <, 20);
      nawat_ui_test_wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);

      paintable = gtk_widget_paintable_new (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      g_clear_object (&paintable);
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (g_getenv ("NAWAT_BUILD_ROOT") != NULL)
    dir = g_build_filename (g_getenv ("NAWAT_BUILD_ROOT"), "screenshots", NULL);
  else
    dir = g_build_filename (g_get_current_dir (), "screenshots", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

void
nawat_ui_test_save_screenshots (GtkWidget  *widget,
                                const char *prefix)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s-light.png", prefix);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", prefix);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  nawat_ui_test_save_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  nawat_ui_test_save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

void
nawat_ui_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

gboolean
nawat_ui_test_set_ui_locale (const char *lang)
{
  if (g_strcmp0 (lang, "th") == 0)
    {
      if (setlocale (LC_ALL, "th_TH.UTF-8") == NULL)
        return FALSE;
      g_setenv ("LANGUAGE", "th", TRUE);
      return TRUE;
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  return TRUE;
}

void
nawat_ui_test_set_language (const char *lang)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);

  if (schema != NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new_full (schema, NULL, NULL);

      g_settings_set_string (settings, "language", lang != NULL ? lang : "");
    }
  else if (lang != NULL)
    g_setenv ("LANGUAGE", lang, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* The application */

typedef struct
{
  NawatUiTestRunFlags   flags;
  NawatUiTestDriveFunc  func;
  gpointer              user_data;
  NawatApplication     *app;
  gboolean              done;
} Driver;

static gboolean
app_is_ready (gpointer user_data)
{
  return nawat_application_get_ready (user_data);
}

static gboolean
window_has_call (gpointer user_data)
{
  return nawat_window_get_call_id (user_data) != NULL;
}

static gboolean
drive_cb (gpointer user_data)
{
  Driver *driver = user_data;
  GtkWindow *window;
  GList *windows;

  window = gtk_application_get_active_window (GTK_APPLICATION (driver->app));
  g_assert_true (NAWAT_IS_WINDOW (window));

  nawat_ui_test_wait_until (app_is_ready, driver->app);
  if (driver->flags & NAWAT_UI_TEST_RUN_WAIT_FOR_CALL)
    nawat_ui_test_wait_until (window_has_call, window);
  driver->func (driver->app, NAWAT_WINDOW (window), driver->user_data);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (driver->app))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (driver->app));
  driver->done = TRUE;

  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app,
                Driver       *driver)
{
  g_idle_add (drive_cb, driver);
}

void
nawat_ui_test_run_app (const char           *store_path,
                       NawatUiTestRunFlags   flags,
                       NawatUiTestDriveFunc  func,
                       gpointer              user_data)
{
  g_autoptr(NawatApplication) app = nawat_application_new ();
  char *argv[] = { (char *) "nawat", (char *) "--store", (char *) store_path, NULL };
  Driver driver = { flags, func, user_data, app, FALSE };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_cb), &driver);

  g_assert_cmpint (g_application_run (G_APPLICATION (app), 3, argv), ==, 0);
  g_assert_true (driver.done);
}

void
nawat_ui_test_run_fresh (const char           *name,
                         NawatUiTestDriveFunc  func,
                         gpointer              user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("nawat-%s-XXXXXX", name);
  g_autofree char *dir = g_dir_make_tmp (template, &error);
  g_autofree char *path = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  g_settings_reset (settings, "evaluator-name");
  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "server-user");
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, func, user_data);
  nawat_ui_test_remove_dir (dir);
}

typedef struct
{
  NawatWindow *window;
  const char  *evaluator;
} EvaluatorWait;

static gboolean
window_has_evaluator (gpointer user_data)
{
  EvaluatorWait *wait = user_data;

  return g_strcmp0 (nawat_window_get_evaluator (wait->window), wait->evaluator) == 0;
}

void
nawat_ui_test_set_evaluator (NawatApplication *app,
                             NawatWindow      *window,
                             const char       *evaluator)
{
  EvaluatorWait wait = { window, evaluator };

  g_settings_set_string (nawat_application_get_settings (app), "evaluator-name", evaluator);
  nawat_ui_test_wait_until (window_has_evaluator, &wait);
}

/* The demo data */

JsonArray *
nawat_ui_test_load_demo (JsonParser *parser)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  bytes = g_resources_lookup_data (RESOURCE_BASE "/demo/demo.json", 0, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_node_get_array (root);
  return json_object_get_array_member (json_node_get_object (root), "docs");
}

const char *
nawat_ui_test_json_text (JsonObject *object,
                         const char *member,
                         const char *lang)
{
  JsonObject *text;

  if (!json_object_has_member (object, member))
    return NULL;

  text = json_object_get_object_member (object, member);
  if (text == NULL || !json_object_has_member (text, lang))
    return NULL;

  return json_object_get_string_member (text, lang);
}

GPtrArray *
nawat_ui_test_docs_of_type (JsonArray  *docs,
                            const char *type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_assert_nonnull (docs);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), type) == 0)
        g_ptr_array_add (found, doc);
    }

  return found;
}

NawatUiTestDemo *
nawat_ui_test_demo_new (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  NawatUiTestDemo *demo = g_new0 (NawatUiTestDemo, 1);
  JsonArray *docs;
  guint n_imported = 0;

  demo->dir = g_dir_make_tmp ("nawat-demo-XXXXXX", &error);
  g_assert_no_error (error);
  demo->path = g_build_filename (demo->dir, "demo.db", NULL);
  demo->store = nawat_store_open (demo->path, &error);
  g_assert_no_error (error);

  bytes = g_resources_lookup_data (RESOURCE_BASE "/demo/demo.json", 0, &error);
  g_assert_no_error (error);
  nawat_store_import_data (demo->store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           &n_imported, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, >, 0);

  calls = nawat_store_list_calls (demo->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calls->len, ==, 1);
  demo->call = g_object_ref (g_ptr_array_index (calls, 0));
  demo->call_id = nawat_call_get_call_id (demo->call);

  demo->parser = json_parser_new ();
  docs = nawat_ui_test_load_demo (demo->parser);
  demo->projects = nawat_ui_test_docs_of_type (docs, "project");
  g_assert_cmpuint (demo->projects->len, >, 0);
  evaluations = nawat_ui_test_docs_of_type (docs, "evaluation");
  demo->n_evaluations = evaluations->len;

  return demo;
}

void
nawat_ui_test_demo_free (NawatUiTestDemo *demo)
{
  g_clear_object (&demo->store);
  g_clear_object (&demo->call);
  g_clear_pointer (&demo->projects, g_ptr_array_unref);
  g_clear_object (&demo->parser);

  /* SQLite may leave its journal files beside the store: they go too. */
  g_assert_true (g_file_test (demo->path, G_FILE_TEST_IS_REGULAR));
  nawat_ui_test_remove_dir (demo->dir);
  g_free (demo->path);
  g_free (demo->dir);
  g_free (demo);
}

char *
nawat_ui_test_run_cli (const char  *stdin_text,
                       GError     **error,
                       ...)
{
  const char *cli = g_getenv ("NAWAT_CLI");
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, error);
  if (process == NULL)
    return NULL;
  if (!g_subprocess_communicate_utf8 (process, stdin_text, NULL, &out, &err, error))
    return NULL;
  if (!g_subprocess_get_successful (process))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) args->pdata);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s%s", command, out, err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static char *
test_server_script (void)
{
  return g_build_filename (g_getenv ("NAWAT_SOURCE_ROOT"), "tests", "server",
                           "nawat-test-server", NULL);
}

char *
nawat_ui_test_start_server (const char *server_dir)
{
  g_autofree char *script = test_server_script ();
  const char *argv[] = { script, "start", server_dir, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &out, &err, &status, &error)
      || !g_spawn_check_wait_status (status, NULL))
    {
      g_printerr ("Bail out! the PouchDB Server did not start (%s%s); "
                  "run build-aux/install-deps\n",
                  error != NULL ? error->message : "", err != NULL ? err : "");
      return NULL;
    }
  g_strstrip (out);
  if (!g_str_has_prefix (out, "http://127.0.0.1:"))
    return NULL;
  return g_steal_pointer (&out);
}

void
nawat_ui_test_stop_server (const char *server_dir)
{
  g_autofree char *script = test_server_script ();
  const char *argv[] = { script, "stop", server_dir, NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
}
