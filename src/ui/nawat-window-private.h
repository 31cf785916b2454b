/* nawat-window-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-call.h"
#include "nawat-evaluation.h"
#include "nawat-import-dialog.h"
#include "nawat-pdf-view.h"
#include "nawat-project.h"
#include "nawat-project-list.h"
#include "nawat-project-page.h"
#include "nawat-score-form.h"
#include "nawat-store.h"
#include "nawat-sync-button.h"
#include "nawat-window.h"

G_BEGIN_DECLS

/* The window spans nawat-window.c and nawat-window-identity.c (who is
 * scoring).
 */
struct _NawatWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *status_label;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  GtkListBox           *calls_list;
  GtkWidget            *assigned_row;
  GtkSwitch            *assigned_switch;
  AdwComboRow          *status_row;
  AdwComboRow          *domain_row;
  AdwComboRow          *region_row;
  AdwComboRow          *reach_row;
  AdwComboRow          *province_row;
  AdwComboRow          *sort_row;
  AdwLeaflet           *leaflet;
  GtkWidget            *list_pane;
  GtkWidget            *detail_pane;
  AdwWindowTitle       *detail_title;
  GtkStack             *detail_stack;
  GtkBox               *detail_box;
  AdwWindowTitle       *window_title;
  NawatSyncButton      *sync_button;
  AdwHeaderBar         *list_header;
  AdwHeaderBar         *detail_header;
  GtkWidget            *search_clamp;
  GtkSearchEntry       *search_entry;
  GtkCheckButton       *search_files_check;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  GtkListView          *list_view;
  GtkLabel             *progress_label;
  AdwStatusPage        *no_projects_page;
  AdwStatusPage        *error_page;
  GtkWidget            *identity_bar;
  GtkLabel             *identity_description;
  GtkEntry             *identity_entry;
  GtkWidget            *identity_start;
  GtkLabel             *identity_error;

  NawatProjectPage     *project_page;
  NawatScoreForm       *score_form;
  /* The focused widget, described by status_label (weak) */
  GtkWidget            *described;

  GSettings            *settings;
  /* a call just made or edited, to show once the calls are read again */
  char                 *pending_call_id;
  GCancellable         *cancellable;
  NawatStore           *store;
  NawatCall            *call;
  NawatProjectList     *list;
  GPtrArray            *calls;
  /* Who is scoring (NULL until someone says), and the name typed when
   * there are no settings to keep it in
   */
  char                 *evaluator;
  char                 *typed_evaluator;
  NawatProject         *project;
  NawatEvaluation      *evaluation;
  /* The number of the last opening of a project asked for. */
  guint                 open_serial;
  /* The province codes of the province filter's items after "All" */
  GPtrArray            *province_codes;
  const char           *language;
  /* Counting the pending edits again after saves, in a thread */
  guint                 stats_running : 1;
  guint                 stats_again : 1;

  /* FALSE until the list has reported its first count */
  guint                 list_settled : 1;
  guint                 attached : 1;

  /* nawat-window-documents.c: the viewer beside the form, the digest of
   * the document it shows, the reader's place waiting to be written
   */
  GtkPaned             *reading_paned;
  /* the detail header's back button (template child): it closes a
   * document covering the form before it goes back to the list
   */
  GtkWidget            *back_button;
  NawatPdfView         *pdf_view;
  char                 *pdf_digest;
  char                 *pdf_name;
  guint                 place_timeout;
  guint                 layout_idle;
  /* The paned's width when the split was last set to half */
  int                   reading_split_width;
  guint                 reading_split_pending : 1;
  guint                 setting_split : 1;
  guint                 flap_hidden_for_reading : 1;
  guint                 list_hidden_for_reading : 1;
  guint                 attaching : 1;
};

/* nawat-window-project.c: the callback of the openings of a project the
 * window starts itself, and the opening again of the project shown when a
 * sync changed its evaluation.
 */
void              _nawat_window_reload_project          (NawatWindow      *self);
void              _nawat_window_open_project_cb         (GObject          *source,
                                                         GAsyncResult     *result,
                                                         gpointer          user_data);
void              _nawat_window_add_toast               (NawatWindow      *self,
                                                         const char       *title);
/* Lists the call shown again, with the evaluator's own evaluations */
void              _nawat_window_announce                (NawatWindow      *self,
                                                         const char       *text);
void              _nawat_window_make_list               (NawatWindow      *self);
/* Marks the open project's row selected (and no other), for a reader */
void              _nawat_window_mark_open_row           (NawatWindow      *self);

/* Opens the project shown again, the focus where it is (its files changed). */
void              _nawat_window_open_project_again      (NawatWindow      *self);

/* nawat-window-documents.c: the project's files, the PDF viewer beside
 * the form, the coordinator's attaching of files
 */
void              _nawat_window_setup_documents         (NawatWindow      *self);
void              _nawat_window_bind_documents_actions  (GtkWidgetClass   *widget_class);
void              _nawat_window_update_documents        (NawatWindow      *self);
void              _nawat_window_dispose_documents       (NawatWindow      *self);
/* Closes the document when it covers the form (the window narrow): the
 * first step back.  Returns FALSE when there was none.
 */
gboolean          _nawat_window_close_covering_document (NawatWindow      *self);

/* nawat-window-identity.c */
char             *_nawat_window_choose_evaluator        (NawatWindow      *self);
void              _nawat_window_update_identity         (NawatWindow      *self);
/* Follows the evaluator's name, server and user in @settings */
void              _nawat_window_watch_identity          (NawatWindow      *self,
                                                         GSettings        *settings);
void              _nawat_window_bind_identity_callbacks (GtkWidgetClass   *widget_class);

/* Opens the import dialog on @file for the call shown (NULL when none). */
NawatImportDialog *_nawat_window_import_file            (NawatWindow      *self,
                                                         GFile            *file);

/* For the tests */
/* The projects of the call shown; NULL until the store is open. */
NawatProjectList *nawat_window_get_project_list         (NawatWindow      *self);
GtkWidget        *nawat_window_get_search_entry         (NawatWindow      *self);
const char       *nawat_window_get_status               (NawatWindow      *self);
/* The short id of the call shown, or NULL. */
const char       *nawat_window_get_call_id              (NawatWindow      *self);
/* What the window shows: "loading", "list", "no-match", "no-projects",
 * "no-calls" or "error".
 */
const char       *nawat_window_get_page                 (NawatWindow      *self);
/* The store, the project open in the detail pane and the evaluator's
 * evaluation of it (a new draft until something is saved), or NULL.
 */
NawatStore       *nawat_window_get_store                (NawatWindow      *self);
NawatProject     *nawat_window_get_project              (NawatWindow      *self);
NawatEvaluation  *nawat_window_get_evaluation           (NawatWindow      *self);
const char       *nawat_window_get_evaluator            (NawatWindow      *self);
/* The NawatScoreForm and the NawatProjectPage of the detail pane. */
GtkWidget        *nawat_window_get_score_form           (NawatWindow      *self);
GtkWidget        *nawat_window_get_project_page         (NawatWindow      *self);
/* The NawatPdfView beside the form (hidden until a PDF is opened). */
GtkWidget        *nawat_window_get_pdf_view             (NawatWindow      *self);

G_END_DECLS
