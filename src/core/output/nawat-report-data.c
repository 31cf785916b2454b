/* nawat-report-data.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-report-private.h"
#include "nawat-store-private.h"

#include "nawat-codec.h"

#include <glib/gi18n-lib.h>

/* Data access: a read-only connection of our own. */

static gboolean
report_db_error (NawatReport  *self,
                 GError      **error)
{
  g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_FAILED,
               _("Cannot read the store %s: %s"),
               nawat_store_get_path (self->store),
               self->db != NULL ? sqlite3_errmsg (self->db) : _("out of memory"));
  return FALSE;
}

NawatProject *
_nawat_report_load_project (NawatReport  *self,
                            const char   *id,
                            GError      **error)
{
  g_autoptr(NawatDocument) doc = NULL;
  int rc;

  sqlite3_reset (self->project_stmt);
  sqlite3_bind_text (self->project_stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->project_stmt);
  if (rc == SQLITE_ROW)
    doc = nawat_codec_from_data ((const char *) sqlite3_column_text (self->project_stmt, 0),
                                 sqlite3_column_bytes (self->project_stmt, 0), error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, NAWAT_REPORT_ERROR, NAWAT_REPORT_ERROR_NOT_FOUND,
                 _("There is no project “%s”"), id);
  else
    report_db_error (self, error);
  sqlite3_reset (self->project_stmt);
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
  int rc;

  sqlite3_reset (self->eval_stmt);
  sqlite3_bind_text (self->eval_stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (self->eval_stmt)) == SQLITE_ROW)
    {
      g_autoptr(NawatDocument) doc = NULL;

      doc = nawat_codec_from_data ((const char *) sqlite3_column_text (self->eval_stmt, 0),
                                   sqlite3_column_bytes (self->eval_stmt, 0), error);
      if (doc == NULL)
        {
          sqlite3_reset (self->eval_stmt);
          return NULL;
        }
      if (!NAWAT_IS_EVALUATION (doc))
        continue;
      if (self->evaluator != NULL &&
          g_strcmp0 (nawat_evaluation_get_evaluator (NAWAT_EVALUATION (doc)), self->evaluator) != 0)
        continue;
      g_ptr_array_add (list, g_steal_pointer (&doc));
    }
  sqlite3_reset (self->eval_stmt);
  if (rc != SQLITE_DONE)
    {
      report_db_error (self, error);
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
  char *title = NULL;

  sqlite3_reset (self->title_stmt);
  sqlite3_bind_text (self->title_stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->title_stmt) == SQLITE_ROW)
    {
      NawatText text = {
        (char *) sqlite3_column_text (self->title_stmt, 1),
        (char *) sqlite3_column_text (self->title_stmt, 2),
      };

      title = g_strdup (text_get (self, &text));
      if (code != NULL)
        *code = g_strdup ((const char *) sqlite3_column_text (self->title_stmt, 0));
    }
  sqlite3_reset (self->title_stmt);
  return title;
}

void
_nawat_report_close_db (NawatReport *self)
{
  g_clear_pointer (&self->project_stmt, sqlite3_finalize);
  g_clear_pointer (&self->title_stmt, sqlite3_finalize);
  g_clear_pointer (&self->eval_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

gboolean
_nawat_report_open_db (NawatReport  *self,
                       GError      **error)
{
  const char *path = nawat_store_get_path (self->store);

  if (self->db != NULL)
    return TRUE;
  self->db = _nawat_store_open_reader (path, SQLITE_OPEN_NOMUTEX, error);
  if (self->db == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "SELECT json FROM projects WHERE id = ?", -1,
                          &self->project_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT code, title_th, title_en FROM projects WHERE id = ?", -1,
                          &self->title_stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT json FROM evaluations WHERE project = ? "
                                    "ORDER BY project, evaluator", -1,
                          &self->eval_stmt, NULL) != SQLITE_OK)
    {
      report_db_error (self, error);
      _nawat_report_close_db (self);
      return FALSE;
    }
  return TRUE;
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
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (self->db, "SELECT id FROM projects WHERE call = ? ORDER BY call, code",
                              -1, &stmt, NULL) != SQLITE_OK)
        return report_db_error (self, error);
      sqlite3_bind_text (stmt, 1, self->call_id, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (self->projects, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        return report_db_error (self, error);
      return TRUE;
    }
}
