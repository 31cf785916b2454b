/* nawat-chart-view.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "nawat-chart.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CHART_VIEW (nawat_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (NawatChartView, nawat_chart_view, NAWAT, CHART_VIEW, GtkWidget)

/* Draws any chart of nawat-chart.h into @cr, @width × @height; the style
 * (dark or light) and the language are already set on @cr.
 */
typedef void (*NawatChartViewDrawFunc) (cairo_t    *cr,
                                        double      width,
                                        double      height,
                                        const char *language,
                                        gpointer    user_data);

/* A widget showing one chart of the chart module, in the dark style when
 * libadwaita's style manager is dark.  Its accessible label names the
 * chart and its description lists the values for screen readers.
 */
GtkWidget  *nawat_chart_view_new               (void);

/* The nine-domain radar of @evaluations (referenced, not copied: call it
 * again, or nawat_chart_view_refresh(), after they change).
 */
void        nawat_chart_view_set_domain_radar  (NawatChartView          *self,
                                                NawatRubric             *rubric,
                                                NawatEvaluation *const  *evaluations,
                                                guint                    n_evaluations);
/* The Quintuple Helix profile of @evaluations and of @partners (a
 * GPtrArray of NawatPartner, may be NULL; copied).
 */
void        nawat_chart_view_set_helix_profile (NawatChartView          *self,
                                                NawatRubric             *rubric,
                                                NawatEvaluation *const  *evaluations,
                                                guint                    n_evaluations,
                                                GPtrArray               *partners);
/* Any other chart (distribution, heat map, progress) with the accessible
 * @label and @description the caller composes.
 */
void        nawat_chart_view_set_draw_func     (NawatChartView          *self,
                                                NawatChartViewDrawFunc   func,
                                                gpointer                 user_data,
                                                GDestroyNotify           destroy,
                                                const char              *label,
                                                const char              *description);
void        nawat_chart_view_clear             (NawatChartView          *self);
/* Redraws and updates the accessible description after the evaluations
 * given to set_domain_radar() / set_helix_profile() changed.
 */
void        nawat_chart_view_refresh           (NawatChartView          *self);

void        nawat_chart_view_set_language      (NawatChartView          *self,
                                                const char              *language);

G_END_DECLS
