/* Unit tests that read Matou's messages in Simplified Chinese, from the catalogue meson builds. */
#pragma once

#include "config.h"

#include <locale.h>
#include <glib.h>
#include <libintl.h>

/* Switches to zh_CN.UTF-8 with the built catalogue (MATOU_LOCALEDIR). Returns the
 * locale to give back to matou_test_leave_chinese (), or NULL when the test was
 * skipped because something the setup must provide is missing. */
static inline char *
matou_test_enter_chinese (void)
{
  const char *localedir = g_getenv ("MATOU_LOCALEDIR");
  g_autofree char *mo = NULL;
  char *saved;

  if (localedir == NULL)
    {
      g_test_skip ("setup missing: MATOU_LOCALEDIR is not set (meson test sets it)");
      return NULL;
    }
  mo = g_build_filename (localedir, "zh_CN", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("setup missing: the zh_CN catalogue is not built");
      return NULL;
    }

  saved = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_free (saved);
      g_test_skip ("setup missing: the zh_CN.UTF-8 locale is not installed (build-aux/test generates it)");
      return NULL;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  return saved;
}

static inline void
matou_test_leave_chinese (char *saved)
{
  setlocale (LC_ALL, saved);
  g_free (saved);
}
