/* nawat-pdf-view-private.h: what the tests read and drive of the viewer
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-pdf-view.h"

G_BEGIN_DECLS

/* The widget that takes the keys: the scrolled pages. */
GtkWidget  *nawat_pdf_view_get_pages_widget   (NawatPdfView *self);
GtkWidget  *nawat_pdf_view_get_page_widget    (NawatPdfView *self,
                                               guint         page);
GtkWidget  *nawat_pdf_view_get_search_entry   (NawatPdfView *self);
/* "Page 3 of 12" as the page label reads it to a screen reader. */
char       *nawat_pdf_view_dup_page_text      (NawatPdfView *self);
/* The texture of @page at the zoom shown, or NULL while it renders. */
GdkTexture *nawat_pdf_view_get_page_texture   (NawatPdfView *self,
                                               guint         page);
/* The pages whose rendering is kept. */
guint       nawat_pdf_view_get_n_cached       (NawatPdfView *self);
guint       nawat_pdf_view_get_n_thumbnails   (NawatPdfView *self);
/* The search's matches: -1 while it runs; and the one shown (from 0). */
int         nawat_pdf_view_get_n_matches      (NawatPdfView *self);
int         nawat_pdf_view_get_match          (NawatPdfView *self);
void        nawat_pdf_view_find               (NawatPdfView *self,
                                               const char   *text);
/* Selects what lies in @x, @y, @width, @height (points) of @page. */
void        nawat_pdf_view_select             (NawatPdfView *self,
                                               guint         page,
                                               double        x,
                                               double        y,
                                               double        width,
                                               double        height);
/* The selected text; NULL while none or while it is found. */
const char *nawat_pdf_view_get_selected_text  (NawatPdfView *self);
gboolean    nawat_pdf_view_get_continuous     (NawatPdfView *self);
void        nawat_pdf_view_set_continuous     (NawatPdfView *self,
                                               gboolean      continuous);

G_END_DECLS
