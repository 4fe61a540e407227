/* matou-helper: the root half of Matou, started through pkexec for one user action. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "matou-apply-request.h"
#include "matou-apply.h"
#include "matou-events.h"
#include "matou-helper-config.h"
#include "matou-install.h"
#include "matou-log-verb.h"
#include "matou-service-verb.h"


static const char * const locale_variables[] = {
  "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES",
};

static int
refuse (MatouHelperExit  status,
        const char      *message)
{
  g_autoptr(MatouHelperResult) result = matou_helper_result_new (MATOU_HELPER_RESULT_APPLY);

  result->status = status;
  result->error = g_strdup (message);

  return matou_events_result (result);
}

static int
refuse_to_run (const char *message)
{
  return refuse (MATOU_HELPER_EXIT_ENVIRONMENT, message);
}

/* Nothing of the caller's environment is trusted, but its language is kept, if it looks like one. */
static void
reset_environment (void)
{
  g_auto(GStrv) kept = g_new0 (char *, G_N_ELEMENTS (locale_variables) * 2 + 1);
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (locale_variables); i++)
    {
      const char *value = g_getenv (locale_variables[i]);

      if (value != NULL && strlen (value) < 64 &&
          g_regex_match_simple ("^[A-Za-z0-9_.@:-]*$", value, G_REGEX_DOLLAR_ENDONLY, 0))
        {
          kept[n++] = g_strdup (locale_variables[i]);
          kept[n++] = g_strdup (value);
        }
    }

  clearenv ();
  g_setenv ("PATH", MATOU_HELPER_SAFE_PATH, TRUE);
  for (guint i = 0; i < n; i += 2)
    g_setenv (kept[i], kept[i + 1], TRUE);
}

/* The request, whole; NULL when it is larger than any request can be. */
static GBytes *
read_request (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[4096];
  size_t n;

  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_byte_array_append (data, buffer, n);
      if (data->len > MATOU_APPLY_REQUEST_MAX_SIZE)
        return NULL;
    }

  g_byte_array_append (data, (const guint8 *) "", 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MatouHelperConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_config = g_build_filename (SYSCONFDIR, "matou", "helper.conf", NULL);
  const char *config_path = default_config;
  const char *verb = NULL;
  const char *argument = NULL;
  gboolean under_pkexec = g_getenv ("PKEXEC_UID") != NULL;
  /* Who asked: install adds that user to the docker group. Read before the environment goes. */
  g_autofree char *pkexec_uid = g_strdup (g_getenv ("PKEXEC_UID"));
  const char *localedir = under_pkexec ? NULL : g_getenv ("MATOU_LOCALEDIR");
  /* A rootless daemon is the user's own: the helper runs as that user, and
   * its places come from that user's home and runtime directory. */
  gboolean rootless = argc >= 2 && g_str_equal (argv[1], "--rootless");
  g_autofree char *home = g_strdup (g_get_home_dir ());
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  /* The rootless dockerd reads $XDG_CONFIG_HOME/docker/daemon.json; the GUI reads the same. */
  g_autofree char *config_home = g_strdup (g_get_user_config_dir ());
  g_auto(GStrv) own_environment = g_get_environ ();

  reset_environment ();
  if (rootless)
    {
      argc--;
      argv++;
    }
  umask (022);
  /* The reader may go away at any time (the window closed, the GUI crashed).
   * A write to the closed pipe must not kill the helper half-way through a
   * change: every verb finishes or rolls back as it would have, and only its
   * report is lost. Writes then fail with EPIPE, which the events ignore. */
  signal (SIGPIPE, SIG_IGN);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (argc >= 2 && g_str_equal (argv[1], "--config"))
    {
      /* Another configuration chooses what root touches: only root itself may name one. */
      if (under_pkexec)
        return refuse_to_run (_("--config is refused when the helper runs through pkexec."));
      if (argc >= 4)
        {
          config_path = argv[2];
          verb = argv[3];
          argument = argc == 5 ? argv[4] : NULL;
        }
    }
  else if (argc >= 2)
    {
      verb = argv[1];
      argument = argc == 3 ? argv[2] : NULL;
    }

  /* Only the service verb takes an argument, and only one. */
  if (verb == NULL || argc > (config_path == default_config ? 3 : 5) ||
      ((argument != NULL) != g_str_equal (verb, MATOU_HELPER_VERB_SERVICE)))
    return refuse_to_run (_("Usage: matou-helper [--rootless] [--config FILE] apply|rollback|status|install|log|service start|stop|restart"));

  if (rootless)
    {
      if (under_pkexec || geteuid () == 0)
        return refuse_to_run (_("--rootless is for a user’s own Docker daemon: the helper then runs as that user, never as root."));
      if (runtime_dir == NULL || !g_path_is_absolute (runtime_dir) || !g_file_test (runtime_dir, G_FILE_TEST_IS_DIR))
        return refuse_to_run (_("A rootless Docker daemon lives in your runtime directory, but XDG_RUNTIME_DIR is not set; log in again, or set it."));
      /* systemctl --user finds the user's manager through it; dockerd-rootless.sh
       * needs it and HOME, and reads the user's DOCKERD_ROOTLESS_* choices. */
      g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
      g_setenv ("HOME", home, TRUE);
      for (guint i = 0; own_environment[i] != NULL; i++)
        if (g_str_has_prefix (own_environment[i], "DOCKERD_ROOTLESS_"))
          putenv (g_strdup (own_environment[i]));
      if (g_str_equal (verb, MATOU_HELPER_VERB_INSTALL) || g_str_equal (verb, MATOU_HELPER_VERB_LOG))
        return refuse_to_run (_("A rootless Docker daemon is installed and its log read without Matou’s helper; --rootless takes apply, rollback, status and service."));
      config = matou_helper_config_load_rootless (config_path == default_config ? NULL : config_path,
                                                  home, config_home, runtime_dir, &error);
    }
  else if (geteuid () != 0)
    return refuse_to_run (_("matou-helper must run as root; Matou starts it through pkexec."));
  else
    config = matou_helper_config_load (config_path, &error);
  if (config == NULL)
    return refuse_to_run (error->message);

  /* install reads its own request: it keeps standard input open for "stop". */
  if (g_str_equal (verb, MATOU_HELPER_VERB_INSTALL))
    return matou_helper_install (config, pkexec_uid);
  if (g_str_equal (verb, MATOU_HELPER_VERB_APPLY))
    {
      g_autoptr(GBytes) request = read_request ();
      gsize length;
      const char *text;

      if (request == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The request is larger than %d bytes and was refused."),
                                                      MATOU_APPLY_REQUEST_MAX_SIZE);

          return refuse (MATOU_HELPER_EXIT_REFUSED, message);
        }
      text = g_bytes_get_data (request, &length);
      return matou_helper_apply (config, text, length - 1);
    }
  if (g_str_equal (verb, MATOU_HELPER_VERB_ROLLBACK))
    return matou_helper_rollback (config);
  if (g_str_equal (verb, MATOU_HELPER_VERB_STATUS))
    return matou_helper_status (config, under_pkexec);
  if (g_str_equal (verb, MATOU_HELPER_VERB_SERVICE))
    return matou_helper_service (config, argument);
  /* log reads its standard input only to notice its reader going away. */
  if (g_str_equal (verb, MATOU_HELPER_VERB_LOG))
    return matou_helper_log (config);

  return refuse_to_run (_("Unknown verb; matou-helper understands apply, rollback, status, install, log and service."));
}
