/* nawat-dashboard-headers.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-dashboard-private.h"
#include "nawat-dashboard-sorter.h"

/* The ranking's column headers, for the keyboard and a screen reader.
 * GTK 4.8's headers (GtkColumnViewTitle, a private type) sort on a click
 * only: they take no focus, have no role, no name and say nothing of the
 * order.  Each header becomes a focusable button named by its title, with
 * the order in its description; Enter or Space sorts by it
 * (again: the other way round).  Tab and Left/Right go from header to
 * header, Tab after the last one to the rows.
 */

static GtkWidget *
get_header_row (NawatDashboard *self)
{
  /* The column view's first child holds a header per column, in order */
  return gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
}

/* The column of @header, a child of the header row */
static GtkColumnViewColumn *
get_column (NawatDashboard *self,
            GtkWidget      *header)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GtkColumnViewColumn) column = NULL;
  guint position = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (get_header_row (self));
       child != header;
       child = gtk_widget_get_next_sibling (child))
    position++;
  column = g_list_model_get_item (columns, position);

  /* The view holds it */
  return column;
}

static const char *
describe_order (GtkColumnViewColumn *column,
                GtkSortType          order)
{
  GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

  if (nawat_dashboard_sorter_get_highest_first (NAWAT_DASHBOARD_SORTER (sorter)))
    return order == GTK_SORT_ASCENDING ? _("Sorted, highest first") : _("Sorted, lowest first");
  return order == GTK_SORT_ASCENDING ? _("Sorted ascending") : _("Sorted descending");
}

void
_nawat_dashboard_update_headers (NawatDashboard *self)
{
  GtkSortType order;
  GtkColumnViewColumn *sorted;

  /* The table's sorter changes as it is taken apart */
  if (self->column_view == NULL)
    return;
  sorted = nawat_dashboard_sorter_get_sort_column (self->column_view, &order);
  for (GtkWidget *header = gtk_widget_get_first_child (get_header_row (self));
       header != NULL;
       header = gtk_widget_get_next_sibling (header))
    {
      GtkColumnViewColumn *column = get_column (self, header);

      if (column == NULL)
        continue;
      gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_column_view_column_get_title (column),
                                      -1);
      if (column != sorted)
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_SORT);
          gtk_accessible_reset_property (GTK_ACCESSIBLE (header),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          continue;
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (header),
                                      GTK_ACCESSIBLE_PROPERTY_SORT,
                                      order == GTK_SORT_ASCENDING ? GTK_ACCESSIBLE_SORT_ASCENDING
                                                                  : GTK_ACCESSIBLE_SORT_DESCENDING,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      describe_order (column, order),
                                      -1);
    }
}

static void
sort_by (NawatDashboard *self,
         GtkWidget      *header)
{
  GtkColumnViewColumn *column = get_column (self, header);
  GtkColumnViewColumn *previous;
  g_autoptr(GtkSorter) sorter = NULL;
  GtkSortType order;

  if (column == NULL)
    return;
  /* As a click does: the sorted column the other way round, another one
   * in its own order.
   */
  previous = nawat_dashboard_sorter_get_sort_column (self->column_view, &order);
  if (previous == column)
    order = order == GTK_SORT_ASCENDING ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
  else
    order = GTK_SORT_ASCENDING;
  gtk_column_view_sort_by_column (self->column_view, column, order);

  /* GTK 4.8 leaves the arrow on the column sorted by before: setting its
   * sorter again redraws its header.
   */
  if (previous == NULL || previous == column)
    return;
  sorter = g_object_ref (gtk_column_view_column_get_sorter (previous));
  gtk_column_view_column_set_sorter (previous, NULL);
  gtk_column_view_column_set_sorter (previous, sorter);
}

static gboolean
focus_sibling (GtkWidget *header,
               gboolean   next)
{
  GtkWidget *sibling = header;

  do
    sibling = next ? gtk_widget_get_next_sibling (sibling) : gtk_widget_get_prev_sibling (sibling);
  while (sibling != NULL && !gtk_widget_get_visible (sibling));

  return sibling != NULL && gtk_widget_grab_focus (sibling);
}

static gboolean
on_header_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          NawatDashboard        *self)
{
  GtkWidget *header = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      sort_by (self, header);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return focus_sibling (header, gtk_widget_get_direction (header) == GTK_TEXT_DIR_RTL);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return focus_sibling (header, gtk_widget_get_direction (header) != GTK_TEXT_DIR_RTL);
    case GDK_KEY_ISO_Left_Tab:
      /* GTK 4.8's header row moves the focus forward whichever way Tab
       * goes: back to the previous header, or out of the table before the
       * first one (the row keeps no focus until it is left).
       */
      if (focus_sibling (header, FALSE))
        return TRUE;
      gtk_widget_set_can_focus (get_header_row (self), FALSE);
      return FALSE;
    default:
      return FALSE;
    }
}

static void
on_header_row_leave_cb (GtkEventControllerFocus *controller,
                        NawatDashboard          *self)
{
  gtk_widget_set_can_focus (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)),
                            TRUE);
}

void
_nawat_dashboard_setup_headers (NawatDashboard *self)
{
  GtkWidget *row = get_header_row (self);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  /* GTK 4.8 keeps the focus out of the header row (can-focus off) */
  gtk_widget_set_can_focus (row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headers"),
                                  -1);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_header_row_leave_cb), self, 0);
  gtk_widget_add_controller (row, focus);

  for (GtkWidget *header = gtk_widget_get_first_child (row);
       header != NULL;
       header = gtk_widget_get_next_sibling (header))
    {
      GtkEventController *keys = gtk_event_controller_key_new ();

      /* Before it is shown, while GTK 4.8 still lets the role change.  A
       * button, as it acts: GTK 4.8 gives a column header no AT-SPI role.
       */
      g_object_set (header, "accessible-role", GTK_ACCESSIBLE_ROLE_BUTTON, NULL);
      gtk_widget_set_focusable (header, TRUE);
      g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_header_key_pressed_cb),
                               self, 0);
      gtk_widget_add_controller (header, keys);
    }
  _nawat_dashboard_update_headers (self);
}
