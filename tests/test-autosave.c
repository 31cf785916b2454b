/* test-autosave.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nawat-store.h"

/* A process that saves an evaluation again and again is killed with
 * SIGKILL at random moments; every save it acknowledged must be in the
 * store when it is opened again, and the database must be intact.
 */

#define N_KILLS 60
#define EVALUATION_ID "evaluation:c1:p001:somchai"
#define COUNTER_PREFIX "save "

static const char *project_doc =
  "[{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1, \"title\": {\"en\": \"C\"}},"
  " {\"_id\": \"project:c1:p001\", \"type\": \"project\", \"schema\": 1,"
  " \"call\": \"c1\", \"code\": \"p001\","
  " \"title\": {\"th\": \"การอนุรักษ์สิ่งแวดล้อม\", \"en\": \"Conservation\"},"
  " \"organisation\": \"Org\", \"province\": \"TH-50\", \"domains\": [\"environment\"]}]";

static char *self_exe;

static gint64
stored_counter (NawatEvaluation *evaluation)
{
  const char *comment = nawat_evaluation_get_overall_comment (evaluation);

  g_assert_nonnull (comment);
  g_assert_true (g_str_has_prefix (comment, COUNTER_PREFIX));
  return g_ascii_strtoll (comment + strlen (COUNTER_PREFIX), NULL, 10);
}

static int
score_for (gint64 counter)
{
  return 1 + counter % 5;
}

static void
write_all (const char *text)
{
  gsize length = strlen (text);

  while (length > 0)
    {
      ssize_t n = write (STDOUT_FILENO, text, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        exit (3);
      text += n;
      length -= n;
    }
}

/* The child: saves forever, printing the number of each save after
 * nawat_store_save_evaluation returned.
 */
static int
run_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = nawat_store_open (path, &error);
  g_autoptr(NawatEvaluation) evaluation = NULL;
  gint64 counter = 0;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  evaluation = nawat_store_get_evaluation (store, EVALUATION_ID, NULL);
  if (evaluation != NULL)
    counter = stored_counter (evaluation);
  else
    evaluation = nawat_evaluation_new ("project:c1:p001", "somchai", NAWAT_DEFAULT_RUBRIC_ID);

  write_all ("ready\n");

  for (;;)
    {
      g_autofree char *comment = NULL;
      g_autofree char *line = NULL;

      counter++;
      comment = g_strdup_printf (COUNTER_PREFIX "%" G_GINT64_FORMAT, counter);
      nawat_evaluation_set_overall_comment (evaluation, comment);
      nawat_evaluation_set_score (evaluation, "merit.innovation", score_for (counter));
      nawat_evaluation_touch (evaluation);

      if (!nawat_store_save_evaluation (store, evaluation, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }

      line = g_strdup_printf ("%" G_GINT64_FORMAT "\n", counter);
      write_all (line);
    }

  return 0;
}

static char *
read_line_blocking (int fd)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char c;

  for (;;)
    {
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0 || c == '\n')
        break;
      g_string_append_c (line, c);
    }

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* The last complete line the child wrote before it died, or -1. */
static gint64
read_last_ack (int fd)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gint64 last = -1;
  char buffer[4096];

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (data, buffer, n);
    }

  lines = g_strsplit (data->str, "\n", -1);
  /* The last element follows the last newline: an unfinished line. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (*lines[i] != '\0')
      last = g_ascii_strtoll (lines[i], NULL, 10);

  return last;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nawat-autosave-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "store.db", NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 expected = 0;
  guint n_with_saves = 0;

  g_assert_no_error (error);

  {
    g_autoptr(NawatStore) store = nawat_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (nawat_store_import_data (store, project_doc, strlen (project_doc),
                                            NULL, NULL, &error));
    g_assert_no_error (error);
  }

  for (guint round = 0; round < N_KILLS; round++)
    {
      const char *argv[] = { self_exe, "--child", path, NULL };
      g_autofree char *ready = NULL;
      g_autoptr(NawatStore) store = NULL;
      g_autoptr(NawatEvaluation) evaluation = NULL;
      GPid pid;
      int out_fd;
      int status;
      guint delay_ms;
      gint64 ack;
      gint64 stored;
      double score = 0;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      ready = read_line_blocking (out_fd);
      g_assert_cmpstr (ready, ==, "ready");

      delay_ms = g_rand_int_range (rand, 1, 51);
      g_usleep (delay_ms * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

      ack = read_last_ack (out_fd);
      close (out_fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);

      assert_integrity (path);

      store = nawat_store_open (path, &error);
      g_assert_no_error (error);
      evaluation = nawat_store_get_evaluation (store, EVALUATION_ID, NULL);

      if (ack >= 0)
        expected = ack;

      if (evaluation == NULL)
        {
          /* Nothing saved yet, and nothing acknowledged. */
          g_assert_cmpint (expected, ==, 0);
          continue;
        }

      stored = stored_counter (evaluation);
      g_test_message ("round %u: killed after %u ms, acknowledged %" G_GINT64_FORMAT
                      ", stored %" G_GINT64_FORMAT, round, delay_ms, ack, stored);

      /* Every acknowledged save is there; at most one more save (committed
       * but killed before it was acknowledged).
       */
      g_assert_cmpint (stored, >=, expected);
      g_assert_cmpint (stored, <=, expected + 1);

      /* The comment and the score come from the same save. */
      g_assert_true (nawat_evaluation_get_score (evaluation, "merit.innovation", &score));
      g_assert_cmpfloat (score, ==, score_for (stored));

      if (ack > 0)
        n_with_saves++;
      expected = stored;
    }

  /* The kills did land in the middle of saving. */
  g_assert_cmpuint (n_with_saves, >, 0);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  if (self_exe == NULL)
    self_exe = g_canonicalize_filename (argv[0], NULL);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nawat/autosave/kill", test_kill);
  ret = g_test_run ();

  g_free (self_exe);
  return ret;
}
