/* nawat-store-published.c: a call's last publish
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-store.h"

#include "nawat-store-internal-private.h"

/* The table call_published (migration 8 says why it lives in the store).
 * Publish writes it through the two functions below, and the writes of
 * nawat-store-documents.c mark a published call changed.
 */

gboolean
nawat_store_begin_publish (NawatStore  *self,
                           const char  *call_id,
                           GError     **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);

  /* Only for a call of the store: a mistyped id leaves nothing behind. */
  return store_write (self,
                      "INSERT INTO call_published (call) SELECT ?1 "
                      "WHERE EXISTS (SELECT 1 FROM calls WHERE id = 'call:' || ?1) "
                      "ON CONFLICT (call) DO UPDATE SET changed_during = 0",
                      call_id, NULL, NULL, NULL, error);
}

gboolean
nawat_store_record_publish (NawatStore  *self,
                            const char  *call_id,
                            const char  *server,
                            const char  *rev,
                            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *time = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  return store_write (self,
                      "INSERT INTO call_published (call, time, server, rev) VALUES (?1, ?2, ?3, ?4) "
                      "ON CONFLICT (call) DO UPDATE SET time = excluded.time, "
                      "server = excluded.server, rev = excluded.rev, changed = changed_during",
                      call_id, time, server, rev, error);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
nawat_store_get_published (NawatStore           *self,
                           const char           *call_id,
                           NawatStorePublished  *published,
                           GError              **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (published != NULL, FALSE);

  nawat_store_published_clear (published);
  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "SELECT time, server, rev, changed FROM call_published "
                        "WHERE call = ? AND time IS NOT NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, call_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      published->time = column_dup (stmt, 0);
      published->server = column_dup (stmt, 1);
      published->rev = column_dup (stmt, 2);
      published->changed = sqlite3_column_int (stmt, 3) != 0;
    }
  else if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

void
nawat_store_published_clear (NawatStorePublished *published)
{
  g_return_if_fail (published != NULL);

  g_clear_pointer (&published->time, g_free);
  g_clear_pointer (&published->server, g_free);
  g_clear_pointer (&published->rev, g_free);
  published->changed = FALSE;
}
