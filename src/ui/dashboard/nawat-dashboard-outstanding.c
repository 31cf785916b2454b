/* nawat-dashboard-outstanding.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-dashboard-private.h"
#include "nawat-exporter.h"
#include "nawat-file-output.h"
#include "nawat-outstanding-model.h"
#include "nawat-outstanding.h"
#include "nawat-vocabulary.h"

/* The progress per project: the projects whose assigned evaluators have
 * not all submitted, read from the store in a worker thread when the
 * "By Project" view is shown (again after each refresh), in a list view
 * that makes rows only for what it shows.  "Save Outstanding Work…" writes
 * the view shown, per evaluator or per project, as CSV or XLSX.
 */

/* The list's height: rows shown at once, and a row's height in pixels
 * (two lines of text and their margins).
 */
#define ROWS_SHOWN 8
#define ROW_HEIGHT 58

/* Reading */

typedef struct
{
  NawatStore *store;
  char       *call_id;
  char       *language;
  gboolean    by_project;
  GFile      *file;
  NawatTableFormat format;
} OutstandingData;

static void
outstanding_data_free (OutstandingData *data)
{
  g_clear_object (&data->store);
  g_free (data->call_id);
  g_free (data->language);
  g_clear_object (&data->file);
  g_free (data);
}

static OutstandingData *
outstanding_data_new (NawatDashboard *self,
                      gboolean        by_project)
{
  OutstandingData *data = g_new0 (OutstandingData, 1);

  data->store = g_object_ref (self->store);
  data->call_id = g_strdup (self->call_id);
  data->language = g_strdup (self->language);
  data->by_project = by_project;
  return data;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OutstandingData *data = task_data;
  GPtrArray *list;
  GError *error = NULL;

  list = nawat_outstanding_list_by_project (data->store, data->call_id, cancellable, &error);
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

static void
show_count (NawatDashboard *self,
            guint           n)
{
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No project is waiting for an evaluation."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u project is waiting for evaluations",
                                         "%u projects are waiting for evaluations", n),
                            n);
  gtk_label_set_label (self->outstanding_label, text);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (source);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(NawatOutstandingModel) model = NULL;
  g_autoptr(GError) error = NULL;
  GtkScrolledWindow *scrolled;

  list = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  _nawat_dashboard_set_outstanding_busy (self, FALSE, self->saving_outstanding);
  if (list == NULL)
    {
      _nawat_dashboard_add_toast (self, error->message);
      return;
    }
  model = nawat_outstanding_model_new (list);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self->outstanding_view)));
  gtk_no_selection_set_model (self->outstanding_selection, G_LIST_MODEL (model));
  show_count (self, list->len);
  /* A list view asks only for a row's height: room for up to eight rows,
   * the others a scroll away.
   */
  gtk_scrolled_window_set_min_content_height (scrolled, MIN (list->len, ROWS_SHOWN) * ROW_HEIGHT);
  gtk_widget_set_visible (GTK_WIDGET (scrolled), list->len > 0);
  self->outstanding_loaded = TRUE;
}

static void
load_outstanding (NawatDashboard *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->outstanding_cancellable);
  g_clear_object (&self->outstanding_cancellable);
  self->outstanding_cancellable = g_cancellable_new ();
  _nawat_dashboard_set_outstanding_busy (self, TRUE, self->saving_outstanding);

  task = g_task_new (self, self->outstanding_cancellable, on_loaded_cb, NULL);
  g_task_set_source_tag (task, load_outstanding);
  g_task_set_task_data (task, outstanding_data_new (self, TRUE),
                        (GDestroyNotify) outstanding_data_free);
  g_task_run_in_thread (task, load_thread);
}

void
_nawat_dashboard_update_outstanding (NawatDashboard *self)
{
  /* What is shown stays until the new list arrives. */
  self->outstanding_loaded = FALSE;
  if (gtk_toggle_button_get_active (self->by_project_button))
    load_outstanding (self);
}

static void
on_progress_view_toggled_cb (NawatDashboard  *self,
                             GtkToggleButton *button)
{
  gboolean by_project = gtk_toggle_button_get_active (self->by_project_button);

  if (!gtk_toggle_button_get_active (button))
    return;
  gtk_stack_set_visible_child_name (self->progress_stack, by_project ? "projects" : "evaluators");
  if (by_project && !self->outstanding_loaded && !self->loading_outstanding)
    load_outstanding (self);
}

/* The rows */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *evaluators = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_name (title, "title");
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (evaluators), 0);
  gtk_label_set_wrap (GTK_LABEL (evaluators), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (evaluators), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_name (evaluators, "evaluators");
  gtk_widget_add_css_class (evaluators, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), evaluators);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            NawatDashboard           *self)
{
  GListModel *model = gtk_no_selection_get_model (self->outstanding_selection);
  const NawatProjectOutstanding *project;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *evaluators = gtk_widget_get_next_sibling (title);
  g_autoptr(GString) waiting = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *line = NULL;
  const char *text;

  project = nawat_outstanding_model_get_project (NAWAT_OUTSTANDING_MODEL (model),
                                                 gtk_list_item_get_position (item));
  if (project == NULL)
    return;
  text = nawat_dashboard_text_in_language (project->title, self->language);
  heading = g_strdup_printf ("%s %s", project->code, text != NULL ? text : "");
  gtk_label_set_label (GTK_LABEL (title), heading);

  for (guint i = 0; i < project->evaluators->len; i++)
    {
      const NawatOutstandingEvaluator *e = g_ptr_array_index (project->evaluators, i);

      if (i > 0)
        /* Translators: between the evaluators of a list */
        g_string_append (waiting, _(", "));
      /* Translators: an evaluator and where their evaluation stands, e.g.
       * "Somchai (Draft)"
       */
      g_string_append_printf (waiting, _("%s (%s)"), e->display_name,
                              nawat_vocabulary_project_status (e->status, self->language));
    }
  /* Translators: a project of the outstanding work: how many of its
   * evaluators submitted, then who has not
   */
  line = g_strdup_printf (_("%u of %u submitted · waiting for %s"),
                          project->n_submitted, project->n_assigned, waiting->str);
  gtk_label_set_label (GTK_LABEL (evaluators), line);
}

/* Saving */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OutstandingData *data = task_data;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(NawatFileOutput) output = NULL;
  GError *error = NULL;

  if (data->by_project)
    list = nawat_outstanding_list_by_project (data->store, data->call_id, cancellable, &error);
  else
    list = nawat_outstanding_list (data->store, data->call_id, NULL, &error);
  if (list != NULL)
    output = nawat_file_output_new (data->file, cancellable, &error);
  if (output != NULL &&
      (data->by_project
       ? nawat_outstanding_write_by_project (list, data->language, data->format,
                                             nawat_file_output_get_stream (output), &error)
       : nawat_outstanding_write (list, data->language, data->format,
                                  nawat_file_output_get_stream (output), &error)) &&
      nawat_file_output_commit (output, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  NawatDashboard *self = NAWAT_DASHBOARD (source);
  OutstandingData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *toast = NULL;

  _nawat_dashboard_set_outstanding_busy (self, self->loading_outstanding, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: %s is the reason, a sentence */
      toast = g_strdup_printf (_("Could not save the outstanding work: %s"), error->message);
      _nawat_dashboard_add_toast (self, toast);
      return;
    }
  name = g_file_get_basename (data->file);
  /* Translators: %s is a file's name */
  toast = g_strdup_printf (_("The outstanding work is saved in “%s”"), name);
  _nawat_dashboard_add_toast (self, toast);
}

void
_nawat_dashboard_save_outstanding (NawatDashboard   *self,
                                   GFile            *file,
                                   NawatTableFormat  format,
                                   gboolean          by_project)
{
  g_autoptr(GTask) task = NULL;
  OutstandingData *data;

  g_return_if_fail (NAWAT_IS_DASHBOARD (self));
  g_return_if_fail (G_IS_FILE (file));

  data = outstanding_data_new (self, by_project);
  data->file = g_object_ref (file);
  data->format = format;
  _nawat_dashboard_set_outstanding_busy (self, self->loading_outstanding, TRUE);

  task = g_task_new (self, NULL, on_saved_cb, NULL);
  g_task_set_source_tag (task, _nawat_dashboard_save_outstanding);
  g_task_set_task_data (task, data, (GDestroyNotify) outstanding_data_free);
  g_task_run_in_thread (task, save_thread);
}

static GtkFileFilter *
new_filter (NawatExportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", nawat_export_format_to_string (format));

  gtk_file_filter_set_name (filter, nawat_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, nawat_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);
  return filter;
}

static gboolean
is_xlsx_filter (GtkFileFilter *filter)
{
  return filter != NULL &&
         g_strcmp0 (gtk_file_filter_get_name (filter),
                    nawat_export_format_get_label (NAWAT_EXPORT_FORMAT_XLSX)) == 0;
}

static void
on_file_chooser_response_cb (GtkNativeDialog *native,
                             int              response,
                             NawatDashboard  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *name = g_file_get_basename (file);
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (native));
      NawatTableFormat format;

      /* The name's extension says the format, else the filter chosen. */
      if (!nawat_table_format_from_path (name, &format))
        format = is_xlsx_filter (filter) ? NAWAT_TABLE_XLSX : NAWAT_TABLE_CSV;
      _nawat_dashboard_save_outstanding (self, file, format,
                                         gtk_toggle_button_get_active (self->by_project_button));
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
save_outstanding_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  NawatDashboard *self = NAWAT_DASHBOARD (widget);
  gboolean by_project = gtk_toggle_button_get_active (self->by_project_button);
  g_autoptr(GtkFileFilter) xlsx = new_filter (NAWAT_EXPORT_FORMAT_XLSX);
  g_autoptr(GtkFileFilter) csv = new_filter (NAWAT_EXPORT_FORMAT_CSV);
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;

  name = g_strdup_printf (by_project ? "outstanding-by-project-%s.xlsx" : "outstanding-%s.xlsx",
                          self->call_id);
  native = gtk_file_chooser_native_new (_("Save Outstanding Work"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), xlsx);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), csv);
  g_signal_connect_object (native, "response", G_CALLBACK (on_file_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
_nawat_dashboard_setup_outstanding (NawatDashboard *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (on_bind_cb), self, 0);
  gtk_list_view_set_factory (self->outstanding_view, factory);
}

void
_nawat_dashboard_class_init_outstanding (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_progress_view_toggled_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.save-outstanding", NULL,
                                   save_outstanding_action);
}
