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
#define NAWAT_TYPE_EVALUATOR_PROFILE (nawat_evaluator_profile_get_type ())

/* What the call says about one of its evaluators ("evaluator_profiles"):
 * what automatic assignment needs to know.
 */
typedef struct
{
  /* the name shown to people; NULL: the user name */
  char       *display_name;
  /* where the evaluator works, compared with a project's organisation and
   * partners; NULL when not given
   */
  char       *organisation;
  /* domain keys of the evaluator's expertise; never NULL */
  GStrv       domains;
  /* the most projects the evaluator takes; -1: no maximum */
  int         max_load;
  /* members this version does not know, written back unchanged; nullable */
  JsonObject *extra;
} NawatEvaluatorProfile;

GType                  nawat_evaluator_profile_get_type (void) G_GNUC_CONST;
NawatEvaluatorProfile *nawat_evaluator_profile_new      (void);
NawatEvaluatorProfile *nawat_evaluator_profile_copy     (const NawatEvaluatorProfile *self);
void                   nawat_evaluator_profile_free     (NawatEvaluatorProfile       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatEvaluatorProfile, nawat_evaluator_profile_free)

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
/* "theme": a yearly theme's key (nawat_call_themes()); NULL when the call
 * states none.
 */
const char         *nawat_call_get_theme       (NawatCall          *self);
void                nawat_call_set_theme       (NawatCall          *self,
                                                const char         *theme);
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

/* "evaluator_profiles": get_profile returns NULL when @evaluator has none;
 * set_profile copies @profile, or removes the profile when it is NULL.
 */
const NawatEvaluatorProfile *nawat_call_get_profile (NawatCall                   *self,
                                                     const char                  *evaluator);
void                nawat_call_set_profile     (NawatCall                   *self,
                                                const char                  *evaluator,
                                                const NawatEvaluatorProfile *profile);
/* The names that have a profile, sorted; never NULL. */
GStrv               nawat_call_dup_profile_names (NawatCall      *self);

G_END_DECLS
