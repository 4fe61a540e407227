/* The Docker daemon's log read as the user, after the fact: the lines it wrote since a moment, and their messages. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What journalctl prints for the one who reads it; systemd does not translate it. */
#define MATOU_JOURNAL_NO_FILES      "No journal files were found"
#define MATOU_JOURNAL_NO_PERMISSION "insufficient permissions"
#define MATOU_JOURNAL_NOT_OTHERS    "not seeing messages from other users"
#define MATOU_JOURNAL_NO_ENTRIES    "-- No entries --"

/* Where the daemon's log is: NULL for the journal of docker.service under
 * systemd, else the file the init script (and Matou's direct backend) has it
 * write. MATOU_DAEMON_LOG names that file for the tests. */
char      *matou_daemon_log_file            (void);

/* A moment in the daemon's log, taken before something is asked of the daemon. */
typedef struct {
  char    *file;     /* NULL: the journal */
  goffset  offset;   /* the file's size then */
  gint64   since;    /* wall-clock seconds then (for the journal) */
} MatouDaemonLogMark;

void       matou_daemon_log_mark_take       (MatouDaemonLogMark  *mark);
void       matou_daemon_log_mark_clear      (MatouDaemonLogMark  *mark);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MatouDaemonLogMark, matou_daemon_log_mark_clear)

/* The lines the daemon wrote since @mark, as the user may read them; blocks.
 * NULL with @error (translated, saying how to be allowed) when they cannot be read. */
char     **matou_daemon_log_lines_since     (const MatouDaemonLogMark *mark,
                                             GCancellable             *cancellable,
                                             GError                  **error);

/* The message of one of dockerd's lines (logrus text or JSON format), unquoted;
 * NULL when the line has none. */
char      *matou_daemon_log_message         (const char *line);

G_END_DECLS
