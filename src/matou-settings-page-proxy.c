/* The Settings page's daemon proxy: what is in effect, the system's proxy, and a test through it. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-credentials.h"
#include "matou-probe.h"
#include "matou-proxy-probe.h"
#include "matou-dockerd-process.h"
#include "matou-rootless.h"
#include "matou-settings-page-private.h"
#include "matou-validate.h"

#define PROXY_TEST_TIMEOUT_SECONDS 15

/* A proxy on this computer's loopback, as the form holds it. */
static gboolean
form_proxy_on_loopback (MatouSettingsPage *self)
{
  AdwEntryRow *rows[] = { self->http_row, self->https_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *value = editable_dup_stripped (GTK_EDITABLE (rows[i]));
      g_autoptr(GUri) uri = *value != '\0' ? g_uri_parse (value, G_URI_FLAGS_NONE, NULL) : NULL;
      const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
      g_autoptr(GInetAddress) address = host != NULL ? g_inet_address_new_from_string (host) : NULL;

      if (host != NULL && (g_ascii_strcasecmp (host, "localhost") == 0 ||
                           (address != NULL && g_inet_address_get_is_loopback (address))))
        return TRUE;
    }
  return FALSE;
}

/* A proxy on 127.0.0.1 reaches a rootless daemon only when it shares this
 * computer's network: RootlessKit's usual slirp4netns gives it its own. */
static char *
rootless_loopback_note (MatouSettingsPage *self)
{
  g_auto(MatouRootlessPlaces) places = { 0 };
  gboolean shares = FALSE;

  if (!gtk_switch_get_active (self->proxy_switch) || !form_proxy_on_loopback (self))
    return NULL;
  matou_rootless_places_init_for_user (&places);
  if (places.pidfile == NULL || !matou_dockerd_shares_network (places.pidfile, &shares))
    return g_strdup (_("A proxy on 127.0.0.1 or localhost reaches your rootless daemon only when RootlessKit lets it share this computer’s network. "
                       "With its usual network (slirp4netns) the daemon has a loopback of its own: give the proxy’s address on your local network instead, "
                       "or allow RootlessKit to reach this computer (DOCKERD_ROOTLESS_ROOTLESSKIT_DISABLE_HOST_LOOPBACK=false) and use 10.0.2.2."));
  if (!shares)
    return g_strdup (_("Your rootless daemon has a network of its own (RootlessKit), where 127.0.0.1 is not this computer: a proxy on 127.0.0.1 or localhost does not reach it. "
                       "Give the proxy’s address on your local network instead, or allow RootlessKit to reach this computer "
                       "(DOCKERD_ROOTLESS_ROOTLESSKIT_DISABLE_HOST_LOOPBACK=false) and use 10.0.2.2."));
  return g_strdup (_("Your rootless daemon shares this computer’s network (RootlessKit’s host network), so a proxy on 127.0.0.1 reaches it."));
}

void
_matou_settings_page_show_proxy_in_effect (MatouSettingsPage *self)
{
  MatouEngineSnapshot *snapshot = matou_daemon_get_snapshot (self->daemon);
  const char *version = matou_daemon_get_engine_version (self->daemon);
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

  if (matou_daemon_get_proxy_target (self->daemon) == MATOU_PROXY_TARGET_DAEMON_JSON)
    where = g_strdup_printf (_("Docker Engine %s reads its proxy from %s. Changing it restarts Docker."),
                             version, matou_daemon_get_daemon_json_path (self->daemon));
  else if (version != NULL)
    where = g_strdup_printf (_("Docker Engine %s is older than 23.0 and takes its proxy from systemd, so Matou writes it to %s. Changing it restarts Docker."),
                             version, matou_daemon_get_dropin_path (self->daemon));
  else
    where = g_strdup_printf (_("The daemon does not say which Docker Engine it is, so Matou writes the proxy where every version reads it, to %s. Changing it restarts Docker."),
                             matou_daemon_get_dropin_path (self->daemon));
  if (matou_daemon_get_rootless (self->daemon))
    {
      g_autofree char *note = rootless_loopback_note (self);

      if (note != NULL)
        {
          g_autofree char *both = g_strconcat (where, "\n", note, NULL);

          gtk_label_set_text (self->proxy_files_label, both);
          return;
        }
    }
  gtk_label_set_text (self->proxy_files_label, where);
}

static void
on_proxy_note_cb (MatouSettingsPage *self,
                  const char        *note)
{
  gtk_label_set_text (self->proxy_test_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->proxy_test_label), TRUE);
}

static gboolean
grab_masked_field_cb (gpointer user_data)
{
  MatouSettingsPage *self = user_data;
  g_autofree char *http = editable_dup_stripped (GTK_EDITABLE (self->http_row));
  AdwEntryRow *row = matou_credentials_are_masked (http) ? self->http_row : self->https_row;

  gtk_widget_grab_focus (GTK_WIDGET (row));

  return G_SOURCE_REMOVE;
}

/* The proxy to turn on holds the daemon's mask: say why it is not sent, and
 * put the cursor where the password goes, once the page is shown. */
static void
on_proxy_password_cb (MatouSettingsPage *self,
                      const char        *message)
{
  on_proxy_note_cb (self, message);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grab_masked_field_cb, g_object_ref (self), g_object_unref);
}

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
             _("No system proxy is set: GNOME’s network settings name none, and neither do the http_proxy and https_proxy environment variables.");
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

  self->proxy_testing = FALSE;
  _matou_settings_page_update_proxy_test (self);
  gtk_label_set_text (self->proxy_test_label, probe != NULL ? probe->detail : error->message);
}

/* The proxy a test goes through: the HTTPS one, else the HTTP one; NULL when
 * neither is typed or the one to test is invalid (its field says why). */
static char *
proxy_to_test (MatouSettingsPage *self)
{
  g_autofree char *https = editable_dup_stripped (GTK_EDITABLE (self->https_row));
  g_autofree char *http = editable_dup_stripped (GTK_EDITABLE (self->http_row));
  char *proxy = *https != '\0' ? g_steal_pointer (&https) : g_steal_pointer (&http);

  if (*proxy == '\0' || !matou_validate_proxy_url (proxy, NULL))
    g_clear_pointer (&proxy, g_free);

  return proxy;
}

/* Test Proxy is there when there is a valid address to test and no test is running. */
void
_matou_settings_page_update_proxy_test (MatouSettingsPage *self)
{
  g_autofree char *proxy = proxy_to_test (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->proxy_test_button), proxy != NULL && !self->proxy_testing);
}

static void
on_test_proxy_cb (MatouSettingsPage *self)
{
  g_autofree char *proxy = proxy_to_test (self);

  if (proxy == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->proxy_test_label), TRUE);
  gtk_label_set_text (self->proxy_test_label, _("Asking Docker Hub through the proxy…"));
  self->proxy_testing = TRUE;
  _matou_settings_page_update_proxy_test (self);
  matou_probe_through_proxy_async (proxy, MATOU_PROBE_DOCKER_HUB_URL, PROXY_TEST_TIMEOUT_SECONDS,
                                   self->cancellable, proxy_test_cb, g_object_ref (self));
}

/* The switch follows the action's state, but its accessible state can lag behind a state
 * that changes while a run holds the action: say it to screen readers from the model. */
static void
on_proxy_on_cb (MatouSettingsPage *self)
{
  gboolean on = matou_daemon_get_proxy (self->daemon, NULL, NULL, NULL);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->proxy_switch), GTK_ACCESSIBLE_STATE_CHECKED, on, -1);
}

void
_matou_settings_page_watch_proxy (MatouSettingsPage *self)
{
  g_signal_connect_object (self->daemon, "proxy-note", G_CALLBACK (on_proxy_note_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->daemon, "proxy-password", G_CALLBACK (on_proxy_password_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->daemon, "engine-changed", G_CALLBACK (_matou_settings_page_show_proxy_in_effect),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->daemon, "notify::proxy-on", G_CALLBACK (on_proxy_on_cb), self, G_CONNECT_SWAPPED);
}

void
_matou_settings_page_class_init_proxy (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_effect_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_test_button);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_test_label);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, proxy_files_label);
  gtk_widget_class_bind_template_callback (widget_class, on_system_proxy_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_proxy_cb);
}
