/* nawat-chart-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-chart.h"
#include "nawat-vocabulary.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the files of the charts share (nawat-chart.c, -draw.c, -radar.c,
 * -bars.c and -heatmap.c): the options a cairo context keeps, a chart
 * being drawn, its legend, and the drawing helpers.
 */

/* What a cairo context remembers between the charts drawn on it: a
 * report draws hundreds of charts of the same size on one context, and
 * the pango context and the fitted radar labels are the same each time.
 */
typedef struct
{
  NawatChartStyle  style;
  double           font_size;
  char             language[8];
  PangoContext    *pango;
  /* signature → RadarFit */
  GHashTable      *radar_fits;
} NawatChartOptions;

typedef struct
{
  double r, g, b;
} NawatChartRgb;

typedef struct
{
  cairo_t              *cr;
  double                width;
  double                height;
  NawatChartStyle       style;
  double                font;
  gboolean              thai;
  char                 *family;
  PangoContext         *pango;
  PangoFontDescription *desc;
  NawatChartRgb         text;
  NawatChartRgb         muted;
  NawatChartRgb         grid;
  NawatChartRgb         axis;
  NawatChartRgb         surface;
  double                line;
} NawatChartCanvas;

typedef enum
{
  NAWAT_CHART_LEGEND_LINE,
  NAWAT_CHART_LEGEND_BOX,
  NAWAT_CHART_LEGEND_HATCH,
  NAWAT_CHART_LEGEND_EMPTY,
  NAWAT_CHART_LEGEND_BAR,
} NawatChartLegendKind;

typedef struct
{
  const char           *label;
  guint                 index;
  gboolean              emphasis;
  NawatChartLegendKind  kind;
} NawatChartLegendItem;

/* nawat-chart.c: the options a cairo context keeps for its charts */

void               _nawat_chart_rgb_from_hex       (guint32        hex,
                                                    NawatChartRgb *rgb);
NawatChartOptions *_nawat_chart_options_get        (cairo_t  *cr,
                                                    gboolean  create);
PangoContext      *_nawat_chart_options_ref_pango  (cairo_t *cr);

/* nawat-chart-draw.c: what every chart draws with: colours, text, legends, row labels */

const char        *_nawat_chart_word               (NawatChartCanvas *c,
                                                    NawatWord         w);
gboolean           _nawat_chart_is_thai            (const char *language);
gboolean           _nawat_chart_begin              (NawatChartCanvas *c,
                                                    cairo_t          *cr,
                                                    double            width,
                                                    double            height,
                                                    const char       *language);
void               _nawat_chart_end                (NawatChartCanvas *c);
void               _nawat_chart_set_rgb            (NawatChartCanvas    *c,
                                                    const NawatChartRgb *rgb,
                                                    double               alpha);
void               _nawat_chart_set_series_color   (NawatChartCanvas *c,
                                                    guint             index,
                                                    gboolean          emphasis,
                                                    double            alpha);
void               _nawat_chart_set_series_dash    (NawatChartCanvas *c,
                                                    guint             index,
                                                    gboolean          emphasis);
void               _nawat_chart_draw_marker        (NawatChartCanvas *c,
                                                    guint             index,
                                                    gboolean          emphasis,
                                                    double            x,
                                                    double            y,
                                                    double            size);
PangoLayout       *_nawat_chart_make_layout        (NawatChartCanvas *c,
                                                    const char       *text,
                                                    double            size,
                                                    gboolean          bold);
void               _nawat_chart_layout_size        (PangoLayout *layout,
                                                    double      *width,
                                                    double      *height);
PangoLayout       *_nawat_chart_fit_text           (NawatChartCanvas *c,
                                                    const char       *text,
                                                    double            size,
                                                    gboolean          bold,
                                                    double            max_width,
                                                    double            max_height,
                                                    PangoAlignment    alignment,
                                                    double           *out_width,
                                                    double           *out_height);
double             _nawat_chart_common_fit_size    (NawatChartCanvas  *c,
                                                    const char *const *labels,
                                                    guint              n,
                                                    double             size,
                                                    double             max_width,
                                                    double             max_height);
void               _nawat_chart_show_layout        (NawatChartCanvas    *c,
                                                    PangoLayout         *layout,
                                                    const NawatChartRgb *color,
                                                    double               x,
                                                    double               y);
double             _nawat_chart_draw_label         (NawatChartCanvas    *c,
                                                    const char          *text,
                                                    double               size,
                                                    gboolean             bold,
                                                    const NawatChartRgb *color,
                                                    double               x,
                                                    double               y,
                                                    double               ax,
                                                    double               ay,
                                                    double               max_width);
double             _nawat_chart_line_height        (NawatChartCanvas *c,
                                                    double            size);
void               _nawat_chart_draw_no_data       (NawatChartCanvas *c,
                                                    double            x,
                                                    double            y,
                                                    double            width,
                                                    double            height);
void               _nawat_chart_hatch_rect         (NawatChartCanvas *c,
                                                    double            x,
                                                    double            y,
                                                    double            w,
                                                    double            h);
void               _nawat_chart_fill_series_bar    (NawatChartCanvas *c,
                                                    guint             index,
                                                    gboolean          emphasis,
                                                    double            x,
                                                    double            y,
                                                    double            w,
                                                    double            h);
double             _nawat_chart_legend             (NawatChartCanvas           *c,
                                                    const NawatChartLegendItem *items,
                                                    guint                       n_items,
                                                    double                      x,
                                                    double                      y,
                                                    double                      width,
                                                    gboolean                    draw);
double             _nawat_chart_nice_step          (double range,
                                                    guint  n_ticks);
double             _nawat_chart_label_column_width (NawatChartCanvas  *c,
                                                    const char *const *labels,
                                                    guint              n,
                                                    double             size,
                                                    double             max_width);
void               _nawat_chart_draw_row_label     (NawatChartCanvas *c,
                                                    const char       *text,
                                                    double            size,
                                                    double            x,
                                                    double            y,
                                                    double            width,
                                                    double            height);

/* nawat-chart-radar.c: the radar, and the values of an evaluation it plots */

guint              _nawat_chart_evaluation_series  (NawatRubric            *rubric,
                                                    NawatEvaluation *const *evaluations,
                                                    guint                   n,
                                                    gboolean                helix,
                                                    const char             *mean_label,
                                                    guint                   n_values,
                                                    double                 *values,
                                                    const double          **rows,
                                                    NawatChartSeries       *series);

G_END_DECLS
