/* nawat-store-attachments.c: the contents of the projects' files
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the contents live.  Two ways were measured with
 * tests/perf/bench-attachments.c: 200 files of 2 MB (400 MB), each hashed
 * (SHA-256 and MD5) and written durably, one at a time, then read back and
 * checked, from the page cache and from the disk (the files' pages
 * dropped with posix_fadvise).  On 2 processors shared with other work
 * (load average 4.8 to 7.4), wall and processor seconds, from
 * "meson test -C _build/test --benchmark --suite perf attachments":
 *
 *                      files under <store>.blobs   SQLite database of blobs   SQLite/files
 *   write (fsync)       9.25 s wall  4.20 s cpu     14.24 s wall  5.71 s cpu   1.54× 1.36×
 *   read, page cache    5.64 s wall  2.68 s cpu      6.48 s wall  3.01 s cpu   1.15× 1.12×
 *   read, from disk    10.84 s wall  3.08 s cpu     13.54 s wall  3.07 s cpu   1.25× 1.00×
 *
 * (Hashing alone took 6.14 s wall, 3.96 s cpu of each write.)  SQLite
 * writes each blob twice, to its write-ahead log and then to the database
 * at the checkpoint, and reads it back through a chain of overflow pages;
 * a file is written once and read in one go.  Files are faster both ways,
 * and a damaged file harms only itself, not the database of every blob.
 *
 * So each file's contents are a file of their own, named by the SHA-256
 * of the contents: "<store>.blobs/<first 2 hex digits>/<SHA-256 in hex>".
 * The same contents are kept once however many projects (or names) use
 * them.  A file is written to a temporary file in the same directory,
 * synced and renamed, so that no one ever sees it half-written; it counts
 * as held once its row in "blobs" (its SHA-256, CouchDB's MD5 digest and
 * its length) is committed, with the project's stub, in one transaction.
 * The rows of "project_attachments" follow the projects' documents (the
 * store writes them with each project): when no project uses a digest
 * any more, its contents are removed, the row and the file together,
 * under the store's write lock.  A writer checks, under that same lock,
 * that the file it wrote is still there before it commits, so a removal
 * and an attachment of the same contents cannot cross.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store-internal-private.h"

#define MB (G_GINT64_CONSTANT (1024) * 1024)
#define MAX_FILE (NAWAT_STORE_MAX_FILE_MB * MB)
#define MAX_CALL (NAWAT_STORE_MAX_CALL_MB * MB)
#define TMP_PREFIX ".tmp-"
/* What an interrupted write left is removed once this old, in seconds:
 * a younger one may be another process's write on its way.
 */
#define STALE_AGE (60 * 60)
/* What an interrupted download left is kept this long for a resumption, in
 * seconds, then collected.
 */
#define PART_PREFIX ".part-"
#define PART_AGE (7 * 24 * 60 * 60)

char *
nawat_store_dup_blobs_dir (NawatStore *self)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  gsize length;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);

  if (self->path == NULL || *self->path == '\0' || g_str_equal (self->path, ":memory:"))
    return NULL;

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  length = strlen (base);
  if (g_str_has_suffix (base, ".db") && length > 3)
    base[length - 3] = '\0';
  return g_strdup_printf ("%s%c%s.blobs", dir, G_DIR_SEPARATOR, base);
}

static char *
blob_path (const char *dir,
           const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (dir, prefix, sha256, NULL);
}

static char *
format_mb (gint64 bytes)
{
  return g_strdup_printf ("%.1f", (double) bytes / MB);
}

/* CouchDB's digest of the contents @md5 was fed: "md5-<Base64>". */
static char *
format_md5 (GChecksum *md5)
{
  guint8 bytes[16];
  gsize length = sizeof bytes;

  g_checksum_get_digest (md5, bytes, &length);
  return nawat_attachment_format_digest (bytes);
}

/* Whether the contents @md5 was fed have @attachment's digest. */
static gboolean
digest_matches (GChecksum             *md5,
                const NawatAttachment *attachment)
{
  g_autofree char *digest = format_md5 (md5);

  return g_str_equal (digest, attachment->digest);
}

/* The project's rows, lock and transaction held */

/* Removes the contents of @digest when no project uses it any more. */
static gboolean
remove_unused (NawatStore  *self,
               const char  *digest,
               GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_auto(GStrv) unused = NULL;
  g_autofree char *dir = nawat_store_dup_blobs_dir (self);

  stmt = store_prepare (self,
                        "SELECT sha256 FROM blobs WHERE digest = ?1 AND NOT EXISTS "
                        "(SELECT 1 FROM project_attachments WHERE digest = ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, digest);
  unused = store_collect_strv (self, stmt, error);
  if (unused == NULL)
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  for (guint i = 0; unused[i] != NULL; i++)
    {
      if (dir != NULL)
        {
          g_autofree char *path = blob_path (dir, unused[i]);

          g_unlink (path);
        }
      if (!_nawat_store_exec_with_id (self, "DELETE FROM blobs WHERE sha256 = ?", unused[i], error))
        return FALSE;
    }
  return TRUE;
}

/* Lists @project's files (stored as @pk; NULL: deleted) in place of those
 * it had, and removes the contents of those no project uses any more.
 */
gboolean
_nawat_store_put_attachments (NawatStore    *self,
                              NawatProject  *project,
                              gint64         pk,
                              GError       **error)
{
  GPtrArray *attachments = project != NULL ? nawat_project_get_attachments (project) : NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_auto(GStrv) dropped = NULL;

  stmt = store_prepare (self, "DELETE FROM project_attachments WHERE pk = ? RETURNING digest",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  dropped = store_collect_strv (self, stmt, error);
  if (dropped == NULL)
    return FALSE;
  g_clear_pointer (&stmt, store_stmt_release);

  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      const NawatAttachment *attachment = attachments->pdata[i];

      stmt = store_prepare (self,
                            "INSERT OR REPLACE INTO project_attachments "
                            "(pk, name, call, digest, length) VALUES (?, ?, ?, ?, ?)",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pk);
      bind_text_static (stmt, 2, attachment->name);
      bind_text_static (stmt, 3, nawat_project_get_call (project));
      bind_text_static (stmt, 4, attachment->digest);
      sqlite3_bind_int64 (stmt, 5, attachment->length);
      if (!store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, store_stmt_release);
    }

  for (guint i = 0; dropped[i] != NULL; i++)
    if (!remove_unused (self, dropped[i], error))
      return FALSE;
  return TRUE;
}

/* Attaching */

typedef struct
{
  GFile  *file;
  char   *name;
  char   *content_type;
  gint64  length;
  char   *sha256;
  char   *digest;
} Pending;

static void
pending_free (Pending *p)
{
  g_clear_object (&p->file);
  g_free (p->name);
  g_free (p->content_type);
  g_free (p->sha256);
  g_free (p->digest);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static char *
describe (GFile *file)
{
  return g_file_get_parse_name (file);
}

static char *
guess_content_type (const char *name)
{
  g_autofree char *guess = g_content_type_guess (name, NULL, 0, NULL);
  g_autofree char *mime = guess != NULL ? g_content_type_get_mime_type (guess) : NULL;

  if (mime == NULL || !nawat_attachment_check_content_type (mime, NULL))
    return g_strdup ("application/octet-stream");
  return g_steal_pointer (&mime);
}

/* What can be known of @file before reading it: readable, its name, its
 * size within the limit.
 */
static Pending *
check_file (GFile   *file,
            GError **error)
{
  g_autoptr(Pending) p = g_new0 (Pending, 1);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *shown = describe (file);
  g_autofree char *size = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("Cannot read “%s”: %s"), shown, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("Cannot attach “%s”: it is not a file"), shown);
      return NULL;
    }
  if (g_file_peek_path (file) != NULL && g_access (g_file_peek_path (file), R_OK) != 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("Cannot read “%s”: %s"), shown, g_strerror (errno));
      return NULL;
    }

  p->file = g_object_ref (file);
  p->name = g_file_get_basename (file);
  if (!nawat_attachment_check_name (p->name, &local_error))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("Cannot attach “%s”: %s"), shown, local_error->message);
      return NULL;
    }
  p->length = g_file_info_get_size (info);
  if (p->length > MAX_FILE)
    {
      size = format_mb (p->length);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("Cannot attach “%s”: it is %s MB, over the limit of %d MB per file"),
                   shown, size, NAWAT_STORE_MAX_FILE_MB);
      return NULL;
    }
  p->content_type = guess_content_type (p->name);
  return g_steal_pointer (&p);
}

static gboolean
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

/* Copies @p's file into a temporary file of @dir while hashing it, syncs
 * it and renames it to its SHA-256: never seen half-written.
 */
static gboolean
write_blob (const char  *dir,
            Pending     *p,
            GError     **error)
{
  g_autofree char *tmp = g_build_filename (dir, TMP_PREFIX "XXXXXX", NULL);
  g_autofree char *shown = describe (p->file);
  g_autofree char *target = NULL;
  g_autofree char *parent = NULL;
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autoptr(GError) local_error = NULL;
  gint64 total = 0;
  gssize n;
  int fd = -1;

  input = g_file_read (p->file, NULL, &local_error);
  if (input == NULL)
    goto failed;

  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (tmp, O_RDWR, 0600)) < 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Cannot write the store’s files in “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  while ((n = g_input_stream_read (G_INPUT_STREAM (input), buffer, 256 * 1024, NULL,
                                   &local_error)) > 0)
    {
      total += n;
      if (total > MAX_FILE)
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("Cannot attach “%s”: it is over the limit of %d MB per file"),
                       shown, NAWAT_STORE_MAX_FILE_MB);
          goto cleanup;
        }
      g_checksum_update (sha256, buffer, n);
      g_checksum_update (md5, buffer, n);
      if (!write_all (fd, buffer, n))
        goto write_failed;
    }
  if (n < 0)
    {
      close (fd);
      g_unlink (tmp);
      goto failed;
    }
  if (fsync (fd) != 0)
    goto write_failed;
  close (fd);
  fd = -1;

  p->length = total;
  p->sha256 = g_strdup (g_checksum_get_string (sha256));
  p->digest = format_md5 (md5);
  target = blob_path (dir, p->sha256);
  parent = g_path_get_dirname (target);
  if (g_mkdir_with_parents (parent, 0700) != 0 || g_rename (tmp, target) != 0 ||
      !sync_dir (parent))
    goto write_failed;
  return TRUE;

write_failed:
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
               _("Cannot write the store’s files in “%s”: %s"), dir, g_strerror (errno));
cleanup:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;

failed:
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
               _("Cannot read “%s”: %s"), shown, local_error->message);
  return FALSE;
}

/* What call ?'s files come to. */
#define SUM_ATTACHED "SELECT coalesce (sum (length), 0) FROM project_attachments WHERE call = ?"

/* What @call_id's files come to, without those of @project that @pending
 * replace; lock held.
 */
static gboolean
call_total (NawatStore    *self,
            NawatProject  *project,
            GPtrArray     *pending,
            gint64        *total,
            GError       **error)
{
  *total = 0;
  if (!_nawat_store_query_int_for_text (self, SUM_ATTACHED, nawat_project_get_call (project),
                                        total, error))
    return FALSE;

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = pending->pdata[i];
      const NawatAttachment *replaced = nawat_project_get_attachment (project, p->name);

      if (replaced != NULL)
        *total -= replaced->length;
      *total += p->length;
    }
  return TRUE;
}

static gboolean
check_call_limit (NawatStore    *self,
                  NawatProject  *project,
                  GPtrArray     *pending,
                  GError       **error)
{
  g_autofree char *size = NULL;
  gint64 total;

  if (!call_total (self, project, pending, &total, error))
    return FALSE;
  if (total <= MAX_CALL)
    return TRUE;

  size = format_mb (total);
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
               _("The files of the call “%s” would come to %s MB, over the limit of %d MB "
                 "per call"),
               nawat_project_get_call (project), size, NAWAT_STORE_MAX_CALL_MB);
  return FALSE;
}

/* Checks every file and the project before anything is written. */
static GPtrArray *
check_files (NawatStore  *self,
             const char  *project_id,
             GPtrArray   *files,
             GError     **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(NawatDocument) project = NULL;
  g_autoptr(GMutexLocker) locker = NULL;

  for (guint i = 0; i < files->len; i++)
    {
      Pending *p = check_file (files->pdata[i], error);

      if (p == NULL)
        return NULL;
      g_ptr_array_add (pending, p);
      if (!g_hash_table_add (names, p->name))
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                       _("Two files are named “%s”: a project’s files have names of their own"),
                       p->name);
          return NULL;
        }
    }

  locker = g_mutex_locker_new (&self->lock);
  project = _nawat_store_read_project_locked (self, project_id, error);
  if (project == NULL || !check_call_limit (self, NAWAT_PROJECT (project), pending, error))
    return NULL;
  return g_steal_pointer (&pending);
}

/* Stores @pending's stubs in the project, under the write lock: the
 * contents are there (a removal may have come between), the call's limit
 * still holds.
 */
static NawatProject *
store_stubs (NawatStore  *self,
             const char  *project_id,
             const char  *dir,
             GPtrArray   *pending,
             GError     **error)
{
  g_autoptr(NawatDocument) document = NULL;

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self), NULL;
  document = _nawat_store_read_project_locked (self, project_id, error);
  if (document == NULL || !check_call_limit (self, NAWAT_PROJECT (document), pending, error))
    return store_abandon_write (self), NULL;

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = pending->pdata[i];
      g_autofree char *path = blob_path (dir, p->sha256);
      g_autoptr(NawatStoreStmt) stmt = NULL;
      g_autoptr(NawatAttachment) attachment = NULL;
      GStatBuf buf;

      if (g_stat (path, &buf) != 0 || buf.st_size != p->length)
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                       _("The contents of “%s” were removed from the store meanwhile: "
                         "attach it again"), p->name);
          return store_abandon_write (self), NULL;
        }
      stmt = store_prepare (self,
                            "INSERT OR IGNORE INTO blobs (sha256, digest, length) VALUES (?, ?, ?)",
                            error);
      if (stmt == NULL)
        return store_abandon_write (self), NULL;
      bind_text_static (stmt, 1, p->sha256);
      bind_text_static (stmt, 2, p->digest);
      sqlite3_bind_int64 (stmt, 3, p->length);
      if (!store_step_done (self, stmt, error))
        return store_abandon_write (self), NULL;

      attachment = nawat_attachment_new (p->name, p->content_type, p->length, p->digest);
      nawat_project_set_attachment (NAWAT_PROJECT (document), attachment);
    }

  if (!_nawat_store_put_document (self, document, NULL, error) ||
      !store_exec (self, "COMMIT", error))
    return store_abandon_write (self), NULL;
  g_mutex_unlock (&self->lock);
  _nawat_store_emit_project_changed (self, project_id);
  return NAWAT_PROJECT (g_steal_pointer (&document));
}

NawatProject *
nawat_store_attach_files (NawatStore  *self,
                          const char  *project_id,
                          GPtrArray   *files,
                          GError     **error)
{
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *dir = NULL;
  NawatProject *project;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (files != NULL, NULL);

  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    {
      g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                           _("A store in memory holds no files: this needs a store in a file"));
      return NULL;
    }

  pending = check_files (self, project_id, files, error);
  if (pending == NULL)
    return NULL;

  for (guint i = 0; i < pending->len; i++)
    if (!write_blob (dir, pending->pdata[i], error))
      return NULL;

  project = store_stubs (self, project_id, dir, pending, error);
  /* The files' text is read in the background (nawat-store-file-text.c). */
  if (project != NULL)
    nawat_store_read_file_texts_later (self);
  return project;
}

/* Reading */

/* The SHA-256 of the contents held for @attachment, or NULL. */
static char *
held_sha256 (NawatStore            *self,
             const NawatAttachment *attachment)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autoptr(NawatStoreStmt) stmt = NULL;

  stmt = store_prepare (self, "SELECT sha256 FROM blobs WHERE digest = ? AND length = ? LIMIT 1",
                        NULL);
  if (stmt == NULL)
    return NULL;
  bind_text_static (stmt, 1, attachment->digest);
  sqlite3_bind_int64 (stmt, 2, attachment->length);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Whether the file of @sha256 in @dir is there with @length bytes; FALSE
 * when either is NULL.
 */
static gboolean
blob_is_whole (const char *dir,
               const char *sha256,
               gint64      length)
{
  g_autofree char *path = NULL;
  GStatBuf buf;

  if (dir == NULL || sha256 == NULL)
    return FALSE;
  path = blob_path (dir, sha256);
  return g_stat (path, &buf) == 0 && buf.st_size == length;
}

gboolean
nawat_store_holds_attachment (NawatStore            *self,
                              const NawatAttachment *attachment)
{
  g_autofree char *dir = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);

  dir = nawat_store_dup_blobs_dir (self);
  sha256 = held_sha256 (self, attachment);
  return blob_is_whole (dir, sha256, attachment->length);
}

GBytes *
nawat_store_read_attachment (NawatStore             *self,
                             const NawatAttachment  *attachment,
                             GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (attachment != NULL, NULL);

  dir = nawat_store_dup_blobs_dir (self);
  sha256 = held_sha256 (self, attachment);
  if (dir != NULL && sha256 != NULL)
    {
      path = blob_path (dir, sha256);
      if (!g_file_get_contents (path, &contents, &length, &local_error) &&
          !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                       _("Cannot read the file “%s” from the store: %s"),
                       attachment->name, local_error->message);
          return NULL;
        }
    }
  if (contents == NULL)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                   _("The store does not hold the file “%s” offline"), attachment->name);
      return NULL;
    }

  check = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *) contents, length);
  g_checksum_update (md5, (const guint8 *) contents, length);
  if ((gint64) length != attachment->length || !g_str_equal (check, sha256) ||
      !digest_matches (md5, attachment))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                   _("The file “%s” is damaged in the store: its contents do not match its "
                     "digest"), attachment->name);
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

gboolean
nawat_store_extract_attachment (NawatStore             *self,
                                const NawatAttachment  *attachment,
                                GFile                  *file,
                                GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = nawat_store_read_attachment (self, attachment, error);
  if (bytes == NULL)
    return FALSE;

  /* GIO writes a temporary file beside it and renames it. */
  if (!g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL,
                                &local_error))
    {
      g_autofree char *shown = describe (file);

      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Cannot write “%s”: %s"), shown, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Collecting */

static gboolean
is_stale (const char *path,
          gint64      now)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 && now - buf.st_mtime >= STALE_AGE;
}

static gboolean
has_blob_row (NawatStore *self,
              const char *sha256)
{
  g_autoptr(NawatStoreStmt) stmt = store_prepare (self, "SELECT 1 FROM blobs WHERE sha256 = ?",
                                                  NULL);

  if (stmt == NULL)
    return TRUE;
  bind_text_static (stmt, 1, sha256);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* Files of @dir that no row describes (an interrupted write's), old enough. */
static guint
remove_strays (NawatStore *self,
               const char *dir)
{
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;
  guint n = 0;

  while (top != NULL && (name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GDir) sub = NULL;
      const char *blob;

      if (g_str_has_prefix (name, TMP_PREFIX))
        {
          if (is_stale (path, now) && g_unlink (path) == 0)
            n++;
          continue;
        }
      if (g_str_has_prefix (name, PART_PREFIX))
        {
          GStatBuf buf;

          if (g_stat (path, &buf) == 0 && now - buf.st_mtime >= PART_AGE && g_unlink (path) == 0)
            n++;
          continue;
        }
      sub = g_dir_open (path, 0, NULL);
      while (sub != NULL && (blob = g_dir_read_name (sub)) != NULL)
        {
          g_autofree char *blob_file = g_build_filename (path, blob, NULL);

          if (!has_blob_row (self, blob) && is_stale (blob_file, now) && g_unlink (blob_file) == 0)
            n++;
        }
    }
  return n;
}

gboolean
nawat_store_collect_attachments (NawatStore  *self,
                                 guint       *n_removed,
                                 GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) unused = NULL;
  guint n = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self);
  stmt = store_prepare (self,
                        "SELECT sha256 FROM blobs AS b WHERE NOT EXISTS "
                        "(SELECT 1 FROM project_attachments AS a WHERE a.digest = b.digest)",
                        error);
  if (stmt == NULL)
    return store_abandon_write (self);
  unused = store_collect_strv (self, stmt, error);
  g_clear_pointer (&stmt, store_stmt_release);
  if (unused == NULL)
    return store_abandon_write (self);

  for (guint i = 0; unused[i] != NULL; i++)
    {
      g_autofree char *path = blob_path (dir, unused[i]);

      if (g_unlink (path) == 0)
        n++;
      if (!_nawat_store_exec_with_id (self, "DELETE FROM blobs WHERE sha256 = ?", unused[i], error))
        return store_abandon_write (self);
    }
  n += remove_strays (self, dir);

  if (!store_exec (self, "COMMIT", error))
    return store_abandon_write (self);
  g_mutex_unlock (&self->lock);
  if (n_removed != NULL)
    *n_removed = n;
  return TRUE;
}

/* Downloads */

void
nawat_store_missing_free (NawatStoreMissing *missing)
{
  if (missing == NULL)
    return;
  g_free (missing->project_id);
  g_free (missing->call_id);
  g_clear_pointer (&missing->attachment, nawat_attachment_free);
  g_free (missing);
}

GPtrArray *
nawat_store_list_missing_attachments (NawatStore  *self,
                                      const char  *call_id,
                                      gint64      *total,
                                      GError     **error)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_store_missing_free);
  /* the held contents of each of @all, or NULL */
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  if (total != NULL)
    *total = 0;

  {
    g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
    g_autoptr(NawatStoreStmt) stmt = NULL;

    /* One row per digest: the first project (by code) that uses it, with
     * the contents the store holds for it, if any.
     */
    stmt = store_prepare (self,
                          "SELECT p.id, a.name, a.digest, a.length, min (p.code), b.sha256 "
                          "FROM project_attachments AS a JOIN projects AS p ON p.pk = a.pk "
                          "LEFT JOIN blobs AS b ON b.digest = a.digest AND b.length = a.length "
                          "WHERE a.call = ? GROUP BY a.digest, a.length ORDER BY 5, 2",
                          error);
    if (stmt == NULL)
      return NULL;
    bind_text_static (stmt, 1, call_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        NawatStoreMissing *m = g_new0 (NawatStoreMissing, 1);

        m->project_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
        m->call_id = g_strdup (call_id);
        m->attachment = nawat_attachment_new ((const char *) sqlite3_column_text (stmt, 1),
                                              "application/octet-stream",
                                              sqlite3_column_int64 (stmt, 3),
                                              (const char *) sqlite3_column_text (stmt, 2));
        g_ptr_array_add (all, m);
        g_ptr_array_add (held, g_strdup ((const char *) sqlite3_column_text (stmt, 5)));
      }
    if (rc != SQLITE_DONE)
      {
        _nawat_store_set_error (error, self->db, rc, self->path);
        return NULL;
      }
  }

  /* The files on disk are looked at without the lock. */
  dir = nawat_store_dup_blobs_dir (self);
  missing = g_ptr_array_new_with_free_func ((GDestroyNotify) nawat_store_missing_free);
  for (guint i = 0; i < all->len; i++)
    {
      NawatStoreMissing *m = all->pdata[i];

      if (blob_is_whole (dir, held->pdata[i], m->attachment->length))
        continue;
      if (total != NULL)
        *total += m->attachment->length;
      g_ptr_array_add (missing, g_steal_pointer (&all->pdata[i]));
    }
  return g_steal_pointer (&missing);
}

static char *
part_path (const char            *dir,
           const NawatAttachment *attachment)
{
  g_autofree char *key = g_strdup_printf ("%s %" G_GINT64_FORMAT, attachment->digest,
                                          attachment->length);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strconcat (PART_PREFIX, hash, NULL);

  return g_build_filename (dir, name, NULL);
}

gint64
nawat_store_get_partial_attachment (NawatStore            *self,
                                    const NawatAttachment *attachment)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GStatBuf buf;

  g_return_val_if_fail (NAWAT_IS_STORE (self), 0);
  g_return_val_if_fail (attachment != NULL, 0);

  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    return 0;
  path = part_path (dir, attachment);
  if (g_stat (path, &buf) != 0 || buf.st_size > attachment->length)
    return 0;
  return buf.st_size;
}

/* The bytes the call's held contents come to; lock held. */
static gboolean
call_held (NawatStore  *self,
           const char  *call_id,
           gint64      *held,
           GError     **error)
{
  return _nawat_store_query_int_for_text (self,
                                          "SELECT coalesce (sum (length), 0) FROM blobs WHERE "
                                          "digest IN (SELECT digest FROM project_attachments "
                                          "WHERE call = ?)",
                                          call_id, held, error);
}

static gboolean
check_download_limits (NawatStore             *self,
                       const char             *call_id,
                       const NawatAttachment  *attachment,
                       gint64                  pending,
                       GError                **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *size = NULL;
  gint64 held = 0;

  if (attachment->length > MAX_FILE)
    {
      size = format_mb (attachment->length);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("The file “%s” is %s MB, over the limit of %d MB per file: not kept "
                     "offline"), attachment->name, size, NAWAT_STORE_MAX_FILE_MB);
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);
  if (!call_held (self, call_id, &held, error))
    return FALSE;
  if (held + pending + attachment->length > MAX_CALL)
    {
      size = format_mb (held + pending + attachment->length);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
                   _("The file “%s” would bring the files of the call “%s” to %s MB, over "
                     "the limit of %d MB per call: not kept offline"),
                   attachment->name, call_id, size, NAWAT_STORE_MAX_CALL_MB);
      return FALSE;
    }
  return TRUE;
}

/* Opens the partial file of a download, keeping its first @offset bytes
 * (hashed into @sha256 and @md5) when it has them, else empty.
 */
static int
open_part (const char  *path,
           gint64       offset,
           GChecksum   *sha256,
           GChecksum   *md5,
           guint8      *buffer,
           gsize        buffer_size)
{
  GStatBuf buf;
  gint64 left = offset;
  int fd;

  if (offset <= 0)
    return g_open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (g_stat (path, &buf) != 0 || buf.st_size < offset)
    {
      errno = ENOENT;
      return -1;
    }

  fd = g_open (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return -1;
  while (left > 0)
    {
      ssize_t n = read (fd, buffer, MIN ((gint64) buffer_size, left));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          return -1;
        }
      g_checksum_update (sha256, buffer, n);
      g_checksum_update (md5, buffer, n);
      left -= n;
    }
  if (ftruncate (fd, offset) != 0 || lseek (fd, offset, SEEK_SET) != offset)
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Commits the row of contents written to their place; lock not held. */
static gboolean
commit_blob (NawatStore  *self,
             const char  *sha256,
             const char  *digest,
             gint64       length,
             GError     **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self);
  stmt = store_prepare (self,
                        "INSERT OR IGNORE INTO blobs (sha256, digest, length) VALUES (?, ?, ?)",
                        error);
  if (stmt == NULL)
    return store_abandon_write (self);
  bind_text_static (stmt, 1, sha256);
  bind_text_static (stmt, 2, digest);
  sqlite3_bind_int64 (stmt, 3, length);
  if (!store_step_done (self, stmt, error))
    return store_abandon_write (self);
  g_clear_pointer (&stmt, store_stmt_release);
  if (!store_exec (self, "COMMIT", error))
    return store_abandon_write (self);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

gboolean
nawat_store_add_attachment_contents (NawatStore             *self,
                                     const char             *call_id,
                                     const NawatAttachment  *attachment,
                                     GInputStream           *input,
                                     gint64                  offset,
                                     NawatStoreContentsFunc  func,
                                     gpointer                user_data,
                                     GCancellable           *cancellable,
                                     GError                **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *part = NULL;
  g_autofree char *target = NULL;
  g_autofree char *parent = NULL;
  g_autofree guint8 *buffer = NULL;
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autoptr(GError) local_error = NULL;
  gint64 total = offset;
  gssize n;
  int fd;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (input), FALSE);
  g_return_val_if_fail (offset >= 0, FALSE);

  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    {
      g_set_error_literal (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                           _("A store in memory holds no files: this needs a store in a file"));
      return FALSE;
    }
  if (!check_download_limits (self, call_id, attachment, 0, error))
    return FALSE;

  buffer = g_malloc (256 * 1024);
  part = part_path (dir, attachment);
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (fd = open_part (part, MIN (offset, attachment->length), sha256, md5, buffer,
                       256 * 1024)) < 0)
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Cannot write the store’s files in “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }

  while ((n = g_input_stream_read (input, buffer, 256 * 1024, cancellable, &local_error)) > 0)
    {
      if (total + n > attachment->length)
        break;
      g_checksum_update (sha256, buffer, n);
      g_checksum_update (md5, buffer, n);
      if (!write_all (fd, buffer, n))
        {
          g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                       _("Cannot write the store’s files in “%s”: %s"), dir, g_strerror (errno));
          close (fd);
          return FALSE;
        }
      total += n;
      if (func != NULL)
        func (n, user_data);
    }

  if (n < 0 || (n == 0 && total < attachment->length))
    {
      /* Cut short: what came is kept for a resumption. */
      fsync (fd);
      close (fd);
      if (local_error == NULL)
        g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                     _("The download of “%s” ended early"), attachment->name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (n > 0 || !digest_matches (md5, attachment))
    {
      close (fd);
      g_unlink (part);
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT,
                   _("The server sent the file “%s” with contents that do not match its "
                     "digest: refused"), attachment->name);
      return FALSE;
    }

  target = blob_path (dir, g_checksum_get_string (sha256));
  parent = g_path_get_dirname (target);
  if (fsync (fd) != 0 || close (fd) != 0 || g_mkdir_with_parents (parent, 0700) != 0 ||
      g_rename (part, target) != 0 || !sync_dir (parent))
    {
      g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED,
                   _("Cannot write the store’s files in “%s”: %s"), dir, g_strerror (errno));
      g_unlink (part);
      return FALSE;
    }
  return commit_blob (self, g_checksum_get_string (sha256), attachment->digest, total, error);
}

gboolean
nawat_store_forget_attachment (NawatStore             *self,
                               const NawatAttachment  *attachment,
                               GError                **error)
{
  g_autoptr(NawatStoreStmt) stmt = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) held = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);

  dir = nawat_store_dup_blobs_dir (self);
  if (dir == NULL)
    return TRUE;

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self);
  stmt = store_prepare (self,
                        "DELETE FROM blobs WHERE digest = ? AND length = ? RETURNING sha256",
                        error);
  if (stmt == NULL)
    return store_abandon_write (self);
  bind_text_static (stmt, 1, attachment->digest);
  sqlite3_bind_int64 (stmt, 2, attachment->length);
  held = store_collect_strv (self, stmt, error);
  g_clear_pointer (&stmt, store_stmt_release);
  if (held == NULL)
    return store_abandon_write (self);
  for (guint i = 0; held[i] != NULL; i++)
    {
      g_autofree char *path = blob_path (dir, held[i]);

      g_unlink (path);
    }
  if (!store_exec (self, "COMMIT", error))
    return store_abandon_write (self);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* Detaching */

NawatProject *
nawat_store_detach_files (NawatStore          *self,
                          const char          *project_id,
                          const char * const  *names,
                          GError             **error)
{
  g_autoptr(NawatDocument) document = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), NULL);
  g_return_val_if_fail (project_id != NULL, NULL);
  g_return_val_if_fail (names != NULL, NULL);

  g_mutex_lock (&self->lock);
  if (!store_exec (self, "BEGIN IMMEDIATE", error))
    return store_abandon_write (self), NULL;
  document = _nawat_store_read_project_locked (self, project_id, error);
  if (document == NULL)
    return store_abandon_write (self), NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if (!nawat_project_remove_attachment (NAWAT_PROJECT (document), names[i]))
      {
        g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND,
                     _("The project %s has no file named “%s”"), project_id, names[i]);
        return store_abandon_write (self), NULL;
      }

  /* Storing the project removes the contents no project uses any more. */
  if (!_nawat_store_put_document (self, document, NULL, error) ||
      !store_exec (self, "COMMIT", error))
    return store_abandon_write (self), NULL;
  g_mutex_unlock (&self->lock);
  _nawat_store_emit_project_changed (self, project_id);
  return NAWAT_PROJECT (g_steal_pointer (&document));
}

/* Checking ahead */

gboolean
nawat_store_check_file_to_attach (GFile   *file,
                                  gint64  *length,
                                  GError **error)
{
  g_autoptr(Pending) p = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  p = check_file (file, error);
  if (p == NULL)
    return FALSE;
  if (length != NULL)
    *length = p->length;
  return TRUE;
}

gboolean
nawat_store_check_call_files (NawatStore  *self,
                              const char  *call_id,
                              gint64       adding,
                              GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *size = NULL;
  gint64 total = 0;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  if (!_nawat_store_query_int_for_text (self, SUM_ATTACHED, call_id, &total, error))
    return FALSE;
  total += adding;
  if (total <= MAX_CALL)
    return TRUE;

  size = format_mb (total);
  g_set_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID,
               _("The files of the call “%s” would come to %s MB, over the limit of %d MB "
                 "per call"),
               call_id, size, NAWAT_STORE_MAX_CALL_MB);
  return FALSE;
}

/* The reader's place in a document */

gboolean
nawat_store_get_document_place (NawatStore *self,
                                const char *digest,
                                guint      *page,
                                double     *zoom)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self, "SELECT page, zoom FROM document_places WHERE digest = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, digest);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (page != NULL)
    *page = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  if (zoom != NULL)
    *zoom = sqlite3_column_double (stmt, 1);
  return TRUE;
}

gboolean
nawat_store_set_document_place (NawatStore  *self,
                                const char  *digest,
                                guint        page,
                                double       zoom,
                                GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(NawatStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  stmt = store_prepare (self,
                        "INSERT INTO document_places (digest, page, zoom) VALUES (?, ?, ?)"
                        " ON CONFLICT (digest) DO UPDATE SET page = excluded.page,"
                        " zoom = excluded.zoom",
                        error);
  if (stmt == NULL)
    return FALSE;
  bind_text_static (stmt, 1, digest);
  sqlite3_bind_int64 (stmt, 2, page);
  sqlite3_bind_double (stmt, 3, zoom);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      _nawat_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }
  return TRUE;
}

/* Checking a download ahead */

gboolean
nawat_store_check_file_to_download (NawatStore             *self,
                                    const char             *call_id,
                                    const NawatAttachment  *attachment,
                                    gint64                  pending,
                                    GError                **error)
{
  g_return_val_if_fail (NAWAT_IS_STORE (self), FALSE);
  g_return_val_if_fail (call_id != NULL, FALSE);
  g_return_val_if_fail (attachment != NULL, FALSE);
  g_return_val_if_fail (pending >= 0, FALSE);

  return check_download_limits (self, call_id, attachment, pending, error);
}
