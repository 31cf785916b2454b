/* nawat-cli-assign.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-assign.h"
#include "nawat-json.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

static gboolean
collect_project (NawatProject  *project,
                 guint          index,
                 const guint8  *exclusions,
                 gpointer       user_data,
                 GError       **error)
{
  g_ptr_array_add (user_data, g_object_ref (project));
  return TRUE;
}

static GStrv
dup_assigned (NawatAssignProblem *problem,
              NawatAssignResult  *result,
              guint               project)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = result->offsets[project]; i < result->offsets[project + 1]; i++)
    g_strv_builder_add (builder, nawat_assign_problem_get_evaluator (problem, result->assigned[i]));
  return g_strv_builder_end (builder);
}

static void
print_json (NawatAssignProblem *problem,
            NawatAssignResult  *result,
            GPtrArray          *projects)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "assignment");
  json_builder_begin_object (builder);
  for (guint p = 0; p < projects->len; p++)
    {
      json_builder_set_member_name (builder, nawat_document_get_id (g_ptr_array_index (projects, p)));
      json_builder_begin_array (builder);
      for (guint i = result->offsets[p]; i < result->offsets[p + 1]; i++)
        json_builder_add_string_value (builder,
                                       nawat_assign_problem_get_evaluator (problem, result->assigned[i]));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "report");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "per_project");
  json_builder_add_int_value (builder, result->per_project);
  json_builder_set_member_name (builder, "projects");
  json_builder_add_int_value (builder, result->n_projects);
  json_builder_set_member_name (builder, "loads");
  json_builder_begin_object (builder);
  for (guint e = 0; e < result->n_evaluators; e++)
    {
      json_builder_set_member_name (builder, nawat_assign_problem_get_evaluator (problem, e));
      json_builder_add_int_value (builder, result->load[e]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "pairs");
  json_builder_add_int_value (builder, (gint64) result->pairs);
  json_builder_set_member_name (builder, "matched_pairs");
  json_builder_add_int_value (builder, (gint64) result->matched_pairs);
  json_builder_set_member_name (builder, "match_rate");
  json_builder_add_double_value (builder, result->pairs > 0
                                            ? (double) result->matched_pairs / result->pairs
                                            : 0);
  json_builder_set_member_name (builder, "matched_domains");
  json_builder_add_int_value (builder, (gint64) result->weight);
  json_builder_set_member_name (builder, "short");
  json_builder_begin_array (builder);
  for (guint p = 0; p < projects->len; p++)
    if (result->offsets[p + 1] - result->offsets[p] < result->per_project)
      json_builder_add_string_value (builder,
                                     nawat_document_get_id (g_ptr_array_index (projects, p)));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "problems");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->problems->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (result->problems, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = nawat_json_to_string (root, TRUE, NULL);
  g_print ("%s\n", text);
}

static void
print_report (NawatAssignProblem *problem,
              NawatAssignResult  *result)
{
  /* Translators: the heading of the list of evaluators and their loads */
  g_print ("%s\n", _("Projects per evaluator:"));
  for (guint e = 0; e < result->n_evaluators; e++)
    g_print ("  %-24s %u\n", nawat_assign_problem_get_evaluator (problem, e), result->load[e]);
  /* Translators: e.g. "Expertise match: 812 of 900 assignments (90.2%)" */
  g_print (_("Expertise match: %llu of %llu assignments (%.1f%%)\n"),
           (unsigned long long) result->matched_pairs, (unsigned long long) result->pairs,
           result->pairs > 0 ? 100.0 * result->matched_pairs / result->pairs : 0.0);
  g_print (ngettext ("%u project has fewer than %u evaluators\n",
                     "%u projects have fewer than %u evaluators\n",
                     result->n_short),
           result->n_short, result->per_project);
}

int
_nawat_cli_cmd_assign (NawatCliGlobals  *globals,
                       int               argc,
                       char            **argv)
{
  g_autofree char *call_id = NULL;
  g_autofree char *per_project = NULL;
  g_autofree char *max_load = NULL;
  gboolean json = FALSE;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_id, N_("The call"), N_("ID") },
    { "per-project", 'k', 0, G_OPTION_ARG_STRING, &per_project, N_("Evaluators per project"), N_("K") },
    { "max-load", 0, 0, G_OPTION_ARG_STRING, &max_load, N_("At most N projects per evaluator"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the assignment and the report as JSON"), NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Print the assignment, store nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatAssignProblem) problem = NULL;
  g_autoptr(NawatAssignResult) result = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_doc_id = NULL;
  guint64 k = 0, limit = 0;

  if (!_nawat_cli_parse_options (context,
                                 _("Assigns evaluators to every project of a call: K each, loads within one\n"
                                   "of each other, none with a declared conflict or of the project’s\n"
                                   "organisation or a partner’s, none beyond their maximum load; among\n"
                                   "these, the assignment that matches the most domains of expertise (the\n"
                                   "primary domain counting twice). Stored in the projects, which\n"
                                   "“publish” puts on the server; exit status 1 when no assignment keeps\n"
                                   "the rules, with the reason."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("assign takes no arguments besides its options"));
  if (call_id == NULL || *call_id == '\0')
    return _nawat_cli_refuse (EXIT_USAGE, _("--call ID is required"));
  if (!_nawat_cli_parse_unsigned (per_project, 1000, &k) || k == 0)
    return _nawat_cli_refuse (EXIT_USAGE, _("--per-project takes a whole number from 1 to 1000"));
  if (max_load != NULL && !_nawat_cli_parse_unsigned (max_load, 1000000, &limit))
    return _nawat_cli_refuse (EXIT_USAGE, _("--max-load takes a whole number from 0 to 1000000"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, &error);
  if (call == NULL)
    return _nawat_cli_refuse_error (error);

  problem = nawat_assign_problem_new_for_call (call, (guint) k, max_load != NULL ? (int) limit : -1);
  projects = g_ptr_array_new_with_free_func (g_object_unref);
  if (!nawat_assign_problem_read_store (problem, store, call, collect_project, projects, NULL, &error))
    return _nawat_cli_refuse_error (error);

  result = nawat_assign_solve (problem);

  if (json)
    print_json (problem, result, projects);
  else if (result->problems->len == 0)
    print_report (problem, result);

  if (result->problems->len > 0)
    {
      for (guint i = 0; i < result->problems->len; i++)
        _nawat_cli_print_error (g_ptr_array_index (result->problems, i));
      return _nawat_cli_refuse (EXIT_REFUSED, _("No evaluator was assigned"));
    }

  if (dry_run)
    return EXIT_OK;

  for (guint p = 0; p < projects->len; p++)
    {
      g_auto(GStrv) names = dup_assigned (problem, result, p);

      nawat_project_set_assigned (g_ptr_array_index (projects, p), (const char * const *) names);
    }
  if (!nawat_store_put_documents (store, projects, &error))
    return _nawat_cli_refuse_error (error);

  if (!json)
    g_print (_("Run “nawat-cli publish --call %s” to put it on the server.\n"), call_id);
  return EXIT_OK;
}
