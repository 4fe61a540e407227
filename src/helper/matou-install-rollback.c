/* What an install run wrote and no later step has proven yet: kept until proven, taken back newest first. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "matou-atomic-write.h"
#include "matou-events.h"
#include "matou-install-private.h"

void
_matou_install_written_free (Written *w)
{
  g_free (w->step_id);
  g_free (w->path);
  g_free (w->old);
  g_free (w->moved_from);
  g_free (w->moved_to);
  g_free (w);
}

static void
mark_rolled_back (Install    *t,
                  const char *step_id)
{
  guint n = t->plan->steps->len;

  for (guint i = 0; i < n; i++)
    {
      const MatouInstallStep *step = g_ptr_array_index (t->plan->steps, i);

      if (g_str_equal (step->id, step_id))
        {
          /* TRANSLATORS: "Taken back (4 of 9): Add Docker’s repository" */
          g_autofree char *text = g_strdup_printf (_("Taken back (%u of %u): %s"), i + 1, n, step->title);

          _matou_install_emit_step (t, i, STATE_ROLLED_BACK, text);
        }
    }
}

/* An older file that @w's step moved aside (docker.list for docker.sources) goes back where it was. */
gboolean
_matou_install_put_moved_back (const Written  *w,
                               GError        **error)
{
  g_autofree char *old = NULL;
  gsize length;

  return g_file_get_contents (w->moved_to, &old, &length, error) &&
         matou_atomic_write (w->moved_from, old, length, NULL, error);
}

/* Takes back, newest first, what this run wrote and nothing has proven. */
gboolean
_matou_install_roll_back (Install  *t,
                          GError  **error)
{
  while (t->written->len > 0)
    {
      Written *w = g_ptr_array_index (t->written, t->written->len - 1);

      if (w->existed)
        {
          if (!matou_atomic_write (w->path, w->old, w->old_length, NULL, error))
            return FALSE;
          matou_events_step (_("Restored %s"), w->path);
        }
      else
        {
          if (g_unlink (w->path) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;

              g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           _("Cannot remove %s: %s"), w->path, g_strerror (saved_errno));
              return FALSE;
            }
          matou_events_step (_("Removed %s"), w->path);
        }
      g_ptr_array_add (t->removed, g_strdup (w->path));

      if (w->moved_from != NULL)
        {
          if (!_matou_install_put_moved_back (w, error))
            return FALSE;
          matou_events_step (_("Put %s back"), w->moved_from);
          g_ptr_array_add (t->removed, g_strdup (w->moved_from));
        }

      mark_rolled_back (t, w->step_id);
      g_ptr_array_remove_index (t->written, t->written->len - 1);
    }

  return TRUE;
}

gboolean
_matou_install_wrote_step (Install    *t,
                           const char *step_id)
{
  for (guint i = 0; i < t->written->len; i++)
    if (g_str_equal (((Written *) g_ptr_array_index (t->written, i))->step_id, step_id))
      return TRUE;

  return FALSE;
}

/* A step that proved them makes the files it verifies permanent. */
void
_matou_install_mark_proven (Install                *t,
                            const MatouInstallStep *step)
{
  for (guint i = t->written->len; i > 0; i--)
    {
      Written *w = g_ptr_array_index (t->written, i - 1);

      if (g_strv_contains ((const char * const *) step->verifies, w->step_id))
        g_ptr_array_remove_index (t->written, i - 1);
    }
}
