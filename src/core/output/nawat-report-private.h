/* nawat-report-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-report.h"

#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-stats.h"
#include "nawat-store-read-private.h"
#include "nawat-vocabulary.h"

#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* What the files of the report share (nawat-report.c, -layout.c, -data.c,
 * -sections.c and -pdf.c): its page, type and colours, its struct, the
 * layout engine's rich text and flow, and their internal functions.
 */

#define FONT_FAMILY "Noto Sans Thai, Noto Sans"

#define PAGE_W NAWAT_REPORT_A4_WIDTH
#define PAGE_H NAWAT_REPORT_A4_HEIGHT
#define MARGIN_X 48.0
#define BODY_TOP 64.0
#define BODY_BOTTOM (PAGE_H - 52.0)
#define BODY_W (PAGE_W - 2 * MARGIN_X)
#define CELL_PAD 3.5

#define SIZE_BODY 8.5
#define SIZE_SMALL 7.5
#define SIZE_HEADING 13.0
#define SIZE_SUBHEADING 10.5
#define SIZE_TITLE 20.0

/* Grey ink for secondary text; the shade of header rows. */
#define GREY 0x5a5a5a
#define RULE 0xb0b0b0
#define SHADE 0xececec
#define SHADE_LIGHT 0xf6f6f6

/* The evaluators shown side by side in one criteria table. */
#define MAX_EVALUATOR_COLUMNS 4

/* A table's header row keeps at least this much of what follows on its
 * page; a heading, room for a table's header row and that much.
 */
#define KEEP_WITH_NEXT 90.0
#define KEEP_WITH_HEADING 150.0

/* Dates are shown in Thailand's time (UTC+7). */
#define THAI_OFFSET (7 * 3600)

/* The report's own words, in both languages: a report's language is
 * chosen per report, independently of the user interface's locale.
 */
typedef enum
{
  SECTION_COVER,
  SECTION_CONTENTS,
  SECTION_RANKING,
  SECTION_DISAGREEMENTS,
  SECTION_AGREEMENT,
  SECTION_COVERAGE,
  SECTION_PROGRESS,
  N_FIXED_SECTIONS
} NawatReportFixedSection;

typedef struct
{
  guint  section;
  guint  item;
  double offset;
} NawatReportPageStart;

struct _NawatReport
{
  GObject          parent_instance;

  NawatStore      *store;
  char            *call_id;
  NawatReportKind  kind;
  char            *project_id;
  char            *language;
  char            *evaluator;
  GDateTime       *date;
  gboolean         thai;
  NawatStatsFlags  stats_flags;

  PangoFontMap    *font_map;
  PangoFontDescription *font;
  PangoContext    *pango;

  /* read at prepare */
  NawatCall       *call;
  NawatRubric     *rubric;
  NawatCallStats  *stats;
  NawatStoreReader *reader;
  /* the projects in report order (their ids) */
  GPtrArray       *projects;
  guint            n_fixed;

  /* shared layouts (NawatReportRich.key), bounded */
  GHashTable      *layouts;
  /* the unwrapped widths of the words of tables' header cells, bounded */
  GHashTable      *header_widths;
  /* the running header, the same on every page */
  PangoLayout     *header_date;
  PangoLayout     *header_title;
  /* the titles above every project's two charts, and their width */
  PangoLayout     *chart_titles[2];
  double           chart_titles_width;

  /* the first pass */
  GArray          *pages;
  GArray          *section_pages;
  gboolean         prepared;
  guint            n_pages;

  /* aggregated over the projects in the first pass, for the coverage */
  double           heat[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];
  guint            partner_counts[NAWAT_N_HELIX];
  double           helix_sum[NAWAT_N_HELIX];
  guint            helix_n[NAWAT_N_HELIX];
  NawatReachTotal  reach_totals[NAWAT_N_REACH + 1];
};

/* The report's words, in its own language. */
static inline const char *
W (NawatReport *self,
   NawatWord    word)
{
  return nawat_vocabulary_get (word, self->language);
}

/* A text in the report's language, or else in the other one ("" if
 * neither).
 */
static inline const char *
text_get (NawatReport     *self,
          const NawatText *text)
{
  const char *s;

  if (text == NULL)
    return "";
  s = nawat_text_get (text, self->language);
  if (s == NULL || *s == '\0')
    s = nawat_text_get (text, self->thai ? "en" : "th");
  return s != NULL ? s : "";
}

/* Rich text: plain text and attributes, never markup. */

typedef struct _NawatReportRich NawatReportRich;

struct _NawatReportRich
{
  GString         *text;
  PangoAttrList   *attrs;
  PangoAlignment   align;
  /* When set, the layout of this text may be shared with every other
   * text of the same key (the same key must mean the same text): level
   * descriptors and criterion labels recur on every project page.
   */
  char            *key;
  /* More text, stacked below in the same cell, laid out on its own. */
  NawatReportRich *below;
  /* how many runs of text were added, and the style of the last one:
   * a short text of one run is its own key
   */
  guint            n_runs;
  guint            style;
};

enum
{
  STYLE_BOLD = 1 << 0,
  STYLE_GREY = 1 << 1,
  STYLE_SMALL = 1 << 2,
  STYLE_BIG = 1 << 3,
};

typedef struct
{
  guint           n;
  double          x[8];
  double          w[8];
  /* the header row, repeated on each page the table continues on */
  NawatReportRich header[8];
} NawatReportTable;

typedef struct _NawatReportFlow NawatReportFlow;
typedef void (*NawatReportFlowPageFunc) (NawatReportFlow *flow, gpointer user_data);

struct _NawatReportFlow
{
  NawatReport             *report;
  PangoContext            *pango;

  guint                    page;
  double                   y;
  guint                    section;
  guint                    item;
  /* the page of the section's first item is not recorded yet */
  gboolean                 section_pending;

  /* the first pass: record page starts */
  gboolean                 measuring;
  /* drawing: @cr, for page @target only (random access), or for every
   * page when @target is -1 (streaming; @turn_page finishes a page)
   */
  cairo_t                 *cr;
  int                      target;
  gboolean                 done;
  gboolean                 skipping;
  NawatReportPageStart     skip_to;
  double                   resume_offset;
  NawatReportFlowPageFunc  turn_page;
  gpointer                 turn_page_data;

  /* a table's columns are in use; its header row is placed and repeats */
  NawatReportTable         table;
  gboolean                 in_table;
  gboolean                 repeat_header;

  GCancellable            *cancellable;
  GError                  *error;
};

typedef void (*NawatReportChartFunc) (NawatReport *self,
                                      cairo_t     *cr,
                                      double       width,
                                      double       height,
                                      gpointer     data);

/* nawat-report-layout.c: the layout engine, rich text and the flow of pages */

void         _nawat_rich_init               (NawatReportRich *r);
void         _nawat_rich_clear              (NawatReportRich *r);
NawatReportRich *_nawat_rich_below            (NawatReportRich *r);
void         _nawat_rich_add                (NawatReportRich *r,
                                             const char      *text,
                                             guint            style);
void         _nawat_rich_newline            (NawatReportRich *r);
gboolean     _nawat_flow_drawing            (NawatReportFlow *f);
gboolean     _nawat_flow_skip               (NawatReportFlow *f);
PangoLayout  *_nawat_flow_layout            (NawatReportFlow       *f,
                                             const NawatReportRich *r,
                                             double                 width,
                                             double                 size);
PangoLayout  *_nawat_rich_layout_new        (NawatReport           *self,
                                             const NawatReportRich *r,
                                             double                 width,
                                             double                 size);
void         _nawat_report_set_rgb          (cairo_t *cr,
                                             guint32  rgb);
void         _nawat_flow_row_full           (NawatReportFlow       *f,
                                             const NawatReportRich *cells,
                                             guint                  n,
                                             double                 size,
                                             guint32                shade,
                                             gboolean               rule,
                                             double                 keep);
void         _nawat_flow_row                (NawatReportFlow       *f,
                                             const NawatReportRich *cells,
                                             guint                  n);
void         _nawat_flow_space              (NawatReportFlow *f,
                                             double           height);
void         _nawat_flow_line               (NawatReportFlow *f,
                                             const char      *text,
                                             guint            style,
                                             double           size,
                                             double           keep);
void         _nawat_flow_text               (NawatReportFlow *f,
                                             const char      *text,
                                             guint            style);
void         _nawat_flow_heading            (NawatReportFlow *f,
                                             const char      *text,
                                             double           size);
void         _nawat_flow_table_begin        (NawatReportFlow *f,
                                             guint            n,
                                             const double    *widths,
                                             NawatReportRich *header);
void         _nawat_flow_table_end          (NawatReportFlow *f);
void         _nawat_flow_chart              (NawatReportFlow      *f,
                                             double                height,
                                             NawatReportChartFunc  func,
                                             gpointer              data);
void         _nawat_flow_section            (NawatReportFlow *f,
                                             guint            section,
                                             gboolean         new_page);
void         _nawat_flow_init               (NawatReportFlow *f,
                                             NawatReport     *self);
void         _nawat_flow_clear              (NawatReportFlow *f);

/* nawat-report-data.c: the store, read through a connection of the report's own */

NawatProject *_nawat_report_load_project    (NawatReport  *self,
                                             const char   *id,
                                             GError      **error);
GPtrArray    *_nawat_report_load_evaluations(NawatReport  *self,
                                             const char   *id,
                                             GError      **error);
char         *_nawat_report_dup_title       (NawatReport  *self,
                                             const char   *id,
                                             char        **code);
void         _nawat_report_close_db         (NawatReport *self);
gboolean     _nawat_report_open_db          (NawatReport  *self,
                                             GError      **error);
gboolean     _nawat_report_list_projects    (NawatReport  *self,
                                             GError      **error);

/* nawat-report-sections.c: the report's words, its page furniture and its sections */

void         _nawat_report_draw_furniture   (NawatReport *self,
                                             cairo_t     *cr,
                                             guint        page);
guint        _nawat_report_n_sections       (NawatReport *self);
void         _nawat_report_run_section      (NawatReportFlow *f,
                                             NawatReport     *self,
                                             guint            section);

G_END_DECLS
