/* nawat-project-row.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-row.h"
#include "nawat-store-private.h"
#include "nawat-text.h"

struct _NawatProjectRow
{
  GObject             parent_instance;

  char               *id;
  char               *code;
  char               *title_th;
  char               *title_en;
  char               *organisation;
  char               *province;
  char               *primary_domain;
  NawatProjectStatus  status;
  double              composite;
  guint               loading : 1;
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
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint n_alive;

static void
nawat_project_row_finalize (GObject *object)
{
  NawatProjectRow *self = (NawatProjectRow *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->title_th, g_free);
  g_clear_pointer (&self->title_en, g_free);
  g_clear_pointer (&self->organisation, g_free);
  g_clear_pointer (&self->province, g_free);
  g_clear_pointer (&self->primary_domain, g_free);

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
      g_value_set_string (value, self->id);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_TITLE_TH:
      g_value_set_string (value, self->title_th);
      break;

    case PROP_TITLE_EN:
      g_value_set_string (value, self->title_en);
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;

    case PROP_PROVINCE:
      g_value_set_string (value, self->province);
      break;

    case PROP_PRIMARY_DOMAIN:
      g_value_set_string (value, self->primary_domain);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_COMPOSITE:
      g_value_set_double (value, self->composite);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
nawat_project_row_class_init (NawatProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nawat_project_row_finalize;
  object_class->get_property = nawat_project_row_get_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_CODE] = string_property ("code");
  properties[PROP_TITLE_TH] = string_property ("title-th");
  properties[PROP_TITLE_EN] = string_property ("title-en");
  properties[PROP_ORGANISATION] = string_property ("organisation");
  properties[PROP_PROVINCE] = string_property ("province");
  properties[PROP_PRIMARY_DOMAIN] = string_property ("primary-domain");
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_project_row_init (NawatProjectRow *self)
{
  self->composite = -1;
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

static void
set_string (NawatProjectRow *self,
            char           **field,
            const char      *value,
            int              prop)
{
  if (nawat_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
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
  g_return_if_fail (NAWAT_IS_PROJECT_ROW (self));

  if (composite < 0)
    composite = -1;

  g_object_freeze_notify (G_OBJECT (self));

  set_string (self, &self->id, id, PROP_ID);
  set_string (self, &self->code, code, PROP_CODE);
  set_string (self, &self->title_th, title_th, PROP_TITLE_TH);
  set_string (self, &self->title_en, title_en, PROP_TITLE_EN);
  set_string (self, &self->organisation, organisation, PROP_ORGANISATION);
  set_string (self, &self->province, province, PROP_PROVINCE);
  set_string (self, &self->primary_domain, primary_domain, PROP_PRIMARY_DOMAIN);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }

  if (self->composite != composite)
    {
      self->composite = composite;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPOSITE]);
    }

  if (self->loading)
    {
      self->loading = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
nawat_project_row_get_id (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->id;
}

const char *
nawat_project_row_get_code (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->code;
}

const char *
nawat_project_row_get_title_th (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->title_th;
}

const char *
nawat_project_row_get_title_en (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->title_en;
}

const char *
nawat_project_row_get_title (NawatProjectRow *self,
                             const char      *lang)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  if (g_strcmp0 (lang, "th") == 0)
    return self->title_th ? self->title_th : self->title_en;

  return self->title_en ? self->title_en : self->title_th;
}

const char *
nawat_project_row_get_organisation (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->organisation;
}

const char *
nawat_project_row_get_province (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->province;
}

const char *
nawat_project_row_get_primary_domain (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NULL);

  return self->primary_domain;
}

NawatProjectStatus
nawat_project_row_get_status (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), NAWAT_PROJECT_STATUS_NOT_STARTED);

  return self->status;
}

double
nawat_project_row_get_composite (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), -1);

  return self->composite;
}

gboolean
nawat_project_row_get_loading (NawatProjectRow *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_ROW (self), FALSE);

  return self->loading;
}
