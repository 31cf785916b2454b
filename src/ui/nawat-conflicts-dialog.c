/* nawat-conflicts-dialog.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "nawat-conflicts-dialog.h"
#include "nawat-conflicts-dialog-private.h"
#include "nawat-criterion.h"
#include "nawat-evaluation-fields.h"
#include "nawat-evaluation.h"
#include "nawat-json.h"
#include "nawat-merge.h"
#include "nawat-project.h"
#include "nawat-rubric.h"
#include "nawat-rubric-group.h"
#include "nawat-store.h"
#include "nawat-vocabulary.h"

/* One field in conflict: both values as JSON and as shown. */
typedef struct
{
  char            *field;
  char            *mine_json;
  char            *theirs_json;
  char            *title;
  char            *subtitle;
  char            *mine_text;
  char            *theirs_text;
  GtkToggleButton *mine_button;
  GtkToggleButton *theirs_button;
} Field;

/* One evaluation in conflict. */
typedef struct
{
  char      *id;
  char      *title;
  char      *subtitle;
  GPtrArray *fields;
} Item;

struct _NawatConflictsDialog
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkBox           *groups;
  GtkWidget        *apply_button;
  AdwStatusPage    *error_page;

  NawatStore       *store;
  char             *call_id;
  char             *language;
  GCancellable     *cancellable;
  GPtrArray        *items;

  guint             loading : 1;
  guint             applying : 1;
};

G_DEFINE_FINAL_TYPE (NawatConflictsDialog, nawat_conflicts_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_free (Field *field)
{
  g_free (field->field);
  g_free (field->mine_json);
  g_free (field->theirs_json);
  g_free (field->title);
  g_free (field->subtitle);
  g_free (field->mine_text);
  g_free (field->theirs_text);
  g_free (field);
}

static void
item_free (Item *item)
{
  g_free (item->id);
  g_free (item->title);
  g_free (item->subtitle);
  g_clear_pointer (&item->fields, g_ptr_array_unref);
  g_free (item);
}

/* How values and fields are shown */

static char *
format_score (JsonNode       *node,
              NawatCriterion *criterion,
              const char     *lang)
{
  const NawatLevel *level = NULL;
  double value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Not scored"));
  if (json_node_get_value_type (node) != G_TYPE_INT64
      && json_node_get_value_type (node) != G_TYPE_DOUBLE)
    return nawat_json_to_string (node, FALSE, NULL);

  value = json_node_get_double (node);
  if (criterion != NULL && value == (int) value)
    level = nawat_criterion_find_level (criterion, (int) value);
  if (level != NULL && nawat_text_get (level->label, lang) != NULL)
    /* Translators: a score and the label of its level, e.g. "3 — Substantial" */
    return g_strdup_printf (_("%g — %s"), value, nawat_text_get (level->label, lang));
  return g_strdup_printf ("%g", value);
}

static const char *
recommendation_label (const char *value)
{
  NawatRecommendation recommendation;

  if (nawat_recommendation_from_string (value, &recommendation)
      && recommendation != NAWAT_RECOMMENDATION_NONE)
    return nawat_vocabulary_recommendation (recommendation, NULL);
  return value;
}

static char *
format_value (const char     *field,
              const char     *json,
              NawatCriterion *criterion,
              const char     *lang)
{
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;
  const char *text = NULL;

  if (g_str_has_prefix (field, "scores."))
    return format_score (node, criterion, lang);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_STRING)
    text = json_node_get_string (node);

  if (g_str_has_prefix (field, "comments.") || g_str_equal (field, "overall_comment"))
    return g_strdup (text != NULL && *text != '\0' ? text : _("No comment"));

  if (g_str_equal (field, "recommendation"))
    return g_strdup (text != NULL ? recommendation_label (text) : _("No recommendation"));

  if (g_str_equal (field, "status"))
    {
      NawatEvaluationStatus status;

      if (nawat_evaluation_status_from_string (text, &status))
        return g_strdup (nawat_vocabulary_evaluation_status (status, NULL));
    }

  if (g_str_equal (field, "conflict_of_interest") && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *note = json_object_get_string_member_with_default (object, "note", "");

      if (!json_object_get_boolean_member_with_default (object, "declared", FALSE))
        return g_strdup (_("Not declared"));
      if (note == NULL || *note == '\0')
        return g_strdup (_("Declared"));
      /* Translators: a declared conflict of interest and its note */
      return g_strdup_printf (_("Declared: %s"), note);
    }

  if (text != NULL)
    return g_strdup (text);
  return g_strdup (json != NULL ? json : "");
}

/* Fills @f's title and subtitle: the criterion and its group for scores
 * and comments, the field's name otherwise.
 */
static void
describe_field (Field          *f,
                NawatRubric    *rubric,
                const char     *lang,
                NawatCriterion **criterion_out)
{
  const char *key = NULL;
  NawatRubricGroup *group = NULL;
  NawatCriterion *criterion = NULL;
  gboolean score = g_str_has_prefix (f->field, "scores.");

  if (score)
    key = f->field + strlen ("scores.");
  else if (g_str_has_prefix (f->field, "comments."))
    key = f->field + strlen ("comments.");

  if (key != NULL)
    {
      const char *group_label;

      criterion = rubric != NULL ? nawat_rubric_find_criterion (rubric, key, &group) : NULL;
      f->title = g_strdup (criterion != NULL && nawat_text_get (nawat_criterion_get_label (criterion), lang) != NULL
                           ? nawat_text_get (nawat_criterion_get_label (criterion), lang) : key);
      group_label = group != NULL ? nawat_text_get (nawat_rubric_group_get_label (group), lang) : NULL;
      /* Translators: a rubric group, then "Score" or "Comment" */
      f->subtitle = g_strdup_printf (_("%s · %s"), group_label != NULL ? group_label : "",
                                     nawat_evaluation_fields_get_label (f->field));
    }
  else if (nawat_evaluation_fields_get_label (f->field) != NULL)
    f->title = g_strdup (nawat_evaluation_fields_get_label (f->field));
  else
    f->title = g_strdup (f->field);

  *criterion_out = criterion;
}

/* Loading, off the main thread */

typedef struct
{
  NawatStore *store;
  char       *call_id;
  char       *language;
  GPtrArray  *choices;
} TaskData;

static void
task_data_free (TaskData *data)
{
  g_clear_object (&data->store);
  g_free (data->call_id);
  g_free (data->language);
  g_clear_pointer (&data->choices, g_ptr_array_unref);
  g_free (data);
}

static Item *
load_item (NawatStore  *store,
           const char  *id,
           const char  *lang,
           GError     **error)
{
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_auto(GStrv) fields = NULL;
  Item *item;
  const char *title = NULL;

  evaluation = nawat_store_get_evaluation (store, id, error);
  if (evaluation == NULL)
    return NULL;
  fields = nawat_store_dup_conflict_fields (store, id, error);
  if (fields == NULL)
    return NULL;

  project = nawat_store_get_project (store, nawat_evaluation_get_project (evaluation), NULL);
  rubric = nawat_store_get_rubric (store, nawat_evaluation_get_rubric (evaluation), NULL);
  if (rubric == NULL && nawat_rubric_get_default () != NULL)
    rubric = g_object_ref (nawat_rubric_get_default ());

  item = g_new0 (Item, 1);
  item->id = g_strdup (id);
  item->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  if (project != NULL)
    title = nawat_text_get (nawat_project_get_title (project), lang);
  item->title = g_strdup (title != NULL ? title : nawat_evaluation_get_project (evaluation));
  /* Translators: a project's code, then the evaluator */
  item->subtitle = g_strdup_printf (_("%s · evaluation by %s"),
                                    project != NULL ? nawat_project_get_code (project) : "",
                                    nawat_evaluation_get_evaluator (evaluation));

  for (guint i = 0; fields[i] != NULL; i++)
    {
      Field *f = g_new0 (Field, 1);
      NawatCriterion *criterion = NULL;
      g_autofree char *local = NULL;

      f->field = g_strdup (fields[i]);
      g_ptr_array_add (item->fields, f);
      if (!nawat_store_get_conflict (store, id, fields[i], &local, &f->theirs_json, error))
        {
          item_free (item);
          return NULL;
        }
      /* This computer's value is the one stored now, edited since or not. */
      f->mine_json = nawat_merge_dup_field_json (evaluation, fields[i]);
      if (f->mine_json == NULL)
        f->mine_json = g_steal_pointer (&local);
      describe_field (f, rubric, lang, &criterion);
      f->mine_text = format_value (f->field, f->mine_json, criterion, lang);
      f->theirs_text = format_value (f->field, f->theirs_json, criterion, lang);
    }

  return item;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_autofree char *prefix = g_strconcat ("evaluation:", data->call_id, ":", NULL);
  g_auto(GStrv) ids = NULL;
  GError *error = NULL;

  ids = nawat_store_list_conflicted (data->store, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; ids[i] != NULL; i++)
    {
      Item *item;

      if (!g_str_has_prefix (ids[i], prefix))
        continue;
      item = load_item (data->store, ids[i], data->language, &error);
      if (item == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (items, item);
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* The view */

static gboolean
every_field_chosen (NawatConflictsDialog *self)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      for (guint j = 0; j < item->fields->len; j++)
        {
          Field *f = g_ptr_array_index (item->fields, j);

          if (!gtk_toggle_button_get_active (f->mine_button)
              && !gtk_toggle_button_get_active (f->theirs_button))
            return FALSE;
        }
    }
  return self->items != NULL && self->items->len > 0;
}

static void
update_apply (NawatConflictsDialog *self)
{
  gtk_widget_set_sensitive (self->apply_button, !self->applying && every_field_chosen (self));
}

static GtkWidget *
new_value_button (NawatConflictsDialog *self,
                  const char           *caption,
                  const char           *value)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_label_new (caption);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (top), 0.0);
  gtk_widget_add_css_class (top, "caption-heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 30);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, caption,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, value,
                                  -1);
  g_signal_connect_object (button, "toggled", G_CALLBACK (update_apply), self, G_CONNECT_SWAPPED);
  return button;
}

static GtkWidget *
new_field_row (NawatConflictsDialog *self,
               Field                *f)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (f->title);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  if (f->subtitle != NULL)
    {
      GtkWidget *subtitle = gtk_label_new (f->subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);
    }

  gtk_box_set_homogeneous (GTK_BOX (values), TRUE);
  f->mine_button = GTK_TOGGLE_BUTTON (new_value_button (self, _("This computer"), f->mine_text));
  f->theirs_button = GTK_TOGGLE_BUTTON (new_value_button (self, _("Server"), f->theirs_text));
  gtk_toggle_button_set_group (f->theirs_button, f->mine_button);
  gtk_box_append (GTK_BOX (values), GTK_WIDGET (f->mine_button));
  gtk_box_append (GTK_BOX (values), GTK_WIDGET (f->theirs_button));
  gtk_box_append (GTK_BOX (box), values);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), f->title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
choose_all (Item     *item,
            gboolean  theirs)
{
  for (guint j = 0; j < item->fields->len; j++)
    {
      Field *f = g_ptr_array_index (item->fields, j);

      gtk_toggle_button_set_active (theirs ? f->theirs_button : f->mine_button, TRUE);
    }
}

static void
on_keep_mine_clicked_cb (GtkButton *button,
                         Item      *item)
{
  choose_all (item, FALSE);
}

static void
on_take_theirs_clicked_cb (GtkButton *button,
                           Item      *item)
{
  choose_all (item, TRUE);
}

static GtkWidget *
new_item_group (NawatConflictsDialog *self,
                Item                 *item)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *mine = gtk_button_new_with_mnemonic (_("Keep _Mine"));
  GtkWidget *theirs = gtk_button_new_with_mnemonic (_("Take the _Server’s"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), item->title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), item->subtitle);

  gtk_widget_add_css_class (buttons, "linked");
  gtk_widget_set_valign (buttons, GTK_ALIGN_END);
  gtk_widget_set_tooltip_text (mine, _("Keep this computer’s value of every field"));
  gtk_widget_set_tooltip_text (theirs, _("Take the server’s value of every field"));
  g_signal_connect (mine, "clicked", G_CALLBACK (on_keep_mine_clicked_cb), item);
  g_signal_connect (theirs, "clicked", G_CALLBACK (on_take_theirs_clicked_cb), item);
  gtk_box_append (GTK_BOX (buttons), mine);
  gtk_box_append (GTK_BOX (buttons), theirs);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), buttons);

  for (guint j = 0; j < item->fields->len; j++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               new_field_row (self, g_ptr_array_index (item->fields, j)));
  return group;
}

static void
show_error (NawatConflictsDialog *self,
            const GError         *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_load_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  NawatConflictsDialog *self = NAWAT_CONFLICTS_DIALOG (object);
  g_autoptr(GError) error = NULL;
  GPtrArray *items;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          show_error (self, error);
        }
      return;
    }

  self->loading = FALSE;
  self->items = items;
  for (guint i = 0; i < items->len; i++)
    gtk_box_append (self->groups, new_item_group (self, g_ptr_array_index (items, i)));

  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  update_apply (self);
}

/* Applying, off the main thread */

typedef struct
{
  char *id;
  char *field;
  char *json;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->id);
  g_free (choice->field);
  g_free (choice->json);
  g_free (choice);
}

static gboolean
save_one (NawatStore  *store,
          const char  *id,
          GPtrArray   *choices,
          GError     **error)
{
  g_autoptr(NawatEvaluation) evaluation = nawat_store_get_evaluation (store, id, error);

  if (evaluation == NULL)
    return FALSE;

  for (guint i = 0; i < choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->id, id)
          && !nawat_merge_set_field_json (evaluation, choice->field, choice->json, error))
        return FALSE;
    }

  nawat_evaluation_touch (evaluation);
  return nawat_store_save_resolution (store, evaluation, error);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  GError *error = NULL;

  for (guint i = 0; i < data->choices->len; i++)
    {
      Choice *choice = g_ptr_array_index (data->choices, i);

      if (g_hash_table_contains (done, choice->id))
        continue;
      if (!save_one (data->store, choice->id, data->choices, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_hash_table_add (done, choice->id);
    }

  g_task_return_int (task, g_hash_table_size (done));
}

static void
on_apply_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  NawatConflictsDialog *self = NAWAT_CONFLICTS_DIALOG (object);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_task_propagate_int (G_TASK (result), &error);
  self->applying = FALSE;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The choices could not be saved: %s"),
                                                      error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
          update_apply (self);
        }
      return;
    }

  g_signal_emit (self, signals[APPLIED], 0, (guint) n);
  gtk_window_close (GTK_WINDOW (self));
}

void
nawat_conflicts_dialog_apply (NawatConflictsDialog *self)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self));

  if (self->applying || !every_field_chosen (self))
    return;

  data = g_new0 (TaskData, 1);
  data->store = g_object_ref (self->store);
  data->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      for (guint j = 0; j < item->fields->len; j++)
        {
          Field *f = g_ptr_array_index (item->fields, j);
          Choice *choice = g_new0 (Choice, 1);
          gboolean theirs = gtk_toggle_button_get_active (f->theirs_button);

          choice->id = g_strdup (item->id);
          choice->field = g_strdup (f->field);
          choice->json = g_strdup (theirs ? f->theirs_json : f->mine_json);
          g_ptr_array_add (data->choices, choice);
        }
    }

  self->applying = TRUE;
  update_apply (self);
  task = g_task_new (self, self->cancellable, on_apply_done_cb, NULL);
  g_task_set_source_tag (task, nawat_conflicts_dialog_apply);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  nawat_store_run_async (self->store, task, apply_thread);
}

/* Construction */

static void
on_cancel_clicked_cb (NawatConflictsDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
build_list_page (NawatConflictsDialog *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *intro = gtk_label_new (_("These fields were changed both on this computer and on "
                                      "the server. Choose the value to keep for each: the next "
                                      "sync sends your choice."));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0.0);
  gtk_widget_add_css_class (intro, "dim-label");
  gtk_box_append (GTK_BOX (box), intro);

  self->groups = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->groups));
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
build_content (NawatConflictsDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *empty = adw_status_page_new ();

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Resolve Conflicts"), self->call_id));
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb),
                           self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Apply"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  gtk_widget_set_tooltip_text (self->apply_button,
                               _("Save the chosen values; the next sync sends them"));
  g_signal_connect_object (self->apply_button, "clicked", G_CALLBACK (nawat_conflicts_dialog_apply),
                           self, G_CONNECT_SWAPPED);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, build_list_page (self), "list");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Conflicts"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Every evaluation of this call agrees with the server."));
  gtk_stack_add_named (self->stack, empty, "empty");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("The Conflicts Could Not Be Read"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toast_overlay, box);
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
}

static void
nawat_conflicts_dialog_dispose (GObject *object)
{
  NawatConflictsDialog *self = NAWAT_CONFLICTS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_conflicts_dialog_parent_class)->dispose (object);
}

static void
nawat_conflicts_dialog_finalize (GObject *object)
{
  NawatConflictsDialog *self = NAWAT_CONFLICTS_DIALOG (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->call_id);
  g_free (self->language);

  G_OBJECT_CLASS (nawat_conflicts_dialog_parent_class)->finalize (object);
}

static void
nawat_conflicts_dialog_class_init (NawatConflictsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_conflicts_dialog_dispose;
  object_class->finalize = nawat_conflicts_dialog_finalize;

  /**
   * NawatConflictsDialog::applied:
   * @self: the dialog
   * @n_evaluations: the evaluations whose conflicts were resolved
   *
   * The chosen values are saved in the store, ready to be pushed.
   */
  signals[APPLIED] =
    g_signal_new ("applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
nawat_conflicts_dialog_init (NawatConflictsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
}

NawatConflictsDialog *
nawat_conflicts_dialog_new (GtkWindow  *parent,
                            NawatStore *store,
                            const char *call_id,
                            const char *language)
{
  g_autoptr(GTask) task = NULL;
  NawatConflictsDialog *self;
  TaskData *data;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_CONFLICTS_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 720,
                       "default-height", 640,
                       "width-request", 360,
                       "height-request", 294,
                       "title", _("Resolve Conflicts"),
                       NULL);
  self->store = g_object_ref (store);
  self->call_id = g_strdup (call_id);
  self->language = g_strdup (language != NULL ? language : "en");
  build_content (self);

  data = g_new0 (TaskData, 1);
  data->store = g_object_ref (store);
  data->call_id = g_strdup (call_id);
  data->language = g_strdup (self->language);
  task = g_task_new (self, self->cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, nawat_conflicts_dialog_new);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  nawat_store_run_async (store, task, load_thread);

  return self;
}

gboolean
nawat_conflicts_dialog_get_loading (NawatConflictsDialog *self)
{
  g_return_val_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self), FALSE);

  return self->loading;
}

static Item *
find_item (NawatConflictsDialog *self,
           const char           *id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (item->id, id) == 0)
        return item;
    }
  return NULL;
}

static Field *
find_field (Item       *item,
            const char *field)
{
  for (guint j = 0; item != NULL && j < item->fields->len; j++)
    {
      Field *f = g_ptr_array_index (item->fields, j);

      if (g_strcmp0 (f->field, field) == 0)
        return f;
    }
  return NULL;
}

GStrv
nawat_conflicts_dialog_dup_evaluations (NawatConflictsDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self), NULL);

  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    g_strv_builder_add (builder, ((Item *) g_ptr_array_index (self->items, i))->id);
  return g_strv_builder_end (builder);
}

GStrv
nawat_conflicts_dialog_dup_fields (NawatConflictsDialog *self,
                                   const char           *evaluation_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  Item *item;

  g_return_val_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self), NULL);

  item = find_item (self, evaluation_id);
  for (guint j = 0; item != NULL && j < item->fields->len; j++)
    g_strv_builder_add (builder, ((Field *) g_ptr_array_index (item->fields, j))->field);
  return g_strv_builder_end (builder);
}

gboolean
nawat_conflicts_dialog_get_values (NawatConflictsDialog  *self,
                                   const char            *evaluation_id,
                                   const char            *field,
                                   const char           **mine,
                                   const char           **theirs)
{
  Field *f;

  g_return_val_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self), FALSE);

  f = find_field (find_item (self, evaluation_id), field);
  if (f == NULL)
    return FALSE;
  if (mine != NULL)
    *mine = f->mine_text;
  if (theirs != NULL)
    *theirs = f->theirs_text;
  return TRUE;
}

gboolean
nawat_conflicts_dialog_choose (NawatConflictsDialog *self,
                               const char           *evaluation_id,
                               const char           *field,
                               gboolean              theirs)
{
  Item *item;
  Field *f;

  g_return_val_if_fail (NAWAT_IS_CONFLICTS_DIALOG (self), FALSE);

  item = find_item (self, evaluation_id);
  if (item == NULL)
    return FALSE;
  if (field == NULL)
    {
      choose_all (item, theirs);
      return TRUE;
    }

  f = find_field (item, field);
  if (f == NULL)
    return FALSE;
  gtk_toggle_button_set_active (theirs ? f->theirs_button : f->mine_button, TRUE);
  return TRUE;
}
