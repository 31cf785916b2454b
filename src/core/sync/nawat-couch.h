/* nawat-couch.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define NAWAT_COUCH_ERROR (nawat_couch_error_quark ())

/* Cancellation is reported as G_IO_ERROR_CANCELLED, not in this domain. */
typedef enum
{
  /* 401: wrong name or password, or the session could not be renewed */
  NAWAT_COUCH_ERROR_UNAUTHORIZED,
  /* 403: refused by _security or validate_doc_update */
  NAWAT_COUCH_ERROR_FORBIDDEN,
  /* 404 */
  NAWAT_COUCH_ERROR_NOT_FOUND,
  /* 409: the document changed on the server */
  NAWAT_COUCH_ERROR_CONFLICT,
  /* 400 and any other 4xx */
  NAWAT_COUCH_ERROR_BAD_REQUEST,
  /* 5xx after every retry */
  NAWAT_COUCH_ERROR_SERVER,
  /* unreachable, timed out or dropped after every retry */
  NAWAT_COUCH_ERROR_NETWORK,
  /* plain http to a host that is not loopback */
  NAWAT_COUCH_ERROR_INSECURE,
  /* not JSON, truncated, or not the expected shape; also an invalid URL */
  NAWAT_COUCH_ERROR_INVALID_RESPONSE,
} NawatCouchError;

#define NAWAT_TYPE_COUCH (nawat_couch_get_type ())

G_DECLARE_FINAL_TYPE (NawatCouch, nawat_couch, NAWAT, COUCH, GObject)

/* Signals:
 *   "progress" (NawatCouch *self, guint64 bytes_received, guint64 bytes_sent)
 *     emitted from the thread that called nawat_couch_send() after each
 *     request, with the running totals of this object.
 */

GQuark      nawat_couch_error_quark          (void);

/* @base_url: "https://host[:port][/prefix]"; http only to 127.0.0.1, ::1
 * or localhost.  Fails with NAWAT_COUCH_ERROR_INSECURE or
 * NAWAT_COUCH_ERROR_INVALID_RESPONSE (an invalid URL).
 */
NawatCouch *nawat_couch_new                  (const char    *base_url,
                                              GError       **error);
const char *nawat_couch_get_base_url         (NawatCouch    *self);
/* Uses a cookie session (POST /_session), renewed once on a 401; falls back
 * to basic auth when the server has no /_session.
 */
void        nawat_couch_set_credentials      (NawatCouch    *self,
                                              const char    *user,
                                              const char    *password);
const char *nawat_couch_get_user             (NawatCouch    *self);
/* Tests: the first retry delay and its cap, in milliseconds, and the number
 * of attempts (default 100 ms, 5000 ms, 5 attempts).
 */
void        nawat_couch_set_retry_policy     (NawatCouch    *self,
                                              guint          initial_delay_ms,
                                              guint          max_delay_ms,
                                              guint          max_attempts);
/* Seconds before a request with no answer is abandoned (then retried). */
void        nawat_couch_set_timeout          (NawatCouch    *self,
                                              guint          seconds);
guint64     nawat_couch_get_bytes_received   (NawatCouch    *self);
guint64     nawat_couch_get_bytes_sent       (NawatCouch    *self);

/* Synchronous: for the CLI and worker threads, never the main thread.
 * Retries 5xx, timeouts, dropped connections and truncated bodies; a 4xx
 * becomes a NAWAT_COUCH_ERROR carrying the server's reason.
 * @status_out (nullable) receives the final HTTP status (0 if none).
 */
GBytes     *nawat_couch_send                 (NawatCouch    *self,
                                              const char    *method,
                                              const char    *path_and_query,
                                              GBytes        *json_body,
                                              guint         *status_out,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* As nawat_couch_send(), with JSON in and out. */
JsonNode   *nawat_couch_request              (NawatCouch    *self,
                                              const char    *method,
                                              const char    *path_and_query,
                                              JsonNode      *body,
                                              guint         *status_out,
                                              GCancellable  *cancellable,
                                              GError       **error);
/* As nawat_couch_request(), giving also the answer's text as it came in
 * @text_out, for a reader stricter than json-glib.
 */
JsonNode   *nawat_couch_request_text         (NawatCouch    *self,
                                              const char    *method,
                                              const char    *path_and_query,
                                              JsonNode      *body,
                                              GBytes       **text_out,
                                              guint         *status_out,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* Database names and their URL form. */
char       *nawat_couch_escape_db            (const char    *db_name);
char       *nawat_couch_call_db_name         (const char    *call_id);
char       *nawat_couch_evaluation_db_name   (const char    *call_id,
                                              const char    *user);

/* Sends GET @path_and_query and returns the answer's body as a stream,
 * for a file too large to be held in memory (an attachment).  @offset
 * over 0 asks for the bytes from there (an HTTP Range request);
 * @offset_out receives where the stream starts: @offset when the server
 * honoured it, else 0.  Retries as nawat_couch_send() until the answer
 * begins; a failure while reading the stream is the caller's to resume.
 */
GInputStream *nawat_couch_open_read          (NawatCouch    *self,
                                              const char    *path_and_query,
                                              gint64         offset,
                                              gint64        *offset_out,
                                              GCancellable  *cancellable,
                                              GError       **error);

/* As nawat_couch_request(), sending @body as it is, of @content_type
 * (an attachment's contents), with JSON out.
 */
JsonNode   *nawat_couch_request_bytes        (NawatCouch    *self,
                                              const char    *method,
                                              const char    *path_and_query,
                                              GBytes        *body,
                                              const char    *content_type,
                                              guint         *status_out,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
