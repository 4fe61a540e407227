/* The Settings page's registry mirrors and DNS servers: suggestions, validation, tests and sorting. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-dns-probe.h"
#include "matou-presets.h"
#include "matou-probe.h"
#include "matou-settings-page-private.h"
#include "matou-validate.h"

#define DNS_TEST_NAME "registry-1.docker.io"
#define DNS_TEST_TIMEOUT_SECONDS 3

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

/* A test's one-line summary when it worked. */
static char *
answers_in (double seconds)
{
  g_autofree char *time = matou_probe_format_seconds (seconds);

  /* TRANSLATORS: a test's result under a mirror or DNS server: "Answers in 85 ms" */
  return g_strdup_printf (_("Answers in %s"), time);
}

static void
mirrors_probed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MatouSettingsPage) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  MatouOffline offline;

  results = matou_probe_many_finish (result, &error);
  if (results == NULL)
    return;

  /* Every mirror failing alike because this computer is offline is one message, not one per row. */
  offline = matou_probe_results_offline (results);
  gtk_label_set_text (self->mirrors_offline_label, offline != MATOU_OFFLINE_NO ? matou_offline_describe (offline) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mirrors_offline_label), offline != MATOU_OFFLINE_NO);
  for (guint i = 0; i < results->len; i++)
    {
      MatouProbeResult *probe = g_ptr_array_index (results, i);

      if (offline != MATOU_OFFLINE_NO)
        matou_list_editor_set_result (self->mirrors_editor, probe->url, MATOU_RESULT_NONE, matou_offline_row_text (), NULL);
      else
        {
          gboolean ok = probe->verdict == MATOU_PROBE_OK;
          g_autofree char *summary = ok ? answers_in (probe->seconds) :
                                          g_strdup (matou_probe_verdict_get_label (probe->verdict));

          matou_list_editor_set_result (self->mirrors_editor, probe->url, ok ? MATOU_RESULT_GOOD : MATOU_RESULT_BAD,
                                        summary, probe->detail);
        }
    }
  g_clear_pointer (&self->mirror_results, g_ptr_array_unref);
  self->mirror_results = g_steal_pointer (&results);
}

static void
on_test_mirrors_cb (MatouSettingsPage *self)
{
  g_auto(GStrv) urls = items_and_suggestions (self->mirrors_editor);

  gtk_widget_set_visible (GTK_WIDGET (self->mirrors_offline_label), FALSE);
  for (guint i = 0; urls[i] != NULL; i++)
    matou_list_editor_set_result (self->mirrors_editor, urls[i], MATOU_RESULT_RUNNING, _("Testing…"), NULL);
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
      g_autofree char *summary = dns->ok ? answers_in (dns->seconds) : g_strdup (_("Does not answer from here"));

      matou_list_editor_set_result (self->dns_editor, dns->server, dns->ok ? MATOU_RESULT_GOOD : MATOU_RESULT_BAD,
                                    summary, dns->detail);
    }
  g_clear_pointer (&self->dns_results, g_ptr_array_unref);
  self->dns_results = g_steal_pointer (&results);
}

static void
on_test_dns_cb (MatouSettingsPage *self)
{
  g_auto(GStrv) servers = items_and_suggestions (self->dns_editor);

  for (guint i = 0; servers[i] != NULL; i++)
    matou_list_editor_set_result (self->dns_editor, servers[i], MATOU_RESULT_RUNNING, _("Testing…"), NULL);
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

static gboolean
validate_mirror (const char  *value,
                 gpointer     user_data,
                 GError     **error)
{
  MatouSettingsPage *self = user_data;
  const char *version = self->daemon != NULL ?
                        matou_daemon_get_engine_version (self->daemon) : NULL;

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

void
_matou_settings_page_init_lists (MatouSettingsPage *self)
{
  matou_list_editor_set_validator (self->mirrors_editor, validate_mirror, self);
  matou_list_editor_set_add_title (self->mirrors_editor, _("Add a mirror, for example https://docker.1ms.run"));
  matou_list_editor_set_empty_text (self->mirrors_editor, _("No mirror: images come straight from Docker Hub"));
  matou_list_editor_set_validator (self->dns_editor, validate_dns, self);
  matou_list_editor_set_add_title (self->dns_editor, _("Add a DNS server address, for example 223.5.5.5"));
  matou_list_editor_set_empty_text (self->dns_editor, _("None set: containers use Docker’s defaults"));
  add_presets (self);
  show_resolvers (self);
}

void
_matou_settings_page_class_init_lists (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, resolvers_row);
  gtk_widget_class_bind_template_child (widget_class, MatouSettingsPage, mirrors_offline_label);
  gtk_widget_class_bind_template_callback (widget_class, on_test_mirrors_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_mirrors_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_test_dns_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_dns_cb);
}
