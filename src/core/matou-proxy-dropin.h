/* The systemd drop-in that gives the daemon its proxy on Engine < 23, where daemon.json has no "proxies". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MATOU_PROXY_DROPIN_NAME "http-proxy.conf"
#define MATOU_PROXY_DROPIN_PATH "/etc/systemd/system/docker.service.d/" MATOU_PROXY_DROPIN_NAME
/* Beside the drop-in, mode 0600: a proxy with a password, which Environment= would show to everyone. */
#define MATOU_PROXY_ENV_NAME "http-proxy.env"

typedef enum {
  MATOU_PROXY_TARGET_DAEMON_JSON,  /* "proxies" in daemon.json */
  MATOU_PROXY_TARGET_DROPIN,       /* Environment= lines in MATOU_PROXY_DROPIN_PATH */
} MatouProxyTarget;

MatouProxyTarget matou_proxy_target_for_engine (const char  *engine_version);

gboolean         matou_proxy_dropin_read       (const char  *text,
                                                char       **http,
                                                char       **https,
                                                char       **no);

char            *matou_proxy_dropin_render     (const char  *existing,
                                                const char  *http,
                                                const char  *https,
                                                const char  *no,
                                                gboolean    *only_section_left,
                                                GError     **error);

char            *matou_proxy_dropin_clear      (const char  *existing,
                                                gboolean    *only_section_left);
gboolean         matou_proxy_dropin_read_with_env   (const char  *text,
                                                     const char  *env_text,
                                                     char       **http,
                                                     char       **https,
                                                     char       **no);
char            *matou_proxy_dropin_render_with_env (const char  *existing,
                                                     const char  *http,
                                                     const char  *https,
                                                     const char  *no,
                                                     const char  *env_path,
                                                     char       **env_text,
                                                     gboolean    *only_section_left,
                                                     GError     **error);
gboolean         matou_proxy_dropin_needs_env_file  (const char  *http,
                                                     const char  *https);
gboolean         matou_proxy_dropin_uses_env_file   (const char  *text);

G_END_DECLS
