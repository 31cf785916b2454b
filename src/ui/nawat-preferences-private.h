/* nawat-preferences-private.h: what the tests read and drive of the widget
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-preferences.h"

G_BEGIN_DECLS

GSettings        *nawat_preferences_get_settings         (NawatPreferences *self);

G_END_DECLS
