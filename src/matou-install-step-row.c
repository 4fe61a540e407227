/* One step of an install plan in the Install page's list: what it does, why, the exact command, and how far it got. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-install-step-row.h"

struct _MatouInstallStepRow
{
  GtkListBoxRow          parent_instance;

  char                  *step_id;
  MatouInstallStepState  state;

  GtkStack              *state_stack;
  GtkImage              *state_icon;
  GtkSpinner            *spinner;
  GtkLabel              *number_label;
  GtkLabel              *title_label;
  GtkLabel              *state_label;
  GtkLabel              *note_label;
  GtkLabel              *why_label;
  GtkLabel              *command_label;
};

G_DEFINE_FINAL_TYPE (MatouInstallStepRow, matou_install_step_row, GTK_TYPE_LIST_BOX_ROW)

static const struct {
  const char *name;      /* as the helper's events say it */
  const char *icon;
  const char *css;       /* on the icon */
} states[] = {
  [MATOU_INSTALL_STEP_STATE_CHECKING] = { "checking", "content-loading-symbolic", "dim-label" },
  [MATOU_INSTALL_STEP_STATE_WAITING] = { "waiting", "radio-symbolic", "dim-label" },
  [MATOU_INSTALL_STEP_STATE_RUNNING] = { "running", NULL, NULL },
  [MATOU_INSTALL_STEP_STATE_DONE] = { "done", "emblem-ok-symbolic", "success" },
  [MATOU_INSTALL_STEP_STATE_ALREADY_DONE] = { "already-done", "object-select-symbolic", "success" },
  [MATOU_INSTALL_STEP_STATE_FAILED] = { "failed", "dialog-error-symbolic", "error" },
  [MATOU_INSTALL_STEP_STATE_ROLLED_BACK] = { "rolled-back", "edit-undo-symbolic", "warning" },
};

static const char *
state_text (MatouInstallStepState state)
{
  switch (state)
    {
    case MATOU_INSTALL_STEP_STATE_CHECKING:
      return _("Checking…");
    case MATOU_INSTALL_STEP_STATE_WAITING:
      return _("To do");
    case MATOU_INSTALL_STEP_STATE_RUNNING:
      return _("Running");
    case MATOU_INSTALL_STEP_STATE_DONE:
      return _("Done");
    case MATOU_INSTALL_STEP_STATE_ALREADY_DONE:
      return _("Already done");
    case MATOU_INSTALL_STEP_STATE_FAILED:
      return _("Failed");
    case MATOU_INSTALL_STEP_STATE_ROLLED_BACK:
      return _("Taken back");
    default:
      g_assert_not_reached ();
    }
}

gboolean
matou_install_step_state_from_string (const char            *text,
                                      MatouInstallStepState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_strcmp0 (states[i].name, text) == 0)
      {
        *state = (MatouInstallStepState) i;
        return TRUE;
      }

  return FALSE;
}

void
matou_install_step_row_set_state (MatouInstallStepRow   *self,
                                  MatouInstallStepState  state)
{
  static const char * const classes[] = { "dim-label", "success", "error", "warning" };

  g_return_if_fail (MATOU_IS_INSTALL_STEP_ROW (self));
  g_return_if_fail ((guint) state < G_N_ELEMENTS (states));

  self->state = state;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_icon), classes[i]);

  if (state == MATOU_INSTALL_STEP_STATE_RUNNING)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child (self->state_stack, GTK_WIDGET (self->spinner));
    }
  else
    {
      gtk_spinner_stop (self->spinner);
      gtk_image_set_from_icon_name (self->state_icon, states[state].icon);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), states[state].css);
      gtk_stack_set_visible_child (self->state_stack, GTK_WIDGET (self->state_icon));
    }

  gtk_label_set_text (self->state_label, state_text (state));
  gtk_widget_remove_css_class (GTK_WIDGET (self), "running");
  if (state == MATOU_INSTALL_STEP_STATE_RUNNING)
    gtk_widget_add_css_class (GTK_WIDGET (self), "running");
}

/**
 * matou_install_step_row_set_note:
 * @note: (nullable): what the check found out beyond done or not, e.g. which
 *   of the step's packages are installed already; %NULL hides it
 */
void
matou_install_step_row_set_note (MatouInstallStepRow *self,
                                 const char          *note)
{
  g_return_if_fail (MATOU_IS_INSTALL_STEP_ROW (self));

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

MatouInstallStepState
matou_install_step_row_get_state (MatouInstallStepRow *self)
{
  return self->state;
}

const char *
matou_install_step_row_get_step_id (MatouInstallStepRow *self)
{
  return self->step_id;
}

static void
matou_install_step_row_finalize (GObject *object)
{
  MatouInstallStepRow *self = MATOU_INSTALL_STEP_ROW (object);

  g_free (self->step_id);

  G_OBJECT_CLASS (matou_install_step_row_parent_class)->finalize (object);
}

static void
matou_install_step_row_class_init (MatouInstallStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = matou_install_step_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-install-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, number_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, why_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, MatouInstallStepRow, command_label);
}

static void
matou_install_step_row_init (MatouInstallStepRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
matou_install_step_row_new (guint                   number,
                            const MatouInstallStep *step)
{
  MatouInstallStepRow *self = g_object_new (MATOU_TYPE_INSTALL_STEP_ROW, NULL);
  g_autofree char *number_text = g_strdup_printf ("%u", number);
  g_autofree char *command = matou_install_step_to_shell (step);

  self->step_id = g_strdup (step->id);
  gtk_label_set_text (self->number_label, number_text);
  gtk_label_set_text (self->title_label, step->title);
  /* A screen reader names the row by its step, not by nothing. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, step->title, -1);
  gtk_label_set_text (self->why_label, step->why);
  gtk_label_set_text (self->command_label, command);
  matou_install_step_row_set_state (self, MATOU_INSTALL_STEP_STATE_CHECKING);

  return GTK_WIDGET (self);
}
