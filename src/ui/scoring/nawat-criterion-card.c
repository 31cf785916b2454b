/* nawat-criterion-card.c
 *
 * Copyright 2026 The Nawat authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "nawat-criterion-card.h"
#include "nawat-level-group.h"

struct _NawatCriterionCard
{
  GtkBox           parent_instance;

  NawatCriterion  *criterion;
  char            *key;       /* "<group>.<criterion>" */
  char            *label;     /* in the form's language */
  char            *language;
  gboolean         syncing;   /* the widgets are being set from the model */

  GtkLabel        *title;
  GtkLabel        *scale;
  NawatLevelGroup *levels;
  GtkLabel        *descriptor;
  GtkExpander     *expander;
  GtkTextView     *comment;
  GtkWidget       *placeholder;
};

G_DEFINE_FINAL_TYPE (NawatCriterionCard, nawat_criterion_card, GTK_TYPE_BOX)

enum {
  LEVEL_TOGGLED,
  COMMENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_in (NawatCriterionCard *self,
         const NawatText    *text)
{
  const char *str = nawat_text_get (text, self->language);

  return str != NULL ? str : "";
}

static void
on_level_toggled_cb (NawatCriterionCard *self,
                     int                 value,
                     gboolean            active)
{
  g_signal_emit (self, signals[LEVEL_TOGGLED], 0, value, active);
}

static char *
dup_comment (NawatCriterionCard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->comment);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_comment_changed_cb (NawatCriterionCard *self,
                       GtkTextBuffer      *buffer)
{
  g_autofree char *comment = dup_comment (self);

  gtk_widget_set_visible (self->placeholder, comment[0] == '\0');
  if (self->syncing)
    return;

  g_signal_emit (self, signals[COMMENT_CHANGED], 0, comment);
}

static void
setup (NawatCriterionCard *self)
{
  g_autofree char *scale_text = NULL;
  g_autofree char *comment_label = NULL;
  g_autofree char *comment_name = g_strdup_printf ("comment:%s", self->key);
  g_autofree char *expander_name = g_strdup_printf ("expander:%s", self->key);
  g_autofree char *descriptor_name = g_strdup_printf ("descriptor:%s", self->key);

  gtk_widget_set_name (GTK_WIDGET (self), self->key);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->label, -1);
  gtk_label_set_text (self->title, self->label);

  /* Translators: a criterion's scale, e.g. "0–4"; %s after it: "required". */
  scale_text = g_strdup_printf (_("%d–%d"),
                                nawat_criterion_get_min (self->criterion),
                                nawat_criterion_get_max (self->criterion));
  if (!nawat_criterion_get_required (self->criterion))
    {
      char *optional = g_strdup_printf (_("%s, optional"), scale_text);

      g_free (scale_text);
      scale_text = optional;
    }
  gtk_label_set_text (self->scale, scale_text);

  nawat_level_group_set_levels (self->levels, self->criterion, self->key, self->label,
                                self->language);

  gtk_widget_set_name (GTK_WIDGET (self->comment), comment_name);
  /* Translators: the accessible name of a criterion's comment entry. */
  comment_label = g_strdup_printf (_("Comment on %s"), self->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label, -1);
  gtk_widget_set_name (GTK_WIDGET (self->expander), expander_name);
  gtk_widget_set_name (GTK_WIDGET (self->descriptor), descriptor_name);
  /* GTK 4.8 does not name an expander after its label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, comment_label, -1);
}

NawatCriterionCard *
nawat_criterion_card_new (NawatCriterion *criterion,
                          const char     *key,
                          const char     *language)
{
  NawatCriterionCard *self;

  g_return_val_if_fail (NAWAT_IS_CRITERION (criterion), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  self = g_object_new (NAWAT_TYPE_CRITERION_CARD, NULL);
  self->criterion = g_object_ref (criterion);
  self->key = g_strdup (key);
  self->language = g_strdup (language);
  self->label = g_strdup (text_in (self, nawat_criterion_get_label (criterion)));
  setup (self);

  return self;
}

const char *
nawat_criterion_card_get_key (NawatCriterionCard *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION_CARD (self), NULL);

  return self->key;
}

NawatCriterion *
nawat_criterion_card_get_criterion (NawatCriterionCard *self)
{
  g_return_val_if_fail (NAWAT_IS_CRITERION_CARD (self), NULL);

  return self->criterion;
}

static void
update_descriptor (NawatCriterionCard *self,
                   const NawatLevel   *level,
                   gboolean            locked)
{
  g_autofree char *text = NULL;

  if (level != NULL)
    {
      /* Translators: a criterion's chosen level: its number, its name and
       * the descriptor of what it means.
       */
      text = g_strdup_printf (_("%d · %s — %s"), level->value,
                              text_in (self, level->label),
                              text_in (self, level->descriptor));
      gtk_widget_remove_css_class (GTK_WIDGET (self->descriptor), "dim-label");
    }
  else if (locked)
    {
      /* Nothing can be scored now (the conflict of interest question is
       * open, the evaluation is submitted…): no hint inviting a score.
       */
      text = g_strdup (_("Not scored"));
      gtk_widget_add_css_class (GTK_WIDGET (self->descriptor), "dim-label");
    }
  else
    {
      text = g_strdup_printf (_("Not scored yet: press a digit from %d to %d or choose a level"),
                              nawat_criterion_get_min (self->criterion),
                              nawat_criterion_get_max (self->criterion));
      gtk_widget_add_css_class (GTK_WIDGET (self->descriptor), "dim-label");
    }
  gtk_label_set_text (self->descriptor, text);
  /* Read with the criterion's name where the card has the focus (locked). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

void
nawat_criterion_card_update (NawatCriterionCard *self,
                             NawatEvaluation    *evaluation,
                             gboolean            locked)
{
  const NawatLevel *level = NULL;
  g_autofree char *current = NULL;
  const char *comment;
  double value;

  g_return_if_fail (NAWAT_IS_CRITERION_CARD (self));
  g_return_if_fail (NAWAT_IS_EVALUATION (evaluation));

  if (nawat_evaluation_get_score (evaluation, self->key, &value))
    level = nawat_criterion_find_level (self->criterion, (int) value);

  nawat_level_group_set_chosen (self->levels, level);
  update_descriptor (self, level, locked);

  comment = nawat_evaluation_get_comment (evaluation, self->key);
  if (comment == NULL)
    comment = "";
  current = dup_comment (self);
  self->syncing = TRUE;
  if (g_strcmp0 (current, comment) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->comment), comment, -1);
  self->syncing = FALSE;

  if (comment[0] != '\0')
    gtk_expander_set_expanded (self->expander, TRUE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->levels), !locked);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment), !locked);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->comment),
                                  GTK_ACCESSIBLE_PROPERTY_READ_ONLY, locked, -1);
  /* Locked, the card itself keeps the keyboard moving between criteria. */
  gtk_widget_set_focusable (GTK_WIDGET (self), locked);
}

gboolean
nawat_criterion_card_step_level (NawatCriterionCard *self,
                                 NawatEvaluation    *evaluation,
                                 int                 delta,
                                 int                *value)
{
  GPtrArray *levels;
  double score;
  int index = -1;

  g_return_val_if_fail (NAWAT_IS_CRITERION_CARD (self), FALSE);
  g_return_val_if_fail (NAWAT_IS_EVALUATION (evaluation), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  levels = nawat_criterion_get_levels (self->criterion);
  if (levels->len == 0)
    return FALSE;

  if (nawat_evaluation_get_score (evaluation, self->key, &score))
    for (guint i = 0; i < levels->len; i++)
      if (((const NawatLevel *) g_ptr_array_index (levels, i))->value == (int) score)
        index = (int) i;

  if (index < 0)
    index = delta > 0 ? 0 : (int) levels->len - 1;
  else if (index + delta >= 0 && index + delta < (int) levels->len)
    index += delta;
  else
    return FALSE;

  *value = ((const NawatLevel *) g_ptr_array_index (levels, index))->value;
  return TRUE;
}

gboolean
nawat_criterion_card_focus (NawatCriterionCard *self)
{
  GtkWidget *target;

  g_return_val_if_fail (NAWAT_IS_CRITERION_CARD (self), FALSE);

  target = nawat_level_group_get_focus_target (self->levels);
  if (target != NULL && gtk_widget_grab_focus (target))
    return TRUE;

  /* Locked: the card itself takes the focus so the keys still move. */
  return gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
nawat_criterion_card_dispose (GObject *object)
{
  NawatCriterionCard *self = (NawatCriterionCard *) object;
  gtk_widget_dispose_template (GTK_WIDGET (self), NAWAT_TYPE_CRITERION_CARD);
  g_clear_object (&self->criterion);

  G_OBJECT_CLASS (nawat_criterion_card_parent_class)->dispose (object);
}

static void
nawat_criterion_card_finalize (GObject *object)
{
  NawatCriterionCard *self = (NawatCriterionCard *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (nawat_criterion_card_parent_class)->finalize (object);
}

static void
nawat_criterion_card_class_init (NawatCriterionCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nawat_criterion_card_dispose;
  object_class->finalize = nawat_criterion_card_finalize;

  /**
   * NawatCriterionCard::level-toggled:
   * @value: the level's value
   * @active: whether the level was chosen (FALSE: chosen again, to clear)
   *
   * The evaluator toggled one of the criterion's levels.
   */
  signals[LEVEL_TOGGLED] = g_signal_new ("level-toggled", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_BOOLEAN);
  /**
   * NawatCriterionCard::comment-changed:
   * @comment: the comment's text
   *
   * The evaluator edited the criterion's comment.
   */
  signals[COMMENT_CHANGED] = g_signal_new ("comment-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (NAWAT_TYPE_LEVEL_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/nawat/Nawat/ui/scoring/nawat-criterion-card.ui");
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, title);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, scale);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, levels);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, descriptor);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, expander);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, comment);
  gtk_widget_class_bind_template_child (widget_class, NawatCriterionCard, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, on_level_toggled_cb);

}

static void
nawat_criterion_card_init (NawatCriterionCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->comment), "changed",
                           G_CALLBACK (on_comment_changed_cb), self, G_CONNECT_SWAPPED);
}
