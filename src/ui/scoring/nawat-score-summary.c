/* nawat-score-summary.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-round.h"
#include "nawat-score-summary.h"

struct _NawatScoreSummary
{
  GtkBox       parent_instance;

  GtkLabel    *completeness_label;
  GtkLevelBar *completeness_bar;
  GtkLabel    *state_label;
  GtkLabel    *evaluator_label;
  GtkLabel    *composite_label;
  GtkWidget   *submit_button;
  GtkWidget   *reopen_button;
  GtkLabel    *notice;
  GtkRevealer *problem_revealer;
  GtkLabel    *problem_label;
};

G_DEFINE_FINAL_TYPE (NawatScoreSummary, nawat_score_summary, GTK_TYPE_BOX)

static void
set_style (GtkWidget          *widget,
           const char * const *styles,
           const char         *style)
{
  for (guint i = 0; styles[i] != NULL; i++)
    gtk_widget_remove_css_class (widget, styles[i]);
  if (style != NULL)
    gtk_widget_add_css_class (widget, style);
}

void
nawat_score_summary_set_completeness (NawatScoreSummary *self,
                                      double             completeness)
{
  g_autofree char *text = NULL;

  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  /* Translators: the share of required criteria scored, e.g. "60 % complete";
   * the space before % does not break.
   */
  text = g_strdup_printf (_("%.0f\u00a0%% complete"), completeness);
  gtk_label_set_text (self->completeness_label, text);
  gtk_level_bar_set_value (self->completeness_bar, completeness / 100.0);
}

void
nawat_score_summary_set_composite_text (NawatScoreSummary *self,
                                        const char        *text)
{
  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  gtk_label_set_text (self->composite_label, text);
}

void
nawat_score_summary_set_save_state (NawatScoreSummary *self,
                                    gboolean           shown,
                                    const GError      *error,
                                    gboolean           saving,
                                    gboolean           clashed)
{
  static const char * const styles[] = { "error", "success", "warning", NULL };
  g_autofree char *text = NULL;
  const char *style = NULL;

  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  if (!shown)
    text = g_strdup ("");
  else if (error != NULL)
    {
      text = g_strdup_printf (_("Not saved: %s"), error->message);
      style = "error";
    }
  else if (saving)
    text = g_strdup (_("Saving…"));
  else if (clashed)
    {
      text = g_strdup (_("Saved; another program had changed the same fields, your values were kept"));
      style = "warning";
    }
  else
    {
      text = g_strdup (_("Saved"));
      style = "success";
    }

  set_style (GTK_WIDGET (self->state_label), styles, NULL);
  gtk_label_set_text (self->state_label, text);
  set_style (GTK_WIDGET (self->state_label), styles, style);
}

void
nawat_score_summary_set_evaluator (NawatScoreSummary *self,
                                   const char        *evaluator)
{
  g_autofree char *text = NULL;

  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  if (evaluator != NULL)
    /* Translators: %s is the user name of the evaluator whose evaluation
     * the form shows and saves.
     */
    text = g_strdup_printf (_("Scoring as %s"), evaluator);
  gtk_label_set_text (self->evaluator_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->evaluator_label), text);
}

void
nawat_score_summary_set_notice (NawatScoreSummary *self,
                                const GError      *read_only,
                                gboolean           storing,
                                gboolean           submitted,
                                const char        *deadline,
                                gboolean           conflict)
{
  static const char * const styles[] = { "conflict", "submitted", "read-only", NULL };
  g_autofree char *text = NULL;
  const char *style = NULL;

  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  if (read_only != NULL &&
      !g_error_matches (read_only, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED))
    {
      /* Translators: the form cannot be changed; %s is the reason, as the
       * round's rules give it (not assigned, deadline passed, …).
       */
      text = g_strdup_printf (_("Read-only. %s."), read_only->message);
      style = "read-only";
    }
  else if (storing)
    {
      /* Until the store has it, the change is not made: nothing else can
       * change meanwhile.
       */
      text = g_strdup (submitted ? _("Submitting… The evaluation cannot be changed until it is stored.")
                                 : _("Reopening as a draft…"));
      style = "submitted";
    }
  else if (submitted)
    {
      if (deadline != NULL)
        /* Translators: %s is the evaluator's deadline, e.g. 2026-12-15 10:00 UTC. */
        text = g_strdup_printf (_("Submitted. The evaluation is read-only; you can reopen it as a draft until %s."),
                                deadline);
      else
        text = g_strdup (_("Submitted. The evaluation is read-only; you can reopen it as a draft."));
      style = "submitted";
    }
  else if (conflict)
    {
      text = g_strdup (_("Conflict of interest declared: this project is not to be scored by you. "
                         "Its scores, comments and recommendation are locked."));
      style = "conflict";
    }

  set_style (GTK_WIDGET (self->notice), styles, style);
  gtk_label_set_text (self->notice, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice), text != NULL);
}

void
nawat_score_summary_set_submit (NawatScoreSummary *self,
                                gboolean           visible,
                                gboolean           sensitive)
{
  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  gtk_widget_set_visible (self->submit_button, visible);
  gtk_widget_set_sensitive (self->submit_button, sensitive);
}

void
nawat_score_summary_set_reopen (NawatScoreSummary *self,
                                gboolean           visible,
                                gboolean           sensitive,
                                const char        *tooltip)
{
  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  gtk_widget_set_visible (self->reopen_button, visible);
  gtk_widget_set_sensitive (self->reopen_button, sensitive);
  gtk_widget_set_tooltip_text (self->reopen_button, tooltip);
}

void
nawat_score_summary_set_problem_text (NawatScoreSummary *self,
                                      const char        *text)
{
  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  gtk_label_set_text (self->problem_label, text);
}

void
nawat_score_summary_show_problem (NawatScoreSummary *self,
                                  const char        *text)
{
  g_return_if_fail (NAWAT_IS_SCORE_SUMMARY (self));

  if (text != NULL)
    gtk_label_set_text (self->problem_label, text);
  gtk_revealer_set_reveal_child (self->problem_revealer, text != NULL);
}

/* Gives "Reopen as Draft" the focus, if it is shown and can be used. */
gboolean
nawat_score_summary_focus_reopen (NawatScoreSummary *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_SUMMARY (self), FALSE);

  return gtk_widget_get_visible (self->reopen_button) && gtk_widget_grab_focus (self->reopen_button);
}

gboolean
nawat_score_summary_get_problem_shown (NawatScoreSummary *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_SUMMARY (self), FALSE);

  return gtk_revealer_get_reveal_child (self->problem_revealer);
}

static const char *
text_in (const NawatText *text,
         const char      *language)
{
  const char *str = nawat_text_get (text, language);

  return str != NULL ? str : "";
}

char *
nawat_score_summary_dup_missing_text (NawatRubric *rubric,
                                      GStrv        missing,
                                      const char  *language)
{
  g_autoptr(GString) text = g_string_new (NULL);
  NawatRubricGroup *last_group = NULL;
  guint n = g_strv_length (missing);

  g_return_val_if_fail (NAWAT_IS_RUBRIC (rubric), NULL);

  g_string_append_printf (text,
                          ngettext (
                                       "Not submitted: %u criterion has no score yet:",
                                       "Not submitted: %u criteria have no score yet:",
                                       n),
                          n);
  /* One line per group, so that even a long list stays short. */
  for (guint i = 0; missing[i] != NULL; i++)
    {
      NawatRubricGroup *group = NULL;
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, missing[i], &group);

      if (criterion == NULL || group == NULL)
        {
          g_string_append_printf (text, "\n• %s", missing[i]);
          last_group = NULL;
          continue;
        }

      if (group != last_group)
        /* Translators: a group of criteria, then the names of those
         * still without a score (separated by commas).
         */
        g_string_append_printf (text, _("\n• %s: %s"),
                                text_in (nawat_rubric_group_get_label (group), language),
                                text_in (nawat_criterion_get_label (criterion), language));
      else
        g_string_append_printf (text, ", %s", text_in (nawat_criterion_get_label (criterion), language));
      last_group = group;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* GTK 4.8 presents a folded revealer's child (an empty, focusable label)
 * to a reader: what cannot be seen is hidden from it too.
 */
static void
on_problem_revealed_cb (NawatScoreSummary *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->problem_revealer),
                               GTK_ACCESSIBLE_STATE_HIDDEN,
                               !gtk_revealer_get_reveal_child (self->problem_revealer),
                               -1);
}

static void
on_dismiss_clicked_cb (NawatScoreSummary *self)
{
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

static void
nawat_score_summary_dispose (GObject *object)
{
  NawatScoreSummary *self = (NawatScoreSummary *) object;
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_SCORE_SUMMARY);

  G_OBJECT_CLASS (nawat_score_summary_parent_class)->dispose (object);
}

static void
nawat_score_summary_class_init (NawatScoreSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_score_summary_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nawat/Nawat/ui/scoring/nawat-score-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, completeness_label);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, completeness_bar);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, state_label);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, evaluator_label);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, composite_label);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, submit_button);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, notice);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreSummary, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_dismiss_clicked_cb);

}

static void
nawat_score_summary_init (NawatScoreSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 names a button with a mnemonic after its raw label and its
   * label widget ("_Submit Submit"): the label widget alone says it.
   */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->submit_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->reopen_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_signal_connect_object (self->problem_revealer, "notify::reveal-child",
                           G_CALLBACK (on_problem_revealed_cb), self, G_CONNECT_SWAPPED);
  on_problem_revealed_cb (self);

  /* A plain bar: no low, high or full colours. */
  gtk_level_bar_remove_offset_value (self->completeness_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->completeness_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->completeness_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}
