/* nawat-cli.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-call.h"
#include "nawat-codec.h"
#include "nawat-credentials.h"
#include "nawat-evaluation.h"
#include "nawat-export.h"
#include "nawat-file-output.h"
#include "nawat-generator.h"
#include "nawat-merge.h"
#include "nawat-project.h"
#include "nawat-publish.h"
#include "nawat-report.h"
#include "nawat-round.h"
#include "nawat-rubric.h"
#include "nawat-scoring.h"
#include "nawat-stats.h"
#include "nawat-store.h"
#include "nawat-sync.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Exit statuses, for scripts. */
enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  /* --store, or NULL for the default store */
  char *store_path;
} Globals;

typedef int (*CommandFunc) (Globals  *globals,
                            int       argc,
                            char    **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static void
print_error (const char *message)
{
  g_printerr ("nawat-cli: %s\n", message);
}

static int
usage_error (const char *message)
{
  print_error (message);
  g_printerr (_("Run “%s --help” for the options.\n"), g_get_prgname ());
  return EXIT_USAGE;
}

/* Parses a command's options; FALSE after printing the problem. */
static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

static NawatStore *
open_store (Globals  *globals,
            GError  **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  if (globals->store_path != NULL)
    path = g_strdup (globals->store_path);
  else
    path = nawat_store_dup_default_path ("demo");

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  return nawat_store_open (path, error);
}

/* Where a command writes: a file, written whole or not at all, or
 * standard output or a device, written as it goes.
 */
typedef struct
{
  NawatFileOutput *file;
  GOutputStream   *stream;
} Output;

static void
output_free (Output *output)
{
  /* A file not committed is left as it was: absent, or its old contents. */
  g_clear_pointer (&output->file, nawat_file_output_free);
  if (output->stream != NULL && !g_output_stream_is_closed (output->stream))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      /* Not even the buffer after a failure. */
      g_cancellable_cancel (cancelled);
      g_output_stream_close (output->stream, cancelled, NULL);
    }
  g_clear_object (&output->stream);
  g_free (output);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Output, output_free)

/* An output on @path, or standard output for "-". */
static Output *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(Output) output = g_new0 (Output, 1);

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      output->stream = g_buffered_output_stream_new_sized (out, 64 * 1024);
      return g_steal_pointer (&output);
    }

  file = g_file_new_for_commandline_arg (path);
  /* A device or a pipe (/dev/null, a FIFO) is written to, not replaced. */
  if (g_file_query_exists (file, NULL) &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_SPECIAL)
    {
      g_autoptr(GFileOutputStream) stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);

      if (stream == NULL)
        return NULL;
      output->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
      return g_steal_pointer (&output);
    }

  output->file = nawat_file_output_new (file, NULL, error);
  if (output->file == NULL)
    return NULL;
  output->stream = g_object_ref (nawat_file_output_get_stream (output->file));
  return g_steal_pointer (&output);
}

/* Finishes a successful write: the file takes its new contents. */
static gboolean
close_output (Output  *output,
              GError **error)
{
  if (output->file != NULL)
    return nawat_file_output_commit (output->file, NULL, error);
  return g_output_stream_close (output->stream, NULL, error);
}

static gboolean
parse_unsigned (const char *str,
                guint64     max,
                guint64    *value)
{
  return str != NULL && g_ascii_string_to_unsigned (str, 10, 0, max, value, NULL);
}

/* An ISO 8601 date and time, UTC unless it says otherwise; NULL if it is
 * not one.
 */
static GDateTime *
parse_date (const char *str)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (str == NULL || strlen (str) > 64)
    return NULL;
  return g_date_time_new_from_iso8601 (str, utc);
}

static gboolean
is_date (const char *str)
{
  g_autoptr(GDateTime) date = parse_date (str);

  return date != NULL;
}

/* generate */

static int
cmd_generate (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *projects = NULL;
  g_autofree char *evaluators = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *deadline = NULL;
  const GOptionEntry entries[] = {
    { "projects", 'n', 0, G_OPTION_ARG_STRING, &projects, N_("Number of projects"), N_("N") },
    { "evaluators", 'k', 0, G_OPTION_ARG_STRING, &evaluators, N_("Number of evaluators (0: no evaluations)"), N_("K") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 1)"), N_("S") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("Call id (default “synthetic”)"), N_("ID") },
    { "deadline", 'd', 0, G_OPTION_ARG_STRING, &deadline, N_("The call’s deadline, ISO 8601 (default 2099-12-31T17:00:00Z)"), N_("DATE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Output file, “-” for standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(Output) output = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_projects = 0;
  guint64 n_evaluators = 0;
  guint64 seed_value = 1;

  g_option_context_set_summary (context,
                                _("Writes a deterministic synthetic call (the default rubric, N projects and,\n"
                                  "with K evaluators, their evaluations) as a _bulk_docs body: the same\n"
                                  "arguments always give the same bytes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("generate takes no arguments besides its options"));
  if (projects == NULL || !parse_unsigned (projects, G_MAXUINT32, &n_projects))
    return usage_error (_("--projects N is required (a whole number)"));
  if (evaluators != NULL && !parse_unsigned (evaluators, 9999, &n_evaluators))
    return usage_error (_("--evaluators must be a whole number from 0 to 9999"));
  if (seed != NULL && !parse_unsigned (seed, G_MAXUINT64, &seed_value))
    return usage_error (_("--seed must be a whole number"));
  if (deadline != NULL && !is_date (deadline))
    return usage_error (_("--deadline takes an ISO 8601 date and time, e.g. 2027-06-30T17:00:00Z"));
  if (output_path == NULL)
    return usage_error (_("--output FILE is required"));

  if (deadline == NULL)
    deadline = g_strdup (NAWAT_GENERATOR_DEFAULT_DEADLINE);

  output = open_output (output_path, &error);
  if (output == NULL ||
      !nawat_generator_write_with_deadline (output->stream, call_id != NULL ? call_id : "synthetic",
                                            (guint) n_projects, (guint) n_evaluators, seed_value,
                                            deadline, NULL, &error) ||
      !close_output (output, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  return EXIT_OK;
}

/* import */

static int
cmd_import (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  g_option_context_set_summary (context,
                                _("Imports a JSON array of documents or {\"docs\": [...]}. All or nothing:\n"
                                  "when any document is invalid, every problem is listed and the store\n"
                                  "is left exactly as it was."));
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("import needs exactly one FILE"));

  /* An unreadable file is refused before a store is made for it. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR) || g_access (argv[1], R_OK) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read “%s”: %s"), argv[1],
                                                  g_strerror (errno != 0 ? errno : ENOENT));

      print_error (message);
      return EXIT_REFUSED;
    }

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  /* Read in pieces: memory stays flat whatever the file's size. */
  if (!nawat_store_import_file (store, argv[1], &n_imported, &problems, &error))
    {
      if (problems != NULL && problems->len > 0)
        {
          for (guint i = 0; i < problems->len; i++)
            g_printerr ("%s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
          if (error == NULL)
            g_printerr (ngettext ("nawat-cli: %u problem; nothing was imported\n",
                                  "nawat-cli: %u problems; nothing was imported\n",
                                  problems->len),
                        problems->len);
        }
      if (error != NULL)
        print_error (error->message);
      return EXIT_REFUSED;
    }

  g_print (ngettext ("imported %u document\n", "imported %u documents\n", n_imported), n_imported);
  return EXIT_OK;
}

/* evaluate */

/* Splits "KEY=VALUE"; FALSE when there is no '='. */
static gboolean
split_assignment (const char  *assignment,
                  char       **key,
                  const char **value)
{
  const char *eq = strchr (assignment, '=');

  if (eq == NULL || eq == assignment)
    return FALSE;
  *key = g_strndup (assignment, eq - assignment);
  *value = eq + 1;
  return TRUE;
}

/* The call of @project, whose rules its evaluations follow. */
static NawatCall *
load_call_of (NawatStore    *store,
              NawatProject  *project,
              GError       **error)
{
  g_autofree char *call_doc_id = g_strconcat ("call:", nawat_project_get_call (project), NULL);
  g_autoptr(GError) local_error = NULL;
  NawatCall *call;

  call = nawat_store_get_call (store, call_doc_id, &local_error);
  if (call == NULL && g_error_matches (local_error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("The call “%s” of project “%s” is not in the store: import or sync it first"),
                 nawat_project_get_call (project), nawat_project_get_code (project));
  else if (call == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return call;
}

static NawatRubric *
load_rubric_for (NawatStore *store,
                 NawatCall  *call)
{
  NawatRubric *rubric = NULL;

  if (call != NULL && nawat_call_get_rubric (call) != NULL)
    rubric = nawat_store_get_rubric (store, nawat_call_get_rubric (call), NULL);
  if (rubric == NULL && nawat_rubric_get_default () != NULL)
    rubric = g_object_ref (nawat_rubric_get_default ());
  return rubric;
}

static void
format_number (char   *buf,
               gsize   size,
               double  value)
{
  g_ascii_formatd (buf, size, "%.2f", value);
}

/* What an evaluate command changes, applied by the store to the version
 * it holds when it writes (another process may have saved since this one
 * started), and checked there against the round's rules.
 */
typedef struct
{
  NawatCall           *call;
  NawatProject        *project;
  NawatRubric         *rubric;
  const char          *evaluator;
  gboolean             reopen;
  GPtrArray           *score_keys;    /* char * */
  GArray              *score_values;  /* double */
  GPtrArray           *comment_keys;  /* char * */
  GPtrArray           *comment_texts; /* const char *, borrowed */
  const char          *overall;
  const char          *conflict;
  gboolean             set_recommendation;
  NawatRecommendation  recommendation;
  gboolean             submit;
  GStrv                missing;       /* what a refused submit still lacks */
} EvaluateEdit;

static gboolean
apply_evaluate_edit (NawatEvaluation  *evaluation,
                     gboolean          stored,
                     gpointer          user_data,
                     GError          **error)
{
  EvaluateEdit *edit = user_data;
  g_autoptr(NawatEvaluation) before = stored ? nawat_evaluation_copy (evaluation) : NULL;

  if (edit->reopen)
    {
      if (before == NULL)
        {
          g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                       _("%s has no evaluation of project “%s” to reopen"),
                       edit->evaluator, nawat_project_get_code (edit->project));
          return FALSE;
        }
      return nawat_round_reopen (edit->call, evaluation, edit->evaluator, FALSE, NULL, error);
    }

  if (edit->conflict != NULL)
    nawat_evaluation_set_conflict (evaluation, TRUE, edit->conflict);

  for (guint i = 0; i < edit->score_keys->len; i++)
    nawat_evaluation_set_score (evaluation, g_ptr_array_index (edit->score_keys, i),
                                g_array_index (edit->score_values, double, i));

  for (guint i = 0; i < edit->comment_keys->len; i++)
    nawat_evaluation_set_comment (evaluation, g_ptr_array_index (edit->comment_keys, i),
                                  g_ptr_array_index (edit->comment_texts, i));

  if (edit->overall != NULL)
    nawat_evaluation_set_overall_comment (evaluation, edit->overall);
  if (edit->set_recommendation)
    nawat_evaluation_set_recommendation (evaluation, edit->recommendation);

  if (edit->submit && !nawat_scoring_submit (edit->rubric, evaluation, error))
    {
      edit->missing = nawat_scoring_dup_missing (edit->rubric, evaluation);
      return FALSE;
    }

  /* The round's rules, on the change as a whole, the submission included. */
  if (!nawat_round_check_change (edit->call, edit->project, before, evaluation, NULL, error))
    return FALSE;

  /* Nothing new: the store writes nothing, and "updated" stays. */
  if (before == NULL || !nawat_evaluation_equal_content (before, evaluation))
    nawat_evaluation_touch (evaluation);
  return TRUE;
}

static int
cmd_evaluate (Globals  *globals,
              int       argc,
              char    **argv)
{
  g_autofree char *evaluator = NULL;
  g_auto(GStrv) sets = NULL;
  g_auto(GStrv) comments = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *recommendation = NULL;
  g_autofree char *conflict = NULL;
  gboolean submit = FALSE;
  gboolean reopen = FALSE;
  const GOptionEntry entries[] = {
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("The evaluator’s user name"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Score a criterion, e.g. merit.innovation=4 (repeatable)"), N_("KEY=VALUE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &comments, N_("Comment on a criterion (repeatable)"), N_("KEY=TEXT") },
    { "overall-comment", 0, 0, G_OPTION_ARG_STRING, &overall, N_("The overall comment"), N_("TEXT") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation, N_("fund, fund-with-conditions or reject"), N_("R") },
    { "conflict-of-interest", 0, 0, G_OPTION_ARG_STRING, &conflict, N_("Declare a conflict of interest"), N_("NOTE") },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit, N_("Submit the evaluation (it must be complete)"), NULL },
    { "reopen", 0, 0, G_OPTION_ARG_NONE, &reopen, N_("Take your submitted evaluation back to draft, before your deadline"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT-ID"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) initial = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *evaluation_id = NULL;
  g_autoptr(GPtrArray) score_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) score_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) comment_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) comment_texts = g_ptr_array_new ();
  EvaluateEdit edit = { 0, };
  NawatRecommendation rec = NAWAT_RECOMMENDATION_NONE;
  NawatScore score;
  char completeness[32];
  char composite[32];

  g_option_context_set_summary (context,
                                _("Creates or edits an evaluator’s evaluation of a project, exactly as the\n"
                                  "application does. KEY is <group>.<criterion>, e.g. merit.innovation.\n"
                                  "\n"
                                  "The round’s rules hold: only a project assigned to the evaluator, no\n"
                                  "scores with a declared conflict of interest, nothing after the\n"
                                  "evaluator’s deadline, and a submitted evaluation changes only once it\n"
                                  "is reopened (--reopen, on its own). A refusal exits 1 with the reason."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("evaluate needs exactly one PROJECT-ID"));
  if (evaluator == NULL || *evaluator == '\0')
    return usage_error (_("--evaluator NAME is required"));
  /* A name import would refuse breaks the exports of the whole call. */
  if (!nawat_codec_is_user_name (evaluator))
    {
      g_autofree char *shown = g_strescape (evaluator, NULL);
      g_autofree char *message = NULL;

      if (strlen (evaluator) > 64)
        message = g_strdup_printf (_("The evaluator name is %lu bytes long: a user name has "
                                     "1 to 64"), (unsigned long) strlen (evaluator));
      else
        message = g_strdup_printf (_("“%s” is not a user name: use printable ASCII without "
                                     "spaces, “:”, “\"” or “\\”"), shown);
      print_error (message);
      return EXIT_REFUSED;
    }
  if (reopen && (sets != NULL || comments != NULL || overall != NULL || recommendation != NULL ||
                 conflict != NULL || submit))
    return usage_error (_("--reopen goes on its own: reopen first, then change the evaluation"));
  if (recommendation != NULL && !nawat_recommendation_from_string (recommendation, &rec))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a recommendation: use fund, fund-with-conditions or reject"),
                         recommendation);
      print_error (message);
      return EXIT_REFUSED;
    }

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  project = nawat_store_get_project (store, argv[1], &error);
  if (project == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  call = load_call_of (store, project, &error);
  if (call == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  rubric = load_rubric_for (store, call);
  if (rubric == NULL)
    {
      print_error (_("The project’s rubric could not be loaded"));
      return EXIT_REFUSED;
    }

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *value_str;
      char *end = NULL;
      double value;

      if (!split_assignment (sets[i], &key, &value_str))
        return usage_error (_("--set takes KEY=VALUE, e.g. merit.innovation=4"));
      value = g_ascii_strtod (value_str, &end);
      if (*value_str == '\0' || end == NULL || *end != '\0')
        {
          g_autofree char *message = g_strdup_printf (_("%s: “%s” is not a number"), key, value_str);
          print_error (message);
          return EXIT_REFUSED;
        }
      if (!nawat_scoring_check_score (rubric, key, value, &error))
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
      g_ptr_array_add (score_keys, g_steal_pointer (&key));
      g_array_append_val (score_values, value);
    }

  for (guint i = 0; comments != NULL && comments[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *text;

      if (!split_assignment (comments[i], &key, &text))
        return usage_error (_("--comment takes KEY=TEXT, e.g. merit.impact=Strong evidence"));
      if (nawat_rubric_find_criterion (rubric, key, NULL) == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s: no such criterion in the rubric"), key);
          print_error (message);
          return EXIT_REFUSED;
        }
      g_ptr_array_add (comment_keys, g_steal_pointer (&key));
      g_ptr_array_add (comment_texts, (gpointer) text);
    }

  evaluation_id = g_strdup_printf ("evaluation:%s:%s:%s",
                                   nawat_project_get_call (project),
                                   nawat_project_get_code (project),
                                   evaluator);
  initial = nawat_evaluation_new (argv[1], evaluator,
                                  nawat_document_get_id (NAWAT_DOCUMENT (rubric)));

  edit.call = call;
  edit.project = project;
  edit.rubric = rubric;
  edit.evaluator = evaluator;
  edit.reopen = reopen;
  edit.score_keys = score_keys;
  edit.score_values = score_values;
  edit.comment_keys = comment_keys;
  edit.comment_texts = comment_texts;
  edit.overall = overall;
  edit.conflict = conflict;
  edit.set_recommendation = recommendation != NULL;
  edit.recommendation = rec;
  edit.submit = submit;

  /* Read, changed and written in one transaction of the store. */
  evaluation = nawat_store_edit_evaluation (store, evaluation_id, initial,
                                            apply_evaluate_edit, &edit, &error);
  if (evaluation == NULL)
    {
      g_auto(GStrv) missing = g_steal_pointer (&edit.missing);

      print_error (error->message);
      /* The scoring message names the missing keys; say it when it does not. */
      if (missing != NULL && missing[0] != NULL && strstr (error->message, missing[0]) == NULL &&
          !g_error_matches (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_CONFLICT_OF_INTEREST))
        {
          g_autofree char *list = g_strjoinv (", ", missing);

          g_printerr (_("nawat-cli: still to score: %s\n"), list);
        }
      return EXIT_REFUSED;
    }
  g_clear_pointer (&edit.missing, g_strfreev);

  nawat_scoring_compute (rubric, evaluation, &score);
  format_number (completeness, sizeof completeness, 100.0 * score.completeness);
  if (score.complete)
    format_number (composite, sizeof composite, score.composite);
  else
    g_strlcpy (composite, _("none (incomplete)"), sizeof composite);
  /* Translators: e.g. "evaluation:c1:p1:somchai: draft, completeness 47.37% (9/19), composite none" */
  g_print (_("%s: %s, completeness %s%% (%u/%u), composite %s\n"),
           nawat_document_get_id (NAWAT_DOCUMENT (evaluation)),
           nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)),
           completeness, score.n_scored_required, score.n_required, composite);
  return EXIT_OK;
}

/* extend */

static char *
format_utc (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static int
cmd_extend (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *call_id = NULL;
  g_autofree char *evaluator = NULL;
  g_autofree char *until = NULL;
  const GOptionEntry entries[] = {
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call"), N_("ID") },
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("Extend this evaluator’s deadline only"), N_("NAME") },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until, N_("The new deadline, ISO 8601, e.g. 2027-01-15T17:00:00Z"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_doc_id = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *effective_iso = NULL;

  g_option_context_set_summary (context,
                                _("Moves the deadline of a call, or gives one evaluator a deadline of their\n"
                                  "own (an extension: it counts when later than the call’s). For\n"
                                  "coordinators; recorded in the call, which “publish” puts on the server."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("extend takes no arguments besides its options"));
  if (call_id == NULL || *call_id == '\0')
    return usage_error (_("--call ID is required"));
  if (until == NULL)
    return usage_error (_("--until DATE is required"));
  date = parse_date (until);
  if (date == NULL)
    return usage_error (_("--until takes an ISO 8601 date and time, e.g. 2027-01-15T17:00:00Z"));
  iso = format_utc (date);

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, &error);
  if (call == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  if (evaluator != NULL)
    {
      if (!g_strv_contains (nawat_call_get_evaluators (call), evaluator))
        {
          g_autofree char *message =
            g_strdup_printf (_("%s is not an evaluator of call “%s”"), evaluator, call_id);
          print_error (message);
          return EXIT_REFUSED;
        }
      nawat_call_set_extension (call, evaluator, iso);
    }
  else
    nawat_call_set_deadline (call, iso);

  documents = g_ptr_array_new ();
  g_ptr_array_add (documents, call);
  if (!nawat_store_put_documents (store, documents, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  if (evaluator != NULL)
    {
      effective = nawat_round_dup_deadline (call, evaluator);
      effective_iso = format_utc (effective);
      /* Translators: e.g. "call:c1: somchai’s deadline is 2027-01-15T17:00:00Z" */
      g_print (_("%s: %s’s deadline is %s\n"), call_doc_id, evaluator, effective_iso);
    }
  else
    g_print (_("%s: the deadline is %s\n"), call_doc_id, iso);
  g_print (_("Run “nawat-cli publish --call %s” to put it on the server.\n"), call_id);
  return EXIT_OK;
}

/* reopen */

static int
cmd_reopen (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("The coordinator who reopens it (recorded in the evaluation)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVALUATION-ID"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
                                _("Takes a submitted evaluation back to draft, for coordinators: at any\n"
                                  "time, the deadline passed or not. Who and when are recorded in the\n"
                                  "evaluation (“reopened”), which the next sync pushes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("reopen needs exactly one EVALUATION-ID"));
  if (by == NULL || *by == '\0')
    return usage_error (_("--by NAME is required"));
  if (!nawat_codec_is_user_name (by))
    return usage_error (_("--by takes a user name: printable ASCII without spaces, “:”, quotes or backslashes"));

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  evaluation = nawat_store_get_evaluation (store, argv[1], &error);
  if (evaluation != NULL)
    project = nawat_store_get_project (store, nawat_evaluation_get_project (evaluation), &error);
  if (project != NULL)
    call = load_call_of (store, project, &error);
  if (call == NULL ||
      !nawat_round_reopen (call, evaluation, by, TRUE, NULL, &error) ||
      !nawat_store_save_evaluation (store, evaluation, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  /* Translators: e.g. "evaluation:c1:p1:somchai: draft again, reopened by boss" */
  g_print (_("%s: draft again, reopened by %s\n"), argv[1], by);
  return EXIT_OK;
}

/* search */

static int
cmd_search (Globals  *globals,
            int       argc,
            char    **argv)
{
  int limit = 50;
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("At most N results (default 50)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TEXT"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  g_option_context_set_summary (context,
                                _("Prints the ids of the projects matching TEXT (titles, summaries,\n"
                                  "organisations, partners; Thai substrings too), best first."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return usage_error (_("search needs TEXT"));
  if (limit <= 0)
    return usage_error (_("--limit must be a positive number"));

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  {
    /* Several words are one query, as typed in the search entry. */
    g_autofree char *text = g_strjoinv (" ", argv + 1);

    ids = nawat_store_search (store, text, (guint) limit, &error);
  }
  if (ids == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  for (guint i = 0; ids[i] != NULL; i++)
    g_print ("%s\n", ids[i]);
  return EXIT_OK;
}

/* export */

static char *
pick_call (NawatStore  *store,
           GError     **error)
{
  g_autoptr(GPtrArray) calls = nawat_store_list_calls (store, error);

  if (calls == NULL)
    return NULL;
  if (calls->len == 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("The store has no call to export"));
      return NULL;
    }
  if (calls->len > 1)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("The store has several calls: choose one with --call"));
      return NULL;
    }
  return g_strdup (nawat_call_get_call_id (g_ptr_array_index (calls, 0)));
}

static int
cmd_export (Globals  *globals,
            int       argc,
            char    **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *report = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *project = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *evaluator = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("json, csv or pdf"), N_("FORMAT") },
    { "report", 'r', 0, G_OPTION_ARG_STRING, &report, N_("The report: portfolio (default) or project (pdf only)"), N_("REPORT") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call (needed when the store has several)"), N_("ID") },
    { "project", 'p', 0, G_OPTION_ARG_STRING, &project, N_("The project of a project report: its id or its code"), N_("ID") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of a PDF report: th or en (default: the locale’s)"), N_("LANG") },
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("An evaluator’s own project report: only their scores and comments"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Output file, “-” for standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(Output) output = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_option_context_set_summary (context,
                                _("Exports a call’s portfolio: every project with its evaluations,\n"
                                  "as JSON or as CSV (RFC 4180, UTF-8, one row per evaluation),\n"
                                  "or a PDF report of the portfolio or of one project, in Thai or English."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("export takes no arguments besides its options"));
  if (format == NULL || (!g_str_equal (format, "json") && !g_str_equal (format, "csv") &&
                         !g_str_equal (format, "pdf")))
    return usage_error (_("--format must be json, csv or pdf"));
  if (report != NULL && !g_str_equal (report, "portfolio") && !g_str_equal (report, "project"))
    return usage_error (_("--report must be portfolio or project"));
  if (report != NULL && g_str_equal (report, "project") && !g_str_equal (format, "pdf"))
    return usage_error (_("--report project needs --format pdf"));
  if (report != NULL && g_str_equal (report, "project") && project == NULL)
    return usage_error (_("--report project needs --project ID"));
  if ((report == NULL || !g_str_equal (report, "project")) && (project != NULL || evaluator != NULL))
    return usage_error (_("--project and --evaluator go with --report project"));
  if (lang != NULL && !g_str_equal (lang, "th") && !g_str_equal (lang, "en"))
    return usage_error (_("--lang must be th or en"));
  if (lang != NULL && !g_str_equal (format, "pdf"))
    return usage_error (_("--lang goes with --format pdf"));
  if (output_path == NULL)
    return usage_error (_("--output FILE is required"));

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  if (call_id == NULL)
    {
      call_id = pick_call (store, &error);
      if (call_id == NULL)
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
    }

  output = open_output (output_path, &error);
  if (output == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  if (g_str_equal (format, "pdf"))
    {
      g_autoptr(NawatReport) pdf = NULL;
      g_autofree char *project_id = NULL;

      if (lang == NULL)
        {
          /* the locale's language */
          const char * const *names = g_get_language_names ();

          lang = g_strdup (names[0] != NULL && g_str_has_prefix (names[0], "th") ? "th" : "en");
        }
      if (project != NULL)
        project_id = g_str_has_prefix (project, "project:") ? g_strdup (project) :
                     g_strdup_printf ("project:%s:%s", call_id, project);
      pdf = nawat_report_new (store, call_id,
                              project_id != NULL ? NAWAT_REPORT_PROJECT : NAWAT_REPORT_PORTFOLIO,
                              project_id, lang, evaluator);
      ok = nawat_report_write_pdf_stream (pdf, output->stream, NULL, &error);
    }
  else if (g_str_equal (format, "json"))
    ok = nawat_export_portfolio_json (store, call_id, output->stream, NULL, &error);
  else
    ok = nawat_export_portfolio_csv (store, call_id, output->stream, NULL, &error);
  if (!ok || !close_output (output, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  return EXIT_OK;
}

/* stats */

static void
append_stats_number (GString *s,
                     double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    g_string_append (s, "null");
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* {"n": …, "mean": …, "median": …, "sd": …, "alpha_interval": …,
 * "alpha_ordinal": …, "icc_1_1": …}, null where undefined.
 */
static void
append_stats_agreement (GString              *s,
                        const NawatSummary   *summary,
                        const NawatAgreement *agreement)
{
  g_string_append_printf (s, "{\"n\": %u, \"mean\": ", summary->n);
  append_stats_number (s, summary->mean);
  g_string_append (s, ", \"median\": ");
  append_stats_number (s, summary->median);
  g_string_append (s, ", \"sd\": ");
  append_stats_number (s, summary->sd);
  g_string_append (s, ", \"alpha_interval\": ");
  append_stats_number (s, agreement->alpha_interval);
  g_string_append (s, ", \"alpha_ordinal\": ");
  append_stats_number (s, agreement->alpha_ordinal);
  g_string_append (s, ", \"icc_1_1\": ");
  append_stats_number (s, agreement->icc_1_1);
  g_string_append_c (s, '}');
}

/* The call whose agreement to report: --call, or the store's only call;
 * NULL (no error) when the store has none or several.
 */
static char *
stats_pick_call (NawatStore  *store,
                 const char  *call_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) calls = NULL;

  if (call_id != NULL)
    return g_strdup (call_id);
  calls = nawat_store_list_calls (store, error);
  if (calls == NULL || calls->len != 1)
    return NULL;
  return g_strdup (nawat_call_get_call_id (g_ptr_array_index (calls, 0)));
}

static int
cmd_stats (Globals  *globals,
           int       argc,
           char    **argv)
{
  gboolean json = FALSE;
  g_autofree char *call_arg = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as a JSON object"), NULL },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_arg, N_("The call whose agreement to report (needed when the store has several)"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCallStats) call_stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_id = NULL;
  NawatStoreStats stats;
  NawatSummary summary;
  NawatAgreement agreement;

  g_option_context_set_summary (context,
                                _("Counts the calls, projects and evaluations of the store, and\n"
                                  "reports the agreement between the evaluators of a call."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("stats takes no arguments besides its options"));

  store = open_store (globals, &error);
  if (store == NULL || !nawat_store_get_stats (store, &stats, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  call_id = stats_pick_call (store, call_arg, &error);
  if (call_id == NULL && error != NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  if (call_id != NULL)
    {
      call_stats = nawat_call_stats_compute (store, call_id, NAWAT_STATS_DEFAULT_THRESHOLD,
                                             NULL, &error);
      if (call_stats == NULL)
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
      nawat_call_stats_get_composite (call_stats, &summary, &agreement);
    }

  if (json)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_string_append_printf (s, "{\"calls\": %" G_GINT64_FORMAT ", \"projects\": %" G_GINT64_FORMAT
                              ", \"evaluations\": %" G_GINT64_FORMAT ", \"submitted\": %" G_GINT64_FORMAT
                              ", \"drafts\": %" G_GINT64_FORMAT ", \"pending_push\": %" G_GINT64_FORMAT,
                              stats.calls, stats.projects, stats.evaluations,
                              stats.submitted, stats.drafts, stats.pending_push);
      if (call_stats != NULL)
        {
          const char * const *criteria = nawat_call_stats_get_criteria (call_stats);

          g_string_append (s, ", \"agreement\": {\"composite\": ");
          append_stats_agreement (s, &summary, &agreement);
          g_string_append (s, ", \"criteria\": {");
          for (guint i = 0; criteria[i] != NULL; i++)
            {
              NawatSummary criterion_summary;
              NawatAgreement criterion_agreement;

              nawat_call_stats_get_criterion (call_stats, criteria[i],
                                              &criterion_summary, &criterion_agreement);
              /* Criterion keys are [a-z0-9.-]: no escaping needed. */
              g_string_append_printf (s, "%s\"%s\": ", i > 0 ? ", " : "", criteria[i]);
              append_stats_agreement (s, &criterion_summary, &criterion_agreement);
            }
          g_string_append (s, "}}");
        }
      g_string_append (s, "}\n");
      g_print ("%s", s->str);
    }
  else
    {
      const struct { const char *label; gint64 value; } rows[] = {
        { _("Calls"), stats.calls },
        { _("Projects"), stats.projects },
        { _("Evaluations"), stats.evaluations },
        { _("Submitted"), stats.submitted },
        { _("Drafts"), stats.drafts },
        { _("Pending push"), stats.pending_push },
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        g_print ("%s: %" G_GINT64_FORMAT "\n", rows[i].label, rows[i].value);
      if (call_stats != NULL)
        /* TRANSLATORS: agreement between evaluators of the composite score */
        g_print (_("Composite (%u scores): mean %.1f, median %.1f, SD %.1f; "
                   "alpha (interval) %.3f, alpha (ordinal) %.3f, ICC(1,1) %.3f\n"),
                 summary.n, summary.mean, summary.median, summary.sd,
                 agreement.alpha_interval, agreement.alpha_ordinal, agreement.icc_1_1);
    }
  return EXIT_OK;
}

/* Sync */

/* Reads one line from standard input, without its line ending. */
static char *
read_password_stdin (GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (s, (char) c);
  if (s->len > 0 && s->str[s->len - 1] == '\r')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No password on standard input"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
get_password (const char  *server,
              const char  *user,
              gboolean     from_stdin,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;

  if (from_stdin)
    return read_password_stdin (error);

  password = nawat_credentials_lookup (server, user, NULL, &local_error);
  if (password != NULL)
    return password;
  if (local_error != NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("Could not read the password from the keyring (%s); use --password-stdin"),
                 local_error->message);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 _("No password for %s on %s in the keyring; use --password-stdin"),
                 user, server);
  return NULL;
}

static void
on_sync_progress_cb (NawatSync *sync,
                     guint      documents,
                     guint64    bytes,
                     gpointer   user_data)
{
  g_autofree char *size = g_format_size (bytes);

  /* TRANSLATORS: sync progress: documents, then an amount of data */
  g_printerr ("\r");
  g_printerr (_("%u documents, %s"), documents, size);
}

/* A client of @server logged in as @user; NULL, the reason printed and
 * the exit status in @status, when the URL or the password is refused.
 */
static NawatCouch *
connect_server (const char *server,
                const char *user,
                gboolean    password_stdin,
                int        *status)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  couch = nawat_couch_new (server, &error);
  if (couch == NULL)
    {
      print_error (error->message);
      *status = EXIT_USAGE;
      return NULL;
    }

  password = get_password (server, user, password_stdin, &error);
  if (password == NULL)
    {
      print_error (error->message);
      *status = EXIT_REFUSED;
      return NULL;
    }
  nawat_couch_set_credentials (couch, user, password);
  nawat_credentials_free_password (password);

  return g_steal_pointer (&couch);
}

static int
cmd_sync (Globals  *globals,
          int       argc,
          char    **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *user = NULL;
  gboolean password_stdin = FALSE;
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call to sync"), N_("ID") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input instead of the keyring"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatSync) sync = NULL;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autofree char *summary = NULL;
  int status;

  g_option_context_set_summary (context,
                                _("Pulls the call and the evaluations from the server, then pushes\n"
                                  "your edits. Exit status 0 when nothing is left to do."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (server == NULL || call_id == NULL || user == NULL)
    return usage_error (_("sync needs --server, --call and --user"));

  couch = connect_server (server, user, password_stdin, &status);
  if (couch == NULL)
    {
      if (status == EXIT_REFUSED)
        g_print (_("Sync failed: nothing was pulled or pushed\n"));
      return status;
    }

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  sync = nawat_sync_new (store, couch, call_id, user);
  if (isatty (STDERR_FILENO))
    g_signal_connect (sync, "progress", G_CALLBACK (on_sync_progress_cb), NULL);

  result = nawat_sync_run (sync, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  /* A first pull leaves the search index to catch up: a script expects
   * the store whole when the command returns.
   */
  if (!nawat_store_search_index_complete (store))
    {
      g_autoptr(GError) index_error = NULL;

      if (isatty (STDERR_FILENO))
        g_printerr (_("Building the search index…\n"));
      if (!nawat_store_finish_search_index (store, NULL, &index_error))
        {
          print_error (index_error->message);
          return EXIT_REFUSED;
        }
    }

  if (result == NULL)
    {
      print_error (error->message);
      g_print (_("Sync failed: %s\n"), error->message);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < result->messages->len; i++)
    print_error (g_ptr_array_index (result->messages, i));
  summary = nawat_sync_result_to_string (result);
  g_print (_("Sync: %s\n"), summary);
  return nawat_sync_result_is_complete (result) ? EXIT_OK : EXIT_REFUSED;
}

static int
cmd_quarantine (Globals  *globals,
                int       argc,
                char    **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_option_context_set_summary (context,
                                _("Lists the documents a sync kept aside instead of applying them, each\n"
                                  "with the reason: invalid, in a database where it does not belong, or\n"
                                  "against the round’s rules."));
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return usage_error (_("quarantine takes no arguments"));

  store = open_store (globals, &error);
  if (store == NULL || (entries = nawat_store_list_quarantine (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < entries->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (entries, i));
  if (entries->len == 0)
    g_print (_("No document in quarantine.\n"));
  return EXIT_OK;
}

static int
cmd_conflicts (Globals  *globals,
               int       argc,
               char    **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_auto(GStrv) ids = NULL;

  g_option_context_set_summary (context,
                                _("Lists the evaluations whose edits clash with the server’s version."));
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;

  store = open_store (globals, &error);
  if (store == NULL || (ids = nawat_store_list_conflicted (store, &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) fields = nawat_store_dup_conflict_fields (store, ids[i], &error);

      if (fields == NULL)
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
      g_print ("%s\n", ids[i]);
      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_autofree char *mine = NULL;
          g_autofree char *theirs = NULL;

          if (!nawat_store_get_conflict (store, ids[i], fields[j], &mine, &theirs, &error))
            {
              print_error (error->message);
              return EXIT_REFUSED;
            }
          /* TRANSLATORS: a field in conflict, this computer's value, the server's value */
          g_print (_("  %s: mine %s, server %s\n"), fields[j], mine, theirs);
        }
    }
  if (ids[0] == NULL)
    g_print (_("No conflicts\n"));
  return EXIT_OK;
}

static int
cmd_resolve (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "keep", 'k', 0, G_OPTION_ARG_STRING, &keep, N_("Keep “mine” (this computer’s values) or “theirs” (the server’s)"), N_("WHICH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_auto(GStrv) fields = NULL;
  gboolean mine;

  g_option_context_set_summary (context,
                                _("Resolves every conflict of an evaluation, keeping this computer’s\n"
                                  "values or the server’s; sync then pushes the result."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return usage_error (_("resolve needs one evaluation id"));
  if (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return usage_error (_("resolve needs --keep mine or --keep theirs"));
  mine = g_str_equal (keep, "mine");

  store = open_store (globals, &error);
  if (store == NULL
      || (evaluation = nawat_store_get_evaluation (store, argv[1], &error)) == NULL
      || (fields = nawat_store_dup_conflict_fields (store, argv[1], &error)) == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  if (fields[0] == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s has no conflicts"), argv[1]);

      print_error (message);
      return EXIT_REFUSED;
    }

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *local = NULL;
      g_autofree char *remote = NULL;

      if (!nawat_store_get_conflict (store, argv[1], fields[i], &local, &remote, &error)
          || !nawat_merge_set_field_json (evaluation, fields[i], mine ? local : remote, &error))
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
    }

  nawat_evaluation_touch (evaluation);
  if (!nawat_store_save_resolution (store, evaluation, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }
  g_print (ngettext ("Resolved %u conflict of %s; run sync to push it\n",
                     "Resolved %u conflicts of %s; run sync to push them\n",
                     g_strv_length (fields)),
           g_strv_length (fields), argv[1]);
  return EXIT_OK;
}

/* Publish */

static int
cmd_publish (Globals  *globals,
             int       argc,
             char    **argv)
{
  g_autofree char *server = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *user = NULL;
  gboolean password_stdin = FALSE;
  gboolean insecure_server = FALSE;
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call to publish"), N_("ID") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server (a coordinator; a server admin to create databases)"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input instead of the keyring"), NULL },
    { "insecure-server", 0, 0, G_OPTION_ARG_NONE, &insecure_server, N_("Publish even to a server that lets anonymous clients read what only members may, such as PouchDB Server (tests and demos only)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— put the call, its rubric and its projects on the server"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autofree char *summary = NULL;
  g_auto(NawatPublishResult) result = { 0 };
  NawatPublishFlags flags = NAWAT_PUBLISH_FLAGS_NONE;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv))
    return EXIT_USAGE;
  if (server == NULL || call_id == NULL || user == NULL)
    return usage_error (_("publish needs --server, --call and --user"));

  couch = connect_server (server, user, password_stdin, &status);
  if (couch == NULL)
    return status;

  store = open_store (globals, &error);
  if (store == NULL)
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

  if (insecure_server)
    flags |= NAWAT_PUBLISH_ALLOW_INSECURE_SERVER;
  if (!nawat_publish_run (store, couch, call_id, flags, &result, NULL, &error))
    {
      print_error (error->message);
      if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INSECURE_SERVER))
        g_printerr (_("Evaluators’ scores would not be private there. Publish to Apache CouchDB, "
                      "or pass --insecure-server for tests and demos.\n"));
      g_print (_("Publish failed: %s\n"), error->message);
      return EXIT_REFUSED;
    }

  g_print (_("Server: %s\n"), result.server);
  if (result.insecure != NULL)
    g_printerr (_("Warning: %s; published anyway because of --insecure-server\n"),
                result.insecure);
  summary = nawat_publish_result_to_string (&result);
  g_print (_("Published %s: %s\n"), call_id, summary);
  return EXIT_OK;
}

static const Command commands[] = {
  { "generate", cmd_generate, N_("Write a deterministic synthetic call for benchmarks") },
  { "import", cmd_import, N_("Import documents from a JSON file, all or nothing") },
  { "evaluate", cmd_evaluate, N_("Score, comment on and submit an evaluation") },
  { "extend", cmd_extend, N_("Move a call’s deadline, or one evaluator’s (coordinators)") },
  { "reopen", cmd_reopen, N_("Take a submitted evaluation back to draft (coordinators)") },
  { "search", cmd_search, N_("Find projects by text (Thai substrings too)") },
  { "export", cmd_export, N_("Export a call’s portfolio as JSON or CSV, or a PDF report") },
  { "stats", cmd_stats, N_("Count calls, projects and evaluations") },
  { "publish", cmd_publish, N_("Put a call, its rubric and its projects on the server (coordinators)") },
  { "sync", cmd_sync, N_("Pull a call from the server and push your evaluations") },
  { "conflicts", cmd_conflicts, N_("List the evaluations in conflict with the server") },
  { "resolve", cmd_resolve, N_("Resolve an evaluation’s conflicts: keep mine or theirs") },
  { "quarantine", cmd_quarantine, N_("List the documents a sync kept aside, with the reason") },
};

static void
print_usage (FILE *stream)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *default_path = nawat_store_dup_default_path ("demo");

  g_string_append_printf (s, _("Usage:\n  %s [--store FILE] COMMAND [OPTION…]\n\n"), "nawat-cli");
  g_string_append (s, _("Scores social-innovation proposals from the command line.\n\n"));
  g_string_append (s, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (s, _("\nOptions:\n"));
  g_string_append_printf (s, "  --store FILE  %s\n", _("The store to use"));
  g_string_append_printf (s, "                (%s)\n", default_path);
  g_string_append_printf (s, "  -h, --help    %s\n", _("Show this help"));
  g_string_append_printf (s, "  --version     %s\n", _("Show the version"));
  g_string_append (s, _("\nRun “nawat-cli COMMAND --help” for a command’s options.\n"));
  g_string_append (s, _("Exit status: 0 success, 1 invalid input or refused, 2 usage error.\n"));
  fputs (s->str, stream);
}

int
main (int   argc,
      char *argv[])
{
  Globals globals = { NULL };
  g_autofree char *prgname = NULL;
  int i = 1;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("nawat-cli");

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?"))
        {
          print_usage (stdout);
          g_free (globals.store_path);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("nawat-cli %s\n", PACKAGE_VERSION);
          g_free (globals.store_path);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--store") && i + 1 < argc)
        {
          g_free (globals.store_path);
          globals.store_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--store="))
        {
          g_free (globals.store_path);
          globals.store_path = g_strdup (arg + strlen ("--store="));
        }
      else
        {
          g_printerr (_("nawat-cli: unknown option “%s”\n"), arg);
          print_usage (stderr);
          g_free (globals.store_path);
          return EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      g_printerr (_("nawat-cli: no command given\n"));
      print_usage (stderr);
      g_free (globals.store_path);
      return EXIT_USAGE;
    }

  if (globals.store_path != NULL && *globals.store_path == '\0')
    {
      g_printerr (_("nawat-cli: --store needs a file name\n"));
      g_free (globals.store_path);
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          /* The command sees "nawat-cli CMD" as its program name. */
          int sub_argc = argc - i;
          g_autofree char **sub_argv = g_new0 (char *, sub_argc + 1);

          prgname = g_strdup_printf ("nawat-cli %s", commands[c].name);
          sub_argv[0] = prgname;
          for (int j = 1; j < sub_argc; j++)
            sub_argv[j] = argv[i + j];
          g_set_prgname (prgname);
          status = commands[c].func (&globals, sub_argc, sub_argv);
          g_free (globals.store_path);
          return status;
        }
    }

  g_printerr (_("nawat-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  g_free (globals.store_path);
  return EXIT_USAGE;
}
