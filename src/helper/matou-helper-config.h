/* Where the helper acts and how it restarts Docker: defaults or a root-owned file. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The only PATH the helper and the tools it runs see: the caller's is never used. */
#define MATOU_HELPER_SAFE_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

typedef enum {
  MATOU_BACKEND_SYSTEMD,
  MATOU_BACKEND_SYSV,
  MATOU_BACKEND_DIRECT,
} MatouBackendKind;

typedef struct {
  char             *daemon_json;     /* /etc/docker/daemon.json */
  char             *dropin_dir;      /* /etc/systemd/system/docker.service.d */
  char             *backup_dir;      /* /var/lib/matou/backups */
  char             *lock_file;       /* /run/matou-helper.lock */
  char             *socket;          /* /var/run/docker.sock */
  MatouBackendKind  backend;
  char             *service_name;    /* docker */
  char            **dockerd_argv;    /* direct: how to start dockerd */
  char             *pidfile;         /* direct: dockerd's --pidfile */
  char             *log_file;        /* direct and sysv: where dockerd writes */
  char             *init_script;     /* sysv: NULL runs service(8); tests name a stand-in script */
  guint             start_timeout;   /* seconds to wait for the Engine API */
  /* install */
  char             *install_plans;   /* NULL: PKGDATADIR/install-plans.json */
  char             *docker_ce_mirrors; /* NULL: PKGDATADIR/docker-ce-mirrors.json */
  char             *install_user;    /* who joins the docker group when not run through pkexec */
  char             *apt_keyrings_dir; /* /etc/apt/keyrings */
  char             *apt_sources_dir; /* /etc/apt/sources.list.d */
  char             *apt_state_dir;   /* tests: apt reads only apt_sources_dir and keeps its lists here */
  char             *dnf_repos_dir;   /* /etc/yum.repos.d */
  char             *dnf_keys_dir;    /* /etc/pki/rpm-gpg */
  guint             apt_lock_wait;   /* seconds to wait for another program's apt lock */
  gboolean          rootless;        /* a user's own daemon: the helper runs as that user, without pkexec */
} MatouHelperConfig;

MatouHelperConfig *matou_helper_config_load (const char  *path,
                                             GError     **error);
MatouHelperConfig *matou_helper_config_load_rootless (const char  *path,
                                                      const char  *home,
                                                      const char  *config_home,
                                                      const char  *runtime_dir,
                                                      GError     **error);
void               matou_helper_config_free (MatouHelperConfig *config);
const char        *matou_backend_kind_to_string (MatouBackendKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouHelperConfig, matou_helper_config_free)

G_END_DECLS
