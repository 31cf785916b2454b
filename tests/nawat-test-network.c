/* nawat-test-network.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "nawat-test-network.h"

#define NAWAT_TYPE_TEST_NETWORK (nawat_test_network_get_type ())

G_DECLARE_FINAL_TYPE (NawatTestNetwork, nawat_test_network, NAWAT, TEST_NETWORK, GObject)

struct _NawatTestNetwork
{
  GObject  parent_instance;

  gboolean available;
};

static void nawat_test_network_initable_init (GInitableIface *iface);
static void nawat_test_network_monitor_init  (GNetworkMonitorInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NawatTestNetwork, nawat_test_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      nawat_test_network_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      nawat_test_network_monitor_init))

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
nawat_test_network_initable_init_func (GInitable     *initable,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  return TRUE;
}

static void
nawat_test_network_initable_init (GInitableIface *iface)
{
  iface->init = nawat_test_network_initable_init_func;
}

static gboolean
nawat_test_network_can_reach (GNetworkMonitor     *monitor,
                              GSocketConnectable  *connectable,
                              GCancellable        *cancellable,
                              GError             **error)
{
  if (NAWAT_TEST_NETWORK (monitor)->available)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE, "Network unreachable");
  return FALSE;
}

static void
nawat_test_network_monitor_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = nawat_test_network_can_reach;
}

static void
nawat_test_network_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  NawatTestNetwork *self = NAWAT_TEST_NETWORK (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nawat_test_network_class_init (NawatTestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = nawat_test_network_get_property;
  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
nawat_test_network_init (NawatTestNetwork *self)
{
  self->available = TRUE;
}

void
nawat_test_network_install (void)
{
  /* GIO registers its extension points when it first loads its modules */
  g_vfs_get_default ();
  g_io_extension_point_implement (G_NETWORK_MONITOR_EXTENSION_POINT_NAME,
                                  NAWAT_TYPE_TEST_NETWORK, "nawat-test", G_MAXINT);
  g_assert_true (NAWAT_IS_TEST_NETWORK (g_network_monitor_get_default ()));
}

void
nawat_test_network_set_available (gboolean available)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();
  NawatTestNetwork *self;

  g_assert_true (NAWAT_IS_TEST_NETWORK (monitor));
  self = NAWAT_TEST_NETWORK (monitor);
  if (self->available == !!available)
    return;

  self->available = !!available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_object_notify (G_OBJECT (self), "connectivity");
  g_signal_emit_by_name (self, "network-changed", self->available);
}
