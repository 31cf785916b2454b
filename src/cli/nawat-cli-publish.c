/* nawat-cli-publish.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-publish.h"

#include <glib/gi18n.h>
#include <unistd.h>

static void
on_couch_progress_cb (NawatCouch *couch,
                      guint64     bytes_received,
                      guint64     bytes_sent,
                      gpointer    user_data)
{
  g_autofree char *size = g_format_size (bytes_sent);

  /* TRANSLATORS: publish progress, an amount of data (e.g. "12.5 MB") */
  g_printerr ("\r");
  g_printerr (_("%s sent"), size);
}

int
_nawat_cli_cmd_publish (NawatCliGlobals  *globals,
                        int               argc,
                        char            **argv)
{
  g_auto(NawatCliServerOptions) options = { NULL };
  gboolean insecure_server = FALSE;
  GOptionEntry entries[] = {
    { "insecure-server", 0, 0, G_OPTION_ARG_NONE, &insecure_server, N_("Publish even to a server that lets anonymous clients read what only members may, such as PouchDB Server (tests and demos only)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— put the call, its rubric and its projects on the server"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autofree char *summary = NULL;
  g_auto(NawatPublishResult) result = { 0 };
  NawatPublishFlags flags = NAWAT_PUBLISH_FLAGS_NONE;
  gboolean published;
  int status;

  _nawat_cli_add_server_options (context, &options, N_("The call to publish"),
                                 N_("Your user name on the server (a coordinator; a server admin to create databases)"));
  if (!_nawat_cli_parse_options (context, NULL, entries, &argc, &argv))
    return EXIT_USAGE;
  if (!_nawat_cli_server_options_given (&options))
    return _nawat_cli_refuse (EXIT_USAGE, _("publish needs --server, --call and --user"));

  couch = _nawat_cli_connect_server (&options, &status);
  if (couch == NULL)
    return status;

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  if (insecure_server)
    flags |= NAWAT_PUBLISH_ALLOW_INSECURE_SERVER;
  if (isatty (STDERR_FILENO))
    g_signal_connect (couch, "progress", G_CALLBACK (on_couch_progress_cb), NULL);
  published = nawat_publish_run (store, couch, options.call_id, flags, &result, NULL, &error);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");
  if (!published)
    {
      _nawat_cli_print_error (error->message);
      if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INSECURE_SERVER))
        g_printerr (_("Evaluators’ scores would not be private there. Publish to Apache CouchDB, "
                      "or pass --insecure-server for tests and demos.\n"));
      g_print (_("Publish failed: %s\n"), error->message);
      return EXIT_REFUSED;
    }

  g_print (_("Server: %s\n"), result.server);
  if (result.insecure != NULL)
    g_printerr (_("Warning: %s; published anyway because of --insecure-server\n"),
                result.insecure);
  summary = nawat_publish_result_to_string (&result);
  g_print (_("Published %s: %s\n"), options.call_id, summary);
  return EXIT_OK;
}

/* nawat-cli server prepare: the server admin's once-per-call step. */
static int
server_prepare (NawatCliGlobals  *globals,
                int               argc,
                char            **argv)
{
  g_auto(NawatCliServerOptions) options = { NULL };
  gboolean insecure_server = FALSE;
  GOptionEntry entries[] = {
    { "insecure-server", 0, 0, G_OPTION_ARG_NONE, &insecure_server, N_("Prepare even a server that lets anonymous clients read what only members may, such as PouchDB Server (tests and demos only)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_auto(NawatPublishResult) result = { 0 };
  NawatPublishFlags flags = NAWAT_PUBLISH_FLAGS_NONE;
  int status;

  _nawat_cli_add_server_options (context, &options, N_("The call to prepare"),
                                 N_("Your user name on the server (a server admin)"));
  if (!_nawat_cli_parse_options (context,
                                 _("Creates on the server, once, what only a server admin may: the\n"
                                   "call’s database and each evaluator’s, with their security objects.\n"
                                   "The coordinator then publishes with their own account. Run it\n"
                                   "again when evaluators join the call."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("server prepare takes no arguments besides its options"));
  if (!_nawat_cli_server_options_given (&options))
    return _nawat_cli_refuse (EXIT_USAGE, _("server prepare needs --server, --call and --user"));

  couch = _nawat_cli_connect_server (&options, &status);
  if (couch == NULL)
    return status;

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  if (insecure_server)
    flags |= NAWAT_PUBLISH_ALLOW_INSECURE_SERVER;
  if (!nawat_publish_prepare (store, couch, options.call_id, flags, &result, NULL, &error))
    {
      _nawat_cli_print_error (error->message);
      if (g_error_matches (error, NAWAT_PUBLISH_ERROR, NAWAT_PUBLISH_ERROR_INSECURE_SERVER))
        g_printerr (_("Evaluators’ scores would not be private there. Publish to Apache CouchDB, "
                      "or pass --insecure-server for tests and demos.\n"));
      return EXIT_REFUSED;
    }

  g_print (_("Server: %s\n"), result.server);
  if (result.insecure != NULL)
    g_printerr (_("Warning: %s; prepared anyway because of --insecure-server\n"),
                result.insecure);
  if (nawat_publish_result_changed (&result))
    /* Translators: the call, then what prepare did on the server */
    g_print (_("Prepared %s: %u of %u databases created, %u security objects updated\n"),
             options.call_id, result.databases_created, result.databases, result.security_updated);
  else
    g_print (_("Prepared %s: nothing changed, its %u databases were already ready\n"),
             options.call_id, result.databases);
  g_print (_("The coordinator can now run “nawat-cli publish --call %s”.\n"), options.call_id);
  return EXIT_OK;
}

int
_nawat_cli_cmd_server (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  if (argc > 1 && g_str_equal (argv[1], "prepare"))
    {
      g_autofree char *prgname = g_strdup_printf ("%s prepare", argv[0]);
      g_autofree char **sub_argv = g_new0 (char *, argc);

      sub_argv[0] = prgname;
      for (int i = 2; i < argc; i++)
        sub_argv[i - 1] = argv[i];
      g_set_prgname (prgname);
      return server_prepare (globals, argc - 1, sub_argv);
    }
  if (argc > 1 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print (_("Usage:\n  %s prepare --server URL --call ID --user NAME [OPTION…]\n\n"), argv[0]);
      g_print (_("Server administration. “prepare” creates a call’s databases and\n"
                 "their security objects (a server admin, once per call).\n"));
      return EXIT_OK;
    }
  return _nawat_cli_refuse (EXIT_USAGE, _("server needs a subcommand: prepare"));
}
