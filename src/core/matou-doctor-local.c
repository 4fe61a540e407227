/* The doctor's local stages: Docker itself, where the configuration comes from, and images outside Docker Hub. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "matou-diagnosis.h"
#include "matou-docker-host.h"
#include "matou-doctor-private.h"
#include "matou-dockerd-process.h"
#include "matou-engine-info.h"
#include "matou-log-model.h"
#include "matou-proxy-dropin.h"
#include "matou-json.h"

#define DEFAULT_DAEMON_JSON "/etc/docker/daemon.json"
#define DEFAULT_DROPIN_DIR "/etc/systemd/system/docker.service.d"

/* ---- Docker itself ---------------------------------------------------- */

typedef struct {
  gboolean             done;
  MatouEngineSnapshot *snapshot;
  GError              *error;
} SnapshotWait;

static void
snapshot_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SnapshotWait *wait = user_data;

  wait->snapshot = matou_engine_client_snapshot_finish (MATOU_ENGINE_CLIENT (source), result, &wait->error);
  wait->done = TRUE;
}

/* An Engine on another computer: whether it answers; the socket checks do not apply. */
static void
check_remote_engine (MatouDoctorRun *run)
{
  g_autoptr(MatouEngineClient) client = matou_engine_client_new_for_endpoint (run->endpoint);
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  SnapshotWait wait = { 0 };

  matou_engine_client_snapshot_async (client, run->cancellable, snapshot_cb, &wait);
  matou_doctor_iterate_until (g_main_context_get_thread_default (), &wait.done);
  run->snapshot = wait.snapshot;
  run->engine_error = wait.error;

  matou_diagnose_remote (run->engine_error, run->endpoint, &title, &explanation);
  if (run->snapshot != NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("Engine %s (API %s) answers at %s (context “%s”)."),
                                                 run->snapshot->version->version,
                                                 run->snapshot->version->api_version,
                                                 run->endpoint->host, run->endpoint->context);
      matou_doctor_run_add (run, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_OK,
                                                  _("The Docker daemon answers"), detail, NULL));
    }
  else
    matou_doctor_run_add (run, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_FAILED,
                                                title, explanation, NULL));

  matou_doctor_run_skip (run, "docker.permission", MATOU_STAGE_DOCKER, _("Whether you may use Docker’s socket"),
                         _("Not run: the Engine is on another computer, which decides who may use it."));
}

void
matou_doctor_stage_docker (MatouDoctorRun *run)
{
  g_autofree char *runtime_dir = g_strdup (g_get_user_runtime_dir ());
  MatouDetectPlaces places = {
    .root = "",
    .home = g_get_home_dir (),
    .runtime_dir = runtime_dir,
    .path = g_getenv ("PATH"),
  };
  MatouCheck *check;
  g_autoptr(GError) host_error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *explanation = NULL;
  MatouProblem problem;

  run->install = matou_docker_detect (&places, run->cancellable);

  if (run->install->cli_path == NULL && run->install->dockerd_path == NULL)
    {
      check = matou_doctor_run_add (run, matou_check_new ("docker.installed", MATOU_STAGE_DOCKER, MATOU_CHECK_FAILED,
                                                          _("Docker is not installed"),
                                                          _("Neither “docker” nor “dockerd” was found in PATH or the usual folders."),
                                                          _("Without Docker Engine there is nothing to pull with. The Install page installs it.")));
      matou_check_set_fix_install (check, _("Open the Install page"));
    }
  else
    {
      g_autofree char *flavours = matou_docker_flavours_describe (run->install->flavours);
      g_autofree char *detail = g_strdup_printf (_("docker: %s (%s)\ndockerd: %s (%s)\nKind: %s"),
                                                 run->install->cli_path != NULL ? run->install->cli_path : _("not found"),
                                                 run->install->cli_version != NULL ? run->install->cli_version : _("version unknown"),
                                                 run->install->dockerd_path != NULL ? run->install->dockerd_path : _("not found"),
                                                 run->install->dockerd_version != NULL ? run->install->dockerd_version : _("version unknown"),
                                                 flavours);
      MatouCheckState state = run->install->dockerd_path != NULL ? MATOU_CHECK_OK : MATOU_CHECK_WARNING;

      check = matou_doctor_run_add (run, matou_check_new ("docker.installed", MATOU_STAGE_DOCKER, state,
                                                          state == MATOU_CHECK_OK ? _("Docker is installed") : _("Only the docker command is installed"),
                                                          detail,
                                                          state == MATOU_CHECK_OK ? NULL : _("The Engine (dockerd) is not on this computer: the docker command talks to a daemon elsewhere, or Docker Engine still has to be installed.")));
      if (state != MATOU_CHECK_OK)
        matou_check_set_fix_install (check, _("Open the Install page"));
    }

  if (run->options.socket_path != NULL)
    run->socket_path = g_strdup (run->options.socket_path);
  else
    {
      g_auto(GStrv) envp = g_get_environ ();

      run->endpoint = matou_docker_endpoint_resolve ((const char * const *) envp, run->options.context, &host_error);
      if (run->endpoint != NULL && matou_docker_endpoint_is_local (run->endpoint))
        run->socket_path = g_strdup (run->endpoint->socket_path);
    }

  if (run->endpoint != NULL && !matou_docker_endpoint_is_local (run->endpoint))
    {
      check_remote_engine (run);
      return;
    }

  if (run->socket_path == NULL)
    {
      run->engine_error = g_steal_pointer (&host_error);
    }
  else
    {
      g_autoptr(MatouEngineClient) client = matou_engine_client_new (run->socket_path);
      SnapshotWait wait = { 0 };

      matou_engine_client_snapshot_async (client, run->cancellable, snapshot_cb, &wait);
      matou_doctor_iterate_until (g_main_context_get_thread_default (), &wait.done);
      run->snapshot = wait.snapshot;
      run->engine_error = wait.error;
    }

  problem = matou_diagnose (run->engine_error, run->socket_path, run->install, &title, &explanation);
  if (run->snapshot != NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("Engine %s (API %s) answers on %s."),
                                                 run->snapshot->version->version,
                                                 run->snapshot->version->api_version,
                                                 run->socket_path);
      matou_doctor_run_add (run, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_OK,
                                                  _("The Docker daemon answers"), detail, NULL));
      matou_doctor_run_add (run, matou_check_new ("docker.permission", MATOU_STAGE_DOCKER, MATOU_CHECK_OK,
                                                  _("You may use Docker’s socket"),
                                                  getuid () == 0 ? _("You are root.") : _("The socket let you in."), NULL));
      return;
    }

  switch (problem)
    {
    case MATOU_PROBLEM_NOT_IN_GROUP:
    case MATOU_PROBLEM_LOG_IN_AGAIN:
    case MATOU_PROBLEM_PERMISSION_DENIED:
      matou_doctor_run_add (run, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_SKIPPED,
                                                  _("Whether the Docker daemon answers"),
                                                  _("Unknown: the socket did not let you in (see the next check)."), NULL));
      check = matou_doctor_run_add (run, matou_check_new ("docker.permission", MATOU_STAGE_DOCKER, MATOU_CHECK_FAILED,
                                                          title, run->engine_error->message, explanation));
      if (problem == MATOU_PROBLEM_LOG_IN_AGAIN)
        matou_check_set_fix_command (check, _("Use the group in this terminal"), "newgrp docker");
      else
        matou_check_set_fix_command (check, _("Add yourself to the docker group"), "sudo usermod -aG docker \"$USER\"");
      break;

    case MATOU_PROBLEM_NONE:
    case MATOU_PROBLEM_NOT_INSTALLED:
    case MATOU_PROBLEM_CLI_ONLY:
    case MATOU_PROBLEM_NOT_RUNNING:
    case MATOU_PROBLEM_UNSUPPORTED_HOST:
    case MATOU_PROBLEM_OTHER:
    default:
      check = matou_doctor_run_add (run, matou_check_new ("docker.daemon", MATOU_STAGE_DOCKER, MATOU_CHECK_FAILED,
                                                          title,
                                                          run->engine_error != NULL ? run->engine_error->message : "",
                                                          explanation));
      if (problem == MATOU_PROBLEM_NOT_INSTALLED || problem == MATOU_PROBLEM_CLI_ONLY)
        matou_check_set_fix_install (check, _("Open the Install page"));
      else if (problem == MATOU_PROBLEM_NOT_RUNNING)
        matou_check_set_fix_start_docker (check, _("Start Docker"));
      matou_doctor_run_skip (run, "docker.permission", MATOU_STAGE_DOCKER, _("Whether you may use Docker’s socket"),
                             _("Not run: the Docker daemon does not answer."));
      break;
    }
}

/* ---- Where the configuration comes from -------------------------------- */

static char *
mirrors_text (char **mirrors)
{
  if (mirrors == NULL || mirrors[0] == NULL)
    return g_strdup (_("none"));
  return g_strjoinv (", ", mirrors);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The drop-ins of docker.service, and what they set that matters here. */
static void
check_dropins (MatouDoctorRun *run,
               char          **dropin_http,
               char          **dropin_https,
               GPtrArray      *execstart_argvs)
{
  const char *dirs[] = {
    run->options.dropin_dir != NULL ? run->options.dropin_dir : DEFAULT_DROPIN_DIR,
    "/run/systemd/system/docker.service.d",
    "/usr/lib/systemd/system/docker.service.d",
  };
  g_autoptr(GString) detail = g_string_new (NULL);
  guint n_files = 0;

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GDir) dir = g_dir_open (dirs[d], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".conf"))
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);

      for (guint i = 0; i < names->len; i++)
        {
          g_autofree char *path = g_build_filename (dirs[d], g_ptr_array_index (names, i), NULL);
          g_autofree char *text = NULL;
          g_auto(GStrv) lines = NULL;
          g_autofree char *http = NULL, *https = NULL, *no = NULL;

          n_files++;
          if (!g_file_get_contents (path, &text, NULL, NULL))
            {
              g_string_append_printf (detail, _("%s: cannot be read\n"), path);
              continue;
            }
          g_string_append_printf (detail, "%s:\n", path);
          lines = g_strsplit (text, "\n", -1);
          for (guint j = 0; lines[j] != NULL; j++)
            {
              const char *line = g_strstrip (lines[j]);

              if (g_str_has_prefix (line, "Environment=") || g_str_has_prefix (line, "EnvironmentFile=") ||
                  g_str_has_prefix (line, "ExecStart="))
                g_string_append_printf (detail, "  %s\n", line);
              if (g_str_has_prefix (line, "ExecStart=") && line[strlen ("ExecStart=")] != '\0')
                {
                  char **argv = NULL;
                  if (g_shell_parse_argv (line + strlen ("ExecStart="), NULL, &argv, NULL))
                    g_ptr_array_add (execstart_argvs, argv);
                }
            }
          if (matou_proxy_dropin_read (text, &http, &https, &no))
            {
              if (*dropin_http == NULL && http != NULL && *http != '\0')
                *dropin_http = g_steal_pointer (&http);
              if (*dropin_https == NULL && https != NULL && *https != '\0')
                *dropin_https = g_steal_pointer (&https);
            }
        }
    }

  if (n_files == 0)
    matou_doctor_run_add (run, matou_check_new ("config.dropins", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                _("No systemd drop-ins for docker.service"),
                                                _("The service runs as its package installed it."), NULL));
  else
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u systemd drop-in changes docker.service",
                                                             "%u systemd drop-ins change docker.service", n_files), n_files);

      if (detail->len > 0 && detail->str[detail->len - 1] == '\n')
        g_string_truncate (detail, detail->len - 1);
      matou_doctor_run_add (run, matou_check_new ("config.dropins", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  title, detail->str, NULL));
    }
}

static void
check_other_homes (MatouDoctorRun *run)
{
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *rootless = g_build_filename (g_get_user_config_dir (), "docker", "daemon.json", NULL);
  g_autofree char *desktop = g_build_filename (g_get_home_dir (), ".docker", "daemon.json", NULL);
  g_autofree char *client_config = g_build_filename (g_get_home_dir (), ".docker", "config.json", NULL);
  const char *snap = "/var/snap/docker/current/config/daemon.json";
  const char *context = g_getenv ("DOCKER_CONTEXT");
  g_autofree char *current_context = NULL;
  const char *docker_host = g_getenv ("DOCKER_HOST");

  if (g_file_test (snap, G_FILE_TEST_EXISTS))
    g_string_append_printf (detail, _("%s: the snap’s Docker reads this file, not /etc/docker/daemon.json.\n"), snap);
  if (g_file_test (rootless, G_FILE_TEST_EXISTS))
    g_string_append_printf (detail, _("%s: only a rootless Docker (systemctl --user) reads this file.\n"), rootless);
  if (g_file_test (desktop, G_FILE_TEST_EXISTS))
    g_string_append_printf (detail, _("%s: Docker Desktop’s engine reads this file, in its own virtual machine.\n"), desktop);

  if (context == NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_mapped_file (parser, client_config, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *object = json_node_get_object (json_parser_get_root (parser));
          current_context = matou_json_dup_string (object, "currentContext");
        }
    }
  else
    current_context = g_strdup (context);

  if (docker_host != NULL && *docker_host != '\0')
    g_string_append_printf (detail, _("DOCKER_HOST is set to %s: the docker command talks to that daemon.\n"), docker_host);
  else if (current_context != NULL && *current_context != '\0' && !g_str_equal (current_context, "default"))
    g_string_append_printf (detail, _("The docker command uses the context “%s”, not this computer’s Engine: settings made here look ignored by it. Switch back with “docker context use default”.\n"),
                            current_context);

  if (detail->len == 0)
    {
      matou_doctor_run_add (run, matou_check_new ("config.other-homes", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  _("No other Docker configuration competes"),
                                                  _("No snap, rootless or Docker Desktop configuration, and the docker command talks to this computer’s Engine."),
                                                  NULL));
      return;
    }

  g_string_truncate (detail, detail->len - 1);
  matou_doctor_run_add (run, matou_check_new ("config.other-homes", MATOU_STAGE_CONFIG, MATOU_CHECK_WARNING,
                                              _("Another Docker configuration exists"), detail->str,
                                              _("Settings made for one Docker do not reach another. Make sure you change the one that pulls your images.")));
}

void
matou_doctor_stage_config (MatouDoctorRun *run)
{
  MatouDockerd dockerd = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dropin_http = NULL, *dropin_https = NULL;
  g_autofree char *json_http = NULL, *json_https = NULL, *json_no = NULL;
  g_autoptr(GPtrArray) execstart_argvs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GString) conflicts = g_string_new (NULL);
  const char *engine_version = run->snapshot != NULL ? run->snapshot->version->version : NULL;
  gboolean has_proxies = FALSE;
  MatouCheck *check;

  matou_dockerd_find (run->socket_path, &dockerd);

  /* daemon.json: the one the running daemon was told to read, else the default. */
  if (run->options.daemon_json != NULL)
    run->daemon_json_path = g_strdup (run->options.daemon_json);
  else if (dockerd.argv != NULL && matou_dockerd_flag_value (dockerd.argv, "--config-file", NULL, 1) != NULL)
    run->daemon_json_path = g_strdup (matou_dockerd_flag_value (dockerd.argv, "--config-file", NULL, 1));
  else
    run->daemon_json_path = g_strdup (DEFAULT_DAEMON_JSON);

  if (!g_file_test (run->daemon_json_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *detail = g_strdup_printf (_("%s does not exist: the daemon uses its defaults."), run->daemon_json_path);
      matou_doctor_run_add (run, matou_check_new ("config.daemon-json", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  _("No daemon.json"), detail, NULL));
    }
  else if ((run->config = matou_daemon_config_new_from_file (run->daemon_json_path, &error)) == NULL)
    {
      check = matou_doctor_run_add (run, matou_check_new ("config.daemon-json", MATOU_STAGE_CONFIG, MATOU_CHECK_FAILED,
                                                          _("daemon.json cannot be read"), error->message,
                                                          _("The daemon refuses to start (or to reload) with a file it cannot read. Settings shows where it is broken; Matou never overwrites such a file.")));
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        g_clear_pointer (&check->explanation, g_free);
      matou_check_set_fix_settings (check, _("Open Settings"), "mirrors", NULL);
    }
  else
    {
      g_auto(GStrv) file_mirrors = matou_daemon_config_get_mirrors (run->config);
      g_auto(GStrv) file_dns = matou_daemon_config_get_dns (run->config);
      g_autofree char *mirrors = mirrors_text (file_mirrors);
      g_autofree char *dns = mirrors_text (file_dns);
      g_autofree char *detail = NULL;

      has_proxies = matou_daemon_config_get_proxies (run->config, &json_http, &json_https, &json_no);
      detail = g_strdup_printf (_("%s\nRegistry mirrors: %s\nDNS servers: %s\nProxy: %s"),
                                run->daemon_json_path, mirrors, dns,
                                has_proxies ? _("set (“proxies”)") : _("not set here"));
      matou_doctor_run_add (run, matou_check_new ("config.daemon-json", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  _("daemon.json is valid"), detail, NULL));
      run->dns = g_steal_pointer (&file_dns);
      run->mirrors = g_steal_pointer (&file_mirrors);
    }

  check_dropins (run, &dropin_http, &dropin_https, execstart_argvs);

  if (dockerd.argv != NULL)
    {
      g_autofree char *cmdline = g_strjoinv (" ", dockerd.argv);
      g_autofree char *detail = g_strdup_printf (_("Process %d: %s"), dockerd.pid, cmdline);
      matou_doctor_run_add (run, matou_check_new ("config.cmdline", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  _("The running daemon’s own flags"), detail, NULL));
    }
  else
    matou_doctor_run_skip (run, "config.cmdline", MATOU_STAGE_CONFIG, _("The running daemon’s own flags"),
                           _("No dockerd process of this computer serves this socket (it is stopped, or runs in a virtual machine or another namespace)."));

  /* A key both a flag (running or in an ExecStart= of a drop-in) and in daemon.json. */
  if (run->config != NULL)
    for (const char * const *key = matou_dockerd_flag_keys (); *key != NULL; key++)
      {
        const char *flag = matou_dockerd_flag_for_key (dockerd.argv, *key);

        for (guint j = 0; flag == NULL && j < execstart_argvs->len; j++)
          flag = matou_dockerd_flag_for_key (g_ptr_array_index (execstart_argvs, j), *key);
        if (flag != NULL && matou_daemon_config_has_key (run->config, *key))
          g_string_append_printf (conflicts, _("“%s” is in %s and the daemon is started with %s.\n"),
                                  *key, run->daemon_json_path, flag);
      }
  if (conflicts->len > 0)
    {
      g_string_truncate (conflicts, conflicts->len - 1);
      check = matou_doctor_run_add (run, matou_check_new ("config.flag-conflict", MATOU_STAGE_CONFIG, MATOU_CHECK_FAILED,
                                                          _("A setting is given both as a flag and in daemon.json"),
                                                          conflicts->str,
                                                          _("dockerd refuses to start with “the following directives are specified both as a flag and in the configuration file”. The running daemon started before the file changed; its next start will fail. Keep the setting in one place only.")));
      matou_check_set_fix_command (check, _("Show the service’s command line"), "systemctl cat docker");
    }
  else
    matou_doctor_run_add (run, matou_check_new ("config.flag-conflict", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                _("No setting is given twice"),
                                                _("No daemon.json key is also a flag of the daemon."), NULL));

  /* Where the daemon's proxy comes from. */
  if (has_proxies && engine_version != NULL && !matou_version_at_least (engine_version, 23, 0))
    {
      g_autofree char *detail = g_strdup_printf (_("Engine %s; daemon.json has “proxies”."), engine_version);
      check = matou_doctor_run_add (run, matou_check_new ("config.proxy", MATOU_STAGE_CONFIG, MATOU_CHECK_FAILED,
                                                          _("daemon.json has a proxy this Engine does not read"), detail,
                                                          _("Engines older than 23.0 refuse to start with a “proxies” key. Set the proxy in Settings: Matou writes it to the systemd drop-in these engines read.")));
      matou_check_set_fix_settings (check, _("Set the proxy in Settings"), "proxy", json_https != NULL ? json_https : json_http);
    }
  else if (has_proxies && (dropin_http != NULL || dropin_https != NULL))
    {
      g_autofree char *detail = g_strdup_printf (_("daemon.json “proxies”: %s\nsystemd drop-in: %s"),
                                                 json_https != NULL ? json_https : (json_http != NULL ? json_http : ""),
                                                 dropin_https != NULL ? dropin_https : dropin_http);
      g_autofree char *masked = matou_mask_credentials_in_text (detail);
      check = matou_doctor_run_add (run, matou_check_new ("config.proxy", MATOU_STAGE_CONFIG, MATOU_CHECK_WARNING,
                                                          _("Two proxies are set; daemon.json wins"), masked,
                                                          _("On Engine 23.0 and newer the “proxies” key of daemon.json silently overrides the proxy a systemd drop-in sets. Keep one of them.")));
      matou_check_set_fix_settings (check, _("Review the proxy in Settings"), "proxy", NULL);
    }
  else
    {
      const char *where = has_proxies ? _("daemon.json (“proxies”)") :
                          (dropin_http != NULL || dropin_https != NULL) ? _("a systemd drop-in (Environment=)") : NULL;
      g_autofree char *detail = NULL;

      if (where != NULL)
        {
          g_autofree char *raw = g_strdup_printf (_("From %s: %s"), where,
                                                  has_proxies ? (json_https != NULL ? json_https : json_http)
                                                              : (dropin_https != NULL ? dropin_https : dropin_http));
          detail = matou_mask_credentials_in_text (raw);
        }
      else
        detail = g_strdup (_("The daemon connects directly."));
      matou_doctor_run_add (run, matou_check_new ("config.proxy", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                  where != NULL ? _("The daemon’s proxy has one source") : _("The daemon has no proxy"),
                                                  detail, NULL));
    }
  if (has_proxies)
    run->proxy = g_strdup (json_https != NULL ? json_https : json_http);
  else if (dropin_https != NULL || dropin_http != NULL)
    run->proxy = g_strdup (dropin_https != NULL ? dropin_https : dropin_http);
  else if (run->snapshot != NULL && run->snapshot->info->https_proxy != NULL && *run->snapshot->info->https_proxy != '\0')
    run->proxy = g_strdup (run->snapshot->info->https_proxy);
  else if (run->snapshot != NULL && run->snapshot->info->http_proxy != NULL && *run->snapshot->info->http_proxy != '\0')
    run->proxy = g_strdup (run->snapshot->info->http_proxy);

  check_other_homes (run);

  /* What the daemon uses, against what the file says. */
  if (run->snapshot == NULL)
    matou_doctor_run_skip (run, "config.effective", MATOU_STAGE_CONFIG, _("Whether the daemon uses these settings"),
                           _("Not run: the Docker daemon does not answer."));
  else
    {
      char **reported = run->snapshot->info->mirrors;
      g_autofree char *reported_text = mirrors_text (reported);
      gboolean same = TRUE;
      guint n_file = run->mirrors != NULL ? g_strv_length (run->mirrors) : 0;
      guint n_reported = reported != NULL ? g_strv_length (reported) : 0;

      /* /info adds a trailing slash to every mirror. */
      if (n_file != n_reported)
        same = FALSE;
      for (guint i = 0; same && i < n_file; i++)
        {
          g_autofree char *a = g_strdup (run->mirrors[i]);
          g_autofree char *b = g_strdup (reported[i]);
          while (g_str_has_suffix (a, "/")) a[strlen (a) - 1] = '\0';
          while (g_str_has_suffix (b, "/")) b[strlen (b) - 1] = '\0';
          same = g_str_equal (a, b);
        }

      if (same || run->config == NULL)
        {
          g_autofree char *detail = g_strdup_printf (_("Registry mirrors in use: %s"), reported_text);
          matou_doctor_run_add (run, matou_check_new ("config.effective", MATOU_STAGE_CONFIG, MATOU_CHECK_OK,
                                                      _("The daemon uses what its files say"), detail, NULL));
        }
      else
        {
          g_autofree char *file_text = mirrors_text (run->mirrors);
          g_autofree char *detail = g_strdup_printf (_("daemon.json: %s\nThe daemon reports: %s"), file_text, reported_text);
          check = matou_doctor_run_add (run, matou_check_new ("config.effective", MATOU_STAGE_CONFIG, MATOU_CHECK_WARNING,
                                                              _("The daemon does not use the mirrors of daemon.json yet"), detail,
                                                              _("The file changed after the daemon read it, or a reload was refused. Apply the settings again (Matou reloads the daemon), or reload it yourself.")));
          matou_check_set_fix_command (check, _("Reload the daemon"), "sudo systemctl reload docker");
        }
      /* The daemon pulls through what it reports. */
      g_strfreev (run->mirrors);
      run->mirrors = g_strdupv (reported);
    }

  matou_dockerd_clear (&dockerd);
}

/* ---- Images outside Docker Hub ----------------------------------------- */

void
matou_doctor_stage_images (MatouDoctorRun *run)
{
  g_autofree char *registry = NULL;
  g_autofree char *repository = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *source_repository = NULL;
  g_autofree char *mirror_name = NULL;
  g_autofree char *mirror_note = NULL;
  g_autofree char *detail = NULL;
  MatouCheck *check;

  if (run->options.pull_image == NULL)
    {
      matou_doctor_run_skip (run, "images.registry", MATOU_STAGE_IMAGES, _("Where the image comes from"),
                             _("No image named (matou doctor --pull IMAGE)."));
      return;
    }
  if (!matou_image_reference_parse (run->options.pull_image, &registry, &repository, &tag))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not an image name docker accepts."), run->options.pull_image);
      matou_doctor_run_add (run, matou_check_new ("images.registry", MATOU_STAGE_IMAGES, MATOU_CHECK_FAILED,
                                                  _("Where the image comes from"), text, NULL));
      return;
    }
  if (g_str_equal (registry, "docker.io"))
    {
      detail = g_strdup_printf (_("%s is on Docker Hub: the registry mirrors apply to it."), run->options.pull_image);
      matou_doctor_run_add (run, matou_check_new ("images.registry", MATOU_STAGE_IMAGES, MATOU_CHECK_OK,
                                                  _("The image is on Docker Hub"), detail, NULL));
      return;
    }

  detail = g_strdup_printf (_("%s is on %s, not on Docker Hub."), run->options.pull_image, registry);
  check = matou_doctor_run_add (run, matou_check_new ("images.registry", MATOU_STAGE_IMAGES, MATOU_CHECK_WARNING,
                                                      _("Registry mirrors do not serve this image"), detail,
                                                      _("Registry mirrors only serve Docker Hub’s images. Images of other registries are pulled from those registries directly, through the daemon’s proxy if it has one.")));

  if (matou_doctor_prefixed_source (run, registry, repository, &source_repository, &mirror_name, &mirror_note))
    {
      const char *separator = g_str_has_prefix (tag, "@") ? "" : ":";
      g_autofree char *source = g_strdup_printf ("%s%s%s", source_repository, separator, tag);
      g_autofree char *command = g_strdup_printf ("docker pull %s && docker tag %s %s && docker rmi %s",
                                                  source, source, run->options.pull_image, source);
      g_autofree char *label = g_strdup_printf (_("Pull through %s and tag it back"), mirror_name);
      g_autofree char *more = g_strdup_printf (_("%s\n%s: %s"), check->detail, mirror_name, mirror_note);

      g_free (check->detail);
      check->detail = g_steal_pointer (&more);
      if (run->pulled_through)
        {
          check->state = MATOU_CHECK_OK;
          g_free (check->title);
          check->title = g_strdup (_("The image came through a prefix mirror"));
        }
      else if (g_str_has_prefix (tag, "@"))
        matou_check_set_fix_command (check, label, command);
      else
        matou_check_set_fix_pull_through (check, label, command);
    }
}
