/* nawat-cli-evaluate.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-codec.h"
#include "nawat-evaluation.h"
#include "nawat-round.h"
#include "nawat-rubric.h"
#include "nawat-scoring.h"

#include <glib/gi18n.h>
#include <string.h>

/* Splits "KEY=VALUE"; FALSE when there is no '='. */
static gboolean
split_assignment (const char  *assignment,
                  char       **key,
                  const char **value)
{
  const char *eq = strchr (assignment, '=');

  if (eq == NULL || eq == assignment)
    return FALSE;
  *key = g_strndup (assignment, eq - assignment);
  *value = eq + 1;
  return TRUE;
}

static void
format_number (char   *buf,
               gsize   size,
               double  value)
{
  g_ascii_formatd (buf, size, "%.2f", value);
}

/* What an evaluate command changes, applied by the store to the version
 * it holds when it writes (another process may have saved since this one
 * started), and checked there against the round's rules.
 */
typedef struct
{
  NawatCall           *call;
  NawatProject        *project;
  NawatRubric         *rubric;
  const char          *evaluator;
  gboolean             reopen;
  GPtrArray           *score_keys;    /* char * */
  GArray              *score_values;  /* double */
  GPtrArray           *comment_keys;  /* char * */
  GPtrArray           *comment_texts; /* const char *, borrowed */
  const char          *overall;
  const char          *conflict;
  gboolean             set_recommendation;
  NawatRecommendation  recommendation;
  gboolean             submit;
  GStrv                missing;       /* what a refused submit still lacks */
} EvaluateEdit;

static gboolean
apply_evaluate_edit (NawatEvaluation  *evaluation,
                     gboolean          stored,
                     gpointer          user_data,
                     GError          **error)
{
  EvaluateEdit *edit = user_data;
  g_autoptr(NawatEvaluation) before = stored ? nawat_evaluation_copy (evaluation) : NULL;

  if (edit->reopen)
    {
      if (before == NULL)
        {
          g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_REOPEN,
                       _("%s has no evaluation of project “%s” to reopen"),
                       edit->evaluator, nawat_project_get_code (edit->project));
          return FALSE;
        }
      return nawat_round_reopen (edit->call, evaluation, edit->evaluator, FALSE, NULL, error);
    }

  if (edit->conflict != NULL)
    nawat_evaluation_set_conflict (evaluation, TRUE, edit->conflict);

  for (guint i = 0; i < edit->score_keys->len; i++)
    nawat_evaluation_set_score (evaluation, g_ptr_array_index (edit->score_keys, i),
                                g_array_index (edit->score_values, double, i));

  for (guint i = 0; i < edit->comment_keys->len; i++)
    nawat_evaluation_set_comment (evaluation, g_ptr_array_index (edit->comment_keys, i),
                                  g_ptr_array_index (edit->comment_texts, i));

  if (edit->overall != NULL)
    nawat_evaluation_set_overall_comment (evaluation, edit->overall);
  if (edit->set_recommendation)
    nawat_evaluation_set_recommendation (evaluation, edit->recommendation);

  if (edit->submit && !nawat_scoring_submit (edit->rubric, evaluation, error))
    {
      edit->missing = nawat_scoring_dup_missing (edit->rubric, evaluation);
      return FALSE;
    }

  /* The round's rules, on the change as a whole, the submission included. */
  if (!nawat_round_check_change (edit->call, edit->project, before, evaluation, NULL, error))
    return FALSE;

  /* Nothing new: the store writes nothing, and "updated" stays. */
  if (before == NULL || !nawat_evaluation_equal_content (before, evaluation))
    nawat_evaluation_touch (evaluation);
  return TRUE;
}

int
_nawat_cli_cmd_evaluate (NawatCliGlobals  *globals,
                         int               argc,
                         char            **argv)
{
  g_autofree char *evaluator = NULL;
  g_auto(GStrv) sets = NULL;
  g_auto(GStrv) comments = NULL;
  g_autofree char *overall = NULL;
  g_autofree char *recommendation = NULL;
  g_autofree char *conflict = NULL;
  gboolean submit = FALSE;
  gboolean reopen = FALSE;
  const GOptionEntry entries[] = {
    { "evaluator", 'e', 0, G_OPTION_ARG_STRING, &evaluator, N_("The evaluator’s user name"), N_("NAME") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets, N_("Score a criterion, e.g. merit.innovation=4 (repeatable)"), N_("KEY=VALUE") },
    { "comment", 0, 0, G_OPTION_ARG_STRING_ARRAY, &comments, N_("Comment on a criterion (repeatable)"), N_("KEY=TEXT") },
    { "overall-comment", 0, 0, G_OPTION_ARG_STRING, &overall, N_("The overall comment"), N_("TEXT") },
    { "recommendation", 'r', 0, G_OPTION_ARG_STRING, &recommendation, N_("fund, fund-with-conditions or reject"), N_("R") },
    { "conflict-of-interest", 0, 0, G_OPTION_ARG_STRING, &conflict, N_("Declare a conflict of interest"), N_("NOTE") },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit, N_("Submit the evaluation (it must be complete)"), NULL },
    { "reopen", 0, 0, G_OPTION_ARG_NONE, &reopen, N_("Take your submitted evaluation back to draft, before your deadline"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("PROJECT-ID"));
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(NawatRubric) rubric = NULL;
  g_autoptr(NawatEvaluation) initial = NULL;
  g_autoptr(NawatEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *evaluation_id = NULL;
  g_autoptr(GPtrArray) score_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) score_values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) comment_keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) comment_texts = g_ptr_array_new ();
  EvaluateEdit edit = { 0, };
  NawatRecommendation rec = NAWAT_RECOMMENDATION_NONE;
  NawatScore score;
  char completeness[32];
  char composite[32];

  if (!_nawat_cli_parse_options (context,
                                 _("Creates or edits an evaluator’s evaluation of a project, exactly as the\n"
                                   "application does. KEY is <group>.<criterion>, e.g. merit.innovation.\n"
                                   "\n"
                                   "The round’s rules hold: only a project assigned to the evaluator, no\n"
                                   "scores with a declared conflict of interest, nothing after the\n"
                                   "evaluator’s deadline, and a submitted evaluation changes only once it\n"
                                   "is reopened (--reopen, on its own). A refusal exits 1 with the reason."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 2)
    return _nawat_cli_refuse (EXIT_USAGE, _("evaluate needs exactly one PROJECT-ID"));
  if (evaluator == NULL || *evaluator == '\0')
    return _nawat_cli_refuse (EXIT_USAGE, _("--evaluator NAME is required"));
  /* A name import would refuse breaks the exports of the whole call. */
  if (!nawat_codec_is_user_name (evaluator))
    {
      g_autofree char *shown = g_strescape (evaluator, NULL);

      if (strlen (evaluator) > 64)
        return _nawat_cli_refuse (EXIT_REFUSED,
                                  _("The evaluator name is %lu bytes long: a user name has "
                                    "1 to 64"), (unsigned long) strlen (evaluator));
      return _nawat_cli_refuse (EXIT_REFUSED,
                                _("“%s” is not a user name: use printable ASCII without "
                                  "spaces, “:”, “\"” or “\\”"), shown);
    }
  if (reopen && (sets != NULL || comments != NULL || overall != NULL || recommendation != NULL ||
                 conflict != NULL || submit))
    return _nawat_cli_refuse (EXIT_USAGE,
                              _("--reopen goes on its own: reopen first, then change the evaluation"));
  if (recommendation != NULL && !nawat_recommendation_from_string (recommendation, &rec))
    return _nawat_cli_refuse (EXIT_REFUSED,
                              _("“%s” is not a recommendation: use fund, fund-with-conditions or reject"),
                              recommendation);

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL)
    return _nawat_cli_refuse_error (error);

  project = nawat_store_get_project (store, argv[1], &error);
  if (project == NULL)
    return _nawat_cli_refuse_error (error);
  call = nawat_store_get_project_call (store, project, &error);
  if (call == NULL)
    return _nawat_cli_refuse_error (error);
  rubric = nawat_store_get_call_rubric (store, call, &error);
  if (rubric == NULL)
    return _nawat_cli_refuse_error (error);

  for (guint i = 0; sets != NULL && sets[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *value_str;
      char *end = NULL;
      double value;

      if (!split_assignment (sets[i], &key, &value_str))
        return _nawat_cli_refuse (EXIT_USAGE, _("--set takes KEY=VALUE, e.g. merit.innovation=4"));
      value = g_ascii_strtod (value_str, &end);
      if (*value_str == '\0' || end == NULL || *end != '\0')
        return _nawat_cli_refuse (EXIT_REFUSED, _("%s: “%s” is not a number"), key, value_str);
      if (!nawat_scoring_check_score (rubric, key, value, &error))
        return _nawat_cli_refuse_error (error);
      g_ptr_array_add (score_keys, g_steal_pointer (&key));
      g_array_append_val (score_values, value);
    }

  for (guint i = 0; comments != NULL && comments[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      const char *text;

      if (!split_assignment (comments[i], &key, &text))
        return _nawat_cli_refuse (EXIT_USAGE,
                                  _("--comment takes KEY=TEXT, e.g. merit.impact=Strong evidence"));
      if (nawat_rubric_find_criterion (rubric, key, NULL) == NULL)
        return _nawat_cli_refuse (EXIT_REFUSED, _("%s: no such criterion in the rubric"), key);
      g_ptr_array_add (comment_keys, g_steal_pointer (&key));
      g_ptr_array_add (comment_texts, (gpointer) text);
    }

  evaluation_id = g_strdup_printf ("evaluation:%s:%s:%s",
                                   nawat_project_get_call (project),
                                   nawat_project_get_code (project),
                                   evaluator);
  initial = nawat_evaluation_new (argv[1], evaluator,
                                  nawat_document_get_id (NAWAT_DOCUMENT (rubric)));

  edit.call = call;
  edit.project = project;
  edit.rubric = rubric;
  edit.evaluator = evaluator;
  edit.reopen = reopen;
  edit.score_keys = score_keys;
  edit.score_values = score_values;
  edit.comment_keys = comment_keys;
  edit.comment_texts = comment_texts;
  edit.overall = overall;
  edit.conflict = conflict;
  edit.set_recommendation = recommendation != NULL;
  edit.recommendation = rec;
  edit.submit = submit;

  /* Read, changed and written in one transaction of the store. */
  evaluation = nawat_store_edit_evaluation (store, evaluation_id, initial,
                                            apply_evaluate_edit, &edit, &error);
  if (evaluation == NULL)
    {
      g_auto(GStrv) missing = g_steal_pointer (&edit.missing);

      _nawat_cli_print_error (error->message);
      /* The scoring message names the missing keys; say it when it does not. */
      if (missing != NULL && missing[0] != NULL && strstr (error->message, missing[0]) == NULL &&
          !g_error_matches (error, NAWAT_SCORING_ERROR, NAWAT_SCORING_ERROR_CONFLICT_OF_INTEREST))
        {
          g_autofree char *list = g_strjoinv (", ", missing);

          g_printerr (_("nawat-cli: still to score: %s\n"), list);
        }
      return EXIT_REFUSED;
    }
  g_clear_pointer (&edit.missing, g_strfreev);

  nawat_scoring_compute (rubric, evaluation, &score);
  format_number (completeness, sizeof completeness, 100.0 * score.completeness);
  if (score.complete)
    format_number (composite, sizeof composite, score.composite);
  else
    g_strlcpy (composite, _("none (incomplete)"), sizeof composite);
  /* Translators: e.g. "evaluation:c1:p1:somchai: draft, completeness 47.37% (9/19), composite none" */
  g_print (_("%s: %s, completeness %s%% (%u/%u), composite %s\n"),
           nawat_document_get_id (NAWAT_DOCUMENT (evaluation)),
           nawat_evaluation_status_to_string (nawat_evaluation_get_status (evaluation)),
           completeness, score.n_scored_required, score.n_required, composite);
  return EXIT_OK;
}
