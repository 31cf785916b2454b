/* nawat-accessible.c: what the interface does for a screen reader that
 * GTK 4.8 does not
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-accessible.h"

#include <adwaita.h>

/**
 * nawat_accessible_name_buttons_by_labels:
 * @widget: a widget, built from its template
 *
 * GTK 4.8 names a button with a mnemonic after its raw label and its
 * label widget ("_Submit Submit"): every such button in @widget and
 * below it is named by its label widget alone.
 */
void
nawat_accessible_name_buttons_by_labels (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    nawat_accessible_name_buttons_by_labels (child);
}

/**
 * nawat_accessible_name_status_pages:
 * @widget: a widget, built from its template
 *
 * AdwStatusPage 1.2 scrolls in a scrolled window of its own, a Tab stop
 * that a reader would announce with no name: in every status page in
 * @widget and below it, it takes the page's title.
 */
void
nawat_accessible_name_status_pages (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (ADW_IS_STATUS_PAGE (widget))
    {
      GtkWidget *scroller = gtk_widget_get_first_child (widget);

      if (GTK_IS_SCROLLED_WINDOW (scroller))
        gtk_accessible_update_property (GTK_ACCESSIBLE (scroller),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        adw_status_page_get_title (ADW_STATUS_PAGE (widget)),
                                        -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    nawat_accessible_name_status_pages (child);
}

/**
 * nawat_accessible_name_list_rows:
 * @widget: a widget inside a row of a #GtkListView (a column view's too)
 * @name: (nullable): what a reader says of the row
 *
 * GTK 4.8 names a list's row (a Tab stop) after its type: GtkListItem is
 * not accessible before GTK 4.12.  The row holding @widget is named
 * @name; nothing happens while @widget is in no list.
 */
void
nawat_accessible_name_list_rows (GtkWidget  *widget,
                                 const char *name)
{
  GtkWidget *row = widget;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while (row != NULL && !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  if (row == NULL)
    return;

  if (name != NULL && name[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL);
}
