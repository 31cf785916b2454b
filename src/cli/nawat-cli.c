/* nawat-cli.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

/* Each command lives in a file of its own, or of its family's:
 * nawat-cli-<command>.c, extend and reopen in nawat-cli-round.c, sync,
 * conflicts, resolve and quarantine in nawat-cli-sync.c.
 */
typedef int (*CommandFunc) (NawatCliGlobals  *globals,
                            int               argc,
                            char            **argv);

typedef struct
{
  const char  *name;
  CommandFunc  func;
  const char  *summary;
} Command;

static const Command commands[] = {
  { "generate", _nawat_cli_cmd_generate, N_("Write a deterministic synthetic call for benchmarks") },
  { "import", _nawat_cli_cmd_import, N_("Import documents from a JSON file, or a call’s proposals from CSV, all or nothing") },
  { "assign", _nawat_cli_cmd_assign, N_("Assign evaluators to a call’s projects (coordinators)") },
  { "evaluate", _nawat_cli_cmd_evaluate, N_("Score, comment on and submit an evaluation") },
  { "extend", _nawat_cli_cmd_extend, N_("Move a call’s deadline, or one evaluator’s (coordinators)") },
  { "remind", _nawat_cli_cmd_remind, N_("Print each evaluator’s outstanding work and a reminder (coordinators)") },
  { "recuse", _nawat_cli_cmd_recuse, N_("Recuse an evaluator from a project for a conflict of interest (coordinators)") },
  { "reopen", _nawat_cli_cmd_reopen, N_("Take a submitted evaluation back to draft (coordinators)") },
  { "attach", _nawat_cli_cmd_attach, N_("Attach files to a project (coordinators)") },
  { "attachments", _nawat_cli_cmd_attachments, N_("List a project’s files, or write them out") },
  { "search", _nawat_cli_cmd_search, N_("Find projects by text (Thai substrings too)") },
  { "export", _nawat_cli_cmd_export, N_("Export a call’s portfolio as JSON or CSV, or a PDF report") },
  { "calls", _nawat_cli_cmd_calls, N_("List the calls, and whether each is published and changed since") },
  { "stats", _nawat_cli_cmd_stats, N_("Count calls, projects and evaluations") },
  { "publish", _nawat_cli_cmd_publish, N_("Put a call, its rubric and its projects on the server (coordinators)") },
  { "server", _nawat_cli_cmd_server, N_("Create a call’s databases on the server, once (server admins)") },
  { "sync", _nawat_cli_cmd_sync, N_("Pull a call from the server and push your evaluations") },
  { "conflicts", _nawat_cli_cmd_conflicts, N_("List the evaluations in conflict with the server") },
  { "resolve", _nawat_cli_cmd_resolve, N_("Resolve an evaluation’s conflicts: keep mine or theirs") },
  { "quarantine", _nawat_cli_cmd_quarantine, N_("List the documents a sync kept aside, with the reason") },
  { "detach", _nawat_cli_cmd_detach, N_("Remove files from a project (coordinators)") },
};

static void
globals_clear (NawatCliGlobals *globals)
{
  g_clear_pointer (&globals->store_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatCliGlobals, globals_clear)

static void
print_usage (FILE *stream)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *default_path = nawat_store_dup_default_path ("demo");

  g_string_append_printf (s, _("Usage:\n  %s [--store FILE] COMMAND [OPTION…]\n\n"), "nawat-cli");
  g_string_append (s, _("Scores social-innovation proposals from the command line.\n\n"));
  g_string_append (s, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append (s, _("\nOptions:\n"));
  g_string_append_printf (s, "  --store FILE  %s\n", _("The store to use"));
  g_string_append_printf (s, "                (%s)\n", default_path);
  g_string_append_printf (s, "  -h, --help    %s\n", _("Show this help"));
  g_string_append_printf (s, "  --version     %s\n", _("Show the version"));
  g_string_append (s, _("\nRun “nawat-cli COMMAND --help” for a command’s options.\n"));
  g_string_append (s, _("Exit status: 0 success, 1 invalid input or refused, 2 usage error.\n"));
  fputs (s->str, stream);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(NawatCliGlobals) globals = { NULL };
  g_autofree char *prgname = NULL;
  int i = 1;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("nawat-cli");

  /* Global options come before the command. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "-?"))
        {
          print_usage (stdout);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("nawat-cli %s\n", PACKAGE_VERSION);
          return EXIT_OK;
        }
      else if (g_str_equal (arg, "--store") && i + 1 < argc)
        {
          g_free (globals.store_path);
          globals.store_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--store="))
        {
          g_free (globals.store_path);
          globals.store_path = g_strdup (arg + strlen ("--store="));
        }
      else
        {
          g_printerr (_("nawat-cli: unknown option “%s”\n"), arg);
          print_usage (stderr);
          return EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      g_printerr (_("nawat-cli: no command given\n"));
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (globals.store_path != NULL && *globals.store_path == '\0')
    {
      g_printerr (_("nawat-cli: --store needs a file name\n"));
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          /* The command sees "nawat-cli CMD" as its program name. */
          int sub_argc = argc - i;
          g_autofree char **sub_argv = g_new0 (char *, sub_argc + 1);

          prgname = g_strdup_printf ("nawat-cli %s", commands[c].name);
          sub_argv[0] = prgname;
          for (int j = 1; j < sub_argc; j++)
            sub_argv[j] = argv[i + j];
          g_set_prgname (prgname);
          return commands[c].func (&globals, sub_argc, sub_argv);
        }
    }

  g_printerr (_("nawat-cli: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  return EXIT_USAGE;
}
