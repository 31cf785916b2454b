/* nawat-dashboard-project.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-accessible.h"
#include "nawat-application.h"
#include "nawat-chart-view-private.h"
#include "nawat-criterion.h"
#include "nawat-dashboard-private.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-project-page.h"
#include "nawat-rubric.h"
#include "nawat-rubric-group.h"
#include "nawat-scoring.h"
#include "nawat-store.h"
#include "nawat-vocabulary.h"

#include <math.h>

/* Every evaluator's scores of one project, side by side */

typedef struct
{
  NawatProject *project;
  GPtrArray    *evaluations;
} ProjectResult;

static void
project_result_free (ProjectResult *result)
{
  g_clear_object (&result->project);
  g_clear_pointer (&result->evaluations, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProjectResult, project_result_free)

/* The task's source is the store: the dashboard stays on the main thread. */
static void
load_project_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  NawatStore *store = NAWAT_STORE (source_object);
  const char *project_id = task_data;
  g_autoptr(ProjectResult) result = g_new0 (ProjectResult, 1);
  GError *error = NULL;

  result->project = nawat_store_get_project (store, project_id, &error);
  if (result->project != NULL)
    result->evaluations = nawat_store_list_evaluations (store, project_id, &error);
  if (result->evaluations == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) project_result_free);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
evaluation_status_text (NawatEvaluation *evaluation)
{
  NawatConflictType type = nawat_evaluation_get_conflict_type (evaluation);

  if (nawat_evaluation_get_conflict_declared (evaluation) && type != NAWAT_CONFLICT_TYPE_NONE)
    return g_strdup_printf ("%s (%s)", nawat_vocabulary_get (NAWAT_WORD_CONFLICT, NULL),
                            nawat_vocabulary_conflict_type (type, NULL));
  if (nawat_evaluation_get_conflict_declared (evaluation))
    return g_strdup (nawat_vocabulary_get (NAWAT_WORD_CONFLICT, NULL));
  return g_strdup (nawat_vocabulary_evaluation_status (nawat_evaluation_get_status (evaluation), NULL));
}

/* One evaluator's level of one criterion, with the comment below it. */
static GtkWidget *
new_score_cell (NawatDashboard  *self,
                NawatCriterion  *criterion,
                const char      *key,
                NawatEvaluation *evaluation)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *comment = nawat_evaluation_get_comment (evaluation, key);
  g_autofree char *name = g_strdup_printf ("level:%s:%s",
                                           nawat_evaluation_get_evaluator (evaluation), key);
  g_autofree char *text = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  GtkWidget *level;
  double value;

  if (nawat_evaluation_get_score (evaluation, key, &value))
    {
      const NawatLevel *found = nawat_criterion_find_level (criterion, (int) value);
      const char *label = found != NULL ? nawat_dashboard_text_in_language (found->label, self->language) : NULL;
      const char *descriptor = found != NULL ? nawat_dashboard_text_in_language (found->descriptor, self->language) : NULL;

      text = label != NULL ? g_strdup_printf ("%g · %s", value, label) : g_strdup_printf ("%g", value);
      if (descriptor != NULL)
        g_string_append (tooltip, descriptor);
      level = new_label (text, "score-level");
    }
  else
    {
      level = new_label (_("Not scored"), "dim-label");
    }
  gtk_widget_set_name (level, name);
  gtk_box_append (GTK_BOX (box), level);

  if (comment != NULL && *comment != '\0')
    {
      GtkWidget *label = new_label (comment, "caption");

      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_label_set_lines (GTK_LABEL (label), 4);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      if (tooltip->len > 0)
        g_string_append (tooltip, "\n\n");
      g_string_append (tooltip, comment);
    }
  if (tooltip->len > 0)
    gtk_widget_set_tooltip_text (box, tooltip->str);
  return box;
}

static void
grid_add_heading (GtkGrid    *grid,
                  const char *text,
                  int         row,
                  int         width)
{
  GtkWidget *label = new_label (text, "heading");

  gtk_widget_set_margin_top (label, 12);
  gtk_grid_attach (grid, label, 0, row, width, 1);
}

/* A coordinator sends a submitted evaluation back to its evaluator. */
static GtkWidget *
new_reopen_button (NawatEvaluation *evaluation)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Reopen as Draft"));
  g_autofree char *name = g_strdup_printf ("reopen:%s", nawat_evaluation_get_evaluator (evaluation));

  gtk_widget_set_name (button, name);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (button, 4);
  gtk_widget_add_css_class (button, "small");
  gtk_widget_set_tooltip_text (button, _("Send the evaluation back to its evaluator as a draft, "
                                         "whatever the deadline; the evaluation records who reopened it"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.reopen");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));

  return button;
}

static GtkWidget *
new_scores_grid (NawatDashboard *self,
                 GPtrArray      *evaluations)
{
  GtkWidget *grid = gtk_grid_new ();
  GListModel *groups = nawat_rubric_get_groups (self->snapshot->rubric);
  guint n = evaluations->len;
  gboolean asks_confidence = nawat_rubric_get_asks_confidence (self->snapshot->rubric);
  int row = 0;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);
  gtk_widget_add_css_class (grid, "scores-grid");
  gtk_widget_set_name (grid, "scores-grid");

  /* The evaluators, with the state of their evaluation */
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, e);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *status = evaluation_status_text (evaluation);

      gtk_box_append (GTK_BOX (box), new_label (nawat_evaluation_get_evaluator (evaluation), "heading"));
      gtk_box_append (GTK_BOX (box), new_label (status, "caption"));
      if (nawat_evaluation_get_status (evaluation) == NAWAT_EVALUATION_SUBMITTED)
        gtk_box_append (GTK_BOX (box), new_reopen_button (evaluation));
      gtk_widget_set_size_request (box, 180, -1);
      gtk_grid_attach (GTK_GRID (grid), box, 1 + e, row, 1, 1);
    }
  row++;

  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      const char *group_label = nawat_dashboard_text_in_language (nawat_rubric_group_get_label (group), self->language);

      grid_add_heading (GTK_GRID (grid), group_label != NULL ? group_label : nawat_rubric_group_get_key (group),
                        row++, 1 + n);
      for (guint c = 0; c < g_list_model_get_n_items (criteria); c++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, c);
          g_autofree char *key = nawat_rubric_group_dup_score_key (group, criterion);
          const char *label = nawat_dashboard_text_in_language (nawat_criterion_get_label (criterion), self->language);
          GtkWidget *name = new_label (label != NULL ? label : key, NULL);

          gtk_label_set_max_width_chars (GTK_LABEL (name), 28);
          gtk_label_set_width_chars (GTK_LABEL (name), 16);
          gtk_grid_attach (GTK_GRID (grid), name, 0, row, 1, 1);
          for (guint e = 0; e < n; e++)
            gtk_grid_attach (GTK_GRID (grid),
                             new_score_cell (self, criterion, key, g_ptr_array_index (evaluations, e)),
                             1 + e, row, 1, 1);
          row++;
        }
    }

  /* The evaluators' confidence, when the rubric asks it or one gave it */
  for (guint e = 0; e < n && !asks_confidence; e++)
    asks_confidence = nawat_evaluation_get_confidence (g_ptr_array_index (evaluations, e)) !=
                      NAWAT_CONFIDENCE_NONE;

  grid_add_heading (GTK_GRID (grid), _("Overall"), row++, 1 + n);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Composite score"), NULL), 0, row, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Recommendation"), NULL), 0, row + 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_label (_("Overall comment"), NULL), 0, row + 2, 1, 1);
  if (asks_confidence)
    gtk_grid_attach (GTK_GRID (grid), new_label (_("Confidence"), NULL), 0, row + 3, 1, 1);
  for (guint e = 0; e < n; e++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (evaluations, e);
      const char *comment = nawat_evaluation_get_overall_comment (evaluation);
      int confidence = nawat_evaluation_get_confidence (evaluation);
      g_autofree char *composite = NULL;
      NawatScore score;
      GtkWidget *label;

      if (asks_confidence)
        {
          g_autofree char *name = g_strdup_printf ("confidence:%s",
                                                   nawat_evaluation_get_evaluator (evaluation));

          label = new_label (nawat_vocabulary_confidence (confidence, NULL),
                             confidence == NAWAT_CONFIDENCE_NONE ? "dim-label" : NULL);
          gtk_widget_set_name (label, name);
          gtk_grid_attach (GTK_GRID (grid), label, 1 + e, row + 3, 1, 1);
        }

      nawat_scoring_compute (self->snapshot->rubric, evaluation, &score);
      if (score.complete)
        composite = nawat_dashboard_format_number (score.composite, 1);
      else
        /* Translators: the share of the required criteria scored */
        composite = g_strdup_printf (_("Incomplete (%.0f%%)"), 100.0 * score.completeness);
      label = new_label (composite, score.complete ? "score-level" : "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      gtk_widget_set_name (label, "composite");
      gtk_grid_attach (GTK_GRID (grid), label, 1 + e, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid),
                       new_label (nawat_vocabulary_recommendation (
                                    nawat_evaluation_get_recommendation (evaluation), NULL),
                                  NULL),
                       1 + e, row + 1, 1, 1);
      label = new_label (comment != NULL && *comment != '\0' ? comment : _("No comment"),
                         comment != NULL && *comment != '\0' ? NULL : "dim-label");
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_grid_attach (GTK_GRID (grid), label, 1 + e, row + 2, 1, 1);
    }
  return grid;
}

/* Charts draw edge to edge: the card leaves them a margin. */
static GtkWidget *
new_chart_card (GtkWidget *chart)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_hexpand (chart, TRUE);
  gtk_widget_set_margin_top (chart, 12);
  gtk_widget_set_margin_bottom (chart, 12);
  gtk_widget_set_margin_start (chart, 12);
  gtk_widget_set_margin_end (chart, 12);
  gtk_box_append (GTK_BOX (card), chart);
  return card;
}

/* A chart's card in @charts: the flow box's child, a Tab stop, is read
 * as the chart.
 */
static void
append_chart_card (GtkFlowBox *charts,
                   GtkWidget  *chart)
{
  GtkWidget *card = new_chart_card (chart);
  const char *label = nawat_chart_view_get_label (NAWAT_CHART_VIEW (chart));
  const char *description = nawat_chart_view_get_description (NAWAT_CHART_VIEW (chart));

  gtk_flow_box_append (charts, card);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (card)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label != NULL ? label : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "",
                                  -1);
}

/* The project's figures in the ranking, as cards. */
static GtkWidget *
new_project_figures (NawatDashboard *self)
{
  const NawatProjectStats *ps = nawat_call_stats_lookup_project (self->snapshot->stats, self->project_id);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *flow = gtk_flow_box_new ();
  g_autofree char *rank = NULL;
  g_autofree char *mean = NULL;
  g_autofree char *z = NULL;
  g_autofree char *spread = NULL;
  g_autofree char *n = NULL;

  if (ps == NULL)
    return box;

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 5);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);

  rank = nawat_dashboard_format_rank (ps->rank_mean, ps->rank_mean_tied);
  mean = nawat_dashboard_format_number (ps->mean, 1);
  z = isnan (ps->z_mean) ? g_strdup ("—") : g_strdup_printf ("%+.2f", ps->z_mean);
  spread = nawat_dashboard_format_number (ps->n_evaluations >= 2 ? ps->spread : NAN, 1);
  n = nawat_vocabulary_dup_evaluations_of (ps->n_evaluations, ps->expected, NULL);
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       _nawat_dashboard_new_card (rank, _("Rank"), "rank"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       _nawat_dashboard_new_card (mean, _("Mean composite score"), "mean"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       _nawat_dashboard_new_card (z, _("Normalised score (z)"), "z-mean"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       _nawat_dashboard_new_card (spread, _("Spread (max − min)"), "spread"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow),
                       _nawat_dashboard_new_card (n, _("Evaluations submitted"), "n-evaluations"));
  gtk_box_append (GTK_BOX (box), flow);

  for (guint i = 0; ps->reasons != NULL && ps->reasons[i] != NULL; i++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), new_label (ps->reasons[i], "warning"));
      gtk_box_append (GTK_BOX (box), line);
    }
  return box;
}

/* A vertical wheel over the scores scrolls the page.  The card scrolls
 * sideways only, but a scrolled window that can scroll keeps every scroll
 * event, so this takes the vertical ones first (in the capture phase) and
 * scrolls the page by GTK's own wheel step; Shift+wheel and horizontal
 * scrolling stay the card's.
 */
static gboolean
on_scores_scroll_cb (GtkEventControllerScroll *controller,
                     double                    dx,
                     double                    dy,
                     gpointer                  user_data)
{
  GtkEventController *event_controller = GTK_EVENT_CONTROLLER (controller);
  GtkWidget *card = gtk_event_controller_get_widget (event_controller);
  GtkWidget *page = gtk_widget_get_ancestor (gtk_widget_get_parent (card), GTK_TYPE_SCROLLED_WINDOW);
  GdkModifierType state = gtk_event_controller_get_current_event_state (event_controller);
  GtkAdjustment *adjustment;
  double step = 1.0;

  if (page == NULL || dy == 0.0 || dx != 0.0 || (state & GDK_SHIFT_MASK) != 0)
    return GDK_EVENT_PROPAGATE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    step = pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dy * step);
  return GDK_EVENT_STOP;
}

static GtkWidget *
new_scores_card (NawatDashboard *self,
                 GPtrArray      *evaluations)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkEventController *controller;

  gtk_widget_set_name (scroll, "scores-card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroll), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scores Side by Side"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), new_scores_grid (self, evaluations));
  gtk_widget_add_css_class (scroll, "card");
  gtk_widget_add_css_class (scroll, "scores-card");

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scores_scroll_cb), NULL);
  gtk_widget_add_controller (scroll, controller);
  return scroll;
}

static void
nawat_dashboard_show_project (NawatDashboard *self,
                              ProjectResult  *result)
{
  g_autoptr(GPtrArray) scored = g_ptr_array_new ();
  NawatApplication *app = NAWAT_APPLICATION (g_application_get_default ());
  GSettings *settings = NAWAT_IS_APPLICATION (app) ? nawat_application_get_settings (app) : NULL;
  GtkWidget *page;
  GtkWidget *charts;
  GtkWidget *radar;
  GtkWidget *helix;
  GtkWidget *heading;
  GtkBox *slot;
  const char *title;

  _nawat_dashboard_remove_children (GTK_WIDGET (self->project_box));

  title = nawat_dashboard_text_in_language (nawat_project_get_title (result->project), self->language);
  adw_window_title_set_title (self->project_title, title != NULL ? title : self->project_id);
  adw_window_title_set_subtitle (self->project_title, nawat_project_get_code (result->project));
  /* The page, a Tab stop, is read as the project's */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_ancestor (GTK_WIDGET (self->project_box),
                                                                           GTK_TYPE_SCROLLED_WINDOW)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : self->project_id, -1);

  gtk_box_append (self->project_box, new_project_figures (self));

  /* Every evaluator's scores, with the project's own facts after them */
  heading = new_label (_("Scores Side by Side"), "title-4");
  gtk_box_append (self->project_box, heading);
  if (result->evaluations->len == 0)
    gtk_box_append (self->project_box, new_label (_("No evaluator has scored this project yet."),
                                                  "dim-label"));
  else
    gtk_box_append (self->project_box, new_scores_card (self, result->evaluations));

  for (guint i = 0; i < result->evaluations->len; i++)
    {
      NawatEvaluation *evaluation = g_ptr_array_index (result->evaluations, i);

      if (!nawat_evaluation_get_conflict_declared (evaluation))
        g_ptr_array_add (scored, evaluation);
    }

  page = nawat_project_page_new ();
  nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), self->language);
  if (settings != NULL)
    nawat_project_page_set_use_be_years (NAWAT_PROJECT_PAGE (page),
                                         g_settings_get_boolean (settings, "use-be-years"));
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), result->project, self->snapshot->call);
  gtk_box_append (self->project_box, page);

  /* The radar and the helix profile of every evaluator, and their mean */
  slot = nawat_project_page_get_chart_slot (NAWAT_PROJECT_PAGE (page));
  heading = new_label (_("Every evaluator across the nine domains and the Quintuple Helix"), "heading");
  gtk_box_append (slot, heading);
  charts = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (charts), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (charts), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (charts), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (charts), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (charts), 12);
  radar = nawat_chart_view_new ();
  gtk_widget_set_name (radar, "evaluators-radar");
  gtk_widget_set_size_request (radar, 280, 400);
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (radar), self->language);
  nawat_chart_view_set_domain_radar (NAWAT_CHART_VIEW (radar), self->snapshot->rubric,
                                     (NawatEvaluation * const *) scored->pdata, scored->len);
  helix = nawat_chart_view_new ();
  gtk_widget_set_size_request (helix, 280, 400);
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (helix), self->language);
  nawat_chart_view_set_helix_profile (NAWAT_CHART_VIEW (helix), self->snapshot->rubric,
                                      (NawatEvaluation * const *) scored->pdata, scored->len,
                                      nawat_project_get_partners (result->project));
  append_chart_card (GTK_FLOW_BOX (charts), radar);
  append_chart_card (GTK_FLOW_BOX (charts), helix);
  gtk_box_append (slot, charts);
  /* Built here, not from a template: named as the templates' are */
  nawat_accessible_name_buttons_by_labels (GTK_WIDGET (self->project_box));

  gtk_stack_set_visible_child_name (self->project_stack, "project");
}

static void
on_load_project_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(NawatDashboard) self = user_data;
  g_autoptr(ProjectResult) project = NULL;
  g_autoptr(GError) error = NULL;

  project = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _nawat_dashboard_set_busy (self, self->computing, FALSE);
  if (project == NULL)
    {
      _nawat_dashboard_add_toast (self, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
      return;
    }
  nawat_dashboard_show_project (self, project);
}

void
nawat_dashboard_open_project (NawatDashboard *self,
                              const char     *project_id)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));
  g_return_if_fail (project_id != NULL);

  if (self->snapshot == NULL)
    return;

  g_cancellable_cancel (self->project_cancellable);
  g_clear_object (&self->project_cancellable);
  self->project_cancellable = g_cancellable_new ();

  g_free (self->project_id);
  self->project_id = g_strdup (project_id);

  adw_window_title_set_title (self->project_title, nawat_dashboard_project_code (project_id));
  adw_window_title_set_subtitle (self->project_title, NULL);
  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->project_title));
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_stack_set_visible_child_name (self->project_stack, "loading");
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  _nawat_dashboard_set_busy (self, self->computing, TRUE);

  task = g_task_new (self->store, self->project_cancellable, on_load_project_done_cb,
                     g_object_ref (self));
  g_task_set_source_tag (task, nawat_dashboard_open_project);
  g_task_set_task_data (task, g_strdup (project_id), g_free);
  nawat_store_run_async (self->store, task, load_project_thread);
}
