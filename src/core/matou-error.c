/* The error domain shared by the GUI, the helper and the core library. */
#include "matou-error.h"

G_DEFINE_QUARK (matou-error-quark, matou_error)

gboolean
matou_fail (GError     **error,
            MatouError   code,
            const char  *format,
            ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, MATOU_ERROR, code, message);
  return FALSE;
}
