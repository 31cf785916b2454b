/* nawat-store-attachments.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-attachment.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* The largest file, and the most a call's files come to, in MB (1 MB =
 * 1,048,576 bytes): checked before anything is written.
 */
#define NAWAT_STORE_MAX_FILE_MB 50
#define NAWAT_STORE_MAX_CALL_MB 2048

/* The directory of the files' contents: "<store>.blobs" beside the store
 * ("nawat.db" keeps them in "nawat.blobs"); NULL for a store in memory.
 */
char            *nawat_store_dup_blobs_dir            (NawatStore             *self);

/* Attaches @files (GFile) to project @project_id: each under its own name
 * (its base name), with the content type its name suggests.  Every file is
 * checked first (readable, a valid name, within the limits per file and
 * per call), then its contents are written to the store's files (a
 * temporary file, synced, renamed: never seen half-written) and the
 * project is stored with their stubs, in one write transaction.  A file of
 * the same name replaces the project's.  Nothing changes when a check
 * fails.  Returns the project as stored.
 */
NawatProject    *nawat_store_attach_files             (NawatStore             *self,
                                                       const char             *project_id,
                                                       GPtrArray              *files,
                                                       GError                **error);
/* Whether the store holds the contents of @attachment. */
gboolean         nawat_store_holds_attachment         (NawatStore             *self,
                                                       const NawatAttachment  *attachment);
/* The contents of @attachment, checked against its length and digest:
 * NAWAT_STORE_ERROR_NOT_FOUND when the store does not hold them,
 * NAWAT_STORE_ERROR_CORRUPT when they do not match.
 */
GBytes          *nawat_store_read_attachment          (NawatStore             *self,
                                                       const NawatAttachment  *attachment,
                                                       GError                **error);
/* Writes the checked contents of @attachment to @file, whole or not at all. */
gboolean         nawat_store_extract_attachment       (NawatStore             *self,
                                                       const NawatAttachment  *attachment,
                                                       GFile                  *file,
                                                       GError                **error);
/* Removes the contents no project uses any more, and what an interrupted
 * write left behind an hour ago or more; @n_removed (may be NULL) counts
 * the files removed.
 */
gboolean         nawat_store_collect_attachments      (NawatStore             *self,
                                                       guint                  *n_removed,
                                                       GError                **error);

/* Where the reader stopped in the document of @digest (an attachment's):
 * its page (from 0) and its zoom (0: the width of the view).  FALSE when
 * they never read it here.  This is local, never synchronised.
 */
gboolean         nawat_store_get_document_place       (NawatStore             *self,
                                                       const char             *digest,
                                                       guint                  *page,
                                                       double                 *zoom);
gboolean         nawat_store_set_document_place       (NawatStore             *self,
                                                       const char             *digest,
                                                       guint                   page,
                                                       double                  zoom,
                                                       GError                **error);

G_END_DECLS
