/* One way to ship a Python app, in full: what it is, its advantages and disadvantages, when to choose it, how to start. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-command.h"
#include "matou-compare-option-view.h"
#include "matou-compare-private.h"

struct _MatouCompareOptionView
{
  AdwBin                    parent_instance;

  MatouCompareContent      *content;
  const MatouCompareOption *option;
  guint                     reveal_tick;

  GtkWidget                *clamp;
  GtkLabel                 *name_label;
  GtkLabel                 *summary_label;
  GtkButton                *next_button;
  AdwPreferencesGroup      *advantages_group;
  AdwPreferencesGroup      *disadvantages_group;
  AdwPreferencesGroup      *choose_group;
  AdwPreferencesGroup      *start_group;
  AdwPreferencesGroup      *matrix_group;
};

G_DEFINE_FINAL_TYPE (MatouCompareOptionView, matou_compare_option_view, ADW_TYPE_BIN)

static void
add_texts (AdwPreferencesGroup *group,
           GPtrArray           *texts,
           const char          *icon_name,
           const char          *icon_style,
           const char          *icon_label)
{
  for (guint i = 0; i < texts->len; i++)
    adw_preferences_group_add (group, matou_compare_text_row_new (g_ptr_array_index (texts, i),
                                                                  icon_name, icon_style, icon_label));
}

static GtkWidget *
step_row_new (const MatouCompareStep *step,
              guint                   number)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                 "title", step->text,
                                 "use-markup", FALSE,
                                 "activatable", FALSE,
                                 "focusable", FALSE,
                                 NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  GtkWidget *number_label = gtk_label_new (number_text);
  GtkWidget *text = gtk_label_new (step->text);

  gtk_widget_add_css_class (box, "compare-step");
  gtk_widget_add_css_class (number_label, "compare-step-number");
  gtk_widget_set_valign (number_label, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (column, TRUE);

  gtk_box_append (GTK_BOX (column), text);
  if (step->command != NULL)
    gtk_box_append (GTK_BOX (column), matou_compare_command_new (step->command));
  gtk_box_append (GTK_BOX (box), number_label);
  gtk_box_append (GTK_BOX (box), column);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

static void
show_option (MatouCompareOptionView *self)
{
  const MatouCompareOption *option = self->option;

  gtk_label_set_text (self->name_label, option->name);
  gtk_label_set_text (self->summary_label, option->summary);

  gtk_widget_set_visible (GTK_WIDGET (self->next_button), option->page != NULL);
  if (option->page != NULL)
    {
      gtk_button_set_label (self->next_button, matou_compare_page_button_label (option->page));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->next_button), "win.show-page");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->next_button),
                                              g_variant_new_string (option->page));
    }

  add_texts (self->advantages_group, option->advantages, "emblem-ok-symbolic", "compare-for", _("Advantage"));
  add_texts (self->disadvantages_group, option->disadvantages, "dialog-warning-symbolic", "compare-against", _("Disadvantage"));
  add_texts (self->choose_group, option->choose, NULL, NULL, NULL);
  for (guint i = 0; i < option->start->len; i++)
    adw_preferences_group_add (self->start_group, step_row_new (g_ptr_array_index (option->start, i), i + 1));
  for (guint i = 0; i < option->cells->len; i++)
    adw_preferences_group_add (self->matrix_group, matou_compare_cell_row_new (g_ptr_array_index (option->cells, i)));
}

const MatouCompareOption *
matou_compare_option_view_get_option (MatouCompareOptionView *self)
{
  g_return_val_if_fail (MATOU_IS_COMPARE_OPTION_VIEW (self), NULL);

  return self->option;
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  MatouCompareOptionView *self = MATOU_COMPARE_OPTION_VIEW (widget);
  /* The bin's own child: a bound template child would be unparented twice. */
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  graphene_point_t point;

  /* Wait for the layout: until then the section has no place to scroll to. */
  if (gtk_widget_get_height (GTK_WIDGET (self->start_group)) == 0 ||
      !gtk_widget_compute_point (GTK_WIDGET (self->start_group), self->clamp, &GRAPHENE_POINT_INIT (0, 0), &point) ||
      gtk_adjustment_get_upper (adjustment) < point.y)
    return G_SOURCE_CONTINUE;

  gtk_adjustment_set_value (adjustment, point.y - 12);
  self->reveal_tick = 0;

  return G_SOURCE_REMOVE;
}

/* Shows "How to start": the next step from a recommendation. */
void
matou_compare_option_view_reveal_start (MatouCompareOptionView *self)
{
  g_return_if_fail (MATOU_IS_COMPARE_OPTION_VIEW (self));

  if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL, NULL);
}

static void
matou_compare_option_view_dispose (GObject *object)
{
  MatouCompareOptionView *self = MATOU_COMPARE_OPTION_VIEW (object);

  if (self->reveal_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
      self->reveal_tick = 0;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_COMPARE_OPTION_VIEW);
  self->option = NULL;
  g_clear_pointer (&self->content, matou_compare_content_unref);

  G_OBJECT_CLASS (matou_compare_option_view_parent_class)->dispose (object);
}

static void
matou_compare_option_view_class_init (MatouCompareOptionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_option_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-option-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, clamp);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, name_label);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, next_button);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, advantages_group);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, disadvantages_group);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, choose_group);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, start_group);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareOptionView, matrix_group);
}

static void
matou_compare_option_view_init (MatouCompareOptionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
matou_compare_option_view_new (MatouCompareContent *content,
                               const char          *option_id)
{
  MatouCompareOptionView *self;
  const MatouCompareOption *option;

  g_return_val_if_fail (content != NULL, NULL);
  option = matou_compare_content_find_option (content, option_id);
  g_return_val_if_fail (option != NULL, NULL);

  self = g_object_new (MATOU_TYPE_COMPARE_OPTION_VIEW, NULL);
  self->content = matou_compare_content_ref (content);
  self->option = option;
  show_option (self);

  return GTK_WIDGET (self);
}
