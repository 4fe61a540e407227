/* Where a user's rootless Docker daemon keeps what Matou reads and changes. */
#include "config.h"

#include "matou-rootless.h"

/**
 * matou_rootless_places_init:
 * @home: the user's home directory
 * @config_home: $XDG_CONFIG_HOME, or ~/.config when it is not set
 * @runtime_dir: (nullable): $XDG_RUNTIME_DIR; no socket or pidfile without it
 */
void
matou_rootless_places_init (MatouRootlessPlaces *places,
                            const char          *home,
                            const char          *config_home,
                            const char          *runtime_dir)
{
  gboolean has_runtime = runtime_dir != NULL && g_path_is_absolute (runtime_dir);

  places->daemon_json = g_build_filename (config_home, "docker", "daemon.json", NULL);
  places->unit = g_build_filename (config_home, "systemd", "user", "docker.service", NULL);
  places->dropin_dir = g_build_filename (config_home, "systemd", "user", "docker.service.d", NULL);
  places->socket = has_runtime ? g_build_filename (runtime_dir, "docker.sock", NULL) : NULL;
  places->pidfile = has_runtime ? g_build_filename (runtime_dir, "docker.pid", NULL) : NULL;
  places->state_dir = g_build_filename (home, ".local", "state", "matou", NULL);
  places->log_file = g_build_filename (places->state_dir, "dockerd-rootless.log", NULL);
}

/* This process's user: its home, $XDG_CONFIG_HOME and $XDG_RUNTIME_DIR. */
void
matou_rootless_places_init_for_user (MatouRootlessPlaces *places)
{
  matou_rootless_places_init (places, g_get_home_dir (), g_get_user_config_dir (), g_getenv ("XDG_RUNTIME_DIR"));
}

void
matou_rootless_places_clear (MatouRootlessPlaces *places)
{
  g_clear_pointer (&places->daemon_json, g_free);
  g_clear_pointer (&places->unit, g_free);
  g_clear_pointer (&places->dropin_dir, g_free);
  g_clear_pointer (&places->socket, g_free);
  g_clear_pointer (&places->pidfile, g_free);
  g_clear_pointer (&places->state_dir, g_free);
  g_clear_pointer (&places->log_file, g_free);
}
