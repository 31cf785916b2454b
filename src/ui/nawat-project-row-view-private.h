/* nawat-project-row-view-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-row-view.h"

G_BEGIN_DECLS

/* What the row draws, for tests, at its width: the layouts of the title
 * (NULL while the row loads or has no title) and of the search snippet of
 * its caption line (NULL when it shows none).
 */
void _nawat_project_row_view_get_layouts (NawatProjectRowView  *self,
                                          PangoLayout         **title,
                                          PangoLayout         **snippet);

G_END_DECLS
