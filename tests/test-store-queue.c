/* test-store-queue.c: the store's database thread and its signals
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "nawat-core.h"

#include <glib/gstdio.h>

#define CALL_ID "q1"
#define CALL_DOC "call:" CALL_ID
#define PROJECT "project:" CALL_ID ":p000001"
#define EVALUATOR "evaluator-01"

typedef struct
{
  char       *dir;
  NawatStore *store;
  NawatCall  *call;
} Fixture;

/* Imports a generated call of five projects and two evaluators. */
static void
import_call (NawatStore *store,
             const char *call_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) problems = NULL;
  guint n = 0;

  g_assert_true (nawat_generator_write (output, call_id, 5, 2, 7, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (output, NULL, &error));
  g_assert_true (nawat_store_import_data (store,
                                          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (output)),
                                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (output)),
                                          &n, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-queue-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);
  import_call (fixture->store, CALL_ID);

  fixture->call = nawat_store_get_call (fixture->store, CALL_DOC, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->call);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->call);
  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

typedef struct
{
  NawatProject    *project;
  NawatRubric     *rubric;
  NawatEvaluation *evaluation;
} Opened;

static void
opened_clear (Opened *opened)
{
  g_clear_object (&opened->project);
  g_clear_object (&opened->rubric);
  g_clear_object (&opened->evaluation);
}

static gboolean
open_project (Fixture     *fixture,
              const char  *project_id,
              const char  *evaluator,
              Opened      *opened,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  nawat_store_open_project_async (fixture->store, fixture->call, project_id, evaluator,
                                  NULL, store_result_cb, &result);
  return nawat_store_open_project_finish (fixture->store, wait_for (&result),
                                          &opened->project, &opened->rubric,
                                          &opened->evaluation, error);
}

/* Opening a project reads it, the call's rubric and the evaluator's own
 * evaluation, or a new draft of it; without an evaluator, none.
 */
static void
test_open_project (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Opened opened = { 0 };

  g_assert_true (open_project (fixture, PROJECT, EVALUATOR, &opened, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (opened.project)), ==, PROJECT);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (opened.rubric)), ==,
                   nawat_call_get_rubric (fixture->call));
  g_assert_nonnull (opened.evaluation);
  g_assert_cmpstr (nawat_evaluation_get_project (opened.evaluation), ==, PROJECT);
  g_assert_cmpstr (nawat_evaluation_get_evaluator (opened.evaluation), ==, EVALUATOR);
  opened_clear (&opened);

  /* Someone who never scored it gets a draft that is not stored. */
  g_assert_true (open_project (fixture, PROJECT, "newcomer", &opened, &error));
  g_assert_cmpstr (nawat_evaluation_get_evaluator (opened.evaluation), ==, "newcomer");
  g_assert_null (nawat_evaluation_get_overall_comment (opened.evaluation));
  opened_clear (&opened);

  g_assert_true (open_project (fixture, PROJECT, NULL, &opened, &error));
  g_assert_nonnull (opened.project);
  g_assert_null (opened.evaluation);
  opened_clear (&opened);

  /* A project the store does not hold: an error, and nothing opened. */
  g_assert_false (open_project (fixture, "project:" CALL_ID ":nope", EVALUATOR, &opened, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_assert_null (opened.project);
  g_assert_null (opened.evaluation);
}

/* A read asked for after a save sees it: the jobs run in order. */
static void
test_read_after_save (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(NawatEvaluation) draft = nawat_evaluation_new (PROJECT, "newcomer",
                                                           nawat_call_get_rubric (fixture->call));
  Opened opened = { 0 };

  nawat_evaluation_set_overall_comment (draft, "ลำดับก่อนหลัง");
  nawat_store_save_evaluation_async (fixture->store, draft, store_result_cb, &saved);
  /* Asked for before the save's outcome is known. */
  g_assert_true (open_project (fixture, PROJECT, "newcomer", &opened, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (opened.evaluation), ==, "ลำดับก่อนหลัง");
  g_assert_true (nawat_store_save_evaluation_finish (fixture->store, wait_for (&saved), &error));
  g_assert_no_error (error);
  opened_clear (&opened);
}

/* A job on the database thread may save with the synchronous functions,
 * even with saves queued after it: it does not wait for itself.
 */
typedef struct
{
  NawatStore      *store;
  NawatEvaluation *evaluation;
  gint             open;      /* the job waits until it is set */
} JobData;

static void
save_in_job_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  JobData *job = task_data;
  GError *error = NULL;

  while (!g_atomic_int_get (&job->open))
    g_usleep (1000);
  if (nawat_store_save_evaluation (job->store, job->evaluation, &error))
    g_task_return_pointer (task, g_thread_self (), NULL);
  else
    g_task_return_error (task, error);
}

static void
test_job_saves (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) job_done = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GTask) task = NULL;
  const char *rubric = nawat_call_get_rubric (fixture->call);
  g_autoptr(NawatEvaluation) first = nawat_evaluation_new (PROJECT, "newcomer", rubric);
  g_autoptr(NawatEvaluation) second = nawat_evaluation_new (PROJECT, "another", rubric);
  g_autoptr(NawatEvaluation) stored = NULL;
  JobData job = { fixture->store, first, FALSE };
  gpointer thread;

  nawat_evaluation_set_overall_comment (first, "ก่อน");
  nawat_evaluation_set_overall_comment (second, "หลัง");
  task = g_task_new (NULL, NULL, store_result_cb, &job_done);
  g_task_set_task_data (task, &job, NULL);
  nawat_store_run_async (fixture->store, task, save_in_job_thread);
  g_clear_object (&task);
  /* Queued behind the job, before it runs: the job's own save must not
   * wait for this one.
   */
  nawat_store_save_evaluation_async (fixture->store, second, store_result_cb, &saved);
  g_atomic_int_set (&job.open, TRUE);

  thread = g_task_propagate_pointer (G_TASK (wait_for (&job_done)), &error);
  g_assert_no_error (error);
  g_assert_true (thread != g_thread_self ());
  g_assert_true (nawat_store_save_evaluation_finish (fixture->store, wait_for (&saved), &error));
  g_assert_no_error (error);

  stored = nawat_store_get_evaluation (fixture->store, nawat_document_get_id (NAWAT_DOCUMENT (first)),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (stored), ==, "ก่อน");
  g_clear_object (&stored);
  stored = nawat_store_get_evaluation (fixture->store, nawat_document_get_id (NAWAT_DOCUMENT (second)),
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nawat_evaluation_get_overall_comment (stored), ==, "หลัง");
}

/* A cancelled job does not run. */
static void
never_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_assert_not_reached ();
}

static void
test_cancelled_job (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) done = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, store_result_cb, &done);

  g_cancellable_cancel (cancellable);
  nawat_store_run_async (fixture->store, task, never_thread);
  g_clear_object (&task);
  g_assert_false (g_task_propagate_boolean (G_TASK (wait_for (&done)), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GThread   *thread;    /* where the handlers ran */
  GPtrArray *changed;   /* the projects told, in order */
  guint      resets;
} Heard;

static void
on_project_changed_cb (NawatStore *store,
                       const char *project_id,
                       Heard      *heard)
{
  heard->thread = g_thread_self ();
  g_ptr_array_add (heard->changed, g_strdup (project_id));
}

static void
on_reset_cb (NawatStore *store,
             Heard      *heard)
{
  heard->thread = g_thread_self ();
  heard->resets++;
}

/* Writes made on the database thread are told on the main context, from
 * its loop, each project once however often it changed meanwhile.
 */
static void
test_signals_on_main_context (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(NawatEvaluation) draft = nawat_evaluation_new (PROJECT, "newcomer",
                                                           nawat_call_get_rubric (fixture->call));
  Heard heard = { NULL, g_ptr_array_new_with_free_func (g_free), 0 };

  g_signal_connect (fixture->store, "project-changed", G_CALLBACK (on_project_changed_cb), &heard);
  g_signal_connect (fixture->store, "reset", G_CALLBACK (on_reset_cb), &heard);

  nawat_evaluation_set_overall_comment (draft, "หนึ่ง");
  nawat_store_save_evaluation_async (fixture->store, draft, store_result_cb, &first);
  nawat_evaluation_set_overall_comment (draft, "สอง");
  nawat_store_save_evaluation_async (fixture->store, draft, store_result_cb, &second);
  /* Both made before the loop runs again. */
  g_assert_true (nawat_store_save_evaluation (fixture->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (heard.changed->len, ==, 0);

  wait_for (&first);
  wait_for (&second);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (heard.thread == g_thread_self ());
  g_assert_cmpuint (heard.changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (heard.changed, 0), ==, PROJECT);

  /* A reset (an import) makes the changes told before it moot. */
  g_ptr_array_set_size (heard.changed, 0);
  nawat_evaluation_set_overall_comment (draft, "สาม");
  g_assert_true (nawat_store_save_evaluation (fixture->store, draft, &error));
  g_assert_no_error (error);
  import_call (fixture->store, "q2");
  g_assert_cmpuint (heard.resets, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (heard.resets, ==, 1);
  g_assert_cmpuint (heard.changed->len, ==, 0);

  g_signal_handlers_disconnect_by_data (fixture->store, &heard);
  g_ptr_array_unref (heard.changed);
}

/* The store goes away with signals still waiting: nothing is told, and
 * nothing is touched after it is freed (ASan in CI).
 */
static void
test_signals_after_close (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatEvaluation) draft = nawat_evaluation_new (PROJECT, "newcomer",
                                                           nawat_call_get_rubric (fixture->call));
  Heard heard = { NULL, g_ptr_array_new_with_free_func (g_free), 0 };

  g_signal_connect (fixture->store, "project-changed", G_CALLBACK (on_project_changed_cb), &heard);
  g_assert_true (nawat_store_save_evaluation (fixture->store, draft, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (heard.changed->len, ==, 0);
  g_ptr_array_unref (heard.changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/store-queue/open-project", Fixture, NULL,
              fixture_setup, test_open_project, fixture_teardown);
  g_test_add ("/nawat/store-queue/read-after-save", Fixture, NULL,
              fixture_setup, test_read_after_save, fixture_teardown);
  g_test_add ("/nawat/store-queue/job-saves", Fixture, NULL,
              fixture_setup, test_job_saves, fixture_teardown);
  g_test_add ("/nawat/store-queue/cancelled-job", Fixture, NULL,
              fixture_setup, test_cancelled_job, fixture_teardown);
  g_test_add ("/nawat/store-queue/signals-on-main-context", Fixture, NULL,
              fixture_setup, test_signals_on_main_context, fixture_teardown);
  g_test_add ("/nawat/store-queue/signals-after-close", Fixture, NULL,
              fixture_setup, test_signals_after_close, fixture_teardown);

  return g_test_run ();
}
