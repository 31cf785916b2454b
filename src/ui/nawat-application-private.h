/* nawat-application-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-application.h"

G_BEGIN_DECLS

/* TRUE when this run imported the embedded demo call into an empty store. */
gboolean          nawat_application_get_imported_demo (NawatApplication *self);

G_END_DECLS
