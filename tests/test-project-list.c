/* test-project-list.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-project-list.h"
#include "nawat-store.h"
#include "nawat-store-private.h"

#define N_PROJECTS 300

/* Thai first words, several with a leading vowel. */
static const char * const prefixes[] = {
  "ไก่", "ขาว", "เกษตร", "แม่น้ำ", "โรงเรียน", "ใบไม้", "กล้วย", "คน", "งาน", "ชุมชน",
};

typedef struct
{
  char       *code;
  char       *title_th;
  const char *province;
  const char *region;
  const char *domains[2];
  const char *reach;
} Generated;

typedef struct
{
  char       *dir;
  char       *path;
  NawatStore *store;
  guint       n;
  Generated  *projects;
} Fixture;

static char *
project_json (const char *call,
              Generated  *p,
              guint       i)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *id = g_strdup_printf ("project:%s:%s", call, p->code);
  g_autofree char *title_en = g_strdup_printf ("%s %u", i % 4 == 0 ? "River project" : "Project", i);
  g_autofree char *organisation = g_strdup_printf ("Organisation %u", i % 17);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "_id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "project");
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "call");
  json_builder_add_string_value (builder, call);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, p->code);
  json_builder_set_member_name (builder, "title");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "th");
  json_builder_add_string_value (builder, p->title_th);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, title_en);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "organisation");
  json_builder_add_string_value (builder, organisation);
  json_builder_set_member_name (builder, "province");
  json_builder_add_string_value (builder, p->province);
  if (p->reach != NULL)
    {
      json_builder_set_member_name (builder, "reach");
      json_builder_add_string_value (builder, p->reach);
    }
  json_builder_set_member_name (builder, "domains");
  json_builder_begin_array (builder);
  for (guint d = 0; d < G_N_ELEMENTS (p->domains) && p->domains[d]; d++)
    json_builder_add_string_value (builder, p->domains[d]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
import_projects (Fixture *fixture,
                 guint    n)
{
  /* The calls of the projects: an import refuses a project without one. */
  g_autoptr(GString) data =
    g_string_new ("[{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
                  " \"title\": {\"en\": \"C\"}},\n"
                  " {\"_id\": \"call:c2\", \"type\": \"call\", \"schema\": 1,"
                  " \"title\": {\"en\": \"C\"}}");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  const NawatProvince *provinces = nawat_provinces ();
  const NawatTerm *domains = nawat_domains ();
  guint n_imported = 0;

  fixture->n = n;
  fixture->projects = g_new0 (Generated, n);

  /* Written in a scrambled order: the list must not depend on it. */
  for (guint k = 0; k < n; k++)
    {
      guint i = (k * 7919) % n;
      Generated *p = &fixture->projects[i];
      g_autofree char *json = NULL;

      g_assert_true (n % 7919 != 0);
      p->code = g_strdup_printf ("p%04u", i);
      p->title_th = g_strdup_printf ("%s%s ลำดับ %u", prefixes[i % G_N_ELEMENTS (prefixes)],
                                     i % 5 == 0 ? "การอนุรักษ์สิ่งแวดล้อม" : "", i);
      p->province = provinces[(i * 7) % NAWAT_N_PROVINCES].code;
      p->region = provinces[(i * 7) % NAWAT_N_PROVINCES].region;
      p->domains[0] = domains[i % NAWAT_N_DOMAINS].key;
      /* One project in six states no reach. */
      if (i % 6 != 5)
        p->reach = nawat_reach_levels ()[(i / 3) % NAWAT_N_REACH].key;
      if ((i / NAWAT_N_DOMAINS) % NAWAT_N_DOMAINS != i % NAWAT_N_DOMAINS)
        p->domains[1] = domains[(i / NAWAT_N_DOMAINS) % NAWAT_N_DOMAINS].key;

      json = project_json ("c1", p, i);
      g_string_append (data, ",\n");
      g_string_append (data, json);
    }

  /* A project of another call, never in the list of c1. */
  {
    Generated other = { "p0001", "ไก่การอนุรักษ์ของอีกทุน", "TH-10", "central", { "health", NULL },
                        "global" };
    g_autofree char *json = project_json ("c2", &other, 1);

    g_string_append (data, ",\n");
    g_string_append (data, json);
  }
  g_string_append (data, "]");

  g_assert_true (nawat_store_import_data (fixture->store, data->str, data->len,
                                          &n_imported, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, n + 3);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("nawat-list-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "store.db", NULL);
  fixture->store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);

  import_projects (fixture, GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : N_PROJECTS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (fixture->dir);

  for (guint i = 0; i < fixture->n; i++)
    {
      g_free (fixture->projects[i].code);
      g_free (fixture->projects[i].title_th);
    }
  g_free (fixture->projects);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Helpers */

/* Runs the main context until the list has read everything it asked for,
 * including the store's change notifications already posted.
 */
static void
settle (NawatProjectList *list)
{
  for (;;)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (!nawat_project_list_get_loading (list))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
}

static NawatProjectList *
new_list (Fixture    *fixture,
          const char *evaluator)
{
  NawatProjectList *list = nawat_project_list_new (fixture->store, "c1", evaluator);

  settle (list);
  return list;
}

/* The rows of the whole list, filled. */
static GPtrArray *
dup_rows (NawatProjectList *list)
{
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (model, i));
  settle (list);

  for (guint i = 0; i < n; i++)
    {
      NawatProjectRow *row = g_ptr_array_index (rows, i);

      if (nawat_project_row_get_loading (row))
        {
          /* Read again when its page was evicted and re-read meanwhile. */
          g_ptr_array_index (rows, i) = g_list_model_get_item (model, i);
          g_object_unref (row);
          settle (list);
          row = g_ptr_array_index (rows, i);
        }
      g_assert_false (nawat_project_row_get_loading (row));
    }

  return g_steal_pointer (&rows);
}

static int
index_of_code (GPtrArray  *rows,
               const char *code)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (nawat_project_row_get_code (g_ptr_array_index (rows, i)), code) == 0)
      return i;
  return -1;
}

static NawatEvaluation *
make_call_evaluation (const char *call,
                      const char *code,
                      const char *evaluator,
                      int         level)
{
  g_autofree char *project_id = g_strdup_printf ("project:%s:%s", call, code);
  g_autoptr(NawatEvaluation) evaluation = nawat_evaluation_new (project_id, evaluator,
                                                                NAWAT_DEFAULT_RUBRIC_ID);
  NawatRubric *rubric = nawat_rubric_get_default ();
  g_auto(GStrv) keys = nawat_rubric_dup_score_keys (rubric);

  /* level < 0: one score only (a draft); else every score at min + level. */
  for (guint i = 0; keys[i] != NULL; i++)
    {
      NawatCriterion *criterion = nawat_rubric_find_criterion (rubric, keys[i], NULL);
      int min = nawat_criterion_get_min (criterion);
      int max = nawat_criterion_get_max (criterion);

      if (level < 0 && i > 0)
        break;
      nawat_evaluation_set_score (evaluation, keys[i], MIN (max, min + MAX (level, 0)));
    }
  nawat_evaluation_touch (evaluation);

  return g_steal_pointer (&evaluation);
}

static NawatEvaluation *
make_evaluation (const char *code,
                 const char *evaluator,
                 int         level)
{
  return make_call_evaluation ("c1", code, evaluator, level);
}

static void
save (Fixture         *fixture,
      NawatEvaluation *evaluation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_store_save_evaluation (fixture->store, evaluation, &error));
  g_assert_no_error (error);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, >, index);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static gboolean
has_domain (Generated  *p,
            const char *domain)
{
  return g_strcmp0 (p->domains[0], domain) == 0 || g_strcmp0 (p->domains[1], domain) == 0;
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

/* Tests */

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  GListModel *model = G_LIST_MODEL (list);
  const NawatTerm *domains = nawat_domains ();
  const NawatTerm *regions = nawat_regions ();

  g_assert_true (g_list_model_get_item_type (model) == NAWAT_TYPE_PROJECT_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n);

  for (guint d = 0; d < NAWAT_N_DOMAINS; d++)
    {
      guint expected = 0;

      for (guint i = 0; i < fixture->n; i++)
        expected += has_domain (&fixture->projects[i], domains[d].key);

      nawat_project_list_set_domain (list, domains[d].key);
      settle (list);
      g_test_message ("domain %s: %u", domains[d].key, expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    }
  nawat_project_list_set_domain (list, NULL);

  for (guint r = 0; r < NAWAT_N_REGIONS; r++)
    {
      guint expected = 0;

      for (guint i = 0; i < fixture->n; i++)
        expected += g_strcmp0 (fixture->projects[i].region, regions[r].key) == 0;

      nawat_project_list_set_region (list, regions[r].key);
      settle (list);
      g_test_message ("region %s: %u", regions[r].key, expected);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    }

  /* Region and domain together. */
  {
    guint expected = 0;

    for (guint i = 0; i < fixture->n; i++)
      expected += g_strcmp0 (fixture->projects[i].region, "north") == 0 &&
                  has_domain (&fixture->projects[i], "health");
    nawat_project_list_set_region (list, "north");
    nawat_project_list_set_domain (list, "health");
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    nawat_project_list_set_region (list, NULL);
    nawat_project_list_set_domain (list, NULL);
  }

  for (guint r = 0; r < NAWAT_N_REACH; r++)
    {
      const char *reach = nawat_reach_levels ()[r].key;
      guint expected = 0;

      for (guint i = 0; i < fixture->n; i++)
        expected += g_strcmp0 (fixture->projects[i].reach, reach) == 0;

      nawat_project_list_set_reach (list, reach);
      settle (list);
      g_test_message ("reach %s: %u", reach, expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    }
  nawat_project_list_set_reach (list, NULL);

  /* Reach and region together, and a search within them. */
  {
    guint expected = 0;
    guint expected_river = 0;

    for (guint i = 0; i < fixture->n; i++)
      if (g_strcmp0 (fixture->projects[i].reach, "city") == 0 &&
          g_strcmp0 (fixture->projects[i].region, "northeast") == 0)
        {
          expected++;
          expected_river += i % 4 == 0;
        }
    nawat_project_list_set_region (list, "northeast");
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), >, expected);
    nawat_project_list_set_reach (list, "city");
    settle (list);
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    nawat_project_list_set_search (list, "river");
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected_river);
    nawat_project_list_set_search (list, NULL);
    nawat_project_list_set_region (list, NULL);
    nawat_project_list_set_reach (list, NULL);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n);
  }

  {
    const char *province = fixture->projects[3].province;
    guint expected = 0;

    for (guint i = 0; i < fixture->n; i++)
      expected += g_strcmp0 (fixture->projects[i].province, province) == 0;
    nawat_project_list_set_province (list, province);
    settle (list);
    g_assert_cmpuint (expected, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    nawat_project_list_set_province (list, NULL);
  }

  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n);

  /* Status: the evaluator's own. */
  {
    g_autoptr(NawatEvaluation) draft = make_evaluation ("p0010", "somchai", -1);
    g_autoptr(NawatEvaluation) submitted = make_evaluation ("p0011", "somchai", 2);
    g_autoptr(NawatEvaluation) conflict = make_evaluation ("p0012", "somchai", -1);
    g_autoptr(NawatEvaluation) other = make_evaluation ("p0013", "malee", -1);

    nawat_evaluation_set_status (submitted, NAWAT_EVALUATION_SUBMITTED);
    nawat_evaluation_set_conflict (conflict, TRUE, "ญาติของผู้เสนอ");
    save (fixture, draft);
    save (fixture, submitted);
    save (fixture, conflict);
    save (fixture, other);
    settle (list);

    nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_NOT_STARTED);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n - 3);
    nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_DRAFT);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_SUBMITTED);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_CONFLICT);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    {
      g_autoptr(GPtrArray) rows = dup_rows (list);

      g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 0)), ==, "p0012");
      g_assert_cmpint (nawat_project_row_get_status (g_ptr_array_index (rows, 0)), ==,
                       NAWAT_PROJECT_STATUS_CONFLICT);
    }

    /* Another evaluator sees their own. */
    nawat_project_list_set_evaluator (list, "malee");
    nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_DRAFT);
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    nawat_project_list_set_status (list, -1);
  }
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  GListModel *model = G_LIST_MODEL (list);
  struct {
    const char *text;
    const char *needle;
  } cases[] = {
    { "อนุรักษ์", "อนุรักษ์" },   /* inside การอนุรักษ์สิ่งแวดล้อม */
    { "สิ่งแวด", "สิ่งแวด" },
    { "ไก่", "ไก่" },
    { "ขา", "ขา" },              /* two characters: no trigram */
    { "ใบ", "ใบ" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      guint expected = 0;

      for (guint i = 0; i < fixture->n; i++)
        expected += strstr (fixture->projects[i].title_th, cases[c].needle) != NULL;

      nawat_project_list_set_search (list, cases[c].text);
      settle (list);
      g_test_message ("search %s: %u", cases[c].text, expected);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);

      {
        g_autoptr(GPtrArray) rows = dup_rows (list);

        for (guint i = 0; i < rows->len; i++)
          g_assert_nonnull (strstr (nawat_project_row_get_title_th (g_ptr_array_index (rows, i)),
                                    cases[c].needle));
      }
    }

  /* With one call in the store, counts come from the search indexes
   * alone: the same numbers.
   */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (nawat_store_delete_document (fixture->store, "project:c2:p0001", &error));
    g_assert_no_error (error);
    settle (list);
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        guint expected = 0;

        for (guint i = 0; i < fixture->n; i++)
          expected += strstr (fixture->projects[i].title_th, cases[c].needle) != NULL;
        nawat_project_list_set_search (list, cases[c].text);
        settle (list);
        g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
      }
    /* Words of every length together; "7" is looked for in the titles and
     * the organisation ("Organisation <i % 17>").
     */
    {
      guint expected = 0;

      for (guint i = 0; i < fixture->n; i++)
        {
          g_autofree char *organisation = g_strdup_printf ("Organisation %u", i % 17);
          g_autofree char *number = g_strdup_printf ("%u", i);

          expected += g_str_has_prefix (fixture->projects[i].title_th, "ไก่") &&
                      (strchr (number, '7') != NULL || strchr (organisation, '7') != NULL);
        }
      nawat_project_list_set_search (list, "ไก่ ลำดับ 7");
      settle (list);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
    }
  }

  /* Latin, case-insensitive, with a region. */
  {
    guint expected = 0;

    for (guint i = 0; i < fixture->n; i++)
      expected += i % 4 == 0 && g_strcmp0 (fixture->projects[i].region, "south") == 0;
    nawat_project_list_set_search (list, "RIVER");
    nawat_project_list_set_region (list, "south");
    settle (list);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected);
  }

  nawat_project_list_set_search (list, "");
  nawat_project_list_set_region (list, NULL);
  settle (list);
  g_assert_null (nawat_project_list_get_search (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n);
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  g_autoptr(GPtrArray) rows = NULL;
  int first_kai = G_MAXINT, last_kai = -1, first_khao = G_MAXINT;

  /* By code. */
  rows = dup_rows (list);
  g_assert_cmpuint (rows->len, ==, fixture->n);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *code = g_strdup_printf ("p%04u", i);

      g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, i)), ==, code);
      g_assert_cmpstr (nawat_project_row_get_id (g_ptr_array_index (rows, i)) + strlen ("project:c1:"),
                       ==, code);
    }
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By Thai title: ไก่ (ก) before ขาว (ข) before เกษตร?  No: เกษตร sorts by
   * its consonant ก, so it comes with the ก words, before ขาว.
   */
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_TITLE);
  nawat_project_list_set_language (list, "th");
  settle (list);
  rows = dup_rows (list);
  g_assert_cmpuint (rows->len, ==, fixture->n);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = nawat_project_row_get_title_th (g_ptr_array_index (rows, i));

      if (g_str_has_prefix (title, "ไก่") || g_str_has_prefix (title, "เกษตร") ||
          g_str_has_prefix (title, "กล้วย"))
        {
          first_kai = MIN (first_kai, (int) i);
          last_kai = MAX (last_kai, (int) i);
        }
      if (g_str_has_prefix (title, "ขาว"))
        first_khao = MIN (first_khao, (int) i);

      if (i > 0)
        {
          const char *prev = nawat_project_row_get_title_th (g_ptr_array_index (rows, i - 1));
          g_autofree char *a = _nawat_sort_key (prev);
          g_autofree char *b = _nawat_sort_key (title);

          g_assert_cmpint (strcmp (a, b), <=, 0);
        }
    }
  g_assert_cmpint (first_kai, ==, 0);
  g_assert_cmpint (last_kai, <, first_khao);
  /* แม่น้ำ sorts under ม, after คน and งาน. */
  g_assert_cmpint (index_of_code (rows, "p0003"), >, index_of_code (rows, "p0007"));
  g_assert_cmpint (index_of_code (rows, "p0003"), >, index_of_code (rows, "p0008"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By English title: "Project …" before "River project …". */
  nawat_project_list_set_language (list, "en");
  settle (list);
  rows = dup_rows (list);
  g_assert_true (g_str_has_prefix (nawat_project_row_get_title_en (g_ptr_array_index (rows, 0)),
                                   "Project"));
  g_assert_true (g_str_has_prefix (nawat_project_row_get_title_en (g_ptr_array_index (rows, rows->len - 1)),
                                   "River"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* By composite, best first, the unscored last (by code). */
  {
    g_autoptr(NawatEvaluation) low = make_evaluation ("p0200", "somchai", 0);
    g_autoptr(NawatEvaluation) high = make_evaluation ("p0100", "somchai", 4);
    g_autoptr(NawatEvaluation) mid = make_evaluation ("p0150", "somchai", 2);
    g_autoptr(NawatEvaluation) draft = make_evaluation ("p0001", "somchai", -1);

    save (fixture, low);
    save (fixture, high);
    save (fixture, mid);
    save (fixture, draft);
    nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_COMPOSITE);
    settle (list);
    rows = dup_rows (list);
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 0)), ==, "p0100");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 1)), ==, "p0150");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 2)), ==, "p0200");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 3)), ==, "p0000");
    g_assert_cmpfloat (nawat_project_row_get_composite (g_ptr_array_index (rows, 0)), >,
                       nawat_project_row_get_composite (g_ptr_array_index (rows, 1)));
    g_assert_cmpfloat (nawat_project_row_get_composite (g_ptr_array_index (rows, 2)), >=, 0);
    g_assert_cmpfloat (nawat_project_row_get_composite (g_ptr_array_index (rows, 3)), <, 0);
    g_clear_pointer (&rows, g_ptr_array_unref);

    /* By status: not started, draft, submitted, conflict. */
    nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_STATUS);
    settle (list);
    rows = dup_rows (list);
    for (guint i = 1; i < rows->len; i++)
      g_assert_cmpint (nawat_project_row_get_status (g_ptr_array_index (rows, i - 1)), <=,
                       nawat_project_row_get_status (g_ptr_array_index (rows, i)));
    g_assert_cmpint (nawat_project_row_get_status (g_ptr_array_index (rows, rows->len - 1)), ==,
                     NAWAT_PROJECT_STATUS_DRAFT);
    g_assert_cmpint (nawat_project_row_get_status (g_ptr_array_index (rows, 0)), ==,
                     NAWAT_PROJECT_STATUS_NOT_STARTED);
  }
}

static void
test_placeholders (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = nawat_project_list_new (fixture->store, "c1", "somchai");
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(NawatProjectRow) row = NULL;
  g_autoptr(NawatProjectRow) same = NULL;
  g_autoptr(NawatProjectRow) first = NULL;
  guint notified = 0;

  /* Nothing is known before the count arrives. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (nawat_project_list_get_loading (list));
  g_assert_null (g_list_model_get_item (model, 0));
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, fixture->n);

  /* The first page arrives with the count: filled at once, nothing read. */
  first = g_list_model_get_item (model, 0);
  g_assert_false (nawat_project_row_get_loading (first));
  g_assert_cmpstr (nawat_project_row_get_code (first), ==, "p0000");
  g_assert_false (nawat_project_list_get_loading (list));

  row = g_list_model_get_item (model, 123);
  g_assert_nonnull (row);
  g_assert_true (nawat_project_row_get_loading (row));
  g_assert_null (nawat_project_row_get_code (row));
  g_assert_true (nawat_project_list_get_loading (list));
  g_signal_connect_swapped (row, "notify::code", G_CALLBACK (count_cb), &notified);

  /* The same placeholder while the page is read. */
  same = g_list_model_get_item (model, 123);
  g_assert_true (row == same);

  settle (list);
  g_assert_false (nawat_project_row_get_loading (row));
  g_assert_cmpstr (nawat_project_row_get_code (row), ==, "p0123");
  g_assert_cmpstr (nawat_project_row_get_title_th (row), ==, fixture->projects[123].title_th);
  g_assert_cmpstr (nawat_project_row_get_province (row), ==, fixture->projects[123].province);
  g_assert_cmpstr (nawat_project_row_get_primary_domain (row), ==, fixture->projects[123].domains[0]);
  g_assert_cmpint (nawat_project_row_get_status (row), ==, NAWAT_PROJECT_STATUS_NOT_STARTED);
  g_assert_cmpfloat (nawat_project_row_get_composite (row), <, 0);
  g_assert_cmpuint (notified, ==, 1);

  g_clear_object (&same);
  same = g_list_model_get_item (model, 123);
  g_assert_true (row == same);
  g_assert_null (g_list_model_get_item (model, fixture->n));
}

static void
test_bounded_cache (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = NULL;
  GListModel *model;
  guint alive_before = _nawat_project_row_get_n_alive ();
  guint max_alive = 0;
  guint n;

  list = new_list (fixture, "somchai");
  model = G_LIST_MODEL (list);
  n = g_list_model_get_n_items (model);
  g_assert_cmpuint (n, ==, fixture->n);
  /* No row object exists before one is asked for. */
  g_assert_cmpuint (_nawat_project_row_get_n_alive (), ==, alive_before);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(NawatProjectRow) row = g_list_model_get_item (model, i);
      g_autofree char *code = NULL;

      if (i % NAWAT_PROJECT_LIST_PAGE_SIZE == NAWAT_PROJECT_LIST_PAGE_SIZE - 1)
        {
          settle (list);
          code = g_strdup_printf ("p%04u", i);
          g_assert_cmpstr (nawat_project_row_get_code (row), ==, code);
        }
      max_alive = MAX (max_alive, _nawat_project_row_get_n_alive () - alive_before);
    }

  g_test_message ("%u rows, at most %u row objects alive", n, max_alive);
  g_assert_cmpuint (max_alive, >, 0);
  g_assert_cmpuint (max_alive, <=, 40 * NAWAT_PROJECT_LIST_PAGE_SIZE);
  g_assert_cmpuint (max_alive, <, n);

  /* The first page was evicted: its rows are read again. */
  {
    g_autoptr(NawatProjectRow) first = g_list_model_get_item (model, 0);

    g_assert_true (nawat_project_row_get_loading (first));
    settle (list);
    g_assert_cmpstr (nawat_project_row_get_code (first), ==, "p0000");
  }

  g_clear_object (&list);
  g_assert_cmpuint (_nawat_project_row_get_n_alive (), ==, alive_before);
}

/* A search lists its first 1,000 matches and says that there are more. */
static void
test_search_limit (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  g_autoptr(GPtrArray) rows = NULL;
  guint n_community = 0;

  g_assert_false (nawat_project_list_get_truncated (list));

  /* Every title has "ลำดับ": more matches than the list holds. */
  nawat_project_list_set_search (list, "ลำดับ");
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    NAWAT_PROJECT_LIST_SEARCH_LIMIT);
  g_assert_true (nawat_project_list_get_truncated (list));

  /* They are still in the list's order. */
  rows = dup_rows (list);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, i - 1)), <,
                     nawat_project_row_get_code (g_ptr_array_index (rows, i)));

  /* A narrower search is complete again. */
  for (guint i = 0; i < fixture->n; i++)
    if (strstr (fixture->projects[i].title_th, "ชุมชน") != NULL)
      n_community++;
  g_assert_cmpuint (n_community, >, 0);
  g_assert_cmpuint (n_community, <, NAWAT_PROJECT_LIST_SEARCH_LIMIT);

  nawat_project_list_set_search (list, "ชุมชน");
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n_community);
  g_assert_false (nawat_project_list_get_truncated (list));

  /* So is a short query with many matches, which stops at the limit too. */
  nawat_project_list_set_search (list, "ลำ");
  settle (list);
  g_assert_true (nawat_project_list_get_truncated (list));
  nawat_project_list_set_search (list, NULL);
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, fixture->n);
  g_assert_false (nawat_project_list_get_truncated (list));
}

static void
test_items_changed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n = fixture->n;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  /* Sorted by code: a new draft changes its row in place. */
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0042", "somchai", -1);
    g_autoptr(NawatProjectRow) row = g_list_model_get_item (model, 42);

    settle (list);
    g_assert_cmpint (nawat_project_row_get_status (row), ==, NAWAT_PROJECT_STATUS_NOT_STARTED);
    save (fixture, evaluation);
    settle (list);
    g_assert_cmpuint (changes->len, ==, 1);
    assert_change (changes, 0, 42, 1, 1);
    g_assert_cmpint (nawat_project_row_get_status (row), ==, NAWAT_PROJECT_STATUS_DRAFT);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  }

  /* Filtered to "not started": a project that gets a draft leaves. */
  nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_NOT_STARTED);
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 1);
  g_array_set_size (changes, 0);
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0100", "somchai", -1);

    save (fixture, evaluation);
    settle (list);
    g_assert_cmpuint (changes->len, ==, 1);
    /* p0042 is not in the list, so p0100 was at 99. */
    assert_change (changes, 0, 99, 1, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n - 2);
  }

  /* Filtered to drafts: submitting p0042 makes it leave, position 0. */
  nawat_project_list_set_status (list, NAWAT_PROJECT_STATUS_DRAFT);
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_array_set_size (changes, 0);
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0042", "somchai", 4);

    nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
    save (fixture, evaluation);
    settle (list);
    g_assert_cmpuint (changes->len, ==, 1);
    assert_change (changes, 0, 0, 1, 0);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  }

  /* A project enters the filter at its place. */
  g_array_set_size (changes, 0);
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0050", "somchai", -1);

    save (fixture, evaluation);
    settle (list);
    g_assert_cmpuint (changes->len, ==, 1);
    assert_change (changes, 0, 0, 0, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  }

  /* Sorted by status: declaring a conflict moves p0007 to the end. */
  nawat_project_list_set_status (list, -1);
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_STATUS);
  settle (list);
  g_array_set_size (changes, 0);
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0007", "somchai", -1);
    g_autoptr(GPtrArray) rows = NULL;

    nawat_evaluation_set_conflict (evaluation, TRUE, "เป็นที่ปรึกษาโครงการ");
    save (fixture, evaluation);
    settle (list);
    g_assert_cmpuint (changes->len, ==, 2);
    assert_change (changes, 0, 7, 1, 0);
    assert_change (changes, 1, n - 1, 0, 1);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

    rows = dup_rows (list);
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, n - 1)), ==, "p0007");
    g_assert_cmpint (nawat_project_row_get_status (g_ptr_array_index (rows, n - 1)), ==,
                     NAWAT_PROJECT_STATUS_CONFLICT);
    /* p0050 and p0100 are drafts, p0042 submitted, before the conflict. */
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, n - 2)), ==, "p0042");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, n - 3)), ==, "p0100");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, n - 4)), ==, "p0050");
  }

  /* Sorted by composite: a complete evaluation moves up. */
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_COMPOSITE);
  settle (list);
  g_array_set_size (changes, 0);
  {
    g_autoptr(NawatEvaluation) evaluation = make_evaluation ("p0005", "somchai", 0);
    g_autoptr(GPtrArray) rows = NULL;

    save (fixture, evaluation);
    settle (list);
    /* Before: p0042 (scored) then the rest by code, so p0005 was at 6. */
    g_assert_cmpuint (changes->len, ==, 2);
    assert_change (changes, 0, 6, 1, 0);
    assert_change (changes, 1, 1, 0, 1);

    rows = dup_rows (list);
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 0)), ==, "p0042");
    g_assert_cmpstr (nawat_project_row_get_code (g_ptr_array_index (rows, 1)), ==, "p0005");
  }

  /* An import resets the whole list. */
  g_array_set_size (changes, 0);
  {
    const char *doc =
      "[{\"_id\": \"project:c1:a-new\", \"type\": \"project\", \"schema\": 1,"
      " \"call\": \"c1\", \"code\": \"a-new\", \"title\": {\"en\": \"New\"},"
      " \"organisation\": \"Org\", \"province\": \"TH-10\", \"domains\": [\"health\"]}]";
    const guint kept = 5 * NAWAT_PROJECT_LIST_PAGE_SIZE;
    g_autoptr(NawatProjectRow) first = g_list_model_get_item (model, 0);
    g_autoptr(NawatProjectRow) first_after = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpstr (nawat_project_row_get_code (first), ==, "p0042");
    g_assert_true (nawat_store_import_data (fixture->store, doc, strlen (doc), NULL, NULL, &error));
    g_assert_no_error (error);
    settle (list);
    /* Said as the first rows replaced in place, which a list view keeps
     * the widgets of, then the others removed, then added.
     */
    g_assert_cmpuint (n, >, kept);
    g_assert_cmpuint (changes->len, ==, 3);
    assert_change (changes, 0, 0, kept, kept);
    assert_change (changes, 1, kept, n - kept, 0);
    assert_change (changes, 2, kept, 0, n + 1 - kept);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);

    /* The first row is the same object, filled with the new first project. */
    first_after = g_list_model_get_item (model, 0);
    g_assert_true (first_after == first);
    g_assert_false (nawat_project_row_get_loading (first_after));
    g_assert_cmpstr (nawat_project_row_get_code (first_after), ==, "p0042");
  }
}

/* Mirrors a list through its items-changed signals alone. */
static void
on_mirror_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GPtrArray  *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->len);
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position, NULL);
}

static void
assert_mirror (NawatProjectList *list,
               GPtrArray        *mirror,
               Fixture          *fixture)
{
  g_autoptr(NawatProjectList) fresh = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GListModel *model = G_LIST_MODEL (list);

  g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (model));

  /* Fill what the signals said was new. */
  for (guint i = 0; i < mirror->len; i++)
    if (g_ptr_array_index (mirror, i) == NULL)
      {
        g_autoptr(NawatProjectRow) row = g_list_model_get_item (model, i);

        settle (list);
        g_assert_false (nawat_project_row_get_loading (row));
        g_ptr_array_index (mirror, i) = g_strdup (nawat_project_row_get_code (row));
      }

  /* The mirror is what a list made now shows. */
  fresh = nawat_project_list_new (fixture->store, nawat_project_list_get_call_id (list),
                                  nawat_project_list_get_evaluator (list));
  nawat_project_list_set_sort (fresh, nawat_project_list_get_sort (list));
  nawat_project_list_set_status (fresh, nawat_project_list_get_status (list));
  settle (fresh);
  rows = dup_rows (fresh);
  g_assert_cmpuint (rows->len, ==, mirror->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index (mirror, i), ==,
                     nawat_project_row_get_code (g_ptr_array_index (rows, i)));
}

static void
test_burst (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = new_list (fixture, "somchai");
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_free);
  const NawatProjectSort sorts[] = { NAWAT_PROJECT_SORT_STATUS, NAWAT_PROJECT_SORT_COMPOSITE,
                                     NAWAT_PROJECT_SORT_CODE };
  const int statuses[] = { -1, NAWAT_PROJECT_STATUS_DRAFT, -1 };
  guint round = 0;

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      gulong handler;

      g_test_message ("sort %d, status %d", sorts[s], statuses[s]);
      nawat_project_list_set_sort (list, sorts[s]);
      nawat_project_list_set_status (list, statuses[s]);
      settle (list);

      /* Start from what the list shows. */
      g_ptr_array_set_size (mirror, 0);
      rows = dup_rows (list);
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (mirror, g_strdup (nawat_project_row_get_code (g_ptr_array_index (rows, i))));
      handler = g_signal_connect (list, "items-changed", G_CALLBACK (on_mirror_changed_cb), mirror);

      /* Saves in a burst, some of the same project, before the list sees any. */
      for (guint k = 0; k < 8; k++, round++)
        {
          g_autofree char *code = g_strdup_printf ("p%04u", (round * 37) % 20);
          g_autoptr(NawatEvaluation) evaluation =
            make_evaluation (code, "somchai", (int) (round % 6) - 1);

          if (round % 7 == 3)
            nawat_evaluation_set_conflict (evaluation, TRUE, "ญาติ");
          save (fixture, evaluation);
          if (k == 4)
            {
              /* A change of filter in the middle of the burst. */
              nawat_project_list_set_status (list, -1);
              nawat_project_list_set_status (list, statuses[s]);
            }
        }

      settle (list);
      assert_mirror (list, mirror, fixture);
      g_signal_handler_disconnect (list, handler);
    }
}

/* Project @code of call c3, titled @title and assigned to @assigned
 * (a JSON array).
 */
static char *
assigned_project_json (const char *code,
                       const char *title,
                       const char *assigned)
{
  Generated p = { (char *) code, (char *) title, "TH-55", "north", { "environment", NULL } };
  g_autofree char *json = project_json ("c3", &p, 1);

  g_assert_true (g_str_has_suffix (json, "}"));
  json[strlen (json) - 1] = '\0';
  return g_strdup_printf ("%s,\"assigned\":%s}", json, assigned);
}

/* Stores call c3, which names its evaluators and assigns each project to
 * some of them, with the projects given as (code, title, assigned).
 */
static void
import_assigned (Fixture            *fixture,
                 const char * const *projects)
{
  g_autoptr(GString) data =
    g_string_new ("[{\"_id\": \"call:c3\", \"type\": \"call\", \"schema\": 1,"
                  " \"title\": {\"en\": \"C\"}, \"evaluators\": [\"somchai\", \"malee\"]}");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  guint n_imported = 0;

  for (guint i = 0; projects[i] != NULL; i += 3)
    {
      g_autofree char *json = assigned_project_json (projects[i], projects[i + 1], projects[i + 2]);

      g_string_append_printf (data, ",\n%s", json);
    }
  g_string_append (data, "]");

  g_assert_true (nawat_store_import_data (fixture->store, data->str, data->len,
                                          &n_imported, &problems, &error));
  g_assert_no_error (error);
}

static char *
dup_codes (NawatProjectList *list)
{
  g_autoptr(GPtrArray) rows = dup_rows (list);
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (codes, "%s%s", i > 0 ? " " : "",
                            nawat_project_row_get_code (g_ptr_array_index (rows, i)));
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
test_assigned (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(NawatProjectList) list = NULL;
  g_autoptr(NawatProjectList) stranger = NULL;
  g_autoptr(NawatProjectList) open_call = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autofree char *codes = NULL;
  const char * const projects[] = {
    "a1", "ป่าชุมชน", "[\"somchai\", \"malee\"]",
    "a2", "ป่าชายเลน", "[\"malee\"]",
    "a3", "ป่าต้นน้ำ", "[\"somchai\", \"ananda\"]",
    "a4", "โรงเรียน", "[\"somchai\"]",
    NULL
  };
  const char * const reassigned[] = { "a2", "ป่าชายเลน", "[\"malee\", \"somchai\"]", NULL };

  import_assigned (fixture, projects);

  /* Every project of the call until told otherwise. */
  list = nawat_project_list_new (fixture->store, "c3", "somchai");
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpuint (nawat_project_list_get_n_assigned (list), ==, 3);
  g_assert_cmpuint (nawat_project_list_get_n_submitted (list), ==, 0);

  nawat_project_list_set_assigned_only (list, TRUE);
  settle (list);
  codes = dup_codes (list);
  g_assert_cmpstr (codes, ==, "a1 a3 a4");
  g_clear_pointer (&codes, g_free);

  /* With a search and a sort, still only theirs. */
  nawat_project_list_set_search (list, "ป่า");
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_TITLE);
  settle (list);
  codes = dup_codes (list);
  g_assert_cmpstr (codes, ==, "a1 a3");
  g_clear_pointer (&codes, g_free);
  nawat_project_list_set_search (list, NULL);
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_STATUS);
  settle (list);

  /* A submission is counted, from the store's change alone. */
  evaluation = make_call_evaluation ("c3", "a3", "somchai", 2);
  nawat_evaluation_set_status (evaluation, NAWAT_EVALUATION_SUBMITTED);
  save (fixture, evaluation);
  settle (list);
  g_assert_cmpuint (nawat_project_list_get_n_assigned (list), ==, 3);
  g_assert_cmpuint (nawat_project_list_get_n_submitted (list), ==, 1);
  codes = dup_codes (list);
  g_assert_cmpstr (codes, ==, "a1 a4 a3");
  g_clear_pointer (&codes, g_free);

  /* A reassignment moves a project into the list. */
  import_assigned (fixture, reassigned);
  nawat_project_list_set_sort (list, NAWAT_PROJECT_SORT_CODE);
  settle (list);
  codes = dup_codes (list);
  g_assert_cmpstr (codes, ==, "a1 a2 a3 a4");
  g_clear_pointer (&codes, g_free);
  g_assert_cmpuint (nawat_project_list_get_n_assigned (list), ==, 4);

  nawat_project_list_set_assigned_only (list, FALSE);
  settle (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);

  /* Assigned a project, but not one of the call's evaluators: none. */
  stranger = nawat_project_list_new (fixture->store, "c3", "ananda");
  nawat_project_list_set_assigned_only (stranger, TRUE);
  settle (stranger);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (stranger)), ==, 0);
  g_assert_cmpuint (nawat_project_list_get_n_assigned (stranger), ==, 0);

  /* A call that assigns nothing: every project is the evaluator's. */
  open_call = nawat_project_list_new (fixture->store, "c1", "somchai");
  nawat_project_list_set_assigned_only (open_call, TRUE);
  settle (open_call);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (open_call)), ==, fixture->n);
  g_assert_cmpuint (nawat_project_list_get_n_assigned (open_call), ==, fixture->n);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/project-list/filters", Fixture, NULL,
              fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/nawat/project-list/search", Fixture, NULL,
              fixture_setup, test_search, fixture_teardown);
  g_test_add ("/nawat/project-list/sort", Fixture, NULL,
              fixture_setup, test_sort, fixture_teardown);
  g_test_add ("/nawat/project-list/placeholders", Fixture, NULL,
              fixture_setup, test_placeholders, fixture_teardown);
  g_test_add ("/nawat/project-list/bounded-cache", Fixture, GUINT_TO_POINTER (2600),
              fixture_setup, test_bounded_cache, fixture_teardown);
  g_test_add ("/nawat/project-list/search-limit", Fixture, GUINT_TO_POINTER (2600),
              fixture_setup, test_search_limit, fixture_teardown);
  g_test_add ("/nawat/project-list/items-changed", Fixture, NULL,
              fixture_setup, test_items_changed, fixture_teardown);

  g_test_add ("/nawat/project-list/assigned", Fixture, NULL,
              fixture_setup, test_assigned, fixture_teardown);
  g_test_add ("/nawat/project-list/burst", Fixture, NULL,
              fixture_setup, test_burst, fixture_teardown);

  return g_test_run ();
}
