/* The session's helper runs (apply, rollback, install): their lines and results. */
#pragma once

#include <gio/gio.h>

#include "matou-log-model.h"

G_BEGIN_DECLS

typedef enum {
  MATOU_RUN_RUNNING,
  MATOU_RUN_SUCCEEDED,
  MATOU_RUN_FAILED,
  MATOU_RUN_CANCELLED,
} MatouRunState;

/* One run. Properties: "title" (string), "state" (MatouRunState as int),
 * "summary" (string, the result in words), "started" (gint64 real time). */
#define MATOU_TYPE_RUN (matou_run_get_type ())
G_DECLARE_FINAL_TYPE (MatouRun, matou_run, MATOU, RUN, GObject)

const char    *matou_run_get_title   (MatouRun      *self);
MatouRunState  matou_run_get_state   (MatouRun      *self);
const char    *matou_run_get_summary (MatouRun      *self);
gint64         matou_run_get_started (MatouRun      *self);
MatouLogModel *matou_run_get_lines   (MatouRun      *self);
void           matou_run_append      (MatouRun      *self,
                                      MatouLogLevel  level,
                                      const char    *source,
                                      const char    *text);
void           matou_run_finish      (MatouRun      *self,
                                      MatouRunState  state,
                                      const char    *summary);

/* The history: a GListModel of MatouRun, newest first. */
#define MATOU_TYPE_RUN_HISTORY (matou_run_history_get_type ())
G_DECLARE_FINAL_TYPE (MatouRunHistory, matou_run_history, MATOU, RUN_HISTORY, GObject)

MatouRunHistory *matou_run_history_new   (void);
MatouRun        *matou_run_history_begin (MatouRunHistory *self,
                                          const char      *title);  /* transfer none: the history owns it */

G_END_DECLS
