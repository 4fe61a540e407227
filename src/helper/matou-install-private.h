/* What the install verb's files share: one run's state, and what one part of the run calls in another. */
#pragma once

#include <gio/gio.h>

#include "matou-helper-config.h"
#include "matou-helper-protocol.h"
#include "matou-install-plan.h"
#include "matou-install-request.h"
#include "matou-presets.h"
#include "matou-service.h"

G_BEGIN_DECLS

typedef enum {
  STATE_WAITING,
  STATE_RUNNING,
  STATE_DONE,
  STATE_ALREADY_DONE,
  STATE_FAILED,
  STATE_ROLLED_BACK,
} StepState;

/* A file this run wrote and that no later step has proven yet. */
typedef struct {
  char     *step_id;
  char     *path;
  gboolean  existed;
  char     *old;          /* what was there, when it existed */
  gsize     old_length;
  char     *moved_from;   /* an older file moved aside for it (docker.list) */
  char     *moved_to;
} Written;

typedef struct {
  const MatouHelperConfig *config;
  MatouInstallRequest     *request;
  MatouInstallPlans       *plans;
  GPtrArray               *mirrors;
  MatouInstallPlan        *plan;
  MatouService            *service;
  char                    *user;
  StepState               *states;
  GPtrArray               *written;      /* Written, unproven */
  GPtrArray               *removed;      /* paths a rollback removed or restored */
  gboolean                 group_added;
  char                    *failed_step;
  const char              *failure;
  gboolean                 cancelled;
  char                    *engine_version;
  int                      lock_fd;
} Install;

typedef struct {
  MatouInstallFailure  failure;
  char                *said;     /* the line that says what went wrong */
} Failure;

/* matou-install.c: the request, stopping, events and the run loop */
gboolean             _matou_install_stop_wanted    (void);
void                 _matou_install_emit_step      (Install                *t,
                                                    guint                   index,
                                                    StepState               state,
                                                    const char             *text);

/* matou-install-prepare.c: who, which mirror, and the plan the user saw */
MatouHelperExit      _matou_install_prepare        (Install                *t,
                                                    const char             *pkexec_uid,
                                                    GError                **error);

/* matou-install-commands.c: the commands a step runs, in a clean environment */
GSubprocessLauncher *_matou_install_new_launcher   (GSubprocessFlags        flags);
gboolean             _matou_install_run_command    (Install                *t,
                                                    char                  **argv,
                                                    GPtrArray              *kept,
                                                    int                    *exit_status,
                                                    GError                **error);
const char          *_matou_install_last_line      (GPtrArray              *kept);

/* matou-install-steps.c: one step of each kind */
gboolean             _matou_install_run_step       (Install                *t,
                                                    const MatouInstallStep *step,
                                                    Failure                *failure);

/* matou-install-rollback.c: what this run wrote, until it is proven or taken back */
void                 _matou_install_written_free   (Written                *w);
gboolean             _matou_install_wrote_step     (Install                *t,
                                                    const char             *step_id);
void                 _matou_install_mark_proven    (Install                *t,
                                                    const MatouInstallStep *step);
gboolean             _matou_install_put_moved_back (const Written          *w,
                                                    GError                **error);
gboolean             _matou_install_roll_back      (Install                *t,
                                                    GError                **error);

G_END_DECLS
