/* nawat-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-accessible.h"
#include "nawat-call.h"
#include "nawat-call-dialog.h"
#include "nawat-conflicts-dialog.h"
#include "nawat-assign-window.h"
#include "nawat-publish.h"
#include "nawat-publish-dialog.h"
#include "nawat-dashboard.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-export-dialog.h"
#include "nawat-import-dialog.h"
#include "nawat-places.h"
#include "nawat-project.h"
#include "nawat-project-list.h"
#include "nawat-project-page.h"
#include "nawat-project-row.h"
#include "nawat-project-row-view.h"
#include "nawat-rubric.h"
#include "nawat-score-form.h"
#include "nawat-store.h"
#include "nawat-sync-button.h"
#include "nawat-window-private.h"

G_DEFINE_FINAL_TYPE (NawatWindow, nawat_window, ADW_TYPE_APPLICATION_WINDOW)

/* What the worker thread reads for the window: the calls and the counts. */
typedef struct
{
  GPtrArray  *calls;
  /* a call's id to its NawatStorePublished */
  GHashTable *published;
  gint64      pending;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->calls, g_ptr_array_unref);
  g_clear_pointer (&result->published, g_hash_table_unref);
  g_free (result);
}

static void
published_free (NawatStorePublished *published)
{
  nawat_store_published_clear (published);
  g_free (published);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     NawatWindow              *self)
{
  gtk_list_item_set_child (item, nawat_project_row_view_new (self->language));
}

static void
mark_open_row (NawatWindow *self,
               GtkWidget   *view)
{
  nawat_project_row_view_set_open (NAWAT_PROJECT_ROW_VIEW (view),
                                   self->project != NULL
                                     ? nawat_document_get_id (NAWAT_DOCUMENT (self->project))
                                     : NULL);
}

void
_nawat_window_mark_open_row (NawatWindow *self)
{
  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *view = gtk_widget_get_first_child (item);

      if (NAWAT_IS_PROJECT_ROW_VIEW (view))
        mark_open_row (self, view);
    }
}

/* GTK 4.8's list view makes every row a Tab stop (tab-behavior is GTK
 * 4.12): Tab and Shift+Tab leave the list at once, from any row, and the
 * arrow keys move within it.  The list, not focusable for the moment, is
 * passed over by the window's own focus chain.
 */
static gboolean
leave_list_cb (GtkWidget *list,
               GVariant  *args,
               gpointer   user_data)
{
  GtkDirectionType direction = GPOINTER_TO_INT (user_data);
  gboolean moved;

  gtk_widget_set_can_focus (list, FALSE);
  moved = gtk_widget_child_focus (GTK_WIDGET (gtk_widget_get_root (list)), direction);
  gtk_widget_set_can_focus (list, TRUE);

  return moved;
}

static void
add_leave_list_shortcuts (GtkWidget *list)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Tab|KP_Tab"),
                                                          gtk_callback_action_new (leave_list_cb,
                                                                                   GINT_TO_POINTER (GTK_DIR_TAB_FORWARD),
                                                                                   NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Shift>Tab|<Shift>ISO_Left_Tab|<Shift>KP_Tab"),
                                                          gtk_callback_action_new (leave_list_cb,
                                                                                   GINT_TO_POINTER (GTK_DIR_TAB_BACKWARD),
                                                                                   NULL)));
  gtk_widget_add_controller (list, controller);
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    NawatWindow              *self)
{
  nawat_project_row_view_set_row (NAWAT_PROJECT_ROW_VIEW (gtk_list_item_get_child (item)),
                                  gtk_list_item_get_item (item));
  mark_open_row (self, gtk_list_item_get_child (item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      NawatWindow              *self)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (child != NULL)
    nawat_project_row_view_set_row (NAWAT_PROJECT_ROW_VIEW (child), NULL);
}

static void
nawat_window_set_page (NawatWindow *self,
                       const char  *page)
{
  gboolean searchable;

  /* The store's state takes the whole window; the list's its pane. */
  if (g_str_equal (page, "error") || g_str_equal (page, "no-calls"))
    {
      gtk_stack_set_visible_child_name (self->main_stack, page);
      gtk_spinner_set_spinning (self->spinner, FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));

  searchable = g_str_equal (page, "list") || g_str_equal (page, "no-match");
  gtk_widget_set_visible (self->search_clamp, searchable);
}

static GtkStringList *
new_terms_model (const char      *all,
                 const NawatTerm *terms,
                 guint            n_terms,
                 const char      *lang)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, all);
  for (guint i = 0; i < n_terms; i++)
    gtk_string_list_append (model, nawat_term_get_label (&terms[i], lang));

  return model;
}

/* The provinces of the region chosen, or all of them. */
static void
nawat_window_fill_provinces (NawatWindow *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  const NawatProvince *provinces = nawat_provinces ();
  guint region = adw_combo_row_get_selected (self->region_row);
  const char *region_key = NULL;

  if (region != GTK_INVALID_LIST_POSITION && region > 0)
    region_key = nawat_regions ()[region - 1].key;

  g_ptr_array_set_size (self->province_codes, 0);
  gtk_string_list_append (model, _("All provinces"));
  for (guint i = 0; i < NAWAT_N_PROVINCES; i++)
    {
      if (region_key != NULL && g_strcmp0 (provinces[i].region, region_key) != 0)
        continue;
      g_ptr_array_add (self->province_codes, (gpointer) provinces[i].code);
      gtk_string_list_append (model, nawat_province_get_label (&provinces[i], self->language));
    }

  adw_combo_row_set_model (self->province_row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (self->province_row, 0);
}

static void
nawat_window_apply_filters (NawatWindow *self)
{
  guint status;
  guint domain;
  guint region;
  guint province;
  guint reach;
  guint sort;

  if (self->list == NULL)
    return;

  status = adw_combo_row_get_selected (self->status_row);
  domain = adw_combo_row_get_selected (self->domain_row);
  region = adw_combo_row_get_selected (self->region_row);
  province = adw_combo_row_get_selected (self->province_row);
  reach = adw_combo_row_get_selected (self->reach_row);
  sort = adw_combo_row_get_selected (self->sort_row);

  nawat_project_list_set_status (self->list,
                                 status == GTK_INVALID_LIST_POSITION || status == 0
                                 ? -1 : (int) status - 1);
  nawat_project_list_set_domain (self->list,
                                 domain == GTK_INVALID_LIST_POSITION || domain == 0
                                 ? NULL : nawat_domains ()[domain - 1].key);
  nawat_project_list_set_region (self->list,
                                 region == GTK_INVALID_LIST_POSITION || region == 0
                                 ? NULL : nawat_regions ()[region - 1].key);
  nawat_project_list_set_province (self->list,
                                   province == GTK_INVALID_LIST_POSITION || province == 0
                                   || province > self->province_codes->len
                                   ? NULL : g_ptr_array_index (self->province_codes, province - 1));
  nawat_project_list_set_reach (self->list,
                                reach == GTK_INVALID_LIST_POSITION || reach == 0
                                ? NULL : nawat_reach_levels ()[reach - 1].key);
  nawat_project_list_set_sort (self->list,
                               sort == GTK_INVALID_LIST_POSITION ? NAWAT_PROJECT_SORT_CODE
                               : (NawatProjectSort) sort);
  nawat_project_list_set_assigned_only (self->list,
                                        gtk_switch_get_active (self->assigned_switch));
}

static void
on_filter_changed_cb (NawatWindow *self,
                      GParamSpec  *pspec,
                      AdwComboRow *row)
{
  nawat_window_apply_filters (self);
}

static void
on_region_changed_cb (NawatWindow *self,
                      GParamSpec  *pspec,
                      AdwComboRow *row)
{
  /* Refilling the provinces applies the filters through their row. */
  nawat_window_fill_provinces (self);
  nawat_window_apply_filters (self);
}

/* The filters' choices, in the language of the window. */
static void
nawat_window_setup_filters (NawatWindow *self)
{
  g_autoptr(GtkStringList) status = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) sort = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) domains = NULL;
  g_autoptr(GtkStringList) regions = NULL;
  g_autoptr(GtkStringList) reaches = NULL;

  gtk_string_list_append (status, _("All statuses"));
  for (guint i = NAWAT_PROJECT_STATUS_NOT_STARTED; i <= NAWAT_PROJECT_STATUS_CONFLICT; i++)
    gtk_string_list_append (status, nawat_project_status_label (i));

  /* In the order of NawatProjectSort */
  gtk_string_list_append (sort, _("Code"));
  gtk_string_list_append (sort, _("Title"));
  gtk_string_list_append (sort, _("Status"));
  gtk_string_list_append (sort, _("Composite score"));

  domains = new_terms_model (_("All domains"), nawat_domains (), NAWAT_N_DOMAINS, self->language);
  regions = new_terms_model (_("All regions"), nawat_regions (), NAWAT_N_REGIONS, self->language);
  reaches = new_terms_model (_("Any reach"), nawat_reach_levels (), NAWAT_N_REACH, self->language);

  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (status));
  adw_combo_row_set_model (self->sort_row, G_LIST_MODEL (sort));
  adw_combo_row_set_model (self->domain_row, G_LIST_MODEL (domains));
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
  adw_combo_row_set_model (self->reach_row, G_LIST_MODEL (reaches));
  nawat_window_fill_provinces (self);
}

/* What a screen reader is told.  GTK 4.8 cannot announce: it has no
 * gtk_accessible_announce() (GTK 4.14) and no live regions (GTK 4.8 has no
 * aria-live property, and a toast is read only if the reader happens to
 * look at it in its 3 seconds).  Instead the window keeps the last
 * message, a toast's, "Saved", an evaluation submitted or the number of
 * projects listed, in status_label: a label with the status role, drawn
 * invisible, that stays until the next message, and the focused widget is
 * described by it (GTK_ACCESSIBLE_RELATION_DESCRIBED_BY), so that a reader
 * reads it with the focus and on a "where am I".
 */
void
_nawat_window_announce (NawatWindow *self,
                        const char  *text)
{
  /* The list may still change while the window is taken apart */
  if (self->status_label != NULL)
    gtk_label_set_label (self->status_label, text);
}

/* Large text in a narrow window: the title takes up to @lines lines
 * before it is cut.  AdwWindowTitle has no such setting; its title is its
 * first label.
 */
static void
wrap_title (AdwWindowTitle *title,
            int             lines)
{
  GtkWidget *label = GTK_WIDGET (title);

  while (label != NULL && !GTK_IS_LABEL (label))
    label = gtk_widget_get_first_child (label);
  g_return_if_fail (label != NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_lines (GTK_LABEL (label), lines);
  /* A header bar measures its height at its title's natural width: one
   * as narrow as the room the title gets, so that the bar grows with the
   * lines.
   */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
}

static void
on_focus_widget_changed_cb (NawatWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* The text of an entry is read as the entry */
  if (GTK_IS_TEXT (focus) && GTK_IS_EDITABLE (gtk_widget_get_parent (focus)))
    focus = gtk_widget_get_parent (focus);
  if (self->status_label == NULL || focus == self->described)
    return;
  if (self->described != NULL)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->described),
                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  g_set_weak_pointer (&self->described, focus);
  if (focus != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (focus),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->status_label, NULL,
                                    -1);
}

void
_nawat_window_add_toast (NawatWindow *self,
                         const char  *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 3);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _nawat_window_announce (self, title);
}

static void
nawat_window_update_view (NawatWindow *self)
{
  g_autofree char *subtitle = NULL;
  const char *search;
  guint n_items;

  if (self->list == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  if (n_items > 0 || !nawat_project_list_get_loading (self->list))
    self->list_settled = TRUE;

  if (!self->list_settled)
    {
      nawat_window_set_page (self, "loading");
      return;
    }

  search = nawat_project_list_get_search (self->list);
  if (n_items > 0)
    nawat_window_set_page (self, "list");
  else if (nawat_project_list_get_loading (self->list))
    return;
  else if (search != NULL && *search != '\0')
    nawat_window_set_page (self, "no-match");
  else
    nawat_window_set_page (self, "no-projects");

  if (self->evaluator != NULL && nawat_project_list_get_assigned_only (self->list))
    {
      adw_status_page_set_title (self->no_projects_page, _("No projects assigned to you"));
      adw_status_page_set_description (self->no_projects_page,
                                       _("Turn off “Assigned to Me” in the filters to see every project of the call"));
    }
  else
    {
      adw_status_page_set_title (self->no_projects_page, _("No projects in this call"));
      adw_status_page_set_description (self->no_projects_page,
                                       _("Proposals appear here once the coordinator publishes them"));
    }

  /* A search lists its first matches only: say so, and how to see others. */
  if (nawat_project_list_get_truncated (self->list))
    subtitle = g_strdup_printf (_("First %u matches: type more to narrow the search"), n_items);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects", n_items),
                                n_items);
  /* Said once, not on every change of a row */
  if (g_strcmp0 (subtitle, adw_window_title_get_subtitle (self->window_title)) != 0)
    _nawat_window_announce (self, subtitle);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* How far the evaluator is with their own projects, as the list counted
 * them in the store.
 */
static void
nawat_window_update_progress (NawatWindow *self)
{
  g_autofree char *text = NULL;
  guint n_assigned = 0;
  guint n_submitted = 0;

  gtk_widget_set_sensitive (self->assigned_row, self->evaluator != NULL);
  if (self->list != NULL)
    {
      n_assigned = nawat_project_list_get_n_assigned (self->list);
      n_submitted = nawat_project_list_get_n_submitted (self->list);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->progress_label),
                          self->evaluator != NULL && n_assigned > 0);
  /* Translators: the evaluator's projects: "12 of 32 submitted". */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u submitted",
                                       "%u of %u submitted", n_assigned),
                          n_submitted, n_assigned);
  gtk_label_set_label (self->progress_label, text);
}

static void
on_list_progress_changed_cb (NawatWindow *self,
                             GParamSpec  *pspec,
                             GObject     *list)
{
  nawat_window_update_progress (self);
}

static void
on_list_items_changed_cb (NawatWindow *self,
                          guint        position,
                          guint        removed,
                          guint        added,
                          GListModel  *model)
{
  nawat_window_update_view (self);
}

static void
on_list_loading_changed_cb (NawatWindow *self,
                            GParamSpec  *pspec,
                            GObject     *list)
{
  nawat_window_update_view (self);
}

static void
on_search_entry_search_changed_cb (NawatWindow    *self,
                                   GtkSearchEntry *entry)
{
  if (self->list != NULL)
    nawat_project_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_files_check_active_cb (NawatWindow    *self,
                                 GParamSpec     *pspec,
                                 GtkCheckButton *check)
{
  if (self->list != NULL)
    nawat_project_list_set_search_files (self->list, gtk_check_button_get_active (check));
}

static void
on_search_entry_stop_search_cb (NawatWindow    *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
nawat_window_show_error (NawatWindow  *self,
                         const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *escaped = NULL;

  /* Translators: %s is the reason, which names the file. */
  description = g_strdup_printf (_("%s\n\nThe file has not been changed."), error->message);
  escaped = g_markup_escape_text (description, -1);
  adw_status_page_set_description (self->error_page, escaped);
  adw_window_title_set_subtitle (self->window_title, NULL);
  nawat_window_set_page (self, "error");
}

/* The header's sync button says how many edits wait to be sent. */
static void
nawat_window_update_sync_note (NawatWindow *self,
                               gint64       pending_push)
{
  nawat_sync_button_set_pending (self->sync_button, pending_push);
}

static void nawat_window_count_pending (NawatWindow *self);

static void
count_pending_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  g_task_return_int (task, (gssize) nawat_store_count_pending (task_data));
}

static void
on_count_pending_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gssize pending;

  pending = g_task_propagate_int (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->stats_running = FALSE;
  nawat_window_update_sync_note (self, pending);

  if (self->stats_again)
    nawat_window_count_pending (self);
}

/* After saves, counted again off the main thread; saves that come while
 * it counts make one more count.
 */
static void
nawat_window_count_pending (NawatWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  if (self->stats_running)
    {
      self->stats_again = TRUE;
      return;
    }

  self->stats_running = TRUE;
  self->stats_again = FALSE;
  task = g_task_new (self, self->cancellable, on_count_pending_done_cb, NULL);
  g_task_set_source_tag (task, nawat_window_count_pending);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  nawat_store_run_async (self->store, task, count_pending_thread);
}

static void
on_score_form_saved_cb (NawatWindow *self)
{
  _nawat_window_announce (self, _("Saved"));
  nawat_window_count_pending (self);
}

static void
on_score_form_submitted_cb (NawatWindow *self)
{
  _nawat_window_add_toast (self, _("Evaluation submitted"));
  nawat_window_count_pending (self);
}


static NawatCall *
choose_call (NawatWindow *self,
             GPtrArray   *calls)
{
  g_autofree char *last = NULL;

  if (self->pending_call_id != NULL)
    last = g_steal_pointer (&self->pending_call_id);
  else if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-call");

  for (guint i = 0; last != NULL && *last != '\0' && i < calls->len; i++)
    {
      NawatCall *call = g_ptr_array_index (calls, i);

      if (g_strcmp0 (nawat_call_get_call_id (call), last) == 0)
        return call;
    }

  return g_ptr_array_index (calls, 0);
}

static void
nawat_window_close_project (NawatWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!nawat_score_form_flush (self->score_form, &error))
    g_warning ("Could not save the evaluation: %s", error->message);

  if (self->evaluation != NULL)
    g_signal_handlers_disconnect_by_data (self->evaluation, self->project_page);
  g_clear_object (&self->project);
  g_clear_object (&self->evaluation);
  _nawat_window_update_documents (self);
  _nawat_window_mark_open_row (self);
  adw_window_title_set_title (self->detail_title, NULL);
  adw_window_title_set_subtitle (self->detail_title, NULL);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* The list of the call shown, with the status of the evaluator's own
 * evaluations.
 */
void
_nawat_window_make_list (NawatWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_clear_object (&self->list);
  self->list = nawat_project_list_new (self->store, nawat_call_get_call_id (self->call),
                                       self->evaluator);
  nawat_project_list_set_language (self->list, self->language);
  nawat_project_list_set_search_files (self->list,
                                       gtk_check_button_get_active (self->search_files_check));
  self->list_settled = FALSE;

  g_signal_connect_object (self->list, "items-changed",
                           G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading",
                           G_CALLBACK (on_list_loading_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::truncated",
                           G_CALLBACK (on_list_loading_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-assigned",
                           G_CALLBACK (on_list_progress_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-submitted",
                           G_CALLBACK (on_list_progress_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* No selection: rows are activated.  A GtkSingleSelection looks for its
   * item among every row the list adds after a change (a row is selected
   * on hover with single-click activation), which reads the whole call
   * when a search is cleared.
   */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  nawat_window_apply_filters (self);
  nawat_window_update_view (self);
  nawat_window_update_progress (self);
}

static void
nawat_window_show_call (NawatWindow *self,
                        NawatCall   *call)
{
  const char *title;

  if (self->call == call)
    return;

  nawat_window_close_project (self);
  g_set_object (&self->call, call);
  nawat_sync_button_set_call_id (self->sync_button, nawat_call_get_call_id (call));

  title = nawat_text_get (nawat_call_get_title (call), self->language);
  if (title == NULL)
    title = nawat_call_get_call_id (call);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-call", nawat_call_get_call_id (call));

  g_free (self->evaluator);
  self->evaluator = _nawat_window_choose_evaluator (self);
  _nawat_window_update_identity (self);
  _nawat_window_make_list (self);
}

/* "Published on <date>" or "Not published", and whether it changed
 * since, under the call's year.
 */
static GtkWidget *
new_published_label (NawatWindow               *self,
                     NawatCall                 *call,
                     const NawatStorePublished *published)
{
  g_autofree char *state = NULL;
  const char *note = nawat_publish_state_note (published);
  gboolean be_years = g_strcmp0 (self->language, "th") == 0;
  GtkWidget *label;

  if (self->settings != NULL)
    be_years = g_settings_get_boolean (self->settings, "use-be-years") && be_years;
  state = nawat_publish_state_label (call, published, self->language, be_years);
  if (note != NULL)
    {
      g_autofree char *both = g_strconcat (state, " · ", note, NULL);

      label = gtk_label_new (both);
      gtk_widget_add_css_class (label, "warning");
    }
  else
    {
      label = gtk_label_new (state);
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_widget_set_name (label, "call-published");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
new_call_row (NawatWindow               *self,
              NawatCall                 *call,
              const NawatStorePublished *published)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (nawat_text_get (nawat_call_get_title (call), self->language));
  g_autofree char *year = NULL;
  int theme_index = nawat_theme_index (nawat_call_get_theme (call));
  GtkWidget *subtitle;
  GtkWidget *theme = NULL;
  GtkWidget *state = new_published_label (self, call, published);

  if (g_strcmp0 (self->language, "th") == 0)
    year = g_strdup_printf (_("Fiscal year %d BE"), nawat_call_get_year_be (call));
  else
    year = g_strdup_printf (_("Fiscal year %d"), nawat_call_get_year_be (call) - 543);
  subtitle = gtk_label_new (year);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 28);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  /* The yearly theme, so that calls of different years compare. */
  if (theme_index >= 0)
    {
      theme = gtk_label_new (nawat_term_get_label (&nawat_call_themes ()[theme_index],
                                                   self->language));
      gtk_widget_set_name (theme, "call-theme");
      gtk_label_set_xalign (GTK_LABEL (theme), 0.0);
      gtk_label_set_wrap (GTK_LABEL (theme), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (theme), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (theme), 28);
      gtk_widget_add_css_class (theme, "caption");
      gtk_widget_add_css_class (theme, "dim-label");
      gtk_box_append (GTK_BOX (box), theme);
    }
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* The row reads as it is seen, not as the tooltip's id. */
  if (theme != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, subtitle, theme, state,
                                    NULL, -1);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, subtitle, state, NULL,
                                    -1);
  gtk_widget_set_tooltip_text (row, nawat_call_get_call_id (call));

  return row;
}

static void
nawat_window_fill_calls (NawatWindow *self,
                         GPtrArray   *calls,
                         GHashTable  *published,
                         NawatCall   *current)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->calls_list))) != NULL)
    gtk_list_box_remove (self->calls_list, child);

  g_clear_pointer (&self->calls, g_ptr_array_unref);
  self->calls = g_ptr_array_ref (calls);

  for (guint i = 0; i < calls->len; i++)
    {
      NawatCall *call = g_ptr_array_index (calls, i);
      NawatStorePublished none = { 0 };
      NawatStorePublished *state = g_hash_table_lookup (published, nawat_call_get_call_id (call));
      GtkWidget *row = new_call_row (self, call, state != NULL ? state : &none);

      gtk_list_box_append (self->calls_list, row);
      if (g_ptr_array_index (calls, i) == current)
        gtk_list_box_select_row (self->calls_list, GTK_LIST_BOX_ROW (row));
    }
}

/* Runs @func once what was typed in the form is saved, on the store's
 * thread; when it cannot be, says why and runs nothing: the edit stays.
 */
typedef void (*AfterSaveFunc) (NawatWindow *self,
                               gpointer     data);

typedef struct
{
  NawatWindow  *self;
  AfterSaveFunc func;
  gpointer      data;
} AfterSave;

static void
on_saved_before_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  AfterSave *after = user_data;
  g_autoptr(NawatWindow) self = after->self;
  g_autoptr(GError) error = NULL;

  if (nawat_score_form_flush_finish (NAWAT_SCORE_FORM (source), result, &error))
    after->func (self, after->data);
  else
    _nawat_window_add_toast (self, error->message);
  g_free (after);
}

static void
nawat_window_after_save (NawatWindow   *self,
                         AfterSaveFunc  func,
                         gpointer       data)
{
  AfterSave *after = g_new (AfterSave, 1);

  after->self = g_object_ref (self);
  after->func = func;
  after->data = data;
  nawat_score_form_flush_async (self->score_form, NULL, on_saved_before_cb, after);
}

static void
show_call_at (NawatWindow *self,
              gpointer     data)
{
  guint index = GPOINTER_TO_UINT (data);

  if (self->calls == NULL || index >= self->calls->len)
    return;
  nawat_window_show_call (self, g_ptr_array_index (self->calls, index));
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
on_calls_list_row_activated_cb (NawatWindow   *self,
                                GtkListBoxRow *row,
                                GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->calls == NULL || index < 0 || (guint) index >= self->calls->len)
    return;

  /* What was typed in this call is saved first. */
  nawat_window_after_save (self, show_call_at, GUINT_TO_POINTER ((guint) index));
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  NawatStore *store = task_data;
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->calls = nawat_store_list_calls (store, &error);
  if (result->calls == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  result->published = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) published_free);
  for (guint i = 0; i < result->calls->len; i++)
    {
      const char *id = nawat_call_get_call_id (g_ptr_array_index (result->calls, i));
      NawatStorePublished *published = g_new0 (NawatStorePublished, 1);

      g_hash_table_insert (result->published, g_strdup (id), published);
      if (!nawat_store_get_published (store, id, published, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  result->pending = nawat_store_count_pending (store);

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (object);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  NawatCall *call;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        nawat_window_show_error (self, error);
      return;
    }

  g_debug ("Store has %u calls, %" G_GINT64_FORMAT " edits to push",
           result->calls->len, result->pending);
  nawat_window_update_sync_note (self, result->pending);

  if (result->calls->len == 0)
    {
      adw_window_title_set_subtitle (self->window_title, NULL);
      nawat_window_set_page (self, "no-calls");
      return;
    }

  call = choose_call (self, result->calls);
  nawat_window_fill_calls (self, result->calls, result->published, call);
  nawat_window_show_call (self, call);
}

static void
nawat_window_load (NawatWindow *self)
{
  NawatApplication *app;
  g_autoptr(GTask) task = NULL;
  const GError *error;

  app = NAWAT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app == NULL || !nawat_application_get_ready (app))
    {
      nawat_window_set_page (self, "loading");
      return;
    }

  error = nawat_application_get_store_error (app);
  if (error != NULL)
    {
      nawat_window_show_error (self, error);
      return;
    }

  if (self->store != NULL)
    return;

  self->store = g_object_ref (nawat_application_get_store (app));
  nawat_sync_button_set_store (self->sync_button, self->store);

  task = g_task_new (self, self->cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, nawat_window_load);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  nawat_store_run_async (self->store, task, load_thread);
}

static void
on_application_ready_cb (NawatWindow      *self,
                         GParamSpec       *pspec,
                         NawatApplication *app)
{
  nawat_window_load (self);
}

static void
on_list_view_activate_cb (NawatWindow *self,
                          guint        position,
                          GtkListView *list_view)
{
  g_autoptr(NawatProjectRow) row = NULL;

  if (self->list == NULL)
    return;

  row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (row == NULL || nawat_project_row_get_loading (row))
    return;

  nawat_window_open_project (self, nawat_project_row_get_id (row), self->cancellable,
                             _nawat_window_open_project_cb, NULL);
}

/* Synchronisation */

static void
on_reload_done_cb (GObject      *object,
                   GAsyncResult *async_result,
                   gpointer      user_data)
{
  NawatWindow *self = NAWAT_WINDOW (object);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;
  NawatCall *current = NULL;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _nawat_window_add_toast (self, error->message);
      return;
    }

  nawat_window_update_sync_note (self, result->pending);
  if (result->calls->len == 0)
    return;

  for (guint i = 0; self->call != NULL && i < result->calls->len; i++)
    if (g_strcmp0 (nawat_call_get_call_id (g_ptr_array_index (result->calls, i)),
                   nawat_call_get_call_id (self->call)) == 0)
      current = g_ptr_array_index (result->calls, i);

  /* The call shown stays, with its list and open project, unless a call
   * was just made or edited.
   */
  if (current != NULL && self->pending_call_id == NULL)
    {
      nawat_window_fill_calls (self, result->calls, result->published, current);
      g_set_object (&self->call, current);
      return;
    }

  current = choose_call (self, result->calls);
  nawat_window_fill_calls (self, result->calls, result->published, current);
  /* An edited call shown again: its list follows the new version. */
  if (self->call != NULL && g_strcmp0 (nawat_call_get_call_id (self->call),
                                       nawat_call_get_call_id (current)) == 0)
    g_clear_object (&self->call);
  nawat_window_show_call (self, current);
}

/* The calls again, after a sync pulled documents. */
static void
nawat_window_reload_calls (NawatWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;

  task = g_task_new (self, self->cancellable, on_reload_done_cb, NULL);
  g_task_set_source_tag (task, nawat_window_reload_calls);
  g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
  nawat_store_run_async (self->store, task, load_thread);
}

/* The sync button sits in the header bar on screen: the detail pane's,
 * which has room for its state, unless the folded leaflet shows the list.
 */
static void
nawat_window_place_sync_button (NawatWindow *self)
{
  GtkWidget *button = GTK_WIDGET (self->sync_button);
  GtkWidget *current = gtk_widget_get_ancestor (button, ADW_TYPE_HEADER_BAR);
  AdwHeaderBar *target = self->detail_header;

  nawat_sync_button_set_compact (self->sync_button, adw_leaflet_get_folded (self->leaflet));
  if (adw_leaflet_get_folded (self->leaflet)
      && adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    target = self->list_header;
  if (current == NULL || current == GTK_WIDGET (target))
    return;

  g_object_ref (button);
  adw_header_bar_remove (ADW_HEADER_BAR (current), button);
  adw_header_bar_pack_end (target, button);
  g_object_unref (button);
}

static void
on_sync_button_synced_cb (NawatWindow     *self,
                          guint            pulled,
                          guint            pushed,
                          NawatSyncButton *button)
{
  nawat_window_count_pending (self);
  if (pulled > 0 || self->call == NULL)
    nawat_window_reload_calls (self);
  _nawat_window_reload_project (self);
}

static void
start_sync (NawatWindow *self,
            gpointer     data)
{
  nawat_sync_button_sync (self->sync_button, TRUE);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  /* What was just typed goes with this round. */
  nawat_window_after_save (NAWAT_WINDOW (widget), start_sync, NULL);
}

static void
on_conflicts_applied_cb (NawatWindow          *self,
                         guint                 n_evaluations,
                         NawatConflictsDialog *dialog)
{
  nawat_sync_button_refresh (self->sync_button);
  nawat_window_count_pending (self);
  _nawat_window_reload_project (self);
  /* The resolution goes to the server at once. */
  nawat_sync_button_sync (self->sync_button, TRUE);
}

static void
show_conflicts (NawatWindow *self,
                gpointer     data)
{
  NawatConflictsDialog *dialog;

  if (self->store == NULL || self->call == NULL)
    return;

  dialog = nawat_conflicts_dialog_new (GTK_WINDOW (self), self->store,
                                       nawat_call_get_call_id (self->call), self->language);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_conflicts_applied_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store == NULL || self->call == NULL)
    return;

  /* The dialog reads the evaluation as stored. */
  nawat_window_after_save (self, show_conflicts, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (!_nawat_window_close_covering_document (self))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The evaluator's own report of the open project (blind review: the
 * window never shows another evaluator's scores).
 */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store == NULL || self->call == NULL)
    return;

  if (self->evaluator == NULL)
    {
      _nawat_window_add_toast (self, _("Say who is scoring first: a report shows your own scores"));
      return;
    }

  nawat_export_dialog_present (GTK_WINDOW (self), self->store,
                               nawat_call_get_call_id (self->call),
                               self->project != NULL
                               ? nawat_document_get_id (NAWAT_DOCUMENT (self->project)) : NULL,
                               self->language, self->evaluator);
}

/* Importing proposals from a spreadsheet into the call shown */

static void
on_import_dialog_imported_cb (NawatWindow *self,
                              guint        n_imported)
{
  if (n_imported > 0 && self->call != NULL)
    _nawat_window_make_list (self);
}

/* Opens the import dialog on @file, for the call shown; returns it. */
NawatImportDialog *
_nawat_window_import_file (NawatWindow *self,
                           GFile       *file)
{
  NawatImportDialog *dialog;

  if (self->store == NULL || self->call == NULL)
    return NULL;

  dialog = nawat_import_dialog_new (GTK_WINDOW (self), self->store,
                                    nawat_call_get_call_id (self->call), file);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_import_file_chosen_cb (GFile    *file,
                          gpointer  user_data)
{
  _nawat_window_import_file (NAWAT_WINDOW (user_data), file);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store == NULL || self->call == NULL)
    return;

  nawat_import_dialog_choose (GTK_WINDOW (self), on_import_file_chosen_cb, self);
}

/* A spreadsheet dropped on the window is imported into the call shown. */
static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            NawatWindow   *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL || !nawat_import_dialog_can_read (file))
    {
      _nawat_window_add_toast (self, _("Only a CSV or XLSX file of proposals can be imported"));
      return FALSE;
    }
  return _nawat_window_import_file (self, file) != NULL;
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store == NULL || self->call == NULL || self->project == NULL)
    {
      _nawat_window_add_toast (self, _("Open a project to print its report"));
      return;
    }

  if (self->evaluator == NULL)
    {
      _nawat_window_add_toast (self, _("Say who is scoring first: a report shows your own scores"));
      return;
    }

  nawat_print_report (GTK_WINDOW (self), self->store, nawat_call_get_call_id (self->call),
                      nawat_document_get_id (NAWAT_DOCUMENT (self->project)),
                      self->language, self->evaluator);
}

/* The coordinator's dashboard of the call shown.  It shows the
 * evaluations held in the store, which the server limits to those the
 * user may read (blind review), so it needs no role of its own.
 */
static void
on_call_saved_cb (NawatWindow     *self,
                  const char      *call_id,
                  NawatCallDialog *dialog)
{
  g_free (self->pending_call_id);
  self->pending_call_id = g_strdup (call_id);
  _nawat_window_add_toast (self, _("Call saved"));
  nawat_window_reload_calls (self);
}

static void
present_call_dialog (NawatWindow *self,
                     NawatCall   *call)
{
  NawatCallDialog *dialog;
  gboolean be_years = g_strcmp0 (self->language, "th") == 0;

  if (self->settings != NULL)
    be_years = g_settings_get_boolean (self->settings, "use-be-years") && be_years;
  dialog = nawat_call_dialog_new (GTK_WINDOW (self), self->store, call, self->language, be_years);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_call_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_call_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store != NULL)
    present_call_dialog (self, NULL);
}

/* A published call stays editable: the dialog says that the change
 * reaches evaluators with the next publish.
 */
static void
edit_call_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (self->store == NULL || self->call == NULL)
    {
      _nawat_window_add_toast (self, _("Choose a call to edit"));
      return;
    }
  present_call_dialog (self, self->call);
}

static void
dashboard_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);
  NawatDashboard *dashboard;

  if (self->store == NULL || self->call == NULL)
    {
      _nawat_window_add_toast (self, _("Choose a call to see its dashboard"));
      return;
    }

  dashboard = nawat_dashboard_present (GTK_WINDOW (self), self->store,
                                       nawat_call_get_call_id (self->call), self->language);
  nawat_dashboard_set_coordinator (dashboard, self->evaluator);
}

/* The coordinator's assignment of evaluators to the call shown. */
/* The assignments made there may change the call's publish state. */
static gboolean
on_assign_window_close_request_cb (NawatWindow *self,
                                   GtkWindow   *assign)
{
  nawat_window_reload_calls (self);
  return FALSE;
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);
  NawatAssignWindow *assign;

  if (self->store == NULL || self->call == NULL)
    {
      _nawat_window_add_toast (self, _("Choose a call to assign its evaluators"));
      return;
    }

  assign = nawat_assign_window_present (GTK_WINDOW (self), self->store,
                                        nawat_call_get_call_id (self->call), self->language);
  g_signal_connect_object (assign, "close-request", G_CALLBACK (on_assign_window_close_request_cb),
                           self, G_CONNECT_SWAPPED);
}

/* The coordinator puts the call shown on the server of the preferences,
 * as their account there.
 */
static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  NawatPublishDialog *dialog;

  if (self->store == NULL || self->call == NULL)
    {
      _nawat_window_add_toast (self, _("Choose a call to publish"));
      return;
    }
  if (self->settings != NULL)
    {
      url = g_strstrip (g_settings_get_string (self->settings, "server-url"));
      user = g_strstrip (g_settings_get_string (self->settings, "server-user"));
    }
  if (url == NULL || *url == '\0' || user == NULL || *user == '\0')
    {
      _nawat_window_add_toast (self, _("Set the server and your account in Preferences to publish"));
      gtk_widget_activate_action (widget, "app.preferences", NULL);
      return;
    }

  dialog = nawat_publish_dialog_new (GTK_WINDOW (self), self->store,
                                     nawat_call_get_call_id (self->call), url, user);
  /* The call's row says it is published now. */
  g_signal_connect_object (dialog, "published", G_CALLBACK (nawat_window_reload_calls), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
on_leaflet_folded_cb (NawatWindow *self,
                      GParamSpec  *pspec,
                      AdwLeaflet  *leaflet)
{
  /* Folded, the list comes first unless a project is open. */
  if (adw_leaflet_get_folded (leaflet) && self->project == NULL)
    adw_leaflet_set_visible_child (leaflet, self->list_pane);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NawatWindow *self = NAWAT_WINDOW (widget);

  if (gtk_widget_get_visible (self->search_clamp))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
nawat_window_restore_size (NawatWindow *self)
{
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
nawat_window_close_request (GtkWindow *window)
{
  NawatWindow *self = NAWAT_WINDOW (window);
  g_autoptr(GError) error = NULL;
  int width;
  int height;

  /* Nothing typed is lost: a window whose edit cannot be stored stays. */
  if (!nawat_score_form_flush (self->score_form, &error))
    {
      _nawat_window_add_toast (self, error->message);
      return TRUE;
    }

  if (self->settings != NULL)
    {
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (nawat_window_parent_class)->close_request (window);
}

/* The application is set after construction (it is not a construct
 * property of GtkWindow), so the window attaches itself when it arrives.
 */
static void
on_application_changed_cb (NawatWindow *self,
                           GParamSpec  *pspec,
                           gpointer     user_data)
{
  NawatApplication *app;
  GSettings *settings;

  app = NAWAT_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (app == NULL || self->attached)
    return;

  self->attached = TRUE;
  self->language = nawat_application_get_language (app);
  nawat_window_setup_filters (self);
  nawat_project_page_set_language (self->project_page, self->language);
  nawat_score_form_set_language (self->score_form, self->language);

  settings = nawat_application_get_settings (app);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      nawat_sync_button_set_settings (self->sync_button, settings);
      g_settings_bind (settings, "use-be-years", self->project_page, "use-be-years",
                       G_SETTINGS_BIND_GET);
      g_settings_bind (settings, "search-documents", self->search_files_check, "active",
                       G_SETTINGS_BIND_DEFAULT);
      _nawat_window_watch_identity (self, settings);
    }

  g_signal_connect_object (app, "notify::ready",
                           G_CALLBACK (on_application_ready_cb), self,
                           G_CONNECT_SWAPPED);

  nawat_window_restore_size (self);
  nawat_window_load (self);
}

static void
nawat_window_dispose (GObject *object)
{
  NawatWindow *self = NAWAT_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  g_clear_weak_pointer (&self->described);
  _nawat_window_dispose_documents (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_WINDOW);

  g_clear_object (&self->list);
  g_clear_object (&self->project);
  g_clear_object (&self->evaluation);
  g_clear_pointer (&self->calls, g_ptr_array_unref);
  g_clear_pointer (&self->evaluator, g_free);
  g_clear_pointer (&self->typed_evaluator, g_free);
  g_clear_object (&self->call);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (nawat_window_parent_class)->dispose (object);
}

static void
nawat_window_finalize (GObject *object)
{
  NawatWindow *self = NAWAT_WINDOW (object);

  g_clear_pointer (&self->province_codes, g_ptr_array_unref);
  g_free (self->pending_call_id);

  G_OBJECT_CLASS (nawat_window_parent_class)->finalize (object);
}

static int
measure_width (GtkWidget *widget,
               gboolean   natural)
{
  int minimum = 0;
  int natural_width = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural_width, NULL, NULL);
  return natural ? natural_width : minimum;
}

/* The outer sidebar folds first, as in Files and Calendar: the calls and
 * filters give up their room before the list gives up its room to the
 * project.  Left to itself, AdwFlap folds only below the width of its
 * content folded, so the leaflet folded first and took the list away.
 * The sidebar is drawn at its natural width, the panes at least at their
 * minimum, with a separator after each.
 */
static void
nawat_window_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  NawatWindow *self = NAWAT_WINDOW (widget);
  int unfolded = measure_width (adw_flap_get_flap (self->flap), TRUE)
                 + measure_width (self->list_pane, FALSE)
                 + measure_width (self->detail_pane, FALSE) + 2;

  adw_flap_set_fold_policy (self->flap, width < unfolded ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                                         : ADW_FLAP_FOLD_POLICY_NEVER);

  GTK_WIDGET_CLASS (nawat_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
nawat_window_class_init (NawatWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nawat_window_dispose;
  object_class->finalize = nawat_window_finalize;

  widget_class->size_allocate = nawat_window_size_allocate;

  window_class->close_request = nawat_window_close_request;

  g_type_ensure (NAWAT_TYPE_SYNC_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/nawat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, calls_list);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, assigned_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, assigned_switch);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, status_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, domain_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, reach_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, province_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, sort_row);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, list_pane);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, detail_title);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, detail_box);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, list_header);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, detail_header);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, search_clamp);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, search_files_check);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, no_projects_page);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, identity_bar);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, identity_description);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, identity_entry);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, identity_start);
  gtk_widget_class_bind_template_child (widget_class, NawatWindow, identity_error);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_files_check_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calls_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_region_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);
  _nawat_window_bind_identity_callbacks (widget_class);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_install_action (widget_class, "win.dashboard", NULL, dashboard_action);
  gtk_widget_class_install_action (widget_class, "win.new-call", NULL, new_call_action);
  gtk_widget_class_install_action (widget_class, "win.edit-call", NULL, edit_call_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.dashboard", NULL);
  gtk_widget_class_install_action (widget_class, "win.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, publish_action);
  _nawat_window_bind_documents_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.assign", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-call", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);

  gtk_widget_class_install_action (widget_class, "win.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.focus-search", NULL);
}

static void
nawat_window_init (NawatWindow *self)
{
  GtkListItemFactory *factory;

  self->cancellable = g_cancellable_new ();
  self->language = "en";
  self->province_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The call's name whole; a project's title, long, is whole on its page */
  wrap_title (self->window_title, 4);
  wrap_title (self->detail_title, 2);
  nawat_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  nawat_accessible_name_status_pages (GTK_WIDGET (self));

  self->project_page = NAWAT_PROJECT_PAGE (nawat_project_page_new ());
  self->score_form = nawat_score_form_new ();
  /* One view: the proposal above the criteria that score it. */
  gtk_widget_set_vexpand (GTK_WIDGET (self->score_form), TRUE);
  nawat_score_form_set_header (self->score_form, GTK_WIDGET (self->project_page));
  _nawat_window_setup_documents (self);
  g_signal_connect_object (self->sync_button, "synced",
                           G_CALLBACK (on_sync_button_synced_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (nawat_window_place_sync_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (nawat_window_place_sync_button), self,
                           G_CONNECT_SWAPPED);
  nawat_window_place_sync_button (self);
  g_signal_connect_object (self->score_form, "saved",
                           G_CALLBACK (on_score_form_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->score_form, "submitted",
                           G_CALLBACK (on_score_form_submitted_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  add_leave_list_shortcuts (GTK_WIDGET (self->list_view));

  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed_cb), NULL);

  g_signal_connect (self, "notify::application",
                    G_CALLBACK (on_application_changed_cb), NULL);

  nawat_window_set_page (self, "loading");
}

NawatWindow *
nawat_window_new (NawatApplication *application)
{
  g_return_val_if_fail (NAWAT_IS_APPLICATION (application), NULL);

  return g_object_new (NAWAT_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

NawatProjectList *
nawat_window_get_project_list (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->list;
}

/* The window's last message to a screen reader (_nawat_window_announce) */
const char *
nawat_window_get_status (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->status_label);
}

GtkWidget *
nawat_window_get_search_entry (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

const char *
nawat_window_get_call_id (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->call != NULL ? nawat_call_get_call_id (self->call) : NULL;
}

const char *
nawat_window_get_page (NawatWindow *self)
{
  const char *page;

  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "main") != 0)
    return page;

  return gtk_stack_get_visible_child_name (self->stack);
}

NawatStore *
nawat_window_get_store (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->store;
}

NawatProject *
nawat_window_get_project (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->project;
}

NawatEvaluation *
nawat_window_get_evaluation (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->evaluation;
}

GtkWidget *
nawat_window_get_score_form (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->score_form);
}

GtkWidget *
nawat_window_get_project_page (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->project_page);
}

/* The evaluator whose evaluations the window shows and saves, or NULL
 * until someone says who is scoring.
 */
const char *
nawat_window_get_evaluator (NawatWindow *self)
{
  g_return_val_if_fail (NAWAT_IS_WINDOW (self), NULL);

  return self->evaluator;
}
