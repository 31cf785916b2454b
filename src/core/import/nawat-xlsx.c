/* nawat-xlsx.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-xlsx.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf-infile-zip.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <math.h>
#include <string.h>

/* An .xlsx file is a zip archive of XML parts (ECMA-376, "Office Open
 * XML"): libgsf reads the archive, as Gnumeric does, and GMarkup the few
 * parts a table needs.  xl/workbook.xml names the sheets and their
 * relationship ids, xl/_rels/workbook.xml.rels maps those to the sheets'
 * parts, xl/sharedStrings.xml holds the texts that cells refer to by index,
 * and xl/styles.xml the number format of each cell style, which is all
 * that tells a date from a number.  Each part is parsed as it is
 * decompressed, so a large sheet is never held whole in memory.
 */

G_DEFINE_QUARK (nawat-xlsx-error-quark, nawat_xlsx_error)

#define READ_CHUNK (64 * 1024)
/* The largest sheet Excel makes: 1,048,576 rows of 16,384 columns (XFD). */
#define MAX_ROWS    1048576
#define MAX_COLUMNS 16384
/* The cells held, empty ones included: a few kilobytes of compressed XML
 * could otherwise ask for every cell of the largest sheet.  400,000
 * proposals of 25 columns fit.
 */
#define MAX_CELLS   (20 * 1000 * 1000)

typedef enum
{
  KIND_NUMBER = 0,
  KIND_DATE   = 1 << 0,
  KIND_TIME   = 1 << 1,
} FormatKind;

/* The element's name without its namespace prefix ("x:row" → "row"). */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
find_attribute (const char **names,
                const char **values,
                const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (local_name (names[i]), wanted))
      return values[i];
  return NULL;
}

/* Parts */

static GsfInput *
open_part (GsfInfile  *zip,
           const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);

  return gsf_infile_child_by_aname (zip, (const char **) parts);
}

static gboolean
parse_input (GsfInput             *input,
             const char           *name,
             const GMarkupParser  *parser,
             gpointer              user_data,
             GError              **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GError) local_error = NULL;
  gsf_off_t remaining;

  context = g_markup_parse_context_new (parser, G_MARKUP_PREFIX_ERROR_POSITION, user_data, NULL);
  buffer = g_malloc (READ_CHUNK);
  remaining = gsf_input_remaining (input);
  while (remaining > 0 && local_error == NULL)
    {
      gsize n = MIN (remaining, READ_CHUNK);

      if (gsf_input_read (input, n, buffer) == NULL)
        {
          g_set_error (&local_error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                       _("The workbook’s part %s is damaged"), name);
          break;
        }
      remaining -= n;
      g_markup_parse_context_parse (context, (const char *) buffer, n, &local_error);
    }
  if (local_error == NULL)
    g_markup_parse_context_end_parse (context, &local_error);
  if (local_error == NULL)
    return TRUE;

  if (local_error->domain == NAWAT_XLSX_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                 _("The workbook’s part %s cannot be read: %s"), name, local_error->message);
  return FALSE;
}

/* Parses the part @name with @parser; a missing part sets @missing, or is
 * an error without one.
 */
static gboolean
parse_part (GsfInfile            *zip,
            const char           *name,
            const GMarkupParser  *parser,
            gpointer              user_data,
            gboolean             *missing,
            GError              **error)
{
  GsfInput *input = open_part (zip, name);
  gboolean ok;

  if (missing != NULL)
    *missing = input == NULL;
  if (input == NULL && missing == NULL)
    g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                 _("The workbook has no part %s"), name);
  if (input == NULL)
    return missing != NULL;
  ok = parse_input (input, name, parser, user_data, error);
  g_object_unref (input);
  return ok;
}

/* xl/workbook.xml: the sheets in their order, and the date system. */

typedef struct
{
  GPtrArray *names;
  GPtrArray *ids;
  gboolean   date1904;
} Workbook;

static void
workbook_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  Workbook *workbook = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "sheet"))
    {
      const char *sheet = find_attribute (names, values, "name");
      const char *id = NULL;

      /* r:id, in the relationships' namespace (not the sheet's sheetId) */
      for (guint i = 0; names[i] != NULL; i++)
        if (strchr (names[i], ':') != NULL && g_str_equal (local_name (names[i]), "id"))
          id = values[i];
      if (sheet != NULL && id != NULL)
        {
          g_ptr_array_add (workbook->names, g_strdup (sheet));
          g_ptr_array_add (workbook->ids, g_strdup (id));
        }
    }
  else if (g_str_equal (name, "workbookPr"))
    {
      const char *date1904 = find_attribute (names, values, "date1904");

      workbook->date1904 = date1904 != NULL &&
                           (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    }
}

/* xl/_rels/workbook.xml.rels: relationship id → part */

static void
rels_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  GHashTable *targets = user_data;
  const char *id, *target;

  if (!g_str_equal (local_name (element), "Relationship"))
    return;
  id = find_attribute (names, values, "Id");
  target = find_attribute (names, values, "Target");
  if (id == NULL || target == NULL)
    return;
  /* Targets are relative to xl/, or absolute in the package. */
  if (target[0] == '/')
    g_hash_table_insert (targets, g_strdup (id), g_strdup (target + 1));
  else
    g_hash_table_insert (targets, g_strdup (id), g_strconcat ("xl/", target, NULL));
}

/* Text: <t> elements, outside phonetic runs (<rPh>), as in both the shared
 * strings and inline strings.
 */
typedef struct
{
  GString *text;
  int      phonetic;
  gboolean in_t;
} TextState;

static void
text_start (TextState  *state,
            const char *name)
{
  if (g_str_equal (name, "rPh"))
    state->phonetic++;
  else if (g_str_equal (name, "t") && state->phonetic == 0)
    state->in_t = TRUE;
}

static void
text_end (TextState  *state,
          const char *name)
{
  if (g_str_equal (name, "rPh"))
    state->phonetic--;
  else if (g_str_equal (name, "t"))
    state->in_t = FALSE;
}

/* Texts escape the characters XML cannot carry as they are (a carriage
 * return, which XML turns into a line feed, control characters) as
 * _xHHHH_, and a literal "_x" that would read as one as _x005F_x
 * (ECMA-376 part 1, 22.9.2.19, ST_Xstring).
 */
static char *
unescape_text (const char *text,
               gsize       length)
{
  GString *s = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '_' && i + 6 < length && text[i + 1] == 'x' && text[i + 6] == '_' &&
          g_ascii_isxdigit (text[i + 2]) && g_ascii_isxdigit (text[i + 3]) &&
          g_ascii_isxdigit (text[i + 4]) && g_ascii_isxdigit (text[i + 5]))
        {
          gunichar c = 0;

          for (int j = 2; j < 6; j++)
            c = c * 16 + g_ascii_xdigit_value (text[i + j]);
          if (c != 0 && g_unichar_validate (c))
            {
              g_string_append_unichar (s, c);
              i += 6;
              continue;
            }
        }
      g_string_append_c (s, text[i]);
    }
  return g_string_free (s, FALSE);
}

/* xl/sharedStrings.xml */

typedef struct
{
  GPtrArray *strings;
  TextState  text;
  gboolean   in_si;
} SharedStrings;

static void
strings_start (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  SharedStrings *s = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      s->in_si = TRUE;
      g_string_truncate (s->text.text, 0);
    }
  else if (s->in_si)
    text_start (&s->text, name);
}

static void
strings_end (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  SharedStrings *s = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      s->in_si = FALSE;
      g_ptr_array_add (s->strings, unescape_text (s->text.text->str, s->text.text->len));
    }
  else if (s->in_si)
    text_end (&s->text, name);
}

static void
strings_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  SharedStrings *s = user_data;

  if (s->in_si && s->text.in_t)
    g_string_append_len (s->text.text, text, length);
}

/* xl/styles.xml: which cell styles (the s="" of a cell) are dates. */

typedef struct
{
  GHashTable *formats;   /* numFmtId → FormatKind */
  GArray     *styles;    /* FormatKind per cellXfs entry */
  gboolean    in_cell_xfs;
} Styles;

/* The built-in formats that are dates or times: ECMA-376 part 1, 18.8.30,
 * with the East Asian and the Thai ones (71–81: ว/ด/ปปปป, ช:นน, …).
 */
static FormatKind
builtin_format_kind (guint id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58) || (id >= 71 && id <= 74) || id == 81)
    return KIND_DATE;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47) ||
      (id >= 75 && id <= 76) || (id >= 78 && id <= 80))
    return KIND_TIME;
  if (id == 22 || id == 77)
    return KIND_DATE | KIND_TIME;
  return KIND_NUMBER;
}

/* A format code's kind, from its first section: its date (y, d, m, b for
 * the Buddhist year, and the Thai ว ด ป) and time (h, s, [h], and the
 * Thai ช น ท) tokens, leaving out quoted text, escaped characters and
 * bracketed colours, conditions and locales.  An m beside h or s is
 * minutes.
 */
static FormatKind
format_code_kind (const char *code)
{
  gboolean date = FALSE, time = FALSE, month = FALSE;

  for (const char *p = code; *p != '\0' && *p != ';'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        {
          const char *end = strchr (p + 1, '"');

          if (end == NULL)
            break;
          p = end;
        }
      else if ((c == '\\' || c == '_' || c == '*') && p[1] != '\0')
        p++;
      else if (c == '[')
        {
          const char *end = strchr (p, ']');

          if (end == NULL)
            break;
          if (strchr ("hHmMsS", p[1]) != NULL)
            time = TRUE;
          p = end;
        }
      else if (strchr ("yYdDbB", c) != NULL || c == 0x0E27 || c == 0x0E14 || c == 0x0E1B)
        date = TRUE;
      else if (c == 'm' || c == 'M')
        month = TRUE;
      else if (strchr ("hHsS", c) != NULL || c == 0x0E0A || c == 0x0E19 || c == 0x0E17)
        time = TRUE;
    }
  if (month && !time)
    date = TRUE;
  return (date ? KIND_DATE : 0) | (time ? KIND_TIME : 0);
}

static void
styles_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  Styles *styles = user_data;
  const char *name = local_name (element);
  const char *id = find_attribute (names, values, "numFmtId");
  guint64 number = 0;

  if (g_str_equal (name, "cellXfs"))
    styles->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "numFmt") && id != NULL &&
           g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
    {
      const char *code = find_attribute (names, values, "formatCode");

      g_hash_table_insert (styles->formats, GUINT_TO_POINTER ((guint) number),
                           GUINT_TO_POINTER (code != NULL ? format_code_kind (code) : KIND_NUMBER));
    }
  else if (g_str_equal (name, "xf") && styles->in_cell_xfs)
    {
      FormatKind kind = KIND_NUMBER;
      gpointer value;

      if (id != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT, &number, NULL))
        {
          if (g_hash_table_lookup_extended (styles->formats, GUINT_TO_POINTER ((guint) number),
                                            NULL, &value))
            kind = GPOINTER_TO_UINT (value);
          else
            kind = builtin_format_kind (number);
        }
      g_array_append_val (styles->styles, kind);
    }
}

static void
styles_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  Styles *styles = user_data;

  if (g_str_equal (local_name (element), "cellXfs"))
    styles->in_cell_xfs = FALSE;
}

/* Cell values */

/* "2500000", "0.1", "3.0000000000000004": integers without a fraction, the
 * others with the fewest digits that read back as the same double.
 */
static char *
format_number (const char *stored)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double value = g_ascii_strtod (stored, &end);

  if (end == stored || *end != '\0' || !isfinite (value))
    return g_strdup (stored);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* A date serial number in ISO 8601.  In the 1900 system day 1 is
 * 1900-01-01 and day 60 the 29 February 1900 that Lotus 1-2-3 believed in
 * (no date: the number is kept); in the 1904 system day 0 is 1904-01-01.
 */
static char *
format_date (const char *stored,
             FormatKind  kind,
             gboolean    date1904)
{
  g_autoptr(GDate) date = NULL;
  char *end = NULL;
  double value = g_ascii_strtod (stored, &end);
  gint64 days, seconds;

  if (end == stored || *end != '\0' || !isfinite (value) || value < 0 || value >= 2958466)
    return format_number (stored);
  days = (gint64) floor (value);
  seconds = (gint64) llround ((value - days) * 86400);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }
  if (!(kind & KIND_DATE) && days == 0)
    return g_strdup_printf ("%02d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  if (!date1904 && days == 60)
    return format_number (stored);

  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);

  if (!(kind & KIND_TIME) && seconds == 0)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date),
                          (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
}

/* The sheet */

typedef struct
{
  GPtrArray  *rows;         /* GStrv */
  GPtrArray  *row;          /* the current row's cells */
  GPtrArray  *strings;
  GArray     *styles;
  gboolean    date1904;
  guint64     n_cells;
  /* the current cell */
  char       *reference;
  char       *type;
  guint       style;
  guint       column;
  GString    *value;
  gboolean    in_v;
  gboolean    in_is;
  TextState   text;
} Sheet;

/* "C5" → column 2; FALSE when @reference does not start with A–XFD. */
static gboolean
parse_column (const char *reference,
              guint      *column)
{
  guint n = 0;
  const char *p;

  for (p = reference; g_ascii_isalpha (*p); p++)
    {
      n = n * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (n > MAX_COLUMNS)
        return FALSE;
    }
  if (p == reference || !g_ascii_isdigit (*p))
    return FALSE;
  *column = n - 1;
  return TRUE;
}

/* Counts @n more cells, or rows, held; FALSE with @error beyond
 * MAX_CELLS.
 */
static gboolean
sheet_count_cells (Sheet    *sheet,
                   guint64   n,
                   GError  **error)
{
  sheet->n_cells += n;
  if (sheet->n_cells <= MAX_CELLS)
    return TRUE;
  g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
               _("The sheet is too large: more than %u cells"), (guint) MAX_CELLS);
  return FALSE;
}

static void
sheet_start_row (Sheet        *sheet,
                 const char  **names,
                 const char  **values,
                 GError      **error)
{
  const char *r = find_attribute (names, values, "r");
  guint64 number = sheet->rows->len + 1;

  if (sheet->row != NULL ||
      (r != NULL && (!g_ascii_string_to_unsigned (r, 10, 1, MAX_ROWS, &number, NULL) ||
                     number <= sheet->rows->len)))
    {
      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                   _("The sheet’s row “%s” is out of order or out of range"), r != NULL ? r : "");
      return;
    }
  if (!sheet_count_cells (sheet, number - sheet->rows->len, error))
    return;
  /* Empty rows are not written: they come back as empty rows. */
  while (sheet->rows->len + 1 < number)
    g_ptr_array_add (sheet->rows, g_new0 (char *, 1));
  sheet->row = g_ptr_array_new_with_free_func (g_free);
}

static void
sheet_start_cell (Sheet        *sheet,
                  const char  **names,
                  const char  **values,
                  GError      **error)
{
  const char *r = find_attribute (names, values, "r");
  const char *s = find_attribute (names, values, "s");
  guint64 style = 0;

  sheet->column = sheet->row->len;
  if (r != NULL && (!parse_column (r, &sheet->column) || sheet->column < sheet->row->len))
    {
      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                   _("The sheet’s cell “%s” is out of order or out of range"), r);
      return;
    }
  if (s != NULL)
    g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT, &style, NULL);
  sheet->style = style;
  g_free (sheet->reference);
  sheet->reference = g_strdup (r != NULL ? r : "");
  g_free (sheet->type);
  sheet->type = g_strdup (find_attribute (names, values, "t"));
  g_string_truncate (sheet->value, 0);
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  Sheet *sheet = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "row"))
    sheet_start_row (sheet, names, values, error);
  else if (g_str_equal (name, "c") && sheet->row != NULL)
    sheet_start_cell (sheet, names, values, error);
  else if (g_str_equal (name, "v"))
    sheet->in_v = TRUE;
  else if (g_str_equal (name, "is"))
    sheet->in_is = TRUE;
  else if (sheet->in_is)
    text_start (&sheet->text, name);
}

/* The text of the cell just read, NULL with @error set when it refers to
 * a shared string the workbook does not have.
 */
static char *
sheet_cell_text (Sheet   *sheet,
                 GError **error)
{
  const char *type = sheet->type != NULL ? sheet->type : "n";
  const char *value = sheet->value->str;
  guint64 index;

  if (g_str_equal (type, "s"))
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &index, NULL) ||
          index >= sheet->strings->len)
        {
          g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED,
                       _("The sheet’s cell %s refers to a text the workbook does not have"),
                       sheet->reference);
          return NULL;
        }
      return g_strdup (g_ptr_array_index (sheet->strings, index));
    }
  if (g_str_equal (type, "b"))
    return g_strdup (g_str_equal (value, "1") || g_str_equal (value, "true") ? "TRUE" : "FALSE");
  if (g_str_equal (type, "n") && *value != '\0')
    {
      FormatKind kind = sheet->style < sheet->styles->len
                        ? g_array_index (sheet->styles, FormatKind, sheet->style) : KIND_NUMBER;

      return kind != KIND_NUMBER ? format_date (value, kind, sheet->date1904)
                                 : format_number (value);
    }
  if (g_str_equal (type, "inlineStr") || g_str_equal (type, "str"))
    return unescape_text (value, sheet->value->len);
  /* e (an error's code), d (ISO 8601) */
  return g_strdup (value);
}

static void
sheet_end_cell (Sheet   *sheet,
                GError **error)
{
  g_autofree char *text = sheet_cell_text (sheet, error);

  if (text == NULL || *text == '\0' ||
      !sheet_count_cells (sheet, sheet->column + 1 - sheet->row->len, error))
    return;
  while (sheet->row->len < sheet->column)
    g_ptr_array_add (sheet->row, g_strdup (""));
  g_ptr_array_add (sheet->row, g_steal_pointer (&text));
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  Sheet *sheet = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "row") && sheet->row != NULL)
    {
      g_ptr_array_add (sheet->row, NULL);
      g_ptr_array_add (sheet->rows, g_ptr_array_free (g_steal_pointer (&sheet->row), FALSE));
    }
  else if (g_str_equal (name, "c") && sheet->row != NULL)
    sheet_end_cell (sheet, error);
  else if (g_str_equal (name, "v"))
    sheet->in_v = FALSE;
  else if (g_str_equal (name, "is"))
    sheet->in_is = FALSE;
  else if (sheet->in_is)
    text_end (&sheet->text, name);
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              user_data,
            GError              **error)
{
  Sheet *sheet = user_data;

  if (sheet->in_v || (sheet->in_is && sheet->text.in_t))
    g_string_append_len (sheet->value, text, length);
}

/* Reading */

static char *
display_name (const char *path)
{
  return g_filename_display_basename (path);
}

static GsfInfile *
open_workbook (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = display_name (path);
  GsfInput *input;
  GsfInfile *zip;

  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("Cannot open “%s”: %s"),
                   name, local_error != NULL ? local_error->message : "");
      return NULL;
    }
  zip = gsf_infile_zip_new (input, NULL);
  g_object_unref (input);
  if (zip == NULL)
    g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_ZIP,
                 _("“%s” is not an Excel workbook (.xlsx): it is not a zip archive"), name);
  return zip;
}

/* The part of the sheet @sheet_name (NULL: the first) of @workbook. */
static char *
find_sheet_part (GsfInfile   *zip,
                 Workbook    *workbook,
                 const char  *sheet_name,
                 GError     **error)
{
  static const GMarkupParser rels_parser = { rels_start, NULL, NULL, NULL, NULL };
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint index = 0;
  const char *target;

  if (workbook->names->len == 0)
    {
      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NO_SHEET,
                   _("The workbook has no sheet"));
      return NULL;
    }
  if (sheet_name != NULL)
    {
      g_ptr_array_add (workbook->names, NULL);
      if (!g_strv_contains ((const char * const *) workbook->names->pdata, sheet_name))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) workbook->names->pdata);

          g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NO_SHEET,
                       _("The workbook has no sheet named “%s” (its sheets: %s)"),
                       sheet_name, list);
          return NULL;
        }
      while (!g_str_equal (g_ptr_array_index (workbook->names, index), sheet_name))
        index++;
    }

  if (!parse_part (zip, "xl/_rels/workbook.xml.rels", &rels_parser, targets, NULL, error))
    return NULL;
  target = g_hash_table_lookup (targets, g_ptr_array_index (workbook->ids, index));
  if (target == NULL)
    {
      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NO_SHEET,
                   _("The workbook names the sheet “%s” but does not hold it"),
                   (char *) g_ptr_array_index (workbook->names, index));
      return NULL;
    }
  return g_strdup (target);
}

static void
workbook_clear (Workbook *workbook)
{
  g_clear_pointer (&workbook->names, g_ptr_array_unref);
  g_clear_pointer (&workbook->ids, g_ptr_array_unref);
}

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->row, g_ptr_array_unref);
  g_clear_pointer (&sheet->strings, g_ptr_array_unref);
  g_clear_pointer (&sheet->styles, g_array_unref);
  g_clear_pointer (&sheet->reference, g_free);
  g_clear_pointer (&sheet->type, g_free);
  if (sheet->value != NULL)
    g_string_free (g_steal_pointer (&sheet->value), TRUE);
  if (sheet->text.text != NULL)
    g_string_free (g_steal_pointer (&sheet->text.text), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workbook, workbook_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sheet, sheet_clear)

/* The shared strings and the styles' kinds into @sheet; a workbook
 * without strings or styles has none.
 */
static gboolean
read_strings_and_styles (GsfInfile  *zip,
                         Sheet      *sheet,
                         GError    **error)
{
  static const GMarkupParser strings_parser = { strings_start, strings_end, strings_text, NULL, NULL };
  static const GMarkupParser styles_parser = { styles_start, styles_end, NULL, NULL, NULL };
  SharedStrings strings = { sheet->strings, { g_string_new (NULL), 0, FALSE }, FALSE };
  Styles styles = { g_hash_table_new (NULL, NULL), sheet->styles, FALSE };
  gboolean missing;
  gboolean ok;

  ok = parse_part (zip, "xl/sharedStrings.xml", &strings_parser, &strings, &missing, error) &&
       parse_part (zip, "xl/styles.xml", &styles_parser, &styles, &missing, error);
  g_string_free (strings.text.text, TRUE);
  g_hash_table_unref (styles.formats);
  return ok;
}

/* xl/workbook.xml into @workbook. */
static gboolean
read_workbook (GsfInfile   *zip,
               const char  *path,
               Workbook    *workbook,
               GError     **error)
{
  static const GMarkupParser workbook_parser = { workbook_start, NULL, NULL, NULL, NULL };
  gboolean missing = FALSE;

  workbook->names = g_ptr_array_new_with_free_func (g_free);
  workbook->ids = g_ptr_array_new_with_free_func (g_free);
  if (!parse_part (zip, "xl/workbook.xml", &workbook_parser, workbook, &missing, error))
    return FALSE;
  if (missing)
    {
      g_autofree char *name = display_name (path);

      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_WORKBOOK,
                   _("“%s” is not an Excel workbook (.xlsx): it has no workbook part"), name);
      return FALSE;
    }
  return TRUE;
}

static GPtrArray *
read_rows (GsfInfile   *zip,
           const char  *path,
           const char  *sheet_name,
           GError     **error)
{
  static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };
  g_autofree char *part = NULL;
  g_auto(Workbook) workbook = { NULL };
  g_auto(Sheet) sheet = { NULL };
  gboolean missing = FALSE;

  if (!read_workbook (zip, path, &workbook, error))
    return NULL;
  part = find_sheet_part (zip, &workbook, sheet_name, error);
  if (part == NULL)
    return NULL;

  sheet.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sheet.strings = g_ptr_array_new_with_free_func (g_free);
  sheet.styles = g_array_new (FALSE, FALSE, sizeof (FormatKind));
  /* The inline strings' text goes to the cell's value, not sheet.text. */
  sheet.value = g_string_new (NULL);
  sheet.date1904 = workbook.date1904;
  if (!read_strings_and_styles (zip, &sheet, error))
    return NULL;

  if (!parse_part (zip, part, &sheet_parser, &sheet, &missing, error))
    return NULL;
  if (missing)
    {
      g_set_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NO_SHEET,
                   _("The workbook names the sheet part %s but does not hold it"), part);
      return NULL;
    }
  return g_steal_pointer (&sheet.rows);
}

GPtrArray *
nawat_xlsx_read_rows (const char  *path,
                      const char  *sheet_name,
                      GError     **error)
{
  GsfInfile *zip;
  GPtrArray *rows;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zip = open_workbook (path, error);
  if (zip == NULL)
    return NULL;
  rows = read_rows (zip, path, sheet_name, error);
  g_object_unref (zip);
  return rows;
}

char **
nawat_xlsx_list_sheets (const char  *path,
                        GError     **error)
{
  g_auto(Workbook) workbook = { NULL };
  GsfInfile *zip;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zip = open_workbook (path, error);
  if (zip == NULL)
    return NULL;
  ok = read_workbook (zip, path, &workbook, error);
  g_object_unref (zip);
  if (!ok)
    return NULL;
  g_ptr_array_add (workbook.names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&workbook.names), FALSE);
}
