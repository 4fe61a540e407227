/* `matou export`: this machine's daemon settings, or those given, written as an Ansible playbook or a shell script. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "matou-apply-plan.h"
#include "matou-daemon-config.h"
#include "matou-export.h"
#include "matou-export-command.h"
#include "matou-proxy-dropin.h"

#define DEFAULT_DAEMON_JSON "/etc/docker/daemon.json"
#define DEFAULT_DROPIN_DIR  "/etc/systemd/system/docker.service.d"

static char *
read_optional (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *text = NULL;

  if (g_file_get_contents (path, &text, NULL, &local_error))
    return text;
  if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_propagate_error (error, g_steal_pointer (&local_error));

  return NULL;
}

/* What the Settings page shows for this machine: the same files, the same test hooks. */
static MatouApplyRequest *
read_machine (GError **error)
{
  const char *json_path = g_getenv ("MATOU_DAEMON_JSON");
  const char *dropin_dir = g_getenv ("MATOU_DROPIN_DIR");
  g_autoptr(MatouApplyRequest) request = matou_apply_request_new ();
  g_autoptr(MatouDaemonConfig) config = NULL;
  g_autofree char *json_text = NULL;
  g_autofree char *dropin_path = NULL;
  g_autofree char *env_path = NULL;
  g_autofree char *dropin = NULL;
  g_autofree char *env = NULL;
  g_autoptr(GError) local_error = NULL;

  if (json_path == NULL)
    json_path = DEFAULT_DAEMON_JSON;
  if (dropin_dir == NULL)
    dropin_dir = DEFAULT_DROPIN_DIR;

  json_text = read_optional (json_path, &local_error);
  if (local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read %s: %s. Give the settings with --mirror, --dns and the proxy options instead."),
                   json_path, local_error->message);
      return NULL;
    }
  config = matou_daemon_config_new_from_named_data (json_text != NULL ? json_text : "", -1, json_path, error);
  if (config == NULL)
    return NULL;

  dropin_path = g_build_filename (dropin_dir, "http-proxy.conf", NULL);
  env_path = g_build_filename (dropin_dir, MATOU_PROXY_ENV_NAME, NULL);
  /* Unreadable drop-ins (the environment file is root's) count as missing: the proxy then comes from what can be read. */
  dropin = read_optional (dropin_path, NULL);
  env = read_optional (env_path, NULL);

  request->has_mirrors = TRUE;
  request->mirrors = matou_daemon_config_get_mirrors (config);
  request->has_dns = TRUE;
  request->dns = matou_daemon_config_get_dns (config);
  request->has_proxy = TRUE;
  /* The Engine version is not asked: the proxy is wherever it is set. */
  if (!matou_daemon_proxy_read (MATOU_PROXY_TARGET_DAEMON_JSON, config, NULL, NULL,
                                &request->http_proxy, &request->https_proxy, &request->no_proxy))
    {
      g_clear_pointer (&request->http_proxy, g_free);
      g_clear_pointer (&request->https_proxy, g_free);
      g_clear_pointer (&request->no_proxy, g_free);
      if (!matou_daemon_proxy_read (MATOU_PROXY_TARGET_DROPIN, NULL, dropin, env,
                                    &request->http_proxy, &request->https_proxy, &request->no_proxy))
        request->clear_proxy = TRUE;
    }

  return g_steal_pointer (&request);
}

static void
replace (char       **field,
         const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

int
matou_export_command_run (int    argc,
                          char **argv)
{
  g_autofree char *ansible_dir = NULL;
  g_autofree char *shell_file = NULL;
  g_auto(GStrv) mirrors = NULL;
  g_auto(GStrv) dns = NULL;
  g_autofree char *http_proxy = NULL;
  g_autofree char *https_proxy = NULL;
  g_autofree char *no_proxy = NULL;
  gboolean no_mirrors = FALSE;
  gboolean no_dns = FALSE;
  gboolean proxy_off = FALSE;
  GOptionEntry entries[] = {
    { "ansible", 0, 0, G_OPTION_ARG_FILENAME, &ansible_dir, N_("Write an Ansible playbook into DIR"), N_("DIR") },
    { "shell", 0, 0, G_OPTION_ARG_FILENAME, &shell_file, N_("Write a shell script for one machine to FILE"), N_("FILE") },
    { "mirror", 0, 0, G_OPTION_ARG_STRING_ARRAY, &mirrors, N_("A registry mirror, instead of this machine’s (repeat for more)"), N_("URL") },
    { "no-mirrors", 0, 0, G_OPTION_ARG_NONE, &no_mirrors, N_("No registry mirrors"), NULL },
    { "dns", 0, 0, G_OPTION_ARG_STRING_ARRAY, &dns, N_("A DNS server for containers, instead of this machine’s (repeat for more)"), N_("IP") },
    { "no-dns", 0, 0, G_OPTION_ARG_NONE, &no_dns, N_("No DNS servers: containers use the host’s"), NULL },
    { "http-proxy", 0, 0, G_OPTION_ARG_STRING, &http_proxy, N_("The daemon’s HTTP proxy"), N_("URL") },
    { "https-proxy", 0, 0, G_OPTION_ARG_STRING, &https_proxy, N_("The daemon’s HTTPS proxy"), N_("URL") },
    { "no-proxy", 0, 0, G_OPTION_ARG_STRING, &no_proxy, N_("Hosts the daemon reaches without the proxy"), N_("LIST") },
    { "proxy-off", 0, 0, G_OPTION_ARG_NONE, &proxy_off, N_("No proxy for the daemon"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MatouApplyRequest) request = NULL;

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Writes the Docker daemon settings of this machine (registry mirrors, DNS, the daemon’s proxy), "
                                           "or those given as options, for other machines: an Ansible playbook that keeps each machine’s other "
                                           "settings, or a shell script for one machine."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "matou export: %s\n", error->message);
      fprintf (stderr, _("Run “matou export --help” to see the options.\n"));
      return 1;
    }
  if (argc > 1)
    {
      fprintf (stderr, _("matou export: unexpected argument “%s”. Run “matou export --help” to see the options.\n"), argv[1]);
      return 1;
    }
  if (ansible_dir == NULL && shell_file == NULL)
    {
      fprintf (stderr, _("matou export: say what to write: --ansible DIR, --shell FILE, or both.\n"));
      return 1;
    }
  if ((no_mirrors && mirrors != NULL) || (no_dns && dns != NULL) ||
      (proxy_off && (http_proxy != NULL || https_proxy != NULL || no_proxy != NULL)))
    {
      fprintf (stderr, _("matou export: --no-mirrors, --no-dns and --proxy-off cannot be given with values for the same setting.\n"));
      return 1;
    }

  request = read_machine (&error);
  if (request == NULL)
    {
      fprintf (stderr, "matou export: %s\n", error->message);
      return 1;
    }

  if (mirrors != NULL || no_mirrors)
    {
      g_strfreev (request->mirrors);
      request->mirrors = no_mirrors ? g_new0 (char *, 1) : g_steal_pointer (&mirrors);
    }
  if (dns != NULL || no_dns)
    {
      g_strfreev (request->dns);
      request->dns = no_dns ? g_new0 (char *, 1) : g_steal_pointer (&dns);
    }
  if (proxy_off)
    {
      request->clear_proxy = TRUE;
      g_clear_pointer (&request->http_proxy, g_free);
      g_clear_pointer (&request->https_proxy, g_free);
      g_clear_pointer (&request->no_proxy, g_free);
    }
  else if (http_proxy != NULL || https_proxy != NULL || no_proxy != NULL)
    {
      request->clear_proxy = FALSE;
      replace (&request->http_proxy, http_proxy);
      replace (&request->https_proxy, https_proxy);
      replace (&request->no_proxy, no_proxy);
    }

  if (ansible_dir != NULL)
    {
      g_autofree char *path = g_build_filename (ansible_dir, MATOU_EXPORT_PLAYBOOK_NAME, NULL);

      if (!matou_export_write_ansible (request, ansible_dir, &error))
        {
          fprintf (stderr, "matou export: %s\n", error->message);
          return 1;
        }
      /* Translators: %s is the playbook's path. */
      printf (_("Wrote %s. Run it with: ansible-playbook -i INVENTORY %s\n"), path, path);
    }
  if (shell_file != NULL)
    {
      if (!matou_export_write_script (request, shell_file, &error))
        {
          fprintf (stderr, "matou export: %s\n", error->message);
          return 1;
        }
      /* Translators: %s is the script's path. */
      printf (_("Wrote %s. Run it as root on each machine: sh %s\n"), shell_file, shell_file);
    }

  return 0;
}
