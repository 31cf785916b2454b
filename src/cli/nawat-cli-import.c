/* nawat-cli-import.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-csv.h"
#include "nawat-import.h"
#include "nawat-xlsx.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

typedef struct
{
  char     *call_id;
  char     *mapping;
  char     *save_mapping;
  char     *skipped;
  char     *sheet;
  char     *documents;
  gboolean  skip_invalid;
  gboolean  dry_run;
} RowsOptions;

static gboolean
is_xlsx_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx");
}

static gboolean
is_rows_file (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || is_xlsx_file (path);
}

/* The column mapping: guessed from @rows' header, then the one in
 * options->mapping over it, header by header.  A mapping naming a column
 * the file at @path lacks is one for another file: refused, as the
 * import dialog refuses it.
 */
static NawatImportMapping *
read_mapping (RowsOptions  *options,
              const char   *path,
              GPtrArray    *rows,
              GError      **error)
{
  const char *empty[] = { NULL };
  const char * const *header = rows->len > 0 ? g_ptr_array_index (rows, 0) : empty;
  g_autoptr(NawatImportMapping) mapping = NULL;

  mapping = nawat_import_mapping_guess (header);
  if (options->mapping != NULL)
    {
      g_autoptr(NawatImportMapping) loaded = NULL;
      g_autoptr(GError) local_error = NULL;

      loaded = nawat_import_mapping_load (options->mapping, error);
      if (loaded == NULL)
        {
          g_prefix_error (error, "%s: ", options->mapping);
          return NULL;
        }
      if (!nawat_import_mapping_fits (loaded, header, &local_error))
        {
          /* TRANSLATORS: the mapping's file, the spreadsheet, then why */
          g_set_error (error, local_error->domain, local_error->code,
                       _("The mapping %s is not for the columns of %s: %s"),
                       options->mapping, path, local_error->message);
          return NULL;
        }
      nawat_import_mapping_update (mapping, loaded);
    }
  return g_steal_pointer (&mapping);
}

static void
print_problems (const char  *path,
                NawatImport *import)
{
  GPtrArray *problems = nawat_import_get_problems (import);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *text = nawat_import_problem_to_string (g_ptr_array_index (problems, i));

      g_printerr ("%s: %s\n", path, text);
    }
}

/* Proposals from a spreadsheet's rows (a CSV or XLSX file), to the call
 * options->call_id.
 */
static int
import_rows (NawatCliGlobals *globals,
             const char      *path,
             RowsOptions     *options)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(NawatImportMapping) mapping = NULL;
  g_autoptr(NawatImport) import = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *unmatched;
  guint n_invalid, n_imported = 0;

  if (is_xlsx_file (path))
    rows = nawat_xlsx_read_rows (path, options->sheet, &error);
  else
    rows = nawat_csv_read_file (path, NULL, &error);
  if (rows == NULL)
    return _nawat_cli_refuse (EXIT_REFUSED, "%s: %s", path, error->message);

  mapping = read_mapping (options, path, rows, &error);
  if (mapping == NULL)
    return _nawat_cli_refuse_error (error);
  if (options->save_mapping != NULL &&
      !nawat_import_mapping_save (mapping, options->save_mapping, &error))
    return _nawat_cli_refuse_error (error);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  import = nawat_import_new (options->call_id, rows, mapping);
  if (options->documents != NULL)
    {
      g_autoptr(GFile) documents = g_file_new_for_commandline_arg (options->documents);

      nawat_import_set_documents (import, documents);
    }
  if (!nawat_import_check (import, store, &error))
    return _nawat_cli_refuse (EXIT_REFUSED, "%s: %s", path, error->message);

  print_problems (path, import);
  unmatched = nawat_import_get_unmatched_documents (import);
  for (guint i = 0; i < unmatched->len; i++)
    /* TRANSLATORS: a file of the documents folder */
    g_printerr (_("%s: matches the code of no project\n"), (const char *) unmatched->pdata[i]);
  n_invalid = nawat_import_get_n_invalid (import);
  if (n_invalid > 0 && !options->skip_invalid)
    {
      g_printerr (ngettext ("nawat-cli: %u row is invalid; nothing was imported\n",
                            "nawat-cli: %u rows are invalid; nothing was imported\n",
                            n_invalid),
                  n_invalid);
      return EXIT_REFUSED;
    }
  if (unmatched->len > 0 && !options->skip_invalid)
    {
      g_printerr (ngettext ("nawat-cli: %u file of the documents folder matches no project; "
                            "nothing was imported\n",
                            "nawat-cli: %u files of the documents folder match no project; "
                            "nothing was imported\n", unmatched->len),
                  unmatched->len);
      return EXIT_REFUSED;
    }

  if (options->dry_run)
    {
      guint n_valid = nawat_import_get_n_rows (import) - n_invalid;

      g_print (ngettext ("%u project would be imported\n", "%u projects would be imported\n",
                         n_valid), n_valid);
      if (options->documents != NULL)
        g_print (ngettext ("%u file would be attached\n", "%u files would be attached\n",
                           nawat_import_get_n_documents (import)),
                 nawat_import_get_n_documents (import));
      return EXIT_OK;
    }

  /* The rows to correct are written before the store changes: when they
   * cannot be, nothing is imported.
   */
  if (n_invalid > 0 && !nawat_import_write_skipped (import, options->skipped, &error))
    return _nawat_cli_refuse_error (error);
  if (!nawat_import_store (import, store, options->skip_invalid, &n_imported, &error))
    return _nawat_cli_refuse_error (error);

  g_print (ngettext ("imported %u project\n", "imported %u projects\n", n_imported), n_imported);
  if (options->documents != NULL)
    g_print (ngettext ("attached %u file\n", "attached %u files\n",
                       nawat_import_get_n_documents (import)),
             nawat_import_get_n_documents (import));
  if (n_invalid > 0)
    g_print (ngettext ("skipped %u row, written to %s\n", "skipped %u rows, written to %s\n",
                       n_invalid),
             n_invalid, options->skipped);
  return EXIT_OK;
}

static void
rows_options_clear (RowsOptions *options)
{
  g_clear_pointer (&options->call_id, g_free);
  g_clear_pointer (&options->mapping, g_free);
  g_clear_pointer (&options->save_mapping, g_free);
  g_clear_pointer (&options->skipped, g_free);
  g_clear_pointer (&options->sheet, g_free);
  g_clear_pointer (&options->documents, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowsOptions, rows_options_clear)

int
_nawat_cli_cmd_import (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_auto(RowsOptions) options = { NULL, };
  const GOptionEntry entries[] = {
    { "call", 'c', 0, G_OPTION_ARG_STRING, &options.call_id,
      N_("The call the proposals of a CSV or XLSX file go to"), N_("ID") },
    { "sheet", 0, 0, G_OPTION_ARG_STRING, &options.sheet,
      N_("The sheet of an XLSX file to read (the first one by default)"), N_("NAME") },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &options.mapping,
      N_("The column mapping to use (JSON), over the one guessed from the header row"),
      N_("FILE") },
    { "save-mapping", 0, 0, G_OPTION_ARG_FILENAME, &options.save_mapping,
      N_("Save the column mapping used, to correct it or use it again"), N_("FILE") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &options.skip_invalid,
      N_("Import the valid rows and skip the invalid ones (needs --skipped)"), NULL },
    { "skipped", 0, 0, G_OPTION_ARG_FILENAME, &options.skipped,
      N_("Write the skipped rows to FILE (CSV), with the reasons, for correction"),
      N_("FILE") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &options.dry_run,
      N_("Check the rows and report, store and write nothing"), NULL },
    { "documents", 0, 0, G_OPTION_ARG_FILENAME, &options.documents,
      N_("Attach the proposals’ files of DIR: DIR/CODE.pdf and every file of DIR/CODE/ go to the project of that code"),
      N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  if (!_nawat_cli_parse_options (context,
                                 _("Imports a JSON array of documents or {\"docs\": [...]}. All or nothing:\n"
                                   "when any document is invalid, every problem is listed and the store\n"
                                   "is left exactly as it was.\n"
                                   "\n"
                                   "A FILE ending in .csv holds proposals of the call --call ID, one a row\n"
                                   "below a header row (RFC 4180, UTF-8 with or without a byte order mark,\n"
                                   "or TIS-620). The columns are mapped to the projects’ fields by their\n"
                                   "headers, Thai or English (รหัส/code, ชื่อโครงการ/title, หน่วยงาน/organisation,\n"
                                   "จังหวัด/province, ประเด็น/domains, ภาคี/partners, งบประมาณ/budget, ...).\n"
                                   "Every invalid row is reported with its column and the reason, and\n"
                                   "nothing is imported unless --skip-invalid is given.\n"
                                   "\n"
                                   "A FILE ending in .xlsx holds them the same way, in its first sheet or\n"
                                   "the one --sheet NAME names.\n"
                                   "\n"
                                   "With --documents DIR, the proposals’ files come along: DIR/CODE.ext\n"
                                   "and every file of DIR/CODE/ are attached to the project of that code,\n"
                                   "checked (names, 50 MB a file, 2048 MB a call) before anything is\n"
                                   "written. A file that matches no project is a problem."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("import needs exactly one FILE"));
  if (!is_rows_file (argv[1]) &&
      (options.call_id != NULL || options.mapping != NULL || options.save_mapping != NULL ||
       options.skip_invalid || options.skipped != NULL || options.dry_run))
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("--call, --mapping, --save-mapping, --skip-invalid, --skipped and "
                                "--dry-run apply to a CSV or XLSX file only"));
  if (options.documents != NULL && !is_rows_file (argv[1]))
    return _nawat_cli_refuse (EXIT_USAGE, _("--documents applies to a CSV or XLSX file only"));
  if (options.documents != NULL && !g_file_test (options.documents, G_FILE_TEST_IS_DIR))
    return _nawat_cli_refuse (EXIT_REFUSED, _("“%s” is not a folder"), options.documents);
  if (options.sheet != NULL && !is_xlsx_file (argv[1]))
    return _nawat_cli_refuse (EXIT_USAGE, _("--sheet applies to an XLSX file only"));
  if (is_rows_file (argv[1]) && (options.call_id == NULL || *options.call_id == '\0'))
    return _nawat_cli_refuse (EXIT_USAGE, _("--call ID is required"));
  if (options.skip_invalid != (options.skipped != NULL))
    return _nawat_cli_refuse (EXIT_USAGE, _("--skip-invalid and --skipped FILE go together"));

  /* An unreadable file is refused before a store is made for it. */
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR) || g_access (argv[1], R_OK) != 0)
    return _nawat_cli_refuse (EXIT_REFUSED, _("Could not read “%s”: %s"), argv[1],
                              g_strerror (errno != 0 ? errno : ENOENT));

  if (is_rows_file (argv[1]))
    return import_rows (globals, argv[1], &options);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  /* Read in pieces: memory stays flat whatever the file's size. */
  if (!nawat_store_import_file (store, argv[1], &n_imported, &problems, &error))
    {
      if (problems != NULL && problems->len > 0)
        {
          for (guint i = 0; i < problems->len; i++)
            g_printerr ("%s: %s\n", argv[1], (const char *) g_ptr_array_index (problems, i));
          if (error == NULL)
            g_printerr (ngettext ("nawat-cli: %u problem; nothing was imported\n",
                                  "nawat-cli: %u problems; nothing was imported\n",
                                  problems->len),
                        problems->len);
        }
      if (error != NULL)
        _nawat_cli_print_error (error->message);
      return EXIT_REFUSED;
    }

  g_print (ngettext ("imported %u document\n", "imported %u documents\n", n_imported), n_imported);
  return EXIT_OK;
}
