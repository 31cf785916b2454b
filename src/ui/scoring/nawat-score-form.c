/* nawat-score-form.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-round.h"
#include "nawat-score-form.h"
#include "nawat-merge.h"
#include "nawat-scoring.h"
#include "nawat-vocabulary.h"

/* How long after the last change the evaluation is saved. */
#define SAVE_DELAY_MS 500

/* One criterion of the rubric as shown: a card with a toggle button per
 * level, the chosen level's descriptor and an expandable comment.
 */
typedef struct
{
  char           *key;        /* "<group>.<criterion>" */
  char           *label;      /* in the form's language */
  NawatCriterion *criterion;
  GtkWidget      *card;
  GtkWidget      *levels;     /* the box of level buttons */
  GtkWidget      *descriptor;
  GtkWidget      *expander;
  GtkWidget      *comment;
  GPtrArray      *buttons;    /* GtkToggleButton, in level order */
} CriterionView;

struct _NawatScoreForm
{
  GtkWidget        parent_instance;

  NawatStore      *store;
  NawatRubric     *rubric;
  NawatCall       *call;
  NawatProject    *project;
  NawatEvaluation *evaluation;
  /* The version the store held when the edits in the form began (the
   * last one it stored for the form): a save stores only the changes from
   * it, so that what another process or a sync stored meanwhile stays.
   */
  NawatEvaluation *base;
  char            *language;
  /* Why the round's rules keep the evaluation from changing, as last shown */
  GError          *read_only;

  GPtrArray       *criteria;  /* CriterionView */
  GHashTable      *by_key;    /* key → CriterionView, borrowed */

  GtkWidget       *toplevel;
  GtkWidget       *summary_bar;
  GtkWidget       *completeness_bar;
  GtkWidget       *completeness_label;
  GtkWidget       *composite_label;
  GtkWidget       *state_label;
  GtkWidget       *evaluator_label;
  GtkWidget       *submit_button;
  GtkWidget       *reopen_button;
  GtkWidget       *notice;
  GtkWidget       *problem_revealer;
  GtkWidget       *problem_label;
  GtkWidget       *scroller;
  GtkWidget       *header;    /* the caller's widget above the criteria */
  GtkWidget       *content;   /* the groups and the overall section */
  GtkWidget       *clamp;     /* the scrolled child */
  GtkWidget       *overall_view;
  GtkWidget       *recommendation_row;
  GtkWidget       *conflict_switch;
  GtkWidget       *conflict_note;
  GtkWidget       *overall_group;

  GError          *save_error;
  char            *composite_text;
  double           completeness;
  double           composite;
  guint            save_source;
  guint            deadline_source;  /* shows the evaluator's deadline passing */
  guint            edits;     /* changes so far: tells a save's outcome current */
  guint            clashes;   /* fields the last save found changed elsewhere too */
  guint            save_serial;     /* saves asked for */
  guint            adopted_serial;  /* the last of them whose outcome the form took */
  gboolean         saving;
  gboolean         syncing;   /* the widgets are being set from the model */
  gboolean         was_locked;
};

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

static void     update_all   (NawatScoreForm  *self);
static gboolean check_reopen (NawatScoreForm  *self,
                              GError         **error);
static char    *missing_text (NawatScoreForm  *self,
                              GStrv            missing);

static void
criterion_view_free (CriterionView *view)
{
  g_clear_pointer (&view->key, g_free);
  g_clear_pointer (&view->label, g_free);
  g_clear_object (&view->criterion);
  g_clear_pointer (&view->buttons, g_ptr_array_unref);
  g_free (view);
}

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

/* The round's rules (nawat_round_check_editable ()), at this moment:
 * whether the evaluator may change the evaluation, else why not.
 */
static gboolean
check_editable (NawatScoreForm  *self,
                GError         **error)
{
  if (self->evaluation == NULL)
    {
      g_set_error_literal (error, NAWAT_SCORE_FORM_ERROR, NAWAT_SCORE_FORM_ERROR_LOCKED,
                           _("There is no evaluation to change"));
      return FALSE;
    }

  return nawat_round_check_editable (self->call, self->project, self->evaluation,
                                     nawat_evaluation_get_evaluator (self->evaluation),
                                     NULL, error);
}

gboolean
nawat_score_form_get_locked (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), TRUE);

  return !check_editable (self, NULL) ||
         nawat_evaluation_get_conflict_declared (self->evaluation);
}

const GError *
nawat_score_form_get_read_only_reason (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->read_only;
}

/* Saving */

static void
set_saving (NawatScoreForm *self,
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
  GtkWidget *label = self->state_label;

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "warning");

  /* Nothing to save in a form the rules keep from changing. */
  if (self->evaluation == NULL ||
      (self->read_only != NULL &&
       !g_error_matches (self->read_only, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED)))
    gtk_label_set_text (GTK_LABEL (label), "");
  else if (self->save_error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Not saved: %s"), self->save_error->message);

      gtk_label_set_text (GTK_LABEL (label), text);
      gtk_widget_add_css_class (label, "error");
    }
  else if (self->saving)
    gtk_label_set_text (GTK_LABEL (label), _("Saving…"));
  else if (self->clashes > 0)
    {
      gtk_label_set_text (GTK_LABEL (label),
                          _("Saved; another program had changed the same fields, your values were kept"));
      gtk_widget_add_css_class (label, "warning");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (label), _("Saved"));
      gtk_widget_add_css_class (label, "success");
    }
}

/* Shows the outcome of a save of the evaluation as it is. */
static void
show_saved (NawatScoreForm *self,
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

  set_saving (self, FALSE);
  update_state_label (self);
  g_signal_emit (self, signals[SAVED], 0);
}

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

static gboolean
save_now (NawatScoreForm  *self,
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
  saved = nawat_store_save_changes (self->store, self->base, sent, &self->clashes, &local_error);
  if (saved != NULL)
    adopt_saved (self, ++self->save_serial, sent, saved);
  show_saved (self, local_error);
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
} SaveTicket;

static void
save_ticket_free (SaveTicket *ticket)
{
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
  if (saved != NULL && ticket->evaluation == self->evaluation)
    {
      if (ticket->serial > self->adopted_serial)
        self->clashes = clashes;
      if (adopt_saved (self, ticket->serial, ticket->sent, saved))
        update_all (self);
    }

  /* A later change, a save made at once or another evaluation tells its
   * own outcome.
   */
  if (ticket->edits == self->edits && self->saving)
    show_saved (self, error);

  save_ticket_free (ticket);
}

/* The autosave, made on the store's thread: the form never waits for a
 * store busy with a pull.
 */
static gboolean
save_timeout_cb (gpointer user_data)
{
  NawatScoreForm *self = user_data;
  SaveTicket *ticket;

  self->save_source = 0;
  if (!self->saving || self->store == NULL || self->evaluation == NULL)
    return G_SOURCE_REMOVE;

  nawat_evaluation_touch (self->evaluation);
  ticket = g_new (SaveTicket, 1);
  ticket->self = g_object_ref (self);
  ticket->edits = self->edits;
  ticket->serial = ++self->save_serial;
  ticket->evaluation = g_object_ref (self->evaluation);
  ticket->sent = nawat_evaluation_copy (self->evaluation);
  nawat_store_save_changes_async (self->store, self->base, ticket->sent, autosaved_cb, ticket);

  return G_SOURCE_REMOVE;
}

/* Every change of the evaluation comes through here. */
static void
changed (NawatScoreForm *self)
{
  self->edits++;
  self->clashes = 0;
  set_saving (self, TRUE);
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
  update_all (self);
}

gboolean
nawat_score_form_flush (NawatScoreForm  *self,
                        GError         **error)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!save_now (self, error))
    return FALSE;
  /* With what another writer changed meanwhile. */
  update_all (self);
  return TRUE;
}

/* Showing the state */

static void
update_criterion (NawatScoreForm *self,
                  CriterionView  *view)
{
  gboolean locked = nawat_score_form_get_locked (self);
  const NawatLevel *level = NULL;
  double value;
  const char *comment;

  if (nawat_evaluation_get_score (self->evaluation, view->key, &value))
    level = nawat_criterion_find_level (view->criterion, (int) value);

  self->syncing = TRUE;

  for (guint i = 0; i < view->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (view->buttons, i);
      const NawatLevel *this = g_object_get_data (G_OBJECT (button), "nawat-level");

      gboolean active = level != NULL && this->value == level->value;

      gtk_toggle_button_set_active (button, active);
      /* One tab stop per criterion, on its level (the radio group
       * pattern): the arrows move between the levels.
       */
      gtk_widget_set_focusable (GTK_WIDGET (button), active || (level == NULL && i == 0));
    }

  if (level != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a criterion's chosen level: its number, its name and
       * the descriptor of what it means.
       */
      text = g_strdup_printf (_("%d · %s — %s"), level->value,
                              text_in (self, level->label),
                              text_in (self, level->descriptor));
      gtk_label_set_text (GTK_LABEL (view->descriptor), text);
      gtk_widget_remove_css_class (view->descriptor, "dim-label");
    }
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("Not scored yet: press a digit from %d to %d or choose a level"),
                              nawat_criterion_get_min (view->criterion),
                              nawat_criterion_get_max (view->criterion));
      gtk_label_set_text (GTK_LABEL (view->descriptor), text);
      gtk_widget_add_css_class (view->descriptor, "dim-label");
    }

  comment = nawat_evaluation_get_comment (self->evaluation, view->key);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (view->comment)), comment != NULL ? comment : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (view->comment), comment != NULL ? comment : "");

  self->syncing = FALSE;

  if (comment != NULL && comment[0] != '\0')
    gtk_expander_set_expanded (GTK_EXPANDER (view->expander), TRUE);

  gtk_widget_set_sensitive (view->levels, !locked);
  gtk_widget_set_sensitive (view->comment, !locked);
  /* Locked, the card itself keeps the keyboard moving between criteria. */
  gtk_widget_set_focusable (view->card, locked);
}

static void
update_summary (NawatScoreForm *self)
{
  NawatScore score = { 0, };
  g_autofree char *completeness_text = NULL;
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
  gtk_label_set_text (GTK_LABEL (self->composite_label), self->composite_text);

  /* Translators: the share of required criteria scored, e.g. "60 % complete";
   * the space before % does not break.
   */
  completeness_text = g_strdup_printf (_("%.0f\u00a0%% complete"), completeness);
  gtk_label_set_text (GTK_LABEL (self->completeness_label), completeness_text);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (self->completeness_bar), completeness / 100.0);

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
  g_autofree char *text = NULL;

  if (self->evaluation != NULL)
    /* Translators: %s is the user name of the evaluator whose evaluation
     * the form shows and saves.
     */
    text = g_strdup_printf (_("Scoring as %s"), nawat_evaluation_get_evaluator (self->evaluation));
  gtk_label_set_text (GTK_LABEL (self->evaluator_label), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (self->evaluator_label, text);
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
  g_autofree char *text = NULL;
  const char *style = NULL;

  gtk_widget_remove_css_class (self->notice, "conflict");
  gtk_widget_remove_css_class (self->notice, "submitted");
  gtk_widget_remove_css_class (self->notice, "read-only");

  g_clear_error (&self->read_only);
  if (self->evaluation != NULL)
    check_editable (self, &self->read_only);

  if (self->read_only != NULL &&
      !g_error_matches (self->read_only, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED))
    {
      /* Translators: the form cannot be changed; %s is the reason, as the
       * round's rules give it (not assigned, deadline passed, …).
       */
      text = g_strdup_printf (_("Read-only. %s."), self->read_only->message);
      style = "read-only";
    }
  else if (self->evaluation != NULL && is_submitted (self))
    {
      g_autofree char *deadline = dup_deadline_text (self);

      if (deadline != NULL)
        /* Translators: %s is the evaluator's deadline, e.g. 2026-12-15 10:00 UTC. */
        text = g_strdup_printf (_("Submitted. The evaluation is read-only; you can reopen it as a draft until %s."),
                                deadline);
      else
        text = g_strdup (_("Submitted. The evaluation is read-only; you can reopen it as a draft."));
      style = "submitted";
    }
  else if (self->evaluation != NULL && nawat_evaluation_get_conflict_declared (self->evaluation))
    {
      text = g_strdup (_("Conflict of interest declared: this project is not to be scored by you. "
                         "Its scores, comments and recommendation are locked."));
      style = "conflict";
    }

  if (style != NULL)
    gtk_widget_add_css_class (self->notice, style);
  gtk_label_set_text (GTK_LABEL (self->notice), text != NULL ? text : "");
  gtk_widget_set_visible (self->notice, text != NULL);
}

static void
update_overall (NawatScoreForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->overall_view));
  gboolean locked = nawat_score_form_get_locked (self);
  gboolean editable = check_editable (self, NULL);
  const char *overall = NULL;
  const char *note = NULL;
  g_autofree char *current = NULL;
  GtkTextIter start, end;
  guint position = 0;

  if (self->evaluation != NULL)
    {
      NawatRecommendation recommendation = nawat_evaluation_get_recommendation (self->evaluation);

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

  gtk_switch_set_active (GTK_SWITCH (self->conflict_switch),
                         nawat_score_form_get_conflict_declared (self));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->conflict_note)), note != NULL ? note : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->conflict_note), note != NULL ? note : "");

  self->syncing = FALSE;

  gtk_widget_set_sensitive (self->overall_view, !locked);
  gtk_widget_set_sensitive (self->recommendation_row, !locked);
  /* A declared conflict can be withdrawn while the rules allow changes. */
  gtk_widget_set_sensitive (self->conflict_switch, editable);
  gtk_widget_set_sensitive (self->conflict_note, editable);
}

/* The list of what is missing follows the scores once shown. */
static void
update_missing (NawatScoreForm *self)
{
  g_auto(GStrv) missing = nawat_scoring_dup_missing (self->rubric, self->evaluation);
  g_autofree char *text = NULL;

  if (missing[0] == NULL)
    {
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), FALSE);
      return;
    }

  text = missing_text (self, missing);
  gtk_label_set_text (GTK_LABEL (self->problem_label), text);
}

static gboolean
on_deadline_passed_cb (gpointer user_data)
{
  NawatScoreForm *self = user_data;

  self->deadline_source = 0;
  update_all (self);

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
  gboolean can_reopen = check_reopen (self, &error);

  gtk_widget_set_sensitive (self->reopen_button, can_reopen);
  gtk_widget_set_tooltip_text (self->reopen_button,
                               error != NULL && is_submitted (self) ? error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "score.reopen", can_reopen);
}

static void
update_all (NawatScoreForm *self)
{
  gboolean submitted = is_submitted (self);
  gboolean locked = nawat_score_form_get_locked (self);

  if (self->criteria != NULL && self->evaluation != NULL)
    for (guint i = 0; i < self->criteria->len; i++)
      update_criterion (self, g_ptr_array_index (self->criteria, i));

  update_summary (self);
  update_evaluator (self);
  update_notice (self);
  update_overall (self);
  update_state_label (self);

  gtk_widget_set_visible (self->submit_button, self->evaluation != NULL && !submitted);
  gtk_widget_set_sensitive (self->submit_button, !locked);
  gtk_widget_set_visible (self->reopen_button, submitted);
  update_reopen (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "score.submit", self->evaluation != NULL && !locked);
  watch_deadline (self);

  if (locked)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), FALSE);
  else if (gtk_revealer_get_reveal_child (GTK_REVEALER (self->problem_revealer)))
    update_missing (self);

  if (locked != self->was_locked)
    {
      self->was_locked = locked;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCKED]);
    }
}

/* The criteria */

static CriterionView *
view_for_widget (NawatScoreForm *self,
                 GtkWidget      *widget)
{
  for (; widget != NULL && widget != GTK_WIDGET (self); widget = gtk_widget_get_parent (widget))
    {
      CriterionView *view = g_object_get_data (G_OBJECT (widget), "nawat-criterion-view");

      if (view != NULL)
        return view;
    }

  return NULL;
}

static CriterionView *
current_view (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus;

  if (root == NULL || self->criteria == NULL)
    return NULL;

  focus = gtk_root_get_focus (root);
  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  return view_for_widget (self, focus);
}

const char *
nawat_score_form_get_current_criterion (NawatScoreForm *self)
{
  CriterionView *view;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  view = current_view (self);

  return view != NULL ? view->key : NULL;
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
focus_view (NawatScoreForm *self,
            CriterionView  *view)
{
  GtkWidget *target = NULL;
  gboolean focused;

  for (guint i = 0; i < view->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (view->buttons, i);

      if (target == NULL || gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
        target = button;
    }

  focused = target != NULL && gtk_widget_grab_focus (target);
  /* Locked: the card itself takes the focus so the keys still move. */
  if (!focused)
    focused = gtk_widget_grab_focus (view->card);

  /* The whole card, not only the focused button, comes into view. */
  scroll_to_widget (self, view->card);

  return focused;
}

static void
on_focus_widget_cb (NawatScoreForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  CriterionView *view;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->clamp))
    return;

  view = view_for_widget (self, focus);
  scroll_to_widget (self, view != NULL ? view->card : focus);
}

gboolean
nawat_score_form_focus_criterion (NawatScoreForm *self,
                                  const char     *key)
{
  CriterionView *view;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  if (key == NULL)
    view = self->criteria != NULL && self->criteria->len > 0 ? g_ptr_array_index (self->criteria, 0) : NULL;
  else if (self->by_key != NULL)
    view = g_hash_table_lookup (self->by_key, key);
  else
    view = NULL;

  if (view == NULL)
    return FALSE;

  return focus_view (self, view);
}

static gboolean
set_level (NawatScoreForm *self,
           CriterionView  *view,
           int             value)
{
  double old;

  if (nawat_score_form_get_locked (self) ||
      nawat_criterion_find_level (view->criterion, value) == NULL)
    return FALSE;

  if (nawat_evaluation_get_score (self->evaluation, view->key, &old) && old == value)
    return TRUE;

  nawat_evaluation_set_score (self->evaluation, view->key, value);
  changed (self);

  return TRUE;
}

static void
on_level_toggled_cb (GtkToggleButton *button,
                     NawatScoreForm  *self)
{
  CriterionView *view = view_for_widget (self, GTK_WIDGET (button));
  const NawatLevel *level = g_object_get_data (G_OBJECT (button), "nawat-level");

  if (self->syncing || view == NULL || nawat_score_form_get_locked (self))
    return;

  if (gtk_toggle_button_get_active (button))
    set_level (self, view, level->value);
  else
    {
      /* Clicking the chosen level again clears the score. */
      nawat_evaluation_clear_score (self->evaluation, view->key);
      changed (self);
    }
}

static void
on_comment_changed_cb (GtkEditable    *editable,
                       NawatScoreForm *self)
{
  CriterionView *view = view_for_widget (self, GTK_WIDGET (editable));

  if (self->syncing || view == NULL || self->evaluation == NULL)
    return;

  nawat_evaluation_set_comment (self->evaluation, view->key, gtk_editable_get_text (editable));
  changed (self);
}

static GtkWidget *
level_button_new (NawatScoreForm   *self,
                  CriterionView    *view,
                  const NawatLevel *level)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *number = g_strdup_printf ("%d", level->value);
  g_autofree char *accessible = NULL;
  g_autofree char *name = g_strdup_printf ("level:%s:%d", view->key, level->value);
  GtkWidget *value_label = gtk_label_new (number);
  GtkWidget *label = gtk_label_new (text_in (self, level->label));

  gtk_widget_add_css_class (value_label, "score-level-value");
  gtk_widget_add_css_class (label, "score-level-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "score-level");
  gtk_widget_set_tooltip_text (button, text_in (self, level->descriptor));
  g_object_set_data (G_OBJECT (button), "nawat-level", (gpointer) level);

  /* Translators: the accessible name of a level button: the criterion,
   * the level's number and its name, e.g. "Health: 3, Substantial".
   */
  accessible = g_strdup_printf (_("%s: %d, %s"), view->label, level->value,
                                text_in (self, level->label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text_in (self, level->descriptor),
                                  -1);

  g_signal_connect_object (button, "toggled", G_CALLBACK (on_level_toggled_cb), self, 0);

  return button;
}

static GtkWidget *
criterion_card_new (NawatScoreForm *self,
                    CriterionView  *view)
{
  GPtrArray *levels = nawat_criterion_get_levels (view->criterion);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (view->label);
  g_autofree char *scale_text = NULL;
  g_autofree char *comment_label = NULL;
  g_autofree char *comment_name = g_strdup_printf ("comment:%s", view->key);
  g_autofree char *expander_name = g_strdup_printf ("expander:%s", view->key);
  GtkWidget *scale;

  view->card = card;
  g_object_set_data (G_OBJECT (card), "nawat-criterion-view", view);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "score-criterion");
  gtk_widget_set_name (card, view->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, view->label, -1);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);

  /* Translators: a criterion's scale, e.g. "0–4"; %s after it: "required". */
  scale_text = g_strdup_printf (_("%d–%d"),
                                nawat_criterion_get_min (view->criterion),
                                nawat_criterion_get_max (view->criterion));
  if (!nawat_criterion_get_required (view->criterion))
    {
      char *optional = g_strdup_printf (_("%s, optional"), scale_text);

      g_free (scale_text);
      scale_text = optional;
    }
  scale = gtk_label_new (scale_text);
  gtk_widget_add_css_class (scale, "dim-label");
  gtk_widget_add_css_class (scale, "numeric");
  gtk_widget_set_valign (scale, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), scale);
  gtk_box_append (GTK_BOX (card), header);

  view->levels = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (view->levels), TRUE);
  view->buttons = g_ptr_array_new ();
  for (guint i = 0; i < levels->len; i++)
    {
      GtkWidget *button = level_button_new (self, view, g_ptr_array_index (levels, i));

      g_ptr_array_add (view->buttons, button);
      gtk_box_append (GTK_BOX (view->levels), button);
    }
  gtk_box_append (GTK_BOX (card), view->levels);

  view->descriptor = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (view->descriptor), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (view->descriptor), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (view->descriptor), 0);
  gtk_widget_add_css_class (view->descriptor, "score-descriptor");
  gtk_box_append (GTK_BOX (card), view->descriptor);

  view->comment = gtk_entry_new ();
  gtk_widget_set_name (view->comment, comment_name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (view->comment), _("Why this level? (optional)"));
  /* Translators: the accessible name of a criterion's comment entry. */
  comment_label = g_strdup_printf (_("Comment on %s"), view->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view->comment),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label, -1);
  g_signal_connect_object (view->comment, "changed", G_CALLBACK (on_comment_changed_cb), self, 0);

  view->expander = gtk_expander_new (_("Comment"));
  gtk_widget_set_name (view->expander, expander_name);
  gtk_expander_set_child (GTK_EXPANDER (view->expander), view->comment);
  gtk_widget_set_margin_top (view->comment, 6);
  gtk_box_append (GTK_BOX (card), view->expander);

  return card;
}

/* Actions and keys */

static void
score_set_level_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);
  CriterionView *view = current_view (self);
  int value = g_variant_get_int32 (parameter);

  if (view == NULL || !set_level (self, view, value))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  /* The focus follows the chosen level, within the same criterion. */
  focus_view (self, view);
}

static void
score_clear_level_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  NawatScoreForm *self = NAWAT_SCORE_FORM (widget);
  CriterionView *view = current_view (self);

  if (view == NULL || nawat_score_form_get_locked (self))
    {
      gtk_widget_error_bell (widget);
      return;
    }

  if (nawat_evaluation_get_score (self->evaluation, view->key, NULL))
    {
      nawat_evaluation_clear_score (self->evaluation, view->key);
      changed (self);
      focus_view (self, view);
    }
}

/* Left and Right choose the previous or next level of the criterion. */
static void
step_level (NawatScoreForm   *self,
            int               delta,
            GtkDirectionType  direction)
{
  CriterionView *view = current_view (self);
  GPtrArray *levels;
  const NawatLevel *level;
  double value;
  int index = -1;

  if (view == NULL)
    {
      /* Elsewhere the arrows move the focus as usual. */
      if (!gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self))), direction))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  levels = nawat_criterion_get_levels (view->criterion);
  if (levels->len == 0 || nawat_score_form_get_locked (self))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (nawat_evaluation_get_score (self->evaluation, view->key, &value))
    for (guint i = 0; i < levels->len; i++)
      if (((const NawatLevel *) g_ptr_array_index (levels, i))->value == (int) value)
        index = (int) i;

  if (index < 0)
    index = delta > 0 ? 0 : (int) levels->len - 1;
  else if (index + delta >= 0 && index + delta < (int) levels->len)
    index += delta;
  else
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  level = g_ptr_array_index (levels, index);
  set_level (self, view, level->value);
  focus_view (self, view);
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
  CriterionView *view = current_view (self);
  guint index = 0;
  int next;

  if (self->criteria == NULL || self->criteria->len == 0)
    return;

  if (view == NULL)
    next = delta > 0 ? 0 : (int) self->criteria->len - 1;
  else
    {
      g_ptr_array_find (self->criteria, view, &index);
      next = (int) index + delta;
    }

  if (next < 0 || next >= (int) self->criteria->len)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  focus_view (self, g_ptr_array_index (self->criteria, next));
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

static void
score_submit_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  nawat_score_form_submit (NAWAT_SCORE_FORM (widget), NULL);
}

static void
score_reopen_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;

  if (!nawat_score_form_reopen (NAWAT_SCORE_FORM (widget), &error))
    gtk_widget_error_bell (widget);
}

/* Submit and reopen */

static char *
missing_text (NawatScoreForm *self,
              GStrv           missing)
{
  g_autoptr(GString) text = g_string_new (NULL);
  NawatRubricGroup *last_group = NULL;
  guint n = g_strv_length (missing);

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
      NawatCriterion *criterion = nawat_rubric_find_criterion (self->rubric, missing[i], &group);

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
                                text_in (self, nawat_rubric_group_get_label (group)),
                                text_in (self, nawat_criterion_get_label (criterion)));
      else
        g_string_append_printf (text, ", %s", text_in (self, nawat_criterion_get_label (criterion)));
      last_group = group;
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
nawat_score_form_submit (NawatScoreForm  *self,
                         GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) missing = NULL;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_editable (self, error))
    return FALSE;

  missing = nawat_scoring_dup_missing (self->rubric, self->evaluation);
  if (!nawat_evaluation_get_conflict_declared (self->evaluation) && missing[0] != NULL)
    {
      g_autofree char *text = missing_text (self, missing);

      gtk_label_set_text (GTK_LABEL (self->problem_label), text);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), TRUE);
      nawat_score_form_focus_criterion (self, missing[0]);
      g_set_error_literal (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_INCOMPLETE, text);
      return FALSE;
    }

  if (!nawat_scoring_submit (self->rubric, self->evaluation, &local_error))
    {
      gtk_label_set_text (GTK_LABEL (self->problem_label), local_error->message);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  set_saving (self, TRUE);
  if (!save_now (self, &local_error))
    {
      /* Not stored: it stays a draft, and the reason is shown. */
      nawat_evaluation_set_status (self->evaluation, NAWAT_EVALUATION_DRAFT);
      gtk_label_set_text (GTK_LABEL (self->problem_label), local_error->message);
      gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), TRUE);
      update_all (self);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), FALSE);
  update_all (self);
  g_signal_emit (self, signals[SUBMITTED], 0);

  return TRUE;
}

/* Rule 4: the evaluator may send their submitted evaluation back to
 * draft before their deadline.
 */
static gboolean
check_reopen (NawatScoreForm  *self,
              GError         **error)
{
  if (self->evaluation == NULL)
    {
      g_set_error_literal (error, NAWAT_SCORE_FORM_ERROR, NAWAT_SCORE_FORM_ERROR_LOCKED,
                           _("There is no evaluation to change"));
      return FALSE;
    }

  return nawat_round_check_reopen (self->call, self->evaluation,
                                   nawat_evaluation_get_evaluator (self->evaluation), FALSE,
                                   NULL, error);
}

gboolean
nawat_score_form_can_reopen (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return check_reopen (self, NULL);
}

gboolean
nawat_score_form_reopen (NawatScoreForm  *self,
                         GError         **error)
{
  g_autoptr(NawatEvaluation) before = NULL;

  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_reopen (self, error))
    return FALSE;

  /* The reopening is recorded in the document ("reopened": who, when). */
  before = nawat_evaluation_copy (self->evaluation);
  if (!nawat_round_reopen (self->call, self->evaluation,
                           nawat_evaluation_get_evaluator (self->evaluation), FALSE, NULL, error))
    return FALSE;

  set_saving (self, TRUE);
  if (!save_now (self, error))
    {
      /* Not stored: it stays submitted, as it was. */
      g_object_freeze_notify (G_OBJECT (self->evaluation));
      nawat_evaluation_set_status (self->evaluation, NAWAT_EVALUATION_SUBMITTED);
      nawat_evaluation_set_reopened (self->evaluation,
                                     nawat_evaluation_get_reopened_by (before),
                                     nawat_evaluation_get_reopened_at (before));
      nawat_evaluation_set_updated (self->evaluation, nawat_evaluation_get_updated (before));
      g_object_thaw_notify (G_OBJECT (self->evaluation));
      set_saving (self, FALSE);
      update_all (self);
      return FALSE;
    }

  update_all (self);

  return TRUE;
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
  changed (self);
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
  changed (self);
}

static void
on_conflict_active_cb (NawatScoreForm *self)
{
  if (self->syncing)
    return;

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
  changed (self);
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
  if (!check_editable (self, NULL) ||
      nawat_score_form_get_conflict_declared (self) == declared)
    {
      update_all (self);
      return;
    }

  nawat_evaluation_set_conflict (self->evaluation, declared,
                                 nawat_evaluation_get_conflict_note (self->evaluation));
  changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_DECLARED]);
}

static GtkWidget *
overall_group_new (NawatScoreForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *comment_group = adw_preferences_group_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *row;
  GtkStringList *choices;
  GtkTextBuffer *buffer;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (comment_group), _("Overall comment"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Recommendation"));
  gtk_box_append (GTK_BOX (box), comment_group);
  gtk_box_append (GTK_BOX (box), group);

  self->overall_view = gtk_text_view_new ();
  gtk_widget_set_name (self->overall_view, "overall-comment");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->overall_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (self->overall_view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->overall_view), 10);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (self->overall_view), 10);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->overall_view), 12);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (self->overall_view), 12);
  gtk_widget_set_size_request (self->overall_view, -1, 120);
  gtk_widget_add_css_class (self->overall_view, "score-overall");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->overall_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Overall comment"), -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->overall_view));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_overall_changed_cb), self, 0);
  gtk_frame_set_child (GTK_FRAME (frame), self->overall_view);
  gtk_widget_add_css_class (frame, "score-overall-frame");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (comment_group), frame);

  choices = gtk_string_list_new (NULL);
  for (NawatRecommendation r = NAWAT_RECOMMENDATION_NONE; r <= NAWAT_RECOMMENDATION_REJECT; r++)
    gtk_string_list_append (choices, nawat_vocabulary_recommendation (r, NULL));
  row = adw_combo_row_new ();
  self->recommendation_row = row;
  gtk_widget_set_name (row, "recommendation");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Your recommendation"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  g_object_unref (choices);
  g_signal_connect_object (row, "notify::selected",
                           G_CALLBACK (on_recommendation_selected_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Conflict of interest"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Declare it if you are connected to this project: you will not score it"));
  self->conflict_switch = gtk_switch_new ();
  gtk_widget_set_name (self->conflict_switch, "conflict-switch");
  gtk_widget_set_valign (self->conflict_switch, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->conflict_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Declare a conflict of interest"), -1);
  g_signal_connect_object (self->conflict_switch, "notify::active",
                           G_CALLBACK (on_conflict_active_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->conflict_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->conflict_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  self->conflict_note = adw_entry_row_new ();
  gtk_widget_set_name (self->conflict_note, "conflict-note");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->conflict_note),
                                 _("Note on the conflict of interest"));
  g_signal_connect_object (self->conflict_note, "changed",
                           G_CALLBACK (on_conflict_note_changed_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->conflict_note);

  return box;
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

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
}

static void
build_criteria (NawatScoreForm *self)
{
  GListModel *groups;

  clear_criteria (self);

  self->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_view_free);
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
          CriterionView *view = g_new0 (CriterionView, 1);

          view->key = g_strdup_printf ("%s.%s", nawat_rubric_group_get_key (group),
                                       nawat_criterion_get_key (criterion));
          view->label = g_strdup (text_in (self, nawat_criterion_get_label (criterion)));
          view->criterion = g_object_ref (criterion);
          g_ptr_array_add (self->criteria, view);
          g_hash_table_insert (self->by_key, view->key, view);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (section),
                                     criterion_card_new (self, view));
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

  /* Nothing typed for the previous project is lost. */
  save_now (self, NULL);
  self->edits++;
  set_saving (self, FALSE);
  g_clear_error (&self->save_error);

  g_set_object (&self->store, store);
  g_set_object (&self->call, call);
  g_set_object (&self->project, project);
  g_set_object (&self->evaluation, evaluation);
  g_clear_object (&self->base);
  self->clashes = 0;
  /* As the store holds it (or a new one, which holds nothing yet). */
  if (evaluation != NULL)
    self->base = nawat_evaluation_copy (evaluation);
  if (g_set_object (&self->rubric, rubric) || self->criteria == NULL)
    build_criteria (self);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), FALSE);
  gtk_widget_set_visible (self->content, evaluation != NULL);
  /* Without an evaluation (nobody said who scores), the header is read. */
  gtk_widget_set_visible (self->summary_bar, evaluation != NULL);
  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_DECLARED]);

  /* A new project starts at the top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

NawatEvaluation *
nawat_score_form_get_evaluation (NawatScoreForm *self)
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
  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

double
nawat_score_form_get_completeness (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), 0);

  return self->completeness;
}

double
nawat_score_form_get_composite (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), -1);

  return self->composite;
}

const char *
nawat_score_form_get_composite_text (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->composite_text;
}

gboolean
nawat_score_form_get_saving (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), FALSE);

  return self->saving;
}

const GError *
nawat_score_form_get_save_error (NawatScoreForm *self)
{
  g_return_val_if_fail (NAWAT_IS_SCORE_FORM (self), NULL);

  return self->save_error;
}

/* The widget */

static void
on_dismiss_clicked_cb (NawatScoreForm *self)
{
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->problem_revealer), FALSE);
}

static GtkWidget *
summary_new (NawatScoreForm *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *progress = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *composite = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *caption = gtk_label_new (_("Composite"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *problem = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close;

  gtk_widget_add_css_class (box, "score-summary");

  self->completeness_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->completeness_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->completeness_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->completeness_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->completeness_label, "heading");
  gtk_widget_add_css_class (self->completeness_label, "numeric");
  self->completeness_bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->completeness_bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->completeness_bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (self->completeness_bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->completeness_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Completeness"), -1);
  self->state_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->state_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->state_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->state_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (self->state_label, "caption");
  gtk_widget_add_css_class (self->state_label, "score-state");
  gtk_widget_set_name (self->state_label, "save-state");
  gtk_box_append (GTK_BOX (progress), self->completeness_label);
  gtk_box_append (GTK_BOX (progress), self->completeness_bar);
  gtk_box_append (GTK_BOX (progress), self->state_label);
  self->evaluator_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->evaluator_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->evaluator_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->evaluator_label, "caption");
  gtk_widget_add_css_class (self->evaluator_label, "dim-label");
  gtk_widget_set_name (self->evaluator_label, "scoring-as");
  gtk_box_append (GTK_BOX (progress), self->evaluator_label);
  gtk_widget_set_hexpand (progress, TRUE);
  gtk_widget_set_valign (progress, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), progress);

  gtk_widget_add_css_class (caption, "caption-heading");
  gtk_widget_add_css_class (caption, "dim-label");
  self->composite_label = gtk_label_new ("—");
  gtk_widget_add_css_class (self->composite_label, "score-composite");
  gtk_widget_add_css_class (self->composite_label, "numeric");
  gtk_box_append (GTK_BOX (composite), caption);
  gtk_box_append (GTK_BOX (composite), self->composite_label);
  gtk_widget_set_valign (composite, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), composite);

  self->submit_button = gtk_button_new_with_mnemonic (_("_Submit"));
  gtk_widget_set_name (self->submit_button, "submit");
  gtk_widget_add_css_class (self->submit_button, "suggested-action");
  gtk_widget_add_css_class (self->submit_button, "score-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->submit_button), "score.submit");
  self->reopen_button = gtk_button_new_with_mnemonic (_("_Reopen as Draft"));
  gtk_widget_set_name (self->reopen_button, "reopen");
  gtk_widget_add_css_class (self->reopen_button, "score-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reopen_button), "score.reopen");
  gtk_box_append (GTK_BOX (buttons), self->submit_button);
  gtk_box_append (GTK_BOX (buttons), self->reopen_button);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (line), buttons);
  gtk_box_append (GTK_BOX (box), line);

  self->notice = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->notice), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_widget_add_css_class (self->notice, "score-notice");
  gtk_widget_set_name (self->notice, "notice");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (box), self->notice);

  self->problem_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->problem_label, "problem-label");
  gtk_label_set_wrap (GTK_LABEL (self->problem_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->problem_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->problem_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->problem_label), TRUE);
  gtk_widget_set_hexpand (self->problem_label, TRUE);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_add_css_class (close, "circular");
  gtk_widget_set_valign (close, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  g_signal_connect_object (close, "clicked", G_CALLBACK (on_dismiss_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (problem), self->problem_label);
  gtk_box_append (GTK_BOX (problem), close);
  gtk_widget_add_css_class (problem, "score-problem");
  self->problem_revealer = gtk_revealer_new ();
  gtk_widget_set_name (self->problem_revealer, "problem");
  gtk_revealer_set_child (GTK_REVEALER (self->problem_revealer), problem);
  gtk_box_append (GTK_BOX (box), self->problem_revealer);

  return box;
}

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

  /* The last edit is saved even when the window goes away without flush. */
  save_now (self, NULL);
  self->edits++;
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->deadline_source, g_source_remove);

  g_clear_pointer (&self->toplevel, gtk_widget_unparent);
  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->criteria, g_ptr_array_unref);
  g_clear_object (&self->evaluation);
  g_clear_object (&self->base);
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
      g_value_set_boolean (value, nawat_score_form_get_locked (self));
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
  gtk_widget_class_install_action (widget_class, "score.submit", NULL, score_submit_action);
  gtk_widget_class_install_action (widget_class, "score.reopen", NULL, score_reopen_action);
  gtk_widget_class_install_property_action (widget_class, "score.conflict", "conflict-declared");

  add_digit_bindings (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "score.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "score.submit", NULL);
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

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "scoreform");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
nawat_score_form_init (NawatScoreForm *self)
{
  GtkWidget *clamp;
  GtkWidget *page;
  GtkWidget *summary_clamp;

  self->language = g_strdup (default_language ());
  self->composite = -1;
  self->composite_text = g_strdup ("—");

  self->toplevel = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->toplevel, GTK_WIDGET (self));

  summary_clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (summary_clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (summary_clamp), summary_new (self));
  gtk_widget_add_css_class (summary_clamp, "score-summary-bar");
  self->summary_bar = summary_clamp;
  gtk_box_append (GTK_BOX (self->toplevel), summary_clamp);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_add_css_class (self->content, "score-content");
  self->overall_group = overall_group_new (self);
  gtk_box_append (GTK_BOX (self->content), self->overall_group);

  /* Above the criteria, scrolling with them: what the caller shows there */
  self->header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->header, "score-header");
  gtk_widget_set_visible (self->header, FALSE);
  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (page), self->header);
  gtk_box_append (GTK_BOX (page), self->content);

  clamp = adw_clamp_new ();
  self->clamp = clamp;
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  /* The form scrolls to the focus itself (on_focus_widget_cb), so that a
   * criterion's whole card is shown.
   */
  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (self->scroller))),
                                    FALSE);
  gtk_box_append (GTK_BOX (self->toplevel), self->scroller);

  self->was_locked = TRUE;
  build_criteria (self);
  gtk_widget_set_visible (self->content, FALSE);
  update_all (self);
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
