/* nawat-test-network.h: a network that tests take down and bring back
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The machine's network cannot be taken away from a test, so this
 * GNetworkMonitor stands in for the default one: installed before anything
 * asks for g_network_monitor_get_default(), it is what the program sees.
 * It starts with the network available.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes the test monitor the default network monitor; call it first. */
void nawat_test_network_install       (void);

/* Takes the network down or brings it back, and reports it at once. */
void nawat_test_network_set_available (gboolean available);

G_END_DECLS
