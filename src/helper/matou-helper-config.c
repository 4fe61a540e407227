/* Where the helper acts and how it restarts Docker: defaults or a root-owned file. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "matou-error.h"
#include <unistd.h>

#include "matou-helper-config.h"
#include "matou-rootless.h"

void
matou_helper_config_free (MatouHelperConfig *config)
{
  if (config == NULL)
    return;

  g_free (config->daemon_json);
  g_free (config->dropin_dir);
  g_free (config->backup_dir);
  g_free (config->lock_file);
  g_free (config->socket);
  g_free (config->service_name);
  g_strfreev (config->dockerd_argv);
  g_free (config->pidfile);
  g_free (config->log_file);
  g_free (config->init_script);
  g_free (config->install_plans);
  g_free (config->docker_ce_mirrors);
  g_free (config->install_user);
  g_free (config->apt_keyrings_dir);
  g_free (config->apt_sources_dir);
  g_free (config->apt_state_dir);
  g_free (config->dnf_repos_dir);
  g_free (config->dnf_keys_dir);
  g_free (config);
}

const char *
matou_backend_kind_to_string (MatouBackendKind kind)
{
  switch (kind)
    {
    case MATOU_BACKEND_SYSTEMD:
      return "systemd";
    case MATOU_BACKEND_SYSV:
      return "sysv";
    case MATOU_BACKEND_DIRECT:
      return "direct";
    default:
      g_assert_not_reached ();
    }
}

/* An absolute path with no "." or ".." parts; anything else is refused. */
static gboolean
read_path (GKeyFile    *file,
           const char  *group,
           const char  *key,
           char       **out,
           GError     **error)
{
  g_autofree char *value = g_key_file_get_string (file, group, key, NULL);
  g_autofree char *canonical = NULL;

  if (value == NULL)
    return TRUE;

  canonical = g_canonicalize_filename (value, "/");
  if (!g_path_is_absolute (value) || g_strcmp0 (canonical, value) != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   "helper.conf: %s/%s must be an absolute, canonical path, not “%s”", group, key, value);
      return FALSE;
    }

  g_free (*out);
  *out = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
file_is_root_owned (const char  *path,
                    GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   "helper.conf %s cannot be read", path);
      return FALSE;
    }
  /* Anyone who can write this file could choose what the helper runs: root,
   * or for a rootless daemon the user it runs as. */
  if (!S_ISREG (st.st_mode) || st.st_uid != geteuid () || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      if (geteuid () == 0)
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                     "%s must be a regular file owned by root and writable by root only", path);
      else
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                     "%s must be a regular file of yours and writable by you only", path);
      return FALSE;
    }

  return TRUE;
}

/**
 * matou_helper_config_load:
 * @path: the configuration file; a missing file means the defaults
 */
static MatouHelperConfig *
load (MatouHelperConfig  *defaults,
      const char         *path,
      GError            **error);

MatouHelperConfig *
matou_helper_config_load (const char  *path,
                          GError     **error)
{
  MatouHelperConfig *config = g_new0 (MatouHelperConfig, 1);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *backend = NULL;
  g_autofree char *service_name = NULL;

  config->daemon_json = g_strdup ("/etc/docker/daemon.json");
  config->dropin_dir = g_strdup ("/etc/systemd/system/docker.service.d");
  config->backup_dir = g_strdup ("/var/lib/matou/backups");
  config->lock_file = g_strdup ("/run/matou-helper.lock");
  config->socket = g_strdup ("/var/run/docker.sock");
  config->service_name = g_strdup ("docker");
  config->pidfile = g_strdup ("/var/run/docker.pid");
  config->log_file = g_strdup ("/var/log/docker.log");
  config->backend = g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR) ?
                    MATOU_BACKEND_SYSTEMD : MATOU_BACKEND_SYSV;
  config->start_timeout = 60;
  config->apt_keyrings_dir = g_strdup ("/etc/apt/keyrings");
  config->apt_sources_dir = g_strdup ("/etc/apt/sources.list.d");
  config->dnf_repos_dir = g_strdup ("/etc/yum.repos.d");
  config->dnf_keys_dir = g_strdup ("/etc/pki/rpm-gpg");
  config->apt_lock_wait = 120;

  return load (config, path, error);
}

/**
 * matou_helper_config_load_rootless:
 * @path: (nullable): a configuration file of the user's own; %NULL or a
 *   missing file means the defaults
 * @home: the user's home directory
 * @config_home: the user's $XDG_CONFIG_HOME, ~/.config when it is not set
 * @runtime_dir: the user's $XDG_RUNTIME_DIR
 *
 * Where a rootless daemon keeps what Matou changes, as dockerd-rootless.sh
 * and dockerd-rootless-setuptool.sh place it: $XDG_CONFIG_HOME/docker/daemon.json
 * (the rootless dockerd reads it there), the socket and pidfile in
 * $XDG_RUNTIME_DIR, the user's own systemd unit "docker" (systemctl --user)
 * when $XDG_CONFIG_HOME/systemd/user/docker.service exists, else the direct
 * backend starting dockerd-rootless.sh.
 */
MatouHelperConfig *
matou_helper_config_load_rootless (const char  *path,
                                   const char  *home,
                                   const char  *config_home,
                                   const char  *runtime_dir,
                                   GError     **error)
{
  MatouHelperConfig *config = g_new0 (MatouHelperConfig, 1);
  g_auto(MatouRootlessPlaces) places = { 0 };
  g_autofree char *script = g_find_program_in_path ("dockerd-rootless.sh");

  matou_rootless_places_init (&places, home, config_home, runtime_dir);
  config->rootless = TRUE;
  config->daemon_json = g_strdup (places.daemon_json);
  config->dropin_dir = g_strdup (places.dropin_dir);
  config->backup_dir = g_build_filename (places.state_dir, "backups", NULL);
  config->lock_file = g_build_filename (runtime_dir, "matou-helper.lock", NULL);
  config->socket = g_strdup (places.socket);
  config->pidfile = g_strdup (places.pidfile);
  config->log_file = g_strdup (places.log_file);
  config->service_name = g_strdup ("docker");
  config->backend = g_file_test (places.unit, G_FILE_TEST_EXISTS) ? MATOU_BACKEND_SYSTEMD : MATOU_BACKEND_DIRECT;
  if (script == NULL)
    script = g_strdup ("/usr/share/docker.io/contrib/dockerd-rootless.sh");
  config->dockerd_argv = g_new0 (char *, 2);
  config->dockerd_argv[0] = g_steal_pointer (&script);
  config->start_timeout = 60;
  config->apt_lock_wait = 120;

  if (path == NULL)
    return config;
  return load (config, path, error);
}

/* Reads @path over @defaults (taken); a missing file keeps them. */
static MatouHelperConfig *
load (MatouHelperConfig  *defaults,
      const char         *path,
      GError            **error)
{
  g_autoptr(MatouHelperConfig) config = defaults;
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *backend = NULL;
  g_autofree char *service_name = NULL;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&config);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  if (!file_is_root_owned (path, error))
    return NULL;

  if (!read_path (file, "paths", "daemon-json", &config->daemon_json, error) ||
      !read_path (file, "paths", "dropin-dir", &config->dropin_dir, error) ||
      !read_path (file, "paths", "backup-dir", &config->backup_dir, error) ||
      !read_path (file, "paths", "lock-file", &config->lock_file, error) ||
      !read_path (file, "engine", "socket", &config->socket, error) ||
      !read_path (file, "direct", "pidfile", &config->pidfile, error) ||
      !read_path (file, "service", "log-file", &config->log_file, error) ||
      !read_path (file, "service", "init-script", &config->init_script, error) ||
      !read_path (file, "install", "plans", &config->install_plans, error) ||
      !read_path (file, "install", "mirrors", &config->docker_ce_mirrors, error) ||
      !read_path (file, "apt", "keyrings-dir", &config->apt_keyrings_dir, error) ||
      !read_path (file, "apt", "sources-dir", &config->apt_sources_dir, error) ||
      !read_path (file, "apt", "state-dir", &config->apt_state_dir, error) ||
      !read_path (file, "dnf", "repos-dir", &config->dnf_repos_dir, error) ||
      !read_path (file, "dnf", "keys-dir", &config->dnf_keys_dir, error))
    return NULL;

  if (g_key_file_has_key (file, "apt", "lock-wait", NULL))
    {
      int wait = g_key_file_get_integer (file, "apt", "lock-wait", NULL);

      config->apt_lock_wait = CLAMP (wait, 1, 600);
    }

  config->install_user = g_key_file_get_string (file, "install", "user", NULL);
  if (config->install_user != NULL &&
      !g_regex_match_simple ("^[a-z_][a-z0-9_.-]{0,31}$", config->install_user, G_REGEX_DOLLAR_ENDONLY, 0))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   "helper.conf: install/user “%s” is not a user name", config->install_user);
      return NULL;
    }

  backend = g_key_file_get_string (file, "service", "backend", NULL);
  if (g_strcmp0 (backend, "systemd") == 0)
    config->backend = MATOU_BACKEND_SYSTEMD;
  else if (g_strcmp0 (backend, "sysv") == 0)
    config->backend = MATOU_BACKEND_SYSV;
  else if (g_strcmp0 (backend, "direct") == 0)
    config->backend = MATOU_BACKEND_DIRECT;
  else if (backend != NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                   "helper.conf: service/backend must be systemd, sysv or direct, not “%s”", backend);
      return NULL;
    }

  service_name = g_key_file_get_string (file, "service", "name", NULL);
  if (service_name != NULL)
    {
      if (!g_regex_match_simple ("^[A-Za-z0-9@._-]+$", service_name, G_REGEX_DOLLAR_ENDONLY, 0))
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                       "helper.conf: service/name “%s” is not a unit name", service_name);
          return NULL;
        }
      g_free (config->service_name);
      config->service_name = g_steal_pointer (&service_name);
    }

  if (g_key_file_has_key (file, "service", "start-timeout", NULL))
    {
      int timeout = g_key_file_get_integer (file, "service", "start-timeout", NULL);

      config->start_timeout = CLAMP (timeout, 5, 600);
    }

  if (g_key_file_has_key (file, "direct", "dockerd", NULL))
    {
      g_strfreev (config->dockerd_argv);
      config->dockerd_argv = g_key_file_get_string_list (file, "direct", "dockerd", NULL, NULL);
    }
  if (config->backend == MATOU_BACKEND_DIRECT &&
      (config->dockerd_argv == NULL || config->dockerd_argv[0] == NULL ||
       !g_path_is_absolute (config->dockerd_argv[0])))
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE,
                           "helper.conf: the direct backend needs direct/dockerd, an argv starting with an absolute path");
      return NULL;
    }

  return g_steal_pointer (&config);
}
