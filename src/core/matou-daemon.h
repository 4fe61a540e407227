/* The daemon's settings as the GUI sees them: files read, watched, and applied through the helper. */
#pragma once

#include <gio/gio.h>

#include "matou-apply-plan.h"
#include "matou-apply-request.h"
#include "matou-daemon-config.h"
#include "matou-engine-client.h"
#include "matou-helper-client.h"
#include "matou-helper-runner.h"
#include "matou-proxy-dropin.h"
#include "matou-run-history.h"

G_BEGIN_DECLS

#define MATOU_TYPE_DAEMON (matou_daemon_get_type ())
G_DECLARE_FINAL_TYPE (MatouDaemon, matou_daemon, MATOU, DAEMON, GObject)

MatouDaemon *matou_daemon_new               (MatouHelperRunner    *runner);
MatouHelperRunner   *matou_daemon_get_runner        (MatouDaemon  *self);

void                 matou_daemon_reload            (MatouDaemon  *self);
gboolean             matou_daemon_get_loaded        (MatouDaemon  *self);
MatouDaemonConfig   *matou_daemon_get_config        (MatouDaemon  *self);
const GError        *matou_daemon_get_error         (MatouDaemon  *self);
const char          *matou_daemon_get_raw_text      (MatouDaemon  *self);
const char          *matou_daemon_get_daemon_json_path (MatouDaemon *self);
gboolean             matou_daemon_get_json_root_only (MatouDaemon *self);
const char          *matou_daemon_get_dropin_path   (MatouDaemon  *self);
const char          *matou_daemon_get_engine_version (MatouDaemon *self);
MatouEngineSnapshot *matou_daemon_get_snapshot      (MatouDaemon  *self);
MatouProxyTarget     matou_daemon_get_proxy_target  (MatouDaemon  *self);
gboolean             matou_daemon_get_proxy         (MatouDaemon  *self,
                                                     char                **http,
                                                     char                **https,
                                                     char                **no);
MatouApplyPlan      *matou_daemon_plan              (MatouDaemon      *self,
                                                     const MatouApplyRequest  *request,
                                                     GError                  **error);
gboolean             matou_daemon_get_busy          (MatouDaemon  *self);

void                 matou_daemon_apply_async       (MatouDaemon  *self,
                                                     MatouApplyRequest    *request,
                                                     const char           *title,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
MatouHelperResult   *matou_daemon_apply_finish      (MatouDaemon  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

gboolean             matou_daemon_get_proxy_draft   (MatouDaemon  *self,
                                                     char                **http,
                                                     char                **https,
                                                     char                **no);
void                 matou_daemon_set_proxy_draft   (MatouDaemon  *self,
                                                     const char           *http,
                                                     const char           *https,
                                                     const char           *no);
void                 matou_daemon_switch_proxy_async (MatouDaemon *self,
                                                      gboolean              on,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
MatouHelperResult   *matou_daemon_switch_proxy_finish (MatouDaemon *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 matou_daemon_refresh_engine    (MatouDaemon  *self);
void                 matou_daemon_watch_engine      (MatouDaemon  *self,
                                                     gboolean              watch);
void                 matou_daemon_pause_engine      (MatouDaemon          *self,
                                                     gboolean              paused);
const GError        *matou_daemon_get_engine_error  (MatouDaemon  *self);
const char          *matou_daemon_get_socket_path   (MatouDaemon  *self);
const MatouDockerEndpoint *matou_daemon_get_endpoint (MatouDaemon *self);
gboolean             matou_daemon_get_applies_here  (MatouDaemon  *self);
gboolean             matou_daemon_get_rootless      (MatouDaemon  *self);
gboolean             matou_daemon_get_rootless_elsewhere (MatouDaemon *self);
char                *matou_daemon_dup_helper_verb   (MatouDaemon  *self,
                                                     const char   *verb);
char                *matou_daemon_dup_context_choice (MatouDaemon *self);
void                 matou_daemon_set_context_choice (MatouDaemon *self,
                                                      const char  *name);

G_END_DECLS
