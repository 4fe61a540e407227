/* What an apply request changes, decided once for the Settings page, its preview and matou-helper apply. */
#pragma once

#include <glib.h>

#include "matou-apply-request.h"
#include "matou-daemon-config.h"
#include "matou-proxy-dropin.h"

G_BEGIN_DECLS

typedef enum {
  MATOU_APPLY_ACTION_NONE,     /* the files already hold what was asked */
  MATOU_APPLY_ACTION_RELOAD,   /* every changed key is reloadable: SIGHUP */
  MATOU_APPLY_ACTION_RESTART,  /* a key the daemon reads only at start changed */
} MatouApplyAction;

/* How the daemon is run, as far as the caller knows it. */
typedef enum {
  MATOU_APPLY_SERVICE_UNKNOWN,  /* the GUI: the helper's configuration decides */
  MATOU_APPLY_SERVICE_SYSTEMD,
  MATOU_APPLY_SERVICE_SYSV,     /* no unit, so no drop-in to carry a proxy */
  MATOU_APPLY_SERVICE_DIRECT,   /* the helper starts dockerd with the drop-in's environment */
} MatouApplyService;

/* What is there now: the texts of the two files and the Engine's version. */
typedef struct {
  const char        *daemon_json;     /* NULL: the file does not exist */
  const char        *daemon_json_path;
  const char        *dropin;          /* NULL: the file does not exist */
  const char        *dropin_env;      /* Matou's root-only environment file; NULL: missing or unreadable */
  const char        *dropin_env_path; /* where it goes; NULL: a proxy is always written with Environment= */
  const char        *engine_version;  /* NULL: unknown, treated as older than 23.0 */
  MatouApplyService  service;
  char             **dockerd_argv;    /* the running dockerd's command line; NULL: not running or unknown */
} MatouApplyContext;

typedef struct {
  MatouApplyAction  action;
  MatouProxyTarget  proxy_target;
  MatouConfigKeys   changed_keys;   /* daemon.json keys whose value changes */
  gboolean          proxy_changes;  /* the daemon's proxy changes, wherever it lives */
  char             *json_text;      /* daemon.json to write, NULL: leave it */
  char             *dropin_text;    /* the drop-in to write, NULL: leave it */
  gboolean          dropin_remove;  /* remove the drop-in: nothing of the user's is left in it */
  char             *env_text;       /* the environment file to write (mode 0600), NULL: leave it */
  gboolean          env_remove;     /* remove the environment file: no secret left to keep */
  gboolean          json_private;   /* the new daemon.json holds a user name or password: mode 0600 */

  /* What holds now, for a preview. */
  char            **old_mirrors;
  char            **old_dns;
  char             *old_http_proxy;
  char             *old_https_proxy;
  char             *old_no_proxy;
} MatouApplyPlan;

MatouApplyPlan *matou_apply_plan_new                 (const MatouApplyRequest *request,
                                                      const MatouApplyContext *context,
                                                      GError                 **error);
void            matou_apply_plan_free                (MatouApplyPlan          *plan);
guint           matou_apply_plan_containers_stopping (const MatouApplyPlan    *plan,
                                                      gint64                   running,
                                                      gboolean                 live_restore);
const char     *matou_apply_action_to_string         (MatouApplyAction         action);

gboolean        matou_daemon_proxy_read              (MatouProxyTarget         target,
                                                      MatouDaemonConfig       *config,
                                                      const char              *dropin,
                                                      const char              *dropin_env,
                                                      char                   **http,
                                                      char                   **https,
                                                      char                   **no);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouApplyPlan, matou_apply_plan_free)

G_END_DECLS
