/* test-score-form.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "nawat-round.h"
#include "nawat-score-form-private.h"
#include "nawat-scoring.h"
#include "nawat-store.h"
#include "nawat-store-private.h"
#include "nawat-ui-test.h"

/* The scoring form in a real window, on a real store holding the demo
 * call, in a temporary directory.
 */

#define CALL_ID "call:si-2569"
/* A demo project nobody has evaluated. */
#define PROJECT_ID "project:si-2569:p003"
#define EVALUATOR "somchai"

typedef struct
{
  char            *dir;
  char            *path;
  NawatStore      *store;
  NawatRubric     *rubric;
  NawatCall       *call;
  NawatEvaluation *evaluation;
  GtkWidget       *window;
  NawatScoreForm  *form;
  guint            n_saved;
  guint            n_submitted;
} Fixture;

static NawatStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  NawatStore *store = nawat_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

/* A new evaluation whose evaluator said they have no conflict of
 * interest: the question asked before scoring has tests of its own.
 */
static NawatEvaluation *
new_evaluation (const char *project_id,
                const char *evaluator,
                const char *rubric_id)
{
  NawatEvaluation *evaluation = nawat_evaluation_new (project_id, evaluator, rubric_id);

  nawat_evaluation_set_conflict_answered (evaluation);
  return evaluation;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) demo = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint n_imported = 0;

  fixture->dir = g_dir_make_tmp ("nawat-score-form-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = open_store (fixture->path);

  demo = g_resources_lookup_data (RESOURCE_BASE "/demo/demo.json", 0, &error);
  g_assert_no_error (error);
  nawat_store_import_data (fixture->store, g_bytes_get_data (demo, NULL), g_bytes_get_size (demo),
                           &n_imported, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, >, 0);

  fixture->call = nawat_store_get_call (fixture->store, CALL_ID, &error);
  g_assert_no_error (error);
  fixture->rubric = nawat_store_get_rubric (fixture->store, nawat_call_get_rubric (fixture->call), &error);
  g_assert_no_error (error);
  /* Open, whatever today's date: the deadline tests make their own calls. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) deadline = g_date_time_add_days (now, 30);
    g_autofree char *iso = g_date_time_format (deadline, "%Y-%m-%dT%H:%M:%SZ");

    nawat_call_set_deadline (fixture->call, iso);
  }

  /* The project has no evaluation yet: the form starts from a new draft. */
  g_assert_null (nawat_store_get_evaluation (fixture->store, "evaluation:si-2569:p003:" EVALUATOR, NULL));
  fixture->evaluation = new_evaluation (PROJECT_ID, EVALUATOR, nawat_call_get_rubric (fixture->call));
}

static void
close_window (Fixture *fixture)
{
  if (fixture->window == NULL)
    return;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fixture->form = NULL;
  /* Let the destruction finish. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  close_window (fixture);
  g_clear_object (&fixture->evaluation);
  g_clear_object (&fixture->rubric);
  g_clear_object (&fixture->call);
  g_clear_object (&fixture->store);
  nawat_ui_test_remove_dir (fixture->dir);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_pointer (&fixture->dir, g_free);
}

static void
on_saved_cb (NawatScoreForm *form,
             Fixture        *fixture)
{
  fixture->n_saved++;
}

static void
on_submitted_cb (NawatScoreForm *form,
                 Fixture        *fixture)
{
  fixture->n_submitted++;
}

/* The stored project @evaluation is of. */
static NawatProject *
project_of (Fixture         *fixture,
            NawatEvaluation *evaluation)
{
  g_autoptr(GError) error = NULL;
  NawatProject *project;

  project = nawat_store_get_project (fixture->store, nawat_evaluation_get_project (evaluation), &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  return project;
}

/* Shows @evaluation in a form in a window of its own. */
static void
show_form (Fixture         *fixture,
           const char      *language,
           NawatCall       *call,
           NawatEvaluation *evaluation)
{
  g_autoptr(NawatProject) project = project_of (fixture, evaluation);

  close_window (fixture);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 820, 800);
  fixture->form = nawat_score_form_new ();
  nawat_score_form_set_language (fixture->form, language);
  g_signal_connect (fixture->form, "saved", G_CALLBACK (on_saved_cb), fixture);
  g_signal_connect (fixture->form, "submitted", G_CALLBACK (on_submitted_cb), fixture);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->form));
  nawat_score_form_set_evaluation (fixture->form, fixture->store, fixture->rubric,
                                   call, project, evaluation);
  gtk_window_present (GTK_WINDOW (fixture->window));
  nawat_ui_test_wait_for_frame (fixture->window);
}

static GtkWidget *
form_child (Fixture    *fixture,
            const char *name)
{
  GtkWidget *widget = nawat_ui_test_find (GTK_WIDGET (fixture->form), G_TYPE_INVALID, name);

  g_assert_nonnull (widget);

  return widget;
}

static GtkWidget *
level_button (Fixture    *fixture,
              const char *key,
              int         value)
{
  g_autofree char *name = g_strdup_printf ("level:%s:%d", key, value);

  return form_child (fixture, name);
}

/* The comment view of @key, its expander opened. */
static GtkWidget *
comment_entry (Fixture    *fixture,
               const char *key)
{
  g_autofree char *expander = g_strdup_printf ("expander:%s", key);
  g_autofree char *name = g_strdup_printf ("comment:%s", key);

  gtk_expander_set_expanded (GTK_EXPANDER (form_child (fixture, expander)), TRUE);

  return form_child (fixture, name);
}

static void
activate (Fixture    *fixture,
          const char *action,
          GVariant   *parameter)
{
  /* GTK 4.8 leaves a floating parameter floating: it is sunk here. */
  g_autoptr(GVariant) sunk = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;

  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->form), action, sunk));
}

/* What the digit key of @value does. */
static void
press_digit (Fixture *fixture,
             int      value)
{
  g_assert_cmpint (value, >=, 0);
  g_assert_cmpint (value, <=, 9);
  activate (fixture, "score.set-level", g_variant_new_int32 (value));
}

/* What a mouse click on @button does (gtk_widget_activate would click it
 * only after its press animation).
 */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Submits the evaluation as Submit does, and waits until it is stored
 * (or could not be).
 */
static gboolean
submit_form (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nawat_score_form_submit_async (fixture->form, NULL, nawat_ui_test_keep_result, &result);
  return nawat_score_form_submit_finish (fixture->form, nawat_ui_test_wait_result (&result), error);
}

static gboolean
reopen_form (Fixture  *fixture,
             GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nawat_score_form_reopen_async (fixture->form, NULL, nawat_ui_test_keep_result, &result);
  return nawat_score_form_reopen_finish (fixture->form, nawat_ui_test_wait_result (&result), error);
}

static gboolean
change_stored (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->form->pending == NULL;
}

/* Waits until the submission or reopening an action asked for is stored,
 * or could not be.
 */
static void
wait_change_stored (Fixture *fixture)
{
  nawat_ui_test_wait_until (change_stored, fixture);
}

static int
level_for (NawatCriterion *criterion,
           guint           i)
{
  int min = nawat_criterion_get_min (criterion);
  int max = nawat_criterion_get_max (criterion);

  return min + (int) ((i * 7 + 3) % (guint) (max - min + 1));
}

static NawatEvaluation *
stored_evaluation (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  NawatEvaluation *evaluation;

  evaluation = nawat_store_get_evaluation (fixture->store,
                                           nawat_document_get_id (NAWAT_DOCUMENT (fixture->evaluation)),
                                           &error);
  g_assert_no_error (error);
  g_assert_nonnull (evaluation);

  return evaluation;
}

/* Scores every required criterion directly, without the form. */
static void
complete_evaluation (Fixture         *fixture,
                     NawatEvaluation *evaluation)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);

  for (guint i = 0; keys[i] != NULL; i++)
    nawat_evaluation_set_score (evaluation, keys[i],
                                level_for (nawat_rubric_find_criterion (fixture->rubric, keys[i], NULL), i));
}

static NawatCall *
call_with_deadline (Fixture *fixture,
                    int      days_from_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) deadline = g_date_time_add_days (now, days_from_now);
  g_autofree char *iso = g_date_time_format (deadline, "%Y-%m-%dT%H:%M:%SZ");
  NawatCall *call = nawat_call_new (nawat_call_get_call_id (fixture->call));

  nawat_call_set_title (call, nawat_call_get_title (fixture->call));
  nawat_call_set_rubric (call, nawat_call_get_rubric (fixture->call));
  nawat_call_set_year_be (call, nawat_call_get_year_be (fixture->call));
  nawat_call_set_evaluators (call, nawat_call_get_evaluators (fixture->call));
  nawat_call_set_deadline (call, iso);

  return call;
}

/* The keys are bound to the actions the tests activate. */

typedef struct
{
  guint       keyval;
  const char *action;
  int         argument;   /* -1: none */
} Binding;

static const char *
lookup_binding (GtkWidget *widget,
                guint      keyval,
                int       *argument)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action) ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) != keyval ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != 0)
            continue;

          *argument = args != NULL ? g_variant_get_int32 (args) : -1;
          return gtk_named_action_get_action_name (GTK_NAMED_ACTION (action));
        }
    }

  return NULL;
}

static void
test_keys (void)
{
  static const Binding bindings[] = {
    { GDK_KEY_Delete, "score.clear-level", -1 },
    { GDK_KEY_BackSpace, "score.clear-level", -1 },
    { GDK_KEY_Down, "score.next-criterion", -1 },
    { GDK_KEY_Up, "score.previous-criterion", -1 },
    { GDK_KEY_Left, "score.previous-level", -1 },
    { GDK_KEY_Right, "score.next-level", -1 },
  };
  g_autoptr(GtkWidget) form = g_object_ref_sink (GTK_WIDGET (nawat_score_form_new ()));
  int argument;

  for (int digit = 0; digit <= 9; digit++)
    {
      g_assert_cmpstr (lookup_binding (form, GDK_KEY_0 + digit, &argument), ==, "score.set-level");
      g_assert_cmpint (argument, ==, digit);
      g_assert_cmpstr (lookup_binding (form, GDK_KEY_KP_0 + digit, &argument), ==, "score.set-level");
      g_assert_cmpint (argument, ==, digit);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      g_assert_cmpstr (lookup_binding (form, bindings[i].keyval, &argument), ==, bindings[i].action);
      g_assert_cmpint (argument, ==, bindings[i].argument);
    }

  /* A letter is left to the widgets (the comment entries). */
  g_assert_null (lookup_binding (form, GDK_KEY_a, &argument));
}

/* Score everything by keyboard, submit, find it submitted on disk. */
static void
test_score_and_submit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) reference = new_evaluation (PROJECT_ID, EVALUATOR,
                                                               nawat_call_get_rubric (fixture->call));
  g_autoptr(NawatEvaluation) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_text = NULL;
  NawatStore *reopened;
  NawatScore score = { 0, };
  guint n = g_strv_length (keys);
  double value;

  show_form (fixture, "en", fixture->call, fixture->evaluation);
  g_assert_cmpfloat (_nawat_score_form_get_completeness (fixture->form), ==, 0);
  g_assert_cmpstr (_nawat_score_form_get_composite_text (fixture->form), ==, "—");
  g_assert_false (_nawat_score_form_get_locked (fixture->form));

  /* Down with nothing focused enters the first criterion. */
  g_assert_null (_nawat_score_form_get_current_criterion (fixture->form));
  activate (fixture, "score.next-criterion", NULL);
  g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[0]);

  for (guint i = 0; i < n; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (fixture->rubric, keys[i], NULL);
      int level = level_for (criterion, i);

      g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[i]);

      /* A digit outside the scale changes nothing. */
      if (nawat_criterion_get_min (criterion) > 0)
        {
          press_digit (fixture, 0);
          g_assert_false (nawat_evaluation_get_score (fixture->evaluation, keys[i], NULL));
        }

      press_digit (fixture, level);
      g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[i], &value));
      g_assert_cmpfloat (value, ==, level);
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (level_button (fixture, keys[i], level))));
      /* The focus stays on the criterion. */
      g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[i]);

      nawat_evaluation_set_score (reference, keys[i], level);
      nawat_scoring_compute (fixture->rubric, reference, &score);
      g_assert_cmpfloat_with_epsilon (_nawat_score_form_get_completeness (fixture->form),
                                      100 * score.completeness, 1e-9);
      if (i + 1 < n)
        {
          g_assert_cmpfloat (_nawat_score_form_get_completeness (fixture->form), <, 100);
          g_assert_cmpfloat (_nawat_score_form_get_composite (fixture->form), ==, -1);
          g_assert_cmpstr (_nawat_score_form_get_composite_text (fixture->form), ==, "—");
          activate (fixture, "score.next-criterion", NULL);
        }
    }

  /* Up goes back, Delete clears, a click sets a level again. */
  activate (fixture, "score.previous-criterion", NULL);
  g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[n - 2]);
  activate (fixture, "score.clear-level", NULL);
  g_assert_false (nawat_evaluation_get_score (fixture->evaluation, keys[n - 2], NULL));
  g_assert_cmpfloat (_nawat_score_form_get_composite (fixture->form), ==, -1);
  click (level_button (fixture, keys[n - 2], level_for (
    nawat_rubric_find_criterion (fixture->rubric, keys[n - 2], NULL), n - 2)));
  g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[n - 2], NULL));

  /* Right and Left step through the levels; Tab stops on the chosen one. */
  {
    NawatCriterion *criterion = nawat_rubric_find_criterion (fixture->rubric, keys[n - 2], NULL);
    int level = level_for (criterion, n - 2);
    int expected = level < nawat_criterion_get_max (criterion) ? level + 1 : level - 1;

    nawat_score_form_focus_criterion (fixture->form, keys[n - 2]);
    activate (fixture, level < nawat_criterion_get_max (criterion) ? "score.next-level" : "score.previous-level", NULL);
    g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[n - 2], &value));
    g_assert_cmpfloat (value, ==, expected);
    for (int v = nawat_criterion_get_min (criterion); v <= nawat_criterion_get_max (criterion); v++)
      {
        g_assert_cmpint (gtk_widget_get_focusable (level_button (fixture, keys[n - 2], v)), ==, v == expected);
        g_assert_cmpint (gtk_widget_has_focus (level_button (fixture, keys[n - 2], v)), ==, v == expected);
      }
    activate (fixture, level < nawat_criterion_get_max (criterion) ? "score.previous-level" : "score.next-level", NULL);
    g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[n - 2], &value));
    g_assert_cmpfloat (value, ==, level);
  }

  /* Tab: the chosen level, the comment, then the next criterion. */
  {
    guint n_tabs = 0;

    nawat_score_form_focus_criterion (fixture->form, keys[0]);
    while (g_strcmp0 (_nawat_score_form_get_current_criterion (fixture->form), keys[0]) == 0)
      {
        g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD));
        n_tabs++;
      }
    g_assert_cmpuint (n_tabs, ==, 2);
    g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[1]);
  }

  /* Complete: the composite is the core's. */
  nawat_scoring_compute (fixture->rubric, reference, &score);
  g_assert_true (score.complete);
  g_assert_cmpfloat (_nawat_score_form_get_completeness (fixture->form), ==, 100);
  g_assert_cmpfloat_with_epsilon (_nawat_score_form_get_composite (fixture->form), score.composite, 1e-9);
  {
    double completeness = 0;
    double composite = 0;

    g_object_get (fixture->form, "completeness", &completeness, "composite", &composite, NULL);
    g_assert_cmpfloat (completeness, ==, 100);
    g_assert_cmpfloat_with_epsilon (composite, score.composite, 1e-9);
  }
  expected_text = g_strdup_printf ("%.1f", score.composite);
  g_assert_cmpstr (_nawat_score_form_get_composite_text (fixture->form), ==, expected_text);

  g_assert_true (submit_form (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_submitted, ==, 1);
  g_assert_false (nawat_score_form_get_saving (fixture->form));
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_false (gtk_widget_is_sensitive (level_button (fixture, keys[0], level_for (
    nawat_rubric_find_criterion (fixture->rubric, keys[0], NULL), 0))));
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "reopen")));
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "submit")));

  /* Read-only: the keys change nothing any more. */
  nawat_score_form_focus_criterion (fixture->form, keys[0]);
  press_digit (fixture, nawat_criterion_get_max (nawat_rubric_find_criterion (fixture->rubric, keys[0], NULL)));
  g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[0], &value));
  g_assert_cmpfloat (value, ==, level_for (nawat_rubric_find_criterion (fixture->rubric, keys[0], NULL), 0));

  /* Closed and opened again from disk: submitted, with every score. */
  close_window (fixture);
  g_clear_object (&fixture->store);
  reopened = open_store (fixture->path);
  fixture->store = reopened;
  reloaded = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (reloaded), ==, NAWAT_EVALUATION_SUBMITTED);
  for (guint i = 0; i < n; i++)
    {
      double expected;

      g_assert_true (nawat_evaluation_get_score (reference, keys[i], &expected));
      g_assert_true (nawat_evaluation_get_score (reloaded, keys[i], &value));
      g_assert_cmpfloat (value, ==, expected);
    }
}

static void
test_incomplete (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_auto(GStrv) missing = NULL;
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *problem;
  const char *shown;

  show_form (fixture, "en", fixture->call, fixture->evaluation);
  for (guint i = 0; i < 3; i++)
    {
      nawat_score_form_focus_criterion (fixture->form, keys[i]);
      press_digit (fixture, level_for (nawat_rubric_find_criterion (fixture->rubric, keys[i], NULL), i));
    }

  g_assert_false (submit_form (fixture, &error));
  g_assert_error (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_INCOMPLETE);
  g_assert_cmpuint (fixture->n_submitted, ==, 0);

  /* The list names every criterion still without a score, by its label. */
  problem = form_child (fixture, "problem");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (problem)));
  missing = nawat_scoring_dup_missing (fixture->rubric, fixture->evaluation);
  g_assert_cmpuint (g_strv_length (missing), ==, g_strv_length (keys) - 3);
  shown = error->message;
  for (guint i = 0; missing[i] != NULL; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (fixture->rubric, missing[i], NULL);

      g_assert_nonnull (strstr (shown, nawat_text_get (nawat_criterion_get_label (criterion), "en")));
    }
  for (guint i = 0; i < 3; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (fixture->rubric, keys[i], NULL);
      g_assert_null (strstr (shown, nawat_text_get (nawat_criterion_get_label (criterion), "en")));
    }
  /* The focus goes to the first one missing. */
  g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, missing[0]);
  g_clear_error (&error);

  /* The list follows the scores: the one just scored leaves it. */
  press_digit (fixture, level_for (nawat_rubric_find_criterion (fixture->rubric, missing[0], NULL), 3));
  shown = gtk_label_get_text (GTK_LABEL (form_child (fixture, "problem-label")));
  g_assert_null (strstr (shown, nawat_text_get (nawat_criterion_get_label (
    nawat_rubric_find_criterion (fixture->rubric, missing[0], NULL)), "en")));
  g_assert_nonnull (strstr (shown, nawat_text_get (nawat_criterion_get_label (
    nawat_rubric_find_criterion (fixture->rubric, missing[1], NULL)), "en")));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (problem)));

  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  double value;

  show_form (fixture, "en", fixture->call, fixture->evaluation);
  nawat_score_form_focus_criterion (fixture->form, keys[0]);
  press_digit (fixture, 2);
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "notice")));

  activate (fixture, "score.conflict", NULL);
  g_assert_true (nawat_score_form_get_conflict_declared (fixture->form));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (form_child (fixture, "conflict-switch"))));
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "notice")));

  /* Locked: scores, comments and recommendation. */
  button = level_button (fixture, keys[1], 3);
  g_assert_false (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_is_sensitive (comment_entry (fixture, "merit.impact")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "overall-comment")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "recommendation")));
  g_assert_true (gtk_widget_is_sensitive (form_child (fixture, "conflict-note")));
  g_assert_true (nawat_score_form_focus_criterion (fixture->form, keys[1]));
  press_digit (fixture, 3);
  g_assert_false (nawat_evaluation_get_score (fixture->evaluation, keys[1], NULL));

  /* Not to be scored: it cannot be submitted. */
  g_assert_false (submit_form (fixture, NULL));

  gtk_editable_set_text (GTK_EDITABLE (form_child (fixture, "conflict-note")), "Former employer");
  /* Its kind, chosen from HotCRP's: same organisation, here. */
  g_assert_true (gtk_widget_is_sensitive (form_child (fixture, "conflict-type")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_child (fixture, "conflict-type")),
                              NAWAT_CONFLICT_TYPE_SAME_ORGANISATION);
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  stored = stored_evaluation (fixture);
  g_assert_true (nawat_evaluation_get_conflict_declared (stored));
  g_assert_cmpstr (nawat_evaluation_get_conflict_note (stored), ==, "Former employer");
  g_assert_cmpint (nawat_evaluation_get_conflict_type (stored), ==,
                   NAWAT_CONFLICT_TYPE_SAME_ORGANISATION);

  /* Through the switch, undeclared: editable again. */
  gtk_switch_set_active (GTK_SWITCH (form_child (fixture, "conflict-switch")), FALSE);
  g_assert_false (nawat_score_form_get_conflict_declared (fixture->form));
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "notice")));
  nawat_score_form_focus_criterion (fixture->form, keys[1]);
  press_digit (fixture, 3);
  g_assert_true (nawat_evaluation_get_score (fixture->evaluation, keys[1], &value));
  g_assert_cmpfloat (value, ==, 3);
}

/* Types @text at the end of a comment's text view, a character at a time. */
static void
type_comment (GtkWidget  *view,
              const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, p, g_utf8_next_char (p) - p);
    }
}

static char *
dup_comment (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
saved_at_least (Fixture *fixture,
                guint    n)
{
  return fixture->n_saved >= n;
}

static void
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

static void
test_autosave_and_flush (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char comment[] = "งบประมาณสมเหตุสมผล ok";
  static const char overall[] = "ข้อเสนอดี";
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  NawatStore *other;
  GtkTextBuffer *buffer;
  guint n_saved;

  show_form (fixture, "en", fixture->call, fixture->evaluation);

  /* A click is saved by itself, within the debounce delay. */
  n_saved = fixture->n_saved;
  click (level_button (fixture, "merit.feasibility", 4));
  g_assert_true (nawat_score_form_get_saving (fixture->form));
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nawat_score_form_get_saving (fixture->form));
  g_assert_null (_nawat_score_form_get_save_error (fixture->form));
  stored = stored_evaluation (fixture);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.feasibility", NULL));
  g_clear_object (&stored);

  /* The store busy, as while a pull writes: the autosave waits on the
   * store's thread, and the window goes on (if it waited, this would
   * never return).
   */
  g_mutex_lock (_nawat_store_get_lock (fixture->store));
  n_saved = fixture->n_saved;
  click (level_button (fixture, "merit.impact", 3));
  {
    gboolean waited = FALSE;

    g_timeout_add_once (1500, set_flag_cb, &waited);
    while (!waited)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (fixture->n_saved, ==, n_saved);
  g_assert_true (nawat_score_form_get_saving (fixture->form));
  g_mutex_unlock (_nawat_store_get_lock (fixture->store));
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (nawat_score_form_get_saving (fixture->form));
  stored = stored_evaluation (fixture);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.impact", NULL));
  g_clear_object (&stored);

  /* Typed a moment before flush: every keystroke is stored. */
  type_comment (comment_entry (fixture, "merit.feasibility"), comment);
  g_assert_true (nawat_score_form_get_saving (fixture->form));
  n_saved = fixture->n_saved;
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_saved, ==, n_saved + 1);
  g_assert_false (nawat_score_form_get_saving (fixture->form));

  /* Another connection sees it on disk. */
  other = open_store (fixture->path);
  stored = nawat_store_get_evaluation (other, nawat_document_get_id (NAWAT_DOCUMENT (fixture->evaluation)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_comment (stored, "merit.feasibility"), ==, comment);
  g_clear_object (&stored);

  /* The recommendation and the overall comment, then the window closes
   * at once: the form saves what is pending as it goes.
   */
  adw_combo_row_set_selected (ADW_COMBO_ROW (form_child (fixture, "recommendation")), 2);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (form_child (fixture, "overall-comment")));
  gtk_text_buffer_insert_at_cursor (buffer, overall, -1);
  g_assert_true (nawat_score_form_get_saving (fixture->form));
  close_window (fixture);

  stored = nawat_store_get_evaluation (other, nawat_document_get_id (NAWAT_DOCUMENT (fixture->evaluation)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (stored), ==, overall);
  g_assert_cmpint (nawat_evaluation_get_recommendation (stored), ==, NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS);
  g_object_unref (other);
}

static GtkWidget *focus_of (Fixture *fixture);

/* The evaluator's confidence, by keyboard alone: Tab from the overall
 * comment reaches the group, Space chooses, the arrows move within it; each
 * choice is saved like any other change, and shown again on reopening.
 */
static void
test_confidence (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(NawatEvaluation) stored = NULL;
  GtkWidget *box;
  guint n_saved;

  show_form (fixture, "en", fixture->call, fixture->evaluation);
  box = form_child (fixture, "confidence");
  g_assert_true (gtk_widget_is_visible (box));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (box)), ==,
                   GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (form_child (fixture, "confidence-high"))),
                   ==, "High");

  nawat_ui_test_focus_window (GTK_WINDOW (fixture->window));
  gtk_widget_grab_focus (form_child (fixture, "overall-comment"));
  nawat_ui_test_press (fixture->window, "Tab");
  g_assert_true (focus_of (fixture) == form_child (fixture, "confidence-low"));

  n_saved = fixture->n_saved;
  nawat_ui_test_press (fixture->window, "space");
  g_assert_cmpint (nawat_evaluation_get_confidence (fixture->evaluation), ==, NAWAT_CONFIDENCE_LOW);
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_confidence (stored), ==, NAWAT_CONFIDENCE_LOW);
  g_clear_object (&stored);

  nawat_ui_test_press (fixture->window, "Right");
  g_assert_true (focus_of (fixture) == form_child (fixture, "confidence-medium"));
  nawat_ui_test_press (fixture->window, "Right");
  g_assert_true (focus_of (fixture) == form_child (fixture, "confidence-high"));
  n_saved = fixture->n_saved;
  nawat_ui_test_press (fixture->window, "space");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (fixture, "confidence-high"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (fixture, "confidence-low"))));
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_confidence (stored), ==, NAWAT_CONFIDENCE_HIGH);

  /* Opened again, the form shows it. */
  show_form (fixture, "en", fixture->call, stored);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (fixture, "confidence-high"))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (form_child (fixture, "confidence-medium"))));
}

/* Another program edits the evaluation while the form has it open: what
 * it stored stays, and the form shows it; a field both changed keeps the
 * form's value and the form says so.
 */
static gboolean
set_other_scores (NawatEvaluation  *evaluation,
                  gboolean          stored,
                  gpointer          user_data,
                  GError          **error)
{
  const char *what = user_data;

  if (g_str_equal (what, "first"))
    {
      nawat_evaluation_set_score (evaluation, "merit.innovation", 4);
      nawat_evaluation_set_overall_comment (evaluation, "จากโปรแกรมอื่น");
    }
  else
    nawat_evaluation_set_score (evaluation, "merit.feasibility", 1);
  nawat_evaluation_touch (evaluation);
  return TRUE;
}

static void
test_other_writer (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (fixture->evaluation));
  g_autoptr(NawatStore) other = open_store (fixture->path);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *state;
  double value = -1;
  guint n_saved;

  show_form (fixture, "en", fixture->call, fixture->evaluation);
  state = form_child (fixture, "save-state");

  n_saved = fixture->n_saved;
  click (level_button (fixture, "merit.impact", 3));
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);

  /* Another process scores a criterion the form did not touch. */
  stored = nawat_store_edit_evaluation (other, id, NULL, set_other_scores, "first", &error);
  g_assert_no_error (error);
  g_clear_object (&stored);

  /* The form's next autosave keeps it. */
  n_saved = fixture->n_saved;
  click (level_button (fixture, "merit.feasibility", 2));
  while (!saved_at_least (fixture, n_saved + 1))
    g_main_context_iteration (NULL, TRUE);
  stored = nawat_store_get_evaluation (other, id, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.feasibility", &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (stored), ==, "จากโปรแกรมอื่น");
  g_clear_object (&stored);

  /* The form shows the other program's score. */
  g_assert_true (nawat_evaluation_get_score (_nawat_score_form_get_evaluation (fixture->form),
                                             "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (level_button (fixture, "merit.innovation", 4))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, "Saved");

  /* Both change the same criterion: the form's value stays, and the form
   * says the other program's was replaced.
   */
  stored = nawat_store_edit_evaluation (other, id, NULL, set_other_scores, "second", &error);
  g_assert_no_error (error);
  g_clear_object (&stored);
  click (level_button (fixture, "merit.feasibility", 3));
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  stored = nawat_store_get_evaluation (other, id, &error);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.feasibility", &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.innovation", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (state)), "Saved; another program"));
}

/* Writes the window in light and dark to score-form-@state-@lang-*.png. */
static void
save_screenshots (Fixture    *fixture,
                  const char *state,
                  const char *lang)
{
  g_autofree char *prefix = g_strdup_printf ("score-form-%s-%s", state, lang);

  nawat_ui_test_save_screenshots (fixture->window, prefix);
}

/* The text of the notice above the criteria, which must be shown. */
static const char *
notice_text (Fixture *fixture)
{
  GtkWidget *notice = form_child (fixture, "notice");

  g_assert_true (gtk_widget_get_visible (notice));

  return gtk_label_get_text (GTK_LABEL (notice));
}

/* The conflict-of-interest question */

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_window_get_focus (GTK_WINDOW (fixture->window));
}

/* The UI in @lang ("th" or "en"), and a new draft of p003 nobody has said
 * anything about yet, shown as a project is opened: the focus where the
 * window puts it.
 */
static NawatEvaluation *
show_unanswered (Fixture    *fixture,
                 const char *lang)
{
  NawatEvaluation *evaluation = nawat_evaluation_new (PROJECT_ID, EVALUATOR,
                                                      nawat_call_get_rubric (fixture->call));

  if (!nawat_ui_test_set_ui_locale (lang))
    g_test_message ("No th_TH.UTF-8 locale: the Thai strings are not checked");
  g_assert_false (nawat_evaluation_get_conflict_answered (evaluation));
  show_form (fixture, lang, fixture->call, evaluation);
  g_assert_true (nawat_score_form_focus_unscored (fixture->form));

  return evaluation;
}

/* The question is asked, the levels wait for the answer, and the keys
 * reach both answers.
 */
static void
assert_asks_conflict (Fixture    *fixture,
                      const char *lang)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  GtkWidget *no_conflict = form_child (fixture, "no-conflict");
  GtkWidget *declare = form_child (fixture, "declare-conflict");
  const char *question = _("Do you have a conflict of interest with this proposal?");

  g_assert_true (gtk_widget_get_visible (form_child (fixture, "conflict-question")));
  g_assert_cmpstr (nawat_ui_test_label (GTK_WIDGET (fixture->form), "conflict-question-title"), ==, question);
  if (g_strcmp0 (lang, "th") == 0)
    g_assert_nonnull (strstr (question, "ผลประโยชน์ทับซ้อน"));
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_false (gtk_widget_is_sensitive (level_button (fixture, keys[i], 1)));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "overall-comment")));
  g_assert_true (gtk_widget_is_sensitive (no_conflict));
  g_assert_true (gtk_widget_is_sensitive (declare));

  /* Opened, the focus is on the question's first answer; Tab goes to the
   * other and back.
   */
  g_assert_true (focus_of (fixture) == no_conflict);
  g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_of (fixture) == declare);
  g_assert_true (gtk_widget_child_focus (fixture->window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_of (fixture) == no_conflict);

  /* A digit scores nothing yet, and says why. */
  g_assert_true (nawat_score_form_focus_criterion (fixture->form, keys[0]));
  press_digit (fixture, 2);
  g_assert_false (nawat_evaluation_get_score (_nawat_score_form_get_evaluation (fixture->form), keys[0], NULL));
  g_assert_true (nawat_score_summary_get_problem_shown (fixture->form->summary));
  g_assert_true (gtk_widget_grab_focus (no_conflict));
}

/* First opened, the form asks whether the evaluator has a conflict of
 * interest; "No Conflict" records the answer, lets scoring begin and
 * focuses the first criterion.
 */
static void
test_conflict_question (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *lang = data;
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) evaluation = show_unanswered (fixture, lang);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  double value;

  save_screenshots (fixture, "conflict-question", lang);
  assert_asks_conflict (fixture, lang);

  click (form_child (fixture, "no-conflict"));
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "conflict-question")));
  g_assert_true (nawat_evaluation_get_conflict_answered (evaluation));
  g_assert_false (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (level_button (fixture, keys[0], 1)));
  g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[0]);

  press_digit (fixture, 3);
  g_assert_true (nawat_evaluation_get_score (evaluation, keys[0], &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  stored = stored_evaluation (fixture);
  g_assert_true (nawat_evaluation_get_conflict_answered (stored));

  /* Opened again, it is not asked again. */
  show_form (fixture, lang, fixture->call, stored);
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "conflict-question")));
  g_assert_false (_nawat_score_form_get_locked (fixture->form));

  nawat_ui_test_set_ui_locale (NULL);
}

/* Scores from before the question was asked are not held back. */
static void
test_conflict_scored_before (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new (PROJECT_ID, EVALUATOR,
                                                                nawat_call_get_rubric (fixture->call));

  nawat_evaluation_set_score (evaluation, keys[0], 2);
  show_form (fixture, "en", fixture->call, evaluation);
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "conflict-question")));
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (level_button (fixture, keys[1], 1)));
  g_assert_true (nawat_score_form_focus_unscored (fixture->form));
  g_assert_cmpstr (_nawat_score_form_get_current_criterion (fixture->form), ==, keys[1]);
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
form_saved (gpointer user_data)
{
  Fixture *fixture = user_data;

  return !nawat_score_form_get_saving (fixture->form);
}

static gboolean
conflict_declared (gpointer user_data)
{
  Fixture *fixture = user_data;

  return nawat_score_form_get_conflict_declared (fixture->form);
}

static gboolean
dialog_gone (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->form->conflict_dialog == NULL;
}

/* The switch turned on, as a click does: the dialog asks. */
static AdwMessageDialog *
switch_conflict_on (Fixture *fixture)
{
  GtkWidget *conflict_switch = form_child (fixture, "conflict-switch");

  g_assert_true (gtk_widget_grab_focus (conflict_switch));
  g_signal_emit_by_name (conflict_switch, "activate");
  g_assert_nonnull (fixture->form->conflict_dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->form->conflict_dialog)));
  /* Nothing is declared until the evaluator confirms. */
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (conflict_switch)));
  g_assert_false (nawat_score_form_get_conflict_declared (fixture->form));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (fixture->form->conflict_dialog));

  return fixture->form->conflict_dialog;
}

static void
answer_dialog (Fixture          *fixture,
               AdwMessageDialog *dialog,
               const char       *label)
{
  GtkWidget *button = find_button_labelled (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  click (button);
  nawat_ui_test_wait_until (dialog_gone, fixture);
}

/* "Declare a Conflict…" before any score asks first too, saying that
 * nothing is cleared; Cancel leaves the question open, confirming
 * declares it, the focus on the note.
 */
static void
test_conflict_question_declare (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(NawatEvaluation) evaluation = show_unanswered (fixture, "en");
  AdwMessageDialog *dialog;

  assert_asks_conflict (fixture, "en");
  click (form_child (fixture, "declare-conflict"));
  dialog = fixture->form->conflict_dialog;
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "cleared"));
  g_assert_null (find_button_labelled (GTK_WIDGET (dialog), _("_Declare and Clear Scores")));
  g_assert_false (nawat_evaluation_get_conflict_declared (evaluation));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  answer_dialog (fixture, dialog, _("_Cancel"));
  g_assert_false (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_false (nawat_evaluation_get_conflict_answered (evaluation));
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "conflict-question")));

  click (form_child (fixture, "declare-conflict"));
  dialog = fixture->form->conflict_dialog;
  g_assert_nonnull (dialog);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (dialog));
  answer_dialog (fixture, dialog, _("_Declare"));
  nawat_ui_test_wait_until (conflict_declared, fixture);
  g_assert_true (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_true (nawat_evaluation_get_conflict_answered (evaluation));
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "conflict-question")));
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), form_child (fixture, "conflict-note")));
  nawat_ui_test_set_ui_locale (NULL);
}

/* Declaring a conflict after scoring asks first: Cancel keeps the scores,
 * confirming clears them and stores the declaration without them.
 */
static void
test_conflict_declare_after_scoring (Fixture       *fixture,
                                     gconstpointer  data)
{
  const char *lang = data;
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) evaluation = show_unanswered (fixture, lang);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autofree char *shot = g_strdup_printf ("score-form-conflict-dialog-%s", lang);
  GMutex *lock = _nawat_store_get_lock (fixture->store);
  AdwMessageDialog *dialog;
  double value;

  click (form_child (fixture, "no-conflict"));
  press_digit (fixture, 2);
  g_assert_true (nawat_score_form_focus_criterion (fixture->form, keys[1]));
  press_digit (fixture, 3);

  dialog = switch_conflict_on (fixture);
  if (g_strcmp0 (lang, "th") == 0)
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "ผลประโยชน์ทับซ้อน"));
  nawat_ui_test_save_screenshots (GTK_WIDGET (dialog), shot);
  answer_dialog (fixture, dialog, _("_Cancel"));
  g_assert_false (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_true (nawat_evaluation_get_score (evaluation, keys[0], &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_true (nawat_evaluation_get_score (evaluation, keys[1], &value));
  g_assert_cmpfloat (value, ==, 3);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (form_child (fixture, "conflict-switch"))));
  g_assert_false (_nawat_score_form_get_locked (fixture->form));

  /* Declared while a save of the scores is still on its way: the
   * declaration's save, after it, clears them in the store too.
   */
  g_mutex_lock (lock);
  nawat_score_form_flush_async (fixture->form, NULL, NULL, NULL);
  dialog = switch_conflict_on (fixture);
  answer_dialog (fixture, dialog, _("_Declare and Clear Scores"));
  g_mutex_unlock (lock);
  nawat_ui_test_wait_until (conflict_declared, fixture);
  g_assert_true (nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_false (nawat_evaluation_get_score (evaluation, keys[0], NULL));
  g_assert_false (nawat_evaluation_get_score (evaluation, keys[1], NULL));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (form_child (fixture, "conflict-switch"))));
  g_assert_true (gtk_widget_is_ancestor (focus_of (fixture), form_child (fixture, "conflict-note")));

  /* Stored on the store's thread, without the scores. */
  nawat_ui_test_wait_until (form_saved, fixture);
  stored = stored_evaluation (fixture);
  g_assert_true (nawat_evaluation_get_conflict_declared (stored));
  g_assert_true (nawat_evaluation_get_conflict_answered (stored));
  g_assert_false (nawat_evaluation_get_score (stored, keys[0], NULL));
  g_assert_false (nawat_evaluation_get_score (stored, keys[1], NULL));

  nawat_ui_test_set_ui_locale (NULL);
}

/* A save the store refuses: the error is shown, the edit kept. */
static void
test_save_error (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(NawatEvaluation) evaluation = new_evaluation (PROJECT_ID, EVALUATOR, "rubric:unknown:1");
  g_autoptr(GError) error = NULL;
  GtkWidget *state;
  double value;

  show_form (fixture, "en", fixture->call, evaluation);
  state = form_child (fixture, "save-state");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, "Saved");

  click (level_button (fixture, "merit.impact", 2));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, "Saving…");
  type_comment (comment_entry (fixture, "merit.impact"), "kept");
  g_assert_false (nawat_score_form_flush (fixture->form, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (_nawat_score_form_get_save_error (fixture->form));
  g_assert_true (nawat_score_form_get_saving (fixture->form));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (state)), error->message));
  g_assert_true (gtk_widget_has_css_class (state, "error"));

  /* Nothing typed is lost: the form and the evaluation still hold it. */
  {
    g_autofree char *kept = dup_comment (comment_entry (fixture, "merit.impact"));

    g_assert_cmpstr (kept, ==, "kept");
  }
  g_assert_cmpstr (nawat_evaluation_get_comment (evaluation, "merit.impact"), ==, "kept");
  g_assert_true (nawat_evaluation_get_score (evaluation, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 2);
  g_assert_cmpuint (fixture->n_saved, ==, 0);
}

static void
test_reopen (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(NawatCall) open_call = call_with_deadline (fixture, 1);
  g_autoptr(NawatCall) closed_call = call_with_deadline (fixture, -1);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;

  complete_evaluation (fixture, fixture->evaluation);

  /* Before the deadline */
  show_form (fixture, "en", open_call, fixture->evaluation);
  g_assert_cmpfloat (_nawat_score_form_get_completeness (fixture->form), ==, 100);
  g_assert_true (submit_form (fixture, &error));
  g_assert_no_error (error);
  g_assert_true (_nawat_score_form_can_reopen (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (form_child (fixture, "reopen")));
  activate (fixture, "score.reopen", NULL);
  g_assert_cmpstr (notice_text (fixture), ==, "Reopening as a draft…");
  wait_change_stored (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "submit")));
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_DRAFT);
  g_clear_object (&stored);

  g_assert_true (submit_form (fixture, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_submitted, ==, 2);

  /* After the deadline */
  show_form (fixture, "en", closed_call, fixture->evaluation);
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_false (_nawat_score_form_can_reopen (fixture->form));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "reopen")));
  g_assert_false (reopen_form (fixture, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_clear_error (&error);
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_SUBMITTED);
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_SUBMITTED);
}

/* The store busy (a pull's batch holds its lock) when Submit is pressed:
 * the window goes on, the form is locked and saving, and a second Submit
 * does nothing; once the store is free, the evaluation is submitted there,
 * with what was typed just before, and the form shows it.
 */
static void
test_submit_store_busy (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *lang = data;
  GMutex *lock = _nawat_store_get_lock (fixture->store);
  g_autoptr(NawatCall) call = call_with_deadline (fixture, 1);
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean idled = FALSE;
  gboolean saving = FALSE;
  guint n_saved;

  complete_evaluation (fixture, fixture->evaluation);
  show_form (fixture, lang, call, fixture->evaluation);
  type_comment (comment_entry (fixture, "merit.impact"), "typed last");
  g_assert_true (nawat_score_form_get_saving (fixture->form));

  g_mutex_lock (lock);
  n_saved = fixture->n_saved;
  activate (fixture, "score.submit", NULL);
  g_idle_add_once (set_flag_cb, &idled);
  while (!idled)
    g_main_context_iteration (NULL, TRUE);
  nawat_ui_test_wait_for_frame (fixture->window);

  g_object_get (fixture->form, "saving", &saving, NULL);
  g_assert_true (saving);
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_false (_nawat_score_form_can_reopen (fixture->form));
  g_assert_false (gtk_widget_is_sensitive (level_button (fixture, "merit.impact", 3)));
  g_assert_false (gtk_widget_is_sensitive (comment_entry (fixture, "merit.impact")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "overall-comment")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "recommendation")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "conflict-switch")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "reopen")));
  g_assert_cmpuint (fixture->n_saved, ==, n_saved);
  g_assert_cmpuint (fixture->n_submitted, ==, 0);
  g_assert_true (g_str_has_prefix (notice_text (fixture), "Submitting…"));
  save_screenshots (fixture, "submitting", lang);

  /* Submit and reopen again: nothing happens, and said so at once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->form), "score.submit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->form), "score.reopen", NULL);
  nawat_score_form_submit_async (fixture->form, NULL, nawat_ui_test_keep_result, &result);
  g_assert_false (nawat_score_form_submit_finish (fixture->form, nawat_ui_test_wait_result (&result),
                                                  &error));
  g_assert_error (error, NAWAT_SCORE_FORM_ERROR, NAWAT_SCORE_FORM_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_SUBMITTED);
  g_assert_true (nawat_score_form_get_saving (fixture->form));

  g_mutex_unlock (lock);
  wait_change_stored (fixture);
  g_assert_false (nawat_score_form_get_saving (fixture->form));
  g_assert_cmpuint (fixture->n_submitted, ==, 1);
  g_assert_true (g_str_has_prefix (notice_text (fixture), "Submitted."));
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED);
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "reopen")));
  g_assert_true (gtk_widget_is_sensitive (form_child (fixture, "reopen")));
  g_assert_false (gtk_widget_get_visible (form_child (fixture, "submit")));
  g_assert_true (_nawat_score_form_can_reopen (fixture->form));
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_SUBMITTED);
  g_assert_cmpstr (nawat_evaluation_get_comment (stored, "merit.impact"), ==, "typed last");
  g_assert_null (nawat_evaluation_get_reopened_by (stored));
}

/* A submission the store refuses: the form unlocks as a draft, with what
 * was typed, and says why.
 */
static void
test_submit_error (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(NawatEvaluation) evaluation = new_evaluation (PROJECT_ID, EVALUATOR, "rubric:unknown:1");
  g_autoptr(GError) error = NULL;
  GtkWidget *state;

  complete_evaluation (fixture, evaluation);
  show_form (fixture, "en", fixture->call, evaluation);
  type_comment (comment_entry (fixture, "merit.impact"), "kept");

  g_assert_false (submit_form (fixture, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpuint (fixture->n_submitted, ==, 0);
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (gtk_widget_is_sensitive (level_button (fixture, "merit.impact", 3)));
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "submit")));
  state = form_child (fixture, "save-state");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (state)), error->message));
  g_assert_true (gtk_widget_has_css_class (state, "error"));
  {
    g_autofree char *kept = dup_comment (comment_entry (fixture, "merit.impact"));

    g_assert_cmpstr (kept, ==, "kept");
  }
  g_assert_cmpstr (nawat_evaluation_get_comment (evaluation, "merit.impact"), ==, "kept");
  g_assert_nonnull (_nawat_score_form_get_save_error (fixture->form));

  /* Why, beside Submit too, once the form has shown the outcome. */
  nawat_ui_test_wait_for_frame (fixture->window);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (form_child (fixture, "problem"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (form_child (fixture, "problem-label"))), ==,
                   error->message);
}

/* The round's rules (nawat-round.h) in the form: each state is read-only
 * with its reason, and nothing is changed or stored.
 */

/* Nothing the evaluator does changes @evaluation or the store. */
static void
assert_unchangeable (Fixture         *fixture,
                     NawatEvaluation *evaluation)
{
  g_autoptr(NawatEvaluation) before = nawat_evaluation_copy (evaluation);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));
  g_autoptr(NawatEvaluation) stored_before = nawat_store_get_evaluation (fixture->store, id, NULL);
  g_autoptr(NawatEvaluation) stored_after = NULL;
  guint n_saved = fixture->n_saved;

  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_nonnull (_nawat_score_form_get_read_only_reason (fixture->form));
  g_assert_false (gtk_widget_is_sensitive (level_button (fixture, "merit.impact", 3)));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "overall-comment")));
  g_assert_false (gtk_widget_is_sensitive (form_child (fixture, "conflict-switch")));

  nawat_score_form_focus_criterion (fixture->form, "merit.impact");
  /* A digit: the action may be off, so its parameter is sunk here. */
  {
    g_autoptr(GVariant) level = g_variant_ref_sink (g_variant_new_int32 (3));

    gtk_widget_activate_action_variant (GTK_WIDGET (fixture->form), "score.set-level", level);
  }
  nawat_score_form_set_conflict_declared (fixture->form, !nawat_evaluation_get_conflict_declared (evaluation));
  g_assert_false (submit_form (fixture, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);

  g_assert_true (nawat_evaluation_equal_content (before, evaluation));
  g_assert_cmpuint (fixture->n_saved, ==, n_saved);
  stored_after = nawat_store_get_evaluation (fixture->store, id, NULL);
  g_assert_true ((stored_before == NULL) == (stored_after == NULL));
  if (stored_after != NULL)
    g_assert_true (nawat_evaluation_equal_content (stored_before, stored_after));
}

/* Rule 1: a project listed but not assigned to the evaluator. */
static void
test_rule_not_assigned (Fixture       *fixture,
                        gconstpointer  data)
{
  /* p008 is assigned to malee and ananda only. */
  g_autoptr(NawatEvaluation) evaluation = new_evaluation ("project:si-2569:p008", EVALUATOR,
                                                                nawat_call_get_rubric (fixture->call));
  g_autoptr(NawatEvaluation) outsider = new_evaluation (PROJECT_ID, "nobody",
                                                              nawat_call_get_rubric (fixture->call));

  show_form (fixture, "en", fixture->call, evaluation);
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  g_assert_nonnull (strstr (notice_text (fixture), "p008"));
  g_assert_nonnull (strstr (notice_text (fixture), _nawat_score_form_get_read_only_reason (fixture->form)->message));
  assert_unchangeable (fixture, evaluation);
  g_assert_null (nawat_store_get_evaluation (fixture->store, "evaluation:si-2569:p008:" EVALUATOR, NULL));
  save_screenshots (fixture, "not-assigned", "en");

  /* Not an evaluator of the call at all. */
  show_form (fixture, "en", fixture->call, outsider);
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL);
  assert_unchangeable (fixture, outsider);
  g_assert_null (nawat_store_get_evaluation (fixture->store, "evaluation:si-2569:p003:nobody", NULL));
}

/* Rule 2: a declared conflict is said, and can be withdrawn. */
static void
test_rule_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(NawatCall) call = call_with_deadline (fixture, 1);

  show_form (fixture, "en", call, fixture->evaluation);
  nawat_score_form_set_conflict_declared (fixture->form, TRUE);
  g_assert_true (_nawat_score_form_get_locked (fixture->form));
  g_assert_null (_nawat_score_form_get_read_only_reason (fixture->form));
  g_assert_cmpstr (notice_text (fixture), ==,
                   _("Conflict of interest declared: this project is not to be scored by you. "
                     "Its scores, comments and recommendation are locked."));
  g_assert_true (gtk_widget_is_sensitive (form_child (fixture, "conflict-switch")));
  g_assert_false (submit_form (fixture, NULL));
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_DRAFT);
  nawat_score_form_set_conflict_declared (fixture->form, FALSE);
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
}

static gboolean
form_is_read_only (gpointer user_data)
{
  Fixture *fixture = user_data;

  return _nawat_score_form_get_read_only_reason (fixture->form) != NULL;
}

/* Rule 3 while the form is open: it turns read-only when the deadline
 * passes (a few seconds after it is shown), with the reason, without
 * anything being touched.
 */
static void
test_rule_deadline_passes (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(NawatCall) call = call_with_deadline (fixture, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) soon = g_date_time_add_seconds (now, 5);
  g_autofree char *iso = g_date_time_format (soon, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GDateTime) shown = NULL;
  gboolean locked;

  nawat_call_set_deadline (call, iso);
  show_form (fixture, "en", call, fixture->evaluation);
  /* Open while the deadline is ahead (a slow run may already be past it:
   * then only the end state is checked).
   */
  locked = _nawat_score_form_get_locked (fixture->form);
  shown = g_date_time_new_now_utc ();
  if (nawat_round_is_closed (call, EVALUATOR, shown))
    g_test_message ("The form was shown after the deadline: only its end state is checked");
  else
    g_assert_false (locked);

  nawat_ui_test_wait_until (form_is_read_only, fixture);
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_assert_true (gtk_widget_get_visible (form_child (fixture, "notice")));
  assert_unchangeable (fixture, fixture->evaluation);
}

/* Rules 3 and 4: submitted before the deadline, the notice gives the
 * evaluator's own deadline, and reopening records who and when.
 */
static void
test_rule_submitted (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(NawatCall) call = call_with_deadline (fixture, 1);
  g_autoptr(GDateTime) deadline = nawat_round_dup_deadline (call, EVALUATOR);
  g_autofree char *when = g_date_time_format (deadline, "%Y-%m-%d %H:%M UTC");
  g_autofree char *expected = NULL;
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;

  complete_evaluation (fixture, fixture->evaluation);
  show_form (fixture, "en", call, fixture->evaluation);
  g_assert_true (submit_form (fixture, &error));
  g_assert_no_error (error);
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_SUBMITTED);
  expected = g_strdup_printf (_("Submitted. The evaluation is read-only; you can reopen it as a draft until %s."),
                              when);
  g_assert_cmpstr (notice_text (fixture), ==, expected);
  assert_unchangeable (fixture, fixture->evaluation);
  g_assert_null (nawat_evaluation_get_reopened_by (fixture->evaluation));

  click (form_child (fixture, "reopen"));
  wait_change_stored (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_null (_nawat_score_form_get_read_only_reason (fixture->form));
  stored = stored_evaluation (fixture);
  g_assert_cmpint (nawat_evaluation_get_status (stored), ==, NAWAT_EVALUATION_DRAFT);
  g_assert_cmpstr (nawat_evaluation_get_reopened_by (stored), ==, EVALUATOR);
  g_assert_nonnull (nawat_evaluation_get_reopened_at (stored));
}

/* Rule 3: after the deadline, a draft cannot change and a submitted
 * evaluation cannot be reopened; the reason gives the deadline.  An
 * extension for the evaluator opens it again, until the extension.
 */
static void
test_rule_deadline (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(NawatCall) closed = call_with_deadline (fixture, -1);
  g_autoptr(NawatCall) extended = call_with_deadline (fixture, -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 2);
  g_autofree char *later_iso = g_date_time_format (later, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *later_text = g_date_time_format (later, "%Y-%m-%d %H:%M UTC");
  g_autoptr(GDateTime) deadline = nawat_round_dup_deadline (closed, EVALUATOR);
  g_autofree char *deadline_text = g_date_time_format (deadline, "%Y-%m-%d %H:%M UTC");
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *reopen;

  /* A draft, closed. */
  show_form (fixture, "en", closed, fixture->evaluation);
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (fixture->form),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_assert_nonnull (strstr (notice_text (fixture), deadline_text));
  assert_unchangeable (fixture, fixture->evaluation);
  g_assert_null (nawat_store_get_evaluation (fixture->store, "evaluation:si-2569:p003:" EVALUATOR, NULL));
  save_screenshots (fixture, "closed", "en");

  /* Extended for this evaluator: open, until the extension. */
  nawat_call_set_extension (extended, EVALUATOR, later_iso);
  complete_evaluation (fixture, fixture->evaluation);
  show_form (fixture, "en", extended, fixture->evaluation);
  g_assert_false (_nawat_score_form_get_locked (fixture->form));
  g_assert_true (submit_form (fixture, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf (_("Submitted. The evaluation is read-only; you can reopen it as a draft until %s."),
                              later_text);
  g_assert_cmpstr (notice_text (fixture), ==, expected);
  g_assert_true (_nawat_score_form_can_reopen (fixture->form));

  /* Submitted, closed: the reopen button is off and says why. */
  show_form (fixture, "en", closed, fixture->evaluation);
  reopen = form_child (fixture, "reopen");
  g_assert_true (gtk_widget_get_visible (reopen));
  g_assert_false (gtk_widget_is_sensitive (reopen));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (reopen), deadline_text));
  g_assert_false (reopen_form (fixture, &error));
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_CLOSED);
  g_clear_error (&error);
  assert_unchangeable (fixture, fixture->evaluation);
  g_assert_cmpint (nawat_evaluation_get_status (fixture->evaluation), ==, NAWAT_EVALUATION_SUBMITTED);
}

/* The form fits a phone-sized window (360 pixels, the HIG's narrowest). */
static void
assert_fits_narrow (Fixture *fixture)
{
  int minimum = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->form), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("Minimum width of the form: %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

static void
shoot_language (Fixture    *fixture,
                const char *lang)
{
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (fixture->rubric);
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  if (!nawat_ui_test_set_ui_locale (lang))
    g_test_message ("No th_TH.UTF-8 locale: the Thai shots show English strings");

  /* A draft on its way: a few scores, a comment, a refused submission. */
  evaluation = new_evaluation ("project:si-2569:p004", EVALUATOR, nawat_call_get_rubric (fixture->call));
  show_form (fixture, lang, fixture->call, evaluation);
  for (guint i = 0; i < 4; i++)
    {
      nawat_score_form_focus_criterion (fixture->form, keys[i]);
      press_digit (fixture, level_for (nawat_rubric_find_criterion (fixture->rubric, keys[i], NULL), i));
    }
  type_comment (comment_entry (fixture, "domains.environment"),
                g_strcmp0 (lang, "th") == 0 ? "ป่าชุมชนเป็นแกนของโครงการ\nสองหมู่บ้าน"
                                            : "The forest is the core\nof two villages");
  g_assert_false (submit_form (fixture, NULL));
  nawat_score_form_focus_criterion (fixture->form, keys[1]);
  g_assert_true (nawat_score_form_flush (fixture->form, &error));
  g_assert_no_error (error);
  save_screenshots (fixture, "draft", lang);
  assert_fits_narrow (fixture);

  /* Narrow, as on a phone. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 800);
  for (guint i = 0; i < 5 && gtk_widget_get_width (fixture->window) > 360; i++)
    nawat_ui_test_wait_for_frame (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (fixture->window), <=, 360);
  nawat_score_form_focus_criterion (fixture->form, keys[1]);
  save_screenshots (fixture, "narrow", lang);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 820, 800);
  for (guint i = 0; i < 5 && gtk_widget_get_width (fixture->window) < 820; i++)
    nawat_ui_test_wait_for_frame (fixture->window);

  /* Merit criteria, further down. */
  nawat_score_form_focus_criterion (fixture->form, "merit.innovation");
  press_digit (fixture, 4);
  save_screenshots (fixture, "merit", lang);

  /* A conflict of interest. */
  nawat_score_form_set_conflict_declared (fixture->form, TRUE);
  nawat_score_form_focus_criterion (fixture->form, keys[0]);
  save_screenshots (fixture, "conflict", lang);
  nawat_score_form_set_conflict_declared (fixture->form, FALSE);

  /* Submitted, before the deadline. */
  complete_evaluation (fixture, evaluation);
  {
    g_autoptr(NawatProject) project = project_of (fixture, evaluation);

    nawat_score_form_set_evaluation (fixture->form, fixture->store, fixture->rubric, fixture->call,
                                     project, evaluation);
  }
  if (submit_form (fixture, NULL))
    {
      save_screenshots (fixture, "submitted", lang);
      assert_fits_narrow (fixture);
    }

  close_window (fixture);
  nawat_ui_test_set_ui_locale (NULL);
  id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (evaluation)));
  g_assert_true (g_str_has_suffix (id, EVALUATOR));
}

static void
test_screenshots (Fixture       *fixture,
                  gconstpointer  data)
{
  shoot_language (fixture, "en");
  shoot_language (fixture, "th");
}

static void
load_style (void)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (provider);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/score-form/display"))
    return g_test_run ();

  load_style ();

  g_test_add_func ("/nawat/ui/score-form/keys", test_keys);
  g_test_add ("/nawat/ui/score-form/score-and-submit", Fixture, NULL,
              fixture_set_up, test_score_and_submit, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/incomplete", Fixture, NULL,
              fixture_set_up, test_incomplete, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict", Fixture, NULL,
              fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-question", Fixture, "en",
              fixture_set_up, test_conflict_question, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-question-th", Fixture, "th",
              fixture_set_up, test_conflict_question, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-question-declare", Fixture, NULL,
              fixture_set_up, test_conflict_question_declare, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-scored-before", Fixture, NULL,
              fixture_set_up, test_conflict_scored_before, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-declare-after-scoring", Fixture, "en",
              fixture_set_up, test_conflict_declare_after_scoring, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/conflict-declare-after-scoring-th", Fixture, "th",
              fixture_set_up, test_conflict_declare_after_scoring, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/autosave-and-flush", Fixture, NULL,
              fixture_set_up, test_autosave_and_flush, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/confidence", Fixture, NULL,
              fixture_set_up, test_confidence, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/other-writer", Fixture, NULL,
              fixture_set_up, test_other_writer, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/save-error", Fixture, NULL,
              fixture_set_up, test_save_error, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/reopen", Fixture, NULL,
              fixture_set_up, test_reopen, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/submit-store-busy", Fixture, "en",
              fixture_set_up, test_submit_store_busy, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/submit-store-busy-th", Fixture, "th",
              fixture_set_up, test_submit_store_busy, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/submit-error", Fixture, NULL,
              fixture_set_up, test_submit_error, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/rule-not-assigned", Fixture, NULL,
              fixture_set_up, test_rule_not_assigned, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/rule-conflict", Fixture, NULL,
              fixture_set_up, test_rule_conflict, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/rule-submitted", Fixture, NULL,
              fixture_set_up, test_rule_submitted, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/rule-deadline", Fixture, NULL,
              fixture_set_up, test_rule_deadline, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/rule-deadline-passes", Fixture, NULL,
              fixture_set_up, test_rule_deadline_passes, fixture_tear_down);
  g_test_add ("/nawat/ui/score-form/screenshots", Fixture, NULL,
              fixture_set_up, test_screenshots, fixture_tear_down);

  return g_test_run ();
}
