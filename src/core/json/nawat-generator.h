/* nawat-generator.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The call's deadline unless told otherwise: fixed, so that the output
 * stays the same bytes, and far enough ahead that generated calls stay
 * open to scoring.
 */
#define NAWAT_GENERATOR_DEFAULT_DEADLINE "2099-12-31T17:00:00Z"

/* Writes a deterministic synthetic call as a _bulk_docs body,
 * {"docs": [call, rubric, projects…, evaluations…]}: the same arguments give
 * the same bytes on every machine.  The call's deadline is
 * NAWAT_GENERATOR_DEFAULT_DEADLINE.
 */
gboolean nawat_generator_write               (GOutputStream  *output,
                                              const char     *call_id,
                                              guint           n_projects,
                                              guint           n_evaluators,
                                              guint64         seed,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* The same with the call's @deadline (ISO 8601, written as given). */
gboolean nawat_generator_write_with_deadline (GOutputStream  *output,
                                              const char     *call_id,
                                              guint           n_projects,
                                              guint           n_evaluators,
                                              guint64         seed,
                                              const char     *deadline,
                                              GCancellable   *cancellable,
                                              GError        **error);
/* @theme: a yearly theme's key (nawat_call_themes()) for the call, or NULL */
gboolean nawat_generator_write_with_theme    (GOutputStream  *output,
                                              const char     *call_id,
                                              guint           n_projects,
                                              guint           n_evaluators,
                                              guint64         seed,
                                              const char     *deadline,
                                              const char     *theme,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_END_DECLS
