/* nawat-score-form.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-score-form-private.h"

#include "nawat-accessible.h"
#include "nawat-criterion-card.h"
#include "nawat-round.h"
#include "nawat-score-summary.h"
#include "nawat-scoring.h"
#include "nawat-vocabulary.h"

G_DEFINE_FINAL_TYPE (NawatScoreForm, nawat_score_form, GTK_TYPE_WIDGET)

G_DEFINE_QUARK (nawat-score-form-error-quark, nawat_score_form_error)

enum {
  PROP_0,
  PROP_COMPLETENESS,
  PROP_COMPOSITE,
  PROP_SAVING,
  PROP_LANGUAGE,
  PROP_CONFLICT_DECLARED,
  PROP_LOCKED,
  N_PROPS
};

enum {
  SAVED,
  SUBMITTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const NawatRecommendation recommendations[] = {
  NAWAT_RECOMMENDATION_NONE,
  NAWAT_RECOMMENDATION_FUND,
  NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS,
  NAWAT_RECOMMENDATION_REJECT,
};

static const char *
default_language (void)
{
  const char * const *names = g_get_language_names ();

  if (names != NULL && names[0] != NULL && g_str_has_prefix (names[0], "th"))
    return "th";

  return "en";
}

static const char *
text_in (NawatScoreForm  *self,
         const NawatText *text)
{
  const char *str = nawat_text_get (text, self->language);

  return str != NULL ? str : "";
}

static gboolean
is_submitted (NawatScoreForm *self)
{
  return self->evaluation != NULL &&
         nawat_evaluation_get_status (self->evaluation) == NAWAT_EVALUATION_SUBMITTED;
}

gboolean
_nawat_score_form_check_shown (NawatScoreForm  *self,
                               GError         **error)
{
  if (self->evaluation != NULL)
    return TRUE;

  g_set_error_literal (error, NAWAT_SCORE_FORM_ERROR, NAWAT_SCORE_FORM_ERROR_LOCKED,
                       _("There is no evaluation to change"));
  return FALSE;
}

gboolean
_nawat_score_form_check_editable (NawatScoreForm  *self,
                                  GError         **error)
{
  return _nawat_score_form_check_shown (self, error) &&
         nawat_round_check_editable (self->call, self->project, self->evaluation,
                                     nawat_evaluation_get_evaluator (self->evaluation),
                                     NULL, error);
}

gboolean
_nawat_score_form_get_locked (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), TRUE);

  return self->pending != NULL ||
         !_nawat_score_form_check_editable (self, NULL) ||
         nawat_evaluation_get_conflict_declared (self->evaluation) ||
         _nawat_score_form_asks_conflict (self);
}

/* Whether the evaluator may change anything, a declared conflict too. */
gboolean
_nawat_score_form_can_change (NawatScoreForm *self)
{
  return self->pending == NULL && _nawat_score_form_check_editable (self, NULL);
}

const GError *
_nawat_score_form_get_read_only_reason (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->read_only;
}

/* Saving */

void
_nawat_score_form_set_saving (NawatScoreForm *self,
                              gboolean        saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
update_state_label (NawatScoreForm *self)
{
  /* Nothing to save in a form the rules keep from changing. */
  gboolean shown = self->evaluation != NULL &&
                   (self->read_only == NULL ||
                    g_error_matches (self->read_only, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED));

  nawat_score_summary_set_save_state (self->summary, shown, self->save_error, self->saving,
                                      self->clashes > 0);
}

/* Shows the outcome of a save of the evaluation as it is. */
void
_nawat_score_form_show_saved (NawatScoreForm *self,
                              const GError   *error)
{
  g_clear_error (&self->save_error);
  if (error != NULL)
    {
      /* The edit stays in the form and the next change tries again. */
      self->save_error = g_error_copy (error);
      update_state_label (self);
      return;
    }

  _nawat_score_form_set_saving (self, FALSE);
  update_state_label (self);
  g_signal_emit (self, signals[SAVED], 0);
}

void
_nawat_score_form_emit_submitted (NawatScoreForm *self)
{
  g_signal_emit (self, signals[SUBMITTED], 0);
}

/* Showing the state */

static void
update_summary (NawatScoreForm *self)
{
  NawatScore score = { 0, };
  double completeness = 0;
  double composite = -1;

  if (self->evaluation != NULL)
    {
      nawat_scoring_compute (self->rubric, self->evaluation, &score);
      completeness = 100.0 * score.completeness;
      composite = score.complete ? score.composite : -1;
    }

  g_free (self->composite_text);
  if (composite >= 0)
    self->composite_text = g_strdup_printf ("%.1f", composite);
  else
    self->composite_text = g_strdup ("—");
  nawat_score_summary_set_composite_text (self->summary, self->composite_text);
  nawat_score_summary_set_completeness (self->summary, completeness);

  if (completeness != self->completeness)
    {
      self->completeness = completeness;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETENESS]);
    }
  if (composite != self->composite)
    {
      self->composite = composite;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPOSITE]);
    }
}

/* Whose evaluation this is: the name it is saved under. */
static void
update_evaluator (NawatScoreForm *self)
{
  nawat_score_summary_set_evaluator (self->summary,
                                     self->evaluation != NULL ?
                                     nawat_evaluation_get_evaluator (self->evaluation) : NULL);
}

/* The evaluator's own deadline, extensions included, as the round's rules
 * write it ("2026-12-15 10:00 UTC"), or NULL when the round never closes.
 */
static char *
dup_deadline_text (NawatScoreForm *self)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) utc = NULL;

  deadline = nawat_round_dup_deadline (self->call, nawat_evaluation_get_evaluator (self->evaluation));
  if (deadline == NULL)
    return NULL;

  utc = g_date_time_to_utc (deadline);

  return g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");
}

static void
update_notice (NawatScoreForm *self)
{
  g_autofree char *deadline = NULL;
  gboolean submitted = is_submitted (self);

  g_clear_error (&self->read_only);
  if (self->evaluation != NULL)
    _nawat_score_form_check_editable (self, &self->read_only);

  if (submitted)
    deadline = dup_deadline_text (self);
  nawat_score_summary_set_notice (self->summary, self->read_only, self->pending != NULL,
                                  submitted, deadline,
                                  nawat_score_form_get_conflict_declared (self));
}

static void
update_overall (NawatScoreForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->overall_view));
  gboolean locked = _nawat_score_form_get_locked (self);
  gboolean editable = _nawat_score_form_can_change (self);
  const char *overall = NULL;
  const char *note = NULL;
  g_autofree char *current = NULL;
  GtkTextIter start, end;
  guint position = 0;
  int confidence = NAWAT_CONFIDENCE_NONE;
  NawatConflictType conflict_type = NAWAT_CONFLICT_TYPE_NONE;

  if (self->evaluation != NULL)
    {
      NawatRecommendation recommendation = nawat_evaluation_get_recommendation (self->evaluation);

      confidence = nawat_evaluation_get_confidence (self->evaluation);
      conflict_type = nawat_evaluation_get_conflict_type (self->evaluation);

      overall = nawat_evaluation_get_overall_comment (self->evaluation);
      note = nawat_evaluation_get_conflict_note (self->evaluation);
      for (guint i = 0; i < G_N_ELEMENTS (recommendations); i++)
        if (recommendations[i] == recommendation)
          position = i;
    }

  self->syncing = TRUE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (current, overall != NULL ? overall : "") != 0)
    gtk_text_buffer_set_text (buffer, overall != NULL ? overall : "", -1);

  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->recommendation_row)) != position)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->recommendation_row), position);

  for (guint i = 0; i < G_N_ELEMENTS (self->confidence_buttons); i++)
    {
      GtkCheckButton *button = GTK_CHECK_BUTTON (self->confidence_buttons[i]);
      gboolean active = confidence == (int) i + NAWAT_CONFIDENCE_LOW;

      if (gtk_check_button_get_active (button) != active)
        gtk_check_button_set_active (button, active);
    }

  gtk_switch_set_active (GTK_SWITCH (self->conflict_switch),
                         nawat_score_form_get_conflict_declared (self));
  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->conflict_type_row)) != (guint) conflict_type)
    adw_combo_row_set_selected (ADW_COMBO_ROW (self->conflict_type_row), conflict_type);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->conflict_note)), note != NULL ? note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->conflict_note), note != NULL ? note : "");

  self->syncing = FALSE;

  gtk_widget_set_sensitive (self->overall_view, !locked);
  gtk_widget_set_sensitive (self->recommendation_row, !locked);
  gtk_widget_set_visible (self->confidence_group,
                          self->rubric != NULL && nawat_rubric_get_asks_confidence (self->rubric));
  gtk_widget_set_sensitive (self->confidence_box, !locked);
  /* A declared conflict can be withdrawn while the rules allow changes. */
  gtk_widget_set_sensitive (self->conflict_switch, editable);
  gtk_widget_set_sensitive (self->conflict_note, editable);
  gtk_widget_set_sensitive (self->conflict_type_row,
                            editable && nawat_score_form_get_conflict_declared (self));
  /* GTK 4.8 still says "editable" of an insensitive text: read-only says
   * what the evaluator can do.
   */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overall_view),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, locked, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_note),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, !editable, -1);
}

/* The list of what is missing follows the scores once shown. */
static void
update_missing (NawatScoreForm *self)
{
  g_auto(GStrv) missing = nawat_scoring_dup_missing (self->rubric, self->evaluation);
  g_autofree char *text = NULL;

  if (missing[0] == NULL)
    {
      nawat_score_summary_show_problem (self->summary, NULL);
      return;
    }

  text = nawat_score_summary_dup_missing_text (self->rubric, missing, self->language);
  nawat_score_summary_set_problem_text (self->summary, text);
}

static gboolean
on_deadline_passed_cb (gpointer user_data)
{
  NawatScoreForm *self = user_data;

  self->deadline_source = 0;
  _nawat_score_form_update_all (self);

  return G_SOURCE_REMOVE;
}

/* A form left open across the evaluator's deadline turns read-only then
 * (the rules are asked again); a far deadline is looked at once a day.
 */
static void
watch_deadline (NawatScoreForm *self)
{
  g_autoptr(GDateTime) deadline = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan left;

  g_clear_handle_id (&self->deadline_source, g_source_remove);
  if (self->evaluation == NULL ||
      (deadline = nawat_round_dup_deadline (self->call,
                                            nawat_evaluation_get_evaluator (self->evaluation))) == NULL)
    return;

  now = g_date_time_new_now_utc ();
  left = g_date_time_difference (deadline, now);
  if (left < 0)
    return;

  self->deadline_source = g_timeout_add_seconds ((guint) MIN (left / G_TIME_SPAN_SECOND + 1, 24 * 3600),
                                                 on_deadline_passed_cb, self);
}

/* The reopen button follows rule 4, and says why when it cannot. */
static void
update_reopen (NawatScoreForm *self)
{
  g_autoptr(GError) error = NULL;
  gboolean can_reopen = _nawat_score_form_check_reopen (self, &error) && self->pending == NULL;

  nawat_score_summary_set_reopen (self->summary, is_submitted (self), can_reopen,
                                  error != NULL && is_submitted (self) ? error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "score.reopen", can_reopen);
}

void
_nawat_score_form_update_all (NawatScoreForm *self)
{
  gboolean submitted = is_submitted (self);
  gboolean locked = _nawat_score_form_get_locked (self);

  if (self->criteria != NULL && self->evaluation != NULL)
    for (guint i = 0; i < self->criteria->len; i++)
      nawat_criterion_card_update (g_ptr_array_index (self->criteria, i), self->evaluation, locked);

  gtk_widget_set_visible (self->conflict_question,
                          self->evaluation != NULL && _nawat_score_form_asks_conflict (self));
  update_summary (self);
  update_evaluator (self);
  update_notice (self);
  update_overall (self);
  update_state_label (self);

  nawat_score_summary_set_submit (self->summary, self->evaluation != NULL && !submitted, !locked);
  update_reopen (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "score.submit", self->evaluation != NULL && !locked);
  watch_deadline (self);

  if (locked)
    nawat_score_summary_show_problem (self->summary, NULL);
  else if (nawat_score_summary_get_problem_shown (self->summary))
    update_missing (self);

  if (locked != self->was_locked)
    {
      self->was_locked = locked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
}

/* The criteria */

static NawatCriterionCard *
card_for_widget (NawatScoreForm *self,
                 GtkWidget      *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    if (NAWAT_IS_CRITERION_CARD (widget))
      return NAWAT_CRITERION_CARD (widget);

  return NULL;
}

static NawatCriterionCard *
current_card (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;

  if (root == NULL || self->criteria == NULL)
    return NULL;

  focus = gtk_root_get_focus (root);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  return card_for_widget (self, focus);
}

const char *
_nawat_score_form_get_current_criterion (NawatScoreForm *self)
{
  NawatCriterionCard *card;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  card = current_card (self);

  return card != NULL ? nawat_criterion_card_get_key (card) : NULL;
}

/* Scrolls so that @widget, inside the scrolled content, is on screen. */
static void
scroll_to_widget (NawatScoreForm *self,
                  GtkWidget      *widget)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  graphene_rect_t bounds;
  double top;
  double bottom;

  if (!gtk_widget_compute_bounds (widget, self->clamp, &bounds))
    return;

  top = bounds.origin.y - 12;
  bottom = bounds.origin.y + bounds.size.height + 12;
  if (top < value || bottom - top > page)
    gtk_adjustment_set_value (adjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (adjustment, bottom - page);
}

static gboolean
focus_card (NawatScoreForm     *self,
            NawatCriterionCard *card)
{
  gboolean focused = nawat_criterion_card_focus (card);

  /* The whole card, not only the focused button, comes into view. */
  scroll_to_widget (self, GTK_WIDGET (card));

  return focused;
}

static void
on_focus_widget_cb (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  NawatCriterionCard *card;

  if (self->keep_in_view != NULL &&
      (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->keep_in_view))))
    self->keep_in_view = NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->clamp))
    return;

  card = card_for_widget (self, focus);
  scroll_to_widget (self, card != NULL ? GTK_WIDGET (card) : focus);
}

static gboolean
keep_in_view_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);

  self->keep_in_view_tick = 0;
  if (self->keep_in_view != NULL)
    scroll_to_widget (self, GTK_WIDGET (self->keep_in_view));

  return G_SOURCE_REMOVE;
}

/* The view's height changed (the summary's banner opening or closing,
 * frame by frame when animated): the card kept in view is scrolled to
 * again in the next frame, once the new height is laid out.
 */
static void
on_view_changed_cb (NawatScoreForm *self)
{
  if (self->keep_in_view == NULL || self->keep_in_view_tick != 0)
    return;

  self->keep_in_view_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), keep_in_view_tick_cb,
                                                          NULL, NULL);
}

/* Submit found @key without a score: its card takes the focus and stays
 * in view, below the banner saying what is missing.
 */
void
_nawat_score_form_focus_missing (NawatScoreForm *self,
                                 const char     *key)
{
  NawatCriterionCard *card = self->by_key != NULL ? g_hash_table_lookup (self->by_key, key) : NULL;

  if (card == NULL)
    return;

  focus_card (self, card);
  self->keep_in_view = card;
}

/* Whether the focus is in the form, or nowhere */
gboolean
_nawat_score_form_has_focus (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self));
}

/* After a submission the form is read-only and what had the focus in it
 * is insensitive, so nothing would have it.  "Reopen as Draft" takes it:
 * the one action left on the evaluation just submitted, beside the notice
 * saying so, and where the keyboard was; Tab goes on to the criteria.
 * Else (the round's rules allow no reopening), and after a reopening
 * (the button goes), the current criterion's card, or the first one
 * without a score, or the first one.  A focus that was outside the form
 * when the change began (@had_focus FALSE) stays where it is.
 */
void
_nawat_score_form_focus_changed (NawatScoreForm *self,
                                 gboolean        submitted,
                                 gboolean        had_focus)
{
  NawatCriterionCard *card;

  if (!had_focus && !_nawat_score_form_has_focus (self))
    return;
  if (submitted && nawat_score_summary_focus_reopen (self->summary))
    return;

  card = current_card (self);
  if (card != NULL)
    focus_card (self, card);
  else
    nawat_score_form_focus_unscored (self);
}

gboolean
nawat_score_form_focus_criterion (NawatScoreForm *self,
                                  const char     *key)
{
  NawatCriterionCard *card;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  if (key == NULL)
    card = self->criteria != NULL && self->criteria->len > 0 ? g_ptr_array_index (self->criteria, 0) : NULL;
  else if (self->by_key != NULL)
    card = g_hash_table_lookup (self->by_key, key);
  else
    card = NULL;

  if (card == NULL)
    return FALSE;

  return focus_card (self, card);
}

gboolean
nawat_score_form_focus_unscored (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  if (self->criteria == NULL || self->evaluation == NULL)
    return FALSE;

  /* Scoring begins with the answer on a conflict of interest. */
  if (_nawat_score_form_asks_conflict (self))
    return gtk_widget_grab_focus (self->no_conflict_button);

  for (guint i = 0; i < self->criteria->len; i++)
    {
      NawatCriterionCard *card = g_ptr_array_index (self->criteria, i);

      if (!nawat_evaluation_get_score (self->evaluation, nawat_criterion_card_get_key (card), NULL))
        return focus_card (self, card);
    }

  return nawat_score_form_focus_criterion (self, NULL);
}

static gboolean
set_level (NawatScoreForm     *self,
           NawatCriterionCard *card,
           int                 value)
{
  const char *key = nawat_criterion_card_get_key (card);
  double old;

  if (_nawat_score_form_get_locked (self) ||
      nawat_criterion_find_level (nawat_criterion_card_get_criterion (card), value) == NULL)
    return FALSE;

  if (nawat_evaluation_get_score (self->evaluation, key, &old) && old == value)
    return TRUE;

  nawat_evaluation_set_score (self->evaluation, key, value);
  _nawat_score_form_changed (self);

  return TRUE;
}

static void
on_card_level_toggled_cb (NawatCriterionCard *card,
                          int                 value,
                          gboolean            active,
                          NawatScoreForm     *self)
{
  if (self->syncing || _nawat_score_form_get_locked (self))
    return;

  if (active)
    set_level (self, card, value);
  else
    {
      /* Clicking the chosen level again clears the score. */
      nawat_evaluation_clear_score (self->evaluation, nawat_criterion_card_get_key (card));
      _nawat_score_form_changed (self);
    }

  /* The keys go on in the criterion clicked: a digit scores it, not the
   * criterion the keyboard was in before.
   */
  focus_card (self, card);
}

static void
on_card_comment_changed_cb (NawatCriterionCard *card,
                            const char         *comment,
                            NawatScoreForm     *self)
{
  if (self->syncing || self->evaluation == NULL)
    return;

  nawat_evaluation_set_comment (self->evaluation, nawat_criterion_card_get_key (card), comment);
  _nawat_score_form_changed (self);
}

/* Actions and keys */

static void
score_set_level_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);
  NawatCriterionCard *card = current_card (self);
  int value = g_variant_get_int32 (parameter);

  if (_nawat_score_form_asks_conflict (self))
    {
      nawat_score_summary_show_problem (self->summary,
                                        _("Say first whether you have a conflict of interest "
                                          "with this proposal"));
      gtk_widget_error_bell (widget);
      return;
    }

  if (card != NULL && !_nawat_score_form_get_locked (self) &&
      nawat_criterion_find_level (nawat_criterion_card_get_criterion (card), value) == NULL)
    {
      NawatCriterion *criterion = nawat_criterion_card_get_criterion (card);
      g_autofree char *text = NULL;

      /* Translators: a digit pressed that is not a level of the criterion,
       * and the criterion's scale, e.g. "7 is not on this scale (0–4)".
       */
      text = g_strdup_printf (_("%d is not on this scale (%d–%d)"), value,
                              nawat_criterion_get_min (criterion),
                              nawat_criterion_get_max (criterion));
      nawat_score_summary_show_problem (self->summary, text);
      gtk_widget_error_bell (widget);
      return;
    }

  if (card == NULL || !set_level (self, card, value))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* The focus follows the chosen level, within the same criterion. */
  focus_card (self, card);
}

static void
score_clear_level_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);
  NawatCriterionCard *card = current_card (self);

  if (card == NULL || _nawat_score_form_get_locked (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (nawat_evaluation_get_score (self->evaluation, nawat_criterion_card_get_key (card), NULL))
    {
      nawat_evaluation_clear_score (self->evaluation, nawat_criterion_card_get_key (card));
      _nawat_score_form_changed (self);
      focus_card (self, card);
    }
}

/* Left and Right choose the previous or next level of the criterion. */
static void
step_level (NawatScoreForm   *self,
            int               delta,
            GtkDirectionType  direction)
{
  NawatCriterionCard *card = current_card (self);
  int value;

  if (card == NULL)
    {
      /* Elsewhere the arrows move the focus as usual. */
      if (!gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), direction))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (_nawat_score_form_get_locked (self) ||
      !nawat_criterion_card_step_level (card, self->evaluation, delta, &value))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  set_level (self, card, value);
  focus_card (self, card);
}

static void
score_next_level_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);

  step_level (self, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? -1 : 1, GTK_DIR_RIGHT);
}

static void
score_previous_level_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);

  step_level (self, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? 1 : -1, GTK_DIR_LEFT);
}

static void
move_criterion (NawatScoreForm *self,
                int             delta)
{
  NawatCriterionCard *card = current_card (self);
  guint index = 0;
  int next;

  if (self->criteria == NULL || self->criteria->len == 0)
    return;

  if (card == NULL)
    next = delta > 0 ? 0 : (int) self->criteria->len - 1;
  else
    {
      g_ptr_array_find (self->criteria, card, &index);
      next = (int) index + delta;
    }

  if (next < 0 || next >= (int) self->criteria->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  focus_card (self, g_ptr_array_index (self->criteria, next));
}

static void
score_next_criterion_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  move_criterion (NAWAT_SCORE_FORM (widget), 1);
}

static void
score_previous_criterion_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  move_criterion (NAWAT_SCORE_FORM (widget), -1);
}

/* The overall section */

static void
on_overall_changed_cb (GtkTextBuffer  *buffer,
                       NawatScoreForm *self)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->syncing || self->evaluation == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  nawat_evaluation_set_overall_comment (self->evaluation, text);
  _nawat_score_form_changed (self);
}

static void
on_recommendation_selected_cb (NawatScoreForm *self)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->recommendation_row));

  if (self->syncing || self->evaluation == NULL || position >= G_N_ELEMENTS (recommendations))
    return;

  if (nawat_evaluation_get_recommendation (self->evaluation) == recommendations[position])
    return;

  nawat_evaluation_set_recommendation (self->evaluation, recommendations[position]);
  _nawat_score_form_changed (self);
}

static void
on_confidence_toggled_cb (NawatScoreForm *self)
{
  int confidence = NAWAT_CONFIDENCE_NONE;

  if (self->syncing || self->evaluation == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (self->confidence_buttons); i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (self->confidence_buttons[i])))
      confidence = (int) i + NAWAT_CONFIDENCE_LOW;

  /* The button going inactive tells too: wait for the one going active. */
  if (confidence == NAWAT_CONFIDENCE_NONE ||
      nawat_evaluation_get_confidence (self->evaluation) == confidence)
    return;

  nawat_evaluation_set_confidence (self->evaluation, confidence);
  _nawat_score_form_changed (self);
}

static void
on_conflict_type_selected_cb (NawatScoreForm *self)
{
  guint position = adw_combo_row_get_selected (ADW_COMBO_ROW (self->conflict_type_row));

  if (self->syncing || self->evaluation == NULL || position >= NAWAT_N_CONFLICT_TYPES)
    return;
  if (nawat_evaluation_get_conflict_type (self->evaluation) == (NawatConflictType) position)
    return;

  nawat_evaluation_set_conflict_type (self->evaluation, position);
  _nawat_score_form_changed (self);
}

static void
on_conflict_active_cb (NawatScoreForm *self)
{
  if (self->syncing)
    return;

  /* Declaring asks first when it clears scores; the switch shows the
   * declaration once made.
   */
  if (gtk_switch_get_active (GTK_SWITCH (self->conflict_switch)) &&
      !nawat_score_form_get_conflict_declared (self))
    {
      _nawat_score_form_update_all (self);
      _nawat_score_form_declare_conflict (self);
      return;
    }

  nawat_score_form_set_conflict_declared (self, gtk_switch_get_active (GTK_SWITCH (self->conflict_switch)));
}

static void
on_conflict_note_changed_cb (NawatScoreForm *self)
{
  if (self->syncing || self->evaluation == NULL)
    return;

  nawat_evaluation_set_conflict (self->evaluation,
                                 nawat_evaluation_get_conflict_declared (self->evaluation),
                                 gtk_editable_get_text (GTK_EDITABLE (self->conflict_note)));
  _nawat_score_form_changed (self);
}

gboolean
nawat_score_form_get_conflict_declared (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return self->evaluation != NULL && nawat_evaluation_get_conflict_declared (self->evaluation);
}

void
nawat_score_form_set_conflict_declared (NawatScoreForm *self,
                                        gboolean        declared)
{
  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));

  declared = !!declared;
  if (!_nawat_score_form_can_change (self) ||
      nawat_score_form_get_conflict_declared (self) == declared)
    {
      _nawat_score_form_update_all (self);
      return;
    }

  /* A declared conflict carries no score (the round's rule 2). */
  if (declared)
    nawat_evaluation_declare_conflict (self->evaluation);
  else
    nawat_evaluation_set_conflict (self->evaluation, FALSE,
                                   nawat_evaluation_get_conflict_note (self->evaluation));
  _nawat_score_form_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_DECLARED]);
}

/* Building the form from the rubric */

static void
clear_criteria (NawatScoreForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    {
      if (child == self->overall_group)
        break;
      gtk_box_remove (GTK_BOX (self->content), child);
    }

  self->keep_in_view = NULL;
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
}

static void
build_criteria (NawatScoreForm *self)
{
  GListModel *groups;

  clear_criteria (self);

  self->criteria = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->rubric == NULL)
    return;

  groups = nawat_rubric_get_groups (self->rubric);
  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      GtkWidget *section = adw_preferences_group_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section),
                                       text_in (self, nawat_rubric_group_get_label (group)));
      gtk_widget_add_css_class (section, "score-group");

      for (guint c = 0; c < g_list_model_get_n_items (criteria); c++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, c);
          g_autofree char *key = nawat_rubric_group_dup_score_key (group, criterion);
          NawatCriterionCard *card = nawat_criterion_card_new (criterion, key, self->language);

          g_signal_connect_object (card, "level-toggled",
                                   G_CALLBACK (on_card_level_toggled_cb), self, 0);
          g_signal_connect_object (card, "comment-changed",
                                   G_CALLBACK (on_card_comment_changed_cb), self, 0);
          g_ptr_array_add (self->criteria, g_object_ref (card));
          g_hash_table_insert (self->by_key, (char *) nawat_criterion_card_get_key (card), card);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (section), GTK_WIDGET (card));
        }

      gtk_box_insert_child_after (GTK_BOX (self->content), section,
                                  gtk_widget_get_prev_sibling (self->overall_group));
    }
}

void
nawat_score_form_set_evaluation (NawatScoreForm  *self,
                                 NawatStore      *store,
                                 NawatRubric     *rubric,
                                 NawatCall       *call,
                                 NawatProject    *project,
                                 NawatEvaluation *evaluation)
{
  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));
  g_return_if_fail (store == NULL || NAWAT_IS_STORE (store));
  g_return_if_fail (rubric == NULL || NAWAT_IS_RUBRIC (rubric));
  g_return_if_fail (call == NULL || NAWAT_IS_CALL (call));
  g_return_if_fail (project == NULL || NAWAT_IS_PROJECT (project));
  g_return_if_fail (evaluation == NULL || NAWAT_IS_EVALUATION (evaluation));
  g_return_if_fail (evaluation == NULL ||
                    (store != NULL && rubric != NULL && call != NULL && project != NULL));

  /* Nothing typed for the previous project is lost: it is saved on the
   * store's thread, before whatever is asked of the store after it.
   */
  _nawat_score_form_save_async (self, NULL);
  self->edits++;
  _nawat_score_form_set_saving (self, FALSE);
  g_clear_error (&self->save_error);

  g_set_object (&self->store, store);
  g_set_object (&self->call, call);
  g_set_object (&self->project, project);
  g_set_object (&self->evaluation, evaluation);
  g_clear_object (&self->base);
  g_clear_object (&self->sent);
  self->resend_serial = 0;
  self->clashes = 0;
  /* As the store holds it (or a new one, which holds nothing yet). */
  if (evaluation != NULL)
    self->base = nawat_evaluation_copy (evaluation);
  if (g_set_object (&self->rubric, rubric) || self->criteria == NULL)
    build_criteria (self);

  nawat_score_summary_show_problem (self->summary, NULL);
  gtk_widget_set_visible (self->content, evaluation != NULL);
  /* Without an evaluation (nobody said who scores), the header is read. */
  gtk_widget_set_visible (self->summary_bar, evaluation != NULL);
  _nawat_score_form_update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_DECLARED]);

  /* A new project starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

NawatEvaluation *
_nawat_score_form_get_evaluation (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->evaluation;
}

const char *
nawat_score_form_get_language (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->language;
}

void
nawat_score_form_set_language (NawatScoreForm *self,
                               const char     *language)
{
  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));

  if (language == NULL)
    language = default_language ();

  if (!nawat_set_str (&self->language, language))
    return;

  build_criteria (self);
  _nawat_score_form_update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

double
_nawat_score_form_get_completeness (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), 0);

  return self->completeness;
}

double
_nawat_score_form_get_composite (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), -1);

  return self->composite;
}

const char *
_nawat_score_form_get_composite_text (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->composite_text;
}

/* The widget */

static void
nawat_score_form_root (GtkWidget *widget)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);

  GTK_WIDGET_CLASS (nawat_score_form_parent_class)->root (widget);

  g_signal_connect_object (gtk_widget_get_root (widget), "notify::focus-widget",
                           G_CALLBACK (on_focus_widget_cb), self, G_CONNECT_SWAPPED);
}

static void
nawat_score_form_unroot (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_root (widget), on_focus_widget_cb, widget);

  GTK_WIDGET_CLASS (nawat_score_form_parent_class)->unroot (widget);
}

static void
nawat_score_form_dispose (GObject *object)
{
  NawatScoreForm *self = (NawatScoreForm *) object;
  GtkWidget *child;

  /* The last edit is saved even when the window goes away without flush,
   * here and now, in this thread: the form goes away when its window
   * closes, and the process may end right after, before a save on the
   * store's thread would be made.
   */
  _nawat_score_form_save_now (self, NULL);
  self->edits++;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->deadline_source, g_source_remove);
  g_clear_object (&self->pending);
  if (self->conflict_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->conflict_dialog)));
  self->keep_in_view = NULL;
  if (self->keep_in_view_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->keep_in_view_tick);
  self->keep_in_view_tick = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_SCORE_FORM);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_object (&self->evaluation);
  g_clear_object (&self->base);
  g_clear_object (&self->sent);
  g_clear_object (&self->call);
  g_clear_object (&self->project);
  g_clear_object (&self->rubric);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_score_form_parent_class)->dispose (object);
}

static void
nawat_score_form_finalize (GObject *object)
{
  NawatScoreForm *self = (NawatScoreForm *) object;

  g_clear_error (&self->save_error);
  g_clear_error (&self->read_only);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->composite_text, g_free);

  G_OBJECT_CLASS (nawat_score_form_parent_class)->finalize (object);
}

static void
nawat_score_form_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (object);

  switch (prop_id)
    {
    case PROP_COMPLETENESS:
      g_value_set_double (value, self->completeness);
      break;

    case PROP_COMPOSITE:
      g_value_set_double (value, self->composite);
      break;

    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_CONFLICT_DECLARED:
      g_value_set_boolean (value, nawat_score_form_get_conflict_declared (self));
      break;

    case PROP_LOCKED:
      g_value_set_boolean (value, _nawat_score_form_get_locked (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_score_form_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      nawat_score_form_set_language (self, g_value_get_string (value));
      break;

    case PROP_CONFLICT_DECLARED:
      nawat_score_form_set_conflict_declared (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_digit_bindings (GtkWidgetClass *widget_class)
{
  for (int digit = 0; digit <= 9; digit++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + digit, 0,
                                           "score.set-level", "i", digit);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + digit, 0,
                                           "score.set-level", "i", digit);
    }
}

static void
nawat_score_form_class_init (NawatScoreFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_score_form_dispose;
  object_class->finalize = nawat_score_form_finalize;
  object_class->get_property = nawat_score_form_get_property;
  object_class->set_property = nawat_score_form_set_property;
  widget_class->root = nawat_score_form_root;
  widget_class->unroot = nawat_score_form_unroot;

  properties[PROP_COMPLETENESS] =
    g_param_spec_double ("completeness", NULL, NULL, 0, 100, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPOSITE] =
    g_param_spec_double ("composite", NULL, NULL, -1, 100, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONFLICT_DECLARED] =
    g_param_spec_boolean ("conflict-declared", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCKED] =
    g_param_spec_boolean ("locked", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * NawatScoreForm::saved:
   *
   * The evaluation was written to the store.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * NawatScoreForm::submitted:
   *
   * The evaluation was submitted and stored.
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "score.set-level", "i", score_set_level_action);
  gtk_widget_class_install_action (widget_class, "score.clear-level", NULL, score_clear_level_action);
  gtk_widget_class_install_action (widget_class, "score.next-criterion", NULL, score_next_criterion_action);
  gtk_widget_class_install_action (widget_class, "score.previous-criterion", NULL,
                                   score_previous_criterion_action);
  gtk_widget_class_install_action (widget_class, "score.next-level", NULL, score_next_level_action);
  gtk_widget_class_install_action (widget_class, "score.previous-level", NULL, score_previous_level_action);
  gtk_widget_class_install_action (widget_class, "score.submit", NULL,
                                   _nawat_score_form_submit_action);
  gtk_widget_class_install_action (widget_class, "score.reopen", NULL,
                                   _nawat_score_form_reopen_action);
  gtk_widget_class_install_property_action (widget_class, "score.conflict", "conflict-declared");
  gtk_widget_class_install_action (widget_class, "score.no-conflict", NULL,
                                   _nawat_score_form_no_conflict_action);
  gtk_widget_class_install_action (widget_class, "score.declare-conflict", NULL,
                                   _nawat_score_form_declare_conflict_action);

  add_digit_bindings (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "score.clear-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "score.clear-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "score.clear-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "score.next-criterion", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "score.next-criterion", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "score.previous-criterion", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "score.next-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "score.next-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "score.previous-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "score.previous-level", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "score.previous-criterion", NULL);

  g_type_ensure (NAWAT_TYPE_SCORE_SUMMARY);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nawat/Nawat/ui/scoring/nawat-score-form.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, summary_bar);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, summary);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, scroller);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, clamp);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, header);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, content);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, overall_group);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, overall_view);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, recommendation_row);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, confidence_group);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, confidence_box);
  gtk_widget_class_bind_template_child_full (widget_class, "confidence_low", FALSE,
                                             G_STRUCT_OFFSET (NawatScoreForm, confidence_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "confidence_medium", FALSE,
                                             G_STRUCT_OFFSET (NawatScoreForm, confidence_buttons[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "confidence_high", FALSE,
                                             G_STRUCT_OFFSET (NawatScoreForm, confidence_buttons[2]));
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, conflict_switch);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, conflict_note);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, conflict_type_row);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, conflict_question);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, no_conflict_button);
  gtk_widget_class_bind_template_child (widget_class, NawatScoreForm, declare_conflict_button);
  gtk_widget_class_bind_template_callback (widget_class, on_recommendation_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_confidence_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_conflict_note_changed_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scoreform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nawat_score_form_init (NawatScoreForm *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  GtkTextBuffer *buffer;

  self->language = g_strdup (default_language ());
  self->composite = -1;
  self->composite_text = g_strdup ("—");

  gtk_widget_init_template (GTK_WIDGET (self));
  nawat_accessible_name_buttons_by_labels (GTK_WIDGET (self));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->overall_view));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_overall_changed_cb), self, 0);

  for (NawatRecommendation r = NAWAT_RECOMMENDATION_NONE; r <= NAWAT_RECOMMENDATION_REJECT; r++)
    gtk_string_list_append (choices, nawat_vocabulary_recommendation (r, NULL));
  adw_combo_row_set_model (ADW_COMBO_ROW (self->recommendation_row), G_LIST_MODEL (choices));
  {
    /* By NawatConflictType, HotCRP's kinds of conflict */
    g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

    for (NawatConflictType t = NAWAT_CONFLICT_TYPE_NONE; t < NAWAT_N_CONFLICT_TYPES; t++)
      gtk_string_list_append (types, nawat_vocabulary_conflict_type (t, NULL));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->conflict_type_row), G_LIST_MODEL (types));
  }

  /* The form scrolls to the focus itself (on_focus_widget_cb), so that a
   * criterion's whole card is shown.
   */
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller))),
                                    FALSE);
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)),
                           "changed", G_CALLBACK (on_view_changed_cb), self, G_CONNECT_SWAPPED);

  self->was_locked = TRUE;
  build_criteria (self);
  _nawat_score_form_update_all (self);
}

NawatScoreForm *
nawat_score_form_new (void)
{
  return g_object_new (NAWAT_TYPE_SCORE_FORM, NULL);
}

/**
 * nawat_score_form_set_header:
 * @header: (nullable): a widget, e.g. the project's facts
 *
 * Shows @header above the criteria, scrolling with them under the summary,
 * so that the form and what is scored are read in one view.
 */
void
nawat_score_form_set_header (NawatScoreForm *self,
                             GtkWidget      *header)
{
  GtkWidget *child;

  g_return_if_fail (NAWAT_IS_SCORE_FORM (self));
  g_return_if_fail (header == NULL || GTK_IS_WIDGET (header));

  while ((child = gtk_widget_get_first_child (self->header)) != NULL)
    gtk_box_remove (GTK_BOX (self->header), child);

  if (header != NULL)
    gtk_box_append (GTK_BOX (self->header), header);
  gtk_widget_set_visible (self->header, header != NULL);
}

gboolean
nawat_score_form_get_editable (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return self->evaluation != NULL && _nawat_score_form_can_change (self);
}

gboolean
nawat_score_form_append_comment (NawatScoreForm *self,
                                 const char     *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!nawat_score_form_get_editable (self))
    return FALSE;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->overall_view));
  quoted = g_strstrip (g_strdup (text));
  gtk_text_buffer_get_end_iter (buffer, &end);
  /* The buffer's "changed" stores it and starts the autosave. */
  gtk_text_buffer_begin_user_action (buffer);
  if (gtk_text_buffer_get_char_count (buffer) > 0 && gtk_text_iter_get_line_offset (&end) > 0)
    gtk_text_buffer_insert (buffer, &end, "\n", -1);
  gtk_text_buffer_insert (buffer, &end, quoted, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_view_scroll_mark_onscreen (GTK_TEXT_VIEW (self->overall_view),
                                      gtk_text_buffer_get_insert (buffer));
  return TRUE;
}
