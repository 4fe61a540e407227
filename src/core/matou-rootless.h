/* Where a user's rootless Docker daemon keeps what Matou reads and changes. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As dockerd-rootless.sh and dockerd-rootless-setuptool.sh place them, and
 * where matou-helper --rootless keeps its own. */
typedef struct {
  char *daemon_json;  /* $XDG_CONFIG_HOME/docker/daemon.json: the rootless dockerd reads it there */
  char *unit;         /* $XDG_CONFIG_HOME/systemd/user/docker.service, when the setup tool made one */
  char *dropin_dir;   /* $XDG_CONFIG_HOME/systemd/user/docker.service.d: the proxy drop-in */
  char *socket;       /* $XDG_RUNTIME_DIR/docker.sock; NULL without a runtime directory */
  char *pidfile;      /* $XDG_RUNTIME_DIR/docker.pid; NULL without a runtime directory */
  char *state_dir;    /* ~/.local/state/matou: backups, and the log without systemd --user */
  char *log_file;     /* state_dir/dockerd-rootless.log: the direct backend has the daemon write it */
} MatouRootlessPlaces;

void matou_rootless_places_init          (MatouRootlessPlaces *places,
                                          const char          *home,
                                          const char          *config_home,
                                          const char          *runtime_dir);
void matou_rootless_places_init_for_user (MatouRootlessPlaces *places);
void matou_rootless_places_clear         (MatouRootlessPlaces *places);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MatouRootlessPlaces, matou_rootless_places_clear)

G_END_DECLS
