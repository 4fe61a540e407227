/* The Docker daemon's log read as the user, after the fact: the lines it wrote since a moment, and their messages. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "matou-daemon-log.h"
#include "matou-error.h"
#include "matou-json.h"

/* More than any pull writes; a file that grew more since the mark is read from its end. */
#define MAX_READ (4 * 1024 * 1024)

char *
matou_daemon_log_file (void)
{
  const char *file = g_getenv ("MATOU_DAEMON_LOG");

  if (file != NULL && g_path_is_absolute (file))
    return g_strdup (file);
  if (g_file_test ("/run/systemd/system", G_FILE_TEST_IS_DIR))
    return NULL;

  return g_strdup ("/var/log/docker.log");
}

void
matou_daemon_log_mark_take (MatouDaemonLogMark *mark)
{
  GStatBuf st;

  mark->file = matou_daemon_log_file ();
  mark->offset = mark->file != NULL && g_stat (mark->file, &st) == 0 ? st.st_size : 0;
  mark->since = g_get_real_time () / G_USEC_PER_SEC;
}

void
matou_daemon_log_mark_clear (MatouDaemonLogMark *mark)
{
  g_clear_pointer (&mark->file, g_free);
}

static char **
read_file_since (const MatouDaemonLogMark *mark,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (mark->file);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  goffset size, from;

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                     /* TRANSLATORS: %s is the daemon's log file, for example /var/log/docker.log */
                     _("Only root may read the daemon’s log %s; the Logs page can show it with administrator rights."),
                     mark->file);
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                     /* TRANSLATORS: %s is the daemon's log file, for example /var/log/docker.log */
                     _("There is no %s, where the daemon writes its log without systemd."), mark->file);
      else
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                     _("The daemon’s log %s could not be read: %s"), mark->file, local_error->message);
      return NULL;
    }
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, error);
  if (info == NULL)
    return NULL;
  size = g_file_info_get_size (info);
  /* A file smaller than at the mark was rotated or emptied: all of it is new. */
  from = size >= mark->offset ? mark->offset : 0;
  from = MAX (from, size - MAX_READ);
  if (from > 0 && !g_seekable_seek (G_SEEKABLE (stream), from, G_SEEK_SET, cancellable, error))
    return NULL;
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), MAX_READ, cancellable, error);
  if (bytes == NULL)
    return NULL;

  text = g_utf8_make_valid (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  return g_strsplit (text, "\n", -1);
}

static char **
read_journal_since (const MatouDaemonLogMark *mark,
                    GCancellable             *cancellable,
                    GError                  **error)
{
  g_autofree char *since = g_strdup_printf ("--since=@%" G_GINT64_FORMAT, mark->since);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) local_error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &local_error,
                              "journalctl", "-u", "docker", since, "-o", "cat", "--no-pager", NULL);
  if (process == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("journalctl could not be started to read the daemon’s log: %s"), local_error->message);
      return NULL;
    }
  if (!g_subprocess_communicate_utf8 (process, NULL, cancellable, &out, &err, error))
    return NULL;
  if (err != NULL && (strstr (err, MATOU_JOURNAL_NO_PERMISSION) != NULL || strstr (err, MATOU_JOURNAL_NOT_OTHERS) != NULL ||
                      strstr (err, MATOU_JOURNAL_NO_FILES) != NULL))
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_IO,
                           _("You may not read the system journal, where the daemon’s log is. Join the systemd-journal "
                             "or adm group (for example “sudo usermod -aG systemd-journal $USER”), then log out and in again."));
      return NULL;
    }

  return g_strsplit (out != NULL ? out : "", "\n", -1);
}

/**
 * matou_daemon_log_lines_since:
 *
 * Reads the daemon's log file from where it ended at @mark, or its journal
 * from the second of @mark (`journalctl -u docker --since`), as the user.
 *
 * Returns: (transfer full): the lines, without journalctl's own
 */
char **
matou_daemon_log_lines_since (const MatouDaemonLogMark *mark,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_auto(GStrv) lines = mark->file != NULL ? read_file_since (mark, cancellable, error)
                                           : read_journal_since (mark, cancellable, error);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  if (lines == NULL)
    return NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && !g_str_has_prefix (lines[i], "-- "))
      g_strv_builder_add (kept, lines[i]);

  return g_strv_builder_end (kept);
}

/* logrus's text format: msg="…", with \" and \\ inside; or msg=word. */
static char *
text_message (const char *line)
{
  const char *p = strstr (line, " msg=");
  GString *message;

  if (p == NULL)
    p = g_str_has_prefix (line, "msg=") ? line : NULL;
  else
    p++;
  if (p == NULL)
    return NULL;
  p += strlen ("msg=");
  if (*p != '"')
    return g_strndup (p, strcspn (p, " "));

  message = g_string_new (NULL);
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (message, *p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
        }
      else
        g_string_append_c (message, *p);
    }

  return g_string_free (message, FALSE);
}

/**
 * matou_daemon_log_message:
 * @line: one line of dockerd's log
 *
 * Returns: (nullable): the line's message: logrus's `msg="…"` unquoted, or
 *   the "msg" member of a line in JSON format (dockerd --log-format=json)
 */
char *
matou_daemon_log_message (const char *line)
{
  g_return_val_if_fail (line != NULL, NULL);

  if (line[0] == '{')
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (!json_parser_load_from_data (parser, line, -1, NULL))
        return NULL;
      root = json_parser_get_root (parser);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        return NULL;
      return matou_json_dup_string (json_node_get_object (root), "msg");
    }

  return text_message (line);
}
