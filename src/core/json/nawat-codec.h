/* nawat-codec.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-project.h"
#include "nawat-rubric.h"

G_BEGIN_DECLS

#define NAWAT_CODEC_ERROR (nawat_codec_error_quark ())

typedef enum
{
  /* not JSON, not UTF-8, or not the expected container */
  NAWAT_CODEC_ERROR_MALFORMED,
  /* a document that breaks the rules of DESIGN.md */
  NAWAT_CODEC_ERROR_INVALID,
} NawatCodecError;

/* Limits on the size of fields, in bytes. */
#define NAWAT_CODEC_MAX_SHORT_TEXT 4096
#define NAWAT_CODEC_MAX_LONG_TEXT  (256 * 1024)
#define NAWAT_CODEC_MAX_DOCUMENT   (4 * 1024 * 1024)
/* The most files a project's document describes. */
#define NAWAT_CODEC_MAX_ATTACHMENTS 1000

/* Returns a new reference to the rubric with @rubric_id, or NULL; used to
 * check evaluations.
 */
typedef NawatRubric *(*NawatRubricLookup) (const char *rubric_id,
                                           gpointer    user_data);

/* Called for each top-level document of a batch, in order; @offset is
 * where it starts in the data, in bytes.
 */
typedef gboolean (*NawatDocumentFunc) (guint        index,
                                       gsize        offset,
                                       JsonNode    *node,
                                       gpointer     user_data,
                                       GError     **error);

GQuark         nawat_codec_error_quark          (void);

/* Whether @name is a valid evaluator (user) name: printable ASCII without
 * spaces, ':', '"' or '\\', 1 to 64 bytes.
 */
gboolean       nawat_codec_is_user_name         (const char        *name);

/* Parses and validates one document.  Messages of NAWAT_CODEC_ERROR_INVALID
 * read "<doc id>: <field path>: <reason>".
 */
NawatDocument *nawat_codec_from_node            (JsonNode          *node,
                                                 GError           **error);
NawatDocument *nawat_codec_from_data            (const char        *data,
                                                 gssize             length,
                                                 GError           **error);
/* Checks that @data is one JSON value exactly as RFC 8259 writes it, and
 * that it holds nothing the codec refuses in any text it reads: a NUL or an
 * unpaired surrogate in a string, a duplicate member name, an integer
 * outside ±2^53.  Messages name the member and the byte offset.
 */
gboolean       nawat_codec_check_text           (const char        *data,
                                                 gsize              length,
                                                 GError           **error);
/* json-glib's sealed tree of @data, read once, when it passes
 * nawat_codec_check_text(); NULL with its error otherwise.
 */
JsonNode      *nawat_codec_parse_text           (const char        *data,
                                                 gsize              length,
                                                 GError           **error);
/* Checks an evaluation's scores against its rubric (unknown keys, ranges). */
gboolean       nawat_codec_check_evaluation     (NawatEvaluation   *evaluation,
                                                 NawatRubric       *rubric,
                                                 GError           **error);
/* Checks a document built in memory (a call made in the window) by the
 * rules of the documents read: its JSON, parsed again.
 */
gboolean       nawat_codec_check_document       (NawatDocument     *document,
                                                 GError           **error);
JsonNode      *nawat_codec_to_node              (NawatDocument     *document);
char          *nawat_codec_to_data              (NawatDocument     *document,
                                                 gsize             *length);

/* Walks a JSON array of documents or {"docs": [...]} without building the
 * whole tree: @func sees one document's node at a time.
 */
gboolean       nawat_codec_foreach_document     (const char        *data,
                                                 gsize              length,
                                                 NawatDocumentFunc  func,
                                                 gpointer           user_data,
                                                 GError           **error);

/* Where the document of each change starts and ends in @data, a _changes
 * answer of @n_changes changes that json-glib has parsed (so valid JSON):
 * two pointers into @data per change, both NULL where it has no "doc";
 * NULL when the answer is not laid out as that.  Free with g_free().
 */
const char   **nawat_codec_scan_changes         (const char        *data,
                                                 gsize              length,
                                                 guint              n_changes);

/* The changes of a _changes answer that json-glib refuses as a whole (it
 * refuses an answer for one unpaired surrogate), split without it, so that
 * each can be read, or refused, on its own: two strings per change, its
 * text and the text of its "id" member as written (NULL where it has
 * none); NULL when the answer is not laid out as that.
 */
GPtrArray     *nawat_codec_split_changes        (const char        *data,
                                                 gsize              length);

/* Parses and validates every document of a batch.  Returns FALSE with
 * @problems (messages, one per problem) filled when any document is invalid,
 * and FALSE with @error when the batch itself is malformed.  Evaluations are
 * checked against rubrics of the batch, then @lookup.
 */
gboolean       nawat_codec_parse_batch          (const char        *data,
                                                 gsize              length,
                                                 NawatRubricLookup  lookup,
                                                 gpointer           user_data,
                                                 GPtrArray        **documents,
                                                 GPtrArray        **problems,
                                                 GError           **error);

G_END_DECLS
