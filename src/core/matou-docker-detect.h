/* What Docker is installed on this machine, and whether this user may use it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Several can be present at once (docker-ce beside Docker Desktop, say). */
typedef enum {
  MATOU_DOCKER_FLAVOUR_DISTRO        = 1 << 0,  /* docker.io, moby-engine */
  MATOU_DOCKER_FLAVOUR_DOCKER_CE     = 1 << 1,
  MATOU_DOCKER_FLAVOUR_SNAP          = 1 << 2,
  MATOU_DOCKER_FLAVOUR_ROOTLESS      = 1 << 3,
  MATOU_DOCKER_FLAVOUR_DESKTOP       = 1 << 4,
  MATOU_DOCKER_FLAVOUR_PODMAN_DOCKER = 1 << 5,
} MatouDockerFlavours;

typedef enum {
  MATOU_GROUP_NO_GROUP,        /* there is no docker group */
  MATOU_GROUP_NOT_MEMBER,
  MATOU_GROUP_MEMBER_INACTIVE, /* member, but this session predates it */
  MATOU_GROUP_ACTIVE,
} MatouGroupState;

/* Where detection looks: the real system, or a tree made by a test. */
typedef struct {
  const char *root;         /* "" for the real system */
  const char *home;
  const char *runtime_dir;
  const char *path;         /* the PATH to search besides the usual folders */
} MatouDetectPlaces;

typedef struct {
  char               *cli_path;
  char               *cli_version;
  char               *dockerd_path;
  char               *dockerd_version;
  MatouDockerFlavours flavours;
  MatouGroupState     group_state;
} MatouDockerInstall;

void                matou_docker_install_free     (MatouDockerInstall *install);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouDockerInstall, matou_docker_install_free)

MatouDockerInstall *matou_docker_detect           (const MatouDetectPlaces *places,
                                                   GCancellable            *cancellable);
void                matou_docker_detect_async     (GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
MatouDockerInstall *matou_docker_detect_finish    (GAsyncResult            *result,
                                                   GError                 **error);

MatouDockerFlavours matou_docker_detect_flavours  (const MatouDetectPlaces *places);
char               *matou_docker_find_program     (const MatouDetectPlaces *places,
                                                   const char              *name);
char               *matou_parse_docker_version_output (const char *output);
char               *matou_docker_flavours_describe (MatouDockerFlavours flavours);

MatouGroupState     matou_group_state_compute     (const char  *user_name,
                                                   gid_t        primary_gid,
                                                   gboolean     group_exists,
                                                   gid_t        group_gid,
                                                   const char * const *group_members,
                                                   const gid_t *session_gids,
                                                   gsize        n_session_gids);
MatouGroupState     matou_group_state_for_current_user (void);

gboolean            matou_lookup_group            (const char  *name,
                                                   gid_t       *gid,
                                                   char      ***members);
gboolean            matou_lookup_user             (const char  *name,
                                                   uid_t        uid,
                                                   gid_t       *gid,
                                                   char       **user_name);

G_END_DECLS
