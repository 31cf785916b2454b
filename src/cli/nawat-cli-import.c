/* nawat-cli-import.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

int
_nawat_cli_cmd_import (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (!_nawat_cli_parse_options (context,
                                 _("Imports a JSON array of documents or {\"docs\": [...]}. All or nothing:\n"
                                   "when any document is invalid, every problem is listed and the store\n"
                                   "is left exactly as it was."),
                                 NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("import needs exactly one FILE"));

  /* An unreadable file is refused before a store is made for it. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR) || g_access (argv[1], R_OK) != 0)
    return _nawat_cli_refuse (EXIT_REFUSED, _("Could not read “%s”: %s"), argv[1],
                              g_strerror (errno != 0 ? errno : ENOENT));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

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
        _nawat_cli_print_error (error->message);
      return EXIT_REFUSED;
    }

  g_print (ngettext ("imported %u document\n", "imported %u documents\n", n_imported), n_imported);
  return EXIT_OK;
}
