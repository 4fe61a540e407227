/* The Install page's run: one helper run of the plan, its progress, output and result. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-error.h"
#include "matou-install-page-private.h"
#include "matou-install-request.h"

void
_matou_install_page_show_result (MatouInstallPage *self,
                                 const char       *icon,
                                 const char       *css,
                                 const char       *title,
                                 const char       *text)
{
  static const char * const classes[] = { "success", "warning", "error" };

  gtk_image_set_from_icon_name (self->result_icon, icon);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), css);
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), text != NULL && *text != '\0');
  gtk_widget_set_visible (self->result_box, TRUE);
}

static void
on_event_cb (MatouHelperRunner *runner,
             MatouHelperEvent  *event,
             MatouInstallPage  *self)
{
  MatouInstallStepState state;
  MatouInstallStepRow *row;

  if (!self->running || event->type != MATOU_HELPER_EVENT_STEP)
    return;

  if (event->id == NULL || event->count <= 0 ||
      !matou_install_step_state_from_string (event->state != NULL ? event->state : "", &state))
    {
      /* What the helper does within a step: waiting for a lock, writing a file. */
      gtk_progress_bar_set_text (self->progress_bar, event->text);
      return;
    }

  row = _matou_install_page_find_row (self, event->id);
  if (row != NULL)
    matou_install_step_row_set_state (row, state);
  /* Taking back an earlier step is part of the failure: the bar stays where it failed. */
  if (state == MATOU_INSTALL_STEP_STATE_ROLLED_BACK)
    return;
  gtk_progress_bar_set_text (self->progress_bar, event->text);
  /* Step k of n: a running step is not done yet. */
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 (double) (state == MATOU_INSTALL_STEP_STATE_RUNNING ? event->index - 1 : event->index) /
                                 event->count);
}

static char *
group_advice (const MatouHelperResult *result)
{
  if (result->group_user == NULL || !result->group_member)
    return NULL;
  if (matou_group_state_for_current_user () == MATOU_GROUP_ACTIVE)
    return g_strdup (_("You are in the docker group, and this session already has it: docker works without sudo."));

  return g_strdup_printf (_("%s is now in the docker group. A group change reaches programs started after the next login: log out and back in to use docker without sudo. To use it now in one terminal, run “newgrp docker” there."),
                          result->group_user);
}

static void
remember_states (MatouInstallPage        *self,
                 const MatouHelperResult *result)
{
  g_hash_table_remove_all (self->run_states);

  for (guint i = 0; i < result->steps->len; i++)
    {
      const MatouHelperStepResult *step = g_ptr_array_index (result->steps, i);
      MatouInstallStepState state;

      if (matou_install_step_state_from_string (step->state != NULL ? step->state : "", &state) &&
          (state == MATOU_INSTALL_STEP_STATE_DONE || state == MATOU_INSTALL_STEP_STATE_FAILED ||
           state == MATOU_INSTALL_STEP_STATE_ROLLED_BACK))
        g_hash_table_insert (self->run_states, g_strdup (step->id), GINT_TO_POINTER (state));
    }
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(MatouInstallPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouHelperResult) answer = matou_helper_runner_run_finish (MATOU_HELPER_RUNNER (source), result, &error);
  g_autofree char *advice = NULL;

  self->running = FALSE;
  self->stopping = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->group_advice_label), FALSE);

  if (answer == NULL)
    {
      gboolean cancelled = g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED);

      _matou_install_page_show_result (self, cancelled ? "dialog-information-symbolic" : "dialog-error-symbolic",
                   cancelled ? "warning" : "error",
                   cancelled ? _("Nothing was installed") : _("The installation could not start"),
                   error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
    }
  else
    {
      const char *version = answer->engine_version;

      remember_states (self, answer);
      advice = group_advice (answer);
      if (answer->ok)
        {
          g_autofree char *title = version != NULL ?
                                   g_strdup_printf (_("Docker Engine %s is installed and running"), version) :
                                   g_strdup (_("Docker Engine is installed"));

          _matou_install_page_show_result (self, "emblem-ok-symbolic", "success", title, NULL);
          gtk_progress_bar_set_fraction (self->progress_bar, 1.0);
        }
      else if (answer->status == MATOU_HELPER_EXIT_CANCELLED)
        {
          _matou_install_page_show_result (self, "dialog-information-symbolic", "warning", _("Stopped"), answer->error);
        }
      else
        {
          _matou_install_page_show_result (self, "dialog-error-symbolic", "error",
                       answer->status == MATOU_HELPER_EXIT_REFUSED ? _("Nothing was changed") :
                       _("The installation did not finish"),
                       answer->error);
        }

      if (advice != NULL)
        {
          gtk_label_set_text (self->group_advice_label, advice);
          gtk_widget_set_visible (GTK_WIDGET (self->group_advice_label), TRUE);
        }
    }

  g_clear_object (&self->run);
  _matou_install_page_update_actions (self);

  /* What is installed now, and which steps are done. */
  _matou_install_page_start_detect (self);
}

static void
run_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);
  MatouInstallOptions options = { .compose = gtk_switch_get_active (self->compose_switch) };
  g_auto(GStrv) steps = matou_install_plan_dup_step_ids (self->plan);
  g_autoptr(MatouInstallRequest) request = NULL;
  g_autofree char *json = NULL;
  g_autofree char *method = matou_install_plans_dup_method_title (self->plans, self->method);
  /* TRANSLATORS: a run in the Logs page: "Install Docker Engine: Docker’s repository" */
  g_autofree char *title = g_strdup_printf (_("Install Docker Engine: %s"), method);

  request = matou_install_request_new (self->method,
                                       self->method == MATOU_INSTALL_METHOD_MIRROR ? _matou_install_page_selected_mirror_id (self) : NULL,
                                       &options, (const char * const *) steps);
  json = matou_install_request_to_json (request);

  if (self->runner == NULL)
    return;

  /* One helper run, one authorisation, for every step. No cancellable: stopping
   * is asked of the helper, which finishes the step it is on. */
  g_clear_object (&self->run);
  self->run = matou_helper_runner_run_async (self->runner, MATOU_HELPER_VERB_INSTALL, json, title,
                                             _("Docker Engine is installed"), NULL, run_cb, g_object_ref (self));
  if (self->run == NULL)
    return;  /* another run holds the helper: run_cb says why */
  g_object_ref (self->run);
  self->running = TRUE;
  matou_log_view_set_model (self->log_view, matou_run_get_lines (self->run));
  gtk_widget_set_visible (GTK_WIDGET (self->log_view), TRUE);

  g_hash_table_remove_all (self->run_states);
  gtk_widget_set_visible (self->result_box, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->copied_label), FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Waiting for authorisation…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  _matou_install_page_update_actions (self);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MatouInstallPage *self = MATOU_INSTALL_PAGE (widget);

  if (!self->running)
    return;

  self->stopping = TRUE;
  matou_helper_runner_stop (self->runner);
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping after the current step…"));
  _matou_install_page_update_actions (self);
}

static void
on_runner_busy_cb (MatouInstallPage *self)
{
  _matou_install_page_update_actions (self);
}

/**
 * matou_install_page_set_runner:
 *
 * The application's helper runner: the install run goes through it, one
 * run at a time with the Settings page's.
 */
void
matou_install_page_set_runner (MatouInstallPage  *self,
                               MatouHelperRunner *runner)
{
  g_return_if_fail (MATOU_IS_INSTALL_PAGE (self));
  g_return_if_fail (self->runner == NULL);

  self->runner = g_object_ref (runner);
  g_signal_connect_object (runner, "event", G_CALLBACK (on_event_cb), self, 0);
  g_signal_connect_object (runner, "notify::busy", G_CALLBACK (on_runner_busy_cb), self, G_CONNECT_SWAPPED);
  _matou_install_page_update_actions (self);
}

void
_matou_install_page_class_init_run (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "install.run", NULL, run_activated);
  gtk_widget_class_install_action (widget_class, "install.stop", NULL, stop_activated);
}
