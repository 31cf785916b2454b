/* nawat-cli-attach.c: attach and attachments, a project's files
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-store-attachments.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* "project:c1:p1", or "c1:p1" for short. */
static char *
project_id_of (const char *arg)
{
  return g_str_has_prefix (arg, "project:") ? g_strdup (arg) : g_strconcat ("project:", arg, NULL);
}

int
_nawat_cli_cmd_attach (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  const GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT FILE…"));
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Attaches files to a project (PROJECT: its id, “project:CALL:CODE”,\n"
                                   "or “CALL:CODE”), each under its file name, with the content type\n"
                                   "its name suggests; a file of the same name replaces the project’s.\n"
                                   "The contents are kept in the store’s folder of files, beside the\n"
                                   "store, and the project’s document lists them as CouchDB does. A file\n"
                                   "is at most 50 MB, and a call’s files 2048 MB together. For\n"
                                   "coordinators; nothing changes when a file is refused."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return _nawat_cli_refuse (EXIT_USAGE, _("attach takes a project and at least one file"));

  project_id = project_id_of (argv[1]);
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  project = nawat_store_attach_files (store, project_id, files, &error);
  if (project == NULL)
    return _nawat_cli_refuse_error (error);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *name = g_file_get_basename (files->pdata[i]);
      const NawatAttachment *attachment = nawat_project_get_attachment (project, name);
      g_autofree char *size = g_strdup_printf ("%" G_GINT64_FORMAT, attachment->length);

      /* Translators: the project's id, the file's name, its content type and size */
      g_print (_("%s: attached “%s” (%s, %s bytes)\n"),
               project_id, attachment->name, attachment->content_type, size);
    }
  return EXIT_OK;
}

/* Writes the files of @project that the store holds into @dir; FALSE when
 * one could not be written (said on standard error).
 */
static gboolean
extract (NawatStore   *store,
         NawatProject *project,
         const char   *dir)
{
  GPtrArray *attachments = nawat_project_get_attachments (project);
  g_autoptr(GFile) folder = g_file_new_for_commandline_arg (dir);
  gboolean ok = TRUE;

  if (g_mkdir_with_parents (g_file_peek_path (folder), 0755) != 0)
    {
      _nawat_cli_refuse (EXIT_REFUSED, _("Cannot create the folder “%s”: %s"), dir,
                         g_strerror (errno));
      return FALSE;
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      const NawatAttachment *attachment = attachments->pdata[i];
      g_autoptr(GFile) file = g_file_get_child (folder, attachment->name);
      g_autoptr(GError) error = NULL;

      if (!nawat_store_extract_attachment (store, attachment, file, &error))
        {
          /* Damaged contents are forgotten: the next sync fetches them again. */
          if (g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT))
            nawat_store_forget_attachment (store, attachment, NULL);
          _nawat_cli_refuse_error (error);
          ok = FALSE;
        }
    }
  return ok;
}

int
_nawat_cli_cmd_attachments (NawatCliGlobals  *globals,
                            int               argc,
                            char            **argv)
{
  g_autofree char *extract_dir = NULL;
  const GOptionEntry entries[] = {
    { "extract", 'x', 0, G_OPTION_ARG_FILENAME, &extract_dir,
      N_("Write the files the store holds into DIR"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  GPtrArray *attachments;

  if (!_nawat_cli_parse_options (context,
                                 _("Lists a project’s files, one a line: name, content type, size in\n"
                                   "bytes, digest (CouchDB’s MD5) and whether the store holds the file\n"
                                   "offline, separated by tabs; with --extract, writes them out. From\n"
                                   "the store alone, with no server."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("attachments takes one project"));

  project_id = project_id_of (argv[1]);
  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  project = nawat_store_get_project (store, project_id, &error);
  if (project == NULL)
    return _nawat_cli_refuse_error (error);

  attachments = nawat_project_get_attachments (project);
  for (guint i = 0; i < attachments->len; i++)
    {
      const NawatAttachment *attachment = attachments->pdata[i];

      g_print ("%s\t%s\t%" G_GINT64_FORMAT "\t%s\t%s\n", attachment->name,
               attachment->content_type, attachment->length, attachment->digest,
               nawat_store_holds_attachment (store, attachment) ? _("held offline")
                                                                 : _("not held"));
    }

  if (extract_dir != NULL && !extract (store, project, extract_dir))
    return EXIT_REFUSED;
  return EXIT_OK;
}

int
_nawat_cli_cmd_detach (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  const GOptionEntry entries[] = {
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT NAME…"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *project_id = NULL;
  g_autofree const char **names = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Removes files from a project (PROJECT: its id, “project:CALL:CODE”,\n"
                                   "or “CALL:CODE”), by their names as “nawat-cli attachments” lists\n"
                                   "them. Contents no project uses any more leave the store; the next\n"
                                   "publish removes the files from the server. For coordinators; a name\n"
                                   "the project lacks is refused and nothing changes."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 3)
    return _nawat_cli_refuse (EXIT_USAGE, _("detach takes a project and at least one file name"));

  project_id = project_id_of (argv[1]);
  names = g_new0 (const char *, argc - 1);
  for (int i = 2; i < argc; i++)
    names[i - 2] = argv[i];
  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);
  project = nawat_store_detach_files (store, project_id, names, &error);
  if (project == NULL)
    return _nawat_cli_refuse_error (error);

  for (int i = 2; i < argc; i++)
    /* Translators: the project's id, then the file's name */
    g_print (_("%s: removed “%s”\n"), project_id, argv[i]);
  return EXIT_OK;
}
