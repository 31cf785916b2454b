/* nawat-outstanding.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-outstanding.h"

#include "nawat-round.h"
#include "nawat-stats-internal-private.h"
#include "nawat-store-read-private.h"
#include "nawat-vocabulary.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Called for each project of a call, in the order of their codes, with
 * the evaluators assigned to it and where each stands.
 */
typedef void (*AddProjectFunc) (const NawatStoreRow *project,
                                GPtrArray           *assigned,
                                NawatProjectStatus  *statuses,
                                gpointer             user_data);

static NawatOutstandingProject *
outstanding_project_new (const NawatStoreRow *project,
                         NawatProjectStatus   status)
{
  NawatOutstandingProject *self = g_new0 (NawatOutstandingProject, 1);

  self->project_id = g_strdup (project->project);
  self->code = g_strdup (project->code);
  self->title = nawat_text_new (project->title_th, project->title_en);
  self->status = status;
  return self;
}

static NawatOutstandingProject *
outstanding_project_copy (const NawatOutstandingProject *self)
{
  NawatOutstandingProject *copy = g_new0 (NawatOutstandingProject, 1);

  copy->project_id = g_strdup (self->project_id);
  copy->code = g_strdup (self->code);
  copy->title = nawat_text_copy (self->title);
  copy->status = self->status;
  return copy;
}

static void
outstanding_project_free (NawatOutstandingProject *self)
{
  g_free (self->project_id);
  g_free (self->code);
  g_clear_pointer (&self->title, nawat_text_free);
  g_free (self);
}

static NawatOutstanding *
outstanding_new (NawatCall  *call,
                 const char *evaluator)
{
  NawatOutstanding *self = g_new0 (NawatOutstanding, 1);
  const NawatEvaluatorProfile *profile = nawat_call_get_profile (call, evaluator);

  self->evaluator = g_strdup (evaluator);
  self->display_name = g_strdup (profile != NULL && profile->display_name != NULL &&
                                 profile->display_name[0] != '\0'
                                 ? profile->display_name : evaluator);
  self->projects = g_ptr_array_new_with_free_func ((GDestroyNotify) outstanding_project_free);
  return self;
}

NawatOutstanding *
nawat_outstanding_copy (const NawatOutstanding *self)
{
  NawatOutstanding *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (NawatOutstanding, 1);
  copy->evaluator = g_strdup (self->evaluator);
  copy->display_name = g_strdup (self->display_name);
  copy->n_assigned = self->n_assigned;
  copy->n_submitted = self->n_submitted;
  copy->n_conflict = self->n_conflict;
  copy->projects = g_ptr_array_new_with_free_func ((GDestroyNotify) outstanding_project_free);
  for (guint i = 0; i < self->projects->len; i++)
    g_ptr_array_add (copy->projects, outstanding_project_copy (g_ptr_array_index (self->projects, i)));
  return copy;
}

void
nawat_outstanding_free (NawatOutstanding *self)
{
  if (self == NULL)
    return;
  g_free (self->evaluator);
  g_free (self->display_name);
  g_clear_pointer (&self->projects, g_ptr_array_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (NawatOutstanding, nawat_outstanding,
                     nawat_outstanding_copy, nawat_outstanding_free)

static NawatOutstanding *
lookup (GHashTable *by_name,
        NawatCall  *call,
        const char *evaluator)
{
  NawatOutstanding *outstanding = g_hash_table_lookup (by_name, evaluator);

  if (outstanding == NULL)
    {
      outstanding = outstanding_new (call, evaluator);
      g_hash_table_insert (by_name, outstanding->evaluator, outstanding);
    }
  return outstanding;
}

static int
compare_evaluator (gconstpointer a,
                   gconstpointer b)
{
  const NawatOutstanding *x = *(NawatOutstanding * const *) a;
  const NawatOutstanding *y = *(NawatOutstanding * const *) b;

  return strcmp (x->evaluator, y->evaluator);
}

/* The evaluation @rating of the current project counts for its evaluator
 * when the project is assigned to them; anyone else's is left aside.
 */
static void
add_rating (const NawatStoreRow *rating,
            GPtrArray           *assigned,
            NawatProjectStatus  *statuses)
{
  for (guint i = 0; i < assigned->len; i++)
    if (g_strcmp0 (g_ptr_array_index (assigned, i), rating->evaluator) == 0)
      {
        if (rating->conflict)
          statuses[i] = NAWAT_PROJECT_STATUS_CONFLICT;
        else if (g_strcmp0 (rating->status, "submitted") == 0)
          statuses[i] = NAWAT_PROJECT_STATUS_SUBMITTED;
        else
          statuses[i] = NAWAT_PROJECT_STATUS_DRAFT;
        return;
      }
}

/* Walks the call's projects and its evaluations side by side: both come
 * in the order (call, code), so each is read once.
 */
static gboolean
walk_projects (NawatStoreCursor  *projects,
               NawatStoreCursor  *ratings,
               AddProjectFunc     add,
               gpointer           user_data,
               GCancellable      *cancellable,
               GError           **error)
{
  g_autoptr(GPtrArray) assigned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (NawatProjectStatus));
  NawatStoreRow project;
  NawatStoreRow rating;
  GError *read_error = NULL;
  gboolean has_rating;
  guint n = 0;

  has_rating = _nawat_store_cursor_next (ratings, &rating, &read_error);
  while (read_error == NULL && _nawat_store_cursor_next (projects, &project, &read_error))
    {
      if (++n % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      _nawat_stats_parse_strings (project.assigned, assigned);
      g_array_set_size (statuses, assigned->len);
      for (guint i = 0; i < assigned->len; i++)
        g_array_index (statuses, NawatProjectStatus, i) = NAWAT_PROJECT_STATUS_NOT_STARTED;

      while (has_rating)
        {
          int order = g_strcmp0 (rating.project, project.project);

          if (order > 0)
            break;
          if (order == 0)
            add_rating (&rating, assigned, (NawatProjectStatus *) (void *) statuses->data);
          has_rating = _nawat_store_cursor_next (ratings, &rating, &read_error);
        }

      add (&project, assigned, (NawatProjectStatus *) (void *) statuses->data, user_data);
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  return TRUE;
}

/* Walks call @call_id's projects with @add, in one read transaction:
 * projects and evaluations of the same moment.
 */
static gboolean
walk_call (NawatStore     *store,
           const char     *call_id,
           AddProjectFunc  add,
           gpointer        user_data,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(NawatStoreReader) reader = NULL;
  g_autoptr(NawatStoreCursor) projects = NULL;
  g_autoptr(NawatStoreCursor) ratings = NULL;

  reader = _nawat_store_reader_open (nawat_store_get_path (store), error);
  if (reader == NULL || !_nawat_store_reader_begin (reader, error))
    return FALSE;
  projects = _nawat_store_reader_query (reader, NAWAT_STORE_READ_CALL_WORK, call_id, error);
  if (projects == NULL)
    return FALSE;
  /* The evaluations' statuses only: no evaluation document is read. */
  ratings = _nawat_store_reader_query (reader, NAWAT_STORE_READ_CALL_STATUSES, call_id, error);
  if (ratings == NULL)
    return FALSE;
  return walk_projects (projects, ratings, add, user_data, cancellable, error);
}

/* What nawat_outstanding_list () gathers, project after project. */
typedef struct
{
  NawatCall  *call;
  const char *evaluator;
  GHashTable *by_name;
} ByEvaluator;

/* Counts the project of the row @project for each evaluator assigned to it
 * (or for the one asked about), whose statuses are at @statuses.
 */
static void
add_to_evaluators (const NawatStoreRow *project,
                   GPtrArray           *assigned,
                   NawatProjectStatus  *statuses,
                   gpointer             user_data)
{
  ByEvaluator *by = user_data;

  for (guint i = 0; i < assigned->len; i++)
    {
      const char *name = g_ptr_array_index (assigned, i);
      NawatOutstanding *outstanding;

      if (by->evaluator != NULL && !g_str_equal (name, by->evaluator))
        continue;
      outstanding = lookup (by->by_name, by->call, name);
      outstanding->n_assigned++;
      if (statuses[i] == NAWAT_PROJECT_STATUS_CONFLICT)
        outstanding->n_conflict++;
      else if (statuses[i] == NAWAT_PROJECT_STATUS_SUBMITTED)
        outstanding->n_submitted++;
      else
        g_ptr_array_add (outstanding->projects, outstanding_project_new (project, statuses[i]));
    }
}

GPtrArray *
nawat_outstanding_list (NawatStore  *store,
                        const char  *call_id,
                        const char  *evaluator,
                        GError     **error)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *call_doc_id = NULL;
  const char * const *evaluators;
  GHashTableIter iter;
  gpointer value;
  ByEvaluator by;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, error);
  if (call == NULL)
    return NULL;

  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) nawat_outstanding_free);
  evaluators = nawat_call_get_evaluators (call);
  for (guint i = 0; evaluators != NULL && evaluators[i] != NULL; i++)
    lookup (by_name, call, evaluators[i]);

  /* Projects come ordered by code, so each evaluator's are too. */
  by = (ByEvaluator) { call, evaluator, by_name };
  if (!walk_call (store, call_id, add_to_evaluators, &by, NULL, error))
    return NULL;

  if (evaluator != NULL && !g_hash_table_contains (by_name, evaluator))
    {
      g_set_error (error, NAWAT_ROUND_ERROR, NAWAT_ROUND_ERROR_NOT_IN_CALL,
                   _("%s is not an evaluator of call “%s”"), evaluator, call_id);
      return NULL;
    }

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_outstanding_free);
  g_hash_table_iter_init (&iter, by_name);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      NawatOutstanding *outstanding = value;

      if (evaluator == NULL || g_str_equal (outstanding->evaluator, evaluator))
        {
          g_hash_table_iter_steal (&iter);
          g_ptr_array_add (list, outstanding);
        }
    }
  g_ptr_array_sort (list, compare_evaluator);

  return g_steal_pointer (&list);
}

static gboolean
is_thai (const char *language)
{
  return language != NULL && g_str_has_prefix (language, "th");
}

static const char *
call_title (NawatCall  *call,
            const char *language)
{
  const char *title = nawat_text_get (nawat_call_get_title (call), language);

  return title != NULL && *title != '\0' ? title : nawat_call_get_call_id (call);
}

char *
nawat_outstanding_dup_subject (NawatCall              *call,
                               const NawatOutstanding *outstanding,
                               const char             *language)
{
  g_return_val_if_fail (NAWAT_IS_CALL (call), NULL);
  g_return_val_if_fail (outstanding != NULL, NULL);

  return nawat_vocabulary_dup_printf (NAWAT_WORD_REMIND_SUBJECT, language,
                                      call_title (call, language));
}

char *
nawat_outstanding_dup_message (NawatCall              *call,
                               const NawatOutstanding *outstanding,
                               const char             *language)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) deadline = NULL;
  g_autofree char *greeting = NULL;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (NAWAT_IS_CALL (call), NULL);
  g_return_val_if_fail (outstanding != NULL, NULL);

  greeting = nawat_vocabulary_dup_printf (NAWAT_WORD_REMIND_GREETING, language,
                                          outstanding->display_name);
  g_string_append_printf (out, "%s\n\n", greeting);

  if (outstanding->projects->len == 0)
    {
      g_autofree char *done = nawat_vocabulary_dup_printf (NAWAT_WORD_REMIND_NOTHING, language,
                                                           call_title (call, language));

      g_string_append_printf (out, "%s\n\n", done);
    }
  else
    {
      intro = nawat_vocabulary_dup_printf (NAWAT_WORD_REMIND_INTRO, language,
                                           call_title (call, language));
      g_string_append_printf (out, "%s\n\n", intro);
      for (guint i = 0; i < outstanding->projects->len; i++)
        {
          NawatOutstandingProject *p = g_ptr_array_index (outstanding->projects, i);
          const char *title = nawat_text_get (p->title, language);

          g_string_append_printf (out, "- %s %s (%s)\n", p->code, title != NULL ? title : "",
                                  nawat_vocabulary_project_status (p->status, language));
        }
      g_string_append_c (out, '\n');

      deadline = nawat_round_dup_deadline (call, outstanding->evaluator);
      if (deadline != NULL)
        {
          g_autoptr(GTimeZone) thailand = g_time_zone_new_offset (7 * 60 * 60);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (deadline, thailand);
          g_autofree char *iso = g_date_time_format_iso8601 (deadline);
          /* The Buddhist Era for Thai, the Common Era for English, as the
           * reports write dates.
           */
          g_autofree char *day = nawat_format_date (iso, language, is_thai (language));
          g_autofree char *time = g_date_time_format (local, "%H:%M");
          g_autofree char *by = nawat_vocabulary_dup_printf (NAWAT_WORD_REMIND_DEADLINE, language,
                                                             day, time);

          g_string_append_printf (out, "%s\n\n", by);
        }
      else
        g_string_append_printf (out, "%s\n\n",
                                nawat_vocabulary_get (NAWAT_WORD_REMIND_NO_DEADLINE, language));
    }

  g_string_append_printf (out, "%s\n", nawat_vocabulary_get (NAWAT_WORD_REMIND_THANKS, language));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
nawat_outstanding_dup_mailto (const char *subject,
                              const char *body)
{
  g_autofree char *s = NULL;
  g_autofree char *b = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *crlf = NULL;

  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail (body != NULL, NULL);

  /* RFC 6068: every reserved character escaped, UTF-8 percent-encoded,
   * lines of the body ending in CRLF.
   */
  lines = g_strsplit (body, "\n", -1);
  crlf = g_strjoinv ("\r\n", lines);
  s = g_uri_escape_string (subject, NULL, FALSE);
  b = g_uri_escape_string (crlf, NULL, FALSE);
  return g_strconcat ("mailto:?subject=", s, "&body=", b, NULL);
}

/* The columns' widths in a workbook, in characters. */
#define WIDTH_EVALUATOR 20
#define WIDTH_CODE 16
#define WIDTH_TITLE 48
#define WIDTH_STATUS 14

gboolean
nawat_outstanding_write (GPtrArray         *list,
                         const char        *language,
                         NawatTableFormat   format,
                         GOutputStream     *output,
                         GError           **error)
{
  g_autoptr(NawatTable) table = NULL;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table = nawat_table_new (format, "outstanding", output, NULL, error);
  if (table == NULL)
    return FALSE;
  nawat_table_header (table, "evaluator", WIDTH_EVALUATOR);
  nawat_table_header (table, "code", WIDTH_CODE);
  nawat_table_header (table, "title", WIDTH_TITLE);
  nawat_table_header (table, "status", WIDTH_STATUS);
  nawat_table_end_row (table);

  for (guint i = 0; i < list->len; i++)
    {
      NawatOutstanding *outstanding = g_ptr_array_index (list, i);

      for (guint j = 0; j < outstanding->projects->len; j++)
        {
          NawatOutstandingProject *p = g_ptr_array_index (outstanding->projects, j);

          nawat_table_text (table, outstanding->evaluator);
          nawat_table_text (table, p->code);
          nawat_table_text (table, nawat_text_get (p->title, language));
          nawat_table_text (table, nawat_vocabulary_project_status (p->status, language));
          nawat_table_end_row (table);
        }
    }
  return nawat_table_close (table, error);
}

/* Per project */

static NawatOutstandingEvaluator *
outstanding_evaluator_new (NawatCall          *call,
                           const char         *evaluator,
                           NawatProjectStatus  status)
{
  NawatOutstandingEvaluator *self = g_new0 (NawatOutstandingEvaluator, 1);
  const NawatEvaluatorProfile *profile = nawat_call_get_profile (call, evaluator);

  self->evaluator = g_strdup (evaluator);
  self->display_name = g_strdup (profile != NULL && profile->display_name != NULL &&
                                 profile->display_name[0] != '\0'
                                 ? profile->display_name : evaluator);
  self->status = status;
  return self;
}

static void
outstanding_evaluator_free (NawatOutstandingEvaluator *self)
{
  g_free (self->evaluator);
  g_free (self->display_name);
  g_free (self);
}

void
nawat_project_outstanding_free (NawatProjectOutstanding *self)
{
  if (self == NULL)
    return;
  g_free (self->project_id);
  g_free (self->code);
  g_clear_pointer (&self->title, nawat_text_free);
  g_clear_pointer (&self->evaluators, g_ptr_array_unref);
  g_free (self);
}

static int
compare_outstanding_evaluator (gconstpointer a,
                               gconstpointer b)
{
  const NawatOutstandingEvaluator *x = *(NawatOutstandingEvaluator * const *) a;
  const NawatOutstandingEvaluator *y = *(NawatOutstandingEvaluator * const *) b;

  return strcmp (x->evaluator, y->evaluator);
}

/* The project of the row @project, whose assigned evaluators @assigned
 * are at @statuses, or NULL when none of them has work outstanding.
 */
static NawatProjectOutstanding *
project_outstanding_new (NawatCall           *call,
                         const NawatStoreRow *project,
                         GPtrArray           *assigned,
                         NawatProjectStatus  *statuses)
{
  NawatProjectOutstanding *self;
  guint n_submitted = 0;
  guint n_conflict = 0;

  for (guint i = 0; i < assigned->len; i++)
    {
      n_submitted += statuses[i] == NAWAT_PROJECT_STATUS_SUBMITTED;
      n_conflict += statuses[i] == NAWAT_PROJECT_STATUS_CONFLICT;
    }
  if (n_submitted + n_conflict == assigned->len)
    return NULL;

  self = g_new0 (NawatProjectOutstanding, 1);
  self->project_id = g_strdup (project->project);
  self->code = g_strdup (project->code);
  self->title = nawat_text_new (project->title_th, project->title_en);
  self->n_assigned = assigned->len;
  self->n_submitted = n_submitted;
  self->n_conflict = n_conflict;
  self->evaluators = g_ptr_array_new_with_free_func ((GDestroyNotify) outstanding_evaluator_free);
  for (guint i = 0; i < assigned->len; i++)
    if (statuses[i] == NAWAT_PROJECT_STATUS_NOT_STARTED || statuses[i] == NAWAT_PROJECT_STATUS_DRAFT)
      g_ptr_array_add (self->evaluators,
                       outstanding_evaluator_new (call, g_ptr_array_index (assigned, i), statuses[i]));
  g_ptr_array_sort (self->evaluators, compare_outstanding_evaluator);
  return self;
}

/* What nawat_outstanding_list_by_project () gathers. */
typedef struct
{
  NawatCall *call;
  GPtrArray *list;
} ByProject;

static void
add_to_projects (const NawatStoreRow *project,
                 GPtrArray           *assigned,
                 NawatProjectStatus  *statuses,
                 gpointer             user_data)
{
  ByProject *by = user_data;
  NawatProjectOutstanding *outstanding = project_outstanding_new (by->call, project,
                                                                  assigned, statuses);

  if (outstanding != NULL)
    g_ptr_array_add (by->list, outstanding);
}

GPtrArray *
nawat_outstanding_list_by_project (NawatStore    *store,
                                   const char    *call_id,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  g_autoptr(NawatCall) call = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *call_doc_id = NULL;
  ByProject by;

  g_return_val_if_fail (NAWAT_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call_doc_id = g_strconcat ("call:", call_id, NULL);
  call = nawat_store_get_call (store, call_doc_id, error);
  if (call == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_project_outstanding_free);
  by = (ByProject) { call, list };
  if (!walk_call (store, call_id, add_to_projects, &by, cancellable, error))
    return NULL;
  return g_steal_pointer (&list);
}

gboolean
nawat_outstanding_write_by_project (GPtrArray         *list,
                                    const char        *language,
                                    NawatTableFormat   format,
                                    GOutputStream     *output,
                                    GError           **error)
{
  g_autoptr(NawatTable) table = NULL;

  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table = nawat_table_new (format, "outstanding", output, NULL, error);
  if (table == NULL)
    return FALSE;
  nawat_table_header (table, "code", WIDTH_CODE);
  nawat_table_header (table, "title", WIDTH_TITLE);
  nawat_table_header (table, "evaluator", WIDTH_EVALUATOR);
  nawat_table_header (table, "status", WIDTH_STATUS);
  nawat_table_end_row (table);

  for (guint i = 0; i < list->len; i++)
    {
      NawatProjectOutstanding *project = g_ptr_array_index (list, i);

      for (guint j = 0; j < project->evaluators->len; j++)
        {
          NawatOutstandingEvaluator *e = g_ptr_array_index (project->evaluators, j);

          nawat_table_text (table, project->code);
          nawat_table_text (table, nawat_text_get (project->title, language));
          nawat_table_text (table, e->evaluator);
          nawat_table_text (table, nawat_vocabulary_project_status (e->status, language));
          nawat_table_end_row (table);
        }
    }
  return nawat_table_close (table, error);
}
