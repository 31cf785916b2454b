/* nawat-pdf-view.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NAWAT_TYPE_PDF_VIEW (nawat_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (NawatPdfView, nawat_pdf_view, NAWAT, PDF_VIEW, AdwBin)

/* A PDF reader: pages rendered off the main thread and cached, zoom (fit
 * width, in, out), continuous or one page at a time, a strip of
 * thumbnails, paging by keyboard, search (Ctrl+F) and text selection with
 * the mouse.
 *
 * Signals: "loaded" once the document is open (or failed: see
 * nawat_pdf_view_get_error()); "place-changed" when the page or the zoom
 * changes; "copy-to-comment" (const char *text) when the reader asks to
 * put the selected text into the comment; "close" when they close it.
 */
GtkWidget  *nawat_pdf_view_new            (void);
/* Opens @bytes, named @title, at @page (from 0) and @zoom (points to
 * pixels; 0 fits the width).
 */
void        nawat_pdf_view_load           (NawatPdfView *self,
                                           GBytes       *bytes,
                                           const char   *title,
                                           guint         page,
                                           double        zoom);
void        nawat_pdf_view_clear          (NawatPdfView *self);
gboolean    nawat_pdf_view_get_loaded     (NawatPdfView *self);
const GError *nawat_pdf_view_get_error    (NawatPdfView *self);
guint       nawat_pdf_view_get_n_pages    (NawatPdfView *self);
/* The page shown, from 0. */
guint       nawat_pdf_view_get_page       (NawatPdfView *self);
void        nawat_pdf_view_set_page       (NawatPdfView *self,
                                           guint         page);
/* 0 when the pages fit the width. */
double      nawat_pdf_view_get_zoom       (NawatPdfView *self);
/* Gives the keyboard focus to the pages. */
void        nawat_pdf_view_focus_pages    (NawatPdfView *self);
/* Whether the close button shows (in a split, or alone with a way back). */
void        nawat_pdf_view_set_closable   (NawatPdfView *self,
                                           gboolean      closable);
/* Whether the comment is there to copy to. */
void        nawat_pdf_view_set_can_copy_to_comment (NawatPdfView *self,
                                                    gboolean      can);

G_END_DECLS
