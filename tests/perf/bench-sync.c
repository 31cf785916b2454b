/* bench-sync.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A full pull of a call of N generated projects from a real PouchDB Server
 * (LevelDB backend) into an empty store, side by side in one run with
 * (a) PouchDB's own replicator in Node into pouchdb-adapter-memory
 *     (tests/perf/pouch-replicate.mjs; target: Nawat at least 3x faster),
 * (b) curl reading the same _changes?include_docs=true feed to a file
 *     (target: Nawat within 1.5x), once as one request for the whole feed
 *     and once in the batches Nawat asks for, one after the other on one
 *     connection,
 * (c) the index floor: the sqlite3 shell building the same FTS5 trigram
 *     and grams indexes over the pulled store's texts in one transaction;
 *     curl's batches plus that floor is what the pull and the search
 *     index's catching up together are held to (target: within 1.5x),
 * and the longest main-loop stall while NawatSync pulls the call in its
 *     worker thread and a NawatProjectList on the same store follows it, as
 *     the window does (target: under 50 ms).
 * Each client runs in its own process, so that its peak memory is its own.
 *
 *   bench-sync [--projects N]... [--dir DIR] [--batch N] [--pouch-batch N]
 *              [--no-pouchdb] [--no-stall] [--prepare]
 *
 * --projects may be given several times; by default the call is pulled at
 * 10,000 and at 100,000 projects, and a figure that grows faster than the
 * data between the smallest and the largest size is flagged.  The server's
 * data directory for N projects is DIR/N/server: loading 100,000 documents
 * into PouchDB Server takes minutes, so a DIR that already holds a call of
 * N projects is reused as it is.
 */

#include "config.h"

#include "bench-common.h"

#include "nawat-couch.h"
#include "nawat-generator.h"
#include "nawat-project-list.h"
#include "nawat-publish.h"
#include "nawat-store.h"
#include "nawat-store-internal-private.h"
#include "nawat-store-private.h"
#include "nawat-sync.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#define CALL_ID   "bench"
#define CALL_DB   "nawat-" CALL_ID
#define ADMIN     "admin"
#define ADMIN_PW  "admin-pw"
/* Documents per _bulk_docs request while loading the server. */
#define LOAD_BATCH 2000

static NawatCouch *
admin_couch (const char *url)
{
  g_autoptr(GError) error = NULL;
  NawatCouch *couch = nawat_couch_new (url, &error);

  if (couch == NULL)
    g_error ("%s", error->message);
  nawat_couch_set_credentials (couch, ADMIN, ADMIN_PW);
  nawat_couch_set_timeout (couch, 600);
  return couch;
}

/* The server */

typedef struct
{
  GPid  pid;
  char *url;
} Server;

/* The server's pid, to read its processor time. */
static GPid server_pid;

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  if (socket == NULL || !g_socket_bind (socket, address, FALSE, &error) ||
      (bound = g_socket_get_local_address (socket, &error)) == NULL)
    g_error ("%s", error->message);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static const char *
source_root (void)
{
  const char *root = g_getenv ("NAWAT_SOURCE_ROOT");

  return root != NULL ? root : ".";
}

static char *
server_script (void)
{
  g_autofree char *script = g_build_filename (source_root (), "tests", "server", "node_modules",
                                              "pouchdb-server", "bin", "pouchdb-server", NULL);

  /* The server starts in its own directory. */
  return g_canonicalize_filename (script, NULL);
}

/* The server ends with the benchmark, even when it aborts. */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts PouchDB Server on the LevelDB data of @dir (created when new). */
static Server
server_start (const char *dir)
{
  g_autofree char *config = g_build_filename (dir, "config.json", NULL);
  g_autofree char *log = g_build_filename (dir, "log.txt", NULL);
  g_autofree char *data = g_build_filename (dir, "db", "", NULL);
  g_autofree char *script = server_script ();
  g_autofree char *command = NULL;
  g_autoptr(NawatCouch) couch = NULL;
  g_autoptr(GError) error = NULL;
  guint port = free_port ();
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  Server server = { 0, };

  if (!g_file_test (script, G_FILE_TEST_EXISTS))
    g_error ("%s is missing: run build-aux/install-deps", script);
  g_mkdir_with_parents (dir, 0700);
  /* A new server's admin; a reused one keeps its hashed password. */
  if (!g_file_test (config, G_FILE_TEST_EXISTS))
    {
      g_autofree char *text = g_strdup_printf ("{\"admins\": {\"" ADMIN "\": \"" ADMIN_PW "\"},"
                                               " \"log\": {\"file\": \"%s\", \"level\": \"warning\"}}",
                                               log);

      if (!g_file_set_contents (config, text, -1, &error))
        g_error ("%s", error->message);
    }

  command = g_strdup_printf ("exec node --unhandled-rejections=warn --max-old-space-size=12288 "
                             "'%s' -o 127.0.0.1 -p %u -n --no-color -c '%s' -d '%s' "
                             ">>stdout.txt 2>&1 </dev/null",
                             script, port, config, data);
  argv[2] = command;
  if (!g_spawn_async (dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
                      &server.pid, &error))
    g_error ("%s", error->message);
  server.url = g_strdup_printf ("http://127.0.0.1:%u", port);
  server_pid = server.pid;

  couch = admin_couch (server.url);
  nawat_couch_set_retry_policy (couch, 10, 10, 1);
  nawat_couch_set_timeout (couch, 5);
  for (int i = 0; ; i++)
    {
      g_autoptr(JsonNode) root = NULL;

      g_clear_error (&error);
      root = nawat_couch_request (couch, "GET", "/_session", NULL, NULL, NULL, &error);
      if (root != NULL)
        break;
      if (i == 600 || waitpid (server.pid, NULL, WNOHANG) != 0)
        g_error ("PouchDB Server did not start: see %s/stdout.txt (%s)", dir, error->message);
      g_usleep (100 * 1000);
    }
  return server;
}

static void
server_stop (Server *server)
{
  kill (server->pid, SIGTERM);
  for (int i = 0; i < 100; i++)
    {
      if (waitpid (server->pid, NULL, WNOHANG) != 0)
        break;
      g_usleep (100 * 1000);
      if (i == 99)
        {
          kill (server->pid, SIGKILL);
          waitpid (server->pid, NULL, 0);
        }
    }
  g_clear_pointer (&server->url, g_free);
}

/* Loading the call */

static void
post_docs (NawatCouch *couch,
           GString    *docs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *data;
  gsize size;

  g_string_append (docs, "]}");
  body = g_bytes_new (docs->str, docs->len);
  answer = nawat_couch_send (couch, "POST", "/" CALL_DB "/_bulk_docs", body, NULL, NULL, &error);
  if (answer == NULL)
    g_error ("loading the call: %s", error->message);
  data = g_bytes_get_data (answer, &size);
  if (g_strstr_len (data, size, "\"error\"") != NULL)
    g_error ("loading the call: the server refused documents: %.*s", (int) MIN (size, 400), data);
  g_string_assign (docs, "{\"docs\":[");
}

static void
put_json (NawatCouch *couch,
          const char *path,
          JsonNode   *node)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = nawat_couch_request (couch, "PUT", path, node, NULL, NULL, &error);

  if (answer == NULL)
    g_error ("PUT %s: %s", path, error->message);
}

/* The generator's _bulk_docs body has one document a line: they go to the
 * server LOAD_BATCH at a time, with no validation function yet (publish
 * installs it; it would run for every document).
 */
static void
load_call (const char *url,
           const char *json_path,
           guint       n_projects)
{
  g_autoptr(NawatCouch) couch = admin_couch (url);
  g_autoptr(GFile) file = g_file_new_for_path (json_path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) docs = g_string_new ("{\"docs\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) design = nawat_publish_design_document (CALL_ID, NULL);
  g_autoptr(JsonNode) security = nawat_publish_security (NULL);
  guint in_batch = 0;
  guint total = 0;
  double start = now ();
  char *line;

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  if (output == NULL ||
      !nawat_generator_write (G_OUTPUT_STREAM (output), CALL_ID, n_projects, 0, 42, NULL, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error))
    g_error ("%s", error->message);
  g_print ("generated %u projects in %.1f s\n", n_projects, now () - start);

  g_clear_pointer (&error, g_error_free);
  {
    g_autoptr(GBytes) gone = nawat_couch_send (couch, "DELETE", "/" CALL_DB, NULL, NULL, NULL, NULL);
  }
  put_json (couch, "/" CALL_DB, NULL);

  input = g_file_read (file, NULL, &error);
  if (input == NULL)
    g_error ("%s", error->message);
  lines = g_data_input_stream_new (G_INPUT_STREAM (input));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (lines), 1 << 20);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      gsize length = strlen (line);

      if (line[0] == '{' && !g_str_has_prefix (line, "{\"docs\""))
        {
          if (line[length - 1] == ',')
            line[--length] = '\0';
          if (in_batch > 0)
            g_string_append_c (docs, ',');
          g_string_append_len (docs, line, length);
          total++;
          if (++in_batch == LOAD_BATCH)
            {
              post_docs (couch, docs);
              in_batch = 0;
              if (total % 50000 < LOAD_BATCH)
                g_print ("  %u documents loaded, %.0f s\n", total, now () - start);
            }
        }
      g_free (line);
    }
  if (error != NULL)
    g_error ("%s", error->message);
  if (in_batch > 0)
    post_docs (couch, docs);

  put_json (couch, "/" CALL_DB "/_design/nawat", design);
  put_json (couch, "/" CALL_DB "/_security", security);
  g_unlink (json_path);
  g_print ("loaded %u documents into %s in %.1f s (_bulk_docs of %d)\n",
           total, CALL_DB, now () - start, LOAD_BATCH);
}

/* The database's document count and update sequence. */
static void
db_info (const char *url,
         gint64     *doc_count,
         gint64     *update_seq)
{
  g_autoptr(NawatCouch) couch = admin_couch (url);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) info = nawat_couch_request (couch, "GET", "/" CALL_DB, NULL, NULL, NULL, &error);
  JsonObject *object;

  if (info == NULL)
    g_error ("%s", error->message);
  object = json_node_get_object (info);
  *doc_count = json_object_get_int_member_with_default (object, "doc_count", 0);
  *update_seq = json_object_get_int_member_with_default (object, "update_seq", 0);
}

/* Phases, each in its own process; they print one line "key value ...". */

static NawatSync *
new_sync (const char *url,
          const char *store_path,
          guint       batch,
          NawatStore **store_out)
{
  g_autoptr(NawatCouch) couch = admin_couch (url);
  g_autoptr(GError) error = NULL;
  NawatSync *sync;

  g_unlink (store_path);
  *store_out = nawat_store_open (store_path, &error);
  if (*store_out == NULL)
    g_error ("%s", error->message);
  sync = nawat_sync_new (*store_out, couch, CALL_ID, NULL);
  nawat_sync_set_batch_size (sync, batch);
  return sync;
}

static int
phase_nawat (const char *url,
             const char *store_path,
             guint       batch)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatSync) sync = new_sync (url, store_path, batch, &store);
  g_autoptr(NawatSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double start = now ();
  double pulled;
  double pulled_cpu;

  result = nawat_sync_run (sync, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  pulled = now ();
  pulled_cpu = cpu_seconds ();
  /* Then the search index catches up, as nawat-cli sync waits for. */
  if (!nawat_store_finish_search_index (store, NULL, &error))
    g_error ("%s", error->message);
  g_print ("nawat %.3f %u %u %ld %.3f %.3f\n", pulled - start, result->pulled, result->quarantined,
           peak_rss_kib (), now () - pulled, pulled_cpu);
  return 0;
}

static void
floor_exec (sqlite3    *db,
            const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("the index floor: %s", message);
}

/* Copies the texts the search indexes are built from out of the pulled
 * store into a new database for the floor: the six columns of the trigram
 * index, and each project's grams as nawat_grams() writes them (the
 * sqlite3 shell cannot compute them; the floor leaves that cost out).
 */
static int
phase_floor_prep (const char *store_path,
                  const char *floor_path)
{
  char *attach = sqlite3_mprintf ("ATTACH %Q AS s", store_path);
  sqlite3 *db = NULL;

  g_unlink (floor_path);
  if (sqlite3_open (floor_path, &db) != SQLITE_OK)
    g_error ("%s: %s", floor_path, sqlite3_errmsg (db));
  if (!_nawat_store_register_functions (db, NULL))
    g_error ("%s: cannot add nawat_grams ()", floor_path);
  floor_exec (db, attach);
  sqlite3_free (attach);
  floor_exec (db, "BEGIN;"
              "CREATE TABLE src (pk INTEGER PRIMARY KEY, title_th, title_en, summary_th,"
              "  summary_en, organisation, partners);"
              "INSERT INTO src SELECT pk, title_th, title_en, summary_th, summary_en,"
              "  organisation, partners FROM s.project_fts_src ORDER BY pk;"
              "CREATE TABLE grams_src (pk INTEGER PRIMARY KEY, grams TEXT);"
              "INSERT INTO grams_src SELECT pk, nawat_grams (text) FROM s.project_text ORDER BY pk;"
              "COMMIT;");
  sqlite3_close (db);
  g_print ("floor-prep\n");
  return 0;
}

/* The floor itself, for the sqlite3 shell: both indexes, as the store
 * declares them, built and merged into one segment each, in WAL mode with
 * the store's synchronous = FULL.
 */
static const char floor_script[] =
  "PRAGMA journal_mode = WAL;\n"
  "PRAGMA synchronous = FULL;\n"
  "BEGIN;\n"
  "CREATE VIRTUAL TABLE project_fts USING fts5 (title_th, title_en, summary_th, summary_en,"
  " organisation, partners, content = 'src', content_rowid = 'pk',"
  " tokenize = 'trigram case_sensitive 0');\n"
  "INSERT INTO project_fts (project_fts) VALUES ('rebuild');\n"
  "CREATE VIRTUAL TABLE project_grams USING fts5 (grams, content = '', detail = 'none',"
  " tokenize = 'ascii');\n"
  "INSERT INTO project_grams (rowid, grams) SELECT pk, grams FROM grams_src;\n"
  "INSERT INTO project_fts (project_fts) VALUES ('optimize');\n"
  "INSERT INTO project_grams (project_grams) VALUES ('optimize');\n"
  "COMMIT;\n"
  "SELECT 'floor', (SELECT count(*) FROM src), (SELECT count(*) FROM project_fts_data),"
  " (SELECT count(*) FROM project_grams_data);\n";

typedef struct
{
  GMainLoop        *loop;
  NawatStore       *store;
  NawatProjectList *list;
  GArray           *gaps;
  /* CPU time the main thread spent between two ticks */
  GArray           *busy;
  gint64            last;
  gint64            last_cpu;
  gboolean          done;
  guint             pulled;
  guint             progress;
  double            pulled_at;
  double            indexed_at;
  /* the longest gap while the pull ran */
  double            max_pulling;
  /* what the window's autosave would write, and how its saves went */
  NawatEvaluation  *evaluation;
  guint             saves_asked;
  guint             saves_returned;
  guint             saves_made;
} Stall;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

static gboolean
on_tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 t = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();
  double gap = (t - stall->last) / 1000.0;
  double busy = (cpu - stall->last_cpu) / 1000.0;

  g_array_append_val (stall->gaps, gap);
  g_array_append_val (stall->busy, busy);
  if (!stall->done)
    stall->max_pulling = MAX (stall->max_pulling, gap);
  stall->last = t;
  stall->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

/* What a list view does: reads the rows it shows. */
static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    data)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < MIN (n, 40); i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
on_progress_cb (NawatSync *sync,
                guint      documents,
                guint64    bytes,
                gpointer   data)
{
  Stall *stall = data;

  stall->progress++;
}

static gboolean
quit_cb (gpointer data)
{
  Stall *stall = data;

  g_main_loop_quit (stall->loop);
  return G_SOURCE_REMOVE;
}

static void
on_autosaved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Stall *stall = data;

  stall->saves_returned++;
  /* Refused until the call's rubric has come. */
  if (nawat_store_save_evaluation_finish (NAWAT_STORE (source), result, NULL))
    stall->saves_made++;
}

/* Saves an evaluation ten times a second, as the window's autosave does,
 * while the pull and then the search index's catching up write to the
 * store from their threads.
 */
static gboolean
index_poll_cb (gpointer data)
{
  Stall *stall = data;
  g_autofree char *comment = g_strdup_printf ("autosave %u", ++stall->saves_asked);

  nawat_evaluation_set_overall_comment (stall->evaluation, comment);
  nawat_store_save_evaluation_async (stall->store, stall->evaluation, on_autosaved_cb, stall);

  if (!nawat_store_search_index_complete (stall->store) || !stall->done)
    return G_SOURCE_CONTINUE;
  stall->indexed_at = now ();
  /* The list catches up with the last batch. */
  g_timeout_add (1000, quit_cb, stall);
  return G_SOURCE_REMOVE;
}

static void
on_sync_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      data)
{
  Stall *stall = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NawatSyncResult) result = nawat_sync_run_finish (NAWAT_SYNC (source), res, &error);

  if (result == NULL)
    g_error ("%s", error->message);
  stall->pulled = result->pulled;
  stall->pulled_at = now ();
  stall->done = TRUE;
}

static int
phase_stall (const char *url,
             const char *store_path,
             guint       batch)
{
  g_autoptr(NawatStore) store = NULL;
  g_autoptr(NawatSync) sync = new_sync (url, store_path, batch, &store);
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) busy = g_array_new (FALSE, FALSE, sizeof (double));
  Stall stall = { 0, };
  double start = now ();
  double max;
  guint tick;

  stall.loop = g_main_loop_new (NULL, FALSE);
  stall.store = store;
  stall.gaps = gaps;
  stall.busy = busy;
  stall.list = nawat_project_list_new (store, CALL_ID, NULL);
  stall.evaluation = nawat_evaluation_new ("project:" CALL_ID ":autosave", "bench-evaluator",
                                           NAWAT_DEFAULT_RUBRIC_ID);
  g_signal_connect (stall.list, "items-changed", G_CALLBACK (on_items_changed_cb), &stall);
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cb), &stall);

  stall.last = g_get_monotonic_time ();
  stall.last_cpu = thread_cpu_us ();
  tick = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, on_tick_cb, &stall, NULL);
  g_timeout_add (100, index_poll_cb, &stall);
  nawat_sync_run_async (sync, NULL, on_sync_done_cb, &stall);
  g_main_loop_run (stall.loop);
  g_source_remove (tick);
  /* The last saves. */
  while (stall.saves_returned < stall.saves_asked)
    g_main_context_iteration (NULL, TRUE);
  g_printerr ("autosaves: %u asked for, %u made\n", stall.saves_asked, stall.saves_made);

  g_array_sort (gaps, compare_doubles);
  g_array_sort (busy, compare_doubles);
  max = gaps->len > 0 ? g_array_index (gaps, double, gaps->len - 1) : 0;
  g_print ("stall %.3f %.1f %.1f %u %u %u %u %.1f %.1f %.3f %.1f\n", stall.pulled_at - start, max,
           gaps->len > 0 ? g_array_index (gaps, double, (guint) (gaps->len * 0.99)) : 0,
           gaps->len, stall.pulled, stall.progress,
           g_list_model_get_n_items (G_LIST_MODEL (stall.list)),
           busy->len > 0 ? g_array_index (busy, double, busy->len - 1) : 0,
           busy->len > 0 ? g_array_index (busy, double, (guint) (busy->len * 0.99)) : 0,
           stall.indexed_at - stall.pulled_at, stall.max_pulling);
  g_object_unref (stall.list);
  g_object_unref (stall.evaluation);
  g_main_loop_unref (stall.loop);
  return 0;
}

/* The driver */

typedef struct
{
  double  seconds;
  /* processor time of the client, and of the server meanwhile */
  double  cpu;
  double  server_cpu;
  long    peak_kib;
  char  **fields;
} Child;

/* Processor time of @pid so far, in seconds. */
static double
process_cpu (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *end;

  if (pid <= 0 || !g_file_get_contents (path, &text, NULL, NULL) ||
      (end = strrchr (text, ')')) == NULL)
    return 0;
  /* After "pid (comm)": state is field 3, utime and stime 14 and 15. */
  fields = g_strsplit (end + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return 0;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL))
         / sysconf (_SC_CLK_TCK);
}

static void
child_clear (Child *child)
{
  g_clear_pointer (&child->fields, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Child, child_clear)

/* Runs @argv to its end: its wall time, its own peak memory and the words
 * of its output.
 */
static void
run_child_full (const char * const *argv,
                gboolean            may_fail,
                Child              *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  struct rusage usage;
  GPid pid;
  int fd;
  int status;
  double start = now ();
  double server_start = process_cpu (server_pid);
  char buffer[4096];
  gssize n;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH,
                                 NULL, NULL, &pid, NULL, &fd, NULL, &error))
    g_error ("%s: %s", argv[0], error->message);
  while ((n = read (fd, buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      g_string_append_len (out, buffer, n);
    }
  close (fd);
  if (wait4 (pid, &status, 0, &usage) < 0 ||
      (!may_fail && (!WIFEXITED (status) || WEXITSTATUS (status) != 0)))
    g_error ("%s failed (status %d): %s", argv[0], status, out->str);

  child->seconds = now () - start;
  child->server_cpu = process_cpu (server_pid) - server_start;
  child->cpu = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6
               + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
  child->peak_kib = usage.ru_maxrss;
  if (out->len == 0)
    g_string_append_printf (out, "exit-%d", WEXITSTATUS (status));
  child->fields = g_strsplit (g_strstrip (out->str), " ", -1);
}

static void
run_child (const char * const *argv,
           Child              *child)
{
  run_child_full (argv, FALSE, child);
}

static void
run_phase (const char *self,
           const char *phase,
           const char *url,
           const char *store_path,
           guint       batch,
           Child      *child)
{
  g_autofree char *batch_text = g_strdup_printf ("%u", batch);
  const char *argv[] = { self, "--phase", phase, url, store_path, batch_text, NULL };

  run_child (argv, child);
}

static guint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (guint64) st.st_size : 0;
}

/* The whole feed in one request; the first word of the output is the HTTP
 * status: PouchDB Server builds the answer in one string, which a large
 * database may not fit in.
 */
static void
run_curl_whole (const char *url,
                const char *out_path,
                Child      *child)
{
  g_autofree char *feed = g_strconcat (url, "/" CALL_DB "/_changes?include_docs=true", NULL);
  const char *argv[] = { "curl", "-sS", "-u", ADMIN ":" ADMIN_PW, "-o", out_path,
                         "-w", "%{http_code} %{size_download}", feed, NULL };

  run_child_full (argv, TRUE, child);
}

/* The feed in the batches Nawat asks for, in order on one connection, each
 * to its own file.  A database written once holds the sequences
 * 1...update_seq, so the "since" of each batch is known before it is read:
 * curl needs no parsing between requests.  Returns the bytes read.
 */
static guint64
run_curl_batches (const char *url,
                  const char *dir,
                  gint64      update_seq,
                  guint       batch,
                  Child      *child)
{
  g_autofree char *config_path = g_build_filename (dir, "curl-batches.conf", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "curl-batches", NULL);
  g_autoptr(GString) config = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "curl", "-sS", "--fail", "-u", ADMIN ":" ADMIN_PW, "-K", config_path,
                         NULL };
  guint64 bytes = 0;
  guint n = 0;

  g_mkdir_with_parents (out_dir, 0700);
  for (gint64 since = 0; since < update_seq; since += batch, n++)
    g_string_append_printf (config, "url = \"%s/" CALL_DB "/_changes?include_docs=true"
                            "&since=%" G_GINT64_FORMAT "&limit=%u\"\noutput = \"%s/%06u.json\"\n",
                            url, since, batch, out_dir, n);
  if (!g_file_set_contents (config_path, config->str, -1, &error))
    g_error ("%s", error->message);
  run_child (argv, child);
  g_unlink (config_path);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/%06u.json", out_dir, i);

      bytes += file_size (name);
      g_unlink (name);
    }
  g_rmdir (out_dir);
  return bytes;
}

typedef struct
{
  GStrv     sizes;
  int       n_projects;
  char     *dir;
  int       batch;
  int       pouch_batch;
  gboolean  no_pouchdb;
  gboolean  no_stall;
  gboolean  prepare;
} Options;

/* Prepares DIR/server with the call of n_projects, unless it holds it. */
static Server
prepare_server (Options *o)
{
  g_autofree char *server_dir = g_build_filename (o->dir, "server", NULL);
  g_autofree char *marker = g_build_filename (server_dir, "loaded", NULL);
  g_autofree char *json = g_build_filename (o->dir, "call.json", NULL);
  g_autofree char *loaded = NULL;
  g_autofree char *wanted = g_strdup_printf ("%d\n", o->n_projects);
  Server server;

  g_file_get_contents (marker, &loaded, NULL, NULL);
  server = server_start (server_dir);
  if (g_strcmp0 (loaded, wanted) != 0)
    {
      g_unlink (marker);
      load_call (server.url, json, o->n_projects);
      g_file_set_contents (marker, wanted, -1, NULL);
    }
  else
    g_print ("reusing the call of %d projects in %s\n", o->n_projects, server_dir);
  return server;
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  return g_strndup (text, strcspn (text, " "));
}

static void
print_row (const char *name,
           Child      *child,
           guint64     documents)
{
  g_print ("  %-34s %8.2f s %9.0f docs/s %8.1f MiB peak; cpu %7.2f s + server %7.2f s\n",
           name, child->seconds, documents / child->seconds, child->peak_kib / 1024.0,
           child->cpu, child->server_cpu);
}

/* The figures compared between sizes. */
typedef struct
{
  int     n_projects;
  double  pull;
  double  pull_cpu;
  double  index;
  double  pull_index;
  double  pull_index_cpu;
  double  curl;
  double  floor;
  double  floor_cpu;
} Figures;

/* The index floor over the store the pull left in @store_path: the texts
 * copied out first (not timed), then the sqlite3 shell's script.
 */
static void
run_floor (const char *self,
           const char *dir,
           const char *store_path,
           Child      *floor)
{
  g_autofree char *floor_path = g_build_filename (dir, "floor.db", NULL);
  g_autofree char *script_path = g_build_filename (dir, "floor.sql", NULL);
  g_autofree char *read = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Child) prep = { 0, };
  const char *prep_argv[] = { self, "--phase", "floor-prep", store_path, floor_path, NULL };
  const char *argv[] = { "sqlite3", "-batch", floor_path, NULL, NULL };

  run_child (prep_argv, &prep);
  if (!g_file_set_contents (script_path, floor_script, -1, &error))
    g_error ("%s", error->message);
  read = g_strdup_printf (".read '%s'", script_path);
  argv[3] = read;
  run_child (argv, floor);
  g_unlink (script_path);
  g_unlink (floor_path);
  {
    g_autofree char *wal = g_strconcat (floor_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (floor_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
}

static void
run_bench (const char *self,
           Options    *o,
           Figures    *figures)
{
  Server server = prepare_server (o);
  g_autofree char *store_path = g_build_filename (o->dir, "pull.db", NULL);
  g_autofree char *feed_path = g_build_filename (o->dir, "feed.json", NULL);
  g_autofree char *script = g_build_filename (source_root (), "tests", "perf", "pouch-replicate.mjs", NULL);
  g_autofree char *pouch_batch = g_strdup_printf ("%d", o->pouch_batch);
  const char *pouch_argv[] = { "node", "--max-old-space-size=16384", script, server.url, CALL_DB,
                               ADMIN, ADMIN_PW, pouch_batch, NULL };
  g_auto(Child) nawat = { 0, };
  g_auto(Child) whole = { 0, };
  g_auto(Child) batches = { 0, };
  g_auto(Child) pouch = { 0, };
  g_auto(Child) stall = { 0, };
  g_auto(Child) floor = { 0, };
  gint64 doc_count, update_seq;
  double tn, tni, tw, tb;
  guint64 whole_bytes = 0;
  guint64 batch_bytes = 0;
  gboolean whole_ok = FALSE;

  db_info (server.url, &doc_count, &update_seq);
  {
    g_autofree char *load = load_average ();

    g_print ("# load average at the start: %s\n", load);
  }
  g_print ("# Pull of call \"%s\": %" G_GINT64_FORMAT " documents (update_seq %" G_GINT64_FORMAT
           ") from PouchDB Server (LevelDB) at %s\n",
           CALL_ID, doc_count, update_seq, server.url);

  batch_bytes = run_curl_batches (server.url, o->dir, update_seq, o->batch, &batches);
  run_phase (self, "nawat", server.url, store_path, o->batch, &nawat);
  run_floor (self, o->dir, store_path, &floor);
  if (!o->no_pouchdb)
    run_child (pouch_argv, &pouch);
  if (!o->no_stall)
    run_phase (self, "stall", server.url, store_path, o->batch, &stall);
  /* Last: building the whole feed in one answer may take the server down. */
  run_curl_whole (server.url, feed_path, &whole);
  whole_ok = g_strcmp0 (whole.fields[0], "200") == 0;
  whole_bytes = file_size (feed_path);
  g_unlink (feed_path);
  /* The pull ends when NawatSync returns; the index catches up after. */
  tni = nawat.seconds;
  tn = nawat.seconds = g_ascii_strtod (nawat.fields[1], NULL);
  tw = whole.seconds;
  tb = batches.seconds;

  g_unlink (store_path);
  server_stop (&server);

  g_print ("documents pulled: nawat %s (quarantined %s)", nawat.fields[2], nawat.fields[3]);
  if (pouch.fields != NULL)
    g_print (", pouchdb %s written (doc_count %s)", pouch.fields[2], pouch.fields[3]);
  g_print ("\n");
  print_row ("nawat pull (NawatSync)", &nawat, doc_count);
  g_print ("  (then the search index caught up and was merged in %.2f s; until it caught up, "
           "searches read the projects not yet in it)\n", g_ascii_strtod (nawat.fields[5], NULL));
  if (whole_ok)
    print_row ("curl, whole feed in one request", &whole, doc_count);
  else
    g_print ("  curl, whole feed in one request: HTTP %s after %.2f s, %" G_GUINT64_FORMAT
             " bytes (the server cannot build it)\n", whole.fields[0], tw, whole_bytes);
  {
    g_autofree char *name = g_strdup_printf ("curl, batches of %d (as nawat)", o->batch);

    print_row (name, &batches, doc_count);
  }
  g_print ("  feed read by curl: %.1f MiB whole, %.1f MiB in batches\n",
           whole_bytes / 1048576.0, batch_bytes / 1048576.0);
  if (pouch.fields != NULL)
    {
      g_autofree char *name = g_strdup_printf ("pouchdb replicate, batch_size %d", o->pouch_batch);

      print_row (name, &pouch, doc_count);
      g_print ("  (pouchdb's own replication time, without Node's start-up: %s s)\n",
               pouch.fields[1]);
      g_print ("pull: nawat/pouchdb %.2f (pouchdb/nawat %.2fx, target >= 3x)\n",
               tn / pouch.seconds, pouch.seconds / tn);
    }
  if (whole_ok)
    g_print ("pull: nawat/curl whole feed %.2f (target <= 1.5)\n", tn / tw);
  g_print ("pull: nawat/curl batches of %d %.2f (target <= 1.5)\n", o->batch, tn / tb);
  g_print ("pull and search index: nawat/curl batches %.2f", tni / tb);
  if (pouch.fields != NULL)
    g_print (", nawat/pouchdb %.2f", tni / pouch.seconds);
  g_print ("\n");
  print_row ("index floor (sqlite3 shell)", &floor, doc_count);
  {
    g_autofree char *load = load_average ();

    g_print ("pull and search index vs floor (curl batches + sqlite3 index): "
             "wall %.2f s / (%.2f + %.2f s) = %.2f; cpu %.2f s / (%.2f + %.2f s) = %.2f "
             "(target <= 1.5; load average %s)\n",
             tni, tb, floor.seconds, tni / (tb + floor.seconds),
             nawat.cpu, batches.cpu, floor.cpu, nawat.cpu / (batches.cpu + floor.cpu), load);
  }
  figures->n_projects = o->n_projects;
  figures->pull = tn;
  figures->pull_cpu = g_ascii_strtod (nawat.fields[6], NULL);
  figures->index = g_ascii_strtod (nawat.fields[5], NULL);
  figures->pull_index = tni;
  figures->pull_index_cpu = nawat.cpu;
  figures->curl = tb;
  figures->floor = floor.seconds;
  figures->floor_cpu = floor.cpu;
  if (stall.fields != NULL)
    {
      g_autofree char *load = load_average ();

      g_print ("main-loop stall during an async pull with a project list, and while the "
               "search index catches up: longest %s ms (%s ms during the pull), p99 %s ms "
               "over %s ticks of 1 ms (target < 50 ms); pull %s s, then the index %s s; "
               "%s progress signals, list shows %s rows\n",
               stall.fields[2], stall.fields[11], stall.fields[3], stall.fields[4],
               stall.fields[1], stall.fields[10], stall.fields[6], stall.fields[7]);
      /* A gap with the main thread idle is the scheduler's (other
       * processes, the pull's threads), not work done on the main loop.
       */
      g_print ("  main thread's own work between two ticks: longest %s ms, p99 %s ms "
               "(load average %s)\n", stall.fields[8], stall.fields[9], load);
    }
}

static void
print_one_growth (const char *name,
                  double      small,
                  double      large,
                  double      data)
{
  double growth = small > 0 ? large / small : 0;

  /* A quarter more than the data allows for noise and caches. */
  g_print ("  %-32s %8.2f s -> %8.2f s: x%.1f%s\n", name, small, large, growth,
           growth > data * 1.25 ? "  GROWS FASTER THAN THE DATA" : "");
}

/* Each figure at the smallest and at the largest size, flagged where it
 * grew more than the number of projects did.
 */
static void
print_growth (const Figures *small,
              const Figures *large)
{
  double data = (double) large->n_projects / small->n_projects;

  g_print ("\n## Growth from %d to %d projects (data x%.1f)\n",
           small->n_projects, large->n_projects, data);
  print_one_growth ("nawat pull", small->pull, large->pull, data);
  print_one_growth ("nawat pull, cpu", small->pull_cpu, large->pull_cpu, data);
  print_one_growth ("search index catching up", small->index, large->index, data);
  print_one_growth ("nawat pull and index", small->pull_index, large->pull_index, data);
  print_one_growth ("nawat pull and index, cpu", small->pull_index_cpu, large->pull_index_cpu,
                    data);
  print_one_growth ("curl batches", small->curl, large->curl, data);
  print_one_growth ("index floor (sqlite3)", small->floor, large->floor, data);
  print_one_growth ("index floor, cpu", small->floor_cpu, large->floor_cpu, data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *phase = NULL;
  g_auto(GStrv) env_argv = NULL;
  Options o = { NULL, 0, NULL, 1000, 1000, FALSE, FALSE, FALSE };
  const char * const default_sizes[] = { "10000", "100000", NULL };
  g_autofree char *base_dir = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (Figures));
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.sizes,
      "Projects in the call, repeated for several sizes (default 10000 and 100000)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &o.dir, "Where to keep the server's data (reused) and the files", "DIR" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &o.batch,
      "Documents per _changes request (default 1000, as nawat)", "N" },
    { "pouch-batch", 0, 0, G_OPTION_ARG_INT, &o.pouch_batch, "PouchDB's batch_size (default 1000)", "N" },
    { "no-pouchdb", 0, 0, G_OPTION_ARG_NONE, &o.no_pouchdb, "Skip PouchDB's replicator", NULL },
    { "no-stall", 0, 0, G_OPTION_ARG_NONE, &o.no_stall, "Skip the main-loop measurement", NULL },
    { "prepare", 0, 0, G_OPTION_ARG_NONE, &o.prepare, "Only load the call into the server's data in DIR", NULL },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &phase, NULL, NULL },
    { NULL }
  };

  /* Options from the environment when run by meson. */
  env_argv = bench_args_from_env (&argc, &argv);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (phase != NULL)
    {
      if (g_str_equal (phase, "nawat") && argc == 4)
        return phase_nawat (argv[1], argv[2], atoi (argv[3]));
      if (g_str_equal (phase, "stall") && argc == 4)
        return phase_stall (argv[1], argv[2], atoi (argv[3]));
      if (g_str_equal (phase, "floor-prep") && argc == 3)
        return phase_floor_prep (argv[1], argv[2]);
      return 2;
    }

  if (o.dir == NULL)
    o.dir = g_dir_make_tmp ("nawat-bench-sync-XXXXXX", &error);
  if (o.dir == NULL)
    g_error ("%s", error->message);
  base_dir = g_steal_pointer (&o.dir);
  o.batch = MAX (o.batch, 1);
  o.pouch_batch = MAX (o.pouch_batch, 1);
  if (o.sizes == NULL)
    o.sizes = g_strdupv ((char **) default_sizes);

  for (guint i = 0; o.sizes[i] != NULL; i++)
    {
      Figures figures = { 0, };

      o.n_projects = atoi (o.sizes[i]);
      if (o.n_projects <= 0)
        {
          g_printerr ("--projects %s: not a number of projects\n", o.sizes[i]);
          return 2;
        }
      o.dir = g_build_filename (base_dir, o.sizes[i], NULL);
      if (o.prepare)
        {
          Server server = prepare_server (&o);

          server_stop (&server);
        }
      else
        {
          g_print ("\n## %d projects\n", o.n_projects);
          run_bench (argv[0], &o, &figures);
          g_array_append_val (all, figures);
        }
      g_clear_pointer (&o.dir, g_free);
    }
  if (all->len >= 2)
    print_growth (&g_array_index (all, Figures, 0), &g_array_index (all, Figures, all->len - 1));
  g_strfreev (o.sizes);
  return 0;
}
