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
NawatEvaluation *nawat_score_form_get_evaluation        (NawatScoreForm  *self);
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
/* 0–100, as nawat_scoring_compute computes it. */
double           nawat_score_form_get_completeness      (NawatScoreForm  *self);
/* 0–100, or -1 while the evaluation is incomplete. */
double           nawat_score_form_get_composite         (NawatScoreForm  *self);
/* The composite as shown: "72.5" or "—". */
const char      *nawat_score_form_get_composite_text    (NawatScoreForm  *self);
/* TRUE while a change is waiting to be saved. */
gboolean         nawat_score_form_get_saving            (NawatScoreForm  *self);
/* The last save's error, or NULL. */
const GError    *nawat_score_form_get_save_error        (NawatScoreForm  *self);
gboolean         nawat_score_form_get_conflict_declared (NawatScoreForm  *self);
void             nawat_score_form_set_conflict_declared (NawatScoreForm  *self,
                                                         gboolean         declared);
/* Scores, comments and recommendation cannot be edited: the round's rules
 * forbid it (not assigned, deadline passed, submitted) or a conflict of
 * interest is declared.
 */
gboolean         nawat_score_form_get_locked            (NawatScoreForm  *self);
/* Why the round's rules keep the evaluation shown from changing (a
 * NAWAT_ROUND_ERROR), as the form shows it; NULL when it can change.
 */
const GError    *nawat_score_form_get_read_only_reason  (NawatScoreForm  *self);
/* Moves the focus to the criterion "<group>.<criterion>" (NULL: the first). */
gboolean         nawat_score_form_focus_criterion       (NawatScoreForm  *self,
                                                         const char      *key);
/* The key of the criterion holding the focus, or NULL. */
const char      *nawat_score_form_get_current_criterion (NawatScoreForm  *self);
/* Submits the evaluation; when it is incomplete, the error (and the form)
 * lists the criteria still without a score.
 */
gboolean         nawat_score_form_submit                (NawatScoreForm  *self,
                                                         GError         **error);
/* TRUE while the evaluator may send the submitted evaluation back to draft
 * (nawat_round_check_reopen ()): before their deadline.  Reopening records
 * "reopened" in the evaluation.
 */
gboolean         nawat_score_form_can_reopen            (NawatScoreForm  *self);
gboolean         nawat_score_form_reopen                (NawatScoreForm  *self,
                                                         GError         **error);

G_END_DECLS
