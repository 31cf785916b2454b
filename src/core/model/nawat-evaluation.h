/* nawat-evaluation.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-document.h"

G_BEGIN_DECLS

/* An evaluator's confidence in an evaluation, their expertise in the
 * proposal.
 */
#define NAWAT_CONFIDENCE_NONE 0
#define NAWAT_CONFIDENCE_LOW 1
#define NAWAT_CONFIDENCE_MEDIUM 2
#define NAWAT_CONFIDENCE_HIGH 3

typedef enum
{
  NAWAT_EVALUATION_DRAFT,
  NAWAT_EVALUATION_SUBMITTED,
} NawatEvaluationStatus;

typedef enum
{
  NAWAT_RECOMMENDATION_NONE,
  NAWAT_RECOMMENDATION_FUND,
  NAWAT_RECOMMENDATION_FUND_WITH_CONDITIONS,
  NAWAT_RECOMMENDATION_REJECT,
} NawatRecommendation;

/* The kind of a conflict of interest (HotCRP's): "type" of
 * "conflict_of_interest"; NAWAT_CONFLICT_TYPE_NONE when not said.
 */
typedef enum
{
  NAWAT_CONFLICT_TYPE_NONE,
  NAWAT_CONFLICT_TYPE_SAME_ORGANISATION,
  NAWAT_CONFLICT_TYPE_PARTNER_ORGANISATION,
  NAWAT_CONFLICT_TYPE_COLLABORATOR,
  NAWAT_CONFLICT_TYPE_PERSONAL,
  NAWAT_CONFLICT_TYPE_FINANCIAL,
  NAWAT_CONFLICT_TYPE_OTHER,
} NawatConflictType;

#define NAWAT_N_CONFLICT_TYPES (NAWAT_CONFLICT_TYPE_OTHER + 1)

#define NAWAT_TYPE_EVALUATION_STATUS (nawat_evaluation_status_get_type ())
#define NAWAT_TYPE_RECOMMENDATION    (nawat_recommendation_get_type ())
#define NAWAT_TYPE_EVALUATION        (nawat_evaluation_get_type ())

GType nawat_evaluation_status_get_type (void) G_GNUC_CONST;
GType nawat_recommendation_get_type    (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (NawatEvaluation, nawat_evaluation, NAWAT, EVALUATION, NawatDocument)

/* The document id is "evaluation:<call>:<code>:<evaluator>", made from the
 * project id "project:<call>:<code>".
 */
NawatEvaluation       *nawat_evaluation_new                    (const char            *project_id,
                                                                const char            *evaluator,
                                                                const char            *rubric_id);
const char            *nawat_evaluation_get_project            (NawatEvaluation       *self);
const char            *nawat_evaluation_get_evaluator          (NawatEvaluation       *self);
const char            *nawat_evaluation_get_rubric             (NawatEvaluation       *self);
/* Scores are keyed "<group>.<criterion>"; unset and null are the same:
 * get_score returns FALSE and leaves @value alone.
 */
gboolean               nawat_evaluation_get_score              (NawatEvaluation       *self,
                                                                const char            *key,
                                                                double                *value);
void                   nawat_evaluation_set_score              (NawatEvaluation       *self,
                                                                const char            *key,
                                                                double                 value);
void                   nawat_evaluation_clear_score            (NawatEvaluation       *self,
                                                                const char            *key);
/* The keys that have a score (sorted). */
GStrv                  nawat_evaluation_dup_score_keys         (NawatEvaluation       *self);
const char            *nawat_evaluation_get_comment            (NawatEvaluation       *self,
                                                                const char            *key);
void                   nawat_evaluation_set_comment            (NawatEvaluation       *self,
                                                                const char            *key,
                                                                const char            *comment);
/* The keys that have a non-empty comment (sorted). */
GStrv                  nawat_evaluation_dup_comment_keys       (NawatEvaluation       *self);
const char            *nawat_evaluation_get_overall_comment    (NawatEvaluation       *self);
void                   nawat_evaluation_set_overall_comment    (NawatEvaluation       *self,
                                                                const char            *comment);
NawatRecommendation    nawat_evaluation_get_recommendation     (NawatEvaluation       *self);
void                   nawat_evaluation_set_recommendation     (NawatEvaluation       *self,
                                                                NawatRecommendation    recommendation);
gboolean               nawat_evaluation_get_conflict_declared  (NawatEvaluation       *self);
const char            *nawat_evaluation_get_conflict_note      (NawatEvaluation       *self);
void                   nawat_evaluation_set_conflict           (NawatEvaluation       *self,
                                                                gboolean               declared,
                                                                const char            *note);
NawatConflictType      nawat_evaluation_get_conflict_type      (NawatEvaluation       *self);
void                   nawat_evaluation_set_conflict_type      (NawatEvaluation       *self,
                                                                NawatConflictType      type);
/* Whether the evaluator said if they have a conflict of interest (the
 * member "conflict_answered", or a declaration), and saying it.
 */
gboolean               nawat_evaluation_get_conflict_answered  (NawatEvaluation       *self);
void                   nawat_evaluation_set_conflict_answered  (NawatEvaluation       *self);
/* Declares a conflict of interest, answered, and clears every score: an
 * evaluation with a declared conflict carries none (the round's rule 2).
 */
void                   nawat_evaluation_declare_conflict       (NawatEvaluation       *self);
/* The evaluator's confidence in this evaluation (the member "confidence"):
 * NAWAT_CONFIDENCE_LOW to NAWAT_CONFIDENCE_HIGH, or NAWAT_CONFIDENCE_NONE
 * when not given (set_confidence with it removes the member).
 */
int                    nawat_evaluation_get_confidence         (NawatEvaluation       *self);
void                   nawat_evaluation_set_confidence         (NawatEvaluation       *self,
                                                                int                    confidence);
NawatEvaluationStatus  nawat_evaluation_get_status             (NawatEvaluation       *self);
void                   nawat_evaluation_set_status             (NawatEvaluation       *self,
                                                                NawatEvaluationStatus  status);
/* ISO 8601, UTC */
const char            *nawat_evaluation_get_updated            (NawatEvaluation       *self);
void                   nawat_evaluation_set_updated            (NawatEvaluation       *self,
                                                                const char            *updated);
/* "reopened": who sent a submitted evaluation back to draft (the evaluator,
 * or a coordinator) and when (ISO 8601, UTC); both NULL when it never was.
 * The last reopening is kept after it is submitted again, so the document
 * shows that it was reopened.  set_reopened takes both or neither.
 */
const char            *nawat_evaluation_get_reopened_by        (NawatEvaluation       *self);
const char            *nawat_evaluation_get_reopened_at        (NawatEvaluation       *self);
void                   nawat_evaluation_set_reopened           (NawatEvaluation       *self,
                                                                const char            *by,
                                                                const char            *at);
/* Sets "updated" to the current UTC time. */
void                   nawat_evaluation_touch                  (NawatEvaluation       *self);
/* A deep copy, id, revision and unknown members included. */
NawatEvaluation       *nawat_evaluation_copy                   (NawatEvaluation       *self);
/* Compares every field except the revision and "updated". */
gboolean               nawat_evaluation_equal_content          (NawatEvaluation       *a,
                                                                NawatEvaluation       *b);

/* NAWAT_RECOMMENDATION_NONE is JSON null: to_string returns NULL and
 * from_string accepts NULL.
 */
const char            *nawat_recommendation_to_string          (NawatRecommendation    recommendation);
gboolean               nawat_recommendation_from_string        (const char            *str,
                                                                NawatRecommendation   *recommendation);
/* "same-organisation", "partner-organisation", "collaborator",
 * "personal", "financial", "other"; NAWAT_CONFLICT_TYPE_NONE is NULL.
 */
const char            *nawat_conflict_type_to_string           (NawatConflictType      type);
gboolean               nawat_conflict_type_from_string         (const char            *str,
                                                                NawatConflictType     *type);
const char            *nawat_evaluation_status_to_string       (NawatEvaluationStatus  status);
gboolean               nawat_evaluation_status_from_string     (const char            *str,
                                                                NawatEvaluationStatus *status);

G_END_DECLS
