/* test-export-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "nawat-export-dialog.h"
#include "nawat-export-dialog-private.h"
#include "nawat-report.h"
#include "nawat-store.h"
#include "nawat-ui-test.h"
#include "nawat-xlsx.h"

/* Exporting and printing from the UI, on a real store in a temporary
 * directory with the demo call imported; the files written are read back
 * with json-glib, a small RFC 4180 reader and poppler's tools, and compared
 * with the demo data read independently.
 */

/* The demo call in a store of its own, for every test */
static NawatUiTestDemo *fixture;
/* XDG_DATA_HOME and XDG_CONFIG_HOME of the tests */
static char *handler_dir;

/* Helpers */

static const char *
project_id (guint i)
{
  return json_object_get_string_member (g_ptr_array_index (fixture->projects, i), "_id");
}

static const char *
project_title (guint        i,
               const char  *lang)
{
  JsonObject *project = g_ptr_array_index (fixture->projects, i);
  JsonObject *title = json_object_get_object_member (project, "title");

  return json_object_get_string_member_with_default (title, lang, NULL);
}

/* A project of the demo with an English title. */
static guint
english_project (void)
{
  for (guint i = 0; i < fixture->projects->len; i++)
    if (project_title (i, "en") != NULL)
      return i;
  g_assert_not_reached ();
}

static char *
temp_path (const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs an export and waits for it on the main context, which must stay
 * free while the export runs in its thread.
 */
static gboolean
run_export (NawatReportKind     kind,
            NawatExportFormat   format,
            const char         *project,
            const char         *language,
            const char         *evaluator,
            const char         *path,
            GError            **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;

  nawat_export_run_async (nawat_export_request_new (fixture->store, fixture->call_id, kind, format,
                                                    project, language, evaluator),
                          file, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return nawat_export_run_finish (result, error);
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s %s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

static gboolean
have_poppler (void)
{
  g_autofree char *a = g_find_program_in_path ("pdftotext");
  g_autofree char *b = g_find_program_in_path ("pdfinfo");

  return a != NULL && b != NULL;
}

/* @s without white space: a wrapped title breaks where it had a space. */
static char *
squeeze (const char *s)
{
  GString *out = g_string_new (NULL);

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run (argv);

  return squeeze (text);
}

static guint
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *line = strstr (info, "\nPages:");
  guint64 pages = 0;

  g_assert_nonnull (line);
  line += strlen ("\nPages:");
  while (*line == ' ')
    line++;
  pages = g_ascii_strtoull (line, NULL, 10);
  g_assert_cmpuint (pages, >, 0);
  return (guint) pages;
}

static void
assert_pdf_header (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
}

/* RFC 4180: the number of records and the fields of the first one; fails
 * on a quote inside an unquoted field or an unterminated quoted field.
 */
static guint
csv_count_records (const char *data,
                   gsize       length,
                   guint      *n_header_fields,
                   guint      *n_bad_rows)
{
  guint records = 0, fields = 1, header = 0;
  gboolean quoted = FALSE, field_start = TRUE;

  *n_bad_rows = 0;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (quoted)
        {
          if (c == '"' && i + 1 < length && data[i + 1] == '"')
            i++;
          else if (c == '"')
            quoted = FALSE;
          continue;
        }
      if (c == '"')
        {
          g_assert_true (field_start);
          quoted = TRUE;
          field_start = FALSE;
        }
      else if (c == ',')
        {
          fields++;
          field_start = TRUE;
        }
      else if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
        {
          i++;
          if (records == 0)
            header = fields;
          else if (fields != header)
            (*n_bad_rows)++;
          records++;
          fields = 1;
          field_start = TRUE;
        }
      else
        {
          g_assert_true (c != '\n' && c != '\r');
          field_start = FALSE;
        }
    }
  g_assert_false (quoted);
  /* A last record without CRLF. */
  if (!field_start || fields > 1)
    {
      if (records > 0 && fields != header)
        (*n_bad_rows)++;
      records++;
    }
  *n_header_fields = header;
  return records;
}

/* Exports */

static void
test_export_pdf_project (void)
{
  g_autofree char *path = temp_path ("project.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  guint i = english_project ();

  g_assert_true (run_export (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, project_id (i), "en",
                             NULL, path, &error));
  g_assert_no_error (error);
  assert_pdf_header (path);
  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }
  text = pdf_text (path);
  title = squeeze (project_title (i, "en"));
  g_assert_nonnull (strstr (text, title));
}

static void
test_export_pdf_portfolio (void)
{
  g_autofree char *path = temp_path ("portfolio.pdf");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_PDF, NULL, "th", NULL,
                             path, &error));
  g_assert_no_error (error);
  assert_pdf_header (path);
  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }
  /* Every project has a page of its own. */
  g_assert_cmpuint (pdf_pages (path), >, fixture->projects->len);
  text = pdf_text (path);
  for (guint i = 0; i < fixture->projects->len; i++)
    {
      const char *t = project_title (i, "th") != NULL ? project_title (i, "th") :
                                                        project_title (i, "en");
      g_autofree char *title = squeeze (t);

      g_assert_nonnull (strstr (text, title));
    }
}

static void
test_export_csv (void)
{
  g_autofree char *path = temp_path ("portfolio.csv");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint header = 0, bad = 0, records;

  g_assert_true (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_CSV, NULL, NULL, NULL,
                             path, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, (gssize) length, NULL));

  records = csv_count_records (contents, length, &header, &bad);
  g_assert_cmpuint (records, ==, fixture->n_evaluations + 1);
  /* At least the 19 criteria of the default rubric are columns. */
  g_assert_cmpuint (header, >=, 19);
  g_assert_cmpuint (bad, ==, 0);
}

/* The workbook goes through the same exporter: as many rows as the CSV. */
static void
test_export_xlsx (void)
{
  g_autofree char *path = temp_path ("portfolio.xlsx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_XLSX, NULL, NULL, NULL,
                             path, &error));
  g_assert_no_error (error);
  rows = nawat_xlsx_read_rows (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, fixture->n_evaluations + 1);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 0))[0], ==, "project_id");
}

static void
test_export_json (void)
{
  g_autofree char *path = temp_path ("portfolio.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *projects;
  guint n_evaluations = 0;

  g_assert_true (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_JSON, NULL, NULL, NULL,
                             path, &error));
  g_assert_no_error (error);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (root, "call"));
  projects = json_object_get_array_member (root, "projects");
  g_assert_nonnull (projects);
  g_assert_cmpuint (json_array_get_length (projects), ==, fixture->projects->len);
  for (guint i = 0; i < json_array_get_length (projects); i++)
    {
      JsonObject *project = json_array_get_object_element (projects, i);

      n_evaluations += json_array_get_length (json_object_get_array_member (project,
                                                                            "evaluations"));
    }
  g_assert_cmpuint (n_evaluations, ==, fixture->n_evaluations);
}

static void
test_export_refused (void)
{
  g_autofree char *path = temp_path ("refused.csv");
  g_autoptr(GError) error = NULL;

  /* CSV is the whole call only, and not an evaluator's own view. */
  g_assert_false (run_export (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_CSV, project_id (0), NULL,
                              NULL, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_false (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_JSON, NULL, NULL,
                              "somchai", path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (run_export (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, NULL, NULL, NULL,
                              path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* A failed export keeps an existing file as it was and leaves no new one. */
static void
test_export_failure_keeps_file (void)
{
  g_autofree char *path = temp_path ("kept.pdf");
  g_autofree char *fresh = temp_path ("fresh.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_strdup_printf ("project:%s:no-such-project", fixture->call_id);

  g_file_set_contents (path, "before", -1, &error);
  g_assert_no_error (error);

  g_assert_false (run_export (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, missing, "en", NULL,
                              path, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "before");

  g_assert_false (run_export (NAWAT_REPORT_PROJECT, NAWAT_EXPORT_FORMAT_PDF, missing, "en", NULL,
                              fresh, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
}

/* The toast after an export opens the file */

/* A desktop application for PDF files that writes the URI it is given to
 * @record: the desktop opens the exported report with it, through GIO's
 * own lookup (XDG_DATA_HOME and XDG_CONFIG_HOME point at @dir; main()
 * sets them before GIO reads them).
 */
static void
install_pdf_handler (const char *dir,
                     const char *record)
{
  g_autofree char *applications = g_build_filename (dir, "data", "applications", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *script = g_build_filename (dir, "open-pdf.sh", NULL);
  g_autofree char *script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s' \"$1\" > '%s.part'\n"
                                                  "mv '%s.part' '%s'\n", record, record, record);
  g_autofree char *desktop = g_build_filename (applications, "nawat-test-open-pdf.desktop", NULL);
  g_autofree char *desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                                   "Name=Test PDF viewer\nExec=%s %%u\n"
                                                   "MimeType=application/pdf;\n", script);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);
  g_file_set_contents (script, script_text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_file_set_contents (desktop, desktop_text, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                       "application/pdf=nawat-test-open-pdf.desktop\n", -1, &error);
  g_assert_no_error (error);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_toast_opens_file (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  g_autofree char *path = temp_path ("opened report.pdf");
  g_autofree char *record = temp_path ("opened-uri");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *opened = NULL;
  g_autoptr(AdwToast) toast = NULL;
  g_autoptr(GError) error = NULL;
  guint waker;

  install_pdf_handler (handler_dir, record);
  g_file_set_contents (path, "%PDF-1.4\n%EOF\n", -1, &error);
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));

  toast = _nawat_export_dialog_show_exported (GTK_WINDOW (window), file);
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Report exported to “opened report.pdf”");
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");

  /* The button opens the file in the desktop's PDF application. */
  g_signal_emit_by_name (toast, "button-clicked");
  waker = g_timeout_add (50, wake, NULL);
  nawat_ui_test_wait_until (file_exists, record);
  g_source_remove (waker);
  g_file_get_contents (record, &opened, NULL, &error);
  g_assert_no_error (error);
  /* GIO gives a local file's path for %u. */
  g_assert_cmpstr (opened, ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The dialog */

static GtkWidget *
choice (NawatExportDialog *dialog,
        const char        *name)
{
  GtkWidget *widget = nawat_ui_test_find (GTK_WIDGET (dialog), G_TYPE_INVALID, name);

  g_assert_nonnull (widget);
  g_assert_true (GTK_IS_CHECK_BUTTON (widget));
  return widget;
}

/* Clicks the choice @name as a user would. */
static void
click (NawatExportDialog *dialog,
       const char        *name)
{
  GtkWidget *button = choice (dialog, name);

  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (button)));
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_dialog_choices (void)
{
  GtkWidget *window = gtk_window_new ();
  NawatExportDialog *dialog;
  g_autofree char *name = NULL;
  g_autofree char *expected = NULL;
  const char *id = project_id (0);
  const char *code = json_object_get_string_member (g_ptr_array_index (fixture->projects, 0),
                                                    "code");

  gtk_window_present (GTK_WINDOW (window));
  dialog = nawat_export_dialog_new (GTK_WINDOW (window), fixture->store, fixture->call_id, id,
                                    "en", NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();

  /* With a project open: its PDF report. */
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PROJECT);
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_PDF);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (choice (dialog, "language-en"))));
  g_assert_true (nawat_export_dialog_can_export (dialog));
  name = nawat_export_dialog_dup_default_file_name (dialog);
  expected = g_strdup_printf ("%s-%s.pdf", fixture->call_id, code);
  g_assert_cmpstr (name, ==, expected);
  g_clear_pointer (&name, g_free);

  /* CSV: the whole call, and "this project" can no longer be chosen. */
  click (dialog, "format-csv");
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_CSV);
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PORTFOLIO);
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "kind-project")));
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "language-th")));
  g_assert_true (nawat_export_dialog_can_export (dialog));
  name = nawat_export_dialog_dup_default_file_name (dialog);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s-portfolio.csv", fixture->call_id);
  g_assert_cmpstr (name, ==, expected);
  g_clear_pointer (&name, g_free);

  /* The confidence weight: for the portfolio's PDF or JSON, not its CSV. */
  g_assert_false (gtk_widget_is_sensitive (nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "weight-confidence")));
  click (dialog, "format-json");
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_JSON);
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PORTFOLIO);
  g_assert_true (gtk_widget_is_sensitive (nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "weight-confidence")));
  g_assert_cmpint (nawat_export_dialog_get_stats_flags (dialog), ==, NAWAT_STATS_FLAGS_NONE);
  gtk_switch_set_active (GTK_SWITCH (nawat_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, "weight-confidence")), TRUE);
  g_assert_cmpint (nawat_export_dialog_get_stats_flags (dialog), ==, NAWAT_STATS_WEIGHT_CONFIDENCE);
  name = nawat_export_dialog_dup_default_file_name (dialog);
  g_assert_true (g_str_has_suffix (name, ".json"));
  g_clear_pointer (&name, g_free);

  /* XLSX: the CSV's table as a workbook, the whole call too. */
  click (dialog, "format-pdf");
  click (dialog, "kind-project");
  click (dialog, "format-xlsx");
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_XLSX);
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PORTFOLIO);
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "kind-project")));
  g_assert_true (nawat_export_dialog_can_export (dialog));
  name = nawat_export_dialog_dup_default_file_name (dialog);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s-portfolio.xlsx", fixture->call_id);
  g_assert_cmpstr (name, ==, expected);
  g_clear_pointer (&name, g_free);

  /* Back to PDF: the project can be chosen again. */
  click (dialog, "format-pdf");
  g_assert_true (gtk_widget_is_sensitive (choice (dialog, "kind-project")));
  click (dialog, "kind-project");
  click (dialog, "language-th");
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PROJECT);
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_PDF);
  click (dialog, "kind-portfolio");
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PORTFOLIO);

  /* The setters follow the same rules. */
  nawat_export_dialog_set_format (dialog, NAWAT_EXPORT_FORMAT_CSV);
  nawat_export_dialog_set_kind (dialog, NAWAT_REPORT_PROJECT);
  g_assert_cmpint (nawat_export_dialog_get_format (dialog), ==, NAWAT_EXPORT_FORMAT_PDF);
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PROJECT);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_dialog_no_project (void)
{
  NawatExportDialog *dialog;

  dialog = nawat_export_dialog_new (NULL, fixture->store, fixture->call_id, NULL, "th", NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PORTFOLIO);
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "kind-project")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (choice (dialog, "language-th"))));
  g_assert_true (nawat_export_dialog_can_export (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();
}

static void
test_dialog_evaluator (void)
{
  NawatExportDialog *dialog;
  g_autofree char *name = NULL;

  /* An evaluator's own view: their project report, as PDF, only. */
  dialog = nawat_export_dialog_new (NULL, fixture->store, fixture->call_id, project_id (0), "en",
                                    "somchai");
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  g_assert_cmpint (nawat_export_dialog_get_kind (dialog), ==, NAWAT_REPORT_PROJECT);
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "kind-portfolio")));
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "format-csv")));
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "format-json")));
  g_assert_false (gtk_widget_is_sensitive (choice (dialog, "format-xlsx")));
  g_assert_true (nawat_export_dialog_can_export (dialog));
  name = nawat_export_dialog_dup_default_file_name (dialog);
  g_assert_true (g_str_has_suffix (name, "-somchai.pdf"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Without a project there is nothing of theirs to export. */
  dialog = nawat_export_dialog_new (NULL, fixture->store, fixture->call_id, NULL, "en", "somchai");
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  g_assert_false (nawat_export_dialog_can_export (dialog));
  g_assert_nonnull (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), !=, "");
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin ();
}

/* Printing */

static void
print_to_pdf (NawatReport *report,
              const char  *path)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  operation = nawat_print_operation_new (report);
  g_assert_nonnull (operation);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
}

static void
test_print_project (void)
{
  g_autofree char *path = temp_path ("printed-project.pdf");
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint i = english_project ();

  report = nawat_report_new (fixture->store, fixture->call_id, NAWAT_REPORT_PROJECT,
                             project_id (i), "en", NULL);
  g_assert_true (nawat_report_prepare (report, NULL, &error));
  g_assert_no_error (error);
  print_to_pdf (report, path);
  assert_pdf_header (path);
  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }
  g_assert_cmpuint (pdf_pages (path), ==, nawat_report_get_n_pages (report));
  text = pdf_text (path);
  title = squeeze (project_title (i, "en"));
  g_assert_nonnull (strstr (text, title));
}

static void
test_print_portfolio (void)
{
  g_autofree char *printed = temp_path ("printed-portfolio.pdf");
  g_autofree char *exported = temp_path ("exported-portfolio.pdf");
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = nawat_report_new (fixture->store, fixture->call_id, NAWAT_REPORT_PORTFOLIO, NULL, "th",
                             NULL);
  g_assert_true (nawat_report_prepare (report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nawat_report_get_n_pages (report), >, 1);
  print_to_pdf (report, printed);
  assert_pdf_header (printed);
  if (!have_poppler ())
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }
  g_assert_cmpuint (pdf_pages (printed), ==, nawat_report_get_n_pages (report));

  /* The printed report and the exported one are the same pages. */
  g_assert_true (run_export (NAWAT_REPORT_PORTFOLIO, NAWAT_EXPORT_FORMAT_PDF, NULL, "th", NULL,
                             exported, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pdf_pages (exported), ==, pdf_pages (printed));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* For the application that opens an exported file
   * (install_pdf_handler): GLib reads these once, so before anything.
   */
  handler_dir = g_dir_make_tmp ("nawat-open-XXXXXX", NULL);
  g_assert_nonnull (handler_dir);
  {
    g_autofree char *data = g_build_filename (handler_dir, "data", NULL);
    g_autofree char *config = g_build_filename (handler_dir, "config", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }

  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/export-dialog/display"))
    return g_test_run ();

  fixture = nawat_ui_test_demo_new ();
  g_assert_cmpuint (fixture->n_evaluations, >, 0);

  g_test_add_func ("/nawat/ui/export-dialog/export/pdf-project", test_export_pdf_project);
  g_test_add_func ("/nawat/ui/export-dialog/export/pdf-portfolio", test_export_pdf_portfolio);
  g_test_add_func ("/nawat/ui/export-dialog/export/csv", test_export_csv);
  g_test_add_func ("/nawat/ui/export-dialog/export/json", test_export_json);
  g_test_add_func ("/nawat/ui/export-dialog/export/xlsx", test_export_xlsx);
  g_test_add_func ("/nawat/ui/export-dialog/export/refused", test_export_refused);
  g_test_add_func ("/nawat/ui/export-dialog/export/failure-keeps-file",
                   test_export_failure_keeps_file);
  g_test_add_func ("/nawat/ui/export-dialog/toast-opens-file", test_toast_opens_file);
  g_test_add_func ("/nawat/ui/export-dialog/dialog/choices", test_dialog_choices);
  g_test_add_func ("/nawat/ui/export-dialog/dialog/no-project", test_dialog_no_project);
  g_test_add_func ("/nawat/ui/export-dialog/dialog/evaluator", test_dialog_evaluator);
  g_test_add_func ("/nawat/ui/export-dialog/print/project", test_print_project);
  g_test_add_func ("/nawat/ui/export-dialog/print/portfolio", test_print_portfolio);

  status = g_test_run ();
  g_clear_pointer (&fixture, nawat_ui_test_demo_free);

  return status;
}
