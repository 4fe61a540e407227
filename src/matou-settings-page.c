/* The Settings page: daemon proxy, registry mirrors and DNS, applied through the helper.
 * This file holds the form and what it asks for; the parts are in matou-settings-page-*.c. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-credentials.h"
#include "matou-settings-page-private.h"
#include "matou-user-proxy-group.h"
#include "matou-validate.h"

G_DEFINE_FINAL_TYPE (MatouSettingsPage, matou_settings_page, ADW_TYPE_BIN)

/* --- reading the form ------------------------------------------------------ */

static gboolean
same_strv (char **a,
           char **b)
{
  guint na = a != NULL ? g_strv_length (a) : 0;
  guint nb = b != NULL ? g_strv_length (b) : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    if (g_strcmp0 (a[i], b[i]) != 0)
      return FALSE;

  return TRUE;
}

/* The request the form asks for, or NULL when nothing differs from what is configured. */
MatouApplyRequest *
_matou_settings_page_build_request (MatouSettingsPage *self)
{
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
  g_auto(GStrv) mirrors = matou_list_editor_get_items (self->mirrors_editor);
  g_auto(GStrv) dns = matou_list_editor_get_items (self->dns_editor);
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autofree char *cur_http = NULL, *cur_https = NULL, *cur_no = NULL;
  gboolean proxy_on;

  if (!same_strv (mirrors, self->base_mirrors))
    {
      request->has_mirrors = TRUE;
      request->mirrors = g_steal_pointer (&mirrors);
    }
  if (!same_strv (dns, self->base_dns))
    {
      request->has_dns = TRUE;
      request->dns = g_steal_pointer (&dns);
    }

  /* Editing the addresses of a proxy that is on changes it; while it is off, the switch applies them. */
  proxy_on = matou_daemon_get_proxy (self->daemon, &cur_http, &cur_https, &cur_no);
  http = editable_dup_stripped (GTK_EDITABLE (self->http_row));
  https = editable_dup_stripped (GTK_EDITABLE (self->https_row));
  no = editable_dup_stripped (GTK_EDITABLE (self->no_row));
  if (proxy_on && (g_strcmp0 (http, cur_http) != 0 || g_strcmp0 (https, cur_https) != 0 ||
                   g_strcmp0 (no, cur_no) != 0))
    {
      request->has_proxy = TRUE;
      request->http_proxy = g_steal_pointer (&http);
      request->https_proxy = g_steal_pointer (&https);
      request->no_proxy = g_steal_pointer (&no);
    }

  if (!request->has_mirrors && !request->has_dns && !request->has_proxy)
    return NULL;

  return g_steal_pointer (&request);
}

/* Marks each invalid proxy field where it is, by the helper's own rules, and says
 * what is wrong with it, once, under the fields. TRUE when every field is valid. */
static gboolean
show_proxy_field_errors (MatouSettingsPage *self)
{
  AdwEntryRow *rows[] = { self->http_row, self->https_row, self->no_row };
  g_autoptr(GString) messages = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = editable_dup_stripped (GTK_EDITABLE (rows[i]));
      g_autoptr(GError) error = NULL;
      /* The daemon's mask, as shown and untouched, is sent nowhere: no error of the form. */
      gboolean shown_masked = matou_credentials_are_masked (text) &&
                              g_strcmp0 (text, self->base_proxy[i]) == 0;
      gboolean valid = shown_masked ||
                       (rows[i] == self->no_row ?
                        matou_validate_proxy_fields (NULL, NULL, text, &error) :
                        matou_validate_proxy_fields (text, NULL, NULL, &error));

      if (valid)
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      else
        {
          gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
          if (messages->len > 0)
            g_string_append_c (messages, '\n');
          /* TRANSLATORS: a field's name and what is wrong with it: "HTTP proxy: …" */
          g_string_append_printf (messages, _("%s: %s"),
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[i])), error->message);
        }
    }

  gtk_label_set_text (self->proxy_error_label, messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_error_label), messages->len > 0);

  return messages->len == 0;
}

static gboolean form_edited (MatouSettingsPage *self);

/* An Engine on another computer: the form is for exporting, not for applying here. */
static void
show_remote (MatouSettingsPage *self)
{
  const MatouDockerEndpoint *endpoint = matou_daemon_get_endpoint (self->daemon);
  gboolean remote = !matou_daemon_get_applies_here (self->daemon);

  gtk_widget_set_visible (GTK_WIDGET (self->remote_box), remote);
  if (remote && matou_daemon_get_rootless_elsewhere (self->daemon))
    {
      g_autofree char *text =
        g_strdup_printf (_("Matou shows a rootless Docker daemon at %s, which runs as a user, but not at %s/docker.sock, "
                           "where Matou applies settings to your own rootless daemon without a password. So Apply is off here, "
                           "and the form shows the system daemon’s files. Start your rootless daemon in the usual place "
                           "(dockerd-rootless.sh does so), or use Export… → As a Shell Script and run the script yourself."),
                         endpoint != NULL ? endpoint->host : "", g_get_user_runtime_dir ());

      gtk_label_set_text (self->remote_label, text);
    }
  else if (remote)
    {
      g_autofree char *text =
        g_strdup_printf (_("Matou shows the Docker Engine at %s (context “%s”), which runs on another computer. "
                           "Settings for a remote Engine are not applied from here: the form shows this computer’s files. "
                           "To set that Engine up, use Export… below and run the playbook or the script on that computer."),
                         endpoint->host, endpoint->context);

      gtk_label_set_text (self->remote_label, text);
    }
}

/* Whether Apply is possible, and what it would do, come from the one apply plan the helper uses too. */
void
_matou_settings_page_update_state (MatouSettingsPage *self)
{
  g_autoptr(MatouApplyRequest) request = NULL;
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GError) plan_error = NULL;
  gboolean parse_ok = matou_daemon_get_config (self->daemon) != NULL;
  gboolean busy = matou_daemon_get_busy (self->daemon);
  /* Only the proxy fields can be invalid: text typed in an add box but not added
   * is no value of the form (the box says so), and it never blocks Apply. */
  gboolean proxy_ok = show_proxy_field_errors (self);
  gboolean user_edited, user_ok, daemon_changes;

  _matou_settings_page_update_proxy_test (self);

  if (parse_ok)
    request = _matou_settings_page_build_request (self);
  if (request != NULL)
    plan = matou_daemon_plan (self->daemon, request, &plan_error);

  user_edited = matou_user_proxy_group_is_edited (self->user_proxy_group);
  user_ok = matou_user_proxy_group_is_valid (self->user_proxy_group);
  daemon_changes = plan != NULL && plan->action != MATOU_APPLY_ACTION_NONE;

  show_remote (self);
  /* What a rootless daemon makes of a proxy on 127.0.0.1 follows the form. */
  if (matou_daemon_get_rootless (self->daemon))
    _matou_settings_page_show_proxy_in_effect (self);

  if (matou_daemon_get_rootless_elsewhere (self->daemon))
    gtk_label_set_text (self->changes_label, _("This rootless daemon is not where Matou applies settings: use Export…"));
  else if (!matou_daemon_get_applies_here (self->daemon))
    gtk_label_set_text (self->changes_label, _("Settings for a remote Engine are not applied from here: use Export…"));
  else if (!parse_ok && matou_daemon_get_json_root_only (self->daemon))
    gtk_label_set_text (self->changes_label, _("Start Docker first: only root may read daemon.json, so its settings are read from the daemon."));
  else if (!parse_ok)
    gtk_label_set_text (self->changes_label, _("daemon.json cannot be read; fix it first."));
  else if (busy && self->run != NULL && matou_run_get_state (self->run) == MATOU_RUN_RUNNING)
    gtk_label_set_text (self->changes_label, _("Applying…"));
  else if (busy)
    {
      /* Another page's run holds the helper: say which, and that Apply waits for it. */
      g_autofree char *reason = matou_helper_runner_dup_busy_reason (matou_daemon_get_runner (self->daemon));

      gtk_label_set_text (self->changes_label, reason);
    }
  else if (!proxy_ok || !user_ok)
    gtk_label_set_text (self->changes_label, _("Fix the marked proxy fields to apply."));
  else if (plan_error != NULL)
    gtk_label_set_text (self->changes_label, plan_error->message);
  else if (!daemon_changes && user_edited)
    gtk_label_set_text (self->changes_label, _("Changes to save: the containers’ proxy, in your own file; no password needed."));
  else if (!daemon_changes)
    gtk_label_set_text (self->changes_label, _("No changes."));
  else if (matou_daemon_get_rootless (self->daemon))
    /* The user's own daemon: the helper runs as the user, no password is asked. */
    gtk_label_set_text (self->changes_label, plan->action == MATOU_APPLY_ACTION_RESTART ?
                        (user_edited ? _("Changes to apply: your rootless Docker will restart (no password needed); the containers’ proxy is saved too.")
                                     : _("Changes to apply: your rootless Docker will restart (no password needed).")) :
                        (user_edited ? _("Changes to apply: your rootless Docker will reload its configuration (no password needed); the containers’ proxy is saved too.")
                                     : _("Changes to apply: your rootless Docker will reload its configuration (no password needed).")));
  else if (plan->action == MATOU_APPLY_ACTION_RESTART)
    gtk_label_set_text (self->changes_label, user_edited ?
                        _("Changes to apply: Docker will restart (password needed); the containers’ proxy is saved too.") :
                        _("Changes to apply: Docker will restart."));
  else
    gtk_label_set_text (self->changes_label, user_edited ?
                        _("Changes to apply: Docker will reload its configuration (password needed); the containers’ proxy is saved too.") :
                        _("Changes to apply: Docker will reload its configuration."));

  /* One way to save what is typed on the page: the daemon's part through the helper,
   * the containers' proxy straight into the user's own file. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.apply",
                                 matou_daemon_get_applies_here (self->daemon) &&
                                 !busy && proxy_ok && user_ok && plan_error == NULL &&
                                 (daemon_changes || user_edited));
  /* Revert is there whenever a field differs from what it was filled with, even one
   * that makes no request (an address typed while the proxy is off). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert",
                                 (request != NULL || form_edited (self) || user_edited) && !busy);
}

/* --- showing what is configured -------------------------------------------- */

/* The proxy's three fields: the daemon's files while it is on, the switch's draft while it is off. */
static void
proxy_source (MatouSettingsPage *self,
              char              *values[3])
{
  if (!matou_daemon_get_proxy (self->daemon, &values[0], &values[1], &values[2]))
    {
      g_clear_pointer (&values[0], g_free);
      g_clear_pointer (&values[1], g_free);
      g_clear_pointer (&values[2], g_free);
      matou_daemon_get_proxy_draft (self->daemon, &values[0], &values[1], &values[2]);
    }
}

static void
set_base_proxy (MatouSettingsPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->base_proxy); i++)
    g_clear_pointer (&self->base_proxy[i], g_free);
  proxy_source (self, self->base_proxy);
}

static gboolean
form_edited (MatouSettingsPage *self)
{
  g_auto(GStrv) mirrors = matou_list_editor_get_items (self->mirrors_editor);
  g_auto(GStrv) dns = matou_list_editor_get_items (self->dns_editor);
  AdwEntryRow *rows[] = { self->http_row, self->https_row, self->no_row };

  if (self->base_mirrors == NULL)
    return FALSE;  /* nothing shown yet */

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = editable_dup_stripped (GTK_EDITABLE (rows[i]));

      if (g_strcmp0 (text, self->base_proxy[i] != NULL ? self->base_proxy[i] : "") != 0)
        return TRUE;
    }

  return !same_strv (mirrors, self->base_mirrors) || !same_strv (dns, self->base_dns);
}

/* Fills every field with what the daemon's files hold (the proxy: its draft while it is off). */
void
_matou_settings_page_load_form (MatouSettingsPage *self)
{
  MatouDaemonConfig *config = matou_daemon_get_config (self->daemon);
  AdwEntryRow *rows[] = { self->http_row, self->https_row, self->no_row };

  g_clear_pointer (&self->base_mirrors, g_strfreev);
  g_clear_pointer (&self->base_dns, g_strfreev);
  set_base_proxy (self);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), self->base_proxy[i] != NULL ? self->base_proxy[i] : "");
  if (config == NULL)
    return;

  self->base_mirrors = matou_daemon_config_get_mirrors (config);
  self->base_dns = matou_daemon_config_get_dns (config);
  matou_list_editor_set_items (self->mirrors_editor, (const char * const *) self->base_mirrors);
  matou_list_editor_set_items (self->dns_editor, (const char * const *) self->base_dns);
}

/* A daemon.json only root may read: say where the password is and why, and
 * leave DNS, which the daemon does not report, unknown and untouched. */
static void
show_root_only (MatouSettingsPage *self)
{
  gboolean root_only = matou_daemon_get_json_root_only (self->daemon);
  const char *path = matou_daemon_get_daemon_json_path (self->daemon);

  gtk_widget_set_visible (GTK_WIDGET (self->root_only_label), root_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->dns_editor), !root_only);
  if (root_only)
    {
      g_autofree char *text =
        g_strdup_printf (_("Only root may read %s: Matou writes it so when it holds the daemon proxy’s password, so that no other user of this computer can read the password. "
                           "The mirrors and the proxy shown here are what the running daemon reports, with the user name and password as xxxxx:xxxxx; changing them works as usual. "
                           "The DNS servers cannot be shown, as the daemon does not report them: to see them, read the file in a terminal with “sudo cat %s”."),
                         path, path);

      gtk_label_set_text (self->root_only_label, text);
      matou_list_editor_set_empty_text (self->dns_editor,
                                        _("Not known: only root may read daemon.json, and the daemon does not report its DNS servers. Applying other changes leaves them as they are."));
    }
  else
    matou_list_editor_set_empty_text (self->dns_editor, _("None set: containers use Docker’s defaults"));
}

static void
on_daemon_changed_cb (MatouSettingsPage *self)
{
  const GError *error = matou_daemon_get_error (self->daemon);
  gboolean edited = !self->replace_form && form_edited (self);

  show_root_only (self);

  gtk_widget_set_visible (GTK_WIDGET (self->parse_box), error != NULL);
  if (error != NULL)
    {
      const char *raw = matou_daemon_get_raw_text (self->daemon);

      gtk_label_set_text (self->parse_label, error->message);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->raw_view), raw != NULL ? raw : "", -1);
    }

  /* What the user is editing is not thrown away by a reload. */
  if (!edited)
    _matou_settings_page_load_form (self);
  else
    {
      MatouDaemonConfig *config = matou_daemon_get_config (self->daemon);

      /* While the proxy is off its fields are the switch's draft, which the typing itself
       * writes: what they were filled with stays the base that Revert goes back to. */
      if (matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL))
        set_base_proxy (self);
      if (config != NULL)
        {
          g_clear_pointer (&self->base_mirrors, g_strfreev);
          g_clear_pointer (&self->base_dns, g_strfreev);
          self->base_mirrors = matou_daemon_config_get_mirrors (config);
          self->base_dns = matou_daemon_config_get_dns (config);
        }
    }
  self->replace_form = FALSE;

  _matou_settings_page_show_proxy_in_effect (self);
  _matou_settings_page_update_state (self);
}

static void
on_external_change_cb (MatouSettingsPage *self,
                       const char        *path)
{
  g_autofree char *text = g_strdup_printf (_("%s was changed by another program. The values below now show what it holds; your unapplied edits are kept."),
                                           path);

  gtk_label_set_text (self->external_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->external_box), TRUE);
}

static void
on_external_dismiss_cb (MatouSettingsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->external_box), FALSE);
}

static void
on_form_changed_cb (MatouSettingsPage *self)
{
  if (self->daemon == NULL)
    return;

  /* While the proxy is off, what is typed is what the switch turns on. */
  if (!matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL))
    {
      g_autofree char *http = editable_dup_stripped (GTK_EDITABLE (self->http_row));
      g_autofree char *https = editable_dup_stripped (GTK_EDITABLE (self->https_row));
      g_autofree char *no = editable_dup_stripped (GTK_EDITABLE (self->no_row));

      matou_daemon_set_proxy_draft (self->daemon, http, https, no);
    }
  _matou_settings_page_update_state (self);
}

/* Every look at the Engine comes here; only a change of what its /info tells (a
 * rootless daemon away from its usual socket, or not) changes the page. */
static void
on_engine_changed_cb (MatouSettingsPage *self)
{
  gboolean elsewhere = matou_daemon_get_rootless_elsewhere (self->daemon);

  if (elsewhere == self->shown_rootless_elsewhere)
    return;
  self->shown_rootless_elsewhere = elsewhere;
  _matou_settings_page_update_state (self);
}

void
matou_settings_page_set_daemon (MatouSettingsPage   *self,
                                MatouDaemon *settings)
{
  g_return_if_fail (MATOU_IS_SETTINGS_PAGE (self));
  g_return_if_fail (self->daemon == NULL);

  self->daemon = g_object_ref (settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_daemon_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "external-change", G_CALLBACK (on_external_change_cb), self, G_CONNECT_SWAPPED);
  _matou_settings_page_watch_runs (self);
  _matou_settings_page_watch_proxy (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    matou_daemon_watch_engine (settings, TRUE);
  g_signal_connect_object (settings, "notify::busy", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  /* Another Engine picked on Overview: applying may stop or start being possible. */
  g_signal_connect_object (settings, "endpoint-changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  /* The Engine's answer may tell a rootless daemon Matou cannot apply to. */
  g_signal_connect_object (settings, "engine-changed", G_CALLBACK (on_engine_changed_cb), self, G_CONNECT_SWAPPED);

  if (matou_daemon_get_loaded (settings))
    on_daemon_changed_cb (self);
}

/* "In effect now" is what the daemon reports: the model asks it while this page is on screen. */
static void
matou_settings_page_map (GtkWidget *widget)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);

  GTK_WIDGET_CLASS (matou_settings_page_parent_class)->map (widget);
  if (self->daemon != NULL)
    matou_daemon_watch_engine (self->daemon, TRUE);
}

static void
matou_settings_page_unmap (GtkWidget *widget)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);

  if (self->daemon != NULL)
    matou_daemon_watch_engine (self->daemon, FALSE);
  GTK_WIDGET_CLASS (matou_settings_page_parent_class)->unmap (widget);
}

static void
matou_settings_page_dispose (GObject *object)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->daemon);
  g_clear_object (&self->run);
  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (matou_settings_page_parent_class)->dispose (object);
}

static void
matou_settings_page_finalize (GObject *object)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (object);

  g_strfreev (self->base_mirrors);
  g_strfreev (self->base_dns);
  for (guint i = 0; i < G_N_ELEMENTS (self->base_proxy); i++)
    g_free (self->base_proxy[i]);
  g_clear_pointer (&self->mirror_results, g_ptr_array_unref);
  g_clear_pointer (&self->dns_results, g_ptr_array_unref);

  G_OBJECT_CLASS (matou_settings_page_parent_class)->finalize (object);
}

static void
matou_settings_page_class_init (MatouSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_settings_page_dispose;
  object_class->finalize = matou_settings_page_finalize;
  widget_class->map = matou_settings_page_map;
  widget_class->unmap = matou_settings_page_unmap;

  g_type_ensure (MATOU_TYPE_LIST_EDITOR);
  g_type_ensure (MATOU_TYPE_USER_PROXY_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_switch);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, external_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, remote_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, remote_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, external_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, parse_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, parse_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, root_only_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, raw_view);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_group);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, http_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, https_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, no_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_error_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, mirrors_editor);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, dns_editor);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, changes_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_proxy_group);
  gtk_widget_class_bind_template_callback (widget_class, on_external_dismiss_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  _matou_settings_page_class_init_proxy (widget_class);
  _matou_settings_page_class_init_lists (widget_class);
  _matou_settings_page_class_init_apply (widget_class);
  _matou_settings_page_class_init_export (widget_class);
}

static void
matou_settings_page_init (MatouSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->log_view = MATOU_LOG_VIEW (matou_log_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->log_view), TRUE);
  gtk_box_append (self->run_log_box, GTK_WIDGET (self->log_view));

  _matou_settings_page_init_lists (self);
  /* The containers' proxy is saved by the same Apply as the rest of the page. */
  g_signal_connect_object (self->user_proxy_group, "changed",
                           G_CALLBACK (_matou_settings_page_update_state), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.apply", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert", FALSE);
}

/**
 * matou_settings_page_show_field:
 * @field: "proxy", "mirrors" or "dns"
 * @value: (nullable): a value a fix suggests
 *
 * Readies the part of the page a fix elsewhere (the Diagnose page) leads
 * to: the value filled in where it goes, not applied, and the focus there.
 * A proxy is filled in only into empty fields, and never a masked one.
 */
void
matou_settings_page_show_field (MatouSettingsPage *self,
                                const char        *field,
                                const char        *value)
{
  g_return_if_fail (MATOU_IS_SETTINGS_PAGE (self));

  if (g_strcmp0 (field, "mirrors") == 0)
    matou_list_editor_prepare_add (self->mirrors_editor, value);
  else if (g_strcmp0 (field, "dns") == 0)
    matou_list_editor_prepare_add (self->dns_editor, value);
  else if (g_strcmp0 (field, "proxy") == 0)
    {
      gboolean empty = *gtk_editable_get_text (GTK_EDITABLE (self->http_row)) == '\0' &&
                       *gtk_editable_get_text (GTK_EDITABLE (self->https_row)) == '\0';

      if (value != NULL && *value != '\0' && empty && !matou_credentials_are_masked (value))
        {
          gtk_editable_set_text (GTK_EDITABLE (self->http_row), value);
          gtk_editable_set_text (GTK_EDITABLE (self->https_row), value);
        }
      gtk_widget_grab_focus (GTK_WIDGET (self->http_row));
    }
}
