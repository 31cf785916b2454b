/* test-call-dialog.c: a coordinator makes a call in the window, by keyboard
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nawat-application.h"
#include "nawat-call-dialog.h"
#include "nawat-store.h"
#include "nawat-window-private.h"
#include "nawat-ui-test.h"

#define THAI_TITLE "ทุนนวัตกรรมเพื่อสังคม ระยะที่ 2 ปี 2567"
#define THAI_NAME "สมชาย ใจดี"

typedef struct
{
  const char *lang;
} TestData;

static NawatCallDialog *
find_dialog (NawatApplication *app)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (NAWAT_IS_CALL_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
dialog_is_open (gpointer user_data)
{
  return find_dialog (user_data) != NULL;
}

static gboolean
dialog_is_closed_or_refused (gpointer user_data)
{
  NawatCallDialog *dialog = find_dialog (user_data);

  return dialog == NULL || nawat_call_dialog_get_error (dialog) != NULL;
}

static gboolean
error_is_shown (gpointer user_data)
{
  return nawat_call_dialog_get_error (user_data) != NULL;
}

static gboolean
shows_new_call (gpointer user_data)
{
  NawatWindow *window = user_data;

  return window->call != NULL && g_strcmp0 (nawat_call_get_call_id (window->call), "si-2567") == 0;
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Pasted;

static gboolean
is_pasted (gpointer user_data)
{
  Pasted *pasted = user_data;
  GtkWidget *focus = focus_of (pasted->widget);

  return GTK_IS_EDITABLE (focus) && strstr (gtk_editable_get_text (GTK_EDITABLE (focus)), pasted->text) != NULL;
}

/* xdotool cannot type Thai into GTK: the text goes through the clipboard. */
static void
paste (GtkWidget  *widget,
       const char *text)
{
  Pasted pasted = { widget, text };

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  nawat_ui_test_press (widget, "ctrl+v");
  nawat_ui_test_wait_until (is_pasted, &pasted);
}

static NawatCall *
stored_call (NawatWindow *window)
{
  return nawat_store_get_call (window->store, "call:si-2567", NULL);
}

/* The editable inside the row named @name that holds the focus. */
static void
assert_focus_in (GtkWidget  *dialog,
                 const char *name)
{
  GtkWidget *focus = focus_of (dialog);
  GtkWidget *row = focus;

  while (row != NULL && g_strcmp0 (gtk_widget_get_name (row), name) != 0)
    row = gtk_widget_get_parent (row);
  if (row == NULL)
    g_error ("The focus is on a %s named “%s”, not in “%s”",
             focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
             focus != NULL ? gtk_widget_get_name (focus) : "", name);
}

static gboolean
focus_is_in (GtkWidget  *dialog,
             const char *name)
{
  for (GtkWidget *w = focus_of (dialog); w != NULL; w = gtk_widget_get_parent (w))
    if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
      return TRUE;
  return FALSE;
}

/* @key, a few times at most, until the focus is in @name. */
static void
key_to (GtkWidget  *dialog,
        const char *key,
        const char *name)
{
  for (guint i = 0; i < 12 && !focus_is_in (dialog, name); i++)
    nawat_ui_test_press (dialog, key);
  assert_focus_in (dialog, name);
}

static void
tab_to (GtkWidget  *dialog,
        const char *name)
{
  key_to (dialog, "Tab", name);
}

static void
drive_new_call (NawatApplication *app,
                NawatWindow      *window,
                gpointer          user_data)
{
  TestData *data = user_data;
  gboolean thai = g_str_equal (data->lang, "th");
  g_autoptr(NawatCallDialog) dialog = NULL;
  GtkWidget *root;
  g_autoptr(NawatCall) call = NULL;
  g_autofree char *prefix = g_strdup_printf ("call-dialog-%s", data->lang);
  const NawatEvaluatorProfile *profile;

  /* Ctrl+N, as the main menu's New Call… says. */
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_key_down (GTK_WIDGET (window), "ctrl+n");
  nawat_ui_test_wait_until (dialog_is_open, app);
  dialog = g_object_ref (find_dialog (app));
  root = GTK_WIDGET (dialog);
  /* The release goes to the dialog, which has the keyboard now. */
  nawat_ui_test_key_up (root, "ctrl+n");
  assert_focus_in (root, "call-id");

  /* An id alone: refused with the reason, nothing stored. */
  nawat_ui_test_type (root, "si-2567");
  nawat_ui_test_press (root, "ctrl+Return");
  nawat_ui_test_wait_until (error_is_shown, dialog);
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  g_assert_cmpstr (nawat_call_dialog_get_error (dialog), ==,
                   _("The call needs a title, in Thai or in English"));
  g_assert_true (gtk_widget_get_visible (nawat_ui_test_find (root, GTK_TYPE_LABEL, "call-error")));
  g_assert_null (stored_call (window));

  /* The titles, the year, the deadline */
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "title-th");
  paste (root, THAI_TITLE);
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "title-en");
  nawat_ui_test_type (root, "Social Innovation Phase 2, 2024");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "year");
  nawat_ui_test_press (root, "ctrl+a");
  nawat_ui_test_type (root, "2567");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "deadline-date");
  nawat_ui_test_press (root, "ctrl+a");
  /* In the Buddhist Era in Thai, as the preference says */
  nawat_ui_test_type (root, thai ? "30/9/2567" : "30/9/2024");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "deadline-time");
  nawat_ui_test_press (root, "ctrl+a");
  nawat_ui_test_type (root, "16:30");

  /* The default rubric, then the yearly theme: the last of the four, BE
   * 2567's.
   */
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "rubric-import");
  tab_to (root, "theme-ecosystem");
  nawat_ui_test_press (root, "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (nawat_ui_test_find (root, GTK_TYPE_CHECK_BUTTON,
                                                                                    "theme-ecosystem"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (nawat_ui_test_find (root, GTK_TYPE_CHECK_BUTTON,
                                                                                     "theme-none"))));

  /* An evaluator, with a Thai display name and a domain of expertise */
  tab_to (root, "add-evaluator");
  nawat_ui_test_press (root, "space");
  assert_focus_in (root, "evaluator-name");
  nawat_ui_test_type (root, "somchai");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "evaluator-display-name");
  paste (root, THAI_NAME);
  tab_to (root, "environment");
  nawat_ui_test_press (root, "space");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "food-water-energy");

  nawat_ui_test_wait_for_frame (root);
  nawat_ui_test_save_screenshots (root, prefix);

  nawat_ui_test_key_down (root, "ctrl+Return");
  nawat_ui_test_wait_until (dialog_is_closed_or_refused, app);
  g_assert_cmpstr (nawat_call_dialog_get_error (dialog), ==, NULL);
  nawat_ui_test_key_up (GTK_WIDGET (window), "ctrl+Return");
  nawat_ui_test_wait_until (shows_new_call, window);

  call = stored_call (window);
  g_assert_nonnull (call);
  g_assert_cmpstr (nawat_call_get_title (call)->th, ==, THAI_TITLE);
  g_assert_cmpstr (nawat_call_get_title (call)->en, ==, "Social Innovation Phase 2, 2024");
  g_assert_cmpint (nawat_call_get_year_be (call), ==, 2567);
  /* 16:30 in Thailand */
  g_assert_cmpstr (nawat_call_get_deadline (call), ==, "2024-09-30T09:30:00Z");
  g_assert_cmpstr (nawat_call_get_theme (call), ==, "ecosystem");
  g_assert_cmpstr (nawat_call_get_rubric (call), ==, "rubric:default:1");
  g_assert_cmpuint (g_strv_length ((char **) nawat_call_get_evaluators (call)), ==, 1);
  g_assert_cmpstr (nawat_call_get_evaluators (call)[0], ==, "somchai");
  profile = nawat_call_get_profile (call, "somchai");
  g_assert_nonnull (profile);
  g_assert_cmpstr (profile->display_name, ==, THAI_NAME);
  g_assert_cmpuint (g_strv_length (profile->domains), ==, 1);
  g_assert_cmpstr (profile->domains[0], ==, "environment");

  /* The window's list of calls shows the theme under the year. */
  {
    GtkWidget *theme = nawat_ui_test_find (GTK_WIDGET (window->calls_list), GTK_TYPE_LABEL, "call-theme");

    g_assert_nonnull (theme);
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (theme)), ==,
                     thai ? "ปีแห่งการพัฒนาระบบนิเวศนวัตกรรมเพื่อสังคม"
                          : "Developing the social-innovation ecosystem");
  }
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_free (prefix);
  prefix = g_strdup_printf ("call-created-%s", data->lang);
  nawat_ui_test_save_screenshots (GTK_WIDGET (window), prefix);
}

/* Edit Call… on the demo call: its fields filled from the document, its
 * evaluators kept, the theme changed and nothing else.
 */
static void
drive_edit_call (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  g_autoptr(NawatCallDialog) dialog = NULL;
  g_autoptr(NawatCall) before = g_object_ref (window->call);
  g_autoptr(NawatCall) after = NULL;
  g_autofree char *id = g_strdup_printf ("call:%s", nawat_call_get_call_id (before));
  GtkWidget *root;
  GtkWidget *id_row;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-call", NULL));
  nawat_ui_test_wait_until (dialog_is_open, app);
  dialog = g_object_ref (find_dialog (app));
  root = GTK_WIDGET (dialog);
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  assert_focus_in (root, "title-th");

  id_row = nawat_ui_test_find (root, ADW_TYPE_ENTRY_ROW, "call-id");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (id_row)), ==, nawat_call_get_call_id (before));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (id_row)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (nawat_ui_test_find (root, ADW_TYPE_ENTRY_ROW, "title-th"))),
                   ==, nawat_call_get_title (before)->th);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (nawat_ui_test_find (root, GTK_TYPE_CHECK_BUTTON,
                                                                                    "theme-none"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nawat_ui_test_find (root, GTK_TYPE_CHECK_BUTTON,
                                                                     "theme-recovery")), TRUE);

  nawat_ui_test_key_down (root, "ctrl+Return");
  nawat_ui_test_wait_until (dialog_is_closed_or_refused, app);
  g_assert_cmpstr (nawat_call_dialog_get_error (dialog), ==, NULL);
  nawat_ui_test_key_up (GTK_WIDGET (window), "ctrl+Return");

  after = nawat_store_get_call (window->store, id, NULL);
  g_assert_nonnull (after);
  g_assert_cmpstr (nawat_call_get_theme (after), ==, "recovery");
  g_assert_cmpstr (nawat_call_get_title (after)->th, ==, nawat_call_get_title (before)->th);
  g_assert_cmpstr (nawat_call_get_title (after)->en, ==, nawat_call_get_title (before)->en);
  g_assert_cmpint (nawat_call_get_year_be (after), ==, nawat_call_get_year_be (before));
  g_assert_cmpstr (nawat_call_get_deadline (after), ==, nawat_call_get_deadline (before));
  g_assert_cmpstr (nawat_call_get_rubric (after), ==, nawat_call_get_rubric (before));
  g_assert_true (g_strv_equal (nawat_call_get_evaluators (after), nawat_call_get_evaluators (before)));
}

static void
test_edit_call (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-call-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_edit_call, NULL);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
run (const char *lang)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-call-XXXXXX", &error);
  g_autofree char *path = NULL;
  TestData data = { lang };

  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  nawat_ui_test_set_language (lang);
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_new_call, &data);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
test_new_call_en (void)
{
  run ("en");
}

static void
test_new_call_th (void)
{
  if (!nawat_ui_test_set_ui_locale ("th"))
    {
      g_test_skip ("the th_TH.UTF-8 locale is missing");
      return;
    }
  run ("th");
  nawat_ui_test_set_ui_locale (NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/call-dialog/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/call-dialog/new-call/en", test_new_call_en);
  g_test_add_func ("/nawat/ui/call-dialog/new-call/th", test_new_call_th);
  g_test_add_func ("/nawat/ui/call-dialog/edit-call", test_edit_call);

  return g_test_run ();
}
