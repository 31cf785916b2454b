/* test-csv.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nawat-csv.h"

/* Parses @data (NUL-terminated) and checks it was UTF-8 or TIS-620. */
static GPtrArray *
parse (const char       *data,
       NawatCsvEncoding  expected)
{
  g_autoptr(GError) error = NULL;
  NawatCsvEncoding encoding = 99;
  GPtrArray *rows;

  rows = nawat_csv_parse (data, strlen (data), &encoding, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpint (encoding, ==, expected);
  return rows;
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *expected)
{
  g_assert_cmpuint (index, <, rows->len);
  g_assert_cmpstrv (g_ptr_array_index (rows, index), expected);
}

static void
test_bom_crlf (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("\xEF\xBB\xBFรหัส,ชื่อโครงการ\r\np-1,น้ำสะอาด\r\np-2,Clean air\r\n",
           NAWAT_CSV_ENCODING_UTF8);

  g_assert_cmpuint (rows->len, ==, 3);
  /* The byte order mark is not part of the first header. */
  assert_row (rows, 0, (const char *[]) { "รหัส", "ชื่อโครงการ", NULL });
  assert_row (rows, 1, (const char *[]) { "p-1", "น้ำสะอาด", NULL });
  assert_row (rows, 2, (const char *[]) { "p-2", "Clean air", NULL });
}

static void
test_quoted (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("code,summary,partners\n"
           "p-1,\"line one\r\nline two\nline three\",\"a, b \"\"c\"\"\"\n"
           "p-2,,\"\"\n"
           "p-3,plain \"quote\" inside,x",
           NAWAT_CSV_ENCODING_UTF8);

  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 1, (const char *[]) { "p-1", "line one\nline two\nline three",
                                          "a, b \"c\"", NULL });
  assert_row (rows, 2, (const char *[]) { "p-2", "", "", NULL });
  /* Without a final line end, and a quote inside an unquoted field. */
  assert_row (rows, 3, (const char *[]) { "p-3", "plain \"quote\" inside", "x", NULL });
}

static void
test_tis620 (void)
{
  /* "จังหวัด,ชื่อ\nเชียงใหม่,ทดสอบ\n" in TIS-620, written byte by byte. */
  g_autoptr(GPtrArray) rows =
    parse ("\xA8\xD1\xA7\xCB\xC7\xD1\xB4,\xAA\xD7\xE8\xCD\n"
           "\xE0\xAA\xD5\xC2\xA7\xE3\xCB\xC1\xE8,\"\xB7\xB4\xCA\xCD\xBA\"\n",
           NAWAT_CSV_ENCODING_TIS620);

  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, (const char *[]) { "จังหวัด", "ชื่อ", NULL });
  assert_row (rows, 1, (const char *[]) { "เชียงใหม่", "ทดสอบ", NULL });
}

static void
test_windows874 (void)
{
  /* Windows-874's curly quotes and ellipsis, beside Thai. */
  g_autoptr(GPtrArray) rows = parse ("\x93\xA1\x94\x85\n", NAWAT_CSV_ENCODING_TIS620);

  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, (const char *[]) { "“ก”…", NULL });
}

static void
test_ragged (void)
{
  g_autoptr(GPtrArray) rows =
    parse ("a,b,c\n1\n\n1,2,3,4\n,\n", NAWAT_CSV_ENCODING_UTF8);

  /* Each row keeps its own length; the blank line is left out, but a
   * line of two empty fields is a row.
   */
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 0, (const char *[]) { "a", "b", "c", NULL });
  assert_row (rows, 1, (const char *[]) { "1", NULL });
  assert_row (rows, 2, (const char *[]) { "1", "2", "3", "4", NULL });
  assert_row (rows, 3, (const char *[]) { "", "", NULL });
}

static void
assert_refused (const char   *data,
                gsize         length,
                NawatCsvError code,
                const char   *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  if (length == (gsize) -1)
    length = strlen (data);
  rows = nawat_csv_parse (data, length, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, NAWAT_CSV_ERROR, (int) code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_refused (void)
{
  const char nul[] = "a,b\nc,d\ne\0f\n";

  /* The line where the quote opens, not where the data ends. */
  assert_refused ("code,title\np-1,ok\np-2,\"never\nclosed,\n", (gsize) -1,
                  NAWAT_CSV_ERROR_MALFORMED, "line 3: the quote that opens a field");
  assert_refused ("a,b\n\"x\"y,z\n", (gsize) -1, NAWAT_CSV_ERROR_MALFORMED,
                  "line 2: text follows the closing quote");
  assert_refused (nul, sizeof nul - 1, NAWAT_CSV_ERROR_MALFORMED, "line 3: the file holds a NUL");
  /* Not Windows-874 either: 0xFF has no character there. */
  assert_refused ("a\nb\n\xA1\xFF\n", (gsize) -1, NAWAT_CSV_ERROR_ENCODING,
                  "line 3: byte 0xFF is neither UTF-8 nor TIS-620");
  /* A byte order mark says UTF-8: no guessing then. */
  assert_refused ("\xEF\xBB\xBF" "a\n\xA1\n", (gsize) -1, NAWAT_CSV_ERROR_ENCODING,
                  "line 2: byte 0xA1 is not valid UTF-8");
}

static void
test_write_round_trip (void)
{
  const char *cells[] = { "p-1", "a, b", "say \"hi\"", "two\nlines", "", "ไทย", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  nawat_csv_append_row (out, cells);
  g_assert_cmpstr (out->str, ==, "p-1,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",,ไทย\r\n");

  dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "rows.csv", NULL);
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);

  rows = nawat_csv_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (rows, 0, cells);

  g_unlink (path);
  g_rmdir (dir);
}

/* Rows of random cells (commas, quotes, new lines, Thai, empty cells)
 * read back as they were written.
 */
static void
test_random_round_trip (void)
{
  static const char * const pieces[] = { "a", "Z", ",", "\"", "\n", " ", "ไทย", "น้ำ", "", "\"\"" };

  for (guint n = 0; n < 500; n++)
    {
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      guint n_rows = g_test_rand_int_range (1, 5);

      for (guint r = 0; r < n_rows; r++)
        {
          g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
          guint n_cells = g_test_rand_int_range (1, 5);
          GStrv cells;

          for (guint c = 0; c < n_cells; c++)
            {
              g_autoptr(GString) cell = g_string_new (NULL);
              guint length = g_test_rand_int_range (0, 6);

              for (guint k = 0; k < length; k++)
                g_string_append (cell, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
              g_strv_builder_add (row, cell->str);
            }
          cells = g_strv_builder_end (row);
          nawat_csv_append_row (out, (const char * const *) cells);
          g_ptr_array_add (written, cells);
        }

      rows = nawat_csv_parse (out->str, out->len, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, written->len);
      for (guint r = 0; r < rows->len; r++)
        g_assert_cmpstrv (g_ptr_array_index (rows, r), g_ptr_array_index (written, r));
    }
}

/* Random bytes: rows or an error, never a crash or a row that is not
 * UTF-8.
 */
static void
test_random_bytes (void)
{
  static const char bytes[] = { ',', '"', '\r', '\n', 'a', '\xA1', '\xE0', '\xEF', '\xBB',
                                '\xBF', '\xFF', '\x93', '\0' };

  for (guint n = 0; n < 2000; n++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      char data[32];
      guint length = g_test_rand_int_range (0, sizeof data);

      for (guint i = 0; i < length; i++)
        data[i] = bytes[g_test_rand_int_range (0, G_N_ELEMENTS (bytes))];
      rows = nawat_csv_parse (data, length, NULL, &error);
      g_assert_true ((rows == NULL) != (error == NULL));
      for (guint r = 0; rows != NULL && r < rows->len; r++)
        {
          const char * const *cells = g_ptr_array_index (rows, r);

          for (guint c = 0; cells[c] != NULL; c++)
            g_assert_true (g_utf8_validate (cells[c], -1, NULL));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nawat/csv/bom-crlf", test_bom_crlf);
  g_test_add_func ("/nawat/csv/quoted", test_quoted);
  g_test_add_func ("/nawat/csv/tis620", test_tis620);
  g_test_add_func ("/nawat/csv/windows874", test_windows874);
  g_test_add_func ("/nawat/csv/ragged", test_ragged);
  g_test_add_func ("/nawat/csv/refused", test_refused);
  g_test_add_func ("/nawat/csv/write-round-trip", test_write_round_trip);
  g_test_add_func ("/nawat/csv/random-round-trip", test_random_round_trip);
  g_test_add_func ("/nawat/csv/random-bytes", test_random_bytes);

  return g_test_run ();
}
