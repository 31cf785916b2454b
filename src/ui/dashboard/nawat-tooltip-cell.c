/* nawat-tooltip-cell.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-tooltip-cell.h"

#include "nawat-accessible.h"

struct _NawatTooltipCell
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  char      *tooltip;
  char      *row_name;
};

G_DEFINE_FINAL_TYPE (NawatTooltipCell, nawat_tooltip_cell, GTK_TYPE_WIDGET)

enum {
  CELL_PROP_0,
  CELL_PROP_CHILD,
  CELL_PROP_TOOLTIP,
  CELL_PROP_ROW_NAME,
  CELL_N_PROPS
};

static GParamSpec *cell_properties[CELL_N_PROPS];

static gboolean
nawat_tooltip_cell_query_tooltip (GtkWidget  *widget,
                                  int         x,
                                  int         y,
                                  gboolean    keyboard_tooltip,
                                  GtkTooltip *tooltip)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (widget);

  if (self->tooltip == NULL || *self->tooltip == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
nawat_tooltip_cell_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_CHILD:
      g_clear_pointer (&self->child, gtk_widget_unparent);
      self->child = g_value_get_object (value);
      if (self->child != NULL)
        gtk_widget_set_parent (self->child, GTK_WIDGET (self));
      break;
    case CELL_PROP_TOOLTIP:
      g_free (self->tooltip);
      self->tooltip = g_value_dup_string (value);
      break;
    case CELL_PROP_ROW_NAME:
      g_free (self->row_name);
      self->row_name = g_value_dup_string (value);
      if (self->row_name != NULL)
        nawat_accessible_name_list_rows (GTK_WIDGET (self), self->row_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_tooltip_cell_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  switch (prop_id)
    {
    case CELL_PROP_CHILD:
      g_value_set_object (value, self->child);
      break;
    case CELL_PROP_TOOLTIP:
      g_value_set_string (value, self->tooltip);
      break;
    case CELL_PROP_ROW_NAME:
      g_value_set_string (value, self->row_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_tooltip_cell_dispose (GObject *object)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (object);

  g_clear_pointer (&self->child, gtk_widget_unparent);
  g_clear_pointer (&self->tooltip, g_free);
  g_clear_pointer (&self->row_name, g_free);

  G_OBJECT_CLASS (nawat_tooltip_cell_parent_class)->dispose (object);
}

/* Named before its row was in the list: the row takes the name now. */
static void
nawat_tooltip_cell_root (GtkWidget *widget)
{
  NawatTooltipCell *self = NAWAT_TOOLTIP_CELL (widget);

  GTK_WIDGET_CLASS (nawat_tooltip_cell_parent_class)->root (widget);
  if (self->row_name != NULL)
    nawat_accessible_name_list_rows (widget, self->row_name);
}

static void
nawat_tooltip_cell_class_init (NawatTooltipCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = nawat_tooltip_cell_set_property;
  object_class->get_property = nawat_tooltip_cell_get_property;
  object_class->dispose = nawat_tooltip_cell_dispose;
  widget_class->query_tooltip = nawat_tooltip_cell_query_tooltip;
  widget_class->root = nawat_tooltip_cell_root;

  cell_properties[CELL_PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The text of the tooltip, or NULL for none */
  cell_properties[CELL_PROP_TOOLTIP] =
    g_param_spec_string ("tooltip", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* What a reader says of the list's row holding the cell, or NULL to
   * leave it (nawat_accessible_name_list_rows ())
   */
  cell_properties[CELL_PROP_ROW_NAME] =
    g_param_spec_string ("row-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, CELL_N_PROPS, cell_properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
nawat_tooltip_cell_init (NawatTooltipCell *self)
{
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}
