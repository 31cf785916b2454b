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
#include "nawat-generator.h"
#include "nawat-merge.h"
#include "nawat-project.h"
#include "nawat-publish.h"
#include "nawat-report.h"
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

/* An output stream on @path, or standard output for "-". */
static GOutputStream *
open_output (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (g_str_equal (path, "-"))
    {
      g_autoptr(GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      return g_buffered_output_stream_new_sized (out, 64 * 1024);
    }

  file = g_file_new_for_commandline_arg (path);
  /* A device or a pipe (/dev/null, a FIFO) is written to, not replaced. */
  if (g_file_query_exists (file, NULL) &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_SPECIAL)
    stream = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, error);
  else
    stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return NULL;
  return g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream), 64 * 1024);
}

/* Closes @output after a failure: a file being replaced keeps its old
 * contents rather than a partial new version.
 */
static void
abandon_output (GOutputStream *output)
{
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();

  if (output == NULL)
    return;
  g_cancellable_cancel (cancelled);
  g_output_stream_close (output, cancelled, NULL);
}

static gboolean
parse_unsigned (const char *str,
                guint64     max,
                guint64    *value)
{
  return str != NULL && g_ascii_string_to_unsigned (str, 10, 0, max, value, NULL);
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
  const GOptionEntry entries[] = {
    { "projects", 'n', 0, G_OPTION_ARG_STRING, &projects, N_("Number of projects"), N_("N") },
    { "evaluators", 'k', 0, G_OPTION_ARG_STRING, &evaluators, N_("Number of evaluators (0: no evaluations)"), N_("K") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 1)"), N_("S") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("Call id (default “synthetic”)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Output file, “-” for standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GOutputStream) output = NULL;
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
  if (output_path == NULL)
    return usage_error (_("--output FILE is required"));

  output = open_output (output_path, &error);
  if (output == NULL ||
      !nawat_generator_write (output, call_id != NULL ? call_id : "synthetic",
                              (guint) n_projects, (guint) n_evaluators, seed_value,
                              NULL, &error) ||
      !g_output_stream_close (output, NULL, &error))
    {
      abandon_output (output);
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

static NawatRubric *
load_rubric_for (NawatStore   *store,
                 NawatProject *project)
{
  g_autofree char *call_doc_id = g_strconcat ("call:", nawat_project_get_call (project), NULL);
  g_autoptr(NawatCall) call = nawat_store_get_call (store, call_doc_id, NULL);
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
  const GOptionEntry entries[] = {
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("The evaluator’s user name"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Score a criterion, e.g. merit.innovation=4 (repeatable)"), N_("KEY=VALUE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &comments, N_("Comment on a criterion (repeatable)"), N_("KEY=TEXT") },
    { "overall-comment", 0, 0, G_OPTION_ARG_STRING, &overall, N_("The overall comment"), N_("TEXT") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation, N_("fund, fund-with-conditions or reject"), N_("R") },
    { "conflict-of-interest", 0, 0, G_OPTION_ARG_STRING, &conflict, N_("Declare a conflict of interest"), N_("NOTE") },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit, N_("Submit the evaluation (it must be complete)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT-ID"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *evaluation_id = NULL;
  NawatRecommendation rec = NAWAT_RECOMMENDATION_NONE;
  NawatScore score;
  char completeness[32];
  char composite[32];

  g_option_context_set_summary (context,
                                _("Creates or edits an evaluator’s evaluation of a project, exactly as the\n"
                                  "application does. KEY is <group>.<criterion>, e.g. merit.innovation."));
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
  rubric = load_rubric_for (store, project);
  if (rubric == NULL)
    {
      print_error (_("The project’s rubric could not be loaded"));
      return EXIT_REFUSED;
    }

  evaluation_id = g_strdup_printf ("evaluation:%s:%s:%s",
                                   nawat_project_get_call (project),
                                   nawat_project_get_code (project),
                                   evaluator);
  evaluation = nawat_store_get_evaluation (store, evaluation_id, &error);
  if (evaluation == NULL)
    {
      if (!g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND))
        {
          print_error (error->message);
          return EXIT_REFUSED;
        }
      g_clear_error (&error);
      evaluation = nawat_evaluation_new (argv[1], evaluator,
                                         nawat_document_get_id (NAWAT_DOCUMENT (rubric)));
    }

  if (conflict != NULL)
    nawat_evaluation_set_conflict (evaluation, TRUE, conflict);

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
      if (nawat_evaluation_get_conflict_declared (evaluation))
        {
          print_error (_("A conflict of interest is declared: this evaluation cannot be scored"));
          return EXIT_REFUSED;
        }
      nawat_evaluation_set_score (evaluation, key, value);
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
      nawat_evaluation_set_comment (evaluation, key, text);
    }

  if (overall != NULL)
    nawat_evaluation_set_overall_comment (evaluation, overall);
  if (recommendation != NULL)
    nawat_evaluation_set_recommendation (evaluation, rec);

  if (submit && !nawat_scoring_submit (rubric, evaluation, &error))
    {
      g_auto(GStrv) missing = nawat_scoring_dup_missing (rubric, evaluation);

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

  nawat_evaluation_touch (evaluation);
  if (!nawat_store_save_evaluation (store, evaluation, &error))
    {
      print_error (error->message);
      return EXIT_REFUSED;
    }

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
  g_autoptr(GOutputStream) output = NULL;
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
      ok = nawat_report_write_pdf_stream (pdf, output, NULL, &error);
    }
  else if (g_str_equal (format, "json"))
    ok = nawat_export_portfolio_json (store, call_id, output, NULL, &error);
  else
    ok = nawat_export_portfolio_csv (store, call_id, output, NULL, &error);
  if (!ok || !g_output_stream_close (output, NULL, &error))
    {
      abandon_output (output);
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
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call to publish"), N_("ID") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, N_("Your user name on the server (a coordinator; a server admin to create databases)"), N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input instead of the keyring"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— put the call, its rubric and its projects on the server"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autofree char *summary = NULL;
  NawatPublishResult result;
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

  if (!nawat_publish_run (store, couch, call_id, &result, NULL, &error))
    {
      print_error (error->message);
      g_print (_("Publish failed: %s\n"), error->message);
      return EXIT_REFUSED;
    }

  summary = nawat_publish_result_to_string (&result);
  g_print (_("Published %s: %s\n"), call_id, summary);
  return EXIT_OK;
}

static const Command commands[] = {
  { "generate", cmd_generate, N_("Write a deterministic synthetic call for benchmarks") },
  { "import", cmd_import, N_("Import documents from a JSON file, all or nothing") },
  { "evaluate", cmd_evaluate, N_("Score, comment on and submit an evaluation") },
  { "search", cmd_search, N_("Find projects by text (Thai substrings too)") },
  { "export", cmd_export, N_("Export a call’s portfolio as JSON or CSV, or a PDF report") },
  { "stats", cmd_stats, N_("Count calls, projects and evaluations") },
  { "publish", cmd_publish, N_("Put a call, its rubric and its projects on the server (coordinators)") },
  { "sync", cmd_sync, N_("Pull a call from the server and push your evaluations") },
  { "conflicts", cmd_conflicts, N_("List the evaluations in conflict with the server") },
  { "resolve", cmd_resolve, N_("Resolve an evaluation’s conflicts: keep mine or theirs") },
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
