/* test-focus.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-application.h"
#include "nawat-dashboard-private.h"
#include "nawat-ranking-cell.h"
#include "nawat-score-form-private.h"
#include "nawat-store-private.h"
#include "nawat-ui-test.h"

#include <string.h>

/* The evaluator's day with the mouse and the keyboard together: real
 * clicks and keys through the X server (nawat_ui_test_click ()), in the
 * real application on a temporary store holding the demo call, and where
 * the focus is after every one of them.
 */

/* p003 is assigned to somchai and malee, and nobody has scored it. */
#define PROJECT_ID "project:si-2569:p003"

/* The demo rubric's criteria, in the form's order. */
static const char *keys[] = {
  "domains.environment", "domains.food-water-energy", "domains.government-education",
  "domains.finance-welfare", "domains.sustainable-agriculture", "domains.urbanization",
  "domains.health", "domains.tourism-culture", "domains.disaster-management",
  "helix.government", "helix.academia", "helix.private", "helix.civil-society",
  "helix.environment", "merit.innovation", "merit.impact", "merit.feasibility",
  "merit.sustainability", "merit.participation",
};

static GtkWidget *
focus_of (NawatWindow *window)
{
  return gtk_window_get_focus (GTK_WINDOW (window));
}

/* The key of the criterion holding the focus, or NULL. */
static const char *
focused_criterion (NawatWindow *window)
{
  return _nawat_score_form_get_current_criterion (NAWAT_SCORE_FORM (nawat_window_get_score_form (window)));
}

static gboolean
score_of (NawatWindow *window,
          const char  *key,
          double      *value)
{
  return nawat_evaluation_get_score (nawat_window_get_evaluation (window), key, value);
}

static GtkWidget *
find (NawatWindow *window,
      const char  *name)
{
  GtkWidget *widget = nawat_ui_test_find (GTK_WIDGET (window), G_TYPE_INVALID, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Scrolls the form as the mouse's wheel does, until @widget is in view. */
static void
scroll_to (NawatWindow *window,
           GtkWidget   *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller))));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y - 100);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
}

/* A project opened for the first time asks about a conflict of interest
 * before scoring, its first answer focused: Tab reaches the other and
 * back, Return on "No Conflict" lets scoring begin at the first criterion
 * without a score.
 */
static void
answer_no_conflict (NawatWindow *window)
{
  GtkWidget *no_conflict = find (window, "no-conflict");

  g_assert_true (gtk_widget_get_visible (find (window, "conflict-question")));
  g_assert_true (focus_of (window) == no_conflict);
  nawat_ui_test_press (GTK_WIDGET (window), "Tab");
  g_assert_true (focus_of (window) == find (window, "declare-conflict"));
  nawat_ui_test_press (GTK_WIDGET (window), "shift+Tab");
  g_assert_true (focus_of (window) == no_conflict);

  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  g_assert_false (gtk_widget_get_visible (find (window, "conflict-question")));
  g_assert_true (nawat_evaluation_get_conflict_answered (nawat_window_get_evaluation (window)));
  g_assert_nonnull (focused_criterion (window));
  g_assert_false (score_of (window, focused_criterion (window), NULL));
}

/* The hint under a criterion without a score. */
static const char *
hint_of (NawatWindow *window,
         const char  *key)
{
  g_autofree char *name = g_strdup_printf ("descriptor:%s", key);

  return gtk_label_get_text (GTK_LABEL (find (window, name)));
}

/* Somchai, the window focused. */
static void
start_as_somchai (NawatApplication *app,
                  NawatWindow      *window)
{
  nawat_ui_test_set_evaluator (app, window, "somchai");
  nawat_ui_test_focus_window (GTK_WINDOW (window));
}

/* Somchai, the window focused, p003 open, no conflict of interest. */
static void
start_on_project (NawatApplication *app,
                  NawatWindow      *window)
{
  g_autoptr(GError) error = NULL;

  start_as_somchai (app, window);
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  answer_no_conflict (window);
}

/* 1. A level clicked in one criterion, then a digit: the digit scores
 * the criterion clicked, not the one the keyboard was in before.
 */
static void
drive_click_then_digit (NawatApplication *app,
                        NawatWindow      *window,
                        gpointer          user_data)
{
  NawatScoreForm *form = NAWAT_SCORE_FORM (nawat_window_get_score_form (window));
  double value = 0;

  start_on_project (app, window);

  g_assert_true (nawat_score_form_focus_criterion (form, "domains.environment"));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");

  scroll_to (window, find (window, "domains.food-water-energy"));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");
  nawat_ui_test_click (find (window, "level:domains.food-water-energy:2"));
  g_assert_true (score_of (window, "domains.food-water-energy", &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_cmpstr (focused_criterion (window), ==, "domains.food-water-energy");
  g_assert_true (focus_of (window) == find (window, "level:domains.food-water-energy:2"));

  nawat_ui_test_press (GTK_WIDGET (window), "3");
  g_assert_true (score_of (window, "domains.food-water-energy", &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_false (score_of (window, "domains.environment", NULL));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.food-water-energy");
  g_assert_true (focus_of (window) == find (window, "level:domains.food-water-energy:3"));

  /* The chosen level clicked again clears it; the digit still goes there. */
  nawat_ui_test_click (find (window, "level:domains.food-water-energy:3"));
  g_assert_false (score_of (window, "domains.food-water-energy", NULL));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.food-water-energy");
  nawat_ui_test_press (GTK_WIDGET (window), "1");
  g_assert_true (score_of (window, "domains.food-water-energy", &value));
  g_assert_cmpfloat (value, ==, 1);
  g_assert_false (score_of (window, "domains.environment", NULL));
}

static gboolean
shows_other_project (gpointer user_data)
{
  NawatWindow *window = ((gpointer *) user_data)[0];
  NawatProject *before = ((gpointer *) user_data)[1];
  NawatProject *project = nawat_window_get_project (window);

  return project != NULL && project != before;
}

static void
wait_for_other_project (NawatWindow *window)
{
  gpointer wait[2] = { window, nawat_window_get_project (window) };

  nawat_ui_test_wait_until (shows_other_project, wait);
}

static GtkWidget *
find_project_list (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "project-list"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_project_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first criterion of the open project without a score. */
static const char *
first_unscored (NawatWindow *window)
{
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!score_of (window, keys[i], NULL))
      return keys[i];

  return keys[0];
}

/* 2. A project opened by a click, then by Enter in the list: the keys go
 * to its first criterion without a score, not into the search.
 */
static void
drive_open_then_digit (NawatApplication *app,
                       NawatWindow      *window,
                       gpointer          user_data)
{
  GtkWidget *search = nawat_window_get_search_entry (window);
  const char *key;
  double value = 0;

  start_as_somchai (app, window);

  /* Opened as a click on its row opens it, the keyboard in the search. */
  g_assert_true (gtk_widget_grab_focus (search));
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, NULL));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  answer_no_conflict (window);
  key = first_unscored (window);
  g_assert_cmpstr (focused_criterion (window), ==, key);

  nawat_ui_test_press (GTK_WIDGET (window), "2");
  g_assert_true (score_of (window, key, &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_cmpstr (focused_criterion (window), ==, key);

  /* Enter on a row of the list (its "activate"). */
  g_assert_true (gtk_widget_grab_focus (search));
  g_signal_emit_by_name (find_project_list (GTK_WIDGET (window)), "activate", 0);
  wait_for_other_project (window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  /* That row's project may not have been opened before. */
  if (gtk_widget_get_visible (find (window, "conflict-question")))
    answer_no_conflict (window);
  key = first_unscored (window);
  g_assert_cmpstr (focused_criterion (window), ==, key);

  /* That row's project may be submitted already: the digit scores nothing
   * then, but it is not typed into the search either.
   */
  nawat_ui_test_press (GTK_WIDGET (window), "3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  g_assert_cmpstr (focused_criterion (window), ==, key);
}

/* 8. While the conflict of interest question is open, the criteria do
 * not invite a score: their hint says only that they are not scored, and
 * a digit scores nothing.  Answered, the hint says how to score.
 */
static void
drive_question_hint (NawatApplication *app,
                     NawatWindow      *window,
                     gpointer          user_data)
{
  g_autoptr(GError) error = NULL;

  start_as_somchai (app, window);
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (find (window, "conflict-question")));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_cmpstr (hint_of (window, keys[i]), ==, "Not scored");
      g_assert_null (strstr (hint_of (window, keys[i]), "digit"));
    }
  nawat_ui_test_press (GTK_WIDGET (window), "3");
  g_assert_false (score_of (window, keys[0], NULL));
  g_assert_true (gtk_widget_get_visible (find (window, "conflict-question")));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "focus-question-hint.png");

  answer_no_conflict (window);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_nonnull (strstr (hint_of (window, keys[i]), "press a digit"));
}

static NawatScoreForm *
form_of (NawatWindow *window)
{
  return NAWAT_SCORE_FORM (nawat_window_get_score_form (window));
}

static gboolean
asks_to_declare (gpointer user_data)
{
  AdwMessageDialog *dialog = form_of (user_data)->conflict_dialog;

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
stops_asking (gpointer user_data)
{
  return form_of (user_data)->conflict_dialog == NULL;
}

static gboolean
is_stored_declared (gpointer user_data)
{
  NawatWindow *window = user_data;

  return nawat_evaluation_get_conflict_declared (nawat_window_get_evaluation (window)) &&
         !nawat_score_form_get_saving (form_of (window));
}

/* Return on "Declare a Conflict…": the dialog that asks, with the
 * keyboard.
 */
static AdwMessageDialog *
ask_to_declare (NawatWindow *window)
{
  AdwMessageDialog *dialog;

  g_assert_true (focus_of (window) == find (window, "declare-conflict"));
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_until (asks_to_declare, window);
  dialog = form_of (window)->conflict_dialog;
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  nawat_ui_test_focus_window (GTK_WINDOW (dialog));
  /* Declaring is never the default: Return or Escape would change nothing. */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_false (nawat_evaluation_get_conflict_declared (nawat_window_get_evaluation (window)));

  return dialog;
}

/* 9. A conflict declared before any score, by keyboard: a dialog asks
 * (saying nothing is cleared), Escape changes nothing; confirmed, the
 * declaration is stored, the form says so and the focus is on its note.
 */
static void
drive_declare_unscored (NawatApplication *app,
                        NawatWindow      *window,
                        gpointer          user_data)
{
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *focus;

  start_as_somchai (app, window);
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (focus_of (window) == find (window, "no-conflict"));
  nawat_ui_test_press (GTK_WIDGET (window), "Tab");

  /* Escape: nothing declared, the question still open. */
  dialog = ask_to_declare (window);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "cleared"));
  nawat_ui_test_save_screenshot (GTK_WIDGET (dialog), "focus-declare-unscored-dialog.png");
  nawat_ui_test_key_down (GTK_WIDGET (dialog), "Escape");
  nawat_ui_test_wait_until (stops_asking, window);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_key_up (GTK_WIDGET (window), "Escape");
  g_assert_false (nawat_evaluation_get_conflict_declared (nawat_window_get_evaluation (window)));
  g_assert_true (gtk_widget_get_visible (find (window, "conflict-question")));

  /* Tab to "Declare", Return: declared and stored. */
  dialog = ask_to_declare (window);
  nawat_ui_test_press (GTK_WIDGET (dialog), "Tab");
  focus = gtk_window_get_focus (GTK_WINDOW (dialog));
  g_assert_true (GTK_IS_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Declare");
  nawat_ui_test_key_down (GTK_WIDGET (dialog), "Return");
  nawat_ui_test_wait_until (stops_asking, window);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_key_up (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_until (is_stored_declared, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));

  stored = nawat_store_get_evaluation (nawat_window_get_store (window),
                                       "evaluation:si-2569:p003:somchai", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (nawat_evaluation_get_conflict_declared (stored));
  g_assert_true (nawat_evaluation_get_conflict_answered (stored));
  g_assert_false (gtk_widget_get_visible (find (window, "conflict-question")));
  g_assert_true (gtk_widget_get_visible (find (window, "notice")));
  g_assert_true (g_str_has_prefix (nawat_ui_test_label (GTK_WIDGET (window), "notice"),
                                   "Conflict of interest declared"));
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), find (window, "conflict-note")));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "focus-declare-unscored.png");
}

static gboolean
is_saved (gpointer user_data)
{
  return !nawat_score_form_get_saving (form_of (user_data));
}

/* The autosave's timer has fired: its save is on its way to the store. */
static gboolean
autosave_sent (gpointer user_data)
{
  return form_of (user_data)->save_source == 0;
}

/* The score of @key in the store, after every save of the form. */
static gboolean
stored_score (NawatWindow *window,
              const char  *key,
              double      *value)
{
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;

  nawat_ui_test_wait_until (is_saved, window);
  stored = nawat_store_get_evaluation (nawat_window_get_store (window),
                                       "evaluation:si-2569:p003:somchai", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);

  return nawat_evaluation_get_score (stored, key, value);
}

/* 10. A score cleared (Delete, Backspace) while its save is still on its
 * way (the store busy, as with a pull): the save that comes back does not
 * bring the score back, and the store ends with it cleared.
 */
static void
drive_clear_while_saving (NawatApplication *app,
                          NawatWindow      *window,
                          gpointer          user_data)
{
  g_autoptr(GError) error = NULL;
  GMutex *lock;
  double value = 0;

  start_on_project (app, window);
  lock = _nawat_store_get_lock (nawat_window_get_store (window));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");

  /* Saved at once (as before another project opens), then cleared */
  nawat_ui_test_press (GTK_WIDGET (window), "3");
  g_mutex_lock (lock);
  nawat_score_form_flush_async (form_of (window), NULL, NULL, NULL);
  nawat_ui_test_press (GTK_WIDGET (window), "Delete");
  g_assert_false (score_of (window, "domains.environment", NULL));
  g_mutex_unlock (lock);
  g_assert_false (stored_score (window, "domains.environment", NULL));
  g_assert_false (score_of (window, "domains.environment", NULL));

  /* The autosave on its way, then cleared, and the clear's own autosave
   * sent too before the first is stored (a slow store, or a slow
   * machine, where the keys come more than the autosave's delay apart);
   * another criterion scored meanwhile is kept.  The store is held before
   * the score is set: the autosave could otherwise be sent and stored
   * before the test holds it.
   */
  g_mutex_lock (lock);
  nawat_ui_test_press (GTK_WIDGET (window), "2");
  nawat_ui_test_wait_until (autosave_sent, window);
  g_assert_true (nawat_score_form_get_saving (form_of (window)));
  nawat_ui_test_press (GTK_WIDGET (window), "BackSpace");
  nawat_ui_test_wait_until (autosave_sent, window);
  nawat_ui_test_press (GTK_WIDGET (window), "Down");
  nawat_ui_test_press (GTK_WIDGET (window), "4");
  g_mutex_unlock (lock);
  g_assert_false (stored_score (window, "domains.environment", NULL));
  g_assert_true (stored_score (window, "domains.food-water-energy", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_false (score_of (window, "domains.environment", NULL));
  g_assert_true (score_of (window, "domains.food-water-energy", &value));
  g_assert_cmpfloat (value, ==, 4);

  /* Saved at once (as when the window closes) while the autosave is on
   * its way: made after it, the clear is kept.
   */
  g_mutex_lock (lock);
  nawat_ui_test_press (GTK_WIDGET (window), "1");
  nawat_ui_test_wait_until (autosave_sent, window);
  nawat_ui_test_press (GTK_WIDGET (window), "BackSpace");
  g_mutex_unlock (lock);
  g_assert_true (nawat_score_form_flush (form_of (window), &error));
  g_assert_no_error (error);
  g_assert_false (stored_score (window, "domains.food-water-energy", NULL));
  g_assert_false (score_of (window, "domains.food-water-energy", NULL));
}

/* 6. A digit beyond the scale says so, naming the scale. */
static void
drive_digit_beyond_scale (NawatApplication *app,
                          NawatWindow      *window,
                          gpointer          user_data)
{
  start_on_project (app, window);
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");

  nawat_ui_test_press (GTK_WIDGET (window), "7");
  g_assert_false (score_of (window, "domains.environment", NULL));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");
  g_assert_cmpstr (nawat_ui_test_label (GTK_WIDGET (window), "problem-label"), ==,
                   "7 is not on this scale (0–4)");
  g_assert_true (gtk_widget_get_child_visible (find (window, "problem")));
}

static NawatEvaluationStatus
status_of (NawatWindow *window)
{
  return nawat_evaluation_get_status (nawat_window_get_evaluation (window));
}

/* No submission or reopening is being stored: the form showed its
 * outcome (the focus moved) as it ended.
 */
static gboolean
is_settled (NawatWindow *window)
{
  return NAWAT_SCORE_FORM (nawat_window_get_score_form (window))->pending == NULL;
}

static gboolean
is_stored_submitted (gpointer user_data)
{
  NawatWindow *window = user_data;

  return status_of (window) == NAWAT_EVALUATION_SUBMITTED &&
         is_settled (window);
}

/* Every criterion scored 2 from the keyboard, from the first one down. */
static void
score_all (NawatWindow *window)
{
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (nawat_window_get_score_form (window)),
                                                   keys[0]));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_cmpstr (focused_criterion (window), ==, keys[i]);
      nawat_ui_test_press (GTK_WIDGET (window), "2");
      g_assert_true (score_of (window, keys[i], NULL));
      if (i + 1 < G_N_ELEMENTS (keys))
        nawat_ui_test_press (GTK_WIDGET (window), "Down");
    }
}

static char *
dup_text_of (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct
{
  GtkWidget  *view;
  const char *text;
} Pasted;

static gboolean
is_pasted (gpointer user_data)
{
  Pasted *pasted = user_data;
  g_autofree char *text = dup_text_of (pasted->view);

  return strstr (text, pasted->text) != NULL;
}

/* Pastes @text with Ctrl+V into the focused text view, and waits for the
 * clipboard's text to land (GTK reads it asynchronously): xdotool cannot
 * type Thai into GTK (it maps a keysym for the time, which GTK does not
 * pick up).
 */
static void
paste (NawatWindow *window,
       const char  *text)
{
  Pasted pasted = { focus_of (window), text };

  g_assert_true (GTK_IS_TEXT_VIEW (pasted.view));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), text);
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+v");
  nawat_ui_test_wait_until (is_pasted, &pasted);
}

/* 3. Comments hold several lines, Return starting a new one, in Thai
 * too; Ctrl+Return in a comment submits instead.
 */
static void
drive_multiline_comments (NawatApplication *app,
                          NawatWindow      *window,
                          gpointer          user_data)
{
  NawatEvaluation *evaluation;
  GtkWidget *comment;
  GtkWidget *overall;
  g_autofree char *text = NULL;

  start_on_project (app, window);
  score_all (window);

  /* The overall comment, clicked into. */
  overall = find (window, "overall-comment");
  scroll_to (window, overall);
  nawat_ui_test_click (overall);
  g_assert_true (focus_of (window) == overall);
  nawat_ui_test_type (GTK_WIDGET (window), "Fits the call");
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  paste (window, "งบประมาณสมเหตุสมผล");
  g_assert_true (focus_of (window) == overall);
  text = dup_text_of (overall);
  g_assert_cmpstr (text, ==, "Fits the call\nงบประมาณสมเหตุสมผล");
  g_clear_pointer (&text, g_free);

  /* A criterion's comment: its expander, then the text, by mouse. */
  scroll_to (window, find (window, "expander:merit.impact"));
  nawat_ui_test_click (gtk_widget_get_first_child (find (window, "expander:merit.impact")));
  comment = find (window, "comment:merit.impact");
  g_assert_true (gtk_widget_get_mapped (comment));
  nawat_ui_test_save_screenshot (find (window, "merit.impact"), "focus-comment-empty.png");
  nawat_ui_test_click (comment);
  g_assert_true (focus_of (window) == comment);
  g_assert_cmpstr (focused_criterion (window), ==, "merit.impact");
  paste (window, "ชุมชนได้ประโยชน์");
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_type (GTK_WIDGET (window), "two villages");
  g_assert_true (focus_of (window) == comment);
  text = dup_text_of (comment);
  g_assert_cmpstr (text, ==, "ชุมชนได้ประโยชน์\ntwo villages");
  g_assert_cmpint (status_of (window), ==, NAWAT_EVALUATION_DRAFT);

  /* Ctrl+Return submits from inside the comment, adding no line. */
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+Return");
  nawat_ui_test_wait_until (is_stored_submitted, window);
  evaluation = nawat_window_get_evaluation (window);
  g_assert_cmpstr (nawat_evaluation_get_comment (evaluation, "merit.impact"), ==,
                   "ชุมชนได้ประโยชน์\ntwo villages");
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (evaluation), ==,
                   "Fits the call\nงบประมาณสมเหตุสมผล");
  nawat_ui_test_save_screenshots (GTK_WIDGET (window), "focus-multiline-comment");
}

static gboolean
is_stored_draft (gpointer user_data)
{
  NawatWindow *window = user_data;

  return status_of (window) == NAWAT_EVALUATION_DRAFT &&
         is_settled (window);
}

static gboolean
has_focused_criterion (gpointer user_data)
{
  return focused_criterion (user_data) != NULL;
}

/* 4. Submitted with Ctrl+Return, "Reopen as Draft" has the focus (what
 * had it is read-only now); reopened with Return on it, the first
 * criterion, where a digit scores.
 */
static void
drive_submit_then_focus (NawatApplication *app,
                         NawatWindow      *window,
                         gpointer          user_data)
{
  GtkWidget *reopen;
  double value = 0;

  start_on_project (app, window);
  score_all (window);
  g_assert_cmpstr (focused_criterion (window), ==, "merit.participation");

  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+Return");
  nawat_ui_test_wait_until (is_stored_submitted, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  reopen = find (window, "reopen");
  g_assert_true (focus_of (window) == reopen);
  g_assert_true (gtk_widget_has_visible_focus (reopen) || gtk_widget_has_focus (reopen));

  /* Return on it: a draft again, the focus on the form's first criterion. */
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_until (is_stored_draft, window);
  /* The form takes the focus once it shows what the store answered. */
  nawat_ui_test_wait_until (has_focused_criterion, window);
  g_assert_false (gtk_widget_get_visible (reopen));
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");
  nawat_ui_test_press (GTK_WIDGET (window), "4");
  g_assert_true (score_of (window, "domains.environment", &value));
  g_assert_cmpfloat (value, ==, 4);
}

/* 11. Return pressed again right after "Reopen as Draft": once while the
 * reopening is being stored (the store busy), once more when the focus
 * has moved to the first criterion.  Neither reopens, submits or changes
 * a score: the evaluation is a draft with every score as it was.
 */
static void
drive_reopen_then_return (NawatApplication *app,
                          NawatWindow      *window,
                          gpointer          user_data)
{
  GMutex *lock;
  GtkWidget *reopen;
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reopened_at = NULL;
  double value = 0;

  start_on_project (app, window);
  lock = _nawat_store_get_lock (nawat_window_get_store (window));
  score_all (window);
  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+Return");
  nawat_ui_test_wait_until (is_stored_submitted, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  reopen = find (window, "reopen");
  g_assert_true (focus_of (window) == reopen);

  g_mutex_lock (lock);
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  g_assert_nonnull (form_of (window)->pending);
  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  g_mutex_unlock (lock);
  nawat_ui_test_wait_until (is_stored_draft, window);
  nawat_ui_test_wait_until (has_focused_criterion, window);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (focused_criterion (window), ==, keys[0]);
  reopened_at = g_strdup (nawat_evaluation_get_reopened_at (nawat_window_get_evaluation (window)));
  g_assert_nonnull (reopened_at);

  nawat_ui_test_press (GTK_WIDGET (window), "Return");
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpint (status_of (window), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_null (form_of (window)->pending);
  g_assert_cmpstr (nawat_evaluation_get_reopened_at (nawat_window_get_evaluation (window)), ==,
                   reopened_at);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (score_of (window, keys[i], &value));
      g_assert_cmpfloat (value, ==, 2);
    }
  g_assert_cmpstr (focused_criterion (window), ==, keys[0]);

  /* What the store holds */
  nawat_ui_test_wait_until (is_saved, window);
  stored = nawat_store_get_evaluation (nawat_window_get_store (window),
                                       "evaluation:si-2569:p003:somchai", &error);
  g_assert_no_error (error);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_DRAFT);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_true (nawat_evaluation_get_score (stored, keys[i], &value));
      g_assert_cmpfloat (value, ==, 2);
    }
}

/* Whether all of @card is inside the form's scrolled view. */
static gboolean
in_view (GtkWidget *card)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (card, scroller, &bounds));

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller);
}

/* 5. Submit clicked on an incomplete form: the banner opens above the
 * form, pushing it down, and the first criterion without a score is
 * still in view below it, with the focus.
 */
static void
drive_submit_incomplete (NawatApplication *app,
                         NawatWindow      *window,
                         gpointer          user_data)
{
  const char *missing = "merit.sustainability";
  GtkWidget *card;
  GtkWidget *scroller;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;

  start_on_project (app, window);
  score_all (window);
  nawat_ui_test_press (GTK_WIDGET (window), "Up");
  nawat_ui_test_press (GTK_WIDGET (window), "Delete");
  g_assert_cmpstr (focused_criterion (window), ==, missing);
  g_assert_false (score_of (window, missing, NULL));

  /* The wheel brings the card just above the bottom edge of the view. */
  card = find (window, missing);
  scroller = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_assert_true (gtk_widget_compute_bounds (card, gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)))), &bounds));
  gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height + 12 -
                                        gtk_adjustment_get_page_size (adjustment));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (in_view (card));
  g_assert_false (gtk_widget_get_child_visible (find (window, "problem")) &&
                  gtk_revealer_get_reveal_child (GTK_REVEALER (find (window, "problem"))));

  nawat_ui_test_click (find (window, "submit"));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_true (gtk_revealer_get_child_revealed (GTK_REVEALER (find (window, "problem"))));
  g_assert_cmpint (status_of (window), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpstr (focused_criterion (window), ==, missing);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), card));
  g_assert_true (in_view (card));
  nawat_ui_test_save_screenshot (GTK_WIDGET (window), "focus-submit-incomplete.png");

  /* The digit scores it there. */
  nawat_ui_test_press (GTK_WIDGET (window), "3");
  g_assert_true (score_of (window, missing, NULL));
  g_assert_cmpstr (focused_criterion (window), ==, missing);
}

static gboolean
dashboard_is_idle (gpointer user_data)
{
  NawatDashboard *dashboard = user_data;

  return !nawat_dashboard_get_busy (dashboard) &&
         g_strcmp0 (nawat_dashboard_get_page (dashboard), "loading") != 0;
}

static NawatDashboard *
find_dashboard (NawatApplication *app)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (NAWAT_IS_DASHBOARD (l->data))
      return l->data;

  return NULL;
}

static gboolean
dashboard_is_gone (gpointer user_data)
{
  return find_dashboard (user_data) == NULL;
}

/* The first label or ranking cell below @root with the CSS class @css_class. */
static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if ((GTK_IS_LABEL (root) || NAWAT_IS_RANKING_CELL (root)) &&
      gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* 6. The dashboard: a project opened from the ranking with a double
 * click; Escape goes back to the ranking, the focus on that project's
 * row; Escape again closes the dashboard, the main window's focus as it
 * was.
 */
static void
drive_dashboard_escape (NawatApplication *app,
                        NawatWindow      *window,
                        gpointer          user_data)
{
  NawatDashboard *dashboard;
  GtkWidget *before;
  GtkWidget *code;
  GtkWidget *focus;
  g_autofree char *project_code = NULL;

  start_on_project (app, window);
  before = focus_of (window);
  g_assert_nonnull (before);

  nawat_ui_test_press (GTK_WIDGET (window), "ctrl+d");
  dashboard = find_dashboard (app);
  g_assert_nonnull (dashboard);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  nawat_ui_test_focus_window (GTK_WINDOW (dashboard));
  nawat_dashboard_show_ranking (dashboard);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));

  /* A double click on the first row: its project. */
  code = find_with_class (GTK_WIDGET (nawat_dashboard_get_column_view (dashboard)), "project-code");
  g_assert_nonnull (code);
  project_code = g_strdup (nawat_ranking_cell_get_text (NAWAT_RANKING_CELL (code)));
  nawat_ui_test_double_click (code);
  nawat_ui_test_wait_until (dashboard_is_idle, dashboard);
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "project");

  /* Escape: the ranking, the focus on the row of the project. */
  nawat_ui_test_press (GTK_WIDGET (dashboard), "Escape");
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dashboard));
  g_assert_cmpstr (nawat_dashboard_get_page (dashboard), ==, "ranking");
  focus = gtk_window_get_focus (GTK_WINDOW (dashboard));
  g_assert_nonnull (focus);
  code = find_with_class (focus, "project-code");
  g_assert_nonnull (code);
  g_assert_cmpstr (nawat_ranking_cell_get_text (NAWAT_RANKING_CELL (code)), ==, project_code);

  /* Escape again: the dashboard closes; the main window's focus stays. */
  nawat_ui_test_key_down (GTK_WIDGET (dashboard), "Escape");
  nawat_ui_test_wait_until (dashboard_is_gone, app);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_key_up (GTK_WIDGET (window), "Escape");
  g_assert_true (focus_of (window) == before);
}

static gboolean
in_list (NawatWindow *window)
{
  GtkWidget *focus = focus_of (window);

  return focus != NULL && gtk_widget_is_ancestor (focus, find_project_list (GTK_WIDGET (window)));
}

/* 7. From the search to the first criterion with Tab: "Search Documents"
 * and the list are one stop each (the list's rows are for the arrow
 * keys), the project's facts none.
 */
static void
drive_tab_to_form (NawatApplication *app,
                   NawatWindow      *window,
                   gpointer          user_data)
{
  GtkWidget *search = nawat_window_get_search_entry (window);
  guint n_tabs = 0;

  start_on_project (app, window);
  nawat_ui_test_click (search);
  g_assert_true (gtk_widget_is_ancestor (focus_of (window), search));

  /* "Search Documents", under the search; then into the list, on a row;
   * Down moves within it; Tab leaves it.
   */
  nawat_ui_test_press (GTK_WIDGET (window), "Tab");
  n_tabs++;
  g_assert_true (GTK_IS_CHECK_BUTTON (focus_of (window)));
  nawat_ui_test_press (GTK_WIDGET (window), "Tab");
  n_tabs++;
  g_assert_true (in_list (window));
  nawat_ui_test_press (GTK_WIDGET (window), "Down");
  g_assert_true (in_list (window));
  nawat_ui_test_press (GTK_WIDGET (window), "Tab");
  n_tabs++;
  g_assert_false (in_list (window));

  while (focused_criterion (window) == NULL)
    {
      g_assert_cmpuint (n_tabs, <, 60);
      g_assert_false (GTK_IS_LABEL (focus_of (window)));
      nawat_ui_test_press (GTK_WIDGET (window), "Tab");
      n_tabs++;
    }
  g_test_message ("%u Tab presses from the search to the first criterion", n_tabs);
  g_assert_cmpstr (focused_criterion (window), ==, "domains.environment");
  g_assert_cmpuint (n_tabs, <=, 12);

  /* Shift+Tab from the form goes back without stopping on a fact. */
  nawat_ui_test_press (GTK_WIDGET (window), "shift+Tab");
  g_assert_false (GTK_IS_LABEL (focus_of (window)));

  /* A fact is still there for the mouse: a double click selects a word. */
  {
    GtkWidget *title = find (window, "project-title");
    int start = 0, end = 0;

    scroll_to (window, title);
    g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (title), &start, &end));
    nawat_ui_test_double_click (title);
    g_assert_true (gtk_label_get_selection_bounds (GTK_LABEL (title), &start, &end));
    g_assert_cmpint (end, >, start);
  }
}

/* 0. A key sent while the window lacks the keyboard never reaches it:
 * the test fails in bounded time, saying what it waited for, instead of
 * hanging until meson's timeout.
 */
static void
test_unfocused_key_fails (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window = gtk_window_new ();

      /* Never shown, so never given the keyboard. */
      nawat_ui_test_press (window, "a");
      return;
    }

  g_setenv ("NAWAT_UI_TEST_WAIT_LIMIT", "5", TRUE);
  g_test_trap_subprocess (NULL, 90 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("NAWAT_UI_TEST_WAIT_LIMIT");
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*Waited * s for the window to see what \"xdotool key a\" sent*");
}

static void
run (NawatUiTestDriveFunc drive)
{
  nawat_ui_test_run_fresh ("focus", drive, NULL);
}

static void
test_multiline_comments (void)
{
  run (drive_multiline_comments);
}

static void
test_submit_then_focus (void)
{
  run (drive_submit_then_focus);
}

static void
test_submit_incomplete (void)
{
  run (drive_submit_incomplete);
}

static void
test_dashboard_escape (void)
{
  run (drive_dashboard_escape);
}

static void
test_tab_to_form (void)
{
  run (drive_tab_to_form);
}

static void
test_click_then_digit (void)
{
  run (drive_click_then_digit);
}

static void
test_open_then_digit (void)
{
  run (drive_open_then_digit);
}

static void
test_question_hint (void)
{
  run (drive_question_hint);
}

static void
test_declare_unscored (void)
{
  run (drive_declare_unscored);
}

static void
test_clear_while_saving (void)
{
  run (drive_clear_while_saving);
}

static void
test_reopen_then_return (void)
{
  run (drive_reopen_then_return);
}

static void
test_digit_beyond_scale (void)
{
  run (drive_digit_beyond_scale);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/focus/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/focus/unfocused-key-fails", test_unfocused_key_fails);
  g_test_add_func ("/nawat/ui/focus/click-then-digit", test_click_then_digit);
  g_test_add_func ("/nawat/ui/focus/open-then-digit", test_open_then_digit);
  g_test_add_func ("/nawat/ui/focus/digit-beyond-scale", test_digit_beyond_scale);
  g_test_add_func ("/nawat/ui/focus/multiline-comments", test_multiline_comments);
  g_test_add_func ("/nawat/ui/focus/submit-then-focus", test_submit_then_focus);
  g_test_add_func ("/nawat/ui/focus/submit-incomplete", test_submit_incomplete);
  g_test_add_func ("/nawat/ui/focus/dashboard-escape", test_dashboard_escape);
  g_test_add_func ("/nawat/ui/focus/tab-to-form", test_tab_to_form);
  g_test_add_func ("/nawat/ui/focus/question-hint", test_question_hint);
  g_test_add_func ("/nawat/ui/focus/declare-unscored", test_declare_unscored);
  g_test_add_func ("/nawat/ui/focus/clear-while-saving", test_clear_while_saving);
  g_test_add_func ("/nawat/ui/focus/reopen-then-return", test_reopen_then_return);

  return g_test_run ();
}
