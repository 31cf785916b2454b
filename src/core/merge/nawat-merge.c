/* nawat-merge.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-merge.h"

#include "nawat-evaluation-fields.h"
#include "nawat-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#define SCORES_PREFIX   "scores."
#define COMMENTS_PREFIX "comments."

/* The members of an evaluation and how each merges come from
 * nawat-evaluation-fields.c: the typed ones that merge as a whole are read
 * and written through their own accessors here, the scores and comments
 * merge key by key, and every other member (the codec keeps what it does
 * not read itself) as JSON.  test-merge.c checks that every member the
 * codec writes is merged or names the evaluation, so that none can be lost
 * on a 409 (the result starts as theirs).
 */

/* "scores.<key>" or "comments.<key>": a key of a member merged key by
 * key.
 */
static gboolean
is_per_key_field (const char *field)
{
  const NawatEvaluationField *members;
  guint n;

  members = nawat_evaluation_fields_get (&n);
  for (guint i = 0; i < n; i++)
    {
      gsize length = strlen (members[i].name);

      if (members[i].merge == NAWAT_FIELD_MERGE_PER_KEY
          && strncmp (field, members[i].name, length) == 0 && field[length] == '.')
        return TRUE;
    }
  return FALSE;
}

/* A member merged as JSON: not a score or a comment, not one the
 * evaluation holds in a property or that names it, and not reserved
 * (CouchDB's "_" members).
 */
static gboolean
is_json_field (const char *field)
{
  const NawatEvaluationField *member;

  if (field[0] == '\0' || field[0] == '_' || is_per_key_field (field))
    return FALSE;
  member = nawat_evaluation_fields_lookup (field);
  return member == NULL || (!member->typed && member->merge == NAWAT_FIELD_MERGE_WHOLE);
}

void
nawat_merge_conflict_free (NawatMergeConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_free (conflict->field);
  g_free (conflict->base_json);
  g_free (conflict->mine_json);
  g_free (conflict->theirs_json);
  g_free (conflict);
}

static void
add_keys (GHashTable *set,
          const char *prefix,
          GStrv       keys)
{
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    g_hash_table_add (set, g_strconcat (prefix, keys[i], NULL));
}

static void
add_fields_of (GHashTable      *set,
               NawatEvaluation *evaluation)
{
  g_auto(GStrv) scores = NULL;
  g_auto(GStrv) comments = NULL;
  JsonObject *extra;

  if (evaluation == NULL)
    return;
  scores = nawat_evaluation_dup_score_keys (evaluation);
  comments = nawat_evaluation_dup_comment_keys (evaluation);
  add_keys (set, SCORES_PREFIX, scores);
  add_keys (set, COMMENTS_PREFIX, comments);

  extra = nawat_document_get_extra (NAWAT_DOCUMENT (evaluation));
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, NULL))
        if (is_json_field (name))
          g_hash_table_add (set, g_strdup (name));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GStrv
collect_fields (NawatEvaluation *a,
                NawatEvaluation *b,
                NawatEvaluation *c)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  const NawatEvaluationField *members;
  guint n_members;
  GHashTableIter iter;
  gpointer key;

  add_fields_of (set, a);
  add_fields_of (set, b);
  add_fields_of (set, c);
  members = nawat_evaluation_fields_get (&n_members);
  for (guint i = 0; i < n_members; i++)
    if (members[i].merge == NAWAT_FIELD_MERGE_WHOLE)
      g_hash_table_add (set, g_strdup (members[i].name));

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (fields, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (fields, compare_strings);
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

GStrv
nawat_merge_dup_fields (NawatEvaluation *a,
                        NawatEvaluation *b)
{
  return collect_fields (a, b, NULL);
}

static char *
node_to_json (JsonNode *node)
{
  char *json = nawat_json_to_string (node, FALSE, NULL);

  json_node_unref (node);
  return json;
}

static char *
string_json (const char *str)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, str != NULL ? str : "");
  return node_to_json (node);
}

char *
nawat_merge_dup_field_json (NawatEvaluation *evaluation,
                            const char      *field)
{
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_has_prefix (field, SCORES_PREFIX))
    {
      double value;

      if (!nawat_evaluation_get_score (evaluation, field + strlen (SCORES_PREFIX), &value))
        return g_strdup ("null");
      if (value == floor (value) && fabs (value) < 1e15)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
      else
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
        }
    }
  if (g_str_has_prefix (field, COMMENTS_PREFIX))
    return string_json (nawat_evaluation_get_comment (evaluation,
                                                      field + strlen (COMMENTS_PREFIX)));
  if (g_str_equal (field, "overall_comment"))
    return string_json (nawat_evaluation_get_overall_comment (evaluation));
  if (g_str_equal (field, "recommendation"))
    {
      const char *str = nawat_recommendation_to_string (nawat_evaluation_get_recommendation (evaluation));

      return str != NULL ? string_json (str) : g_strdup ("null");
    }
  if (g_str_equal (field, "status"))
    return string_json (nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  if (g_str_equal (field, "reopened"))
    {
      g_autoptr(JsonBuilder) builder = NULL;

      if (nawat_evaluation_get_reopened_by (evaluation) == NULL)
        return g_strdup ("null");

      builder = json_builder_new ();
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "by");
      json_builder_add_string_value (builder, nawat_evaluation_get_reopened_by (evaluation));
      json_builder_set_member_name (builder, "at");
      json_builder_add_string_value (builder, nawat_evaluation_get_reopened_at (evaluation));
      json_builder_end_object (builder);
      return node_to_json (json_builder_get_root (builder));
    }
  if (g_str_equal (field, "conflict_of_interest"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "declared");
      json_builder_add_boolean_value (builder, nawat_evaluation_get_conflict_declared (evaluation));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, nawat_evaluation_get_conflict_note (evaluation) != NULL
                                              ? nawat_evaluation_get_conflict_note (evaluation) : "");
      if (nawat_evaluation_get_conflict_type (evaluation) != NAWAT_CONFLICT_TYPE_NONE)
        {
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, nawat_conflict_type_to_string (
                                                    nawat_evaluation_get_conflict_type (evaluation)));
        }
      json_builder_end_object (builder);
      return node_to_json (json_builder_get_root (builder));
    }
  if (is_json_field (field))
    {
      JsonObject *extra = nawat_document_get_extra (NAWAT_DOCUMENT (evaluation));
      JsonNode *node = extra != NULL ? json_object_get_member (extra, field) : NULL;

      return node != NULL ? nawat_json_to_string (node, FALSE, NULL) : g_strdup ("null");
    }
  return NULL;
}

static gboolean
invalid_value (const char  *field,
               GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Invalid value for “%s”"), field);
  return FALSE;
}

static const char *
node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
nawat_merge_set_field_json (NawatEvaluation  *evaluation,
                            const char       *field,
                            const char       *json,
                            GError          **error)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  node = json != NULL ? json_from_string (json, NULL) : NULL;
  if (node == NULL)
    return invalid_value (field, error);

  if (g_str_has_prefix (field, SCORES_PREFIX) && field[strlen (SCORES_PREFIX)] != '\0')
    {
      const char *key = field + strlen (SCORES_PREFIX);

      if (JSON_NODE_HOLDS_NULL (node))
        nawat_evaluation_clear_score (evaluation, key);
      else if (JSON_NODE_HOLDS_VALUE (node)
               && (json_node_get_value_type (node) == G_TYPE_INT64
                   || json_node_get_value_type (node) == G_TYPE_DOUBLE))
        nawat_evaluation_set_score (evaluation, key, json_node_get_double (node));
      else
        return invalid_value (field, error);
    }
  else if (g_str_has_prefix (field, COMMENTS_PREFIX) && field[strlen (COMMENTS_PREFIX)] != '\0')
    {
      if (node_string (node) == NULL)
        return invalid_value (field, error);
      nawat_evaluation_set_comment (evaluation, field + strlen (COMMENTS_PREFIX),
                                    node_string (node));
    }
  else if (g_str_equal (field, "overall_comment"))
    {
      if (node_string (node) == NULL)
        return invalid_value (field, error);
      nawat_evaluation_set_overall_comment (evaluation, node_string (node));
    }
  else if (g_str_equal (field, "recommendation"))
    {
      NawatRecommendation recommendation;

      if (!JSON_NODE_HOLDS_NULL (node) && node_string (node) == NULL)
        return invalid_value (field, error);
      if (!nawat_recommendation_from_string (node_string (node), &recommendation))
        return invalid_value (field, error);
      nawat_evaluation_set_recommendation (evaluation, recommendation);
    }
  else if (g_str_equal (field, "status"))
    {
      NawatEvaluationStatus status;

      if (node_string (node) == NULL
          || !nawat_evaluation_status_from_string (node_string (node), &status))
        return invalid_value (field, error);
      nawat_evaluation_set_status (evaluation, status);
    }
  else if (g_str_equal (field, "conflict_of_interest"))
    {
      JsonObject *object;
      JsonNode *declared;
      NawatConflictType type = NAWAT_CONFLICT_TYPE_NONE;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_value (field, error);
      object = json_node_get_object (node);
      declared = json_object_get_member (object, "declared");
      if (declared == NULL || !JSON_NODE_HOLDS_VALUE (declared)
          || json_node_get_value_type (declared) != G_TYPE_BOOLEAN)
        return invalid_value (field, error);
      if (!nawat_conflict_type_from_string (node_string (json_object_get_member (object, "type")),
                                            &type))
        return invalid_value (field, error);
      nawat_evaluation_set_conflict (evaluation, json_node_get_boolean (declared),
                                     node_string (json_object_get_member (object, "note")));
      nawat_evaluation_set_conflict_type (evaluation, type);
    }
  else if (g_str_equal (field, "reopened"))
    {
      const char *by = NULL;
      const char *at = NULL;

      if (!JSON_NODE_HOLDS_NULL (node))
        {
          if (!JSON_NODE_HOLDS_OBJECT (node))
            return invalid_value (field, error);
          by = node_string (json_object_get_member (json_node_get_object (node), "by"));
          at = node_string (json_object_get_member (json_node_get_object (node), "at"));
          if (by == NULL || at == NULL)
            return invalid_value (field, error);
        }
      nawat_evaluation_set_reopened (evaluation, by, at);
    }
  else if (is_json_field (field))
    {
      JsonObject *old = nawat_document_get_extra (NAWAT_DOCUMENT (evaluation));
      g_autoptr(JsonObject) extra = json_object_new ();

      /* A new object: the old one may be shared with a copy. */
      if (old != NULL)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, old);
          while (json_object_iter_next_ordered (&iter, &name, &member))
            json_object_set_member (extra, name, json_node_copy (member));
        }

      /* null and absent are the same here, as for the known members. */
      if (JSON_NODE_HOLDS_NULL (node))
        json_object_remove_member (extra, field);
      else
        json_object_set_member (extra, field, g_steal_pointer (&node));
      nawat_document_set_extra (NAWAT_DOCUMENT (evaluation), extra);
    }
  else
    {
      return invalid_value (field, error);
    }
  return TRUE;
}

NawatEvaluation *
nawat_merge_evaluations (NawatEvaluation *base,
                         NawatEvaluation *mine,
                         NawatEvaluation *theirs,
                         GPtrArray       *conflicts)
{
  g_autoptr(NawatEvaluation) result = NULL;
  g_auto(GStrv) fields = NULL;
  gboolean took_mine = FALSE;

  g_return_val_if_fail (base == NULL || NAWAT_IS_EVALUATION (base), NULL);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (mine), NULL);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (theirs), NULL);
  g_return_val_if_fail (conflicts != NULL, NULL);

  result = nawat_evaluation_copy (theirs);
  fields = collect_fields (base, mine, theirs);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      const char *field = fields[i];
      g_autofree char *b = base != NULL ? nawat_merge_dup_field_json (base, field) : NULL;
      g_autofree char *m = nawat_merge_dup_field_json (mine, field);
      g_autofree char *t = nawat_merge_dup_field_json (theirs, field);

      if (g_strcmp0 (m, t) == 0 || g_strcmp0 (m, b) == 0)
        continue;

      /* Mine changed it; theirs did not (or there is no base). */
      if (!nawat_merge_set_field_json (result, field, m, NULL))
        g_assert_not_reached ();
      took_mine = TRUE;

      if (g_strcmp0 (t, b) != 0)
        {
          NawatMergeConflict *conflict = g_new0 (NawatMergeConflict, 1);

          conflict->field = g_strdup (field);
          conflict->base_json = g_steal_pointer (&b);
          conflict->mine_json = g_steal_pointer (&m);
          conflict->theirs_json = g_steal_pointer (&t);
          g_ptr_array_add (conflicts, conflict);
        }
    }

  if (took_mine
      && g_strcmp0 (nawat_evaluation_get_updated (mine),
                    nawat_evaluation_get_updated (theirs)) > 0)
    nawat_evaluation_set_updated (result, nawat_evaluation_get_updated (mine));

  return g_steal_pointer (&result);
}
