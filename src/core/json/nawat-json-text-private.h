/* nawat-json-text-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The members of a stored document's JSON text, read where they are,
 * without parsing it into nodes: only compact JSON (no space between
 * tokens), as the codec writes it, is taken; any other text fails, and
 * the caller reads it the slow way.
 */

/* A piece of the text. */
typedef struct
{
  const char *text;
  gsize       length;
} NawatTextSpan;

/* The members of an object, one after the other. */
typedef struct
{
  const char *p;
  const char *end;
  gboolean    first;
  gboolean    failed;
} NawatJsonMembers;

/* Starts on the object whose text is @object; FALSE (and @members
 * failed) when it is not one.
 */
gboolean _nawat_json_members_init (NawatJsonMembers    *members,
                                   const NawatTextSpan *object);
/* The next member: its name, quotes included, and its value, as they
 * are in the text.  FALSE at the end of the object, with @members->p
 * after it, and on text that is not compact JSON (@members->failed).
 * Strings are taken with the escapes the codec writes only.
 */
gboolean _nawat_json_members_next (NawatJsonMembers    *members,
                                   NawatTextSpan       *name,
                                   NawatTextSpan       *value);

/* Whether @span is the NUL-terminated @text. */
gboolean _nawat_json_span_is      (const NawatTextSpan *span,
                                   const char          *text);

G_END_DECLS
