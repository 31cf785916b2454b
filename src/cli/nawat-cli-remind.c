/* nawat-cli-remind.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-exporter.h"
#include "nawat-outstanding.h"
#include "nawat-vocabulary.h"

#include <glib/gi18n.h>

static void
print_message (NawatCall              *call,
               const NawatOutstanding *outstanding,
               const char             *language,
               gboolean                first)
{
  g_autofree char *subject = nawat_outstanding_dup_subject (call, outstanding, language);
  g_autofree char *body = nawat_outstanding_dup_message (call, outstanding, language);

  if (!first)
    g_print ("\n");
  if (g_str_equal (outstanding->display_name, outstanding->evaluator))
    g_print (_("To: %s\n"), outstanding->evaluator);
  else
    /* Translators: the header of one reminder: the evaluator's user name
     * and display name
     */
    g_print (_("To: %s (%s)\n"), outstanding->evaluator, outstanding->display_name);
  g_print (_("Subject: %s\n"), subject);
  g_print ("\n%s", body);
}

/* The outstanding work per project: printed, or written as a table. */
static int
remind_by_project (NawatStore       *store,
                   const char       *call_id,
                   const char       *table_path,
                   NawatTableFormat  table_format,
                   const char       *language)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  list = nawat_outstanding_list_by_project (store, call_id, NULL, &error);
  if (list == NULL)
    return _nawat_cli_refuse_error (error);

  if (table_path != NULL)
    {
      g_autoptr(NawatCliOutput) output = _nawat_cli_output_open (table_path, &error);

      if (output == NULL ||
          !nawat_outstanding_write_by_project (list, language, table_format, output->stream,
                                               &error) ||
          !_nawat_cli_output_close (output, &error))
        return _nawat_cli_refuse_error (error);
      return EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      NawatProjectOutstanding *project = g_ptr_array_index (list, i);
      const char *title = nawat_text_get (project->title, language);

      /* Translators: a project with outstanding work: its code, its title,
       * how many of its evaluators submitted and how many it has
       */
      g_print (_("%s %s (%u of %u submitted)\n"), project->code, title != NULL ? title : "",
               project->n_submitted, project->n_assigned);
      for (guint j = 0; j < project->evaluators->len; j++)
        {
          NawatOutstandingEvaluator *e = g_ptr_array_index (project->evaluators, j);

          g_print ("  - %s (%s)\n", e->evaluator,
                   nawat_vocabulary_project_status (e->status, language));
        }
    }
  if (list->len == 0)
    g_printerr (_("Every evaluator of call “%s” has submitted all their evaluations.\n"), call_id);
  return EXIT_OK;
}

int
_nawat_cli_cmd_remind (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autofree char *call_id = NULL;
  g_autofree char *evaluator = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *table_path = NULL;
  g_autofree char *format = NULL;
  gboolean by_project = FALSE;
  const GOptionEntry entries[] = {
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call"), N_("ID") },
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("This evaluator only"), N_("NAME") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of the messages: th or en (default: the locale’s)"), N_("LANG") },
    { "outstanding", 'o', 0, G_OPTION_ARG_FILENAME, &table_path, N_("Write the outstanding work to FILE (“-” for standard output) instead of the messages, as CSV or XLSX by its extension"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("The format of --outstanding: csv or xlsx (default: by the file’s extension, else csv)"), N_("FORMAT") },
    { "by-project", 'p', 0, G_OPTION_ARG_NONE, &by_project, N_("The outstanding work per project: each project’s evaluators who have not submitted"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_doc_id = NULL;
  NawatTableFormat table_format = NAWAT_TABLE_CSV;
  const char *language;
  gboolean first = TRUE;

  if (!_nawat_cli_parse_options (context,
                                 _("Lists each evaluator’s outstanding work in a call (projects assigned\n"
                                   "to them whose evaluation is not submitted) and prints the reminder\n"
                                   "to send them: their projects and their deadline, in Thai or English.\n"
                                   "Evaluators with nothing outstanding get no reminder unless named."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("remind takes no arguments besides its options"));
  if (call_id == NULL || *call_id == '\0')
    return _nawat_cli_refuse (EXIT_USAGE, _("--call ID is required"));
  if (lang != NULL && !g_str_equal (lang, "th") && !g_str_equal (lang, "en"))
    return _nawat_cli_refuse (EXIT_USAGE, _("--lang must be th or en"));
  if (format != NULL && table_path == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--format goes with --outstanding"));
  if (format != NULL && g_str_equal (format, "xlsx"))
    table_format = NAWAT_TABLE_XLSX;
  else if (format != NULL && !g_str_equal (format, "csv"))
    return _nawat_cli_refuse (EXIT_USAGE, _("--format must be csv or xlsx"));
  else if (format == NULL && table_path != NULL)
    nawat_table_format_from_path (table_path, &table_format);
  if (by_project && evaluator != NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--by-project and --evaluator do not go together"));
  language = nawat_export_default_language (lang);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  if (by_project)
    return remind_by_project (store, call_id, table_path, table_format, language);
  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, &error);
  if (call == NULL)
    return _nawat_cli_refuse_error (error);
  list = nawat_outstanding_list (store, call_id, evaluator, &error);
  if (list == NULL)
    return _nawat_cli_refuse_error (error);

  if (table_path != NULL)
    {
      g_autoptr(NawatCliOutput) output = _nawat_cli_output_open (table_path, &error);

      if (output == NULL ||
          !nawat_outstanding_write (list, language, table_format, output->stream, &error) ||
          !_nawat_cli_output_close (output, &error))
        return _nawat_cli_refuse_error (error);
      return EXIT_OK;
    }

  for (guint i = 0; i < list->len; i++)
    {
      NawatOutstanding *outstanding = g_ptr_array_index (list, i);

      if (outstanding->projects->len == 0 && evaluator == NULL)
        continue;
      print_message (call, outstanding, language, first);
      first = FALSE;
    }
  if (first)
    g_printerr (_("Every evaluator of call “%s” has submitted all their evaluations.\n"), call_id);
  return EXIT_OK;
}
