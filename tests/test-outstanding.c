/* test-outstanding.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-csv.h"
#include "nawat-generator.h"
#include "nawat-outstanding.h"
#include "nawat-round.h"
#include "nawat-stats.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <string.h>

/* 17:00 in Thailand on 15 January 2027 (BE 2570). */
#define DEADLINE "2027-01-15T10:00:00Z"

typedef struct
{
  char       *dir;
  NawatStore *store;
} Fixture;

static void
import (NawatStore *store,
        const char *data,
        gsize       length)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (!nawat_store_import_data (store, data, length, &n_imported, &problems, &error))
    for (guint i = 0; problems != NULL && i < problems->len; i++)
      g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, i));
  g_assert_no_error (error);
}

/* A generated call: 40 projects, 5 evaluators, about 70 % of the assigned
 * evaluations written, some submitted, some drafts.
 */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-outstanding-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (nawat_generator_write_with_deadline (memory, "gen", 40, 5, 3, DEADLINE,
                                                      NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  import (fixture->store,
          g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GPtrArray *
list (Fixture    *fixture,
      const char *evaluator)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result = nawat_outstanding_list (fixture->store, "gen", evaluator, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static NawatOutstanding *
find (GPtrArray  *outstanding,
      const char *evaluator)
{
  for (guint i = 0; i < outstanding->len; i++)
    {
      NawatOutstanding *o = g_ptr_array_index (outstanding, i);

      if (g_str_equal (o->evaluator, evaluator))
        return o;
    }
  return NULL;
}

static NawatOutstandingProject *
find_project (NawatOutstanding *outstanding,
              const char       *code)
{
  for (guint i = 0; i < outstanding->projects->len; i++)
    {
      NawatOutstandingProject *p = g_ptr_array_index (outstanding->projects, i);

      if (g_str_equal (p->code, code))
        return p;
    }
  return NULL;
}

/* The counts agree with the call's statistics, computed on their own,
 * and each outstanding project is assigned and not submitted, read
 * document by document.
 */
static void
test_matches_store (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) outstanding = list (fixture, NULL);
  g_autoptr(NawatCallStats) stats = NULL;
  g_autoptr(GError) error = NULL;
  guint n_not_started = 0;
  guint n_draft = 0;

  stats = nawat_call_stats_compute (fixture->store, "gen", NAWAT_STATS_DEFAULT_THRESHOLD,
                                    NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (outstanding->len, ==, 5);
  for (guint i = 0; i < outstanding->len; i++)
    {
      NawatOutstanding *o = g_ptr_array_index (outstanding, i);
      const NawatEvaluatorStats *es = nawat_call_stats_lookup_evaluator (stats, o->evaluator);

      if (i > 0)
        g_assert_cmpstr (((NawatOutstanding *) g_ptr_array_index (outstanding, i - 1))->evaluator,
                         <, o->evaluator);
      g_assert_nonnull (es);
      g_assert_cmpuint (o->n_assigned, ==, es->assigned);
      g_assert_cmpuint (o->n_submitted, ==, es->submitted);
      g_assert_cmpuint (o->n_conflict, ==, es->conflict);
      g_assert_cmpuint (o->projects->len, ==, o->n_assigned - o->n_submitted - o->n_conflict);
      g_assert_cmpstr (o->display_name, ==, o->evaluator);

      /* Asked for alone, the evaluator's work is the same. */
      {
        g_autoptr(GPtrArray) alone = list (fixture, o->evaluator);
        NawatOutstanding *a = g_ptr_array_index (alone, 0);

        g_assert_cmpuint (alone->len, ==, 1);
        g_assert_cmpstr (a->evaluator, ==, o->evaluator);
        g_assert_cmpuint (a->n_assigned, ==, o->n_assigned);
        g_assert_cmpuint (a->n_submitted, ==, o->n_submitted);
        g_assert_cmpuint (a->n_conflict, ==, o->n_conflict);
        g_assert_cmpuint (a->projects->len, ==, o->projects->len);
        for (guint j = 0; j < o->projects->len; j++)
          g_assert_cmpstr (((NawatOutstandingProject *) g_ptr_array_index (a->projects, j))->code, ==,
                           ((NawatOutstandingProject *) g_ptr_array_index (o->projects, j))->code);
      }

      for (guint j = 0; j < o->projects->len; j++)
        {
          NawatOutstandingProject *p = g_ptr_array_index (o->projects, j);
          g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store,
                                                                     p->project_id, &error);
          g_autofree char *id = g_strdup_printf ("evaluation:gen:%s:%s", p->code, o->evaluator);
          g_autoptr(NawatEvaluation) evaluation = NULL;
          g_autoptr(GError) missing = NULL;

          g_assert_no_error (error);
          g_assert_true (g_strv_contains (nawat_project_get_assigned (project), o->evaluator));
          g_assert_nonnull (p->title);
          if (j > 0)
            g_assert_cmpstr (((NawatOutstandingProject *) g_ptr_array_index (o->projects, j - 1))->code,
                             <, p->code);

          evaluation = nawat_store_get_evaluation (fixture->store, id, &missing);
          if (evaluation == NULL)
            {
              g_assert_error (missing, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
              g_assert_cmpint (p->status, ==, NAWAT_PROJECT_STATUS_NOT_STARTED);
              n_not_started++;
            }
          else
            {
              g_assert_cmpint (nawat_evaluation_get_status (evaluation), ==, NAWAT_EVALUATION_DRAFT);
              g_assert_cmpint (p->status, ==, NAWAT_PROJECT_STATUS_DRAFT);
              n_draft++;
            }
        }
    }

  /* The generated call has both kinds, or the test proves little. */
  g_assert_cmpuint (n_not_started, >, 0);
  g_assert_cmpuint (n_draft, >, 0);
}

/* A submitted evaluation taken back to draft is outstanding again; a
 * declared conflict of interest is not.
 */
static void
test_changes (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) before = list (fixture, "evaluator-02");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(NawatEvaluation) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *submitted_code = NULL;
  g_autofree char *conflict_code = NULL;
  g_autofree char *conflict = NULL;
  NawatOutstanding *b;
  NawatOutstanding *a;

  g_assert_cmpuint (before->len, ==, 1);
  b = g_ptr_array_index (before, 0);
  g_assert_cmpstr (b->evaluator, ==, "evaluator-02");

  /* A project of theirs that is submitted, and one not started. */
  page = nawat_store_list_projects_page (fixture->store, "gen", NULL, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      NawatProject *project = g_ptr_array_index (page, i);
      const char *code = nawat_project_get_code (project);
      NawatOutstandingProject *p = find_project (b, code);

      if (!g_strv_contains (nawat_project_get_assigned (project), "evaluator-02"))
        continue;
      if (p == NULL && submitted_code == NULL)
        submitted_code = g_strdup (code);
      if (p != NULL && p->status == NAWAT_PROJECT_STATUS_NOT_STARTED && conflict_code == NULL)
        conflict_code = g_strdup (code);
    }
  g_assert_nonnull (submitted_code);
  g_assert_nonnull (conflict_code);

  {
    g_autofree char *id = g_strdup_printf ("evaluation:gen:%s:evaluator-02", submitted_code);

    reopened = nawat_store_reopen_evaluation (fixture->store, id, "coordinator", &error);
    g_assert_no_error (error);
    g_assert_nonnull (reopened);
  }
  conflict = g_strdup_printf ("{\"docs\": [{\"_id\": \"evaluation:gen:%s:evaluator-02\","
                              " \"type\": \"evaluation\", \"schema\": 1,"
                              " \"project\": \"project:gen:%s\", \"evaluator\": \"evaluator-02\","
                              " \"rubric\": \"rubric:default:1\", \"scores\": {}, \"comments\": {},"
                              " \"overall_comment\": \"\", \"recommendation\": null,"
                              " \"conflict_of_interest\": {\"declared\": true, \"note\": \"A partner\"},"
                              " \"status\": \"draft\", \"updated\": \"2026-08-01T10:00:00Z\"}]}",
                              conflict_code, conflict_code);
  import (fixture->store, conflict, strlen (conflict));

  after = list (fixture, "evaluator-02");
  a = g_ptr_array_index (after, 0);
  g_assert_cmpuint (a->n_assigned, ==, b->n_assigned);
  g_assert_cmpuint (a->n_submitted, ==, b->n_submitted - 1);
  g_assert_cmpuint (a->n_conflict, ==, b->n_conflict + 1);
  g_assert_cmpuint (a->projects->len, ==, b->projects->len);
  g_assert_nonnull (find_project (a, submitted_code));
  g_assert_cmpint (find_project (a, submitted_code)->status, ==, NAWAT_PROJECT_STATUS_DRAFT);
  g_assert_null (find_project (a, conflict_code));
}

static void
test_message (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) outstanding = list (fixture, NULL);
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatCall) extended = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *en = NULL;
  g_autofree char *th = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *other = NULL;
  g_autofree char *later = NULL;
  NawatOutstanding *o = find (outstanding, "evaluator-02");

  call = nawat_store_get_call (fixture->store, "call:gen", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (o->projects->len, >, 0);

  en = nawat_outstanding_dup_message (call, o, "en");
  th = nawat_outstanding_dup_message (call, o, "th");
  subject = nawat_outstanding_dup_subject (call, o, "en");
  g_assert_true (g_str_has_prefix (en, "Dear evaluator-02,\n"));
  g_assert_true (g_str_has_prefix (th, "เรียน evaluator-02\n"));
  g_assert_nonnull (strstr (subject, "Social Innovation Fund 2026"));
  for (guint i = 0; i < o->projects->len; i++)
    {
      NawatOutstandingProject *p = g_ptr_array_index (o->projects, i);
      g_autofree char *line_en = g_strdup_printf ("- %s %s (", p->code, p->title->en);
      g_autofree char *line_th = g_strdup_printf ("- %s %s (", p->code, p->title->th);

      g_assert_nonnull (strstr (en, line_en));
      g_assert_nonnull (strstr (th, line_th));
    }
  /* Common Era in English, Buddhist Era in Thai, in Thailand's time. */
  g_assert_nonnull (strstr (en, "by 15 January 2027 at 17:00, Thailand time."));
  g_assert_nonnull (strstr (th, "15 มกราคม 2570 เวลา 17:00 น."));
  g_assert_null (strstr (th, "2027"));

  /* An extension is the evaluator's own deadline. */
  until = g_date_time_new_from_iso8601 ("2027-02-01T03:00:00Z", NULL);
  extended = nawat_store_extend_deadline (fixture->store, "gen", "evaluator-02", until, &error);
  g_assert_no_error (error);
  later = nawat_outstanding_dup_message (extended, o, "en");
  other = nawat_outstanding_dup_message (extended, find (outstanding, "evaluator-01"), "en");
  g_assert_nonnull (strstr (later, "by 1 February 2027 at 10:00"));
  g_assert_nonnull (strstr (other, "by 15 January 2027 at 17:00"));
}

static void
test_mailto (void)
{
  g_autofree char *uri = nawat_outstanding_dup_mailto ("งาน & more?", "Dear a,\n\n- p1 x=1\n");
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  const char *amp;

  g_assert_true (g_str_has_prefix (uri, "mailto:?subject="));
  amp = strstr (uri, "&body=");
  g_assert_nonnull (amp);
  /* Nothing in the values is left for a mail client to misread. */
  g_assert_null (strpbrk (amp + strlen ("&body="), " \n&?=#"));
  subject = g_uri_unescape_segment (uri + strlen ("mailto:?subject="), amp, NULL);
  body = g_uri_unescape_string (amp + strlen ("&body="), NULL);
  g_assert_cmpstr (subject, ==, "งาน & more?");
  g_assert_cmpstr (body, ==, "Dear a,\r\n\r\n- p1 x=1\r\n");
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GPtrArray) outstanding = list (fixture, NULL);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint row = 1;

  g_assert_true (nawat_outstanding_write (outstanding, "th", NAWAT_TABLE_CSV, memory, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  rows = nawat_csv_parse (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                          NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstrv (g_ptr_array_index (rows, 0),
                    ((const char * const[]) { "evaluator", "code", "title", "status", NULL }));
  for (guint i = 0; i < outstanding->len; i++)
    {
      NawatOutstanding *o = g_ptr_array_index (outstanding, i);

      for (guint j = 0; j < o->projects->len; j++, row++)
        {
          NawatOutstandingProject *p = g_ptr_array_index (o->projects, j);
          char **cells = g_ptr_array_index (rows, row);

          g_assert_cmpstr (cells[0], ==, o->evaluator);
          g_assert_cmpstr (cells[1], ==, p->code);
          g_assert_cmpstr (cells[2], ==, p->title->th);
          g_assert_cmpstr (cells[3], ==, p->status == NAWAT_PROJECT_STATUS_DRAFT
                                         ? "ฉบับร่าง" : "ยังไม่เริ่ม");
        }
    }
  g_assert_cmpuint (rows->len, ==, row);
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) no_call = NULL;
  g_autoptr(GError) error = NULL;

  none = nawat_outstanding_list (fixture->store, "gen", "nobody", &error);
  g_assert_null (none);
  g_assert_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL);
  g_clear_error (&error);

  no_call = nawat_outstanding_list (fixture->store, "missing", NULL, &error);
  g_assert_null (no_call);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
}

/* Per project: the same work as per evaluator, turned around, and each
 * project's counts read from its documents.
 */
static void
test_by_project_matches (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) by_evaluator = list (fixture, NULL);
  g_autoptr(GPtrArray) by_project = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  for (guint i = 0; i < by_evaluator->len; i++)
    {
      NawatOutstanding *o = g_ptr_array_index (by_evaluator, i);

      for (guint j = 0; j < o->projects->len; j++)
        {
          NawatOutstandingProject *p = g_ptr_array_index (o->projects, j);

          g_hash_table_insert (expected, g_strdup_printf ("%s %s", p->code, o->evaluator),
                               GINT_TO_POINTER (p->status + 1));
        }
    }

  by_project = nawat_outstanding_list_by_project (fixture->store, "gen", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (by_project);
  g_assert_cmpuint (by_project->len, >, 0);
  for (guint i = 0; i < by_project->len; i++)
    {
      NawatProjectOutstanding *p = g_ptr_array_index (by_project, i);
      g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store, p->project_id, &error);
      g_autoptr(GPtrArray) evaluations = NULL;
      const char * const *assigned;
      guint n_submitted = 0;
      guint n_conflict = 0;

      g_assert_no_error (error);
      if (i > 0)
        g_assert_cmpstr (((NawatProjectOutstanding *) g_ptr_array_index (by_project, i - 1))->code,
                         <, p->code);
      g_assert_cmpstr (p->code, ==, nawat_project_get_code (project));
      g_assert_cmpstr (p->title->en, ==, nawat_project_get_title (project)->en);
      g_assert_cmpstr (p->title->th, ==, nawat_project_get_title (project)->th);
      assigned = nawat_project_get_assigned (project);
      g_assert_cmpuint (p->n_assigned, ==, g_strv_length ((char **) assigned));

      evaluations = nawat_store_list_evaluations (fixture->store, p->project_id, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < evaluations->len; j++)
        {
          NawatEvaluation *e = g_ptr_array_index (evaluations, j);

          if (!g_strv_contains (assigned, nawat_evaluation_get_evaluator (e)))
            continue;
          if (nawat_evaluation_get_conflict_declared (e))
            n_conflict++;
          else if (nawat_evaluation_get_status (e) == NAWAT_EVALUATION_SUBMITTED)
            n_submitted++;
        }
      g_assert_cmpuint (p->n_submitted, ==, n_submitted);
      g_assert_cmpuint (p->n_conflict, ==, n_conflict);
      g_assert_cmpuint (p->evaluators->len, ==, p->n_assigned - n_submitted - n_conflict);
      g_assert_cmpuint (p->evaluators->len, >, 0);

      for (guint j = 0; j < p->evaluators->len; j++, n_rows++)
        {
          NawatOutstandingEvaluator *e = g_ptr_array_index (p->evaluators, j);
          g_autofree char *key = g_strdup_printf ("%s %s", p->code, e->evaluator);

          if (j > 0)
            g_assert_cmpstr (((NawatOutstandingEvaluator *) g_ptr_array_index (p->evaluators, j - 1))->evaluator,
                             <, e->evaluator);
          g_assert_true (g_hash_table_contains (expected, key));
          g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (expected, key)), ==, e->status + 1);
        }
    }
  /* Every outstanding evaluation of the evaluators' view is here. */
  g_assert_cmpuint (n_rows, ==, g_hash_table_size (expected));
}

/* Evaluation @code by @evaluator, as JSON; a submitted one scores every
 * criterion of the default rubric.
 */
static char *
evaluation_json (const char *code,
                 const char *evaluator,
                 const char *status,
                 gboolean    conflict)
{
  static const char *criteria[] = {
    "domains.environment", "domains.food-water-energy", "domains.government-education",
    "domains.finance-welfare", "domains.sustainable-agriculture", "domains.urbanization",
    "domains.health", "domains.tourism-culture", "domains.disaster-management",
    "helix.government", "helix.academia", "helix.private", "helix.civil-society",
    "helix.environment", "merit.innovation", "merit.impact", "merit.feasibility",
    "merit.sustainability", "merit.participation", NULL,
  };
  g_autoptr(GString) scores = g_string_new ("{");

  for (guint i = 0; g_str_equal (status, "submitted") && criteria[i] != NULL; i++)
    g_string_append_printf (scores, "%s\"%s\": 3", i > 0 ? ", " : "", criteria[i]);
  g_string_append_c (scores, '}');
  return g_strdup_printf ("{\"_id\": \"evaluation:hand:%s:%s\", \"type\": \"evaluation\","
                          " \"schema\": 1, \"project\": \"project:hand:%s\", \"evaluator\": \"%s\","
                          " \"rubric\": \"rubric:default:1\", \"scores\": %s, \"comments\": {},"
                          " \"overall_comment\": \"\", \"recommendation\": null,"
                          " \"conflict_of_interest\": {\"declared\": %s, \"note\": \"\"},"
                          " \"status\": \"%s\", \"updated\": \"2026-08-01T10:00:00Z\"}",
                          code, evaluator, code, evaluator, scores->str,
                          conflict ? "true" : "false", status);
}

static char *
project_json (const char *code,
              const char *assigned)
{
  return g_strdup_printf ("{\"_id\": \"project:hand:%s\", \"type\": \"project\", \"schema\": 1,"
                          " \"call\": \"hand\", \"code\": \"%s\","
                          " \"title\": {\"en\": \"Project %s\", \"th\": \"โครงการ %s\"},"
                          " \"province\": \"TH-50\", \"organisation\": \"org\","
                          " \"domains\": [\"health\"],"
                          " \"assigned\": [%s]}",
                          code, code, code, code, assigned);
}

static NawatProjectOutstanding *
find_by_code (GPtrArray  *by_project,
              const char *code)
{
  for (guint i = 0; i < by_project->len; i++)
    {
      NawatProjectOutstanding *p = g_ptr_array_index (by_project, i);

      if (g_str_equal (p->code, code))
        return p;
    }
  return NULL;
}

/* Each case on its own: a submitted evaluation is done, a draft is not, a
 * declared conflict is done (even in a draft), a project assigned to no
 * one has nothing outstanding, and the evaluation of someone recused from
 * the project (no longer assigned) counts for nothing.
 */
static void
test_by_project_cases (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) by_project = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) docs = g_string_new ("[{\"_id\": \"call:hand\", \"type\": \"call\", \"schema\": 1,"
                                          " \"title\": {\"en\": \"Hand\"},"
                                          " \"evaluators\": [\"anan\", \"jane\", \"malee\", \"somchai\"],"
                                          " \"evaluator_profiles\": {\"jane\": {\"display_name\": \"Jane D.\"}}}");
  char *parts[] = {
    project_json ("a-mixed", "\"somchai\", \"jane\", \"malee\""),
    evaluation_json ("a-mixed", "malee", "submitted", FALSE),
    evaluation_json ("a-mixed", "jane", "draft", FALSE),
    project_json ("b-done", "\"malee\", \"anan\""),
    evaluation_json ("b-done", "malee", "draft", TRUE),
    evaluation_json ("b-done", "anan", "submitted", FALSE),
    project_json ("c-unassigned", ""),
    project_json ("d-other", "\"jane\", \"anan\""),
    evaluation_json ("d-other", "anan", "submitted", FALSE),
    NULL,
  };
  g_autoptr(NawatCall) call = NULL;
  NawatProjectOutstanding *p;
  NawatOutstandingEvaluator *e;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_string_append_printf (docs, ", %s", parts[i]);
      g_free (parts[i]);
    }
  g_string_append_c (docs, ']');
  import (fixture->store, docs->str, docs->len);

  /* Anan's submitted evaluation stays after their recusal from d-other. */
  call = nawat_store_get_call (fixture->store, "call:hand", &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_recuse (fixture->store, call, "project:hand:d-other", "anan",
                                     NAWAT_CONFLICT_TYPE_FINANCIAL, NULL, &error));
  g_assert_no_error (error);

  by_project = nawat_outstanding_list_by_project (fixture->store, "hand", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_project->len, ==, 2);
  g_assert_null (find_by_code (by_project, "b-done"));
  g_assert_null (find_by_code (by_project, "c-unassigned"));

  /* Malee submitted; Jane's draft and Somchai's nothing are outstanding. */
  p = find_by_code (by_project, "a-mixed");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->project_id, ==, "project:hand:a-mixed");
  g_assert_cmpstr (p->title->th, ==, "โครงการ a-mixed");
  g_assert_cmpuint (p->n_assigned, ==, 3);
  g_assert_cmpuint (p->n_submitted, ==, 1);
  g_assert_cmpuint (p->n_conflict, ==, 0);
  g_assert_cmpuint (p->evaluators->len, ==, 2);
  e = g_ptr_array_index (p->evaluators, 0);
  g_assert_cmpstr (e->evaluator, ==, "jane");
  g_assert_cmpstr (e->display_name, ==, "Jane D.");
  g_assert_cmpint (e->status, ==, NAWAT_PROJECT_STATUS_DRAFT);
  e = g_ptr_array_index (p->evaluators, 1);
  g_assert_cmpstr (e->evaluator, ==, "somchai");
  g_assert_cmpstr (e->display_name, ==, "somchai");
  g_assert_cmpint (e->status, ==, NAWAT_PROJECT_STATUS_NOT_STARTED);

  /* Anan's evaluation is no longer of an assigned evaluator: only Jane's
   * is counted, and it is to do.
   */
  p = find_by_code (by_project, "d-other");
  g_assert_nonnull (p);
  g_assert_cmpuint (p->n_assigned, ==, 1);
  g_assert_cmpuint (p->n_submitted, ==, 0);
  g_assert_cmpuint (p->evaluators->len, ==, 1);
  e = g_ptr_array_index (p->evaluators, 0);
  g_assert_cmpstr (e->evaluator, ==, "jane");
  g_assert_cmpint (e->status, ==, NAWAT_PROJECT_STATUS_NOT_STARTED);

  /* As a table: a row per project and evaluator, in English. */
  g_assert_true (nawat_outstanding_write_by_project (by_project, "en", NAWAT_TABLE_CSV, memory,
                                                     &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (memory, NULL, &error));
  rows = nawat_csv_parse (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                          g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpstrv (g_ptr_array_index (rows, 0),
                    ((const char * const[]) { "code", "title", "evaluator", "status", NULL }));
  g_assert_cmpstrv (g_ptr_array_index (rows, 1),
                    ((const char * const[]) { "a-mixed", "Project a-mixed", "jane", "Draft", NULL }));
  g_assert_cmpstrv (g_ptr_array_index (rows, 2),
                    ((const char * const[]) { "a-mixed", "Project a-mixed", "somchai", "Not started", NULL }));
  g_assert_cmpstrv (g_ptr_array_index (rows, 3),
                    ((const char * const[]) { "d-other", "Project d-other", "jane", "Not started", NULL }));

  /* Jane submits: her line goes, Somchai's stays. */
  {
    g_autofree char *submitted = evaluation_json ("a-mixed", "jane", "submitted", FALSE);
    g_autofree char *doc = g_strdup_printf ("[%s]", submitted);
    g_autoptr(GPtrArray) after = NULL;

    import (fixture->store, doc, strlen (doc));
    after = nawat_outstanding_list_by_project (fixture->store, "hand", NULL, &error);
    g_assert_no_error (error);
    p = find_by_code (after, "a-mixed");
    g_assert_cmpuint (p->n_submitted, ==, 2);
    g_assert_cmpuint (p->evaluators->len, ==, 1);
    g_assert_cmpstr (((NawatOutstandingEvaluator *) g_ptr_array_index (p->evaluators, 0))->evaluator,
                     ==, "somchai");
  }

  g_assert_null (nawat_outstanding_list_by_project (fixture->store, "missing", NULL, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/outstanding/matches-store", Fixture, NULL,
              fixture_setup, test_matches_store, fixture_teardown);
  g_test_add ("/nawat/outstanding/changes", Fixture, NULL,
              fixture_setup, test_changes, fixture_teardown);
  g_test_add ("/nawat/outstanding/message", Fixture, NULL,
              fixture_setup, test_message, fixture_teardown);
  g_test_add_func ("/nawat/outstanding/mailto", test_mailto);
  g_test_add ("/nawat/outstanding/csv", Fixture, NULL,
              fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/nawat/outstanding/unknown", Fixture, NULL,
              fixture_setup, test_unknown, fixture_teardown);
  g_test_add ("/nawat/outstanding/by-project", Fixture, NULL,
              fixture_setup, test_by_project_matches, fixture_teardown);
  g_test_add ("/nawat/outstanding/by-project-cases", Fixture, NULL,
              fixture_setup, test_by_project_cases, fixture_teardown);

  return g_test_run ();
}
