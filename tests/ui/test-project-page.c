/* test-project-page.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "nawat-chart-view.h"
#include "nawat-chart-view-private.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-preferences.h"
#include "nawat-preferences-private.h"
#include "nawat-project-page.h"
#include "nawat-project-page-private.h"
#include "nawat-store.h"
#include "nawat-ui-test.h"

/* The page is shown for the demo call's projects, read from a real store in
 * a temporary directory, and compared with the demo data read independently.
 */

/* The demo call in a store of its own, for every test */
static NawatUiTestDemo *fixture;

static NawatProject *
load_project (JsonObject *json)
{
  g_autoptr(GError) error = NULL;
  NawatProject *project;

  project = nawat_store_get_project (fixture->store,
                                     json_object_get_string_member (json, "_id"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  return project;
}

/* Widget walks */

static gboolean
label_shown (GtkWidget  *root,
             const char *name)
{
  GtkWidget *widget = nawat_ui_test_find (root, G_TYPE_INVALID, name);

  g_assert_nonnull (widget);

  return gtk_widget_get_visible (widget);
}

static gboolean
is_thai_char (gunichar c)
{
  return c >= 0x0E00 && c <= 0x0E7F;
}

/* The facts of one project */

/* The digits of @text, and where its commas are, must be the thousands
 * grouping of @value.
 */
static void
assert_grouped (const char *text,
                gint64      value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_autoptr(GString) seen = g_string_new (NULL);
  gsize n_digits = strlen (digits);
  guint commas = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (seen, *p);
      else if (*p == ',')
        {
          /* A comma has a multiple of three digits after it. */
          g_assert_cmpuint ((n_digits - seen->len) % 3, ==, 0);
          g_assert_cmpuint (seen->len, >, 0);
          commas++;
        }
    }

  g_assert_cmpstr (seen->str, ==, digits);
  g_assert_cmpuint (commas, ==, (n_digits - 1) / 3);
}

static GDateTime *
submitted_in_thailand (JsonObject *json)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) thailand = g_time_zone_new_identifier ("+07:00");
  g_autoptr(GDateTime) submitted = NULL;

  submitted = g_date_time_new_from_iso8601 (json_object_get_string_member (json, "submitted"), utc);
  g_assert_nonnull (submitted);

  return g_date_time_to_timezone (submitted, thailand);
}

static void
assert_date (GtkWidget  *page,
             JsonObject *json,
             const char *lang,
             gboolean    be)
{
  g_autoptr(GDateTime) day = submitted_in_thailand (json);
  g_autofree char *ce = g_strdup_printf ("%d", g_date_time_get_year (day));
  g_autofree char *be_year = g_strdup_printf ("%d", g_date_time_get_year (day) + 543);
  g_autofree char *day_number = g_strdup_printf ("%d ", g_date_time_get_day_of_month (day));
  const char *text = nawat_ui_test_label (page, "fact-submitted");
  const char *month;

  g_assert_true (g_str_has_prefix (text, day_number));
  month = text + strlen (day_number);
  if (be)
    {
      g_assert_nonnull (strstr (text, be_year));
      g_assert_null (strstr (text, ce));
    }
  else
    {
      g_assert_nonnull (strstr (text, ce));
      g_assert_null (strstr (text, be_year));
    }

  if (g_str_equal (lang, "th"))
    g_assert_true (is_thai_char (g_utf8_get_char (month)));
  else
    {
      /* The tests run in the C locale: %B is the English month name. */
      g_autofree char *english = g_date_time_format (day, "%B");

      g_assert_true (g_str_has_prefix (month, english));
    }
}

static void
assert_domains (GtkWidget  *page,
                JsonObject *json,
                const char *lang)
{
  JsonArray *domains = json_object_get_array_member (json, "domains");
  GtkWidget *box = nawat_ui_test_find (page, G_TYPE_INVALID, "project-domains");
  GtkWidget *child = gtk_widget_get_first_child (box);

  for (guint i = 0; i < json_array_get_length (domains); i++)
    {
      const char *key = json_array_get_string_element (domains, i);
      g_autofree char *name = g_strdup_printf ("domain-%s", key);
      int index = nawat_domain_index (key);
      GtkWidget *chip;

      g_assert_nonnull (child);
      chip = child;
      g_assert_cmpstr (gtk_widget_get_name (chip), ==, name);
      g_assert_cmpint (index, >=, 0);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (chip)), ==,
                       g_str_equal (lang, "th") ? nawat_domains ()[index].th
                                                : nawat_domains ()[index].en);
      /* The primary domain, first, stands out. */
      g_assert_true (gtk_widget_has_css_class (chip, "primary") == (i == 0));
      child = gtk_widget_get_next_sibling (child);
    }
  g_assert_null (child);
}

/* Partners grouped by sector: the five sectors in the seed's order, each
 * with its partners in the proposal's order.
 */
static void
assert_partners (GtkWidget  *page,
                 JsonObject *json,
                 const char *lang)
{
  JsonArray *partners = json_object_get_array_member (json, "partners");
  GtkWidget *list = nawat_ui_test_find (page, G_TYPE_INVALID, "project-partners");
  GtkWidget *row = gtk_widget_get_first_child (list);
  guint n_listed = 0;

  for (guint s = 0; s < NAWAT_N_HELIX; s++)
    {
      const NawatTerm *sector = &nawat_helix_sectors ()[s];
      g_autofree char *row_name = g_strdup_printf ("sector-%s", sector->key);
      g_autofree char *names_name = g_strdup_printf ("partners-%s", sector->key);
      g_autoptr(GString) expected = g_string_new (NULL);
      GtkWidget *names;

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_widget_get_name (row), ==, row_name);
      g_assert_nonnull (nawat_ui_test_find (row, G_TYPE_INVALID, names_name));

      for (guint i = 0; i < json_array_get_length (partners); i++)
        {
          JsonObject *partner = json_array_get_object_element (partners, i);

          if (!g_str_equal (json_object_get_string_member (partner, "sector"), sector->key))
            continue;
          if (expected->len > 0)
            g_string_append_c (expected, '\n');
          g_string_append (expected, json_object_get_string_member (partner, "name"));
          n_listed++;
        }

      names = nawat_ui_test_find (row, G_TYPE_INVALID, names_name);
      if (expected->len > 0)
        {
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (names)), ==, expected->str);
          g_assert_false (gtk_widget_has_css_class (names, "dim-label"));
        }
      else
        g_assert_true (gtk_widget_has_css_class (names, "dim-label"));

      /* The sector's heading uses the seed's term. */
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (
                         gtk_widget_get_first_child (row)))), ==,
                       g_str_equal (lang, "th") ? sector->th : sector->en);
      row = gtk_widget_get_next_sibling (row);
    }

  g_assert_null (row);
  g_assert_cmpuint (n_listed, ==, json_array_get_length (partners));
}

static void
assert_project_page (GtkWidget  *page,
                     JsonObject *json,
                     const char *lang,
                     gboolean    be)
{
  const char *other = g_str_equal (lang, "th") ? "en" : "th";
  const char *title = nawat_ui_test_json_text (json, "title", lang);
  const char *other_title = nawat_ui_test_json_text (json, "title", other);
  const char *summary = nawat_ui_test_json_text (json, "summary", lang);
  const NawatProvince *province = nawat_province_lookup (json_object_get_string_member (json, "province"));
  gint64 budget = json_object_get_int_member (json, "budget_thb");
  g_autofree char *months = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             json_object_get_int_member (json, "duration_months"));
  const char *budget_text = nawat_ui_test_label (page, "fact-budget");
  g_autofree char *code = g_ascii_strup (json_object_get_string_member (json, "code"), -1);

  /* The title in the language of the page, the other one as a fallback. */
  g_assert_cmpstr (nawat_ui_test_label (page, "project-title"), ==,
                   title != NULL ? title : other_title);
  if (title != NULL && other_title != NULL)
    {
      g_assert_true (label_shown (page, "project-subtitle"));
      g_assert_cmpstr (nawat_ui_test_label (page, "project-subtitle"), ==, other_title);
    }
  else
    g_assert_false (label_shown (page, "project-subtitle"));
  g_assert_true (g_str_has_prefix (nawat_ui_test_label (page, "project-context"), code));

  if (summary == NULL)
    summary = nawat_ui_test_json_text (json, "summary", other);
  g_assert_cmpstr (nawat_ui_test_label (page, "project-summary"), ==, summary);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (nawat_ui_test_find (page, G_TYPE_INVALID, "project-summary"))));
  g_assert_true (gtk_label_get_ellipsize (GTK_LABEL (nawat_ui_test_find (page, G_TYPE_INVALID, "project-summary"))) ==
                 PANGO_ELLIPSIZE_NONE);
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (nawat_ui_test_find (page, G_TYPE_INVALID, "project-title"))));

  g_assert_cmpstr (nawat_ui_test_label (page, "fact-organisation"), ==,
                   json_object_get_string_member (json, "organisation"));
  g_assert_nonnull (province);
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-province"), ==,
                   g_str_equal (lang, "th") ? province->th : province->en);
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-region"), ==,
                   nawat_term_get_label (&nawat_regions ()[nawat_region_index (province->region)], lang));
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-reach"), ==,
                   nawat_term_get_label (&nawat_reach_levels ()[nawat_reach_index (
                     json_object_get_string_member (json, "reach"))], lang));

  assert_grouped (budget_text, budget);
  if (g_str_equal (lang, "th"))
    g_assert_true (g_str_has_suffix (budget_text, " บาท"));
  else
    g_assert_true (g_str_has_prefix (budget_text, "฿"));

  g_assert_true (g_str_has_prefix (nawat_ui_test_label (page, "fact-duration"), months));
  assert_date (page, json, lang, be);
  assert_domains (page, json, lang);
  assert_partners (page, json, lang);
}

static void
test_facts (void)
{
  GtkWidget *page = g_object_ref_sink (nawat_project_page_new ());
  GtkWidget *slot;
  guint n_big = 0;

  g_assert_false (gtk_widget_get_visible (nawat_ui_test_find (page, G_TYPE_INVALID, "project-title")) &&
                  gtk_widget_get_visible (gtk_widget_get_first_child (page)));

  for (guint i = 0; i < fixture->projects->len; i++)
    {
      JsonObject *json = g_ptr_array_index (fixture->projects, i);
      g_autoptr(NawatProject) project = load_project (json);

      nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), "en");
      nawat_project_page_set_use_be_years (NAWAT_PROJECT_PAGE (page), TRUE);
      nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, fixture->call);
      g_assert_true (nawat_project_page_get_project (NAWAT_PROJECT_PAGE (page)) == project);
      g_assert_true (gtk_widget_get_visible (gtk_widget_get_first_child (page)));
      /* English shows Common Era years whatever the setting. */
      assert_project_page (page, json, "en", FALSE);

      nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), "th");
      assert_project_page (page, json, "th", TRUE);

      nawat_project_page_set_use_be_years (NAWAT_PROJECT_PAGE (page), FALSE);
      assert_project_page (page, json, "th", FALSE);

      if (json_object_get_int_member (json, "budget_thb") >= 1000000)
        n_big++;
    }
  /* The separators were seen at least once in the millions. */
  g_assert_cmpuint (n_big, >, 0);

  slot = GTK_WIDGET (nawat_project_page_get_chart_slot (NAWAT_PROJECT_PAGE (page)));
  g_assert_true (GTK_IS_BOX (slot));
  g_assert_true (nawat_ui_test_find (page, G_TYPE_INVALID, "chart-slot") == slot);

  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), NULL, NULL);
  g_assert_null (nawat_project_page_get_project (NAWAT_PROJECT_PAGE (page)));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (page)));

  g_object_unref (page);
}

/* A partner in an unknown sector is not shown under a known one, and a
 * project without a summary or partners says so.
 */
static void
test_sparse_project (void)
{
  GtkWidget *page = g_object_ref_sink (nawat_project_page_new ());
  g_autoptr(NawatProject) project = nawat_project_new ("si-2569", "x001");
  g_autoptr(NawatText) title = nawat_text_new (NULL, "Only in English");
  g_autoptr(NawatPartner) partner = nawat_partner_new ("City hall", "government");
  const char *domains[] = { "health", NULL };

  nawat_project_set_title (project, title);
  nawat_project_set_domains (project, domains);
  nawat_project_set_budget_thb (project, 999);
  nawat_project_set_duration_months (project, 1);
  nawat_project_set_submitted (project, "2026-03-12T02:00:00Z");
  nawat_project_add_partner (project, partner);

  nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), "th");
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, NULL);

  g_assert_cmpstr (nawat_ui_test_label (page, "project-title"), ==, "Only in English");
  g_assert_false (label_shown (page, "project-subtitle"));
  g_assert_cmpstr (nawat_ui_test_label (page, "project-context"), ==, "X001");
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-budget"), ==, "999 บาท");
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-submitted"), ==, "12 มีนาคม 2569");
  g_assert_cmpstr (nawat_ui_test_label (page, "fact-organisation"), ==, "—");
  g_assert_cmpstr (nawat_ui_test_label (page, "partners-government"), ==, "City hall");
  g_assert_true (gtk_widget_has_css_class (nawat_ui_test_find (page, G_TYPE_INVALID, "partners-academia"), "dim-label"));

  g_object_unref (page);
}

/* With no language set, the page follows the interface language: the Thai
 * locale and catalog of this build give Thai data and BE years.
 */
static void
test_system_language (void)
{
  GtkWidget *page;
  JsonObject *json = g_ptr_array_index (fixture->projects, 0);
  g_autoptr(NawatProject) project = load_project (json);

  if (setlocale (LC_ALL, "th_TH.UTF-8") == NULL)
    {
      if (g_strcmp0 (g_getenv ("CI"), "true") == 0)
        g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
      else
        g_test_skip ("No th_TH.UTF-8 locale");
      return;
    }
  g_setenv ("LANGUAGE", "th", TRUE);

  page = g_object_ref_sink (nawat_project_page_new ());
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, fixture->call);
  g_assert_null (nawat_project_page_get_language (NAWAT_PROJECT_PAGE (page)));
  assert_project_page (page, json, "th", TRUE);
  g_object_unref (page);

  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  page = g_object_ref_sink (nawat_project_page_new ());
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, fixture->call);
  assert_project_page (page, json, "en", FALSE);
  g_object_unref (page);

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

/* The evaluator's own scores for the radar: each domain of the project at
 * its position in the list, the others lower.
 */
static NawatEvaluation *
scored_evaluation (NawatProject *project,
                   NawatRubric **rubric_out)
{
  g_autoptr(GError) error = NULL;
  NawatRubric *rubric;
  NawatEvaluation *evaluation;
  const char * const *domains = nawat_project_get_domains (project);

  rubric = nawat_store_get_rubric (fixture->store, nawat_call_get_rubric (fixture->call), &error);
  g_assert_no_error (error);
  g_assert_nonnull (rubric);

  evaluation = nawat_evaluation_new (nawat_document_get_id (NAWAT_DOCUMENT (project)), "somchai",
                                     nawat_call_get_rubric (fixture->call));
  for (guint i = 0; i < NAWAT_N_DOMAINS; i++)
    {
      g_autofree char *key = g_strdup_printf ("domains.%s", nawat_domains ()[i].key);

      nawat_evaluation_set_score (evaluation, key,
                                  g_strv_contains (domains, nawat_domains ()[i].key) ? 4 : i % 3);
    }

  *rubric_out = rubric;

  return evaluation;
}

static void
test_chart (void)
{
  GtkWidget *page = g_object_ref_sink (nawat_project_page_new ());
  JsonObject *json = g_ptr_array_index (fixture->projects, 0);
  g_autoptr(NawatProject) project = load_project (json);
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) evaluation = scored_evaluation (project, &rubric);
  GtkWidget *slot;
  GtkWidget *chart;

  nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), "th");
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, fixture->call);
  g_assert_null (nawat_project_page_get_chart_view (NAWAT_PROJECT_PAGE (page)));

  nawat_project_page_set_evaluation (NAWAT_PROJECT_PAGE (page), rubric, evaluation);
  chart = nawat_project_page_get_chart_view (NAWAT_PROJECT_PAGE (page));
  slot = GTK_WIDGET (nawat_project_page_get_chart_slot (NAWAT_PROJECT_PAGE (page)));
  g_assert_true (NAWAT_IS_CHART_VIEW (chart));
  g_assert_true (gtk_widget_is_ancestor (chart, slot));
  g_assert_cmpstr (nawat_chart_view_get_language (NAWAT_CHART_VIEW (chart)), ==, "th");
  g_assert_nonnull (nawat_chart_view_get_label (NAWAT_CHART_VIEW (chart)));

  /* A second call reuses the chart; the language follows the page. */
  nawat_evaluation_clear_score (evaluation, "domains.health");
  nawat_project_page_refresh_chart (NAWAT_PROJECT_PAGE (page));
  nawat_project_page_set_evaluation (NAWAT_PROJECT_PAGE (page), rubric, NULL);
  g_assert_true (nawat_project_page_get_chart_view (NAWAT_PROJECT_PAGE (page)) == chart);
  nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), "en");
  g_assert_cmpstr (nawat_chart_view_get_language (NAWAT_CHART_VIEW (chart)), ==, "en");

  g_object_unref (page);
}

/* Preferences */

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;

  return g_settings_new_full (schema, NULL, NULL);
}

static GtkWidget *
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  GtkWidget *row = nawat_ui_test_find_titled (root, type, title);

  g_assert_nonnull (row);

  return row;
}

static GtkWidget *
error_label_after (GtkWidget *row)
{
  /* The group puts its non-row children after its list. */
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *label = gtk_widget_get_next_sibling (list);

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_has_css_class (label, "error"));

  return label;
}

static void
test_preferences_bound (void)
{
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *value = NULL;
  NawatPreferences *prefs;
  GtkWidget *root;
  GtkWidget *row;
  GtkWidget *toggle;

  if (settings == NULL)
    {
      g_test_skip ("The schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  g_settings_reset (settings, "language");
  g_settings_reset (settings, "color-scheme");
  g_settings_set_string (settings, "evaluator-name", "somchai");

  prefs = nawat_preferences_new (NULL, settings);
  root = GTK_WIDGET (prefs);
  g_assert_true (nawat_preferences_get_settings (prefs) == settings);

  /* The stored evaluator name is in its row. */
  row = find_row (root, ADW_TYPE_ENTRY_ROW, _("Evaluator name"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "somchai");

  /* A new valid name is stored when applied. */
  gtk_editable_set_text (GTK_EDITABLE (row), "evaluator-03");
  g_signal_emit_by_name (row, "apply");
  value = g_settings_get_string (settings, "evaluator-name");
  g_assert_cmpstr (value, ==, "evaluator-03");
  g_clear_pointer (&value, g_free);

  /* A name with spaces or Thai letters is refused inline. */
  gtk_editable_set_text (GTK_EDITABLE (row), "สม ชาย");
  g_assert_true (gtk_widget_get_visible (error_label_after (row)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  value = g_settings_get_string (settings, "evaluator-name");
  g_assert_cmpstr (value, ==, "evaluator-03");
  g_clear_pointer (&value, g_free);

  /* The language: "" (system), "th", "en". */
  row = find_row (root, ADW_TYPE_COMBO_ROW, _("Language"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  value = g_settings_get_string (settings, "language");
  g_assert_cmpstr (value, ==, "th");
  g_clear_pointer (&value, g_free);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  value = g_settings_get_string (settings, "language");
  g_assert_cmpstr (value, ==, "en");
  g_clear_pointer (&value, g_free);
  g_settings_set_string (settings, "language", "");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  /* It says when it takes effect. */
  g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  /* The colour scheme both ways. */
  row = find_row (root, ADW_TYPE_COMBO_ROW, _("Style"));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (g_settings_get_enum (settings, "color-scheme"), ==, 2);
  g_settings_set_enum (settings, "color-scheme", 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  /* BE years: the switch follows the setting and sets it. */
  row = find_row (root, ADW_TYPE_ACTION_ROW, _("Buddhist Era Years"));
  toggle = nawat_ui_test_find (row, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)) ==
                 g_settings_get_boolean (settings, "use-be-years"));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "use-be-years"));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "use-be-years"));

  /* The server user name is stored as typed. */
  row = find_row (root, ADW_TYPE_ENTRY_ROW, _("User name on the server"));
  gtk_editable_set_text (GTK_EDITABLE (row), "malee");
  value = g_settings_get_string (settings, "server-user");
  g_assert_cmpstr (value, ==, "malee");
  g_clear_pointer (&value, g_free);

  /* A password row, whose text goes to the keyring: no setting holds it. */
  g_assert_nonnull (nawat_ui_test_find (root, ADW_TYPE_PASSWORD_ENTRY_ROW, NULL));
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (settings, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      g_assert_null (strstr (keys[i], "password"));
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_settings_reset (settings, "evaluator-name");
  g_settings_reset (settings, "server-user");
  g_settings_reset (settings, "use-be-years");
  g_settings_reset (settings, "color-scheme");
}

static void
test_server_url (void)
{
  static const struct {
    const char *url;
    gboolean    valid;
  } cases[] = {
    { "", TRUE },
    { "https://couch.nawat.example.org", TRUE },
    { "https://couch.nawat.example.org:6984/nawat/", TRUE },
    { "HTTPS://Example.org", TRUE },
    { "http://localhost:5984", TRUE },
    { "http://127.0.0.1:5984/", TRUE },
    { "http://127.1.2.3", TRUE },
    { "http://[::1]:5984", TRUE },
    { "http://couch.nawat.example.org", FALSE },
    { "http://192.168.1.10:5984", FALSE },
    { "http://localhost.example.org", FALSE },
    { "ftp://example.org", FALSE },
    { "couch.nawat.example.org", FALSE },
    { "https://", FALSE },
    { "not a url", FALSE },
  };
  g_autoptr(GSettings) settings = new_settings ();
  g_autofree char *value = NULL;
  NawatPreferences *prefs;
  GtkWidget *row;
  GtkWidget *message;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean valid = nawat_preferences_check_server_url (cases[i].url, &error);

      g_test_message ("%s", cases[i].url);
      g_assert_true (valid == cases[i].valid);
      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }

  if (settings == NULL)
    {
      g_test_skip ("The schema is not compiled (GSETTINGS_SCHEMA_DIR)");
      return;
    }
  g_settings_set_string (settings, "server-url", "https://old.example.org");

  prefs = nawat_preferences_new (NULL, settings);
  /* Only a window on screen can be closed. */
  gtk_window_present (GTK_WINDOW (prefs));
  row = find_row (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, _("Server address"));
  message = error_label_after (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://old.example.org");
  g_assert_false (gtk_widget_get_visible (message));

  /* Plain http to another computer: an inline error, nothing stored. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://couch.example.org");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), !=, "");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  nawat_ui_test_save_screenshot (GTK_WIDGET (prefs), "preferences-url-error-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  nawat_ui_test_save_screenshot (GTK_WIDGET (prefs), "preferences-url-error-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_signal_emit_by_name (row, "apply");
  value = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (value, ==, "https://old.example.org");
  g_clear_pointer (&value, g_free);

  /* Fixed, the error goes and the address is stored. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://couch.example.org");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  value = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (value, ==, "https://couch.example.org");
  g_clear_pointer (&value, g_free);

  /* A valid edit left unapplied is kept when the window closes. */
  gtk_editable_set_text (GTK_EDITABLE (row), "http://localhost:5984");
  gtk_window_close (GTK_WINDOW (prefs));
  value = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (value, ==, "http://localhost:5984");

  g_settings_reset (settings, "server-url");
}

/* The About window */

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_about (void)
{
  GtkWidget *parent = gtk_window_new ();
  GtkWindow *about;

  gtk_window_present (GTK_WINDOW (parent));
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));

  nawat_show_about (GTK_WINDOW (parent));
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (parent));
  g_assert_true (gtk_window_get_modal (about));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_developer_name (ADW_ABOUT_WINDOW (about)), ==, "The Nawat authors");
  g_assert_cmpstr (adw_about_window_get_website (ADW_ABOUT_WINDOW (about)), ==, "https://github.com/nawat/nawat");
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==, GTK_LICENSE_GPL_3_0);

  gtk_window_destroy (about);
  gtk_window_destroy (GTK_WINDOW (parent));
  g_assert_null (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
}

/* The shortcuts window */

static void
collect_accelerators (GtkWidget *widget,
                      GPtrArray *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      g_ptr_array_add (accels, accel);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_accelerators (child, accels);
}

static gboolean
has_string (GPtrArray  *array,
            const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static void
test_help_overlay (void)
{
  static const char *expected[] = {
    "<Control>f", "<Control>q", "<Control>comma", "<Control>question",
    "<Alt>Left", "0...9", "Up Down", "Delete", "<Control>Return",
  };
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GPtrArray) accels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) help_accels = NULL;
  GtkWidget *window;
  GObject *overlay;

  /* The path GtkApplication looks at for APP_ID. */
  gtk_builder_add_from_resource (builder, RESOURCE_BASE "/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));

  collect_accelerators (GTK_WIDGET (overlay), accels);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("%s", expected[i]);
      g_assert_true (has_string (accels, expected[i]));
    }
  /* Every single accelerator parses. */
  for (guint i = 0; i < accels->len; i++)
    {
      const char *accel = g_ptr_array_index (accels, i);

      if (strchr (accel, ' ') == NULL && strstr (accel, "...") == NULL)
        g_assert_true (gtk_accelerator_parse (accel, NULL, NULL));
    }
  gtk_window_destroy (GTK_WINDOW (overlay));

  /* An application with Nawat's id picks the window up by itself. */
  app = GTK_APPLICATION (adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE));
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  window = gtk_application_window_new (app);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (
                   GTK_APPLICATION_WINDOW (window))));
  help_accels = gtk_application_get_accels_for_action (app, "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) help_accels, "<Control>question"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screenshots: the page in a window, wide and narrow, light and dark, Thai
 * and English, written to <build>/screenshots.
 */

static void
test_screenshots (void)
{
  static const struct {
    const char *name;
    int         width;
    int         height;
  } sizes[] = {
    { "wide", 960, 1000 },
    { "narrow", 380, 1000 },
  };
  static const char *langs[] = { "th", "en" };
  AdwStyleManager *style = adw_style_manager_get_default ();
  JsonObject *json = g_ptr_array_index (fixture->projects, 0);
  g_autoptr(NawatProject) project = load_project (json);
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) evaluation = scored_evaluation (project, &rubric);
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *page;

  window = adw_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 860);
  page = nawat_project_page_new ();
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);
  nawat_project_page_set_project (NAWAT_PROJECT_PAGE (page), project, fixture->call);
  nawat_project_page_set_evaluation (NAWAT_PROJECT_PAGE (page), rubric, evaluation);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), sizes[s].width, sizes[s].height);
      gtk_window_present (GTK_WINDOW (window));

      for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
        {
          g_autofree char *light = g_strdup_printf ("project-page-%s-%s-light.png", sizes[s].name, langs[l]);
          g_autofree char *dark = g_strdup_printf ("project-page-%s-%s-dark.png", sizes[s].name, langs[l]);

          g_autofree char *bottom = g_strdup_printf ("project-page-%s-%s-bottom-light.png", sizes[s].name, langs[l]);
          g_autofree char *bottom_dark = g_strdup_printf ("project-page-%s-%s-bottom-dark.png", sizes[s].name, langs[l]);
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

          nawat_project_page_set_language (NAWAT_PROJECT_PAGE (page), langs[l]);
          gtk_window_set_focus (GTK_WINDOW (window), NULL);
          gtk_adjustment_set_value (adjustment, 0);
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
          nawat_ui_test_save_screenshot (window, light);
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
          nawat_ui_test_save_screenshot (window, dark);

          /* The partners and the chart, further down. */
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
          nawat_ui_test_save_screenshot (window, bottom_dark);
          adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
          nawat_ui_test_save_screenshot (window, bottom);
        }

      /* The page fits the narrow window: no horizontal overflow. */
      g_assert_cmpint (gtk_widget_get_width (page), <=, sizes[s].width);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/project-page/display"))
    return g_test_run ();

  fixture = nawat_ui_test_demo_new ();

  g_test_add_func ("/nawat/ui/project-page/facts", test_facts);
  g_test_add_func ("/nawat/ui/project-page/sparse", test_sparse_project);
  g_test_add_func ("/nawat/ui/project-page/system-language", test_system_language);
  g_test_add_func ("/nawat/ui/project-page/chart", test_chart);
  g_test_add_func ("/nawat/ui/project-page/screenshots", test_screenshots);
  g_test_add_func ("/nawat/ui/preferences/bound", test_preferences_bound);
  g_test_add_func ("/nawat/ui/preferences/server-url", test_server_url);
  g_test_add_func ("/nawat/ui/about", test_about);
  g_test_add_func ("/nawat/ui/help-overlay", test_help_overlay);

  status = g_test_run ();
  g_clear_pointer (&fixture, nawat_ui_test_demo_free);

  return status;
}
