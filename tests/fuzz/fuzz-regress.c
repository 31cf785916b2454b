/* fuzz-regress.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Runs a fuzz target once over every file of its corpus, so that the test
 * suite replays what the fuzzer found with any compiler.
 */
int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GError) error = NULL;
      const char *name;

      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        g_error ("%s", error->message);

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);
          g_autofree char *contents = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            g_error ("%s", error->message);

          LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
          n++;
        }
    }

  if (n == 0)
    g_error ("no corpus files found");

  g_print ("1..1\nok 1 - %u corpus inputs replayed\n", n);
  return 0;
}
