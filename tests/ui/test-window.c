/* test-window.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-application.h"
#include "nawat-application-private.h"
#include "nawat-domains.h"
#include "nawat-evaluation.h"
#include "nawat-export-dialog.h"
#include "nawat-export-dialog-private.h"
#include "nawat-project.h"
#include "nawat-project-list.h"
#include "nawat-project-row.h"
#include "nawat-project-row-view-private.h"
#include "nawat-round.h"
#include "nawat-rubric.h"
#include "nawat-score-form-private.h"
#include "nawat-scoring.h"
#include "nawat-store.h"
#include "nawat-store-private.h"
#include "nawat-window-private.h"
#include "nawat-ui-test.h"

/* The application runs for real: each test starts a NawatApplication on a
 * temporary store and drives it from inside its main loop
 * (nawat_ui_test_run_app ()).
 */

/* The demo data, read independently of the store. */

typedef struct
{
  JsonParser *parser;
  GPtrArray  *projects;    /* JsonObject, borrowed from the parser */
  JsonObject *call;
} Demo;

static void
demo_free (Demo *demo)
{
  g_clear_pointer (&demo->projects, g_ptr_array_unref);
  g_clear_object (&demo->parser);
  g_free (demo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Demo, demo_free)

static Demo *
demo_load (void)
{
  Demo *demo = g_new0 (Demo, 1);
  g_autoptr(GPtrArray) calls = NULL;
  JsonArray *docs;

  demo->parser = json_parser_new ();
  docs = nawat_ui_test_load_demo (demo->parser);
  demo->projects = nawat_ui_test_docs_of_type (docs, "project");
  calls = nawat_ui_test_docs_of_type (docs, "call");

  g_assert_cmpuint (calls->len, >, 0);
  demo->call = g_ptr_array_index (calls, 0);
  g_assert_cmpuint (demo->projects->len, >, 0);

  return demo;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* Whether @project has @needle in a field the search covers: titles,
 * summaries, organisation and partners.
 */
static gboolean
demo_project_matches (JsonObject *project,
                      const char *needle)
{
  static const char *langs[] = { "th", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    if (contains (nawat_ui_test_json_text (project, "title", langs[i]), needle) ||
        contains (nawat_ui_test_json_text (project, "summary", langs[i]), needle))
      return TRUE;

  if (contains (json_object_get_string_member_with_default (project, "organisation", NULL), needle))
    return TRUE;

  if (json_object_has_member (project, "partners"))
    {
      JsonArray *partners = json_object_get_array_member (project, "partners");

      for (guint i = 0; i < json_array_get_length (partners); i++)
        {
          JsonObject *partner = json_array_get_object_element (partners, i);

          if (contains (json_object_get_string_member_with_default (partner, "name", NULL), needle))
            return TRUE;
        }
    }

  return FALSE;
}

static GHashTable *
demo_matching_ids (Demo       *demo,
                   const char *needle)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < demo->projects->len; i++)
    {
      JsonObject *project = g_ptr_array_index (demo->projects, i);

      if (demo_project_matches (project, needle))
        g_hash_table_add (ids, (gpointer) json_object_get_string_member (project, "_id"));
    }

  return ids;
}

/* Whether the window lists @project: every project until someone says who
 * is scoring, or with "Assigned to Me" off; else theirs only.
 */
static gboolean
demo_is_listed (NawatWindow *window,
                JsonObject  *project)
{
  const char *evaluator = nawat_window_get_evaluator (window);
  JsonArray *assigned = json_object_get_array_member (project, "assigned");

  if (evaluator == NULL || !gtk_switch_get_active (window->assigned_switch))
    return TRUE;

  for (guint i = 0; assigned != NULL && i < json_array_get_length (assigned); i++)
    if (g_strcmp0 (json_array_get_string_element (assigned, i), evaluator) == 0)
      return TRUE;
  return FALSE;
}

static guint
demo_count_listed (NawatWindow *window,
                   Demo        *demo)
{
  guint n = 0;

  for (guint i = 0; i < demo->projects->len; i++)
    n += demo_is_listed (window, g_ptr_array_index (demo->projects, i));
  return n;
}

static gboolean
is_thai_mark (gunichar c)
{
  return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

/* A Thai substring of a project title, four or five characters long (FTS
 * trigrams need three), chosen to match as few projects as possible so that
 * searching it must narrow the list.
 */
static char *
demo_pick_thai_substring (Demo *demo)
{
  g_autofree char *best_multi = NULL;
  g_autofree char *best_single = NULL;
  guint best_count = G_MAXUINT;

  for (guint p = 0; p < demo->projects->len && p < 8; p++)
    {
      const char *title = nawat_ui_test_json_text (g_ptr_array_index (demo->projects, p),
                                                   "title", "th");
      glong length;

      if (title == NULL)
        continue;

      length = g_utf8_strlen (title, -1);
      for (glong start = 0; start + 5 <= length; start++)
        {
          const char *begin = g_utf8_offset_to_pointer (title, start);
          const char *end = g_utf8_offset_to_pointer (begin, 5);
          g_autofree char *candidate = NULL;
          g_autoptr(GHashTable) ids = NULL;
          gboolean thai = TRUE;
          guint count;

          if (is_thai_mark (g_utf8_get_char (begin)))
            continue;

          for (const char *c = begin; c < end; c = g_utf8_next_char (c))
            thai &= g_utf8_get_char (c) >= 0x0E00 && g_utf8_get_char (c) <= 0x0E7F;
          if (!thai)
            continue;

          candidate = g_strndup (begin, end - begin);
          ids = demo_matching_ids (demo, candidate);
          count = g_hash_table_size (ids);

          /* Prefer a substring that several projects share. */
          if (count > 1 && count < demo->projects->len && count < best_count)
            {
              best_count = count;
              g_free (best_multi);
              best_multi = g_strdup (candidate);
            }
          else if (count == 1 && best_single == NULL)
            best_single = g_strdup (candidate);
        }
    }

  if (best_multi != NULL)
    return g_steal_pointer (&best_multi);

  g_assert_nonnull (best_single);

  return g_steal_pointer (&best_single);
}

/* Waiting on the project list */

typedef struct
{
  NawatWindow *window;
  const char  *search;
  guint        changes;
} ListWait;

static NawatProjectList *
window_list (NawatWindow *window)
{
  return nawat_window_get_project_list (window);
}

static gboolean
rows_loaded (NawatProjectList *list,
             guint             limit)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  gboolean loaded = TRUE;

  for (guint i = 0; i < n_items && i < limit; i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (row);
      loaded &= !nawat_project_row_get_loading (row);
    }

  return loaded;
}

static gboolean
list_is_filled (gpointer user_data)
{
  ListWait *wait = user_data;
  NawatProjectList *list = window_list (wait->window);

  return list != NULL &&
         !nawat_project_list_get_loading (list) &&
         g_list_model_get_n_items (G_LIST_MODEL (list)) > 0 &&
         rows_loaded (list, G_MAXUINT);
}

static gboolean
search_is_done (gpointer user_data)
{
  ListWait *wait = user_data;
  NawatProjectList *list = window_list (wait->window);

  const char *search = nawat_project_list_get_search (list);

  /* The list keeps no empty search: "" reads back as NULL. */
  return g_strcmp0 (search != NULL ? search : "", wait->search) == 0 &&
         wait->changes > 0 &&
         !nawat_project_list_get_loading (list) &&
         rows_loaded (list, G_MAXUINT);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     ListWait   *wait)
{
  wait->changes++;
}

static void
search_and_wait (NawatWindow *window,
                 const char  *text)
{
  NawatProjectList *list = window_list (window);
  ListWait wait = { window, text, 0 };
  gulong id;

  id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &wait);
  gtk_editable_set_text (GTK_EDITABLE (nawat_window_get_search_entry (window)), text);
  nawat_ui_test_wait_until (search_is_done, &wait);
  g_signal_handler_disconnect (list, id);
}

static void
assert_demo_list (NawatWindow *window,
                  Demo        *demo)
{
  ListWait wait = { window, NULL, 0 };

  nawat_ui_test_wait_until (list_is_filled, &wait);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (window_list (window))),
                    ==, demo_count_listed (window, demo));
  g_assert_cmpstr (nawat_window_get_page (window), ==, "list");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   nawat_ui_test_json_text (demo->call, "title", nawat_application_get_language (
                     NAWAT_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))))));
}

/* Screenshots */

static void
save_screenshots (NawatWindow *window,
                  const char  *state)
{
  const char *lang = nawat_application_get_language (
    NAWAT_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
  g_autofree char *prefix = g_strdup_printf ("%s-%s", state, lang);

  /* The rows on screen are bound to the list: let them arrive first. */
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  if (window_list (window) != NULL)
    while (!rows_loaded (window_list (window), 30))
      g_main_context_iteration (NULL, TRUE);
  nawat_ui_test_save_screenshots (GTK_WIDGET (window), prefix);
}

/* The Thai interface */

static AdwWindowTitle *
find_window_title (GtkWidget *widget)
{
  if (ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget))
    return ADW_WINDOW_TITLE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwWindowTitle *title = find_window_title (child);

      if (title != NULL)
        return title;
    }

  return NULL;
}

/* The interface strings are the build's Thai translations: the catalog
 * (looked up with dgettext (), not through the window) has them, and the
 * window shows them.
 */
static void
assert_thai_ui (NawatWindow *window)
{
  const char *placeholder_en = "Search titles, summaries, organisations and partners";
  const char *placeholder_th = dgettext (GETTEXT_PACKAGE, placeholder_en);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (window_list (window)));
  g_autofree char *subtitle_en = g_strdup_printf ("%u projects", n_items);
  g_autofree char *subtitle_th = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u project",
                                                             "%u projects", n_items),
                                                  n_items);
  g_autofree char *placeholder = NULL;
  AdwWindowTitle *title = find_window_title (window->list_pane);

  g_assert_cmpstr (placeholder_th, !=, placeholder_en);
  g_assert_true (g_utf8_validate (placeholder_th, -1, NULL));
  g_assert_cmpuint (g_utf8_get_char (placeholder_th), >=, 0x0E00);
  g_assert_cmpuint (g_utf8_get_char (placeholder_th), <=, 0x0E7F);
  g_object_get (nawat_window_get_search_entry (window), "placeholder-text", &placeholder, NULL);
  g_assert_cmpstr (placeholder, ==, placeholder_th);

  g_assert_cmpstr (subtitle_th, !=, subtitle_en);
  g_assert_nonnull (title);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle_th);
}

/* Finding widgets */

static GtkWidget *
find_project_list_view (GtkWidget *widget)
{
  if (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "project-list"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_project_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
demo_project_has_domain (JsonObject *project,
                         const char *domain)
{
  JsonArray *domains = json_object_get_array_member (project, "domains");

  for (guint i = 0; domains != NULL && i < json_array_get_length (domains); i++)
    if (g_strcmp0 (json_array_get_string_element (domains, i), domain) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
list_is_settled (gpointer user_data)
{
  ListWait *wait = user_data;
  NawatProjectList *list = window_list (wait->window);

  return wait->changes > 0 &&
         !nawat_project_list_get_loading (list) &&
         rows_loaded (list, G_MAXUINT);
}

/* Chooses item @position of the filter row titled @title and waits for
 * the list to follow.
 */
static void
filter_and_wait (NawatWindow *window,
                 const char  *title,
                 guint        position)
{
  NawatProjectList *list = window_list (window);
  GtkWidget *found = nawat_ui_test_find_titled (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, title);
  AdwComboRow *row = ADW_COMBO_ROW (found);
  ListWait wait = { window, NULL, 0 };
  gulong id;

  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), !=, position);
  id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &wait);
  adw_combo_row_set_selected (row, position);
  nawat_ui_test_wait_until (list_is_settled, &wait);
  g_signal_handler_disconnect (list, id);
}

/* Filtering by a domain lists exactly the projects in that domain. */
static void
assert_domain_filter (NawatWindow *window,
                      Demo        *demo)
{
  NawatProjectList *list = window_list (window);
  JsonObject *first = g_ptr_array_index (demo->projects, 0);
  const char *domain = json_array_get_string_element (json_object_get_array_member (first, "domains"), 0);
  int index = nawat_domain_index (domain);
  guint expected = 0;

  g_assert_cmpint (index, >=, 0);
  for (guint i = 0; i < demo->projects->len; i++)
    expected += demo_project_has_domain (g_ptr_array_index (demo->projects, i), domain) &&
                demo_is_listed (window, g_ptr_array_index (demo->projects, i));
  g_assert_cmpuint (expected, <, demo_count_listed (window, demo));

  filter_and_wait (window, _("Domain"), index + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(NawatProject) project = NULL;

      project = nawat_store_get_project (nawat_window_get_store (window),
                                         nawat_project_row_get_id (row), NULL);
      g_assert_nonnull (project);
      g_assert_true (g_strv_contains (nawat_project_get_domains (project), domain));
    }

  filter_and_wait (window, _("Domain"), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, demo_count_listed (window, demo));
}

/* Filtering by reach lists exactly the projects of that reach. */
static void
assert_reach_filter (NawatWindow *window,
                     Demo        *demo)
{
  NawatProjectList *list = window_list (window);
  JsonObject *first = g_ptr_array_index (demo->projects, 0);
  const char *reach = json_object_get_string_member (first, "reach");
  int index = nawat_reach_index (reach);
  guint expected = 0;

  g_assert_cmpint (index, >=, 0);
  for (guint i = 0; i < demo->projects->len; i++)
    expected += g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (demo->projects, i),
                                                                      "reach", NULL), reach) == 0 &&
                demo_is_listed (window, g_ptr_array_index (demo->projects, i));
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, demo_count_listed (window, demo));

  filter_and_wait (window, _("Reach"), index + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(NawatProject) project = NULL;

      project = nawat_store_get_project (nawat_window_get_store (window),
                                         nawat_project_row_get_id (row), NULL);
      g_assert_nonnull (project);
      g_assert_cmpstr (nawat_project_get_reach (project), ==, reach);
    }

  filter_and_wait (window, _("Reach"), 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, demo_count_listed (window, demo));
}

/* The label says how far the evaluator is with their own projects, in
 * the language of the interface.
 */
static void
assert_progress_label (NawatWindow *window,
                       guint        n_assigned,
                       gboolean     thai)
{
  NawatProjectList *list = window_list (window);
  guint n_submitted = nawat_project_list_get_n_submitted (list);
  g_autofree char *expected = NULL;
  const char *text = gtk_label_get_label (window->progress_label);

  g_assert_cmpuint (nawat_project_list_get_n_assigned (list), ==, n_assigned);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->progress_label)));
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u submitted",
                                           "%u of %u submitted", n_assigned),
                              n_submitted, n_assigned);
  g_assert_cmpstr (text, ==, expected);
  if (thai)
    g_assert_nonnull (strstr (text, "ส่งแล้ว"));
  else
    g_assert_nonnull (strstr (text, " submitted"));
}

/* Toggles "Assigned to Me" with @toggle and waits for the list to follow. */
static void
toggle_assigned_and_wait (NawatWindow *window,
                          void       (*toggle) (NawatWindow *window))
{
  NawatProjectList *list = window_list (window);
  ListWait wait = { window, NULL, 0 };
  gulong id;

  id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &wait);
  toggle (window);
  nawat_ui_test_wait_until (list_is_settled, &wait);
  g_signal_handler_disconnect (list, id);
}

/* A click on the row toggles its switch. */
static void
click_assigned_row (NawatWindow *window)
{
  g_signal_emit_by_name (window->assigned_row, "activate");
}

/* Space on the focused switch. */
static void
press_space_on_assigned_switch (NawatWindow *window)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (window->assigned_switch)));
  g_signal_emit_by_name (window->assigned_switch, "activate");
}

/* The evaluator sees their own projects first, with how many they have
 * submitted; "Assigned to Me" off shows every project of the call.
 */
static void
assert_assigned_filter (NawatWindow *window,
                        Demo        *demo,
                        gboolean     thai,
                        gboolean     shots)
{
  NawatProjectList *list = window_list (window);
  guint n_mine = demo_count_listed (window, demo);

  g_assert_nonnull (nawat_window_get_evaluator (window));
  g_assert_true (gtk_switch_get_active (window->assigned_switch));
  g_assert_true (nawat_project_list_get_assigned_only (list));
  g_assert_cmpuint (n_mine, <, demo->projects->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_mine);
  assert_progress_label (window, n_mine, thai);
  if (shots)
    save_screenshots (window, "assigned");

  /* Mouse: a click on the row shows every project, the count stays. */
  toggle_assigned_and_wait (window, click_assigned_row);
  g_assert_false (gtk_switch_get_active (window->assigned_switch));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, demo->projects->len);
  assert_progress_label (window, n_mine, thai);
  if (shots)
    save_screenshots (window, "all-projects");

  /* Keyboard: Space on the switch brings the evaluator's own back, and the
   * focus stays on it.
   */
  toggle_assigned_and_wait (window, press_space_on_assigned_switch);
  g_assert_true (gtk_switch_get_active (window->assigned_switch));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_mine);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == GTK_WIDGET (window->assigned_switch));
  assert_progress_label (window, n_mine, thai);
}

typedef struct
{
  NawatWindow *window;
  const char  *project_id;
} ShownProject;

static gboolean
project_shown (gpointer user_data)
{
  ShownProject *shown = user_data;
  NawatProject *project = nawat_window_get_project (shown->window);

  return project != NULL
         && g_strcmp0 (nawat_document_get_id (NAWAT_DOCUMENT (project)), shown->project_id) == 0;
}

static void
wait_for_project (NawatWindow *window,
                  const char  *project_id)
{
  ShownProject shown = { window, project_id };

  nawat_ui_test_wait_until (project_shown, &shown);
}

/* Activating a row of the list opens its project beside it. */
static void
open_project_by_row (NawatWindow *window,
                     guint        position)
{
  GtkWidget *list_view = find_project_list_view (GTK_WIDGET (window));
  g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (window_list (window)), position);
  NawatProject *project;

  g_assert_nonnull (list_view);
  g_assert_nonnull (row);
  g_signal_emit_by_name (list_view, "activate", position);
  /* Saved and read on the store's thread: shown a little later. */
  wait_for_project (window, nawat_project_row_get_id (row));

  project = nawat_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (project)), ==, nawat_project_row_get_id (row));
  g_assert_nonnull (nawat_window_get_evaluation (window));
  g_assert_cmpstr (nawat_evaluation_get_project (nawat_window_get_evaluation (window)), ==,
                   nawat_project_row_get_id (row));
}

/* The position of the first project with @status in the list. */
static guint
find_row_with_status (NawatWindow        *window,
                      NawatProjectStatus  status)
{
  GListModel *list = G_LIST_MODEL (window_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (list, i);

      if (nawat_project_row_get_status (row) == status)
        return i;
    }

  g_assert_not_reached ();
}

static NawatProjectStatus
row_status (NawatWindow *window,
            const char  *project_id)
{
  GListModel *list = G_LIST_MODEL (window_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (list, i);

      while (nawat_project_row_get_loading (row))
        g_main_context_iteration (NULL, TRUE);
      if (g_strcmp0 (nawat_project_row_get_id (row), project_id) == 0)
        return nawat_project_row_get_status (row);
    }

  g_assert_not_reached ();
}

typedef struct
{
  NawatWindow        *window;
  const char         *project_id;
  NawatProjectStatus  status;
} StatusWait;

static gboolean
row_has_status (gpointer user_data)
{
  StatusWait *wait = user_data;

  return !nawat_project_list_get_loading (window_list (wait->window)) &&
         row_status (wait->window, wait->project_id) == wait->status;
}

static void
wait_row_status (NawatWindow        *window,
                 const char         *project_id,
                 NawatProjectStatus  status)
{
  StatusWait wait = { window, project_id, status };

  nawat_ui_test_wait_until (row_has_status, &wait);
}

/* What a digit key does; GTK 4.8 leaves a floating parameter floating,
 * so it is sunk here.
 */
static gboolean
activate_level (GtkWidget *form,
                int        level)
{
  g_autoptr(GVariant) parameter = g_variant_ref_sink (g_variant_new_int32 (level));

  return gtk_widget_activate_action_variant (form, "score.set-level", parameter);
}

/* Scores every criterion of the open project from the keyboard's actions:
 * a digit sets the focused criterion's level, Down moves to the next.
 */
static void
score_every_criterion (NawatWindow *window)
{
  GtkWidget *form = nawat_window_get_score_form (window);
  NawatEvaluation *evaluation = nawat_window_get_evaluation (window);
  GListModel *groups = nawat_rubric_get_groups (nawat_rubric_get_default ());
  gboolean first = TRUE;
  NawatScore score;

  /* First opened, the form asks about a conflict of interest: none. */
  g_assert_true (_nawat_score_form_asks_conflict (NAWAT_SCORE_FORM (form)));
  g_assert_true (gtk_widget_activate_action (form, "score.no-conflict", NULL));

  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);

      for (guint c = 0; c < g_list_model_get_n_items (criteria); c++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, c);
          g_autofree char *key = g_strdup_printf ("%s.%s", nawat_rubric_group_get_key (group),
                                                  nawat_criterion_get_key (criterion));
          int level = nawat_criterion_get_max (criterion) - (int) ((g + c) % 2);

          if (first)
            g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), key));
          else
            g_assert_true (gtk_widget_activate_action (form, "score.next-criterion", NULL));
          first = FALSE;

          g_assert_cmpstr (_nawat_score_form_get_current_criterion (NAWAT_SCORE_FORM (form)), ==, key);
          g_assert_true (activate_level (form, level));
          g_assert_true (nawat_evaluation_get_score (evaluation, key, NULL));
        }
    }

  nawat_scoring_compute (nawat_rubric_get_default (), evaluation, &score);
  g_assert_true (score.complete);
  g_assert_cmpfloat (_nawat_score_form_get_completeness (NAWAT_SCORE_FORM (form)), ==, 100.0);
  g_assert_cmpfloat_with_epsilon (_nawat_score_form_get_composite (NAWAT_SCORE_FORM (form)),
                                  score.composite, 1e-9);
}

/* Identity */

/* Sets the settings that say who is scoring: the evaluator name, and the
 * server (URL and user); NULL is empty.
 */
static void
set_identity_settings (const char *evaluator_name,
                       const char *server_url,
                       const char *server_user)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  schema = source != NULL ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  g_assert_nonnull (schema);
  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_string (settings, "evaluator-name", evaluator_name != NULL ? evaluator_name : "");
  g_settings_set_string (settings, "server-url", server_url != NULL ? server_url : "");
  g_settings_set_string (settings, "server-user", server_user != NULL ? server_user : "");
}

static const char *
identity_label (NawatWindow *window)
{
  GtkWidget *form = nawat_window_get_score_form (window);

  if (nawat_window_get_evaluation (window) == NULL)
    return NULL;

  return nawat_ui_test_label (form, "scoring-as");
}

/* The open project is read again under another name on the store's
 * thread: waits until the window shows @evaluator's evaluation.
 */
static void
wait_for_evaluation_of (NawatWindow *window,
                        const char  *evaluator)
{
  NawatEvaluation *evaluation;

  while ((evaluation = nawat_window_get_evaluation (window)) == NULL
         || g_strcmp0 (nawat_evaluation_get_evaluator (evaluation), evaluator) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
identity_asked (NawatWindow *window)
{
  GtkWidget *bar = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_BOX, "identity-bar");

  g_assert_nonnull (bar);

  return gtk_widget_get_visible (bar);
}

/* Types @name into the question "Who is scoring?" and presses Start
 * Scoring; returns whether the button could be pressed.
 */
static gboolean
answer_identity (NawatWindow *window,
                 const char  *name)
{
  GtkWidget *entry = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_ENTRY, "identity-entry");
  GtkWidget *start = nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "identity-start");

  g_assert_nonnull (entry);
  g_assert_nonnull (start);
  g_assert_true (identity_asked (window));
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  if (!gtk_widget_get_sensitive (start))
    return FALSE;
  g_signal_emit_by_name (start, "clicked");

  return TRUE;
}

static NawatEvaluation *
stored_evaluation (NawatWindow *window,
                   const char  *project_id,
                   const char  *evaluator)
{
  g_autoptr(NawatProject) project = nawat_store_get_project (nawat_window_get_store (window),
                                                             project_id, NULL);
  g_autofree char *id = NULL;

  g_assert_nonnull (project);
  id = g_strdup_printf ("evaluation:%s:%s:%s", nawat_project_get_call (project),
                        nawat_project_get_code (project), evaluator);

  return nawat_store_get_evaluation (nawat_window_get_store (window), id, NULL);
}

/* Whether anyone at all has an evaluation of @project_id in the store. */
static gboolean
anyone_evaluated (NawatWindow *window,
                  Demo        *demo,
                  const char  *project_id)
{
  JsonArray *evaluators = json_object_get_array_member (demo->call, "evaluators");

  for (guint i = 0; i < json_array_get_length (evaluators); i++)
    {
      g_autoptr(NawatEvaluation) evaluation = NULL;

      evaluation = stored_evaluation (window, project_id,
                                      json_array_get_string_element (evaluators, i));
      if (evaluation != NULL)
        return TRUE;
    }

  return FALSE;
}

/* The tests */

static GtkWindow *
find_about_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window))
        return window;
    }

  return NULL;
}

typedef struct
{
  Demo     *demo;
  gboolean  shots;
  gboolean  thai_ui;   /* the Thai locale and catalog are in use */
  /* what the first run did, for the second to find */
  char     *submitted_id;
  char     *conflict_id;
  char     *draft_id;
} RunData;

static void
drive_first_run (NawatApplication *app,
                 NawatWindow      *window,
                 gpointer          user_data)
{
  RunData *data = user_data;
  Demo *demo = data->demo;
  g_autofree char *needle = NULL;
  g_autoptr(GHashTable) expected = NULL;
  NawatProjectList *list;
  GtkWindow *about;
  GSettings *settings;
  guint n_items;
  guint n_titles = 0;

  g_assert_no_error ((GError *) nawat_application_get_store_error (app));
  g_assert_true (nawat_application_get_imported_demo (app));

  /* The demo call is open, whatever today's date, for some weeks. */
  {
    g_autoptr(NawatCall) call = nawat_store_get_call (nawat_window_get_store (window),
                                                      json_object_get_string_member (demo->call, "_id"),
                                                      NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) in_a_week = g_date_time_add_days (now, 7);

    g_assert_nonnull (call);
    g_assert_false (nawat_round_is_closed (call, "somchai", in_a_week));
  }

  assert_demo_list (window, demo);
  list = window_list (window);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  /* Nobody said who is scoring yet: the window asks. */
  g_assert_null (nawat_window_get_evaluator (window));
  g_assert_true (answer_identity (window, "somchai"));
  g_assert_cmpstr (nawat_window_get_evaluator (window), ==, "somchai");
  assert_demo_list (window, demo);
  list = window_list (window);
  assert_assigned_filter (window, demo, FALSE, data->shots);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  if (data->shots)
    save_screenshots (window, "list");

  /* A Thai substring narrows the list to exactly the projects that hold it. */
  needle = demo_pick_thai_substring (demo);
  expected = demo_matching_ids (demo, needle);
  for (guint i = 0; i < demo->projects->len; i++)
    if (!demo_is_listed (window, g_ptr_array_index (demo->projects, i)))
      g_hash_table_remove (expected,
                           json_object_get_string_member (g_ptr_array_index (demo->projects, i), "_id"));
  g_test_message ("Searching “%s”: %u projects expected", needle, g_hash_table_size (expected));

  search_and_wait (window, needle);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), <, n_items);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, g_hash_table_size (expected));
  g_assert_cmpstr (nawat_window_get_page (window), ==, "list");

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (g_hash_table_contains (expected, nawat_project_row_get_id (row)));
      if (contains (nawat_project_row_get_title_th (row), needle))
        n_titles++;
    }
  /* The substring was taken from a title. */
  g_assert_cmpuint (n_titles, >, 0);

  if (data->shots)
    save_screenshots (window, "search");

  /* Nothing matches: the empty state says so. */
  search_and_wait (window, "zqxjkv");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpstr (nawat_window_get_page (window), ==, "no-match");

  if (data->shots)
    save_screenshots (window, "no-match");

  /* Clearing the search brings every project back. */
  search_and_wait (window, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_items);
  g_assert_cmpstr (nawat_window_get_page (window), ==, "list");

  /* "Search Documents", off by default, turns the list's option on and
   * is kept in the settings.
   */
  {
    GSettings *app_settings = nawat_application_get_settings (app);

    g_assert_false (gtk_check_button_get_active (window->search_files_check));
    g_assert_false (nawat_project_list_get_search_files (list));
    gtk_check_button_set_active (window->search_files_check, TRUE);
    g_assert_true (nawat_project_list_get_search_files (list));
    if (app_settings != NULL)
      g_assert_true (g_settings_get_boolean (app_settings, "search-documents"));
    gtk_check_button_set_active (window->search_files_check, FALSE);
    g_assert_false (nawat_project_list_get_search_files (list));
  }

  assert_domain_filter (window, demo);
  assert_reach_filter (window, demo);

  /* Score a project not started yet and submit it. */
  open_project_by_row (window, find_row_with_status (window, NAWAT_PROJECT_STATUS_NOT_STARTED));
  g_free (data->submitted_id);
  data->submitted_id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (nawat_window_get_project (window))));
  if (data->shots)
    save_screenshots (window, "project");
  score_every_criterion (window);
  g_assert_true (gtk_widget_activate_action (nawat_window_get_score_form (window), "score.submit", NULL));
  g_assert_cmpint (nawat_evaluation_get_status (nawat_window_get_evaluation (window)), ==,
                   NAWAT_EVALUATION_SUBMITTED);
  wait_row_status (window, data->submitted_id, NAWAT_PROJECT_STATUS_SUBMITTED);
  if (data->shots)
    save_screenshots (window, "submitted");

  /* The store busy (a pull's batch holds its lock): the window goes on
   * drawing while the next project opens, and shows it once the store is
   * free.  Reading it on the main thread would hang here.
   */
  {
    GMutex *lock = _nawat_store_get_lock (window->store);
    guint position = find_row_with_status (window, NAWAT_PROJECT_STATUS_NOT_STARTED);
    g_autoptr(NawatProjectRow) row = g_list_model_get_item (G_LIST_MODEL (window_list (window)), position);

    g_mutex_lock (lock);
    g_signal_emit_by_name (find_project_list_view (GTK_WIDGET (window)), "activate", position);
    for (guint i = 0; i < 3; i++)
      nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
    g_assert_cmpstr (nawat_document_get_id (NAWAT_DOCUMENT (nawat_window_get_project (window))), ==,
                     data->submitted_id);
    g_mutex_unlock (lock);
    wait_for_project (window, nawat_project_row_get_id (row));
  }

  /* A declared conflict of interest locks the form of another project. */
  open_project_by_row (window, find_row_with_status (window, NAWAT_PROJECT_STATUS_NOT_STARTED));
  g_free (data->conflict_id);
  data->conflict_id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (nawat_window_get_project (window))));
  nawat_score_form_set_conflict_declared (NAWAT_SCORE_FORM (nawat_window_get_score_form (window)), TRUE);
  g_assert_true (_nawat_score_form_get_locked (NAWAT_SCORE_FORM (nawat_window_get_score_form (window))));
  activate_level (nawat_window_get_score_form (window), 3);
  {
    g_auto(GStrv) keys = nawat_evaluation_dup_score_keys (nawat_window_get_evaluation (window));

    g_assert_cmpuint (g_strv_length (keys), ==, 0);
  }
  wait_row_status (window, data->conflict_id, NAWAT_PROJECT_STATUS_CONFLICT);

  /* An edit made just before quitting is kept: closing stores it. */
  open_project_by_row (window, find_row_with_status (window, NAWAT_PROJECT_STATUS_NOT_STARTED));
  g_free (data->draft_id);
  data->draft_id = g_strdup (nawat_document_get_id (NAWAT_DOCUMENT (nawat_window_get_project (window))));
  g_assert_true (gtk_widget_activate_action (nawat_window_get_score_form (window), "score.no-conflict", NULL));
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (nawat_window_get_score_form (window)),
                                                   "merit.impact"));
  g_assert_true (activate_level (nawat_window_get_score_form (window), 4));

  /* Export offers the open project's report. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (NAWAT_IS_EXPORT_DIALOG (toplevel))
          dialog = toplevel;
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
    g_assert_true (nawat_export_dialog_can_export (NAWAT_EXPORT_DIALOG (dialog)));
    gtk_window_destroy (dialog);
  }

  /* The About window opens over the main window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = find_about_window ();
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  gtk_window_destroy (about);

  /* app.quit closes the window, which remembers its size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  settings = nawat_application_get_settings (app);
  if (settings != NULL)
    {
      g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
      g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
    }
}

static void
drive_second_run (NawatApplication *app,
                  NawatWindow      *window,
                  gpointer          user_data)
{
  RunData *data = user_data;

  g_assert_no_error ((GError *) nawat_application_get_store_error (app));
  /* The store already holds the demo call: nothing is imported again. */
  g_assert_false (nawat_application_get_imported_demo (app));

  assert_demo_list (window, data->demo);

  /* The size saved by the first run comes back. */
  if (nawat_application_get_settings (app) != NULL)
    {
      int width;
      int height;

      gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
      g_assert_cmpint (width, ==, 1000);
      g_assert_cmpint (height, ==, 700);
    }

  if (data->thai_ui)
    {
      assert_thai_ui (window);
      assert_assigned_filter (window, data->demo, TRUE, data->shots);
    }

  if (data->shots)
    save_screenshots (window, "list");

  /* What the first run did is in the store. */
  g_assert_cmpint (row_status (window, data->submitted_id), ==, NAWAT_PROJECT_STATUS_SUBMITTED);
  g_assert_cmpint (row_status (window, data->conflict_id), ==, NAWAT_PROJECT_STATUS_CONFLICT);
  g_assert_cmpint (row_status (window, data->draft_id), ==, NAWAT_PROJECT_STATUS_DRAFT);
  g_assert_true (nawat_ui_test_open_project (window, data->draft_id, NULL));
  g_assert_true (nawat_evaluation_get_score (nawat_window_get_evaluation (window), "merit.impact", NULL));

  if (data->shots)
    save_screenshots (window, "project");

  /* A narrow window keeps the list readable.  The rows give up their place
   * column once the window is narrow, which lowers its minimum width: a
   * second request then takes effect.
   */
  for (guint i = 0; i < 20 && gtk_widget_get_width (GTK_WIDGET (window)) > 420; i++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), 420, 700);
      nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 420);
  if (data->shots)
    save_screenshots (window, "narrow");
}

static void
drive_corrupt (NawatApplication *app,
               NawatWindow      *window,
               gpointer          user_data)
{
  const GError *error = nawat_application_get_store_error (app);

  g_assert_nonnull (error);
  g_assert_true (g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT) ||
                 g_error_matches (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FOREIGN));
  g_assert_null (nawat_application_get_store (app));
  g_assert_null (nawat_window_get_project_list (window));
  g_assert_cmpstr (nawat_window_get_page (window), ==, "error");

  if (GPOINTER_TO_INT (user_data))
    save_screenshots (window, "error");
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nawat-ui-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

typedef struct
{
  Demo       *demo;
  const char *project_id;
  gboolean    shots;
} IdentityData;

/* No name: the proposals are read, and nothing is scored or stored under a
 * name nobody gave (the old window scored as the call's first evaluator).
 */
static void
drive_identity_unknown (NawatApplication *app,
                        NawatWindow      *window,
                        gpointer          user_data)
{
  IdentityData *data = user_data;
  GtkWidget *form = nawat_window_get_score_form (window);
  g_autoptr(GError) error = NULL;

  assert_demo_list (window, data->demo);
  g_assert_null (nawat_window_get_evaluator (window));
  g_assert_null (identity_label (window));
  g_assert_true (identity_asked (window));
  g_assert_false (anyone_evaluated (window, data->demo, data->project_id));

  g_assert_true (nawat_ui_test_open_project (window, data->project_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (nawat_window_get_project (window));
  g_assert_null (nawat_window_get_evaluation (window));
  g_assert_true (_nawat_score_form_get_locked (NAWAT_SCORE_FORM (form)));
  g_assert_true (identity_asked (window));
  if (data->shots)
    save_screenshots (window, "identity-prompt");

  /* A digit, a submit: nothing happens, nothing is stored. */
  activate_level (form, 4);
  gtk_widget_activate_action (form, "score.submit", NULL);
  g_assert_true (nawat_score_form_flush (NAWAT_SCORE_FORM (form), &error));
  g_assert_no_error (error);
  g_assert_false (anyone_evaluated (window, data->demo, data->project_id));

  /* Export and print ask for the name first instead of showing another's. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        g_assert_false (NAWAT_IS_EXPORT_DIALOG (toplevel));
      }
  }

  /* A name import would refuse is refused here too. */
  g_assert_false (answer_identity (window, "some one"));
  g_assert_true (gtk_widget_get_visible (nawat_ui_test_find (GTK_WIDGET (window), GTK_TYPE_LABEL,
                                                             "identity-error")));
  g_assert_false (answer_identity (window, "somchai:x"));
  g_assert_null (nawat_window_get_evaluator (window));
  if (data->shots)
    save_screenshots (window, "identity-invalid");
}

/* A name typed: the evaluations are saved under it.  A new name in the
 * preferences starts new evaluations and leaves the old ones as they are.
 */
static void
drive_identity_given (NawatApplication *app,
                      NawatWindow      *window,
                      gpointer          user_data)
{
  IdentityData *data = user_data;
  GtkWidget *form = nawat_window_get_score_form (window);
  GSettings *settings = nawat_application_get_settings (app);
  g_autoptr(NawatEvaluation) first = NULL;
  g_autoptr(NawatEvaluation) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  double value = 0;

  assert_demo_list (window, data->demo);
  g_assert_true (nawat_ui_test_open_project (window, data->project_id, &error));
  g_assert_no_error (error);

  g_assert_true (answer_identity (window, "malee"));
  g_assert_cmpstr (nawat_window_get_evaluator (window), ==, "malee");
  wait_for_evaluation_of (window, "malee");
  g_assert_false (identity_asked (window));
  /* The keyboard goes on in the form, first to the question on a conflict
   * of interest; answered, to the first criterion.
   */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) ==
                 nawat_ui_test_find (form, GTK_TYPE_BUTTON, "no-conflict"));
  g_assert_true (gtk_widget_activate_action (form, "score.no-conflict", NULL));
  g_assert_nonnull (_nawat_score_form_get_current_criterion (NAWAT_SCORE_FORM (form)));
  g_assert_nonnull (settings);
  {
    g_autofree char *name = g_settings_get_string (settings, "evaluator-name");

    g_assert_cmpstr (name, ==, "malee");
  }
  expected = g_strdup_printf (_("Scoring as %s"), "malee");
  g_assert_cmpstr (identity_label (window), ==, expected);
  g_clear_pointer (&expected, g_free);

  /* The project stays open, now with malee's evaluation. */
  g_assert_nonnull (nawat_window_get_evaluation (window));
  g_assert_cmpstr (nawat_evaluation_get_evaluator (nawat_window_get_evaluation (window)), ==, "malee");
  g_assert_false (_nawat_score_form_get_locked (NAWAT_SCORE_FORM (form)));
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), "merit.impact"));
  g_assert_true (activate_level (form, 4));
  g_assert_true (nawat_score_form_flush (NAWAT_SCORE_FORM (form), &error));
  g_assert_no_error (error);

  first = stored_evaluation (window, data->project_id, "malee");
  g_assert_nonnull (first);
  g_assert_cmpstr (nawat_evaluation_get_evaluator (first), ==, "malee");
  g_assert_true (nawat_evaluation_get_score (first, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 4);
  g_assert_null (stored_evaluation (window, data->project_id, "somchai"));
  wait_row_status (window, data->project_id, NAWAT_PROJECT_STATUS_DRAFT);

  if (data->shots)
    save_screenshots (window, "identity-scoring");

  /* Another name in the preferences: a new evaluation under it, and
   * malee's stays hers.
   */
  g_settings_set_string (settings, "evaluator-name", "somchai");
  while (g_strcmp0 (nawat_window_get_evaluator (window), "somchai") != 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_evaluation_of (window, "somchai");
  expected = g_strdup_printf (_("Scoring as %s"), "somchai");
  g_assert_cmpstr (identity_label (window), ==, expected);
  g_assert_cmpstr (nawat_evaluation_get_evaluator (nawat_window_get_evaluation (window)), ==, "somchai");
  g_assert_false (nawat_evaluation_get_score (nawat_window_get_evaluation (window), "merit.impact", NULL));
  wait_row_status (window, data->project_id, NAWAT_PROJECT_STATUS_NOT_STARTED);
  g_assert_true (gtk_widget_activate_action (form, "score.no-conflict", NULL));
  g_assert_true (nawat_score_form_focus_criterion (NAWAT_SCORE_FORM (form), "merit.impact"));
  g_assert_true (activate_level (form, 2));
  g_assert_true (nawat_score_form_flush (NAWAT_SCORE_FORM (form), &error));
  g_assert_no_error (error);

  second = stored_evaluation (window, data->project_id, "somchai");
  g_assert_nonnull (second);
  g_assert_true (nawat_evaluation_get_score (second, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 2);
  g_clear_object (&first);
  first = stored_evaluation (window, data->project_id, "malee");
  g_assert_nonnull (first);
  g_assert_cmpstr (nawat_evaluation_get_evaluator (first), ==, "malee");
  g_assert_true (nawat_evaluation_get_score (first, "merit.impact", &value));
  g_assert_cmpfloat (value, ==, 4);

  /* The list shows projects not assigned to the evaluator too; the form
   * says why it cannot score them (p008 is malee's and ananda's).
   */
  g_assert_true (nawat_ui_test_open_project (window, "project:si-2569:p008", &error));
  g_assert_no_error (error);
  g_assert_true (_nawat_score_form_get_locked (NAWAT_SCORE_FORM (form)));
  g_assert_error ((GError *) _nawat_score_form_get_read_only_reason (NAWAT_SCORE_FORM (form)),
                  NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_ASSIGNED);
  if (data->shots)
    save_screenshots (window, "not-assigned");
  g_assert_true (nawat_ui_test_open_project (window, data->project_id, &error));
  g_assert_no_error (error);

  /* A server set up: its user name is the evaluator. */
  g_settings_set_string (settings, "server-url", "http://127.0.0.1:5984");
  g_settings_set_string (settings, "server-user", "ananda");
  while (g_strcmp0 (nawat_window_get_evaluator (window), "ananda") != 0)
    g_main_context_iteration (NULL, TRUE);
  wait_for_evaluation_of (window, "ananda");
  g_assert_cmpstr (nawat_evaluation_get_evaluator (nawat_window_get_evaluation (window)), ==, "ananda");
}

static void
test_identity (void)
{
  g_autoptr(Demo) demo = demo_load ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "identity.db", NULL);
  /* p003 is assigned to somchai and malee, and nobody has scored it */
  IdentityData data = { demo, "project:si-2569:p003", TRUE };

  set_identity_settings (NULL, NULL, NULL);
  /* A wide window, whatever another test left: the header has room. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "window-width");
    g_settings_reset (settings, "window-height");
    g_settings_reset (settings, "window-maximized");
  }
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_DEFAULT, drive_identity_unknown, &data);
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_DEFAULT, drive_identity_given, &data);

  /* The same in Thai, on a fresh store, for the screenshots. */
  if (nawat_ui_test_set_ui_locale ("th"))
    {
      g_autofree char *thai_path = g_build_filename (dir, "identity-th.db", NULL);

      set_identity_settings (NULL, NULL, NULL);
      nawat_ui_test_set_language ("th");
      nawat_ui_test_run_app (thai_path, NAWAT_UI_TEST_RUN_DEFAULT, drive_identity_unknown, &data);
      nawat_ui_test_run_app (thai_path, NAWAT_UI_TEST_RUN_DEFAULT, drive_identity_given, &data);
      nawat_ui_test_set_ui_locale (NULL);
    }

  set_identity_settings (NULL, NULL, NULL);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
test_demo_store (void)
{
  g_autoptr(Demo) demo = demo_load ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  RunData data = { demo, TRUE, FALSE, NULL, NULL, NULL };

  set_identity_settings (NULL, NULL, NULL);
  /* The first run in English, the second in Thai, on the same store. */
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_DEFAULT, drive_first_run, &data);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  data.thai_ui = nawat_ui_test_set_ui_locale ("th");
  if (!data.thai_ui && g_strcmp0 (g_getenv ("CI"), "true") == 0)
    g_test_fail_printf ("No th_TH.UTF-8 locale in CI: build-aux/install-deps generates it");
  else if (!data.thai_ui)
    g_test_message ("No th_TH.UTF-8 locale: the Thai run shows the English interface");
  nawat_ui_test_set_language ("th");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_DEFAULT, drive_second_run, &data);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_set_ui_locale (NULL);
  set_identity_settings (NULL, NULL, NULL);

  g_free (data.submitted_id);
  g_free (data.conflict_id);
  g_free (data.draft_id);
  nawat_ui_test_remove_dir (dir);
}

/* The rows of the list: long titles, search snippets */

typedef struct
{
  Demo       *demo;
  const char *word;        /* only in the summary of @project */
  JsonObject *project;
} RowsData;

/* Whether @word is in the text @member of @project, in either language
 * or case.
 */
static gboolean
json_text_has_word (JsonObject *project,
                    const char *member,
                    const char *word)
{
  static const char *langs[] = { "th", "en" };

  for (guint i = 0; i < G_N_ELEMENTS (langs); i++)
    {
      const char *text = nawat_ui_test_json_text (project, member, langs[i]);
      g_autofree char *down = text != NULL ? g_utf8_strdown (text, -1) : NULL;

      if (contains (down, word))
        return TRUE;
    }

  return FALSE;
}

/* A word of a project's English summary that no project has in its
 * titles, organisation or partners: a search for it matches summaries only.
 */
static void
find_summary_only_word (RowsData *data)
{
  for (guint i = 0; i < data->demo->projects->len; i++)
    {
      JsonObject *project = g_ptr_array_index (data->demo->projects, i);
      g_autofree char *summary = g_utf8_strdown (nawat_ui_test_json_text (project, "summary", "en"), -1);
      g_auto(GStrv) words = g_regex_split_simple ("[^a-z]+", summary, 0, 0);

      for (guint w = 0; words[w] != NULL; w++)
        {
          gboolean elsewhere = FALSE;

          if (strlen (words[w]) < 8)
            continue;
          for (guint j = 0; j < data->demo->projects->len && !elsewhere; j++)
            {
              JsonObject *other = g_ptr_array_index (data->demo->projects, j);
              g_autofree char *organisation =
                g_utf8_strdown (json_object_get_string_member_with_default (other, "organisation", ""), -1);
              g_autoptr(JsonGenerator) generator = json_generator_new ();
              g_autofree char *partners = NULL;
              g_autofree char *partners_down = NULL;

              if (json_object_has_member (other, "partners"))
                {
                  json_generator_set_root (generator, json_object_get_member (other, "partners"));
                  partners = json_generator_to_data (generator, NULL);
                  partners_down = g_utf8_strdown (partners, -1);
                }
              elsewhere = json_text_has_word (other, "title", words[w]) ||
                          contains (organisation, words[w]) || contains (partners_down, words[w]);
            }
          if (!elsewhere)
            {
              data->word = g_intern_string (words[w]);
              data->project = project;
              return;
            }
        }
    }

  g_assert_not_reached ();
}

/* The view of the row that shows @project_id, filled in, in the list
 * view; NULL when none does.
 */
static NawatProjectRowView *
find_row_view (NawatWindow *window,
               const char  *project_id)
{
  GtkWidget *list_view = find_project_list_view (GTK_WIDGET (window));

  for (GtkWidget *item = gtk_widget_get_first_child (list_view);
       item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *view = gtk_widget_get_first_child (item);
      NawatProjectRow *row;

      if (!NAWAT_IS_PROJECT_ROW_VIEW (view))
        continue;
      row = nawat_project_row_view_get_row (NAWAT_PROJECT_ROW_VIEW (view));
      if (row != NULL && !nawat_project_row_get_loading (row) &&
          g_strcmp0 (nawat_project_row_get_id (row), project_id) == 0)
        return NAWAT_PROJECT_ROW_VIEW (view);
    }

  return NULL;
}

/* Whether @attrs make the text from @start to @end bold. */
static gboolean
is_bold (PangoAttrList *attrs,
         gsize          start,
         gsize          end)
{
  GSList *list = attrs != NULL ? pango_attr_list_get_attributes (attrs) : NULL;
  gboolean bold = FALSE;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_WEIGHT &&
          ((PangoAttrInt *) attr)->value >= PANGO_WEIGHT_BOLD &&
          attr->start_index <= start && attr->end_index >= end)
        bold = TRUE;
    }
  g_slist_free_full (list, (GDestroyNotify) pango_attribute_destroy);

  return bold;
}

static void
drive_rows (NawatApplication *app,
            NawatWindow      *window,
            gpointer          user_data)
{
  RowsData *data = user_data;
  const char *lang = nawat_application_get_language (app);
  ListWait wait = { window, NULL, 0 };
  g_autoptr(NawatProjectRow) first = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) snippet = NULL;
  g_autoptr(PangoLayout) whole = NULL;
  g_autoptr(PangoLayout) ellipsis = NULL;
  g_autofree char *down = NULL;
  g_autofree char *label = NULL;
  PangoRectangle pos;
  int ellipsis_width;
  gsize start;
  gsize end;
  NawatProjectRowView *view;
  NawatProjectList *list;
  GtkWidget *entry;
  PangoLayoutLine *line;
  gulong id;

  nawat_ui_test_wait_until (list_is_filled, &wait);
  /* 1,400 pixels, or as wide as the screen allows: the sidebar, the list
   * and the project side by side.
   */
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));
  g_test_message ("window %d px wide", gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1100);

  /* A long title (the first row's) takes two lines: its first holds far
   * more than the twenty characters one line had room for.
   */
  first = g_list_model_get_item (G_LIST_MODEL (window_list (window)), 0);
  view = find_row_view (window, nawat_project_row_get_id (first));
  g_assert_nonnull (view);
  _nawat_project_row_view_get_layouts (view, &title, &snippet);
  g_assert_nonnull (title);
  g_clear_object (&snippet);
  g_assert_cmpint (g_utf8_strlen (pango_layout_get_text (title), -1), >, 60);
  g_assert_cmpint (pango_layout_get_line_count (title), ==, 2);
  line = pango_layout_get_line_readonly (title, 0);
  g_assert_cmpint (g_utf8_strlen (pango_layout_get_text (title) + line->start_index, line->length),
                   >, 20);
  save_screenshots (window, "rows");

  /* A search, typed, that matches a summary only: the row says where, the
   * words found in bold.
   */
  list = window_list (window);
  entry = nawat_window_get_search_entry (window);
  wait.search = data->word;
  id = g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &wait);
  nawat_ui_test_focus_window (GTK_WINDOW (window));
  nawat_ui_test_click (entry);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  nawat_ui_test_type (entry, data->word);
  nawat_ui_test_wait_until (search_is_done, &wait);
  g_signal_handler_disconnect (list, id);
  nawat_ui_test_wait_for_frame (GTK_WIDGET (window));

  view = find_row_view (window, json_object_get_string_member (data->project, "_id"));
  g_assert_nonnull (view);
  g_clear_object (&title);
  _nawat_project_row_view_get_layouts (view, &title, &snippet);
  g_assert_nonnull (snippet);
  label = g_strdup_printf ("%s: ", g_dgettext (GETTEXT_PACKAGE, "Summary"));
  g_assert_true (g_str_has_prefix (pango_layout_get_text (snippet), label));
  down = g_ascii_strdown (pango_layout_get_text (snippet), -1);
  g_assert_nonnull (strstr (down, data->word));
  start = strstr (down, data->word) - down;
  end = start + strlen (data->word);
  g_assert_true (is_bold (pango_layout_get_attributes (snippet), start, end));

  /* The word found is on screen, before the line ends in an ellipsis. */
  whole = pango_layout_copy (snippet);
  pango_layout_set_width (whole, -1);
  ellipsis = pango_layout_copy (snippet);
  pango_layout_set_attributes (ellipsis, NULL);
  pango_layout_set_text (ellipsis, "…", -1);
  pango_layout_get_pixel_size (ellipsis, &ellipsis_width, NULL);
  pango_layout_index_to_pos (whole, end, &pos);
  g_assert_cmpint (PANGO_PIXELS (pos.x), <=,
                   pango_layout_get_width (snippet) / PANGO_SCALE - ellipsis_width);
  g_test_message ("%s: %s", lang, pango_layout_get_text (snippet));
  save_screenshots (window, "snippet");
}

static void
test_rows (void)
{
  g_autoptr(Demo) demo = demo_load ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "rows.db", NULL);
  RowsData data = { demo, NULL, NULL };

  find_summary_only_word (&data);
  set_identity_settings (NULL, NULL, NULL);
  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_rows, &data);

  /* Thai: its titles, its interface. */
  if (!nawat_ui_test_set_ui_locale ("th"))
    g_test_message ("No th_TH.UTF-8 locale: the Thai run shows the English interface");
  nawat_ui_test_set_language ("th");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_WAIT_FOR_CALL, drive_rows, &data);
  nawat_ui_test_set_language (NULL);
  nawat_ui_test_set_ui_locale (NULL);
  nawat_ui_test_remove_dir (dir);
}

static void
test_corrupt_store (void)
{
  static const char garbage[] = "This is not a database, and it must stay as it is.\n";
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.db", NULL);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  nawat_ui_test_set_language ("en");
  nawat_ui_test_run_app (path, NAWAT_UI_TEST_RUN_DEFAULT, drive_corrupt, GINT_TO_POINTER (TRUE));
  nawat_ui_test_set_language (NULL);

  g_file_get_contents (path, &after, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (after, length, garbage, strlen (garbage));

  nawat_ui_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (!nawat_ui_test_init (&argc, &argv, "/nawat/ui/window/display"))
    return g_test_run ();

  g_test_add_func ("/nawat/ui/window/demo-store", test_demo_store);
  g_test_add_func ("/nawat/ui/window/identity", test_identity);
  g_test_add_func ("/nawat/ui/window/corrupt-store", test_corrupt_store);
  g_test_add_func ("/nawat/ui/window/rows", test_rows);

  return g_test_run ();
}
