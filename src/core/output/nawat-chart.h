/* nawat-chart.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-partner.h"
#include "nawat-project.h"
#include "nawat-rubric.h"

G_BEGIN_DECLS

/* The one chart module of Nawat: every chart draws on any cairo context
 * (an image surface, a PDF page, a GtkSnapshot's cairo node) inside the
 * rectangle (0, 0, width, height) of the current user space, never
 * outside it.  Labels are laid out with pango (Thai is shaped and wrapped
 * or shrunk to fit).  The caller translates the context to place a chart.
 *
 * Languages are "th" or "en" (anything else is English); labels of the
 * fixed vocabularies (domains, sectors, regions) and the few chart words
 * ("Mean", "Projects", ...) are taken in that language, independently of
 * the UI locale, so a Thai report can be made from an English UI.
 *
 * Colours follow the Okabe–Ito palette; each series also gets its own
 * dash pattern and marker shape so charts stay readable in greyscale print
 * and for colour-blind readers.
 */

/* One line of a radar (or one bar set of a profile).
 * @values: one per axis, normalised 0..1; NAN means missing (a gap).
 * @emphasis: drawn stronger (thick, filled), e.g. the mean of several
 * evaluators.
 */
typedef struct
{
  const char   *label;
  const double *values;
  gboolean      emphasis;
} NawatChartSeries;

typedef enum
{
  NAWAT_CHART_STYLE_LIGHT,
  NAWAT_CHART_STYLE_DARK,
} NawatChartStyle;

/* Style and font size are attached to @cr (cairo user data), so a UI
 * drawing in the dark style and a PDF report rendered at the same time in
 * another thread do not disturb each other.  The default is the light
 * style (dark ink on a white or transparent background) and a font size
 * derived from the chart's size (0 = automatic; otherwise in user-space
 * units: pixels on an image surface, points on a PDF page).
 * Charts do not paint a background; the caller does (or not).
 */
void             nawat_chart_set_style        (cairo_t         *cr,
                                               NawatChartStyle  style);
NawatChartStyle  nawat_chart_get_style        (cairo_t         *cr);
void             nawat_chart_set_font_size    (cairo_t         *cr,
                                               double           size);
double           nawat_chart_get_font_size    (cairo_t         *cr);
/* The language of the chart words for the charts without a @language
 * parameter (heat map, progress, radar): "th" or "en" (the default).
 */
void             nawat_chart_set_language     (cairo_t         *cr,
                                               const char      *language);
const char      *nawat_chart_get_language     (cairo_t         *cr);

/* Process-wide font family list for every chart label; NULL restores the
 * default "Noto Sans Thai, Noto Sans, sans-serif".  Thread-safe.
 */
void             nawat_chart_set_font_family  (const char      *family);
/* (transfer full) */
char            *nawat_chart_dup_font_family  (void);

/* The colour of series @index (light or dark style), as RGB 0..1.  The
 * legend of a report table can use it to match the chart.
 */
void             nawat_chart_series_color     (NawatChartStyle  style,
                                               guint            index,
                                               gboolean         emphasis,
                                               double          *red,
                                               double          *green,
                                               double          *blue);

/* A radar of @n_axes axes (at least 3; fewer draws a "no data" note),
 * axis 0 at the top, clockwise; rings at 0.25, 0.5, 0.75 and 1.  A legend
 * is drawn below when there is more than one series or a series has a
 * label.
 */
void             nawat_chart_radar            (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               const char *const       *axis_labels,
                                               guint                    n_axes,
                                               const NawatChartSeries  *series,
                                               guint                    n_series);

/* The nine-domain radar (DOMAIN.md order) of the "domains" group of
 * @rubric: one series per evaluation (labelled with its evaluator), and
 * when there are two or more, their mean (emphasised; a domain's mean
 * over the evaluations that scored it).  A domain criterion that is
 * missing from the rubric or unscored is NAN.  @language: "th" or "en".
 */
void             nawat_chart_domain_radar     (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               NawatRubric             *rubric,
                                               NawatEvaluation *const  *evaluations,
                                               guint                    n_evaluations,
                                               const char              *language);

/* Fills @values[NAWAT_N_DOMAINS] with the normalised scores of the
 * domain criteria of @evaluation (nawat_scoring_normalise), NAN where
 * unscored or absent.  Returns the number of scored domains.
 */
guint            nawat_chart_domain_values    (NawatRubric             *rubric,
                                               NawatEvaluation         *evaluation,
                                               double                  *values);
/* The same for the five helix sectors (group "helix"), @values[NAWAT_N_HELIX]. */
guint            nawat_chart_helix_values     (NawatRubric             *rubric,
                                               NawatEvaluation         *evaluation,
                                               double                  *values);
/* The element-wise mean of @n rows of @n_values (NAN skipped; NAN where
 * every row is NAN) into @mean.
 */
void             nawat_chart_mean_values      (const double *const     *rows,
                                               guint                    n,
                                               guint                    n_values,
                                               double                  *mean);

/* The five-sector Quintuple Helix profile as horizontal bars, one row per
 * sector in DOMAIN.md order.  @series: engagement values
 * (@values[NAWAT_N_HELIX], 0..1, NAN = missing), drawn as grouped bars
 * with a 0–4 level scale; may be NULL / 0.  @partner_counts: the number
 * of a project's partners per sector (NAWAT_N_HELIX entries), drawn as a
 * count column on the right; may be NULL.  When both are absent, a "no
 * data" note is drawn.
 */
void             nawat_chart_helix_profile    (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               const NawatChartSeries  *series,
                                               guint                    n_series,
                                               const guint             *partner_counts,
                                               const char              *language);

/* Convenience: the helix profile of @evaluations (as for the domain radar:
 * one series each, plus their mean when two or more) and of @partners (a
 * GPtrArray of NawatPartner, may be NULL).
 */
void             nawat_chart_helix_profile_evaluations
                                              (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               NawatRubric             *rubric,
                                               NawatEvaluation *const  *evaluations,
                                               guint                    n_evaluations,
                                               GPtrArray               *partners,
                                               const char              *language);
/* Counts @partners (NawatPartner) per sector into @counts[NAWAT_N_HELIX];
 * unknown sectors are skipped.
 */
void             nawat_chart_count_partners   (GPtrArray               *partners,
                                               guint                   *counts);

/* A histogram of composite scores 0–100 (NAN entries are skipped) in
 * @n_bins equal bins (0 means 10); the last bin includes 100.  The y axis
 * counts projects; the mean is marked.
 */
void             nawat_chart_distribution     (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               const double            *composites,
                                               guint                    n,
                                               guint                    n_bins,
                                               const char              *language);

/* A heat map of counts, @cells row-major (@n_rows × @n_cols); each cell
 * shows its count, shaded on a single-hue sequential scale (readable in
 * greyscale), 0 cells left blank.
 */
void             nawat_chart_heatmap          (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               const char *const       *row_labels,
                                               guint                    n_rows,
                                               const char *const       *col_labels,
                                               guint                    n_cols,
                                               const double            *cells);

/* Domain × region coverage for the heat map: @cells[NAWAT_N_DOMAINS ×
 * NAWAT_N_REGIONS] (row-major, rows in domain order, columns in
 * nawat_regions() order) counts the projects per domain and region of
 * their province; with @primary_only a project counts for its first
 * domain only, otherwise for each of its domains.  Projects with an
 * unknown province or domain are skipped.
 */
void             nawat_chart_count_coverage   (NawatProject *const     *projects,
                                               guint                    n_projects,
                                               gboolean                 primary_only,
                                               double                  *cells);

/* Progress per evaluator: one stacked horizontal bar per label, of
 * @assigned[i] projects: submitted, drafts, and the rest not started,
 * with "submitted/assigned" on the right and a legend below.
 */
void             nawat_chart_progress         (cairo_t                 *cr,
                                               double                   width,
                                               double                   height,
                                               const char *const       *labels,
                                               const guint             *submitted,
                                               const guint             *drafts,
                                               const guint             *assigned,
                                               guint                    n);

/* Label helpers in @language ("th" or "en"), NULL-terminated, in the
 * fixed order of nawat-domains.h / nawat-places.h:
 * domains (9), helix sectors (5), regions (6).
 */
GStrv            nawat_chart_dup_domain_labels (const char             *language);
GStrv            nawat_chart_dup_helix_labels  (const char             *language);
GStrv            nawat_chart_dup_region_labels (const char             *language);

/* Short domain labels for tight axes (the English names, the Thai seed
 * names without the leading "ด้าน"), NULL-terminated.
 */
GStrv            nawat_chart_dup_domain_short_labels (const char       *language);

G_END_DECLS
