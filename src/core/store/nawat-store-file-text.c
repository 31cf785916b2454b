/* nawat-store-file-text.c: the text of the projects' files
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A project's PDFs are read once per contents, as the contents are kept
 * (by SHA-256, so a file used by several projects is read once): poppler
 * gives the number of pages and each page's text, which "file_texts"
 * keeps casefolded beside a trigram index, "file_fts", as the projects'
 * texts are kept (nawat-store-search.c).  Reading is slow (poppler lays
 * out every page), so it happens in a thread of its own, after files are
 * attached and after a pull (nawat_store_index_later()), one file at a
 * time: the file is read without the store's lock, and only its row is
 * written under it.  Whatever brought the file, the thread reads every
 * held contents that has no row yet.  Contents that are not a PDF, or
 * that poppler cannot read, get a row that says so, and are not read
 * again.  A row goes with its contents (a trigger on "blobs").
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store-internal-private.h"

void
nawat_file_match_free (NawatFileMatch *match)
{
  g_free (match->project_id);
  g_free (match->name);
  g_free (match);
}

static gboolean
starts_as_pdf (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* PDF readers accept the header anywhere in the first kilobyte. */
  return data != NULL && g_strstr_len (data, MIN (size, 1024), "%PDF-") != NULL;
}

/* Poppler 22.02 (Debian 12) defines no autoptr cleanups: unref by hand. */
static char *
read_pages (PopplerDocument *document,
            int              n_pages)
{
  GString *all = g_string_new (NULL);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = page != NULL ? poppler_page_get_text (page) : NULL;

      if (page_text != NULL && g_utf8_validate (page_text, -1, NULL))
        g_string_append (all, page_text);
      g_string_append_c (all, '\n');
      g_clear_object (&page);
    }
  return g_string_free (all, FALSE);
}

gboolean
nawat_pdf_read_text (GBytes  *bytes,
                     int     *n_pages,
                     char   **text,
                     GError **error)
{
  PopplerDocument *document;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (n_pages != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!starts_as_pdf (bytes))
    {
      g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                           _("The file is not a PDF"));
      return FALSE;
    }
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("The PDF cannot be read: %s"), local_error->message);
      return FALSE;
    }

  *n_pages = poppler_document_get_n_pages (document);
  *text = read_pages (document, *n_pages);
  g_object_unref (document);
  return TRUE;
}

/* Reading the store's files */

/* The next held contents, after @after (by SHA-256), with no text row. */
static char *
next_unread (NawatStore  *self,
             const char  *after,
             GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  char *sha256 = NULL;

  _nawat_store_query_text_for_text (self,
                                    "SELECT sha256 FROM blobs AS b WHERE sha256 > ? AND NOT EXISTS "
                                    "(SELECT 1 FROM file_texts AS t WHERE t.sha256 = b.sha256) "
                                    "ORDER BY sha256 LIMIT 1",
                                    after, &sha256, error);
  return sha256;
}

static gboolean
put_text (NawatStore          *self,
          const char          *sha256,
          NawatFileTextState   state,
          int                  n_pages,
          const char          *text,
          GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(NawatStoreStmt) stmt = NULL;

  /* The contents may have been removed meanwhile: then nothing is kept. */
  stmt = store_prepare (self,
                        "INSERT OR IGNORE INTO file_texts (sha256, state, pages, text) "
                        "SELECT sha256, ?, ?, ? FROM blobs WHERE sha256 = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int (stmt, 2, n_pages);
  bind_text_static (stmt, 3, text != NULL ? text : "");
  bind_text_static (stmt, 4, sha256);
  return store_step_done (self, stmt, error);
}

/* Reads the text of the contents @sha256 and keeps it.  Contents that
 * cannot be read from the disk now are left for another time.
 */
static gboolean
read_one (NawatStore  *self,
          const char  *dir,
          const char  *sha256,
          GError     **error)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };
  g_autofree char *path = g_build_filename (dir, prefix, sha256, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  int n_pages = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return TRUE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (!starts_as_pdf (bytes))
    return put_text (self, sha256, NAWAT_FILE_TEXT_NOT_PDF, 0, NULL, error);
  if (!nawat_pdf_read_text (bytes, &n_pages, &text, &local_error))
    return put_text (self, sha256, NAWAT_FILE_TEXT_DAMAGED, 0, NULL, error);

  folded = _nawat_casefold (text);
  return put_text (self, sha256, NAWAT_FILE_TEXT_READ, n_pages, folded, error);
}

/* Reads the next unread contents after @cursor (which it moves on); sets
 * @done when there are none.
 */
static gboolean
read_next (NawatStore  *self,
           const char  *dir,
           char       **cursor,
           gboolean    *done,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = next_unread (self, *cursor != NULL ? *cursor : "", &local_error);

  if (sha256 == NULL)
    {
      *done = TRUE;
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *done = FALSE;
  if (!read_one (self, dir, sha256, error))
    return FALSE;
  g_free (*cursor);
  *cursor = g_steal_pointer (&sha256);
  return TRUE;
}

/* One pass of the store's pool: every unread contents, one at a time. */
static void
file_texts_job (gpointer data,
                gpointer user_data)
{
  NawatStore *self = user_data;
  g_autofree char *dir = nawat_store_dup_blobs_dir (self);
  g_autofree char *cursor = NULL;
  gboolean done = FALSE;

  /* Files committed from now on need another pass. */
  g_atomic_int_set (&self->file_texts_queued, FALSE);
  while (!done && !g_atomic_int_get (&self->file_texts_stop))
    {
      g_autoptr(GError) error = NULL;

      /* The next attach, pull or start goes on from here. */
      if (!read_next (self, dir, &cursor, &done, &error))
        {
          g_warning ("%s", error->message);
          break;
        }
    }
}

static void
pool_free_now (GThreadPool *pool)
{
  g_thread_pool_free (pool, TRUE, TRUE);
}

void
_nawat_store_file_texts_stop (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->file_texts_lock);

  if (self->file_texts_pool == NULL)
    return;
  g_atomic_int_set (&self->file_texts_stop, TRUE);
  g_clear_pointer (&self->file_texts_pool, pool_free_now);
  g_atomic_int_set (&self->file_texts_queued, FALSE);
  g_atomic_int_set (&self->file_texts_stop, FALSE);
}

void
nawat_store_read_file_texts_later (NawatStore *self)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (NAWAT_IS_STORE (self));

  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    return;

  locker = g_mutex_locker_new (&self->file_texts_lock);
  if (self->file_texts_pool == NULL)
    self->file_texts_pool = g_thread_pool_new (file_texts_job, self, 1, FALSE, NULL);
  /* A pass that has not begun yet will see these files too. */
  if (!g_atomic_int_compare_and_exchange (&self->file_texts_queued, FALSE, TRUE))
    return;
  g_thread_pool_push (self->file_texts_pool, GINT_TO_POINTER (1), NULL);
}

gboolean
nawat_store_finish_file_texts (NawatStore    *self,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *cursor = NULL;
  gboolean done = FALSE;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  _nawat_store_file_texts_stop (self);
  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    return TRUE;
  while (!done)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !read_next (self, dir, &cursor, &done, error))
        return FALSE;
    }
  return TRUE;
}

NawatFileTextState
nawat_store_get_file_text_state (NawatStore            *self,
                                 const NawatAttachment *attachment,
                                 int                   *n_pages)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  NawatFileTextState state = NAWAT_FILE_TEXT_UNKNOWN;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NAWAT_FILE_TEXT_UNKNOWN);
  g_return_val_if_fail (attachment != NULL, NAWAT_FILE_TEXT_UNKNOWN);

  if (n_pages != NULL)
    *n_pages = 0;
  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT t.state, t.pages FROM blobs AS b JOIN file_texts AS t "
                        "ON t.sha256 = b.sha256 WHERE b.digest = ? AND b.length = ? LIMIT 1",
                        NULL);
  if (stmt == NULL)
    return NAWAT_FILE_TEXT_UNKNOWN;
  bind_text_static (stmt, 1, attachment->digest);
  sqlite3_bind_int64 (stmt, 2, attachment->length);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NAWAT_FILE_TEXT_UNKNOWN;
  state = sqlite3_column_int (stmt, 0);
  if (state == NAWAT_FILE_TEXT_READ && n_pages != NULL)
    *n_pages = sqlite3_column_int (stmt, 1);
  return state;
}

GPtrArray *
nawat_store_search_files (NawatStore  *self,
                          const char  *text,
                          const char  *call_id,
                          guint        limit,
                          GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_file_match_free);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GMutexLocker) locker = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  if (!_nawat_store_build_file_search (text, call_id, "DISTINCT p.id, a.name, p.code",
                                       sql, params))
    return g_steal_pointer (&found);
  g_string_replace (sql, " WHERE ", " CROSS JOIN project_list p ON p.pk = a.pk WHERE ", 1);
  g_string_append (sql, " ORDER BY p.code, a.name");
  if (limit > 0)
    g_string_append_printf (sql, " LIMIT %u", limit);

  locker = g_mutex_locker_new (&self->lock);
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      sqlite3_finalize (stmt);
      return NULL;
    }
  for (guint i = 0; i < params->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (params, i), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NawatFileMatch *match = g_new0 (NawatFileMatch, 1);

      match->project_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      match->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (found, match);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return NULL;
    }
  return g_steal_pointer (&found);
}
