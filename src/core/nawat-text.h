/* nawat-text.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A text shown to people, in Thai and English; either may be NULL. */
typedef struct _NawatText
{
  char *th;
  char *en;
} NawatText;

#define NAWAT_TYPE_TEXT (nawat_text_get_type ())

GType       nawat_text_get_type (void) G_GNUC_CONST;
NawatText  *nawat_text_new      (const char      *th,
                                 const char      *en);
NawatText  *nawat_text_copy     (const NawatText *self);
void        nawat_text_free     (NawatText       *self);
gboolean    nawat_text_equal    (const NawatText *a,
                                 const NawatText *b);
const char *nawat_text_get      (const NawatText *self,
                                 const char      *lang);

/* Replaces *dest by a copy of @src when they differ; returns TRUE if changed. */
gboolean    nawat_set_str       (char           **dest,
                                 const char      *src);
gboolean    nawat_set_text      (NawatText      **dest,
                                 const NawatText *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatText, nawat_text_free)

G_END_DECLS
