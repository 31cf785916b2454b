/* nawat-dashboard.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-accessible.h"
#include "nawat-call.h"
#include "nawat-chart.h"
#include "nawat-chart-view.h"
#include "nawat-dashboard-private.h"
#include "nawat-dashboard-row.h"
#include "nawat-dashboard-snapshot.h"
#include "nawat-dashboard-sorter.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-places.h"
#include "nawat-ranking-model.h"
#include "nawat-round.h"
#include "nawat-store.h"
#include "nawat-ranking-cell.h"
#include "nawat-vocabulary.h"

/* Below this width the table shows fewer columns. */
#define NARROW_WIDTH 640

G_DEFINE_FINAL_TYPE (NawatDashboard, nawat_dashboard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
_nawat_dashboard_set_busy (NawatDashboard *self,
                           gboolean        computing,
                           gboolean        loading_project)
{
  gboolean was_busy = nawat_dashboard_get_busy (self);

  self->computing = computing;
  self->loading_project = loading_project;
  gtk_spinner_set_spinning (self->spinner, computing);
  gtk_spinner_set_spinning (self->project_spinner, loading_project);
  if (was_busy != nawat_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_nawat_dashboard_add_toast (NawatDashboard *self,
                            const char     *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Computing, in a worker thread */

typedef struct
{
  NawatStore *store;
  char       *call_id;
  char       *language;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_object (&data->store);
  g_free (data->call_id);
  g_free (data->language);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  NawatDashboardSnapshot *snapshot;
  GError *error = NULL;

  snapshot = nawat_dashboard_snapshot_new (data->store, data->call_id, data->language,
                                           cancellable, &error);
  if (snapshot == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, snapshot, (GDestroyNotify) nawat_dashboard_snapshot_unref);
}

/* The overview */

void
_nawat_dashboard_remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_BOX (widget))
        gtk_box_remove (GTK_BOX (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

/* What a screen reader says of a figure: what it counts, then the figure */
static char *
dup_spoken_figure (const char *caption,
                   const char *value)
{
  /* Translators: a figure of the dashboard as a screen reader reads it:
   * what it counts, then its value, e.g. "Krippendorff’s alpha, interval:
   * 0.65" or "Projects: 40".
   */
  return g_strdup_printf (_("%s: %s"), caption, value);
}

/* A figure and what it counts, as a card of a flow box: a Tab stop that
 * reads both.
 */
GtkWidget *
_nawat_dashboard_new_card (const char *value,
                           const char *caption,
                           const char *name)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *label = gtk_label_new (caption);
  g_autofree char *spoken = dup_spoken_figure (caption, value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dashboard-figure");
  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  if (name != NULL)
    gtk_widget_set_name (number, name);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  return child;
}

static void
add_figure (GtkFlowBox *box,
            guint       value,
            const char *caption,
            const char *name)
{
  g_autofree char *text = nawat_format_integer (value);

  gtk_flow_box_append (box, _nawat_dashboard_new_card (text, caption, name));
}

static void
nawat_dashboard_fill_summary (NawatDashboard         *self,
                              NawatDashboardSnapshot *s)
{
  guint n_flagged = 0;
  guint n_evaluators = nawat_call_stats_get_n_evaluators (s->stats);
  g_autofree char *mean = NULL;

  nawat_call_stats_get_disagreements (s->stats, &n_flagged);
  mean = nawat_dashboard_format_number (s->means_summary.mean, 1);

  _nawat_dashboard_remove_children (GTK_WIDGET (self->summary_box));
  add_figure (self->summary_box, s->n_projects,
              g_dngettext (GETTEXT_PACKAGE, "Project", "Projects", s->n_projects), "projects");
  add_figure (self->summary_box, n_evaluators,
              g_dngettext (GETTEXT_PACKAGE, "Evaluator of the call", "Evaluators of the call", n_evaluators), "evaluators");
  add_figure (self->summary_box, s->submitted,
              g_dngettext (GETTEXT_PACKAGE, "Submitted evaluation", "Submitted evaluations",
                           s->submitted), "submitted");
  add_figure (self->summary_box, s->drafts,
              g_dngettext (GETTEXT_PACKAGE, "Draft in progress", "Drafts in progress", s->drafts),
              "drafts");
  add_figure (self->summary_box, n_flagged,
              g_dngettext (GETTEXT_PACKAGE, "Project flagged for disagreement",
                           "Projects flagged for disagreement", n_flagged), "flagged");
  gtk_flow_box_append (self->summary_box,
                       _nawat_dashboard_new_card (mean, _("Mean score of the projects"), "mean"));
}

static void
set_agreement (GtkLabel     *label,
               AdwActionRow *row,
               double        value,
               const char   *explanation)
{
  g_autofree char *text = nawat_dashboard_format_number (value, 2);
  g_autofree char *spoken = NULL;

  gtk_label_set_label (label, text);
  /* The row reads its value too, not only its title: the name says
   * both, in place of the title label libadwaita names it by.
   */
  spoken = dup_spoken_figure (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), explanation);
}

static void
nawat_dashboard_fill_agreement (NawatDashboard         *self,
                                NawatDashboardSnapshot *s)
{
  NawatAgreement agreement;
  g_autofree char *description = NULL;
  g_autofree char *shortfall = NULL;
  const char *alpha_note = _("Krippendorff’s alpha is 1 when the evaluators agree perfectly "
                             "and 0 when they agree no more than chance would; from 0.67 "
                             "the agreement supports tentative conclusions, from 0.80 firm "
                             "ones. — means it cannot be computed yet.");

  nawat_call_stats_get_composite (s->stats, NULL, &agreement);
  shortfall = nawat_stats_agreement_dup_shortfall (&agreement, NULL);
  if (shortfall != NULL)
    {
      /* Too few projects for the coefficients to mean anything yet. */
      agreement.alpha_interval = agreement.alpha_ordinal = agreement.icc_1_1 = NAN;
      adw_preferences_group_set_description (self->agreement_group, shortfall);
    }
  else
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Over the composite scores of the projects "
                                                  "scored by two evaluators or more: %u evaluation",
                                                  "Over the composite scores of the projects "
                                                  "scored by two evaluators or more: %u evaluations",
                                                  agreement.n_pairable),
                                     agreement.n_pairable);
      adw_preferences_group_set_description (self->agreement_group, description);
    }

  set_agreement (self->alpha_interval_label, self->alpha_interval_row,
                 agreement.alpha_interval, alpha_note);
  set_agreement (self->alpha_ordinal_label, self->alpha_ordinal_row,
                 agreement.alpha_ordinal, alpha_note);
  set_agreement (self->icc_label, self->icc_row, agreement.icc_1_1,
                 _("The one-way intraclass correlation ICC(1,1): the share of the variance of "
                   "the composite scores that lies between projects. 1 means the evaluators "
                   "of a project always agree; below 0.5 the agreement is poor. — means it "
                   "cannot be computed yet."));
}

/* The progress chart's data, copied from the statistics. */
typedef struct
{
  GStrv  labels;
  guint *submitted;
  guint *drafts;
  guint *assigned;
  guint  n;
} ProgressData;

static void
progress_data_free (ProgressData *data)
{
  g_strfreev (data->labels);
  g_free (data->submitted);
  g_free (data->drafts);
  g_free (data->assigned);
  g_free (data);
}

static void
draw_progress (cairo_t    *cr,
               double      width,
               double      height,
               const char *language,
               gpointer    user_data)
{
  ProgressData *data = user_data;

  nawat_chart_progress (cr, width, height, (const char * const *) data->labels,
                        data->submitted, data->drafts, data->assigned, data->n);
}

static GtkWidget *
new_progress_row (NawatDashboard            *self,
                  const NawatEvaluatorStats *es)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *mean = nawat_dashboard_format_number (es->mean, 1);
  g_autofree char *suffix = NULL;
  GtkWidget *label;

  subtitle = g_strdup_printf (_("%u of %u submitted · %u in draft · conflicts declared: %u"),
                              es->submitted, es->assigned, es->draft, es->conflict);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), es->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, es->name);

  /* Translators: an evaluator's mean composite score */
  suffix = g_strdup_printf (_("Mean %s"), mean);
  label = gtk_label_new (suffix);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* A reminder for whoever has projects not yet submitted. */
  if (es->assigned > es->submitted + es->conflict)
    _nawat_dashboard_add_remind_buttons (self, ADW_ACTION_ROW (row), es->name);
  if (!es->normalised)
    {
      gtk_widget_set_tooltip_text (row, _("Not normalised: too few scored projects or no "
                                          "spread in the scores, so this evaluator’s scores "
                                          "take no part in the normalised ranking"));
      gtk_widget_add_css_class (label, "dim-label");
    }
  else
    {
      g_autofree char *sd = nawat_dashboard_format_number (es->sd, 1);
      g_autofree char *tooltip = g_strdup_printf (_("Mean %s, standard deviation %s: each score "
                                                    "is normalised against them"), mean, sd);

      gtk_widget_set_tooltip_text (row, tooltip);
    }
  return row;
}

static void
nawat_dashboard_fill_progress (NawatDashboard         *self,
                               NawatDashboardSnapshot *s)
{
  guint n = nawat_call_stats_get_n_evaluators (s->stats);
  ProgressData *data = g_new0 (ProgressData, 1);
  g_autoptr(GString) description = g_string_new (NULL);

  data->n = n;
  data->labels = g_new0 (char *, n + 1);
  data->submitted = g_new0 (guint, MAX (n, 1));
  data->drafts = g_new0 (guint, MAX (n, 1));
  data->assigned = g_new0 (guint, MAX (n, 1));

  _nawat_dashboard_remove_children (GTK_WIDGET (self->progress_list));
  for (guint i = 0; i < n; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (s->stats, i);

      data->labels[i] = g_strdup (es->name);
      data->submitted[i] = es->submitted;
      data->drafts[i] = es->draft;
      data->assigned[i] = es->assigned;
      /* Translators: an evaluator's progress for screen readers */
      g_string_append_printf (description, _("%s: %u of %u submitted, %u in draft. "),
                              es->name, es->submitted, es->assigned, es->draft);
      gtk_list_box_append (self->progress_list, new_progress_row (self, es));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->progress_list), n > 0);

  /* Room for each bar and the legend below. */
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_chart), -1, 72 + 34 * MAX (n, 1));
  nawat_chart_view_set_draw_func (self->progress_chart, draw_progress, data,
                                  (GDestroyNotify) progress_data_free,
                                  _("Progress per evaluator"), description->str);
}

static void
draw_heatmap (cairo_t    *cr,
              double      width,
              double      height,
              const char *language,
              gpointer    user_data)
{
  NawatDashboardSnapshot *s = user_data;
  g_auto(GStrv) rows = nawat_chart_dup_domain_short_labels (language);
  g_auto(GStrv) cols = nawat_chart_dup_region_labels (language);

  nawat_chart_heatmap (cr, width, height, (const char * const *) rows, NAWAT_N_DOMAINS,
                       (const char * const *) cols, NAWAT_N_REGIONS, s->coverage);
}

static void
draw_distribution (cairo_t    *cr,
                   double      width,
                   double      height,
                   const char *language,
                   gpointer    user_data)
{
  NawatDashboardSnapshot *s = user_data;

  nawat_chart_distribution (cr, width, height, s->means, s->n_projects, 10, language);
}

static GtkWidget *
new_reach_row (const char            *label,
               const NawatReachTotal *total,
               const char            *language)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *budget = nawat_format_thb (total->budget_thb, language);
  g_autofree char *count = NULL;
  GtkWidget *suffix;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                        total->n_projects),
                           total->n_projects);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
  suffix = gtk_label_new (budget);
  gtk_widget_add_css_class (suffix, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

/* Every reach level, even without a project, so that calls compare row by
 * row; the projects that state none only when there are some.
 */
static void
nawat_dashboard_fill_reach (NawatDashboard         *self,
                            NawatDashboardSnapshot *s)
{
  _nawat_dashboard_remove_children (GTK_WIDGET (self->reach_list));
  for (guint i = 0; i <= NAWAT_N_REACH; i++)
    {
      const NawatReachTotal *total = &s->reach_totals[i];
      GtkWidget *row;

      if (i == NAWAT_N_REACH && total->n_projects == 0)
        break;
      row = new_reach_row (i < NAWAT_N_REACH
                           ? nawat_term_get_label (&nawat_reach_levels ()[i], self->language)
                           : nawat_vocabulary_get (NAWAT_WORD_NOT_STATED, self->language),
                           total, self->language);
      gtk_widget_set_name (row, i < NAWAT_N_REACH ? nawat_reach_levels ()[i].key : "none");
      gtk_list_box_append (self->reach_list, row);
    }
}

static void
nawat_dashboard_fill_charts (NawatDashboard         *self,
                             NawatDashboardSnapshot *s)
{
  g_autoptr(GString) coverage = g_string_new (NULL);
  g_autofree char *distribution = NULL;
  const NawatSummary *summary = &s->means_summary;

  for (guint d = 0; d < NAWAT_N_DOMAINS; d++)
    {
      double total = 0;

      for (guint r = 0; r < NAWAT_N_REGIONS; r++)
        total += s->coverage[d * NAWAT_N_REGIONS + r];
      g_string_append_printf (coverage, "%s: %.0f. ",
                              nawat_term_get_label (&nawat_domains ()[d], self->language), total);
    }
  nawat_chart_view_set_draw_func (self->heatmap_chart, draw_heatmap,
                                  nawat_dashboard_snapshot_ref (s),
                                  (GDestroyNotify) nawat_dashboard_snapshot_unref,
                                  _("Projects by domain and region"), coverage->str);

  {
    g_autofree char *mean = nawat_dashboard_format_number (summary->mean, 1);
    g_autofree char *median = nawat_dashboard_format_number (summary->median, 1);

    distribution = g_strdup_printf (_("%u projects scored; mean %s, median %s"),
                                    summary->n, mean, median);
  }
  nawat_chart_view_set_draw_func (self->distribution_chart, draw_distribution,
                                  nawat_dashboard_snapshot_ref (s),
                                  (GDestroyNotify) nawat_dashboard_snapshot_unref,
                                  _("Distribution of mean composite scores"), distribution);
}

/* The ranking table */

static void
nawat_dashboard_update_count (NawatDashboard *self)
{
  g_autofree char *text = NULL;
  guint shown = self->ranking != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->ranking)) : 0;
  guint total = self->snapshot != NULL ? self->snapshot->n_projects : 0;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project, ranked by mean composite score",
                                         "%u projects, ranked by mean composite score", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u project", "%u of %u projects",
                                         total),
                            shown, total);
  gtk_label_set_label (self->count_label, text);
}

void
_nawat_dashboard_set_outstanding_busy (NawatDashboard *self,
                                       gboolean        loading,
                                       gboolean        saving)
{
  gboolean was_busy = nawat_dashboard_get_busy (self);

  self->loading_outstanding = loading;
  self->saving_outstanding = saving;
  if (was_busy != nawat_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
nawat_dashboard_set_ordering (NawatDashboard *self,
                              gboolean        ordering)
{
  gboolean was_busy = nawat_dashboard_get_busy (self);

  self->ordering = ordering;
  if (was_busy != nawat_dashboard_get_busy (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_order_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);
  g_autoptr(NawatRankingModel) ranking = user_data;
  g_autoptr(GArray) order = nawat_dashboard_sorter_order_finish (result, NULL);

  /* Cancelled: a newer order is on its way, or the window is gone */
  if (order == NULL || ranking != self->ranking)
    return;
  nawat_ranking_model_set_order (ranking, order);
  nawat_dashboard_update_count (self);
  nawat_dashboard_set_ordering (self, FALSE);
}

/* Filters and sorts the table as the search entry, the "flagged only"
 * button and the column headers say, in a worker thread; the rows shown
 * stay until the new order is ready.
 */
static void
nawat_dashboard_update_order (NawatDashboard *self)
{
  g_autofree char *search = NULL;

  g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  if (self->ranking == NULL)
    {
      nawat_dashboard_set_ordering (self, FALSE);
      return;
    }

  search = g_strstrip (g_ascii_strdown (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1));
  self->order_cancellable = g_cancellable_new ();
  nawat_dashboard_set_ordering (self, TRUE);
  nawat_dashboard_sorter_order_async (self->column_view,
                                      nawat_ranking_model_get_snapshot (self->ranking),
                                      *search != '\0' ? search : NULL,
                                      gtk_toggle_button_get_active (self->flagged_button),
                                      self, self->order_cancellable,
                                      on_order_done_cb, g_object_ref (self->ranking));
}

static void
on_sorter_changed_cb (NawatDashboard  *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  _nawat_dashboard_update_headers (self);
  nawat_dashboard_update_order (self);
}

static void
on_search_entry_search_changed_cb (NawatDashboard *self,
                                   GtkSearchEntry *entry)
{
  nawat_dashboard_update_order (self);
}

static void
on_flagged_button_toggled_cb (NawatDashboard  *self,
                              GtkToggleButton *button)
{
  nawat_dashboard_update_order (self);
}

static void
on_column_view_activate_cb (NawatDashboard *self,
                            guint           position,
                            GtkColumnView  *view)
{
  g_autoptr(NawatDashboardRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL)
    nawat_dashboard_open_project (self, nawat_dashboard_row_get_project_id (row));
}

static void
nawat_dashboard_set_ranking (NawatDashboard    *self,
                             NawatRankingModel *ranking)
{
  g_set_object (&self->ranking, ranking);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (ranking));
  nawat_dashboard_update_count (self);
  /* An order made for the rows before is of no use now */
  if (ranking == NULL)
    nawat_dashboard_update_order (self);
}

static void
nawat_dashboard_show_snapshot (NawatDashboard         *self,
                               NawatDashboardSnapshot *snapshot)
{
  g_autoptr(NawatRankingModel) ranking = NULL;
  g_autofree char *description = NULL;
  const char *title;

  g_clear_pointer (&self->snapshot, nawat_dashboard_snapshot_unref);
  self->snapshot = nawat_dashboard_snapshot_ref (snapshot);

  title = nawat_dashboard_text_in_language (nawat_call_get_title (snapshot->call), self->language);
  adw_view_switcher_title_set_subtitle (self->switcher_title, title != NULL ? title : self->call_id);

  if (snapshot->submitted == 0)
    {
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The ranking, agreement and charts appear once "
                                                  "evaluators submit their evaluations. %u draft "
                                                  "is in progress.",
                                                  "The ranking, agreement and charts appear once "
                                                  "evaluators submit their evaluations. %u drafts "
                                                  "are in progress.",
                                                  snapshot->drafts),
                                     snapshot->drafts);
      adw_status_page_set_description (self->empty_page, description);
      nawat_dashboard_set_ranking (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  nawat_dashboard_fill_summary (self, snapshot);
  nawat_dashboard_fill_agreement (self, snapshot);
  nawat_dashboard_fill_progress (self, snapshot);
  _nawat_dashboard_update_outstanding (self);
  nawat_dashboard_fill_charts (self, snapshot);
  nawat_dashboard_fill_reach (self, snapshot);

  ranking = nawat_ranking_model_new (snapshot);
  nawat_dashboard_set_ranking (self, ranking);
  /* The model comes in ranking order: this only shows it in the header.
   * Computed again, the table keeps the order the user chose.
   */
  if (!self->sorted)
    {
      /* The header's change orders the rows (on_sorter_changed_cb). */
      self->sorted = TRUE;
      gtk_column_view_sort_by_column (self->column_view, self->rank_column, GTK_SORT_ASCENDING);
    }
  else
    nawat_dashboard_update_order (self);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "project") != 0)
    gtk_stack_set_visible_child_name (self->main_stack, "dashboard");
}

static void
on_compute_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);
  g_autoptr(NawatDashboardSnapshot) snapshot = NULL;
  g_autoptr(GError) error = NULL;

  snapshot = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _nawat_dashboard_set_busy (self, FALSE, self->loading_project);
  gtk_widget_set_sensitive (self->refresh_button, TRUE);
  if (snapshot == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      return;
    }

  nawat_dashboard_show_snapshot (self, snapshot);
}

void
nawat_dashboard_refresh (NawatDashboard *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* Figures already shown stay until the new ones arrive. */
  if (self->snapshot == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  gtk_widget_set_sensitive (self->refresh_button, FALSE);
  _nawat_dashboard_set_busy (self, TRUE, self->loading_project);

  data = g_new0 (ComputeData, 1);
  data->store = g_object_ref (self->store);
  data->call_id = g_strdup (self->call_id);
  data->language = g_strdup (self->language);

  task = g_task_new (self, self->cancellable, on_compute_done_cb, NULL);
  g_task_set_source_tag (task, nawat_dashboard_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

/* The coordinator's changes to the round: deadlines and reopening, made
 * by the store (nawat-store-round.c) on its database thread.
 */

static char *
format_deadline (GDateTime *deadline)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (deadline);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

typedef struct
{
  NawatStore *store;
  char       *call_id;
  char       *id;         /* an evaluator, or an evaluation */
  char       *name;       /* the coordinator reopening */
  GDateTime  *until;
} RoundChange;

static void
round_change_free (RoundChange *change)
{
  g_object_unref (change->store);
  g_free (change->call_id);
  g_free (change->id);
  g_free (change->name);
  g_clear_pointer (&change->until, g_date_time_unref);
  g_free (change);
}

static GTask *
round_change_task (NawatDashboard      *self,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data,
                   RoundChange        **change)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  *change = g_new0 (RoundChange, 1);
  (*change)->store = g_object_ref (self->store);
  (*change)->call_id = g_strdup (self->call_id);
  g_task_set_task_data (task, *change, (GDestroyNotify) round_change_free);
  return task;
}

/* The statistics and the project shown follow a change that was made. */
static gpointer
round_change_finish (NawatDashboard  *self,
                     GAsyncResult    *result,
                     gpointer         source_tag,
                     GError         **error)
{
  gpointer changed;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  changed = g_task_propagate_pointer (G_TASK (result), error);
  if (changed == NULL)
    return NULL;

  if (self->project_id != NULL)
    {
      g_autofree char *project_id = g_strdup (self->project_id);

      nawat_dashboard_open_project (self, project_id);
    }
  nawat_dashboard_refresh (self);
  return changed;
}

/* A new deadline (@until set) or a reopening, by the store. */
static void
round_change_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RoundChange *change = task_data;
  GError *error = NULL;
  GObject *changed;

  if (change->until != NULL)
    changed = G_OBJECT (nawat_store_extend_deadline (change->store, change->call_id, change->id,
                                                     change->until, &error));
  else
    changed = G_OBJECT (nawat_store_reopen_evaluation (change->store, change->id, change->name,
                                                       &error));
  if (changed != NULL)
    g_task_return_pointer (task, changed, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * nawat_dashboard_extend_deadline:
 *
 * Extends the deadline of the whole call (@evaluator %NULL) or of one
 * evaluator (nawat_store_extend_deadline()).
 */
void
nawat_dashboard_extend_deadline (NawatDashboard      *self,
                                 const char          *evaluator,
                                 GDateTime           *until,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RoundChange *change;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));
  g_return_if_fail (until != NULL);

  task = round_change_task (self, nawat_dashboard_extend_deadline, cancellable, callback,
                            user_data, &change);
  change->id = g_strdup (evaluator);
  change->until = g_date_time_ref (until);
  nawat_store_run_async (self->store, task, round_change_thread);
}

NawatCall *
nawat_dashboard_extend_deadline_finish (NawatDashboard  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return round_change_finish (self, result, nawat_dashboard_extend_deadline, error);
}

/**
 * nawat_dashboard_reopen:
 *
 * Sends the submitted evaluation @evaluation_id back to draft as the
 * coordinator (nawat_store_reopen_evaluation()).
 */
void
nawat_dashboard_reopen (NawatDashboard      *self,
                        const char          *evaluation_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RoundChange *change;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));
  g_return_if_fail (evaluation_id != NULL);

  task = round_change_task (self, nawat_dashboard_reopen, cancellable, callback, user_data,
                            &change);
  /* The reopening records who did it: a name the user gave. */
  if (self->coordinator == NULL)
    {
      g_task_return_new_error (task, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN, "%s",
                               _("Say who you are first (in the main window): a reopening "
                                 "records the coordinator’s name"));
      return;
    }

  change->id = g_strdup (evaluation_id);
  change->name = g_strdup (self->coordinator);
  nawat_store_run_async (self->store, task, round_change_thread);
}

NawatEvaluation *
nawat_dashboard_reopen_finish (NawatDashboard  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  return round_change_finish (self, result, nawat_dashboard_reopen, error);
}

static void
on_reopened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (source);
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  evaluation = nawat_dashboard_reopen_finish (self, result, &error);
  if (evaluation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _nawat_dashboard_add_toast (self, error->message);
      return;
    }

  /* Translators: %s is the evaluator's user name. */
  text = g_strdup_printf (_("%s’s evaluation is a draft again"),
                          nawat_evaluation_get_evaluator (evaluation));
  _nawat_dashboard_add_toast (self, text);
}

static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);

  nawat_dashboard_reopen (self, g_variant_get_string (parameter, NULL), self->cancellable,
                          on_reopened_cb, NULL);
}

/* The end of the day chosen in @calendar, in the local time zone. */
static GDateTime *
dup_end_of_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  return g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 23, 59, 59);
}

static void
on_extended_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (source);
  RoundChange *change = g_task_get_task_data (G_TASK (result));
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  call = nawat_dashboard_extend_deadline_finish (self, result, &error);
  if (call == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _nawat_dashboard_add_toast (self, error->message);
      return;
    }

  when = format_deadline (change->until);
  if (change->id != NULL)
    /* Translators: the evaluator's user name, then the date. */
    text = g_strdup_printf (_("%s’s deadline is now %s. Publish the call to put it on the server."),
                            change->id, when);
  else
    text = g_strdup_printf (_("The call’s deadline is now %s. Publish the call to put it on the server."),
                            when);
  _nawat_dashboard_add_toast (self, text);
}

/* The extend dialog's choices, which its response reads. The dialog owns
 * them and its two widgets; the dashboard may go first.
 */
typedef struct
{
  NawatDashboard *self;
  GtkDropDown    *who;
  GtkCalendar    *calendar;
} ExtendChoice;

static void
extend_choice_free (gpointer  data,
                    GClosure *closure)
{
  ExtendChoice *choice = data;

  g_clear_weak_pointer (&choice->self);
  g_free (choice);
}

static void
on_extend_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ExtendChoice     *choice)
{
  NawatDashboard *self = choice->self;
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (choice->who));
  guint position = gtk_drop_down_get_selected (choice->who);
  const char *evaluator = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (self == NULL || g_strcmp0 (response, "extend") != 0)
    return;

  /* The first item is the whole call; the others are its evaluators. */
  if (position != GTK_INVALID_LIST_POSITION && position > 0)
    evaluator = gtk_string_list_get_string (names, position);
  until = dup_end_of_day (choice->calendar);
  nawat_dashboard_extend_deadline (self, evaluator, until, self->cancellable, on_extended_cb, NULL);
}

/* A small dialog: for the whole call or for one evaluator, a new last day. */
static void
extend_deadline_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  NawatCall *call;
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) local = NULL;
  GtkStringList *names;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *who;
  GtkWidget *calendar;
  ExtendChoice *choice;
  const char * const *evaluators;

  /* The call as the statistics last read it. */
  if (self->snapshot == NULL)
    return;
  call = self->snapshot->call;

  names = gtk_string_list_new (NULL);
  gtk_string_list_append (names, _("Every evaluator (the call’s deadline)"));
  evaluators = nawat_call_get_evaluators (call);
  for (guint i = 0; evaluators != NULL && evaluators[i] != NULL; i++)
    gtk_string_list_append (names, evaluators[i]);
  /* The drop-down takes the list. */
  who = gtk_drop_down_new (G_LIST_MODEL (names), NULL);
  gtk_widget_set_name (who, "extend-who");
  gtk_accessible_update_property (GTK_ACCESSIBLE (who), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("For whom"), -1);

  /* The calendar starts on the current deadline (or today). */
  calendar = gtk_calendar_new ();
  gtk_widget_set_name (calendar, "extend-calendar");
  deadline = nawat_round_dup_deadline (call, NULL);
  if (deadline != NULL)
    {
      local = g_date_time_to_local (deadline);
      gtk_calendar_select_day (GTK_CALENDAR (calendar), local);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), who);
  gtk_box_append (GTK_BOX (box), calendar);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Extend the Deadline"),
                                   _("Scoring stays open until the end of the chosen day. An "
                                     "evaluator’s own deadline counts when it is later than the "
                                     "call’s."));
  gtk_widget_set_name (dialog, "extend-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "extend", _("_Extend"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "extend",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "extend");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  choice = g_new0 (ExtendChoice, 1);
  g_set_weak_pointer (&choice->self, self);
  choice->who = GTK_DROP_DOWN (who);
  choice->calendar = GTK_CALENDAR (calendar);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_extend_response_cb), choice,
                         extend_choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
nawat_dashboard_set_coordinator (NawatDashboard *self,
                                 const char     *name)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  g_free (self->coordinator);
  self->coordinator = g_strdup (name);
}

/* The ranking's cell showing @code, below @widget. */
static GtkWidget *
find_code_label (GtkWidget  *widget,
                 const char *code)
{
  if (NAWAT_IS_RANKING_CELL (widget) &&
      g_strcmp0 (nawat_ranking_cell_get_field (NAWAT_RANKING_CELL (widget)), "code") == 0 &&
      g_strcmp0 (nawat_ranking_cell_get_text (NAWAT_RANKING_CELL (widget)), code) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_code_label (child, code);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Back from @project_id, the keyboard is where it was: on the project's
 * row of the ranking.  GTK 4.8 cannot focus a list's row by position:
 * the row is the one holding the cell with the project's code (it is
 * made, the ranking kept while the project was shown).
 */
static void
focus_ranking_row (NawatDashboard *self,
                   const char     *project_id)
{
  GtkWidget *label = find_code_label (GTK_WIDGET (self->column_view),
                                      nawat_dashboard_project_code (project_id));

  for (GtkWidget *widget = label;
       widget != NULL && widget != GTK_WIDGET (self->column_view);
       widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_focusable (widget) && gtk_widget_grab_focus (widget))
      return;

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static gboolean
shows_project (NawatDashboard *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "project") == 0;
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  g_autofree char *project_id = NULL;

  if (!shows_project (self))
    return;

  g_cancellable_cancel (self->project_cancellable);
  _nawat_dashboard_set_busy (self, self->computing, FALSE);
  project_id = g_steal_pointer (&self->project_id);
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_stack_set_visible_child (self->title_stack, GTK_WIDGET (self->switcher_title));
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->snapshot == NULL ? "loading"
                                    : self->snapshot->submitted == 0 ? "empty" : "dashboard");
  _nawat_dashboard_remove_children (GTK_WIDGET (self->project_box));
  /* Back where the project was opened, not on the first tab. */
  if (project_id != NULL && g_strcmp0 (nawat_dashboard_get_page (self), "ranking") == 0)
    focus_ranking_row (self, project_id);
}

/* Escape goes back from a project, and closes the dashboard from its
 * tabs, as Ctrl+W does.
 */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);

  if (shows_project (self))
    back_action (widget, "dashboard.back", NULL);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  nawat_dashboard_refresh (NAWAT_DASHBOARD (widget));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "dashboard") != 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "ranking");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static gboolean
apply_narrow_cb (gpointer user_data)
{
  NawatDashboard *self = user_data;

  self->narrow_idle = 0;
  gtk_column_view_column_set_visible (self->evaluations_column, !self->narrow);
  gtk_column_view_column_set_visible (self->z_column, !self->narrow);
  gtk_column_view_column_set_visible (self->spread_column, !self->narrow);
  return G_SOURCE_REMOVE;
}

/* Narrow, the table keeps the columns that rank: rank, code, title, mean
 * and the disagreement flag.
 */
static void
nawat_dashboard_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  gboolean narrow = width < NARROW_WIDTH;

  GTK_WIDGET_CLASS (nawat_dashboard_parent_class)->size_allocate (widget, width, height, baseline);

  if (narrow == self->narrow)
    return;
  /* Columns change after this allocation, not during it. */
  self->narrow = narrow;
  if (self->narrow_idle == 0)
    self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_cb, self, NULL);
}

static void
nawat_dashboard_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, nawat_dashboard_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_dispose (GObject *object)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->project_cancellable);
  g_clear_handle_id (&self->narrow_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_DASHBOARD);

  g_cancellable_cancel (self->order_cancellable);
  g_clear_object (&self->order_cancellable);
  g_cancellable_cancel (self->outstanding_cancellable);
  g_clear_object (&self->outstanding_cancellable);
  g_clear_object (&self->ranking);
  g_clear_pointer (&self->snapshot, nawat_dashboard_snapshot_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->project_cancellable);

  G_OBJECT_CLASS (nawat_dashboard_parent_class)->dispose (object);
}

static void
nawat_dashboard_finalize (GObject *object)
{
  NawatDashboard *self = NAWAT_DASHBOARD (object);

  g_free (self->call_id);
  g_free (self->coordinator);
  g_free (self->language);
  g_free (self->project_id);

  G_OBJECT_CLASS (nawat_dashboard_parent_class)->finalize (object);
}

static void
nawat_dashboard_class_init (NawatDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_dashboard_dispose;
  object_class->finalize = nawat_dashboard_finalize;
  object_class->get_property = nawat_dashboard_get_property;

  widget_class->size_allocate = nawat_dashboard_size_allocate;

  /**
   * NawatDashboard:busy:
   *
   * TRUE while the statistics or a project are being read.
   */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (NAWAT_TYPE_CHART_VIEW);
  g_type_ensure (NAWAT_TYPE_DASHBOARD_ROW);
  g_type_ensure (NAWAT_TYPE_DASHBOARD_SORTER);
  g_type_ensure (NAWAT_TYPE_RANKING_CELL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/dashboard/nawat-dashboard.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, back_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, title_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_title);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, spinner);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, error_page);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, view_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, note_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, summary_box);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, agreement_group);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_interval_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_ordinal_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, icc_row);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_interval_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, alpha_ordinal_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, icc_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, progress_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, progress_list);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, by_evaluator_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, by_project_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, progress_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, outstanding_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, outstanding_view);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, outstanding_selection);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, reach_list);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, heatmap_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, distribution_chart);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, flagged_button);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, count_label);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, column_view);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, rank_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, evaluations_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, z_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, spread_column);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, selection);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_spinner);
  gtk_widget_class_bind_template_child (widget_class, NawatDashboard, project_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_flagged_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  _nawat_dashboard_class_init_outstanding (widget_class);

  gtk_widget_class_install_action (widget_class, "dashboard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "dashboard.back", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dashboard.escape", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "dashboard.extend-deadline", NULL,
                                   extend_deadline_action);
  gtk_widget_class_install_action (widget_class, "dashboard.reopen", "s", reopen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "dashboard.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "dashboard.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "dashboard.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "dashboard.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

/* The column view's rows sit in a list view of GTK's own, a Tab stop a
 * reader would announce by its type name.
 */
static void
name_ranking_list (NawatDashboard *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Projects"), -1);
}

static void
nawat_dashboard_init (NawatDashboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  nawat_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  nawat_accessible_name_status_pages (GTK_WIDGET (self));
  name_ranking_list (self);
  _nawat_dashboard_setup_headers (self);
  _nawat_dashboard_setup_outstanding (self);

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  /* Blind review is enforced by the server (DESIGN.md): a store holds
   * only the evaluations its user may read, so the dashboard shows what
   * is here and says so.
   */
  gtk_label_set_label (self->note_label,
                       _("Figures over the evaluations held on this computer. The server gives a "
                         "coordinator every evaluator’s evaluations of the call and an evaluator "
                         "only their own, so an evaluator sees their own scores here."));
}

NawatDashboard *
nawat_dashboard_new (GtkWindow  *parent,
                     NawatStore *store,
                     const char *call_id,
                     const char *language)
{
  NawatDashboard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_DASHBOARD,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->language = g_strdup (g_strcmp0 (language, "th") == 0 ? "th" : "en");
  nawat_chart_view_set_language (self->heatmap_chart, self->language);
  nawat_chart_view_set_language (self->distribution_chart, self->language);
  nawat_chart_view_set_language (self->progress_chart, self->language);

  nawat_dashboard_refresh (self);
  return self;
}

NawatDashboard *
nawat_dashboard_present (GtkWindow  *parent,
                         NawatStore *store,
                         const char *call_id,
                         const char *language)
{
  GtkApplication *app;
  NawatDashboard *self = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  app = gtk_window_get_application (parent);
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data) &&
        gtk_window_get_transient_for (l->data) == parent &&
        g_strcmp0 (NAWAT_DASHBOARD (l->data)->call_id, call_id) == 0)
      self = l->data;

  if (self == NULL)
    self = nawat_dashboard_new (parent, store, call_id, language);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

const char *
nawat_dashboard_get_call_id (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->call_id;
}

gboolean
nawat_dashboard_get_busy (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), FALSE);

  return self->computing || self->loading_project || self->ordering ||
         self->loading_outstanding || self->saving_outstanding;
}

const char *
nawat_dashboard_get_page (NawatDashboard *self)
{
  const char *page;

  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "dashboard") == 0)
    return adw_view_stack_get_visible_child_name (self->view_stack);
  return page;
}

NawatCallStats *
nawat_dashboard_get_stats (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->snapshot != NULL ? self->snapshot->stats : NULL;
}

GtkColumnView *
nawat_dashboard_get_column_view (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->column_view;
}

GListModel *
nawat_dashboard_get_ranking_model (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return G_LIST_MODEL (self->selection);
}

void
nawat_dashboard_show_ranking (NawatDashboard *self)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "ranking");
}

void
nawat_dashboard_show_overview (NawatDashboard *self)
{
  g_return_if_fail (NAWAT_IS_DASHBOARD (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

const char *
nawat_dashboard_get_project_id (NawatDashboard *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD (self), NULL);

  return self->project_id;
}