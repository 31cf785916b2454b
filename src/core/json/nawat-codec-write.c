/* nawat-codec-write.c: documents written as JSON
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-codec-private.h"
#include "nawat-json.h"

#include <math.h>
#include <string.h>

/* Serialising: known members in a fixed order, then the unknown ones. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_text (JsonBuilder     *builder,
          const char      *name,
          const NawatText *text)
{
  if (text == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string (builder, "th", text->th);
  add_string (builder, "en", text->en);
  json_builder_end_object (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* A whole number is written without a fraction. */
static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 9e15)
    json_builder_add_int_value (builder, (gint64) round (value));
  else
    json_builder_add_double_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  if (values == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* Members this version does not know, written back as they came. */
static void
add_extra (JsonBuilder *builder,
           JsonObject  *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_value (builder, json_node_copy (node));
    }
}

typedef void (*BuildItem) (JsonBuilder   *builder,
                           gconstpointer  item);

/* An array of an object for each of @items. */
static void
add_array (JsonBuilder *builder,
           const char  *name,
           GPtrArray   *items,
           BuildItem    build_item)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < items->len; i++)
    {
      json_builder_begin_object (builder);
      build_item (builder, g_ptr_array_index (items, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
build_call (JsonBuilder *builder,
            NawatCall   *call)
{
  g_auto(GStrv) names = nawat_call_dup_extension_names (call);
  g_auto(GStrv) profiles = nawat_call_dup_profile_names (call);

  add_text (builder, "title", nawat_call_get_title (call));
  if (nawat_call_get_year_be (call) > 0)
    add_int (builder, "year_be", nawat_call_get_year_be (call));
  add_string (builder, "rubric", nawat_call_get_rubric (call));
  add_string (builder, "theme", nawat_call_get_theme (call));
  add_string (builder, "deadline", nawat_call_get_deadline (call));
  add_strv (builder, "evaluators", nawat_call_get_evaluators (call));

  if (names[0] != NULL)
    {
      json_builder_set_member_name (builder, "extensions");
      json_builder_begin_object (builder);
      for (guint i = 0; names[i] != NULL; i++)
        add_string (builder, names[i], nawat_call_get_extension (call, names[i]));
      json_builder_end_object (builder);
    }

  if (profiles[0] != NULL)
    {
      json_builder_set_member_name (builder, "evaluator_profiles");
      json_builder_begin_object (builder);
      for (guint i = 0; profiles[i] != NULL; i++)
        {
          const NawatEvaluatorProfile *profile = nawat_call_get_profile (call, profiles[i]);

          json_builder_set_member_name (builder, profiles[i]);
          json_builder_begin_object (builder);
          add_string (builder, "display_name", profile->display_name);
          add_string (builder, "organisation", profile->organisation);
          add_strv (builder, "domains", (const char * const *) profile->domains);
          if (profile->max_load >= 0)
            add_int (builder, "max_load", profile->max_load);
          add_extra (builder, profile->extra);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
}

static void
build_level (JsonBuilder   *builder,
             gconstpointer  item)
{
  const NawatLevel *level = item;

  add_int (builder, "value", level->value);
  add_text (builder, "label", level->label);
  add_text (builder, "descriptor", level->descriptor);
}

static void
build_criterion (JsonBuilder    *builder,
                 NawatCriterion *criterion)
{
  GPtrArray *levels = nawat_criterion_get_levels (criterion);

  json_builder_begin_object (builder);
  add_string (builder, "key", nawat_criterion_get_key (criterion));
  add_text (builder, "label", nawat_criterion_get_label (criterion));
  add_int (builder, "min", nawat_criterion_get_min (criterion));
  add_int (builder, "max", nawat_criterion_get_max (criterion));
  add_number (builder, "weight", nawat_criterion_get_weight (criterion));
  add_boolean (builder, "required", nawat_criterion_get_required (criterion));

  add_array (builder, "levels", levels, build_level);
  json_builder_end_object (builder);
}

static void
build_rubric (JsonBuilder *builder,
              NawatRubric *rubric)
{
  GListModel *groups = nawat_rubric_get_groups (rubric);

  add_text (builder, "title", nawat_rubric_get_title (rubric));
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);

  for (guint g = 0; g < g_list_model_get_n_items (groups); g++)
    {
      g_autoptr(NawatRubricGroup) group = g_list_model_get_item (groups, g);
      GListModel *criteria = nawat_rubric_group_get_criteria (group);

      json_builder_begin_object (builder);
      add_string (builder, "key", nawat_rubric_group_get_key (group));
      add_text (builder, "label", nawat_rubric_group_get_label (group));
      add_number (builder, "weight", nawat_rubric_group_get_weight (group));
      add_string (builder, "aggregation",
                  nawat_rubric_group_get_aggregation (group) == NAWAT_AGGREGATION_MAX
                  ? "max" : "mean");
      json_builder_set_member_name (builder, "criteria");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (criteria); i++)
        {
          g_autoptr(NawatCriterion) criterion = g_list_model_get_item (criteria, i);
          build_criterion (builder, criterion);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
build_partner (JsonBuilder   *builder,
               gconstpointer  item)
{
  const NawatPartner *partner = item;

  add_string (builder, "name", partner->name);
  add_string (builder, "sector", partner->sector);
}

/* Stubs, as CouchDB lists a document's files without their contents. */
static void
add_attachments (JsonBuilder *builder,
                 GPtrArray   *attachments)
{
  if (attachments->len == 0)
    return;

  json_builder_set_member_name (builder, "_attachments");
  json_builder_begin_object (builder);
  for (guint i = 0; i < attachments->len; i++)
    {
      const NawatAttachment *attachment = g_ptr_array_index (attachments, i);

      json_builder_set_member_name (builder, attachment->name);
      json_builder_begin_object (builder);
      add_string (builder, "content_type", attachment->content_type);
      add_extra (builder, attachment->extra);
      add_string (builder, "digest", attachment->digest);
      add_int (builder, "length", attachment->length);
      add_boolean (builder, "stub", TRUE);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
build_project (JsonBuilder  *builder,
               NawatProject *project)
{
  GPtrArray *partners = nawat_project_get_partners (project);

  add_string (builder, "call", nawat_project_get_call (project));
  add_string (builder, "code", nawat_project_get_code (project));
  add_text (builder, "title", nawat_project_get_title (project));
  add_text (builder, "summary", nawat_project_get_summary (project));
  add_string (builder, "organisation", nawat_project_get_organisation (project));
  add_string (builder, "province", nawat_project_get_province (project));
  add_string (builder, "reach", nawat_project_get_reach (project));
  add_strv (builder, "domains", nawat_project_get_domains (project));

  add_array (builder, "partners", partners, build_partner);

  add_int (builder, "budget_thb", nawat_project_get_budget_thb (project));
  if (nawat_project_get_duration_months (project) > 0)
    add_int (builder, "duration_months", nawat_project_get_duration_months (project));
  add_string (builder, "submitted", nawat_project_get_submitted (project));
  add_strv (builder, "assigned", nawat_project_get_assigned (project));
  add_attachments (builder, nawat_project_get_attachments (project));
}

static void
build_evaluation (JsonBuilder     *builder,
                  NawatEvaluation *evaluation)
{
  g_auto(GStrv) keys = nawat_evaluation_dup_score_keys (evaluation);
  g_auto(GStrv) comment_keys = nawat_evaluation_dup_comment_keys (evaluation);
  NawatRecommendation recommendation = nawat_evaluation_get_recommendation (evaluation);
  const char *note = nawat_evaluation_get_conflict_note (evaluation);

  add_string (builder, "project", nawat_evaluation_get_project (evaluation));
  add_string (builder, "evaluator", nawat_evaluation_get_evaluator (evaluation));
  add_string (builder, "rubric", nawat_evaluation_get_rubric (evaluation));

  json_builder_set_member_name (builder, "scores");
  json_builder_begin_object (builder);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      double value = 0;

      nawat_evaluation_get_score (evaluation, keys[i], &value);
      add_number (builder, keys[i], value);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "comments");
  json_builder_begin_object (builder);
  for (guint i = 0; comment_keys[i] != NULL; i++)
    add_string (builder, comment_keys[i], nawat_evaluation_get_comment (evaluation, comment_keys[i]));
  json_builder_end_object (builder);

  add_string (builder, "overall_comment", nawat_evaluation_get_overall_comment (evaluation));

  json_builder_set_member_name (builder, "recommendation");
  if (recommendation == NAWAT_RECOMMENDATION_NONE)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, nawat_recommendation_to_string (recommendation));

  json_builder_set_member_name (builder, "conflict_of_interest");
  json_builder_begin_object (builder);
  add_boolean (builder, "declared", nawat_evaluation_get_conflict_declared (evaluation));
  add_string (builder, "note", note);
  if (nawat_evaluation_get_conflict_type (evaluation) != NAWAT_CONFLICT_TYPE_NONE)
    add_string (builder, "type",
                nawat_conflict_type_to_string (nawat_evaluation_get_conflict_type (evaluation)));
  json_builder_end_object (builder);

  add_string (builder, "status",
              nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)));
  add_string (builder, "updated", nawat_evaluation_get_updated (evaluation));

  if (nawat_evaluation_get_reopened_by (evaluation) != NULL)
    {
      json_builder_set_member_name (builder, "reopened");
      json_builder_begin_object (builder);
      add_string (builder, "by", nawat_evaluation_get_reopened_by (evaluation));
      add_string (builder, "at", nawat_evaluation_get_reopened_at (evaluation));
      json_builder_end_object (builder);
    }
}

JsonNode *
nawat_codec_to_node (NawatDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (document), NULL);

  json_builder_begin_object (builder);
  add_string (builder, "_id", nawat_document_get_id (document));
  add_string (builder, "_rev", nawat_document_get_rev (document));
  add_string (builder, "type", nawat_document_get_doc_type (document));
  add_int (builder, "schema", SCHEMA_VERSION);

  if (NAWAT_IS_CALL (document))
    build_call (builder, NAWAT_CALL (document));
  else if (NAWAT_IS_RUBRIC (document))
    build_rubric (builder, NAWAT_RUBRIC (document));
  else if (NAWAT_IS_PROJECT (document))
    build_project (builder, NAWAT_PROJECT (document));
  else if (NAWAT_IS_EVALUATION (document))
    build_evaluation (builder, NAWAT_EVALUATION (document));
  else
    g_assert_not_reached ();

  add_extra (builder, nawat_document_get_extra (document));

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
nawat_codec_to_data (NawatDocument *document,
                     gsize         *length)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (NAWAT_IS_DOCUMENT (document), NULL);

  node = nawat_codec_to_node (document);
  return nawat_json_to_string (node, FALSE, length);
}

void
_nawat_codec_append_string (GString    *s,
                            const char *str)
{
  g_string_append_c (s, '"');
  for (const char *p = str != NULL ? str : ""; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      gsize run = 0;

      /* Copy the bytes that need no escape in one go. */
      while (p[run] != '\0' && p[run] != '"' && p[run] != '\\' && (guchar) p[run] >= 0x20)
        run++;
      if (run > 0)
        {
          g_string_append_len (s, p, run);
          p += run - 1;
          continue;
        }

      switch (c)
        {
        case '"':
          g_string_append (s, "\\\"");
          break;
        case '\\':
          g_string_append (s, "\\\\");
          break;
        case '\n':
          g_string_append (s, "\\n");
          break;
        case '\r':
          g_string_append (s, "\\r");
          break;
        case '\t':
          g_string_append (s, "\\t");
          break;
        default:
          g_string_append_printf (s, "\\u%04x", c);
        }
    }
  g_string_append_c (s, '"');
}
