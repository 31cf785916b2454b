/* nawat-cli-stats.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-cli-private.h"

#include "nawat-stats.h"

#include <glib/gi18n.h>
#include <math.h>

static void
append_stats_number (GString *s,
                     double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value) || isinf (value))
    g_string_append (s, "null");
  else
    g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.6g", value));
}

/* ", "@name": @value", after the members before it. */
static void
append_stats_member (GString    *s,
                     const char *name,
                     double      value)
{
  g_string_append_printf (s, ", \"%s\": ", name);
  append_stats_number (s, value);
}

/* {"n": …, "mean": …, "median": …, "sd": …, "alpha_interval": …,
 * "alpha_ordinal": …, "icc_1_1": …, "projects_rated_twice": …,
 * "reason": …}, null where undefined.  Too few projects rated twice make
 * the coefficients null and "reason" says why, in English; it is null
 * when they are reported.
 */
static void
append_stats_agreement (GString              *s,
                        const NawatSummary   *summary,
                        const NawatAgreement *agreement)
{
  g_autofree char *shortfall = nawat_stats_agreement_dup_shortfall (agreement, "en");

  g_string_append_printf (s, "{\"n\": %u", summary->n);
  append_stats_member (s, "mean", summary->mean);
  append_stats_member (s, "median", summary->median);
  append_stats_member (s, "sd", summary->sd);
  append_stats_member (s, "alpha_interval", shortfall != NULL ? NAN : agreement->alpha_interval);
  append_stats_member (s, "alpha_ordinal", shortfall != NULL ? NAN : agreement->alpha_ordinal);
  append_stats_member (s, "icc_1_1", shortfall != NULL ? NAN : agreement->icc_1_1);
  g_string_append_printf (s, ", \"projects_rated_twice\": %u", agreement->n_pairable_units);
  /* The English sentence has digits and letters only: nothing to escape. */
  if (shortfall != NULL)
    g_string_append_printf (s, ", \"reason\": \"%s\"}", shortfall);
  else
    g_string_append (s, ", \"reason\": null}");
}

/* The composite's line of the plain output. */
static void
print_stats_agreement (const NawatSummary   *summary,
                       const NawatAgreement *agreement)
{
  g_autofree char *shortfall = nawat_stats_agreement_dup_shortfall (agreement, NULL);

  if (shortfall != NULL)
    {
      /* TRANSLATORS: the composite score across evaluators */
      g_print (_("Composite (%u scores): mean %.1f, median %.1f, SD %.1f\n"),
               summary->n, summary->mean, summary->median, summary->sd);
      g_print ("%s\n", shortfall);
      return;
    }
  /* TRANSLATORS: agreement between evaluators of the composite score */
  g_print (_("Composite (%u scores): mean %.1f, median %.1f, SD %.1f; "
             "alpha (interval) %.3f, alpha (ordinal) %.3f, ICC(1,1) %.3f\n"),
           summary->n, summary->mean, summary->median, summary->sd,
           agreement->alpha_interval, agreement->alpha_ordinal, agreement->icc_1_1);
}

/* "ranking": [{"project": …, "rank": …, "tied": …, "mean": …, "n": …}, …],
 * the ranked projects best first.
 */
static void
append_stats_ranking (GString        *s,
                      NawatCallStats *call_stats)
{
  const guint *order = nawat_call_stats_get_ranking (call_stats, FALSE);
  guint n = nawat_call_stats_get_n_projects (call_stats);

  g_string_append (s, ", \"ranking\": [");
  for (guint i = 0; i < n; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (call_stats, order[i]);

      if (ps->rank_mean == 0)
        break;
      /* Project ids are [a-z0-9:-]: no escaping needed. */
      g_string_append_printf (s, "%s{\"project\": \"%s\", \"rank\": %u, \"tied\": %s",
                              i > 0 ? ", " : "", ps->project_id, ps->rank_mean,
                              ps->rank_mean_tied ? "true" : "false");
      append_stats_member (s, "mean", ps->mean);
      g_string_append_printf (s, ", \"n\": %u}", ps->n_evaluations);
    }
  g_string_append (s, "]");
}

/* The ranking's lines of the plain output. */
static void
print_stats_ranking (NawatCallStats *call_stats)
{
  const guint *order = nawat_call_stats_get_ranking (call_stats, FALSE);
  guint n = nawat_call_stats_get_n_projects (call_stats);

  if (nawat_call_stats_get_flags (call_stats) & NAWAT_STATS_WEIGHT_CONFIDENCE)
    g_print ("%s\n", _("Ranking by mean composite score, each evaluation weighted by its "
                       "evaluator’s confidence (low 1, medium 2, high 3; none 2):"));
  else
    g_print ("%s\n", _("Ranking by mean composite score:"));
  for (guint i = 0; i < n; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (call_stats, order[i]);

      if (ps->rank_mean == 0)
        break;
      /* TRANSLATORS: a line of the ranking: rank, "=" when shared, the
       * project, its mean composite score and the number of evaluations
       */
      g_print (_("%u%s. %s: %.1f (%u evaluations)\n"), ps->rank_mean,
               ps->rank_mean_tied ? "=" : "", ps->project_id, ps->mean, ps->n_evaluations);
    }
}

/* The call whose agreement to report: --call, or the store's only call;
 * NULL (no error) when the store has none or several.
 */
static char *
stats_pick_call (NawatStore  *store,
                 const char  *call_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) calls = NULL;

  if (call_id != NULL)
    return g_strdup (call_id);
  calls = nawat_store_list_calls (store, error);
  if (calls == NULL || calls->len != 1)
    return NULL;
  return g_strdup (nawat_call_get_call_id (g_ptr_array_index (calls, 0)));
}

int
_nawat_cli_cmd_stats (NawatCliGlobals  *globals,
                      int               argc,
                      char            **argv)
{
  gboolean json = FALSE;
  gboolean weight_confidence = FALSE;
  g_autofree char *call_arg = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the counts as a JSON object"), NULL },
    { "call", 'c', 0, G_OPTION_ARG_STRING, &call_arg, N_("The call whose agreement to report (needed when the store has several)"), N_("ID") },
    { "weight-confidence", 0, 0, G_OPTION_ARG_NONE, &weight_confidence, N_("Weigh each evaluation by its evaluator’s confidence in the projects’ mean scores and ranking"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatCallStats) call_stats = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *call_id = NULL;
  NawatStoreStats stats;
  NawatSummary summary;
  NawatAgreement agreement;

  if (!_nawat_cli_parse_options (context,
                                 _("Counts the calls, projects and evaluations of the store, and\n"
                                   "reports the agreement between the evaluators of a call and\n"
                                   "the ranking of its projects."),
                                 entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc > 1)
    return _nawat_cli_refuse (EXIT_USAGE, _("stats takes no arguments besides its options"));

  store = _nawat_cli_open_store (globals, &error);
  if (store == NULL || !nawat_store_get_stats (store, &stats, &error))
    return _nawat_cli_refuse_error (error);
  call_id = stats_pick_call (store, call_arg, &error);
  if (call_id == NULL && error != NULL)
    return _nawat_cli_refuse_error (error);
  if (call_id != NULL)
    {
      call_stats = nawat_call_stats_compute_full (store, call_id, NAWAT_STATS_DEFAULT_THRESHOLD,
                                                  weight_confidence ? NAWAT_STATS_WEIGHT_CONFIDENCE
                                                                    : NAWAT_STATS_FLAGS_NONE,
                                                  NULL, &error);
      if (call_stats == NULL)
        return _nawat_cli_refuse_error (error);
      nawat_call_stats_get_composite (call_stats, &summary, &agreement);
    }

  if (json)
    {
      g_autoptr(GString) s = g_string_new (NULL);

      g_string_append_printf (s, "{\"calls\": %" G_GINT64_FORMAT ", \"projects\": %" G_GINT64_FORMAT
                              ", \"evaluations\": %" G_GINT64_FORMAT ", \"submitted\": %" G_GINT64_FORMAT
                              ", \"drafts\": %" G_GINT64_FORMAT ", \"pending_push\": %" G_GINT64_FORMAT,
                              stats.calls, stats.projects, stats.evaluations,
                              stats.submitted, stats.drafts, stats.pending_push);
      if (call_stats != NULL)
        {
          const char * const *criteria = nawat_call_stats_get_criteria (call_stats);

          g_string_append (s, ", \"agreement\": {\"composite\": ");
          append_stats_agreement (s, &summary, &agreement);
          g_string_append (s, ", \"criteria\": {");
          for (guint i = 0; criteria[i] != NULL; i++)
            {
              NawatSummary criterion_summary;
              NawatAgreement criterion_agreement;

              nawat_call_stats_get_criterion (call_stats, criteria[i],
                                              &criterion_summary, &criterion_agreement);
              /* Criterion keys are [a-z0-9.-]: no escaping needed. */
              g_string_append_printf (s, "%s\"%s\": ", i > 0 ? ", " : "", criteria[i]);
              append_stats_agreement (s, &criterion_summary, &criterion_agreement);
            }
          g_string_append (s, "}}");
          g_string_append_printf (s, ", \"weight_confidence\": %s",
                                  weight_confidence ? "true" : "false");
          append_stats_ranking (s, call_stats);
        }
      g_string_append (s, "}\n");
      g_print ("%s", s->str);
    }
  else
    {
      const struct { const char *label; gint64 value; } rows[] = {
        { _("Calls"), stats.calls },
        { _("Projects"), stats.projects },
        { _("Evaluations"), stats.evaluations },
        { _("Submitted"), stats.submitted },
        { _("Drafts"), stats.drafts },
        { _("Pending push"), stats.pending_push },
      };

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        g_print ("%s: %" G_GINT64_FORMAT "\n", rows[i].label, rows[i].value);
      if (call_stats != NULL)
        {
          print_stats_agreement (&summary, &agreement);
          print_stats_ranking (call_stats);
        }
    }
  return EXIT_OK;
}
