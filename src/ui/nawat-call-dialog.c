/* nawat-call-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-call-dialog.h"

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-file-chooser.h"
#include "nawat-publish.h"
#include "nawat-text.h"
#include "nawat-vocabulary.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The calls' deadlines are Thailand's: typed and shown at UTC+7. */
#define THAILAND_OFFSET "+07:00"

typedef struct
{
  GtkWidget      *row;
  AdwEntryRow    *name;
  AdwEntryRow    *display_name;
  GtkCheckButton *domains[NAWAT_N_DOMAINS];
} EvaluatorRow;

struct _NawatCallDialog
{
  AdwWindow        parent_instance;

  NawatStore      *store;
  /* the call edited, or NULL for a new one */
  NawatCall       *call;
  NawatRubric     *rubric;
  char            *language;
  gboolean         be_years;
  char            *error;
  GCancellable    *cancellable;
  /* the edited call's deadline as shown, to keep it to the second when
   * it is left as it is
   */
  char            *shown_deadline;

  GtkLabel        *error_label;
  /* the edited call's publish state, what changed since, and what an
   * edit of a published call means
   */
  GtkLabel        *published_label;
  GtkLabel        *changed_label;
  GtkLabel        *published_note;
  AdwEntryRow     *id_row;
  AdwEntryRow     *title_th_row;
  AdwEntryRow     *title_en_row;
  GtkSpinButton   *year_spin;
  AdwEntryRow     *date_row;
  AdwEntryRow     *time_row;
  /* none, then each theme */
  GtkCheckButton  *theme_checks[NAWAT_N_THEMES + 1];
  AdwActionRow    *rubric_row;
  AdwPreferencesGroup *evaluators_group;
  GtkWidget       *save_button;
  GPtrArray       *evaluators;
};

G_DEFINE_FINAL_TYPE (NawatCallDialog, nawat_call_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
nawat_call_dialog_set_error (NawatCallDialog *self,
                             const char      *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Evaluators */

static void
on_remove_evaluator_cb (NawatCallDialog *self,
                        GtkButton       *button)
{
  for (guint i = 0; i < self->evaluators->len; i++)
    {
      EvaluatorRow *e = g_ptr_array_index (self->evaluators, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), e->row))
        {
          adw_preferences_group_remove (self->evaluators_group, e->row);
          g_ptr_array_remove_index (self->evaluators, i);
          return;
        }
    }
}

/* An evaluator: a heading with its remove button, their user name and
 * display name in a boxed list, and the nine domains as check buttons,
 * each a stop of Tab (the rows of a list are not).
 */
static EvaluatorRow *
nawat_call_dialog_add_evaluator (NawatCallDialog             *self,
                                 const char                  *name,
                                 const NawatEvaluatorProfile *profile)
{
  EvaluatorRow *e = g_new0 (EvaluatorRow, 1);
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *expertise = gtk_label_new (_("Domains of expertise"));
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *title = g_strdup_printf (_("Evaluator %u"), self->evaluators->len + 1);

  e->row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (title);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (heading), label);
  gtk_widget_set_tooltip_text (remove, _("Remove Evaluator"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Evaluator"), -1);
  gtk_widget_add_css_class (remove, "flat");
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_evaluator_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (heading), remove);
  gtk_box_append (GTK_BOX (e->row), heading);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  e->name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->name), _("User name on the server"));
  gtk_widget_set_name (GTK_WIDGET (e->name), "evaluator-name");
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (e->name), name);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (e->name));
  e->display_name = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->display_name), _("Display name"));
  gtk_widget_set_name (GTK_WIDGET (e->display_name), "evaluator-display-name");
  if (profile != NULL && profile->display_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (e->display_name), profile->display_name);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (e->display_name));
  gtk_box_append (GTK_BOX (e->row), list);

  gtk_label_set_xalign (GTK_LABEL (expertise), 0);
  gtk_widget_add_css_class (expertise, "dim-label");
  gtk_box_append (GTK_BOX (e->row), expertise);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (guint d = 0; d < NAWAT_N_DOMAINS; d++)
    {
      const NawatTerm *domain = &nawat_domains ()[d];
      GtkWidget *check = gtk_check_button_new_with_label (nawat_term_get_label (domain, self->language));

      e->domains[d] = GTK_CHECK_BUTTON (check);
      gtk_widget_set_name (check, domain->key);
      gtk_label_set_wrap (GTK_LABEL (gtk_widget_get_last_child (check)), TRUE);
      if (profile != NULL && profile->domains != NULL &&
          g_strv_contains ((const char * const *) profile->domains, domain->key))
        gtk_check_button_set_active (e->domains[d], TRUE);
      gtk_grid_attach (GTK_GRID (grid), check, d % 3, d / 3, 1, 1);
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  expertise, NULL, -1);
  gtk_box_append (GTK_BOX (e->row), grid);

  adw_preferences_group_add (self->evaluators_group, e->row);
  g_ptr_array_add (self->evaluators, e);
  return e;
}

static void
on_add_evaluator_cb (NawatCallDialog *self,
                     GtkButton       *button)
{
  EvaluatorRow *e = nawat_call_dialog_add_evaluator (self, NULL, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (e->name));
}

/* The rubric */

static void
nawat_call_dialog_show_rubric (NawatCallDialog *self)
{
  NawatRubric *rubric = self->rubric != NULL ? self->rubric : nawat_rubric_get_default ();
  const NawatText *title = rubric != NULL ? nawat_rubric_get_title (rubric) : NULL;
  const char *label = title != NULL ? nawat_text_get (title, self->language) : NULL;

  if (label == NULL && title != NULL)
    label = nawat_text_get (title, g_str_equal (self->language, "th") ? "en" : "th");
  if (label == NULL && rubric != NULL)
    label = nawat_document_get_id (NAWAT_DOCUMENT (rubric));
  adw_action_row_set_subtitle (self->rubric_row, label != NULL ? label : "");
}

static void
on_rubric_chosen_cb (GFile    *file,
                     gpointer  user_data)
{
  NawatCallDialog *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatDocument) document = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    document = nawat_codec_from_data (contents, (gssize) length, &error);
  if (document == NULL)
    {
      nawat_call_dialog_set_error (self, error->message);
      return;
    }
  if (!NAWAT_IS_RUBRIC (document))
    {
      nawat_call_dialog_set_error (self, _("The file holds no rubric"));
      return;
    }

  g_set_object (&self->rubric, NAWAT_RUBRIC (document));
  nawat_call_dialog_set_error (self, NULL);
  nawat_call_dialog_show_rubric (self);
}

static void
on_import_rubric_cb (NawatCallDialog *self,
                     GtkButton       *button)
{
  g_autoptr(GtkFileFilter) filter = nawat_file_filter_new (_("Rubric (JSON)"), "application/json",
                                                           "*.json");

  nawat_file_chooser_run (GTK_WINDOW (self), _("Import Rubric"), GTK_FILE_CHOOSER_ACTION_OPEN,
                          _("_Import"), NULL, filter, on_rubric_chosen_cb, g_object_ref (self),
                          g_object_unref);
}

/* The deadline */

/* "30/9/2567" (BE) or "30/9/2024" and "17:00", Thailand's time, as the
 * ISO 8601 UTC the call stores; NULL when they are not a date and time.
 */
static char *
parse_deadline (const char *date,
                const char *time,
                gboolean    be_years)
{
  int day, month, year, hour, minute;
  char rest;
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (sscanf (date, "%d/%d/%d%c", &day, &month, &year, &rest) != 3 ||
      sscanf (time, "%d:%d%c", &hour, &minute, &rest) != 2)
    return NULL;
  if (be_years)
    year -= 543;
  if (year < 1900 || year > 2300 || month < 1 || month > 12 || day < 1 || day > 31 ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
      day > g_date_get_days_in_month (month, year))
    return NULL;

  iso = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00" THAILAND_OFFSET, year, month, day, hour, minute);
  local = g_date_time_new_from_iso8601 (iso, NULL);
  if (local == NULL)
    return NULL;
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The date and time of @iso8601 in Thailand, as typed. */
static void
nawat_call_dialog_show_deadline (NawatCallDialog *self,
                                 GDateTime       *deadline)
{
  g_autoptr(GTimeZone) thailand = g_time_zone_new_identifier (THAILAND_OFFSET);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (deadline, thailand);
  g_autofree char *date = g_strdup_printf ("%d/%d/%d", g_date_time_get_day_of_month (local),
                                           g_date_time_get_month (local),
                                           g_date_time_get_year (local) + (self->be_years ? 543 : 0));
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
}

/* The call from the fields */

static const char *
entry_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
stripped (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (entry_text (row)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* A new call, or a copy of the one edited (so that the window's stays as
 * stored until the store has the new version), with the fields' values;
 * NULL and @error when a field cannot be read.
 */
static NawatCall *
nawat_call_dialog_build (NawatCallDialog  *self,
                         char            **message)
{
  g_autoptr(NawatCall) call = NULL;
  g_autofree char *id = stripped (self->id_row);
  g_autofree char *title_th = stripped (self->title_th_row);
  g_autofree char *title_en = stripped (self->title_en_row);
  g_autofree char *deadline = NULL;
  g_autoptr(NawatText) title = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) old_profiles = NULL;
  guint theme = 0;

  for (guint i = 1; i <= NAWAT_N_THEMES; i++)
    if (gtk_check_button_get_active (self->theme_checks[i]))
      theme = i;

  if (self->call != NULL)
    {
      g_autoptr(JsonNode) node = nawat_codec_to_node (NAWAT_DOCUMENT (self->call));

      call = NAWAT_CALL (nawat_codec_from_node (node, NULL));
      g_assert (call != NULL);
    }
  else if (id == NULL)
    {
      *message = g_strdup (_("The call needs an ID: lower-case letters, digits and hyphens"));
      return NULL;
    }
  else
    call = nawat_call_new (id);

  {
    g_autofree char *shown = g_strconcat (entry_text (self->date_row), " ", entry_text (self->time_row),
                                          NULL);

    if (self->call != NULL && g_strcmp0 (shown, self->shown_deadline) == 0)
      deadline = g_strdup (nawat_call_get_deadline (self->call));
    else
      deadline = parse_deadline (entry_text (self->date_row), entry_text (self->time_row),
                                 self->be_years);
  }
  if (deadline == NULL)
    {
      *message = g_strdup (self->be_years
                           ? _("The deadline is not a date and time: type the date as day/month/year "
                               "in the Buddhist Era, e.g. 30/9/2567, and the time as 17:00")
                           : _("The deadline is not a date and time: type the date as day/month/year, "
                               "e.g. 30/9/2024, and the time as 17:00"));
      return NULL;
    }

  title = nawat_text_new (title_th, title_en);
  nawat_call_set_title (call, title);
  nawat_call_set_year_be (call, gtk_spin_button_get_value_as_int (self->year_spin));
  nawat_call_set_deadline (call, deadline);
  nawat_call_set_theme (call, theme == 0 ? NULL : nawat_call_themes ()[theme - 1].key);
  if (self->rubric != NULL)
    nawat_call_set_rubric (call, nawat_document_get_id (NAWAT_DOCUMENT (self->rubric)));
  else if (nawat_call_get_rubric (call) == NULL && nawat_rubric_get_default () != NULL)
    nawat_call_set_rubric (call, nawat_document_get_id (NAWAT_DOCUMENT (nawat_rubric_get_default ())));

  for (guint i = 0; i < self->evaluators->len; i++)
    {
      EvaluatorRow *e = g_ptr_array_index (self->evaluators, i);
      g_autofree char *name = stripped (e->name);
      g_autofree char *display_name = stripped (e->display_name);
      g_autoptr(NawatEvaluatorProfile) profile = NULL;
      g_autoptr(GStrvBuilder) domains = g_strv_builder_new ();
      const NawatEvaluatorProfile *old;

      if (name == NULL && display_name == NULL)
        continue;
      if (name == NULL || !nawat_codec_is_user_name (name))
        {
          *message = g_strdup_printf (_("Evaluator %u: “%s” is not a user name on the server "
                                        "(no spaces, colons, quotes or backslashes)"),
                                      i + 1, name != NULL ? name : "");
          return NULL;
        }
      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        {
          *message = g_strdup_printf (_("“%s” is listed twice among the evaluators"), name);
          return NULL;
        }

      old = nawat_call_get_profile (call, name);
      profile = old != NULL ? nawat_evaluator_profile_copy (old) : nawat_evaluator_profile_new ();
      g_free (profile->display_name);
      profile->display_name = g_steal_pointer (&display_name);
      for (guint d = 0; d < NAWAT_N_DOMAINS; d++)
        if (gtk_check_button_get_active (e->domains[d]))
          g_strv_builder_add (domains, nawat_domains ()[d].key);
      g_strfreev (profile->domains);
      profile->domains = g_strv_builder_end (domains);
      nawat_call_set_profile (call, name, profile);
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  /* Evaluators taken off the call lose their profile. */
  old_profiles = nawat_call_dup_profile_names (call);
  for (guint i = 0; old_profiles[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (names, old_profiles[i], g_str_equal, NULL))
      nawat_call_set_profile (call, old_profiles[i], NULL);
  g_ptr_array_add (names, NULL);
  nawat_call_set_evaluators (call, (const char * const *) names->pdata);

  return g_steal_pointer (&call);
}

/* Saving, on the store's thread */

typedef struct
{
  NawatStore  *store;
  NawatCall   *call;
  NawatRubric *rubric;
  gboolean     create;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->call);
  g_clear_object (&data->rubric);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (nawat_store_save_call (data->store, data->call, data->rubric, data->create, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  NawatCallDialog *self = NAWAT_CALL_DIALOG (object);
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        nawat_call_dialog_set_error (self, error->message);
      return;
    }

  nawat_call_dialog_set_error (self, NULL);
  g_signal_emit (self, signals[SAVED], 0, nawat_call_get_call_id (data->call));
  gtk_window_close (GTK_WINDOW (self));
}

static void
nawat_call_dialog_save (NawatCallDialog *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *message = NULL;
  SaveData *data;
  NawatCall *call;

  if (!gtk_widget_get_sensitive (self->save_button))
    return;

  call = nawat_call_dialog_build (self, &message);
  if (call == NULL)
    {
      nawat_call_dialog_set_error (self, message);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (self->store);
  data->call = call;
  data->rubric = self->rubric != NULL ? g_object_ref (self->rubric) : NULL;
  data->create = self->call == NULL;

  gtk_widget_set_sensitive (self->save_button, FALSE);
  task = g_task_new (self, self->cancellable, on_saved_cb, NULL);
  g_task_set_source_tag (task, nawat_call_dialog_save);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  nawat_store_run_async (self->store, task, save_thread);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nawat_call_dialog_save (NAWAT_CALL_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Building the dialog */

static AdwEntryRow *
add_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *name)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_name (row, name);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
nawat_call_dialog_build_call_group (NawatCallDialog *self,
                                    GtkBox          *box)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *year_row = adw_action_row_new ();
  GtkWidget *import = gtk_button_new_with_mnemonic (_("_Import…"));
  g_autofree char *date_title = NULL;

  adw_preferences_group_set_title (group, _("Call"));
  self->id_row = add_entry_row (group, _("Call ID (letters, digits and hyphens)"), "call-id");
  self->title_th_row = add_entry_row (group, _("Title in Thai"), "title-th");
  self->title_en_row = add_entry_row (group, _("Title in English"), "title-en");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year (Buddhist Era)"));
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2400, 2800, 1));
  gtk_widget_set_name (GTK_WIDGET (self->year_spin), "year");
  gtk_widget_set_valign (GTK_WIDGET (self->year_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year (Buddhist Era)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), GTK_WIDGET (self->year_spin));
  /* Tab goes from the titles to the year itself, not to its row first. */
  gtk_widget_set_focusable (year_row, FALSE);
  adw_preferences_group_add (group, year_row);

  date_title = g_strdup (self->be_years ? _("Deadline date (day/month/year, Buddhist Era)")
                                        : _("Deadline date (day/month/year)"));
  self->date_row = add_entry_row (group, date_title, "deadline-date");
  self->time_row = add_entry_row (group, _("Deadline time (Thailand)"), "deadline-time");

  self->rubric_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rubric_row), _("Rubric"));
  gtk_widget_set_name (import, "rubric-import");
  gtk_widget_set_valign (import, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (import, _("Import a rubric from a JSON file"));
  g_signal_connect_object (import, "clicked", G_CALLBACK (on_import_rubric_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->rubric_row, import);
  gtk_widget_set_focusable (GTK_WIDGET (self->rubric_row), FALSE);
  adw_preferences_group_add (group, GTK_WIDGET (self->rubric_row));

  gtk_box_append (box, GTK_WIDGET (group));
}

/* One theme at most: choosing one unchooses the others. */
static void
on_theme_toggled_cb (NawatCallDialog *self,
                     GtkCheckButton  *check)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i <= NAWAT_N_THEMES; i++)
    if (self->theme_checks[i] != check)
      gtk_check_button_set_active (self->theme_checks[i], FALSE);
}

/* The yearly themes side by side, each with its year, one chosen.  They
 * are check buttons, not the rows of a list, so that Tab goes through
 * them (and out again) and Space chooses.
 */
static void
nawat_call_dialog_build_theme_group (NawatCallDialog *self,
                                     GtkBox          *box)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *checks = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_preferences_group_set_title (group, nawat_vocabulary_get (NAWAT_WORD_THEME, self->language));
  adw_preferences_group_set_description (group, _("NIA’s goal for the year of the call (phase 2, "
                                                  "BE 2564 to 2567)"));
  for (guint i = 0; i <= NAWAT_N_THEMES; i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *name = g_strconcat ("theme-", i == 0 ? "none" : nawat_call_themes ()[i - 1].key,
                                           NULL);
      GtkWidget *check;

      if (i == 0)
        label = g_strdup (nawat_vocabulary_get (NAWAT_WORD_NOT_STATED, self->language));
      else
        label = g_strdup_printf ("%d · %s", NAWAT_THEMES_FIRST_YEAR_BE + (int) i - 1,
                                 nawat_term_get_label (&nawat_call_themes ()[i - 1], self->language));
      check = gtk_check_button_new_with_label (label);
      gtk_label_set_wrap (GTK_LABEL (gtk_widget_get_last_child (check)), TRUE);
      gtk_widget_set_name (check, name);
      self->theme_checks[i] = GTK_CHECK_BUTTON (check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_theme_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (checks), check);
    }
  gtk_check_button_set_active (self->theme_checks[0], TRUE);
  adw_preferences_group_add (group, checks);
  gtk_box_append (box, GTK_WIDGET (group));
}

static GtkLabel *
add_state_label (GtkBox     *box,
                 const char *name,
                 const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_name (label, name);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, FALSE);
  gtk_box_append (box, label);
  return GTK_LABEL (label);
}

/* An edited call says whether it is published: editing stays possible (a
 * published call is versioned like any document), but a change reaches
 * the evaluators only with the next publish, and the ID cannot change:
 * it names the call's databases on the server.
 */
static void
nawat_call_dialog_build_published (NawatCallDialog *self,
                                   GtkBox          *box)
{
  GtkWidget *states = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(NawatStorePublished) published = { 0 };
  g_autofree char *state = NULL;
  const char *note;

  self->published_label = add_state_label (GTK_BOX (states), "call-published", "heading");
  self->changed_label = add_state_label (GTK_BOX (states), "call-changed", "warning");
  self->published_note = add_state_label (GTK_BOX (states), "call-published-note", "dim-label");
  gtk_box_append (box, states);

  /* Read as the rubric is: a record of one row. */
  if (!nawat_store_get_published (self->store, nawat_call_get_call_id (self->call), &published,
                                  NULL))
    return;
  state = nawat_publish_state_label (self->call, &published, self->language, self->be_years);
  note = nawat_publish_state_note (&published);
  gtk_label_set_label (self->published_label, state);
  gtk_widget_set_visible (GTK_WIDGET (self->published_label), TRUE);
  if (note != NULL)
    {
      gtk_label_set_label (self->changed_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->changed_label), TRUE);
    }
  if (published.time != NULL || nawat_document_get_rev (NAWAT_DOCUMENT (self->call)) != NULL)
    {
      gtk_label_set_label (self->published_note,
                           _("You can still edit the call: what you save reaches the evaluators "
                             "only when you publish it again. Its ID names its databases on the "
                             "server and cannot change."));
      gtk_widget_set_visible (GTK_WIDGET (self->published_note), TRUE);
    }
}

static void
nawat_call_dialog_build_ui (NawatCallDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *add = gtk_button_new_with_mnemonic (_("_Add Evaluator"));

  gtk_widget_set_name (add, "add-evaluator");

  self->save_button = gtk_button_new_with_mnemonic (self->call != NULL ? _("_Save") : _("C_reate"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->save_button), "call.save");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "call.cancel");
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_box_append (GTK_BOX (toolbar), header);

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->error_label), "call-error");
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Error"), -1);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  if (self->call != NULL)
    nawat_call_dialog_build_published (self, GTK_BOX (box));

  nawat_call_dialog_build_call_group (self, GTK_BOX (box));
  nawat_call_dialog_build_theme_group (self, GTK_BOX (box));

  self->evaluators_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->evaluators_group, _("Evaluators"));
  adw_preferences_group_set_description (self->evaluators_group,
                                         _("Their user names on the server, the names shown "
                                           "to people, and the domains they know"));
  gtk_widget_add_css_class (add, "flat");
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_evaluator_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->evaluators_group, add);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->evaluators_group));

  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

/* The fields of the call edited, or a new call's defaults: this year, a
 * deadline 30 days ahead at 17:00, the default rubric.
 */
static void
nawat_call_dialog_fill (NawatCallDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) deadline = NULL;

  if (self->call == NULL)
    {
      g_autoptr(GDateTime) ahead = g_date_time_add_days (now, 30);
      g_autoptr(GTimeZone) thailand = g_time_zone_new_identifier (THAILAND_OFFSET);

      deadline = g_date_time_new (thailand, g_date_time_get_year (ahead), g_date_time_get_month (ahead),
                                  g_date_time_get_day_of_month (ahead), 17, 0, 0);
      gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) + 543);
      nawat_call_dialog_show_deadline (self, deadline);
      gtk_window_set_title (GTK_WINDOW (self), _("New Call"));
      nawat_call_dialog_show_rubric (self);
      return;
    }

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Call"));
  gtk_editable_set_text (GTK_EDITABLE (self->id_row), nawat_call_get_call_id (self->call));
  gtk_editable_set_editable (GTK_EDITABLE (self->id_row), FALSE);
  if (nawat_call_get_title (self->call) != NULL)
    {
      const NawatText *title = nawat_call_get_title (self->call);

      gtk_editable_set_text (GTK_EDITABLE (self->title_th_row), title->th != NULL ? title->th : "");
      gtk_editable_set_text (GTK_EDITABLE (self->title_en_row), title->en != NULL ? title->en : "");
    }
  if (nawat_call_get_year_be (self->call) > 0)
    gtk_spin_button_set_value (self->year_spin, nawat_call_get_year_be (self->call));
  if (nawat_call_get_deadline (self->call) != NULL)
    deadline = g_date_time_new_from_iso8601 (nawat_call_get_deadline (self->call), NULL);
  if (deadline != NULL)
    {
      nawat_call_dialog_show_deadline (self, deadline);
      self->shown_deadline = g_strconcat (entry_text (self->date_row), " ",
                                          entry_text (self->time_row), NULL);
    }
  gtk_check_button_set_active (self->theme_checks[nawat_theme_index (nawat_call_get_theme (self->call)) + 1],
                               TRUE);
  if (nawat_call_get_rubric (self->call) != NULL)
    self->rubric = nawat_store_get_call_rubric (self->store, self->call, NULL);
  nawat_call_dialog_show_rubric (self);
  for (guint i = 0; nawat_call_get_evaluators (self->call)[i] != NULL; i++)
    {
      const char *name = nawat_call_get_evaluators (self->call)[i];

      nawat_call_dialog_add_evaluator (self, name, nawat_call_get_profile (self->call, name));
    }
  /* The built-in rubric is not stored again. */
  if (self->rubric == nawat_rubric_get_default ())
    g_clear_object (&self->rubric);
}

static void
evaluator_row_free (gpointer data)
{
  g_free (data);
}

static void
nawat_call_dialog_dispose (GObject *object)
{
  NawatCallDialog *self = NAWAT_CALL_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->call);
  g_clear_object (&self->rubric);

  G_OBJECT_CLASS (nawat_call_dialog_parent_class)->dispose (object);
}

static void
nawat_call_dialog_finalize (GObject *object)
{
  NawatCallDialog *self = NAWAT_CALL_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->evaluators, g_ptr_array_unref);
  g_free (self->language);
  g_free (self->error);
  g_free (self->shown_deadline);

  G_OBJECT_CLASS (nawat_call_dialog_parent_class)->finalize (object);
}

static void
nawat_call_dialog_class_init (NawatCallDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_call_dialog_dispose;
  object_class->finalize = nawat_call_dialog_finalize;

  /**
   * NawatCallDialog::saved:
   * @call_id: the short id of the call stored
   *
   * The call is in the store; the dialog closes next.
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "call.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "call.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "call.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "call.cancel", NULL);
}

static void
nawat_call_dialog_init (NawatCallDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->evaluators = g_ptr_array_new_with_free_func (evaluator_row_free);
}

NawatCallDialog *
nawat_call_dialog_new (GtkWindow  *parent,
                       NawatStore *store,
                       NawatCall  *call,
                       const char *language,
                       gboolean    be_years)
{
  NawatCallDialog *self;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call == NULL || NAWAT_IS_CALL (call), NULL);

  self = g_object_new (NAWAT_TYPE_CALL_DIALOG,
                       "modal", TRUE,
                       "transient-for", parent,
                       "default-width", 560,
                       "default-height", 720,
                       NULL);
  self->store = g_object_ref (store);
  self->call = call != NULL ? g_object_ref (call) : NULL;
  self->language = g_strdup (g_strcmp0 (language, "th") == 0 ? "th" : "en");
  self->be_years = be_years;
  nawat_call_dialog_build_ui (self);
  nawat_call_dialog_fill (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (call != NULL ? self->title_th_row : self->id_row));
  return self;
}

const char *
nawat_call_dialog_get_error (NawatCallDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_CALL_DIALOG (self), NULL);

  return self->error;
}
