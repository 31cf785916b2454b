/* nawat-project.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-attachment.h"
#include "nawat-document.h"
#include "nawat-evaluation.h"
#include "nawat-partner.h"
#include "nawat-text.h"

G_BEGIN_DECLS

#define NAWAT_TYPE_PROJECT (nawat_project_get_type ())

G_DECLARE_FINAL_TYPE (NawatProject, nawat_project, NAWAT, PROJECT, NawatDocument)

/* The document id is "project:<call_id>:<code>". */
NawatProject       *nawat_project_new                 (const char         *call_id,
                                                       const char         *code);
const char         *nawat_project_get_call            (NawatProject       *self);
const char         *nawat_project_get_code            (NawatProject       *self);
const NawatText    *nawat_project_get_title           (NawatProject       *self);
void                nawat_project_set_title           (NawatProject       *self,
                                                       const NawatText    *title);
const NawatText    *nawat_project_get_summary         (NawatProject       *self);
void                nawat_project_set_summary         (NawatProject       *self,
                                                       const NawatText    *summary);
const char         *nawat_project_get_organisation    (NawatProject       *self);
void                nawat_project_set_organisation    (NawatProject       *self,
                                                       const char         *organisation);
/* ISO 3166-2:TH, e.g. "TH-50" */
const char         *nawat_project_get_province        (NawatProject       *self);
void                nawat_project_set_province        (NawatProject       *self,
                                                       const char         *province);
/* community, city, regional, national or global */
const char         *nawat_project_get_reach           (NawatProject       *self);
void                nawat_project_set_reach           (NawatProject       *self,
                                                       const char         *reach);
/* Domain keys, primary first. */
const char * const *nawat_project_get_domains         (NawatProject       *self);
void                nawat_project_set_domains         (NawatProject       *self,
                                                       const char * const *domains);
/* An array of NawatPartner. */
GPtrArray          *nawat_project_get_partners        (NawatProject       *self);
void                nawat_project_add_partner         (NawatProject       *self,
                                                       const NawatPartner *partner);
gint64              nawat_project_get_budget_thb      (NawatProject       *self);
void                nawat_project_set_budget_thb      (NawatProject       *self,
                                                       gint64              budget_thb);
int                 nawat_project_get_duration_months (NawatProject       *self);
void                nawat_project_set_duration_months (NawatProject       *self,
                                                       int                 months);
const char         *nawat_project_get_submitted       (NawatProject       *self);
void                nawat_project_set_submitted       (NawatProject       *self,
                                                       const char         *submitted);
const char * const *nawat_project_get_assigned        (NawatProject       *self);
void                nawat_project_set_assigned        (NawatProject       *self,
                                                       const char * const *assigned);
/* A coordinator's recusal of @evaluator for a conflict of interest of
 * @type (not NAWAT_CONFLICT_TYPE_NONE) with an optional @note: takes them
 * out of "assigned" and records {evaluator, type, note} in the member
 * "recusals" (a later recusal of the same evaluator replaces theirs), so
 * that the server refuses their evaluation once published and no
 * assignment gives them the project again.
 */
void                nawat_project_recuse             (NawatProject       *self,
                                                       const char         *evaluator,
                                                       NawatConflictType   type,
                                                       const char         *note);
/* The type of @evaluator's recusal, NAWAT_CONFLICT_TYPE_NONE when none. */
NawatConflictType   nawat_project_get_recusal         (NawatProject       *self,
                                                       const char         *evaluator);
/* The recused evaluators' names (NULL-terminated). */
GStrv               nawat_project_dup_recused         (NawatProject       *self);
/* The project's files (NawatAttachment), in the document's order; never
 * NULL.  The contents live apart, in the store (nawat-store-attachments.h).
 */
GPtrArray          *nawat_project_get_attachments     (NawatProject       *self);
const NawatAttachment *nawat_project_get_attachment   (NawatProject       *self,
                                                       const char         *name);
/* Adds a copy of @attachment, or replaces the one of the same name. */
void                nawat_project_set_attachment      (NawatProject       *self,
                                                       const NawatAttachment *attachment);
/* Whether there was one of that name. */
gboolean            nawat_project_remove_attachment   (NawatProject       *self,
                                                       const char         *name);

G_END_DECLS
