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
 * NAWAT_STORE_ERROR_CORRUPT when they do not match.  Damaged contents
 * stay as they are: the caller that mends them calls
 * nawat_store_forget_attachment().
 */
GBytes          *nawat_store_read_attachment          (NawatStore             *self,
                                                       const NawatAttachment  *attachment,
                                                       GError                **error);
/* Writes the checked contents of @attachment to @file, whole or not at
 * all; the errors of nawat_store_read_attachment().
 */
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

/* Removes the files @names (NULL-terminated) from project @project_id: the
 * project is stored without their stubs, and the contents no project uses
 * any more are removed with it, in one write transaction.  A name the
 * project lacks is NAWAT_STORE_ERROR_NOT_FOUND, naming it, and nothing
 * changes.  Returns the project as stored.
 */
NawatProject    *nawat_store_detach_files             (NawatStore             *self,
                                                       const char             *project_id,
                                                       const char * const     *names,
                                                       GError                **error);

/* Checks @file as nawat_store_attach_files() does before it writes
 * anything: a readable file, a valid name (its base name), within the
 * limit per file.  @length (may be NULL) receives its size.
 */
gboolean         nawat_store_check_file_to_attach     (GFile                  *file,
                                                       gint64                 *length,
                                                       GError                **error);
/* Whether the files of call @call_id, with @adding bytes more, stay
 * within the limit per call; an error that says the total otherwise.
 */
gboolean         nawat_store_check_call_files         (NawatStore             *self,
                                                       const char             *call_id,
                                                       gint64                  adding,
                                                       GError                **error);

G_END_DECLS

G_BEGIN_DECLS

/* A file the store lacks the contents of: the work list of a pull. */
typedef struct
{
  char            *project_id;
  char            *call_id;
  NawatAttachment *attachment;
} NawatStoreMissing;

void             nawat_store_missing_free             (NawatStoreMissing      *missing);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatStoreMissing, nawat_store_missing_free)

/* The files of @call_id's projects whose contents the store does not hold
 * (no row, or its file gone), one per digest (the same contents in two
 * projects are fetched once), in the order of the projects' codes.
 * @total (may be NULL) receives what they come to, in bytes.  Elements:
 * NawatStoreMissing.
 */
GPtrArray       *nawat_store_list_missing_attachments (NawatStore             *self,
                                                       const char             *call_id,
                                                       gint64                 *total,
                                                       GError                **error);
/* How many bytes of @attachment's contents an interrupted download left,
 * to be resumed from there (0: none).
 */
gint64           nawat_store_get_partial_attachment   (NawatStore             *self,
                                                       const NawatAttachment  *attachment);
/* Called with each piece of contents written. */
typedef void   (*NawatStoreContentsFunc)              (gsize                   n_bytes,
                                                       gpointer                user_data);
/* Takes the contents of @attachment, a file of call @call_id, from @input:
 * streamed into a partial file under the blobs directory while hashed
 * (SHA-256 for its name, MD5 for CouchDB's digest), then checked against
 * the stub's length and digest, synced, renamed into place and its row
 * committed.  @offset: the bytes of the partial download that @input
 * follows (nawat_store_get_partial_attachment(), when the server honoured
 * a Range request), else 0.  The limits per file and per call are checked
 * first (NAWAT_STORE_ERROR_INVALID, the limit in the message).  Contents
 * that do not match give NAWAT_STORE_ERROR_CORRUPT and leave nothing; an
 * @input that fails or ends early gives its error (G_IO_ERROR_PARTIAL_INPUT
 * when it ended early) and leaves the partial file for a resumption.
 */
gboolean         nawat_store_add_attachment_contents  (NawatStore             *self,
                                                       const char             *call_id,
                                                       const NawatAttachment  *attachment,
                                                       GInputStream           *input,
                                                       gint64                  offset,
                                                       NawatStoreContentsFunc  func,
                                                       gpointer                user_data,
                                                       GCancellable           *cancellable,
                                                       GError                **error);
/* Forgets the contents held for @attachment (found damaged: a read gave
 * NAWAT_STORE_ERROR_CORRUPT), its row and its file, so that the next sync
 * fetches them again.
 */
gboolean         nawat_store_forget_attachment        (NawatStore             *self,
                                                       const NawatAttachment  *attachment,
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

/* Whether the contents of @attachment, a file of call @call_id, may be
 * taken: within the limit per file, and with the call's contents held and
 * @pending bytes more (the files to be taken before it) within the limit
 * per call.  NAWAT_STORE_ERROR_INVALID otherwise, the file and the limit
 * in the message.  Checked before anything is asked of the server, and
 * again (with nothing pending) by nawat_store_add_attachment_contents().
 */
gboolean         nawat_store_check_file_to_download   (NawatStore             *self,
                                                       const char             *call_id,
                                                       const NawatAttachment  *attachment,
                                                       gint64                  pending,
                                                       GError                **error);

G_END_DECLS
