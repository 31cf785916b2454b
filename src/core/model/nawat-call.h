/* nawat-call.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-document.h"
#include "nawat-text.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_CALL (nawat_call_get_type ())

G_DECLARE_FINAL_TYPE (NawatCall, nawat_call, NAWAT, CALL, NawatDocument)

/* @call_id is the short id ("c1"); the document id is "call:<call_id>". */
NawatCall          *nawat_call_new             (const char         *call_id);
/* The short id: the document id without its "call:" prefix. */
const char         *nawat_call_get_call_id     (NawatCall          *self);
const NawatText    *nawat_call_get_title       (NawatCall          *self);
void                nawat_call_set_title       (NawatCall          *self,
                                                const NawatText    *title);
int                 nawat_call_get_year_be     (NawatCall          *self);
void                nawat_call_set_year_be     (NawatCall          *self,
                                                int                 year_be);
const char         *nawat_call_get_rubric      (NawatCall          *self);
void                nawat_call_set_rubric      (NawatCall          *self,
                                                const char         *rubric_id);
/* ISO 8601, as stored; NULL when the call has none. */
const char         *nawat_call_get_deadline    (NawatCall          *self);
void                nawat_call_set_deadline    (NawatCall          *self,
                                                const char         *deadline);
const char * const *nawat_call_get_evaluators  (NawatCall          *self);
void                nawat_call_set_evaluators  (NawatCall          *self,
                                                const char * const *evaluators);
/* "extensions": an evaluator's own deadline (ISO 8601, as stored), which
 * counts instead of the call's deadline when it is later (see
 * nawat_round_dup_deadline()).  get_extension returns NULL when @evaluator
 * has none; set_extension with @until NULL removes it.  Extending the
 * deadline for the whole call is changing "deadline".
 */
const char         *nawat_call_get_extension   (NawatCall          *self,
                                                const char         *evaluator);
void                nawat_call_set_extension   (NawatCall          *self,
                                                const char         *evaluator,
                                                const char         *until);
/* The names that have an extension, sorted; never NULL. */
GStrv               nawat_call_dup_extension_names (NawatCall      *self);

G_END_DECLS
