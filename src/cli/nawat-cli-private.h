/* nawat-cli-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-couch.h"
#include "nawat-file-output.h"
#include "nawat-project.h"
#include "nawat-store.h"

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit statuses, for scripts. */
enum
{
  EXIT_OK = 0,
  EXIT_REFUSED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  /* --store, or NULL for the default store */
  char *store_path;
} NawatCliGlobals;

/* The options of a command that talks to the server. */
typedef struct
{
  char     *server;
  char     *call_id;
  char     *user;
  gboolean  password_stdin;
} NawatCliServerOptions;

/* Where a command writes: a file, written whole or not at all, or
 * standard output or a device, written as it goes.
 */
typedef struct
{
  NawatFileOutput *file;
  GOutputStream   *stream;
} NawatCliOutput;

/* In nawat-cli-common.c */
void            _nawat_cli_print_error    (const char           *message);
int             _nawat_cli_refuse         (int                   status,
                                           const char           *format,
                                           ...) G_GNUC_PRINTF (2, 3);
int             _nawat_cli_refuse_error   (const GError         *error);
gboolean        _nawat_cli_parse_options  (GOptionContext       *context,
                                           const char           *summary,
                                           const GOptionEntry   *entries,
                                           int                  *argc,
                                           char               ***argv);
NawatStore     *_nawat_cli_open_store     (NawatCliGlobals      *globals,
                                           GError              **error);
NawatCliOutput *_nawat_cli_output_open    (const char           *path,
                                           GError              **error);
gboolean        _nawat_cli_output_close   (NawatCliOutput       *output,
                                           GError              **error);
void            _nawat_cli_output_free    (NawatCliOutput       *output);
gboolean        _nawat_cli_parse_unsigned (const char           *str,
                                           guint64               max,
                                           guint64              *value);
GDateTime      *_nawat_cli_parse_date     (const char           *str);
char           *_nawat_cli_format_utc     (GDateTime            *date);
/* In nawat-cli-sync.c: publish logs in as sync does. */
void            _nawat_cli_add_server_options   (GOptionContext        *context,
                                                 NawatCliServerOptions *options,
                                                 const char            *call_help,
                                                 const char            *user_help);
gboolean        _nawat_cli_server_options_given (NawatCliServerOptions *options);
void            _nawat_cli_server_options_clear (NawatCliServerOptions *options);
NawatCouch     *_nawat_cli_connect_server       (NawatCliServerOptions *options,
                                                 int                   *status);

/* The commands, one per entry of nawat-cli.c's table. */
int _nawat_cli_cmd_attach     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_attachments (NawatCliGlobals *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_generate   (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_import     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_assign     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_calls      (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_evaluate   (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_extend     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_remind     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_recuse     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_reopen     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_search     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_export     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_stats      (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_publish    (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_server     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_sync       (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_conflicts  (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_resolve    (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_quarantine (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);
int _nawat_cli_cmd_detach     (NawatCliGlobals  *globals,
                               int               argc,
                               char            **argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatCliOutput, _nawat_cli_output_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NawatCliServerOptions, _nawat_cli_server_options_clear)

G_END_DECLS
