/* nawat-text.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-text.h"

#include "nawat-vocabulary.h"

#include <stdio.h>
#include <string.h>

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

/* Formatting */

static gboolean
is_thai (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "th");
}

/* Thailand keeps UTC+7 all year: a proposal's date is the day in Thailand,
 * wherever the evaluator reads it.
 */
static GDateTime *
parse_day (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) thailand = g_time_zone_new_offset (7 * 60 * 60);
  g_autoptr(GDateTime) parsed = NULL;
  int year;
  int month;
  int day;
  char end;

  if (iso8601 == NULL)
    return NULL;

  /* A bare date is already a day: no time zone applies. */
  if (strlen (iso8601) == 10 &&
      sscanf (iso8601, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3 &&
      g_date_valid_dmy (day, month, year))
    return g_date_time_new (thailand, year, month, day, 0, 0, 0);

  parsed = g_date_time_new_from_iso8601 (iso8601, utc);
  if (parsed == NULL)
    return NULL;

  return g_date_time_to_timezone (parsed, thailand);
}

char *
nawat_format_date (const char *iso8601,
                   const char *language,
                   gboolean    be_years)
{
  g_autoptr(GDateTime) day = parse_day (iso8601);
  const char *name;
  int year;
  int month;

  if (day == NULL)
    return NULL;

  year = g_date_time_get_year (day);
  month = g_date_time_get_month (day);

  name = nawat_vocabulary_month (month, is_thai (language) ? "th" : "en");

  if (is_thai (language))
    return be_years
      ? g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (day), name, year + 543)
      : g_strdup_printf ("%d %s ค.ศ. %d", g_date_time_get_day_of_month (day), name, year);

  return be_years
    ? g_strdup_printf ("%d %s %d BE", g_date_time_get_day_of_month (day), name, year + 543)
    : g_strdup_printf ("%d %s %d", g_date_time_get_day_of_month (day), name, year);
}

char *
nawat_format_integer (gint64 value)
{
  g_autofree char *digits = NULL;
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  gsize length;

  /* The magnitude as unsigned, so that G_MININT64 has one too. */
  magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude);
  length = strlen (digits);

  if (value < 0)
    g_string_append_c (out, '-');

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
nawat_format_thb (gint64      amount,
                  const char *language)
{
  g_autofree char *number = nawat_format_integer (amount);

  if (is_thai (language))
    return g_strdup_printf ("%s บาท", number);

  if (amount < 0)
    return g_strdup_printf ("-฿%s", number + 1);

  return g_strdup_printf ("฿%s", number);
}

/* Search snippets */

/* Where @word (casefolded) first occurs in @text at or after @from,
 * ignoring case; its end in *@end.  NULL when it does not.
 */
static const char *
find_folded (const char  *from,
             const char  *word,
             const char **end)
{
  for (const char *p = from; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *q = p;
      const char *w = word;

      while (*w != '\0' && *q != '\0' &&
             g_unichar_tolower (g_utf8_get_char (q)) == g_utf8_get_char (w))
        {
          q = g_utf8_next_char (q);
          w = g_utf8_next_char (w);
        }
      if (*w == '\0')
        {
          *end = q;
          return p;
        }
    }

  return NULL;
}

gboolean
nawat_text_contains_folded (const char *text,
                            const char *word)
{
  const char *end;

  return text != NULL && word != NULL && find_folded (text, word, &end) != NULL;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const NawatTextRange *x = a;
  const NawatTextRange *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

/* Ranges of @start…@end where one of @words occurs, as offsets after
 * @offset, in order and merged where they overlap.
 */
static void
add_ranges (const char         *start,
            const char         *end,
            const char * const *words,
            gsize               offset,
            GArray             *ranges)
{
  g_autofree char *part = g_strndup (start, end - start);
  guint first = ranges->len;
  guint n = first;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *match_end;

      for (const char *match = find_folded (part, words[i], &match_end);
           match != NULL && *words[i] != '\0';
           match = find_folded (match_end, words[i], &match_end))
        {
          NawatTextRange range = { offset + (match - part), offset + (match_end - part) };

          g_array_append_val (ranges, range);
        }
    }

  g_qsort_with_data (&g_array_index (ranges, NawatTextRange, first), ranges->len - first,
                     sizeof (NawatTextRange), compare_ranges, NULL);
  for (guint i = first + 1; i < ranges->len; i++)
    {
      NawatTextRange *last = &g_array_index (ranges, NawatTextRange, n);
      NawatTextRange *range = &g_array_index (ranges, NawatTextRange, i);

      if (range->start <= last->end)
        last->end = MAX (last->end, range->end);
      else
        g_array_index (ranges, NawatTextRange, ++n) = *range;
    }
  if (ranges->len > first)
    g_array_set_size (ranges, n + 1);
}

/* Marks (Thai vowels above and below, tone marks) belong to the
 * character before them: a snippet neither starts nor ends between them.
 */
static const char *
cluster_start (const char *text,
               const char *p)
{
  while (p > text && g_unichar_ismark (g_utf8_get_char (p)))
    p = g_utf8_prev_char (p);
  return p;
}

static const char *
cluster_end (const char *p)
{
  while (*p != '\0' && g_unichar_ismark (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

#define SNIPPET_BEFORE 24

char *
nawat_text_snippet (const char         *text,
                    const char * const *words,
                    guint               max_chars,
                    GArray             *ranges)
{
  const char *match = NULL;
  const char *match_end;
  const char *start;
  const char *end;
  GString *snippet;
  gsize offset;

  g_return_val_if_fail (words != NULL, NULL);
  g_return_val_if_fail (ranges != NULL, NULL);

  if (text == NULL)
    return NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *found = *words[i] != '\0' ? find_folded (text, words[i], &match_end) : NULL;

      if (found != NULL && (match == NULL || found < match))
        match = found;
    }
  if (match == NULL)
    return NULL;

  /* A few characters before the match, from a word's start if there is
   * one among them.
   */
  start = match;
  for (guint i = 0; i < SNIPPET_BEFORE && start > text; i++)
    start = g_utf8_prev_char (start);
  start = cluster_start (text, start);
  for (const char *p = start; p > text && p < match; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (p))))
      {
        start = p;
        break;
      }

  end = start;
  for (guint i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  end = cluster_end (end);

  snippet = g_string_new (start > text ? "…" : NULL);
  offset = snippet->len;
  g_string_append_len (snippet, start, end - start);
  if (*end != '\0')
    g_string_append (snippet, "…");

  /* One line: the same number of bytes, so the ranges still hold. */
  for (char *p = snippet->str; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';

  add_ranges (start, end, words, offset, ranges);
  return g_string_free (snippet, FALSE);
}
