/* What the GUI and matou-helper agree on: verbs, exit statuses, and the typed lines the helper writes. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * The helper reads one JSON request on standard input (at most
 * MATOU_APPLY_REQUEST_MAX_SIZE bytes) and answers with JSON Lines on
 * standard output, each object with a "type":
 *
 *   {"type": "step", "text": "..."}                     what it does now
 *     (install adds "id", "state", "index", "count")
 *   {"type": "log", "source": "dockerd", "text": "..."}  a line of output
 *   {"type": "result", "ok": true, "status": 0, ...}     the last line
 *
 * Both sides build and read these lines only through this module.
 */

typedef enum {
  MATOU_HELPER_EXIT_OK              = 0,  /* done */
  MATOU_HELPER_EXIT_REFUSED         = 1,  /* request refused, nothing changed */
  MATOU_HELPER_EXIT_ROLLED_BACK     = 2,  /* applied, failed, rolled back */
  MATOU_HELPER_EXIT_ROLLBACK_FAILED = 3,  /* failed, and the rollback failed too */
  MATOU_HELPER_EXIT_ENVIRONMENT     = 4,  /* refused to run at all */
  MATOU_HELPER_EXIT_CANCELLED       = 5,  /* install: stopped on request between steps, consistent */
  MATOU_HELPER_EXIT_FAILED          = 6,  /* service: the daemon did not start or stop; nothing else was changed */
} MatouHelperExit;

/* pkexec's own statuses, which the helper never uses. */
#define MATOU_PKEXEC_EXIT_CANCELLED      126
#define MATOU_PKEXEC_EXIT_NOT_AUTHORISED 127

#define MATOU_HELPER_VERB_APPLY    "apply"
#define MATOU_HELPER_VERB_ROLLBACK "rollback"
#define MATOU_HELPER_VERB_STATUS   "status"
/* install reads its request up to the first newline and keeps reading:
 * a later line "stop" asks it to stop after the step it is running. */
#define MATOU_HELPER_VERB_INSTALL  "install"
/* service takes one more argument, start, stop or restart, and no request. */
#define MATOU_HELPER_VERB_SERVICE  "service"
#define MATOU_HELPER_VERB_SERVICE_START   "service start"
#define MATOU_HELPER_VERB_SERVICE_STOP    "service stop"
#define MATOU_HELPER_VERB_SERVICE_RESTART "service restart"
/* log takes no argument and no request: the last lines of the daemon's log
 * file (the helper's own configuration names it), then every line added,
 * until its standard input ends or says anything. */
#define MATOU_HELPER_VERB_LOG      "log"
/* Before a verb: the user's own rootless daemon. The helper then runs as the
 * user, without pkexec, and takes apply, rollback, status and service. */
#define MATOU_HELPER_ROOTLESS      "--rootless"

/* One comparison of what was asked with what /info reports. */
typedef struct {
  char     *key;       /* "registry-mirrors", "http-proxy", "https-proxy", "no-proxy", "dns" */
  char     *asked;
  char     *reported;  /* NULL: the daemon does not report it */
  gboolean  ok;
} MatouHelperCheck;

/* What /info said once the daemon answered again. */
typedef struct {
  char     *server_version;
  char     *api_version;
  char    **mirrors;
  char     *http_proxy;
  char     *https_proxy;
  char     *no_proxy;
  gboolean  live_restore;
} MatouHelperInfo;

/* An install step's state in the result. */
typedef struct {
  char *id;
  char *title;
  char *state;
} MatouHelperStepResult;

typedef enum {
  MATOU_HELPER_RESULT_APPLY,    /* apply, rollback and service */
  MATOU_HELPER_RESULT_INSTALL,
} MatouHelperResultKind;

typedef struct {
  MatouHelperResultKind  kind;
  MatouHelperExit        status;
  gboolean               ok;
  char                  *error;          /* what went wrong, for the user */
  char                  *engine_version;

  /* apply and rollback */
  char                  *action;         /* "none", "reload" or "restart"; service: "start", "stop", "restart" */
  gboolean               rolled_back;
  char                  *daemon_error;   /* the daemon's own line, when it refused */
  char                  *proxy_target;   /* the file the proxy went to, when the request had one */
  char                  *backup;
  MatouHelperInfo       *info;           /* NULL: the daemon did not answer */
  GPtrArray             *checks;         /* of MatouHelperCheck */

  /* install */
  char                  *plan;
  char                  *mirror;
  char                  *failed_step;
  char                  *failure;
  gboolean               cancelled;
  char                 **removed;
  GPtrArray             *steps;          /* of MatouHelperStepResult */
  char                  *group_user;     /* NULL: no user to add to the docker group */
  gboolean               group_member;
  gboolean               group_added;
} MatouHelperResult;

typedef enum {
  MATOU_HELPER_EVENT_STEP,
  MATOU_HELPER_EVENT_LOG,
  MATOU_HELPER_EVENT_RESULT,
} MatouHelperEventType;

typedef struct {
  MatouHelperEventType  type;
  char                 *text;     /* step, log */
  char                 *source;   /* log */
  char                 *id;       /* install step */
  char                 *state;    /* install step */
  gint64                index;    /* install step, from 1 */
  gint64                count;
  MatouHelperResult    *result;   /* result */
} MatouHelperEvent;

MatouHelperResult *matou_helper_result_new        (MatouHelperResultKind    kind);
void               matou_helper_result_add_check  (MatouHelperResult       *result,
                                                   const char              *key,
                                                   const char              *asked,
                                                   const char              *reported,
                                                   gboolean                 ok);
void               matou_helper_result_add_step   (MatouHelperResult       *result,
                                                   const char              *id,
                                                   const char              *title,
                                                   const char              *state);
char              *matou_helper_result_to_line    (const MatouHelperResult *result);
MatouHelperResult *matou_helper_result_new_from_line (const char           *line,
                                                   GError                 **error);
void               matou_helper_result_free       (MatouHelperResult       *result);

void               matou_helper_info_free         (MatouHelperInfo         *info);

char              *matou_helper_step_line         (const char              *text,
                                                   const char              *id,
                                                   const char              *state,
                                                   gint64                   index,
                                                   gint64                   count);
char              *matou_helper_log_line          (const char              *source,
                                                   const char              *text);
MatouHelperEvent  *matou_helper_event_parse       (const char              *line,
                                                   GError                 **error);
void               matou_helper_event_free        (MatouHelperEvent        *event);

/* For answers of their own (the status verb): an object with its type, and its text. */
JsonBuilder       *matou_helper_line_begin        (const char              *type);
void               matou_helper_line_add_string   (JsonBuilder             *builder,
                                                   const char              *name,
                                                   const char              *value);
char              *matou_helper_line_end          (JsonBuilder             *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouHelperResult, matou_helper_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouHelperEvent, matou_helper_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouHelperInfo, matou_helper_info_free)

G_END_DECLS
