/* nawat-store-file-text.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-attachment.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* What the store knows of the text of a file's contents. */
typedef enum
{
  NAWAT_FILE_TEXT_UNKNOWN,  /* not read yet, or the contents are not held */
  NAWAT_FILE_TEXT_READ,     /* a PDF: its pages and text are known */
  NAWAT_FILE_TEXT_NOT_PDF,  /* not a PDF: no text is read from it */
  NAWAT_FILE_TEXT_DAMAGED,  /* starts as a PDF, but poppler cannot read it */
} NawatFileTextState;

/* A file whose text a search matched. */
typedef struct
{
  char *project_id;
  char *name;
} NawatFileMatch;

void             nawat_file_match_free                (NawatFileMatch         *match);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatFileMatch, nawat_file_match_free)

/* Reads the number of pages and the text (every page's, in order, each
 * ending with a new line) of the PDF in @bytes.  Contents that are not a
 * PDF, or that poppler cannot read, give NAWAT_STORE_ERROR_INVALID.
 */
gboolean         nawat_pdf_read_text                  (GBytes                 *bytes,
                                                       int                    *n_pages,
                                                       char                  **text,
                                                       GError                **error);

/* Reads, in a thread of the store's, the text of every file the store
 * holds whose text it has not read yet, and indexes it for
 * nawat_store_search_files(); returns at once.  A file that is not a PDF,
 * or is damaged, is remembered as such and not read again.
 */
void             nawat_store_read_file_texts_later    (NawatStore             *self);
/* The same, here and now: stops the thread of
 * nawat_store_read_file_texts_later() and goes on until every held file
 * has been read.
 */
gboolean         nawat_store_finish_file_texts        (NawatStore             *self,
                                                       GCancellable           *cancellable,
                                                       GError                **error);
/* What the store knows of the text of @attachment's contents, and its
 * number of pages in @n_pages (may be NULL; 0 unless
 * NAWAT_FILE_TEXT_READ).
 */
NawatFileTextState nawat_store_get_file_text_state    (NawatStore             *self,
                                                       const NawatAttachment  *attachment,
                                                       int                    *n_pages);
/* The files (NawatFileMatch) of the projects of @call_id (any call when
 * NULL) whose text holds every word of @text (casefolded; Thai substrings
 * too, of any length), in the order of the projects' codes, at most
 * @limit of them (0: all).
 */
GPtrArray       *nawat_store_search_files             (NawatStore             *self,
                                                       const char             *text,
                                                       const char             *call_id,
                                                       guint                   limit,
                                                       GError                **error);

G_END_DECLS
