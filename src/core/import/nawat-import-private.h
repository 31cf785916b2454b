/* nawat-import-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @text casefolded, keeping its letters, digits and marks only: the form
 * in which headers and the names of vocabulary terms are compared.
 */
char *_nawat_import_normalise (const char *text);

G_END_DECLS
