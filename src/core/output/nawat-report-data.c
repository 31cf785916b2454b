/* nawat-report-data.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"

#include "nawat-codec.h"

#include <glib/gi18n-lib.h>

/* Data access: a reader of the store's file, of our own. */

/* Turns a failure to read the store into the report's error. */
static gboolean
report_read_error (GError  *read_error,
                   GError **error)
{
  g_set_error_literal (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED, read_error->message);
  g_error_free (read_error);
  return FALSE;
}

NawatProject *
_nawat_report_load_project (NawatReport  *self,
                            const char   *id,
                            GError      **error)
{
  g_autoptr(NawatStoreCursor) cursor = NULL;
  g_autoptr(NawatDocument) doc = NULL;
  GError *read_error = NULL;
  NawatStoreRow row;

  cursor = _nawat_store_reader_query (self->reader, NAWAT_STORE_READ_PROJECT, id, &read_error);
  if (cursor != NULL && _nawat_store_cursor_next (cursor, &row, &read_error))
    doc = nawat_codec_from_data (row.json, row.json_length, error);
  else if (read_error == NULL)
    g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                 _("There is no project “%s”"), id);
  else
    report_read_error (read_error, error);
  g_clear_pointer (&cursor, _nawat_store_cursor_close);
  if (doc == NULL)
    return NULL;
  if (!NAWAT_IS_PROJECT (doc))
    {
      g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                   _("There is no project “%s”"), id);
      return NULL;
    }
  return NAWAT_PROJECT (g_steal_pointer (&doc));
}

/* The evaluations of @id shown in this report, by evaluator. */
GPtrArray *
_nawat_report_load_evaluations (NawatReport  *self,
                                const char   *id,
                                GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NawatStoreCursor) cursor = NULL;
  GError *read_error = NULL;
  NawatStoreRow row;

  cursor = _nawat_store_reader_query (self->reader, NAWAT_STORE_READ_PROJECT_EVALUATIONS, id,
                                      &read_error);
  while (cursor != NULL && _nawat_store_cursor_next (cursor, &row, &read_error))
    {
      g_autoptr(NawatDocument) doc = NULL;

      doc = nawat_codec_from_data (row.json, row.json_length, error);
      if (doc == NULL)
        return NULL;
      if (!NAWAT_IS_EVALUATION (doc))
        continue;
      if (self->evaluator != NULL &&
          g_strcmp0 (nawat_evaluation_get_evaluator (NAWAT_EVALUATION (doc)), self->evaluator) != 0)
        continue;
      g_ptr_array_add (list, g_steal_pointer (&doc));
    }
  if (read_error != NULL)
    {
      report_read_error (read_error, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Page furniture */
/* The code and the title (in the report's language) of project @id, read
 * from the store: titles are not kept.  NULL when the project is gone.
 */
char *
_nawat_report_dup_title (NawatReport  *self,
                         const char   *id,
                         char        **code)
{
  g_autoptr(NawatStoreCursor) cursor = NULL;
  char *title = NULL;
  NawatStoreRow row;

  cursor = _nawat_store_reader_query (self->reader, NAWAT_STORE_READ_PROJECT_TITLE, id, NULL);
  if (cursor != NULL && _nawat_store_cursor_next (cursor, &row, NULL))
    {
      NawatText text = { (char *) row.title_th, (char *) row.title_en };

      title = g_strdup (text_get (self, &text));
      if (code != NULL)
        *code = g_strdup (row.code);
    }
  return title;
}

void
_nawat_report_close_db (NawatReport *self)
{
  g_clear_pointer (&self->reader, _nawat_store_reader_free);
}

gboolean
_nawat_report_open_db (NawatReport  *self,
                       GError      **error)
{
  const char *path = nawat_store_get_path (self->store);

  if (self->reader != NULL)
    return TRUE;
  self->reader = _nawat_store_reader_open (path, error);
  return self->reader != NULL;
}

gboolean
_nawat_report_list_projects (NawatReport  *self,
                             GError      **error)
{
  g_ptr_array_set_size (self->projects, 0);
  if (self->kind == NAWAT_REPORT_PROJECT)
    {
      g_ptr_array_add (self->projects, g_strdup (self->project_id));
      return TRUE;
    }
  if (self->stats != NULL)
    {
      /* in ranking order, unranked projects last */
      const guint *order = nawat_call_stats_get_ranking (self->stats, FALSE);
      guint n = nawat_call_stats_get_n_projects (self->stats);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->projects,
                         g_strdup (nawat_call_stats_get_project (self->stats, order[i])->project_id));
      return TRUE;
    }
  else
    {
      g_autoptr(NawatStoreCursor) cursor = NULL;
      GError *read_error = NULL;
      NawatStoreRow row;

      cursor = _nawat_store_reader_query (self->reader, NAWAT_STORE_READ_CALL_PROJECTS,
                                          self->call_id, &read_error);
      while (cursor != NULL && _nawat_store_cursor_next (cursor, &row, &read_error))
        g_ptr_array_add (self->projects, g_strdup (row.project));
      if (read_error != NULL)
        return report_read_error (read_error, error);
      return TRUE;
    }
}
