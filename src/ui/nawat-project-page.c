/* nawat-project-page.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-project-page.h"
#include "nawat-project-page-private.h"

#include "nawat-chart-view.h"
#include "nawat-domains.h"
#include "nawat-partner.h"
#include "nawat-places.h"
#include "nawat-store-attachments.h"
#include "nawat-text.h"

typedef enum
{
  FACT_ORGANISATION,
  FACT_PROVINCE,
  FACT_REGION,
  FACT_REACH,
  FACT_BUDGET,
  FACT_DURATION,
  FACT_SUBMITTED,
  N_FACTS
} Fact;

/* Widget names of the value labels, for tests and styling. */
static const char * const fact_names[N_FACTS] = {
  "fact-organisation",
  "fact-province",
  "fact-region",
  "fact-reach",
  "fact-budget",
  "fact-duration",
  "fact-submitted",
};

struct _NawatProjectPage
{
  AdwBin        parent_instance;

  NawatProject *project;
  NawatCall    *call;
  char         *language;
  gboolean      use_be_years;

  GtkBox       *content;
  GtkLabel     *context_label;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkBox       *domains_box;
  GtkLabel     *summary_label;
  GtkGrid      *facts_grid;
  GtkListBox   *partners_list;
  GtkBox       *chart_slot;
  GtkWidget    *files_box;
  GtkListBox   *files_list;
  GtkLabel     *files_hint;
  GtkWidget    *attach_button;
  GtkDropTarget *drop;

  /* where the files' contents are, to say which are held */
  NawatStore   *store;
  gboolean      can_attach;
  GtkLabel     *fact_values[N_FACTS];
  GtkWidget    *chart;
};

G_DEFINE_FINAL_TYPE (NawatProjectPage, nawat_project_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CALL,
  PROP_LANGUAGE,
  PROP_USE_BE_YEARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_OPEN_FILE,
  SIGNAL_FILES_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
fact_title (Fact fact)
{
  switch (fact)
    {
    case FACT_ORGANISATION:
      return _("Organisation");
    case FACT_PROVINCE:
      return _("Province");
    case FACT_REGION:
      return _("Region");
    case FACT_REACH:
      return _("Reach");
    case FACT_BUDGET:
      return _("Budget");
    case FACT_DURATION:
      return _("Duration");
    case FACT_SUBMITTED:
      return C_("project fact", "Submitted");
    case N_FACTS:
    default:
      g_assert_not_reached ();
    }
}

/* The language of the data: the one set, else the system's. */
static const char *
page_language (NawatProjectPage *self)
{
  const char * const *names;

  if (self->language != NULL)
    return self->language;

  names = g_get_language_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "th"))
        return "th";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

static gboolean
page_is_thai (NawatProjectPage *self)
{
  return g_str_equal (page_language (self), "th");
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static void
set_fact (NawatProjectPage *self,
          Fact              fact,
          const char       *value)
{
  GtkLabel *label = self->fact_values[fact];
  gboolean known = value != NULL && value[0] != '\0';
  g_autofree char *spoken = NULL;

  /* An em dash stands for a fact the proposal leaves out. */
  gtk_label_set_label (label, known ? value : "—");
  /* Read as it is seen, the fact's name first; after the label's own text
   * (which GTK resets with it), not a labelled-by relation, which GTK 4.8
   * reads after the value ("฿1,200,000 Budget").
   */
  /* Translators: a fact as a screen reader reads it: its name, then its
   * value, e.g. "Budget: ฿1,200,000".
   */
  spoken = g_strdup_printf (_("%s: %s"), fact_title (fact), gtk_label_get_text (label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                  -1);
  if (known)
    gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
}

static void
update_header (NawatProjectPage *self)
{
  const char *lang = page_language (self);
  const char *other = page_is_thai (self) ? "en" : "th";
  const NawatText *title = nawat_project_get_title (self->project);
  const char *shown = nawat_text_get (title, lang);
  const char *second = nawat_text_get (title, other);
  const char *raw_code = nawat_project_get_code (self->project);
  g_autofree char *code = g_ascii_strup (raw_code != NULL ? raw_code : "", -1);
  g_autofree char *context = NULL;

  if (self->call != NULL && nawat_text_get (nawat_call_get_title (self->call), lang) != NULL)
    context = g_strdup_printf ("%s · %s", code,
                               nawat_text_get (nawat_call_get_title (self->call), lang));
  else
    context = g_strdup (code);
  gtk_label_set_label (self->context_label, context);

  gtk_label_set_label (self->title_label, shown != NULL ? shown : "");

  /* The other language's title, only when it is a different text. */
  if (shown != NULL && second != NULL && g_strcmp0 (shown, second) != 0)
    {
      gtk_label_set_label (self->subtitle_label, second);
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
}

static void
update_domains (NawatProjectPage *self)
{
  const char * const *domains = nawat_project_get_domains (self->project);
  const char *lang = page_language (self);

  remove_children (GTK_WIDGET (self->domains_box));

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      int index = nawat_domain_index (domains[i]);
      const char *text = index >= 0 ? nawat_term_get_label (&nawat_domains ()[index], lang) : domains[i];
      g_autofree char *name = g_strdup_printf ("domain-%s", domains[i]);
      GtkWidget *chip = gtk_label_new (text);

      gtk_widget_set_name (chip, name);
      gtk_label_set_wrap (GTK_LABEL (chip), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (chip), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (chip, "domain-chip");
      if (i == 0)
        {
          gtk_widget_add_css_class (chip, "primary");
          gtk_widget_set_tooltip_text (chip, _("Primary domain"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (chip),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Primary domain"),
                                          -1);
        }

      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_box_append (self->domains_box, chip);
    }
}

static GtkWidget *
sector_row_new (const NawatTerm *sector,
                const char      *lang,
                GPtrArray       *partners)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *row_name = g_strdup_printf ("sector-%s", sector->key);
  g_autofree char *names_name = g_strdup_printf ("partners-%s", sector->key);
  g_autofree char *accessible = NULL;
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *heading;
  GtkWidget *members;

  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      NawatPartner *partner = g_ptr_array_index (partners, i);

      if (g_strcmp0 (partner->sector, sector->key) != 0)
        continue;
      if (names->len > 0)
        g_string_append_c (names, '\n');
      g_string_append (names, partner->name);
    }

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_add_css_class (box, "sector-row");

  heading = gtk_label_new (nawat_term_get_label (sector, lang));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  members = gtk_label_new (names->len > 0 ? names->str : _("No partners"));
  gtk_widget_set_name (members, names_name);
  gtk_label_set_xalign (GTK_LABEL (members), 0);
  gtk_label_set_wrap (GTK_LABEL (members), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (members), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (members), names->len > 0);
  /* Selectable with the mouse (which focuses it, for Ctrl+C) and read by
   * a screen reader, but passed over by Tab: can-focus, not focusable,
   * or GtkLabel's focus handler would keep Tab on it.
   */
  gtk_widget_set_can_focus (members, FALSE);
  if (names->len == 0)
    gtk_widget_add_css_class (members, "dim-label");
  gtk_box_append (GTK_BOX (box), members);

  row = gtk_list_box_row_new ();
  gtk_widget_set_name (row, row_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  accessible = g_strdup_printf ("%s: %s", nawat_term_get_label (sector, lang),
                                names->len > 0 ? names->str : _("No partners"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  return row;
}

static void
update_partners (NawatProjectPage *self)
{
  GPtrArray *partners = nawat_project_get_partners (self->project);
  const char *lang = page_language (self);

  remove_children (GTK_WIDGET (self->partners_list));

  /* The five sectors in the seed's order, so that they line up with the
   * helix criteria of the rubric.
   */
  for (guint i = 0; i < NAWAT_N_HELIX; i++)
    gtk_list_box_append (self->partners_list,
                         sector_row_new (&nawat_helix_sectors ()[i], lang, partners));
}

static void
update_facts (NawatProjectPage *self)
{
  const char *lang = page_language (self);
  const NawatProvince *province = nawat_province_lookup (nawat_project_get_province (self->project));
  int reach = nawat_reach_index (nawat_project_get_reach (self->project));
  int months = nawat_project_get_duration_months (self->project);
  g_autofree char *budget = nawat_format_thb (nawat_project_get_budget_thb (self->project), lang);
  g_autofree char *duration = NULL;
  g_autofree char *submitted = NULL;
  const char *region = NULL;

  if (province != NULL)
    {
      int index = nawat_region_index (province->region);

      if (index >= 0)
        region = nawat_term_get_label (&nawat_regions ()[index], lang);
    }

  if (months > 0)
    duration = g_strdup_printf (ngettext ("%d month", "%d months", months), months);

  /* The Buddhist Era is for the Thai interface; English shows the Common Era. */
  submitted = nawat_format_date (nawat_project_get_submitted (self->project), lang,
                                 self->use_be_years && page_is_thai (self));

  set_fact (self, FACT_ORGANISATION, nawat_project_get_organisation (self->project));
  set_fact (self, FACT_PROVINCE,
            province != NULL ? nawat_province_get_label (province, lang)
                             : nawat_project_get_province (self->project));
  set_fact (self, FACT_REGION, region);
  set_fact (self, FACT_REACH,
            reach >= 0 ? nawat_term_get_label (&nawat_reach_levels ()[reach], lang)
                       : nawat_project_get_reach (self->project));
  set_fact (self, FACT_BUDGET, budget);
  set_fact (self, FACT_DURATION, duration);
  set_fact (self, FACT_SUBMITTED,
            submitted != NULL ? submitted : nawat_project_get_submitted (self->project));
}

static void on_file_row_activated_cb (GtkListBox       *list,
                                      GtkListBoxRow    *row,
                                      NawatProjectPage *self);

static gboolean
on_file_row_key_cb (GtkWidget *row,
                    GVariant  *args,
                    gpointer   user_data)
{
  NawatProjectPage *self = user_data;

  on_file_row_activated_cb (self->files_list, GTK_LIST_BOX_ROW (row), self);
  return TRUE;
}

static GtkWidget *
file_row_new (NawatProjectPage      *self,
              const NawatAttachment *attachment)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean held = self->store != NULL && nawat_store_holds_attachment (self->store, attachment);
  g_autofree char *type = g_content_type_get_description (attachment->content_type);
  g_autofree char *icon_name = g_content_type_get_generic_icon_name (attachment->content_type);
  g_autofree char *size = g_format_size ((guint64) MAX (attachment->length, 0));
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  if (held)
    /* Translators: a file's type and size: "PDF document · 1.2 MB" */
    subtitle = g_strdup_printf (_("%s · %s"), type, size);
  else
    /* Translators: a file's type and size, then why it does not open */
    subtitle = g_strdup_printf (_("%s · %s · Not downloaded yet: sync to get it"), type, size);

  gtk_widget_set_name (row, held ? "file-row" : "file-row-missing");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  icon = gtk_image_new_from_icon_name (icon_name != NULL ? icon_name : "text-x-generic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), held);
  if (held)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
  else
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "nawat-file-name", g_strdup (attachment->name), g_free);
  if (held)
    {
      /* Return opens the row that has the focus, however it got it (the
       * list's own binding needs its cursor there, which focusing the
       * row from code does not move).
       */
      GtkEventController *keys = gtk_shortcut_controller_new ();
      GtkShortcutAction *open = gtk_callback_action_new (on_file_row_key_cb, self, NULL);

      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_alternative_trigger_new (
                                                                gtk_keyval_trigger_new (GDK_KEY_Return, 0),
                                                                gtk_keyval_trigger_new (GDK_KEY_KP_Enter, 0)),
                                                              open));
      gtk_widget_add_controller (row, keys);
    }
  return row;
}

static void
update_files (NawatProjectPage *self)
{
  GPtrArray *attachments = self->project != NULL
                             ? nawat_project_get_attachments (self->project) : NULL;
  guint n = attachments != NULL ? attachments->len : 0;

  remove_children (GTK_WIDGET (self->files_list));
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->files_list, file_row_new (self, attachments->pdata[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->files_list), n > 0);
  gtk_widget_set_visible (self->attach_button, self->can_attach);
  gtk_widget_set_visible (self->files_box, n > 0 || self->can_attach);
  gtk_label_set_text (self->files_hint, self->can_attach
                                          ? _("Drop files here to attach them to the proposal")
                                          : "");
  gtk_widget_set_visible (GTK_WIDGET (self->files_hint), self->can_attach);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drop),
                                              self->can_attach ? GTK_PHASE_BUBBLE
                                                               : GTK_PHASE_NONE);
}

static void
on_file_row_activated_cb (GtkListBox       *list,
                          GtkListBoxRow    *row,
                          NawatProjectPage *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "nawat-file-name");

  if (name != NULL && gtk_list_box_row_get_activatable (row))
    g_signal_emit (self, signals[SIGNAL_OPEN_FILE], 0, name);
}

static gboolean
on_drop_cb (GtkDropTarget    *target,
            const GValue     *value,
            double            x,
            double            y,
            NawatProjectPage *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (!self->can_attach || self->project == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = gdk_file_list_get_files (g_value_get_boxed (value)); l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_FILES_DROPPED], 0, files);
  return TRUE;
}

static void
nawat_project_page_update (NawatProjectPage *self)
{
  const char *summary;

  gtk_widget_set_visible (GTK_WIDGET (self->content), self->project != NULL);
  if (self->project == NULL)
    {
      remove_children (GTK_WIDGET (self->domains_box));
      remove_children (GTK_WIDGET (self->partners_list));
      remove_children (GTK_WIDGET (self->files_list));
      return;
    }

  update_header (self);
  update_domains (self);

  summary = nawat_text_get (nawat_project_get_summary (self->project), page_language (self));
  gtk_label_set_label (self->summary_label,
                       summary != NULL && summary[0] != '\0' ? summary : _("No summary"));

  update_facts (self);
  update_partners (self);
  update_files (self);
}

static void
setup_facts (NawatProjectPage *self)
{
  for (guint i = 0; i < N_FACTS; i++)
    {
      GtkWidget *key = gtk_label_new (fact_title (i));
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (key), 0);
      gtk_label_set_wrap (GTK_LABEL (key), TRUE);
      /* Thai and Latin fonts differ in height: line the first lines up. */
      gtk_widget_set_valign (key, GTK_ALIGN_BASELINE);
      gtk_widget_add_css_class (key, "dim-label");
      gtk_widget_add_css_class (key, "fact-key");

      gtk_widget_set_name (value, fact_names[i]);
      gtk_label_set_xalign (GTK_LABEL (value), 0);
      gtk_label_set_wrap (GTK_LABEL (value), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (value), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_can_focus (value, FALSE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_widget_set_valign (value, GTK_ALIGN_BASELINE);

      gtk_grid_attach (self->facts_grid, key, 0, i, 1, 1);
      gtk_grid_attach (self->facts_grid, value, 1, i, 1, 1);
      self->fact_values[i] = GTK_LABEL (value);
    }
}

static void
nawat_project_page_dispose (GObject *object)
{
  NawatProjectPage *self = NAWAT_PROJECT_PAGE (object);

  /* AdwBin keeps its own pointer to the template's child: let it go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_PROJECT_PAGE);
  g_clear_object (&self->project);
  g_clear_object (&self->call);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (nawat_project_page_parent_class)->dispose (object);
}

static void
nawat_project_page_finalize (GObject *object)
{
  NawatProjectPage *self = NAWAT_PROJECT_PAGE (object);

  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (nawat_project_page_parent_class)->finalize (object);
}

static void
nawat_project_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatProjectPage *self = NAWAT_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_CALL:
      g_value_set_object (value, self->call);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_USE_BE_YEARS:
      g_value_set_boolean (value, self->use_be_years);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  NawatProjectPage *self = NAWAT_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      nawat_project_page_set_project (self, g_value_get_object (value), self->call);
      break;

    case PROP_CALL:
      nawat_project_page_set_project (self, self->project, g_value_get_object (value));
      break;

    case PROP_LANGUAGE:
      nawat_project_page_set_language (self, g_value_get_string (value));
      break;

    case PROP_USE_BE_YEARS:
      nawat_project_page_set_use_be_years (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_project_page_class_init (NawatProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_project_page_dispose;
  object_class->finalize = nawat_project_page_finalize;
  object_class->get_property = nawat_project_page_get_property;
  object_class->set_property = nawat_project_page_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         NAWAT_TYPE_PROJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CALL] =
    g_param_spec_object ("call", NULL, NULL,
                         NAWAT_TYPE_CALL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_USE_BE_YEARS] =
    g_param_spec_boolean ("use-be-years", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/nawat-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, content);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, context_label);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, domains_box);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, partners_list);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, chart_slot);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, files_box);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, files_list);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, files_hint);
  gtk_widget_class_bind_template_child (widget_class, NawatProjectPage, attach_button);
  gtk_widget_class_bind_template_callback (widget_class, on_file_row_activated_cb);

  /* A file of the project was asked for, by name. */
  signals[SIGNAL_OPEN_FILE] = g_signal_new ("open-file", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Files (a GPtrArray of GFile) were dropped on the page to attach. */
  signals[SIGNAL_FILES_DROPPED] = g_signal_new ("files-dropped", G_TYPE_FROM_CLASS (klass),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  gtk_widget_class_set_css_name (widget_class, "projectpage");
}

static void
nawat_project_page_init (NawatProjectPage *self)
{
  self->use_be_years = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_facts (self);
  self->drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (self->drop), GTK_PHASE_NONE);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop));
  gtk_widget_set_visible (GTK_WIDGET (self->content), FALSE);
}

GtkWidget *
nawat_project_page_new (void)
{
  return g_object_new (NAWAT_TYPE_PROJECT_PAGE, NULL);
}

NawatProject *
nawat_project_page_get_project (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return self->project;
}

NawatCall *
nawat_project_page_get_call (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return self->call;
}

void
nawat_project_page_set_project (NawatProjectPage *self,
                                NawatProject     *project,
                                NawatCall        *call)
{
  gboolean project_changed;
  gboolean call_changed;

  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));
  g_return_if_fail (project == NULL || NAWAT_IS_PROJECT (project));
  g_return_if_fail (call == NULL || NAWAT_IS_CALL (call));

  /* The same object may have been edited since: always show it afresh. */
  project_changed = g_set_object (&self->project, project);
  call_changed = g_set_object (&self->call, call);

  nawat_project_page_update (self);

  if (project_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  if (call_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CALL]);
}

const char *
nawat_project_page_get_language (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return self->language;
}

void
nawat_project_page_set_language (NawatProjectPage *self,
                                 const char       *language)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));

  if (language != NULL && language[0] == '\0')
    language = NULL;

  if (!nawat_set_str (&self->language, language))
    return;

  if (self->project != NULL)
    nawat_project_page_update (self);
  if (self->chart != NULL)
    nawat_chart_view_set_language (NAWAT_CHART_VIEW (self->chart), self->language);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
}

gboolean
nawat_project_page_get_use_be_years (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), FALSE);

  return self->use_be_years;
}

void
nawat_project_page_set_use_be_years (NawatProjectPage *self,
                                     gboolean          use_be_years)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));

  use_be_years = !!use_be_years;
  if (self->use_be_years == use_be_years)
    return;

  self->use_be_years = use_be_years;
  if (self->project != NULL)
    update_facts (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USE_BE_YEARS]);
}

GtkBox *
nawat_project_page_get_chart_slot (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return self->chart_slot;
}

static void
ensure_chart (NawatProjectPage *self)
{
  GtkWidget *heading;

  if (self->chart != NULL)
    return;

  heading = gtk_label_new (_("Your scores across the nine domains"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (self->chart_slot, heading);

  self->chart = nawat_chart_view_new ();
  gtk_widget_set_name (self->chart, "domain-radar");
  gtk_widget_add_css_class (self->chart, "card");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->chart),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                  -1);
  nawat_chart_view_set_language (NAWAT_CHART_VIEW (self->chart), self->language);
  gtk_box_append (self->chart_slot, self->chart);
}

void
nawat_project_page_set_evaluation (NawatProjectPage *self,
                                   NawatRubric      *rubric,
                                   NawatEvaluation  *evaluation)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));
  g_return_if_fail (rubric == NULL || NAWAT_IS_RUBRIC (rubric));
  g_return_if_fail (evaluation == NULL || NAWAT_IS_EVALUATION (evaluation));

  ensure_chart (self);
  nawat_chart_view_set_domain_radar (NAWAT_CHART_VIEW (self->chart), rubric,
                                     evaluation != NULL ? &evaluation : NULL,
                                     evaluation != NULL ? 1 : 0);
}

void
nawat_project_page_refresh_chart (NawatProjectPage *self)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));

  if (self->chart != NULL)
    nawat_chart_view_refresh (NAWAT_CHART_VIEW (self->chart));
}

GtkWidget *
nawat_project_page_get_chart_view (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return self->chart;
}

void
nawat_project_page_set_store (NawatProjectPage *self,
                              NawatStore       *store)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));
  g_return_if_fail (store == NULL || NAWAT_IS_STORE (store));

  if (g_set_object (&self->store, store) && self->project != NULL)
    update_files (self);
}

void
nawat_project_page_set_can_attach (NawatProjectPage *self,
                                   gboolean          can_attach)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));

  can_attach = !!can_attach;
  if (self->can_attach == can_attach)
    return;
  self->can_attach = can_attach;
  if (self->project != NULL)
    update_files (self);
}

void
nawat_project_page_refresh_files (NawatProjectPage *self)
{
  g_return_if_fail (NAWAT_IS_PROJECT_PAGE (self));

  if (self->project != NULL)
    update_files (self);
}

GtkWidget *
nawat_project_page_get_files_list (NawatProjectPage *self)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), NULL);

  return GTK_WIDGET (self->files_list);
}

gboolean
nawat_project_page_focus_file (NawatProjectPage *self,
                               const char       *name)
{
  g_return_val_if_fail (NAWAT_IS_PROJECT_PAGE (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->files_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "nawat-file-name"), name) == 0)
      return gtk_widget_grab_focus (row);
  return FALSE;
}
