/* nawat-application.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "nawat-store.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_APPLICATION (nawat_application_get_type ())

G_DECLARE_FINAL_TYPE (NawatApplication, nawat_application, NAWAT, APPLICATION, AdwApplication)

NawatApplication *nawat_application_new               (void);
/* The open store; NULL while it is being opened or when it failed. */
NawatStore       *nawat_application_get_store         (NawatApplication *self);
const char       *nawat_application_get_store_path    (NawatApplication *self);
/* Why the store could not be opened; NULL when it is open or opening. */
const GError     *nawat_application_get_store_error   (NawatApplication *self);
/* TRUE once opening the store has finished, successfully or not. */
gboolean          nawat_application_get_ready         (NawatApplication *self);
/* "th" or "en": the language of titles and other data shown. */
const char       *nawat_application_get_language      (NawatApplication *self);
/* The application's settings, or NULL when the schema is not installed. */
GSettings        *nawat_application_get_settings      (NawatApplication *self);

G_END_DECLS
