/* nawat-evaluation-text-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-json-text-private.h"

#include <glib.h>

G_BEGIN_DECLS

/* Evaluations read straight from the JSON text the store keeps of them,
 * without building a document: the store keeps the codec's text
 * (nawat_codec_to_data()), compact, its members in the codec's order, so
 * that the text of a member is what the codec would write of it again.
 * A text that is not (an older version of Nawat wrote it, or it is
 * spaced) is refused, and the caller reads it through the codec.
 */
typedef struct _NawatEvaluationText NawatEvaluationText;

/* What an evaluation's text holds; its pieces point into the text. */
typedef struct
{
  /* the values of "evaluator" and "status", as JSON text */
  NawatTextSpan        evaluator;
  NawatTextSpan        status;
  /* the level of each score key, NAN where not scored */
  const double        *scores;
  gboolean             conflict_declared;
  /* as nawat_evaluation_get_confidence() */
  int                  confidence;
  /* the values of "recommendation" and of the first "confidence", as
   * JSON text; empty (NULL) when the text has none
   */
  NawatTextSpan        recommendation;
  NawatTextSpan        confidence_value;
  /* the other members, each "name":value, in order */
  const NawatTextSpan *members;
  guint                n_members;
} NawatEvaluationFields;

/* A reader of the evaluations made with the rubric @rubric_id (or that
 * name none), whose scores it reads for the NULL-terminated @keys; the
 * members named in @left_out (NULL-terminated) are not among the others.
 */
NawatEvaluationText *_nawat_evaluation_text_new  (const char            *rubric_id,
                                                  const char * const    *keys,
                                                  const char * const    *left_out);
void                 _nawat_evaluation_text_free (NawatEvaluationText   *self);

/* Reads the @length bytes of @json into @fields, which stay valid until
 * the next read: FALSE when they are not the codec's text of an
 * evaluation made with the reader's rubric.
 */
gboolean             _nawat_evaluation_text_read (NawatEvaluationText   *self,
                                                  const char            *json,
                                                  gsize                  length,
                                                  NawatEvaluationFields *fields);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NawatEvaluationText, _nawat_evaluation_text_free)

G_END_DECLS
