/* nawat-score-summary.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-rubric.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_SCORE_SUMMARY (nawat_score_summary_get_type ())

G_DECLARE_FINAL_TYPE (NawatScoreSummary, nawat_score_summary, NAWAT, SCORE_SUMMARY, GtkBox)

/* The score form's summary, on top of the criteria: how complete the
 * evaluation is, its composite, whether it is saved, whose it is, the
 * submit and reopen buttons ("score.submit", "score.reopen"), a notice on
 * why it cannot change and a dismissable problem (what submitting lacks).
 */
void     nawat_score_summary_set_completeness    (NawatScoreSummary *self,
                                                  double             completeness);
void     nawat_score_summary_set_composite_text  (NawatScoreSummary *self,
                                                  const char        *text);
/* How the last change was saved (nothing when not @shown): failed with
 * @error, @saving still, or saved over another writer's changes to the same
 * fields (@clashed).
 */
void     nawat_score_summary_set_save_state      (NawatScoreSummary *self,
                                                  gboolean           shown,
                                                  const GError      *error,
                                                  gboolean           saving,
                                                  gboolean           clashed);
/* "Scoring as @evaluator" (NULL: nothing). */
void     nawat_score_summary_set_evaluator       (NawatScoreSummary *self,
                                                  const char        *evaluator);
/* Why the evaluation cannot change, in order: @read_only (a
 * NAWAT_ROUND_ERROR but SUBMITTED), a submission or a reopening being
 * stored (@storing, the way @submitted says), @submitted (reopenable until
 * @deadline, or NULL), a declared @conflict of interest; else nothing.
 */
void     nawat_score_summary_set_notice          (NawatScoreSummary *self,
                                                  const GError      *read_only,
                                                  gboolean           storing,
                                                  gboolean           submitted,
                                                  const char        *deadline,
                                                  gboolean           conflict);
void     nawat_score_summary_set_submit          (NawatScoreSummary *self,
                                                  gboolean           visible,
                                                  gboolean           sensitive);
void     nawat_score_summary_set_reopen          (NawatScoreSummary *self,
                                                  gboolean           visible,
                                                  gboolean           sensitive,
                                                  const char        *tooltip);
/* Shows @text as a problem (NULL: hides it). */
void     nawat_score_summary_show_problem        (NawatScoreSummary *self,
                                                  const char        *text);
/* Changes the problem's text, shown or not. */
void     nawat_score_summary_set_problem_text    (NawatScoreSummary *self,
                                                  const char        *text);
gboolean nawat_score_summary_get_problem_shown   (NawatScoreSummary *self);
gboolean nawat_score_summary_focus_reopen        (NawatScoreSummary *self);
/* What submitting lacks: the @missing criteria ("<group>.<criterion>"),
 * by group, named in @language.
 */
char    *nawat_score_summary_dup_missing_text    (NawatRubric       *rubric,
                                                  GStrv              missing,
                                                  const char        *language);

G_END_DECLS
