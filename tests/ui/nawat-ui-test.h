/* nawat-ui-test.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "nawat-application.h"
#include "nawat-store.h"
#include "nawat-window-private.h"

G_BEGIN_DECLS

/* What every UI test does before its tests: the settings that are
 * dependable under Xvfb (PLATFORM.md), no animations (screenshots show a
 * final state, not a transition), the catalogs of this build, and GTK.
 * Returns FALSE when there is no display: then it has added one test,
 * @path, that fails in CI and is skipped elsewhere, saying why.
 */
/* Sets GDK_DEBUG=gl-disable (keeping other flags): the tests draw with
 * cairo, and their outcome must not depend on the machine's GL driver.
 * nawat_ui_test_init() calls it.
 */
void        nawat_ui_test_disable_gl      (void);
gboolean    nawat_ui_test_init            (int         *argc,
                                           char      ***argv,
                                           const char  *path);

typedef gboolean (*NawatUiTestCondition) (gpointer user_data);

/* Iterates the main context until @condition holds.  Every wait of these
 * helpers (this one, the results, the frames, the input) is bounded: after
 * 10 s (30 s under AddressSanitizer) it aborts the test, saying what it
 * waited for, rather than hang until meson's timeout.
 */
void        nawat_ui_test_wait_until      (NawatUiTestCondition  condition,
                                           gpointer              user_data);
/* Polls @condition, iterating the main context without blocking, until it
 * holds: for what a worker or another process makes true without waking
 * the main context.  Bounded as the waits above; the message names @what.
 */
void        nawat_ui_test_poll_until      (NawatUiTestCondition  condition,
                                           gpointer              user_data,
                                           const char           *what);
/* A GAsyncReadyCallback that keeps a reference to the result in the
 * GAsyncResult * @user_data points to, and the wait for it: the main
 * context runs until the result is there.
 */
void          nawat_ui_test_keep_result   (GObject       *source,
                                           GAsyncResult  *result,
                                           gpointer       user_data);
GAsyncResult *nawat_ui_test_wait_result   (GAsyncResult **result);
/* Opens @project_id in @window as a click on its row does, and iterates
 * the main context until it is shown or could not be.
 */
gboolean    nawat_ui_test_open_project    (NawatWindow  *window,
                                           const char   *project_id,
                                           GError      **error);
/* Iterates the main context until @widget's window has painted a frame. */
void        nawat_ui_test_wait_for_frame  (GtkWidget   *widget);

/* The first widget below @root (itself included) of @type (or any type
 * with G_TYPE_INVALID) whose name (gtk_widget_set_name) is @name (or any
 * name with NULL).
 */
GtkWidget  *nawat_ui_test_find            (GtkWidget   *root,
                                           GType        type,
                                           const char  *name);

/* The first widget below @root (itself included) of @type that is an
 * AdwPreferencesRow titled @title (or any widget of @type with NULL).
 */
GtkWidget  *nawat_ui_test_find_titled     (GtkWidget   *root,
                                           GType        type,
                                           const char  *title);
/* The text of the GtkLabel named @name below @root, which must be there. */
const char *nawat_ui_test_label           (GtkWidget   *root,
                                           const char  *name);

/* Writes @widget, as it is drawn now, to <build>/screenshots/@name. */
void        nawat_ui_test_save_screenshot (GtkWidget   *widget,
                                           const char  *name);
/* The same in the light and in the dark style: @prefix-light.png and
 * @prefix-dark.png.
 */
void        nawat_ui_test_save_screenshots (GtkWidget  *widget,
                                            const char *prefix);

/* GTK's own file chooser dialog (no portal under the tests) that a
 * button opened, once it shows.
 */
GtkFileChooser *nawat_ui_test_wait_for_file_chooser (void);
/* Accepts @chooser once it holds @file alone (chosen, or to save: its
 * folder and name set), and waits until it has closed.
 */
void        nawat_ui_test_accept_file_chooser (GtkFileChooser *chooser,
                                               GFile          *file);

/* Real input, as a person gives it: xdotool's XTEST events go through
 * the X server and reach the window as a mouse's or a keyboard's would.
 * Each call returns once the window has handled the event.
 */
/* Gives @window the keyboard (the X input focus). */
void        nawat_ui_test_focus_window    (GtkWindow   *window);
/* Moves the pointer to the middle of @widget and clicks the first button. */
void        nawat_ui_test_click           (GtkWidget   *widget);
/* The same, clicked twice in a row (a double click). */
void        nawat_ui_test_double_click    (GtkWidget   *widget);
/* Presses and releases @keys, in xdotool's names ("3", "ctrl+Return",
 * "Tab"), in @widget's window.
 */
void        nawat_ui_test_press           (GtkWidget   *widget,
                                           const char  *keys);
/* Presses @keys, and releases them: for a key that closes its window,
 * whose release goes to the window that has the keyboard next.
 */
void        nawat_ui_test_key_down        (GtkWidget   *widget,
                                           const char  *keys);
void        nawat_ui_test_key_up          (GtkWidget   *widget,
                                           const char  *keys);
/* Types @text (ASCII) in @widget's window, key by key. */
void        nawat_ui_test_type            (GtkWidget   *widget,
                                           const char  *text);

/* Removes @dir and the files in it. */
void        nawat_ui_test_remove_dir      (const char  *dir);

/* The interface language: "th" is the th_TH.UTF-8 locale with
 * LANGUAGE=th, NULL (or anything else) the locale of the environment.
 * Returns FALSE when the system lacks the Thai locale (build-aux/install-deps
 * generates it).
 */
gboolean    nawat_ui_test_set_ui_locale   (const char  *lang);
/* The language of the data shown: the "language" setting when the schema is
 * installed (GSETTINGS_SCHEMA_DIR, memory backend), else LANGUAGE; NULL
 * resets it.
 */
void        nawat_ui_test_set_language    (const char  *lang);

/* The application, run for real */

typedef enum
{
  NAWAT_UI_TEST_RUN_DEFAULT       = 0,
  /* also wait until the window shows a call */
  NAWAT_UI_TEST_RUN_WAIT_FOR_CALL = 1 << 0,
} NawatUiTestRunFlags;

typedef void (*NawatUiTestDriveFunc) (NawatApplication *app,
                                      NawatWindow      *window,
                                      gpointer          user_data);

/* Runs a NawatApplication (non-unique, so independent of a Nawat the user
 * may be running) on the store at @store_path.  Once the application is
 * ready, @func drives its window from inside the main loop; then every
 * window is closed and the application quits.  Asserts that it exits with
 * status 0 after @func ran.
 */
void        nawat_ui_test_run_app         (const char           *store_path,
                                           NawatUiTestRunFlags   flags,
                                           NawatUiTestDriveFunc  func,
                                           gpointer              user_data);

/* Runs the application, as nawat_ui_test_run_app () does, on a new store
 * in a temporary directory named after @name (the application imports
 * the demo call into it), in English, with no evaluator and no server
 * set, until the window shows the call; then removes the directory.
 */
void        nawat_ui_test_run_fresh       (const char           *name,
                                           NawatUiTestDriveFunc  func,
                                           gpointer              user_data);
/* Sets the evaluator's name, as the window's identity bar does, and
 * iterates the main context until @window scores as @evaluator.
 */
void        nawat_ui_test_set_evaluator   (NawatApplication     *app,
                                           NawatWindow          *window,
                                           const char           *evaluator);

/* Reads the demo data (the application's resource) into @parser; returns
 * its documents, owned by @parser.
 */
JsonArray       *nawat_ui_test_load_demo    (JsonParser *parser);
/* @object's translated text @member in @lang, or NULL. */
const char      *nawat_ui_test_json_text    (JsonObject *object,
                                             const char *member,
                                             const char *lang);
/* The documents of @docs whose "type" is @type (JsonObject, borrowed). */
GPtrArray       *nawat_ui_test_docs_of_type (JsonArray  *docs,
                                             const char *type);

/* The demo call imported into a new store in a temporary directory, and the
 * demo data read independently with json-glib.
 */
typedef struct
{
  char       *dir;
  char       *path;            /* the store's file, in @dir */
  NawatStore *store;
  NawatCall  *call;            /* the demo's only call */
  const char *call_id;         /* @call's */
  JsonParser *parser;
  GPtrArray  *projects;        /* JsonObject, borrowed from @parser */
  guint       n_evaluations;   /* in the demo data */
} NawatUiTestDemo;

NawatUiTestDemo *nawat_ui_test_demo_new     (void);
/* Closes the store, asserts that its file is there and removes @demo->dir. */
void             nawat_ui_test_demo_free    (NawatUiTestDemo *demo);

/* Runs $NAWAT_CLI with the arguments that follow (NULL ends them) and
 * @stdin_text (or nothing) on its standard input; returns what it printed,
 * or NULL and @error when it failed, with its output in the message.
 */
char            *nawat_ui_test_run_cli      (const char  *stdin_text,
                                             GError     **error,
                                             ...) G_GNUC_NULL_TERMINATED;
/* Starts the PouchDB test server (tests/server/nawat-test-server) in
 * @server_dir; returns its URL, or NULL after a "Bail out!" line.
 */
char            *nawat_ui_test_start_server (const char  *server_dir);
void             nawat_ui_test_stop_server  (const char  *server_dir);

G_END_DECLS
