/* nawat-file-output.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A file written whole or not at all: the new contents go to a temporary
 * file in the same directory, renamed over the file by
 * nawat_file_output_commit().  Freed without a commit (a failed export),
 * the temporary file is removed: a file that did not exist still does
 * not, and one that did keeps its old contents.
 */
typedef struct _NawatFileOutput NawatFileOutput;

NawatFileOutput *nawat_file_output_new        (GFile            *file,
                                               GCancellable     *cancellable,
                                               GError          **error);
/* The stream to write to; owned by @self. */
GOutputStream   *nawat_file_output_get_stream (NawatFileOutput  *self);
/* Closes the stream and puts the file in place; on a failure the file is
 * left as it was.
 */
gboolean         nawat_file_output_commit     (NawatFileOutput  *self,
                                               GCancellable     *cancellable,
                                               GError          **error);
void             nawat_file_output_free       (NawatFileOutput  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatFileOutput, nawat_file_output_free)

G_END_DECLS
