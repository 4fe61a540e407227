/* Matou's entry point. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "matou-application.h"
#include "matou-doctor-command.h"
#include "matou-export-command.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MatouApplication) app = NULL;
  const char *localedir = g_getenv ("MATOU_LOCALEDIR");

  /* Matou writes to pipes whose reader may be gone: the helper's input (its
   * request, "stop"), and the programs it runs. A write there must fail with
   * EPIPE, which the caller handles, rather than end the whole window without
   * a word, as SIGPIPE's default action does. */
  signal (SIGPIPE, SIG_IGN);

  /* MATOU_LOCALEDIR lets the build tree's translations be used before installing. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* `matou doctor` and `matou export` need no display and no session bus: it never starts the application. */
  if (argc >= 2 && g_str_equal (argv[1], "doctor"))
    return matou_doctor_command_run (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return matou_export_command_run (argc - 1, argv + 1);

  app = matou_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
