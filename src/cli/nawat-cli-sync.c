/* nawat-cli-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-credentials.h"
#include "nawat-evaluation.h"
#include "nawat-merge.h"
#include "nawat-sync.h"
#include "nawat-sync-session.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

/* Reads one line from standard input, without its line ending. */
static char *
read_password_stdin (GError **error)
{
  g_autoptr(GString) s = g_string_new (NULL);
  int c;

  while ((c = getchar ()) != EOF && c != '\n')
    g_string_append_c (s, (char) c);
  if (s->len > 0 && s->str[s->len - 1] == '\r')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No password on standard input"));
      return NULL;
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Why the keyring gave no password: its @problem, or none stored. */
static char *
keyring_refusal (const char *server,
                 const char *user,
                 const char *problem)
{
  if (problem != NULL)
    return g_strdup_printf (_("Could not read the password from the keyring (%s); use --password-stdin"),
                            problem);
  return g_strdup_printf (_("No password for %s on %s in the keyring; use --password-stdin"),
                          user, server);
}

static char *
get_password (const char  *server,
              const char  *user,
              gboolean     from_stdin,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *message = NULL;
  char *password;

  if (from_stdin)
    return read_password_stdin (error);

  password = nawat_credentials_lookup (server, user, NULL, &local_error);
  if (password != NULL)
    return password;
  message = keyring_refusal (server, user, local_error != NULL ? local_error->message : NULL);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);
  return NULL;
}

static void
on_sync_progress_cb (NawatSyncSession *session,
                     guint             documents,
                     guint64           bytes,
                     gpointer          user_data)
{
  g_autofree char *size = g_format_size (bytes);

  /* TRANSLATORS: sync progress: documents, then an amount of data */
  g_printerr ("\r");
  g_printerr (_("%u documents, %s"), documents, size);
}

/* The bytes of the projects' files fetched, and of those lacking. */
typedef struct
{
  gint64 done;
  gint64 total;
} FilesProgress;

static void
on_files_progress_cb (NawatSyncSession *session,
                      gint64            done,
                      gint64            total,
                      gpointer          user_data)
{
  FilesProgress *files = user_data;
  g_autofree char *done_size = NULL;
  g_autofree char *total_size = NULL;

  files->done = done;
  files->total = total;
  if (!isatty (STDERR_FILENO))
    return;
  done_size = g_format_size (done);
  total_size = g_format_size (total);
  g_printerr ("\r");
  /* TRANSLATORS: the proposals' files fetched by a sync: an amount of data
   * of another, e.g. "Files: 12.5 MB of 400 MB"
   */
  g_printerr (_("Files: %s of %s"), done_size, total_size);
}

/* Adds --server, --call, --user and --password-stdin, the first two
 * described by the command.
 */
void
_nawat_cli_add_server_options (GOptionContext        *context,
                               NawatCliServerOptions *options,
                               const char            *call_help,
                               const char            *user_help)
{
  const GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &options->server, N_("The server, e.g. https://couch.example.org"), N_("URL") },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &options->call_id, call_help, N_("ID") },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &options->user, user_help, N_("NAME") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &options->password_stdin, N_("Read the password from standard input instead of the keyring"), NULL },
    { NULL }
  };

  /* The context keeps a copy of the entries. */
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* Whether the server, the call and the user are all given. */
gboolean
_nawat_cli_server_options_given (NawatCliServerOptions *options)
{
  return options->server != NULL && options->call_id != NULL && options->user != NULL;
}

void
_nawat_cli_server_options_clear (NawatCliServerOptions *options)
{
  g_clear_pointer (&options->server, g_free);
  g_clear_pointer (&options->call_id, g_free);
  g_clear_pointer (&options->user, g_free);
}

/* A client of the server logged in as the user; NULL, the reason printed
 * and the exit status in @status, when the URL or the password is refused.
 */
NawatCouch *
_nawat_cli_connect_server (NawatCliServerOptions *options,
                           int                   *status)
{
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  const char *server = options->server;
  const char *user = options->user;
  char *password;

  couch = nawat_couch_new (server, &error);
  if (couch == NULL)
    {
      _nawat_cli_print_error (error->message);
      *status = EXIT_USAGE;
      return NULL;
    }

  password = get_password (server, user, options->password_stdin, &error);
  if (password == NULL)
    {
      _nawat_cli_print_error (error->message);
      *status = EXIT_REFUSED;
      return NULL;
    }
  nawat_couch_set_credentials (couch, user, password);
  nawat_credentials_free_password (password);

  return g_steal_pointer (&couch);
}

/* What the session said when it found no password in the keyring. */
typedef struct
{
  gboolean  missing;
  char     *detail;
} PasswordProblem;

static void
on_password_needed_cb (NawatSyncSession *session,
                       int               reason,
                       const char       *detail,
                       PasswordProblem  *problem)
{
  if (reason != NAWAT_SYNC_PASSWORD_MISSING)
    return;
  problem->missing = TRUE;
  g_free (problem->detail);
  problem->detail = g_strdup (detail);
}

static int
refuse_no_password (const char *message)
{
  _nawat_cli_print_error (message);
  g_print (_("Sync failed: nothing was pulled or pushed\n"));
  return EXIT_REFUSED;
}

int
_nawat_cli_cmd_sync (NawatCliGlobals  *globals,
                     int               argc,
                     char            **argv)
{
  g_auto(NawatCliServerOptions) options = { NULL };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatSyncSession) session = NULL;
  g_autoptr(NawatSyncResult) result = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *detail = NULL;
  PasswordProblem problem = { FALSE, NULL };
  FilesProgress files = { 0, 0 };

  _nawat_cli_add_server_options (context, &options, N_("The call to sync"),
                                 N_("Your user name on the server"));
  if (!_nawat_cli_parse_options (context,
                                 _("Pulls the call and the evaluations from the server, then pushes\n"
                                   "your edits. Exit status 0 when nothing is left to do."),
                                 NULL, &argc, &argv))
    return EXIT_USAGE;
  if (!_nawat_cli_server_options_given (&options))
    return _nawat_cli_refuse (EXIT_USAGE, _("sync needs --server, --call and --user"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  session = nawat_sync_session_new (store, options.server, options.user, options.call_id, &error);
  if (session == NULL)
    {
      _nawat_cli_print_error (error->message);
      return EXIT_USAGE;
    }

  if (options.password_stdin)
    {
      char *password = read_password_stdin (&error);

      if (password == NULL)
        return refuse_no_password (error->message);
      nawat_sync_session_set_password (session, password, FALSE);
      nawat_credentials_free_password (password);
    }

  g_signal_connect (session, "password-needed", G_CALLBACK (on_password_needed_cb), &problem);
  if (isatty (STDERR_FILENO))
    g_signal_connect (session, "progress", G_CALLBACK (on_sync_progress_cb), NULL);
  g_signal_connect (session, "files-progress", G_CALLBACK (on_files_progress_cb), &files);

  result = nawat_sync_session_run (session, NULL, &error);
  detail = g_steal_pointer (&problem.detail);
  if (g_error_matches (error, NAWAT_SYNC_SESSION_ERROR, NAWAT_SYNC_SESSION_ERROR_NO_PASSWORD))
    {
      g_autofree char *message = keyring_refusal (options.server, options.user, detail);

      return refuse_no_password (message);
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  /* A first pull leaves the search index to catch up: a script expects
   * the store whole when the command returns.
   */
  if (!nawat_store_search_index_complete (store))
    {
      g_autoptr(GError) index_error = NULL;

      if (isatty (STDERR_FILENO))
        g_printerr (_("Building the search index…\n"));
      if (!nawat_store_finish_search_index (store, NULL, &index_error))
        return _nawat_cli_refuse_error (index_error);
    }

  if (files.total > 0)
    {
      g_autofree char *done_size = g_format_size (files.done);
      g_autofree char *total_size = g_format_size (files.total);

      g_print (_("Files: %s of %s"), done_size, total_size);
      g_print ("\n");
    }
  if (result == NULL)
    {
      _nawat_cli_print_error (error->message);
      g_print (_("Sync failed: %s\n"), error->message);
      return EXIT_REFUSED;
    }

  for (guint i = 0; i < result->messages->len; i++)
    _nawat_cli_print_error (g_ptr_array_index (result->messages, i));
  summary = nawat_sync_result_to_string (result);
  g_print (_("Sync: %s\n"), summary);
  return nawat_sync_result_is_complete (result) ? EXIT_OK : EXIT_REFUSED;
}

int
_nawat_cli_cmd_quarantine (NawatCliGlobals  *globals,
                           int               argc,
                           char            **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Lists the documents a sync kept aside instead of applying them, each\n"
                                   "with the reason: invalid, in a database where it does not belong, or\n"
                                   "against the round’s rules."),
                                 NULL, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("quarantine takes no arguments"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL || (entries = nawat_store_list_quarantine (store, &error)) == NULL)
    return _nawat_cli_refuse_error (error);

  for (guint i = 0; i < entries->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (entries, i));
  if (entries->len == 0)
    g_print (_("No document in quarantine.\n"));
  return EXIT_OK;
}

int
_nawat_cli_cmd_conflicts (NawatCliGlobals  *globals,
                          int               argc,
                          char            **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_auto(GStrv) ids = NULL;

  if (!_nawat_cli_parse_options (context,
                                 _("Lists the evaluations whose edits clash with the server’s version."),
                                 NULL, &argc, &argv))
    return EXIT_USAGE;

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL || (ids = nawat_store_list_conflicted (store, &error)) == NULL)
    return _nawat_cli_refuse_error (error);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_auto(GStrv) fields = nawat_store_dup_conflict_fields (store, ids[i], &error);

      if (fields == NULL)
        return _nawat_cli_refuse_error (error);
      g_print ("%s\n", ids[i]);
      for (guint j = 0; fields[j] != NULL; j++)
        {
          g_autofree char *mine = NULL;
          g_autofree char *theirs = NULL;

          if (!nawat_store_get_conflict (store, ids[i], fields[j], &mine, &theirs, &error))
            return _nawat_cli_refuse_error (error);
          /* TRANSLATORS: a field in conflict, this computer's value, the server's value */
          g_print (_("  %s: mine %s, server %s\n"), fields[j], mine, theirs);
        }
    }
  if (ids[0] == NULL)
    g_print (_("No conflicts\n"));
  return EXIT_OK;
}

int
_nawat_cli_cmd_resolve (NawatCliGlobals  *globals,
                        int               argc,
                        char            **argv)
{
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "keep", 'k', 0, G_OPTION_ARG_STRING, &keep, N_("Keep “mine” (this computer’s values) or “theirs” (the server’s)"), N_("WHICH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_auto(GStrv) fields = NULL;
  gboolean mine;

  if (!_nawat_cli_parse_options (context,
                                 _("Resolves every conflict of an evaluation, keeping this computer’s\n"
                                   "values or the server’s; sync then pushes the result."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("resolve needs one evaluation id"));
  if (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return _nawat_cli_refuse (EXIT_USAGE, _("resolve needs --keep mine or --keep theirs"));
  mine = g_str_equal (keep, "mine");

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL
      || (evaluation = nawat_store_get_evaluation (store, argv[1], &error)) == NULL
      || (fields = nawat_store_dup_conflict_fields (store, argv[1], &error)) == NULL)
    return _nawat_cli_refuse_error (error);
  if (fields[0] == NULL)
    return _nawat_cli_refuse (EXIT_REFUSED, _("%s has no conflicts"), argv[1]);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *local = NULL;
      g_autofree char *remote = NULL;

      if (!nawat_store_get_conflict (store, argv[1], fields[i], &local, &remote, &error)
          || !nawat_merge_set_field_json (evaluation, fields[i], mine ? local : remote, &error))
        return _nawat_cli_refuse_error (error);
    }

  nawat_evaluation_touch (evaluation);
  if (!nawat_store_save_resolution (store, evaluation, &error))
    return _nawat_cli_refuse_error (error);
  g_print (ngettext ("Resolved %u conflict of %s; run sync to push it\n",
                     "Resolved %u conflicts of %s; run sync to push them\n",
                     g_strv_length (fields)),
           g_strv_length (fields), argv[1]);
  return EXIT_OK;
}
