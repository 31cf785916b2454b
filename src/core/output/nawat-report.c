/* nawat-report.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report.h"

#include "nawat-chart.h"
#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-file-output.h"
#include "nawat-places.h"
#include "nawat-scoring.h"
#include "nawat-stats-private.h"
#include "nawat-vocabulary.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <sqlite3.h>
#include <string.h>

/* Layout.
 *
 * A report is a list of sections (the portfolio's summary, contents,
 * ranking, …, then one section per project).  A section is a function
 * that emits items (rows of cells, headings, charts) into a Flow, which
 * places them on pages top to bottom, breaks pages, repeats a table's
 * header row on each page, and splits a row taller than what is left of a
 * page between two lines of text.
 *
 * The first pass runs every section in measuring mode and records where
 * each page starts (section, item, and how much of that item earlier
 * pages already showed).  Writing a PDF runs every section once more,
 * drawing, page after page.  Rendering one page (printing) runs the
 * sections from that page's start, skipping the items of earlier pages
 * without laying them out, and stops at the page's end.  Nothing of a
 * page is kept once it is drawn, so memory does not grow with the report.
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

G_DEFINE_QUARK (nawat-report-error-quark, nawat_report_error)

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
} FixedSection;

typedef struct
{
  guint  section;
  guint  item;
  double offset;
} PageStart;

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

  PangoFontMap    *font_map;
  PangoFontDescription *font;
  PangoContext    *pango;

  /* read at prepare */
  NawatCall       *call;
  NawatRubric     *rubric;
  NawatCallStats  *stats;
  sqlite3         *db;
  sqlite3_stmt    *project_stmt;
  sqlite3_stmt    *title_stmt;
  sqlite3_stmt    *eval_stmt;
  /* the projects in report order (their ids) */
  GPtrArray       *projects;
  guint            n_fixed;

  /* shared layouts (Rich.key), bounded */
  GHashTable      *layouts;
  /* the running header, the same on every page */
  PangoLayout     *header_date;
  PangoLayout     *header_title;

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
};

G_DEFINE_FINAL_TYPE (NawatReport, nawat_report, G_TYPE_OBJECT)

static const char *
W (NawatReport *self,
   NawatWord    word)
{
  return nawat_vocabulary_get (word, self->language);
}

/* Rich text: plain text and attributes, never markup. */

typedef struct _Rich Rich;

struct _Rich
{
  GString       *text;
  PangoAttrList *attrs;
  PangoAlignment align;
  /* When set, the layout of this text may be shared with every other
   * text of the same key (the same key must mean the same text): level
   * descriptors and criterion labels recur on every project page.
   */
  char          *key;
  /* More text, stacked below in the same cell, laid out on its own. */
  Rich          *below;
  /* how many runs of text were added, and the style of the last one:
   * a short text of one run is its own key
   */
  guint          n_runs;
  guint          style;
};

static void
rich_init (Rich *r)
{
  r->text = g_string_new (NULL);
  r->attrs = pango_attr_list_new ();
  r->align = PANGO_ALIGN_LEFT;
  r->key = NULL;
  r->below = NULL;
  r->n_runs = 0;
  r->style = 0;
}

static void
rich_clear (Rich *r)
{
  if (r->text != NULL)
    g_string_free (g_steal_pointer (&r->text), TRUE);
  g_clear_pointer (&r->attrs, pango_attr_list_unref);
  g_clear_pointer (&r->key, g_free);
  if (r->below != NULL)
    {
      rich_clear (r->below);
      g_clear_pointer (&r->below, g_free);
    }
}

static Rich *
rich_below (Rich *r)
{
  if (r->below == NULL)
    {
      r->below = g_new0 (Rich, 1);
      rich_init (r->below);
    }
  return r->below;
}

enum
{
  STYLE_BOLD = 1 << 0,
  STYLE_GREY = 1 << 1,
  STYLE_SMALL = 1 << 2,
  STYLE_BIG = 1 << 3,
};

static void
rich_add (Rich       *r,
          const char *text,
          guint       style)
{
  guint start = r->text->len;
  PangoAttribute *attr;

  if (text == NULL || *text == '\0')
    return;
  /* Data may hold invalid UTF-8 only if the store let it in; never pass it
   * to pango as it is.
   */
  if (g_utf8_validate (text, -1, NULL))
    g_string_append (r->text, text);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);

      g_string_append (r->text, valid);
    }
  r->n_runs++;
  r->style = style;

  if (style & STYLE_BOLD)
    {
      attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      attr->start_index = start;
      attr->end_index = r->text->len;
      pango_attr_list_insert (r->attrs, attr);
    }
  if (style & STYLE_GREY)
    {
      attr = pango_attr_foreground_new (((GREY >> 16) & 0xff) * 257,
                                        ((GREY >> 8) & 0xff) * 257,
                                        (GREY & 0xff) * 257);
      attr->start_index = start;
      attr->end_index = r->text->len;
      pango_attr_list_insert (r->attrs, attr);
    }
  if (style & (STYLE_SMALL | STYLE_BIG))
    {
      attr = pango_attr_scale_new ((style & STYLE_SMALL) ? SIZE_SMALL / SIZE_BODY : SIZE_SUBHEADING / SIZE_BODY);
      attr->start_index = start;
      attr->end_index = r->text->len;
      pango_attr_list_insert (r->attrs, attr);
    }
}

static void
rich_newline (Rich *r)
{
  if (r->text->len > 0)
    g_string_append_c (r->text, '\n');
  r->n_runs++;
}

/* Numbers */

static char *
format_integer (gint64 value)
{
  char digits[32];
  GString *s = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) (-(value + 1)) + 1 : (guint64) value;
  guint len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, magnitude);
  len = strlen (digits);
  if (value < 0)
    g_string_append_c (s, '-');
  for (guint i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

/* One decimal (or @decimals), '.' whatever the locale; "—" for NAN. */
static char *
format_number (double value,
               int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("—");
  switch (decimals)
    {
    case 0:
      g_ascii_formatd (buf, sizeof buf, "%.0f", value);
      break;
    case 2:
      g_ascii_formatd (buf, sizeof buf, "%.2f", value);
      break;
    default:
      g_ascii_formatd (buf, sizeof buf, "%.1f", value);
      break;
    }
  if (g_str_equal (buf, "-0.0") || g_str_equal (buf, "-0") || g_str_equal (buf, "-0.00"))
    return g_strdup (buf + 1);
  return g_strdup (buf);
}

/* Why @ps is flagged, in the report's language (the statistics word their
 * reasons in the user interface's).
 */
static char **
report_dup_reasons (NawatReport             *self,
                    const NawatProjectStats *ps)
{
  g_autoptr(GStrvBuilder) reasons = g_strv_builder_new ();
  double threshold = nawat_call_stats_get_threshold (self->stats);
  NawatDisagreement why = _nawat_disagreement (ps->n_evaluations, ps->spread, ps->n_fund,
                                               ps->n_reject, threshold);

  if (why & NAWAT_DISAGREEMENT_SPREAD)
    {
      g_autofree char *reason = nawat_vocabulary_dup_spread_reason (ps->spread, threshold,
                                                                    self->language);

      g_strv_builder_add (reasons, reason);
    }
  if (why & NAWAT_DISAGREEMENT_FUND_REJECT)
    g_strv_builder_add (reasons, W (self, NAWAT_WORD_FUND_AND_REJECT));
  return g_strv_builder_end (reasons);
}

static char *
format_rank (NawatReport *self,
             guint        rank,
             gboolean     tied)
{
  if (rank == 0)
    return g_strdup ("—");
  return g_strdup_printf ("%s%u", tied ? W (self, NAWAT_WORD_TIED) : "", rank);
}

/* "5 March 2026" or "5 มีนาคม 2569" (Buddhist Era), in Thailand's time. */
static char *
format_date (NawatReport *self,
             GDateTime   *date)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (THAI_OFFSET);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (date, tz);
  int month = g_date_time_get_month (local);

  return g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (local),
                          nawat_vocabulary_month (month, self->language),
                          g_date_time_get_year (local) + (self->thai ? 543 : 0));
}

static char *
format_iso_date (NawatReport *self,
                 const char  *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("—");
  date = g_date_time_new_from_iso8601 (iso, utc);
  if (date == NULL && sscanf (iso, "%d-%d-%d", &y, &m, &d) == 3)
    date = g_date_time_new (utc, y, m, d, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso);
  return format_date (self, date);
}

static char *
format_page_of (NawatReport *self,
                guint        page,
                guint        n_pages)
{
  return nawat_vocabulary_dup_page_of (page, n_pages, self->language);
}

static const char *
recommendation_word (NawatReport         *self,
                     NawatRecommendation  recommendation)
{
  switch (recommendation)
    {
    case NAWAT_RECOMMENDATION_FUND:
      return W (self, NAWAT_WORD_FUND);
    case NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS:
      return W (self, NAWAT_WORD_FUND_WITH_CONDITIONS);
    case NAWAT_RECOMMENDATION_REJECT:
      return W (self, NAWAT_WORD_REJECT);
    case NAWAT_RECOMMENDATION_NONE:
    default:
      return W (self, NAWAT_WORD_NO_RECOMMENDATION);
    }
}

static const char *
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

static const char *
text_get_other (NawatReport     *self,
                const NawatText *text)
{
  const char *s;

  if (text == NULL)
    return NULL;
  s = nawat_text_get (text, self->thai ? "en" : "th");
  if (s == NULL || *s == '\0' || g_strcmp0 (s, text_get (self, text)) == 0)
    return NULL;
  return s;
}

/* The flow */

typedef struct
{
  guint   n;
  double  x[8];
  double  w[8];
  /* the header row, repeated on each page the table continues on */
  Rich    header[8];
} Table;

typedef struct _Flow Flow;
typedef void (*FlowPageFunc) (Flow *flow, gpointer user_data);

struct _Flow
{
  NawatReport  *report;
  PangoContext *pango;

  guint         page;
  double        y;
  guint         section;
  guint         item;
  /* the page of the section's first item is not recorded yet */
  gboolean      section_pending;

  /* the first pass: record page starts */
  gboolean      measuring;
  /* drawing: @cr, for page @target only (random access), or for every
   * page when @target is -1 (streaming; @turn_page finishes a page)
   */
  cairo_t      *cr;
  int           target;
  gboolean      done;
  gboolean      skipping;
  PageStart     skip_to;
  double        resume_offset;
  FlowPageFunc  turn_page;
  gpointer      turn_page_data;

  /* a table's columns are in use; its header row is placed and repeats */
  Table         table;
  gboolean      in_table;
  gboolean      repeat_header;

  GCancellable *cancellable;
  GError       *error;
};

static void
table_clear (Table *t)
{
  for (guint i = 0; i < t->n; i++)
    rich_clear (&t->header[i]);
  t->n = 0;
}

static gboolean
flow_drawing (Flow *f)
{
  return f->cr != NULL && !f->skipping && !f->done &&
         (f->target < 0 || (guint) f->target == f->page);
}

static void flow_draw_table_header (Flow *f);

/* Pages break the same way in every mode: a page starts at BODY_TOP with
 * the repeated header of a continuing table, and vertical space at the
 * top of a page is dropped.
 */
static void
flow_new_page (Flow   *f,
               double  offset)
{
  if (f->target < 0 && f->cr != NULL && f->turn_page != NULL)
    f->turn_page (f, f->turn_page_data);
  f->page++;
  f->y = BODY_TOP;
  if (f->target >= 0 && f->page > (guint) f->target)
    {
      f->done = TRUE;
      return;
    }
  if (f->measuring)
    {
      PageStart start = { f->section, f->item, offset };

      g_array_append_val (f->report->pages, start);
    }
  if (f->cancellable != NULL && g_cancellable_is_cancelled (f->cancellable))
    f->done = TRUE;
  if (f->repeat_header)
    flow_draw_table_header (f);
}

/* Random access: TRUE (counting the item) while the items of earlier
 * pages are skipped.
 */
static gboolean
flow_skip (Flow *f)
{
  if (!f->skipping)
    return FALSE;
  if (f->section == f->skip_to.section && f->item >= f->skip_to.item)
    {
      f->skipping = FALSE;
      f->y = BODY_TOP;
      f->resume_offset = f->skip_to.offset;
      if (f->repeat_header)
        flow_draw_table_header (f);
      return FALSE;
    }
  f->item++;
  return TRUE;
}

#define MAX_SHARED_LAYOUTS 4096
/* In bytes: a text of one run this short shares its layout. */
#define SHORT_TEXT 48

static PangoLayout *flow_layout_new (Flow       *f,
                                     const Rich *r,
                                     double      width,
                                     double      size);

/* (transfer full) */
static PangoLayout *
flow_layout (Flow       *f,
             const Rich *r,
             double      width,
             double      size)
{
  GHashTable *cache = f->report->layouts;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  /* Numbers, names and words recur all over a report's tables. */
  if (r->key != NULL)
    key = g_strdup_printf ("%s|%d|%d", r->key, (int) (width * 64), (int) (size * 64));
  else if (r->n_runs == 1 && r->text->len <= SHORT_TEXT)
    key = g_strdup_printf ("t%u:%d:%s|%d|%d", r->style, (int) r->align, r->text->str,
                           (int) (width * 64), (int) (size * 64));
  else
    return flow_layout_new (f, r, width, size);
  layout = g_hash_table_lookup (cache, key);
  if (layout == NULL)
    {
      if (g_hash_table_size (cache) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (cache);
      layout = flow_layout_new (f, r, width, size);
      g_hash_table_insert (cache, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

/* A layout of @r in the report's font at @size points, wrapped at
 * @width (0: unwrapped).
 */
static PangoLayout *
rich_layout_new (NawatReport *self,
                 const Rich  *r,
                 double       width,
                 double       size)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  PangoFontDescription *font = pango_font_description_copy_static (self->font);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, r->align);
  pango_layout_set_text (layout, r->text->str, (int) r->text->len);
  pango_layout_set_attributes (layout, r->attrs);
  return layout;
}

static PangoLayout *
flow_layout_new (Flow       *f,
                 const Rich *r,
                 double      width,
                 double      size)
{
  return rich_layout_new (f->report, r, MAX (width, 1), size);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* The largest height ≤ @limit that cuts no line of @layout (placed at
 * @top): the top of the line that straddles @limit, or @limit.
 */
static double
layout_cut (PangoLayout *layout,
            double       top,
            double       limit)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double cut = limit;

  do
    {
      int y0, y1;
      double a, b;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      a = top + (double) y0 / PANGO_SCALE;
      b = top + (double) y1 / PANGO_SCALE;
      if (a < cut && b > cut)
        {
          cut = a;
          break;
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return cut;
}

static void
flow_section_started (Flow *f)
{
  if (f->section_pending)
    {
      if (f->measuring)
        g_array_index (f->report->section_pages, guint, f->section) = f->page;
      f->section_pending = FALSE;
    }
}

/* Places a row of @n cells (the table's columns, or the full width),
 * shaded with @shade (0: none), with a hairline below when @rule; a
 * heading takes @keep points of what follows to its page.  A row that
 * does not fit goes to the next page, or, taller than a page, is split
 * between lines of text.  @offset: how much of the row earlier pages
 * showed.
 */
static void
place_row (Flow       *f,
           const Rich *cells,
           guint       n,
           double      size,
           guint32     shade,
           gboolean    rule,
           double      keep,
           double      offset)
{
  PangoLayout *layouts[8];
  PangoLayout *belows[8];
  double tops[8];
  double xs[8], ws[8];
  double height = 0, consumed;

  g_assert (n >= 1 && n <= 8);
  if (!f->in_table || (n == 1 && f->table.n != 1))
    {
      g_assert (n == 1);
      xs[0] = MARGIN_X;
      ws[0] = BODY_W;
    }
  else
    {
      g_assert (n == f->table.n);
      for (guint i = 0; i < n; i++)
        {
          xs[i] = f->table.x[i];
          ws[i] = f->table.w[i];
        }
    }

  for (guint i = 0; i < n; i++)
    {
      int w, h, h2 = 0;

      layouts[i] = flow_layout (f, &cells[i], ws[i] - 2 * CELL_PAD, size);
      pango_layout_get_size (layouts[i], &w, &h);
      if (cells[i].text->len == 0)
        h = 0;
      tops[i] = CELL_PAD + (double) h / PANGO_SCALE;
      belows[i] = NULL;
      if (cells[i].below != NULL && cells[i].below->text->len > 0)
        {
          belows[i] = flow_layout (f, cells[i].below, ws[i] - 2 * CELL_PAD, size);
          pango_layout_get_size (belows[i], &w, &h2);
        }
      height = MAX (height, (double) (h + h2) / PANGO_SCALE + 2 * CELL_PAD);
    }

  if (offset == 0 && f->y > BODY_TOP &&
      f->y + height + keep > BODY_BOTTOM &&
      height <= BODY_BOTTOM - BODY_TOP)
    flow_new_page (f, 0);
  flow_section_started (f);

  consumed = offset;
  while (!f->done)
    {
      double avail = BODY_BOTTOM - f->y;
      double cut = height - consumed;

      if (cut > avail)
        {
          /* between two lines of every cell */
          double limit = consumed + avail;
          double prev;

          do
            {
              prev = limit;
              for (guint i = 0; i < n; i++)
                {
                  limit = MIN (limit, layout_cut (layouts[i], CELL_PAD, limit));
                  if (belows[i] != NULL)
                    limit = MIN (limit, layout_cut (belows[i], tops[i], limit));
                }
            }
          while (limit != prev);
          if (limit <= consumed + 1)
            limit = consumed + avail;
          cut = limit - consumed;
        }

      if (flow_drawing (f))
        {
          cairo_t *cr = f->cr;

          cairo_save (cr);
          /* only a row split between pages needs a clip */
          if (consumed > 0 || cut < height - 0.01)
            {
              cairo_rectangle (cr, MARGIN_X - 1, f->y, BODY_W + 2, cut);
              cairo_clip (cr);
            }
          if (shade != 0)
            {
              set_rgb (cr, shade);
              cairo_rectangle (cr, xs[0], f->y, xs[n - 1] + ws[n - 1] - xs[0], cut);
              cairo_fill (cr);
            }
          cairo_set_source_rgb (cr, 0, 0, 0);
          for (guint i = 0; i < n; i++)
            {
              cairo_move_to (cr, xs[i] + CELL_PAD, f->y - consumed + CELL_PAD);
              pango_cairo_show_layout (cr, layouts[i]);
              if (belows[i] != NULL)
                {
                  cairo_move_to (cr, xs[i] + CELL_PAD, f->y - consumed + tops[i]);
                  pango_cairo_show_layout (cr, belows[i]);
                }
            }
          cairo_restore (cr);
          if (rule && consumed + cut >= height - 0.01)
            {
              cairo_save (cr);
              set_rgb (cr, RULE);
              cairo_set_line_width (cr, 0.4);
              cairo_move_to (cr, xs[0], f->y + cut);
              cairo_line_to (cr, xs[n - 1] + ws[n - 1], f->y + cut);
              cairo_stroke (cr);
              cairo_restore (cr);
            }
        }

      f->y += cut;
      consumed += cut;
      if (consumed >= height - 0.01)
        break;
      flow_new_page (f, consumed);
    }

  for (guint i = 0; i < n; i++)
    {
      g_object_unref (layouts[i]);
      g_clear_object (&belows[i]);
    }
}

static void
flow_row_full (Flow       *f,
               const Rich *cells,
               guint       n,
               double      size,
               guint32     shade,
               gboolean    rule,
               double      keep)
{
  double offset;

  if (f->done || flow_skip (f))
    return;
  offset = f->resume_offset;
  f->resume_offset = 0;
  place_row (f, cells, n, size, shade, rule, keep, offset);
  f->item++;
}

static void
flow_row (Flow       *f,
          const Rich *cells,
          guint       n)
{
  flow_row_full (f, cells, n, SIZE_BODY, 0, TRUE, 0);
}

/* The repeated header is part of the page, not an item. */
static void
flow_draw_table_header (Flow *f)
{
  place_row (f, f->table.header, f->table.n, SIZE_BODY, SHADE, TRUE, 0, 0);
}

static void
flow_space (Flow   *f,
            double  height)
{
  if (f->done || f->skipping || f->y <= BODY_TOP)
    return;
  f->y = MIN (f->y + height, BODY_BOTTOM);
}

/* A paragraph of plain text (data: never markup). */
static void
flow_text (Flow       *f,
           const char *text,
           guint       style)
{
  Rich r;

  if (f->done)
    return;
  rich_init (&r);
  rich_add (&r, text, style);
  flow_row_full (f, &r, 1, SIZE_BODY, 0, FALSE, 0);
  rich_clear (&r);
}

static void
flow_heading (Flow       *f,
              const char *text,
              double      size)
{
  Rich r;

  if (f->done)
    return;
  flow_space (f, size > SIZE_SUBHEADING ? 8 : 5);
  rich_init (&r);
  rich_add (&r, text, STYLE_BOLD);
  flow_row_full (f, &r, 1, size, 0, FALSE, KEEP_WITH_HEADING);
  rich_clear (&r);
}

/* The width of @text in the style of the header cell @cell, unwrapped. */
static double
header_piece_width (NawatReport *self,
                    const Rich  *cell,
                    const char  *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  Rich piece;
  int w, h;

  rich_init (&piece);
  rich_add (&piece, text, cell->style);
  layout = rich_layout_new (self, &piece, 0, SIZE_BODY);
  pango_layout_get_size (layout, &w, &h);
  rich_clear (&piece);
  return (double) w / PANGO_SCALE;
}

/* A header cell wraps only where it reads well: a parenthesised tail
 * ("Rank (mean)", "อันดับ (ค่าเฉลี่ย)") goes on a line of its own, and
 * the width returned is what the cell needs so that no line or, in a
 * line of several words, no word has to be broken.
 */
static double
header_prepare (NawatReport *self,
                Rich        *cell)
{
  g_auto(GStrv) lines = NULL;
  char *paren = strstr (cell->text->str, " (");
  double need = 0;

  /* Cells of several styles are left as they are (-1). */
  if (cell->n_runs != 1)
    return -1;
  /* One byte for another: the attributes keep their indices. */
  if (paren != NULL && paren > cell->text->str)
    *paren = '\n';
  lines = g_strsplit (cell->text->str, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[l], " ", -1);

      if (parts[0] != NULL && parts[1] == NULL)
        need = MAX (need, header_piece_width (self, cell, lines[l]));
      else
        for (guint i = 0; parts[i] != NULL; i++)
          need = MAX (need, header_piece_width (self, cell, parts[i]));
    }
  /* and half a point for the rounding of pango's units */
  return need + 2 * CELL_PAD + 0.5;
}

/* Widens the columns whose header needs more room, taking it from the
 * columns with the most room to spare beyond their own header's needs
 * (the title), so that the table keeps its width.
 */
static void
table_fit_header (NawatReport *self,
                  guint        n,
                  double      *w,
                  Rich        *header)
{
  double need[8];

  for (guint i = 0; i < n; i++)
    {
      need[i] = header_prepare (self, &header[i]);
      if (need[i] < 0)
        need[i] = w[i];
    }
  for (guint i = 0; i < n; i++)
    while (w[i] < need[i] - 0.01)
      {
        guint donor = i;
        double slack = 0, take;

        for (guint j = 0; j < n; j++)
          if (j != i && w[j] - need[j] > slack)
            {
              donor = j;
              slack = w[j] - need[j];
            }
        /* A donor gives at most half its spare room: its own cells wrap too. */
        take = MIN (need[i] - w[i], slack / 2);
        if (donor == i || take < 0.5)
          break;
        w[i] += take;
        w[donor] -= take;
      }
}

/* Begins a table of @n columns of relative @widths (summing to 1) with
 * the header cells @header (taken), repeated on each page it continues on.
 */
static void
flow_table_begin (Flow         *f,
                  guint         n,
                  const double *widths,
                  Rich         *header)
{
  double x = MARGIN_X;
  double w[8];

  g_assert (n <= 8);
  table_clear (&f->table);
  f->table.n = n;
  for (guint i = 0; i < n; i++)
    w[i] = widths[i] * BODY_W;
  table_fit_header (f->report, n, w, header);
  for (guint i = 0; i < n; i++)
    {
      f->table.x[i] = x;
      f->table.w[i] = w[i];
      x += f->table.w[i];
      f->table.header[i] = header[i];
    }
  f->in_table = TRUE;
  f->repeat_header = FALSE;
  flow_row_full (f, f->table.header, n, SIZE_BODY, SHADE, TRUE, KEEP_WITH_NEXT);
  f->repeat_header = TRUE;
}

static void
flow_table_end (Flow *f)
{
  table_clear (&f->table);
  f->in_table = FALSE;
  f->repeat_header = FALSE;
  flow_space (f, 6);
}

typedef void (*ChartFunc) (NawatReport *self,
                           cairo_t     *cr,
                           double       width,
                           double       height,
                           gpointer     data);

/* A box of @height drawn by @func (never split). */
static void
flow_chart (Flow      *f,
            double     height,
            ChartFunc  func,
            gpointer   data)
{
  if (f->done || flow_skip (f))
    return;
  f->resume_offset = 0;
  if (f->y > BODY_TOP && f->y + height > BODY_BOTTOM)
    flow_new_page (f, 0);
  flow_section_started (f);
  if (flow_drawing (f))
    {
      cairo_save (f->cr);
      cairo_translate (f->cr, MARGIN_X, f->y);
      cairo_rectangle (f->cr, 0, 0, BODY_W, height);
      cairo_clip (f->cr);
      nawat_chart_set_language (f->cr, f->report->language);
      func (f->report, f->cr, BODY_W, height, data);
      cairo_restore (f->cr);
    }
  f->y += height;
  f->item++;
}

/* Starts section @section, on a new page when @new_page. */
static void
flow_section (Flow     *f,
              guint     section,
              gboolean  new_page)
{
  f->section = section;
  f->item = 0;
  f->in_table = FALSE;
  f->repeat_header = FALSE;
  f->section_pending = TRUE;
  table_clear (&f->table);
  if (f->done || f->skipping)
    return;
  if (new_page && f->y > BODY_TOP)
    flow_new_page (f, 0);
}

/* Data access: a read-only connection of our own. */

static gboolean
report_db_error (NawatReport  *self,
                 GError      **error)
{
  g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
               _("Cannot read the store %s: %s"),
               nawat_store_get_path (self->store),
               self->db != NULL ? sqlite3_errmsg (self->db) : _("out of memory"));
  return FALSE;
}

static NawatProject *
report_load_project (NawatReport  *self,
                     const char   *id,
                     GError      **error)
{
  g_autoptr(NawatDocument) doc = NULL;
  int rc;

  sqlite3_reset (self->project_stmt);
  sqlite3_bind_text (self->project_stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->project_stmt);
  if (rc == SQLITE_ROW)
    doc = nawat_codec_from_data ((const char *) sqlite3_column_text (self->project_stmt, 0),
                                 sqlite3_column_bytes (self->project_stmt, 0), error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                 _("There is no project “%s”"), id);
  else
    report_db_error (self, error);
  sqlite3_reset (self->project_stmt);
  if (doc == NULL)
    return NULL;
  if (!NAWAT_IS_PROJECT (doc))
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                   _("There is no project “%s”"), id);
      return NULL;
    }
  return NAWAT_PROJECT (g_steal_pointer (&doc));
}

/* The evaluations of @id shown in this report, by evaluator. */
static GPtrArray *
report_load_evaluations (NawatReport  *self,
                         const char   *id,
                         GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  sqlite3_reset (self->eval_stmt);
  sqlite3_bind_text (self->eval_stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (self->eval_stmt)) == SQLITE_ROW)
    {
      g_autoptr(NawatDocument) doc = NULL;

      doc = nawat_codec_from_data ((const char *) sqlite3_column_text (self->eval_stmt, 0),
                                   sqlite3_column_bytes (self->eval_stmt, 0), error);
      if (doc == NULL)
        {
          sqlite3_reset (self->eval_stmt);
          return NULL;
        }
      if (!NAWAT_IS_EVALUATION (doc))
        continue;
      if (self->evaluator != NULL &&
          g_strcmp0 (nawat_evaluation_get_evaluator (NAWAT_EVALUATION (doc)), self->evaluator) != 0)
        continue;
      g_ptr_array_add (list, g_steal_pointer (&doc));
    }
  sqlite3_reset (self->eval_stmt);
  if (rc != SQLITE_DONE)
    {
      report_db_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Page furniture */

/* A line of grey small text for the page furniture, @width wide (0: its
 * own width).
 */
static PangoLayout *
furniture_layout (NawatReport    *self,
                  const char     *text,
                  double          width,
                  PangoAlignment  align)
{
  PangoLayout *layout;
  Rich r;

  rich_init (&r);
  r.align = align;
  rich_add (&r, text, STYLE_GREY);
  layout = rich_layout_new (self, &r, width, SIZE_SMALL);
  if (width > 0)
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  rich_clear (&r);
  return layout;
}

static void
draw_furniture (NawatReport *self,
                cairo_t     *cr,
                guint        page)
{
  g_autofree char *page_of = format_page_of (self, page + 1, self->n_pages);
  g_autoptr(PangoLayout) footer = NULL;
  int w, h;

  /* The header is the same on every page: laid out once. */
  if (self->header_date == NULL)
    {
      g_autofree char *date = format_date (self, self->date);

      self->header_date = furniture_layout (self, date, 0, PANGO_ALIGN_LEFT);
      pango_layout_get_size (self->header_date, &w, &h);
      self->header_title = furniture_layout (self,
                                             self->call != NULL ? text_get (self, nawat_call_get_title (self->call))
                                                                : self->call_id,
                                             BODY_W - (double) w / PANGO_SCALE - 24, PANGO_ALIGN_LEFT);
    }
  pango_layout_get_size (self->header_date, &w, &h);

  /* header: the call's title on the left, the date on the right */
  cairo_move_to (cr, PAGE_W - MARGIN_X - (double) w / PANGO_SCALE, 30);
  pango_cairo_show_layout (cr, self->header_date);
  cairo_move_to (cr, MARGIN_X, 30);
  pango_cairo_show_layout (cr, self->header_title);

  cairo_save (cr);
  set_rgb (cr, RULE);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN_X, 30 + (double) h / PANGO_SCALE + 4);
  cairo_line_to (cr, PAGE_W - MARGIN_X, 30 + (double) h / PANGO_SCALE + 4);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* footer: "Page N of M", centred */
  footer = furniture_layout (self, page_of, 0, PANGO_ALIGN_CENTER);
  pango_layout_set_width (footer, (int) (BODY_W * PANGO_SCALE));
  cairo_move_to (cr, MARGIN_X, PAGE_H - 36);
  pango_cairo_show_layout (cr, footer);
}

/* Sections */

static void
add_fact (Flow        *f,
          const char  *label,
          const char  *value)
{
  Rich cells[2];

  rich_init (&cells[0]);
  rich_init (&cells[1]);
  rich_add (&cells[0], label, STYLE_BOLD);
  cells[0].key = g_strconcat ("f:", label, NULL);
  rich_add (&cells[1], value != NULL && *value != '\0' ? value : "—", 0);
  flow_row (f, cells, 2);
  rich_clear (&cells[0]);
  rich_clear (&cells[1]);
}

typedef struct
{
  NawatRubric *rubric;
  GPtrArray   *evaluations;
  GPtrArray   *partners;
  const char  *language;
} ProjectCharts;

static void
draw_project_charts (NawatReport *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     gpointer     data)
{
  ProjectCharts *pc = data;
  double half = (width - 16) / 2;

  cairo_save (cr);
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_domain_radar (cr, half, height, pc->rubric,
                            (NawatEvaluation * const *) pc->evaluations->pdata,
                            pc->evaluations->len, pc->language);
  cairo_restore (cr);
  cairo_save (cr);
  cairo_translate (cr, half + 16, 0);
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_helix_profile_evaluations (cr, half, height, pc->rubric,
                                         (NawatEvaluation * const *) pc->evaluations->pdata,
                                         pc->evaluations->len, pc->partners, pc->language);
  cairo_restore (cr);
}

static void
draw_chart_titles (NawatReport *self,
                   cairo_t     *cr,
                   double       width,
                   double       height,
                   gpointer     data)
{
  double half = (width - 16) / 2;
  const char *titles[2] = { W (self, NAWAT_WORD_DOMAIN_PROFILE), W (self, NAWAT_WORD_HELIX_PROFILE) };
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) (SIZE_BODY * PANGO_SCALE));
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  for (guint i = 0; i < 2; i++)
    {
      PangoLayout *layout = pango_layout_new (self->pango);

      pango_layout_set_font_description (layout, font);
      pango_layout_set_width (layout, (int) (half * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (layout, titles[i], -1);
      cairo_move_to (cr, i * (half + 16), 0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
  pango_font_description_free (font);
}

static void
accumulate_coverage (NawatReport  *self,
                     NawatProject *project,
                     GPtrArray    *evaluations)
{
  const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (project));
  const char * const *domains = nawat_project_get_domains (project);
  int region = province != NULL ? nawat_region_index (province->region) : -1;
  guint counts[NAWAT_N_HELIX];

  if (region >= 0 && domains != NULL)
    for (guint i = 0; domains[i] != NULL; i++)
      {
        int d = nawat_domain_index (domains[i]);

        if (d >= 0)
          self->heat[d * NAWAT_N_REGIONS + region] += 1;
      }
  nawat_chart_count_partners (nawat_project_get_partners (project), counts);
  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    self->partner_counts[i] += counts[i];
  for (guint e = 0; e < evaluations->len; e++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, e);
      double values[NAWAT_N_HELIX];

      if (nawat_evaluation_get_status (ev) != NAWAT_EVALUATION_SUBMITTED ||
          nawat_evaluation_get_conflict_declared (ev))
        continue;
      nawat_chart_helix_values (self->rubric, ev, values);
      for (guint i = 0; i < NAWAT_N_HELIX; i++)
        if (!isnan (values[i]))
          {
            self->helix_sum[i] += values[i];
            self->helix_n[i]++;
          }
    }
}

static char *
evaluation_status_text (NawatReport     *self,
                        NawatEvaluation *ev)
{
  NawatScore score;

  if (nawat_evaluation_get_conflict_declared (ev))
    return g_strdup (W (self, NAWAT_WORD_CONFLICT));
  nawat_scoring_compute (self->rubric, ev, &score);
  if (score.complete)
    {
      g_autofree char *n = format_number (score.composite, 1);

      return g_strdup_printf ("%s · %s %s",
                              nawat_evaluation_get_status (ev) == NAWAT_EVALUATION_SUBMITTED ?
                                W (self, NAWAT_WORD_SUBMITTED) : W (self, NAWAT_WORD_DRAFT),
                              W (self, NAWAT_WORD_COMPOSITE), n);
    }
  else
    {
      g_autofree char *n = format_number (score.completeness * 100, 0);

      return g_strdup_printf ("%s · %s %s%%",
                              nawat_evaluation_get_status (ev) == NAWAT_EVALUATION_SUBMITTED ?
                                W (self, NAWAT_WORD_SUBMITTED) : W (self, NAWAT_WORD_DRAFT),
                              W (self, NAWAT_WORD_COMPLETENESS), n);
    }
}

static void
project_scores (Flow         *f,
                NawatReport  *self,
                GPtrArray    *evaluations,
                guint         first,
                guint         n_cols)
{
  GListModel *groups = nawat_rubric_get_groups (self->rubric);
  guint n_groups = g_list_model_get_n_items (groups);
  double widths[8];
  Rich header[8];
  double crit_w = n_cols >= 3 ? 0.22 : 0.26;

  widths[0] = crit_w;
  for (guint c = 0; c < n_cols; c++)
    widths[c + 1] = (1 - crit_w) / n_cols;

  for (guint c = 0; c <= n_cols; c++)
    rich_init (&header[c]);
  rich_add (&header[0], W (self, NAWAT_WORD_CRITERION), STYLE_BOLD);
  for (guint c = 0; c < n_cols; c++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, first + c);
      g_autofree char *status = evaluation_status_text (self, ev);

      rich_add (&header[c + 1], nawat_evaluation_get_evaluator (ev), STYLE_BOLD);
      rich_newline (&header[c + 1]);
      rich_add (&header[c + 1], status, STYLE_SMALL | STYLE_GREY);
    }
  flow_table_begin (f, n_cols + 1, widths, header);

  for (guint g = 0; g < n_groups && !f->done; g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);
      guint n_criteria = g_list_model_get_n_items (criteria);
      Rich row[8];

      /* the group, across the table */
      rich_init (&row[0]);
      rich_add (&row[0], text_get (self, nawat_rubric_group_get_label (group)), STYLE_BOLD);
      row[0].key = g_strconcat ("g:", nawat_rubric_group_get_key (group), NULL);
      flow_row_full (f, row, 1, SIZE_BODY, SHADE_LIGHT, TRUE, KEEP_WITH_NEXT);
      rich_clear (&row[0]);

      for (guint k = 0; k < n_criteria && !f->done; k++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, k);
          g_autofree char *key = g_strconcat (nawat_rubric_group_get_key (group), ".",
                                              nawat_criterion_get_key (criterion), NULL);
          g_autofree char *range = g_strdup_printf ("%d–%d", nawat_criterion_get_min (criterion),
                                                    nawat_criterion_get_max (criterion));
          double sum = 0;
          guint n_scores = 0;

          for (guint c = 0; c <= n_cols; c++)
            rich_init (&row[c]);
          rich_add (&row[0], text_get (self, nawat_criterion_get_label (criterion)), STYLE_BOLD);
          rich_newline (&row[0]);
          rich_add (&row[0], range, STYLE_SMALL | STYLE_GREY);
          row[0].key = g_strconcat ("c:", key, NULL);

          for (guint c = 0; c < n_cols; c++)
            {
              NawatEvaluation *ev = g_ptr_array_index (evaluations, first + c);
              const char *comment = nawat_evaluation_get_comment (ev, key);
              double value;

              if (nawat_evaluation_get_conflict_declared (ev))
                {
                  rich_add (&row[c + 1], "—", STYLE_GREY);
                  row[c + 1].key = g_strdup ("x:none");
                }
              else if (nawat_evaluation_get_score (ev, key, &value) && !isnan (value))
                {
                  const NawatLevel *level = nawat_criterion_find_level (criterion, (int) value);
                  g_autofree char *v = format_number (value, 0);
                  g_autofree char *line = NULL;

                  line = g_strdup_printf ("%s · %s", v,
                                          level != NULL ? text_get (self, level->label) : "");
                  rich_add (&row[c + 1], level != NULL ? line : v, STYLE_BOLD);
                  if (level != NULL && level->descriptor != NULL &&
                      *text_get (self, level->descriptor) != '\0')
                    {
                      rich_newline (&row[c + 1]);
                      rich_add (&row[c + 1], text_get (self, level->descriptor), STYLE_SMALL | STYLE_GREY);
                    }
                  row[c + 1].key = g_strdup_printf ("s:%s:%s", key, v);
                  sum += value;
                  n_scores++;
                }
              else
                {
                  rich_add (&row[c + 1], W (self, NAWAT_WORD_NOT_SCORED), STYLE_GREY);
                  row[c + 1].key = g_strdup ("x:unscored");
                }

              if (comment != NULL && *comment != '\0')
                {
                  Rich *below = rich_below (&row[c + 1]);

                  rich_add (below, W (self, NAWAT_WORD_COMMENT), STYLE_SMALL | STYLE_GREY);
                  rich_add (below, ": ", STYLE_SMALL | STYLE_GREY);
                  rich_add (below, comment, 0);
                }
            }
          if (self->evaluator == NULL && n_scores >= 2 && first == 0)
            {
              g_autofree char *mean = format_number (sum / n_scores, 1);
              g_autofree char *line = g_strdup_printf ("%s %s", W (self, NAWAT_WORD_MEAN), mean);

              rich_add (rich_below (&row[0]), line, STYLE_SMALL | STYLE_GREY);
            }
          flow_row (f, row, n_cols + 1);
          for (guint c = 0; c <= n_cols; c++)
            rich_clear (&row[c]);
        }
    }
  flow_table_end (f);
}

static void
project_statistics (Flow         *f,
                    NawatReport  *self,
                    const char   *project_id)
{
  const NawatProjectStats *ps;
  Rich cells[8];
  double widths[8] = { 0.08, 0.12, 0.12, 0.12, 0.14, 0.14, 0.14, 0.14 };
  const NawatWord heads[8] = {
      NAWAT_WORD_N, NAWAT_WORD_MEAN, NAWAT_WORD_MEDIAN, NAWAT_WORD_SPREAD, NAWAT_WORD_MIN_MAX,
      NAWAT_WORD_Z_MEAN, NAWAT_WORD_RANK_MEAN, NAWAT_WORD_RANK_Z };
  g_autofree char *n = NULL, *mean = NULL, *median = NULL, *spread = NULL;
  g_autofree char *min = NULL, *max = NULL, *range = NULL, *z = NULL, *rm = NULL, *rz = NULL;
  const char *values[8];

  if (self->stats == NULL)
    return;
  ps = nawat_call_stats_lookup_project (self->stats, project_id);
  if (ps == NULL)
    return;

  flow_heading (f, W (self, NAWAT_WORD_STATISTICS), SIZE_SUBHEADING);
  for (guint i = 0; i < 8; i++)
    {
      rich_init (&cells[i]);
      rich_add (&cells[i], W (self, heads[i]), STYLE_BOLD);
    }
  flow_table_begin (f, 8, widths, cells);

  n = g_strdup_printf ("%u", ps->n_evaluations);
  mean = format_number (ps->mean, 1);
  median = format_number (ps->median, 1);
  spread = format_number (ps->spread, 1);
  min = format_number (ps->min, 1);
  max = format_number (ps->max, 1);
  range = isnan (ps->min) ? g_strdup ("—") : g_strdup_printf ("%s–%s", min, max);
  z = format_number (ps->z_mean, 2);
  rm = format_rank (self, ps->rank_mean, ps->rank_mean_tied);
  rz = format_rank (self, ps->rank_z, ps->rank_z_tied);
  values[0] = n; values[1] = mean; values[2] = median; values[3] = spread;
  values[4] = range; values[5] = z; values[6] = rm; values[7] = rz;
  for (guint i = 0; i < 8; i++)
    {
      rich_init (&cells[i]);
      rich_add (&cells[i], values[i], 0);
    }
  flow_row (f, cells, 8);
  for (guint i = 0; i < 8; i++)
    rich_clear (&cells[i]);
  flow_table_end (f);

  {
    g_autofree char *fund = NULL;

    fund = g_strdup_printf ("%s: %s %u · %s %u · %s %u", W (self, NAWAT_WORD_RECOMMENDATIONS),
                            W (self, NAWAT_WORD_FUND), ps->n_fund,
                            W (self, NAWAT_WORD_FUND_WITH_CONDITIONS), ps->n_fund_with_conditions,
                            W (self, NAWAT_WORD_REJECT), ps->n_reject);
    flow_text (f, fund, 0);
  }
  if (ps->disagreement)
    {
      g_auto(GStrv) reasons = report_dup_reasons (self, ps);
      Rich r;

      rich_init (&r);
      rich_add (&r, W (self, NAWAT_WORD_FLAG), STYLE_BOLD);
      rich_add (&r, ": ", STYLE_BOLD);
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          if (i > 0)
            rich_add (&r, "; ", 0);
          rich_add (&r, reasons[i], 0);
        }
      flow_row_full (f, &r, 1, SIZE_BODY, 0, FALSE, 0);
      rich_clear (&r);
    }
}

static char *
project_heading (const char *code,
                 const char *title,
                 guint       rank,
                 gboolean    tied)
{
  if (rank > 0)
    return g_strdup_printf ("%s%u. %s (%s)", tied ? "=" : "", rank, title, code);
  return g_strdup_printf ("%s (%s)", title, code);
}

/* The code and the title (in the report's language) of project @id, read
 * from the store: titles are not kept.  NULL when the project is gone.
 */
static char *
report_dup_title (NawatReport  *self,
                  const char   *id,
                  char        **code)
{
  char *title = NULL;

  sqlite3_reset (self->title_stmt);
  sqlite3_bind_text (self->title_stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->title_stmt) == SQLITE_ROW)
    {
      NawatText text = {
        (char *) sqlite3_column_text (self->title_stmt, 1),
        (char *) sqlite3_column_text (self->title_stmt, 2),
      };

      title = g_strdup (text_get (self, &text));
      if (code != NULL)
        *code = g_strdup ((const char *) sqlite3_column_text (self->title_stmt, 0));
    }
  sqlite3_reset (self->title_stmt);
  return title;
}

static void
section_project (Flow        *f,
                 NawatReport *self,
                 guint        section,
                 const char  *project_id,
                 gboolean     new_page)
{
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GPtrArray) evaluations = NULL;
  g_autoptr(GPtrArray) submitted = NULL;
  const NawatProjectStats *ps = self->stats != NULL && self->evaluator == NULL ?
    nawat_call_stats_lookup_project (self->stats, project_id) : NULL;
  GError *error = NULL;

  flow_section (f, section, new_page);
  if (f->done)
    return;
  project = report_load_project (self, project_id, &error);
  if (project != NULL)
    evaluations = report_load_evaluations (self, project_id, &error);
  if (evaluations == NULL)
    {
      if (f->error == NULL)
        f->error = error;
      else
        g_clear_error (&error);
      f->done = TRUE;
      return;
    }
  if (f->measuring && self->kind == NAWAT_REPORT_PORTFOLIO)
    accumulate_coverage (self, project, evaluations);

  /* Title and facts */
  {
    g_autofree char *heading = project_heading (nawat_project_get_code (project),
                                                text_get (self, nawat_project_get_title (project)),
                                                ps != NULL ? ps->rank_mean : 0,
                                                ps != NULL && ps->rank_mean_tied);
    const char *other = text_get_other (self, nawat_project_get_title (project));

    flow_heading (f, heading, SIZE_HEADING);
    if (other != NULL)
      flow_text (f, other, STYLE_GREY);
  }

  {
    Rich header[2];
    double widths[2] = { 0.22, 0.78 };
    const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (project));
    const char * const *domains = nawat_project_get_domains (project);
    GPtrArray *partners = nawat_project_get_partners (project);
    g_autoptr(GString) s = g_string_new (NULL);
    g_autofree char *budget = format_integer (nawat_project_get_budget_thb (project));
    g_autofree char *submitted_on = format_iso_date (self, nawat_project_get_submitted (project));
    int reach = nawat_reach_index (nawat_project_get_reach (project));

    rich_init (&header[0]);
    rich_init (&header[1]);
    rich_add (&header[0], W (self, NAWAT_WORD_PROJECT), STYLE_BOLD);
    rich_add (&header[1], nawat_project_get_code (project), STYLE_BOLD);
    flow_table_begin (f, 2, widths, header);

    add_fact (f, W (self, NAWAT_WORD_ORGANISATION), nawat_project_get_organisation (project));
    if (province != NULL)
      {
        int region = nawat_region_index (province->region);

        g_string_printf (s, "%s (%s)", nawat_province_get_label (province, self->language),
                         region >= 0 ? nawat_term_get_label (&nawat_regions ()[region], self->language) : "");
      }
    else
      g_string_assign (s, nawat_project_get_province (project) != NULL ? nawat_project_get_province (project) : "");
    add_fact (f, W (self, NAWAT_WORD_PROVINCE), s->str);
    add_fact (f, W (self, NAWAT_WORD_REACH), reach >= 0 ? nawat_term_get_label (&nawat_reach_levels ()[reach], self->language) :
                                                 nawat_project_get_reach (project));
    g_string_truncate (s, 0);
    for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
      {
        int d = nawat_domain_index (domains[i]);

        if (i > 0)
          g_string_append (s, "\n");
        g_string_append (s, d >= 0 ? nawat_term_get_label (&nawat_domains ()[d], self->language) : domains[i]);
      }
    add_fact (f, W (self, NAWAT_WORD_DOMAINS), s->str);

    g_string_truncate (s, 0);
    for (guint h = 0; h < NAWAT_N_HELIX; h++)
      {
        const NawatTerm *sector = &nawat_helix_sectors ()[h];
        gboolean any = FALSE;

        for (guint i = 0; partners != NULL && i < partners->len; i++)
          {
            NawatPartner *p = g_ptr_array_index (partners, i);

            if (g_strcmp0 (p->sector, sector->key) != 0)
              continue;
            if (!any)
              {
                if (s->len > 0)
                  g_string_append_c (s, '\n');
                g_string_append_printf (s, "%s: ", nawat_term_get_label (sector, self->language));
              }
            else
              g_string_append (s, ", ");
            g_string_append (s, p->name != NULL ? p->name : "");
            any = TRUE;
          }
      }
    add_fact (f, W (self, NAWAT_WORD_PARTNERS), s->len > 0 ? s->str : W (self, NAWAT_WORD_NONE));

    if (self->thai)
      g_string_printf (s, "%s บาท", budget);
    else
      g_string_printf (s, "THB %s", budget);
    add_fact (f, W (self, NAWAT_WORD_BUDGET), s->str);
    g_string_printf (s, "%d %s", nawat_project_get_duration_months (project),
                     W (self, nawat_project_get_duration_months (project) == 1 ? NAWAT_WORD_MONTH
                                                                                 : NAWAT_WORD_MONTHS));
    add_fact (f, W (self, NAWAT_WORD_DURATION), s->str);
    add_fact (f, W (self, NAWAT_WORD_SUBMITTED_ON), submitted_on);
    if (self->evaluator == NULL)
      {
        const char * const *assigned = nawat_project_get_assigned (project);
        g_autofree char *list = assigned != NULL ? g_strjoinv (", ", (char **) assigned) : NULL;

        add_fact (f, W (self, NAWAT_WORD_EVALUATORS), list);
      }
    flow_table_end (f);
  }

  {
    const char *summary = text_get (self, nawat_project_get_summary (project));

    if (*summary != '\0')
      {
        flow_heading (f, W (self, NAWAT_WORD_PROPOSAL_SUMMARY), SIZE_SUBHEADING);
        flow_text (f, summary, 0);
      }
  }

  /* Charts: of the submitted evaluations for a coordinator, of one's own
   * (draft or not) for an evaluator.
   */
  submitted = g_ptr_array_new ();
  for (guint i = 0; i < evaluations->len; i++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, i);

      if (nawat_evaluation_get_conflict_declared (ev))
        continue;
      if (self->evaluator == NULL && nawat_evaluation_get_status (ev) != NAWAT_EVALUATION_SUBMITTED)
        continue;
      g_ptr_array_add (submitted, ev);
    }
  {
    ProjectCharts pc = { self->rubric, submitted, nawat_project_get_partners (project), self->language };

    flow_space (f, 4);
    flow_chart (f, 16, draw_chart_titles, NULL);
    flow_chart (f, 230, draw_project_charts, &pc);
  }

  if (self->evaluator == NULL)
    project_statistics (f, self, project_id);

  /* Scores side by side */
  flow_heading (f, W (self, NAWAT_WORD_SCORES), SIZE_SUBHEADING);
  if (evaluations->len == 0)
    flow_text (f, W (self, NAWAT_WORD_NO_EVALUATIONS), STYLE_GREY);
  for (guint first = 0; first < evaluations->len && !f->done; first += MAX_EVALUATOR_COLUMNS)
    project_scores (f, self, evaluations, first,
                    MIN (MAX_EVALUATOR_COLUMNS, evaluations->len - first));

  /* Overall comments and recommendations */
  if (evaluations->len > 0)
    flow_heading (f, W (self, NAWAT_WORD_OVERALL), SIZE_SUBHEADING);
  for (guint i = 0; i < evaluations->len && !f->done; i++)
    {
      NawatEvaluation *ev = g_ptr_array_index (evaluations, i);
      g_autofree char *status = evaluation_status_text (self, ev);
      const char *comment = nawat_evaluation_get_overall_comment (ev);
      Rich r;

      rich_init (&r);
      rich_add (&r, nawat_evaluation_get_evaluator (ev), STYLE_BOLD);
      rich_add (&r, " · ", 0);
      rich_add (&r, W (self, NAWAT_WORD_RECOMMENDATION), 0);
      rich_add (&r, ": ", 0);
      rich_add (&r, recommendation_word (self, nawat_evaluation_get_recommendation (ev)), STYLE_BOLD);
      rich_add (&r, " · ", STYLE_GREY);
      rich_add (&r, status, STYLE_GREY);
      rich_newline (&r);
      if (nawat_evaluation_get_conflict_declared (ev))
        rich_add (&r, nawat_evaluation_get_conflict_note (ev), STYLE_GREY);
      else if (comment != NULL && *comment != '\0')
        rich_add (&r, comment, 0);
      else
        rich_add (&r, W (self, NAWAT_WORD_NO_COMMENT), STYLE_GREY);
      flow_row_full (f, &r, 1, SIZE_BODY, 0, TRUE, 0);
      rich_clear (&r);
    }
}

/* The portfolio's own sections */

static void
add_summary_fact (Flow        *f,
                  const char  *label,
                  const char  *value)
{
  add_fact (f, label, value);
}

static void
section_cover (Flow        *f,
               NawatReport *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->thai ? nawat_call_get_year_be (self->call) :
                                           nawat_call_get_year_be (self->call) - 543);
  g_autofree char *date = format_date (self, self->date);
  g_autofree char *deadline = format_iso_date (self, nawat_call_get_deadline (self->call));
  Rich r;

  flow_section (f, SECTION_COVER, FALSE);
  rich_init (&r);
  rich_add (&r, W (self, NAWAT_WORD_PORTFOLIO_REPORT), STYLE_GREY);
  flow_row_full (f, &r, 1, SIZE_SUBHEADING, 0, FALSE, 0);
  rich_clear (&r);
  rich_init (&r);
  rich_add (&r, text_get (self, nawat_call_get_title (self->call)), STYLE_BOLD);
  flow_row_full (f, &r, 1, SIZE_TITLE, 0, FALSE, 0);
  rich_clear (&r);
  if (text_get_other (self, nawat_call_get_title (self->call)) != NULL)
    flow_text (f, text_get_other (self, nawat_call_get_title (self->call)), STYLE_GREY);
  flow_text (f, date, STYLE_GREY);
  flow_space (f, 12);

  flow_heading (f, W (self, NAWAT_WORD_SUMMARY), SIZE_HEADING);
  {
    Rich header[2];
    double widths[2] = { 0.45, 0.55 };
    guint assigned = 0, draft = 0, submitted_n = 0, conflict = 0, disagreements = 0, n_projects;
    g_autofree char *s_projects = NULL, *s_evaluators = NULL, *s_submitted = NULL;
    g_autofree char *s_drafts = NULL, *s_conflicts = NULL, *s_dis = NULL, *s_progress = NULL;
    g_autofree char *s_mean = NULL, *s_median = NULL, *s_sd = NULL, *pct = NULL;
    NawatSummary composite = { 0, NAN, NAN, NAN, NAN, NAN };

    n_projects = self->projects->len;
    if (self->stats != NULL)
      {
        for (guint i = 0; i < nawat_call_stats_get_n_projects (self->stats); i++)
          {
            const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, i);

            assigned += ps->assigned;
            draft += ps->draft;
            submitted_n += ps->submitted;
            conflict += ps->conflict;
          }
        nawat_call_stats_get_disagreements (self->stats, &disagreements);
        nawat_call_stats_get_composite (self->stats, &composite, NULL);
      }

    rich_init (&header[0]);
    rich_init (&header[1]);
    rich_add (&header[0], W (self, NAWAT_WORD_YEAR), STYLE_BOLD);
    rich_add (&header[1], year, STYLE_BOLD);
    flow_table_begin (f, 2, widths, header);
    if (self->rubric != NULL)
      add_summary_fact (f, W (self, NAWAT_WORD_RUBRIC), text_get (self, nawat_rubric_get_title (self->rubric)));
    add_summary_fact (f, W (self, NAWAT_WORD_DEADLINE), deadline);
    s_projects = format_integer (n_projects);
    add_summary_fact (f, W (self, NAWAT_WORD_PROJECTS), s_projects);
    if (self->stats != NULL)
      {
        s_evaluators = g_strdup_printf ("%u", nawat_call_stats_get_n_evaluators (self->stats));
        add_summary_fact (f, W (self, NAWAT_WORD_EVALUATORS), s_evaluators);
        pct = format_number (assigned > 0 ? 100.0 * submitted_n / assigned : NAN, 0);
        s_progress = g_strdup_printf ("%u / %u (%s%%)", submitted_n, assigned, pct);
        add_summary_fact (f, W (self, NAWAT_WORD_OVERALL_PROGRESS), s_progress);
        s_drafts = g_strdup_printf ("%u", draft);
        add_summary_fact (f, W (self, NAWAT_WORD_DRAFTS), s_drafts);
        s_conflicts = g_strdup_printf ("%u", conflict);
        add_summary_fact (f, W (self, NAWAT_WORD_CONFLICTS), s_conflicts);
        s_dis = g_strdup_printf ("%u", disagreements);
        add_summary_fact (f, W (self, NAWAT_WORD_DISAGREEMENTS), s_dis);
        s_mean = format_number (composite.mean, 1);
        s_median = format_number (composite.median, 1);
        s_sd = format_number (composite.sd, 1);
        {
          g_autofree char *line = g_strdup_printf ("%s %s · %s %s · %s %s", W (self, NAWAT_WORD_MEAN), s_mean,
                                                   W (self, NAWAT_WORD_MEDIAN), s_median, W (self, NAWAT_WORD_SD), s_sd);

          add_summary_fact (f, W (self, NAWAT_WORD_COMPOSITE_SCORE), line);
        }
      }
    flow_table_end (f);
  }
}

static guint
report_n_toc_entries (NawatReport *self)
{
  /* the fixed sections after the contents, then the projects */
  return (N_FIXED_SECTIONS - SECTION_RANKING) + self->projects->len;
}

static void
section_contents (Flow        *f,
                  NawatReport *self)
{
  static const NawatWord titles[] = {
      NAWAT_WORD_RANKING, NAWAT_WORD_DISAGREEMENTS, NAWAT_WORD_AGREEMENT, NAWAT_WORD_COVERAGE,
      NAWAT_WORD_PROGRESS };
  guint n = report_n_toc_entries (self);
  double widths[2] = { 0.88, 0.12 };
  Rich header[2];

  flow_section (f, SECTION_CONTENTS, TRUE);
  flow_heading (f, W (self, NAWAT_WORD_CONTENTS), SIZE_HEADING);

  rich_init (&header[0]);
  rich_init (&header[1]);
  rich_add (&header[0], W (self, NAWAT_WORD_TITLE), STYLE_BOLD);
  header[1].align = PANGO_ALIGN_RIGHT;
  rich_add (&header[1], W (self, NAWAT_WORD_PAGE), STYLE_BOLD);
  flow_table_begin (f, 2, widths, header);

  for (guint i = 0; i < n && !f->done; i++)
    {
      Rich cells[2];
      guint section = SECTION_RANKING + i;
      guint page = 0;
      g_autofree char *num = NULL;

      if (flow_skip (f))
        continue;
      if (self->section_pages->len > section)
        page = g_array_index (self->section_pages, guint, section) + 1;
      num = g_strdup_printf ("%u", page);
      rich_init (&cells[0]);
      rich_init (&cells[1]);
      cells[1].align = PANGO_ALIGN_RIGHT;
      if (i < G_N_ELEMENTS (titles))
        rich_add (&cells[0], W (self, titles[i]), STYLE_BOLD);
      else
        {
          const char *id = g_ptr_array_index (self->projects, i - G_N_ELEMENTS (titles));
          const NawatProjectStats *ps = self->stats != NULL ? nawat_call_stats_lookup_project (self->stats, id) : NULL;
          g_autofree char *line = NULL;

          g_autofree char *code = NULL;
          g_autofree char *title = report_dup_title (self, id, &code);

          if (title != NULL)
            line = project_heading (code, title, ps != NULL ? ps->rank_mean : 0,
                                    ps != NULL && ps->rank_mean_tied);
          rich_add (&cells[0], line != NULL ? line : id, 0);
        }
      rich_add (&cells[1], num, 0);

      /* One line per entry: the height does not depend on the title or on
       * the page number, so the first pass, which has no page numbers yet,
       * lays out the same pages.
       */
      {
        PangoLayout *layout = flow_layout (f, &cells[0], f->table.w[0] - 2 * CELL_PAD, SIZE_BODY);

        if (pango_layout_get_line_count (layout) > 1)
          {
            PangoLayoutLine *line = pango_layout_get_line_readonly (layout, 0);
            const char *end = g_utf8_find_prev_char (cells[0].text->str,
                                                     cells[0].text->str + line->start_index + line->length);

            g_string_truncate (cells[0].text, end != NULL ? (gsize) (end - cells[0].text->str) : 0);
            g_string_append (cells[0].text, "…");
          }
        g_object_unref (layout);
      }
      {
        double y0 = f->y;
        guint page0 = f->page;

        flow_row (f, cells, 2);
        /* a link to the entry's page */
        if (flow_drawing (f) && f->page == page0 && page > 0 &&
            cairo_surface_get_type (cairo_get_target (f->cr)) == CAIRO_SURFACE_TYPE_PDF)
          {
            g_autofree char *link = g_strdup_printf ("page=%u rect=[%d %d %d %d]", page,
                                                     (int) MARGIN_X, (int) y0, (int) BODY_W,
                                                     (int) (f->y - y0));

            cairo_tag_begin (f->cr, CAIRO_TAG_LINK, link);
            cairo_tag_end (f->cr, CAIRO_TAG_LINK);
          }
      }
      rich_clear (&cells[0]);
      rich_clear (&cells[1]);
    }
  flow_table_end (f);
}

static void
section_ranking (Flow        *f,
                 NawatReport *self)
{
  const NawatWord heads[] = {
      NAWAT_WORD_RANK_MEAN, NAWAT_WORD_CODE, NAWAT_WORD_TITLE, NAWAT_WORD_N, NAWAT_WORD_MEAN,
      NAWAT_WORD_SPREAD, NAWAT_WORD_Z_MEAN, NAWAT_WORD_RANK_Z };
  double widths[8] = { 0.09, 0.11, 0.34, 0.05, 0.08, 0.08, 0.13, 0.12 };
  Rich header[8];
  const guint *order;
  guint n;

  flow_section (f, SECTION_RANKING, TRUE);
  flow_heading (f, W (self, NAWAT_WORD_RANKING), SIZE_HEADING);
  flow_text (f, W (self, NAWAT_WORD_RANKING_NOTE), STYLE_GREY);
  if (self->stats == NULL)
    return;
  for (guint i = 0; i < 8; i++)
    {
      rich_init (&header[i]);
      if (i != 2 && i != 1)
        header[i].align = PANGO_ALIGN_RIGHT;
      rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  flow_table_begin (f, 8, widths, header);
  order = nawat_call_stats_get_ranking (self->stats, FALSE);
  n = nawat_call_stats_get_n_projects (self->stats);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, order[i]);
      g_autofree char *rank = NULL, *count = NULL, *mean = NULL, *spread = NULL, *z = NULL, *rz = NULL;
      g_autofree char *code = NULL;
      g_autofree char *title = NULL;
      Rich cells[8];
      const char *values[8];

      if (flow_skip (f))
        continue;
      rank = format_rank (self, ps->rank_mean, ps->rank_mean_tied);
      count = g_strdup_printf ("%u", ps->n_evaluations);
      mean = format_number (ps->mean, 1);
      spread = format_number (ps->spread, 1);
      z = format_number (ps->z_mean, 2);
      rz = format_rank (self, ps->rank_z, ps->rank_z_tied);
      code = g_strdup (strrchr (ps->project_id, ':') != NULL ? strrchr (ps->project_id, ':') + 1 : ps->project_id);
      values[0] = rank; values[1] = code; values[2] = NULL; values[3] = count;
      values[4] = mean; values[5] = spread; values[6] = z; values[7] = rz;
      for (guint c = 0; c < 8; c++)
        {
          rich_init (&cells[c]);
          if (c != 2 && c != 1)
            cells[c].align = PANGO_ALIGN_RIGHT;
          if (c != 2)
            rich_add (&cells[c], values[c], c == 0 ? STYLE_BOLD : 0);
        }
      title = report_dup_title (self, ps->project_id, NULL);
      rich_add (&cells[2], title, 0);
      if (ps->disagreement)
        {
          rich_newline (&cells[2]);
          rich_add (&cells[2], W (self, NAWAT_WORD_DISAGREEMENT_MARK), STYLE_BOLD | STYLE_SMALL);
        }
      flow_row (f, cells, 8);
      for (guint c = 0; c < 8; c++)
        rich_clear (&cells[c]);
    }
  flow_table_end (f);
}

static void
section_disagreements (Flow        *f,
                       NawatReport *self)
{
  const guint *flagged;
  guint n = 0;
  double widths[4] = { 0.11, 0.34, 0.09, 0.46 };
  Rich header[4];
  const NawatWord heads[4] = {
      NAWAT_WORD_CODE, NAWAT_WORD_TITLE, NAWAT_WORD_SPREAD, NAWAT_WORD_REASONS };

  flow_section (f, SECTION_DISAGREEMENTS, FALSE);
  flow_heading (f, W (self, NAWAT_WORD_DISAGREEMENTS), SIZE_HEADING);
  if (self->stats == NULL)
    return;
  flagged = nawat_call_stats_get_disagreements (self->stats, &n);
  if (n == 0)
    {
      flow_text (f, W (self, NAWAT_WORD_DISAGREEMENT_NONE), STYLE_GREY);
      return;
    }
  for (guint i = 0; i < 4; i++)
    {
      rich_init (&header[i]);
      rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  flow_table_begin (f, 4, widths, header);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (self->stats, flagged[i]);
      g_autofree char *spread = NULL;
      g_autofree char *title = NULL;
      g_auto(GStrv) reasons = NULL;
      const char *code = strrchr (ps->project_id, ':');
      Rich cells[4];

      if (flow_skip (f))
        continue;
      spread = format_number (ps->spread, 1);
      for (guint c = 0; c < 4; c++)
        rich_init (&cells[c]);
      rich_add (&cells[0], code != NULL ? code + 1 : ps->project_id, 0);
      title = report_dup_title (self, ps->project_id, NULL);
      rich_add (&cells[1], title, 0);
      rich_add (&cells[2], spread, 0);
      reasons = report_dup_reasons (self, ps);
      for (guint k = 0; reasons != NULL && reasons[k] != NULL; k++)
        {
          rich_newline (&cells[3]);
          rich_add (&cells[3], reasons[k], 0);
        }
      flow_row (f, cells, 4);
      for (guint c = 0; c < 4; c++)
        rich_clear (&cells[c]);
    }
  flow_table_end (f);
}

static void
agreement_row (Flow                 *f,
               NawatReport          *self,
               const char           *label,
               const NawatSummary   *s,
               const NawatAgreement *a,
               gboolean              bold)
{
  g_autofree char *n = g_strdup_printf ("%u", s->n);
  g_autofree char *mean = format_number (s->mean, 2);
  g_autofree char *median = format_number (s->median, 2);
  g_autofree char *sd = format_number (s->sd, 2);
  g_autofree char *ai = format_number (a->alpha_interval, 2);
  g_autofree char *ao = format_number (a->alpha_ordinal, 2);
  g_autofree char *icc = format_number (a->icc_1_1, 2);
  const char *values[8] = { label, n, mean, median, sd, ai, ao, icc };
  Rich cells[8];

  for (guint c = 0; c < 8; c++)
    {
      rich_init (&cells[c]);
      if (c > 0)
        cells[c].align = PANGO_ALIGN_RIGHT;
      rich_add (&cells[c], values[c], c == 0 && bold ? STYLE_BOLD : 0);
    }
  flow_row (f, cells, 8);
  for (guint c = 0; c < 8; c++)
    rich_clear (&cells[c]);
}

static void
section_agreement (Flow        *f,
                   NawatReport *self)
{
  const NawatWord heads[8] = {
      NAWAT_WORD_CRITERION, NAWAT_WORD_N, NAWAT_WORD_MEAN, NAWAT_WORD_MEDIAN, NAWAT_WORD_SD_SHORT,
      NAWAT_WORD_ALPHA_INTERVAL, NAWAT_WORD_ALPHA_ORDINAL, NAWAT_WORD_ICC };
  double widths[8] = { 0.34, 0.07, 0.09, 0.09, 0.09, 0.11, 0.11, 0.10 };
  Rich header[8];
  NawatSummary summary;
  NawatAgreement agreement;
  const char * const *keys;

  flow_section (f, SECTION_AGREEMENT, FALSE);
  flow_heading (f, W (self, NAWAT_WORD_AGREEMENT), SIZE_HEADING);
  flow_text (f, W (self, NAWAT_WORD_AGREEMENT_NOTE), STYLE_GREY);
  if (self->stats == NULL)
    return;
  for (guint i = 0; i < 8; i++)
    {
      rich_init (&header[i]);
      if (i > 0)
        header[i].align = PANGO_ALIGN_RIGHT;
      rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  flow_table_begin (f, 8, widths, header);
  nawat_call_stats_get_composite (self->stats, &summary, &agreement);
  agreement_row (f, self, W (self, NAWAT_WORD_COMPOSITE_SCORE), &summary, &agreement, TRUE);
  keys = nawat_call_stats_get_criteria (self->stats);
  for (guint i = 0; keys != NULL && keys[i] != NULL && !f->done; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (self->rubric, keys[i], NULL);

      if (!nawat_call_stats_get_criterion (self->stats, keys[i], &summary, &agreement))
        continue;
      agreement_row (f, self, criterion != NULL ? text_get (self, nawat_criterion_get_label (criterion)) : keys[i],
                     &summary, &agreement, FALSE);
    }
  flow_table_end (f);
}

static void
draw_heat_map (NawatReport *self,
               cairo_t     *cr,
               double       width,
               double       height,
               gpointer     data)
{
  g_auto(GStrv) rows = nawat_chart_dup_domain_labels (self->language);
  g_auto(GStrv) cols = nawat_chart_dup_region_labels (self->language);

  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_heatmap (cr, width, height, (const char * const *) rows, NAWAT_N_DOMAINS,
                       (const char * const *) cols, NAWAT_N_REGIONS, self->heat);
}

static void
draw_helix_coverage (NawatReport *self,
                     cairo_t     *cr,
                     double       width,
                     double       height,
                     gpointer     data)
{
  double mean[NAWAT_N_HELIX];
  NawatChartSeries series = { W (self, NAWAT_WORD_MEAN), mean, TRUE };

  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    mean[i] = self->helix_n[i] > 0 ? self->helix_sum[i] / self->helix_n[i] : NAN;
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_helix_profile (cr, width, height, &series, 1, self->partner_counts, self->language);
}

static void
draw_distribution (NawatReport *self,
                   cairo_t     *cr,
                   double       width,
                   double       height,
                   gpointer     data)
{
  guint n = nawat_call_stats_get_n_projects (self->stats);
  g_autofree double *values = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    values[i] = nawat_call_stats_get_project (self->stats, i)->mean;
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_distribution (cr, width, height, values, n, 10, self->language);
}

static void
section_coverage (Flow        *f,
                  NawatReport *self)
{
  flow_section (f, SECTION_COVERAGE, TRUE);
  flow_heading (f, W (self, NAWAT_WORD_COVERAGE), SIZE_HEADING);
  flow_heading (f, W (self, NAWAT_WORD_HEAT_MAP), SIZE_SUBHEADING);
  flow_chart (f, 250, draw_heat_map, NULL);
  flow_heading (f, W (self, NAWAT_WORD_HELIX_COVERAGE), SIZE_SUBHEADING);
  flow_chart (f, 150, draw_helix_coverage, NULL);
  if (self->stats != NULL)
    {
      flow_heading (f, W (self, NAWAT_WORD_DISTRIBUTION), SIZE_SUBHEADING);
      flow_chart (f, 170, draw_distribution, NULL);
    }
}

static void
draw_progress (NawatReport *self,
               cairo_t     *cr,
               double       width,
               double       height,
               gpointer     data)
{
  guint n = nawat_call_stats_get_n_evaluators (self->stats);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree guint *submitted = g_new0 (guint, n + 1);
  g_autofree guint *drafts = g_new0 (guint, n + 1);
  g_autofree guint *assigned = g_new0 (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (self->stats, i);

      labels[i] = es->name;
      submitted[i] = es->submitted;
      drafts[i] = es->draft;
      assigned[i] = es->assigned;
    }
  nawat_chart_set_font_size (cr, SIZE_SMALL);
  nawat_chart_progress (cr, width, height, labels, submitted, drafts, assigned, n);
}

static void
section_progress (Flow        *f,
                  NawatReport *self)
{
  const NawatWord heads[8] = {
      NAWAT_WORD_EVALUATORS, NAWAT_WORD_ASSIGNED_COUNT, NAWAT_WORD_SUBMITTED, NAWAT_WORD_DRAFTS,
      NAWAT_WORD_CONFLICTS, NAWAT_WORD_MEAN, NAWAT_WORD_SD_SHORT, NAWAT_WORD_NORMALISED };
  double widths[8] = { 0.22, 0.11, 0.11, 0.11, 0.11, 0.1, 0.1, 0.14 };
  Rich header[8];
  guint n;

  flow_section (f, SECTION_PROGRESS, TRUE);
  flow_heading (f, W (self, NAWAT_WORD_PROGRESS), SIZE_HEADING);
  if (self->stats == NULL)
    return;
  n = nawat_call_stats_get_n_evaluators (self->stats);
  if (n > 0)
    flow_chart (f, MIN (24.0 * n + 40, BODY_BOTTOM - BODY_TOP - 60), draw_progress, NULL);
  for (guint i = 0; i < 8; i++)
    {
      rich_init (&header[i]);
      if (i > 0)
        header[i].align = PANGO_ALIGN_RIGHT;
      rich_add (&header[i], W (self, heads[i]), STYLE_BOLD);
    }
  flow_table_begin (f, 8, widths, header);
  for (guint i = 0; i < n && !f->done; i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (self->stats, i);
      g_autofree char *a = g_strdup_printf ("%u", es->assigned);
      g_autofree char *s = g_strdup_printf ("%u", es->submitted);
      g_autofree char *d = g_strdup_printf ("%u", es->draft);
      g_autofree char *c = g_strdup_printf ("%u", es->conflict);
      g_autofree char *mean = format_number (es->mean, 1);
      g_autofree char *sd = format_number (es->sd, 1);
      const char *values[8] = { es->name, a, s, d, c, mean, sd,
                                es->normalised ? W (self, NAWAT_WORD_YES) : W (self, NAWAT_WORD_NO) };
      Rich cells[8];

      for (guint k = 0; k < 8; k++)
        {
          rich_init (&cells[k]);
          if (k > 0)
            cells[k].align = PANGO_ALIGN_RIGHT;
          rich_add (&cells[k], values[k], k == 0 ? STYLE_BOLD : 0);
        }
      flow_row (f, cells, 8);
      for (guint k = 0; k < 8; k++)
        rich_clear (&cells[k]);
    }
  flow_table_end (f);
  flow_text (f, W (self, NAWAT_WORD_NOT_NORMALISED), STYLE_GREY | STYLE_SMALL);
}

typedef void (*SectionFunc) (Flow        *f,
                             NawatReport *self);

static const SectionFunc fixed_sections[N_FIXED_SECTIONS] = {
  [SECTION_COVER] = section_cover,
  [SECTION_CONTENTS] = section_contents,
  [SECTION_RANKING] = section_ranking,
  [SECTION_DISAGREEMENTS] = section_disagreements,
  [SECTION_AGREEMENT] = section_agreement,
  [SECTION_COVERAGE] = section_coverage,
  [SECTION_PROGRESS] = section_progress,
};

static guint
report_n_sections (NawatReport *self)
{
  return self->n_fixed + self->projects->len;
}

static void
run_section (Flow        *f,
             NawatReport *self,
             guint        section)
{
  if (section >= self->n_fixed)
    {
      section_project (f, self, section, g_ptr_array_index (self->projects, section - self->n_fixed),
                       section > 0);
      return;
    }
  g_assert (section < N_FIXED_SECTIONS);
  fixed_sections[section] (f, self);
}

static void
flow_init (Flow        *f,
           NawatReport *self)
{
  memset (f, 0, sizeof *f);
  f->report = self;
  f->pango = self->pango;
  f->y = BODY_TOP;
  f->target = -1;
  f->skip_to.section = G_MAXUINT;
}

static void
flow_clear (Flow *f)
{
  table_clear (&f->table);
  g_clear_error (&f->error);
}

/* Object */

static void
nawat_report_close_db (NawatReport *self)
{
  g_clear_pointer (&self->project_stmt, sqlite3_finalize);
  g_clear_pointer (&self->title_stmt, sqlite3_finalize);
  g_clear_pointer (&self->eval_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

static void
nawat_report_finalize (GObject *object)
{
  NawatReport *self = NAWAT_REPORT (object);

  nawat_report_close_db (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->call_id, g_free);
  g_clear_pointer (&self->project_id, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->evaluator, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);
  g_clear_object (&self->pango);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_object (&self->call);
  g_clear_object (&self->rubric);
  g_clear_object (&self->stats);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->section_pages, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);

  G_OBJECT_CLASS (nawat_report_parent_class)->finalize (object);
}

static void
nawat_report_class_init (NawatReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_report_finalize;
}

static void
nawat_report_init (NawatReport *self)
{
  self->pages = g_array_new (FALSE, FALSE, sizeof (PageStart));
  self->section_pages = g_array_new (FALSE, TRUE, sizeof (guint));
  self->projects = g_ptr_array_new_with_free_func (g_free);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

const char *
nawat_report_get_font_family (void)
{
  return FONT_FAMILY;
}

NawatReport *
nawat_report_new (NawatStore      *store,
                  const char      *call_id,
                  NawatReportKind  kind,
                  const char      *project_id,
                  const char      *language,
                  const char      *evaluator)
{
  NawatReport *self;
  cairo_font_options_t *options;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_REPORT, NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->kind = kind;
  self->project_id = g_strdup (project_id);
  self->thai = g_strcmp0 (language, "th") == 0;
  self->language = g_strdup (self->thai ? "th" : "en");
  self->evaluator = evaluator != NULL && *evaluator != '\0' ? g_strdup (evaluator) : NULL;

  /* A font map and context of our own, in points, with metrics that do
   * not depend on the device: the pages measured in the first pass are
   * the pages drawn on a PDF, an image or a printer.
   */
  self->font = pango_font_description_from_string (FONT_FAMILY);
  self->font_map = pango_cairo_font_map_new ();
  self->pango = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  pango_context_set_language (self->pango, pango_language_from_string (self->thai ? "th" : "en"));
  return self;
}

void
nawat_report_set_date (NawatReport *self,
                       GDateTime   *date)
{
  g_return_if_fail (NAWAT_IS_REPORT (self));

  g_clear_pointer (&self->date, g_date_time_unref);
  if (date != NULL)
    self->date = g_date_time_ref (date);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);
}

static gboolean
report_open_db (NawatReport  *self,
                GError      **error)
{
  const char *path = nawat_store_get_path (self->store);

  if (self->db != NULL)
    return TRUE;
  if (path == NULL || *path == '\0' || g_str_equal (path, ":memory:"))
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
                   _("An in-memory store cannot be reported on"));
      return FALSE;
    }
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    return report_db_error (self, error);
  sqlite3_busy_timeout (self->db, 5000);
  if (sqlite3_prepare_v2 (self->db, "SELECT json FROM projects WHERE id = ?", -1,
                          &self->project_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT code, title_th, title_en FROM projects WHERE id = ?", -1,
                          &self->title_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT json FROM evaluations WHERE project = ? "
                                    "ORDER BY project, evaluator", -1,
                          &self->eval_stmt, NULL) != SQLITE_OK)
    {
      report_db_error (self, error);
      nawat_report_close_db (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
report_list_projects (NawatReport  *self,
                      GError      **error)
{
  g_ptr_array_set_size (self->projects, 0);
  if (self->kind == NAWAT_REPORT_PROJECT)
    {
      g_ptr_array_add (self->projects, g_strdup (self->project_id));
      return TRUE;
    }
  if (self->stats != NULL)
    {
      /* in ranking order, unranked projects last */
      const guint *order = nawat_call_stats_get_ranking (self->stats, FALSE);
      guint n = nawat_call_stats_get_n_projects (self->stats);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->projects,
                         g_strdup (nawat_call_stats_get_project (self->stats, order[i])->project_id));
      return TRUE;
    }
  else
    {
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (self->db, "SELECT id FROM projects WHERE call = ? ORDER BY call, code",
                              -1, &stmt, NULL) != SQLITE_OK)
        return report_db_error (self, error);
      sqlite3_bind_text (stmt, 1, self->call_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (self->projects, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return report_db_error (self, error);
      return TRUE;
    }
}

static GDateTime *
default_date (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && *epoch != '\0')
    {
      gint64 seconds = g_ascii_strtoll (epoch, NULL, 10);

      if (seconds > 0)
        return g_date_time_new_from_unix_utc (seconds);
    }
  return g_date_time_new_now_utc ();
}

gboolean
nawat_report_prepare (NawatReport   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *call_doc_id = NULL;
  const char *rubric_id;
  Flow f;
  gboolean ok;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);

  self->prepared = FALSE;
  self->n_pages = 0;
  g_array_set_size (self->pages, 0);
  memset (self->heat, 0, sizeof self->heat);
  memset (self->partner_counts, 0, sizeof self->partner_counts);
  memset (self->helix_sum, 0, sizeof self->helix_sum);
  memset (self->helix_n, 0, sizeof self->helix_n);
  g_clear_object (&self->call);
  g_clear_object (&self->rubric);
  g_clear_object (&self->stats);
  g_clear_object (&self->header_date);
  g_clear_object (&self->header_title);

  if (self->kind == NAWAT_REPORT_PROJECT && self->project_id == NULL)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_INVALID,
                   _("A project report needs a project"));
      return FALSE;
    }
  if (self->kind == NAWAT_REPORT_PORTFOLIO && self->evaluator != NULL)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_INVALID,
                   _("The portfolio report is a coordinator’s report: an evaluator’s own report is per project"));
      return FALSE;
    }
  if (self->date == NULL)
    self->date = default_date ();

  call_doc_id = g_strconcat ("call:", self->call_id, NULL);
  self->call = nawat_store_get_call (self->store, call_doc_id, error);
  if (self->call == NULL)
    return FALSE;
  rubric_id = nawat_call_get_rubric (self->call);
  if (rubric_id != NULL)
    self->rubric = nawat_store_get_rubric (self->store, rubric_id, NULL);
  if (self->rubric == NULL && nawat_rubric_get_default () != NULL)
    self->rubric = g_object_ref (nawat_rubric_get_default ());
  if (self->rubric == NULL)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                   _("The rubric of call “%s” could not be loaded"), self->call_id);
      return FALSE;
    }
  if (!report_open_db (self, error))
    return FALSE;

  if (self->kind == NAWAT_REPORT_PROJECT)
    {
      g_autoptr(NawatProject) project = report_load_project (self, self->project_id, error);

      if (project == NULL)
        return FALSE;
      if (g_strcmp0 (nawat_project_get_call (project), self->call_id) != 0)
        {
          g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                       _("Project “%s” is not in call “%s”"), self->project_id, self->call_id);
          return FALSE;
        }
    }

  if (self->evaluator == NULL)
    {
      self->stats = nawat_call_stats_compute (self->store, self->call_id,
                                              NAWAT_STATS_DEFAULT_THRESHOLD, cancellable, error);
      if (self->stats == NULL)
        return FALSE;
    }
  if (!report_list_projects (self, error))
    return FALSE;

  self->n_fixed = self->kind == NAWAT_REPORT_PORTFOLIO ? N_FIXED_SECTIONS : 0;
  g_array_set_size (self->section_pages, report_n_sections (self));

  /* The first pass: measure, recording where every page starts. */
  flow_init (&f, self);
  f.measuring = TRUE;
  f.cancellable = cancellable;
  {
    PageStart first = { 0, 0, 0 };

    g_array_append_val (self->pages, first);
  }
  sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  for (guint s = 0; s < report_n_sections (self) && !f.done; s++)
    run_section (&f, self, s);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  ok = f.error == NULL && !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (f.error != NULL)
    g_propagate_error (error, g_steal_pointer (&f.error));
  flow_clear (&f);
  if (!ok)
    return FALSE;

  self->n_pages = self->pages->len;
  self->prepared = TRUE;
  return TRUE;
}

guint
nawat_report_get_n_pages (NawatReport *self)
{
  g_return_val_if_fail (NAWAT_IS_REPORT (self), 0);

  return self->prepared ? self->n_pages : 0;
}

int
nawat_report_get_project_page (NawatReport *self,
                               const char  *project_id)
{
  g_return_val_if_fail (NAWAT_IS_REPORT (self), -1);

  if (!self->prepared || project_id == NULL)
    return -1;
  for (guint i = 0; i < self->projects->len; i++)
    if (g_str_equal (g_ptr_array_index (self->projects, i), project_id))
      return (int) g_array_index (self->section_pages, guint, self->n_fixed + i);
  return -1;
}

static void
draw_error (NawatReport  *self,
            cairo_t      *cr,
            const GError *error)
{
  Flow f;
  g_autofree char *text = g_strdup_printf ("%s %s", W (self, NAWAT_WORD_ERROR_PAGE), error->message);

  flow_init (&f, self);
  f.cr = cr;
  f.target = -1;
  flow_text (&f, text, STYLE_BOLD);
  flow_clear (&f);
}

static gboolean
render_page (NawatReport  *self,
             cairo_t      *cr,
             guint         page,
             GError      **error)
{
  PageStart start = g_array_index (self->pages, PageStart, page);
  Flow f;
  gboolean ok;

  flow_init (&f, self);
  f.cr = cr;
  f.target = (int) page;
  f.page = page;
  f.skipping = TRUE;
  f.skip_to = start;

  cairo_save (cr);
  set_rgb (cr, 0xffffff);
  cairo_paint (cr);
  cairo_restore (cr);
  for (guint s = start.section; s < report_n_sections (self) && !f.done; s++)
    run_section (&f, self, s);
  /* after the body, as when the PDF is written in one go */
  draw_furniture (self, cr, page);
  ok = f.error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&f.error));
  flow_clear (&f);
  return ok;
}

void
nawat_report_render_page (NawatReport *self,
                          cairo_t     *cr,
                          guint        page,
                          double       width_pt,
                          double       height_pt)
{
  g_autoptr(GError) error = NULL;
  double scale;

  g_return_if_fail (NAWAT_IS_REPORT (self));
  g_return_if_fail (cr != NULL);

  if (!self->prepared || page >= self->n_pages)
    return;
  scale = MIN (1.0, MIN (width_pt / PAGE_W, height_pt / PAGE_H));
  cairo_save (cr);
  cairo_translate (cr, (width_pt - PAGE_W * scale) / 2, (height_pt - PAGE_H * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, PAGE_W, PAGE_H);
  cairo_clip (cr);
  if (!render_page (self, cr, page, &error))
    draw_error (self, cr, error);
  cairo_restore (cr);
}

/* PDF */

typedef struct
{
  GOutputStream *output;
  GCancellable  *cancellable;
  GError        *error;
} PdfWriter;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfWriter *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (w->output, data, length, NULL, w->cancellable, &w->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  NawatReport *self;
  guint        page;
} Turn;

static void
pdf_turn_page (Flow     *f,
               gpointer  data)
{
  Turn *turn = data;

  draw_furniture (turn->self, f->cr, f->page);
  cairo_show_page (f->cr);
}

static void
pdf_add_outline (NawatReport      *self,
                 cairo_surface_t  *surface)
{
  static const NawatWord titles[] = {
      NAWAT_WORD_RANKING, NAWAT_WORD_DISAGREEMENTS, NAWAT_WORD_AGREEMENT, NAWAT_WORD_COVERAGE,
      NAWAT_WORD_PROGRESS };

  if (self->kind != NAWAT_REPORT_PORTFOLIO)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autofree char *link = g_strdup_printf ("page=%u",
                                               g_array_index (self->section_pages, guint, SECTION_RANKING + i) + 1);

      cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, W (self, titles[i]), link, 0);
    }
  if (self->projects->len > 0)
    {
      g_autofree char *link = g_strdup_printf ("page=%u",
                                               g_array_index (self->section_pages, guint, self->n_fixed) + 1);
      int parent = cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, W (self, NAWAT_WORD_PROJECTS),
                                                  link, 0);

      for (guint i = 0; i < self->projects->len; i++)
        {
          const char *id = g_ptr_array_index (self->projects, i);
          g_autofree char *entry = NULL;
          g_autofree char *project_link = NULL;

          g_autofree char *code = NULL;
          g_autofree char *title = report_dup_title (self, id, &code);

          if (title != NULL)
            entry = g_strdup_printf ("%s (%s)", title, code);
          project_link = g_strdup_printf ("page=%u",
                                          g_array_index (self->section_pages, guint, self->n_fixed + i) + 1);
          cairo_pdf_surface_add_outline (surface, parent, entry != NULL ? entry : id, project_link, 0);
        }
    }
}

gboolean
nawat_report_write_pdf_stream (NawatReport    *self,
                               GOutputStream  *output,
                               GCancellable   *cancellable,
                               GError        **error)
{
  PdfWriter writer = { output, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_t *cr;
  Flow f;
  Turn turn = { self, 0 };
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!self->prepared && !nawat_report_prepare (self, cancellable, error))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &writer, PAGE_W, PAGE_H);
  {
    g_autofree char *title = g_strdup_printf ("%s — %s",
                                              text_get (self, nawat_call_get_title (self->call)),
                                              self->kind == NAWAT_REPORT_PORTFOLIO ?
                                                W (self, NAWAT_WORD_PORTFOLIO_REPORT) : W (self, NAWAT_WORD_PROJECT_REPORT));
    g_autofree char *date = g_date_time_format_iso8601 (self->date);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Nawat " PACKAGE_VERSION);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  }
  pdf_add_outline (self, surface);
  cr = cairo_create (surface);

  flow_init (&f, self);
  f.cr = cr;
  f.target = -1;
  f.cancellable = cancellable;
  f.turn_page = pdf_turn_page;
  f.turn_page_data = &turn;

  sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
  for (guint s = 0; s < report_n_sections (self) && !f.done && writer.error == NULL; s++)
    run_section (&f, self, s);
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (!f.done && writer.error == NULL)
    {
      draw_furniture (self, cr, f.page);
      cairo_show_page (cr);
    }

  ok = f.error == NULL && writer.error == NULL &&
       !g_cancellable_set_error_if_cancelled (cancellable, error);
  if (ok && f.page + 1 != self->n_pages)
    {
      /* the store changed between the passes */
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
                   _("The store changed while the report was written; try again"));
      ok = FALSE;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (f.error != NULL)
    g_propagate_error (error, g_steal_pointer (&f.error));
  else if (writer.error != NULL)
    g_propagate_error (error, g_steal_pointer (&writer.error));
  else if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
                   _("Cannot write the PDF: %s"), cairo_status_to_string (status));
      ok = FALSE;
    }
  g_clear_error (&writer.error);
  flow_clear (&f);
  return ok;
}

gboolean
nawat_report_write_pdf (NawatReport   *self,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(NawatFileOutput) output = NULL;

  g_return_val_if_fail (NAWAT_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!self->prepared && !nawat_report_prepare (self, cancellable, error))
    return FALSE;
  file = g_file_new_for_path (path);
  /* Written whole or not at all: a failure leaves no file, or the old one. */
  output = nawat_file_output_new (file, cancellable, error);
  if (output == NULL)
    return FALSE;
  return nawat_report_write_pdf_stream (self, nawat_file_output_get_stream (output),
                                        cancellable, error)
         && nawat_file_output_commit (output, cancellable, error);
}
