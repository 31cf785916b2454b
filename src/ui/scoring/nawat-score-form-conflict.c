/* nawat-score-form-conflict.c: the score form asks about a conflict of
 * interest before scoring, and confirms a declaration
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

/* Declared: the scores are cleared and the evaluation is stored at once,
 * without them; the evaluator may say why in the note.
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

static void
on_scores_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (source);
  g_autoptr(NawatEvaluation) evaluation = user_data;

  /* A save that failed is shown by the form; the declaration goes on. */
  nawat_score_form_flush_finish (self, result, NULL);
  if (evaluation == self->evaluation)
    declare (self);
}

static void
on_conflict_dialog_response_cb (NawatScoreForm   *self,
                                const char       *response,
                                AdwMessageDialog *dialog)
{
  self->conflict_dialog = NULL;
  if (!g_str_equal (response, "declare"))
    return;

  /* The scores being saved are stored first: the declaration's save,
   * made from them, then clears them in the store too.
   */
  nawat_score_form_flush_async (self, NULL, on_scores_saved_cb, g_object_ref (self->evaluation));
}

/* Declaring is asked for in a dialog, whether scores would be cleared or
 * not: the evaluator sees what follows before it is done.
 */
static void
ask_to_declare (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean scored = has_scores (self->evaluation);
  GtkWidget *dialog;

  if (self->conflict_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->conflict_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Declare a Conflict of Interest?"),
                                   scored
                                   ? _("Your scores for this proposal will be cleared and not sent. "
                                       "You do not score a proposal you have a conflict of interest with.")
                                   : _("You will not score this proposal: you do not score a proposal "
                                       "you have a conflict of interest with. You can withdraw the "
                                       "declaration while the evaluation can be changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "declare", scored ? _("_Declare and Clear Scores") : _("_Declare"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "declare",
                                              scored ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  /* Return and Escape change nothing: declaring takes a choice. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_dialog_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->conflict_dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_nawat_score_form_declare_conflict (NawatScoreForm *self)
{
  if (self->evaluation != NULL && _nawat_score_form_can_change (self) &&
      !nawat_evaluation_get_conflict_declared (self->evaluation))
    ask_to_declare (self);
  else
    declare (self);
}

void
_nawat_score_form_declare_conflict_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  _nawat_score_form_declare_conflict (NAWAT_SCORE_FORM (widget));
}
