/* nawat-window-project.c: opening a project in the window
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-project-page.h"
#include "nawat-score-form.h"
#include "nawat-store.h"
#include "nawat-window-private.h"

/* Opening a project
 *
 * Nothing of it touches the store on the main thread: what was typed in
 * the project shown is saved, then the project, its rubric and the
 * evaluator's evaluation are read, both on the store's database thread.
 * A later opening, or another call shown, supersedes an earlier one.
 */

typedef struct
{
  char      *project_id;
  NawatCall *call;
  guint      serial;
  gboolean   focus;   /* the evaluator opened it: the keys go to the form */
} OpenProject;

static void
open_project_free (OpenProject *open)
{
  g_free (open->project_id);
  g_clear_object (&open->call);
  g_free (open);
}

static void open_project_flush (GTask *task);

/* Shows what was read, unless it is superseded or the form took new
 * changes meanwhile (saved first, then read again).
 */
static void
on_open_project_read_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  NawatWindow *self = g_task_get_source_object (task);
  OpenProject *open = g_task_get_task_data (task);
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  GError *error = NULL;
  const char *title;
  const char *code;

  if (!nawat_store_open_project_finish (NAWAT_STORE (source), result, &project, &rubric,
                                        &evaluation, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (open->serial != self->open_serial || open->call != self->call)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Another project was opened meanwhile");
      return;
    }

  if (nawat_score_form_get_saving (self->score_form))
    {
      open_project_flush (g_steal_pointer (&task));
      return;
    }

  nawat_project_page_set_store (self->project_page, self->store);
  nawat_project_page_set_project (self->project_page, project, self->call);
  nawat_project_page_set_evaluation (self->project_page, rubric, evaluation);
  nawat_score_form_set_evaluation (self->score_form, self->store, rubric, self->call, project,
                                   evaluation);

  if (self->evaluation != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluation, self->project_page);
  g_set_object (&self->project, project);
  g_set_object (&self->evaluation, evaluation);
  _nawat_window_update_documents (self);
  _nawat_window_mark_open_row (self);
  /* The radar follows the scores as they are given. */
  if (evaluation != NULL)
    g_signal_connect_object (evaluation, "score-changed",
                             G_CALLBACK (nawat_project_page_refresh_chart), self->project_page,
                             G_CONNECT_SWAPPED);

  /* The code is the title, whole in the narrowest header at any text
   * size; the project's title, under it, may end in an ellipsis: the page
   * below begins with it in full.
   */
  title = nawat_text_get (nawat_project_get_title (project), self->language);
  code = nawat_project_get_code (project);
  adw_window_title_set_title (self->detail_title, code != NULL ? code : open->project_id);
  adw_window_title_set_subtitle (self->detail_title, title != NULL ? title : open->project_id);

  gtk_stack_set_visible_child_name (self->detail_stack, "project");
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
  /* Scoring goes on from the keyboard, where it stopped: not in the list,
   * where a digit would be typed into the search.
   */
  if (open->focus)
    nawat_score_form_focus_unscored (self->score_form);

  g_task_return_boolean (task, TRUE);
}

static void
on_open_project_flushed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  GTask *task = user_data;
  NawatWindow *self = g_task_get_source_object (task);
  OpenProject *open = g_task_get_task_data (task);
  GError *error = NULL;

  /* What was typed stays shown, with why it could not be saved. */
  if (!nawat_score_form_flush_finish (NAWAT_SCORE_FORM (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  nawat_store_open_project_async (self->store, open->call, open->project_id, self->evaluator,
                                  g_task_get_cancellable (task),
                                  on_open_project_read_cb, task);
}

static void
open_project_flush (GTask *task)
{
  NawatWindow *self = g_task_get_source_object (task);

  nawat_score_form_flush_async (self->score_form, g_task_get_cancellable (task),
                                on_open_project_flushed_cb, task);
}

/**
 * nawat_window_open_project:
 * @self: a window
 * @project_id: the project's document id
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the project is shown, or could not be
 * @user_data: data for @callback
 *
 * Shows @project_id in the detail pane, with the evaluator's evaluation;
 * on a narrow window, the pane takes the place of the list.  What was
 * typed in the project shown is saved first: when it cannot be, the
 * project shown stays.
 */
static void
open_project (NawatWindow         *self,
              const char          *project_id,
              gboolean             focus,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenProject *open;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, nawat_window_open_project);

  if (self->store == NULL || self->call == NULL)
    {
      g_task_return_new_error (task, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                               "%s", _("The store is not open yet"));
      return;
    }

  open = g_new0 (OpenProject, 1);
  open->project_id = g_strdup (project_id);
  open->call = g_object_ref (self->call);
  open->serial = ++self->open_serial;
  open->focus = focus;
  g_task_set_task_data (task, open, (GDestroyNotify) open_project_free);
  open_project_flush (g_steal_pointer (&task));
}

void
nawat_window_open_project (NawatWindow         *self,
                           const char          *project_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (NAWAT_IS_WINDOW (self));
  g_return_if_fail (project_id != NULL);

  open_project (self, project_id, TRUE, cancellable, callback, user_data);
}

gboolean
nawat_window_open_project_finish (NawatWindow   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == nawat_window_open_project, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* For the openings the window starts itself: an error is told in a toast. */
void
_nawat_window_open_project_cb (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (!nawat_window_open_project_finish (self, result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _nawat_window_add_toast (self, error->message);
}

static void
changed_evaluation_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  NawatWindow *self = source_object;
  NawatEvaluation *shown = task_data;
  g_autoptr(NawatEvaluation) stored = NULL;

  stored = nawat_store_get_evaluation (self->store, nawat_document_get_id (NAWAT_DOCUMENT (shown)),
                                       NULL);
  g_task_return_boolean (task,
                         stored != NULL
                         && (g_strcmp0 (nawat_document_get_rev (NAWAT_DOCUMENT (stored)),
                                        nawat_document_get_rev (NAWAT_DOCUMENT (shown))) != 0
                             || !nawat_evaluation_equal_content (stored, shown)));
}

static void
on_changed_evaluation_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (source);
  g_autofree char *project_id = user_data;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->project == NULL
      || g_strcmp0 (project_id, nawat_document_get_id (NAWAT_DOCUMENT (self->project))) != 0)
    return;

  /* The same project again, under the evaluator's hands: the focus stays. */
  open_project (self, project_id, FALSE, self->cancellable, _nawat_window_open_project_cb, NULL);
}

/* Opens the project again when the sync changed its evaluation (a pull,
 * or the revision a push gave it), so that the form edits the new version.
 */
void
_nawat_window_reload_project (NawatWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL || self->project == NULL || self->evaluation == NULL)
    return;

  task = g_task_new (self, self->cancellable, on_changed_evaluation_cb,
                     g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (self->project))));
  g_task_set_source_tag (task, _nawat_window_reload_project);
  g_task_set_task_data (task, nawat_evaluation_copy (self->evaluation), g_object_unref);
  nawat_store_run_async (self->store, task, changed_evaluation_thread);
}

void
_nawat_window_open_project_again (NawatWindow *self)
{
  if (self->store == NULL || self->project == NULL)
    return;

  open_project (self, nawat_document_get_id (NAWAT_DOCUMENT (self->project)), FALSE,
                self->cancellable, _nawat_window_open_project_cb, NULL);
}
