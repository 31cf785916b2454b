/* nawat-test-http.h: an HTTP server on loopback, in its own thread
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <string.h>

/* libsoup 3.2's SoupServer keeps a reference to each accepted socket and
 * to its listening address after it is finalized; only this test server
 * allocates them.
 */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

/* GLib is built without frame pointers: the slow unwinder is needed for
 * the suppressions below to see the libsoup frames.
 */
G_GNUC_UNUSED const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

G_GNUC_UNUSED const char *
__lsan_default_suppressions (void)
{
  return "leak:g_socket_accept\nleak:soup_server_listen_local\n";
}

typedef struct
{
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  SoupServer      *server;
  char            *url;
  SoupServerCallback callback;
  gpointer         user_data;
  GMutex           lock;
  GCond            cond;
  gboolean         ready;
} TestHttp;

static gboolean
test_http_quit_cb (gpointer data)
{
  TestHttp *http = data;

  g_main_loop_quit (http->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
test_http_thread (gpointer data)
{
  TestHttp *http = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (http->context);
  http->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (http->server, NULL, http->callback, http->user_data, NULL);
  if (!soup_server_listen_local (http->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("listen: %s", error->message);
  uris = soup_server_get_uris (http->server);
  http->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (http->url, "/"))
    http->url[strlen (http->url) - 1] = '\0';

  g_mutex_lock (&http->lock);
  http->ready = TRUE;
  g_cond_signal (&http->cond);
  g_mutex_unlock (&http->lock);

  g_main_loop_run (http->loop);

  soup_server_disconnect (http->server);
  g_clear_object (&http->server);
  /* Let the closing connections finish. */
  {
    gint64 end = g_get_monotonic_time () + 200 * 1000;

    while (g_get_monotonic_time () < end)
      if (!g_main_context_iteration (http->context, FALSE))
        g_usleep (1000);
  }
  g_main_context_pop_thread_default (http->context);
  return NULL;
}

G_GNUC_UNUSED static TestHttp *
test_http_start (SoupServerCallback callback,
                 gpointer           user_data)
{
  TestHttp *http = g_new0 (TestHttp, 1);

  http->callback = callback;
  http->user_data = user_data;
  http->context = g_main_context_new ();
  http->loop = g_main_loop_new (http->context, FALSE);
  g_mutex_init (&http->lock);
  g_cond_init (&http->cond);
  http->thread = g_thread_new ("test-http", test_http_thread, http);

  g_mutex_lock (&http->lock);
  while (!http->ready)
    g_cond_wait (&http->cond, &http->lock);
  g_mutex_unlock (&http->lock);
  return http;
}

G_GNUC_UNUSED static void
test_http_stop (TestHttp *http)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, test_http_quit_cb, http, NULL);
  g_source_attach (source, http->context);
  g_source_unref (source);
  g_thread_join (http->thread);

  g_main_loop_unref (http->loop);
  g_main_context_unref (http->context);
  g_mutex_clear (&http->lock);
  g_cond_clear (&http->cond);
  g_free (http->url);
  g_free (http);
}

G_GNUC_UNUSED static void
test_http_reply (SoupServerMessage *msg,
                 guint              status,
                 const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

/* Answers with raw bytes on the socket and closes it. */
G_GNUC_UNUSED static void
test_http_reply_raw (SoupServerMessage *msg,
                     const char        *raw)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);

  if (raw != NULL)
    g_output_stream_write_all (out, raw, strlen (raw), NULL, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

G_GNUC_UNUSED static char *
test_http_dup_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
