/* nawat-cli-recuse.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-store.h"

#include <glib/gi18n.h>

int
_nawat_cli_cmd_recuse (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autofree char *call_id = NULL;
  g_autofree char *code = NULL;
  g_autofree char *evaluator = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call"), N_("ID") },
    { "project", 'p', 0, G_OPTION_ARG_STRING, &code, N_("The project: its code or its id"), N_("PID") },
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("The evaluator to recuse"), N_("NAME") },
    { "type", 't', 0, G_OPTION_ARG_STRING, &type_name, N_("same-organisation, partner-organisation, collaborator, personal, financial or other"), N_("TYPE") },
    { "note", 'n', 0, G_OPTION_ARG_STRING, &note, N_("Why, for the record"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_doc_id = NULL;
  g_autofree char *project_id = NULL;
  NawatConflictType type = NAWAT_CONFLICT_TYPE_NONE;

  if (!_nawat_cli_parse_options (context,
                                 _("Recuses an evaluator from a project for a conflict of interest: takes\n"
                                   "them out of the project’s assigned evaluators and records the conflict\n"
                                   "and its type in the project. For coordinators; “publish” puts it on the\n"
                                   "server, which then refuses that evaluator’s evaluation of the project."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("recuse takes no arguments besides its options"));
  if (call_id == NULL || code == NULL || evaluator == NULL || type_name == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--call, --project, --evaluator and --type are required"));
  if (!nawat_conflict_type_from_string (type_name, &type) || type == NAWAT_CONFLICT_TYPE_NONE)
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("The type must be same-organisation, partner-organisation, "
                                "collaborator, personal, financial or other"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  call_doc_id = g_str_has_prefix (call_id, "call:") ? g_strdup (call_id)
                                                    : g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, &error);
  if (call == NULL)
    return _nawat_cli_refuse_error (error);
  project_id = g_str_has_prefix (code, "project:") ? g_strdup (code)
               : g_strdup_printf ("project:%s:%s", nawat_call_get_call_id (call), code);
  if (!nawat_store_recuse (store, call, project_id, evaluator, type, note, &error))
    return _nawat_cli_refuse_error (error);

  /* Translators: e.g. "project:c1:p1: somchai recused (financial)" */
  g_print (_("%s: %s recused (%s)\n"), project_id, evaluator, type_name);
  g_print (_("Run “nawat-cli publish --call %s” to put it on the server.\n"),
           nawat_call_get_call_id (call));
  return EXIT_OK;
}
