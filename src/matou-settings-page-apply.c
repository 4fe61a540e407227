/* The Settings page's apply bar: the preview of a change, the run and its checklist, and Revert. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-credentials.h"
#include "matou-settings-page-private.h"

static void
clear_checklist (MatouSettingsPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checklist))) != NULL)
    gtk_list_box_remove (self->checklist, child);
  gtk_widget_set_visible (GTK_WIDGET (self->checklist), FALSE);
}

static const char *
check_title (const char *key)
{
  if (g_str_equal (key, "registry-mirrors"))
    return _("Registry mirrors");
  if (g_str_equal (key, "http-proxy"))
    return _("HTTP proxy");
  if (g_str_equal (key, "https-proxy"))
    return _("HTTPS proxy");
  if (g_str_equal (key, "no-proxy"))
    return _("Reached directly");
  if (g_str_equal (key, "dns"))
    return _("DNS servers");
  return key;
}

/* Asked versus what /info reports, one row each. */
static void
fill_checklist (MatouSettingsPage       *self,
                const MatouHelperResult *result)
{
  GPtrArray *checks = result->checks;

  clear_checklist (self);
  for (guint i = 0; i < checks->len; i++)
    {
      const MatouHelperCheck *check = g_ptr_array_index (checks, i);
      const char *key = check->key;
      const char *asked = check->asked;
      const char *reported = check->reported;
      gboolean ok = check->ok;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      g_autofree char *subtitle = NULL;

      if (g_str_equal (key, "dns"))
        subtitle = g_strdup_printf (_("Asked: %s. The daemon restarted on it; it does not report DNS, containers started from now on use it."),
                                    asked != NULL ? asked : "");
      else
        subtitle = g_strdup_printf (_("Asked: %s\nThe daemon reports: %s"),
                                    asked != NULL && *asked != '\0' ? asked : C_("setting's value", "nothing"),
                                    reported != NULL && *reported != '\0' ? reported : C_("setting's value", "nothing"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), check_title (key));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_add_css_class (icon, ok ? "success" : "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      ok ? _("In effect") : _("Not in effect"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->checklist, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->checklist), checks->len > 0);
}

static void
on_run_started_cb (MatouSettingsPage *self,
                   MatouRun          *run)
{
  g_set_object (&self->run, run);
  clear_checklist (self);
  gtk_label_set_text (self->run_title, matou_run_get_title (run));
  gtk_label_set_text (self->run_summary, matou_daemon_get_rootless (self->daemon) ?
                      _("Applying to your rootless Docker, as you. Docker’s own messages appear below as they come.") :
                      _("Waiting for authorisation, then applying. Docker’s own messages appear below as they come."));
  matou_log_view_set_model (self->log_view, matou_run_get_lines (run));
  gtk_spinner_start (self->run_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->run_spinner), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->run_box), TRUE);

  _matou_settings_page_update_state (self);
}

static void
on_run_finished_cb (MatouSettingsPage *self,
                    MatouRun          *run)
{
  if (run != self->run)
    return;

  gtk_spinner_stop (self->run_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->run_spinner), FALSE);
  /* Applied or rolled back, the files now say what holds: the next load shows that. */
  self->replace_form = TRUE;
  if (matou_run_get_state (run) == MATOU_RUN_CANCELLED)
    {
      /* The user said no at the password prompt: nothing happened, nothing to show. */
      gtk_widget_set_visible (GTK_WIDGET (self->run_box), FALSE);
      return;
    }
  gtk_label_set_text (self->run_summary, matou_run_get_summary (run));
  _matou_settings_page_update_state (self);
}

static void
on_run_close_cb (MatouSettingsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->run_box), FALSE);
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(MatouHelperResult) helper_result = NULL;
  g_autoptr(GError) error = NULL;

  helper_result = matou_daemon_apply_finish (MATOU_DAEMON (source), result, &error);
  if (helper_result == NULL)
    return;

  fill_checklist (self, helper_result);
  if (!helper_result->ok && helper_result->daemon_error != NULL)
    gtk_label_set_text (self->run_summary, helper_result->error);
}

static char *
describe_list_change (const char  *name,
                      char       **before,
                      char       **after)
{
  g_autofree char *old_text = before != NULL && before[0] != NULL ? g_strjoinv (", ", before) : g_strdup (_("none"));
  g_autofree char *new_text = after != NULL && after[0] != NULL ? g_strjoinv (", ", after) : g_strdup (_("none"));

  /* TRANSLATORS: "Registry mirrors: a, b → c" */
  return g_strdup_printf (_("%s: %s → %s"), name, old_text, new_text);
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  MatouSettingsPage *self = user_data;
  MatouApplyRequest *request = g_object_get_data (G_OBJECT (dialog), "request");

  if (!g_str_equal (response, "apply"))
    return;

  if (matou_user_proxy_group_is_edited (self->user_proxy_group))
    matou_user_proxy_group_save (self->user_proxy_group);
  matou_daemon_apply_async (self->daemon, request, _("Apply Docker settings"),
                            NULL, apply_done_cb, g_object_ref (self));
}

/* Shows what will change and how before anything changes: the plan the helper will follow. */
static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);
  MatouApplyRequest *request = _matou_settings_page_build_request (self);
  MatouEngineSnapshot *snapshot = matou_daemon_get_snapshot (self->daemon);
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean restart;
  guint stopping;
  GtkWidget *dialog;

  if (request != NULL)
    plan = matou_daemon_plan (self->daemon, request, NULL);
  if (plan == NULL || plan->action == MATOU_APPLY_ACTION_NONE)
    {
      /* Only the containers' proxy: the user's own file, no question and no password. */
      g_clear_pointer (&request, matou_apply_request_free);
      if (matou_user_proxy_group_is_edited (self->user_proxy_group) &&
          matou_user_proxy_group_is_valid (self->user_proxy_group))
        matou_user_proxy_group_save (self->user_proxy_group);
      _matou_settings_page_update_state (self);
      return;
    }

  restart = plan->action == MATOU_APPLY_ACTION_RESTART;
  stopping = snapshot != NULL ?
             matou_apply_plan_containers_stopping (plan, snapshot->info->containers_running,
                                                   snapshot->info->live_restore) : 0;
  if (request->has_mirrors)
    {
      g_autofree char *line = describe_list_change (_("Registry mirrors"), plan->old_mirrors, request->mirrors);

      g_string_append_printf (body, "%s\n", line);
    }
  if (request->has_dns)
    {
      g_autofree char *line = describe_list_change (_("DNS servers"), plan->old_dns, request->dns);

      g_string_append_printf (body, "%s\n", line);
    }
  if (plan->proxy_changes)
    {
      g_autofree char *old_masked = matou_mask_credentials (plan->old_http_proxy);
      g_autofree char *new_masked = matou_mask_credentials (request->http_proxy);

      g_string_append_printf (body, _("Daemon proxy: %s → %s\n"), old_masked, new_masked);
    }

  if (matou_user_proxy_group_is_edited (self->user_proxy_group))
    g_string_append (body, _("Containers’ proxy: saved to your own ~/.docker/config.json, with no password.\n"));

  g_string_append_c (body, '\n');
  if (!restart)
    g_string_append (body, _("Docker reloads its configuration: running containers keep running."));
  else if (stopping > 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "Docker restarts: the %lld running container stops, because live-restore is off.",
                                               "Docker restarts: the %lld running containers stop, because live-restore is off.",
                                               stopping),
                            (long long) stopping);
  else
    g_string_append (body, _("Docker restarts. No container is running, so nothing stops."));
  g_string_append (body, _("\nIf the daemon does not accept the change, Matou puts the previous settings back."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   restart ? _("Restart Docker with These Settings?") : _("Apply These Settings?"),
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", restart ? _("_Restart Docker") : _("_Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              restart ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "request", request, (GDestroyNotify) matou_apply_request_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
revert_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);

  /* With the proxy off, typing changed the switch's draft: put back what the fields were filled with. */
  if (!matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL))
    matou_daemon_set_proxy_draft (self->daemon,
                                  self->base_proxy[0] != NULL ? self->base_proxy[0] : "",
                                  self->base_proxy[1] != NULL ? self->base_proxy[1] : "",
                                  self->base_proxy[2] != NULL ? self->base_proxy[2] : "");
  _matou_settings_page_load_form (self);
  matou_user_proxy_group_revert (self->user_proxy_group);
  _matou_settings_page_update_state (self);
}

void
_matou_settings_page_watch_runs (MatouSettingsPage *self)
{
  g_signal_connect_object (self->daemon, "run-started", G_CALLBACK (on_run_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->daemon, "run-finished", G_CALLBACK (on_run_finished_cb), self, G_CONNECT_SWAPPED);
}

void
_matou_settings_page_class_init_apply (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_summary);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_log_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, checklist);
  gtk_widget_class_bind_template_callback (widget_class, on_run_close_cb);

  gtk_widget_class_install_action (widget_class, "settings.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "settings.revert", NULL, revert_activated);
  /* Apply without the Tabs to its button; listed in the shortcuts window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "settings.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "settings.apply", NULL);
}
