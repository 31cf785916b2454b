/* nawat-score-form-private.h: the score form's parts (nawat-score-form.c,
 * nawat-score-form-saving.c, nawat-score-form-submit.c) and what the tests
 * read of it
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-criterion-card.h"
#include "nawat-score-form.h"
#include "nawat-score-summary.h"

G_BEGIN_DECLS

struct _NawatScoreForm
{
  GtkWidget          parent_instance;

  NawatStore        *store;
  NawatRubric       *rubric;
  NawatCall         *call;
  NawatProject      *project;
  NawatEvaluation   *evaluation;
  /* The version the store held when the edits in the form began (the
   * last one it stored for the form): a save stores only the changes from
   * it, so that what another process or a sync stored meanwhile stays.
   */
  NawatEvaluation   *base;
  /* The version last sent to the store whose outcome has not come back:
   * the store makes saves in the order they are asked for, so the next
   * save stores the changes from it, not from @base, else an edit undone
   * meanwhile (a score cleared) would be no change from @base and lost.
   */
  NawatEvaluation   *sent;
  char              *language;
  /* Why the round's rules keep the evaluation from changing, as last shown */
  GError            *read_only;

  GPtrArray         *criteria;  /* NawatCriterionCard, in the rubric's order */
  GHashTable        *by_key;    /* key → NawatCriterionCard, borrowed */

  GtkWidget         *summary_bar;
  NawatScoreSummary *summary;
  GtkWidget         *scroller;
  GtkWidget         *header;    /* the caller's widget above the criteria */
  GtkWidget         *content;   /* the groups and the overall section */
  GtkWidget         *clamp;     /* the scrolled child */
  GtkWidget         *overall_view;
  GtkWidget         *recommendation_row;
  /* Shown when the rubric asks the evaluator's confidence */
  GtkWidget         *confidence_group;
  GtkWidget         *confidence_box;
  GtkWidget         *confidence_buttons[3];  /* low, medium, high */
  GtkWidget         *conflict_switch;
  GtkWidget         *conflict_note;
  GtkWidget         *conflict_type_row;  /* NawatConflictType by position */
  /* Asked before scoring (nawat-score-form-conflict.c) */
  GtkWidget         *conflict_question;
  GtkWidget         *no_conflict_button;
  GtkWidget         *declare_conflict_button;
  /* Asks to confirm a declaration, while it is shown */
  AdwMessageDialog  *conflict_dialog;
  GtkWidget         *overall_group;

  GError            *save_error;
  /* The submission or reopening being stored: the form is locked until
   * it is (nawat-score-form-submit.c).
   */
  GTask             *pending;
  char              *composite_text;
  double             completeness;
  double             composite;
  guint              save_source;
  guint              deadline_source;  /* shows the evaluator's deadline passing */
  guint              edits;     /* changes so far: tells a save's outcome current */
  guint              clashes;   /* fields the last save found changed elsewhere too */
  guint              save_serial;     /* saves asked for */
  guint              adopted_serial;  /* the last of them whose outcome the form took */
  guint              sent_serial;     /* the save that sent @sent */
  /* A save failed: the saves sent up to this one stored their changes
   * from a version that never was, so they do not tell the form saved.
   */
  guint              resend_serial;
  /* The card the focus went to when Submit found it missing: kept in view
   * while the summary's banner opening above shrinks the form's view.
   */
  NawatCriterionCard *keep_in_view;
  guint              keep_in_view_tick;
  gboolean           saving;
  gboolean           syncing;   /* the widgets are being set from the model */
  gboolean           was_locked;
};

/* nawat-score-form.c */
void             _nawat_score_form_update_all            (NawatScoreForm  *self);
/* An evaluation is shown, else the error says there is none to change. */
gboolean         _nawat_score_form_check_shown           (NawatScoreForm  *self,
                                                          GError         **error);
/* The round's rules (nawat_round_check_editable ()), at this moment:
 * whether the evaluator may change the evaluation, else why not.
 */
gboolean         _nawat_score_form_check_editable        (NawatScoreForm  *self,
                                                          GError         **error);
/* Whether the evaluator may change anything, a declared conflict too. */
gboolean         _nawat_score_form_can_change            (NawatScoreForm  *self);
/* Emits NawatScoreForm::submitted. */
void             _nawat_score_form_emit_submitted        (NawatScoreForm  *self);
void             _nawat_score_form_focus_missing         (NawatScoreForm  *self,
                                                          const char      *key);
gboolean         _nawat_score_form_has_focus             (NawatScoreForm  *self);
void             _nawat_score_form_focus_changed         (NawatScoreForm  *self,
                                                          gboolean         submitted,
                                                          gboolean         had_focus);
void             _nawat_score_form_set_saving            (NawatScoreForm  *self,
                                                          gboolean         saving);
/* Shows the outcome of a save of the evaluation as it is. */
void             _nawat_score_form_show_saved            (NawatScoreForm  *self,
                                                          const GError    *error);

/* nawat-score-form-saving.c */
/* Saves a pending change now, in this thread. */
gboolean         _nawat_score_form_save_now              (NawatScoreForm  *self,
                                                          GError         **error);
/* Saves the evaluation as it is now on the store's thread; @flush
 * (nullable) returns the outcome.
 */
void             _nawat_score_form_save_async            (NawatScoreForm  *self,
                                                          GTask           *flush);
/* Every change of the evaluation comes through here: it is saved soon. */
void             _nawat_score_form_changed               (NawatScoreForm  *self);

/* nawat-score-form-conflict.c */
/* Whether the form asks the evaluator if they have a conflict of interest
 * with the proposal: they have not said, have no score yet, and may
 * change the evaluation.  Scoring waits for the answer.
 */
gboolean         _nawat_score_form_asks_conflict         (NawatScoreForm  *self);
/* Declares a conflict of interest once the evaluator confirms it in a
 * dialog (which says whether scores will be cleared); the focus goes to
 * the note on the conflict.
 */
void             _nawat_score_form_declare_conflict      (NawatScoreForm  *self);
/* The "score.no-conflict" and "score.declare-conflict" actions. */
void             _nawat_score_form_no_conflict_action    (GtkWidget       *widget,
                                                          const char      *action_name,
                                                          GVariant        *parameter);
void             _nawat_score_form_declare_conflict_action (GtkWidget     *widget,
                                                            const char    *action_name,
                                                            GVariant      *parameter);

/* nawat-score-form-submit.c */
/* Rule 4: whether the evaluator may send their submitted evaluation back
 * to draft now, else why not.
 */
gboolean         _nawat_score_form_check_reopen          (NawatScoreForm  *self,
                                                          GError         **error);
/* The "score.submit" and "score.reopen" actions. */
void             _nawat_score_form_submit_action         (GtkWidget       *widget,
                                                          const char      *action_name,
                                                          GVariant        *parameter);
void             _nawat_score_form_reopen_action         (GtkWidget       *widget,
                                                          const char      *action_name,
                                                          GVariant        *parameter);

/* For the tests */
NawatEvaluation *_nawat_score_form_get_evaluation        (NawatScoreForm  *self);
/* 0–100, as nawat_scoring_compute computes it. */
double           _nawat_score_form_get_completeness      (NawatScoreForm  *self);
/* 0–100, or -1 while the evaluation is incomplete. */
double           _nawat_score_form_get_composite         (NawatScoreForm  *self);
/* The composite as shown: "72.5" or "—". */
const char      *_nawat_score_form_get_composite_text    (NawatScoreForm  *self);
/* The last save's error, or NULL. */
const GError    *_nawat_score_form_get_save_error        (NawatScoreForm  *self);
/* Scores, comments and recommendation cannot be edited: the round's rules
 * forbid it (not assigned, deadline passed, submitted), a conflict of
 * interest is declared, or a submission or reopening is being stored.
 */
gboolean         _nawat_score_form_get_locked            (NawatScoreForm  *self);
/* Why the round's rules keep the evaluation shown from changing (a
 * NAWAT_ROUND_ERROR), as the form shows it; NULL when it can change.
 */
const GError    *_nawat_score_form_get_read_only_reason  (NawatScoreForm  *self);
/* The key of the criterion holding the focus, or NULL. */
const char      *_nawat_score_form_get_current_criterion (NawatScoreForm  *self);
/* TRUE while the evaluator may send the submitted evaluation back to draft
 * (nawat_round_check_reopen ()): before their deadline.
 */
gboolean         _nawat_score_form_can_reopen            (NawatScoreForm  *self);

G_END_DECLS
