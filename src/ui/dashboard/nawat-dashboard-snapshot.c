/* nawat-dashboard-snapshot.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-chart.h"
#include "nawat-dashboard-snapshot.h"
#include "nawat-project.h"

#include <math.h>
#include <string.h>

/* Projects are read from the store in pages of this many. */
#define PAGE_SIZE 2000

NawatDashboardSnapshot *
nawat_dashboard_snapshot_ref (NawatDashboardSnapshot *snapshot)
{
  g_atomic_ref_count_inc (&snapshot->ref_count);
  return snapshot;
}

void
nawat_dashboard_snapshot_unref (NawatDashboardSnapshot *snapshot)
{
  if (!g_atomic_ref_count_dec (&snapshot->ref_count))
    return;

  g_clear_object (&snapshot->stats);
  g_clear_object (&snapshot->call);
  g_clear_object (&snapshot->rubric);
  g_clear_pointer (&snapshot->strings, g_string_chunk_free);
  g_clear_pointer (&snapshot->titles, g_free);
  g_clear_pointer (&snapshot->means, g_free);
  g_free (snapshot);
}

char *
nawat_dashboard_format_number (double value,
                               int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  /* No "-0.0" */
  if (fabs (value) < 0.5 * pow (10, -digits))
    value = 0.0;
  return g_strdup_printf ("%.*f", digits, value);
}

char *
nawat_dashboard_format_rank (guint    rank,
                             gboolean tied)
{
  if (rank == 0)
    return g_strdup ("—");
  /* Translators: a rank shared by several projects, e.g. "=3" */
  return tied ? g_strdup_printf (_("=%u"), rank) : g_strdup_printf ("%u", rank);
}

const char *
nawat_dashboard_project_code (const char *project_id)
{
  const char *colon = strrchr (project_id, ':');

  return colon != NULL ? colon + 1 : project_id;
}

const char *
nawat_dashboard_text_in_language (const NawatText *text,
                                  const char      *language)
{
  const char *value;

  if (text == NULL)
    return NULL;
  value = nawat_text_get (text, language);
  if (value == NULL || *value == '\0')
    value = nawat_text_get (text, g_strcmp0 (language, "th") == 0 ? "en" : "th");
  return value != NULL && *value != '\0' ? value : NULL;
}

const char *
nawat_dashboard_snapshot_get_title (const NawatDashboardSnapshot *snapshot,
                                    guint                         index)
{
  const char *title = snapshot->titles[index];

  if (title != NULL)
    return title;
  return nawat_dashboard_project_code (nawat_call_stats_get_project (snapshot->stats, index)->project_id);
}

/* Titles, domain × region coverage and reach totals of every project,
 * page by page.
 */
static gboolean
read_projects (NawatDashboardSnapshot  *snapshot,
               NawatStore              *store,
               const char              *call_id,
               const char              *language,
               GCancellable            *cancellable,
               GError                 **error)
{
  g_autofree char *after = NULL;

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      double cells[NAWAT_N_DOMAINS * NAWAT_N_REGIONS];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = nawat_store_list_projects_page (store, call_id, after, PAGE_SIZE, error);
      if (page == NULL)
        return FALSE;
      if (page->len == 0)
        return TRUE;

      nawat_chart_count_coverage ((NawatProject * const *) page->pdata, page->len, FALSE, cells);
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        snapshot->coverage[i] += cells[i];

      for (guint i = 0; i < page->len; i++)
        {
          NawatProject *project = g_ptr_array_index (page, i);
          const NawatProjectStats *ps;
          const char *title;

          nawat_reach_totals_add (snapshot->reach_totals, nawat_project_get_reach (project),
                                  nawat_project_get_budget_thb (project));

          ps = nawat_call_stats_lookup_project (snapshot->stats,
                                                nawat_document_get_id (NAWAT_DOCUMENT (project)));
          title = nawat_dashboard_text_in_language (nawat_project_get_title (project), language);
          if (ps != NULL && title != NULL)
            snapshot->titles[ps - nawat_call_stats_get_project (snapshot->stats, 0)] =
              g_string_chunk_insert (snapshot->strings, title);
        }

      g_free (after);
      after = g_strdup (nawat_project_get_code (g_ptr_array_index (page, page->len - 1)));
      if (page->len < PAGE_SIZE)
        return TRUE;
    }
}

NawatDashboardSnapshot *
nawat_dashboard_snapshot_new (NawatStore    *store,
                              const char    *call_id,
                              const char    *language,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(NawatDashboardSnapshot) snapshot = g_new0 (NawatDashboardSnapshot, 1);
  g_autofree char *call_doc_id = g_strdup_printf ("call:%s", call_id);

  g_atomic_ref_count_init (&snapshot->ref_count);
  snapshot->call = nawat_store_get_call (store, call_doc_id, error);
  if (snapshot->call == NULL)
    return NULL;
  snapshot->rubric = nawat_store_get_call_rubric (store, snapshot->call, error);
  if (snapshot->rubric == NULL)
    return NULL;

  snapshot->stats = nawat_call_stats_compute (store, call_id,
                                              NAWAT_STATS_DEFAULT_THRESHOLD,
                                              cancellable, error);
  if (snapshot->stats == NULL)
    return NULL;

  snapshot->n_projects = nawat_call_stats_get_n_projects (snapshot->stats);
  snapshot->ranking = nawat_call_stats_get_ranking (snapshot->stats, FALSE);
  snapshot->strings = g_string_chunk_new (64 * 1024);
  snapshot->titles = g_new0 (const char *, MAX (snapshot->n_projects, 1));
  snapshot->means = g_new (double, MAX (snapshot->n_projects, 1));
  for (guint i = 0; i < snapshot->n_projects; i++)
    {
      const NawatProjectStats *ps = nawat_call_stats_get_project (snapshot->stats, i);
      glong code_chars = g_utf8_strlen (nawat_dashboard_project_code (ps->project_id), -1);

      snapshot->means[i] = ps->mean;
      snapshot->code_chars = MAX (snapshot->code_chars, (guint) code_chars);
    }
  nawat_stats_summarise (snapshot->means, snapshot->n_projects, &snapshot->means_summary);
  for (guint i = 0; i < nawat_call_stats_get_n_evaluators (snapshot->stats); i++)
    {
      const NawatEvaluatorStats *es = nawat_call_stats_get_evaluator (snapshot->stats, i);

      snapshot->submitted += es->submitted;
      snapshot->drafts += es->draft;
      snapshot->conflicts += es->conflict;
    }

  if (!read_projects (snapshot, store, call_id, language, cancellable, error))
    return NULL;

  return g_steal_pointer (&snapshot);
}
