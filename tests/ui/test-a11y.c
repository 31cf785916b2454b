/* test-a11y.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "nawat-application.h"
#include "nawat-criterion-card.h"
#include "nawat-dashboard-private.h"
#include "nawat-dashboard-sorter.h"
#include "nawat-export-dialog.h"
#include "nawat-project-row.h"
#include "nawat-score-form-private.h"
#include "nawat-window-private.h"
#include "nawat-ui-test.h"

/* What a screen reader reads: the real application, on the demo call, is
 * read over the accessibility bus (AT-SPI) by a separate process,
 * a11y-read.py (python3 and libatspi's typelib), while this one keeps
 * serving the bus from its main loop.  run-a11y.sh gives the test a
 * session bus and an accessibility bus of its own.
 */

/* p003 is assigned to somchai and nobody has scored it; somchai submitted
 * p001.
 */
#define DRAFT_ID     "project:si-2569:p003"
#define SUBMITTED_ID "project:si-2569:p001"
#define EVALUATOR    "somchai"

/* a11y-read.py's exit status when the bus or its typelib is missing */
#define UNREACHABLE 3

typedef struct
{
  GSubprocess *process;
  char        *output;
  GError      *error;
  gboolean     done;
} Reader;

static void
on_reader_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Reader *reader = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &reader->output, NULL,
                                        &reader->error);
  reader->done = TRUE;
}

static gboolean
reader_is_done (gpointer user_data)
{
  return ((Reader *) user_data)->done;
}

static const char *
python (void)
{
  /* The python3 on PATH may be another one, without gi (PLATFORM.md). */
  return g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3"
                                                                    : "python3";
}

/* Runs a11y-read.py with @args on this process's accessible tree, the
 * main loop serving its questions meanwhile, and fails the test with what
 * it found.
 */
static void
read_tree (GStrv args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "ui", "a11y-read.py", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_auto(GStrv) argv = NULL;
  g_auto(GStrv) lines = NULL;
  Reader reader = { 0 };
  int status;

  g_strv_builder_add_many (builder, python (), script, "--pid", pid, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  reader.process = g_subprocess_newv ((const char * const *) argv,
                                      G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                      G_SUBPROCESS_FLAGS_STDERR_MERGE,
                                      &reader.error);
  g_assert_no_error (reader.error);
  g_subprocess_communicate_utf8_async (reader.process, NULL, NULL, on_reader_done_cb, &reader);
  nawat_ui_test_wait_until (reader_is_done, &reader);
  g_assert_no_error (reader.error);

  status = g_subprocess_get_exit_status (reader.process);
  lines = g_strsplit (reader.output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_test_message ("%s", lines[i]);

  /* Without the bus the test fails: it is never skipped quietly. */
  if (status == UNREACHABLE)
    g_test_fail_printf ("The accessibility bus cannot be reached (see above): install "
                        "at-spi2-core, gir1.2-atspi-2.0 and python3-gi (build-aux/install-deps) "
                        "and run under run-a11y.sh");
  else if (status != 0)
    g_test_fail_printf ("What a screen reader reads is wrong (see above)");

  g_free (reader.output);
  g_object_unref (reader.process);
}

static gboolean
shows_evaluation (gpointer user_data)
{
  return nawat_window_get_evaluation (user_data) != NULL;
}

static void
open_project (NawatWindow *window,
              const char  *project_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_ui_test_open_project (window, project_id, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (shows_evaluation, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
}

/* "Criterion|Level" for each scored criterion below @widget: what the
 * reader must find checked (and, locked, on a focusable element).
 */
static void
add_chosen_levels (GtkWidget       *widget,
                   NawatEvaluation *evaluation,
                   GPtrArray       *chosen,
                   guint           *n_cards)
{
  if (NAWAT_IS_CRITERION_CARD (widget))
    {
      NawatCriterionCard *card = NAWAT_CRITERION_CARD (widget);
      NawatCriterion *criterion = nawat_criterion_card_get_criterion (card);
      const NawatLevel *level;
      double value;

      *n_cards += 1;
      if (!nawat_evaluation_get_score (evaluation, nawat_criterion_card_get_key (card), &value))
        return;
      level = nawat_criterion_find_level (criterion, (int) value);
      g_assert_nonnull (level);
      g_ptr_array_add (chosen, g_strdup_printf ("%s|%s",
                                                nawat_text_get (nawat_criterion_get_label (criterion), "en"),
                                                nawat_text_get (level->label, "en")));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    add_chosen_levels (child, evaluation, chosen, n_cards);
}

static GPtrArray *
chosen_levels (NawatWindow *window,
               guint       *n_cards)
{
  GtkWidget *form = nawat_window_get_score_form (window);
  GPtrArray *chosen = g_ptr_array_new_with_free_func (g_free);

  *n_cards = 0;
  add_chosen_levels (form, _nawat_score_form_get_evaluation (NAWAT_SCORE_FORM (form)),
                     chosen, n_cards);
  g_assert_cmpuint (*n_cards, >, 0);

  return chosen;
}

static gboolean
status_is_saved (gpointer user_data)
{
  return g_strcmp0 (nawat_window_get_status (user_data), "Saved") == 0;
}

static gboolean
status_counts_projects (gpointer user_data)
{
  return g_str_has_suffix (nawat_window_get_status (user_data), " projects") &&
         !g_str_equal (nawat_window_get_status (user_data), "40 projects");
}

/* A search: the number of projects found is read with the search entry,
 * and stays in the window's status.
 */
static void
read_search_count (NawatWindow *window)
{
  GtkWidget *entry = nawat_window_get_search_entry (window);
  const char *args[] = { "--status", NULL, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.focus-search", NULL));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  nawat_ui_test_type (entry, "water");
  nawat_ui_test_wait_until (status_counts_projects, window);
  args[1] = nawat_window_get_status (window);
  read_tree ((GStrv) args);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* The export dialog: each choice of one is a radio button named by its
 * row's title.
 */
static void
read_export_dialog (NawatWindow *window)
{
  const char *args[] = { "--names",
                         "--radio-choice", "This project", "--radio-choice", "The whole call",
                         "--radio-choice", "PDF", "--radio-choice", "CSV",
                         "--radio-choice", "JSON", "--radio-choice", "Thai",
                         "--radio-choice", "English", NULL };
  NawatExportDialog *dialog;

  dialog = nawat_export_dialog_new (GTK_WINDOW (window), nawat_window_get_store (window),
                                    nawat_window_get_call_id (window), DRAFT_ID, "en",
                                    EVALUATOR);
  gtk_window_present (GTK_WINDOW (dialog));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  read_tree ((GStrv) args);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
dashboard_is_idle (gpointer user_data)
{
  NawatDashboard *dashboard = user_data;

  return !nawat_dashboard_get_busy (dashboard) &&
         g_strcmp0 (nawat_dashboard_get_page (dashboard), "loading") != 0;
}

static GtkColumnViewColumn *
sort_column (NawatDashboard *dashboard,
             GtkSortType    *order)
{
  return nawat_dashboard_sorter_get_sort_column (nawat_dashboard_get_column_view (dashboard), order);
}

static const char *
focused_header (NawatDashboard *dashboard)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dashboard));
  GtkWidget *header_row = gtk_widget_get_first_child (GTK_WIDGET (nawat_dashboard_get_column_view (dashboard)));

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_parent (focus) == header_row);

  return gtk_label_get_label (GTK_LABEL (nawat_ui_test_find (focus, GTK_TYPE_LABEL, NULL)));
}

static GtkWidget *
find_header (NawatDashboard *dashboard,
             const char     *title)
{
  GtkWidget *header_row = gtk_widget_get_first_child (GTK_WIDGET (nawat_dashboard_get_column_view (dashboard)));

  for (GtkWidget *header = gtk_widget_get_first_child (header_row);
       header != NULL;
       header = gtk_widget_get_next_sibling (header))
    if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (nawat_ui_test_find (header, GTK_TYPE_LABEL, NULL))),
                   title) == 0)
      return header;
  g_assert_not_reached ();
}

/* The arrow a header draws: GTK 4.8's sort indicator, after the title */
static const char *
sort_arrow (NawatDashboard *dashboard,
            const char     *title)
{
  GtkWidget *label = nawat_ui_test_find (find_header (dashboard, title), GTK_TYPE_LABEL, NULL);
  GtkWidget *arrow = gtk_widget_get_next_sibling (label);

  if (gtk_widget_has_css_class (arrow, "ascending"))
    return "ascending";
  if (gtk_widget_has_css_class (arrow, "descending"))
    return "descending";
  return "none";
}

/* "Caption: value" for each figure of the overview: the summary's cards
 * and the agreement's rows.
 */
static GStrv
spoken_figures (NawatDashboard *dashboard)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  AdwActionRow *rows[] = { dashboard->alpha_interval_row, dashboard->alpha_ordinal_row,
                           dashboard->icc_row };
  GtkLabel *values[] = { dashboard->alpha_interval_label, dashboard->alpha_ordinal_label,
                         dashboard->icc_label };
  guint n_cards = 0;

  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (dashboard->summary_box));
       card != NULL;
       card = gtk_widget_get_next_sibling (card))
    {
      GtkWidget *value = nawat_ui_test_find (card, GTK_TYPE_LABEL, NULL);
      GtkWidget *caption = gtk_widget_get_next_sibling (value);
      g_autofree char *spoken = g_strdup_printf ("%s: %s", gtk_label_get_label (GTK_LABEL (caption)),
                                                 gtk_label_get_label (GTK_LABEL (value)));

      g_strv_builder_add_many (builder, "--says", spoken, NULL);
      n_cards++;
    }
  g_assert_cmpuint (n_cards, ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *spoken = g_strdup_printf ("%s: %s",
                                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])),
                                                 gtk_label_get_label (values[i]));

      g_strv_builder_add_many (builder, "--says", spoken, NULL);
    }

  return g_strv_builder_end (builder);
}

/* The dashboard's ranking: its column headers are Tab stops, sort by
 * the keyboard and say how the table is sorted.
 */
static void
read_dashboard (NawatApplication *app,
                NawatWindow      *window)
{
  const char *args[] = { "--names", "--sort-header", "Code|Sorted descending",
                         "--focusable-named", "Flagged Only", NULL };
  const char *names[] = { "--names", NULL };
  NawatDashboard *dashboard = NULL;
  g_auto(GStrv) figures = NULL;
  GtkSortType order;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data))
      dashboard = l->data;
  g_assert_nonnull (dashboard);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));
  figures = spoken_figures (dashboard);
  read_tree (figures);
  /* Every Tab stop of the dashboard has a name, the overview's too */
  read_tree ((GStrv) names);

  adw_view_stack_set_visible_child_name (dashboard->view_stack, "ranking");
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));
  g_assert_true (sort_column (dashboard, &order) == dashboard->rank_column);

  /* A click sorts, as before */
  nawat_ui_test_focus_window (GTK_WINDOW (dashboard));
  nawat_ui_test_click (find_header (dashboard, "Mean"));
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (gtk_column_view_column_get_title (sort_column (dashboard, &order)), ==, "Mean");
  g_assert_cmpint (order, ==, GTK_SORT_ASCENDING);

  /* Tab from the search bar: the first header */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (dashboard->flagged_button)));
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Tab");
  g_assert_cmpstr (focused_header (dashboard), ==, "Rank");

  /* Right, then Enter sorts by code; Space turns it round */
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Right");
  g_assert_cmpstr (focused_header (dashboard), ==, "Code");
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Return");
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (gtk_column_view_column_get_title (sort_column (dashboard, &order)), ==, "Code");
  g_assert_cmpint (order, ==, GTK_SORT_ASCENDING);
  g_assert_cmpstr (sort_arrow (dashboard, "Mean"), ==, "none");
  g_assert_cmpstr (sort_arrow (dashboard, "Code"), ==, "ascending");
  nawat_ui_test_press (GTK_WIDGET (dashboard), "space");
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (gtk_column_view_column_get_title (sort_column (dashboard, &order)), ==, "Code");
  g_assert_cmpint (order, ==, GTK_SORT_DESCENDING);
  g_assert_cmpstr (focused_header (dashboard), ==, "Code");

  /* Tab and Shift+Tab go from header to header, and out of the table */
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Tab");
  g_assert_cmpstr (focused_header (dashboard), ==, "Title");
  nawat_ui_test_press (GTK_WIDGET (dashboard), "shift+Tab");
  g_assert_cmpstr (focused_header (dashboard), ==, "Code");
  nawat_ui_test_press (GTK_WIDGET (dashboard), "shift+Tab");
  g_assert_cmpstr (focused_header (dashboard), ==, "Rank");
  nawat_ui_test_press (GTK_WIDGET (dashboard), "shift+Tab");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dashboard)) == GTK_WIDGET (dashboard->flagged_button));
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Tab");
  g_assert_cmpstr (focused_header (dashboard), ==, "Rank");
  nawat_ui_test_save_screenshot (GTK_WIDGET (dashboard), "a11y-ranking-header-focus.png");

  read_tree ((GStrv) args);

  /* A project's scores side by side */
  nawat_dashboard_open_project (dashboard, SUBMITTED_ID);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "project");
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));
  read_tree ((GStrv) names);
}

static void
drive_window (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  NawatProjectList *list = nawat_window_get_project_list (window);
  GtkWidget *form = nawat_window_get_score_form (window);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) submitted = g_strv_builder_new ();
  g_autoptr(GVariant) level = g_variant_ref_sink (g_variant_new_int32 (4));
  g_autoptr(GPtrArray) chosen = NULL;
  g_auto(GStrv) args = NULL;
  g_autofree char *n_groups = NULL;
  const char *open_title = NULL;
  guint n_cards;

  /* A submitted evaluation: nothing is enabled or editable, and each
   * criterion and its level is read on a Tab stop.  It comes first: GTK 4.8
   * says a critical when a GtkExpander opens (a comment is shown) after a
   * reader has read the tree, which the draft after it does not do.
   */
  open_project (window, SUBMITTED_ID);
  g_assert_true (_nawat_score_form_get_locked (NAWAT_SCORE_FORM (form)));
  chosen = chosen_levels (window, &n_cards);
  g_assert_cmpuint (chosen->len, >, 0);
  n_groups = g_strdup_printf ("%u", n_cards);
  g_strv_builder_add_many (submitted, "--names", "--radio-groups", n_groups, NULL);
  for (guint i = 0; i < chosen->len; i++)
    g_strv_builder_add_many (submitted, "--checked", g_ptr_array_index (chosen, i),
                             "--read-only", g_ptr_array_index (chosen, i), NULL);
  args = g_strv_builder_end (submitted);
  read_tree (args);
  g_clear_pointer (&chosen, g_ptr_array_unref);
  g_clear_pointer (&args, g_strfreev);

  /* The list and a draft: every focusable element has a name; the rows
   * carry their titles, the open one is selected; the levels are radios.
   */
  open_project (window, DRAFT_ID);

  /* First opened, the form asks about a conflict of interest: both
   * answers are read by name.
   */
  g_assert_true (_nawat_score_form_asks_conflict (NAWAT_SCORE_FORM (form)));
  read_tree ((char *[]) { (char *) "--names",
                          (char *) "--focusable-named", (char *) "No Conflict",
                          (char *) "--focusable-named", (char *) "Declare a Conflict…",
                          NULL });
  g_assert_true (gtk_widget_activate_action (form, "score.no-conflict", NULL));
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), "merit.impact"));
  g_assert_true (gtk_widget_activate_action_variant (form, "score.set-level", level));
  nawat_ui_test_wait_until (status_is_saved, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));

  g_strv_builder_add_many (builder, "--names", "--status", "Saved", NULL);
  for (guint i = 0; i < 3 && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_strv_builder_add_many (builder, "--row", nawat_project_row_get_title (row, "en"), NULL);
      if (g_strcmp0 (nawat_project_row_get_id (row), DRAFT_ID) == 0)
        open_title = g_strdup (nawat_project_row_get_title (row, "en"));
    }
  g_assert_nonnull (open_title);
  g_strv_builder_add_many (builder, "--selected-row", open_title, NULL);
  g_strv_builder_add_many (builder, "--radio-groups", n_groups, NULL);
  chosen = chosen_levels (window, &n_cards);
  g_assert_cmpuint (chosen->len, ==, 1);
  g_strv_builder_add_many (builder, "--checked", g_ptr_array_index (chosen, 0), NULL);
  args = g_strv_builder_end (builder);
  read_tree (args);
  g_free ((char *) open_title);

  read_search_count (window);
  read_export_dialog (window);
}

static void
drive_dashboard (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  read_dashboard (app, window);
}

static void
run_window (NawatUiTestDriveFunc drive)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-a11y-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_assert_no_error (error);
  path = g_build_filename (dir, "store.db", NULL);
  g_settings_set_string (settings, "evaluator-name", EVALUATOR);
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive, NULL);
  g_settings_reset (settings, "evaluator-name");
  nawat_ui_test_remove_dir (dir);
}

static void
test_window (void)
{
  run_window (drive_window);
}

static void
test_dashboard (void)
{
  run_window (drive_dashboard);
}

int
main (int   argc,
      char *argv[])
{
  /* A screen reader's view: the accessibility bus, not GTK_A11Y=none. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/a11y/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/a11y/window", test_window);
  g_test_add_func ("/nawat/ui/a11y/dashboard", test_dashboard);

  return g_test_run ();
}
