/* nawat-score-form-conflict.c: the score form asks about a conflict of
 * interest before scoring, and confirms a declaration that clears scores
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-score-form-private.h"

static gboolean
has_scores (NawatEvaluation *evaluation)
{
  g_auto(GStrv) keys = nawat_evaluation_dup_score_keys (evaluation);

  return keys[0] != NULL;
}

/* An evaluation scored before the question was asked is not held back. */
gboolean
_nawat_score_form_asks_conflict (NawatScoreForm *self)
{
  return _nawat_score_form_can_change (self) &&
         !nawat_evaluation_get_conflict_answered (self->evaluation) &&
         !has_scores (self->evaluation);
}

void
_nawat_score_form_no_conflict_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);

  if (!_nawat_score_form_asks_conflict (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  nawat_evaluation_set_conflict_answered (self->evaluation);
  _nawat_score_form_changed (self);
  /* The question goes away with the focus on it: scoring begins. */
  nawat_score_form_focus_unscored (self);
}

/* Declared: the evaluation is stored at once; the evaluator may say why
 * in the note.
 */
static void
declare (NawatScoreForm *self)
{
  if (!_nawat_score_form_can_change (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  nawat_score_form_set_conflict_declared (self, TRUE);
  _nawat_score_form_save_async (self, NULL);
  gtk_widget_grab_focus (self->conflict_note);
}

void
_nawat_score_form_declare_conflict (NawatScoreForm *self)
{
  declare (self);
}

void
_nawat_score_form_declare_conflict_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  _nawat_score_form_declare_conflict (NAWAT_SCORE_FORM (widget));
}
