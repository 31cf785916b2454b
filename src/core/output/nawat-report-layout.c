/* nawat-report-layout.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"

#include "nawat-chart.h"

#include <string.h>

/* Layout.
 *
 * A report is a list of sections (the portfolio's summary, contents,
 * ranking, …, then one section per project).  A section is a function
 * that emits items (rows of cells, headings, charts) into a flow
 * (NawatReportFlow), which places them on pages top to bottom, breaks
 * pages, repeats a table's header row on each page, and splits a row
 * taller than what is left of a page between two lines of text.
 *
 * The first pass runs every section in measuring mode and records where
 * each page starts (section, item, and how much of that item earlier
 * pages already showed).  Writing a PDF runs every section once more,
 * drawing, page after page.  Rendering one page (printing) runs the
 * sections from that page's start, skipping the items of earlier pages
 * without laying them out, and stops at the page's end.  Nothing of a
 * page is kept once it is drawn, so memory does not grow with the report.
 */

void
_nawat_rich_init (NawatReportRich *r)
{
  r->text = g_string_new (NULL);
  r->attrs = pango_attr_list_new ();
  r->align = PANGO_ALIGN_LEFT;
  r->key = NULL;
  r->below = NULL;
  r->n_runs = 0;
  r->style = 0;
}

void
_nawat_rich_clear (NawatReportRich *r)
{
  if (r->text != NULL)
    g_string_free (g_steal_pointer (&r->text), TRUE);
  g_clear_pointer (&r->attrs, pango_attr_list_unref);
  g_clear_pointer (&r->key, g_free);
  if (r->below != NULL)
    {
      _nawat_rich_clear (r->below);
      g_clear_pointer (&r->below, g_free);
    }
}

NawatReportRich *
_nawat_rich_below (NawatReportRich *r)
{
  if (r->below == NULL)
    {
      r->below = g_new0 (NawatReportRich, 1);
      _nawat_rich_init (r->below);
    }
  return r->below;
}

void
_nawat_rich_add (NawatReportRich *r,
                 const char      *text,
                 guint            style)
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

void
_nawat_rich_newline (NawatReportRich *r)
{
  if (r->text->len > 0)
    g_string_append_c (r->text, '\n');
  r->n_runs++;
}

/* The flow */

static void
table_clear (NawatReportTable *t)
{
  for (guint i = 0; i < t->n; i++)
    _nawat_rich_clear (&t->header[i]);
  t->n = 0;
}

gboolean
_nawat_flow_drawing (NawatReportFlow *f)
{
  return f->cr != NULL && !f->skipping && !f->done &&
         (f->target < 0 || (guint) f->target == f->page);
}

static void flow_draw_table_header (NawatReportFlow *f);

/* Pages break the same way in every mode: a page starts at BODY_TOP with
 * the repeated header of a continuing table, and vertical space at the
 * top of a page is dropped.
 */
static void
flow_new_page (NawatReportFlow *f,
               double           offset)
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
      NawatReportPageStart start = { f->section, f->item, offset };

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
gboolean
_nawat_flow_skip (NawatReportFlow *f)
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

static PangoLayout *flow_layout_new (NawatReportFlow       *f,
                                     const NawatReportRich *r,
                                     double                 width,
                                     double                 size);

/* Appends @sep and @value in decimal to @key. */
static void
key_append_int (GString *key,
                char     sep,
                int      value)
{
  char digits[12];
  guint n = 0;
  guint v = value < 0 ? 0u - (guint) value : (guint) value;

  g_string_append_c (key, sep);
  if (value < 0)
    g_string_append_c (key, '-');
  do
    digits[n++] = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    g_string_append_c (key, digits[--n]);
}

/* (transfer full) */
PangoLayout *
_nawat_flow_layout (NawatReportFlow       *f,
                    const NawatReportRich *r,
                    double                 width,
                    double                 size)
{
  GHashTable *cache = f->report->layouts;
  g_autoptr(GString) key = NULL;
  PangoLayout *layout;

  /* Numbers, names and words recur all over a report's tables.  The key
   * is "KEY|W|S" or "tSTYLE:ALIGN:TEXT|W|S"; it is built without printf,
   * which cost more than the lookup it serves.
   */
  if (r->key != NULL)
    {
      key = g_string_sized_new (strlen (r->key) + 24);
      g_string_append (key, r->key);
    }
  else if (r->n_runs == 1 && r->text->len <= SHORT_TEXT)
    {
      key = g_string_sized_new (r->text->len + 40);
      key_append_int (key, 't', (int) r->style);
      key_append_int (key, ':', (int) r->align);
      g_string_append_c (key, ':');
      g_string_append (key, r->text->str);
    }
  else
    return flow_layout_new (f, r, width, size);
  key_append_int (key, '|', (int) (width * 64));
  key_append_int (key, '|', (int) (size * 64));
  layout = g_hash_table_lookup (cache, key->str);
  if (layout == NULL)
    {
      if (g_hash_table_size (cache) >= MAX_SHARED_LAYOUTS)
        g_hash_table_remove_all (cache);
      layout = flow_layout_new (f, r, width, size);
      g_hash_table_insert (cache, g_string_free (g_steal_pointer (&key), FALSE), layout);
    }
  return g_object_ref (layout);
}

/* A layout of @r in the report's font at @size points, wrapped at
 * @width (0: unwrapped).
 */
PangoLayout *
_nawat_rich_layout_new (NawatReport           *self,
                        const NawatReportRich *r,
                        double                 width,
                        double                 size)
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
flow_layout_new (NawatReportFlow       *f,
                 const NawatReportRich *r,
                 double                 width,
                 double                 size)
{
  return _nawat_rich_layout_new (f->report, r, MAX (width, 1), size);
}

void
_nawat_report_set_rgb (cairo_t *cr,
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
flow_section_started (NawatReportFlow *f)
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
place_row (NawatReportFlow       *f,
           const NawatReportRich *cells,
           guint                  n,
           double                 size,
           guint32                shade,
           gboolean               rule,
           double                 keep,
           double                 offset)
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

      layouts[i] = _nawat_flow_layout (f, &cells[i], ws[i] - 2 * CELL_PAD, size);
      pango_layout_get_size (layouts[i], &w, &h);
      if (cells[i].text->len == 0)
        h = 0;
      tops[i] = CELL_PAD + (double) h / PANGO_SCALE;
      belows[i] = NULL;
      if (cells[i].below != NULL && cells[i].below->text->len > 0)
        {
          belows[i] = _nawat_flow_layout (f, cells[i].below, ws[i] - 2 * CELL_PAD, size);
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

      if (_nawat_flow_drawing (f))
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
              _nawat_report_set_rgb (cr, shade);
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
              _nawat_report_set_rgb (cr, RULE);
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

void
_nawat_flow_row_full (NawatReportFlow       *f,
                      const NawatReportRich *cells,
                      guint                  n,
                      double                 size,
                      guint32                shade,
                      gboolean               rule,
                      double                 keep)
{
  double offset;

  if (f->done || _nawat_flow_skip (f))
    return;
  offset = f->resume_offset;
  f->resume_offset = 0;
  place_row (f, cells, n, size, shade, rule, keep, offset);
  f->item++;
}

void
_nawat_flow_row (NawatReportFlow       *f,
                 const NawatReportRich *cells,
                 guint                  n)
{
  _nawat_flow_row_full (f, cells, n, SIZE_BODY, 0, TRUE, 0);
}

/* The repeated header is part of the page, not an item. */
static void
flow_draw_table_header (NawatReportFlow *f)
{
  place_row (f, f->table.header, f->table.n, SIZE_BODY, SHADE, TRUE, 0, 0);
}

void
_nawat_flow_space (NawatReportFlow *f,
                   double           height)
{
  if (f->done || f->skipping || f->y <= BODY_TOP)
    return;
  f->y = MIN (f->y + height, BODY_BOTTOM);
}

/* A row of one cell holding plain @text (data: never markup) at @size,
 * kept on the page with the next @keep points.
 */
void
_nawat_flow_line (NawatReportFlow *f,
                  const char      *text,
                  guint            style,
                  double           size,
                  double           keep)
{
  NawatReportRich r;

  if (f->done)
    return;
  _nawat_rich_init (&r);
  _nawat_rich_add (&r, text, style);
  _nawat_flow_row_full (f, &r, 1, size, 0, FALSE, keep);
  _nawat_rich_clear (&r);
}

/* A paragraph of plain text. */
void
_nawat_flow_text (NawatReportFlow *f,
                  const char      *text,
                  guint            style)
{
  _nawat_flow_line (f, text, style, SIZE_BODY, 0);
}

void
_nawat_flow_heading (NawatReportFlow *f,
                     const char      *text,
                     double           size)
{
  if (f->done)
    return;
  _nawat_flow_space (f, size > SIZE_SUBHEADING ? 8 : 5);
  _nawat_flow_line (f, text, STYLE_BOLD, size, KEEP_WITH_HEADING);
}

#define MAX_HEADER_WIDTHS 1024

/* The width of @text in the style of the header cell @cell, unwrapped.
 * Every project's tables have the same header words (and an evaluator's
 * name recurs on many projects): each is measured once, not once per
 * table and pass.
 */
static double
header_piece_width (NawatReport           *self,
                    const NawatReportRich *cell,
                    const char            *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  NawatReportRich piece;
  double *width;
  int w, h;

  key_append_int (key, 's', (int) cell->style);
  g_string_append_c (key, ':');
  g_string_append (key, text);
  width = g_hash_table_lookup (self->header_widths, key->str);
  if (width != NULL)
    return *width;

  _nawat_rich_init (&piece);
  _nawat_rich_add (&piece, text, cell->style);
  layout = _nawat_rich_layout_new (self, &piece, 0, SIZE_BODY);
  pango_layout_get_size (layout, &w, &h);
  _nawat_rich_clear (&piece);

  if (g_hash_table_size (self->header_widths) >= MAX_HEADER_WIDTHS)
    g_hash_table_remove_all (self->header_widths);
  width = g_new (double, 1);
  *width = (double) w / PANGO_SCALE;
  g_hash_table_insert (self->header_widths, g_string_free (g_steal_pointer (&key), FALSE), width);
  return *width;
}

/* A header cell wraps only where it reads well: a parenthesised tail
 * ("Rank (mean)", "อันดับ (ค่าเฉลี่ย)") goes on a line of its own, and
 * the width returned is what the cell needs so that no line or, in a
 * line of several words, no word has to be broken.
 */
static double
header_prepare (NawatReport     *self,
                NawatReportRich *cell)
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
table_fit_header (NawatReport     *self,
                  guint            n,
                  double          *w,
                  NawatReportRich *header)
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
void
_nawat_flow_table_begin (NawatReportFlow *f,
                         guint            n,
                         const double    *widths,
                         NawatReportRich *header)
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
  _nawat_flow_row_full (f, f->table.header, n, SIZE_BODY, SHADE, TRUE, KEEP_WITH_NEXT);
  f->repeat_header = TRUE;
}

void
_nawat_flow_table_end (NawatReportFlow *f)
{
  table_clear (&f->table);
  f->in_table = FALSE;
  f->repeat_header = FALSE;
  _nawat_flow_space (f, 6);
}

/* A box of @height drawn by @func (never split). */
void
_nawat_flow_chart (NawatReportFlow      *f,
                   double                height,
                   NawatReportChartFunc  func,
                   gpointer              data)
{
  if (f->done || _nawat_flow_skip (f))
    return;
  f->resume_offset = 0;
  if (f->y > BODY_TOP && f->y + height > BODY_BOTTOM)
    flow_new_page (f, 0);
  flow_section_started (f);
  if (_nawat_flow_drawing (f))
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
void
_nawat_flow_section (NawatReportFlow *f,
                     guint            section,
                     gboolean         new_page)
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

void
_nawat_flow_init (NawatReportFlow *f,
                  NawatReport     *self)
{
  memset (f, 0, sizeof *f);
  f->report = self;
  f->pango = self->pango;
  f->y = BODY_TOP;
  f->target = -1;
  f->skip_to.section = G_MAXUINT;
}

void
_nawat_flow_clear (NawatReportFlow *f)
{
  table_clear (&f->table);
  g_clear_error (&f->error);
}
