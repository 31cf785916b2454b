/* nawat-attachment.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-attachment.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (nawat-attachment-error-quark, nawat_attachment_error)

G_DEFINE_BOXED_TYPE (NawatAttachment, nawat_attachment, nawat_attachment_copy,
                     nawat_attachment_free)

#define DIGEST_PREFIX "md5-"

NawatAttachment *
nawat_attachment_new (const char *name,
                      const char *content_type,
                      gint64      length,
                      const char *digest)
{
  NawatAttachment *self = g_new0 (NawatAttachment, 1);

  self->name = g_strdup (name);
  self->content_type = g_strdup (content_type);
  self->length = length;
  self->digest = g_strdup (digest);

  return self;
}

NawatAttachment *
nawat_attachment_copy (const NawatAttachment *self)
{
  NawatAttachment *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = nawat_attachment_new (self->name, self->content_type, self->length, self->digest);
  if (self->extra != NULL)
    copy->extra = json_object_ref (self->extra);
  return copy;
}

void
nawat_attachment_free (NawatAttachment *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->content_type);
  g_free (self->digest);
  g_clear_pointer (&self->extra, json_object_unref);
  g_free (self);
}

/* The same file described the same way (the kept members aside). */
gboolean
nawat_attachment_equal (const NawatAttachment *a,
                        const NawatAttachment *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->content_type, b->content_type) == 0 &&
         a->length == b->length &&
         g_strcmp0 (a->digest, b->digest) == 0;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID, message);
  return FALSE;
}

gboolean
nawat_attachment_check_name (const char  *name,
                             GError     **error)
{
  gsize length;

  if (name == NULL || *name == '\0')
    return refuse (error, _("a file’s name is empty"));

  length = strlen (name);
  if (!g_utf8_validate (name, length, NULL))
    return refuse (error, _("a file’s name is not valid UTF-8"));
  if (length > NAWAT_ATTACHMENT_MAX_NAME)
    {
      g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
                   _("the name “%s” is %lu bytes long, over the limit of %d"),
                   name, (unsigned long) length, NAWAT_ATTACHMENT_MAX_NAME);
      return FALSE;
    }
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    {
      g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
                   _("the name “%s” holds a path separator (“/” or “\\”)"), name);
      return FALSE;
    }
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    {
      g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
                   _("“%s” is not a file’s name"), name);
      return FALSE;
    }
  if (name[0] == '_')
    {
      g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
                   _("the name “%s” starts with “_”, which CouchDB reserves"), name);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return refuse (error, _("a file’s name holds a control character"));

  return TRUE;
}

gboolean
nawat_attachment_check_content_type (const char  *content_type,
                                     GError     **error)
{
  gsize length;

  if (content_type == NULL || *content_type == '\0')
    return refuse (error, _("the content type is empty"));

  length = strlen (content_type);
  for (const char *p = content_type; *p != '\0'; p++)
    if (!g_ascii_isprint (*p))
      return refuse (error, _("the content type is not printable ASCII"));
  if (length > NAWAT_ATTACHMENT_MAX_CONTENT_TYPE || strchr (content_type, '/') == NULL ||
      content_type[0] == '/')
    {
      g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
                   _("“%s” is not a content type such as “application/pdf”"), content_type);
      return FALSE;
    }

  return TRUE;
}

gboolean
nawat_attachment_check_digest (const char  *digest,
                               GError     **error)
{
  const char *b64;
  g_autofree guchar *md5 = NULL;
  gsize n = 0;

  if (digest == NULL || !g_str_has_prefix (digest, DIGEST_PREFIX))
    goto bad;

  /* Base64 of 16 bytes: 22 characters and "==". */
  b64 = digest + strlen (DIGEST_PREFIX);
  if (strlen (b64) != 24 || !g_str_has_suffix (b64, "=="))
    goto bad;
  for (guint i = 0; i < 22; i++)
    if (!g_ascii_isalnum (b64[i]) && b64[i] != '+' && b64[i] != '/')
      goto bad;
  md5 = g_base64_decode (b64, &n);
  if (n != 16)
    goto bad;

  return TRUE;

bad:
  g_set_error (error, NAWAT_ATTACHMENT_ERROR, NAWAT_ATTACHMENT_ERROR_INVALID,
               _("“%s” is not a digest “md5-” and the Base64 of 16 bytes"),
               digest != NULL && g_utf8_validate (digest, -1, NULL) ? digest : "");
  return FALSE;
}

gboolean
nawat_attachment_check (const NawatAttachment  *self,
                        GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!nawat_attachment_check_name (self->name, error) ||
      !nawat_attachment_check_content_type (self->content_type, error) ||
      !nawat_attachment_check_digest (self->digest, error))
    return FALSE;
  if (self->length < 0)
    return refuse (error, _("the length is negative"));
  return TRUE;
}

char *
nawat_attachment_format_digest (const guint8 md5[16])
{
  g_autofree char *b64 = g_base64_encode (md5, 16);

  return g_strconcat (DIGEST_PREFIX, b64, NULL);
}
