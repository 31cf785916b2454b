/* test-sync-ui.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window synchronises with a real PouchDB Server (started by
 * tests/server/nawat-test-server) and keeps its password in a real
 * gnome-keyring: the program starts itself again inside its own session bus
 * with an unlocked keyring in a temporary home, so the user's keyring is
 * never touched.  A missing server, node or keyring is a failure, never a
 * skip.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nawat-application.h"
#include "nawat-conflicts-dialog.h"
#include "nawat-conflicts-dialog-private.h"
#include "nawat-couch.h"
#include "nawat-credentials.h"
#include "nawat-evaluation.h"
#include "nawat-score-form.h"
#include "nawat-score-form-private.h"
#include "nawat-store.h"
#include "nawat-sync-button.h"
#include "nawat-sync-button-private.h"
#include "nawat-test-keyring.h"
#include "nawat-test-network.h"
#include "nawat-window-private.h"
#include "nawat-ui-test.h"
#include "nawat-ui-test-server.h"

#define CALL_ID  "si-2569"
#define PROJECT  "project:si-2569:p001"
#define EVAL_ID  "evaluation:si-2569:p001:somchai"
#define USER     "somchai"
#define PASSWORD "somchai-pw"

#define wait_until(cond, data) \
  nawat_ui_test_poll_until ((NawatUiTestCondition) (cond), (data), #cond)

/* The test's world: a server, its URL, a temporary directory. */

static NawatUiTestServer world;
static const char *world_lang;
static gboolean world_thai_ui;

/* The demo call without its evaluations, as a coordinator would import it. */
static char *
write_call_file (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  char *path = g_build_filename (world.dir, "call.json", NULL);
  JsonArray *docs = nawat_ui_test_load_demo (parser);
  for (guint i = 0; i < json_array_get_length (docs); i++)
    {
      JsonObject *doc = json_array_get_object_element (docs, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (doc, "type", ""), "evaluation") != 0)
        json_array_add_element (kept, json_node_copy (json_array_get_element (docs, i)));
    }
  json_object_set_array_member (root, "docs", g_steal_pointer (&kept));
  json_node_set_object (node, root);
  data = json_to_string (node, FALSE);
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The call on the server and in a fresh store of the desktop. */
/* The proposal's file the coordinator attached to p001 on the server. */
static const char file_contents[] = "ข้อเสนอโครงการ ป่าชุมชน ฉบับเต็ม";

/* A server admin attaches a file to p001, inline in Base64, as any
 * CouchDB tool may.
 */
static void
attach_on_server (void)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(JsonNode) doc = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_base64_encode ((const guchar *) file_contents,
                                           strlen (file_contents));
  const char *path = "/nawat-" CALL_ID "/project%3A" CALL_ID "%3Ap001";
  JsonObject *attachments = json_object_new ();
  JsonObject *file = json_object_new ();

  couch = nawat_couch_new (world.url, &error);
  g_assert_no_error (error);
  nawat_couch_set_credentials (couch, "admin", "admin-pw");
  doc = nawat_couch_request (couch, "GET", path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (file, "content_type", "text/plain");
  json_object_set_string_member (file, "data", data);
  json_object_set_object_member (attachments, "ข้อเสนอ.txt", file);
  json_object_set_object_member (json_node_get_object (doc), "_attachments", attachments);
  answer = nawat_couch_request (couch, "PUT", path, doc, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
publish_call (void)
{
  g_autofree char *call = write_call_file ();
  g_autofree char *c0 = g_build_filename (world.dir, "c0.db", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  out = nawat_ui_test_run_cli (NULL, &error, "--store", c0, "import", call, NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  /* PouchDB Server fails publish's probe of its security: tests only. */
  out = nawat_ui_test_run_cli ("admin-pw\n", &error, "--store", c0, "publish", "--server",
                               world.url, "--call", CALL_ID, "--user", "admin", "--password-stdin",
                               "--insecure-server", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);

  /* Not empty, so the application does not import its demo evaluations. */
  out = nawat_ui_test_run_cli (NULL, &error, "--store", world.store_path, "import", call, NULL);
  g_assert_no_error (error);
  attach_on_server ();
}

/* A second desktop of the same evaluator edits @key on the server. */
static void
second_desktop_scores (const char *const *sets)
{
  g_autofree char *s2 = g_build_filename (world.dir, "s2.db", NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  out = nawat_ui_test_run_cli (PASSWORD "\n", &error, "--store", s2, "sync", "--server", world.url,
                               "--call", CALL_ID, "--user", USER, "--password-stdin", NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = nawat_ui_test_run_cli (NULL, &error, "--store", s2, "evaluate", PROJECT, "--evaluator",
                               USER, "--set", sets[0], "--set", sets[1], NULL);
  g_assert_no_error (error);
  g_clear_pointer (&out, g_free);
  out = nawat_ui_test_run_cli (PASSWORD "\n", &error, "--store", s2, "sync", "--server", world.url,
                               "--call", CALL_ID, "--user", USER, "--password-stdin", NULL);
  g_assert_no_error (error);
}

/* The server's copy of the evaluation, read with the core's client. */
static JsonObject *
server_evaluation (void)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = nawat_couch_evaluation_db_name (CALL_ID, USER);
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *path = g_strdup_printf ("/%s/%s", escaped, EVAL_ID);
  JsonNode *node;
  JsonObject *object;

  couch = nawat_couch_new (world.url, &error);
  g_assert_no_error (error);
  nawat_couch_set_credentials (couch, USER, PASSWORD);
  node = nawat_couch_request (couch, "GET", path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static double
server_score (const char *key)
{
  g_autoptr(JsonObject) doc = server_evaluation ();
  JsonObject *scores = json_object_get_object_member (doc, "scores");

  g_assert_nonnull (scores);
  g_assert_true (json_object_has_member (scores, key));
  return json_object_get_double_member (scores, key);
}

static char *
keyring_password (void)
{
  g_autoptr(GError) error = NULL;
  char *password = nawat_credentials_lookup (world.url, USER, NULL, &error);

  g_assert_no_error (error);
  return password;
}

/* Settings (the memory backend: shared by every GSettings of the process) */

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

static void
configure (const char *url,
           const char *user)
{
  g_autoptr(GSettings) settings = app_settings ();

  g_settings_set_string (settings, "server-url", url != NULL ? url : "");
  g_settings_set_string (settings, "server-user", user != NULL ? user : "");
  g_settings_set_string (settings, "evaluator-name", USER);
  g_settings_set_string (settings, "language", world_lang);
  g_settings_set_string (settings, "last-call", CALL_ID);
}

/* The application */

static void
run_app (NawatUiTestDriveFunc func)
{
  nawat_ui_test_run_app (world.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, func, NULL);
}

static NawatSyncButton *
sync_button (NawatWindow *window)
{
  GtkWidget *button = nawat_ui_test_find (GTK_WIDGET (window), NAWAT_TYPE_SYNC_BUTTON, NULL);

  g_assert_nonnull (button);
  return NAWAT_SYNC_BUTTON (button);
}

/* Screenshots */

/* Renders @native (a window or a popover) into <build>/screenshots/@name. */
/* @native in light and dark, as sync-@state-<lang>-<style>.png */
static void
save_screenshots (GtkWidget  *native,
                  const char *state)
{
  g_autofree char *prefix = g_strdup_printf ("sync-%s-%s", state, world_lang);

  nawat_ui_test_save_screenshots (native, prefix);
}

/* The header's details popover, with the window behind it. */
static void
save_popover_screenshots (NawatWindow *window,
                          const char  *state)
{
  GtkWidget *popover = nawat_ui_test_find (GTK_WIDGET (sync_button (window)), GTK_TYPE_POPOVER, NULL);
  g_autofree char *name = g_strconcat (state, "-details", NULL);

  g_assert_nonnull (popover);
  save_screenshots (GTK_WIDGET (window), state);
  gtk_popover_popup (GTK_POPOVER (popover));
  save_screenshots (popover, name);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

/* A project an admin puts in the call's database as written: its title
 * holds a NUL, which json-glib would cut the text at.
 */
static void
plant_project_with_nul (const char *id)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = nawat_couch_call_db_name (CALL_ID);
  g_autofree char *escaped = nawat_couch_escape_db (db);
  g_autofree char *path = g_strdup_printf ("/%s/%s", escaped, id);
  g_autofree char *text = g_strdup_printf ("{\"type\":\"project\",\"schema\":1,\"call\":\"%s\",\"code\":\"p901\","
                                           "\"title\":{\"th\":\"ปลอม\\u0000\",\"en\":\"Planted\"}}",
                                           CALL_ID);
  g_autoptr(GBytes) body = g_bytes_new (text, strlen (text));
  g_autoptr(GBytes) answer = NULL;
  guint status = 0;

  couch = nawat_couch_new (world.url, &error);
  g_assert_no_error (error);
  nawat_couch_set_credentials (couch, "admin", "admin-pw");
  answer = nawat_couch_send (couch, "PUT", path, body, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 201);
}

static gboolean
has_kept_aside (NawatSyncButton *button)
{
  return _nawat_sync_button_get_kept_aside (button) != NULL;
}

/* Driving the window */

static gboolean
is_idle (NawatSyncButton *button)
{
  return !nawat_sync_button_get_running (button);
}

static gboolean
is_running (NawatSyncButton *button)
{
  return nawat_sync_button_get_running (button);
}

/* "Sync now": what was typed is saved on the store's thread first, then
 * the round starts.
 */
static void
sync_now (NawatWindow *window)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  wait_until (is_running, sync_button (window));
}

static gboolean
is_pending (NawatSyncButton *button)
{
  return nawat_sync_button_get_state (button) == NAWAT_SYNC_STATE_PENDING;
}

static gboolean
is_offline (NawatSyncButton *button)
{
  return nawat_sync_button_get_state (button) == NAWAT_SYNC_STATE_OFFLINE;
}

static gboolean
is_up_to_date (NawatSyncButton *button)
{
  return !nawat_sync_button_get_running (button) &&
         nawat_sync_button_get_state (button) == NAWAT_SYNC_STATE_UP_TO_DATE;
}

static gboolean
has_password_dialog (NawatSyncButton *button)
{
  return nawat_sync_button_get_password_dialog (button) != NULL;
}

static gboolean
has_last_sync (NawatSyncButton *button)
{
  return nawat_sync_button_get_last_sync (button) > 0;
}

static void
open_project (NawatWindow *window)
{
  g_autoptr(GError) error = NULL;

  if (nawat_window_get_project (window) == NULL)
    g_assert_true (nawat_ui_test_open_project (window, PROJECT, &error));
  g_assert_no_error (error);
}

/* A digit key on @key's criterion, then the save the window makes. */
static void
score (NawatWindow *window,
       const char  *key,
       int          level)
{
  GtkWidget *form = nawat_window_get_score_form (window);
  g_autoptr(GVariant) parameter = g_variant_ref_sink (g_variant_new_int32 (level));
  g_autoptr(GError) error = NULL;

  open_project (window);
  /* First opened, the form asks about a conflict of interest: none. */
  if (_nawat_score_form_asks_conflict (NAWAT_SCORE_FORM (form)))
    g_assert_true (gtk_widget_activate_action (form, "score.no-conflict", NULL));
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), key));
  g_assert_true (gtk_widget_activate_action_variant (form, "score.set-level", parameter));
  g_assert_true (nawat_score_form_flush (NAWAT_SCORE_FORM (form), &error));
  g_assert_no_error (error);
}

static void
answer_password (NawatSyncButton *button,
                 const char      *password,
                 const char      *screenshot)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *check;

  wait_until (has_password_dialog, button);
  dialog = nawat_sync_button_get_password_dialog (button);
  entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  check = gtk_widget_get_next_sibling (entry);
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "sync"));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "sync"));
  if (screenshot != NULL)
    save_screenshots (GTK_WIDGET (dialog), screenshot);
  adw_message_dialog_response (dialog, "sync");
  g_assert_null (nawat_sync_button_get_password_dialog (button));
}

static NawatConflictsDialog *
find_conflicts_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  NawatConflictsDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (NAWAT_IS_CONFLICTS_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
conflicts_dialog_shown (gpointer unused)
{
  NawatConflictsDialog *dialog = find_conflicts_dialog ();

  return dialog != NULL && !nawat_conflicts_dialog_get_loading (dialog);
}

static gboolean
conflicts_dialog_gone (gpointer unused)
{
  return find_conflicts_dialog () == NULL;
}

static void
drive_round_trip (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  NawatSyncButton *button = sync_button (window);
  NawatStore *store = nawat_window_get_store (window);
  static const char * const server_sets[] = { "merit.innovation=1", "merit.impact=2" };
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) conflicted = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) fields = NULL;
  NawatConflictsDialog *dialog;
  const char *mine = NULL;
  const char *theirs = NULL;
  g_autofree char *one_pending = NULL;
  g_auto(GStrv) error_parts = NULL;
  char *password;
  double value = 0;

  /* A server is set up, this call never synced. */
  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_NEVER);

  /* An edit waits to be sent. */
  score (window, "merit.innovation", 4);
  wait_until (is_pending, button);
  one_pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d pending", "%d pending", 1), 1);
  g_assert_cmpstr (nawat_sync_button_get_label (button), ==, one_pending);

  /* No password in the keyring: the sync asks; a wrong one is refused,
   * shown, never kept, and nothing is lost.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  answer_password (button, "wrong-password", "password");
  wait_until (has_password_dialog, button);
  save_screenshots (GTK_WIDGET (window), "error");
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_ERROR);
  g_assert_cmpstr (nawat_sync_button_get_label (button), ==, _("Password needed"));
  /* The translated sentence between the server's reason and the time. */
  error_parts = g_strsplit (_("%s\nNothing was lost: every edit is kept on this computer. %s."),
                            "%s", -1);
  g_assert_cmpuint (g_strv_length (error_parts), ==, 3);
  g_assert_nonnull (strstr (nawat_sync_button_get_detail (button), error_parts[1]));
  g_assert_null (strstr (nawat_sync_button_get_detail (button), "wrong-password"));
  password = keyring_password ();
  g_assert_null (password);
  stored = nawat_store_get_evaluation (store, EVAL_ID, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 1);
  g_clear_object (&stored);

  /* The right password syncs and is remembered in the keyring. */
  answer_password (button, PASSWORD, NULL);
  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpstr (nawat_sync_button_get_label (button), ==, _("Up to date"));
  g_assert_true (g_str_has_prefix (nawat_sync_button_get_detail (button), _("Synced just now")));
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 4);
  password = keyring_password ();
  g_assert_cmpstr (password, ==, PASSWORD);
  nawat_credentials_free_password (password);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 0);
  /* The proposal's file came with it, its bytes told in the details. */
  {
    g_autofree char *size = g_format_size (strlen (file_contents));
    g_autofree char *files = g_strdup_printf (_("Files: %s of %s"), size, size);

    g_assert_nonnull (strstr (_nawat_sync_button_get_progress (button), files));
  }
  save_popover_screenshots (window, "up-to-date");

  /* The same criteria edited differently on another desktop and here. */
  second_desktop_scores ((const char * const *) server_sets);
  score (window, "merit.innovation", 5);
  score (window, "merit.impact", 4);
  sync_now (window);
  /* The round may be over before the frame: the picture may show either. */
  save_screenshots (GTK_WIDGET (window), "running");
  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_CONFLICTS);
  g_assert_cmpuint (nawat_sync_button_get_conflicts (button), ==, 1);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 1);
  save_popover_screenshots (window, "conflicts");

  /* Both values side by side; a choice per criterion. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  wait_until (conflicts_dialog_shown, NULL);
  dialog = find_conflicts_dialog ();
  ids = nawat_conflicts_dialog_dup_evaluations (dialog);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, EVAL_ID);
  fields = nawat_conflicts_dialog_dup_fields (dialog, EVAL_ID);
  g_assert_true (g_strv_contains ((const char * const *) fields, "scores.merit.innovation"));
  g_assert_true (g_strv_contains ((const char * const *) fields, "scores.merit.impact"));
  g_assert_true (nawat_conflicts_dialog_get_values (dialog, EVAL_ID, "scores.merit.innovation",
                                                    &mine, &theirs));
  g_assert_true (g_str_has_prefix (mine, "5"));
  g_assert_true (g_str_has_prefix (theirs, "1"));
  g_assert_true (nawat_conflicts_dialog_get_values (dialog, EVAL_ID, "scores.merit.impact",
                                                    &mine, &theirs));
  g_assert_true (g_str_has_prefix (mine, "4"));
  g_assert_true (g_str_has_prefix (theirs, "2"));
  g_assert_true (nawat_conflicts_dialog_choose (dialog, EVAL_ID, "scores.merit.innovation", FALSE));
  save_screenshots (GTK_WIDGET (dialog), "conflicts-dialog");
  g_assert_true (nawat_conflicts_dialog_choose (dialog, EVAL_ID, "scores.merit.impact", TRUE));

  /* Applying saves through the core and syncs at once. */
  nawat_conflicts_dialog_apply (dialog);
  wait_until (conflicts_dialog_gone, NULL);
  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpuint (nawat_sync_button_get_conflicts (button), ==, 0);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 5);
  g_assert_cmpfloat (server_score ("merit.impact"), ==, 2);
  conflicted = nawat_store_list_conflicted (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (conflicted), ==, 0);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 0);

  /* The open form shows the resolved evaluation. */
  g_assert_true (nawat_evaluation_get_score (nawat_window_get_evaluation (window),
                                             "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 2);

  /* A document the server should not hold is kept aside, and the sync
   * menu lists it with the reason (issue 15).
   */
  g_assert_null (_nawat_sync_button_get_kept_aside (button));
  plant_project_with_nul ("project:" CALL_ID ":p901");
  sync_now (window);
  wait_until (is_idle, button);
  wait_until (has_kept_aside, button);
  g_assert_cmpuint (_nawat_sync_button_get_quarantined (button), ==, 1);
  g_assert_true (g_str_has_prefix (_nawat_sync_button_get_kept_aside (button),
                                   "project:" CALL_ID ":p901: "));
  g_assert_nonnull (strstr (_nawat_sync_button_get_kept_aside (button), "\\u0000"));
  g_assert_null (nawat_store_get_project (store, "project:" CALL_ID ":p901", NULL));
  gtk_expander_set_expanded (GTK_EXPANDER (nawat_ui_test_find (GTK_WIDGET (button),
                                                               GTK_TYPE_EXPANDER, NULL)),
                             TRUE);
  save_popover_screenshots (window, "kept-aside");
}

/* The time of the last sync survives a restart. */
static void
drive_restart (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  NawatSyncButton *button = sync_button (window);
  g_autofree char *synced = NULL;

  wait_until (has_last_sync, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_UP_TO_DATE);
  g_assert_cmpint (g_get_real_time () / G_USEC_PER_SEC - nawat_sync_button_get_last_sync (button),
                   <, 3600);
  synced = nawat_sync_format_last_sync (nawat_sync_button_get_last_sync (button),
                                        g_get_real_time () / G_USEC_PER_SEC);
  g_assert_true (g_str_has_prefix (nawat_sync_button_get_detail (button), synced));
}

static double
stored_score (NawatStore *store,
              const char *key)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  double value = 0;

  evaluation = nawat_store_get_evaluation (store, EVAL_ID, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_evaluation_get_score (evaluation, key, &value));
  return value;
}

/* The offline details' sentence, without the time of the last sync */
static const char *offline_detail;

static gboolean
says_edit_kept (NawatSyncButton *button)
{
  return g_str_has_prefix (nawat_sync_button_get_detail (button), offline_detail);
}

/* Without a network the header says so and keeps the edits; when the
 * network returns, the window syncs on its own.  Cancelling a round keeps
 * every edit for the next one.
 */
static void
drive_offline (NawatApplication *app,
               NawatWindow      *window,
               gpointer          user_data)
{
  NawatSyncButton *button = sync_button (window);
  NawatStore *store = nawat_window_get_store (window);
  g_autofree char *one_kept = NULL;

  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_UP_TO_DATE);

  nawat_test_network_set_available (FALSE);
  wait_until (is_offline, button);
  g_assert_cmpstr (nawat_sync_button_get_label (button), ==, _("Offline"));
  score (window, "merit.innovation", 3);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 1);
  one_kept = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d edit is kept on this computer and will be sent when the network returns. %s.",
                                           "%d edits are kept on this computer and will be sent when the network returns. %s.",
                                           1),
                              1, "");
  one_kept[strlen (one_kept) - 2] = '\0';
  offline_detail = one_kept;
  wait_until (says_edit_kept, button);
  save_popover_screenshots (window, "offline");
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_OFFLINE);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 5);

  nawat_test_network_set_available (TRUE);
  wait_until (is_up_to_date, button);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 3);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 0);

  /* Cancelled while it looks up the password: nothing is sent, nothing lost */
  score (window, "merit.innovation", 2);
  wait_until (is_pending, button);
  sync_now (window);
  nawat_sync_button_cancel (button);
  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_PENDING);
  g_assert_cmpfloat (stored_score (store, "merit.innovation"), ==, 2);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 3);

  sync_now (window);
  wait_until (is_up_to_date, button);
  g_assert_cmpfloat (server_score ("merit.innovation"), ==, 2);
  g_assert_cmpint (nawat_store_count_pending (store), ==, 0);
}

/* No server: the header says the store is local, and syncing offers the
 * preferences instead.
 */
static void
drive_local (NawatApplication *app,
            NawatWindow      *window,
            gpointer          user_data)
{
  NawatSyncButton *button = sync_button (window);
  GList *toplevels;
  gboolean preferences = FALSE;

  wait_until (is_idle, button);
  g_assert_cmpint (nawat_sync_button_get_state (button), ==, NAWAT_SYNC_STATE_LOCAL);
  g_assert_cmpstr (nawat_sync_button_get_label (button), ==, _("Local only"));
  save_popover_screenshots (window, "local");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL));
  /* After what was typed is saved, on the store's thread: no server, so
   * the preferences ask for one, and nothing runs.
   */
  while (!preferences)
    {
      g_main_context_iteration (NULL, TRUE);
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_PREFERENCES_WINDOW (l->data))
          {
            preferences = TRUE;
            gtk_window_destroy (l->data);
          }
      g_list_free (toplevels);
    }
  g_assert_false (nawat_sync_button_get_running (button));
}

/* Relative times are worded for people. */
static void
test_format (void)
{
  g_autofree char *never = nawat_sync_format_last_sync (0, 1000);
  g_autofree char *now = nawat_sync_format_last_sync (1000, 1030);
  g_autofree char *minutes = nawat_sync_format_last_sync (1000, 1000 + 5 * 60 + 10);
  g_autofree char *hours = nawat_sync_format_last_sync (1000, 1000 + 3 * 3600);
  g_autofree char *days = nawat_sync_format_last_sync (1000, 1000 + 4 * 86400);
  g_autofree char *five = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced %d minute ago",
                                                       "Synced %d minutes ago", 5), 5);

  g_assert_cmpstr (never, ==, _("Not synced yet"));
  g_assert_cmpstr (now, ==, _("Synced just now"));
  g_assert_cmpstr (minutes, ==, five);
  g_assert_nonnull (strstr (minutes, "5"));
  g_assert_nonnull (strstr (hours, "3"));
  g_assert_nonnull (strstr (days, "4"));
}

static void
test_sync (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *lang = data;

  world_lang = lang;
  if (!nawat_ui_test_server_start (&world, "nawat-sync-ui-XXXXXX", "desktop.db"))
    goto out;
  publish_call ();

  world_thai_ui = nawat_ui_test_set_ui_locale (lang);
  if (!world_thai_ui && g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");

  /* No server configured. */
  configure (NULL, NULL);
  run_app (drive_local);

  configure (world.url, USER);
  run_app (drive_round_trip);
  /* Once is enough for what no picture shows. */
  if (g_str_equal (lang, "en"))
    {
      run_app (drive_restart);
      run_app (drive_offline);
    }

  /* The next language run starts without a password. */
  g_assert_true (nawat_credentials_clear (world.url, USER, NULL, &error));
  g_assert_no_error (error);

out:
  nawat_ui_test_set_ui_locale (NULL);
  nawat_ui_test_server_stop (&world);
}

int
main (int   argc,
      char *argv[])
{
  int status = nawat_ui_test_init_with_keyring (&argc, &argv, "/nawat/ui/sync/display");

  if (status >= 0)
    return status;
  nawat_test_network_install ();

  g_test_add_func ("/nawat/ui/sync/format", test_format);
  g_test_add_data_func ("/nawat/ui/sync/en", "en", test_sync);
  g_test_add_data_func ("/nawat/ui/sync/th", "th", test_sync);

  return g_test_run ();
}
