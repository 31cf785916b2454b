/* test-import-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nawat-import-dialog.h"
#include "nawat-import-dialog-private.h"
#include "nawat-import-mapping.h"
#include "nawat-project-list.h"
#include "nawat-store.h"
#include "nawat-ui-test.h"

/* Importing proposals in the window: the dialog on a CSV file with Thai
 * headers, a byte order mark, a quoted newline and one bad row, in a real
 * window under Xvfb, on a real store with the demo call.
 */

static NawatUiTestDemo *fixture;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* A CSV file of proposals whose codes begin with @prefix: rows 2 and 4
 * valid, row 3 with an unknown province.
 */
static GFile *
write_proposals (const char *prefix)
{
  g_autofree char *name = g_strdup_printf ("%s.csv", prefix);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  text = g_strdup_printf ("\xEF\xBB\xBF"
                          "รหัส,ชื่อโครงการ,หน่วยงาน,จังหวัด,ประเด็น,งบประมาณ,หมายเหตุ\r\n"
                          "%s-1,น้ำสะอาดเพื่อชุมชน,มูลนิธิน้ำใส,เชียงใหม่,ด้านสุขภาพ,\"1,250,000\",\"บรรทัดแรก\r\nบรรทัดที่สอง\"\r\n"
                          "%s-2,โครงการที่ผิด,องค์กร ข,แอตแลนติส,ด้านสุขภาพ,300000,\r\n"
                          "%s-3,ตลาดชุมชนออนไลน์,วิสาหกิจชุมชน,TH-40,tourism-culture,450000,\r\n",
                          prefix, prefix, prefix);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
dialog_loaded (gpointer user_data)
{
  return nawat_import_dialog_is_loaded (NAWAT_IMPORT_DIALOG (user_data));
}

static gboolean
window_gone (gpointer user_data)
{
  return *(GtkWidget **) user_data == NULL;
}

/* A parent with a toast overlay, as the main window has. */
static GtkWidget *
new_parent (AdwToastOverlay **overlay)
{
  GtkWidget *window = adw_window_new ();

  *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (*overlay));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 800);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* Scrolls the dialog to its end (the preview) and saves it as @name. */
static void
save_preview_screenshot (NawatImportDialog *dialog,
                         const char        *name)
{
  GtkWidget *page = nawat_ui_test_find (GTK_WIDGET (dialog), ADW_TYPE_PREFERENCES_PAGE, NULL);
  GtkWidget *scrolled = nawat_ui_test_find (page, GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  nawat_ui_test_save_screenshot (GTK_WIDGET (dialog), name);
  gtk_adjustment_set_value (adjustment, 0);
}

static NawatImportDialog *
open_dialog (GtkWidget *parent,
             GFile     *file)
{
  NawatImportDialog *dialog = nawat_import_dialog_new (GTK_WINDOW (parent), fixture->store,
                                                       fixture->call_id, file);

  gtk_window_present (GTK_WINDOW (dialog));
  nawat_ui_test_wait_until (dialog_loaded, dialog);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  return dialog;
}

static void
test_import (void)
{
  g_autoptr(GFile) file = write_proposals ("IMPA");
  AdwToastOverlay *overlay;
  GtkWidget *parent = new_parent (&overlay);
  NawatImportDialog *dialog = open_dialog (parent, file);
  GtkWidget *dialog_widget = GTK_WIDGET (dialog);
  GtkWidget *import_button = nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "import");
  GtkWidget *skip = nawat_ui_test_find (dialog_widget, GTK_TYPE_SWITCH, "skip-invalid");
  GtkWidget *province;
  NawatImport *import;
  g_autofree char *skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autofree char *id = NULL;

  /* The mapping guessed from the Thai headers, one row a column. */
  province = nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "จังหวัด");
  g_assert_nonnull (province);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (province)), ==,
                    NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "งบประมาณ"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
    nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "หมายเหตุ"))), ==,
                    NAWAT_IMPORT_FIELD_NONE);

  /* The preview: the valid rows as they will be stored. */
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                               "น้ำสะอาดเพื่อชุมชน"));
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                               "ตลาดชุมชนออนไลน์"));
  g_assert_null (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                            "โครงการที่ผิด"));
  {
    GtkWidget *row = nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                                "น้ำสะอาดเพื่อชุมชน");

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "1,250,000"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Chiang Mai"));
  }

  /* The report: row 3, its column and the reason. */
  {
    GtkWidget *row = nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                                "Row 3, column “จังหวัด”");

    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "แอตแลนติส"));
  }
  import = nawat_import_dialog_get_import (dialog);
  g_assert_cmpuint (nawat_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 1);

  /* Nothing can be imported while a row is invalid. */
  g_assert_true (gtk_widget_get_visible (skip));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (skip)));
  g_assert_false (gtk_widget_is_sensitive (import_button));

  nawat_ui_test_save_screenshot (dialog_widget, "import-dialog-en.png");
  save_preview_screenshot (dialog, "import-dialog-preview-en.png");

  /* A mapping without the province: the whole file is refused. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (province), NAWAT_IMPORT_FIELD_NONE);
  g_assert_null (nawat_import_dialog_get_import (dialog));
  g_assert_false (gtk_widget_is_sensitive (import_button));
  adw_combo_row_set_selected (ADW_COMBO_ROW (province), NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_nonnull (nawat_import_dialog_get_import (dialog));
  g_assert_cmpuint (nawat_import_get_n_invalid (nawat_import_dialog_get_import (dialog)), ==, 1);

  /* Skip the bad row, with the keyboard and the mouse as a person would. */
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  nawat_ui_test_click (skip);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (skip)));
  g_assert_true (gtk_widget_is_sensitive (import_button));
  skipped = g_strdup (nawat_import_dialog_get_skipped_path (dialog));
  g_assert_true (g_str_has_suffix (skipped, "IMPA-skipped.csv"));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog_widget);
  nawat_ui_test_click (import_button);
  nawat_ui_test_wait_until (window_gone, &dialog_widget);

  /* The two good rows are stored, the bad one written for correction. */
  id = g_strdup_printf ("project:%s:impa-1", fixture->call_id);
  project = nawat_store_get_project (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpint (nawat_project_get_budget_thb (project), ==, 1250000);
  g_clear_object (&project);
  g_free (id);
  id = g_strdup_printf ("project:%s:impa-3", fixture->call_id);
  project = nawat_store_get_project (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_clear_object (&project);
  g_free (id);
  id = g_strdup_printf ("project:%s:impa-2", fixture->call_id);
  project = nawat_store_get_project (fixture->store, id, NULL);
  g_assert_null (project);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (skipped, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "IMPA-2,โครงการที่ผิด"));
    g_assert_null (strstr (contents, "IMPA-1"));
  }
  nawat_ui_test_wait_for_frame (parent);
  nawat_ui_test_save_screenshot (parent, "import-dialog-imported-en.png");

  gtk_window_destroy (GTK_WINDOW (parent));
  spin ();
}

/* The same dialog in Thai, for its screenshot and its words. */
static void
test_thai (void)
{
  g_autoptr(GFile) file = write_proposals ("IMPB");
  AdwToastOverlay *overlay;
  GtkWidget *parent;
  NawatImportDialog *dialog;

  if (!nawat_ui_test_set_ui_locale ("th"))
    {
      g_test_skip ("no th_TH.UTF-8 locale");
      return;
    }
  parent = new_parent (&overlay);
  dialog = open_dialog (parent, file);
  g_assert_nonnull (nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                               "แถว 3 คอลัมน์ “จังหวัด”"));
  nawat_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-th.png");
  save_preview_screenshot (dialog, "import-dialog-preview-th.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
  spin ();
  nawat_ui_test_set_ui_locale (NULL);
}

/* The window: the action in the main menu, and a spreadsheet dropped on
 * it opens the dialog for the call shown; the list shows what was imported.
 */

typedef struct
{
  NawatWindow *window;
  guint        expected;
} ListWait;

static gboolean
list_has (gpointer user_data)
{
  ListWait *wait = user_data;
  NawatProjectList *list = nawat_window_get_project_list (wait->window);

  return list != NULL && !nawat_project_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == wait->expected;
}

static gboolean
list_loaded (gpointer user_data)
{
  NawatProjectList *list = nawat_window_get_project_list (NAWAT_WINDOW (user_data));

  return list != NULL && !nawat_project_list_get_loading (list);
}

static NawatImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (NAWAT_IS_IMPORT_DIALOG (toplevel))
        return NAWAT_IMPORT_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
drop_file (NawatWindow *window,
           GFile       *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;
  guint n_targets = 0;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
          n_targets++;
        }
    }
  g_assert_cmpuint (n_targets, ==, 1);
  return accepted;
}

static void
drive_window (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  g_autoptr(GFile) text_file = NULL;
  g_autoptr(GFile) file = write_proposals ("IMPW");
  NawatImportDialog *dialog;
  GtkWidget *dialog_widget;
  ListWait wait = { window, 0 };

  /* The main menu's action is there for the call shown. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (window)));
  g_assert_nonnull (nawat_window_get_call_id (window));
  nawat_ui_test_wait_until (list_loaded, window);
  wait.expected = g_list_model_get_n_items (G_LIST_MODEL (nawat_window_get_project_list (window))) + 2;

  /* Another kind of file is refused, and nothing opens. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "notes.txt", NULL);

    g_assert_true (g_file_set_contents (path, "x", -1, NULL));
    text_file = g_file_new_for_path (path);
  }
  g_assert_false (drop_file (window, text_file));
  g_assert_null (find_import_dialog ());

  /* A CSV file opens the dialog on it. */
  g_assert_true (drop_file (window, file));
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  nawat_ui_test_wait_until (dialog_loaded, dialog);
  g_assert_cmpuint (nawat_import_get_n_invalid (nawat_import_dialog_get_import (dialog)), ==, 1);

  dialog_widget = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog_widget);
  gtk_switch_set_active (GTK_SWITCH (nawat_ui_test_find (dialog_widget, GTK_TYPE_SWITCH,
                                                         "skip-invalid")), TRUE);
  gtk_widget_activate (nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "import"));
  nawat_ui_test_wait_until (window_gone, &dialog_widget);

  /* The list shows the two projects imported. */
  nawat_ui_test_wait_until (list_has, &wait);
}

static void
test_window (void)
{
  g_autofree char *path = g_build_filename (fixture->dir, "window.db", NULL);

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/import-dialog/display"))
    return g_test_run ();

  fixture = nawat_ui_test_demo_new ();

  g_test_add_func ("/nawat/ui/import-dialog/thai", test_thai);
  g_test_add_func ("/nawat/ui/import-dialog/import", test_import);
  g_test_add_func ("/nawat/ui/import-dialog/window", test_window);

  status = g_test_run ();
  g_clear_pointer (&fixture, nawat_ui_test_demo_free);

  return status;
}
