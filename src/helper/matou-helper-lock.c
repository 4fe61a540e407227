/* One helper at a time: the lock every verb that changes the system takes first. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sys/file.h>
#include <unistd.h>

#include "matou-error.h"
#include "matou-events.h"
#include "matou-helper-lock.h"

#define LOCK_WAIT_SECONDS 30

/**
 * matou_helper_lock:
 *
 * Two helpers at once would interleave their writes and restarts (an
 * install and a settings change would fight over the daemon): the second
 * waits, saying so, and gives up after LOCK_WAIT_SECONDS.
 *
 * Returns: the locked descriptor, which the caller closes when done, or -1
 *   with @error set
 */
int
matou_helper_lock (const char  *lock_file,
                   GError     **error)
{
  gint64 deadline = g_get_monotonic_time () + LOCK_WAIT_SECONDS * G_USEC_PER_SEC;
  gboolean said = FALSE;
  int fd;

  fd = open (lock_file, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot open the lock %s: %s"), lock_file, g_strerror (saved_errno));
      return -1;
    }

  while (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      if (!said)
        matou_events_step (_("Waiting for another Matou helper to finish"));
      said = TRUE;
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                       _("Another Matou helper has been changing Docker’s settings for %d seconds. Nothing was changed; try again when it has finished."),
                       LOCK_WAIT_SECONDS);
          close (fd);
          return -1;
        }
      g_usleep (200 * 1000);
    }

  return fd;
}
