/* nawat-accessible.h: what the interface does for a screen reader that
 * GTK 4.8 does not
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void nawat_accessible_name_buttons_by_labels (GtkWidget  *widget);
void nawat_accessible_name_status_pages      (GtkWidget  *widget);
void nawat_accessible_name_list_rows         (GtkWidget  *widget,
                                              const char *name);

G_END_DECLS
