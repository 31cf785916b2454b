/* nawat-store-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-project-row.h"
#include "nawat-store.h"

G_BEGIN_DECLS

/* Named here, not defined: only the store's files (and tests) include
 * <sqlite3.h> and call SQLite.
 */
typedef struct sqlite3 sqlite3;

/* PRAGMA application_id of every Nawat store: 'NAWT'. */
#define NAWAT_STORE_APPLICATION_ID 0x4E415754

/* Rows per page of the lazy project list. */
#define NAWAT_PROJECT_LIST_PAGE_SIZE 50

/* g_utf8_casefold() of valid UTF-8, faster on ASCII and Thai, which fold
 * one character at a time without a table.
 */
char            *_nawat_casefold                    (const char       *text);

/* The words of the search @text, casefolded. */
GStrv            _nawat_search_words                (const char       *text);

/* The pieces of casefolded @text (@length bytes) that project_grams
 * indexes: every character and every pair of adjacent characters, except
 * whitespace, each written once.
 */
char            *_nawat_search_grams                (const char       *text,
                                                     gsize             length);

/* An FTS5 expression over project_grams that every project whose short
 * texts hold each of the @n_words casefolded @words (of one or two
 * characters) matches.
 */
char            *_nawat_search_grams_match          (const char * const *words,
                                                     guint               n_words);

/* A locale-independent key that sorts titles in dictionary order: casefolded,
 * with the Thai leading vowels (เ แ โ ใ ไ) moved after the consonant they
 * precede in writing but follow in speech.
 */
char            *_nawat_sort_key                    (const char       *title);

/* At most this many projects match a search in the lazy list: the first
 * ones of the search index.  A longer list is of no use to read through,
 * and stopping there keeps a keystroke's cost bounded at any store size.
 */
#define NAWAT_PROJECT_LIST_SEARCH_LIMIT 1000

/* Appends to @sql a query of the keys (projects.pk) of the projects of
 * @call_id (any call when NULL) that match @text, at most @limit of them
 * (0: all), in the order of the search index, and its parameters, in order,
 * to @params (strings).  Words of three characters or more go through the
 * trigram index (MATCH); shorter ones, which trigrams cannot find, in the
 * titles, organisation and partners: through their own index
 * (project_grams) when there is no longer word, else through instr() over
 * the longer words' matches.  Every word must match.  With @files, the
 * projects one of whose files' text (_nawat_store_build_file_search())
 * holds every word match too.  Returns FALSE, appending nothing, when
 * @text has no words.
 */
gboolean         _nawat_store_build_search          (const char       *text,
                                                     const char       *call_id,
                                                     gboolean          files,
                                                     guint             limit,
                                                     GString          *sql,
                                                     GPtrArray        *params);

/* Appends to @sql a query of @columns over the files' texts ("t"), the
 * contents ("b") and the projects' files ("a") of @call_id (any call when
 * NULL) whose text holds every word of @text, and its parameters to
 * @params.  Returns FALSE, appending nothing, when @text has no words.
 */
gboolean         _nawat_store_build_file_search     (const char       *text,
                                                     const char       *call_id,
                                                     const char       *columns,
                                                     GString          *sql,
                                                     GPtrArray        *params);

/* Runs the schema migrations of @db up to @version (a test hook: version 1
 * builds the first schema, as an older Nawat wrote it).
 */
gboolean         _nawat_store_migrate               (sqlite3          *db,
                                                     int               version,
                                                     GError          **error);

/* Adds the next @max projects the search index has not caught up with to
 * it, in one transaction; sets @done when every project is in it (a test
 * hook: nawat_store_finish_search_index() goes on until then).
 */
gboolean         _nawat_store_index_some            (NawatStore       *self,
                                                     guint             max,
                                                     gboolean         *done,
                                                     GError          **error);

/* The lock every writer of the store holds (a test hook: holding it makes
 * the store busy).
 */
GMutex          *_nawat_store_get_lock              (NawatStore       *self);

/* The size of the pieces nawat_store_import_file() parses (a test hook). */
void             _nawat_store_set_import_chunk_size (gsize             size);

/* Opens a connection of its own, read-only, to the store in the file
 * @path (nawat_store_get_path()), waiting for writers as the store's own
 * connection does; @flags are added to SQLITE_OPEN_READONLY.  A store in
 * memory (":memory:", or no path) is refused, NAWAT_STORE_ERROR_FAILED:
 * another connection would see none of it.
 */
sqlite3         *_nawat_store_open_reader           (const char       *path,
                                                     int               flags,
                                                     GError          **error);

/* Sets @error from the last failure of @db. */
void             _nawat_store_set_error             (GError          **error,
                                                     sqlite3          *db,
                                                     int               rc,
                                                     const char       *path);

NawatProjectRow *_nawat_project_row_new_loading     (void);
void             _nawat_project_row_fill            (NawatProjectRow  *self,
                                                     const char       *id,
                                                     const char       *code,
                                                     const char       *title_th,
                                                     const char       *title_en,
                                                     const char       *organisation,
                                                     const char       *province,
                                                     const char       *primary_domain,
                                                     NawatProjectStatus status,
                                                     double            composite);
/* Makes @self loading again, to be filled with another project. */
void             _nawat_project_row_unfill          (NawatProjectRow  *self);
/* Why a search matched @self (see nawat_project_row_get_snippet()); takes
 * @snippet and @ranges.
 */
void             _nawat_project_row_set_snippet     (NawatProjectRow  *self,
                                                     int               match,
                                                     char             *snippet,
                                                     GArray           *ranges);
/* The number of NawatProjectRow objects alive (for tests of the cache). */
guint            _nawat_project_row_get_n_alive     (void);

G_END_DECLS
