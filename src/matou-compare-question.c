/* One question of the decision guide: its text beside its answers when they fit, above them when they do not. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-question.h"

/* libadwaita 1.2 has no breakpoints: the widget decides from the width it is given. */
#define SPACING_BESIDE   18
#define SPACING_ABOVE    10
#define MIN_TEXT_BESIDE 220

struct _MatouCompareQuestion
{
  GtkWidget  parent_instance;

  GtkWidget *text;       /* the question and its hint */
  GtkWidget *answers;    /* linked toggle buttons, one per answer */
};

G_DEFINE_FINAL_TYPE (MatouCompareQuestion, matou_compare_question, GTK_TYPE_WIDGET)

static gboolean
fits_beside (MatouCompareQuestion *self,
             int                   width,
             int                  *answers_width)
{
  int text_min, answers_nat;

  gtk_widget_measure (self->text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, NULL, NULL, NULL);
  gtk_widget_measure (self->answers, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &answers_nat, NULL, NULL);
  *answers_width = answers_nat;

  return width - answers_nat - SPACING_BESIDE >= MAX (text_min, MIN_TEXT_BESIDE);
}

static void
matou_compare_question_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  MatouCompareQuestion *self = MATOU_COMPARE_QUESTION (widget);
  int text_min, text_nat, answers_min, answers_nat, answers_width;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->text, orientation, -1, &text_min, &text_nat, NULL, NULL);
      gtk_widget_measure (self->answers, orientation, -1, &answers_min, &answers_nat, NULL, NULL);
      *minimum = MAX (text_min, answers_min);
      *natural = text_nat + SPACING_BESIDE + answers_nat;
      return;
    }

  if (for_size >= 0 && fits_beside (self, for_size, &answers_width))
    {
      gtk_widget_measure (self->text, orientation, for_size - answers_width - SPACING_BESIDE,
                          &text_min, &text_nat, NULL, NULL);
      gtk_widget_measure (self->answers, orientation, answers_width, &answers_min, &answers_nat, NULL, NULL);
      *minimum = MAX (text_min, answers_min);
      *natural = MAX (text_nat, answers_nat);
    }
  else
    {
      gtk_widget_measure (self->text, orientation, for_size, &text_min, &text_nat, NULL, NULL);
      gtk_widget_measure (self->answers, orientation, -1, &answers_min, &answers_nat, NULL, NULL);
      *minimum = text_min + SPACING_ABOVE + answers_min;
      *natural = text_nat + SPACING_ABOVE + answers_nat;
    }
}

static void
matou_compare_question_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  MatouCompareQuestion *self = MATOU_COMPARE_QUESTION (widget);
  int answers_width, text_height, answers_height;

  if (fits_beside (self, width, &answers_width))
    {
      int text_width = width - answers_width - SPACING_BESIDE;

      gtk_widget_measure (self->text, GTK_ORIENTATION_VERTICAL, text_width, &text_height, NULL, NULL, NULL);
      gtk_widget_measure (self->answers, GTK_ORIENTATION_VERTICAL, answers_width, &answers_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->text,
                                &(GtkAllocation) { 0, (height - text_height) / 2, text_width, text_height }, -1);
      gtk_widget_size_allocate (self->answers,
                                &(GtkAllocation) { width - answers_width, (height - answers_height) / 2,
                                                   answers_width, answers_height }, -1);
    }
  else
    {
      int answers_min;

      gtk_widget_measure (self->text, GTK_ORIENTATION_VERTICAL, width, &text_height, NULL, NULL, NULL);
      gtk_widget_measure (self->answers, GTK_ORIENTATION_HORIZONTAL, -1, &answers_min, NULL, NULL, NULL);
      answers_width = CLAMP (answers_width, answers_min, MAX (width, answers_min));
      gtk_widget_measure (self->answers, GTK_ORIENTATION_VERTICAL, answers_width, &answers_height, NULL, NULL, NULL);
      gtk_widget_size_allocate (self->text, &(GtkAllocation) { 0, 0, width, text_height }, -1);
      gtk_widget_size_allocate (self->answers,
                                &(GtkAllocation) { 0, text_height + SPACING_ABOVE, answers_width, answers_height }, -1);
    }
}

static GtkSizeRequestMode
matou_compare_question_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
matou_compare_question_dispose (GObject *object)
{
  MatouCompareQuestion *self = MATOU_COMPARE_QUESTION (object);

  g_clear_pointer (&self->text, gtk_widget_unparent);
  g_clear_pointer (&self->answers, gtk_widget_unparent);

  G_OBJECT_CLASS (matou_compare_question_parent_class)->dispose (object);
}

static void
matou_compare_question_class_init (MatouCompareQuestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_question_dispose;
  widget_class->measure = matou_compare_question_measure;
  widget_class->size_allocate = matou_compare_question_size_allocate;
  widget_class->get_request_mode = matou_compare_question_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "compare-question");
}

static void
matou_compare_question_init (MatouCompareQuestion *self)
{
}

/**
 * matou_compare_question_new:
 * @action_prefix: the action group the answers belong to ("guide"): each
 *   answer's button sets the stateful action <prefix>.<question id> to its id
 */
GtkWidget *
matou_compare_question_new (const MatouAdvisorQuestion *question,
                            const char                 *action_prefix)
{
  MatouCompareQuestion *self = g_object_new (MATOU_TYPE_COMPARE_QUESTION, NULL);
  g_autofree char *action_name = g_strconcat (action_prefix, ".", question->id, NULL);
  GtkWidget *label = gtk_label_new (_(question->text));

  self->text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_valign (self->text, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (self->text), label);

  if (question->hint != NULL)
    {
      GtkWidget *hint = gtk_label_new (_(question->hint));

      gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
      gtk_label_set_xalign (GTK_LABEL (hint), 0);
      gtk_widget_add_css_class (hint, "dim-label");
      gtk_widget_add_css_class (hint, "caption");
      gtk_box_append (GTK_BOX (self->text), hint);
    }

  self->answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (self->answers, "linked");
  for (const MatouAdvisorAnswer *a = question->answers; a->id != NULL; a++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(a->label));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (a->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _(question->text),
                                      -1);
      gtk_box_append (GTK_BOX (self->answers), button);
    }

  gtk_widget_set_parent (self->text, GTK_WIDGET (self));
  gtk_widget_set_parent (self->answers, GTK_WIDGET (self));

  return GTK_WIDGET (self);
}
