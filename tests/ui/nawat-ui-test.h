/* nawat-ui-test.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What every UI test does before its tests: the settings that are
 * dependable under Xvfb (PLATFORM.md), no animations (screenshots show a
 * final state, not a transition), the catalogs of this build, and GTK.
 * Returns FALSE when there is no display: then it has added one test,
 * @path, that fails in CI and is skipped elsewhere, saying why.
 */
gboolean    nawat_ui_test_init            (int         *argc,
                                           char      ***argv,
                                           const char  *path);

typedef gboolean (*NawatUiTestCondition) (gpointer user_data);

/* Iterates the main context until @condition holds.  No timeout: meson's
 * test timeout ends a test that never gets there.
 */
void        nawat_ui_test_wait_until      (NawatUiTestCondition  condition,
                                           gpointer              user_data);
/* Iterates the main context until @widget's window has painted a frame. */
void        nawat_ui_test_wait_for_frame  (GtkWidget   *widget);

/* The first widget below @root (itself included) of @type (or any type
 * with G_TYPE_INVALID) whose name (gtk_widget_set_name) is @name (or any
 * name with NULL).
 */
GtkWidget  *nawat_ui_test_find            (GtkWidget   *root,
                                           GType        type,
                                           const char  *name);

/* Writes @widget, as it is drawn now, to <build>/screenshots/@name. */
void        nawat_ui_test_save_screenshot (GtkWidget   *widget,
                                           const char  *name);
/* The same in the light and in the dark style: @prefix-light.png and
 * @prefix-dark.png.
 */
void        nawat_ui_test_save_screenshots (GtkWidget  *widget,
                                            const char *prefix);

/* Removes @dir and the files in it. */
void        nawat_ui_test_remove_dir      (const char  *dir);

G_END_DECLS
