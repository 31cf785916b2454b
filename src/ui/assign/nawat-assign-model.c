/* nawat-assign-model.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-assign-model.h"

struct _NawatAssignModel
{
  GObject     parent_instance;
  GArray     *indices;   /* guint */
  /* index + 1 to the row alive (weak) */
  GHashTable *alive;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatAssignModel, nawat_assign_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *model)
{
  return NAWAT_TYPE_ASSIGN_ROW;
}

static guint
get_n_items (GListModel *model)
{
  return NAWAT_ASSIGN_MODEL (model)->indices->len;
}

static void
on_row_finalized (gpointer  data,
                  GObject  *where_the_object_was)
{
  NawatAssignModel *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  NawatAssignModel *self = NAWAT_ASSIGN_MODEL (model);
  NawatAssignRow *row;
  guint index;

  if (position >= self->indices->len)
    return NULL;

  index = g_array_index (self->indices, guint, position);
  row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (index + 1));
  if (row != NULL)
    return g_object_ref (row);

  row = nawat_assign_row_new (index);
  g_object_weak_ref (G_OBJECT (row), on_row_finalized, self);
  g_hash_table_insert (self->alive, GUINT_TO_POINTER (index + 1), row);
  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
nawat_assign_model_finalize (GObject *object)
{
  NawatAssignModel *self = NAWAT_ASSIGN_MODEL (object);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_row_finalized, self);
  g_clear_pointer (&self->alive, g_hash_table_unref);
  g_clear_pointer (&self->indices, g_array_unref);

  G_OBJECT_CLASS (nawat_assign_model_parent_class)->finalize (object);
}

static void
nawat_assign_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatAssignModel *self = NAWAT_ASSIGN_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->indices->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_assign_model_class_init (NawatAssignModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nawat_assign_model_finalize;
  object_class->get_property = nawat_assign_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nawat_assign_model_init (NawatAssignModel *self)
{
  self->indices = g_array_new (FALSE, FALSE, sizeof (guint));
  self->alive = g_hash_table_new (NULL, NULL);
}

NawatAssignModel *
nawat_assign_model_new (void)
{
  return g_object_new (NAWAT_TYPE_ASSIGN_MODEL, NULL);
}

void
nawat_assign_model_set_indices (NawatAssignModel *self,
                                GArray           *indices)
{
  guint removed;

  g_return_if_fail (NAWAT_IS_ASSIGN_MODEL (self));
  g_return_if_fail (indices != NULL);

  removed = self->indices->len;
  g_array_unref (self->indices);
  self->indices = indices;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, indices->len);
  if (removed != indices->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

void
nawat_assign_model_changed (NawatAssignModel *self,
                            guint             index)
{
  NawatAssignRow *row;

  g_return_if_fail (NAWAT_IS_ASSIGN_MODEL (self));

  row = g_hash_table_lookup (self->alive, GUINT_TO_POINTER (index + 1));
  if (row != NULL)
    nawat_assign_row_changed (row);
}

void
nawat_assign_model_changed_all (NawatAssignModel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (NAWAT_IS_ASSIGN_MODEL (self));

  /* A handler may drop a row: take them all first. */
  g_hash_table_iter_init (&iter, self->alive);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, g_object_ref (value));
  for (guint i = 0; i < rows->len; i++)
    nawat_assign_row_changed (g_ptr_array_index (rows, i));
}

guint
nawat_assign_model_get_index (NawatAssignModel *self,
                              guint             position)
{
  g_return_val_if_fail (NAWAT_IS_ASSIGN_MODEL (self), 0);
  g_return_val_if_fail (position < self->indices->len, 0);

  return g_array_index (self->indices, guint, position);
}
