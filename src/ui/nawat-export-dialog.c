/* nawat-export-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-export-dialog.h"
#include "nawat-export-dialog-private.h"

#include "nawat-accessible.h"
#include "nawat-file-chooser.h"

#include <glib/gi18n.h>
#include <string.h>

struct _NawatExportDialog
{
  AdwMessageDialog  parent_instance;

  NawatStore       *store;
  char             *call_id;
  char             *project_id;
  char             *evaluator;

  GtkCheckButton   *kind_project;
  GtkCheckButton   *kind_portfolio;
  GtkCheckButton   *format_pdf;
  GtkCheckButton   *format_csv;
  GtkCheckButton   *format_json;
  GtkCheckButton   *format_xlsx;
  GtkCheckButton   *language_th;
  GtkCheckButton   *language_en;
  GtkSwitch        *weight_confidence;
};

G_DEFINE_FINAL_TYPE (NawatExportDialog, nawat_export_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Messages: a toast in the parent's overlay, or a dialog */

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Shows @message (plain text, never markup); returns the toast, if any. */
static AdwToast *
show_message (GtkWindow  *parent,
              const char *message,
              guint       timeout)
{
  AdwToastOverlay *overlay = parent != NULL ? find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast;
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      toast = adw_toast_new (escaped);
      adw_toast_set_timeout (toast, timeout);
      adw_toast_overlay_add_toast (overlay, g_object_ref (toast));
      return toast;
    }
  if (timeout == 0)
    return NULL;

  dialog = adw_message_dialog_new (parent, NULL, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return NULL;
}

static void
show_error (GtkWindow    *parent,
            gboolean      printing,
            const GError *error)
{
  g_autofree char *message = NULL;
  g_autoptr(AdwToast) toast = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (printing)
    /* Translators: %s is the reason, a sentence. */
    message = g_strdup_printf (_("Could not print the report: %s"), error->message);
  else
    /* Translators: %s is the reason, a sentence. */
    message = g_strdup_printf (_("Could not export the report: %s"), error->message);
  toast = show_message (parent, message, 5);
}

/* The export started from the dialog */

typedef struct
{
  GtkWindow          *parent;
  AdwToast           *progress;
  GFile              *file;
  NawatExportRequest *choice;   /* until the export starts */
} ExportProgress;

static void
export_progress_free (ExportProgress *request)
{
  g_clear_pointer (&request->choice, nawat_export_request_free);
  g_clear_object (&request->parent);
  g_clear_object (&request->progress);
  g_clear_object (&request->file);
  g_free (request);
}

/* Opening the exported file from its toast */

typedef struct
{
  GtkWindow *parent;
  GFile     *file;
} ExportedFile;

static void
exported_file_free (gpointer  data,
                    GClosure *closure)
{
  ExportedFile *exported = data;

  g_clear_object (&exported->parent);
  g_clear_object (&exported->file);
  g_free (exported);
}

static void
on_show_uri_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (parent, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s is the reason, a sentence. */
      g_autofree char *message = g_strdup_printf (_("Could not open the file: %s"), error->message);
      g_autoptr(AdwToast) toast = show_message (parent, message, 5);
    }
}

/* Opens the file with the desktop's application for its type (through
 * the portal in a sandbox).
 */
static void
on_exported_toast_button_clicked_cb (AdwToast     *toast,
                                     ExportedFile *exported)
{
  g_autofree char *uri = g_file_get_uri (exported->file);

  gtk_show_uri_full (exported->parent, uri, GDK_CURRENT_TIME, NULL, on_show_uri_done_cb,
                     g_object_ref (exported->parent));
}

AdwToast *
_nawat_export_dialog_show_exported (GtkWindow *parent,
                                    GFile     *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: %s is the name of the file written. */
  g_autofree char *message = g_strdup_printf (_("Report exported to “%s”"), name);
  AdwToast *toast = show_message (parent, message, 5);
  ExportedFile *exported;

  if (toast == NULL)
    return NULL;
  exported = g_new0 (ExportedFile, 1);
  exported->parent = g_object_ref (parent);
  exported->file = g_object_ref (file);
  adw_toast_set_button_label (toast, _("_Open"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_exported_toast_button_clicked_cb),
                         exported, exported_file_free, 0);
  return toast;
}

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExportProgress *request = user_data;
  g_autoptr(GError) error = NULL;

  if (request->progress != NULL)
    adw_toast_dismiss (request->progress);
  if (!nawat_export_run_finish (result, &error))
    show_error (request->parent, FALSE, error);
  else if (request->parent != NULL)
    {
      g_autoptr(AdwToast) toast = _nawat_export_dialog_show_exported (request->parent, request->file);
    }
  export_progress_free (request);
}

static void
on_file_chosen_cb (GFile    *file,
                   gpointer  user_data)
{
  ExportProgress *chosen = user_data;
  ExportProgress *request = g_new0 (ExportProgress, 1);

  request->parent = chosen->parent != NULL ? g_object_ref (chosen->parent) : NULL;
  request->file = g_object_ref (file);
  request->progress = show_message (request->parent, _("Exporting the report…"), 0);
  nawat_export_run_async (g_steal_pointer (&chosen->choice), file, NULL, on_export_done_cb,
                          request);
}

static void
choose_file (NawatExportDialog *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  NawatExportFormat format = nawat_export_dialog_get_format (self);
  g_autofree char *name = nawat_export_dialog_dup_default_file_name (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s", nawat_export_format_to_string (format));
  g_autoptr(GtkFileFilter) filter = NULL;
  NawatReportKind kind = nawat_export_dialog_get_kind (self);
  ExportProgress *chosen = g_new0 (ExportProgress, 1);
  NawatExportRequest *choice;

  choice = nawat_export_request_new (self->store, self->call_id, kind, format,
                                     kind == NAWAT_REPORT_PROJECT ? self->project_id : NULL,
                                     gtk_check_button_get_active (self->language_th) ? "th" : "en",
                                     self->evaluator);
  choice->stats_flags = nawat_export_dialog_get_stats_flags (self);
  chosen->choice = choice;
  chosen->parent = parent != NULL ? g_object_ref (parent) : NULL;
  filter = nawat_file_filter_new (nawat_export_format_get_label (format),
                                  nawat_export_format_get_mime_type (format), pattern);
  nawat_file_chooser_run (parent, _("Export Report"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                          name, filter, on_file_chosen_cb, chosen,
                          (GDestroyNotify) export_progress_free);
}

/* The dialog */

static void
update_sensitivity (NawatExportDialog *self)
{
  gboolean pdf = gtk_check_button_get_active (self->format_pdf);
  gboolean coordinator = self->evaluator == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_project), self->project_id != NULL && pdf);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_portfolio), coordinator);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_csv), coordinator);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_json), coordinator);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_xlsx), coordinator);
  /* The language is that of the PDF; CSV, XLSX and JSON carry both. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_th), pdf);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_en), pdf);
  /* The portfolio's mean scores and ranks are in its PDF and its JSON. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->weight_confidence),
                            coordinator && !gtk_check_button_get_active (self->format_csv) &&
                            gtk_check_button_get_active (self->kind_portfolio));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "export",
                                           nawat_export_dialog_can_export (self));
}

static void
on_choice_toggled_cb (NawatExportDialog *self,
                      GtkCheckButton    *button)
{
  if (!gtk_check_button_get_active (button))
    return;
  /* CSV, XLSX and JSON are the whole call only. */
  if (button != self->format_pdf &&
      (button == self->format_csv || button == self->format_xlsx || button == self->format_json))
    gtk_check_button_set_active (self->kind_portfolio, TRUE);
  update_sensitivity (self);
}

static void
on_response_cb (NawatExportDialog *self,
                const char        *response)
{
  if (g_str_equal (response, "export") && nawat_export_dialog_can_export (self))
    choose_file (self);
}

static GtkCheckButton *
add_choice (NawatExportDialog   *self,
            AdwPreferencesGroup *group,
            GtkCheckButton      *first,
            const char          *name,
            const char          *title,
            const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  /* A choice of one: GTK 4.8 calls every check button a check box, even
   * in a group, where a reader must hear a radio button.
   */
  GtkWidget *check = g_object_new (GTK_TYPE_CHECK_BUTTON,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                   NULL);

  gtk_widget_set_name (check, name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (first != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), first);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_preferences_group_add (group, row);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  return GTK_CHECK_BUTTON (check);
}

static void
build_choices (NawatExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  AdwPreferencesGroup *report = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *format = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *language = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *ranking = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (report, _("Report"));
  self->kind_project = add_choice (self, report, NULL, "kind-project", _("This _project"),
                                   _("Its facts, charts, scores and comments"));
  self->kind_portfolio = add_choice (self, report, self->kind_project, "kind-portfolio",
                                     _("The _whole call"),
                                     _("Summary, ranking, agreement and every project"));

  adw_preferences_group_set_title (format, _("Format"));
  self->format_pdf = add_choice (self, format, NULL, "format-pdf", _("P_DF"),
                                 _("A4 pages to read, share or print"));
  self->format_csv = add_choice (self, format, self->format_pdf, "format-csv", _("_CSV"),
                                 _("One row per evaluation, for spreadsheets"));
  self->format_xlsx = add_choice (self, format, self->format_pdf, "format-xlsx", _("_XLSX"),
                                  _("The same table as an Excel workbook, numbers formatted"));
  self->format_json = add_choice (self, format, self->format_pdf, "format-json", _("_JSON"),
                                  _("Every project with its evaluations and statistics"));

  adw_preferences_group_set_title (language, _("Language of the PDF"));
  self->language_th = add_choice (self, language, NULL, "language-th", _("_Thai"), NULL);
  self->language_en = add_choice (self, language, self->language_th, "language-en",
                                  _("E_nglish"), NULL);

  adw_preferences_group_set_title (ranking, _("Ranking"));
  {
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *toggle = gtk_switch_new ();

    gtk_widget_set_name (toggle, "weight-confidence");
    gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                   _("We_igh by the evaluators’ confidence"));
    adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Each evaluation counts by its evaluator’s confidence in the "
                                   "mean scores and ranks; the report says so"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
    adw_preferences_group_add (ranking, row);
    self->weight_confidence = GTK_SWITCH (toggle);
  }

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (report));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (format));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (language));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (ranking));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
}

static void
nawat_export_dialog_finalize (GObject *object)
{
  NawatExportDialog *self = NAWAT_EXPORT_DIALOG (object);

  g_free (self->call_id);
  g_free (self->project_id);
  g_free (self->evaluator);

  G_OBJECT_CLASS (nawat_export_dialog_parent_class)->finalize (object);
}

static void
nawat_export_dialog_dispose (GObject *object)
{
  NawatExportDialog *self = NAWAT_EXPORT_DIALOG (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_export_dialog_parent_class)->dispose (object);
}

static void
nawat_export_dialog_class_init (NawatExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nawat_export_dialog_dispose;
  object_class->finalize = nawat_export_dialog_finalize;
}

static void
nawat_export_dialog_init (NawatExportDialog *self)
{
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Export Report"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  build_choices (self);
  nawat_accessible_name_buttons_by_labels (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

NawatExportDialog *
nawat_export_dialog_new (GtkWindow  *parent,
                         NawatStore *store,
                         const char *call_id,
                         const char *project_id,
                         const char *language,
                         const char *evaluator)
{
  NawatExportDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->project_id = g_strdup (project_id);
  self->evaluator = g_strdup (evaluator);

  if (g_str_equal (nawat_export_default_language (language), "th"))
    gtk_check_button_set_active (self->language_th, TRUE);
  else
    gtk_check_button_set_active (self->language_en, TRUE);
  gtk_check_button_set_active (self->format_pdf, TRUE);
  if (project_id != NULL || evaluator != NULL)
    gtk_check_button_set_active (self->kind_project, TRUE);
  else
    gtk_check_button_set_active (self->kind_portfolio, TRUE);
  if (evaluator != NULL && project_id == NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("Open a project to export your own report of it."));
  update_sensitivity (self);

  return self;
}

void
nawat_export_dialog_present (GtkWindow  *parent,
                             NawatStore *store,
                             const char *call_id,
                             const char *project_id,
                             const char *language,
                             const char *evaluator)
{
  NawatExportDialog *self = nawat_export_dialog_new (parent, store, call_id, project_id,
                                                     language, evaluator);

  if (self != NULL)
    gtk_window_present (GTK_WINDOW (self));
}

NawatReportKind
nawat_export_dialog_get_kind (NawatExportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_EXPORT_DIALOG (self), NAWAT_REPORT_PORTFOLIO);

  return gtk_check_button_get_active (self->kind_project) ? NAWAT_REPORT_PROJECT :
                                                            NAWAT_REPORT_PORTFOLIO;
}

void
nawat_export_dialog_set_kind (NawatExportDialog *self,
                              NawatReportKind    kind)
{
  g_return_if_fail (NAWAT_IS_EXPORT_DIALOG (self));

  if (kind == NAWAT_REPORT_PROJECT)
    gtk_check_button_set_active (self->format_pdf, TRUE);
  gtk_check_button_set_active (kind == NAWAT_REPORT_PROJECT ? self->kind_project :
                                                              self->kind_portfolio, TRUE);
}

NawatExportFormat
nawat_export_dialog_get_format (NawatExportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_EXPORT_DIALOG (self), NAWAT_EXPORT_FORMAT_PDF);

  if (gtk_check_button_get_active (self->format_csv))
    return NAWAT_EXPORT_FORMAT_CSV;
  if (gtk_check_button_get_active (self->format_json))
    return NAWAT_EXPORT_FORMAT_JSON;
  if (gtk_check_button_get_active (self->format_xlsx))
    return NAWAT_EXPORT_FORMAT_XLSX;
  return NAWAT_EXPORT_FORMAT_PDF;
}

void
nawat_export_dialog_set_format (NawatExportDialog *self,
                                NawatExportFormat  format)
{
  GtkCheckButton *button;

  g_return_if_fail (NAWAT_IS_EXPORT_DIALOG (self));

  switch (format)
    {
    case NAWAT_EXPORT_FORMAT_CSV:
      button = self->format_csv;
      break;
    case NAWAT_EXPORT_FORMAT_JSON:
      button = self->format_json;
      break;
    case NAWAT_EXPORT_FORMAT_XLSX:
      button = self->format_xlsx;
      break;
    case NAWAT_EXPORT_FORMAT_PDF:
    default:
      button = self->format_pdf;
      break;
    }
  gtk_check_button_set_active (button, TRUE);
}

NawatStatsFlags
nawat_export_dialog_get_stats_flags (NawatExportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_EXPORT_DIALOG (self), NAWAT_STATS_FLAGS_NONE);

  if (gtk_widget_is_sensitive (GTK_WIDGET (self->weight_confidence)) &&
      gtk_switch_get_active (self->weight_confidence))
    return NAWAT_STATS_WEIGHT_CONFIDENCE;
  return NAWAT_STATS_FLAGS_NONE;
}

gboolean
nawat_export_dialog_can_export (NawatExportDialog *self)
{
  NawatReportKind kind;

  g_return_val_if_fail (NAWAT_IS_EXPORT_DIALOG (self), FALSE);

  kind = nawat_export_dialog_get_kind (self);
  if (kind == NAWAT_REPORT_PROJECT)
    return self->project_id != NULL &&
           nawat_export_dialog_get_format (self) == NAWAT_EXPORT_FORMAT_PDF;
  return self->evaluator == NULL;
}

char *
nawat_export_dialog_dup_default_file_name (NawatExportDialog *self)
{
  const char *ext;

  g_return_val_if_fail (NAWAT_IS_EXPORT_DIALOG (self), NULL);

  ext = nawat_export_format_to_string (nawat_export_dialog_get_format (self));
  if (nawat_export_dialog_get_kind (self) == NAWAT_REPORT_PROJECT && self->project_id != NULL)
    {
      /* "project:<call>:<code>": the code is after the last colon. */
      const char *code = strrchr (self->project_id, ':');

      code = code != NULL ? code + 1 : self->project_id;
      if (self->evaluator != NULL)
        return g_strdup_printf ("%s-%s-%s.%s", self->call_id, code, self->evaluator, ext);
      return g_strdup_printf ("%s-%s.%s", self->call_id, code, ext);
    }

  return g_strdup_printf ("%s-portfolio.%s", self->call_id, ext);
}

/* Printing */

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  NawatReport *report = user_data;

  nawat_report_render_page (report, gtk_print_context_get_cairo_context (context), (guint) page,
                            gtk_print_context_get_width (context),
                            gtk_print_context_get_height (context));
}

static void
on_draw_page_unref_cb (gpointer  data,
                       GClosure *closure)
{
  g_object_unref (data);
}

GtkPrintOperation *
nawat_print_operation_new (NawatReport *report)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPrintOperation *operation;

  g_return_val_if_fail (NAWAT_IS_REPORT (report), NULL);
  g_return_val_if_fail (nawat_report_get_n_pages (report) > 0, NULL);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The report has its own margins, wider than a printer's: the page is
   * printed whole, as in the PDF; a smaller paper scales it down.
   */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_n_pages (operation, (int) nawat_report_get_n_pages (report));
  gtk_print_operation_set_job_name (operation, _("Nawat report"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* The handler holds the report: it lives as long as the operation draws. */
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb),
                         g_object_ref (report), on_draw_page_unref_cb, 0);

  return operation;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!nawat_report_prepare (NAWAT_REPORT (source_object), cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_error (GTK_WINDOW (user_data), TRUE, error);
    }
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult res;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (parent, TRUE, error);
      return;
    }

  operation = nawat_print_operation_new (NAWAT_REPORT (source));
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (parent != NULL)
    g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), parent, 0);
  res = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                                 &error);
  if (res == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_error (parent, TRUE, error);
}

void
nawat_print_report (GtkWindow  *parent,
                    NawatStore *store,
                    const char *call_id,
                    const char *project_id,
                    const char *language,
                    const char *evaluator)
{
  g_autoptr(NawatReport) report = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (NAWAT_IS_STORE (store));
  g_return_if_fail (call_id != NULL);

  report = nawat_report_new (store, call_id,
                             project_id != NULL ? NAWAT_REPORT_PROJECT : NAWAT_REPORT_PORTFOLIO,
                             project_id, nawat_export_default_language (language), evaluator);
  task = g_task_new (report, NULL, on_prepared_cb, parent != NULL ? g_object_ref (parent) : NULL);
  g_task_set_source_tag (task, nawat_print_report);
  g_task_run_in_thread (task, prepare_thread);
}
