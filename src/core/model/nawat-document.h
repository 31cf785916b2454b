/* nawat-document.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define NAWAT_TYPE_DOCUMENT (nawat_document_get_type ())

G_DECLARE_DERIVABLE_TYPE (NawatDocument, nawat_document, NAWAT, DOCUMENT, GObject)

/* The base of the four document types of the server (call, rubric, project,
 * evaluation).  It carries the id, the server's revision and every member
 * the codec does not know, so that they are written back unchanged.
 */
struct _NawatDocumentClass
{
  GObjectClass parent_class;

  /* "call", "rubric", "project" or "evaluation" */
  const char *doc_type;
};

const char *nawat_document_get_id    (NawatDocument *self);
void        nawat_document_set_id    (NawatDocument *self,
                                      const char    *id);
const char *nawat_document_get_rev   (NawatDocument *self);
void        nawat_document_set_rev   (NawatDocument *self,
                                      const char    *rev);
const char *nawat_document_get_doc_type (NawatDocument *self);
/* Members the codec does not know, kept for the round trip; may be NULL.
 * set_extra takes its own reference (transfer none), like any setter.
 */
JsonObject *nawat_document_get_extra (NawatDocument *self);
void        nawat_document_set_extra (NawatDocument *self,
                                      JsonObject    *extra);

G_END_DECLS
