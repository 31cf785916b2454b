/* nawat-outstanding-model.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "nawat-outstanding-model.h"

struct _NawatOutstandingModel
{
  GObject    parent_instance;
  GPtrArray *projects;
};

static GType
nawat_outstanding_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
nawat_outstanding_model_get_n_items (GListModel *model)
{
  return NAWAT_OUTSTANDING_MODEL (model)->projects->len;
}

static gpointer
nawat_outstanding_model_get_item (GListModel *model,
                                  guint       position)
{
  NawatOutstandingModel *self = NAWAT_OUTSTANDING_MODEL (model);
  const NawatProjectOutstanding *project;

  if (position >= self->projects->len)
    return NULL;
  project = g_ptr_array_index (self->projects, position);
  return gtk_string_object_new (project->code);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = nawat_outstanding_model_get_item_type;
  iface->get_n_items = nawat_outstanding_model_get_n_items;
  iface->get_item = nawat_outstanding_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatOutstandingModel, nawat_outstanding_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
nawat_outstanding_model_finalize (GObject *object)
{
  NawatOutstandingModel *self = NAWAT_OUTSTANDING_MODEL (object);

  g_clear_pointer (&self->projects, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_outstanding_model_parent_class)->finalize (object);
}

static void
nawat_outstanding_model_class_init (NawatOutstandingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nawat_outstanding_model_finalize;
}

static void
nawat_outstanding_model_init (NawatOutstandingModel *self)
{
}

NawatOutstandingModel *
nawat_outstanding_model_new (GPtrArray *projects)
{
  NawatOutstandingModel *self;

  g_return_val_if_fail (projects != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_OUTSTANDING_MODEL, NULL);
  self->projects = g_ptr_array_ref (projects);
  return self;
}

const NawatProjectOutstanding *
nawat_outstanding_model_get_project (NawatOutstandingModel *self,
                                     guint                  position)
{
  g_return_val_if_fail (NAWAT_IS_OUTSTANDING_MODEL (self), NULL);

  if (position >= self->projects->len)
    return NULL;
  return g_ptr_array_index (self->projects, position);
}
