/* test-round.c: a coordinator sets up a round in the window, end to end
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In one running application, as a person would: a new call with Ctrl+N
 * (a Thai title, four evaluators who are users of the server), proposals
 * imported from a CSV file with Thai headers, a byte order mark, a quoted
 * newline and one bad row (its columns mapped by guess, the bad row
 * skipped), three evaluators assigned to every project automatically, and
 * the call published to a real PouchDB Server (started by
 * tests/server/nawat-test-server) with an admin's password for the first
 * publish.  Then an evaluator's own new store syncs from the server with
 * nawat-cli and must hold the call's projects with their assignments as
 * the coordinator's store has them.  The program starts itself again
 * inside its own session bus with a keyring in a temporary home, as
 * test-publish-window.c does, so the user's keyring is never touched.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nawat-assign-window-private.h"
#include "nawat-call-dialog.h"
#include "nawat-couch.h"
#include "nawat-import-dialog.h"
#include "nawat-import-dialog-private.h"
#include "nawat-import-mapping.h"
#include "nawat-project-list.h"
#include "nawat-publish-dialog.h"
#include "nawat-test-keyring.h"
#include "nawat-ui-test.h"
#include "nawat-ui-test-server.h"

#define CALL_ID     "round-2568"
#define THAI_TITLE  "ทุนนวัตกรรมเพื่อสังคม ปี 2568"
#define USER        "coordinator"
#define N_VALID     4
#define K           3
#define EVALUATOR   "somchai"

/* The evaluators: users of the test server (somchai and malee are made by
 * nawat-test-server, the others by this test) with Thai display names.
 */
static const struct
{
  const char *name;
  const char *display_name;
} evaluators[] = {
  { "somchai", "สมชาย ใจดี" },
  { "malee",   "มาลี ศรีสุข" },
  { "wichai",  "วิชัย มั่นคง" },
  { "ananda",  "อนันดา รักษ์ไทย" },
};

/* Waiting on the server, polled */
#define wait_until(cond, data) \
  nawat_ui_test_poll_until ((NawatUiTestCondition) (cond), (data), #cond)

static NawatUiTestServer world;

static NawatCouch *
couch_as (const char *user)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = g_strconcat (user, "-pw", NULL);

  couch = nawat_couch_new (world.url, &error);
  g_assert_no_error (error);
  nawat_couch_set_credentials (couch, user, password);
  return g_steal_pointer (&couch);
}

/* An evaluator's account on the server, as nawat-test-server makes its own
 * (the password is "<name>-pw").
 */
static void
create_server_user (const char *name)
{
  g_autoptr(NawatCouch) couch = couch_as ("admin");
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strconcat ("org.couchdb.user:", name, NULL);
  g_autofree char *password = g_strconcat (name, "-pw", NULL);
  g_autofree char *path = g_strconcat ("/_users/", id, NULL);
  guint status = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "nawat-evaluator");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "user");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  answer = nawat_couch_request (couch, "PUT", path, body, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (status == 201 || status == 202);
}

/* The design document of @user's database of the call, read as @user. */
static char *
server_rules_of (const char *user)
{
  g_autoptr(NawatCouch) couch = couch_as (user);
  g_autofree char *db = nawat_couch_evaluation_db_name (CALL_ID, user);
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *path = g_strdup_printf ("/%s/_design/nawat", escaped);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  guint status = 0;

  node = nawat_couch_request (couch, "GET", path, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "validate_doc_update"));
}

static GSettings *
app_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  g_assert_nonnull (source);
  schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  g_assert_nonnull (schema);
  return g_settings_new_full (schema, NULL, NULL);
}

/* The proposals as a programme office keeps them: Thai headers, a byte
 * order mark, a quoted newline, and row 4 with a province that does not
 * exist.
 */
static GFile *
write_proposals (void)
{
  g_autofree char *path = g_build_filename (world.dir, "proposals.csv", NULL);
  g_autoptr(GError) error = NULL;
  const char *text =
    "\xEF\xBB\xBF"
    "รหัส,ชื่อโครงการ,หน่วยงาน,จังหวัด,ประเด็น,งบประมาณ,หมายเหตุ\r\n"
    "RND-1,น้ำสะอาดเพื่อชุมชน,มูลนิธิน้ำใส,เชียงใหม่,ด้านสุขภาพ,\"1,250,000\",\"บรรทัดแรก\r\nบรรทัดที่สอง\"\r\n"
    "RND-2,ตลาดชุมชนออนไลน์,วิสาหกิจชุมชนบ้านนา,TH-40,tourism-culture,450000,\r\n"
    "RND-3,โครงการที่ผิด,องค์กร ข,แอตแลนติส,ด้านสุขภาพ,300000,\r\n"
    "RND-4,โรงเรียนชาวนา,สมาคมเกษตรกร,ขอนแก่น,ด้านสุขภาพ,800000,\r\n"
    "RND-5,ห้องเรียนดิจิทัล,มูลนิธิการศึกษา,TH-50,tourism-culture,\"620,000\",\r\n";

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* The call dialog */

static NawatCallDialog *
find_call_dialog (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (NAWAT_IS_CALL_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
call_dialog_is_open (gpointer user_data)
{
  return find_call_dialog () != NULL;
}

static gboolean
call_dialog_is_closed_or_refused (gpointer user_data)
{
  NawatCallDialog *dialog = find_call_dialog ();

  return dialog == NULL || nawat_call_dialog_get_error (dialog) != NULL;
}

static gboolean
shows_new_call (gpointer user_data)
{
  NawatWindow *window = user_data;

  return window->call != NULL && g_strcmp0 (nawat_call_get_call_id (window->call), CALL_ID) == 0;
}

static GtkWidget *
focus_of (GtkWidget *widget)
{
  return gtk_root_get_focus (gtk_widget_get_root (widget));
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

static void
assert_focus_in (GtkWidget  *dialog,
                 const char *name)
{
  if (!focus_is_in (dialog, name))
    {
      GtkWidget *focus = focus_of (dialog);

      g_error ("The focus is on a %s named “%s”, not in “%s”",
               focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "nothing",
               focus != NULL ? gtk_widget_get_name (focus) : "", name);
    }
}

/* Tab, as many times as it takes (past an evaluator's domains), until
 * the focus is in @name.
 */
static void
tab_to (GtkWidget  *dialog,
        const char *name)
{
  for (guint i = 0; i < 40 && !focus_is_in (dialog, name); i++)
    nawat_ui_test_press (dialog, "Tab");
  assert_focus_in (dialog, name);
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

static void
create_call (NawatApplication *app,
             NawatWindow      *window)
{
  g_autoptr(NawatCallDialog) dialog = NULL;
  g_autoptr(NawatCall) call = NULL;
  GtkWidget *root;

  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_key_down (GTK_WIDGET (window), "ctrl+n");
  nawat_ui_test_wait_until (call_dialog_is_open, app);
  dialog = g_object_ref (find_call_dialog ());
  root = GTK_WIDGET (dialog);
  nawat_ui_test_key_up (root, "ctrl+n");
  assert_focus_in (root, "call-id");

  nawat_ui_test_type (root, CALL_ID);
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "title-th");
  paste (root, THAI_TITLE);
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "title-en");
  nawat_ui_test_type (root, "Social Innovation 2025");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "year");
  nawat_ui_test_press (root, "ctrl+a");
  nawat_ui_test_type (root, "2568");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "deadline-date");
  nawat_ui_test_press (root, "ctrl+a");
  /* A deadline to come, so that the evaluators may score. */
  nawat_ui_test_type (root, "31/12/2099");
  nawat_ui_test_press (root, "Tab");
  assert_focus_in (root, "deadline-time");
  nawat_ui_test_press (root, "ctrl+a");
  nawat_ui_test_type (root, "16:30");

  /* Each evaluator: Tab to Add Evaluator and Space, which moves the focus
   * to the new evaluator's user name.
   */
  for (guint i = 0; i < G_N_ELEMENTS (evaluators); i++)
    {
      GtkWidget *focus;

      tab_to (root, "add-evaluator");
      nawat_ui_test_press (root, "space");
      assert_focus_in (root, "evaluator-name");
      focus = focus_of (root);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus)), ==, "");
      nawat_ui_test_type (root, evaluators[i].name);
      nawat_ui_test_press (root, "Tab");
      assert_focus_in (root, "evaluator-display-name");
      paste (root, evaluators[i].display_name);
    }

  nawat_ui_test_key_down (root, "ctrl+Return");
  nawat_ui_test_wait_until (call_dialog_is_closed_or_refused, app);
  g_assert_cmpstr (nawat_call_dialog_get_error (dialog), ==, NULL);
  nawat_ui_test_key_up (GTK_WIDGET (window), "ctrl+Return");
  nawat_ui_test_wait_until (shows_new_call, window);

  call = nawat_store_get_call (window->store, "call:" CALL_ID, NULL);
  g_assert_nonnull (call);
  g_assert_cmpstr (nawat_call_get_title (call)->th, ==, THAI_TITLE);
  g_assert_cmpuint (g_strv_length ((char **) nawat_call_get_evaluators (call)), ==, G_N_ELEMENTS (evaluators));
  for (guint i = 0; i < G_N_ELEMENTS (evaluators); i++)
    {
      const NawatEvaluatorProfile *profile = nawat_call_get_profile (call, evaluators[i].name);

      g_assert_cmpstr (nawat_call_get_evaluators (call)[i], ==, evaluators[i].name);
      g_assert_nonnull (profile);
      g_assert_cmpstr (profile->display_name, ==, evaluators[i].display_name);
    }
}

/* The import dialog */

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
import_dialog_loaded (gpointer user_data)
{
  return nawat_import_dialog_is_loaded (NAWAT_IMPORT_DIALOG (user_data));
}

static gboolean
window_gone (gpointer user_data)
{
  return *(GtkWidget **) user_data == NULL;
}

/* The file dropped on the window: the drop target's "drop" signal, as
 * test-import-dialog.c emits it (xdotool cannot drag a file from another
 * application onto the window).
 */
static gboolean
drop_file (NawatWindow *window,
           GFile       *file)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &accepted);
    }
  return accepted;
}

static gboolean
list_has_all (gpointer user_data)
{
  NawatProjectList *list = nawat_window_get_project_list (NAWAT_WINDOW (user_data));

  return list != NULL && !nawat_project_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) == N_VALID;
}

static void
import_proposals (NawatWindow *window)
{
  g_autoptr(GFile) file = write_proposals ();
  NawatImportDialog *dialog;
  GtkWidget *dialog_widget;
  GtkWidget *skip;
  GtkWidget *import_button;
  GtkWidget *province;
  NawatImport *import;

  g_assert_true (drop_file (window, file));
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  nawat_ui_test_wait_until (import_dialog_loaded, dialog);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  dialog_widget = GTK_WIDGET (dialog);

  /* The columns mapped by guess from the Thai headers. */
  province = nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "จังหวัด");
  g_assert_nonnull (province);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (province)), ==, NAWAT_IMPORT_FIELD_PROVINCE);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (
    nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_COMBO_ROW, "หมายเหตุ"))), ==, NAWAT_IMPORT_FIELD_NONE);
  import = nawat_import_dialog_get_import (dialog);
  g_assert_nonnull (import);
  g_assert_cmpuint (nawat_import_get_n_rows (import), ==, N_VALID + 1);
  g_assert_cmpuint (nawat_import_get_n_invalid (import), ==, 1);
  g_assert_nonnull (nawat_ui_test_find_titled (dialog_widget, ADW_TYPE_ACTION_ROW,
                                               "Row 4, column “จังหวัด”"));

  /* Nothing can be imported until the bad row is skipped. */
  skip = nawat_ui_test_find (dialog_widget, GTK_TYPE_SWITCH, "skip-invalid");
  import_button = nawat_ui_test_find (dialog_widget, GTK_TYPE_BUTTON, "import");
  g_assert_false (gtk_widget_is_sensitive (import_button));
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  nawat_ui_test_click (skip);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (skip)));
  g_assert_true (gtk_widget_is_sensitive (import_button));

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog_widget);
  nawat_ui_test_click (import_button);
  nawat_ui_test_wait_until (window_gone, &dialog_widget);
  nawat_ui_test_wait_until (list_has_all, window);
}

/* The assignment */

static NawatAssignWindow *
find_assign_window (NawatApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (NAWAT_IS_ASSIGN_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
assign_window_is_open (gpointer user_data)
{
  NawatAssignWindow *window = find_assign_window (user_data);

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window));
}

static gboolean
assign_is_idle (gpointer user_data)
{
  return !nawat_assign_window_get_busy (user_data);
}

static gboolean
report_is_shown (gpointer user_data)
{
  AdwMessageDialog *report = nawat_assign_window_get_report (user_data);

  return report != NULL && gtk_widget_get_mapped (GTK_WIDGET (report));
}

static gboolean
focus_within (gpointer user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (user_data));

  return focus != NULL && (focus == user_data || gtk_widget_is_ancestor (focus, user_data));
}

static GPtrArray *
projects_of (NawatStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *projects = nawat_store_list_projects_page (store, CALL_ID, NULL, 1000, &error);

  g_assert_no_error (error);
  return projects;
}

static void
assign_automatically (NawatApplication *app,
                      NawatWindow      *window)
{
  NawatAssignWindow *assign;
  GtkWidget *k_spin;
  GtkWidget *auto_button;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GHashTable) load = g_hash_table_new (g_str_hash, g_str_equal);

  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+shift+a");
  nawat_ui_test_wait_until (assign_window_is_open, app);
  assign = find_assign_window (app);
  g_assert_cmpstr (nawat_assign_window_get_call_id (assign), ==, CALL_ID);
  nawat_ui_test_wait_until (assign_is_idle, assign);
  nawat_ui_test_focus_window (GTK_WINDOW (assign));

  /* K = 3 typed in its field (focused as test-assign-window.c does), then
   * Assign Automatically clicked, and the report accepted with Return.
   */
  k_spin = nawat_ui_test_find (GTK_WIDGET (assign), GTK_TYPE_SPIN_BUTTON, "k-spin");
  g_assert_nonnull (k_spin);
  gtk_widget_grab_focus (k_spin);
  nawat_ui_test_wait_until (focus_within, k_spin);
  nawat_ui_test_press (k_spin, "ctrl+a");
  nawat_ui_test_type (k_spin, "3");
  auto_button = nawat_ui_test_find (GTK_WIDGET (assign), GTK_TYPE_BUTTON, "auto-assign");
  g_assert_nonnull (auto_button);
  nawat_ui_test_click (auto_button);
  nawat_ui_test_wait_until (report_is_shown, assign);
  nawat_ui_test_press (GTK_WIDGET (nawat_assign_window_get_report (assign)), "Return");
  nawat_ui_test_wait_until (assign_is_idle, assign);
  g_assert_null (nawat_assign_window_get_report (assign));

  /* K on every project, the loads within one (12 over 4: 3 each). */
  projects = projects_of (window->store);
  g_assert_cmpuint (projects->len, ==, N_VALID);
  for (guint i = 0; i < projects->len; i++)
    {
      const char * const *assigned = nawat_project_get_assigned (g_ptr_array_index (projects, i));

      g_assert_nonnull (assigned);
      g_assert_cmpuint (g_strv_length ((char **) assigned), ==, K);
      for (guint j = 0; assigned[j] != NULL; j++)
        g_hash_table_insert (load, (gpointer) assigned[j],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (load, assigned[j])) + 1));
    }
  g_assert_cmpuint (g_hash_table_size (load), ==, G_N_ELEMENTS (evaluators));
  for (guint i = 0; i < G_N_ELEMENTS (evaluators); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (load, evaluators[i].name)), ==,
                      N_VALID * K / G_N_ELEMENTS (evaluators));

  gtk_window_close (GTK_WINDOW (assign));
}

/* The publication */

static NawatPublishDialog *
find_publish_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  NawatPublishDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (NAWAT_IS_PUBLISH_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
publish_is_idle (NawatPublishDialog *dialog)
{
  return !nawat_publish_dialog_get_busy (dialog);
}

static GtkWidget *
named (NawatPublishDialog *dialog,
       const char         *name)
{
  GtkWidget *widget = nawat_ui_test_find (GTK_WIDGET (dialog), G_TYPE_INVALID, name);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
outcome (NawatPublishDialog *dialog)
{
  return nawat_ui_test_label (GTK_WIDGET (dialog), "outcome");
}

/* A click on the main button, and the wait for what it started.  The
 * button is last on the page, below the outcome: the page is scrolled to
 * its end first, as a person scrolls to reach it.
 */
static void
click_publish (NawatPublishDialog *dialog)
{
  GtkWidget *button = named (dialog, "publish-button");
  GtkWidget *scrolled = nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *adjustment;

  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_nonnull (scrolled);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  nawat_ui_test_click (button);
  wait_until (publish_is_idle, dialog);
}

static void
publish (NawatWindow *window)
{
  NawatPublishDialog *dialog;
  g_autofree char *published = NULL;
  const char *percent;

  /* From the main menu's Publish Call…, whose action test-publish-window.c
   * also activates directly.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = find_publish_dialog ();
  g_assert_nonnull (dialog);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));

  /* No password in the keyring: the coordinator's is asked for. */
  click_publish (dialog);
  g_assert_true (gtk_widget_get_visible (named (dialog, "password")));
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "password")), USER "-pw");

  /* The first publish of the call: an admin prepares the server. */
  click_publish (dialog);
  g_assert_true (gtk_widget_is_visible (named (dialog, "admin-user")));
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-user")), "admin");
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-password")), "admin-pw");

  /* PouchDB Server fails the probe of its security: tests only. */
  click_publish (dialog);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (named (dialog, "publish-button"))), ==,
                   _("Publish _Anyway"));
  click_publish (dialog);

  percent = strstr (_("Published %s to %s."), "%");
  published = g_strndup (_("Published %s to %s."), percent - _("Published %s to %s."));
  if (!g_str_has_prefix (outcome (dialog), published) || strstr (outcome (dialog), _("Refused: none.")) == NULL)
    g_error ("The publication did not succeed: %s", outcome (dialog));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  nawat_ui_test_save_screenshot (GTK_WIDGET (dialog), "round-published-en.png");

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
drive_round (NawatApplication *app,
             NawatWindow      *window,
             gpointer          user_data)
{
  create_call (app, window);
  import_proposals (window);
  assign_automatically (app, window);
  publish (window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "round-window-en.png");
}

/* The evaluator's own store, synced from the server, against the
 * coordinator's.
 */
static void
assert_evaluator_receives (void)
{
  g_autofree char *path = g_build_filename (world.dir, EVALUATOR ".db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) coordinator = NULL;
  g_autoptr(NawatStore) evaluator = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) received = NULL;
  guint n_mine = 0;

  out = nawat_ui_test_run_cli (EVALUATOR "-pw\n", &error, "--store", path, "sync", "--server",
                               world.url, "--call", CALL_ID, "--user", EVALUATOR,
                               "--password-stdin", NULL);
  g_assert_no_error (error);

  coordinator = nawat_store_open (world.store_path, &error);
  g_assert_no_error (error);
  evaluator = nawat_store_open (path, &error);
  g_assert_no_error (error);
  expected = projects_of (coordinator);
  received = projects_of (evaluator);
  g_assert_cmpuint (expected->len, ==, N_VALID);
  g_assert_cmpuint (received->len, ==, expected->len);
  rules = server_rules_of (EVALUATOR);
  g_assert_nonnull (rules);

  for (guint i = 0; i < expected->len; i++)
    {
      NawatProject *want = g_ptr_array_index (expected, i);
      const char *id = nawat_document_get_id (NAWAT_DOCUMENT (want));
      g_autoptr(NawatProject) got = nawat_store_get_project (evaluator, id, &error);
      const char * const *assigned = nawat_project_get_assigned (want);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", strrchr (id, ':') + 1);
      gboolean mine = g_strv_contains (assigned, EVALUATOR);

      g_assert_no_error (error);
      g_assert_nonnull (got);
      g_assert_true (g_strv_equal (nawat_project_get_assigned (got), assigned));
      /* The server takes this evaluator's scores on their projects only. */
      if (mine != (strstr (rules, quoted) != NULL))
        g_error ("%s is %sassigned to %s, and the server's rules say otherwise: %s",
                 id, mine ? "" : "not ", EVALUATOR, rules);
      n_mine += mine;
    }
  g_assert_cmpuint (n_mine, ==, N_VALID * K / G_N_ELEMENTS (evaluators));
}

static void
test_round (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (!nawat_ui_test_server_start (&world, "nawat-round-XXXXXX", "coordinator.db"))
    goto out;
  create_server_user ("wichai");
  create_server_user ("ananda");

  settings = app_settings ();
  g_settings_set_string (settings, "server-url", world.url);
  g_settings_set_string (settings, "server-user", USER);
  g_settings_set_string (settings, "evaluator-name", USER);
  g_settings_set_string (settings, "language", "en");

  nawat_ui_test_run_app (world.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_round, NULL);
  assert_evaluator_receives ();

out:
  nawat_ui_test_server_stop (&world);
}

int
main (int   argc,
      char *argv[])
{
  int status = nawat_ui_test_init_with_keyring (&argc, &argv, "/nawat/ui/round/display");

  if (status >= 0)
    return status;

  g_test_add_func ("/nawat/ui/round/end-to-end", test_round);

  return g_test_run ();
}
