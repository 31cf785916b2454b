/* nawat-test-pdf.h: PDFs made for the tests, with Thai text
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A PDF of @n_pages A4 pages.  Page i (from 1) shows, in Noto Sans Thai
 * (a real, shaped Thai run), a heading "หน้า i" and then @text, in which
 * every "%u" is replaced by the page number.  When @size is larger than
 * what the text comes to, each page also carries an image of noise (which
 * does not compress) so that the file comes to about @size bytes (within
 * a few kilobytes).  The same arguments give the same bytes.
 */
GBytes *nawat_test_pdf_new (guint       n_pages,
                            const char *text,
                            gsize       size);

G_END_DECLS
