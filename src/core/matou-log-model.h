/* A bounded list of log lines for GtkListView: the newest lines, appended in batches. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MATOU_LOG_LEVEL_INFO,
  MATOU_LOG_LEVEL_WARNING,
  MATOU_LOG_LEVEL_ERROR,
  MATOU_LOG_LEVEL_STEP,     /* a helper step, not a line of output */
} MatouLogLevel;

/* One line: an immutable GObject, so list widgets can bind to it. */
#define MATOU_TYPE_LOG_LINE (matou_log_line_get_type ())
G_DECLARE_FINAL_TYPE (MatouLogLine, matou_log_line, MATOU, LOG_LINE, GObject)

const char    *matou_log_line_get_source (MatouLogLine *self);  /* "dockerd", "apt-get", "matou-helper", … */
const char    *matou_log_line_get_text   (MatouLogLine *self);  /* credentials already masked */
MatouLogLevel  matou_log_line_get_level  (MatouLogLine *self);
gint64         matou_log_line_get_time   (MatouLogLine *self);  /* g_get_real_time () when appended */

/* The model: a GListModel of MatouLogLine. Appends are queued and reach
 * the list (one items-changed) at most once per batch interval, and only
 * the newest max-lines lines are kept. */
#define MATOU_TYPE_LOG_MODEL (matou_log_model_get_type ())
G_DECLARE_FINAL_TYPE (MatouLogModel, matou_log_model, MATOU, LOG_MODEL, GObject)

#define MATOU_LOG_MODEL_DEFAULT_MAX_LINES 100000

MatouLogModel *matou_log_model_new           (guint          max_lines);
void           matou_log_model_append        (MatouLogModel *self,
                                              MatouLogLevel  level,
                                              const char    *source,
                                              const char    *text);
void           matou_log_model_flush         (MatouLogModel *self);
void           matou_log_model_clear         (MatouLogModel *self);
guint          matou_log_model_get_max_lines (MatouLogModel *self);
char          *matou_log_model_to_text       (MatouLogModel *self);

/* Guesses a level from what dockerd, apt and friends print. */
MatouLogLevel  matou_log_level_guess         (const char    *text);
/* "http://user:secret@host" → "http://user:***@host", anywhere in a line. */
char          *matou_mask_credentials_in_text (const char   *text);

G_END_DECLS
