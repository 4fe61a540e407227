/* The comparison table: options × criteria, a table on a wide window and one card per option on a narrow one. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-matrix.h"
#include "matou-compare-private.h"

struct _MatouCompareMatrix
{
  AdwBin               parent_instance;

  MatouCompareContent *content;
  /* One boolean action per option, "matrix.<id>": whether its column is shown. */
  GSimpleActionGroup  *actions;

  GtkFlowBox          *chooser;
  AdwSqueezer         *squeezer;
  GtkGrid             *table;
  GtkBox              *cards;
};

G_DEFINE_FINAL_TYPE (MatouCompareMatrix, matou_compare_matrix, ADW_TYPE_BIN)

static gboolean
is_shown (MatouCompareMatrix       *self,
          const MatouCompareOption *option)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->actions), option->id);

  return state != NULL && g_variant_get_boolean (state);
}

static void
remove_children (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
      else
        gtk_box_remove (GTK_BOX (container), child);
    }
}

static GtkWidget *
cell_new (const char *css_class)
{
  GtkWidget *cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (cell, "compare-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (cell, css_class);

  return cell;
}

static GtkWidget *
header_new (const MatouCompareOption *option)
{
  GtkWidget *cell = cell_new ("compare-header");
  GtkWidget *button = gtk_button_new_with_label (option->short_name);
  g_autofree char *tooltip = g_strdup_printf (_("About %s"), option->name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "compare.show-option");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (option->id));
  gtk_box_append (GTK_BOX (cell), button);

  return cell;
}

static GtkWidget *
criterion_cell_new (const MatouCompareCriterion *criterion,
                    gboolean                     first)
{
  GtkWidget *cell = cell_new (first ? "compare-first-row" : NULL);
  GtkWidget *name = gtk_label_new (criterion->name);

  gtk_widget_add_css_class (cell, "compare-criterion");
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (name), 10);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_tooltip_text (name, criterion->description);
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (cell), name);

  return cell;
}

static GtkWidget *
value_cell_new (const MatouCompareOption *option,
                const MatouCompareCell   *value,
                gboolean                  first)
{
  GtkWidget *cell = cell_new (first ? "compare-first-row" : NULL);
  GtkWidget *rating = gtk_label_new (value->rating);
  GtkWidget *phrase = gtk_label_new (value->phrase);
  /* TRANSLATORS: what a screen reader says about a cell of the comparison table: option, then criterion */
  g_autofree char *where = g_strdup_printf (_("%s, %s"), option->name, value->criterion->name);

  gtk_widget_add_css_class (rating, "compare-rating");
  gtk_widget_add_css_class (rating, matou_compare_level_style (value->level));
  gtk_label_set_wrap (GTK_LABEL (rating), TRUE);
  gtk_label_set_xalign (GTK_LABEL (rating), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (rating), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, where, -1);

  gtk_widget_add_css_class (phrase, "compare-phrase");
  gtk_label_set_wrap (GTK_LABEL (phrase), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (phrase), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (phrase), 14);
  gtk_label_set_max_width_chars (GTK_LABEL (phrase), 30);
  gtk_label_set_xalign (GTK_LABEL (phrase), 0);

  gtk_box_append (GTK_BOX (cell), rating);
  gtk_box_append (GTK_BOX (cell), phrase);

  return cell;
}

static void
build_table (MatouCompareMatrix *self)
{
  GPtrArray *criteria = self->content->criteria;
  int column = 1;

  remove_children (GTK_WIDGET (self->table));
  gtk_grid_attach (self->table, cell_new ("compare-header"), 0, 0, 1, 1);

  for (guint i = 0; i < criteria->len; i++)
    gtk_grid_attach (self->table, criterion_cell_new (g_ptr_array_index (criteria, i), i == 0), 0, i + 1, 1, 1);

  for (guint o = 0; o < self->content->options->len; o++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, o);

      if (!is_shown (self, option))
        continue;

      gtk_grid_attach (self->table, header_new (option), column, 0, 1, 1);
      for (guint i = 0; i < criteria->len; i++)
        gtk_grid_attach (self->table, value_cell_new (option, g_ptr_array_index (option->cells, i), i == 0),
                         column, i + 1, 1, 1);
      column++;
    }
}

static GtkWidget *
card_new (const MatouCompareOption *option)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *details = gtk_button_new_from_icon_name ("go-next-symbolic");
  g_autofree char *tooltip = g_strdup_printf (_("About %s"), option->name);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), option->name);
  gtk_widget_add_css_class (details, "flat");
  gtk_widget_set_valign (details, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (details, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (details), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (details), "compare.show-option");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (details), g_variant_new_string (option->id));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), details);

  for (guint i = 0; i < option->cells->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), matou_compare_cell_row_new (g_ptr_array_index (option->cells, i)));

  return group;
}

static void
build_cards (MatouCompareMatrix *self)
{
  remove_children (GTK_WIDGET (self->cards));

  for (guint o = 0; o < self->content->options->len; o++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, o);

      if (is_shown (self, option))
        gtk_box_append (self->cards, card_new (option));
    }
}

/* The one place that decides what can be toggled: the last column stays. */
static void
update_actions (MatouCompareMatrix *self)
{
  const MatouCompareOption *last_shown = NULL;
  guint n_shown = 0;

  for (guint o = 0; o < self->content->options->len; o++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, o);

      if (is_shown (self, option))
        {
          n_shown++;
          last_shown = option;
        }
    }

  for (guint o = 0; o < self->content->options->len; o++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, o);
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), option->id);

      g_simple_action_set_enabled (G_SIMPLE_ACTION (action), n_shown > 1 || option != last_shown);
    }
}

static void
show_option_change_state (GSimpleAction *action,
                          GVariant      *value,
                          gpointer       user_data)
{
  MatouCompareMatrix *self = MATOU_COMPARE_MATRIX (user_data);

  g_simple_action_set_state (action, value);
  update_actions (self);
  build_table (self);
  build_cards (self);
}

static void
build_chooser (MatouCompareMatrix *self)
{
  remove_children (GTK_WIDGET (self->chooser));

  for (guint o = 0; o < self->content->options->len; o++)
    {
      const MatouCompareOption *option = g_ptr_array_index (self->content->options, o);
      g_autofree char *action_name = g_strconcat ("matrix.", option->id, NULL);
      g_autoptr(GSimpleAction) action = g_simple_action_new_stateful (option->id, NULL,
                                                                      g_variant_new_boolean (option->main));
      GtkWidget *toggle = gtk_toggle_button_new_with_label (option->short_name);
      g_autofree char *tooltip = g_strdup_printf (_("Show %s in the table"), option->name);

      g_signal_connect (action, "change-state", G_CALLBACK (show_option_change_state), self);
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));

      gtk_widget_add_css_class (toggle, "compare-chip");
      gtk_widget_set_tooltip_text (toggle, tooltip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), action_name);
      gtk_flow_box_append (self->chooser, toggle);
      gtk_widget_set_focusable (gtk_widget_get_parent (toggle), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (toggle)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, option->name, -1);
    }
}

void
matou_compare_matrix_set_content (MatouCompareMatrix  *self,
                                  MatouCompareContent *content)
{
  g_return_if_fail (MATOU_IS_COMPARE_MATRIX (self));
  g_return_if_fail (content != NULL);

  g_clear_pointer (&self->content, matou_compare_content_unref);
  self->content = matou_compare_content_ref (content);

  build_chooser (self);
  update_actions (self);
  build_table (self);
  build_cards (self);
}

static void
matou_compare_matrix_dispose (GObject *object)
{
  MatouCompareMatrix *self = MATOU_COMPARE_MATRIX (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_COMPARE_MATRIX);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->content, matou_compare_content_unref);

  G_OBJECT_CLASS (matou_compare_matrix_parent_class)->dispose (object);
}

static void
matou_compare_matrix_class_init (MatouCompareMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_matrix_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-matrix.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouCompareMatrix, chooser);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareMatrix, squeezer);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareMatrix, table);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareMatrix, cards);
}

static void
matou_compare_matrix_init (MatouCompareMatrix *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "matrix", G_ACTION_GROUP (self->actions));
}
