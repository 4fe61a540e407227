/* The helper's log verb: the last lines of the daemon's log file, then what
 * is appended to it, for a user who may not read the file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "matou-events.h"
#include "matou-log-verb.h"

#define POLL_MS 200
/* The last lines come from at most this much of the file's end. */
#define TAIL_BYTES (256 * 1024)
/* A "line" without a newline is cut here, so that no writer can make the helper hold more. */
#define MAX_LINE 16384

typedef struct {
  const char *path;
  int         fd;
  dev_t       dev;
  ino_t       ino;
  off_t       offset;
  GString    *pending;
} LogFile;

/* Opens the log without following a symlink and without blocking on a FIFO,
 * and keeps it only when it is a regular file. Returns FALSE with @error
 * for anything else; ENOENT leaves @error unset: the file may come later. */
static gboolean
log_open (LogFile  *log,
          GError  **error)
{
  struct stat st;
  int fd = open (log->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return FALSE;
      if (saved_errno == ELOOP)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     _("%s is a symbolic link, which the helper does not follow. Nothing was read; the daemon’s log must be a regular file."),
                     log->path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     _("Cannot open the daemon’s log %s: %s"), log->path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file, so the helper does not read it. Nothing was read; the daemon’s log must be a regular file."),
                   log->path);
      return FALSE;
    }

  log->fd = fd;
  log->dev = st.st_dev;
  log->ino = st.st_ino;
  log->offset = 0;
  g_string_truncate (log->pending, 0);
  return TRUE;
}

static void
log_close (LogFile *log)
{
  if (log->fd >= 0)
    close (log->fd);
  log->fd = -1;
}

static void
emit (const char *line,
      gsize       length)
{
  g_autofree char *text = g_strndup (line, length);

  matou_events_log ("dockerd", text);
}

/* Every whole line read so far goes out; a very long one in pieces. */
static void
emit_pending (LogFile *log)
{
  char *newline;

  while ((newline = memchr (log->pending->str, '\n', log->pending->len)) != NULL)
    {
      emit (log->pending->str, newline - log->pending->str);
      g_string_erase (log->pending, 0, newline - log->pending->str + 1);
    }
  while (log->pending->len >= MAX_LINE)
    {
      emit (log->pending->str, MAX_LINE);
      g_string_erase (log->pending, 0, MAX_LINE);
    }
}

/* What was appended since the last read. */
static void
log_read_new (LogFile *log)
{
  char buffer[8192];
  ssize_t n;

  while ((n = pread (log->fd, buffer, sizeof buffer, log->offset)) > 0)
    {
      log->offset += n;
      g_string_append_len (log->pending, buffer, n);
      emit_pending (log);
    }
}

/* The last MATOU_HELPER_LOG_LINES lines, then the offset at the end. */
static void
log_read_last_lines (LogFile *log)
{
  struct stat st;
  g_autoptr(GString) tail = g_string_new (NULL);
  char buffer[8192];
  off_t start;
  ssize_t n;
  g_auto(GStrv) lines = NULL;
  guint count, first;

  if (fstat (log->fd, &st) != 0)
    return;

  start = st.st_size > TAIL_BYTES ? st.st_size - TAIL_BYTES : 0;
  log->offset = start;
  while (log->offset < st.st_size &&
         (n = pread (log->fd, buffer, MIN ((off_t) sizeof buffer, st.st_size - log->offset), log->offset)) > 0)
    {
      g_string_append_len (tail, buffer, n);
      log->offset += n;
    }

  /* A line cut by the start is not shown half; an unfinished last one waits for its end. */
  {
    const char *text = tail->str;
    const char *last_newline = NULL;

    for (gsize i = tail->len; i > 0 && last_newline == NULL; i--)
      if (tail->str[i - 1] == '\n')
        last_newline = tail->str + i - 1;
    if (start > 0)
      {
        const char *newline = memchr (tail->str, '\n', tail->len);

        text = newline != NULL ? newline + 1 : tail->str + tail->len;
      }
    if (last_newline == NULL || last_newline < text)
      {
        g_string_append (log->pending, text);
        emit_pending (log);
        return;
      }
    g_string_append (log->pending, last_newline + 1);
    {
      g_autofree char *whole = g_strndup (text, last_newline - text);

      lines = g_strsplit (whole, "\n", -1);
    }
  }

  count = g_strv_length (lines);
  first = count > MATOU_HELPER_LOG_LINES ? count - MATOU_HELPER_LOG_LINES : 0;
  for (guint i = first; i < count; i++)
    emit (lines[i], strlen (lines[i]));
  emit_pending (log);
}

/* The reader is gone when our standard input ends (or says "stop"), or when
 * writing to it fails: SIGPIPE is ignored, the write then sets the error. */
static gboolean
reader_gone (void)
{
  struct pollfd fds = { .fd = STDIN_FILENO, .events = POLLIN };
  int ready;

  if (ferror (stdout))
    return TRUE;

  ready = poll (&fds, 1, POLL_MS);
  if (ready < 0)
    return errno != EINTR;
  if (ready == 0)
    return FALSE;
  if (fds.revents & POLLIN)
    {
      char buffer[256];
      ssize_t n = read (STDIN_FILENO, buffer, sizeof buffer);

      /* Anything the reader writes, "stop" included, ends it; so does the end of input. */
      (void) n;
      return TRUE;
    }

  return (fds.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* The file was replaced (rotated) or cut short: read the new one from its start. */
static gboolean
log_replaced (LogFile *log)
{
  struct stat now, open_st;

  if (log->fd < 0)
    return TRUE;
  if (fstat (log->fd, &open_st) == 0 && open_st.st_size < log->offset)
    return TRUE;
  if (lstat (log->path, &now) != 0)
    return FALSE;  /* gone for the moment: keep reading what is open */

  return now.st_dev != log->dev || now.st_ino != log->ino;
}

/**
 * matou_helper_log:
 *
 * Writes the last MATOU_HELPER_LOG_LINES lines of the daemon's log file (the
 * configured `log-file` of the sysv and direct backends; the caller names no
 * path) as "log" events, then every line appended to it, until standard
 * input ends or says anything, or the reader stops reading. Refuses a path
 * that is a symbolic link or not a regular file; waits for one that does not
 * exist yet. Takes no lock: it only reads.
 */
MatouHelperExit
matou_helper_log (const MatouHelperConfig *config)
{
  g_autoptr(MatouHelperResult) result = matou_helper_result_new (MATOU_HELPER_RESULT_APPLY);
  g_autoptr(GString) pending = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  LogFile log = { .path = config->log_file, .fd = -1, .pending = pending };
  gboolean said_missing = FALSE;

  result->action = g_strdup ("log");
  if (config->backend == MATOU_BACKEND_SYSTEMD)
    {
      result->status = MATOU_HELPER_EXIT_REFUSED;
      result->error = g_strdup (_("Under systemd the Docker daemon logs to the journal, not to a file: read it with “journalctl -u docker”. Nothing was read."));
      return matou_events_result (result);
    }

  if (log_open (&log, &error))
    log_read_last_lines (&log);
  else if (error != NULL)
    {
      result->status = MATOU_HELPER_EXIT_REFUSED;
      result->error = g_strdup (error->message);
      return matou_events_result (result);
    }

  while (!reader_gone ())
    {
      if (log.fd >= 0 && !log_replaced (&log))
        {
          log_read_new (&log);
          continue;
        }

      /* Rotated, or not there yet: finish the old file, then the new one from its start. */
      if (log.fd >= 0)
        {
          log_read_new (&log);
          if (log.pending->len > 0)
            emit (log.pending->str, log.pending->len);
          log_close (&log);
        }
      if (log_open (&log, &error))
        {
          said_missing = FALSE;
          log_read_new (&log);
        }
      else if (error != NULL)
        {
          result->status = MATOU_HELPER_EXIT_REFUSED;
          result->error = g_strdup (error->message);
          return matou_events_result (result);
        }
      else if (!said_missing)
        {
          said_missing = TRUE;
          matou_events_step (_("%s does not exist yet: the Docker daemon has not written its log there. Its lines appear here as soon as it does."),
                             log.path);
        }
    }

  log_close (&log);
  result->status = MATOU_HELPER_EXIT_OK;
  return matou_events_result (result);
}
