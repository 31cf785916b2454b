/* nawat-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-text.h"

G_DEFINE_BOXED_TYPE (NawatText, nawat_text, nawat_text_copy, nawat_text_free)

NawatText *
nawat_text_new (const char *th,
                const char *en)
{
  NawatText *self = g_new0 (NawatText, 1);

  self->th = g_strdup (th);
  self->en = g_strdup (en);

  return self;
}

NawatText *
nawat_text_copy (const NawatText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return nawat_text_new (self->th, self->en);
}

void
nawat_text_free (NawatText *self)
{
  if (self == NULL)
    return;

  g_free (self->th);
  g_free (self->en);
  g_free (self);
}

gboolean
nawat_text_equal (const NawatText *a,
                  const NawatText *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_strcmp0 (a->th, b->th) == 0 && g_strcmp0 (a->en, b->en) == 0;
}

/* Returns the text in @lang ("th…" selects Thai, anything else English),
 * falling back to the other language when the wanted one is NULL or empty.
 */
const char *
nawat_text_get (const NawatText *self,
                const char      *lang)
{
  const char *wanted;
  const char *other;

  if (self == NULL)
    return NULL;

  if (lang != NULL && g_str_has_prefix (lang, "th"))
    {
      wanted = self->th;
      other = self->en;
    }
  else
    {
      wanted = self->en;
      other = self->th;
    }

  if (wanted != NULL && wanted[0] != '\0')
    return wanted;
  if (other != NULL && other[0] != '\0')
    return other;

  return wanted != NULL ? wanted : other;
}

gboolean
nawat_set_str (char       **dest,
               const char  *src)
{
  char *copy;

  g_return_val_if_fail (dest != NULL, FALSE);

  if (g_strcmp0 (*dest, src) == 0)
    return FALSE;

  copy = g_strdup (src);
  g_free (*dest);
  *dest = copy;

  return TRUE;
}

gboolean
nawat_set_text (NawatText       **dest,
                const NawatText  *src)
{
  NawatText *copy;

  g_return_val_if_fail (dest != NULL, FALSE);

  if (nawat_text_equal (*dest, src))
    return FALSE;

  copy = src != NULL ? nawat_text_copy (src) : NULL;
  nawat_text_free (*dest);
  *dest = copy;

  return TRUE;
}
