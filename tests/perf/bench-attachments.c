/* bench-attachments.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where a project's files are kept, measured: content-addressed files
 * under the store's directory (written to a temporary file, fsync'd and
 * renamed; the way nawat-store-attachments.c keeps them) against a
 * separate SQLite database of blobs (WAL, one transaction per file,
 * synchronous=FULL, so that each is as durable as an fsync'd file).  Both
 * write the same N files of S MB, each hashed (SHA-256 and MD5) as the
 * store hashes them, then read every file back and check its SHA-256:
 * once from the page cache, once after the kernel was told to drop the
 * files' pages (posix_fadvise, which needs no privilege and touches no
 * other file), so from the disk.
 *
 *   bench-attachments [--files N] [--mb S] [--dir DIR]
 */

#include "config.h"

#include "bench-common.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct
{
  double wall;
  double cpu;
} Span;

static Span
span_start (void)
{
  return (Span) { now (), cpu_seconds () };
}

static Span
span_end (Span start)
{
  return (Span) { now () - start.wall, cpu_seconds () - start.cpu };
}

/* File @i's contents: @base with its index in the first bytes. */
static void
fill (guint8 *data,
      gsize   size,
      guint   i)
{
  memcpy (data, &i, sizeof i);
  (void) size;
}

static char *
hash_both (const guint8 *data,
           gsize         size)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);

  g_checksum_update (md5, data, size);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
}

static void
drop_cache (const char *path)
{
  int fd = open (path, O_RDONLY);

  if (fd < 0)
    return;
  posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
  close (fd);
}

/* Files */

static char *
blob_path (const char *dir,
           const char *sha)
{
  char prefix[3] = { sha[0], sha[1], '\0' };

  return g_build_filename (dir, prefix, sha, NULL);
}

static void
files_write (const char   *dir,
             const guint8 *data,
             gsize         size,
             char         *sha)
{
  g_autofree char *path = blob_path (dir, sha);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (parent, ".tmp-XXXXXX", NULL);
  int fd;
  gsize done = 0;

  g_mkdir_with_parents (parent, 0700);
  fd = g_mkstemp (tmp);
  g_assert (fd >= 0);
  while (done < size)
    {
      ssize_t n = write (fd, data + done, size - done);

      g_assert (n > 0);
      done += n;
    }
  g_assert (fsync (fd) == 0);
  close (fd);
  g_assert (g_rename (tmp, path) == 0);
  fd = open (parent, O_RDONLY | O_DIRECTORY);
  fsync (fd);
  close (fd);
}

static void
files_read (const char *dir,
            const char *sha)
{
  g_autofree char *path = blob_path (dir, sha);
  g_autofree char *contents = NULL;
  g_autofree char *check = NULL;
  gsize length;

  g_assert (g_file_get_contents (path, &contents, &length, NULL));
  check = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guint8 *) contents, length);
  g_assert_cmpstr (check, ==, sha);
}

/* SQLite */

static sqlite3 *
db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  g_assert (sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                          "CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB)",
                          NULL, NULL, NULL) == SQLITE_OK);
  return db;
}

static void
db_write (sqlite3      *db,
          const guint8 *data,
          gsize         size,
          const char   *sha)
{
  sqlite3_stmt *stmt = NULL;

  g_assert (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO blobs VALUES (?, ?)", -1, &stmt,
                                NULL) == SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  sqlite3_bind_blob64 (stmt, 2, data, size, SQLITE_STATIC);
  g_assert (sqlite3_step (stmt) == SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
db_read (sqlite3    *db,
         const char *sha)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *check = NULL;

  g_assert (sqlite3_prepare_v2 (db, "SELECT data FROM blobs WHERE sha256 = ?", -1, &stmt,
                                NULL) == SQLITE_OK);
  sqlite3_bind_text (stmt, 1, sha, -1, SQLITE_STATIC);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  check = g_compute_checksum_for_data (G_CHECKSUM_SHA256, sqlite3_column_blob (stmt, 0),
                                       sqlite3_column_bytes (stmt, 0));
  g_assert_cmpstr (check, ==, sha);
  sqlite3_finalize (stmt);
}

static void
print_row (const char *what,
           Span        files,
           Span        db,
           double      mb)
{
  g_print ("%-22s files %6.2f s wall %6.2f s cpu %7.0f MB/s | sqlite %6.2f s wall %6.2f s cpu "
           "%7.0f MB/s | sqlite/files %.2f× wall %.2f× cpu\n",
           what, files.wall, files.cpu, mb / files.wall, db.wall, db.cpu, mb / db.wall,
           db.wall / files.wall, db.cpu / files.cpu);
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) env_args = bench_args_from_env (&argc, &argv);
  g_autofree char *dir = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GPtrArray) shas = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int n_files = 200;
  int mb = 2;
  GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_INT, &n_files, "Files to write and read", "N" },
    { "mb", 0, 0, G_OPTION_ARG_INT, &mb, "Size of each file in MB", "S" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Work in DIR (emptied first)", "DIR" },
    { NULL }
  };
  gsize size;
  double total_mb;
  sqlite3 *db;
  Span hashing, files_w, db_w, files_r, db_r, files_c, db_c, s;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *rm = NULL;

  (void) env_args;
  context = g_option_context_new ("— files against an SQLite database of blobs");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (dir == NULL)
    dir = g_dir_make_tmp ("nawat-bench-attachments-XXXXXX", NULL);
  files_dir = g_build_filename (dir, "bench.blobs", NULL);
  db_path = g_build_filename (dir, "bench-blobs.db", NULL);
  rm = g_strdup_printf ("rm -rf '%s' '%s' '%s-wal' '%s-shm'", files_dir, db_path, db_path, db_path);
  g_assert (system (rm) == 0);

  size = (gsize) mb * 1024 * 1024;
  total_mb = (double) n_files * mb;
  data = g_malloc (size);
  for (gsize i = 0; i < size / 4; i++)
    ((guint32 *) data)[i] = g_rand_int (rand);

  g_print ("# %d files of %d MB (%.0f MB) in %s; %u processors\n",
           n_files, mb, total_mb, dir, g_get_num_processors ());
  bench_print_load ("at the start");

  s = span_start ();
  for (int i = 0; i < n_files; i++)
    {
      fill (data, size, i);
      g_ptr_array_add (shas, hash_both (data, size));
    }
  hashing = span_end (s);
  g_print ("hashing alone (SHA-256 + MD5): %.2f s wall %.2f s cpu\n", hashing.wall, hashing.cpu);

  s = span_start ();
  for (int i = 0; i < n_files; i++)
    {
      fill (data, size, i);
      g_free (hash_both (data, size));
      files_write (files_dir, data, size, shas->pdata[i]);
    }
  files_w = span_end (s);

  db = db_open (db_path);
  s = span_start ();
  for (int i = 0; i < n_files; i++)
    {
      fill (data, size, i);
      g_free (hash_both (data, size));
      db_write (db, data, size, shas->pdata[i]);
    }
  /* The WAL is copied into the database at a checkpoint: part of the cost. */
  g_assert (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL) == SQLITE_OK);
  db_w = span_end (s);

  s = span_start ();
  for (int i = 0; i < n_files; i++)
    files_read (files_dir, shas->pdata[i]);
  files_r = span_end (s);
  s = span_start ();
  for (int i = 0; i < n_files; i++)
    db_read (db, shas->pdata[i]);
  db_r = span_end (s);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = blob_path (files_dir, shas->pdata[i]);

      drop_cache (path);
    }
  drop_cache (db_path);
  s = span_start ();
  for (int i = 0; i < n_files; i++)
    files_read (files_dir, shas->pdata[i]);
  files_c = span_end (s);
  s = span_start ();
  for (int i = 0; i < n_files; i++)
    db_read (db, shas->pdata[i]);
  db_c = span_end (s);
  sqlite3_close (db);

  print_row ("write (hash, fsync)", files_w, db_w, total_mb);
  print_row ("read (page cache)", files_r, db_r, total_mb);
  print_row ("read (from disk)", files_c, db_c, total_mb);
  bench_print_load ("at the end");

  g_assert (system (rm) == 0);
  g_rmdir (dir);
  return 0;
}
