/* test-assign-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "nawat-application.h"
#include "nawat-assign-window-private.h"
#include "nawat-generator.h"
#include "nawat-store.h"
#include "nawat-vocabulary.h"
#include "nawat-window-private.h"
#include "nawat-ui-test.h"

/* The application runs for real on a temporary store holding a generated
 * call (six evaluators, some of whom declared a conflict of interest); the
 * coordinator opens the assignment matrix with its shortcut, assigns three
 * evaluators to every project automatically, then toggles one cell with
 * the keyboard, and recuses an evaluator from a project with the keyboard.
 * What the store holds is checked after each step, through
 * a connection of its own.
 */

#define CALL_ID "match"
#define N_PROJECTS 40
#define N_EVALUATORS 6
#define K 3

typedef struct
{
  const char *store_path;
  const char *lang;
} TestData;

static gboolean
window_is_idle (gpointer user_data)
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
has_focus (gpointer user_data)
{
  return gtk_widget_has_focus (user_data);
}

/* The focus is on @user_data or inside it (a spin button's text). */
static gboolean
focus_within (gpointer user_data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (user_data));

  return focus != NULL && (focus == user_data || gtk_widget_is_ancestor (focus, user_data));
}

typedef struct
{
  NawatAssignWindow *window;
  const char        *code;
  const char        *evaluator;
} CellQuery;

static gboolean
cell_is_shown (gpointer user_data)
{
  CellQuery *query = user_data;

  return nawat_assign_window_find_cell (query->window, query->code, query->evaluator) != NULL;
}

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

/* Every project's evaluators as stored now; the conflicts declared. */
static GPtrArray *
stored_projects (const char *path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;

  store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  projects = nawat_store_list_projects_page (store, CALL_ID, NULL, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (projects->len, ==, N_PROJECTS);
  return g_steal_pointer (&projects);
}

static GHashTable *
stored_conflicts (const char *path)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *conflicts;

  store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  conflicts = nawat_store_dup_declared_conflicts (store, CALL_ID, &error);
  g_assert_no_error (error);
  return conflicts;
}

static void
assert_every_project_has_k (const char *path)
{
  g_autoptr(GPtrArray) projects = stored_projects (path);
  g_autoptr(GHashTable) conflicts = stored_conflicts (path);
  guint load[N_EVALUATORS] = { 0, };
  guint min = G_MAXUINT, max = 0;

  for (guint i = 0; i < projects->len; i++)
    {
      NawatProject *project = g_ptr_array_index (projects, i);
      const char * const *assigned = nawat_project_get_assigned (project);
      const char * const *conflicted =
        g_hash_table_lookup (conflicts, nawat_document_get_id (NAWAT_DOCUMENT (project)));

      g_assert_nonnull (assigned);
      g_assert_cmpuint (g_strv_length ((char **) assigned), ==, K);
      for (guint j = 0; assigned[j] != NULL; j++)
        {
          guint e = 0;

          g_assert_true (sscanf (assigned[j], "evaluator-%u", &e) == 1);
          g_assert_cmpuint (e, >=, 1);
          g_assert_cmpuint (e, <=, N_EVALUATORS);
          load[e - 1]++;
          g_assert_false (conflicted != NULL && g_strv_contains (conflicted, assigned[j]));
        }
    }
  for (guint e = 0; e < N_EVALUATORS; e++)
    {
      min = MIN (min, load[e]);
      max = MAX (max, load[e]);
    }
  g_assert_cmpuint (max - min, <=, 1);
}

static void
save_shot (GtkWidget  *widget,
           const char *state,
           TestData   *data)
{
  g_autofree char *name = g_strdup_printf ("assign-%s-%s.png", state, data->lang);

  nawat_ui_test_save_screenshot (widget, name);
}

/* The first project and an evaluator it does not have and may take. */
static gboolean
free_cell (const char  *path,
           char       **code,
           char       **evaluator)
{
  g_autoptr(GPtrArray) projects = stored_projects (path);
  g_autoptr(GHashTable) conflicts = stored_conflicts (path);

  for (guint i = 0; i < projects->len; i++)
    {
      NawatProject *project = g_ptr_array_index (projects, i);
      const char * const *assigned = nawat_project_get_assigned (project);
      const char * const *conflicted =
        g_hash_table_lookup (conflicts, nawat_document_get_id (NAWAT_DOCUMENT (project)));

      for (guint e = 1; e <= N_EVALUATORS; e++)
        {
          g_autofree char *name = g_strdup_printf ("evaluator-%02u", e);

          if (!g_strv_contains (assigned, name) &&
              (conflicted == NULL || !g_strv_contains (conflicted, name)))
            {
              *code = g_strdup (nawat_project_get_code (project));
              *evaluator = g_steal_pointer (&name);
              return TRUE;
            }
        }
    }
  return FALSE;
}

static const char *
assigned_of (GPtrArray  *projects,
             const char *code,
             const char *evaluator,
             guint      *n)
{
  for (guint i = 0; i < projects->len; i++)
    {
      NawatProject *project = g_ptr_array_index (projects, i);

      if (g_str_equal (nawat_project_get_code (project), code))
        {
          const char * const *assigned = nawat_project_get_assigned (project);

          *n = g_strv_length ((char **) assigned);
          return g_strv_contains (assigned, evaluator) ? evaluator : NULL;
        }
    }
  g_assert_not_reached ();
}

static gboolean
shows_one_row (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (nawat_assign_window_get_model (user_data))) == 1;
}

static gboolean
shows_every_row (gpointer user_data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (nawat_assign_window_get_model (user_data))) == N_PROJECTS;
}

/* A cell someone may not take shows why, and cannot be ticked: found by
 * typing the project's code, which filters the matrix to its row.
 */
static void
assert_conflict_cell (NawatAssignWindow *window,
                      const char        *path,
                      TestData          *data)
{
  g_autoptr(GHashTable) conflicts = stored_conflicts (path);
  GtkWidget *search = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  GHashTableIter iter;
  gpointer key, value;
  const char *code;
  const char * const *names;
  GtkWidget *cell;

  g_assert_cmpuint (g_hash_table_size (conflicts), >, 0);
  g_hash_table_iter_init (&iter, conflicts);
  g_assert_true (g_hash_table_iter_next (&iter, &key, &value));
  code = strrchr (key, ':') + 1;
  names = value;

  g_assert_nonnull (search);
  gtk_widget_grab_focus (search);
  nawat_ui_test_type (search, code);
  nawat_ui_test_wait_until (shows_one_row, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  cell = nawat_assign_window_find_cell (window, code, names[0]);
  g_assert_nonnull (cell);
  g_assert_false (gtk_widget_get_sensitive (cell));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cell)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==,
                   _("Declared a conflict of interest with this proposal"));
  save_shot (GTK_WIDGET (window), "search", data);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  nawat_ui_test_wait_until (shows_every_row, window);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Each project's code and evaluators (sorted: their order means nothing),
 * one a line.
 */
static char *
assignment_text (const char *path)
{
  g_autoptr(GPtrArray) projects = stored_projects (path);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < projects->len; i++)
    {
      NawatProject *project = g_ptr_array_index (projects, i);
      g_auto(GStrv) sorted = g_strdupv ((char **) nawat_project_get_assigned (project));
      g_autofree char *names = NULL;

      qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_names);
      names = g_strjoinv (" ", sorted);

      g_string_append_printf (text, "%s: %s\n", nawat_project_get_code (project), names);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "Unassign from Shown" on the one project a search leaves, then Undo of
 * the automatic assignment puts back what the store held before it.
 */
static void
assert_bulk_and_undo (NawatAssignWindow *window,
                      const char        *path,
                      const char        *before)
{
  GtkWidget *search = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  GtkWidget *unassign = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "bulk-unassign");
  GtkWidget *dropdown = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_DROP_DOWN, "bulk-evaluator");
  g_autoptr(GPtrArray) projects = stored_projects (path);
  NawatProject *first = g_ptr_array_index (projects, 0);
  g_autofree char *name = g_strdup (nawat_project_get_assigned (first)[0]);
  g_autofree char *code = g_strdup (nawat_project_get_code (first));
  g_autofree char *after = NULL;
  guint e = 0;
  guint n = 0;

  g_assert_nonnull (unassign);
  g_assert_nonnull (dropdown);
  g_assert_true (sscanf (name, "evaluator-%u", &e) == 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), e - 1);
  gtk_widget_grab_focus (search);
  nawat_ui_test_type (search, code);
  nawat_ui_test_wait_until (shows_one_row, window);
  nawat_ui_test_click (unassign);
  nawat_ui_test_wait_until (window_is_idle, window);
  g_clear_pointer (&projects, g_ptr_array_unref);
  projects = stored_projects (path);
  g_assert_null (assigned_of (projects, code, name, &n));
  g_assert_cmpuint (n, ==, K - 1);
  /* The others kept theirs. */
  g_assert_cmpuint (g_strv_length ((char **) nawat_project_get_assigned (g_ptr_array_index (projects, 1))),
                    ==, K);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  nawat_ui_test_wait_until (shows_every_row, window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "assign.undo", NULL));
  nawat_ui_test_wait_until (window_is_idle, window);
  after = assignment_text (path);
  g_assert_cmpstr (after, ==, before);
}

static gboolean
report_is_gone (gpointer user_data)
{
  return nawat_assign_window_get_report (user_data) == NULL && !nawat_assign_window_get_busy (user_data);
}

/* At most one project per evaluator cannot give 40 projects three each:
 * the report says why, and closing it changes nothing.
 */
static void
assert_infeasible (NawatAssignWindow *window,
                   const char        *path,
                   TestData          *data)
{
  GtkWidget *check = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_CHECK_BUTTON, "limit-check");
  GtkWidget *limit = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SPIN_BUTTON, "limit-spin");
  GtkWidget *auto_button = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "auto-assign");
  g_autofree char *before = assignment_text (path);
  g_autofree char *after = NULL;
  AdwMessageDialog *report;

  g_assert_nonnull (check);
  g_assert_nonnull (limit);
  nawat_ui_test_click (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_widget_grab_focus (limit);
  nawat_ui_test_wait_until (focus_within, limit);
  nawat_ui_test_press (limit, "ctrl+a");
  nawat_ui_test_type (limit, "1");
  nawat_ui_test_click (auto_button);
  nawat_ui_test_wait_until (report_is_shown, window);
  report = nawat_assign_window_get_report (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (report), ==, _("No Assignment Keeps the Rules"));
  g_assert_cmpstr (adw_message_dialog_get_body (report), !=, "");
  save_shot (GTK_WIDGET (report), "infeasible", data);
  /* Close is the default response. */
  nawat_ui_test_press (GTK_WIDGET (report), "Return");
  nawat_ui_test_wait_until (report_is_gone, window);
  after = assignment_text (path);
  g_assert_cmpstr (after, ==, before);
}

static gboolean
recusal_is_shown (gpointer user_data)
{
  AdwMessageDialog *dialog = nawat_assign_window_get_recusal (user_data);

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
recusal_is_done (gpointer user_data)
{
  return nawat_assign_window_get_recusal (user_data) == NULL && !nawat_assign_window_get_busy (user_data);
}

/* The fifth radio button, Financial, is chosen. */
static gboolean
list_shows_financial (gpointer user_data)
{
  GtkWidget *radio = gtk_widget_get_first_child (user_data);

  for (guint i = 1; radio != NULL && i < NAWAT_CONFLICT_TYPE_FINANCIAL; i++)
    radio = gtk_widget_get_next_sibling (radio);
  return radio != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (radio));
}

/* The focus on an assigned evaluator's cell, Ctrl+R, the type chosen and
 * a note typed in the dialog, Return: the store records the recusal and
 * takes the evaluator off the project, and the cell says why it is
 * excluded.
 */
static void
assert_recusal (NawatAssignWindow *window,
                const char        *path,
                TestData          *data)
{
  GtkWidget *search = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_autoptr(GPtrArray) projects = stored_projects (path);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *evaluator = NULL;
  g_autofree char *id = NULL;
  g_autofree char *reason = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *types;
  GtkWidget *note;
  GtkWidget *cell;
  guint n = 0;

  for (guint i = 0; i < projects->len && code == NULL; i++)
    {
      NawatProject *p = g_ptr_array_index (projects, i);
      const char * const *assigned = nawat_project_get_assigned (p);

      if (assigned != NULL && assigned[0] != NULL)
        {
          code = g_strdup (nawat_project_get_code (p));
          evaluator = g_strdup (assigned[0]);
          id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (p)));
          n = g_strv_length ((char **) assigned);
        }
    }
  g_assert_nonnull (code);

  gtk_widget_grab_focus (search);
  nawat_ui_test_type (search, code);
  nawat_ui_test_wait_until (shows_one_row, window);
  nawat_ui_test_wait_until (cell_is_shown, &(CellQuery) { window, code, evaluator });
  cell = nawat_assign_window_find_cell (window, code, evaluator);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (cell)));
  gtk_widget_grab_focus (cell);
  nawat_ui_test_wait_until (has_focus, cell);

  /* The dialog takes the keyboard before the keys are up: they are let
   * go there.
   */
  nawat_ui_test_key_down (cell, "ctrl+r");
  nawat_ui_test_wait_until (recusal_is_shown, window);
  dialog = nawat_assign_window_get_recusal (window);
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  nawat_ui_test_key_up (GTK_WIDGET (dialog), "ctrl+r");
  types = nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_BOX, "recusal-type");
  note = nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "recusal-note");
  g_assert_nonnull (types);
  g_assert_nonnull (note);
  nawat_ui_test_wait_until (focus_within, types);
  /* Financial is the fifth type: the arrows go down to it. */
  nawat_ui_test_press (types, "Down");
  nawat_ui_test_press (types, "Down");
  nawat_ui_test_press (types, "Down");
  nawat_ui_test_press (types, "Down");
  nawat_ui_test_wait_until (list_shows_financial, types);
  nawat_ui_test_press (types, "Tab");
  nawat_ui_test_wait_until (focus_within, note);
  nawat_ui_test_type (note, "board member");
  save_shot (GTK_WIDGET (dialog), "recusal", data);
  /* Recuse is the default response. */
  nawat_ui_test_press (note, "Return");
  nawat_ui_test_wait_until (recusal_is_done, window);

  store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  project = nawat_store_get_project (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_project_get_recusal (project, evaluator), ==, NAWAT_CONFLICT_TYPE_FINANCIAL);
  g_assert_false (g_strv_contains (nawat_project_get_assigned (project), evaluator));
  g_assert_cmpuint (g_strv_length ((char **) nawat_project_get_assigned (project)), ==, n - 1);

  /* The cell shows it, to the eye and to a screen reader. */
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  cell = nawat_assign_window_find_cell (window, code, evaluator);
  g_assert_nonnull (cell);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cell)));
  g_assert_false (gtk_widget_get_sensitive (cell));
  reason = g_strdup_printf (_("Recused: %s"), nawat_vocabulary_conflict_type (NAWAT_CONFLICT_TYPE_FINANCIAL, NULL));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (cell), "nawat-description"), ==, reason);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==, reason);
  save_shot (GTK_WIDGET (window), "recused", data);

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  nawat_ui_test_wait_until (shows_every_row, window);
}

static void
drive_assign (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  TestData *data = user_data;
  NawatAssignWindow *assign;
  GtkWidget *auto_button;
  GtkWidget *k_spin;
  GtkWidget *cell;
  AdwMessageDialog *report;
  g_autofree char *code = NULL;
  g_autofree char *evaluator = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autofree char *before = NULL;
  guint n = 0;

  /* Opened with its shortcut, as a coordinator would. */
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+shift+a");
  nawat_ui_test_wait_until (assign_window_is_open, app);
  assign = find_assign_window (app);
  g_assert_cmpstr (nawat_assign_window_get_call_id (assign), ==, CALL_ID);
  nawat_ui_test_wait_until (window_is_idle, assign);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (nawat_assign_window_get_model (assign))),
                    ==, N_PROJECTS);
  nawat_ui_test_focus_window (GTK_WINDOW (assign));
  save_shot (GTK_WIDGET (assign), "matrix", data);

  before = assignment_text (data->store_path);

  /* Automatically, K = 3: typed, then the button clicked. */
  auto_button = nawat_ui_test_find (GTK_WIDGET (assign), GTK_TYPE_BUTTON, "auto-assign");
  g_assert_nonnull (auto_button);
  k_spin = nawat_ui_test_find (GTK_WIDGET (assign), GTK_TYPE_SPIN_BUTTON, "k-spin");
  g_assert_nonnull (k_spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (k_spin)), ==, K);
  gtk_widget_grab_focus (k_spin);
  nawat_ui_test_wait_until (focus_within, k_spin);
  /* K typed, and Return runs it. */
  nawat_ui_test_press (k_spin, "ctrl+a");
  nawat_ui_test_type (k_spin, "3");
  nawat_ui_test_click (auto_button);
  nawat_ui_test_wait_until (report_is_shown, assign);
  report = nawat_assign_window_get_report (assign);
  save_shot (GTK_WIDGET (report), "report", data);
  /* Assign is the default response. */
  nawat_ui_test_press (GTK_WIDGET (report), "Return");
  nawat_ui_test_wait_until (window_is_idle, assign);
  g_assert_null (nawat_assign_window_get_report (assign));
  assert_every_project_has_k (data->store_path);
  save_shot (GTK_WIDGET (assign), "assigned", data);
  assert_conflict_cell (assign, data->store_path, data);

  /* One cell, by keyboard: its check box, then Space. */
  g_assert_true (free_cell (data->store_path, &code, &evaluator));
  nawat_ui_test_wait_until (cell_is_shown, &(CellQuery) { assign, code, evaluator });
  cell = nawat_assign_window_find_cell (assign, code, evaluator);
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_get_sensitive (cell));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cell)));
  gtk_widget_grab_focus (cell);
  nawat_ui_test_wait_until (has_focus, cell);
  nawat_ui_test_press (cell, "space");
  nawat_ui_test_wait_until (window_is_idle, assign);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (cell)));
  /* The focus stays on the cell. */
  g_assert_true (gtk_widget_has_focus (cell));
  projects = stored_projects (data->store_path);
  g_assert_cmpstr (assigned_of (projects, code, evaluator, &n), ==, evaluator);
  g_assert_cmpuint (n, ==, K + 1);
  g_clear_pointer (&projects, g_ptr_array_unref);

  nawat_ui_test_press (cell, "space");
  nawat_ui_test_wait_until (window_is_idle, assign);
  projects = stored_projects (data->store_path);
  g_assert_null (assigned_of (projects, code, evaluator, &n));
  g_assert_cmpuint (n, ==, K);

  assert_bulk_and_undo (assign, data->store_path, before);
  assert_infeasible (assign, data->store_path, data);
  assert_recusal (assign, data->store_path, data);

  gtk_window_close (GTK_WINDOW (assign));
}

static char *
make_store (void)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-assign-XXXXXX", &error);
  char *path;
  guint n_imported = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "assign.db", NULL);
  g_assert_true (nawat_generator_write (output, CALL_ID, N_PROJECTS, N_EVALUATORS, 11, NULL, &error));
  g_assert_true (g_output_stream_close (output, NULL, &error));
  store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_import_data (store,
                                          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                                          &n_imported, &problems, &error));
  g_assert_no_error (error);
  return path;
}

static void
run_in (const char *lang)
{
  g_autofree char *path = make_store ();
  g_autofree char *dir = g_path_get_dirname (path);
  TestData data = { path, lang };

  nawat_ui_test_set_language (lang);
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_assign, &data);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
test_assign (void)
{
  run_in ("en");

  if (nawat_ui_test_set_ui_locale ("th"))
    {
      run_in ("th");
      nawat_ui_test_set_ui_locale (NULL);
    }
  else if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
  else
    g_test_message ("No th_TH.UTF-8 locale: the Thai run is skipped");
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/assign-window/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/assign-window/auto-and-keyboard", test_assign);

  return g_test_run ();
}
