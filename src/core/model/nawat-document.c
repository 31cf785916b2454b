/* nawat-document.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-document.h"
#include "nawat-text.h"

typedef struct
{
  char       *id;
  char       *rev;
  JsonObject *extra;
} NawatDocumentPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (NawatDocument, nawat_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_DOC_TYPE,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
nawat_document_finalize (GObject *object)
{
  NawatDocument *self = (NawatDocument *)object;
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->rev, g_free);
  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (nawat_document_parent_class)->finalize (object);
}

static void
nawat_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NawatDocument *self = NAWAT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, nawat_document_get_id (self));
      break;

    case PROP_REV:
      g_value_set_string (value, nawat_document_get_rev (self));
      break;

    case PROP_DOC_TYPE:
      g_value_set_string (value, nawat_document_get_doc_type (self));
      break;

    case PROP_EXTRA:
      g_value_set_boxed (value, nawat_document_get_extra (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_document_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NawatDocument *self = NAWAT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      nawat_document_set_id (self, g_value_get_string (value));
      break;

    case PROP_REV:
      nawat_document_set_rev (self, g_value_get_string (value));
      break;

    case PROP_EXTRA:
      nawat_document_set_extra (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_document_class_init (NawatDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nawat_document_finalize;
  object_class->get_property = nawat_document_get_property;
  object_class->set_property = nawat_document_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_REV] =
    g_param_spec_string ("rev", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_DOC_TYPE] =
    g_param_spec_string ("doc-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_EXTRA] =
    g_param_spec_boxed ("extra", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_document_init (NawatDocument *self)
{
}

const char *
nawat_document_get_id (NawatDocument *self)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (self), NULL);

  return priv->id;
}

void
nawat_document_set_id (NawatDocument *self,
                       const char    *id)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_if_fail (NAWAT_IS_DOCUMENT (self));

  if (nawat_set_str (&priv->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ID]);
}

const char *
nawat_document_get_rev (NawatDocument *self)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (self), NULL);

  return priv->rev;
}

void
nawat_document_set_rev (NawatDocument *self,
                        const char    *rev)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_if_fail (NAWAT_IS_DOCUMENT (self));

  if (nawat_set_str (&priv->rev, rev))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REV]);
}

const char *
nawat_document_get_doc_type (NawatDocument *self)
{
  g_return_val_if_fail (NAWAT_IS_DOCUMENT (self), NULL);

  return NAWAT_DOCUMENT_GET_CLASS (self)->doc_type;
}

JsonObject *
nawat_document_get_extra (NawatDocument *self)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (self), NULL);

  return priv->extra;
}

/* Takes a new reference on @extra (which may be NULL). */
void
nawat_document_set_extra (NawatDocument *self,
                          JsonObject    *extra)
{
  NawatDocumentPrivate *priv = nawat_document_get_instance_private (self);

  g_return_if_fail (NAWAT_IS_DOCUMENT (self));

  if (priv->extra == extra)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EXTRA]);
}
