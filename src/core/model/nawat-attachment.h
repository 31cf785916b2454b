/* nawat-attachment.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define NAWAT_ATTACHMENT_ERROR (nawat_attachment_error_quark ())

typedef enum
{
  /* a name, content type, length or digest that breaks the rules below */
  NAWAT_ATTACHMENT_ERROR_INVALID,
} NawatAttachmentError;

/* The longest name, in bytes: a file name on the usual file systems. */
#define NAWAT_ATTACHMENT_MAX_NAME         255
#define NAWAT_ATTACHMENT_MAX_CONTENT_TYPE 255

/* A file of a project, as CouchDB describes it in the document's
 * "_attachments" (a stub: the contents travel and are stored apart).
 */
typedef struct _NawatAttachment
{
  char       *name;
  /* a MIME type, e.g. "application/pdf" */
  char       *content_type;
  /* in bytes */
  gint64      length;
  /* "md5-" and the Base64 of the MD5 of the contents, as CouchDB writes it */
  char       *digest;
  /* the stub's members this version does not read (CouchDB's "revpos",
   * "encoding", …), kept to be written back unchanged; may be NULL
   */
  JsonObject *extra;
} NawatAttachment;

#define NAWAT_TYPE_ATTACHMENT (nawat_attachment_get_type ())

GType            nawat_attachment_get_type           (void) G_GNUC_CONST;
GQuark           nawat_attachment_error_quark        (void);
NawatAttachment *nawat_attachment_new                (const char             *name,
                                                      const char             *content_type,
                                                      gint64                  length,
                                                      const char             *digest);
NawatAttachment *nawat_attachment_copy               (const NawatAttachment  *self);
void             nawat_attachment_free               (NawatAttachment        *self);
gboolean         nawat_attachment_equal              (const NawatAttachment  *a,
                                                      const NawatAttachment  *b);

/* A name is UTF-8, 1 to NAWAT_ATTACHMENT_MAX_NAME bytes, without a path
 * separator ('/' or '\\') or a control character, neither "." nor "..",
 * and does not start with '_' (CouchDB reserves those).  The messages of
 * these checks are reasons, to follow what they are about.
 */
gboolean         nawat_attachment_check_name         (const char             *name,
                                                      GError                **error);
/* "type/subtype", printable ASCII, up to NAWAT_ATTACHMENT_MAX_CONTENT_TYPE bytes. */
gboolean         nawat_attachment_check_content_type (const char             *content_type,
                                                      GError                **error);
/* "md5-" and the Base64 of 16 bytes. */
gboolean         nawat_attachment_check_digest       (const char             *digest,
                                                      GError                **error);
/* All three, and a length of 0 or more. */
gboolean         nawat_attachment_check              (const NawatAttachment  *self,
                                                      GError                **error);
/* The digest CouchDB gives contents whose MD5 is @md5. */
char            *nawat_attachment_format_digest      (const guint8            md5[16]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatAttachment, nawat_attachment_free)

G_END_DECLS
