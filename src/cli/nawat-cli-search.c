/* nawat-cli-search.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"
#include "nawat-store-file-text.h"

#include <glib/gi18n.h>

/* The files of @matches (NawatFileMatch) of @project_id, joined by ", ". */
static char *
join_files (GPtrArray  *matches,
            const char *project_id)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < matches->len; i++)
    {
      NawatFileMatch *match = matches->pdata[i];

      if (!g_str_equal (match->project_id, project_id))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, match->name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The projects whose texts match (@ids), then those whose files alone
 * match, in the order of their codes, at most @limit: each id, then a tab
 * and the files that matched when some did.
 */
static int
print_with_files (NawatStore *store,
                  const char *text,
                  GStrv       ids,
                  int         limit)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GHashTable) printed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  int n = 0;

  /* The files' text may not have been read yet: it is read now. */
  if (!nawat_store_finish_file_texts (store, NULL, &error))
    return _nawat_cli_refuse_error (error);
  matches = nawat_store_search_files (store, text, NULL, 0, &error);
  if (matches == NULL)
    return _nawat_cli_refuse_error (error);

  for (guint i = 0; ids[i] != NULL && n < limit; i++, n++)
    {
      g_autofree char *files = join_files (matches, ids[i]);

      g_hash_table_add (printed, ids[i]);
      if (*files != '\0')
        g_print ("%s\t%s\n", ids[i], files);
      else
        g_print ("%s\n", ids[i]);
    }
  for (guint i = 0; i < matches->len && n < limit; i++)
    {
      NawatFileMatch *match = matches->pdata[i];
      g_autofree char *files = NULL;

      if (!g_hash_table_add (printed, match->project_id))
        continue;
      files = join_files (matches, match->project_id);
      g_print ("%s\t%s\n", match->project_id, files);
      n++;
    }
  return EXIT_OK;
}

int
_nawat_cli_cmd_search (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  int limit = 50;
  gboolean documents = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("At most N results (default 50)"), N_("N") },
    { "documents", 'd', 0, G_OPTION_ARG_NONE, &documents,
      N_("Search the text of the projects’ files too"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TEXT"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;
  g_autofree char *text = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Prints the ids of the projects matching TEXT (titles, summaries,\n"
                                   "organisations, partners; Thai substrings too), best first.\n"
                                   "With --documents, the projects whose files’ text matches too,\n"
                                   "each followed by a tab and the names of the files that matched."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("search needs TEXT"));
  if (limit <= 0)
    return _nawat_cli_refuse (EXIT_USAGE, _("--limit must be a positive number"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  /* Several words are one query, as typed in the search entry. */
  text = g_strjoinv (" ", argv + 1);
  ids = nawat_store_search (store, text, (guint) limit, &error);
  if (ids == NULL)
    return _nawat_cli_refuse_error (error);
  if (documents)
    return print_with_files (store, text, ids, limit);
  for (guint i = 0; ids[i] != NULL; i++)
    g_print ("%s\n", ids[i]);
  return EXIT_OK;
}
