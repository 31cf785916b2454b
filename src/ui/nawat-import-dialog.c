/* nawat-import-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-import-dialog.h"
#include "nawat-import-dialog-private.h"

#include "nawat-accessible.h"
#include "nawat-csv.h"
#include "nawat-file-chooser.h"
#include "nawat-import.h"
#include "nawat-places.h"
#include "nawat-text.h"
#include "nawat-xlsx.h"

#include <glib/gi18n.h>
#include <string.h>

/* The rows shown in the preview */
#define N_PREVIEW 5

struct _NawatImportDialog
{
  AdwWindow            parent_instance;

  NawatStore          *store;
  char                *call_id;
  GFile               *file;
  char                *skipped_path;
  GCancellable        *cancellable;
  char               **sheets;        /* an XLSX file's sheets, or NULL */
  char                *sheet;         /* the one read, NULL: the first */

  GPtrArray           *rows;
  NawatImportMapping  *mapping;
  NawatImport         *import;
  gboolean             loaded;
  gboolean             applying;      /* the choosers follow the mapping */

  AdwToastOverlay     *toasts;
  GtkWidget           *import_button;
  AdwPreferencesPage  *page;
  AdwStatusPage       *status;
  GtkStack            *stack;
  AdwPreferencesGroup *sheet_group;
  AdwComboRow         *sheet_row;
  GtkWidget           *sheet_spinner;
  AdwPreferencesGroup *mapping_group;
  GtkWidget           *save_mapping_button;
  GtkWidget           *load_mapping_button;
  AdwActionRow        *mapping_error_row;
  GPtrArray           *mapping_rows;  /* a chooser a column */
  AdwPreferencesGroup *preview_group;
  AdwPreferencesGroup *report_group;
  GtkSwitch           *skip_switch;
  AdwActionRow        *skip_row;
  GPtrArray           *dynamic_rows;  /* the preview's and report's rows */
  GFile               *documents;     /* the proposals' files' folder, or NULL */
  AdwPreferencesGroup *documents_group;
  AdwActionRow        *documents_row;
  GCancellable        *store_cancellable; /* while the import is stored */
  GtkProgressBar      *progress;
};

G_DEFINE_FINAL_TYPE (NawatImportDialog, nawat_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
nawat_import_dialog_can_read (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".xlsx"));
}

/* Reading the file, in a thread */

typedef struct
{
  GFile *file;
  char  *sheet;
} ReadRequest;

typedef struct
{
  GPtrArray  *rows;
  char      **sheets;
} ReadResult;

static void
read_request_free (ReadRequest *request)
{
  g_object_unref (request->file);
  g_free (request->sheet);
  g_free (request);
}

static void
read_result_free (ReadResult *result)
{
  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_strfreev (result->sheets);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReadResult, read_result_free)

static gboolean
is_xlsx (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".xlsx");
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadRequest *request = task_data;
  g_autofree char *path = g_file_get_path (request->file);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) result = g_new0 (ReadResult, 1);

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The file is not on this computer"));
      return;
    }
  if (!is_xlsx (path))
    result->rows = nawat_csv_read_file (path, NULL, &error);
  else if ((result->sheets = nawat_xlsx_list_sheets (path, &error)) != NULL)
    result->rows = nawat_xlsx_read_rows (path, request->sheet, &error);
  if (result->rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) read_result_free);
}

/* The mapping, preview and report */

static void
clear_dynamic_rows (NawatImportDialog *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static GtkWidget *
add_text_row (NawatImportDialog   *self,
              AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, row);
  return row;
}

static char *
describe_project (NawatProject *project,
                  const char   *lang)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *organisation = nawat_project_get_organisation (project);
  const char *province = nawat_project_get_province (project);
  gint64 budget = nawat_project_get_budget_thb (project);

  g_string_append (text, nawat_project_get_code (project));
  if (organisation != NULL)
    g_string_append_printf (text, " · %s", organisation);
  if (province != NULL)
    {
      const NawatProvince *place = nawat_province_lookup (province);

      g_string_append_printf (text, " · %s",
                              place != NULL ? nawat_province_get_label (place, lang) : province);
    }
  if (budget > 0)
    {
      g_autofree char *amount = nawat_format_thb (budget, lang);

      g_string_append_printf (text, " · %s", amount);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
ui_language (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "th") ? "th" : "en";
}

static guint
n_unmatched (NawatImportDialog *self)
{
  return self->import != NULL ? nawat_import_get_unmatched_documents (self->import)->len : 0;
}

static void
update_import_button (NawatImportDialog *self)
{
  guint n_rows = self->import != NULL ? nawat_import_get_n_rows (self->import) : 0;
  guint n_invalid = self->import != NULL ? nawat_import_get_n_invalid (self->import) : 0;
  gboolean can = self->import != NULL && self->store_cancellable == NULL && n_rows > n_invalid &&
                 ((n_invalid == 0 && n_unmatched (self) == 0) ||
                  gtk_switch_get_active (self->skip_switch));

  gtk_widget_set_sensitive (self->import_button, can);
}

/* The documents folder's files: how many go to a project, and a problem
 * for each that matches none.
 */
static void
show_documents (NawatImportDialog *self)
{
  GPtrArray *unmatched = nawat_import_get_unmatched_documents (self->import);
  guint n = nawat_import_get_n_documents (self->import);
  g_autofree char *text = NULL;

  if (self->documents == NULL)
    return;
  for (guint i = 0; i < unmatched->len; i++)
    {
      g_autofree char *name = g_path_get_basename (unmatched->pdata[i]);

      add_text_row (self, self->report_group, name, _("Matches the code of no project"));
    }
  text = g_strdup_printf (ngettext ("%u file to attach", "%u files to attach", n), n);
  adw_action_row_set_subtitle (self->documents_row, text);
}

/* Checks the rows with the mapping shown, and shows the outcome. */
static void
check_rows (NawatImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  GPtrArray *problems;
  const char *lang = ui_language ();
  guint n_invalid;

  clear_dynamic_rows (self);
  g_clear_object (&self->import);

  self->import = nawat_import_new (self->call_id, self->rows, self->mapping);
  nawat_import_set_documents (self->import, self->documents);
  if (!nawat_import_check (self->import, self->store, &error))
    {
      g_clear_object (&self->import);
      add_text_row (self, self->report_group, error->message, NULL);
      adw_preferences_group_set_description (self->report_group, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_group), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->skip_row), FALSE);
      update_import_button (self);
      return;
    }

  preview = nawat_import_preview (self->import, N_PREVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), preview->len > 0);
  for (guint i = 0; i < preview->len; i++)
    {
      NawatProject *project = g_ptr_array_index (preview, i);
      const char *title = nawat_text_get (nawat_project_get_title (project), lang);
      g_autofree char *details = describe_project (project, lang);

      add_text_row (self, self->preview_group, title != NULL ? title : "", details);
    }

  problems = nawat_import_get_problems (self->import);
  n_invalid = nawat_import_get_n_invalid (self->import);
  for (guint i = 0; i < problems->len; i++)
    {
      NawatImportProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *where = NULL;

      if (problem->header != NULL)
        /* Translators: where a problem is: a row's number and a column's header. */
        where = g_strdup_printf (_("Row %u, column “%s”"), problem->row, problem->header);
      else
        /* Translators: where a problem is: a row's number. */
        where = g_strdup_printf (_("Row %u"), problem->row);
      add_text_row (self, self->report_group, where, problem->message);
    }
  show_documents (self);
  if (n_invalid == 0)
    {
      guint n_rows = nawat_import_get_n_rows (self->import);
      g_autofree char *text = g_strdup_printf (ngettext ("Every row is valid: %u project",
                                                         "Every row is valid: %u projects",
                                                         n_rows), n_rows);

      adw_preferences_group_set_description (self->report_group, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u row is invalid: nothing is imported "
                                                         "unless it is skipped",
                                                         "%u rows are invalid: nothing is imported "
                                                         "unless they are skipped",
                                                         n_invalid), n_invalid);

      adw_preferences_group_set_description (self->report_group, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->skip_row), n_invalid > 0 || n_unmatched (self) > 0);
  update_import_button (self);
}

static void
on_field_selected_cb (AdwComboRow       *row,
                      GParamSpec        *pspec,
                      NawatImportDialog *self)
{
  const char *header = g_object_get_data (G_OBJECT (row), "nawat-header");
  guint field = adw_combo_row_get_selected (row);

  if (field >= NAWAT_IMPORT_N_FIELDS || self->rows == NULL || self->applying)
    return;
  nawat_import_mapping_set (self->mapping, header, (NawatImportField) field);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), FALSE);
  check_rows (self);
}

static void
clear_mapping_rows (NawatImportDialog *self)
{
  for (guint i = 0; i < self->mapping_rows->len; i++)
    adw_preferences_group_remove (self->mapping_group, g_ptr_array_index (self->mapping_rows, i));
  g_ptr_array_set_size (self->mapping_rows, 0);
}

static void
build_mapping (NawatImportDialog *self)
{
  const char * const *header = g_ptr_array_index (self->rows, 0);
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  clear_mapping_rows (self);

  for (guint f = 0; f < NAWAT_IMPORT_N_FIELDS; f++)
    gtk_string_list_append (fields, nawat_import_field_get_label ((NawatImportField) f));

  for (guint i = 0; header[i] != NULL; i++)
    {
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), header[i]);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  nawat_import_mapping_get (self->mapping, header[i]));
      g_object_set_data_full (G_OBJECT (row), "nawat-header", g_strdup (header[i]), g_free);
      gtk_widget_set_name (row, "mapping");
      {
        /* Translators: the accessible name of the field chosen for a
         * column; %s is the column's header.
         */
        g_autofree char *label = g_strdup_printf (_("Field of the column “%s”"), header[i]);

        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      }
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_field_selected_cb), self, 0);
      adw_preferences_group_add (self->mapping_group, row);
      g_ptr_array_add (self->mapping_rows, row);
    }
}

/* The choosers show the mapping, and the rows are checked with it. */
static void
show_mapping (NawatImportDialog *self)
{
  self->applying = TRUE;
  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->mapping_rows, i);
      const char *header = g_object_get_data (G_OBJECT (row), "nawat-header");

      adw_combo_row_set_selected (row, nawat_import_mapping_get (self->mapping, header));
    }
  self->applying = FALSE;
  check_rows (self);
}

/* Saving and loading the mapping */

static void
show_mapping_error (NawatImportDialog *self,
                    const char        *title,
                    const char        *reason)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mapping_error_row), title);
  adw_action_row_set_subtitle (self->mapping_error_row, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->mapping_error_row));
}

static void show_toast (NawatImportDialog *self,
                        const char        *message);

gboolean
nawat_import_dialog_save_mapping (NawatImportDialog *self,
                                  GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (NAWAT_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->mapping == NULL)
    return FALSE;
  data = nawat_import_mapping_to_data (self->mapping, &length);
  if (!g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, &error))
    {
      show_mapping_error (self, _("Could not save the mapping"), error->message);
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), FALSE);
  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is a file's name. */
    g_autofree char *text = g_strdup_printf (_("Saved the mapping to “%s”"), name);

    show_toast (self, text);
  }
  gtk_widget_grab_focus (self->save_mapping_button);
  return TRUE;
}

gboolean
nawat_import_dialog_load_mapping (NawatImportDialog *self,
                                  GFile             *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatImportMapping) loaded = NULL;
  g_autoptr(NawatImportMapping) mapping = NULL;
  g_autofree char *data = NULL;
  const char * const *header;
  gsize length = 0;

  g_return_val_if_fail (NAWAT_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->rows == NULL || self->rows->len == 0 || self->store_cancellable != NULL)
    return FALSE;
  header = g_ptr_array_index (self->rows, 0);
  if (g_file_load_contents (file, NULL, &data, &length, NULL, &error))
    loaded = nawat_import_mapping_new_from_data (data, length, &error);
  if (loaded == NULL || !nawat_import_mapping_fits (loaded, header, &error))
    {
      show_mapping_error (self, _("Could not load the mapping"), error->message);
      return FALSE;
    }

  /* As nawat-cli import --mapping does: the guess, and the file over it. */
  mapping = nawat_import_mapping_guess (header);
  nawat_import_mapping_update (mapping, loaded);
  g_set_object (&self->mapping, mapping);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), FALSE);
  show_mapping (self);
  {
    g_autofree char *name = g_file_get_basename (file);
    /* Translators: %s is a file's name. */
    g_autofree char *text = g_strdup_printf (_("Loaded the mapping from “%s”"), name);

    show_toast (self, text);
  }
  if (self->mapping_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->mapping_rows, 0));
  return TRUE;
}

static void
on_mapping_save_chosen_cb (GFile    *file,
                           gpointer  user_data)
{
  nawat_import_dialog_save_mapping (NAWAT_IMPORT_DIALOG (user_data), file);
}

static void
on_mapping_load_chosen_cb (GFile    *file,
                           gpointer  user_data)
{
  nawat_import_dialog_load_mapping (NAWAT_IMPORT_DIALOG (user_data), file);
}

static GtkFileFilter *
mapping_filter_new (void)
{
  return nawat_file_filter_new (_("Column mapping (JSON)"), "application/json", "*.json");
}

static void
on_save_mapping_clicked_cb (NawatImportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = mapping_filter_new ();
  g_autofree char *base = g_file_get_basename (self->file);
  g_autofree char *name = NULL;
  char *dot = base != NULL ? strrchr (base, '.') : NULL;

  if (dot != NULL)
    *dot = '\0';
  name = g_strconcat (base != NULL ? base : "", "-mapping.json", NULL);
  nawat_file_chooser_run (GTK_WINDOW (self), _("Save Mapping"), GTK_FILE_CHOOSER_ACTION_SAVE,
                          _("_Save"), name, filter, on_mapping_save_chosen_cb,
                          g_object_ref (self), g_object_unref);
}

static void
on_load_mapping_clicked_cb (NawatImportDialog *self)
{
  g_autoptr(GtkFileFilter) filter = mapping_filter_new ();

  nawat_file_chooser_run (GTK_WINDOW (self), _("Load Mapping"), GTK_FILE_CHOOSER_ACTION_OPEN,
                          _("_Load"), NULL, filter, on_mapping_load_chosen_cb,
                          g_object_ref (self), g_object_unref);
}

/* The documents folder */

void
nawat_import_dialog_set_documents (NawatImportDialog *self,
                                   GFile             *folder)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (NAWAT_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (folder));

  /* A folder chosen while the import is stored comes too late. */
  if (self->store_cancellable != NULL)
    return;
  g_set_object (&self->documents, folder);
  shown = g_file_get_parse_name (folder);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->documents_row), shown);
  if (self->loaded && self->rows != NULL)
    check_rows (self);
}

static void
on_documents_chosen_cb (GFile    *folder,
                        gpointer  user_data)
{
  nawat_import_dialog_set_documents (NAWAT_IMPORT_DIALOG (user_data), folder);
}

static void
on_documents_clicked_cb (NawatImportDialog *self)
{
  nawat_file_chooser_run (GTK_WINDOW (self), _("Documents Folder"),
                          GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), NULL, NULL,
                          on_documents_chosen_cb, g_object_ref (self), g_object_unref);
}

static void
build_documents_group (NawatImportDialog *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Documents Folder…"));

  self->documents_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->documents_group, _("Proposals’ Files"));
  self->documents_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->documents_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->documents_row), _("No folder"));
  adw_action_row_set_subtitle (self->documents_row,
                               _("A folder of files named by project code: CODE.pdf, or a "
                                 "folder CODE with the project’s files"));
  gtk_widget_set_name (button, "documents-folder");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button,
                               _("Attach the proposals’ files of a folder, by project code"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_documents_clicked_cb), self);
  adw_action_row_add_suffix (self->documents_row, button);
  adw_preferences_group_add (self->documents_group, GTK_WIDGET (self->documents_row));
}

/* The sheets to choose from: an XLSX file's, when it has more than one. */
static void
show_sheets (NawatImportDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *) self->sheets);
  guint n = self->sheets != NULL ? g_strv_length (self->sheets) : 0;

  self->applying = TRUE;
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->sheet_row, 0);
  self->applying = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_group), n > 1);
}

static void
set_reading (NawatImportDialog *self,
             gboolean           reading)
{
  self->loaded = !reading;
  gtk_widget_set_visible (self->sheet_spinner, reading);
  gtk_spinner_set_spinning (GTK_SPINNER (self->sheet_spinner), reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_group), !reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_group), !reading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->report_group), !reading);
}

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NawatImportDialog *self = NAWAT_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(ReadResult) read = g_task_propagate_pointer (G_TASK (result), &error);
  const char *empty[] = { NULL };
  gboolean first = self->rows == NULL;

  if (read == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_reading (self, FALSE);
  if (read == NULL)
    {
      adw_status_page_set_title (self->status, _("Could not read the file"));
      adw_status_page_set_description (self->status, error->message);
      gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->status));
      return;
    }
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&read->rows);
  if (first)
    {
      self->sheets = g_steal_pointer (&read->sheets);
      show_sheets (self);
    }
  g_clear_object (&self->mapping);
  self->mapping = nawat_import_mapping_guess (self->rows->len > 0
                                              ? g_ptr_array_index (self->rows, 0) : empty);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), FALSE);
  if (self->rows->len > 0)
    build_mapping (self);
  else
    clear_mapping_rows (self);
  check_rows (self);
  gtk_widget_set_sensitive (self->save_mapping_button, self->rows->len > 0);
  gtk_widget_set_sensitive (self->load_mapping_button, self->rows->len > 0);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->page));
}

/* Reads the file, or the sheet chosen, in a thread; a read under way is
 * cancelled.
 */
static void
start_reading (NawatImportDialog *self)
{
  g_autoptr(GTask) task = NULL;
  ReadRequest *request = g_new0 (ReadRequest, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->import);
  update_import_button (self);
  set_reading (self, TRUE);

  request->file = g_object_ref (self->file);
  request->sheet = g_strdup (self->sheet);
  task = g_task_new (self, self->cancellable, on_read_done_cb, NULL);
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, request, (GDestroyNotify) read_request_free);
  g_task_run_in_thread (task, read_thread);
}

static void
on_sheet_selected_cb (NawatImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->sheet_row);

  if (self->applying || self->sheets == NULL || selected >= g_strv_length (self->sheets) ||
      g_strcmp0 (self->sheet != NULL ? self->sheet : self->sheets[0], self->sheets[selected]) == 0)
    return;
  g_free (self->sheet);
  self->sheet = g_strdup (self->sheets[selected]);
  start_reading (self);
}

/* Importing */

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

static void
show_toast (NawatImportDialog *self,
            const char        *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
}

/* The dialog, for the progress of an import stored in a thread: weak,
 * since the task may outlive the dialog and drop its data in its thread.
 */
static GWeakRef *
weak_dialog_new (NawatImportDialog *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

static void
weak_dialog_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
show_store_progress (NawatImportDialog *self,
                     guint              n_done,
                     guint              n_total)
{
  g_autofree char *text = NULL;

  if (n_total == 0)
    {
      gtk_progress_bar_set_text (self->progress, _("Importing…"));
      gtk_progress_bar_pulse (self->progress);
      return;
    }
  /* Translators: the files attached so far, of how many. */
  text = g_strdup_printf (_("Attaching the files: %u of %u"), n_done, n_total);
  gtk_progress_bar_set_text (self->progress, text);
  gtk_progress_bar_set_fraction (self->progress, (double) n_done / n_total);
}

static void
on_store_progress_cb (guint    n_done,
                      guint    n_total,
                      gpointer user_data)
{
  g_autoptr(NawatImportDialog) self = g_weak_ref_get (user_data);

  if (self != NULL && self->store_cancellable != NULL)
    show_store_progress (self, n_done, n_total);
}

/* While the import is stored, the choices are held still. */
static void
set_storing (NawatImportDialog *self,
             gboolean           storing)
{
  if (storing)
    self->store_cancellable = g_cancellable_new ();
  else
    g_clear_object (&self->store_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !storing);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), storing);
  update_import_button (self);
}

static void
on_store_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(NawatImportDialog) self = user_data;
  NawatImport *import = NAWAT_IMPORT (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  guint n_invalid = nawat_import_get_n_invalid (import);
  guint n_imported = 0;
  gboolean stored;
  GtkWindow *parent;

  stored = nawat_import_store_finish (import, result, &n_imported, &error);
  /* Closed meanwhile: the store tells its own changes. */
  if (self->store == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_storing (self, FALSE);
  if (!stored)
    {
      /* Translators: %s is the reason, a sentence. */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported: %s"), error->message);

      show_toast (self, text);
      return;
    }

  if (n_invalid > 0)
    {
      g_autofree char *skipped = g_path_get_basename (self->skipped_path);
      g_autofree char *imported = g_strdup_printf (ngettext ("Imported %u project",
                                                             "Imported %u projects",
                                                             n_imported), n_imported);

      /* Translators: the first %s is "Imported N projects", %u a number
       * of rows, the last %s a file's name.
       */
      message = g_strdup_printf (ngettext ("%s; %u row skipped, written to “%s”",
                                           "%s; %u rows skipped, written to “%s”",
                                           n_invalid),
                                 imported, n_invalid, skipped);
    }
  else
    message = g_strdup_printf (ngettext ("Imported %u project", "Imported %u projects",
                                         n_imported), n_imported);
  if (nawat_import_get_n_documents (import) > 0)
    {
      guint n = nawat_import_get_n_documents (import);
      char *with_files;

      /* Translators: %s is "Imported N projects" (and the rows skipped),
       * %u the number of files attached to them.
       */
      with_files = g_strdup_printf (ngettext ("%s, with %u file", "%s, with %u files", n),
                                    message, n);
      g_free (message);
      message = with_files;
    }

  escaped = g_markup_escape_text (message, -1);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL && find_toast_overlay (GTK_WIDGET (parent)) != NULL)
    adw_toast_overlay_add_toast (find_toast_overlay (GTK_WIDGET (parent)), adw_toast_new (escaped));
  g_signal_emit (self, signals[IMPORTED], 0, n_imported);
  gtk_window_close (GTK_WINDOW (self));
}

/* The projects are stored, and their files read, hashed and written, in
 * a thread: hundreds of files leave the window responsive, the progress
 * shown.  Closing the dialog stops it (nawat_import_store_async()).
 */
static void
on_import_clicked_cb (NawatImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean skip = gtk_switch_get_active (self->skip_switch);
  guint n_invalid;

  if (self->import == NULL || self->store_cancellable != NULL)
    return;
  n_invalid = nawat_import_get_n_invalid (self->import);
  if (n_invalid > 0 && !skip)
    return;

  /* The rows to correct are written first: when they cannot be, nothing
   * is imported.
   */
  if (n_invalid > 0 && !nawat_import_write_skipped (self->import, self->skipped_path, &error))
    {
      /* Translators: %s is the reason, a sentence. */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported: %s"), error->message);

      show_toast (self, text);
      return;
    }

  set_storing (self, TRUE);
  show_store_progress (self, 0, nawat_import_get_n_documents (self->import));
  nawat_import_store_async (self->import, self->store, skip,
                            on_store_progress_cb, weak_dialog_new (self), weak_dialog_free,
                            self->store_cancellable, on_store_done_cb, g_object_ref (self));
}

static void
on_skip_active_cb (NawatImportDialog *self)
{
  update_import_button (self);
}

/* The dialog */

static void
build_sheet (NawatImportDialog *self)
{
  self->sheet_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_group), FALSE);
  self->sheet_row = ADW_COMBO_ROW (adw_combo_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->sheet_row), "sheet");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sheet_row), _("S_heet"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->sheet_row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->sheet_row),
                               _("The sheet of the workbook that holds the proposals"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sheet_row),
                               _("Choose the sheet of the workbook to import"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sheet_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sheet"), -1);
  self->sheet_spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->sheet_spinner, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->sheet_row), self->sheet_spinner);
  g_signal_connect_swapped (self->sheet_row, "notify::selected",
                            G_CALLBACK (on_sheet_selected_cb), self);
  adw_preferences_group_add (self->sheet_group, GTK_WIDGET (self->sheet_row));
}

static void
build_mapping_group (NawatImportDialog *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  self->mapping_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->mapping_group, _("Columns"));
  adw_preferences_group_set_description (self->mapping_group,
                                         _("The field of a project each column gives, "
                                           "guessed from its header"));

  self->save_mapping_button = gtk_button_new_with_mnemonic (_("Sa_ve Mapping…"));
  gtk_widget_set_name (self->save_mapping_button, "save-mapping");
  gtk_widget_set_tooltip_text (self->save_mapping_button,
                               _("Save the column mapping to a file, to use it again"));
  g_signal_connect_swapped (self->save_mapping_button, "clicked",
                            G_CALLBACK (on_save_mapping_clicked_cb), self);
  self->load_mapping_button = gtk_button_new_with_mnemonic (_("_Load Mapping…"));
  gtk_widget_set_name (self->load_mapping_button, "load-mapping");
  gtk_widget_set_tooltip_text (self->load_mapping_button,
                               _("Use a column mapping saved before"));
  g_signal_connect_swapped (self->load_mapping_button, "clicked",
                            G_CALLBACK (on_load_mapping_clicked_cb), self);
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->load_mapping_button);
  gtk_box_append (GTK_BOX (buttons), self->save_mapping_button);
  adw_preferences_group_set_header_suffix (self->mapping_group, buttons);

  /* Why a mapping could not be saved or loaded, until the next change. */
  self->mapping_error_row = ADW_ACTION_ROW (adw_action_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->mapping_error_row), "mapping-error");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->mapping_error_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->mapping_error_row), 4);
  gtk_widget_add_css_class (icon, "error");
  adw_action_row_add_prefix (self->mapping_error_row, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_row), FALSE);
  adw_preferences_group_add (self->mapping_group, GTK_WIDGET (self->mapping_error_row));
}

static void
build (NawatImportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *spinner = gtk_spinner_new ();

  self->import_button = gtk_button_new_with_mnemonic (_("_Import"));
  gtk_widget_set_name (self->import_button, "import");
  gtk_widget_add_css_class (self->import_button, "suggested-action");
  gtk_widget_set_sensitive (self->import_button, FALSE);
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_close), self);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->import_button);
  gtk_box_append (GTK_BOX (box), header);

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_name (GTK_WIDGET (self->progress), "import-progress");
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_margin_start (GTK_WIDGET (self->progress), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->progress), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->progress), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->progress), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_title (self->status, _("Reading the file…"));
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (self->status, spinner);
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->status));

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  build_sheet (self);
  build_mapping_group (self);
  build_documents_group (self);
  self->preview_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->preview_group, _("Preview"));
  adw_preferences_group_set_description (self->preview_group,
                                         _("The first projects as they will be stored"));
  self->report_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->report_group, _("Problems"));

  self->skip_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->skip_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_name (GTK_WIDGET (self->skip_switch), "skip-invalid");
  gtk_widget_set_valign (GTK_WIDGET (self->skip_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->skip_row), _("_Skip Invalid Rows"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->skip_row), TRUE);
  adw_action_row_add_suffix (self->skip_row, GTK_WIDGET (self->skip_switch));
  adw_action_row_set_activatable_widget (self->skip_row, GTK_WIDGET (self->skip_switch));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->skip_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skip invalid rows"), -1);
  g_signal_connect_swapped (self->skip_switch, "notify::active", G_CALLBACK (on_skip_active_cb),
                            self);
  adw_preferences_group_add (self->report_group, GTK_WIDGET (self->skip_row));

  adw_preferences_page_add (self->page, self->sheet_group);
  adw_preferences_page_add (self->page, self->documents_group);
  adw_preferences_page_add (self->page, self->report_group);
  adw_preferences_page_add (self->page, self->mapping_group);
  adw_preferences_page_add (self->page, self->preview_group);
  gtk_stack_add_child (self->stack, GTK_WIDGET (self->page));
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->status));

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  nawat_accessible_name_buttons_by_labels (box);
}

static void
nawat_import_dialog_dispose (GObject *object)
{
  NawatImportDialog *self = NAWAT_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->store_cancellable);
  g_clear_object (&self->store_cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_object (&self->import);
  g_clear_object (&self->mapping);
  g_clear_object (&self->documents);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->sheets, g_strfreev);

  G_OBJECT_CLASS (nawat_import_dialog_parent_class)->dispose (object);
}

static void
nawat_import_dialog_finalize (GObject *object)
{
  NawatImportDialog *self = NAWAT_IMPORT_DIALOG (object);

  g_free (self->call_id);
  g_free (self->skipped_path);
  g_free (self->sheet);
  g_ptr_array_unref (self->dynamic_rows);
  g_ptr_array_unref (self->mapping_rows);

  G_OBJECT_CLASS (nawat_import_dialog_parent_class)->finalize (object);
}

static void
nawat_import_dialog_class_init (NawatImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_import_dialog_dispose;
  object_class->finalize = nawat_import_dialog_finalize;

  /* NawatImportDialog::imported: (n_imported) projects were stored. */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nawat_import_dialog_init (NawatImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->dynamic_rows = g_ptr_array_new ();
  self->mapping_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Import Proposals"));
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 720);
  build (self);
}

/* The skipped rows go beside the file: "<name>-skipped.csv". */
static char *
skipped_path_for (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (path == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  name = g_strconcat (base, "-skipped.csv", NULL);
  return g_build_filename (dir, name, NULL);
}

NawatImportDialog *
nawat_import_dialog_new (GtkWindow  *parent,
                         NawatStore *store,
                         const char *call_id,
                         GFile      *file)
{
  NawatImportDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (NAWAT_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->file = g_object_ref (file);
  self->skipped_path = skipped_path_for (file);
  if (self->skipped_path != NULL)
    {
      g_autofree char *name = g_path_get_basename (self->skipped_path);
      /* Translators: %s is a file's name. */
      g_autofree char *text = g_strdup_printf (_("The valid rows are imported; the invalid ones "
                                                 "are written to “%s”, beside the file, "
                                                 "for correction"), name);

      adw_action_row_set_subtitle (self->skip_row, text);
    }

  start_reading (self);
  gtk_stack_set_visible_child (self->stack, GTK_WIDGET (self->status));

  return self;
}

void
nawat_import_dialog_choose (GtkWindow             *parent,
                            NawatImportChosenFunc  func,
                            gpointer               user_data)
{
  g_autoptr(GtkFileFilter) filter = nawat_file_filter_new (_("Spreadsheets (CSV, XLSX)"),
                                                           "text/csv", "*.csv");

  gtk_file_filter_add_mime_type (filter,
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  gtk_file_filter_add_pattern (filter, "*.xlsx");
  nawat_file_chooser_run (parent, _("Import Proposals"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                          NULL, filter, func, user_data, NULL);
}

gboolean
nawat_import_dialog_is_loaded (NawatImportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT_DIALOG (self), FALSE);

  return self->loaded;
}

NawatImport *
nawat_import_dialog_get_import (NawatImportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT_DIALOG (self), NULL);

  return self->import;
}

const char *
nawat_import_dialog_get_skipped_path (NawatImportDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_IMPORT_DIALOG (self), NULL);

  return self->skipped_path;
}
