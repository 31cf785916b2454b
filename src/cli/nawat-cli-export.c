/* nawat-cli-export.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-exporter.h"
#include "nawat-report.h"

#include <glib/gi18n.h>

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

int
_nawat_cli_cmd_export (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *report = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *project = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *evaluator = NULL;
  gboolean weight_confidence = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("json, csv, xlsx or pdf"), N_("FORMAT") },
    { "report", 'r', 0, G_OPTION_ARG_STRING, &report, N_("The report: portfolio (default) or project (pdf only)"), N_("REPORT") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call (needed when the store has several)"), N_("ID") },
    { "project", 'p', 0, G_OPTION_ARG_STRING, &project, N_("The project of a project report: its id or its code"), N_("ID") },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_("The language of a PDF report: th or en (default: the locale’s)"), N_("LANG") },
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("An evaluator’s own project report: only their scores and comments"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Output file, “-” for standard output"), N_("FILE") },
    { "weight-confidence", 0, 0, G_OPTION_ARG_NONE, &weight_confidence, N_("Weigh each evaluation by its evaluator’s confidence in the portfolio’s mean scores and ranks (JSON and PDF)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  NawatExportFormat export_format = NAWAT_EXPORT_FORMAT_PDF;
  gboolean ok;

  if (!_nawat_cli_parse_options (context,
                                 _("Exports a call’s portfolio: every project with its evaluations,\n"
                                   "as JSON, as CSV (RFC 4180, UTF-8, one row per evaluation) or as\n"
                                   "an Excel workbook (XLSX, the same table as the CSV), or a PDF report\n"
                                   "of the portfolio or of one project, in Thai or English."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("export takes no arguments besides its options"));
  if (!nawat_export_format_from_string (format, &export_format))
    return _nawat_cli_refuse (EXIT_USAGE, _("--format must be json, csv, xlsx or pdf"));
  if (report != NULL && !g_str_equal (report, "portfolio") && !g_str_equal (report, "project"))
    return _nawat_cli_refuse (EXIT_USAGE, _("--report must be portfolio or project"));
  if (report != NULL && g_str_equal (report, "project") && export_format != NAWAT_EXPORT_FORMAT_PDF)
    return _nawat_cli_refuse (EXIT_USAGE, _("--report project needs --format pdf"));
  if (report != NULL && g_str_equal (report, "project") && project == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--report project needs --project ID"));
  if ((report == NULL || !g_str_equal (report, "project")) && (project != NULL || evaluator != NULL))
    return _nawat_cli_refuse (EXIT_USAGE, _("--project and --evaluator go with --report project"));
  if (lang != NULL && !g_str_equal (lang, "th") && !g_str_equal (lang, "en"))
    return _nawat_cli_refuse (EXIT_USAGE, _("--lang must be th or en"));
  if (lang != NULL && export_format != NAWAT_EXPORT_FORMAT_PDF)
    return _nawat_cli_refuse (EXIT_USAGE, _("--lang goes with --format pdf"));
  if (output_path == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--output FILE is required"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  if (call_id == NULL)
    {
      call_id = pick_call (store, &error);
      if (call_id == NULL)
        return _nawat_cli_refuse_error (error);
    }

  output = _nawat_cli_output_open (output_path, &error);
  if (output == NULL)
    return _nawat_cli_refuse_error (error);
  if (project != NULL)
    project_id = g_str_has_prefix (project, "project:") ? g_strdup (project) :
                 g_strdup_printf ("project:%s:%s", call_id, project);
  ok = nawat_export_write (store, call_id,
                           project_id != NULL ? NAWAT_REPORT_PROJECT : NAWAT_REPORT_PORTFOLIO,
                           export_format, project_id, lang, evaluator,
                           weight_confidence ? NAWAT_STATS_WEIGHT_CONFIDENCE : NAWAT_STATS_FLAGS_NONE,
                           output->stream, NULL, &error);
  if (!ok || !_nawat_cli_output_close (output, &error))
    return _nawat_cli_refuse_error (error);
  return EXIT_OK;
}
