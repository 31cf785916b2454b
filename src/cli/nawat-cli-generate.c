/* nawat-cli-generate.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-domains.h"
#include "nawat-generator.h"

#include <glib/gi18n.h>

static gboolean
is_date (const char *str)
{
  g_autoptr(GDateTime) date = _nawat_cli_parse_date (str);

  return date != NULL;
}

int
_nawat_cli_cmd_generate (NawatCliGlobals  *globals,
                         int               argc,
                         char            **argv)
{
  g_autofree char *projects = NULL;
  g_autofree char *evaluators = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *theme = NULL;
  const GOptionEntry entries[] = {
    { "projects", 'n', 0, G_OPTION_ARG_STRING, &projects, N_("Number of projects"), N_("N") },
    { "evaluators", 'k', 0, G_OPTION_ARG_STRING, &evaluators, N_("Number of evaluators (0: no evaluations)"), N_("K") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, N_("Random seed (default 1)"), N_("S") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("Call id (default “synthetic”)"), N_("ID") },
    { "deadline", 'd', 0, G_OPTION_ARG_STRING, &deadline, N_("The call’s deadline, ISO 8601 (default 2099-12-31T17:00:00Z)"), N_("DATE") },
    { "theme", 't', 0, G_OPTION_ARG_STRING, &theme, N_("The call’s yearly theme: recovery, regional-scaling, networks-impact or ecosystem"), N_("KEY") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Output file, “-” for standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatCliOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n_projects = 0;
  guint64 n_evaluators = 0;
  guint64 seed_value = 1;

  if (!_nawat_cli_parse_options (context,
                                 _("Writes a deterministic synthetic call (the default rubric, N projects and,\n"
                                   "with K evaluators, their evaluations) as a _bulk_docs body: the same\n"
                                   "arguments always give the same bytes."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("generate takes no arguments besides its options"));
  if (projects == NULL || !_nawat_cli_parse_unsigned (projects, G_MAXUINT32, &n_projects))
    return _nawat_cli_refuse (EXIT_USAGE, _("--projects N is required (a whole number)"));
  if (evaluators != NULL && !_nawat_cli_parse_unsigned (evaluators, 9999, &n_evaluators))
    return _nawat_cli_refuse (EXIT_USAGE, _("--evaluators must be a whole number from 0 to 9999"));
  if (seed != NULL && !_nawat_cli_parse_unsigned (seed, G_MAXUINT64, &seed_value))
    return _nawat_cli_refuse (EXIT_USAGE, _("--seed must be a whole number"));
  if (deadline != NULL && !is_date (deadline))
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("--deadline takes an ISO 8601 date and time, e.g. 2027-06-30T17:00:00Z"));
  if (theme != NULL && nawat_theme_index (theme) < 0)
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("--theme takes recovery, regional-scaling, networks-impact or ecosystem"));
  if (output_path == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--output FILE is required"));

  if (deadline == NULL)
    deadline = g_strdup (NAWAT_GENERATOR_DEFAULT_DEADLINE);

  output = _nawat_cli_output_open (output_path, &error);
  if (output == NULL ||
      !nawat_generator_write_with_theme (output->stream, call_id != NULL ? call_id : "synthetic",
                                         (guint) n_projects, (guint) n_evaluators, seed_value,
                                         deadline, theme, NULL, &error) ||
      !_nawat_cli_output_close (output, &error))
    return _nawat_cli_refuse_error (error);

  return EXIT_OK;
}
