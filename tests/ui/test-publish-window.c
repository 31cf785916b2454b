/* test-publish-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coordinator publishes a call from the real window to a real PouchDB
 * Server (started by tests/server/nawat-test-server): the server's security
 * is refused until they publish anyway, the missing databases are explained
 * and prepared with an admin's password, and then the call's documents and
 * the evaluators' assignments are on the server, read back over HTTP.  The
 * password comes from a real gnome-keyring, or is asked for: the program
 * starts itself again inside its own session bus with an unlocked keyring
 * in a temporary home, so the user's keyring is never touched.  A missing
 * server, node or keyring is a failure, never a skip.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nawat-call-dialog.h"
#include "nawat-couch.h"
#include "nawat-credentials.h"
#include "nawat-publish-dialog.h"
#include "nawat-test-keyring.h"
#include "nawat-ui-test.h"
#include "nawat-ui-test-server.h"

#define CALL_ID  "si-2569"
#define USER     "coordinator"

#define wait_until(cond, data) \
  nawat_ui_test_poll_until ((NawatUiTestCondition) (cond), (data), #cond)

static NawatUiTestServer world;

/* The demo call without its evaluations and with a deadline to come, as a
 * coordinator sets up a round.
 */
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
      const char *type = json_object_get_string_member_with_default (doc, "type", "");

      if (g_str_equal (type, "evaluation"))
        continue;
      if (g_str_equal (type, "call"))
        json_object_set_string_member (doc, "deadline", "2099-12-31T17:00:00Z");
      json_array_add_element (kept, json_node_copy (json_array_get_element (docs, i)));
    }
  json_object_set_array_member (root, "docs", g_steal_pointer (&kept));
  json_node_set_object (node, root);
  data = json_to_string (node, FALSE);
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* GET @path on the server as @user (whose password is "<user>-pw"); NULL
 * when the server answers 404.
 */
static JsonObject *
server_get (const char *user,
            const char *db,
            const char *doc_id)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = g_strconcat (user, "-pw", NULL);
  g_autofree char *escaped_db = nawat_couch_escape_db (db);
  g_autofree char *escaped_id = g_uri_escape_string (doc_id, "/", FALSE);
  g_autofree char *path = g_strdup_printf ("/%s/%s", escaped_db, escaped_id);
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  couch = nawat_couch_new (world.url, &error);
  g_assert_no_error (error);
  nawat_couch_set_credentials (couch, user, password);
  node = nawat_couch_request (couch, "GET", path, NULL, &status, NULL, &error);
  if (status == 404)
    return NULL;
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static gboolean
strv_has (JsonArray  *array,
          const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;
  return FALSE;
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

static NawatCallDialog *
find_call_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  NawatCallDialog *found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (NAWAT_IS_CALL_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
call_dialog_is_closed (gpointer user_data)
{
  return find_call_dialog () == NULL;
}

/* The publish state under the call in the window's sidebar. */
static const char *
row_state (NawatWindow *window)
{
  return nawat_ui_test_label (GTK_WIDGET (window), "call-published");
}

typedef struct
{
  NawatWindow *window;
  const char  *prefix;
  gboolean     changed;
} RowState;

static gboolean
row_shows (RowState *expected)
{
  const char *state = row_state (expected->window);

  return g_str_has_prefix (state, expected->prefix) &&
         (strstr (state, _("Changed since published: publish again")) != NULL) == expected->changed;
}

/* Edit Call… on the published call: it says so, lets the call be edited
 * but not its ID, and after the edit the sidebar says to publish again.
 */
static void
edit_published_call (NawatWindow *window,
                     const char  *published,
                     const char  *lang)
{
  g_autofree char *shot = g_strdup_printf ("publish-call-changed-%s.png", lang);
  NawatCallDialog *call_dialog;
  GtkWidget *root;
  RowState changed = { window, published, TRUE };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-call", NULL));
  call_dialog = find_call_dialog ();
  g_assert_nonnull (call_dialog);
  root = GTK_WIDGET (call_dialog);
  g_assert_true (g_str_has_prefix (nawat_ui_test_label (root, "call-published"), published));
  g_assert_false (gtk_widget_get_visible (nawat_ui_test_find (root, G_TYPE_INVALID, "call-changed")));
  g_assert_true (gtk_widget_get_visible (nawat_ui_test_find (root, G_TYPE_INVALID,
                                                              "call-published-note")));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (nawat_ui_test_find (root, ADW_TYPE_ENTRY_ROW,
                                                                               "call-id"))));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (nawat_ui_test_find (root, GTK_TYPE_CHECK_BUTTON,
                                                                     "theme-recovery")), TRUE);
  g_assert_true (gtk_widget_activate_action (root, "call.save", NULL));
  wait_until (call_dialog_is_closed, NULL);
  wait_until (row_shows, &changed);

  /* Opened again, the dialog says it too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-call", NULL));
  call_dialog = find_call_dialog ();
  g_assert_nonnull (call_dialog);
  g_assert_cmpstr (nawat_ui_test_label (GTK_WIDGET (call_dialog), "call-changed"), ==,
                   _("Changed since published: publish again"));
  g_assert_true (gtk_widget_get_visible (nawat_ui_test_find (GTK_WIDGET (call_dialog), G_TYPE_INVALID,
                                                              "call-changed")));
  nawat_ui_test_save_screenshot (GTK_WIDGET (call_dialog), shot);
  gtk_window_destroy (GTK_WINDOW (call_dialog));
}

static gboolean
is_idle (NawatPublishDialog *dialog)
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

/* Fails saying what the dialog shows when it does not show @text. */
static void
assert_outcome_has (NawatPublishDialog *dialog,
                    const char         *text)
{
  if (strstr (outcome (dialog), text) == NULL)
    g_error ("The outcome “%s” does not say “%s”", outcome (dialog), text);
}

/* A click on the main button, and the wait for what it started. */
static void
press_publish (NawatPublishDialog *dialog)
{
  GtkWidget *button = named (dialog, "publish-button");

  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (nawat_publish_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (button));
  wait_until (is_idle, dialog);
}

/* What comes before the first %s of @format (translated). */
static char *
format_prefix (const char *format)
{
  const char *percent = strstr (format, "%");

  g_assert_nonnull (percent);
  return g_strndup (format, percent - format);
}

static void
drive_publish (NawatApplication *app,
               NawatWindow      *window,
               gpointer          user_data)
{
  NawatPublishDialog *dialog;
  GtkWidget *button;
  g_autofree char *call_db = nawat_couch_call_db_name (CALL_ID);
  g_autofree char *somchai_db = nawat_couch_evaluation_db_name (CALL_ID, "somchai");
  g_autofree char *published = NULL;
  g_autofree char *prepared = NULL;
  g_autofree char *created = NULL;
  g_autofree char *nothing = NULL;
  g_auto(GStrv) insecure = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *refused = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) project = NULL;
  g_autoptr(JsonObject) design = NULL;
  const char *validate;
  const char *lang = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *prepare_shot = g_strdup_printf ("publish-prepare-%s", lang);
  g_autofree char *done_shot = g_strdup_printf ("publish-done-%s", lang);
  g_autofree char *published_on = format_prefix (_("Published on %s"));
  RowState published_row = { window, published_on, FALSE };

  /* Before anything reached the server, the call says so. */
  g_assert_cmpstr (row_state (window), ==, _("Not published"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  dialog = find_publish_dialog ();
  g_assert_nonnull (dialog);
  button = named (dialog, "publish-button");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Publish"));
  g_assert_false (gtk_widget_get_visible (named (dialog, "outcome")));
  g_assert_false (gtk_widget_is_visible (named (dialog, "admin-user")));
  g_assert_false (gtk_widget_get_visible (named (dialog, "password")));

  /* The keyring holds no password: the dialog asks for one. */
  press_publish (dialog);
  g_assert_true (gtk_widget_get_visible (named (dialog, "password")));
  asked = g_strdup_printf (_("Type the password of %s on %s to publish."), USER, world.url);
  g_assert_cmpstr (outcome (dialog), ==, asked);
  g_assert_null (server_get ("admin", call_db, "call:" CALL_ID));

  /* A wrong one is refused as such. */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "password")), "wrong-pw");
  press_publish (dialog);
  refused = format_prefix (_("The server refused the password of %s: %s"));
  g_assert_true (g_str_has_prefix (outcome (dialog), refused));
  g_assert_null (server_get ("admin", call_db, "call:" CALL_ID));
  g_assert_cmpstr (row_state (window), ==, _("Not published"));

  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "password")), USER "-pw");

  /* The coordinator may not create the databases: the window explains
   * and asks for an administrator.
   */
  press_publish (dialog);
  g_assert_cmpstr (outcome (dialog), ==,
                   _("The server has no databases for this call yet. A server administrator must "
                     "prepare the call once; after that you publish with your own account. If you "
                     "have an administrator’s user name and password, give them below to prepare "
                     "the call now: they are used once and not stored."));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("P_repare and Publish"));
  g_assert_true (gtk_widget_is_visible (named (dialog, "admin-user")));
  nawat_ui_test_save_screenshots (GTK_WIDGET (dialog), prepare_shot);

  /* Without the administrator's password, nothing runs. */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-user")), "admin");
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (nawat_publish_dialog_get_busy (dialog));
  g_assert_cmpstr (outcome (dialog), ==,
                   _("Give an administrator’s user name and password to prepare the call."));

  /* A coordinator's password is not an admin's. */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-user")), USER);
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-password")), USER "-pw");
  press_publish (dialog);
  assert_outcome_has (dialog, _("Preparing the server for a call needs a server admin’s account"));
  g_assert_null (server_get ("admin", call_db, "call:" CALL_ID));

  /* PouchDB Server lets anonymous clients list its databases: refused,
   * said why, and offered only as "Publish Anyway".
   */
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-user")), "admin");
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "admin-password")), "admin-pw");
  press_publish (dialog);
  insecure = g_strsplit (_("%s\nEvaluators’ scores would not be private there. Publish to "
                           "Apache CouchDB; publish anyway only for tests and demos."), "%s", -1);
  g_assert_cmpuint (g_strv_length (insecure), ==, 2);
  g_assert_true (g_str_has_suffix (outcome (dialog), insecure[1]));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("Publish _Anyway"));
  g_assert_true (gtk_widget_is_visible (named (dialog, "admin-user")));
  g_assert_null (server_get ("admin", call_db, "call:" CALL_ID));

  press_publish (dialog);
  published = format_prefix (_("Published %s to %s."));
  prepared = format_prefix (_("Prepared by the administrator: %u of %u databases created, "
                              "%u security objects set."));
  g_assert_true (g_str_has_prefix (outcome (dialog), published));
  assert_outcome_has (dialog, prepared);
  assert_outcome_has (dialog, _("Refused: none."));
  wait_until (row_shows, &published_row);
  /* The admin's password is not kept in the dialog. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (named (dialog, "admin-password"))), ==, "");
  g_assert_false (gtk_widget_is_visible (named (dialog, "admin-user")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Publish"));
  nawat_ui_test_save_screenshots (GTK_WIDGET (dialog), done_shot);

  /* On the server: the call and its projects, each evaluator's database
   * with their assignments in its rules, readable by the evaluator.
   */
  call = server_get ("somchai", call_db, "call:" CALL_ID);
  g_assert_nonnull (call);
  g_assert_cmpstr (json_object_get_string_member (call, "type"), ==, "call");
  project = server_get ("somchai", call_db, "project:" CALL_ID ":p002");
  g_assert_nonnull (project);
  g_assert_true (strv_has (json_object_get_array_member (project, "assigned"), "somchai"));
  g_assert_true (strv_has (json_object_get_array_member (project, "assigned"), "ananda"));
  g_assert_false (strv_has (json_object_get_array_member (project, "assigned"), "malee"));
  design = server_get ("somchai", somchai_db, "_design/nawat");
  g_assert_nonnull (design);
  validate = json_object_get_string_member (design, "validate_doc_update");
  g_assert_nonnull (validate);
  g_assert_nonnull (strstr (validate, "\"assigned\":[\"p001\",\"p002\",\"p003\""));

  /* Published again with the coordinator's own account, whose password
   * is now in the keyring: nothing to do.
   */
  g_assert_true (nawat_credentials_store (world.url, USER, USER "-pw", NULL, &error));
  g_assert_no_error (error);
  gtk_editable_set_text (GTK_EDITABLE (named (dialog, "password")), "");
  press_publish (dialog);
  nothing = format_prefix (_("Nothing changed: %s already held %s as it is here."));
  g_assert_true (g_str_has_prefix (outcome (dialog), nothing));
  created = g_strdup_printf (_("Created: %u of %u databases."), 0, 4);
  assert_outcome_has (dialog, created);

  /* Edited after publishing, the call says to publish again, until it is. */
  edit_published_call (window, published_on, lang);
  press_publish (dialog);
  g_assert_true (g_str_has_prefix (outcome (dialog), published));
  wait_until (row_shows, &published_row);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_publish (gconstpointer data)
{
  const char *lang = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *call_file = NULL;
  g_autofree char *out = NULL;

  if (!nawat_ui_test_server_start (&world, "nawat-publish-ui-XXXXXX", "desktop.db"))
    goto out;

  call_file = write_call_file ();
  out = nawat_ui_test_run_cli (NULL, &error, "--store", world.store_path, "import", call_file,
                               NULL);
  g_assert_no_error (error);

  settings = app_settings ();
  g_settings_set_string (settings, "server-url", world.url);
  g_settings_set_string (settings, "server-user", USER);
  g_settings_set_string (settings, "evaluator-name", USER);
  g_settings_set_string (settings, "language", lang);
  if (!nawat_ui_test_set_ui_locale (lang) && g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
  g_settings_set_string (settings, "last-call", CALL_ID);

  nawat_ui_test_run_app (world.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_publish, (gpointer) lang);

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
  int status = nawat_ui_test_init_with_keyring (&argc, &argv, "/nawat/ui/publish-window/display");

  if (status >= 0)
    return status;

  g_test_add_data_func ("/nawat/ui/publish-window/en", "en", test_publish);
  g_test_add_data_func ("/nawat/ui/publish-window/th", "th", test_publish);

  return g_test_run ();
}
