/* test-xlsx.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nawat-xlsx.h"

/* The workbooks are written here by a real spreadsheet library, Python's
 * openpyxl ($NAWAT_OPENPYXL_PYTHON, found by tests/meson.build; it writes
 * its texts as inline strings, Thai as numeric character references), and
 * by hand with Python's zipfile for what openpyxl does not write (shared
 * strings, rich text runs, the 1904 date system); openpyxl then reads the
 * hand-made one back, so it is a workbook a spreadsheet accepts.
 */

/* Workbook "two.xlsx": the sheet "โครงการ" then "สรุป". */
static const char openpyxl_script[] =
  "import sys, datetime, openpyxl\n"
  "wb = openpyxl.Workbook()\n"
  "ws = wb.active\n"
  "ws.title = 'โครงการ'\n"
  "ws.append(['รหัส', 'ชื่อโครงการ', 'งบประมาณ', 'วันที่ส่ง', 'คะแนน', 'หมายเหตุ'])\n"
  "ws.append(['p001', 'น้ำสะอาดเพื่อชุมชน', 2500000, datetime.date(2024, 3, 1), 3.75, 'ภาคเหนือ'])\n"
  "ws.append(['p002', None, 1234.5, datetime.datetime(2024, 3, 1, 8, 30), 1 / 3, True])\n"
  "ws['A5'] = 'p003'\n"
  "ws['F5'] = -42\n"
  "ws['B6'] = datetime.date(2023, 12, 31)\n"
  "ws['B6'].number_format = 'mm-dd-yy'\n"
  "ws['C6'] = datetime.time(8, 30)\n"
  "ws['D6'] = datetime.date(2024, 1, 15)\n"
  "ws['D6'].number_format = 'ว/ด/ปปปป'\n"
  "ws['E6'] = 1234567.891\n"
  "ws['E6'].number_format = '#,##0.00 \"บาท\"'\n"
  "ws['F6'] = False\n"
  "other = wb.create_sheet('สรุป')\n"
  "other.append(['ภูมิภาค', 'จำนวน'])\n"
  "other.append(['ภาคใต้', 7])\n"
  "wb.save(sys.argv[1])\n";

/* Workbook "hand.xlsx": what openpyxl does not write. */
static const char zipfile_script[] =
  "import sys, zipfile, openpyxl\n"
  "ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'\n"
  "rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'\n"
  "parts = {\n"
  " '[Content_Types].xml': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">'\n"
  "   '<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>'\n"
  "   '<Default Extension=\"xml\" ContentType=\"application/xml\"/>'\n"
  "   '<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>'\n"
  "   '<Override PartName=\"/xl/worksheets/data.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>'\n"
  "   '<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>'\n"
  "   '<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>'\n"
  "   '</Types>',\n"
  " '_rels/.rels': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">'\n"
  "   '<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>',\n"
  " 'xl/workbook.xml': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"' + ns + '\" xmlns:r=\"' + rel + '\">'\n"
  "   '<workbookPr date1904=\"1\"/><sheets><sheet name=\"ข้อมูล\" sheetId=\"7\" r:id=\"rId9\"/></sheets></workbook>',\n"
  " 'xl/_rels/workbook.xml.rels': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">'\n"
  "   '<Relationship Id=\"rId9\" Type=\"' + rel + '/worksheet\" Target=\"/xl/worksheets/data.xml\"/>'\n"
  "   '<Relationship Id=\"rId2\" Type=\"' + rel + '/sharedStrings\" Target=\"sharedStrings.xml\"/>'\n"
  "   '<Relationship Id=\"rId3\" Type=\"' + rel + '/styles\" Target=\"styles.xml\"/></Relationships>',\n"
  " 'xl/sharedStrings.xml': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"' + ns + '\" count=\"2\" uniqueCount=\"2\">'\n"
  "   '<si><t>รหัส</t></si>'\n"
  "   '<si><r><rPr><b/></rPr><t>โครงการ</t></r><r><t xml:space=\"preserve\"> ปลูกป่า &amp; ชุมชน</t></r>'\n"
  "   '<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh></si></sst>',\n"
  " 'xl/styles.xml': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"' + ns + '\">'\n"
  "   '<numFmts count=\"1\"><numFmt numFmtId=\"200\" formatCode=\"[$-th-TH]d mmmm bbbb\"/></numFmts>'\n"
  "   '<fonts count=\"1\"><font/></fonts><fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders>'\n"
  "   '<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>'\n"
  "   '<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"200\"/><xf numFmtId=\"22\"/></cellXfs></styleSheet>',\n"
  " 'xl/worksheets/data.xml': '<?xml version=\"1.0\" encoding=\"UTF-8\"?><x:worksheet xmlns:x=\"' + ns + '\"><x:sheetData>'\n"
  "   '<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"inlineStr\"><x:is><x:t>ชื่อ</x:t></x:is></x:c></x:row>'\n"
  "   '<x:row r=\"2\"><x:c r=\"A2\" t=\"s\" s=\"0\"><x:v>1</x:v></x:c>'\n"
  "   '<x:c r=\"C2\" t=\"inlineStr\"><x:is><x:r><x:t>ก_x000D_</x:t></x:r><x:r><x:t>ข_x005F_x0041_</x:t></x:r></x:is></x:c>'\n"
  "   '<x:c r=\"D2\" s=\"1\"><x:v>0</x:v></x:c><x:c r=\"E2\" s=\"2\"><x:v>43890.5</x:v></x:c>'\n"
  "   '<x:c r=\"F2\" t=\"e\"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r=\"G2\" t=\"str\"><x:f>A1&amp;\"!\"</x:f><x:v>รหัส!</x:v></x:c>'\n"
  "   '<x:c r=\"H2\" s=\"2\"/><x:c r=\"I2\"><x:v>0.30000000000000004</x:v></x:c><x:c r=\"J2\"><x:v>1.5E+20</x:v></x:c></x:row>'\n"
  "   '</x:sheetData></x:worksheet>',\n"
  "}\n"
  "with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:\n"
  "    for name, text in parts.items():\n"
  "        z.writestr(name, text.encode('utf-8'))\n"
  "wb = openpyxl.load_workbook(sys.argv[1])\n"
  "assert wb.sheetnames == ['ข้อมูล'], wb.sheetnames\n";

/* Other files: a zip without a workbook, a workbook whose sheet is not
 * XML, a workbook whose cell refers to a shared string it lacks, one with
 * a row inside a row, one that asks for more cells than are held.
 */
static const char broken_script[] =
  "import re, sys, zipfile, openpyxl\n"
  "with zipfile.ZipFile(sys.argv[1] + '/notes.zip', 'w') as z:\n"
  "    z.writestr('notes.txt', 'ไม่ใช่สมุดงาน')\n"
  "wb = openpyxl.Workbook()\n"
  "wb.active.append(['รหัส', 1])\n"
  "wb.save(sys.argv[1] + '/good.xlsx')\n"
  "def rewrite(target, change):\n"
  "    with zipfile.ZipFile(sys.argv[1] + '/good.xlsx') as src, zipfile.ZipFile(target, 'w') as dst:\n"
  "        for item in src.infolist():\n"
  "            dst.writestr(item, change(item.filename, src.read(item.filename)))\n"
  "rewrite(sys.argv[1] + '/bad-xml.xlsx',\n"
  "        lambda n, d: d.replace(b'</sheetData>', b'<row>') if n == 'xl/worksheets/sheet1.xml' else d)\n"
  "rewrite(sys.argv[1] + '/bad-index.xlsx',\n"
  "        lambda n, d: re.sub(rb'<c r=\"A1\".*?</c>', b'<c r=\"A1\" t=\"s\"><v>99</v></c>', d)\n"
  "                     if n == 'xl/worksheets/sheet1.xml' else d)\n"
  "def sheet_data(rows):\n"
  "    return lambda n, d: re.sub(rb'<sheetData>.*</sheetData>', b'<sheetData>' + rows + b'</sheetData>', d)\\\n"
  "                        if n == 'xl/worksheets/sheet1.xml' else d\n"
  "rewrite(sys.argv[1] + '/nested.xlsx', sheet_data(b'<row r=\"1\"><row r=\"2\"></row></row>'))\n"
  "rewrite(sys.argv[1] + '/bomb.xlsx',\n"
  "        sheet_data(b''.join(b'<row r=\"%d\"><c r=\"XFD%d\" t=\"n\"><v>1</v></c></row>' % (i, i)\n"
  "                            for i in range(1, 3001))))\n";

typedef struct
{
  char *dir;
} Fixture;

static void
run_python (const char *script,
            const char *argument)
{
  const char *python = g_getenv ("NAWAT_OPENPYXL_PYTHON");
  const char *argv[] = { python, "-c", script, argument, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (python == NULL || *python == '\0')
    g_error ("No Python with openpyxl: install python3-openpyxl (build-aux/install-deps)");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", error->message, err);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-xlsx-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_workbook (Fixture    *fixture,
                const char *script,
                const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  run_python (script, path);
  return path;
}

static void
assert_row (GPtrArray          *rows,
            guint               index,
            const char * const *expected)
{
  char **row;

  g_assert_cmpuint (index, <, rows->len);
  row = g_ptr_array_index (rows, index);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (row[i] == NULL)
        g_error ("row %u ends at %u, expected “%s”", index + 1, i, expected[i]);
      g_assert_cmpstr (row[i], ==, expected[i]);
    }
  g_assert_cmpuint (g_strv_length (row), ==, g_strv_length ((char **) expected));
}

static void
test_first_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, openpyxl_script, "two.xlsx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = nawat_xlsx_read_rows (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  g_assert_cmpuint (rows->len, ==, 6);

  assert_row (rows, 0, (const char *[]) { "รหัส", "ชื่อโครงการ", "งบประมาณ", "วันที่ส่ง", "คะแนน",
                                          "หมายเหตุ", NULL });
  /* An integer without ".0"; a date as a date. */
  assert_row (rows, 1, (const char *[]) { "p001", "น้ำสะอาดเพื่อชุมชน", "2500000", "2024-03-01",
                                          "3.75", "ภาคเหนือ", NULL });
  /* An empty cell in the middle; a date with its time; 1/3 as a
   * spreadsheet stores it (16 digits); a boolean.
   */
  assert_row (rows, 2, (const char *[]) { "p002", "", "1234.5", "2024-03-01T08:30:00",
                                          "0.3333333333333333", "TRUE", NULL });
  /* Row 4 is empty and stays in its place. */
  assert_row (rows, 3, (const char *[]) { NULL });
  assert_row (rows, 4, (const char *[]) { "p003", "", "", "", "", "-42", NULL });
  /* Built-in date format 14, a time alone, a Thai date format, a number
   * format with text that is no date.
   */
  assert_row (rows, 5, (const char *[]) { "", "2023-12-31", "08:30:00", "2024-01-15",
                                          "1234567.891", "FALSE", NULL });
}

static void
test_named_sheet (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, openpyxl_script, "two.xlsx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = nawat_xlsx_read_rows (path, "สรุป", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, (const char *[]) { "ภูมิภาค", "จำนวน", NULL });
  assert_row (rows, 1, (const char *[]) { "ภาคใต้", "7", NULL });

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = nawat_xlsx_read_rows (path, "ไม่มี", &error);
  g_assert_null (rows);
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NO_SHEET);
  /* The message names the sheet asked for and the ones there are. */
  g_assert_nonnull (strstr (error->message, "“ไม่มี”"));
  g_assert_nonnull (strstr (error->message, "โครงการ, สรุป"));
}

/* The sheets' names, in the workbook's order, for a user to choose from. */
static void
test_sheet_names (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, openpyxl_script, "two.xlsx");
  g_autofree char *text = g_build_filename (fixture->dir, "text.xlsx", NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  names = nawat_xlsx_list_sheets (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "โครงการ");
  g_assert_cmpstr (names[1], ==, "สรุป");
  g_clear_pointer (&names, g_strfreev);

  /* Not a workbook: the reason, and no names. */
  g_assert_true (g_file_set_contents (text, "code,title\np1,น้ำ\n", -1, NULL));
  names = nawat_xlsx_list_sheets (text, &error);
  g_assert_null (names);
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_ZIP);
  g_assert_nonnull (strstr (error->message, "text.xlsx"));
}

/* Inline strings, rich text without its phonetic run, a shared string with
 * an entity, escaped characters (_x000D_, and _x005F_ for a literal "_"), the 1904 date system with a custom Buddhist-year format and
 * built-in format 22, an error's code, a formula's text, a styled cell
 * without a value, numbers of 17 digits and with an exponent, prefixed
 * element names, an absolute relationship target.
 */
static void
test_hand_made (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_workbook (fixture, zipfile_script, "hand.xlsx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  rows = nawat_xlsx_read_rows (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  assert_row (rows, 0, (const char *[]) { "รหัส", "ชื่อ", NULL });
  /* 1904 system: day 0 is 1904-01-01; 43890.5 is 2024-03-01 12:00. */
  assert_row (rows, 1, (const char *[]) { "โครงการ ปลูกป่า & ชุมชน", "", "ก\rข_x0041_", "1904-01-01",
                                          "2024-03-01T12:00:00", "#DIV/0!", "รหัส!", "",
                                          "0.30000000000000004", "1.5e+20", NULL });
}

static void
test_not_workbooks (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = g_build_filename (fixture->dir, "text.xlsx", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.xlsx", NULL);
  g_autofree char *notes = g_build_filename (fixture->dir, "notes.zip", NULL);
  g_autofree char *good = g_build_filename (fixture->dir, "good.xlsx", NULL);
  g_autofree char *truncated = g_build_filename (fixture->dir, "truncated.xlsx", NULL);
  g_autofree char *bad_xml = g_build_filename (fixture->dir, "bad-xml.xlsx", NULL);
  g_autofree char *bad_index = g_build_filename (fixture->dir, "bad-index.xlsx", NULL);
  g_autofree char *nested = g_build_filename (fixture->dir, "nested.xlsx", NULL);
  g_autofree char *bomb = g_build_filename (fixture->dir, "bomb.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  run_python (broken_script, fixture->dir);

  g_assert_true (g_file_set_contents (text, "code,title\np1,น้ำ\n", -1, NULL));
  g_assert_null (nawat_xlsx_read_rows (text, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_ZIP);
  g_assert_nonnull (strstr (error->message, "text.xlsx"));
  g_clear_error (&error);

  g_assert_null (nawat_xlsx_read_rows (missing, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "missing.xlsx"));
  g_clear_error (&error);

  g_assert_null (nawat_xlsx_read_rows (notes, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_WORKBOOK);
  g_clear_error (&error);

  /* The first half of a real workbook: its directory is gone. */
  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  g_assert_null (nawat_xlsx_read_rows (truncated, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_NOT_ZIP);
  g_clear_error (&error);

  g_assert_null (nawat_xlsx_read_rows (bad_xml, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
  g_clear_error (&error);

  g_assert_null (nawat_xlsx_read_rows (bad_index, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "A1"));
  g_clear_error (&error);

  g_assert_null (nawat_xlsx_read_rows (nested, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED);
  g_clear_error (&error);

  /* 3,000 rows with a cell in the last column, XFD: 49 million cells
   * once the empty ones are counted, refused before they are made.
   */
  g_assert_null (nawat_xlsx_read_rows (bomb, NULL, &error));
  g_assert_error (error, NAWAT_XLSX_ERROR, NAWAT_XLSX_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "20000000"));
  g_clear_error (&error);

  /* The good one reads. */
  rows = nawat_xlsx_read_rows (good, NULL, &error);
  g_assert_no_error (error);
  assert_row (rows, 0, (const char *[]) { "รหัส", "1", NULL });
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/xlsx/first-sheet", Fixture, NULL, fixture_setup, test_first_sheet,
              fixture_teardown);
  g_test_add ("/nawat/xlsx/named-sheet", Fixture, NULL, fixture_setup, test_named_sheet,
              fixture_teardown);
  g_test_add ("/nawat/xlsx/sheet-names", Fixture, NULL, fixture_setup, test_sheet_names,
              fixture_teardown);
  g_test_add ("/nawat/xlsx/hand-made", Fixture, NULL, fixture_setup, test_hand_made,
              fixture_teardown);
  g_test_add ("/nawat/xlsx/not-workbooks", Fixture, NULL, fixture_setup, test_not_workbooks,
              fixture_teardown);

  return g_test_run ();
}
