/* test-dashboard.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "nawat-application.h"
#include "nawat-csv.h"
#include "nawat-dashboard-private.h"
#include "nawat-dashboard-row-private.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-generator.h"
#include "nawat-outstanding.h"
#include "nawat-ranking-cell.h"
#include "nawat-round.h"
#include "nawat-stats.h"
#include "nawat-store.h"
#include "nawat-window-private.h"
#include "nawat-xlsx.h"
#include "nawat-ui-test.h"

/* The application runs for real on a temporary store holding a generated
 * call scored by three evaluators; the dashboard is opened through the
 * window's action and checked against the core's statistics.
 */

#define CALL_ID "dash"
#define N_PROJECTS 60
#define N_EVALUATORS 3

typedef struct
{
  const char     *store_path;
  NawatCallStats *expected;
  const char     *shot_suffix;
  gboolean        empty;
} TestData;

static gboolean
dashboard_is_idle (gpointer user_data)
{
  NawatDashboard *dashboard = user_data;

  return !nawat_dashboard_get_busy (dashboard) &&
         g_strcmp0 (nawat_dashboard_get_page (dashboard), "loading") != 0;
}

/* Screenshots */

static void
save_screenshots (GtkWidget  *window,
                  const char *state,
                  TestData   *data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("dashboard-%s-%s-light.png", state, data->shot_suffix);
  g_autofree char *dark = g_strdup_printf ("dashboard-%s-%s-dark.png", state, data->shot_suffix);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  nawat_ui_test_save_screenshot (window, light);
  /* Rendering is slow under AddressSanitizer: the light style is enough
   * to check memory there, the plain build draws both.
   */
#ifndef __SANITIZE_ADDRESS__
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  nawat_ui_test_save_screenshot (window, dark);
#endif
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* Finding widgets */

/* Scrolls the view holding @widget to its end. */
static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  nawat_ui_test_wait_for_frame (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static NawatDashboard *
open_dashboard (NawatApplication *app,
                NawatWindow      *window)
{
  NawatDashboard *dashboard = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL));
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data))
      dashboard = l->data;
  g_assert_nonnull (dashboard);
  g_assert_cmpstr (nawat_dashboard_get_call_id (dashboard), ==, CALL_ID);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dashboard)) == GTK_WINDOW (window));

  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  return dashboard;
}

static char *
format_2 (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", fabs (value) < 0.005 ? 0.0 : value);
}

/* The ranking table */

/* The table is filtered and sorted in a worker thread */
static gboolean
ranking_is_settled (gpointer user_data)
{
  return !nawat_dashboard_get_busy (user_data);
}

/* The model makes its rows when asked: the caller owns the reference. */
static NawatDashboardRow *
ranking_row (NawatDashboard *dashboard,
             guint           position)
{
  NawatDashboardRow *row = g_list_model_get_item (nawat_dashboard_get_ranking_model (dashboard),
                                                  position);

  g_assert_nonnull (row);
  return row;
}

static GtkColumnViewColumn *
find_column (NawatDashboard *dashboard,
             const char     *title)
{
  GListModel *columns = gtk_column_view_get_columns (nawat_dashboard_get_column_view (dashboard));
  const char *translated = gettext (title);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), translated) == 0)
        return column;
    }
  g_assert_not_reached ();
}

static void
sort_and_wait (NawatDashboard *dashboard,
               const char     *title,
               GtkSortType     direction)
{
  gtk_column_view_sort_by_column (nawat_dashboard_get_column_view (dashboard),
                                  find_column (dashboard, title), direction);
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
}

static double
sort_value (double value)
{
  return isnan (value) ? -G_MAXDOUBLE : value;
}

static void
assert_ranking_order (NawatDashboard *dashboard,
                      NawatCallStats *expected)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  guint n = nawat_call_stats_get_n_projects (expected);
  const guint *ranking = nawat_call_stats_get_ranking (expected, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < MIN (n, 20); i++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, i);
      const NawatProjectStats *ps = nawat_call_stats_get_project (expected, ranking[i]);
      g_autofree char *rank_text = NULL;
      g_autofree char *expected_rank = NULL;

      g_assert_cmpstr (nawat_dashboard_row_get_project_id (row), ==, ps->project_id);
      g_object_get (row, "rank-text", &rank_text, NULL);
      if (ps->rank_mean == 0)
        expected_rank = g_strdup ("—");
      else if (ps->rank_mean_tied)
        expected_rank = g_strdup_printf (_("=%u"), ps->rank_mean);
      else
        expected_rank = g_strdup_printf ("%u", ps->rank_mean);
      g_assert_cmpstr (rank_text, ==, expected_rank);
      g_assert_cmpfloat (nawat_dashboard_row_get_stats (row)->mean, ==, ps->mean);
    }
}

/* The ranking's cells of @field below @widget, in order */
static void
collect_cells (GtkWidget  *widget,
               const char *field,
               GPtrArray  *cells)
{
  if (NAWAT_IS_RANKING_CELL (widget) &&
      (field == NULL || g_strcmp0 (nawat_ranking_cell_get_field (NAWAT_RANKING_CELL (widget)), field) == 0))
    g_ptr_array_add (cells, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, field, cells);
}

/* A cell's tooltip is asked for when shown, not set as rows fill: the
 * first title cell gives its tooltip, the project's title.
 */
static void
assert_title_tooltip (NawatDashboard *dashboard)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GtkTooltip) tooltip = NULL;
  GtkWidget *cell;
  gboolean shown = FALSE;

  collect_cells (GTK_WIDGET (nawat_dashboard_get_column_view (dashboard)), "title", cells);
  g_assert_cmpuint (cells->len, >, 0);
  cell = g_ptr_array_index (cells, 0);
  g_assert_true (gtk_widget_get_has_tooltip (cell));
  g_assert_null (gtk_widget_get_tooltip_text (cell));

  tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_true (shown);
}

/* The row property each field of the table shows */
static const char *
field_property (const char *field)
{
  static const char * const properties[][2] = {
    { "rank", "rank-text" }, { "code", "code" }, { "title", "title" },
    { "evaluations", "evaluations-text" }, { "mean", "mean-text" }, { "z-mean", "z-text" },
    { "spread", "spread-text" }, { "disagreement", "disagreement-text" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    if (g_strcmp0 (properties[i][0], field) == 0)
      return properties[i][1];
  g_assert_not_reached ();
}

/* Every cell the table made shows the row of the model at its position,
 * and that row's text: nothing is left from the order before.
 */
static void
assert_cells_show_rows (NawatDashboard *dashboard)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint n_shown = 0;

  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));
  collect_cells (GTK_WIDGET (nawat_dashboard_get_column_view (dashboard)), NULL, cells);
  for (guint i = 0; i < cells->len; i++)
    {
      NawatRankingCell *cell = g_ptr_array_index (cells, i);
      NawatDashboardRow *row = nawat_ranking_cell_get_row (cell);
      g_autoptr(NawatDashboardRow) at_position = NULL;
      g_autofree char *text = NULL;

      if (row == NULL || row->model == NULL)
        continue;
      at_position = g_list_model_get_item (model, row->position);
      g_assert_true (at_position == row);
      g_object_get (row, field_property (nawat_ranking_cell_get_field (cell)), &text, NULL);
      g_assert_cmpstr (nawat_ranking_cell_get_text (cell), ==, text);
      n_shown++;
    }
  g_assert_cmpuint (n_shown, >=, 8);
}

/* A figure as sorted: undefined below any other */
static int
compare_figures (double a,
                 double b)
{
  a = isnan (a) ? -G_MAXDOUBLE : a;
  b = isnan (b) ? -G_MAXDOUBLE : b;
  /* Highest first */
  return (a < b) - (a > b);
}

/* The order a coordinator expects of each column, ascending: rank, code
 * and title increasing, the unranked last; figures highest first, the
 * undefined last; the flagged projects first.
 */
static int
compare_in_column (const char        *column,
                   NawatDashboardRow *row1,
                   NawatDashboardRow *row2)
{
  const NawatProjectStats *a = nawat_dashboard_row_get_stats (row1);
  const NawatProjectStats *b = nawat_dashboard_row_get_stats (row2);

  if (g_str_equal (column, "Rank"))
    {
      guint rank_a = a->rank_mean == 0 ? G_MAXUINT : a->rank_mean;
      guint rank_b = b->rank_mean == 0 ? G_MAXUINT : b->rank_mean;

      return (rank_a > rank_b) - (rank_a < rank_b);
    }
  if (g_str_equal (column, "Code"))
    return strcmp (a->project_id, b->project_id);
  if (g_str_equal (column, "Title"))
    return strcmp (nawat_dashboard_row_get_title (row1), nawat_dashboard_row_get_title (row2));
  if (g_str_equal (column, "Evaluations"))
    return (a->n_evaluations < b->n_evaluations) - (a->n_evaluations > b->n_evaluations);
  if (g_str_equal (column, "Mean"))
    return compare_figures (a->mean, b->mean);
  if (g_str_equal (column, "Normalised"))
    return compare_figures (a->z_mean, b->z_mean);
  if (g_str_equal (column, "Spread"))
    return compare_figures (a->n_evaluations >= 2 ? a->spread : NAN,
                            b->n_evaluations >= 2 ? b->spread : NAN);
  if (g_str_equal (column, "Disagreement"))
    return (int) b->disagreement - (int) a->disagreement;
  g_assert_not_reached ();
}

/* Sorted by @column in @direction, every project once; ties keep the
 * ranking's order whichever the direction.
 */
static void
assert_sorted_by (NawatDashboard *dashboard,
                  NawatCallStats *expected,
                  const char     *column,
                  GtkSortType     direction)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  guint n = nawat_call_stats_get_n_projects (expected);
  const guint *ranking = nawat_call_stats_get_ranking (expected, FALSE);
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(NawatDashboardRow) previous = NULL;
  guint n_distinct = 0;

  /* Each project's position in the ranking */
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (positions, (gpointer) nawat_call_stats_get_project (expected, ranking[i])->project_id,
                         GUINT_TO_POINTER (i));

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, i);
      const char *id = nawat_dashboard_row_get_project_id (row);

      g_assert_true (g_hash_table_add (seen, (gpointer) id));
      if (previous != NULL)
        {
          int order = compare_in_column (column, previous, row);

          if (direction == GTK_SORT_DESCENDING)
            order = -order;
          g_assert_cmpint (order, <=, 0);
          if (order == 0)
            g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (positions, nawat_dashboard_row_get_project_id (previous))),
                              <, GPOINTER_TO_UINT (g_hash_table_lookup (positions, id)));
          n_distinct += order < 0;
        }
      g_set_object (&previous, row);
    }
  /* The column told the projects apart */
  g_assert_cmpuint (n_distinct, >, 0);
  assert_cells_show_rows (dashboard);
}

/* Each column that sorts, one way then the other, then back to the
 * ranking.
 */
static void
assert_sorts_by_each_column (NawatDashboard *dashboard,
                             NawatCallStats *expected)
{
  static const char * const columns[] = {
    "Rank", "Code", "Title", "Evaluations", "Mean", "Normalised", "Spread", "Disagreement",
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    for (GtkSortType direction = GTK_SORT_ASCENDING; direction <= GTK_SORT_DESCENDING; direction++)
      {
        sort_and_wait (dashboard, columns[c], direction);
        assert_sorted_by (dashboard, expected, columns[c], direction);
      }
  sort_and_wait (dashboard, "Rank", GTK_SORT_ASCENDING);
  assert_ranking_order (dashboard, expected);
}

/* The spread is defined from two evaluations on. */
static double
spread_value (const NawatProjectStats *ps)
{
  return sort_value (ps->n_evaluations >= 2 ? ps->spread : NAN);
}

static double
row_spread (NawatDashboard *dashboard,
            guint           position)
{
  g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, position);

  return spread_value (nawat_dashboard_row_get_stats (row));
}

/* Sorting by spread puts the largest first; the other way, the smallest
 * and the undefined ones (a single evaluation) first.
 */
static void
assert_sorted_by_spread (NawatDashboard *dashboard,
                         NawatCallStats *expected,
                         gboolean        largest_first)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  guint n = g_list_model_get_n_items (model);
  double largest = -G_MAXDOUBLE;
  double previous;

  for (guint i = 0; i < nawat_call_stats_get_n_projects (expected); i++)
    largest = MAX (largest, spread_value (nawat_call_stats_get_project (expected, i)));

  previous = row_spread (dashboard, 0);
  g_assert_cmpfloat (previous, ==, largest_first ? largest : -G_MAXDOUBLE);
  for (guint i = 1; i < n; i++)
    {
      double spread = row_spread (dashboard, i);

      if (largest_first)
        g_assert_cmpfloat (spread, <=, previous);
      else
        g_assert_cmpfloat (spread, >=, previous);
      previous = spread;
    }
  g_assert_cmpfloat (previous, ==, largest_first ? -G_MAXDOUBLE : largest);
}

/* Every row shown, in increasing order of code, or decreasing */
static void
assert_sorted_by_code (NawatDashboard *dashboard,
                       gboolean        increasing)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  g_autofree char *previous = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, i);
      g_autofree char *code = NULL;

      g_object_get (row, "code", &code, NULL);
      if (previous != NULL && increasing)
        g_assert_cmpstr (previous, <, code);
      else if (previous != NULL)
        g_assert_cmpstr (previous, >, code);
      g_free (previous);
      previous = g_steal_pointer (&code);
    }
}

static void
assert_filter (NawatDashboard *dashboard,
               NawatCallStats *expected)
{
  GtkWidget *root = GTK_WIDGET (dashboard);
  GtkWidget *entry = NULL;
  GtkWidget *flagged = NULL;
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  guint n_flagged = 0;
  guint n_matching = 0;

  /* The search entry and the "flagged only" button, found by type */
  {
    GQueue queue = G_QUEUE_INIT;

    g_queue_push_tail (&queue, root);
    while (!g_queue_is_empty (&queue))
      {
        GtkWidget *w = g_queue_pop_head (&queue);

        if (GTK_IS_SEARCH_ENTRY (w) && entry == NULL)
          entry = w;
        if (GTK_IS_TOGGLE_BUTTON (w) && flagged == NULL)
          flagged = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (&queue, c);
      }
  }
  g_assert_nonnull (entry);
  g_assert_nonnull (flagged);

  /* Projects whose code holds "p00001" (any case): p000010 … p000019 */
  for (guint i = 0; i < nawat_call_stats_get_n_projects (expected); i++)
    n_matching += strstr (nawat_call_stats_get_project (expected, i)->project_id, ":p00001") != NULL;
  g_assert_cmpuint (n_matching, >, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "P00001");
  g_signal_emit_by_name (entry, "search-changed");
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_matching);
  /* Sorted while filtered, and filtered while sorted */
  sort_and_wait (dashboard, "Code", GTK_SORT_DESCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_matching);
  assert_sorted_by_code (dashboard, FALSE);
  sort_and_wait (dashboard, "Rank", GTK_SORT_ASCENDING);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, nawat_call_stats_get_n_projects (expected));

  nawat_call_stats_get_disagreements (expected, &n_flagged);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (flagged), TRUE);
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_flagged);
  for (guint i = 0; i < n_flagged; i++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, i);
      g_autofree char *reasons = NULL;

      g_object_get (row, "reasons", &reasons, NULL);
      g_assert_nonnull (reasons);
      g_assert_cmpstr (reasons, !=, "");
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (flagged), FALSE);
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, nawat_call_stats_get_n_projects (expected));
}

/* The evaluations in of those expected ("2 of 3"), in @lang, as the
 * test computes them: the evaluators assigned, or the call's when none
 * is, less the declared conflicts.
 */
static char *
expected_evaluations_text (const NawatProjectStats *ps,
                           const char              *lang)
{
  guint evaluators = ps->assigned > 0 ? ps->assigned : N_EVALUATORS;
  guint expected = MAX (evaluators - ps->conflict, ps->n_evaluations);

  if (g_strcmp0 (lang, "th") == 0)
    return g_strdup_printf ("%u จาก %u", ps->n_evaluations, expected);
  return g_strdup_printf ("%u of %u", ps->n_evaluations, expected);
}

/* Every row says how many of its evaluations are in, marks a project
 * ranked on some of them only, and shows no spread for one evaluation.
 */
static void
assert_ranking_evidence (NawatDashboard *dashboard,
                         const char     *lang)
{
  GListModel *model = nawat_dashboard_get_ranking_model (dashboard);
  guint n_partial = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, i);
      const NawatProjectStats *ps = nawat_dashboard_row_get_stats (row);
      g_autofree char *text = NULL;
      g_autofree char *expected = expected_evaluations_text (ps, lang);
      g_autofree char *spread = NULL;
      g_autofree char *partial_text = NULL;
      gboolean partial;

      g_object_get (row, "evaluations-text", &text, "partial", &partial,
                    "partial-text", &partial_text, "spread-text", &spread, NULL);
      g_assert_cmpstr (text, ==, expected);
      g_assert_cmpint (partial, ==, ps->n_evaluations > 0 && ps->n_evaluations < ps->expected);
      g_assert_true ((partial_text != NULL) == partial);
      if (ps->n_evaluations < 2)
        g_assert_cmpstr (spread, ==, "—");
      n_partial += partial;
    }
  /* The generated call has drafts: some projects are ranked on part of
   * their evaluations.
   */
  g_assert_cmpuint (n_partial, >, 0);
}

/* Dispatches a scroll of (@dx, @dy) to @target's scroll controllers as
 * GTK does: capture phase from the root down, then the target and bubble
 * phases back up, until one handles it.
 */
static gboolean
dispatch_scroll (GtkWidget *target,
                 double     dx,
                 double     dy)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (GtkWidget *w = target; w != NULL; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint pass = 0; pass < 2; pass++)
    for (guint k = 0; k < path->len; k++)
      {
        GtkWidget *widget = g_ptr_array_index (path, pass == 0 ? k : path->len - 1 - k);
        g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

        for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
          {
            g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
            GtkPropagationPhase phase = gtk_event_controller_get_propagation_phase (controller);
            gboolean handled = FALSE;

            if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller) ||
                (pass == 0 && phase != GTK_PHASE_CAPTURE) ||
                (pass == 1 && phase != GTK_PHASE_BUBBLE &&
                 !(phase == GTK_PHASE_TARGET && widget == target)))
              continue;
            g_signal_emit_by_name (controller, "scroll", dx, dy, &handled);
            if (handled)
              return TRUE;
          }
      }
  return FALSE;
}

/* The mouse wheel over the scores side by side scrolls the page; the
 * scores themselves scroll sideways.
 */
static void
assert_scores_scroll (NawatDashboard *dashboard)
{
  GtkWidget *card = nawat_ui_test_find (GTK_WIDGET (dashboard), GTK_TYPE_SCROLLED_WINDOW, "scores-card");
  GtkWidget *page;
  GtkAdjustment *vertical, *sideways;
  GtkWidget *cell;

  g_assert_nonnull (card);
  page = gtk_widget_get_ancestor (gtk_widget_get_parent (card), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (page);
  nawat_ui_test_wait_for_frame (card);
  vertical = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  sideways = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (card));
  /* Narrow: both the page and the scores overflow. */
  g_assert_cmpfloat (gtk_adjustment_get_upper (vertical), >, gtk_adjustment_get_page_size (vertical));
  g_assert_cmpfloat (gtk_adjustment_get_upper (sideways), >, gtk_adjustment_get_page_size (sideways));
  gtk_adjustment_set_value (vertical, 0);
  gtk_adjustment_set_value (sideways, 0);

  /* The wheel, over a score */
  cell = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (card));
  cell = gtk_widget_get_first_child (gtk_viewport_get_child (GTK_VIEWPORT (cell)));
  g_assert_true (dispatch_scroll (cell, 0, 1));
  g_assert_cmpfloat (gtk_adjustment_get_value (vertical), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (sideways), ==, 0);

  /* Sideways, as a touchpad does */
  g_assert_true (dispatch_scroll (cell, 1, 0));
  g_assert_cmpfloat (gtk_adjustment_get_value (sideways), >, 0);
}

static void
assert_overview (NawatDashboard *dashboard,
                 NawatCallStats *expected)
{
  GtkWidget *root = GTK_WIDGET (dashboard);
  NawatAgreement agreement;
  g_autofree char *alpha_interval = NULL;
  g_autofree char *alpha_ordinal = NULL;
  g_autofree char *icc = NULL;
  g_autofree char *projects = g_strdup_printf ("%u", nawat_call_stats_get_n_projects (expected));
  g_autofree char *evaluators = g_strdup_printf ("%u", nawat_call_stats_get_n_evaluators (expected));
  guint submitted = 0;
  g_autofree char *submitted_text = NULL;

  nawat_call_stats_get_composite (expected, NULL, &agreement);
  alpha_interval = format_2 (agreement.alpha_interval);
  alpha_ordinal = format_2 (agreement.alpha_ordinal);
  icc = format_2 (agreement.icc_1_1);
  /* Three evaluators scoring the same projects: the figures are defined. */
  g_assert_false (isnan (agreement.alpha_interval));
  g_assert_false (isnan (agreement.icc_1_1));

  g_assert_cmpstr (nawat_ui_test_label (root, "alpha-interval"), ==, alpha_interval);
  g_assert_cmpstr (nawat_ui_test_label (root, "alpha-ordinal"), ==, alpha_ordinal);
  g_assert_cmpstr (nawat_ui_test_label (root, "icc"), ==, icc);
  g_assert_cmpstr (nawat_ui_test_label (root, "projects"), ==, projects);
  g_assert_cmpstr (nawat_ui_test_label (root, "evaluators"), ==, evaluators);
  for (guint i = 0; i < nawat_call_stats_get_n_evaluators (expected); i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (expected, i);

      submitted += es->submitted;
      /* A row of the progress list per evaluator */
      g_assert_nonnull (nawat_ui_test_find (root, G_TYPE_INVALID, es->name));
    }
  submitted_text = g_strdup_printf ("%u", submitted);
  g_assert_cmpstr (nawat_ui_test_label (root, "submitted"), ==, submitted_text);
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A row per reach level: its projects and their budget, as the store
 * holds them; the generated call has projects of every level.
 */
static void
assert_reach_totals (NawatDashboard *dashboard,
                     const char     *store_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (store_path, &error);
  g_autoptr(GPtrArray) page = NULL;
  NawatReachTotal totals[NAWAT_N_REACH + 1] = { { 0, 0 } };

  g_assert_no_error (error);
  page = nawat_store_list_projects_page (store, CALL_ID, NULL, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      NawatProject *project = g_ptr_array_index (page, i);

      totals[nawat_reach_index (nawat_project_get_reach (project))].n_projects++;
      totals[nawat_reach_index (nawat_project_get_reach (project))].budget_thb +=
        nawat_project_get_budget_thb (project);
    }

  for (guint i = 0; i < NAWAT_N_REACH; i++)
    {
      GtkWidget *row = nawat_ui_test_find (GTK_WIDGET (dashboard), ADW_TYPE_ACTION_ROW,
                                           nawat_reach_levels ()[i].key);
      g_autofree char *count = NULL;
      g_autofree char *budget = nawat_format_thb (totals[i].budget_thb, dashboard->language);
      GtkWidget *label;

      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                            totals[i].n_projects),
                               totals[i].n_projects);
      g_assert_nonnull (row);
      g_assert_cmpuint (totals[i].n_projects, >, 1);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                       nawat_term_get_label (&nawat_reach_levels ()[i], dashboard->language));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, count);
      label = find_label_with_text (row, budget);
      g_assert_nonnull (label);
    }
  /* No project without a reach: no row for them. */
  g_assert_null (nawat_ui_test_find (GTK_WIDGET (dashboard), ADW_TYPE_ACTION_ROW, "none"));
}

/* The side-by-side page shows each evaluator's level of each criterion. */
static void
assert_side_by_side (NawatDashboard *dashboard,
                     const char     *store_path,
                     const char     *project_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (store_path, &error);
  g_autoptr(GPtrArray) evaluations = NULL;
  static const char * const keys[] = { "merit.innovation", "domains.environment", "helix.academia" };
  guint n_scored = 0;

  g_assert_no_error (error);
  evaluations = nawat_store_list_evaluations (store, project_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (evaluations->len, >=, 2);

  g_assert_cmpstr (nawat_dashboard_get_project_id (dashboard), ==, project_id);
  g_assert_nonnull (nawat_ui_test_find (GTK_WIDGET (dashboard), G_TYPE_INVALID, "evaluators-radar"));
  for (guint e = 0; e < evaluations->len; e++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, e);

      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          g_autofree char *name = g_strdup_printf ("level:%s:%s",
                                                   nawat_evaluation_get_evaluator (evaluation), keys[k]);
          const char *shown = nawat_ui_test_label (GTK_WIDGET (dashboard), name);
          double value;

          if (nawat_evaluation_get_score (evaluation, keys[k], &value))
            {
              g_autofree char *prefix = g_strdup_printf ("%g · ", value);

              g_assert_true (g_str_has_prefix (shown, prefix));
              n_scored++;
            }
          else
            g_assert_cmpstr (shown, ==, _("Not scored"));
        }
    }
  g_assert_cmpuint (n_scored, >, 0);
}

static void
drive_dashboard (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  TestData *data = user_data;
  NawatDashboard *dashboard = open_dashboard (app, window);
  NawatCallStats *expected = data->expected;
  g_autofree char *project_id = NULL;
  guint position;
  GtkWidget *root = GTK_WIDGET (dashboard);

  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "overview");
  g_assert_nonnull (nawat_dashboard_get_stats (dashboard));
  assert_overview (dashboard, expected);
  assert_reach_totals (dashboard, data->store_path);
  save_screenshots (root, "overview-wide", data);
  scroll_to_end (nawat_ui_test_find (root, G_TYPE_INVALID, "alpha-interval"));
  save_screenshots (root, "overview-charts-wide", data);

  /* Opening it again presents the same window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 2);

  nawat_dashboard_show_ranking (dashboard);
  nawat_ui_test_wait_until (ranking_is_settled, dashboard);
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "ranking");
  assert_ranking_order (dashboard, expected);
  assert_ranking_evidence (dashboard, data->shot_suffix);
  assert_title_tooltip (dashboard);
  save_screenshots (root, "ranking-wide", data);

  sort_and_wait (dashboard, "Spread", GTK_SORT_ASCENDING);
  assert_sorted_by_spread (dashboard, expected, TRUE);
  sort_and_wait (dashboard, "Spread", GTK_SORT_DESCENDING);
  assert_sorted_by_spread (dashboard, expected, FALSE);
  sort_and_wait (dashboard, "Code", GTK_SORT_ASCENDING);
  assert_sorted_by_code (dashboard, TRUE);
  sort_and_wait (dashboard, "Code", GTK_SORT_DESCENDING);
  assert_sorted_by_code (dashboard, FALSE);
  sort_and_wait (dashboard, "Rank", GTK_SORT_ASCENDING);
  assert_ranking_order (dashboard, expected);
  assert_cells_show_rows (dashboard);
  assert_sorts_by_each_column (dashboard, expected);

  assert_filter (dashboard, expected);

  /* The best ranked project with two evaluations or more */
  for (position = 0; project_id == NULL; position++)
    {
      g_autoptr(NawatDashboardRow) row = ranking_row (dashboard, position);

      if (nawat_dashboard_row_get_stats (row)->n_evaluations >= 2)
        project_id = g_strdup (nawat_dashboard_row_get_project_id (row));
    }
  g_signal_emit_by_name (nawat_dashboard_get_column_view (dashboard), "activate", position - 1);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "project");
  assert_side_by_side (dashboard, data->store_path, project_id);
  save_screenshots (root, "project-wide", data);
  scroll_to_end (nawat_ui_test_find (root, G_TYPE_INVALID, "evaluators-radar"));
  save_screenshots (root, "project-charts-wide", data);

  /* Narrow: the view switcher moves to the bottom; the grid scrolls. */
  gtk_window_set_default_size (GTK_WINDOW (dashboard), 400, 720);
  save_screenshots (root, "project-narrow", data);
  assert_scores_scroll (dashboard);
  save_screenshots (root, "project-narrow-scrolled", data);
  g_assert_true (gtk_widget_activate_action (root, "dashboard.back", NULL));
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "ranking");
  g_assert_null (nawat_dashboard_get_project_id (dashboard));
  save_screenshots (root, "ranking-narrow", data);
  nawat_dashboard_show_overview (dashboard);
  save_screenshots (root, "overview-narrow", data);
}

/* Agreement from a handful of projects would mean nothing: the overview
 * says so, and why, instead of showing figures.
 */
static void
drive_too_few (NawatApplication *app,
               NawatWindow      *window,
               gpointer          user_data)
{
  TestData *data = user_data;
  NawatDashboard *dashboard = open_dashboard (app, window);
  GtkWidget *root = GTK_WIDGET (dashboard);
  GtkWidget *group = nawat_ui_test_find (root, ADW_TYPE_PREFERENCES_GROUP, "agreement");
  NawatAgreement agreement;
  g_autofree char *needed = NULL;
  const char *description;

  nawat_call_stats_get_composite (data->expected, NULL, &agreement);
  g_assert_cmpuint (agreement.n_pairable_units, <, NAWAT_STATS_MIN_AGREEMENT_UNITS);
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "overview");
  g_assert_cmpstr (nawat_ui_test_label (root, "alpha-interval"), ==, "—");
  g_assert_cmpstr (nawat_ui_test_label (root, "alpha-ordinal"), ==, "—");
  g_assert_cmpstr (nawat_ui_test_label (root, "icc"), ==, "—");
  g_assert_nonnull (group);
  description = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));
  if (g_strcmp0 (data->shot_suffix, "th") == 0)
    needed = g_strdup_printf ("ข้อมูลยังไม่พอ: การวัดความสอดคล้องต้องมีโครงการที่มีผลการประเมิน"
                              "ตั้งแต่สองรายการขึ้นไป %u โครงการ ขณะนี้มี %u โครงการ",
                              NAWAT_STATS_MIN_AGREEMENT_UNITS, agreement.n_pairable_units);
  else
    needed = g_strdup_printf ("Not enough data yet: agreement needs %u projects with two or more "
                              "evaluations (so far: %u).",
                              NAWAT_STATS_MIN_AGREEMENT_UNITS, agreement.n_pairable_units);
  g_assert_cmpstr (description, ==, needed);
  save_screenshots (root, "too-few", data);
}

static void
drive_empty (NawatApplication *app,
             NawatWindow      *window,
             gpointer          user_data)
{
  TestData *data = user_data;
  NawatDashboard *dashboard = open_dashboard (app, window);

  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (nawat_dashboard_get_ranking_model (dashboard)), ==, 0);
  save_screenshots (GTK_WIDGET (dashboard), "empty", data);
}

/* The store */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nawat-dashboard-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

/* A generated call: @n_evaluators score its projects (most submitted).  Its
 * deadline has passed, as when a coordinator extends it.
 */
static NawatCallStats *
make_store_of (const char *path,
               guint       n_projects,
               guint       n_evaluators)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_imported = 0;

  g_assert_true (nawat_generator_write_with_deadline (output, CALL_ID, n_projects, n_evaluators, 7,
                                                      "2026-06-30T17:00:00Z", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, &error));

  store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_import_data (store,
                                          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                                          &n_imported, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, >, n_projects);

  return nawat_call_stats_compute (store, CALL_ID, NAWAT_STATS_DEFAULT_THRESHOLD, NULL, &error);
}

static NawatCallStats *
make_store (const char *path,
            guint       n_evaluators)
{
  return make_store_of (path, N_PROJECTS, n_evaluators);
}

/* The coordinator's changes to the round: a deadline extended for the
 * call or for one evaluator, and a submitted evaluation reopened, each
 * recorded in its document.
 */

static AdwMessageDialog *
find_extend_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) &&
          g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (window)), "extend-dialog") == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static NawatCall *
stored_call (NawatWindow *window)
{
  g_autoptr(GError) error = NULL;
  NawatCall *call = nawat_store_get_call (nawat_window_get_store (window), "call:" CALL_ID, &error);

  g_assert_no_error (error);
  g_assert_nonnull (call);

  return call;
}

/* A submitted evaluation in the store, and its project. */
static NawatEvaluation *
find_submitted (NawatWindow *window)
{
  NawatStore *store = nawat_window_get_store (window);

  for (guint p = 1; p <= N_PROJECTS; p++)
    {
      g_autofree char *project_id = g_strdup_printf ("project:" CALL_ID ":p%06u", p);
      g_autoptr(GPtrArray) evaluations = nawat_store_list_evaluations (store, project_id, NULL);

      for (guint i = 0; evaluations != NULL && i < evaluations->len; i++)
        {
          NawatEvaluation *evaluation = g_ptr_array_index (evaluations, i);

          if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
            return g_object_ref (evaluation);
        }
    }

  g_assert_not_reached ();
}

typedef struct
{
  NawatDashboard *dashboard;
  const char     *name;
} ReopenButton;

static gboolean
reopen_button_gone (gpointer user_data)
{
  ReopenButton *button = user_data;

  return dashboard_is_idle (button->dashboard)
         && nawat_ui_test_find (GTK_WIDGET (button->dashboard), GTK_TYPE_BUTTON, button->name) == NULL;
}

/* The dashboard's changes to the round, made on the store's thread. */
static gboolean
extend_deadline (NawatDashboard  *dashboard,
                 const char      *evaluator,
                 GDateTime       *until,
                 GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(NawatCall) call = NULL;

  nawat_dashboard_extend_deadline (dashboard, evaluator, until, NULL, nawat_ui_test_keep_result,
                                   &result);
  call = nawat_dashboard_extend_deadline_finish (dashboard, nawat_ui_test_wait_result (&result), error);
  return call != NULL;
}

static gboolean
reopen (NawatDashboard  *dashboard,
        const char      *evaluation_id,
        GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;

  nawat_dashboard_reopen (dashboard, evaluation_id, NULL, nawat_ui_test_keep_result, &result);
  evaluation = nawat_dashboard_reopen_finish (dashboard, nawat_ui_test_wait_result (&result), error);
  return evaluation != NULL;
}

static void
drive_round (NawatApplication *app,
             NawatWindow      *window,
             gpointer          user_data)
{
  ReopenButton reopen_data = { NULL, NULL };
  TestData *data = user_data;
  NawatDashboard *dashboard = open_dashboard (app, window);
  g_autoptr(NawatCall) before = stored_call (window);
  g_autoptr(NawatCall) after = NULL;
  g_autoptr(NawatEvaluation) submitted = find_submitted (window);
  g_autoptr(NawatEvaluation) reopened = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 30);
  g_autoptr(GDateTime) past = g_date_time_add_days (now, -400);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 60);
  g_autoptr(GDateTime) later_local = g_date_time_to_local (later);
  g_autoptr(GDateTime) end_of_day = NULL;
  g_autoptr(GDateTime) end_of_day_utc = NULL;
  g_autoptr(GDateTime) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *soon_iso = g_date_time_format (soon, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *expected = NULL;
  g_autofree char *button_name = NULL;
  const char *evaluator = nawat_call_get_evaluators (before)[0];
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *button;

  /* One evaluator's own deadline: an extension, the call's unchanged. */
  g_assert_true (extend_deadline (dashboard, evaluator, soon, &error));
  g_assert_no_error (error);
  after = stored_call (window);
  g_assert_cmpstr (nawat_call_get_extension (after, evaluator), ==, soon_iso);
  g_assert_cmpstr (nawat_call_get_deadline (after), ==, nawat_call_get_deadline (before));
  effective = nawat_round_dup_deadline (after, evaluator);
  {
    g_autoptr(GDateTime) stored = g_date_time_new_from_iso8601 (soon_iso, NULL);

    g_assert_true (g_date_time_compare (effective, stored) == 0);
  }
  g_assert_false (nawat_round_is_closed (after, evaluator, NULL));
  g_clear_object (&after);

  /* Not later than now: refused, nothing changed. */
  g_assert_false (extend_deadline (dashboard, evaluator, past, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (extend_deadline (dashboard, "nobody", later, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL);
  g_clear_error (&error);
  after = stored_call (window);
  g_assert_cmpstr (nawat_call_get_extension (after, evaluator), ==, soon_iso);
  g_assert_null (nawat_call_get_extension (after, "nobody"));
  g_clear_object (&after);

  /* The whole call, through the dialog: the end of the chosen day. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "dashboard.extend-deadline", NULL));
  dialog = find_extend_dialog ();
  g_assert_nonnull (dialog);
  extra = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (nawat_ui_test_find (extra, GTK_TYPE_DROP_DOWN,
                                                                                   "extend-who"))), ==, 0);
  gtk_calendar_select_day (GTK_CALENDAR (nawat_ui_test_find (extra, GTK_TYPE_CALENDAR, "extend-calendar")),
                           later_local);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  save_screenshots (GTK_WIDGET (dialog), "extend-dialog", data);
  adw_message_dialog_response (dialog, "extend");
  end_of_day = g_date_time_new_local (g_date_time_get_year (later_local), g_date_time_get_month (later_local),
                                      g_date_time_get_day_of_month (later_local), 23, 59, 59);
  end_of_day_utc = g_date_time_to_utc (end_of_day);
  expected = g_date_time_format (end_of_day_utc, "%Y-%m-%dT%H:%M:%SZ");
  /* Saved on the store's thread. */
  after = stored_call (window);
  while (g_strcmp0 (nawat_call_get_deadline (after), expected) != 0)
    {
      g_main_context_iteration (NULL, TRUE);
      g_clear_object (&after);
      after = stored_call (window);
    }
  g_assert_cmpstr (nawat_call_get_extension (after, evaluator), ==, soon_iso);
  /* The dialog's buttons close it after their response; here it is closed by hand. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (find_extend_dialog ());

  /* The evaluator's confidence, beside their scores. */
  nawat_evaluation_set_confidence (submitted, NAWAT_CONFIDENCE_HIGH);
  g_assert_true (nawat_store_save_evaluation (nawat_window_get_store (window), submitted, &error));
  g_assert_no_error (error);

  /* Reopening, from the scores side by side: recorded with the name. */
  nawat_dashboard_open_project (dashboard, nawat_evaluation_get_project (submitted));
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  {
    g_autofree char *name = g_strdup_printf ("confidence:%s", nawat_evaluation_get_evaluator (submitted));
    GtkWidget *label = nawat_ui_test_find (GTK_WIDGET (dashboard), GTK_TYPE_LABEL, name);

    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "High");
  }
  button_name = g_strdup_printf ("reopen:%s", nawat_evaluation_get_evaluator (submitted));
  button = nawat_ui_test_find (GTK_WIDGET (dashboard), GTK_TYPE_BUTTON, button_name);
  g_assert_nonnull (button);
  save_screenshots (GTK_WIDGET (dashboard), "reopen", data);
  g_signal_emit_by_name (button, "clicked");
  /* Saved on the store's thread; then the project is read again, and a
   * draft has no reopen button.
   */
  reopen_data.dashboard = dashboard;
  reopen_data.name = button_name;
  nawat_ui_test_wait_until (reopen_button_gone, &reopen_data);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  reopened = nawat_store_get_evaluation (nawat_window_get_store (window),
                                         nawat_document_get_id (NAWAT_DOCUMENT (submitted)), &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_evaluation_get_status (reopened), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (reopened), ==, "coord");
  g_assert_nonnull (nawat_evaluation_get_reopened_at (reopened));
  /* Nothing else changed: the scores, comments and all stay. */
  {
    g_autoptr(NawatEvaluation) copy = nawat_evaluation_copy (submitted);

    nawat_evaluation_set_status (copy, NAWAT_EVALUATION_DRAFT);
    nawat_evaluation_set_reopened (copy, nawat_evaluation_get_reopened_by (reopened),
                                   nawat_evaluation_get_reopened_at (reopened));
    nawat_evaluation_set_updated (copy, nawat_evaluation_get_updated (reopened));
    g_assert_true (nawat_evaluation_equal_content (copy, reopened));
  }
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_null (nawat_ui_test_find (GTK_WIDGET (dashboard), GTK_TYPE_BUTTON, button_name));

  /* A draft cannot be reopened; nobody named, nothing reopened. */
  g_assert_false (reopen (dashboard, nawat_document_get_id (NAWAT_DOCUMENT (submitted)),
                                          &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN);
  g_clear_error (&error);
  g_clear_object (&submitted);
  submitted = find_submitted (window);
  nawat_dashboard_set_coordinator (dashboard, NULL);
  g_assert_false (reopen (dashboard, nawat_document_get_id (NAWAT_DOCUMENT (submitted)),
                                          &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN);
  g_clear_object (&reopened);
  reopened = nawat_store_get_evaluation (nawat_window_get_store (window),
                                         nawat_document_get_id (NAWAT_DOCUMENT (submitted)), NULL);
  g_assert_cmpint (nawat_evaluation_get_status (reopened), ==, NAWAT_EVALUATION_SUBMITTED);
}

/* The reminders: "Copy" on an evaluator's progress row puts their
 * reminder on the clipboard, with their outstanding projects and their
 * deadline.
 */

static void
on_clipboard_changed_cb (GdkClipboard *clipboard,
                         gboolean     *changed)
{
  *changed = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/* Scrolls the view holding @widget to show it near its top. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child;
  graphene_point_t point;

  g_assert_nonnull (scrolled);
  nawat_ui_test_wait_for_frame (scrolled);
  child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (widget, child, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                            MAX (point.y - 200, 0));
  nawat_ui_test_wait_for_frame (scrolled);
}

static void
drive_remind (NawatApplication *app,
              NawatWindow      *window,
              gpointer          user_data)
{
  NawatDashboard *dashboard = open_dashboard (app, window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (dashboard));
  g_autoptr(GPtrArray) outstanding = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  NawatOutstanding *o = NULL;
  gboolean changed = FALSE;
  GtkWidget *row;
  GtkWidget *copy;
  gulong handler;

  outstanding = nawat_outstanding_list (nawat_window_get_store (window), CALL_ID, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < outstanding->len && o == NULL; i++)
    if (((NawatOutstanding *) g_ptr_array_index (outstanding, i))->projects->len > 0)
      o = g_ptr_array_index (outstanding, i);
  g_assert_nonnull (o);

  row = nawat_ui_test_find (GTK_WIDGET (dashboard->progress_list), ADW_TYPE_ACTION_ROW, o->evaluator);
  g_assert_nonnull (row);
  g_assert_nonnull (nawat_ui_test_find (row, GTK_TYPE_BUTTON, "remind"));
  copy = nawat_ui_test_find (row, GTK_TYPE_BUTTON, "copy");
  g_assert_nonnull (copy);

  scroll_to (row);
  save_screenshots (GTK_WIDGET (dashboard), "remind", user_data);

  handler = g_signal_connect (clipboard, "changed", G_CALLBACK (on_clipboard_changed_cb), &changed);
  g_assert_true (gtk_widget_activate (copy));
  nawat_ui_test_wait_until (is_true, &changed);
  g_signal_handler_disconnect (clipboard, handler);

  gdk_clipboard_read_text_async (clipboard, NULL, nawat_ui_test_keep_result, &result);
  text = gdk_clipboard_read_text_finish (clipboard, nawat_ui_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (text);

  g_assert_true (g_str_has_prefix (text, "Dear "));
  for (guint i = 0; i < o->projects->len; i++)
    {
      NawatOutstandingProject *p = g_ptr_array_index (o->projects, i);
      g_autofree char *line = g_strdup_printf ("- %s ", p->code);

      g_assert_nonnull (strstr (text, line));
    }
  /* The generated call's deadline, 2026-06-30T17:00:00Z, in Thailand. */
  g_assert_nonnull (strstr (text, "by 1 July 2026 at 00:00, Thailand time."));
}

static void
test_remind (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "remind.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store (path, N_EVALUATORS);
  TestData data = { path, expected, "en", FALSE };

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_remind, &data);
  nawat_ui_test_set_language (NULL);

  nawat_ui_test_remove_dir (dir);
}

/* The outstanding work per project: the progress group's "By Project"
 * toggle, by keyboard, shows the projects waiting for evaluations with
 * who they wait for, and "Save Outstanding Work…" writes that table as
 * CSV and XLSX, read back here.
 */

static gboolean
dashboard_is_settled (gpointer user_data)
{
  return !nawat_dashboard_get_busy (user_data);
}

/* The row label named @name shown for the project whose code is @code. */
static GtkLabel *
find_outstanding_label (NawatDashboard *dashboard,
                        const char     *code,
                        const char     *name)
{
  g_autofree char *prefix = g_strdup_printf ("%s ", code);
  GtkWidget *view = GTK_WIDGET (dashboard->outstanding_view);

  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *title = nawat_ui_test_find (row, GTK_TYPE_LABEL, "title");

      if (title == NULL || !gtk_widget_get_mapped (title) ||
          !g_str_has_prefix (gtk_label_get_label (GTK_LABEL (title)), prefix))
        continue;
      return GTK_LABEL (g_str_equal (name, "title") ? title
                                                    : nawat_ui_test_find (row, GTK_TYPE_LABEL, name));
    }
  return NULL;
}

/* Saves the per-project table as @format in @path and reads it back. */
static GPtrArray *
save_and_read (NawatDashboard   *dashboard,
               const char       *path,
               NawatTableFormat  format)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  _nawat_dashboard_save_outstanding (dashboard, file, format, TRUE);
  g_assert_true (nawat_dashboard_get_busy (dashboard));
  nawat_ui_test_wait_until (dashboard_is_settled, dashboard);
  rows = format == NAWAT_TABLE_XLSX ? nawat_xlsx_read_rows (path, NULL, &error)
                                    : nawat_csv_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
drive_outstanding (NawatApplication *app,
                   NawatWindow      *window,
                   gpointer          user_data)
{
  TestData *data = user_data;
  NawatDashboard *dashboard = open_dashboard (app, window);
  g_autofree char *dir = g_path_get_dirname (data->store_path);
  g_autofree char *csv_path = g_build_filename (dir, "outstanding.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "outstanding.xlsx", NULL);
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) csv = NULL;
  g_autoptr(GPtrArray) xlsx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  NawatProjectOutstanding *first;
  GtkLabel *label;
  guint n_rows = 0;

  expected = nawat_outstanding_list_by_project (nawat_window_get_store (window), CALL_ID, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 1);
  first = g_ptr_array_index (expected, 0);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (dashboard->progress_stack), ==, "evaluators");
  g_assert_true (gtk_widget_is_sensitive (nawat_ui_test_find (GTK_WIDGET (dashboard), GTK_TYPE_BUTTON,
                                                              "save-outstanding")));

  /* Alt+P, the toggle's mnemonic, as a coordinator would press it. */
  scroll_to (GTK_WIDGET (dashboard->by_project_button));
  nawat_ui_test_focus_window (GTK_WINDOW (dashboard));
  nawat_ui_test_press (GTK_WIDGET (dashboard), "alt+p");
  g_assert_true (gtk_toggle_button_get_active (dashboard->by_project_button));
  g_assert_false (gtk_toggle_button_get_active (dashboard->by_evaluator_button));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dashboard->progress_stack), ==, "projects");
  nawat_ui_test_wait_until (dashboard_is_settled, dashboard);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dashboard->outstanding_selection)), ==,
                    expected->len);
  count = g_strdup_printf ("%u projects are waiting for evaluations", expected->len);
  g_assert_cmpstr (gtk_label_get_label (dashboard->outstanding_label), ==, count);

  /* The first project's row: its title, and each evaluator not done. */
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard->outstanding_view));
  label = find_outstanding_label (dashboard, first->code, "title");
  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (label), first->title->en));
  label = find_outstanding_label (dashboard, first->code, "evaluators");
  g_assert_nonnull (label);
  for (guint i = 0; i < first->evaluators->len; i++)
    {
      NawatOutstandingEvaluator *e = g_ptr_array_index (first->evaluators, i);
      g_autofree char *who = g_strdup_printf ("%s (%s)", e->display_name,
                                              e->status == NAWAT_PROJECT_STATUS_DRAFT
                                              ? "Draft" : "Not started");

      g_assert_nonnull (strstr (gtk_label_get_label (label), who));
    }
  scroll_to (GTK_WIDGET (dashboard->outstanding_view));
  save_screenshots (GTK_WIDGET (dashboard), "outstanding", data);

  /* Saved, as the file chooser's answer does: the CSV holds a row per
   * project and waiting evaluator, the workbook the same cells.
   */
  csv = save_and_read (dashboard, csv_path, NAWAT_TABLE_CSV);
  xlsx = save_and_read (dashboard, xlsx_path, NAWAT_TABLE_XLSX);
  g_assert_cmpstrv (g_ptr_array_index (csv, 0),
                    ((const char * const[]) { "code", "title", "evaluator", "status", NULL }));
  for (guint i = 0; i < expected->len; i++)
    {
      NawatProjectOutstanding *p = g_ptr_array_index (expected, i);

      for (guint j = 0; j < p->evaluators->len; j++)
        {
          NawatOutstandingEvaluator *e = g_ptr_array_index (p->evaluators, j);
          char **cells = g_ptr_array_index (csv, ++n_rows);

          g_assert_cmpstr (cells[0], ==, p->code);
          g_assert_cmpstr (cells[1], ==, p->title->en);
          g_assert_cmpstr (cells[2], ==, e->evaluator);
          g_assert_cmpstr (cells[3], ==, e->status == NAWAT_PROJECT_STATUS_DRAFT
                                         ? "Draft" : "Not started");
        }
    }
  g_assert_cmpuint (csv->len, ==, n_rows + 1);
  g_assert_cmpuint (xlsx->len, ==, csv->len);
  for (guint i = 0; i < csv->len; i++)
    g_assert_cmpstrv (g_ptr_array_index (xlsx, i), g_ptr_array_index (csv, i));

  /* Alt+E goes back to the evaluators. */
  nawat_ui_test_press (GTK_WIDGET (dashboard), "alt+e");
  g_assert_true (gtk_toggle_button_get_active (dashboard->by_evaluator_button));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dashboard->progress_stack), ==, "evaluators");

  g_unlink (csv_path);
  g_unlink (xlsx_path);
}

static void
test_outstanding (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "outstanding.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store (path, N_EVALUATORS);
  TestData data = { path, expected, "en", FALSE };

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_outstanding, &data);
  nawat_ui_test_set_language (NULL);

  nawat_ui_test_remove_dir (dir);
}

static void
test_round (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "round.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store (path, N_EVALUATORS);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  TestData data = { path, expected, "en", FALSE };

  /* The coordinator said who they are: their name goes in "reopened". */
  g_settings_set_string (settings, "evaluator-name", "coord");
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_round, &data);
  nawat_ui_test_set_language (NULL);
  g_settings_reset (settings, "evaluator-name");

  nawat_ui_test_remove_dir (dir);
}

static void
test_dashboard (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "dash.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store (path, N_EVALUATORS);
  TestData data = { path, expected, "en", FALSE };

  g_assert_nonnull (expected);
  g_assert_cmpuint (nawat_call_stats_get_n_evaluators (expected), ==, N_EVALUATORS);

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_dashboard, &data);

  if (nawat_ui_test_set_ui_locale ("th"))
    {
      data.shot_suffix = "th";
      nawat_ui_test_set_language ("th");
      nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_dashboard, &data);
      nawat_ui_test_set_ui_locale (NULL);
    }
  else if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
  else
    g_test_message ("No th_TH.UTF-8 locale: the Thai run is skipped");
  nawat_ui_test_set_language (NULL);

  nawat_ui_test_remove_dir (dir);
}

static void
test_too_few (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "few.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store_of (path, 3, N_EVALUATORS);
  TestData data = { path, expected, "en", FALSE };

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_too_few, &data);
  if (nawat_ui_test_set_ui_locale ("th"))
    {
      data.shot_suffix = "th";
      nawat_ui_test_set_language ("th");
      nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_too_few, &data);
      nawat_ui_test_set_ui_locale (NULL);
    }
  nawat_ui_test_set_language (NULL);

  nawat_ui_test_remove_dir (dir);
}

static void
test_empty (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(NawatCallStats) expected = make_store (path, 0);
  TestData data = { path, expected, "en", TRUE };

  g_assert_cmpuint (nawat_call_stats_get_n_projects (expected), ==, N_PROJECTS);

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (data.store_path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_empty, &data);
  nawat_ui_test_set_language (NULL);

  nawat_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/dashboard/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/dashboard/ranking", test_dashboard);
  g_test_add_func ("/nawat/ui/dashboard/empty", test_empty);
  g_test_add_func ("/nawat/ui/dashboard/too-few", test_too_few);
  g_test_add_func ("/nawat/ui/dashboard/round", test_round);
  g_test_add_func ("/nawat/ui/dashboard/remind", test_remind);
  g_test_add_func ("/nawat/ui/dashboard/outstanding", test_outstanding);

  return g_test_run ();
}
