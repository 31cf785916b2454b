/* nawat-test-pdf.c: PDFs made for the tests, with Thai text
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <math.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "nawat-test-pdf.h"

#define A4_WIDTH 595.0
#define A4_HEIGHT 842.0

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_text (cairo_t    *cr,
           const char *markup_font,
           const char *text,
           double      y)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (markup_font);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) ((A4_WIDTH - 120) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 60, y);
  pango_cairo_show_layout (cr, layout);
}

/* An image of noise of about @bytes bytes (RGB24, 4 bytes a pixel,
 * stored uncompressible), from a fixed generator.
 */
static void
draw_noise (cairo_t *cr,
            gsize    bytes,
            guint32 *state)
{
  cairo_surface_t *image;
  int side = MAX (1, (int) (sqrt ((double) bytes / 3.0)));
  guint8 *data;
  int stride;

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (int y = 0; y < side; y++)
    for (int x = 0; x < side * 4; x++)
      {
        /* xorshift32 */
        *state ^= *state << 13;
        *state ^= *state >> 17;
        *state ^= *state << 5;
        data[y * stride + x] = (guint8) *state;
      }
  cairo_surface_mark_dirty (image);

  cairo_save (cr);
  cairo_translate (cr, 60, 400);
  cairo_scale (cr, 300.0 / side, 300.0 / side);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

GBytes *
nawat_test_pdf_new (guint       n_pages,
                    const char *text,
                    gsize       size)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  guint32 state = 2463534242u;
  gsize noise = 0;

  g_return_val_if_fail (n_pages > 0, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  /* The text pages come to about 20 kB with the embedded fonts, and each
   * image of noise to 3 bytes a pixel in the file.
   */
  if (size > 20000 + n_pages * 2000)
    noise = (size - 20000 - n_pages * 2000) / n_pages;

  surface = cairo_pdf_surface_create_for_stream (append_cb, out, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *heading = g_strdup_printf ("หน้า %u", page);
      g_autofree char *number = g_strdup_printf ("%u", page);
      g_auto(GStrv) parts = g_strsplit (text, "%u", -1);
      g_autofree char *body = g_strjoinv (number, parts);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      draw_text (cr, "Noto Sans Thai Bold 28", heading, 60);
      draw_text (cr, "Noto Sans Thai 14", body, 130);
      if (noise > 0)
        draw_noise (cr, noise, &state);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (out);
}
