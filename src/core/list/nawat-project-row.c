/* nawat-project-row.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-row.h"
#include "nawat-store-list-private.h"
#include "nawat-store-private.h"
#include "nawat-text.h"

struct _NawatProjectRow
{
  GObject            parent_instance;

  /* what the store's row holds; status is a NawatProjectStatus */
  NawatStoreListRow  data;
  guint              loading : 1;
};

G_DEFINE_FINAL_TYPE (NawatProjectRow, nawat_project_row, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (NawatProjectStatus, nawat_project_status,
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_STATUS_NOT_STARTED, "not-started"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_STATUS_SUBMITTED, "submitted"),
  G_DEFINE_ENUM_VALUE (NAWAT_PROJECT_STATUS_CONFLICT, "conflict"))

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_TITLE_TH,
  PROP_TITLE_EN,
  PROP_ORGANISATION,
  PROP_PROVINCE,
  PROP_PRIMARY_DOMAIN,
  PROP_STATUS,
  PROP_COMPOSITE,
  PROP_LOADING,
  PROP_SNIPPET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string properties, from PROP_ID on, and their fields in the row. */
static const struct
{
  const char *name;
  gsize       offset;
} string_props[] = {
  { "id", G_STRUCT_OFFSET (NawatStoreListRow, id) },
  { "code", G_STRUCT_OFFSET (NawatStoreListRow, code) },
  { "title-th", G_STRUCT_OFFSET (NawatStoreListRow, title_th) },
  { "title-en", G_STRUCT_OFFSET (NawatStoreListRow, title_en) },
  { "organisation", G_STRUCT_OFFSET (NawatStoreListRow, organisation) },
  { "province", G_STRUCT_OFFSET (NawatStoreListRow, province) },
  { "primary-domain", G_STRUCT_OFFSET (NawatStoreListRow, primary_domain) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (string_props) == PROP_PRIMARY_DOMAIN - PROP_ID + 1);

static char **
string_field (NawatProjectRow *self,
              guint            i)
{
  return G_STRUCT_MEMBER_P (&self->data, string_props[i].offset);
}

static gint n_alive;

static void
nawat_project_row_finalize (GObject *object)
{
  NawatProjectRow *self = (NawatProjectRow *)object;

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    g_clear_pointer (string_field (self, i), g_free);
  g_clear_pointer (&self->data.snippet, g_free);
  g_clear_pointer (&self->data.snippet_ranges, g_array_unref);

  g_atomic_int_dec_and_test (&n_alive);

  G_OBJECT_CLASS (nawat_project_row_parent_class)->finalize (object);
}

static void
nawat_project_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NawatProjectRow *self = NAWAT_PROJECT_ROW (object);

  switch (prop_id)
    {
    case PROP_ID:
    case PROP_CODE:
    case PROP_TITLE_TH:
    case PROP_TITLE_EN:
    case PROP_ORGANISATION:
    case PROP_PROVINCE:
    case PROP_PRIMARY_DOMAIN:
      g_value_set_string (value, *string_field (self, prop_id - PROP_ID));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->data.status);
      break;

    case PROP_COMPOSITE:
      g_value_set_double (value, self->data.composite);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_SNIPPET:
      g_value_set_string (value, self->data.snippet);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_row_class_init (NawatProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nawat_project_row_finalize;
  object_class->get_property = nawat_project_row_get_property;

  for (guint i = 0; i < G_N_ELEMENTS (string_props); i++)
    properties[PROP_ID + i] =
      g_param_spec_string (string_props[i].name, NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       NAWAT_TYPE_PROJECT_STATUS,
                       NAWAT_PROJECT_STATUS_NOT_STARTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPOSITE] =
    g_param_spec_double ("composite", NULL, NULL,
                         -1, 100, -1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNIPPET] =
    g_param_spec_string ("snippet", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_project_row_init (NawatProjectRow *self)
{
  self->data.composite = -1;
  self->loading = TRUE;
  g_atomic_int_inc (&n_alive);
}

NawatProjectRow *
_nawat_project_row_new_loading (void)
{
  return g_object_new (NAWAT_TYPE_PROJECT_ROW, NULL);
}

guint
_nawat_project_row_get_n_alive (void)
{
  return g_atomic_int_get (&n_alive);
}

void
_nawat_project_row_fill (NawatProjectRow    *self,
                         const char         *id,
                         const char         *code,
                         const char         *title_th,
                         const char         *title_en,
                         const char         *organisation,
                         const char         *province,
                         const char         *primary_domain,
                         NawatProjectStatus  status,
                         double              composite)
{
  const char *strings[] = {
    id, code, title_th, title_en, organisation, province, primary_domain,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (strings) == G_N_ELEMENTS (string_props));
  g_return_if_fail (NAWAT_IS_PROJECT_ROW (self));

  if (composite < 0)
    composite = -1;

  g_object_freeze_notify (G_OBJECT (self));

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (nawat_set_str (string_field (self, i), strings[i]))
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID + i]);

  if (self->data.status != (int) status)
    {
      self->data.status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (self->data.composite != composite)
    {
      self->data.composite = composite;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPOSITE]);
    }

  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
_nawat_project_row_unfill (NawatProjectRow *self)
{
  g_return_if_fail (NAWAT_IS_PROJECT_ROW (self));

  if (self->loading)
    return;

  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
_nawat_project_row_set_snippet (NawatProjectRow *self,
                                int              match,
                                char            *snippet,
                                GArray          *ranges)
{
  g_return_if_fail (NAWAT_IS_PROJECT_ROW (self));

  self->data.match = snippet != NULL ? match : NAWAT_PROJECT_MATCH_NONE;
  g_clear_pointer (&self->data.snippet_ranges, g_array_unref);
  self->data.snippet_ranges = ranges;
  if (g_strcmp0 (self->data.snippet, snippet) != 0)
    {
      g_free (self->data.snippet);
      self->data.snippet = snippet;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNIPPET]);
    }
  else
    g_free (snippet);
}

const char *
nawat_project_row_get_id (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.id;
}

const char *
nawat_project_row_get_code (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.code;
}

const char *
nawat_project_row_get_title_th (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.title_th;
}

const char *
nawat_project_row_get_title_en (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.title_en;
}

const char *
nawat_project_row_get_title (NawatProjectRow *self,
                             const char      *lang)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  if (g_strcmp0 (lang, "th") == 0)
    return self->data.title_th ? self->data.title_th : self->data.title_en;

  return self->data.title_en ? self->data.title_en : self->data.title_th;
}

const char *
nawat_project_row_get_organisation (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.organisation;
}

const char *
nawat_project_row_get_province (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.province;
}

const char *
nawat_project_row_get_primary_domain (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->data.primary_domain;
}

NawatProjectStatus
nawat_project_row_get_status (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NAWAT_PROJECT_STATUS_NOT_STARTED);

  return self->data.status;
}

double
nawat_project_row_get_composite (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), -1);

  return self->data.composite;
}

gboolean
nawat_project_row_get_loading (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), FALSE);

  return self->loading;
}

const char *
nawat_project_row_get_snippet (NawatProjectRow    *self,
                               NawatProjectMatch  *match,
                               GArray            **ranges)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  if (match != NULL)
    *match = self->data.match;
  if (ranges != NULL)
    *ranges = self->data.snippet_ranges;
  return self->data.snippet;
}
