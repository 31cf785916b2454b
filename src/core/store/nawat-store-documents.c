/* nawat-store-documents.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-codec.h"
#include "nawat-domains.h"
#include "nawat-places.h"
#include "nawat-store-internal-private.h"

#include <glib/gi18n-lib.h>

/* Writing documents; the caller holds the lock and a transaction. */

/* A local write that changes the stored text of a published call, its
 * rubric or one of its projects marks the call changed since its publish
 * (migration 8); a pull brings the server's version and marks nothing.
 * @sql's first parameter names the document, the second is its new text,
 * the third the call's id.  Costs one lookup of a small table when no call
 * is published.
 */
static gboolean
mark_published_changed (NawatStore   *self,
                        const char   *sql,
                        const char   *id,
                        const char   *json,
                        const char   *call_id,
                        GError      **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  if (self->pulling)
    return TRUE;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, id);
  bind_text_static (stmt, 2, json);
  if (call_id != NULL)
    bind_text_static (stmt, 3, call_id);
  return store_step_done (self, stmt, error);
}

static gboolean
put_call (NawatStore  *self,
          NawatCall   *call,
          const char  *json,
          GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  if (!mark_published_changed (self,
                               "UPDATE call_published SET changed = 1, changed_during = 1 "
                               "WHERE call = ?3 AND (SELECT json FROM calls WHERE id = ?1) IS NOT ?2",
                               nawat_document_get_id (NAWAT_DOCUMENT (call)), json,
                               nawat_call_get_call_id (call), error))
    return FALSE;

  stmt = store_prepare (self,
                        "INSERT INTO calls (id, year_be, json) VALUES (?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET year_be = excluded.year_be, "
                        "json = excluded.json",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, nawat_document_get_id (NAWAT_DOCUMENT (call)));
  sqlite3_bind_int (stmt, 2, nawat_call_get_year_be (call));
  bind_text_static (stmt, 3, json);

  return store_step_done (self, stmt, error);
}

static gboolean
put_rubric (NawatStore   *self,
            NawatRubric  *rubric,
            const char   *json,
            GError      **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  const char *id = nawat_document_get_id (NAWAT_DOCUMENT (rubric));

  /* The calls scored against it; a call naming none has the default. */
  if (!mark_published_changed (self,
                               "UPDATE call_published SET changed = 1, changed_during = 1 "
                               "WHERE 'call:' || call IN (SELECT id FROM calls WHERE "
                               "coalesce (json_extract (json, '$.rubric'), 'rubric:default:1') = ?1) "
                               "AND (SELECT json FROM rubrics WHERE id = ?1) IS NOT ?2",
                               id, json, NULL, error))
    return FALSE;

  stmt = store_prepare (self,
                        "INSERT INTO rubrics (id, json) VALUES (?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET json = excluded.json",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, id);
  bind_text_static (stmt, 2, json);
  if (!store_step_done (self, stmt, error))
    return FALSE;

  g_hash_table_replace (self->rubrics, g_strdup (id), g_object_ref (rubric));
  return TRUE;
}

static char *
join_partners (NawatProject *project)
{
  GPtrArray *partners = nawat_project_get_partners (project);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; partners != NULL && i < partners->len; i++)
    {
      const NawatPartner *partner = g_ptr_array_index (partners, i);

      if (partner->name == NULL)
        continue;
      if (str->len > 0)
        g_string_append_c (str, '\n');
      g_string_append (str, partner->name);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* The key of the last project in the search index: those after it are
 * left to the catching up (or, during an import, to the rebuild at its end).
 */
static gint64
caught_up_to (NawatStore *self)
{
  return self->index_upto >= 0 ? self->index_upto : G_MAXINT64;
}

static gint64
indexed_upto (NawatStore *self)
{
  return self->defer_fts ? 0 : caught_up_to (self);
}

/* Take the terms of the project with id ?1, as stored, out of the search
 * indexes, if they are in them (key up to ?2): terms never added must not
 * be taken out.
 */
static const char * const delete_terms_sql[] = {
  "INSERT INTO project_fts (project_fts, rowid, title_th, title_en, summary_th, summary_en, "
  "organisation, partners) SELECT 'delete', pk, title_th, title_en, summary_th, summary_en, "
  "organisation, partners FROM project_fts_src "
  "WHERE pk = (SELECT pk FROM projects WHERE id = ?1) AND pk <= ?2",
  "INSERT INTO project_grams (project_grams, rowid, grams) SELECT 'delete', pk, "
  "nawat_grams (text) FROM project_text "
  "WHERE pk = (SELECT pk FROM projects WHERE id = ?1) AND pk <= ?2",
};

/* Put the terms of the projects with keys in (?1, ?2] into the search
 * indexes.
 */
static const char * const add_terms_sql[] = {
  "INSERT INTO project_fts (rowid, title_th, title_en, summary_th, summary_en, organisation, "
  "partners) SELECT pk, title_th, title_en, summary_th, summary_en, organisation, partners "
  "FROM project_fts_src WHERE pk > ?1 AND pk <= ?2",
  "INSERT INTO project_grams (rowid, grams) SELECT pk, nawat_grams (text) FROM project_text "
  "WHERE pk > ?1 AND pk <= ?2",
};

gboolean
_nawat_store_add_terms (NawatStore  *self,
                        gint64       after,
                        gint64       upto,
                        GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (add_terms_sql); i++)
    {
      g_autoptr(NawatStoreStmt) stmt = store_prepare (self, add_terms_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, after);
      sqlite3_bind_int64 (stmt, 2, upto);
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
delete_project_terms (NawatStore  *self,
                      const char  *id,
                      GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (delete_terms_sql); i++)
    {
      g_autoptr(NawatStoreStmt) stmt = store_prepare (self, delete_terms_sql[i], error);

      if (stmt == NULL)
        return FALSE;
      bind_text_static (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, indexed_upto (self));
      if (!store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The project's evaluators, in place of those it had (none when @fresh). */
static gboolean
put_assigned (NawatStore    *self,
              NawatProject  *project,
              gint64         pk,
              gboolean       fresh,
              GError       **error)
{
  const char * const *assigned = nawat_project_get_assigned (project);
  g_autoptr(NawatStoreStmt) stmt = NULL;

  if (!fresh)
    {
      stmt = store_prepare (self, "DELETE FROM project_assigned WHERE pk = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      if (!store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, store_stmt_release);
    }

  for (guint i = 0; assigned != NULL && assigned[i] != NULL; i++)
    {
      stmt = store_prepare (self,
                            "INSERT OR IGNORE INTO project_assigned (call, evaluator, code, pk) "
                            "VALUES (?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      bind_text_static (stmt, 1, nawat_project_get_call (project));
      bind_text_static (stmt, 2, assigned[i]);
      bind_text_static (stmt, 3, nawat_project_get_code (project));
      sqlite3_bind_int64 (stmt, 4, pk);
      if (!store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, store_stmt_release);
    }

  return TRUE;
}

static gboolean
put_project (NawatStore    *self,
             NawatProject  *project,
             const char    *json,
             GError       **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  const NawatText *title = nawat_project_get_title (project);
  const char * const *domains = nawat_project_get_domains (project);
  const char *title_th = title ? title->th : NULL;
  const char *title_en = title ? title->en : NULL;
  const NawatProvince *province = NULL;
  g_autofree char *sort_th = NULL;
  g_autofree char *sort_en = NULL;
  g_autofree char *partners = NULL;
  gint64 mask = 0;
  gint64 pk;
  /* An import into an empty store writes each project of its file once
   * (a second one with the same id is refused before it is written), as
   * a new row: there are no terms, evaluators or files of an older
   * version to take out.
   */
  gboolean fresh = self->defer_fts;
  GPtrArray *attachments = nawat_project_get_attachments (project);

  if (nawat_project_get_province (project) != NULL)
    province = nawat_province_lookup (nawat_project_get_province (project));

  for (guint i = 0; domains != NULL && domains[i] != NULL; i++)
    {
      int index = nawat_domain_index (domains[i]);

      if (index >= 0)
        mask |= G_GINT64_CONSTANT (1) << index;
    }

  sort_th = _nawat_sort_key (title_th ? title_th : title_en);
  sort_en = _nawat_sort_key (title_en ? title_en : title_th);

  /* The index keeps no copy of the texts: the terms of the version being
   * replaced are taken out while it is still stored.
   */
  if (!fresh &&
      !delete_project_terms (self, nawat_document_get_id (NAWAT_DOCUMENT (project)), error))
    return FALSE;

  if (!mark_published_changed (self,
                               "UPDATE call_published SET changed = 1, changed_during = 1 "
                               "WHERE call = ?3 AND (SELECT json FROM projects WHERE id = ?1) IS NOT ?2",
                               nawat_document_get_id (NAWAT_DOCUMENT (project)), json,
                               nawat_project_get_call (project), error))
    return FALSE;

  stmt = store_prepare (self,
                        "INSERT INTO projects (id, call, code, title_th, title_en, "
                        "sort_th, sort_en, organisation, province, region, "
                        "primary_domain, domain_mask, json, reach) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (id) DO UPDATE SET call = excluded.call, "
                        "code = excluded.code, title_th = excluded.title_th, "
                        "title_en = excluded.title_en, sort_th = excluded.sort_th, "
                        "sort_en = excluded.sort_en, organisation = excluded.organisation, "
                        "province = excluded.province, region = excluded.region, "
                        "primary_domain = excluded.primary_domain, "
                        "domain_mask = excluded.domain_mask, json = excluded.json, "
                        "reach = excluded.reach "
                        "RETURNING pk",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_text_static (stmt, 1, nawat_document_get_id (NAWAT_DOCUMENT (project)));
  bind_text_static (stmt, 2, nawat_project_get_call (project));
  bind_text_static (stmt, 3, nawat_project_get_code (project));
  bind_text_static (stmt, 4, title_th);
  bind_text_static (stmt, 5, title_en);
  bind_text_static (stmt, 6, sort_th);
  bind_text_static (stmt, 7, sort_en);
  bind_text_static (stmt, 8, nawat_project_get_organisation (project));
  bind_text_static (stmt, 9, nawat_project_get_province (project));
  bind_text_static (stmt, 10, province ? province->region : NULL);
  bind_text_static (stmt, 11, domains ? domains[0] : NULL);
  sqlite3_bind_int64 (stmt, 12, mask);
  bind_text_static (stmt, 13, json);
  bind_text_static (stmt, 14, nawat_project_get_reach (project));

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _nawat_store_set_error (error, self->db, sqlite3_reset (stmt), self->path);
      return FALSE;
    }
  pk = sqlite3_column_int64 (stmt, 0);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  stmt = store_prepare (self,
                        "INSERT OR REPLACE INTO project_list (pk, id, call, code, title_th, "
                        "title_en, sort_th, sort_en, organisation, province, region, "
                        "primary_domain, domain_mask, reach) SELECT pk, id, call, code, title_th, "
                        "title_en, iif (pk > ?2, '', sort_th), iif (pk > ?2, '', sort_en), "
                        "organisation, province, region, primary_domain, domain_mask, reach "
                        "FROM projects WHERE pk = ?1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  /* A bulk load leaves the order by title to the catching up too: it
   * would insert at random places in the list's indexes by title, and
   * rewrite most of their pages with each batch.  (An import sorts them
   * at once.)
   */
  sqlite3_bind_int64 (stmt, 2, caught_up_to (self));
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  partners = join_partners (project);
  {
    g_autofree char *joined = g_strjoin ("\n", title_th ? title_th : "", title_en ? title_en : "",
                                         nawat_project_get_organisation (project)
                                           ? nawat_project_get_organisation (project) : "",
                                         partners, NULL);
    g_autofree char *folded = _nawat_casefold (joined);

    stmt = store_prepare (self, "INSERT OR REPLACE INTO project_text (pk, text) VALUES (?, ?)",
                          error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, pk);
    bind_text_static (stmt, 2, folded);
    if (!store_step_done (self, stmt, error))
      return FALSE;
    g_clear_pointer (&stmt, store_stmt_release);
  }

  stmt = store_prepare (self,
                        "INSERT OR REPLACE INTO project_partners (pk, names) VALUES (?, ?)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  bind_text_static (stmt, 2, *partners != '\0' ? partners : NULL);
  if (!store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  if (!put_assigned (self, project, pk, fresh, error))
    return FALSE;
  if ((!fresh || (attachments != NULL && attachments->len > 0)) &&
      !_nawat_store_put_attachments (self, project, pk, error))
    return FALSE;

  /* A bulk load into an empty store builds the indexes after it. */
  if (pk > indexed_upto (self))
    return TRUE;

  return _nawat_store_add_terms (self, pk - 1, pk, error);
}

/* Stores @document; @text, when not NULL, is its JSON as the server sent
 * it.
 */
gboolean
_nawat_store_put_document (NawatStore     *self,
                           NawatDocument  *document,
                           const char     *text,
                           GError        **error)
{
  g_autofree char *json = NULL;

  /* A project's text as it came is as good as the codec's, and writing it
   * again is a good part of a pull's time.  An evaluation's is always the
   * codec's: it is compared with the texts of its later versions.
   */
  if (NAWAT_IS_PROJECT (document) && text != NULL)
    return put_project (self, NAWAT_PROJECT (document), text, error);

  json = nawat_codec_to_data (document, NULL);
  if (NAWAT_IS_PROJECT (document))
    return put_project (self, NAWAT_PROJECT (document), json, error);
  if (NAWAT_IS_EVALUATION (document))
    return _nawat_store_put_evaluation (self, NAWAT_EVALUATION (document), json, FALSE, error);
  if (NAWAT_IS_CALL (document))
    return put_call (self, NAWAT_CALL (document), json, error);
  if (NAWAT_IS_RUBRIC (document))
    return put_rubric (self, NAWAT_RUBRIC (document), json, error);

  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
               _("%s: type: unknown document type"),
               nawat_document_get_id (document));
  return FALSE;
}

gboolean
nawat_store_put_documents (NawatStore  *self,
                           GPtrArray   *documents,
                           GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  for (guint i = 0; i < documents->len; i++)
    if (!_nawat_store_put_document (self, g_ptr_array_index (documents, i), NULL, error))
      goto fail;

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);
  _nawat_store_emit_reset (self);
  return TRUE;

fail:
  return store_abandon_write (self);
}

/* The files of project @id, which is being deleted. */
static gboolean
forget_attachments (NawatStore  *self,
                    const char  *id,
                    GError     **error)
{
  gint64 pk = -1;

  if (!_nawat_store_query_int_for_text (self, "SELECT pk FROM projects WHERE id = ?", id, &pk,
                                        error))
    return FALSE;
  return pk < 0 || _nawat_store_put_attachments (self, NULL, pk, error);
}

/* Deletes @id inside the caller's transaction, lock held; @project receives
 * the project whose rows changed, if any.
 */
gboolean
_nawat_store_delete_document_locked (NawatStore  *self,
                                     const char  *id,
                                     char       **project,
                                     GError     **error)
{
  if (g_str_has_prefix (id, "project:"))
    {
      const char *sqls[] = {
        "DELETE FROM project_text WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
        "DELETE FROM project_list WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
        "DELETE FROM project_partners WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
        "DELETE FROM project_assigned WHERE pk = (SELECT pk FROM projects WHERE id = ?)",
      };

      if (!delete_project_terms (self, id, error) || !forget_attachments (self, id, error))
        return FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
        {
          g_autoptr(NawatStoreStmt) stmt = store_prepare (self, sqls[i], error);

          if (stmt == NULL)
            return FALSE;
          bind_text_static (stmt, 1, id);
          if (!store_step_done (self, stmt, error))
            return FALSE;
        }
      *project = g_strdup (id);
    }
  else if (g_str_has_prefix (id, "evaluation:") &&
           !_nawat_store_query_text_for_text (self, "SELECT project FROM evaluations WHERE id = ?",
                                              id, project, error))
    return FALSE;

  {
    const char *sql = NULL;
    g_autoptr(NawatStoreStmt) stmt = NULL;

    if (g_str_has_prefix (id, "project:"))
      sql = "DELETE FROM projects WHERE id = ?";
    else if (g_str_has_prefix (id, "evaluation:"))
      sql = "DELETE FROM evaluations WHERE id = ?";
    else if (g_str_has_prefix (id, "call:"))
      sql = "DELETE FROM calls WHERE id = ?";
    else if (g_str_has_prefix (id, "rubric:"))
      sql = "DELETE FROM rubrics WHERE id = ?";

    if (sql != NULL)
      {
        stmt = store_prepare (self, sql, error);
        if (stmt == NULL)
          return FALSE;
        bind_text_static (stmt, 1, id);
        if (!store_step_done (self, stmt, error))
          return FALSE;
      }
  }

  g_hash_table_remove (self->rubrics, id);
  return TRUE;
}

gboolean
nawat_store_delete_document (NawatStore  *self,
                             const char  *id,
                             GError     **error)
{
  g_autofree char *project = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_mutex_lock (&self->lock);

  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    goto fail;

  if (!_nawat_store_delete_document_locked (self, id, &project, error))
    goto fail;

  if (!store_exec (self, "COMMIT", error))
    goto fail;

  g_mutex_unlock (&self->lock);

  /* A deletion moves every row after it: lists read everything again. */
  if (project != NULL)
    _nawat_store_emit_reset (self);
  return TRUE;

fail:
  rollback (self);
  g_mutex_unlock (&self->lock);
  return FALSE;
}

/* Reading */

NawatDocument *
_nawat_store_document_from_column (NawatStore    *self,
                                   sqlite3_stmt  *stmt,
                                   int            column,
                                   GType          type,
                                   GError       **error)
{
  const char *json = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(NawatDocument) document = NULL;

  if (json == NULL)
    return NULL;

  document = nawat_codec_from_data (json, -1, error);
  if (document == NULL)
    return NULL;

  if (!g_type_is_a (G_OBJECT_TYPE (document), type))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                   _("%s: type: unexpected document type in the store"),
                   nawat_document_get_id (document));
      return NULL;
    }

  return g_steal_pointer (&document);
}

/* The documents of the JSON in the first column of every row of @stmt;
 * called with the store's lock held.
 */
static GPtrArray *
collect_documents (NawatStore    *self,
                   sqlite3_stmt  *stmt,
                   GType          type,
                   GError       **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NawatDocument *document = _nawat_store_document_from_column (self, stmt, 0, type, error);

      if (document == NULL)
        return NULL;
      g_ptr_array_add (result, document);
    }

  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }

  return g_steal_pointer (&result);
}

GPtrArray *
_nawat_store_list (NawatStore  *self,
                   const char  *sql,
                   const char  *param,
                   GType        type,
                   GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  if (param != NULL)
    bind_text_static (stmt, 1, param);

  return collect_documents (self, stmt, type, error);
}

gpointer
_nawat_store_get (NawatStore  *self,
                  const char  *sql,
                  const char  *id,
                  GType        type,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = _nawat_store_list (self, sql, id, type, error);

  if (list == NULL)
    return NULL;

  if (list->len == 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("No document “%s” in the store"), id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (list, 0));
}

GPtrArray *
nawat_store_list_calls (NawatStore  *self,
                        GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  return _nawat_store_list (self, "SELECT json FROM calls ORDER BY year_be DESC, id",
                            NULL, NAWAT_TYPE_CALL, error);
}

NawatCall *
nawat_store_get_call (NawatStore  *self,
                      const char  *id,
                      GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _nawat_store_get (self, "SELECT json FROM calls WHERE id = ?", id, NAWAT_TYPE_CALL, error);
}

NawatRubric *
nawat_store_get_rubric (NawatStore  *self,
                        const char  *id,
                        GError     **error)
{
  NawatRubric *rubric;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  g_mutex_lock (&self->lock);
  rubric = _nawat_store_lookup_rubric (self, id);
  if (rubric != NULL)
    g_object_ref (rubric);
  g_mutex_unlock (&self->lock);

  if (rubric == NULL)
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("No document “%s” in the store"), id);

  return rubric;
}

NawatRubric *
nawat_store_get_call_rubric (NawatStore  *self,
                             NawatCall   *call,
                             GError     **error)
{
  const char *id;
  NawatRubric *rubric = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (NAWAT_IS_CALL (call), NULL);

  id = nawat_call_get_rubric (call);
  if (id != NULL)
    rubric = nawat_store_get_rubric (self, id, NULL);
  if (rubric == NULL && nawat_rubric_get_default () != NULL)
    rubric = g_object_ref (nawat_rubric_get_default ());

  if (rubric == NULL)
    g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                 _("The rubric of call “%s” could not be loaded"),
                 nawat_call_get_call_id (call));

  return rubric;
}

NawatProject *
nawat_store_get_project (NawatStore  *self,
                         const char  *id,
                         GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return _nawat_store_get (self, "SELECT json FROM projects WHERE id = ?", id,
                           NAWAT_TYPE_PROJECT, error);
}

GPtrArray *
nawat_store_list_projects_page (NawatStore  *self,
                                const char  *call_id,
                                const char  *after_code,
                                guint        limit,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT json FROM projects WHERE call = ? AND code > ? "
                        "ORDER BY code LIMIT ?", error);
  if (stmt == NULL)
    return NULL;

  bind_text_static (stmt, 1, call_id);
  bind_text_static (stmt, 2, after_code != NULL ? after_code : "");
  sqlite3_bind_int64 (stmt, 3, limit);

  return collect_documents (self, stmt, NAWAT_TYPE_PROJECT, error);
}
