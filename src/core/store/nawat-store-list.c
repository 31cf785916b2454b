/* nawat-store-list.c: the filters and the order of the lazy project list in SQL
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-project-list-private.h"

#include "nawat-domains.h"

#include <string.h>

/* SQL, built on the worker */

void
_nawat_project_list_params_add_string (GPtrArray  *params,
                                       const char *value)
{
  g_ptr_array_add (params, g_variant_ref_sink (value ? g_variant_new_string (value)
                                                     : g_variant_new ("ms", NULL)));
}

void
_nawat_project_list_params_add_int (GPtrArray *params,
                                    gint64     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (value)));
}

static void
params_add_double (GPtrArray *params,
                   double     value)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (value)));
}

void
_nawat_project_list_bind_params (sqlite3_stmt *stmt,
                                 GPtrArray    *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      GVariant *value = g_ptr_array_index (params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_null (stmt, i + 1);
    }
}

/* Whether the rows need the own evaluation: to filter or to order by its
 * status or its composite.
 */
gboolean
_nawat_project_list_query_uses_status (const Query *query)
{
  return query->status >= 0 ||
         query->sort == NAWAT_PROJECT_SORT_STATUS ||
         query->sort == NAWAT_PROJECT_SORT_COMPOSITE;
}

/* The call a search must check its matches against, or NULL. */
const char *
_nawat_project_list_search_call (const Query *query)
{
  if (query->only_call)
    return NULL;
  return query->call_id ? query->call_id : "";
}

/* A search alone, with no other filter: counted in the search index. */
gboolean
_nawat_project_list_query_is_search_only (const Query *query)
{
  return query->search != NULL && query->domain == NULL && query->region == NULL &&
         query->province == NULL && query->status < 0;
}

/* Appends " FROM … WHERE …" for @query to @sql; the own evaluation is
 * joined (as "e") only when @join or the status filter needs it, so that
 * counts stay on the project indexes.
 */
void
_nawat_project_list_build_from_where (const Query *query,
                                      gboolean     with_status,
                                      gboolean     join,
                                      GString     *sql,
                                      GPtrArray   *params)
{
  join = join || (with_status && query->status >= 0);

  g_string_append (sql, " FROM project_list p");
  if (join)
    {
      g_string_append (sql,
                       " LEFT JOIN evaluations e"
                       " ON e.project = p.id AND e.evaluator = ?");
      _nawat_project_list_params_add_string (params, query->evaluator);
    }
  /* With a search, SQLite must start from its (at most a thousand)
   * matches, not walk the call's index: "+" keeps it from using one.
   */
  g_string_append (sql, query->search != NULL ? " WHERE +p.call = ?" : " WHERE p.call = ?");
  _nawat_project_list_params_add_string (params, query->call_id ? query->call_id : "");

  if (query->domain != NULL)
    {
      int index = nawat_domain_index (query->domain);

      g_string_append (sql, " AND (p.domain_mask & ?) != 0");
      _nawat_project_list_params_add_int (params, index >= 0 ? G_GINT64_CONSTANT (1) << index : 0);
    }

  if (query->region != NULL)
    {
      g_string_append (sql, " AND p.region = ?");
      _nawat_project_list_params_add_string (params, query->region);
    }

  if (query->province != NULL)
    {
      g_string_append (sql, " AND p.province = ?");
      _nawat_project_list_params_add_string (params, query->province);
    }

  if (with_status && query->status >= 0)
    {
      g_string_append (sql, " AND " NAWAT_STORE_STATUS_SQL " = ?");
      _nawat_project_list_params_add_int (params, query->status);
    }

  if (query->search != NULL)
    {
      g_autoptr(GString) search = g_string_new (NULL);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      if (_nawat_store_build_search (query->search, _nawat_project_list_search_call (query),
                                     NAWAT_PROJECT_LIST_SEARCH_LIMIT, search, words))
        {
          g_string_append_printf (sql, " AND p.pk IN (%s)", search->str);
          for (guint i = 0; i < words->len; i++)
            _nawat_project_list_params_add_string (params, g_ptr_array_index (words, i));
        }
    }
}

const char *
_nawat_project_list_sort_title_column (const Query *query)
{
  return g_strcmp0 (query->lang, "en") == 0 ? "p.sort_en" : "p.sort_th";
}

/* The expressions the rows are ordered by, the code last. */
char *
_nawat_project_list_build_order_keys (const Query *query)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      return g_strdup_printf ("%s, p.code", _nawat_project_list_sort_title_column (query));

    case NAWAT_PROJECT_SORT_STATUS:
      return g_strdup (NAWAT_STORE_STATUS_SQL ", p.code");

    case NAWAT_PROJECT_SORT_COMPOSITE:
      return g_strdup ("(e.composite IS NULL), -coalesce (e.composite, 0), p.code");

    case NAWAT_PROJECT_SORT_CODE:
    default:
      return g_strdup ("p.code");
    }
}

/* The values of the order keys of one project in a given own state. */
static void
add_key_values (const Query *query,
                GPtrArray   *params,
                const char  *code,
                const char  *sort_title,
                int          status,
                gboolean     has_composite,
                double       composite)
{
  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      _nawat_project_list_params_add_string (params, sort_title ? sort_title : "");
      break;

    case NAWAT_PROJECT_SORT_STATUS:
      _nawat_project_list_params_add_int (params, status);
      break;

    case NAWAT_PROJECT_SORT_COMPOSITE:
      _nawat_project_list_params_add_int (params, has_composite ? 0 : 1);
      params_add_double (params, has_composite ? -composite : 0);
      break;

    case NAWAT_PROJECT_SORT_CODE:
    default:
      break;
    }

  _nawat_project_list_params_add_string (params, code);
}

gboolean
_nawat_project_list_query_is_filtered (const Query *query)
{
  return query->domain != NULL || query->region != NULL || query->province != NULL ||
         query->status >= 0 || query->search != NULL;
}

gboolean
_nawat_project_list_status_matches (const Query *query,
                                    int          status)
{
  return query->status < 0 || query->status == status;
}

void
_nawat_project_list_key_to_params (const Query *query,
                                   const Key   *key,
                                   GPtrArray   *params)
{
  add_key_values (query, params, key->code, key->sort_title, key->state.status,
                  key->state.has_composite, key->state.composite);
}

int
_nawat_project_list_key_compare (const Query *query,
                                 const Key   *a,
                                 const Key   *b)
{
  int cmp = 0;

  switch (query->sort)
    {
    case NAWAT_PROJECT_SORT_TITLE:
      cmp = strcmp (a->sort_title ? a->sort_title : "", b->sort_title ? b->sort_title : "");
      break;

    case NAWAT_PROJECT_SORT_STATUS:
      cmp = (a->state.status > b->state.status) - (a->state.status < b->state.status);
      break;

    case NAWAT_PROJECT_SORT_COMPOSITE:
      if (a->state.has_composite != b->state.has_composite)
        cmp = a->state.has_composite ? -1 : 1;
      else if (a->state.has_composite)
        cmp = (a->state.composite < b->state.composite) - (a->state.composite > b->state.composite);
      break;

    case NAWAT_PROJECT_SORT_CODE:
    default:
      break;
    }

  return cmp != 0 ? cmp : strcmp (a->code, b->code);
}
