/* What an installation of Docker Engine has to know about this system: distribution, architecture, init, WSL, packages, repository files, group. */
#pragma once

#include <gio/gio.h>

#include "matou-docker-detect.h"

G_BEGIN_DECLS

typedef enum {
  MATOU_PACKAGE_FAMILY_NONE,
  MATOU_PACKAGE_FAMILY_APT,
  MATOU_PACKAGE_FAMILY_DNF,
} MatouPackageFamily;

/* Where installation reads and writes: the real folders, or a test's. */
typedef struct {
  const char *keyrings_dir;   /* /etc/apt/keyrings */
  const char *sources_dir;    /* /etc/apt/sources.list.d */
  const char *repos_dir;      /* /etc/yum.repos.d */
  const char *rpm_keys_dir;   /* /etc/pki/rpm-gpg */
} MatouInstallPaths;

extern const MatouInstallPaths matou_install_default_paths;

/* One os-release value (ID, ID_LIKE, VERSION_ID, …), or NULL. In the
 * application this is g_get_os_info (); tests read fixture files. */
typedef char *(*MatouOsReleaseLookup) (const char *key,
                                       gpointer    user_data);

typedef struct {
  /* os-release, as given */
  char               *os_id;
  char              **os_id_like;
  char               *os_version_id;
  char               *os_version_codename;
  char               *os_ubuntu_codename;
  char               *os_pretty_name;

  char               *architecture;  /* as the package manager names it: amd64, arm64, x86_64 */
  gboolean            systemd;       /* /run/systemd/system exists */
  gboolean            wsl;

  GHashTable         *installed;     /* package names found installed (set) */
  gboolean            has_docker_list;
  gboolean            has_docker_sources;
  MatouDockerFlavours flavours;
  MatouGroupState     group_state;
  char               *user;          /* who joins the docker group; NULL for root */
} MatouInstallSystem;

MatouInstallSystem *matou_install_system_new               (void);
void                matou_install_system_free              (MatouInstallSystem *system);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouInstallSystem, matou_install_system_free)

void                matou_install_system_set_os_release    (MatouInstallSystem   *system,
                                                            MatouOsReleaseLookup  lookup,
                                                            gpointer              user_data);
gboolean            matou_install_system_is_installed      (const MatouInstallSystem *system,
                                                            const char               *package);
MatouPackageFamily  matou_install_system_guess_family      (const MatouInstallSystem *system);
char               *matou_install_system_describe          (const MatouInstallSystem *system);

/* The whole detection, blocking: it runs dpkg-query or rpm. */
MatouInstallSystem *matou_install_system_detect            (const MatouInstallPaths *paths,
                                                            const char * const      *packages,
                                                            const char              *user,
                                                            GCancellable            *cancellable);
void                matou_install_system_detect_async      (const char * const      *packages,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
MatouInstallSystem *matou_install_system_detect_finish     (GAsyncResult            *result,
                                                            GError                 **error);

/* The pieces, pure, for the tests. */
gboolean            matou_kernel_release_is_wsl            (const char   *osrelease);
char               *matou_architecture_from_machine        (const char   *machine);
void                matou_parse_dpkg_query_output          (const char   *output,
                                                            GHashTable   *installed);
void                matou_parse_rpm_query_output           (const char   *output,
                                                            const char * const *asked,
                                                            GHashTable   *installed);
gboolean            matou_package_name_is_valid            (const char   *name);
gboolean            matou_user_name_is_valid               (const char   *name);
gboolean            matou_user_in_docker_group             (const char   *user);

G_END_DECLS
