/* nawat-outstanding-model.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "nawat-outstanding.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_OUTSTANDING_MODEL (nawat_outstanding_model_get_type ())

G_DECLARE_FINAL_TYPE (NawatOutstandingModel, nawat_outstanding_model, NAWAT, OUTSTANDING_MODEL, GObject)

/* The projects with outstanding work (NawatProjectOutstanding, from
 * nawat_outstanding_list_by_project()) as a list model: an item, a
 * GtkStringObject holding the project's code, is made only when a view
 * asks for it, and the row's figures are read by position.
 */
NawatOutstandingModel         *nawat_outstanding_model_new         (GPtrArray             *projects);
const NawatProjectOutstanding *nawat_outstanding_model_get_project (NawatOutstandingModel *self,
                                                                    guint                  position);

G_END_DECLS
