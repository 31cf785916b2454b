/* nawat-domains-private.h
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "nawat-domains.h"
#include "nawat-vocabulary-words.h"

G_BEGIN_DECLS

/* A term of a fixed vocabulary: its key and the English and Thai of its
 * vocabulary word (NAWAT_WORD_<word>), as constants for static tables.
 */
#define NAWAT_TERM(key, word) \
  { (key), NAWAT_VOCABULARY_TH_##word, NAWAT_VOCABULARY_EN_##word }

G_END_DECLS
