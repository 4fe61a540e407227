/* The helper's answer: one JSON object per line on standard output. */
#include "config.h"

#include <stdio.h>

#include "matou-events.h"

/* Log lines arrive from a follower thread while steps come from the main one. */
static GMutex events_lock;

/* Credentials in any URL of a line, as the daemon masks them in /info: a
 * daemon, apt or curl that prints a proxy URL must not put its password
 * into the report, the run history or a saved log. */
static char *
mask_urls (const char *line)
{
  static GRegex *userinfo;

  /* Not G_REGEX_OPTIMIZE: a few lines a run need no JIT, and JIT code reads
   * as uninitialised memory to valgrind, which the helper's leak test runs. */
  if (g_once_init_enter (&userinfo))
    g_once_init_leave (&userinfo, g_regex_new ("([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/@\"]+@",
                                               0, 0, NULL));

  return g_regex_replace (userinfo, line, -1, 0, "\\1xxxxx:xxxxx@", 0, NULL);
}

/* One whole line at a time, whichever thread writes it. */
void
matou_events_write (const char *line)
{
  g_autofree char *masked = mask_urls (line);

  if (masked != NULL)
    line = masked;

  g_mutex_lock (&events_lock);
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
  g_mutex_unlock (&events_lock);
}

void
matou_events_step (const char *format,
                   ...)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  line = matou_helper_step_line (text, NULL, NULL, 0, 0);
  matou_events_write (line);
}

void
matou_events_log (const char *source,
                  const char *text)
{
  g_autofree char *line = matou_helper_log_line (source, text);

  matou_events_write (line);
}

/* The last line of a run; returns its status, for the verb to exit with. */
MatouHelperExit
matou_events_result (const MatouHelperResult *result)
{
  g_autofree char *line = matou_helper_result_to_line (result);

  matou_events_write (line);
  return result->status;
}
