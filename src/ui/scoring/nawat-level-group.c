/* nawat-level-group.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-level-group.h"

struct _NawatLevelGroup
{
  GtkWidget       parent_instance;

  NawatCriterion *criterion;
  GPtrArray      *levels;   /* const NawatLevel *, the criterion's */
  GPtrArray      *buttons;  /* GtkToggleButton, in level order */
  gboolean        syncing;  /* the buttons are being set from the model */
};

G_DEFINE_FINAL_TYPE (NawatLevelGroup, nawat_level_group, GTK_TYPE_WIDGET)

/* Between two levels, side by side or one under another */
#define SPACING 6

enum {
  LEVEL_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_in (const NawatText *text,
         const char      *language)
{
  const char *str = nawat_text_get (text, language);

  return str != NULL ? str : "";
}

/* A level is a radio button: "checked", never "pressed" (which
 * GtkToggleButton says, and a reader reads as a toggle), and "disabled" with
 * the group: GTK 4.8 marks only the widget made insensitive, not its
 * children.
 */
static void
update_button_state (NawatLevelGroup *self,
                     GtkWidget       *button)
{
  gtk_accessible_reset_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED);
  gtk_accessible_update_state (GTK_ACCESSIBLE (button),
                               GTK_ACCESSIBLE_STATE_CHECKED,
                               gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)),
                               GTK_ACCESSIBLE_STATE_DISABLED,
                               !gtk_widget_get_sensitive (GTK_WIDGET (self)),
                               -1);
}

static void
on_sensitive_changed_cb (NawatLevelGroup *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    update_button_state (self, g_ptr_array_index (self->buttons, i));
}

static void
on_button_toggled_cb (NawatLevelGroup *self,
                      GtkToggleButton *button)
{
  const NawatLevel *level;
  guint index;

  update_button_state (self, GTK_WIDGET (button));
  if (self->syncing || !g_ptr_array_find (self->buttons, button, &index))
    return;

  level = g_ptr_array_index (self->levels, index);
  g_signal_emit (self, signals[LEVEL_TOGGLED], 0, level->value,
                 gtk_toggle_button_get_active (button));
}

/* Return or Space on the chosen level keeps it chosen, as on a radio
 * button: a level is cleared by a click on it or by Delete, never by a key
 * pressed once too often (Return again after "Reopen as Draft", which
 * moves the focus to the chosen level of the first criterion).
 */
static gboolean
on_level_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         gpointer               user_data)
{
  GtkWidget *button = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK)) != 0 ||
      !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static GtkWidget *
level_button_new (NawatLevelGroup  *self,
                  const NawatLevel *level,
                  guint             position,
                  guint             n_levels,
                  const char       *key,
                  const char       *label,
                  const char       *language)
{
  GtkWidget *button = g_object_new (GTK_TYPE_TOGGLE_BUTTON,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_RADIO,
                                    NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *number = g_strdup_printf ("%d", level->value);
  g_autofree char *accessible = NULL;
  g_autofree char *description = NULL;
  g_autofree char *name = g_strdup_printf ("level:%s:%d", key, level->value);
  GtkWidget *value_label = gtk_label_new (number);
  GtkWidget *level_label = gtk_label_new (text_in (level->label, language));
  GtkEventController *keys;

  gtk_widget_add_css_class (value_label, "score-level-value");
  gtk_widget_add_css_class (level_label, "score-level-label");
  gtk_label_set_wrap (GTK_LABEL (level_label), TRUE);
  /* Between words only (Pango finds Thai words by its dictionary): a
   * word broken with a hyphen, "addre-ssed", reads as two.
   */
  gtk_label_set_wrap_mode (GTK_LABEL (level_label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (level_label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (level_label), 12);
  gtk_label_set_width_chars (GTK_LABEL (level_label), 4);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_box_append (GTK_BOX (box), level_label);
  gtk_button_set_child (GTK_BUTTON (button), box);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "score-level");
  gtk_widget_set_tooltip_text (button, text_in (level->descriptor, language));

  /* Translators: the accessible name of a level button: the criterion,
   * the level's number and its name, e.g. "Health: 3, Substantial".
   */
  accessible = g_strdup_printf (_("%s: %d, %s"), label, level->value,
                                text_in (level->label, language));
  /* GTK 4.8 keeps the position in the set (POS_IN_SET, SET_SIZE) to
   * itself: AT-SPI never sees it.  The description says it, before what the
   * level means.
   */
  /* Translators: a level's position among the criterion's levels, then
   * what the level means, e.g. "4 of 5. Clear, measured gains…".
   */
  description = g_strdup_printf (_("%u of %u. %s"), position, n_levels,
                                 text_in (level->descriptor, language));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_POS_IN_SET, (int) position,
                                  GTK_ACCESSIBLE_RELATION_SET_SIZE, (int) n_levels,
                                  -1);
  update_button_state (self, button);

  g_signal_connect_object (button, "toggled", G_CALLBACK (on_button_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_level_key_pressed_cb), NULL);
  gtk_widget_add_controller (button, keys);

  return button;
}

static void
clear_buttons (NawatLevelGroup *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->buttons, i));
  g_ptr_array_set_size (self->buttons, 0);
  g_ptr_array_set_size (self->levels, 0);
}

void
nawat_level_group_set_levels (NawatLevelGroup *self,
                              NawatCriterion  *criterion,
                              const char      *key,
                              const char      *label,
                              const char      *language)
{
  GPtrArray *levels;

  g_return_if_fail (NAWAT_IS_LEVEL_GROUP (self));
  g_return_if_fail (NAWAT_IS_CRITERION (criterion));
  g_return_if_fail (key != NULL && label != NULL);

  clear_buttons (self);
  g_set_object (&self->criterion, criterion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  levels = nawat_criterion_get_levels (criterion);
  for (guint i = 0; i < levels->len; i++)
    {
      const NawatLevel *level = g_ptr_array_index (levels, i);
      GtkWidget *button = level_button_new (self, level, i + 1, levels->len, key, label,
                                            language);

      g_ptr_array_add (self->levels, (gpointer) level);
      g_ptr_array_add (self->buttons, button);
      gtk_widget_set_parent (button, GTK_WIDGET (self));
    }
}

void
nawat_level_group_set_chosen (NawatLevelGroup  *self,
                              const NawatLevel *level)
{
  g_return_if_fail (NAWAT_IS_LEVEL_GROUP (self));

  self->syncing = TRUE;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (self->buttons, i);
      const NawatLevel *this = g_ptr_array_index (self->levels, i);
      gboolean active = level != NULL && this->value == level->value;

      gtk_toggle_button_set_active (button, active);
      /* One tab stop per criterion, on its level (the radio group
       * pattern): the arrows move between the levels.
       */
      gtk_widget_set_focusable (GTK_WIDGET (button), active || (level == NULL && i == 0));
    }

  self->syncing = FALSE;
}

GtkWidget *
nawat_level_group_get_focus_target (NawatLevelGroup *self)
{
  GtkWidget *target = NULL;

  g_return_val_if_fail (NAWAT_IS_LEVEL_GROUP (self), NULL);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);

      if (target == NULL || gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)))
        target = button;
    }

  return target;
}

/* The levels stand side by side, each as wide as the others, while each
 * has the width of its label's longest word; below that (a narrow window,
 * large text) they stand one under another.  So a level's name breaks
 * between words, never inside one.
 */
static gboolean
fits_in_row (NawatLevelGroup *self,
             int              width)
{
  int n = self->buttons->len;
  int widest = 0;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      int minimum = 0;

      gtk_widget_measure (g_ptr_array_index (self->buttons, i), GTK_ORIENTATION_HORIZONTAL, -1,
                          &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }

  return n == 0 || widest * n + SPACING * (n - 1) <= width;
}

static int
row_child_width (NawatLevelGroup *self,
                 int              width)
{
  int n = MAX (1, (int) self->buttons->len);

  return (width - SPACING * (n - 1)) / n;
}

static GtkSizeRequestMode
nawat_level_group_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
nawat_level_group_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  NawatLevelGroup *self = NAWAT_LEVEL_GROUP (widget);
  int n = self->buttons->len;
  gboolean row = orientation == GTK_ORIENTATION_HORIZONTAL || for_size < 0
                 || fits_in_row (self, for_size);
  int child_size = -1;

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    child_size = row ? row_child_width (self, for_size) : for_size;

  for (int i = 0; i < n; i++)
    {
      int child_min = 0;
      int child_nat = 0;

      gtk_widget_measure (g_ptr_array_index (self->buttons, i), orientation, child_size,
                          &child_min, &child_nat, NULL, NULL);
      if (row)
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          *minimum += child_min + (i > 0 ? SPACING : 0);
          *natural += child_nat + (i > 0 ? SPACING : 0);
        }
    }

  /* As wide as the widest level, for one under another; naturally a row. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL && n > 0)
    *natural = *natural * n + SPACING * (n - 1);
}

static void
nawat_level_group_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  NawatLevelGroup *self = NAWAT_LEVEL_GROUP (widget);
  gboolean row = fits_in_row (self, width);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int child_width = row ? row_child_width (self, width) : width;
  int position = 0;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->buttons, i);
      GtkAllocation allocation = { 0, 0, child_width, height };

      if (row)
        {
          allocation.x = rtl ? width - position - child_width : position;
          position += child_width + SPACING;
        }
      else
        {
          gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, width,
                              &allocation.height, NULL, NULL, NULL);
          allocation.y = position;
          position += allocation.height + SPACING;
        }
      gtk_widget_size_allocate (button, &allocation, -1);
    }
}

static void
nawat_level_group_dispose (GObject *object)
{
  NawatLevelGroup *self = (NawatLevelGroup *) object;

  clear_buttons (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_LEVEL_GROUP);
  g_clear_object (&self->criterion);

  G_OBJECT_CLASS (nawat_level_group_parent_class)->dispose (object);
}

static void
nawat_level_group_finalize (GObject *object)
{
  NawatLevelGroup *self = (NawatLevelGroup *) object;

  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);

  G_OBJECT_CLASS (nawat_level_group_parent_class)->finalize (object);
}

static void
nawat_level_group_class_init (NawatLevelGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_level_group_dispose;
  object_class->finalize = nawat_level_group_finalize;
  widget_class->get_request_mode = nawat_level_group_get_request_mode;
  widget_class->measure = nawat_level_group_measure;
  widget_class->size_allocate = nawat_level_group_size_allocate;

  /**
   * NawatLevelGroup::level-toggled:
   * @value: the level's value
   * @active: whether the level was chosen (FALSE: chosen again, to clear)
   *
   * The evaluator toggled a level's button.
   */
  signals[LEVEL_TOGGLED] = g_signal_new ("level-toggled", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nawat/Nawat/ui/scoring/nawat-level-group.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
}

static void
nawat_level_group_init (NawatLevelGroup *self)
{
  self->levels = g_ptr_array_new ();
  self->buttons = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::sensitive", G_CALLBACK (on_sensitive_changed_cb), NULL);
}
