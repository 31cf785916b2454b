/* nawat-dashboard-row.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-dashboard-row-private.h"
#include "nawat-ranking-model.h"
#include "nawat-vocabulary.h"

#include <math.h>

G_DEFINE_FINAL_TYPE (NawatDashboardRow, nawat_dashboard_row, G_TYPE_OBJECT)

enum {
  ROW_PROP_0,
  ROW_PROP_CODE,
  ROW_PROP_TITLE,
  ROW_PROP_RANK_TEXT,
  ROW_PROP_EVALUATIONS_TEXT,
  ROW_PROP_PARTIAL,
  ROW_PROP_PARTIAL_TEXT,
  ROW_PROP_PROGRESS_TEXT,
  ROW_PROP_MEAN_TEXT,
  ROW_PROP_Z_TEXT,
  ROW_PROP_SPREAD_TEXT,
  ROW_PROP_DISAGREEMENT,
  ROW_PROP_DISAGREEMENT_TEXT,
  ROW_PROP_REASONS,
  ROW_PROP_SPOKEN,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

enum {
  ROW_CHANGED,
  ROW_N_SIGNALS
};

static guint row_signals[ROW_N_SIGNALS];

NawatDashboardRow *
_nawat_dashboard_row_new (NawatDashboardSnapshot *snapshot,
                          guint                   index)
{
  NawatDashboardRow *self = g_object_new (NAWAT_TYPE_DASHBOARD_ROW, NULL);

  self->snapshot = nawat_dashboard_snapshot_ref (snapshot);
  self->index = index;
  return self;
}

void
_nawat_dashboard_row_set_index (NawatDashboardRow *self,
                                guint              index)
{
  if (self->index == index)
    return;
  self->index = index;
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < ROW_N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), row_properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, row_signals[ROW_CHANGED], 0);
}

const char *
_nawat_dashboard_row_get_partial_label (void)
{
  /* Translators: marks a project ranked before all its evaluations are in */
  return _("partial");
}

const char *
_nawat_dashboard_row_get_flagged_label (void)
{
  return _("Flagged");
}

/* Ranked, but on some of its evaluations only. */
static gboolean
row_is_partial (const NawatProjectStats *ps)
{
  return ps->n_evaluations > 0 && !nawat_project_stats_is_complete (ps);
}

static char *
row_dup_progress_text (const NawatProjectStats *ps)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u evaluation submitted", "%u evaluations submitted",
                                       ps->submitted),
                          ps->submitted);
  g_string_append (text, "\n");
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE, "%u draft", "%u drafts", ps->draft),
                          ps->draft);
  g_string_append (text, "\n");
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u evaluator assigned", "%u evaluators assigned",
                                       ps->assigned),
                          ps->assigned);
  if (ps->conflict > 0)
    {
      g_string_append (text, "\n");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u conflict of interest declared",
                                           "%u conflicts of interest declared",
                                           ps->conflict),
                              ps->conflict);
    }
  if (row_is_partial (ps))
    {
      g_string_append (text, "\n");
      g_string_append (text, _("Not all the evaluations are in: the rank may change"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* What a reader says of the row, a Tab stop: its rank, project and mean. */
static char *
row_dup_spoken (NawatDashboardRow       *self,
                const NawatProjectStats *ps)
{
  g_autofree char *rank = nawat_dashboard_format_rank (ps->rank_mean, ps->rank_mean_tied);
  g_autofree char *mean = nawat_dashboard_format_number (ps->mean, 1);
  const char *title = nawat_dashboard_row_get_title (self);

  /* Translators: a row of the ranking, as a screen reader reads it: the
   * rank ("3", "=3" or "—"), the project's code, its title and its mean
   * composite score.
   */
  return g_strdup_printf (_("Rank %s: %s, %s, mean %s"), rank,
                          nawat_dashboard_project_code (ps->project_id),
                          title != NULL ? title : "", mean);
}

static void
nawat_dashboard_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  NawatDashboardRow *self = NAWAT_DASHBOARD_ROW (object);
  const NawatProjectStats *ps = nawat_dashboard_row_get_stats (self);

  switch (prop_id)
    {
    case ROW_PROP_CODE:
      g_value_set_string (value, nawat_dashboard_project_code (ps->project_id));
      break;
    case ROW_PROP_TITLE:
      g_value_set_string (value, nawat_dashboard_row_get_title (self));
      break;
    case ROW_PROP_RANK_TEXT:
      g_value_take_string (value, nawat_dashboard_format_rank (ps->rank_mean, ps->rank_mean_tied));
      break;
    case ROW_PROP_EVALUATIONS_TEXT:
      g_value_take_string (value, nawat_vocabulary_dup_evaluations_of (ps->n_evaluations,
                                                                       ps->expected, NULL));
      break;
    case ROW_PROP_PARTIAL:
      g_value_set_boolean (value, row_is_partial (ps));
      break;
    case ROW_PROP_PARTIAL_TEXT:
      g_value_set_string (value, row_is_partial (ps) ? _nawat_dashboard_row_get_partial_label () : NULL);
      break;
    case ROW_PROP_PROGRESS_TEXT:
      g_value_take_string (value, row_dup_progress_text (ps));
      break;
    case ROW_PROP_MEAN_TEXT:
      g_value_take_string (value, nawat_dashboard_format_number (ps->mean, 1));
      break;
    case ROW_PROP_Z_TEXT:
      if (isnan (ps->z_mean))
        g_value_set_string (value, "—");
      else
        g_value_take_string (value, g_strdup_printf ("%+.2f", fabs (ps->z_mean) < 0.005 ? 0.0 : ps->z_mean));
      break;
    case ROW_PROP_SPREAD_TEXT:
      g_value_take_string (value,
                           nawat_dashboard_format_number (ps->n_evaluations >= 2 ? ps->spread : NAN, 1));
      break;
    case ROW_PROP_DISAGREEMENT:
      g_value_set_boolean (value, ps->disagreement);
      break;
    case ROW_PROP_DISAGREEMENT_TEXT:
      g_value_set_string (value, ps->disagreement ? _nawat_dashboard_row_get_flagged_label () : NULL);
      break;
    case ROW_PROP_REASONS:
      if (ps->reasons != NULL)
        g_value_take_string (value, g_strjoinv ("\n", ps->reasons));
      break;
    case ROW_PROP_SPOKEN:
      g_value_take_string (value, row_dup_spoken (self, ps));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_dashboard_row_finalize (GObject *object)
{
  NawatDashboardRow *self = NAWAT_DASHBOARD_ROW (object);

  if (self->model != NULL)
    nawat_ranking_model_forget_row (self->model, self->position);
  g_clear_pointer (&self->snapshot, nawat_dashboard_snapshot_unref);

  G_OBJECT_CLASS (nawat_dashboard_row_parent_class)->finalize (object);
}

static GParamSpec *
row_string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
nawat_dashboard_row_class_init (NawatDashboardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = nawat_dashboard_row_finalize;
  object_class->get_property = nawat_dashboard_row_get_property;

  row_properties[ROW_PROP_CODE] = row_string_property ("code");
  row_properties[ROW_PROP_TITLE] = row_string_property ("title");
  row_properties[ROW_PROP_RANK_TEXT] = row_string_property ("rank-text");
  row_properties[ROW_PROP_EVALUATIONS_TEXT] = row_string_property ("evaluations-text");
  row_properties[ROW_PROP_PARTIAL] = g_param_spec_boolean ("partial", NULL, NULL, FALSE, flags);
  row_properties[ROW_PROP_PARTIAL_TEXT] = row_string_property ("partial-text");
  row_properties[ROW_PROP_PROGRESS_TEXT] = row_string_property ("progress-text");
  row_properties[ROW_PROP_MEAN_TEXT] = row_string_property ("mean-text");
  row_properties[ROW_PROP_Z_TEXT] = row_string_property ("z-text");
  row_properties[ROW_PROP_SPREAD_TEXT] = row_string_property ("spread-text");
  row_properties[ROW_PROP_DISAGREEMENT] = g_param_spec_boolean ("disagreement", NULL, NULL, FALSE, flags);
  row_properties[ROW_PROP_DISAGREEMENT_TEXT] = row_string_property ("disagreement-text");
  row_properties[ROW_PROP_REASONS] = row_string_property ("reasons");
  row_properties[ROW_PROP_SPOKEN] = row_string_property ("spoken");

  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);

  /* The row shows another project: every property changed */
  row_signals[ROW_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
nawat_dashboard_row_init (NawatDashboardRow *self)
{
}

const char *
nawat_dashboard_row_get_project_id (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return nawat_dashboard_row_get_stats (self)->project_id;
}

const NawatProjectStats *
nawat_dashboard_row_get_stats (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return nawat_call_stats_get_project (self->snapshot->stats, self->index);
}

const char *
nawat_dashboard_row_get_title (NawatDashboardRow *self)
{
  g_return_val_if_fail (NAWAT_IS_DASHBOARD_ROW (self), NULL);

  return nawat_dashboard_snapshot_get_title (self->snapshot, self->index);
}
