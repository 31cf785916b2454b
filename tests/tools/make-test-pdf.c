/* make-test-pdf.c: writes a PDF made for the tests
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   make-test-pdf FILE PAGES TEXT [SIZE]
 *
 * FILE gets a PDF of PAGES pages showing TEXT ("%u" becomes the page
 * number), padded to about SIZE bytes (nawat-test-pdf.h).
 */

#include <stdlib.h>

#include "nawat-test-pdf.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  guint64 pages;
  guint64 size = 0;

  if (argc < 4 || argc > 5
      || !g_ascii_string_to_unsigned (argv[2], 10, 1, 100000, &pages, NULL)
      || (argc == 5 && !g_ascii_string_to_unsigned (argv[4], 10, 0, G_MAXUINT32, &size, NULL)))
    {
      g_printerr ("usage: make-test-pdf FILE PAGES TEXT [SIZE]\n");
      return EXIT_FAILURE;
    }

  pdf = nawat_test_pdf_new ((guint) pages, argv[3], (gsize) size);
  if (!g_file_set_contents (argv[1], g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error))
    {
      g_printerr ("make-test-pdf: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
