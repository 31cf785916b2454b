/* nawat-pdf-renderer.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A PDF document owned by a thread of its own: poppler's documents are not
 * thread-safe, so every use of it (opening, rendering, finding text,
 * selecting) is a job run there in the order of its priority, and its
 * result comes back to the main context's loop.  The main thread never
 * waits for the worker.
 */
typedef struct _NawatPdfRenderer NawatPdfRenderer;

/* A rectangle in a page's points, from its top left corner. */
typedef struct
{
  guint  page;
  double x, y, width, height;
} NawatPdfRect;

typedef void (*NawatPdfLoadedFunc)   (gpointer      user_data,
                                      guint         n_pages,
                                      const double *sizes,  /* width, height of each page */
                                      const GError *error);
typedef void (*NawatPdfRenderedFunc) (gpointer      user_data,
                                      guint         page,
                                      double        scale,
                                      gboolean      thumbnail,
                                      GdkTexture   *texture);
/* @matches of NawatPdfRect, sorted by page then place */
typedef void (*NawatPdfFoundFunc)    (gpointer      user_data,
                                      const char   *text,
                                      GArray       *matches);
/* @rects of NawatPdfRect: the selected region */
typedef void (*NawatPdfSelectedFunc) (gpointer      user_data,
                                      guint         page,
                                      const char   *text,
                                      GArray       *rects);

/* Every callback gets @user_data, until nawat_pdf_renderer_close(). */
NawatPdfRenderer *nawat_pdf_renderer_new    (NawatPdfLoadedFunc    loaded,
                                             NawatPdfRenderedFunc  rendered,
                                             NawatPdfFoundFunc     found,
                                             NawatPdfSelectedFunc  selected,
                                             gpointer              user_data);
/* Opens @bytes in the worker. */
void              nawat_pdf_renderer_load   (NawatPdfRenderer     *self,
                                             GBytes               *bytes);
/* Renders @page (from 0) at @scale (pixels per point); a thumbnail comes
 * after every page asked for.  Asking again at the same scale while it is
 * waiting does nothing.  nawat_pdf_renderer_cancel_renders() drops those
 * still waiting.
 */
void              nawat_pdf_renderer_render (NawatPdfRenderer     *self,
                                             guint                 page,
                                             double                scale,
                                             gboolean              thumbnail);
void              nawat_pdf_renderer_cancel_renders (NawatPdfRenderer *self);
/* Finds @text (a substring, Thai too) in every page. */
void              nawat_pdf_renderer_find   (NawatPdfRenderer     *self,
                                             const char           *text);
/* The text inside @rect of its page, glyph by glyph, and its region. */
void              nawat_pdf_renderer_select (NawatPdfRenderer     *self,
                                             const NawatPdfRect   *rect);
/* No callback is called any more; the worker ends on its own once the job
 * it runs, if any, is done.
 */
void              nawat_pdf_renderer_close  (NawatPdfRenderer     *self);

G_END_DECLS
