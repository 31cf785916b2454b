/* nawat-codec-text.c: reading JSON text before json-glib builds it
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

/* Scanning: finds the extent of one JSON value without building it, so a
 * batch is walked document by document and nesting is bounded.
 */

typedef struct
{
  const char *start;
  const char *end;
  const char *p;
} Scanner;

static guint
scanner_line (Scanner    *scanner,
              const char *at)
{
  guint line = 1;

  for (const char *p = scanner->start; p < at && p < scanner->end; p++)
    if (*p == '\n')
      line++;

  return line;
}

static gboolean
scanner_fail (Scanner     *scanner,
              const char  *reason,
              GError     **error)
{
  g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
               _("Malformed JSON at line %u: %s"),
               scanner_line (scanner, scanner->p), reason);
  return FALSE;
}

/* Where the JSON whitespace at @p ends, at most @end. */
static const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static void
scanner_skip_ws (Scanner *scanner)
{
  scanner->p = skip_ws (scanner->p, scanner->end);
}

/* Moves past the string at the scanner.  Its end is found with memchr():
 * a quote ends the string unless an odd number of backslashes comes
 * right before it, as a backslash takes the character after it along.
 */
static gboolean
scanner_skip_string (Scanner  *scanner,
                     GError  **error)
{
  const char *content;
  const char *p;

  g_assert (*scanner->p == '"');

  content = p = scanner->p + 1;
  while (p < scanner->end)
    {
      const char *quote = memchr (p, '"', scanner->end - p);
      const char *b;

      if (quote == NULL)
        break;
      for (b = quote; b > content && b[-1] == '\\'; b--)
        ;
      if ((quote - b) % 2 == 0)
        {
          scanner->p = quote + 1;
          return TRUE;
        }
      p = quote + 1;
    }

  scanner->p = scanner->end;
  return scanner_fail (scanner, _("a string is not terminated"), error);
}

static gboolean
scanner_skip_value (Scanner  *scanner,
                    GError  **error)
{
  guint depth = 0;

  scanner_skip_ws (scanner);
  if (scanner->p >= scanner->end)
    return scanner_fail (scanner, _("the data ends where a value was expected"), error);

  /* A scalar runs up to the next delimiter; json-glib judges it later. */
  if (*scanner->p != '{' && *scanner->p != '[' && *scanner->p != '"')
    {
      const char *begin = scanner->p;

      while (scanner->p < scanner->end && strchr (",]} \t\r\n", *scanner->p) == NULL)
        scanner->p++;
      if (scanner->p == begin)
        return scanner_fail (scanner, _("a value is missing"), error);
      return TRUE;
    }

  while (scanner->p < scanner->end)
    {
      char c = *scanner->p;

      if (c == '"')
        {
          if (!scanner_skip_string (scanner, error))
            return FALSE;
          if (depth == 0)
            return TRUE;
          continue;
        }

      if (c == '{' || c == '[')
        {
          if (++depth > MAX_DEPTH)
            return scanner_fail (scanner, _("the values are nested too deeply"), error);
        }
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            {
              scanner->p++;
              return TRUE;
            }
        }

      scanner->p++;
    }

  return scanner_fail (scanner, _("the data ends inside a value"), error);
}

/* Strict reading: exactly the grammar of RFC 8259, and none of what Nawat
 * refuses in any JSON it reads (a NUL or an unpaired surrogate in a
 * string, invalid UTF-8, integers json-glib cannot hold exactly, numbers a
 * double cannot hold, a member given twice in one object), checked in one
 * pass before json-glib, which is lenient ("0x3", "03" and raw control
 * characters pass), builds the tree.  Each problem is reported with the
 * document, the member and its byte offset.
 */

/* Objects up to this many members are checked for duplicate names by
 * comparing them with each other, larger ones through a hash table.
 */
#define SMALL_OBJECT 64

typedef struct
{
  const char *name;
  guint       length;
  gboolean    escaped;
} Member;

typedef struct
{
  gboolean    is_object;
  guint       index;
  /* the member being read, as written, without its quotes */
  const char *name;
  guint       name_length;
  /* its members start here in Strict.members */
  guint       first_member;
  GHashTable *names;
} Frame;

typedef struct
{
  const char *data;
  const char *end;
  const char *p;
  /* the number of the document read (from 1), 0 outside documents */
  guint       document;
  /* its _id as written, once read */
  const char *id;
  guint       id_length;
  guint       depth;
  Frame       frames[MAX_DEPTH];
  GArray     *members;
} Strict;

static void
strict_init (Strict     *s,
             const char *data,
             gsize       length)
{
  memset (s, 0, sizeof *s);
  s->data = s->p = data;
  s->end = data + length;
  s->members = g_array_new (FALSE, FALSE, sizeof (Member));
}

static void
strict_pop (Strict *s)
{
  Frame *frame = &s->frames[--s->depth];

  g_array_set_size (s->members, frame->first_member);
  g_clear_pointer (&frame->names, g_hash_table_unref);
}

static void
strict_clear (Strict *s)
{
  while (s->depth > 0)
    strict_pop (s);
  g_clear_pointer (&s->members, g_array_unref);
}

/* "call:x" or "document 3", then the path of the member being read. */
static char *
strict_where (Strict *s)
{
  GString *where = g_string_new (NULL);
  gboolean first = TRUE;

  if (s->id != NULL)
    g_string_append_len (where, s->id, MIN (s->id_length, 200));
  else if (s->document > 0)
    /* TRANSLATORS: a document of a file, by its number, whose id is not known */
    g_string_append_printf (where, _("document %u"), s->document);

  for (guint i = 0; i < s->depth; i++)
    {
      Frame *frame = &s->frames[i];

      if (frame->is_object && frame->name != NULL)
        {
          if (where->len > 0)
            g_string_append (where, first ? ": " : ".");
          g_string_append_len (where, frame->name, MIN (frame->name_length, 200));
          first = FALSE;
        }
      else if (!frame->is_object)
        {
          if (first && where->len > 0)
            g_string_append (where, ": ");
          g_string_append_printf (where, "[%u]", frame->index);
          first = FALSE;
        }
    }

  return g_string_free (where, FALSE);
}

static gboolean strict_fail (Strict      *s,
                             const char  *at,
                             GError     **error,
                             const char  *format,
                             ...) G_GNUC_PRINTF (4, 5);

static gboolean
strict_fail (Strict      *s,
             const char  *at,
             GError     **error,
             const char  *format,
             ...)
{
  g_autofree char *reason = NULL;
  g_autofree char *where = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  where = strict_where (s);
  if (*where != '\0')
    /* TRANSLATORS: the document and member, the byte offset, the reason */
    g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                 _("%s: at byte %lu: %s"), where, (unsigned long) (at - s->data), reason);
  else
    g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                 _("Malformed JSON at byte %lu: %s"), (unsigned long) (at - s->data), reason);
  return FALSE;
}

static void
strict_ws (Strict *s)
{
  s->p = skip_ws (s->p, s->end);
}

static gboolean
read_hex4 (const guchar *p,
           const guchar *end,
           guint        *out)
{
  guint value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value << 4 | digit;
    }

  *out = value;
  return TRUE;
}

/* The length of the UTF-8 sequence at @p (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0.
 */
static guint
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  guint n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      n = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      n = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if (end - p < n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if ((p[i] & 0xC0) != 0x80)
      return 0;

  return n;
}

/* Reads the string at s->p; @escaped tells whether it holds an escape. */
static gboolean
strict_string (Strict    *s,
               gboolean  *escaped,
               GError   **error)
{
  const guchar *p = (const guchar *) s->p + 1;
  const guchar *end = (const guchar *) s->end;
  guint n, u, low;

  *escaped = FALSE;

  while (p < end)
    {
      guchar c = *p;

      if (c == '"')
        {
          s->p = (const char *) p + 1;
          return TRUE;
        }

      if (c >= 0x20 && c < 0x80 && c != '\\')
        {
          p++;
          continue;
        }

      if (c == '\\')
        {
          *escaped = TRUE;
          if (p + 1 < end && strchr ("\"\\/bfnrt", p[1]) != NULL && p[1] != '\0')
            {
              p += 2;
              continue;
            }
          if (p + 1 >= end || p[1] != 'u' || !read_hex4 (p + 2, end, &u))
            return strict_fail (s, (const char *) p, error, _("an invalid escape sequence"));
          if (u == 0)
            return strict_fail (s, (const char *) p, error,
                                _("a text may not contain the NUL character (\\u0000)"));
          if (u >= 0xDC00 && u <= 0xDFFF)
            return strict_fail (s, (const char *) p, error,
                                _("an unpaired surrogate (\\u%04x)"), u);
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
                  !read_hex4 (p + 8, end, &low) || low < 0xDC00 || low > 0xDFFF)
                return strict_fail (s, (const char *) p, error,
                                    _("an unpaired surrogate (\\u%04x)"), u);
              p += 12;
            }
          else
            p += 6;
          continue;
        }

      if (c < 0x20)
        return strict_fail (s, (const char *) p, error,
                            _("the control character U+%04X must be escaped in a string"), c);

      n = utf8_sequence (p, end);
      if (n == 0)
        return strict_fail (s, (const char *) p, error,
                            _("byte 0x%02X is not valid UTF-8 here"), c);
      p += n;
    }

  return strict_fail (s, s->p, error, _("a string is not terminated"));
}

/* A short quotation of the data at @from, for messages. */
static char *
quote_token (const char *from,
             const char *end)
{
  const char *p = from;

  while (p < end && p - from < 40 && (guchar) *p > ' ' && (guchar) *p < 0x7F &&
         strchr (",]}", *p) == NULL)
    p++;

  return g_strndup (from, p - from);
}

/* Whether a number or a word ends at @p. */
static gboolean
is_delimiter (const char *p,
              const char *end)
{
  return p >= end || strchr (",]} \t\r\n", *p) != NULL;
}

static gboolean
strict_number (Strict  *s,
               GError **error)
{
  const char *begin = s->p;
  const char *p = s->p;
  const char *digits;
  gboolean integral = TRUE;
  gsize n_digits;

  if (*p == '-')
    p++;
  digits = p;
  if (p < s->end && *p == '0')
    p++;
  else
    while (p < s->end && g_ascii_isdigit (*p))
      p++;
  n_digits = p - digits;

  if (n_digits > 0 && p < s->end && *p == '.')
    {
      integral = FALSE;
      if (++p >= s->end || !g_ascii_isdigit (*p))
        n_digits = 0;
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }
  if (n_digits > 0 && p < s->end && (*p == 'e' || *p == 'E'))
    {
      integral = FALSE;
      p++;
      if (p < s->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= s->end || !g_ascii_isdigit (*p))
        n_digits = 0;
      while (p < s->end && g_ascii_isdigit (*p))
        p++;
    }

  if (n_digits == 0 || !is_delimiter (p, s->end))
    {
      g_autofree char *token = quote_token (begin, s->end);
      return strict_fail (s, begin, error, _("“%s” is not a JSON number"), token);
    }

  /* json-glib holds integers in 64 bits, and wraps larger ones around;
   * beyond 2^53 they would not survive a double either.
   */
  if (integral &&
      (n_digits > 16 || (n_digits == 16 && memcmp (digits, "9007199254740992", 16) > 0)))
    {
      g_autofree char *token = quote_token (begin, s->end);
      return strict_fail (s, begin, error,
                          _("the integer %s is outside the range ±9007199254740992 (2^53)"),
                          token);
    }

  if (!integral)
    {
      g_autofree char *copy = g_strndup (begin, p - begin);

      if (!isfinite (g_ascii_strtod (copy, NULL)))
        {
          g_autofree char *token = quote_token (begin, s->end);
          return strict_fail (s, begin, error, _("the number %s is too large"), token);
        }
    }

  s->p = p;
  return TRUE;
}

/* Appends the text of the string read (by strict_string ()) at @p to
 * @out, its escapes decoded, up to @end or its closing quote; returns
 * where it stopped.
 */
static const char *
append_unescaped (GString    *out,
                  const char *p,
                  const char *end)
{
  while (p < end && *p != '"')
    {
      const char *run = p;
      guint u = 0, low = 0xDC00;

      while (p < end && *p != '"' && *p != '\\')
        p++;
      g_string_append_len (out, run, p - run);
      if (p >= end || *p == '"')
        break;

      switch (p[1])
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          read_hex4 ((const guchar *) p + 2, (const guchar *) end, &u);
          if (u >= 0xD800 && u <= 0xDBFF)
            {
              read_hex4 ((const guchar *) p + 8, (const guchar *) end, &low);
              u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          g_string_append_unichar (out, u);
          p += 4;
          break;
        default: g_string_append_c (out, p[1]); break;
        }
      p += 2;
    }

  return p;
}

/* The name of @member as text, its escapes decoded (it has been read). */
static char *
decode_name (const Member *member)
{
  GString *out;

  if (!member->escaped)
    return g_strndup (member->name, member->length);

  out = g_string_sized_new (member->length);
  append_unescaped (out, member->name, member->name + member->length);
  return g_string_free (out, FALSE);
}

static gboolean
member_equal (const Member *a,
              const Member *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (!a->escaped && !b->escaped)
    return a->length == b->length && memcmp (a->name, b->name, a->length) == 0;

  x = decode_name (a);
  y = decode_name (b);
  return g_str_equal (x, y);
}

/* Records the member name just read into the innermost object, and
 * refuses one given twice.
 */
static gboolean
strict_add_member (Strict    *s,
                   Member    *member,
                   GError   **error)
{
  Frame *frame = &s->frames[s->depth - 1];
  guint n = s->members->len - frame->first_member;

  frame->name = member->name;
  frame->name_length = member->length;

  if (frame->names == NULL && n < SMALL_OBJECT)
    {
      for (guint i = frame->first_member; i < s->members->len; i++)
        if (member_equal (&g_array_index (s->members, Member, i), member))
          return strict_fail (s, member->name - 1, error, _("the member is given twice"));
      g_array_append_val (s->members, *member);
      return TRUE;
    }

  if (frame->names == NULL)
    {
      frame->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = frame->first_member; i < s->members->len; i++)
        g_hash_table_add (frame->names, decode_name (&g_array_index (s->members, Member, i)));
    }

  if (!g_hash_table_add (frame->names, decode_name (member)))
    return strict_fail (s, member->name - 1, error, _("the member is given twice"));
  return TRUE;
}

/* Reads a member name and its colon, at s->p. */
static gboolean
strict_member_name (Strict  *s,
                    GError **error)
{
  Member member;

  s->frames[s->depth - 1].name = NULL;
  strict_ws (s);
  if (s->p >= s->end || *s->p != '"')
    return strict_fail (s, s->p, error, _("expected a member name in quotes"));

  member.name = s->p + 1;
  if (!strict_string (s, &member.escaped, error))
    return FALSE;
  member.length = s->p - 1 - member.name;
  if (!strict_add_member (s, &member, error))
    return FALSE;

  strict_ws (s);
  if (s->p >= s->end || *s->p != ':')
    return strict_fail (s, s->p, error, _("expected “:” after a member name"));
  s->p++;
  return TRUE;
}

static gboolean
strict_unexpected (Strict  *s,
                   GError **error)
{
  if (s->p >= s->end)
    return strict_fail (s, s->p, error, _("the data ends where a value was expected"));
  if ((guchar) *s->p >= 0x80 || (guchar) *s->p < 0x20)
    return strict_fail (s, s->p, error, _("unexpected byte 0x%02X"), (guchar) *s->p);
  return strict_fail (s, s->p, error, _("unexpected character “%c”"), *s->p);
}

/* Reads one value at s->p, whole, and leaves s->p after it. */
static gboolean
strict_value (Strict  *s,
              GError **error)
{
  guint floor = s->depth;

  for (;;)
    {
      gboolean escaped;
      const char *begin;

      strict_ws (s);
      if (s->p >= s->end)
        return strict_unexpected (s, error);

      begin = s->p;
      switch (*s->p)
        {
        case '{':
        case '[':
          if (s->depth == MAX_DEPTH)
            return strict_fail (s, s->p, error, _("the values are nested too deeply"));
          s->frames[s->depth] = (Frame) { *s->p == '{', 0, NULL, 0, s->members->len, NULL };
          s->depth++;
          s->p++;
          strict_ws (s);
          if (s->p < s->end && *s->p == (s->frames[s->depth - 1].is_object ? '}' : ']'))
            {
              s->p++;
              strict_pop (s);
              break;
            }
          if (s->frames[s->depth - 1].is_object && !strict_member_name (s, error))
            return FALSE;
          continue;

        case '"':
          if (!strict_string (s, &escaped, error))
            return FALSE;
          /* The document's id, once known, names it in messages. */
          if (s->depth == 1 && s->frames[0].is_object && s->frames[0].name_length == 3 &&
              memcmp (s->frames[0].name, "_id", 3) == 0)
            {
              s->id = begin + 1;
              s->id_length = s->p - 1 - s->id;
            }
          break;

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!strict_number (s, error))
            return FALSE;
          break;

        case 't':
        case 'f':
        case 'n':
          {
            const char *word = *s->p == 't' ? "true" : *s->p == 'f' ? "false" : "null";
            gsize len = strlen (word);

            if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0 ||
                !is_delimiter (s->p + len, s->end))
              {
                g_autofree char *token = quote_token (s->p, s->end);
                return strict_fail (s, s->p, error, _("“%s” is not a JSON value"), token);
              }
            s->p += len;
          }
          break;

        default:
          return strict_unexpected (s, error);
        }

      /* After a value: the next one, or the ends of containers. */
      for (;;)
        {
          Frame *frame;

          if (s->depth == floor)
            return TRUE;

          /* Between members, no member is named in messages. */
          frame = &s->frames[s->depth - 1];
          frame->name = NULL;
          strict_ws (s);
          if (s->p < s->end && *s->p == ',')
            {
              s->p++;
              if (frame->is_object)
                {
                  if (!strict_member_name (s, error))
                    return FALSE;
                }
              else
                frame->index++;
              break;
            }
          if (s->p < s->end && *s->p == (frame->is_object ? '}' : ']'))
            {
              s->p++;
              strict_pop (s);
              continue;
            }

          if (s->p >= s->end)
            return strict_fail (s, s->p, error, _("the data ends inside a value"));
          return strict_fail (s, s->p, error,
                              frame->is_object ? _("expected “,” or “}”") : _("expected “,” or “]”"));
        }
    }
}

/* Building: the tree of a value the strict reading has accepted, so that
 * nothing is checked twice; it is what json-glib's parser would build
 * (integers as gint64, other numbers as doubles), sealed.
 */

typedef struct
{
  const char *p;
  const char *end;
  GString    *text;
} Builder;

static void
builder_ws (Builder *b)
{
  b->p = skip_ws (b->p, b->end);
}

/* Reads the string at b->p into b->text, its escapes decoded. */
static void
builder_string (Builder *b)
{
  g_string_truncate (b->text, 0);
  b->p = append_unescaped (b->text, b->p + 1, b->end) + 1;
}

static JsonNode *
builder_value (Builder *b)
{
  JsonNode *node;

  builder_ws (b);
  switch (*b->p)
    {
    case '{':
      {
        JsonObject *object = json_object_new ();

        b->p++;
        builder_ws (b);
        while (*b->p != '}')
          {
            char stack[64];
            g_autofree char *heap = NULL;
            char *name = stack;

            /* The value is read into b->text too. */
            builder_string (b);
            if (b->text->len < sizeof stack)
              memcpy (stack, b->text->str, b->text->len + 1);
            else
              name = heap = g_strndup (b->text->str, b->text->len);
            builder_ws (b);
            b->p++;
            json_object_set_member (object, name, builder_value (b));
            builder_ws (b);
            if (*b->p == ',')
              b->p++;
            builder_ws (b);
          }
        b->p++;
        node = json_node_init_object (json_node_alloc (), object);
        json_object_unref (object);
        return node;
      }

    case '[':
      {
        JsonArray *array = json_array_new ();

        b->p++;
        builder_ws (b);
        while (*b->p != ']')
          {
            json_array_add_element (array, builder_value (b));
            builder_ws (b);
            if (*b->p == ',')
              b->p++;
            builder_ws (b);
          }
        b->p++;
        node = json_node_init_array (json_node_alloc (), array);
        json_array_unref (array);
        return node;
      }

    case '"':
      builder_string (b);
      return json_node_init_string (json_node_alloc (), b->text->str);

    case 't':
    case 'f':
      node = json_node_init_boolean (json_node_alloc (), *b->p == 't');
      b->p += *b->p == 't' ? 4 : 5;
      return node;

    case 'n':
      b->p += 4;
      return json_node_init_null (json_node_alloc ());

    default:
      {
        const char *begin = b->p;
        gboolean integral = TRUE;

        /* A fraction or an exponent makes it a double. */
        for (; !is_delimiter (b->p, b->end); b->p++)
          if (*b->p == '.' || *b->p == 'e' || *b->p == 'E')
            integral = FALSE;
        /* Integers have at most 16 digits (strict_number ()); the text
         * may end right after one, so it is read here, not by strtoll.
         */
        if (integral)
          {
            gint64 value = 0;

            for (const char *d = begin + (*begin == '-'); d < b->p; d++)
              value = value * 10 + (*d - '0');
            return json_node_init_int (json_node_alloc (), *begin == '-' ? -value : value);
          }
        {
          g_autofree char *copy = g_strndup (begin, b->p - begin);

          return json_node_init_double (json_node_alloc (), g_ascii_strtod (copy, NULL));
        }
      }
    }
}

JsonNode *
_nawat_codec_build_checked (const char *data,
                            gsize       length)
{
  Builder b = { data, data + length, g_string_sized_new (256) };
  JsonNode *root = builder_value (&b);

  g_string_free (b.text, TRUE);
  json_node_seal (root);
  return root;
}

static gboolean
walk_documents (Strict             *s,
                NawatDocumentFunc   func,
                gpointer            user_data,
                GError            **error)
{
  guint index = 0;

  g_assert (*s->p == '[');
  s->p++;
  strict_ws (s);

  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      g_autoptr(JsonNode) node = NULL;
      const char *begin;

      strict_ws (s);
      begin = s->p;
      s->document = index + 1;
      s->id = NULL;
      if (!strict_value (s, error))
        return FALSE;
      s->document = 0;
      s->id = NULL;

      if ((gsize) (s->p - begin) > MAX_DOCUMENT_BYTES)
        {
          g_set_error (error, NAWAT_CODEC_ERROR, NAWAT_CODEC_ERROR_MALFORMED,
                       _("Document %u is larger than %u MiB"), index + 1,
                       MAX_DOCUMENT_BYTES / (1024 * 1024));
          return FALSE;
        }

      node = _nawat_codec_build_checked (begin, s->p - begin);
      if (!func (index++, begin - s->data, node, user_data, error))
        return FALSE;

      strict_ws (s);
      if (s->p >= s->end)
        return strict_fail (s, s->p, error, _("the list of documents is not closed"));
      if (*s->p == ']')
        {
          s->p++;
          return TRUE;
        }
      if (*s->p != ',')
        return strict_fail (s, s->p, error, _("expected “,” or “]” after a document"));
      s->p++;
    }
}

static gboolean
walk_object (Strict             *s,
             NawatDocumentFunc   func,
             gpointer            user_data,
             GError            **error)
{
  gboolean found = FALSE;

  g_assert (*s->p == '{');
  s->p++;

  for (;;)
    {
      const char *key;
      gboolean is_docs;
      gboolean escaped;

      strict_ws (s);
      if (s->p < s->end && *s->p == '}' && !found)
        break;
      if (s->p >= s->end || *s->p != '"')
        return strict_fail (s, s->p, error, _("expected a member name in quotes"));

      key = s->p;
      if (!strict_string (s, &escaped, error))
        return FALSE;
      is_docs = s->p - key == 6 && memcmp (key, "\"docs\"", 6) == 0;

      strict_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return strict_fail (s, s->p, error, _("expected “:” after a member name"));
      s->p++;
      strict_ws (s);

      if (is_docs)
        {
          if (found)
            return strict_fail (s, key, error, _("“docs” is given twice"));
          if (s->p >= s->end || *s->p != '[')
            return strict_fail (s, s->p, error, _("“docs” must be an array"));
          if (!walk_documents (s, func, user_data, error))
            return FALSE;
          found = TRUE;
        }
      else if (!strict_value (s, error))
        return FALSE;

      strict_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        break;
      return strict_fail (s, s->p, error, _("expected “,” or “}”"));
    }

  if (!found)
    return strict_fail (s, s->p, error, _("the object has no “docs” array"));

  s->p++;
  return TRUE;
}

static gboolean
walk_data (Strict             *s,
           NawatDocumentFunc   func,
           gpointer            user_data,
           GError            **error)
{
  /* A byte-order mark is tolerated, as spreadsheet tools write one. */
  if (s->end - s->p >= 3 && memcmp (s->p, "\xEF\xBB\xBF", 3) == 0)
    s->p += 3;

  strict_ws (s);
  if (s->p >= s->end)
    return strict_fail (s, s->p, error, _("the data is empty"));

  if (*s->p == '[')
    {
      if (!walk_documents (s, func, user_data, error))
        return FALSE;
    }
  else if (*s->p == '{')
    {
      if (!walk_object (s, func, user_data, error))
        return FALSE;
    }
  else
    return strict_fail (s, s->p, error,
                        _("expected an array of documents or {\"docs\": [...]}"));

  strict_ws (s);
  if (s->p < s->end)
    return strict_fail (s, s->p, error, _("unexpected data after the documents"));

  return TRUE;
}

gboolean
nawat_codec_foreach_document (const char         *data,
                              gsize               length,
                              NawatDocumentFunc   func,
                              gpointer            user_data,
                              GError            **error)
{
  Strict s;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  strict_init (&s, data != NULL ? data : "", length);
  ok = walk_data (&s, func, user_data, error);
  strict_clear (&s);
  return ok;
}

/* Finds the member named @key (quoted, as written) of the object at the
 * scanner, the last one if it is repeated, as json-glib keeps it, and moves
 * past the object.
 */
static gboolean
scanner_find_member (Scanner     *scanner,
                     const char  *key,
                     const char **value,
                     const char **value_end)
{
  gsize key_len = strlen (key);

  *value = *value_end = NULL;
  if (scanner->p >= scanner->end || *scanner->p != '{')
    return FALSE;
  scanner->p++;

  for (;;)
    {
      const char *name;
      const char *start;
      gboolean match;

      scanner_skip_ws (scanner);
      if (scanner->p < scanner->end && *scanner->p == '}')
        {
          scanner->p++;
          return TRUE;
        }
      if (scanner->p >= scanner->end || *scanner->p != '"')
        return FALSE;
      name = scanner->p;
      if (!scanner_skip_string (scanner, NULL))
        return FALSE;
      match = (gsize) (scanner->p - name) == key_len && memcmp (name, key, key_len) == 0;

      scanner_skip_ws (scanner);
      if (scanner->p >= scanner->end || *scanner->p != ':')
        return FALSE;
      scanner->p++;
      scanner_skip_ws (scanner);
      start = scanner->p;
      if (!scanner_skip_value (scanner, NULL))
        return FALSE;
      if (match)
        {
          *value = start;
          *value_end = scanner->p;
        }

      scanner_skip_ws (scanner);
      if (scanner->p < scanner->end && *scanner->p == ',')
        scanner->p++;
    }
}

/* Sets @scanner inside the "results" array of a _changes answer, at its
 * first element; FALSE when @data has no such array.
 */
static gboolean
scanner_enter_results (Scanner    *scanner,
                       const char *data,
                       gsize       length)
{
  const char *results;
  const char *results_end;

  *scanner = (Scanner) { data, data + length, data };
  scanner_skip_ws (scanner);
  if (!scanner_find_member (scanner, "\"results\"", &results, &results_end)
      || results == NULL || *results != '[')
    return FALSE;

  *scanner = (Scanner) { data, results_end, results + 1 };
  return TRUE;
}

const char **
nawat_codec_scan_changes (const char *data,
                          gsize       length,
                          guint       n_changes)
{
  Scanner scanner;
  /* one more: an answer with no change has spans too */
  g_autofree const char **spans = g_new0 (const char *, 2 * (gsize) n_changes + 1);
  guint n;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!scanner_enter_results (&scanner, data, length))
    return NULL;

  for (n = 0; ; n++)
    {
      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ']')
        break;
      if (n == n_changes || scanner.p >= scanner.end)
        return NULL;
      if (*scanner.p == '{')
        {
          if (!scanner_find_member (&scanner, "\"doc\"", &spans[2 * n], &spans[2 * n + 1]))
            return NULL;
        }
      else if (!scanner_skip_value (&scanner, NULL))
        return NULL;

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ',')
        scanner.p++;
    }

  return n == n_changes ? g_steal_pointer (&spans) : NULL;
}

gboolean
nawat_codec_check_text (const char  *data,
                        gsize        length,
                        GError     **error)
{
  gboolean ok;
  Strict s;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  strict_init (&s, data != NULL ? data : "", length);
  ok = strict_value (&s, error);
  if (ok)
    {
      s.id = NULL;
      strict_ws (&s);
      if (s.p < s.end)
        ok = strict_fail (&s, s.p, error, _("unexpected data after the document"));
    }
  strict_clear (&s);
  return ok;
}

JsonNode *
nawat_codec_parse_text (const char  *data,
                        gsize        length,
                        GError     **error)
{
  if (!nawat_codec_check_text (data, length, error))
    return NULL;
  return _nawat_codec_build_checked (data, length);
}

GPtrArray *
nawat_codec_split_changes (const char *data,
                           gsize       length)
{
  Scanner scanner;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!scanner_enter_results (&scanner, data, length))
    return NULL;

  for (;;)
    {
      const char *begin;
      const char *id = NULL;
      const char *id_end = NULL;
      Scanner change;

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ']')
        break;
      begin = scanner.p;
      if (scanner.p >= scanner.end || !scanner_skip_value (&scanner, NULL))
        return NULL;
      change = (Scanner) { data, scanner.p, begin };
      if (*begin == '{' && !scanner_find_member (&change, "\"id\"", &id, &id_end))
        return NULL;
      g_ptr_array_add (changes, g_strndup (begin, scanner.p - begin));
      g_ptr_array_add (changes, id != NULL ? g_strndup (id, id_end - id) : NULL);

      scanner_skip_ws (&scanner);
      if (scanner.p < scanner.end && *scanner.p == ',')
        scanner.p++;
    }

  return g_steal_pointer (&changes);
}

/* Batches */

typedef struct
{
  NawatRubricLookup  lookup;
  gpointer           user_data;
  GPtrArray         *documents;
  GPtrArray         *problems;
  GHashTable        *rubrics;
  /* id -> where it starts, to refuse a document given twice */
  GHashTable        *ids;
} Batch;

static gboolean
batch_add (guint      index,
           gsize      offset,
           JsonNode  *node,
           gpointer   user_data,
           GError   **error)
{
  Batch *batch = user_data;
  g_autoptr(GError) local_error = NULL;
  NawatDocument *document;
  gpointer first;
  const char *id;

  document = nawat_codec_from_node (node, &local_error);
  if (document == NULL)
    {
      g_ptr_array_add (batch->problems, g_strdup (local_error->message));
      return TRUE;
    }

  id = nawat_document_get_id (document);
  if (g_hash_table_lookup_extended (batch->ids, id, NULL, &first))
    {
      g_ptr_array_add (batch->problems,
                       g_strdup_printf (_("%s: _id: at byte %lu: the document is given twice in "
                                          "the file (first at byte %lu)"),
                                        id, (unsigned long) offset,
                                        (unsigned long) GPOINTER_TO_SIZE (first)));
      g_object_unref (document);
      return TRUE;
    }
  g_hash_table_insert (batch->ids, (gpointer) id, GSIZE_TO_POINTER (offset));

  if (NAWAT_IS_RUBRIC (document))
    g_hash_table_replace (batch->rubrics,
                          (gpointer) nawat_document_get_id (document),
                          document);

  g_ptr_array_add (batch->documents, document);
  return TRUE;
}

static NawatRubric *
batch_find_rubric (Batch      *batch,
                   const char *id)
{
  NawatRubric *rubric = g_hash_table_lookup (batch->rubrics, id);

  if (rubric != NULL)
    return g_object_ref (rubric);
  if (batch->lookup != NULL && (rubric = batch->lookup (id, batch->user_data)) != NULL)
    return rubric;
  if (g_str_equal (id, NAWAT_DEFAULT_RUBRIC_ID))
    return g_object_ref (nawat_rubric_get_default ());

  return NULL;
}

gboolean
nawat_codec_parse_batch (const char         *data,
                         gsize               length,
                         NawatRubricLookup   lookup,
                         gpointer            user_data,
                         GPtrArray         **documents,
                         GPtrArray         **problems,
                         GError            **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) probs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) rubrics = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  Batch batch = { lookup, user_data, docs, probs, rubrics, ids };

  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  *documents = NULL;
  *problems = NULL;

  if (!nawat_codec_foreach_document (data, length, batch_add, &batch, error))
    return FALSE;

  /* Evaluations are checked once every rubric of the batch is known. */
  for (guint i = 0; i < docs->len; i++)
    {
      NawatDocument *document = g_ptr_array_index (docs, i);
      g_autoptr(NawatRubric) rubric = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *rubric_id;

      if (!NAWAT_IS_EVALUATION (document))
        continue;

      rubric_id = nawat_evaluation_get_rubric (NAWAT_EVALUATION (document));
      rubric = batch_find_rubric (&batch, rubric_id);

      if (rubric == NULL)
        g_ptr_array_add (probs, g_strdup_printf (_("%s: %s: %s"),
                                                 nawat_document_get_id (document), "rubric",
                                                 _("the rubric is not known")));
      else if (!nawat_codec_check_evaluation (NAWAT_EVALUATION (document), rubric, &local_error))
        g_ptr_array_add (probs, g_strdup (local_error->message));
    }

  if (probs->len > 0)
    {
      *problems = g_steal_pointer (&probs);
      return FALSE;
    }

  *documents = g_steal_pointer (&docs);
  return TRUE;
}
