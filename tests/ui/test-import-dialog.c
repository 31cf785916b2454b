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
#include "nawat-import.h"
#include "nawat-project-list.h"
#include "nawat-store-attachments.h"
#include "nawat-store.h"
#include "nawat-ui-test.h"

#if defined(__SANITIZE_ADDRESS__)
#define RUNNING_ON_ASAN 1
#else
#define RUNNING_ON_ASAN 0
#endif

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

/* The file chooser a button opened, driven as a person would: to @file's
 * folder, then @file's name typed (to save) or the file chosen (to open),
 * then accepted.  Under AddressSanitizer, GTK's own chooser (its file
 * system model's threads, the cloud providers' client) leaks what
 * LeakSanitizer reports: there the dialog is given the file the chooser
 * would have given it.
 */
static void
choose_file (NawatImportDialog *dialog,
             GtkWidget         *button,
             GFile             *file)
{
  GtkFileChooser *chooser;
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;

  if (RUNNING_ON_ASAN)
    {
      if (g_str_equal (gtk_widget_get_name (button), "save-mapping"))
        g_assert_true (nawat_import_dialog_save_mapping (dialog, file));
      else
        g_assert_true (nawat_import_dialog_load_mapping (dialog, file));
      return;
    }
  nawat_ui_test_click (button);
  chooser = nawat_ui_test_wait_for_file_chooser ();
  if (gtk_file_chooser_get_action (chooser) == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
      g_assert_no_error (error);
      gtk_file_chooser_set_current_name (chooser, name);
    }
  else
    {
      g_assert_true (gtk_file_chooser_set_file (chooser, file, &error));
      g_assert_no_error (error);
    }
  nawat_ui_test_accept_file_chooser (chooser, file);
}

static GtkWidget *
focus_of (NawatImportDialog *dialog)
{
  return gtk_root_get_focus (GTK_ROOT (dialog));
}

static gboolean
focus_within (NawatImportDialog *dialog,
              GtkWidget         *widget)
{
  GtkWidget *focus = focus_of (dialog);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static guint
field_of (NawatImportDialog *dialog,
          const char        *header)
{
  GtkWidget *row = nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, header);

  g_assert_nonnull (row);
  return adw_combo_row_get_selected (ADW_COMBO_ROW (row));
}

static void
set_field (NawatImportDialog *dialog,
           const char        *header,
           NawatImportField   field)
{
  GtkWidget *row = nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, header);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), field);
}

/* A mapping file that cannot be the dialog's: the reason is shown, and
 * the mapping shown stays as it was.
 */
static void
assert_refused (NawatImportDialog *dialog,
                const char        *name,
                const char        *contents,
                const char        *reason)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *error_row = nawat_ui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                             "mapping-error");
  const char *subtitle;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  g_assert_false (nawat_import_dialog_load_mapping (dialog, file));
  g_assert_true (gtk_widget_get_visible (error_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (error_row)), ==,
                   "Could not load the mapping");
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (error_row));
  if (strstr (subtitle, reason) == NULL)
    g_error ("“%s” does not say “%s”", subtitle, reason);
  /* The reason is what the keyboard reaches first. */
  g_assert_true (focus_within (dialog, error_row));

  g_assert_cmpuint (field_of (dialog, "หมายเหตุ"), ==, NAWAT_IMPORT_FIELD_SUMMARY);
  g_assert_cmpuint (field_of (dialog, "จังหวัด"), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_nonnull (nawat_import_dialog_get_import (dialog));
  g_assert_cmpuint (nawat_import_get_n_invalid (nawat_import_dialog_get_import (dialog)), ==, 1);
}

/* Save the mapping, change a field, load the mapping back; bad mapping
 * files are refused.
 */
static void
test_mapping (void)
{
  g_autoptr(GFile) file = write_proposals ("IMPM");
  g_autofree char *path = g_build_filename (fixture->dir, "IMPM-mapping.json", NULL);
  g_autoptr(GFile) mapping_file = g_file_new_for_path (path);
  g_autoptr(NawatImportMapping) saved = NULL;
  g_autoptr(GError) error = NULL;
  AdwToastOverlay *overlay;
  GtkWidget *parent = new_parent (&overlay);
  NawatImportDialog *dialog = open_dialog (parent, file);
  GtkWidget *save = nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "save-mapping");
  GtkWidget *load = nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "load-mapping");
  GtkWidget *error_row = nawat_ui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                             "mapping-error");

  /* A CSV file has no sheets to choose from. */
  g_assert_false (gtk_widget_is_visible (nawat_ui_test_find (GTK_WIDGET (dialog),
                                                             ADW_TYPE_COMBO_ROW, "sheet")));
  g_assert_false (gtk_widget_get_visible (error_row));
  g_assert_nonnull (gtk_widget_get_tooltip_text (save));
  g_assert_nonnull (gtk_widget_get_tooltip_text (load));

  /* Saved through the file chooser, as the file nawat-cli import
   * --mapping reads; the keyboard is back on the button.
   */
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  choose_file (dialog, save, mapping_file);
  saved = nawat_import_mapping_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_import_mapping_get (saved, "จังหวัด"), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_cmpint (nawat_import_mapping_get (saved, "รหัส"), ==, NAWAT_IMPORT_FIELD_CODE);
  g_assert_cmpint (nawat_import_mapping_get (saved, "หมายเหตุ"), ==, NAWAT_IMPORT_FIELD_NONE);
  g_assert_true (nawat_import_mapping_contains (saved, "หมายเหตุ"));
  g_assert_true (focus_within (dialog, save));

  /* Changed: the province is no longer read, so nothing can be imported. */
  set_field (dialog, "จังหวัด", NAWAT_IMPORT_FIELD_NONE);
  set_field (dialog, "หมายเหตุ", NAWAT_IMPORT_FIELD_SUMMARY);
  g_assert_null (nawat_import_dialog_get_import (dialog));
  g_assert_null (nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                            "น้ำสะอาดเพื่อชุมชน"));

  /* Loaded back through the file chooser: the choosers, the preview and
   * the report follow, and the keyboard is on the first chooser.
   */
  choose_file (dialog, load, mapping_file);
  g_assert_cmpuint (field_of (dialog, "จังหวัด"), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_cmpuint (field_of (dialog, "หมายเหตุ"), ==, NAWAT_IMPORT_FIELD_NONE);
  g_assert_nonnull (nawat_import_dialog_get_import (dialog));
  g_assert_cmpuint (nawat_import_get_n_invalid (nawat_import_dialog_get_import (dialog)), ==, 1);
  g_assert_nonnull (nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                               "น้ำสะอาดเพื่อชุมชน"));
  g_assert_nonnull (nawat_ui_test_find_titled (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW,
                                               "Row 3, column “จังหวัด”"));
  g_assert_true (focus_within (dialog, nawat_ui_test_find_titled (GTK_WIDGET (dialog),
                                                                  ADW_TYPE_COMBO_ROW, "รหัส")));

  /* Bad mapping files change nothing. */
  set_field (dialog, "หมายเหตุ", NAWAT_IMPORT_FIELD_SUMMARY);
  assert_refused (dialog, "broken.json", "{\"columns\": [", "not a column mapping");
  assert_refused (dialog, "types.json",
                  "{\"columns\": [{\"header\": \"จังหวัด\", \"field\": 3}]}",
                  "column 1 needs a “header” and a “field” text");
  assert_refused (dialog, "other.json",
                  "{\"columns\": [{\"header\": \"หมายเหตุ\", \"field\": \"none\"},"
                  " {\"header\": \"เลขที่\", \"field\": \"code\"}]}",
                  "“เลขที่”");
  nawat_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-dialog-mapping-error-en.png");

  /* The next change puts the reason away. */
  set_field (dialog, "หมายเหตุ", NAWAT_IMPORT_FIELD_NONE);
  g_assert_false (gtk_widget_get_visible (error_row));

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (parent));
  spin ();
}

/* A workbook of two sheets, the proposals in the second: chosen with the
 * keyboard, it is read and imported; in Thai, for the screenshot.
 */
static const char two_sheets_script[] =
  "import sys, openpyxl\n"
  "wb = openpyxl.Workbook()\n"
  "ws = wb.active\n"
  "ws.title = 'สรุป'\n"
  "ws.append(['ภูมิภาค', 'จำนวน'])\n"
  "ws.append(['ภาคเหนือ', 2])\n"
  "ws = wb.create_sheet('ข้อเสนอ')\n"
  "ws.append(['รหัส', 'ชื่อโครงการ', 'หน่วยงาน', 'จังหวัด', 'ประเด็น', 'งบประมาณ'])\n"
  "ws.append(['IMPX-1', 'ป่าชุมชนยั่งยืน', 'มูลนิธิป่าไม้', 'น่าน', 'ด้านเกษตรกรรมยั่งยืน', 800000])\n"
  "ws.append(['IMPX-2', 'ห้องเรียนดิจิทัล', 'โรงเรียนบ้านดอย', 'TH-57', 'government-education', 250000])\n"
  "wb.save(sys.argv[1])\n";

static GFile *
write_two_sheets (void)
{
  g_autofree char *path = g_build_filename (fixture->dir, "IMPX.xlsx", NULL);
  const char *python = g_getenv ("NAWAT_OPENPYXL_PYTHON");
  const char *argv[] = { python, "-c", two_sheets_script, path, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (python == NULL || *python == '\0')
    g_error ("No Python with openpyxl: install python3-openpyxl (build-aux/install-deps)");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", error->message, err);
  return g_file_new_for_path (path);
}

/* Sends @keys (xdotool's names) to the display.  The sheet's drop-down
 * holds the keyboard while it is open, so the keys' arrival is seen in
 * what they do rather than in the window's events.
 */
static void
send_keys (const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) "xdotool");
  g_ptr_array_add (argv, (char *) "key");
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (argv, names[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
popover_shown (gpointer user_data)
{
  GtkWidget *popover = nawat_ui_test_find (GTK_WIDGET (user_data), GTK_TYPE_POPOVER, NULL);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static gboolean
sheet_chosen (gpointer user_data)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (user_data)) == 1 &&
         !popover_shown (user_data);
}

static void
test_sheets (void)
{
  g_autoptr(GFile) file = write_two_sheets ();
  AdwToastOverlay *overlay;
  GtkWidget *parent;
  NawatImportDialog *dialog;
  GtkWidget *dialog_widget;
  GtkWidget *sheet;
  NawatImport *import;
  g_autoptr(NawatProject) project = NULL;
  g_autofree char *id = NULL;
  gboolean thai = nawat_ui_test_set_ui_locale ("th");

  parent = new_parent (&overlay);
  dialog = open_dialog (parent, file);
  dialog_widget = GTK_WIDGET (dialog);
  sheet = nawat_ui_test_find (dialog_widget, ADW_TYPE_COMBO_ROW, "sheet");

  /* The first sheet, read by default, holds no proposals. */
  g_assert_true (gtk_widget_is_visible (sheet));
  g_assert_nonnull (gtk_widget_get_tooltip_text (sheet));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sheet)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (sheet))),
                    ==, 2);
  g_assert_null (nawat_import_dialog_get_import (dialog));
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "ภูมิภาค"));

  /* The second, chosen with the keyboard: read again, in a thread. */
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (sheet);
  send_keys ("Return");
  nawat_ui_test_wait_until (popover_shown, sheet);
  send_keys ("Down Return");
  nawat_ui_test_wait_until (sheet_chosen, sheet);
  nawat_ui_test_wait_until (dialog_loaded, dialog);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (sheet)), ==, 1);
  import = nawat_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpuint (nawat_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 0);
  g_assert_null (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "ภูมิภาค"));
  g_assert_cmpuint (field_of (dialog, "จังหวัด"), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                               "ป่าชุมชนยั่งยืน"));
  /* The keyboard stays on the sheet's chooser. */
  g_assert_true (focus_within (dialog, sheet));
  nawat_ui_test_wait_for_frame (dialog_widget);
  nawat_ui_test_save_screenshot (dialog_widget, thai ? "import-dialog-sheets-th.png"
                                                     : "import-dialog-sheets-en.png");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog_widget);
  gtk_widget_activate (nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "import"));
  nawat_ui_test_wait_until (window_gone, &dialog_widget);

  id = g_strdup_printf ("project:%s:impx-2", fixture->call_id);
  project = nawat_store_get_project (fixture->store, id, NULL);
  g_assert_nonnull (project);
  g_assert_cmpstr (nawat_project_get_province (project), ==, "TH-57");
  g_assert_cmpint (nawat_project_get_budget_thb (project), ==, 250000);

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

/* A file of the folder @dir named @name, made with its parents. */
static void
put_document (const char *dir,
              const char *name,
              const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

static guint
n_files_of (const char *code)
{
  g_autofree char *id = g_strdup_printf ("project:%s:%s", fixture->call_id, code);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store, id, &error);

  g_assert_no_error (error);
  return nawat_project_get_attachments (project)->len;
}

static void
on_imported_cb (guint *n_imported,
                guint  n)
{
  *n_imported = n;
}

/* The proposals' files of a folder chosen with "Documents Folder…": a
 * file of no project is a problem that holds the import back; the others
 * are attached with it.
 */
static void
test_documents (void)
{
  g_autoptr(GFile) file = write_proposals ("IMPD");
  g_autofree char *docs = g_build_filename (fixture->dir, "impd-docs", NULL);
  g_autofree char *stray = g_build_filename (docs, "ZZZ-9.pdf", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (docs);
  AdwToastOverlay *overlay;
  GtkWidget *parent = new_parent (&overlay);
  NawatImportDialog *dialog = open_dialog (parent, file);
  GtkWidget *dialog_widget = GTK_WIDGET (dialog);
  GtkWidget *import_button = nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "import");
  GtkWidget *skip = nawat_ui_test_find (dialog_widget, GTK_TYPE_SWITCH, "skip-invalid");
  GtkWidget *progress;
  GtkWidget *row;
  guint n_imported = 0;

  g_assert_nonnull (nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "documents-folder"));
  put_document (docs, "IMPD-1.pdf", "%PDF-1.4 ข้อเสนอ IMPD-1");
  put_document (docs, "impd-3/ข้อเสนอฉบับเต็ม.pdf", "%PDF-1.4 ข้อเสนอ IMPD-3");
  put_document (docs, "impd-3/งบประมาณ.pdf", "%PDF-1.4 งบประมาณ IMPD-3");
  put_document (docs, "ZZZ-9.pdf", "%PDF-1.4 of no project");

  nawat_import_dialog_set_documents (dialog, folder);
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW, docs));
  row = nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW, "ZZZ-9.pdf");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Matches the code of no project");
  g_assert_cmpuint (nawat_import_get_n_documents (nawat_import_dialog_get_import (dialog)), ==, 3);

  /* Without the stray file, only the invalid row holds the import back. */
  g_assert_cmpint (g_unlink (stray), ==, 0);
  nawat_import_dialog_set_documents (dialog, folder);
  g_assert_null (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW, "ZZZ-9.pdf"));
  g_assert_false (gtk_widget_is_sensitive (import_button));
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  nawat_ui_test_click (skip);
  g_assert_true (gtk_widget_is_sensitive (import_button));

  /* The files are read, hashed and written in a thread: the click
   * (emitted, so that no event of the loop runs before the checks)
   * returns at once, the dialog held still and showing the progress,
   * and the import is told from the main loop afterwards.
   */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog_widget);
  g_signal_connect_swapped (dialog, "imported", G_CALLBACK (on_imported_cb), &n_imported);
  progress = nawat_ui_test_find (dialog_widget, GTK_TYPE_PROGRESS_BAR, "import-progress");
  g_assert_nonnull (progress);
  g_assert_false (gtk_widget_get_visible (progress));
  g_signal_emit_by_name (import_button, "clicked");
  g_assert_nonnull (dialog_widget);
  g_assert_cmpuint (n_imported, ==, 0);
  g_assert_true (gtk_widget_get_visible (progress));
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (progress)), ==,
                   "Attaching the files: 0 of 3");
  g_assert_false (gtk_widget_is_sensitive (import_button));
  g_assert_false (gtk_widget_is_sensitive (skip));
  nawat_ui_test_wait_until (window_gone, &dialog_widget);
  g_assert_cmpuint (n_imported, ==, 2);
  g_assert_cmpuint (n_files_of ("impd-1"), ==, 1);
  g_assert_cmpuint (n_files_of ("impd-3"), ==, 2);

  /* The fixture's folder is removed file by file: take away the folders. */
  {
    g_autofree char *blobs = nawat_store_dup_blobs_dir (fixture->store);
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s' '%s'", docs, blobs);
    g_autofree char *one = g_strdup_printf ("project:%s:impd-1", fixture->call_id);
    g_autofree char *three = g_strdup_printf ("project:%s:impd-3", fixture->call_id);
    const char *names_one[] = { "IMPD-1.pdf", NULL };
    const char *names_three[] = { "ข้อเสนอฉบับเต็ม.pdf", "งบประมาณ.pdf", NULL };
    g_autoptr(NawatProject) detached_one = NULL;
    g_autoptr(NawatProject) detached_three = NULL;
    g_autoptr(GError) error = NULL;

    detached_one = nawat_store_detach_files (fixture->store, one, names_one, &error);
    g_assert_no_error (error);
    detached_three = nawat_store_detach_files (fixture->store, three, names_three, &error);
    g_assert_no_error (error);
    g_assert_cmpint (system (rm), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (parent));
  spin ();
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
  g_test_add_func ("/nawat/ui/import-dialog/mapping", test_mapping);
  g_test_add_func ("/nawat/ui/import-dialog/sheets", test_sheets);
  g_test_add_func ("/nawat/ui/import-dialog/window", test_window);
  g_test_add_func ("/nawat/ui/import-dialog/documents", test_documents);

  status = g_test_run ();
  g_clear_pointer (&fixture, nawat_ui_test_demo_free);

  return status;
}
