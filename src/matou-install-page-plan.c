/* The Install page's plan view: the steps of the chosen way, which are already done, and the plan as a script. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-install-page-private.h"

MatouInstallPlan *
_matou_install_page_build_plan (MatouInstallPage    *self,
                                MatouInstallMethod   method,
                                GError             **error)
{
  MatouInstallOptions options = { .compose = gtk_switch_get_active (self->compose_switch) };
  const char *mirror_id = NULL;
  const MatouPreset *preset;

  if (method == MATOU_INSTALL_METHOD_DOCKER)
    mirror_id = matou_install_plans_get_official_mirror (self->plans);
  else if (method == MATOU_INSTALL_METHOD_MIRROR)
    mirror_id = _matou_install_page_selected_mirror_id (self);
  preset = _matou_install_page_find_mirror (self, mirror_id);

  return matou_install_plan_build (self->plans, self->system, method, mirror_id,
                                   preset != NULL ? preset->url : NULL, &options,
                                   &matou_install_default_paths, "/var/lib/matou/backups", error);
}

typedef struct {
  MatouInstallPlan         *plan;
  char                     *socket;
  char                     *user;
} CheckData;

static void
check_data_free (CheckData *data)
{
  matou_install_plan_free (data->plan);
  g_free (data->socket);
  g_free (data->user);
  g_free (data);
}

/* What the check thread found for one step. */
typedef struct {
  gboolean   done;
  char     **present;   /* a package step only partly done: what is there already */
} StepCheck;

static void
step_check_clear (StepCheck *check)
{
  g_strfreev (check->present);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  MatouInstallCheckContext context = { .socket = data->socket, .user = data->user };
  GArray *checks = g_array_new (FALSE, TRUE, sizeof (StepCheck));

  g_array_set_clear_func (checks, (GDestroyNotify) step_check_clear);
  for (guint i = 0; i < data->plan->steps->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (data->plan->steps, i);
      StepCheck check = { .done = matou_install_step_is_done (data->plan, step, &context, cancellable) };

      if (!check.done)
        check.present = matou_install_step_present_packages (data->plan, step, cancellable);
      g_array_append_val (checks, check);
    }

  g_task_return_pointer (task, checks, (GDestroyNotify) g_array_unref);
}

/* "docker.io is already installed; this step adds only what is missing: docker-compose." */
static char *
partly_done_note (const MatouInstallStep *step,
                  const char * const     *present)
{
  g_autoptr(GStrvBuilder) missing_builder = g_strv_builder_new ();
  g_auto(GStrv) missing = NULL;
  g_autofree char *have = NULL;
  g_autofree char *adds = NULL;
  /* TRANSLATORS: between the names of packages in a list: "docker.io, containerd" */
  const char *separator = C_("list of packages", ", ");
  guint n_present = g_strv_length ((char **) present);

  /* Only a step that installs them itself: not the update of the lists before it. */
  for (guint i = 0; step->check_packages[i] != NULL; i++)
    if (!g_strv_contains (present, step->check_packages[i]))
      {
        if (step->argv == NULL || !g_strv_contains ((const char * const *) step->argv, step->check_packages[i]))
          return NULL;
        g_strv_builder_add (missing_builder, step->check_packages[i]);
      }
  missing = g_strv_builder_end (missing_builder);
  if (missing[0] == NULL)
    return NULL;

  have = g_strjoinv (separator, (char **) present);
  adds = g_strjoinv (separator, missing);
  /* TRANSLATORS: the first %s lists packages on the system already, the second those the step installs */
  return g_strdup_printf (ngettext ("%s is already installed; this step adds only what is missing: %s.",
                                    "%s are already installed; this step adds only what is missing: %s.",
                                    n_present),
                          have, adds);
}

MatouInstallStepRow *
_matou_install_page_find_row (MatouInstallPage *self,
                              const char       *id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (MATOU_IS_INSTALL_STEP_ROW (child) &&
        g_strcmp0 (matou_install_step_row_get_step_id (MATOU_INSTALL_STEP_ROW (child)), id) == 0)
      return MATOU_INSTALL_STEP_ROW (child);

  return NULL;
}

static void
checks_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GArray) checks = g_task_propagate_pointer (G_TASK (result), NULL);

  if (checks == NULL || g_task_had_error (G_TASK (result)) || self->plan == NULL ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  for (guint i = 0; i < checks->len && i < self->plan->steps->len; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (self->plan->steps, i);
      const StepCheck *check = &g_array_index (checks, StepCheck, i);
      MatouInstallStepRow *row = _matou_install_page_find_row (self, step->id);
      g_autofree char *note = NULL;
      gpointer left;

      if (row == NULL)
        continue;
      if (g_hash_table_lookup_extended (self->run_states, step->id, NULL, &left) &&
          (GPOINTER_TO_INT (left) == MATOU_INSTALL_STEP_STATE_DONE) == check->done)
        /* What the last run did or left: done by it, failed, taken back. */
        matou_install_step_row_set_state (row, GPOINTER_TO_INT (left));
      else if (check->done)
        matou_install_step_row_set_state (row, MATOU_INSTALL_STEP_STATE_ALREADY_DONE);
      else
        matou_install_step_row_set_state (row, MATOU_INSTALL_STEP_STATE_WAITING);

      if (!check->done && check->present != NULL)
        note = partly_done_note (step, (const char * const *) check->present);
      matou_install_step_row_set_note (row, note);
    }
}

static void
start_checks (MatouInstallPage *self)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  self->check_cancellable = g_cancellable_new ();

  /* The thread gets a plan of its own: the page may rebuild its plan meanwhile. */
  data = g_new0 (CheckData, 1);
  data->plan = _matou_install_page_build_plan (self, self->method, NULL);
  data->socket = g_strdup (self->socket);
  data->user = g_strdup (self->system->user);
  if (data->plan == NULL)
    {
      check_data_free (data);
      return;
    }

  task = g_task_new (NULL, self->check_cancellable, checks_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (task, check_thread);
}

void
_matou_install_page_clear_steps (MatouInstallPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);
}

void
_matou_install_page_rebuild_plan (MatouInstallPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->system == NULL || self->plans == NULL || self->running)
    return;

  g_clear_pointer (&self->plan, matou_install_plan_free);
  _matou_install_page_clear_steps (self);
  gtk_widget_set_visible (GTK_WIDGET (self->mirror_group), self->method == MATOU_INSTALL_METHOD_MIRROR);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), FALSE);

  self->plan = _matou_install_page_build_plan (self, self->method, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->plan_error_label), self->plan == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->steps_list), self->plan != NULL);
  if (self->plan == NULL)
    {
      gtk_label_set_text (self->plan_error_label, error->message);
      _matou_install_page_update_actions (self);
      return;
    }

  for (guint i = 0; i < self->plan->steps->len; i++)
    gtk_list_box_append (self->steps_list,
                         matou_install_step_row_new (i + 1, g_ptr_array_index (self->plan->steps, i)));

  _matou_install_page_update_actions (self);
  start_checks (self);
}

static void
copy_script_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  g_autofree char *method = matou_install_plans_dup_method_title (self->plans, self->method);
  g_autofree char *distro = matou_install_system_describe (self->system);
  /* TRANSLATORS: the first comment of the copied script: "Docker’s repository on Ubuntu 24.04.2 LTS" */
  g_autofree char *description = g_strdup_printf (_("%s on %s"), method, distro);
  g_autofree char *script = matou_install_plan_to_script (self->plan, description);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), script);
  gtk_label_set_text (self->copied_label,
                      _("The script is on the clipboard. Read it, or run it as root: it does what “Run All Steps” does."));
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), TRUE);
}

void
_matou_install_page_class_init_plan (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "install.copy-script", NULL, copy_script_activated);
}
