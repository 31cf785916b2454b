/* test-attachments.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "nawat-codec.h"
#include "nawat-store-attachments.h"
#include "nawat-store.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

typedef struct
{
  char       *dir;
  char       *path;
  char       *blobs;
  NawatStore *store;
} Fixture;

static const char *call_json =
  "{\"_id\": \"call:c1\", \"type\": \"call\", \"schema\": 1,"
  " \"title\": {\"th\": \"ทุนนวัตกรรมสังคม\", \"en\": \"Social innovation grants\"},"
  " \"year_be\": 2569, \"rubric\": \"rubric:default:1\","
  " \"deadline\": \"2099-12-31T17:00:00Z\", \"evaluators\": [\"somchai\"]}";

static char *
project_json (const char *code,
              const char *attachments)
{
  return g_strdup_printf ("{\"_id\": \"project:c1:%s\", \"type\": \"project\", \"schema\": 1,"
                          " \"call\": \"c1\", \"code\": \"%s\","
                          " \"title\": {\"th\": \"ป่าชุมชน %s\"}, \"organisation\": \"วิสาหกิจ\","
                          " \"province\": \"TH-50\", \"domains\": [\"environment\"]%s%s}",
                          code, code, code, attachments ? ", " : "",
                          attachments ? attachments : "");
}

static void
import (Fixture    *fixture,
        const char *json)
{
  g_autofree char *docs = g_strdup_printf ("[%s]", json);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nawat_store_import_data (fixture->store, docs, strlen (docs), NULL, &problems,
                                          &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = project_json ("p1", NULL);
  g_autofree char *p2 = project_json ("p2", NULL);

  fixture->dir = g_dir_make_tmp ("nawat-attachments-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "นวัต.db", NULL);
  fixture->blobs = g_build_filename (fixture->dir, "นวัต.blobs", NULL);
  fixture->store = nawat_store_open (fixture->path, &error);
  g_assert_no_error (error);
  import (fixture, call_json);
  import (fixture, p1);
  import (fixture, p2);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", fixture->dir);

  g_clear_object (&fixture->store);
  g_assert_cmpint (system (rm), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->blobs);
}

/* A file of @dir named @name holding @contents. */
static GFile *
make_file (const char *dir,
           const char *name,
           const char *contents,
           gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* A file of @size bytes that takes no room (a hole). */
static GFile *
make_sparse (const char *dir,
             const char *name,
             gint64      size)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  FILE *f = fopen (path, "w");

  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), size), ==, 0);
  fclose (f);
  return g_file_new_for_path (path);
}

static NawatProject *
attach (Fixture    *fixture,
        const char *project_id,
        GFile      *first,
        ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  NawatProject *project;
  va_list args;

  va_start (args, first);
  for (GFile *file = first; file != NULL; file = va_arg (args, GFile *))
    g_ptr_array_add (files, file);
  va_end (args);

  project = nawat_store_attach_files (fixture->store, project_id, files, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

/* The files under the store's directory of contents, temporary ones too. */
static guint
count_blob_files (Fixture *fixture)
{
  g_autoptr(GDir) top = g_dir_open (fixture->blobs, 0, NULL);
  const char *name;
  guint n = 0;

  while (top != NULL && (name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *sub_path = g_build_filename (fixture->blobs, name, NULL);
      g_autoptr(GDir) sub = g_dir_open (sub_path, 0, NULL);

      if (sub == NULL)
        n++;
      while (sub != NULL && g_dir_read_name (sub) != NULL)
        n++;
    }
  return n;
}

/* A copy of the stub of @name in project @project_id as stored, or NULL. */
static NawatAttachment *
stored_attachment (Fixture    *fixture,
                   const char *project_id,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = nawat_store_get_project (fixture->store, project_id, &error);
  const NawatAttachment *attachment;

  g_assert_no_error (error);
  attachment = nawat_project_get_attachment (project, name);
  return attachment != NULL ? nawat_attachment_copy (attachment) : NULL;
}

/* The path of the store's file for @contents. */
static char *
blob_file (Fixture    *fixture,
           const char *contents)
{
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  char prefix[3] = { sha[0], sha[1], '\0' };

  return g_build_filename (fixture->blobs, prefix, sha, NULL);
}

/* Changes the first byte of the store's file for @contents, keeping its
 * length.
 */
static void
damage_blob_file (Fixture    *fixture,
                  const char *contents)
{
  g_autofree char *damaged = g_strdup (contents);
  g_autofree char *path = blob_file (fixture, contents);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  damaged[0] = damaged[0] == 'X' ? 'Y' : 'X';
  g_file_set_contents (path, damaged, -1, &error);
  g_assert_no_error (error);
}

/* Reading @stub fails with @code, naming the file. */
static void
assert_unreadable (Fixture               *fixture,
                   const NawatAttachment *stub,
                   int                    code)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = nawat_store_read_attachment (fixture->store, stub, &error);
  g_assert_null (bytes);
  g_assert_error (error, NAWAT_STORE_ERROR, code);
  if (strstr (error->message, stub->name) == NULL)
    g_error ("“%s” does not name “%s”", error->message, stub->name);
}

/* Attached, described as CouchDB does, stored apart, read back checked,
 * written out whole.
 */
static void
test_attach_and_read (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char pdf[] = "%PDF-1.4 ข้อเสนอโครงการ";
  g_autoptr(GFile) file = make_file (fixture->dir, "ข้อเสนอ ฉบับเต็ม.pdf", pdf, -1);
  g_autoptr(GFile) photo = make_file (fixture->dir, "photo.png", "\x89PNG", 4);
  g_autoptr(NawatProject) project = attach (fixture, "project:c1:p1", file, photo, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *blobs = nawat_store_dup_blobs_dir (fixture->store);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) out_dir = g_file_new_build_filename (fixture->dir, "out", NULL);
  g_autoptr(GFile) out = g_file_get_child (out_dir, "copy.pdf");
  g_autofree char *copied = NULL;
  g_autoptr(NawatAttachment) stub = NULL;
  g_autoptr(NawatAttachment) photo_stub = NULL;
  guint8 md5[16];
  gsize md5_length = sizeof md5;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);

  g_assert_cmpstr (blobs, ==, fixture->blobs);
  g_checksum_update (checksum, (const guint8 *) pdf, strlen (pdf));
  g_checksum_get_digest (checksum, md5, &md5_length);
  expected = nawat_attachment_format_digest (md5);

  g_assert_cmpuint (nawat_project_get_attachments (project)->len, ==, 2);
  stub = stored_attachment (fixture, "project:c1:p1", "ข้อเสนอ ฉบับเต็ม.pdf");
  g_assert_nonnull (stub);
  g_assert_cmpstr (stub->content_type, ==, "application/pdf");
  g_assert_cmpint (stub->length, ==, strlen (pdf));
  g_assert_cmpstr (stub->digest, ==, expected);
  photo_stub = stored_attachment (fixture, "project:c1:p1", "photo.png");
  g_assert_cmpstr (photo_stub->content_type, ==, "image/png");
  g_assert_cmpuint (count_blob_files (fixture), ==, 2);

  g_assert_true (nawat_store_holds_attachment (fixture->store, stub));
  bytes = nawat_store_read_attachment (fixture->store, stub, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), pdf, strlen (pdf));

  g_file_make_directory (out_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nawat_store_extract_attachment (fixture->store, stub, out, &error));
  g_assert_no_error (error);
  g_file_load_contents (out, NULL, &copied, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copied, ==, pdf);

  /* Attached again under the same name: replaced, not added. */
  {
    g_autoptr(GFile) newer = make_file (fixture->dir, "photo.png", "\x89PNG2", 5);
    g_autoptr(NawatProject) again = attach (fixture, "project:c1:p1", newer, NULL);
    g_autoptr(NawatAttachment) replaced = stored_attachment (fixture, "project:c1:p1", "photo.png");

    g_assert_cmpuint (nawat_project_get_attachments (again)->len, ==, 2);
    g_assert_cmpint (replaced->length, ==, 5);
    /* The old contents went with the old version. */
    g_assert_cmpuint (count_blob_files (fixture), ==, 2);
  }
}

/* The same contents are kept once, and go when no project uses them. */
static void
test_dedup_and_removal (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GFile) a = make_file (fixture->dir, "a.pdf", "same contents", -1);
  g_autoptr(GFile) b = make_file (fixture->dir, "b.pdf", "same contents", -1);
  g_autoptr(NawatProject) p1 = attach (fixture, "project:c1:p1", a, NULL);
  g_autoptr(NawatProject) p2 = attach (fixture, "project:c1:p2", a, b, NULL);
  g_autofree char *bare = project_json ("p2", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatAttachment) stub = NULL;
  g_autoptr(NawatAttachment) dropped = NULL;

  g_assert_cmpuint (count_blob_files (fixture), ==, 1);
  stub = stored_attachment (fixture, "project:c1:p1", "a.pdf");

  /* p2 drops its files (a new version from the server): p1 still uses them. */
  import (fixture, bare);
  dropped = stored_attachment (fixture, "project:c1:p2", "a.pdf");
  g_assert_null (dropped);
  g_assert_cmpuint (count_blob_files (fixture), ==, 1);
  g_assert_true (nawat_store_holds_attachment (fixture->store, stub));

  /* p1 goes: nothing uses them. */
  g_assert_true (nawat_store_delete_document (fixture->store, "project:c1:p1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
  g_assert_false (nawat_store_holds_attachment (fixture->store, stub));
  assert_unreadable (fixture, stub, NAWAT_STORE_ERROR_NOT_FOUND);
}

static void
assert_refused (Fixture    *fixture,
                const char *project_id,
                GFile      *file,
                int         code,
                const char *message)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(NawatProject) stored = NULL;

  g_ptr_array_add (files, file);
  project = nawat_store_attach_files (fixture->store, project_id, files, &error);
  g_assert_null (project);
  g_assert_error (error, NAWAT_STORE_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);

  /* Nothing written. */
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
  stored = nawat_store_get_project (fixture->store, "project:c1:p1", NULL);
  g_assert_cmpuint (nawat_project_get_attachments (stored)->len, ==, 0);
}

/* Over a limit, badly named, missing: refused before anything is written. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) big = make_sparse (fixture->dir, "big.pdf",
                                      NAWAT_STORE_MAX_FILE_MB * 1048576 + 1);
  g_autoptr(GFile) reserved = make_file (fixture->dir, "_design.pdf", "x", -1);
  g_autofree char *bad_name = g_build_filename (fixture->dir, "bad\xff.pdf", NULL);
  g_autoptr(GFile) not_utf8 = NULL;
  g_autoptr(GFile) missing = g_file_new_build_filename (fixture->dir, "missing.pdf", NULL);
  g_autoptr(GFile) fine = make_file (fixture->dir, "fine.pdf", "x", -1);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatProject) refused = NULL;

  g_file_set_contents (bad_name, "x", 1, &error);
  g_assert_no_error (error);
  not_utf8 = g_file_new_for_path (bad_name);

  assert_refused (fixture, "project:c1:p1", big, NAWAT_STORE_ERROR_INVALID,
                  "over the limit of 50 MB per file");
  assert_refused (fixture, "project:c1:p1", reserved, NAWAT_STORE_ERROR_INVALID,
                  "starts with “_”");
  assert_refused (fixture, "project:c1:p1", not_utf8, NAWAT_STORE_ERROR_INVALID,
                  "not valid UTF-8");
  assert_refused (fixture, "project:c1:p1", missing, NAWAT_STORE_ERROR_INVALID,
                  "Cannot read");
  assert_refused (fixture, "project:c1:nope", fine, NAWAT_STORE_ERROR_NOT_FOUND,
                  "project:c1:nope");

  /* 46 files of 45 MB: each within its limit, together over the call's. */
  for (guint i = 0; i < 46; i++)
    {
      g_autofree char *name = g_strdup_printf ("part-%02u.pdf", i);

      g_ptr_array_add (many, make_sparse (fixture->dir, name, G_GINT64_CONSTANT (45) * 1048576));
    }
  refused = nawat_store_attach_files (fixture->store, "project:c1:p1", many, &error);
  g_assert_null (refused);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "over the limit of 2048 MB per call"));
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
}

/* Contents changed on disk are refused on reading, not handed out. */
static void
test_corrupted (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) file = make_file (fixture->dir, "a.pdf", "the original contents", -1);
  g_autoptr(NawatProject) project = attach (fixture, "project:c1:p1", file, NULL);
  g_autoptr(NawatAttachment) stub = stored_attachment (fixture, "project:c1:p1", "a.pdf");

  /* Same length, one byte changed. */
  damage_blob_file (fixture, "the original contents");
  assert_unreadable (fixture, stub, NAWAT_STORE_ERROR_CORRUPT);
}

/* What a crash left behind goes once old; contents nobody uses go. */
static void
test_collect (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *stale = g_build_filename (fixture->blobs, ".tmp-crashed", NULL);
  g_autofree char *fresh = g_build_filename (fixture->blobs, ".tmp-writing", NULL);
  g_autoptr(GFile) file = make_file (fixture->dir, "a.pdf", "kept", -1);
  g_autoptr(NawatProject) project = attach (fixture, "project:c1:p1", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatAttachment) stub = NULL;
  struct utimbuf old = { 1000000000, 1000000000 };
  guint n = 99;

  g_file_set_contents (stale, "x", 1, &error);
  g_assert_no_error (error);
  g_file_set_contents (fresh, "x", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  g_assert_cmpuint (count_blob_files (fixture), ==, 3);

  g_assert_true (nawat_store_collect_attachments (fixture->store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  stub = stored_attachment (fixture, "project:c1:p1", "a.pdf");
  g_assert_true (nawat_store_holds_attachment (fixture->store, stub));
}

/* A project pulled with stubs whose contents never came. */
static void
test_not_held (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *json = project_json ("p3", "\"_attachments\": {\"far.pdf\": {"
                                        "\"content_type\": \"application/pdf\", \"revpos\": 1, "
                                        "\"digest\": \"md5-XrY7u+Ae7tCTyyK7j1rNww==\", "
                                        "\"length\": 11, \"stub\": true}}");
  g_autoptr(NawatAttachment) stub = NULL;

  import (fixture, json);
  stub = stored_attachment (fixture, "project:c1:p3", "far.pdf");
  g_assert_nonnull (stub);
  g_assert_false (nawat_store_holds_attachment (fixture->store, stub));
  assert_unreadable (fixture, stub, NAWAT_STORE_ERROR_NOT_FOUND);
}

/* Two nawat-cli processes attaching to the same project at once, a few
 * times: each waits for the other's write, and no file is lost.
 */
static void
test_two_processes (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *cli = g_getenv ("NAWAT_CLI");
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attachments;
  const guint rounds = 4;

  if (cli == NULL)
    {
      g_test_skip ("NAWAT_CLI does not name nawat-cli");
      return;
    }

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GSubprocess) first = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_autoptr(GFile) a = NULL;
      g_autoptr(GFile) b = NULL;
      g_autofree char *name_a = g_strdup_printf ("ก-%u.pdf", r);
      g_autofree char *name_b = g_strdup_printf ("ข-%u.pdf", r);
      g_autofree char *contents = g_strnfill (512 * 1024, 'a' + r);

      a = make_file (fixture->dir, name_a, contents, -1);
      contents[0] = 'B';
      b = make_file (fixture->dir, name_b, contents, -1);
      first = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--store",
                                fixture->path, "attach", "c1:p1", g_file_peek_path (a), NULL);
      g_assert_no_error (error);
      second = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, cli, "--store",
                                 fixture->path, "attach", "c1:p1", g_file_peek_path (b), NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (first, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (second, NULL, &error));
      g_assert_no_error (error);
    }

  project = nawat_store_get_project (fixture->store, "project:c1:p1", &error);
  g_assert_no_error (error);
  attachments = nawat_project_get_attachments (project);
  g_assert_cmpuint (attachments->len, ==, 2 * rounds);
  for (guint i = 0; i < attachments->len; i++)
    {
      g_autoptr(GBytes) bytes = nawat_store_read_attachment (fixture->store, attachments->pdata[i],
                                                              &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (bytes), ==, 512 * 1024);
    }
  g_assert_cmpuint (count_blob_files (fixture), ==, 2 * rounds);
}

static void
test_memory_store (void)
{
  g_autoptr(NawatStore) store = nawat_store_open (":memory:", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(NawatProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (files, g_file_new_for_path ("/dev/null"));
  g_assert_null (nawat_store_dup_blobs_dir (store));
  project = nawat_store_attach_files (store, "project:c1:p1", files, &error);
  g_assert_null (project);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_FAILED);
}

/* Downloads */

static char *
digest_of (const char *contents,
           gsize       length)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  guint8 bytes[16];
  gsize n = sizeof bytes;

  g_checksum_update (md5, (const guint8 *) contents, length);
  g_checksum_get_digest (md5, bytes, &n);
  return nawat_attachment_format_digest (bytes);
}

/* Project @code of call c1 with one stub, @name, for @contents (or of
 * @length bytes with @digest when @contents is NULL), as a pull stores
 * it; a copy of the stub as stored.
 */
static NawatAttachment *
import_stub (Fixture    *fixture,
             const char *code,
             const char *name,
             const char *contents,
             gint64      length,
             const char *digest)
{
  g_autofree char *own = contents != NULL ? digest_of (contents, strlen (contents)) : NULL;
  g_autofree char *id = g_strconcat ("project:c1:", code, NULL);
  g_autofree char *stubs = NULL;
  g_autofree char *json = NULL;

  if (contents != NULL)
    length = strlen (contents);
  stubs = g_strdup_printf ("\"_attachments\": {\"%s\": {\"content_type\": \"application/pdf\","
                           " \"revpos\": 1, \"digest\": \"%s\", \"length\": %" G_GINT64_FORMAT
                           ", \"stub\": true}}", name, own != NULL ? own : digest, length);
  json = project_json (code, stubs);
  import (fixture, json);
  return stored_attachment (fixture, id, name);
}

static gboolean
add_contents (Fixture                *fixture,
              const NawatAttachment  *attachment,
              const char             *contents,
              gsize                   length,
              gint64                  offset,
              GError                **error)
{
  g_autoptr(GInputStream) input = g_memory_input_stream_new_from_data (contents, length, NULL);

  return nawat_store_add_attachment_contents (fixture->store, "c1", attachment, input, offset,
                                              NULL, NULL, NULL, error);
}

/* The work list of a pull of call c1, @n_missing long. */
static GPtrArray *
list_missing (Fixture *fixture,
              guint    n_missing,
              gint64  *total)
{
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;

  missing = nawat_store_list_missing_attachments (fixture->store, "c1", total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, n_missing);
  return g_steal_pointer (&missing);
}

/* The work list of a pull: the stubs not held, one per digest; contents
 * that match are held, those that do not are refused and leave nothing.
 */
static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  const char *contents = "ข้อเสนอโครงการ ป่าชุมชน";
  g_autofree char *lie = g_strdup (contents);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(NawatAttachment) stub = import_stub (fixture, "p1", "ข้อเสนอ.pdf", contents, 0, NULL);
  g_autoptr(NawatAttachment) same = import_stub (fixture, "p2", "same.pdf", contents, 0, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  NawatStoreMissing *m;
  gint64 total = 0;
  g_autofree char *path = NULL;

  missing = list_missing (fixture, 1, &total);
  g_assert_cmpint (total, ==, strlen (contents));
  m = missing->pdata[0];
  g_assert_cmpstr (m->project_id, ==, "project:c1:p1");
  g_assert_cmpstr (m->attachment->name, ==, "ข้อเสนอ.pdf");

  /* A server that lies: same length, one byte changed. */
  lie[0] = 'X';
  g_assert_false (add_contents (fixture, stub, lie, strlen (lie), 0, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "ข้อเสนอ.pdf"));
  g_clear_error (&error);
  g_assert_false (nawat_store_holds_attachment (fixture->store, stub));
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
  /* Longer than its stub says: refused too. */
  g_assert_false (add_contents (fixture, stub, "ข้อเสนอโครงการ ป่าชุมชน and more",
                               strlen ("ข้อเสนอโครงการ ป่าชุมชน and more"), 0, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);

  g_assert_true (add_contents (fixture, stub, contents, strlen (contents), 0, &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_holds_attachment (fixture->store, stub));
  bytes = nawat_store_read_attachment (fixture->store, stub, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   contents, strlen (contents));
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = list_missing (fixture, 0, &total);
  g_assert_cmpint (total, ==, 0);
  g_assert_cmpuint (count_blob_files (fixture), ==, 1);

  /* Its row stays, its file goes: listed again. */
  path = blob_file (fixture, contents);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = list_missing (fixture, 1, &total);
  g_assert_cmpint (total, ==, strlen (contents));
  m = missing->pdata[0];
  g_assert_cmpstr (m->project_id, ==, "project:c1:p1");
}

/* A download cut short is kept and resumed from where it stopped. */
static void
test_download_resumed (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *contents = "0123456789 ข้อเสนอฉบับเต็ม 0123456789";
  gsize half = 10;
  g_autoptr(NawatAttachment) stub = import_stub (fixture, "p1", "a.pdf", contents, 0, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (nawat_store_get_partial_attachment (fixture->store, stub), ==, 0);

  g_assert_false (add_contents (fixture, stub, contents, half, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT);
  g_clear_error (&error);
  g_assert_false (nawat_store_holds_attachment (fixture->store, stub));
  g_assert_cmpint (nawat_store_get_partial_attachment (fixture->store, stub), ==, half);

  /* The rest, from where it stopped. */
  g_assert_true (add_contents (fixture, stub, contents + half, strlen (contents) - half, half,
                               &error));
  g_assert_no_error (error);
  g_assert_true (nawat_store_holds_attachment (fixture->store, stub));
  g_assert_cmpint (nawat_store_get_partial_attachment (fixture->store, stub), ==, 0);
  g_assert_cmpuint (count_blob_files (fixture), ==, 1);

  /* A resumption whose first part went wrong fails its digest: nothing kept. */
  g_assert_true (nawat_store_forget_attachment (fixture->store, stub, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
  g_assert_false (add_contents (fixture, stub, "XXXXXXXXXX", half, 0, &error));
  g_clear_error (&error);
  g_assert_false (add_contents (fixture, stub, contents + half, strlen (contents) - half, half,
                                &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
}

/* Over the limit per file: refused before anything is written, the limit
 * in the message.
 */
static void
test_download_over_limit (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(NawatAttachment) stub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = g_strdup_printf ("over the limit of %d MB per file",
                                            NAWAT_STORE_MAX_FILE_MB);

  stub = import_stub (fixture, "p1", "big.pdf", NULL,
                      (gint64) NAWAT_STORE_MAX_FILE_MB * 1024 * 1024 + 1,
                      "md5-XrY7u+Ae7tCTyyK7j1rNww==");
  g_assert_false (add_contents (fixture, stub, "x", 1, 0, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, limit));
  g_assert_cmpuint (count_blob_files (fixture), ==, 0);
}

/* Checked ahead of a download, as a pull does before asking the server:
 * the limit per file, and the limit per call with the contents held and
 * the bytes of the files to be taken before it.
 */
static void
test_download_check (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *contents = "ข้อเสนอโครงการ ป่าชุมชน";
  gint64 room = (gint64) NAWAT_STORE_MAX_CALL_MB * 1024 * 1024 - (gint64) strlen (contents);
  g_autoptr(NawatAttachment) held = import_stub (fixture, "p1", "a.pdf", contents, 0, NULL);
  g_autoptr(NawatAttachment) next = NULL;
  g_autoptr(NawatAttachment) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *per_call = g_strdup_printf ("over the limit of %d MB per call",
                                               NAWAT_STORE_MAX_CALL_MB);
  g_autofree char *per_file = g_strdup_printf ("over the limit of %d MB per file",
                                               NAWAT_STORE_MAX_FILE_MB);

  g_assert_true (add_contents (fixture, held, contents, strlen (contents), 0, &error));
  g_assert_no_error (error);
  next = import_stub (fixture, "p2", "b.pdf", NULL, 1024 * 1024, "md5-XrY7u+Ae7tCTyyK7j1rNww==");
  big = import_stub (fixture, "p3", "big.pdf", NULL,
                     (gint64) NAWAT_STORE_MAX_FILE_MB * 1024 * 1024 + 1,
                     "md5-1B2M2Y8AsgTpgAmY7PhCfg==");

  g_assert_true (nawat_store_check_file_to_download (fixture->store, "c1", next, 0, &error));
  g_assert_no_error (error);
  /* The held contents, the files before it and it fill the call exactly. */
  g_assert_true (nawat_store_check_file_to_download (fixture->store, "c1", next,
                                                     room - next->length, &error));
  g_assert_no_error (error);
  g_assert_false (nawat_store_check_file_to_download (fixture->store, "c1", next,
                                                      room - next->length + 1, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“b.pdf”"));
  g_assert_nonnull (strstr (error->message, per_call));
  g_clear_error (&error);

  g_assert_false (nawat_store_check_file_to_download (fixture->store, "c1", big, 0, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“big.pdf”"));
  g_assert_nonnull (strstr (error->message, per_file));
  g_clear_error (&error);

  /* Checking writes nothing: the held contents alone. */
  g_assert_cmpuint (count_blob_files (fixture), ==, 1);
}

/* Contents found damaged on reading are reported and left as they are;
 * forgotten, the next pull lists them again.
 */
static void
test_damaged_forgotten (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *contents = "the original contents";
  g_autoptr(NawatAttachment) stub = import_stub (fixture, "p1", "a.pdf", contents, 0, NULL);
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = blob_file (fixture, contents);

  g_assert_true (add_contents (fixture, stub, contents, strlen (contents), 0, &error));
  g_assert_no_error (error);
  damage_blob_file (fixture, contents);

  assert_unreadable (fixture, stub, NAWAT_STORE_ERROR_CORRUPT);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (nawat_store_forget_attachment (fixture->store, stub, &error));
  g_assert_no_error (error);
  g_assert_false (nawat_store_holds_attachment (fixture->store, stub));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  missing = list_missing (fixture, 1, NULL);
}

/* Detached by name: the project is stored without the stubs, contents
 * another project uses stay, the others go; a name the project lacks is
 * refused, naming it, and nothing changes.
 */
static void
test_detach (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) shared = make_file (fixture->dir, "ข้อเสนอ.pdf", "shared contents", -1);
  g_autoptr(GFile) own = make_file (fixture->dir, "budget.pdf", "p1 only", -1);
  g_autoptr(NawatProject) p1 = attach (fixture, "project:c1:p1", shared, own, NULL);
  g_autoptr(NawatProject) p2 = attach (fixture, "project:c1:p2", shared, NULL);
  g_autoptr(NawatProject) detached = NULL;
  g_autoptr(NawatProject) refused = NULL;
  g_autoptr(NawatAttachment) shared_stub = stored_attachment (fixture, "project:c1:p1",
                                                              "ข้อเสนอ.pdf");
  g_autoptr(NawatAttachment) own_stub = stored_attachment (fixture, "project:c1:p1",
                                                           "budget.pdf");
  g_autoptr(NawatAttachment) gone = NULL;
  g_autoptr(NawatAttachment) kept = NULL;
  g_autoptr(GError) error = NULL;
  const char *wrong[] = { "budget.pdf", "ไม่มี.pdf", NULL };
  const char *names[] = { "ข้อเสนอ.pdf", "budget.pdf", NULL };

  g_assert_cmpuint (count_blob_files (fixture), ==, 2);

  /* One name missing: refused, nothing detached. */
  refused = nawat_store_detach_files (fixture->store, "project:c1:p1", wrong, &error);
  g_assert_null (refused);
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ไม่มี.pdf"));
  g_clear_error (&error);
  kept = stored_attachment (fixture, "project:c1:p1", "budget.pdf");
  g_assert_nonnull (kept);
  g_assert_cmpuint (count_blob_files (fixture), ==, 2);

  detached = nawat_store_detach_files (fixture->store, "project:c1:p1", names, &error);
  g_assert_no_error (error);
  g_assert_nonnull (detached);
  g_assert_cmpuint (nawat_project_get_attachments (detached)->len, ==, 0);
  gone = stored_attachment (fixture, "project:c1:p1", "ข้อเสนอ.pdf");
  g_assert_null (gone);

  /* p2 still uses the shared contents; p1's own went. */
  g_assert_cmpuint (count_blob_files (fixture), ==, 1);
  g_assert_true (nawat_store_holds_attachment (fixture->store, shared_stub));
  g_assert_false (nawat_store_holds_attachment (fixture->store, own_stub));

  /* A project that is not there. */
  g_assert_null (nawat_store_detach_files (fixture->store, "project:c1:nope", names, &error));
  g_assert_error (error, NAWAT_STORE_ERROR, NAWAT_STORE_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/nawat/attachments/attach-and-read", Fixture, NULL,
              fixture_set_up, test_attach_and_read, fixture_tear_down);
  g_test_add ("/nawat/attachments/dedup-and-removal", Fixture, NULL,
              fixture_set_up, test_dedup_and_removal, fixture_tear_down);
  g_test_add ("/nawat/attachments/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/nawat/attachments/corrupted", Fixture, NULL,
              fixture_set_up, test_corrupted, fixture_tear_down);
  g_test_add ("/nawat/attachments/collect", Fixture, NULL,
              fixture_set_up, test_collect, fixture_tear_down);
  g_test_add ("/nawat/attachments/not-held", Fixture, NULL,
              fixture_set_up, test_not_held, fixture_tear_down);
  g_test_add ("/nawat/attachments/two-processes", Fixture, NULL,
              fixture_set_up, test_two_processes, fixture_tear_down);
  g_test_add_func ("/nawat/attachments/memory-store", test_memory_store);
  g_test_add ("/nawat/attachments/download", Fixture, NULL,
              fixture_set_up, test_download, fixture_tear_down);
  g_test_add ("/nawat/attachments/download-resumed", Fixture, NULL,
              fixture_set_up, test_download_resumed, fixture_tear_down);
  g_test_add ("/nawat/attachments/download-over-limit", Fixture, NULL,
              fixture_set_up, test_download_over_limit, fixture_tear_down);
  g_test_add ("/nawat/attachments/damaged-forgotten", Fixture, NULL,
              fixture_set_up, test_damaged_forgotten, fixture_tear_down);
  g_test_add ("/nawat/attachments/detach", Fixture, NULL,
              fixture_set_up, test_detach, fixture_tear_down);
  g_test_add ("/nawat/attachments/download-check", Fixture, NULL,
              fixture_set_up, test_download_check, fixture_tear_down);

  return g_test_run ();
}
