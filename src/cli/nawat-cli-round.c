/* nawat-cli-round.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-codec.h"
#include "nawat-evaluation.h"
#include "nawat-round.h"

#include <glib/gi18n.h>

int
_nawat_cli_cmd_extend (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
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
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) effective = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_doc_id = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *effective_iso = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Moves the deadline of a call, or gives one evaluator a deadline of their\n"
                                   "own (an extension: it counts when later than the call’s). For\n"
                                   "coordinators; recorded in the call, which “publish” puts on the server."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("extend takes no arguments besides its options"));
  if (call_id == NULL || *call_id == '\0')
    return _nawat_cli_refuse (EXIT_USAGE, _("--call ID is required"));
  if (until == NULL)
    return _nawat_cli_refuse (EXIT_USAGE, _("--until DATE is required"));
  date = _nawat_cli_parse_date (until);
  if (date == NULL)
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("--until takes an ISO 8601 date and time, e.g. 2027-01-15T17:00:00Z"));
  iso = _nawat_cli_format_utc (date);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  call = nawat_store_extend_deadline (store, call_id, evaluator, date, &error);
  if (call == NULL)
    return _nawat_cli_refuse_error (error);

  call_doc_id = g_strconcat ("call:", call_id, NULL);

  if (evaluator != NULL)
    {
      effective = nawat_round_dup_deadline (call, evaluator);
      effective_iso = _nawat_cli_format_utc (effective);
      /* Translators: e.g. "call:c1: somchai’s deadline is 2027-01-15T17:00:00Z" */
      g_print (_("%s: %s’s deadline is %s\n"), call_doc_id, evaluator, effective_iso);
    }
  else
    g_print (_("%s: the deadline is %s\n"), call_doc_id, iso);
  g_print (_("Run “nawat-cli publish --call %s” to put it on the server.\n"), call_id);
  return EXIT_OK;
}

int
_nawat_cli_cmd_reopen (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autofree char *by = NULL;
  const GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("The coordinator who reopens it (recorded in the evaluation)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("EVALUATION-ID"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Takes a submitted evaluation back to draft, for coordinators: at any\n"
                                   "time, the deadline passed or not. Who and when are recorded in the\n"
                                   "evaluation (“reopened”), which the next sync pushes."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("reopen needs exactly one EVALUATION-ID"));
  if (by == NULL || *by == '\0')
    return _nawat_cli_refuse (EXIT_USAGE, _("--by NAME is required"));
  if (!nawat_codec_is_user_name (by))
    return _nawat_cli_refuse (EXIT_USAGE, _("--by takes a user name: printable ASCII without spaces, "
                                            "“:”, quotes or backslashes"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  evaluation = nawat_store_reopen_evaluation (store, argv[1], by, &error);
  if (evaluation == NULL)
    return _nawat_cli_refuse_error (error);

  /* Translators: e.g. "evaluation:c1:p1:somchai: draft again, reopened by boss" */
  g_print (_("%s: draft again, reopened by %s\n"), argv[1], by);
  return EXIT_OK;
}
