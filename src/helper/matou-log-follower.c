/* Streams the daemon's log as "log" events while the helper works. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "matou-diagnosis.h"
#include "matou-events.h"
#include "matou-log-follower.h"

#define FILE_POLL_US (100 * 1000)
#define MAX_KEPT_LINES 200
/* How long the daemon's reason may wait for the reading thread to catch up. */
#define CATCH_UP_TIMEOUT_US (2 * G_USEC_PER_SEC)
/* A command's output (journalctl) has no end to reach: a pause this long counts as caught up. */
#define CATCH_UP_QUIET_US (300 * 1000)

struct _MatouLogFollower
{
  char        *source;
  GThread     *thread;
  GMutex       lock;
  GCond        cond;
  gboolean     stopping;
  GPtrArray   *lines;        /* the most recent lines, for wait_for */
  guint64      n_lines;      /* how many lines have been seen in all */
  char        *error_line;   /* the last line that looks like the daemon's reason */

  GSubprocess *process;      /* when following a command */
  char        *path;         /* when following a file */
  goffset      offset;       /* the thread's own copy */
  goffset      read_to;      /* under lock: every line before it has been added */
  gboolean     ended;        /* under lock: the thread has stopped reading */
};

static void
add_line (MatouLogFollower *self,
          const char       *line)
{
  matou_events_log (self->source, line);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->lines, g_strdup (line));
  if (self->lines->len > MAX_KEPT_LINES)
    g_ptr_array_remove_index (self->lines, 0);
  self->n_lines++;
  if (matou_daemon_line_is_error (line))
    {
      g_free (self->error_line);
      self->error_line = g_strdup (line);
    }
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static gpointer
follow_command_thread (gpointer data)
{
  MatouLogFollower *self = data;
  GInputStream *stdout_pipe = g_subprocess_get_stdout_pipe (self->process);
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (stdout_pipe);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, NULL);

      if (line == NULL)
        break;
      add_line (self, line);
    }

  g_mutex_lock (&self->lock);
  self->ended = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return NULL;
}

static gboolean
is_stopping (MatouLogFollower *self)
{
  gboolean stopping;

  g_mutex_lock (&self->lock);
  stopping = self->stopping;
  g_mutex_unlock (&self->lock);

  return stopping;
}

/* Reads what was appended since the last look; a shorter file was rotated. */
static gpointer
follow_file_thread (gpointer data)
{
  MatouLogFollower *self = data;
  g_autoptr(GString) pending = g_string_new (NULL);

  while (!is_stopping (self))
    {
      char buffer[4096];
      ssize_t n;
      int fd;

      fd = open (self->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
      if (fd >= 0)
        {
          off_t size = lseek (fd, 0, SEEK_END);

          if (size < self->offset)
            self->offset = 0;
          lseek (fd, self->offset, SEEK_SET);
          while ((n = read (fd, buffer, sizeof buffer)) > 0)
            {
              char *newline;

              self->offset += n;
              g_string_append_len (pending, buffer, n);
              while ((newline = memchr (pending->str, '\n', pending->len)) != NULL)
                {
                  g_autofree char *line = g_strndup (pending->str, newline - pending->str);

                  g_string_erase (pending, 0, newline - pending->str + 1);
                  add_line (self, line);
                }
            }
          close (fd);

          g_mutex_lock (&self->lock);
          self->read_to = self->offset;
          g_cond_broadcast (&self->cond);
          g_mutex_unlock (&self->lock);
        }

      g_usleep (FILE_POLL_US);
    }

  if (pending->len > 0)
    add_line (self, pending->str);

  return NULL;
}

static MatouLogFollower *
follower_new (const char *source)
{
  MatouLogFollower *self = g_new0 (MatouLogFollower, 1);

  self->source = g_strdup (source);
  self->lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  return self;
}

MatouLogFollower *
matou_log_follower_new_for_command (const char * const  *argv,
                                    const char          *source,
                                    GError             **error)
{
  g_autoptr(MatouLogFollower) self = follower_new (source);

  self->process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (self->process == NULL)
    return NULL;

  self->thread = g_thread_new ("matou-log", follow_command_thread, self);
  return g_steal_pointer (&self);
}

/**
 * matou_log_follower_new_for_file:
 *
 * Follows @path from its current end: what the daemon writes from now on.
 */
MatouLogFollower *
matou_log_follower_new_for_file (const char *path,
                                 const char *source)
{
  MatouLogFollower *self = follower_new (source);
  GStatBuf st;

  self->path = g_strdup (path);
  if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode))
    self->offset = st.st_size;
  self->read_to = self->offset;
  self->thread = g_thread_new ("matou-log", follow_file_thread, self);

  return self;
}

/* Called with the lock held. Waits, at most CATCH_UP_TIMEOUT_US, until the
 * reading thread has added every line written so far: to the file's present
 * end, or for a command until its output ends, or pauses once a line with
 * the daemon's reason has come. The thread polls,
 * so a daemon that has just died may have written its reason after the last
 * look. */
static void
catch_up_locked (MatouLogFollower *self)
{
  gint64 deadline = g_get_monotonic_time () + CATCH_UP_TIMEOUT_US;

  if (self->path != NULL)
    {
      GStatBuf st;
      goffset end;

      if (g_lstat (self->path, &st) != 0 || !S_ISREG (st.st_mode))
        return;
      end = st.st_size;
      while (!self->stopping && self->read_to < end)
        if (!g_cond_wait_until (&self->cond, &self->lock, deadline))
          break;
      return;
    }

  while (!self->stopping && !self->ended)
    {
      guint64 seen = self->n_lines;
      gint64 quiet_until = MIN (g_get_monotonic_time () + CATCH_UP_QUIET_US, deadline);

      while (self->n_lines == seen && !self->ended &&
             g_cond_wait_until (&self->cond, &self->lock, quiet_until))
        ;
      /* A pause is the end only once a reason is in: the journal may pass on
       * a dead daemon's last lines some time after systemd says it failed. */
      if (g_get_monotonic_time () >= deadline ||
          (self->n_lines == seen && self->error_line != NULL))
        break;
    }
}

/**
 * matou_log_follower_dup_error_line:
 *
 * The last line that gave the daemon's reason, once every line the daemon
 * has written so far has been read (waiting a bounded time for that).
 */
char *
matou_log_follower_dup_error_line (MatouLogFollower *self)
{
  char *line;

  g_mutex_lock (&self->lock);
  catch_up_locked (self);
  line = g_strdup (self->error_line);
  g_mutex_unlock (&self->lock);

  return line;
}

/* How many lines have been seen so far: wait_for looks at the ones after it. */
guint64
matou_log_follower_mark (MatouLogFollower *self)
{
  guint64 mark;

  g_mutex_lock (&self->lock);
  mark = self->n_lines;
  g_mutex_unlock (&self->lock);

  return mark;
}

/**
 * matou_log_follower_wait_for:
 * @since: a mark taken before the action whose outcome is awaited
 * @needles: substrings to look for
 *
 * Returns: %TRUE when a line after @since contained one of @needles within
 *   @timeout_ms
 */
gboolean
matou_log_follower_wait_for (MatouLogFollower    *self,
                             guint64              since,
                             const char * const  *needles,
                             guint                timeout_ms,
                             char               **matched_line)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint64 seen = since;
  gboolean found = FALSE;

  g_mutex_lock (&self->lock);
  while (!found)
    {
      guint64 fresh = self->n_lines - seen;
      guint first = fresh >= self->lines->len ? 0 : self->lines->len - (guint) fresh;

      for (guint i = first; i < self->lines->len && !found; i++)
        for (guint j = 0; needles[j] != NULL && !found; j++)
          if (strstr (g_ptr_array_index (self->lines, i), needles[j]) != NULL)
            {
              found = TRUE;
              if (matched_line != NULL)
                *matched_line = g_strdup (g_ptr_array_index (self->lines, i));
            }
      seen = self->n_lines;

      if (!found && !g_cond_wait_until (&self->cond, &self->lock, deadline))
        break;
    }
  g_mutex_unlock (&self->lock);

  return found;
}

void
matou_log_follower_free (MatouLogFollower *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_mutex_unlock (&self->lock);

  if (self->process != NULL)
    g_subprocess_force_exit (self->process);
  if (self->thread != NULL)
    g_thread_join (self->thread);

  g_clear_object (&self->process);
  g_free (self->path);
  g_free (self->source);
  g_free (self->error_line);
  g_ptr_array_unref (self->lines);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
