/* nawat-core.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Every public header of the core (not the -private.h ones); the
 * layout test fails when one is missing here.
 */
#include "nawat-assign.h"
#include "nawat-attachment.h"
#include "nawat-call.h"
#include "nawat-chart.h"
#include "nawat-codec.h"
#include "nawat-couch.h"
#include "nawat-credentials.h"
#include "nawat-criterion.h"
#include "nawat-csv.h"
#include "nawat-document.h"
#include "nawat-domains.h"
#include "nawat-evaluation-fields.h"
#include "nawat-evaluation.h"
#include "nawat-export.h"
#include "nawat-exporter.h"
#include "nawat-file-output.h"
#include "nawat-generator.h"
#include "nawat-import-mapping.h"
#include "nawat-import.h"
#include "nawat-json.h"
#include "nawat-level.h"
#include "nawat-merge.h"
#include "nawat-outstanding.h"
#include "nawat-partner.h"
#include "nawat-places.h"
#include "nawat-project-list.h"
#include "nawat-project-row.h"
#include "nawat-project.h"
#include "nawat-publish.h"
#include "nawat-report.h"
#include "nawat-round.h"
#include "nawat-rubric-group.h"
#include "nawat-rubric.h"
#include "nawat-scoring.h"
#include "nawat-stats.h"
#include "nawat-store-attachments.h"
#include "nawat-store-file-text.h"
#include "nawat-store.h"
#include "nawat-sync-session.h"
#include "nawat-sync.h"
#include "nawat-table.h"
#include "nawat-text.h"
#include "nawat-vocabulary.h"
#include "nawat-xlsx.h"
