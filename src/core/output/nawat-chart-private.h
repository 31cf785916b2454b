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
} ChartOptions;

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  cairo_t         *cr;
  double           width;
  double           height;
  NawatChartStyle  style;
  double           font;
  gboolean         thai;
  char            *family;
  PangoContext    *pango;
  PangoFontDescription *desc;
  Rgb              text;
  Rgb              muted;
  Rgb              grid;
  Rgb              axis;
  Rgb              surface;
  double           line;
} Chart;

typedef enum
{
  LEGEND_LINE,
  LEGEND_BOX,
  LEGEND_HATCH,
  LEGEND_EMPTY,
  LEGEND_BAR,
} LegendKind;

typedef struct
{
  const char *label;
  guint       index;
  gboolean    emphasis;
  LegendKind  kind;
} LegendItem;

/* nawat-chart.c: the options a cairo context keeps for its charts */

void         _nawat_chart_rgb_from_hex       (guint32  hex,
                                              Rgb     *rgb);
ChartOptions *_nawat_chart_options_get       (cairo_t  *cr,
                                              gboolean  create);
PangoContext *_nawat_chart_options_ref_pango (cairo_t *cr);

/* nawat-chart-draw.c: what every chart draws with: colours, text, legends, row labels */

const char   *_nawat_chart_word              (Chart     *c,
                                              NawatWord  w);
gboolean     _nawat_chart_is_thai            (const char *language);
gboolean     _nawat_chart_begin              (Chart      *c,
                                              cairo_t    *cr,
                                              double      width,
                                              double      height,
                                              const char *language);
void         _nawat_chart_end                (Chart *c);
void         _nawat_chart_set_rgb            (Chart     *c,
                                              const Rgb *rgb,
                                              double     alpha);
void         _nawat_chart_set_series_color   (Chart    *c,
                                              guint     index,
                                              gboolean  emphasis,
                                              double    alpha);
void         _nawat_chart_set_series_dash    (Chart    *c,
                                              guint     index,
                                              gboolean  emphasis);
void         _nawat_chart_draw_marker        (Chart    *c,
                                              guint     index,
                                              gboolean  emphasis,
                                              double    x,
                                              double    y,
                                              double    size);
PangoLayout  *_nawat_chart_make_layout       (Chart      *c,
                                              const char *text,
                                              double      size,
                                              gboolean    bold);
void         _nawat_chart_layout_size        (PangoLayout *layout,
                                              double      *width,
                                              double      *height);
PangoLayout  *_nawat_chart_fit_text          (Chart          *c,
                                              const char     *text,
                                              double          size,
                                              gboolean        bold,
                                              double          max_width,
                                              double          max_height,
                                              PangoAlignment  alignment,
                                              double         *out_width,
                                              double         *out_height);
double       _nawat_chart_common_fit_size    (Chart             *c,
                                              const char *const *labels,
                                              guint              n,
                                              double             size,
                                              double             max_width,
                                              double             max_height);
void         _nawat_chart_show_layout        (Chart       *c,
                                              PangoLayout *layout,
                                              const Rgb   *color,
                                              double       x,
                                              double       y);
double       _nawat_chart_draw_label         (Chart      *c,
                                              const char *text,
                                              double      size,
                                              gboolean    bold,
                                              const Rgb  *color,
                                              double      x,
                                              double      y,
                                              double      ax,
                                              double      ay,
                                              double      max_width);
double       _nawat_chart_line_height        (Chart  *c,
                                              double  size);
void         _nawat_chart_draw_no_data       (Chart  *c,
                                              double  x,
                                              double  y,
                                              double  width,
                                              double  height);
void         _nawat_chart_hatch_rect         (Chart  *c,
                                              double  x,
                                              double  y,
                                              double  w,
                                              double  h);
void         _nawat_chart_fill_series_bar    (Chart    *c,
                                              guint     index,
                                              gboolean  emphasis,
                                              double    x,
                                              double    y,
                                              double    w,
                                              double    h);
double       _nawat_chart_legend             (Chart            *c,
                                              const LegendItem *items,
                                              guint             n_items,
                                              double            x,
                                              double            y,
                                              double            width,
                                              gboolean          draw);
double       _nawat_chart_nice_step          (double range,
                                              guint  n_ticks);
double       _nawat_chart_label_column_width (Chart             *c,
                                              const char *const *labels,
                                              guint              n,
                                              double             size,
                                              double             max_width);
void         _nawat_chart_draw_row_label     (Chart      *c,
                                              const char *text,
                                              double      size,
                                              double      x,
                                              double      y,
                                              double      width,
                                              double      height);

/* nawat-chart-radar.c: the radar, and the values of an evaluation it plots */

guint        _nawat_chart_evaluation_series  (NawatRubric            *rubric,
                                              NawatEvaluation *const *evaluations,
                                              guint                   n,
                                              gboolean                helix,
                                              const char             *mean_label,
                                              guint                   n_values,
                                              double                 *values,
                                              const double          **rows,
                                              NawatChartSeries       *series);

G_END_DECLS
