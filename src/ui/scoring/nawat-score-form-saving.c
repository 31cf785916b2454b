/* nawat-score-form-saving.c: how the score form saves the evaluation
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-score-form-private.h"

#include "nawat-merge.h"

/* How long after the last change the evaluation is saved. */
#define SAVE_DELAY_MS 500

/* Takes into the form what the store kept of another writer's changes when
 * it stored @sent as @saved: each field the form has not changed since
 * @sent.  @saved becomes the base of the next save.  TRUE when the form
 * changed.
 */
static gboolean
adopt_saved (NawatScoreForm  *self,
             guint            serial,
             NawatEvaluation *sent,
             NawatEvaluation *saved)
{
  g_auto(GStrv) fields = NULL;
  gboolean changed = FALSE;

  /* The outcome of an older save, come after a newer one's. */
  if (serial <= self->adopted_serial)
    return FALSE;
  self->adopted_serial = serial;

  fields = nawat_merge_dup_fields (sent, saved);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *theirs = nawat_merge_dup_field_json (saved, fields[i]);
      g_autofree char *mine = nawat_merge_dup_field_json (sent, fields[i]);
      g_autofree char *now = NULL;

      if (g_strcmp0 (theirs, mine) == 0)
        continue;
      now = nawat_merge_dup_field_json (self->evaluation, fields[i]);
      if (g_strcmp0 (now, mine) != 0)
        continue;
      /* Both are values the store accepted. */
      if (nawat_merge_set_field_json (self->evaluation, fields[i], theirs, NULL))
        changed = TRUE;
    }

  nawat_document_set_rev (NAWAT_DOCUMENT (self->evaluation),
                          nawat_document_get_rev (NAWAT_DOCUMENT (saved)));
  g_set_object (&self->base, saved);
  return changed;
}

/* The version a save is made from: the last one sent, when its outcome
 * has not come back yet.
 */
static NawatEvaluation *
save_base (NawatScoreForm *self)
{
  return self->sent != NULL ? self->sent : self->base;
}

/* @sent, the save @serial's, is on its way to the store. */
static void
set_sent (NawatScoreForm  *self,
          guint            serial,
          NawatEvaluation *sent)
{
  g_set_object (&self->sent, sent);
  self->sent_serial = serial;
}

/* The outcome of the save @serial of the form's evaluation came back. */
static void
save_returned (NawatScoreForm *self,
               guint           serial,
               gboolean        failed)
{
  if (serial == self->sent_serial)
    g_clear_object (&self->sent);
  if (failed)
    {
      /* The saves sent after it stored their changes from what it sent,
       * which the store never held: the next save is made from what the
       * store holds, with every change.
       */
      g_clear_object (&self->sent);
      self->resend_serial = self->save_serial;
    }
}

gboolean
_nawat_score_form_save_now (NawatScoreForm  *self,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(NawatEvaluation) sent = NULL;
  g_autoptr(NawatEvaluation) saved = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->saving || self->store == NULL || self->evaluation == NULL)
    return TRUE;

  nawat_evaluation_touch (self->evaluation);
  sent = nawat_evaluation_copy (self->evaluation);
  /* Made after every save sent before it (the store waits for them). */
  saved = nawat_store_save_changes (self->store, save_base (self), sent, &self->clashes, &local_error);
  save_returned (self, ++self->save_serial, saved == NULL);
  if (saved != NULL)
    {
      adopt_saved (self, self->save_serial, sent, saved);
      g_clear_object (&self->sent);
      self->resend_serial = 0;
    }
  _nawat_score_form_show_saved (self, local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  NawatScoreForm  *self;
  guint            edits;
  guint            serial;
  NawatEvaluation *evaluation;  /* the form's, when the save was asked for */
  NawatEvaluation *sent;        /* a copy of it as it was then */
  GTask           *flush;       /* nullable: the flush told of the outcome */
} SaveTicket;

static void
save_ticket_free (SaveTicket *ticket)
{
  g_clear_object (&ticket->flush);
  g_object_unref (ticket->self);
  g_object_unref (ticket->evaluation);
  g_object_unref (ticket->sent);
  g_free (ticket);
}

static void
autosaved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveTicket *ticket = user_data;
  NawatScoreForm *self = ticket->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) saved = NULL;
  guint clashes = 0;

  saved = nawat_store_save_changes_finish (NAWAT_STORE (source), result, &clashes, &error);

  /* Another writer's changes come into the form, unless it shows another
   * evaluation by now.
   */
  if (ticket->evaluation == self->evaluation)
    save_returned (self, ticket->serial, saved == NULL);
  if (saved != NULL && ticket->evaluation == self->evaluation)
    {
      if (ticket->serial > self->adopted_serial)
        self->clashes = clashes;
      if (adopt_saved (self, ticket->serial, ticket->sent, saved))
        _nawat_score_form_update_all (self);
    }

  /* A later change, a save made at once or another evaluation tells its
   * own outcome; a save sent before an earlier one's failure came back
   * lacks that one's changes, which are sent again.
   */
  if (ticket->edits == self->edits && self->saving)
    {
      if (error == NULL && ticket->serial <= self->resend_serial)
        {
          self->resend_serial = 0;
          _nawat_score_form_save_async (self, NULL);
        }
      else
        _nawat_score_form_show_saved (self, error);
    }

  if (ticket->flush != NULL && error != NULL)
    g_task_return_error (ticket->flush, g_steal_pointer (&error));
  else if (ticket->flush != NULL)
    g_task_return_boolean (ticket->flush, TRUE);
  save_ticket_free (ticket);
}

/* Saves the evaluation as it is now on the store's thread, the form never
 * waiting for a store busy with a pull; @flush (nullable) is told of the
 * outcome.
 */
void
_nawat_score_form_save_async (NawatScoreForm *self,
                              GTask          *flush)
{
  SaveTicket *ticket;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!self->saving || self->store == NULL || self->evaluation == NULL)
    {
      if (flush != NULL)
        g_task_return_boolean (flush, TRUE);
      return;
    }

  nawat_evaluation_touch (self->evaluation);
  ticket = g_new (SaveTicket, 1);
  ticket->self = g_object_ref (self);
  ticket->edits = self->edits;
  ticket->serial = ++self->save_serial;
  ticket->evaluation = g_object_ref (self->evaluation);
  ticket->sent = nawat_evaluation_copy (self->evaluation);
  ticket->flush = flush != NULL ? g_object_ref (flush) : NULL;
  nawat_store_save_changes_async (self->store, save_base (self), ticket->sent, autosaved_cb, ticket);
  set_sent (self, ticket->serial, ticket->sent);
}

/* The autosave. */
static gboolean
save_timeout_cb (gpointer user_data)
{
  NawatScoreForm *self = user_data;

  self->save_source = 0;
  _nawat_score_form_save_async (self, NULL);
  return G_SOURCE_REMOVE;
}

/**
 * nawat_score_form_flush_async:
 * @self: a score form
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the change is saved, or could not be
 * @user_data: data for @callback
 *
 * Saves a pending change now, on the store's thread, as the autosave
 * would: before another project is opened.  Nothing pending: done at
 * once.  A save asked for is made even when @cancellable is cancelled.
 */
void
nawat_score_form_flush_async (NawatScoreForm      *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_score_form_flush_async);
  _nawat_score_form_save_async (self, task);
}

gboolean
nawat_score_form_flush_finish (NawatScoreForm  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        nawat_score_form_flush_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Every change of the evaluation comes through here. */
void
_nawat_score_form_changed (NawatScoreForm *self)
{
  self->edits++;
  self->clashes = 0;
  _nawat_score_form_set_saving (self, TRUE);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  _nawat_score_form_update_all (self);
}

gboolean
nawat_score_form_flush (NawatScoreForm  *self,
                        GError         **error)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_nawat_score_form_save_now (self, error))
    return FALSE;
  /* With what another writer changed meanwhile. */
  _nawat_score_form_update_all (self);
  return TRUE;
}

/* Whether a change is not saved yet (or could not be). */
gboolean
nawat_score_form_get_saving (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return self->saving;
}

const GError *
_nawat_score_form_get_save_error (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->save_error;
}
