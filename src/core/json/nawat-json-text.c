/* nawat-json-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-json-text-private.h"

#include <string.h>

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* The end of the string whose opening quote @p is, or NULL.  Only the
 * escapes the codec writes are taken (_nawat_codec_append_string()).
 */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      /* Most strings have no escape: both ends are found by memchr(). */
      const char *quote_end = memchr (p, '"', end - p);
      const char *escape;

      if (quote_end == NULL)
        return NULL;
      escape = memchr (p, '\\', quote_end - p);
      if (escape == NULL)
        return quote_end + 1;
      p = escape + 1;
      if (p >= end)
        return NULL;
      if (*p == 'u')
        {
          if (end - p < 5 || p[1] != '0' || p[2] != '0' || (p[3] != '0' && p[3] != '1') ||
              !g_ascii_isxdigit (p[4]) || g_ascii_isupper (p[4]))
            return NULL;
          p += 4;
        }
      else if (strchr ("\"\\nrt", *p) == NULL || *p == '\0')
        return NULL;
    }
  return NULL;
}

/* The end of the value @p starts, or NULL when there is no value there
 * or a space inside it.
 */
static const char *
skip_value (const char *p,
            const char *end)
{
  const char *start = p;
  int depth = 0;

  if (p >= end)
    return NULL;
  if (*p == '"')
    return skip_string (p, end);
  if (*p != '{' && *p != '[')
    {
      while (p < end && *p != ',' && *p != '}' && *p != ']' && !is_space (*p))
        p++;
      return p > start && (p == end || !is_space (*p)) ? p : NULL;
    }
  while (p < end)
    {
      switch (*p)
        {
        case '"':
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return p + 1;
          break;
        case ' ':
        case '\n':
        case '\r':
        case '\t':
          return NULL;
        default:
          break;
        }
      p++;
    }
  return NULL;
}

gboolean
_nawat_json_members_init (NawatJsonMembers    *members,
                          const NawatTextSpan *object)
{
  members->p = object->text + 1;
  members->end = object->text + object->length;
  members->first = TRUE;
  members->failed = object->length < 2 || object->text[0] != '{';
  return !members->failed;
}

static gboolean
members_fail (NawatJsonMembers *members)
{
  members->failed = TRUE;
  return FALSE;
}

gboolean
_nawat_json_members_next (NawatJsonMembers *members,
                          NawatTextSpan    *name,
                          NawatTextSpan    *value)
{
  const char *p = members->p;
  const char *end;

  if (members->failed || p >= members->end)
    return members_fail (members);
  if (*p == '}')
    {
      members->p = p + 1;
      return FALSE;
    }
  if (!members->first && *p++ != ',')
    return members_fail (members);
  members->first = FALSE;
  if (p >= members->end || *p != '"' || (end = skip_string (p, members->end)) == NULL ||
      end >= members->end || *end != ':')
    return members_fail (members);
  name->text = p;
  name->length = end - p;
  p = end + 1;
  if ((end = skip_value (p, members->end)) == NULL)
    return members_fail (members);
  value->text = p;
  value->length = end - p;
  members->p = end;
  return TRUE;
}


gboolean
_nawat_json_span_is (const NawatTextSpan *span,
                     const char          *text)
{
  gsize length = strlen (text);

  return span->length == length && memcmp (span->text, text, length) == 0;
}
