/* What every fuzz target shares (see fuzz-common.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A parser fed bad text answers with an error, never with a critical
   * or a warning: either one is a finding. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

/* Debian 12's os-release (see fuzz-common.h). */
char *
fuzz_debian_12 (const char *key,
                gpointer    user_data)
{
  if (g_str_equal (key, "ID"))
    return g_strdup ("debian");
  if (g_str_equal (key, "VERSION_ID"))
    return g_strdup ("12");
  if (g_str_equal (key, "VERSION_CODENAME"))
    return g_strdup ("bookworm");
  return NULL;
}

void
fuzz_fail (const char *file,
           int         line,
           const char *what)
{
  fprintf (stderr, "%s:%d: check failed: %s\n", file, line, what);
  fflush (stderr);
  abort ();
}
