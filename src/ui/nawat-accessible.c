/* nawat-accessible.c: what the interface does for a screen reader that
 * GTK 4.8 does not
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-accessible.h"

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
