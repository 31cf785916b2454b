/* test-score-form-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "nawat-application.h"
#include "nawat-score-form-private.h"
#include "nawat-store.h"
#include "nawat-store-private.h"
#include "nawat-ui-test.h"

/* The score form in the application's window: what the window asks of it
 * (the real application, on a temporary store holding the demo call).
 */

/* p003 is assigned to somchai and malee, and nobody has scored it. */
#define PROJECT_ID "project:si-2569:p003"

static void
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
}

typedef struct
{
  NawatWindow *window;
  const char  *evaluator;
} EvaluationWait;

/* The window shows the evaluator's evaluation. */
static gboolean
shows_evaluation_of (gpointer user_data)
{
  EvaluationWait *wait = user_data;
  NawatEvaluation *evaluation = nawat_window_get_evaluation (wait->window);

  return evaluation != NULL &&
         g_strcmp0 (nawat_evaluation_get_evaluator (evaluation), wait->evaluator) == 0;
}

/* Another evaluator chosen while the store is busy (a pull's batch holds
 * its lock) and a score is not saved yet: the window goes on, under the
 * new name, while the score is saved on the store's thread; once the
 * store is free, the score is stored under the name it was given under,
 * and the project is shown with the new evaluator's evaluation.
 */
static void
drive_identity_flush (NawatApplication *app,
                      NawatWindow      *window,
                      gpointer          user_data)
{
  GSettings *settings = nawat_application_get_settings (app);
  NawatScoreForm *form = NAWAT_SCORE_FORM (nawat_window_get_score_form (window));
  GMutex *lock = _nawat_store_get_lock (nawat_window_get_store (window));
  g_autoptr(GVariant) level = g_variant_ref_sink (g_variant_new_int32 (4));
  g_autoptr(NawatEvaluation) stored = NULL;
  g_autoptr(GError) error = NULL;
  EvaluationWait somchai = { window, "somchai" };
  EvaluationWait malee = { window, "malee" };
  gboolean idled = FALSE;
  double value = 0;

  g_assert_nonnull (settings);
  nawat_ui_test_set_evaluator (app, window, "somchai");
  g_assert_true (nawat_ui_test_open_project (window, PROJECT_ID, &error));
  g_assert_no_error (error);
  nawat_ui_test_wait_until (shows_evaluation_of, &somchai);
  /* No conflict of interest, as the form asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "score.no-conflict", NULL));

  g_assert_true (nawat_score_form_focus_criterion (form, "merit.impact"));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (form), "score.set-level", level));
  g_assert_true (nawat_score_form_get_saving (form));

  g_mutex_lock (lock);
  g_settings_set_string (settings, "evaluator-name", "malee");
  g_idle_add_once (set_flag_cb, &idled);
  while (!idled)
    g_main_context_iteration (NULL, TRUE);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_assert_cmpstr (nawat_window_get_evaluator (window), ==, "malee");
  g_assert_cmpstr (nawat_evaluation_get_evaluator (nawat_window_get_evaluation (window)), ==, "somchai");
  g_assert_true (nawat_score_form_get_saving (form));
  g_mutex_unlock (lock);

  nawat_ui_test_wait_until (shows_evaluation_of, &malee);
  g_assert_false (nawat_evaluation_get_score (nawat_window_get_evaluation (window), "merit.impact", NULL));
  stored = nawat_store_get_evaluation (nawat_window_get_store (window),
                                       "evaluation:si-2569:p003:somchai", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (nawat_evaluation_get_score (stored, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 4);
}

static void
test_identity_flush (void)
{
  nawat_ui_test_run_fresh ("score-form-window", drive_identity_flush, NULL);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/score-form-window/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/score-form-window/identity-flush", test_identity_flush);

  return g_test_run ();
}
