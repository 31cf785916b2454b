/* nawat-score-form.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-rubric.h"
#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_SCORE_FORM_ERROR (nawat_score_form_error_quark ())

typedef enum
{
  /* no evaluation is shown, or it cannot be edited */
  NAWAT_SCORE_FORM_ERROR_LOCKED,
} NawatScoreFormError;

#define NAWAT_TYPE_SCORE_FORM (nawat_score_form_get_type ())

G_DECLARE_FINAL_TYPE (NawatScoreForm, nawat_score_form, NAWAT, SCORE_FORM, GtkWidget)

/* The form scrolls by itself (its summary stays on top): give it a pane of
 * its own rather than putting it in a GtkScrolledWindow.
 *
 * Keyboard: a digit sets the level of the criterion holding the focus
 * ("score.set-level"), Delete/BackSpace clears it ("score.clear-level"),
 * Up/Down move between criteria ("score.next-criterion",
 * "score.previous-criterion"), Left/Right choose the previous or next level
 * ("score.previous-level", "score.next-level"); Tab stops once per
 * criterion, on its chosen level.  Other actions: "score.submit",
 * "score.reopen" and "score.conflict" (the conflict-declared property).
 */
GQuark           nawat_score_form_error_quark           (void);
NawatScoreForm  *nawat_score_form_new                   (void);
void             nawat_score_form_set_header            (NawatScoreForm  *self,
                                                         GtkWidget       *header);
/* Shows @evaluation of @project (the form keeps a reference and edits it in
 * place) as scored with @rubric in @call; every change is saved to @store.
 * The round's rules (nawat-round.h) decide whether it can be changed.  A
 * pending change of the previous evaluation is saved first.  All NULL: empty
 * form.
 */
void             nawat_score_form_set_evaluation        (NawatScoreForm  *self,
                                                         NawatStore      *store,
                                                         NawatRubric     *rubric,
                                                         NawatCall       *call,
                                                         NawatProject    *project,
                                                         NawatEvaluation *evaluation);
/* "th" or "en": the language of the rubric's texts; by default the
 * language of the environment.
 */
const char      *nawat_score_form_get_language          (NawatScoreForm  *self);
void             nawat_score_form_set_language          (NawatScoreForm  *self,
                                                         const char      *language);
/* Saves a pending change now (on close, quit, or switching projects).
 * Returns FALSE when saving failed; the error is shown and kept.
 */
gboolean         nawat_score_form_flush                 (NawatScoreForm  *self,
                                                         GError         **error);
/* The same on the store's thread: what a window does before it opens
 * another project.
 */
void             nawat_score_form_flush_async           (NawatScoreForm       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean         nawat_score_form_flush_finish          (NawatScoreForm       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Whether a change is not saved yet (or could not be). */
gboolean         nawat_score_form_get_saving            (NawatScoreForm       *self);
gboolean         nawat_score_form_get_conflict_declared (NawatScoreForm  *self);
void             nawat_score_form_set_conflict_declared (NawatScoreForm  *self,
                                                         gboolean         declared);
/* Moves the focus to the criterion "<group>.<criterion>" (NULL: the first). */
gboolean         nawat_score_form_focus_criterion       (NawatScoreForm  *self,
                                                         const char      *key);
/* Moves the focus to the first criterion without a score, or to the first
 * criterion when all have one: where scoring goes on.
 */
gboolean         nawat_score_form_focus_unscored        (NawatScoreForm  *self);
/* Submits the evaluation and stores it on the store's thread, the form
 * locked meanwhile; when it is incomplete, the error (and the form) lists
 * the criteria still without a score, at once.
 */
void             nawat_score_form_submit_async          (NawatScoreForm       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean         nawat_score_form_submit_finish         (NawatScoreForm       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
/* Sends the submitted evaluation back to draft while the round's rules
 * allow it (nawat_round_check_reopen ()): before the evaluator's deadline.
 * Reopening records "reopened" in the evaluation; it is stored as
 * submitting is.
 */
void             nawat_score_form_reopen_async          (NawatScoreForm       *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean         nawat_score_form_reopen_finish         (NawatScoreForm       *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);

/* Adds @text (quoted from a document) to the end of the overall comment,
 * on a line of its own, as if typed there: the autosave keeps it.  Returns
 * FALSE, changing nothing, when the evaluation cannot be changed.
 */
gboolean         nawat_score_form_append_comment        (NawatScoreForm  *self,
                                                         const char      *text);
/* Whether there is an evaluation the form can change. */
gboolean         nawat_score_form_get_editable          (NawatScoreForm  *self);

G_END_DECLS
