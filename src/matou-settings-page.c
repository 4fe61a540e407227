/* The Settings page: daemon proxy, registry mirrors and DNS, applied through the helper. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-client-config.h"
#include "matou-credentials.h"
#include "matou-dns-probe.h"
#include "matou-error.h"
#include "matou-list-editor.h"
#include "matou-log-view.h"
#include "matou-presets.h"
#include "matou-probe.h"
#include "matou-proxy-probe.h"
#include "matou-settings-page.h"
#include "matou-validate.h"

#define DNS_TEST_NAME "registry-1.docker.io"
#define DNS_TEST_TIMEOUT_SECONDS 3
#define PROXY_TEST_TIMEOUT_SECONDS 15

struct _MatouSettingsPage
{
  AdwBin               parent_instance;

  MatouDaemonSettings *daemon_settings;
  GCancellable        *cancellable;
  char               **base_mirrors;   /* what daemon.json holds: the form's "unchanged" */
  char               **base_dns;
  char                *base_proxy[3];  /* http, https, no: what the proxy fields were filled with */
  gboolean             replace_form;   /* a run ended: the next load shows what the files hold */
  MatouRun            *run;
  GPtrArray           *mirror_results;
  GPtrArray           *dns_results;

  GtkBox              *external_box;
  GtkLabel            *external_label;
  GtkBox              *parse_box;
  GtkLabel            *parse_label;
  GtkTextView         *raw_view;
  GtkScrolledWindow   *scroller;
  GtkBox              *run_box;
  GtkSpinner          *run_spinner;
  GtkLabel            *run_title;
  GtkLabel            *run_summary;
  GtkBox              *run_log_box;
  GtkListBox          *checklist;
  AdwPreferencesGroup *proxy_group;
  AdwEntryRow         *http_row;
  AdwEntryRow         *https_row;
  AdwEntryRow         *no_row;
  AdwActionRow        *proxy_effect_row;
  GtkLabel            *proxy_error_label;
  GtkButton           *proxy_test_button;
  GtkLabel            *proxy_test_label;
  AdwEntryRow         *user_http_row;
  AdwEntryRow         *user_https_row;
  AdwEntryRow         *user_no_row;
  GtkLabel            *user_proxy_label;
  GtkButton           *user_proxy_save;
  MatouListEditor     *mirrors_editor;
  MatouListEditor     *dns_editor;
  AdwActionRow        *resolvers_row;
  GtkLabel            *changes_label;
  MatouLogView        *log_view;
  GtkSwitch           *proxy_switch;
};

G_DEFINE_FINAL_TYPE (MatouSettingsPage, matou_settings_page, ADW_TYPE_BIN)

/* --- reading the form ------------------------------------------------------ */

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (editable_text (GTK_EDITABLE (row))));
}

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

/* The proxy typed in, checked with the helper's own rules; FALSE with @error when invalid. */
static gboolean
check_proxy_fields (MatouSettingsPage  *self,
                    GError            **error)
{
  g_autofree char *http = entry_text (self->http_row);
  g_autofree char *https = entry_text (self->https_row);
  g_autofree char *no = entry_text (self->no_row);

  return (*http == '\0' || matou_validate_proxy_url (http, error)) &&
         (*https == '\0' || matou_validate_proxy_url (https, error)) &&
         (*no == '\0' || matou_validate_no_proxy (no, error));
}

/* The request the form asks for, or NULL when nothing differs from what is configured. */
static MatouApplyRequest *
build_request (MatouSettingsPage *self)
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
  proxy_on = matou_daemon_settings_get_proxy (self->daemon_settings, &cur_http, &cur_https, &cur_no);
  http = entry_text (self->http_row);
  https = entry_text (self->https_row);
  no = entry_text (self->no_row);
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

/* Marks the proxy fields the way the helper's rules judge them, where the user types. */
static gboolean
show_proxy_field_errors (MatouSettingsPage *self)
{
  g_autoptr(GError) proxy_error = NULL;
  gboolean ok = check_proxy_fields (self, &proxy_error);

  gtk_label_set_text (self->proxy_error_label, proxy_error != NULL ? proxy_error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_error_label), proxy_error != NULL);

  return ok;
}

/* Whether Apply is possible, and what it would do, come from the one apply plan the helper uses too. */
static void
update_state (MatouSettingsPage *self)
{
  g_autoptr(MatouApplyRequest) request = NULL;
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GError) plan_error = NULL;
  gboolean parse_ok = matou_daemon_settings_get_config (self->daemon_settings) != NULL;
  gboolean busy = matou_daemon_settings_get_busy (self->daemon_settings);
  gboolean proxy_ok = show_proxy_field_errors (self);
  gboolean lists_ok = matou_list_editor_get_valid (self->mirrors_editor) &&
                      matou_list_editor_get_valid (self->dns_editor);

  if (parse_ok)
    request = build_request (self);
  if (request != NULL)
    plan = matou_daemon_settings_plan (self->daemon_settings, request, &plan_error);

  if (!parse_ok)
    gtk_label_set_text (self->changes_label, _("daemon.json cannot be read; fix it first."));
  else if (busy && self->run != NULL && matou_run_get_state (self->run) == MATOU_RUN_RUNNING)
    gtk_label_set_text (self->changes_label, _("Applying…"));
  else if (busy)
    {
      /* Another page's run holds the helper: say which, and that Apply waits for it. */
      g_autofree char *reason = matou_helper_runner_dup_busy_reason (matou_daemon_settings_get_runner (self->daemon_settings));

      gtk_label_set_text (self->changes_label, reason);
    }
  else if (!proxy_ok || !lists_ok)
    gtk_label_set_text (self->changes_label, _("Fix the marked values to apply."));
  else if (plan_error != NULL)
    gtk_label_set_text (self->changes_label, plan_error->message);
  else if (plan == NULL || plan->action == MATOU_APPLY_ACTION_NONE)
    gtk_label_set_text (self->changes_label, _("No changes."));
  else if (plan->action == MATOU_APPLY_ACTION_RESTART)
    gtk_label_set_text (self->changes_label, _("Changes to apply: Docker will restart."));
  else
    gtk_label_set_text (self->changes_label, _("Changes to apply: Docker will reload its configuration."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.apply",
                                 !busy && proxy_ok && lists_ok && plan != NULL &&
                                 plan->action != MATOU_APPLY_ACTION_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert", request != NULL && !busy);
}

/* --- showing what is configured -------------------------------------------- */

/* The proxy's three fields: the daemon's files while it is on, the switch's draft while it is off. */
static void
proxy_source (MatouSettingsPage *self,
              char              *values[3])
{
  if (!matou_daemon_settings_get_proxy (self->daemon_settings, &values[0], &values[1], &values[2]))
    {
      g_clear_pointer (&values[0], g_free);
      g_clear_pointer (&values[1], g_free);
      g_clear_pointer (&values[2], g_free);
      matou_daemon_settings_get_proxy_draft (self->daemon_settings, &values[0], &values[1], &values[2]);
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
      g_autofree char *text = entry_text (rows[i]);

      if (g_strcmp0 (text, self->base_proxy[i] != NULL ? self->base_proxy[i] : "") != 0)
        return TRUE;
    }

  return !same_strv (mirrors, self->base_mirrors) || !same_strv (dns, self->base_dns);
}

/* Fills every field with what the daemon's files hold (the proxy: its draft while it is off). */
static void
load_form (MatouSettingsPage *self)
{
  MatouDaemonConfig *config = matou_daemon_settings_get_config (self->daemon_settings);
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

static void
show_proxy_in_effect (MatouSettingsPage *self)
{
  MatouEngineSnapshot *snapshot = matou_daemon_settings_get_snapshot (self->daemon_settings);
  const char *version = matou_daemon_settings_get_engine_version (self->daemon_settings);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *where = NULL;

  if (snapshot == NULL)
    g_string_append (text, _("Unknown: the daemon does not answer."));
  else if ((snapshot->info->http_proxy == NULL || *snapshot->info->http_proxy == '\0') &&
           (snapshot->info->https_proxy == NULL || *snapshot->info->https_proxy == '\0'))
    g_string_append (text, _("None: the daemon connects directly."));
  else
    g_string_append_printf (text, _("HTTP: %s\nHTTPS: %s\nDirectly: %s"),
                            snapshot->info->http_proxy, snapshot->info->https_proxy,
                            snapshot->info->no_proxy);
  adw_action_row_set_subtitle (self->proxy_effect_row, text->str);

  if (matou_daemon_settings_get_proxy_target (self->daemon_settings) == MATOU_PROXY_TARGET_DAEMON_JSON)
    where = g_strdup_printf (_("Docker Engine %s reads its proxy from %s. Changing it restarts Docker."),
                             version, matou_daemon_settings_get_daemon_json_path (self->daemon_settings));
  else if (version != NULL)
    where = g_strdup_printf (_("Docker Engine %s is older than 23.0 and takes its proxy from systemd, so Matou writes it to %s. Changing it restarts Docker."),
                             version, matou_daemon_settings_get_dropin_path (self->daemon_settings));
  else
    where = g_strdup_printf (_("The daemon does not say which Docker Engine it is, so Matou writes the proxy where every version reads it, to %s. Changing it restarts Docker."),
                             matou_daemon_settings_get_dropin_path (self->daemon_settings));
  adw_preferences_group_set_description (self->proxy_group, where);
}

static void
on_daemon_settings_changed_cb (MatouSettingsPage *self)
{
  const GError *error = matou_daemon_settings_get_error (self->daemon_settings);
  gboolean edited = !self->replace_form && form_edited (self);

  gtk_widget_set_visible (GTK_WIDGET (self->parse_box), error != NULL);
  if (error != NULL)
    {
      const char *raw = matou_daemon_settings_get_raw_text (self->daemon_settings);

      gtk_label_set_text (self->parse_label, error->message);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->raw_view), raw != NULL ? raw : "", -1);
    }

  /* What the user is editing is not thrown away by a reload. */
  if (!edited)
    load_form (self);
  else
    {
      MatouDaemonConfig *config = matou_daemon_settings_get_config (self->daemon_settings);

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

  show_proxy_in_effect (self);
  update_state (self);
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
  if (self->daemon_settings == NULL)
    return;

  /* While the proxy is off, what is typed is what the switch turns on. */
  if (!matou_daemon_settings_get_proxy (self->daemon_settings, NULL, NULL, NULL))
    {
      g_autofree char *http = entry_text (self->http_row);
      g_autofree char *https = entry_text (self->https_row);
      g_autofree char *no = entry_text (self->no_row);

      matou_daemon_settings_set_proxy_draft (self->daemon_settings, http, https, no);
    }
  update_state (self);
}

static void
on_proxy_note_cb (MatouSettingsPage *self,
                  const char        *note)
{
  gtk_label_set_text (self->proxy_test_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_test_label), TRUE);
}

/* --- applying -------------------------------------------------------------- */

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
  gtk_label_set_text (self->run_summary, _("Waiting for authorisation, then applying. Docker’s own messages appear below as they come."));
  matou_log_view_set_model (self->log_view, matou_run_get_lines (run));
  gtk_spinner_start (self->run_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->run_spinner), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->run_box), TRUE);

  update_state (self);
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
  update_state (self);
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

  helper_result = matou_daemon_settings_apply_finish (MATOU_DAEMON_SETTINGS (source), result, &error);
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

  matou_daemon_settings_apply_async (self->daemon_settings, request, _("Apply Docker settings"),
                                     NULL, apply_done_cb, g_object_ref (self));
}

/* Shows what will change and how before anything changes: the plan the helper will follow. */
static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);
  MatouApplyRequest *request = build_request (self);
  MatouEngineSnapshot *snapshot = matou_daemon_settings_get_snapshot (self->daemon_settings);
  g_autoptr(MatouApplyPlan) plan = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  gboolean restart;
  guint stopping;
  GtkWidget *dialog;

  if (request == NULL)
    return;
  plan = matou_daemon_settings_plan (self->daemon_settings, request, NULL);
  if (plan == NULL || plan->action == MATOU_APPLY_ACTION_NONE)
    {
      matou_apply_request_free (request);
      update_state (self);
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

  load_form (self);
  update_state (self);
}

/* --- the proxy helpers --------------------------------------------------- */

static char *
gnome_proxy_url (GSettings  *proxy,
                 const char *child)
{
  g_autoptr(GSettings) settings = g_settings_get_child (proxy, child);
  g_autofree char *host = g_settings_get_string (settings, "host");
  int port = g_settings_get_int (settings, "port");

  if (*host == '\0' || port <= 0)
    return g_strdup ("");

  return g_strdup_printf ("http://%s:%d", host, port);
}

/* Fills the fields from GNOME's proxy settings when they say "manual", else from the environment. */
static void
on_system_proxy_cb (MatouSettingsPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ?
    g_settings_schema_source_lookup (source, "org.gnome.system.proxy", TRUE) : NULL;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  const char *from;

  if (schema != NULL)
    {
      g_autoptr(GSettings) proxy = g_settings_new ("org.gnome.system.proxy");
      g_autofree char *mode = g_settings_get_string (proxy, "mode");

      if (g_str_equal (mode, "manual"))
        {
          g_auto(GStrv) ignore = g_settings_get_strv (proxy, "ignore-hosts");

          http = gnome_proxy_url (proxy, "http");
          https = gnome_proxy_url (proxy, "https");
          no = g_strjoinv (",", ignore);
        }
    }

  if (http != NULL)
    from = _("Filled in from GNOME’s network proxy settings.");
  else
    {
      http = g_strdup (g_getenv ("http_proxy") ?: g_getenv ("HTTP_PROXY") ?: "");
      https = g_strdup (g_getenv ("https_proxy") ?: g_getenv ("HTTPS_PROXY") ?: "");
      no = g_strdup (g_getenv ("no_proxy") ?: g_getenv ("NO_PROXY") ?: "");
      from = *http != '\0' || *https != '\0' ?
             _("Filled in from the http_proxy and https_proxy environment variables.") :
             _("No system proxy is set: neither GNOME’s network settings nor the environment name one.");
    }

  if (*http != '\0' || *https != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->http_row), http);
      gtk_editable_set_text (GTK_EDITABLE (self->https_row), https);
      gtk_editable_set_text (GTK_EDITABLE (self->no_row), no);
    }
  gtk_label_set_text (self->proxy_test_label, from);
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_test_label), TRUE);
}

static void
proxy_test_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(MatouProbeResult) probe = NULL;
  g_autoptr(GError) error = NULL;

  probe = matou_probe_through_proxy_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_test_button), TRUE);
  gtk_label_set_text (self->proxy_test_label, probe != NULL ? probe->detail : error->message);
}

static void
on_test_proxy_cb (MatouSettingsPage *self)
{
  g_autofree char *https = entry_text (self->https_row);
  g_autofree char *http = entry_text (self->http_row);
  const char *proxy = *https != '\0' ? https : http;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->proxy_test_label), TRUE);
  if (*proxy == '\0' || !matou_validate_proxy_url (proxy, &error))
    {
      gtk_label_set_text (self->proxy_test_label,
                          error != NULL ? error->message : _("Type a proxy address first."));
      return;
    }

  gtk_label_set_text (self->proxy_test_label, _("Asking Docker Hub through the proxy…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_test_button), FALSE);
  matou_probe_through_proxy_async (proxy, MATOU_PROBE_DOCKER_HUB_URL, PROXY_TEST_TIMEOUT_SECONDS,
                                   self->cancellable, proxy_test_cb, g_object_ref (self));
}

/* --- the user's own proxy ------------------------------------------------- */

static void
on_user_proxy_changed_cb (MatouSettingsPage *self)
{
  g_autofree char *http = entry_text (self->user_http_row);
  g_autofree char *https = entry_text (self->user_https_row);
  g_autofree char *no = entry_text (self->user_no_row);
  g_autoptr(GError) error = NULL;
  gboolean ok = (*http == '\0' || matou_validate_proxy_url (http, &error)) &&
                (*https == '\0' || matou_validate_proxy_url (https, &error)) &&
                (*no == '\0' || matou_validate_no_proxy (no, &error));

  gtk_label_set_text (self->user_proxy_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), error != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), ok);
}

static void
show_user_proxy_note (MatouSettingsPage *self,
                      const char        *text,
                      gboolean           is_error)
{
  gtk_label_set_text (self->user_proxy_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->user_proxy_label), TRUE);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->user_proxy_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_proxy_label), "error");
}

static void
user_proxy_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = matou_client_config_default_path ();
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), TRUE);
  if (!matou_client_config_write_proxy_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_user_proxy_note (self, error->message, TRUE);
      return;
    }

  message = g_strdup_printf (_("Saved to %s. Containers and builds started from now on use it."), path);
  show_user_proxy_note (self, message, FALSE);
}

static void
on_user_proxy_save_cb (MatouSettingsPage *self)
{
  g_autofree char *path = matou_client_config_default_path ();
  g_autofree char *http = entry_text (self->user_http_row);
  g_autofree char *https = entry_text (self->user_https_row);
  g_autofree char *no = entry_text (self->user_no_row);

  gtk_widget_set_sensitive (GTK_WIDGET (self->user_proxy_save), FALSE);
  matou_client_config_write_proxy_async (path, http, https, no, self->cancellable,
                                         user_proxy_saved_cb, g_object_ref (self));
}

static void
user_proxy_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autofree char *http = NULL, *https = NULL, *no = NULL;
  g_autoptr(GError) error = NULL;

  if (!matou_client_config_read_proxy_finish (result, &http, &https, &no, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_user_proxy_note (self, error->message, TRUE);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->user_http_row), http);
  gtk_editable_set_text (GTK_EDITABLE (self->user_https_row), https);
  gtk_editable_set_text (GTK_EDITABLE (self->user_no_row), no);
}

static void
load_user_proxy (MatouSettingsPage *self)
{
  g_autofree char *path = matou_client_config_default_path ();

  matou_client_config_read_proxy_async (path, self->cancellable, user_proxy_loaded_cb, g_object_ref (self));
}

/* --- tests of mirrors and DNS servers ---------------------------------------- */

static char **
items_and_suggestions (MatouListEditor *editor)
{
  g_auto(GStrv) items = matou_list_editor_get_items (editor);
  g_auto(GStrv) suggestions = matou_list_editor_get_suggestions (editor);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) items);
  for (guint i = 0; suggestions[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) items, suggestions[i]))
      g_strv_builder_add (builder, suggestions[i]);

  return g_strv_builder_end (builder);
}

static void
mirrors_probed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = matou_probe_many_finish (result, &error);
  if (results == NULL)
    return;

  for (guint i = 0; i < results->len; i++)
    {
      MatouProbeResult *probe = g_ptr_array_index (results, i);

      matou_list_editor_set_result (self->mirrors_editor, probe->url,
                                    probe->verdict == MATOU_PROBE_OK ? MATOU_RESULT_GOOD : MATOU_RESULT_BAD,
                                    probe->detail);
    }
  g_clear_pointer (&self->mirror_results, g_ptr_array_unref);
  self->mirror_results = g_steal_pointer (&results);
}

static void
on_test_mirrors_cb (MatouSettingsPage *self)
{
  g_auto(GStrv) urls = items_and_suggestions (self->mirrors_editor);

  for (guint i = 0; urls[i] != NULL; i++)
    matou_list_editor_set_result (self->mirrors_editor, urls[i], MATOU_RESULT_RUNNING, _("Testing…"));
  matou_probe_many_async ((const char * const *) urls, MATOU_PROBE_REGISTRY, NULL,
                          MATOU_PROBE_REGISTRY_TIMEOUT_SECONDS, self->cancellable,
                          mirrors_probed_cb, g_object_ref (self));
}

static void
on_sort_mirrors_cb (MatouSettingsPage *self)
{
  g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
  g_auto(GStrv) sorted = NULL;

  if (self->mirror_results == NULL)
    {
      on_test_mirrors_cb (self);
      return;
    }

  matou_probe_results_sort (self->mirror_results);
  for (guint i = 0; i < self->mirror_results->len; i++)
    g_strv_builder_add (order, ((MatouProbeResult *) g_ptr_array_index (self->mirror_results, i))->url);
  sorted = g_strv_builder_end (order);
  matou_list_editor_reorder (self->mirrors_editor, (const char * const *) sorted);
}

static void
dns_probed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = matou_dns_probe_many_finish (result, &error);
  if (results == NULL)
    return;

  for (guint i = 0; i < results->len; i++)
    {
      MatouDnsResult *dns = g_ptr_array_index (results, i);

      matou_list_editor_set_result (self->dns_editor, dns->server,
                                    dns->ok ? MATOU_RESULT_GOOD : MATOU_RESULT_BAD, dns->detail);
    }
  g_clear_pointer (&self->dns_results, g_ptr_array_unref);
  self->dns_results = g_steal_pointer (&results);
}

static void
on_test_dns_cb (MatouSettingsPage *self)
{
  g_auto(GStrv) servers = items_and_suggestions (self->dns_editor);

  for (guint i = 0; servers[i] != NULL; i++)
    matou_list_editor_set_result (self->dns_editor, servers[i], MATOU_RESULT_RUNNING, _("Testing…"));
  matou_dns_probe_many_async ((const char * const *) servers, 53, DNS_TEST_NAME, DNS_TEST_TIMEOUT_SECONDS,
                              self->cancellable, dns_probed_cb, g_object_ref (self));
}

static int
compare_dns_results (gconstpointer a,
                     gconstpointer b)
{
  const MatouDnsResult *ra = *(MatouDnsResult **) a;
  const MatouDnsResult *rb = *(MatouDnsResult **) b;

  if (ra->ok != rb->ok)
    return ra->ok ? -1 : 1;
  return (ra->seconds > rb->seconds) - (ra->seconds < rb->seconds);
}

static void
on_sort_dns_cb (MatouSettingsPage *self)
{
  g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
  g_auto(GStrv) sorted = NULL;

  if (self->dns_results == NULL)
    {
      on_test_dns_cb (self);
      return;
    }

  g_ptr_array_sort (self->dns_results, compare_dns_results);
  for (guint i = 0; i < self->dns_results->len; i++)
    g_strv_builder_add (order, ((MatouDnsResult *) g_ptr_array_index (self->dns_results, i))->server);
  sorted = g_strv_builder_end (order);
  matou_list_editor_reorder (self->dns_editor, (const char * const *) sorted);
}

static void
resolvers_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  gboolean stub = FALSE;
  g_auto(GStrv) servers = matou_read_resolv_conf_finish (result, &stub);
  g_autofree char *list = servers != NULL && servers[0] != NULL ? g_strjoinv (", ", servers) : g_strdup (_("none found"));
  g_autofree char *text = NULL;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (stub)
    text = g_strdup_printf (_("%s. This is systemd-resolved’s local stub, which containers cannot reach: Docker gives them other servers unless you set some here."),
                            list);
  else
    text = g_strdup_printf (_("%s. Containers use these unless you set servers here."), list);
  adw_action_row_set_subtitle (self->resolvers_row, text);
}

static void
show_resolvers (MatouSettingsPage *self)
{
  matou_read_resolv_conf_async ("/etc/resolv.conf", self->cancellable, resolvers_read_cb, g_object_ref (self));
}

/* --- validation callbacks for the editors ---------------------------------- */

static gboolean
validate_mirror (const char  *value,
                 gpointer     user_data,
                 GError     **error)
{
  MatouSettingsPage *self = user_data;
  const char *version = self->daemon_settings != NULL ?
                        matou_daemon_settings_get_engine_version (self->daemon_settings) : NULL;

  return matou_validate_mirror (value, matou_version_at_least (version, 25, 0), error);
}

static gboolean
validate_dns (const char  *value,
              gpointer     user_data,
              GError     **error)
{
  return matou_validate_dns (value, error);
}

static void
add_presets (MatouSettingsPage *self)
{
  g_autoptr(GPtrArray) mirrors = matou_presets_load (MATOU_PRESETS_REGISTRY_MIRRORS, NULL);
  g_autoptr(GPtrArray) servers = matou_presets_load (MATOU_PRESETS_DNS_SERVERS, NULL);

  for (guint i = 0; mirrors != NULL && i < mirrors->len; i++)
    {
      MatouPreset *preset = g_ptr_array_index (mirrors, i);

      /* A template the user completes (the per-account Aliyun accelerator) is no one-click suggestion. */
      if (!preset->is_template)
        matou_list_editor_add_suggestion (self->mirrors_editor, preset->url, preset->name, preset->note);
    }
  for (guint i = 0; servers != NULL && i < servers->len; i++)
    {
      MatouPreset *preset = g_ptr_array_index (servers, i);

      matou_list_editor_add_suggestion (self->dns_editor, preset->address, preset->name, preset->note);
    }
}

/* --- object ---------------------------------------------------------------- */

/* The switch follows the action's state, but its accessible state can lag behind a state
 * that changes while a run holds the action: say it to screen readers from the model. */
static void
on_proxy_on_cb (MatouSettingsPage *self)
{
  gboolean on = matou_daemon_settings_get_proxy (self->daemon_settings, NULL, NULL, NULL);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->proxy_switch), GTK_ACCESSIBLE_STATE_CHECKED, on, -1);
}

void
matou_settings_page_set_daemon_settings (MatouSettingsPage   *self,
                                         MatouDaemonSettings *settings)
{
  g_return_if_fail (MATOU_IS_SETTINGS_PAGE (self));
  g_return_if_fail (self->daemon_settings == NULL);

  self->daemon_settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_daemon_settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "external-change", G_CALLBACK (on_external_change_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "run-started", G_CALLBACK (on_run_started_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "run-finished", G_CALLBACK (on_run_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "proxy-note", G_CALLBACK (on_proxy_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "engine-changed", G_CALLBACK (show_proxy_in_effect), self, G_CONNECT_SWAPPED);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    matou_daemon_settings_watch_engine (settings, TRUE);
  g_signal_connect_object (settings, "notify::busy", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "notify::proxy-on", G_CALLBACK (on_proxy_on_cb), self, G_CONNECT_SWAPPED);

  if (matou_daemon_settings_get_loaded (settings))
    on_daemon_settings_changed_cb (self);
}

/* "In effect now" is what the daemon reports: the model asks it while this page is on screen. */
static void
matou_settings_page_map (GtkWidget *widget)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);

  GTK_WIDGET_CLASS (matou_settings_page_parent_class)->map (widget);
  if (self->daemon_settings != NULL)
    matou_daemon_settings_watch_engine (self->daemon_settings, TRUE);
}

static void
matou_settings_page_unmap (GtkWidget *widget)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (widget);

  if (self->daemon_settings != NULL)
    matou_daemon_settings_watch_engine (self->daemon_settings, FALSE);
  GTK_WIDGET_CLASS (matou_settings_page_parent_class)->unmap (widget);
}

static void
matou_settings_page_dispose (GObject *object)
{
  MatouSettingsPage *self = MATOU_SETTINGS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->daemon_settings);
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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_switch);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, external_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, external_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, parse_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, parse_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, raw_view);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_spinner);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_title);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_summary);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, run_log_box);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, checklist);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_group);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, http_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, https_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, no_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_effect_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_error_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_test_button);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_test_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_http_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_https_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_no_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_proxy_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, user_proxy_save);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, mirrors_editor);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, dns_editor);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, resolvers_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, changes_label);
  gtk_widget_class_bind_template_callback (widget_class, on_external_dismiss_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_run_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_system_proxy_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_proxy_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_proxy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_user_proxy_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_mirrors_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_mirrors_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_dns_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_dns_cb);

  gtk_widget_class_install_action (widget_class, "settings.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "settings.revert", NULL, revert_activated);
  /* Apply without the Tabs to its button; listed in the shortcuts window. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "settings.apply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "settings.apply", NULL);
}

static void
matou_settings_page_init (MatouSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  self->log_view = MATOU_LOG_VIEW (matou_log_view_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->log_view), TRUE);
  gtk_box_append (self->run_log_box, GTK_WIDGET (self->log_view));

  matou_list_editor_set_validator (self->mirrors_editor, validate_mirror, self);
  matou_list_editor_set_add_title (self->mirrors_editor, _("Add a mirror, for example https://docker.1ms.run"));
  matou_list_editor_set_empty_text (self->mirrors_editor, _("No mirror: images come straight from Docker Hub"));
  matou_list_editor_set_validator (self->dns_editor, validate_dns, self);
  matou_list_editor_set_add_title (self->dns_editor, _("Add a DNS server address, for example 223.5.5.5"));
  matou_list_editor_set_empty_text (self->dns_editor, _("None set: containers use Docker’s defaults"));
  add_presets (self);

  load_user_proxy (self);
  show_resolvers (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.apply", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.revert", FALSE);
}
