/* What the Engine API reports: parsed /version and /info replies. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  char *version;          /* "20.10.24+dfsg1" */
  char *api_version;      /* "1.41" */
  char *min_api_version;  /* "1.12" */
  char *os;
  char *arch;
  char *kernel_version;
} MatouEngineVersion;

typedef struct {
  char    *server_version;
  char   **mirrors;              /* RegistryConfig.Mirrors, as reported */
  char   **insecure_registries;  /* RegistryConfig.InsecureRegistryCIDRs */
  char    *http_proxy;           /* credentials masked by the daemon */
  char    *https_proxy;
  char    *no_proxy;
  gint64   containers;
  gint64   containers_running;
  gint64   images;
  char    *docker_root_dir;
  char    *operating_system;
  gboolean live_restore;
  gboolean rootless;             /* SecurityOptions holds "name=rootless": a user's own daemon */
  char   **warnings;
} MatouEngineInfo;

MatouEngineVersion *matou_engine_version_new_from_data (const char  *data,
                                                        gssize       length,
                                                        GError     **error);
void                matou_engine_version_free          (MatouEngineVersion *version);

MatouEngineInfo    *matou_engine_info_new_from_data    (const char  *data,
                                                        gssize       length,
                                                        GError     **error);
void                matou_engine_info_free             (MatouEngineInfo *info);

gboolean            matou_parse_version                (const char *text,
                                                        guint      *major,
                                                        guint      *minor);
gboolean            matou_version_at_least             (const char *text,
                                                        guint       major,
                                                        guint       minor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouEngineVersion, matou_engine_version_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouEngineInfo, matou_engine_info_free)

G_END_DECLS
