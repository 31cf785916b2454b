/* nawat-project-page-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-page.h"

G_BEGIN_DECLS

NawatProject *nawat_project_page_get_project      (NawatProjectPage *self);
/* "th" or "en": the language of the data shown; NULL follows the system. */
const char   *nawat_project_page_get_language     (NawatProjectPage *self);
/* The NawatChartView in the slot, or NULL before set_evaluation(). */
GtkWidget    *nawat_project_page_get_chart_view   (NawatProjectPage *self);

/* The list of the project's files (an AdwActionRow each, named "file-row",
 * or "file-row-missing" when its contents are not held).
 */
GtkWidget    *nawat_project_page_get_files_list   (NawatProjectPage *self);

G_END_DECLS
