/* A command or file from the Compare page's content, shown as written, with a button that copies it. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-command.h"

struct _MatouCompareCommand
{
  AdwBin     parent_instance;

  char      *command;

  GtkLabel  *label;
  GtkButton *copy_button;
};

G_DEFINE_FINAL_TYPE (MatouCompareCommand, matou_compare_command, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMMAND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
matou_compare_command_get_command (MatouCompareCommand *self)
{
  g_return_val_if_fail (MATOU_IS_COMPARE_COMMAND (self), NULL);

  return self->command;
}

/* The copy button carries the text itself: compare.copy needs nothing else. */
void
matou_compare_command_set_command (MatouCompareCommand *self,
                                   const char          *command)
{
  g_return_if_fail (MATOU_IS_COMPARE_COMMAND (self));

  if (g_strcmp0 (self->command, command) == 0)
    return;

  g_free (self->command);
  self->command = g_strdup (command);

  gtk_label_set_text (self->label, command != NULL ? command : "");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->copy_button),
                                          g_variant_new_string (command != NULL ? command : ""));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, command != NULL ? command : "",
                                  -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMAND]);
}

static void
matou_compare_command_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MatouCompareCommand *self = MATOU_COMPARE_COMMAND (object);

  switch (prop_id)
    {
    case PROP_COMMAND:
      g_value_set_string (value, self->command);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_compare_command_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MatouCompareCommand *self = MATOU_COMPARE_COMMAND (object);

  switch (prop_id)
    {
    case PROP_COMMAND:
      matou_compare_command_set_command (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
matou_compare_command_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MATOU_TYPE_COMPARE_COMMAND);

  G_OBJECT_CLASS (matou_compare_command_parent_class)->dispose (object);
}

static void
matou_compare_command_finalize (GObject *object)
{
  MatouCompareCommand *self = MATOU_COMPARE_COMMAND (object);

  g_free (self->command);

  G_OBJECT_CLASS (matou_compare_command_parent_class)->finalize (object);
}

static void
matou_compare_command_class_init (MatouCompareCommandClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = matou_compare_command_get_property;
  object_class->set_property = matou_compare_command_set_property;
  object_class->dispose = matou_compare_command_dispose;
  object_class->finalize = matou_compare_command_finalize;

  properties[PROP_COMMAND] =
    g_param_spec_string ("command", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-command.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouCompareCommand, label);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareCommand, copy_button);
}

static void
matou_compare_command_init (MatouCompareCommand *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
matou_compare_command_new (const char *command)
{
  return g_object_new (MATOU_TYPE_COMPARE_COMMAND, "command", command, NULL);
}
