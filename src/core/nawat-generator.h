/* nawat-generator.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes a deterministic synthetic call as a _bulk_docs body,
 * {"docs": [call, rubric, projects…, evaluations…]}: the same arguments give
 * the same bytes on every machine.
 */
gboolean nawat_generator_write (GOutputStream  *output,
                                const char     *call_id,
                                guint           n_projects,
                                guint           n_evaluators,
                                guint64         seed,
                                GCancellable   *cancellable,
                                GError        **error);

G_END_DECLS
