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

/* Formatting for people.  @language is "th…" for Thai, anything else English. */

/* The day of @iso8601 (a date "2026-03-12" or a date-time, read as UTC when
 * it has no offset) in Thailand's time zone, e.g. "12 มีนาคม 2569" (Thai,
 * Buddhist Era), "12 มีนาคม ค.ศ. 2026", "12 March 2026" or "12 March 2569 BE".
 * Returns NULL when @iso8601 is not a date.
 */
char       *nawat_format_date    (const char      *iso8601,
                                  const char      *language,
                                  gboolean         be_years);
/* "1,250,000": digits grouped by thousands. */
char       *nawat_format_integer (gint64           value);
/* "1,250,000 บาท" in Thai, "฿1,250,000" in English. */
char       *nawat_format_thb     (gint64           amount,
                                  const char      *language);

/* A part of a text, in bytes from its start. */
typedef struct
{
  gsize start;
  gsize end;
} NawatTextRange;

/* Whether @word (casefolded) occurs in @text (may be NULL), ignoring case.
 * Thai has no case: its characters match as they are.
 */
gboolean    nawat_text_contains_folded (const char         *text,
                                        const char         *word);
/* About @max_chars characters of @text on one line, around the first
 * place where one of @words (casefolded) occurs, ignoring case: from a few
 * characters before it, "…" where the text is cut.  @ranges receives
 * every place one of @words occurs in the snippet (NawatTextRange), in
 * order.  NULL when none of @words occurs in @text (may be NULL).
 */
char       *nawat_text_snippet         (const char         *text,
                                        const char * const *words,
                                        guint               max_chars,
                                        GArray             *ranges);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatText, nawat_text_free)

G_END_DECLS
