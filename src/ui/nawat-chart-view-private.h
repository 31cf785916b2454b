/* nawat-chart-view-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-chart-view.h"

G_BEGIN_DECLS

/* "th" or "en"; NULL (the default) follows the interface language. */
const char *nawat_chart_view_get_language      (NawatChartView          *self);
/* The accessible label and description currently set. */
const char *nawat_chart_view_get_label         (NawatChartView          *self);
const char *nawat_chart_view_get_description   (NawatChartView          *self);

G_END_DECLS
