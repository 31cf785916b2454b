/* nawat-cli-search.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include <glib/gi18n.h>

int
_nawat_cli_cmd_search (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
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

  if (!_nawat_cli_parse_options (context,
                                 _("Prints the ids of the projects matching TEXT (titles, summaries,\n"
                                   "organisations, partners; Thai substrings too), best first."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("search needs TEXT"));
  if (limit <= 0)
    return _nawat_cli_refuse (EXIT_USAGE, _("--limit must be a positive number"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  {
    /* Several words are one query, as typed in the search entry. */
    g_autofree char *text = g_strjoinv (" ", argv + 1);

    ids = nawat_store_search (store, text, (guint) limit, &error);
  }
  if (ids == NULL)
    return _nawat_cli_refuse_error (error);
  for (guint i = 0; ids[i] != NULL; i++)
    g_print ("%s\n", ids[i]);
  return EXIT_OK;
}
